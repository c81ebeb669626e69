package analysis

import (
	"strconv"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

// BenchmarkChurn: the churn figures of n customers, one form of six
// items each, complaints and statuses cycling.
func BenchmarkChurn(b *testing.B) {
	levels := []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
	for _, n := range []int{100, 10000} {
		b.Run("customers="+strconv.Itoa(n), func(b *testing.B) {
			st, err := form.New(csat.FivePoint(), nil)
			if err != nil {
				b.Fatal(err)
			}
			status := map[string]csat.Status{}
			var ks []csat.Complaint
			for i := range n {
				id := "C" + strconv.Itoa(i)
				f := form.Form{Customer: id, Answers: map[string]string{}}
				for j, it := range exampleItems {
					f.Answers[it] = levels[(i*7+j*3)%5]
				}
				if err := st.Add(f); err != nil {
					b.Fatal(err)
				}
				status[id] = csat.Status(i % 3)
				for k := range i % 4 {
					ks = append(ks, csat.Complaint{ID: id + "-" + strconv.Itoa(k), Customer: id})
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Churn(st, ks, status, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
