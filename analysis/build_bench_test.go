package analysis

import (
	"fmt"
	"testing"

	"github.com/csatkit/csat"
)

// BenchmarkBuildReport builds the report of one period of 20 items, with
// a self-assessment and a survey per item and the previous period as
// history: the default headlines (degree and rate, each with its
// interval), the blend, the comparisons with the previous period and the
// Pareto. Issue 22's target: ≤ 0.1 s.
//
//	go test -run '^$' -bench BuildReport -benchmem -count 6 ./analysis
func BenchmarkBuildReport(b *testing.B) {
	for _, items := range []int{5, 20} {
		b.Run(fmt.Sprintf("items=%d", items), func(b *testing.B) {
			in := benchReportInput(b, items)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchReportInput makes n items whose counts differ from item to item
// (so that every item has its own degrees of freedom and rates), rated
// by the survey (30 + 7i answers) and by the staff (5 + i answers), in
// the current period and one before it.
func benchReportInput(b *testing.B, n int) Input {
	b.Helper()
	table := func(shift int) *csat.Table {
		tab := csat.NewTable(csat.FivePoint())
		for i := range n {
			item := fmt.Sprintf("item %02d 项目", i)
			for l := range 5 {
				survey := uint64(1 + (i*7+l*3+shift)%11 + (l+1)*(i%4+1))
				if err := tab.AddN(item, csat.SourceSurvey, l, survey); err != nil {
					b.Fatal(err)
				}
				if err := tab.AddN(item, csat.SourceSelf, l, uint64((i+l+shift)%3)); err != nil {
					b.Fatal(err)
				}
			}
		}
		return tab
	}
	prev := csat.Period{Name: "2026H1", Table: table(1)}
	return Input{Period: "2026H2", Table: table(0), History: []csat.Period{prev}, Baseline: 0}
}
