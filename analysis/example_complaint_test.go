package analysis_test

import (
	"fmt"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// Complaint-handling figures over a period: the share handled within 24
// hours, the iceberg estimate and the customers expected lost to delay.
func ExampleComplaints() {
	day := func(d, h int) time.Time { return time.Date(2026, 6, d, h, 0, 0, 0, time.UTC) }
	fig, err := analysis.Complaints([]csat.Complaint{
		{ID: "A", Customer: "X", Received: day(1, 9), FirstResponse: day(1, 10), Resolved: day(1, 21), Outcome: csat.HandledVerySatisfied},
		{ID: "B", Customer: "Y", Received: day(2, 9), FirstResponse: day(2, 13), Resolved: day(4, 10), Outcome: csat.HandledBasicallySatisfied},
		{ID: "D", Customer: "Z", Received: day(25, 0), Outcome: csat.NotHandled},
	}, &analysis.ComplaintOptions{AsOf: day(30, 0)})
	if err != nil {
		panic(err)
	}
	fmt.Println(fig.WithinLimit.Explain())
	fmt.Println(fig.Dissatisfied.Explain())
	fmt.Println(fig.ExpectedLost.Explain(), "exactly", fig.ExpectedLost.Value())
	fmt.Println(fig.ExpectedReturns.Explain())
	fmt.Println(fig.Open[0].ID, fig.Open[0].Age)
	// Output:
	// handled within 24 h = 1 / 3 = ≈33.33%
	// dissatisfied customers (iceberg) = 3 complainants / 0.05 = 60
	// expected customers lost to delay = Σ 1 − (1 − 0.1)^d over B: 1d, D: 4d = ≈0.44 exactly 0.4439
	// expected returning complainants = 0.95×1 within the limit + 0.6×1 late = 1.55
	// D 120h0m0s
}
