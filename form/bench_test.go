package form

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/csatkit/csat"
)

// benchForms returns n forms of 10 items and the overall question, each
// answer blank with probability 1/20, over 50 customers and two
// dimensions: the shape of a large survey export.
func benchForms(n int) []Form {
	r := rand.New(rand.NewPCG(1, 2))
	keys := csat.FivePoint().Levels()
	level := func() string {
		if r.IntN(20) == 0 {
			return ""
		}
		return keys[r.IntN(len(keys))].Key
	}
	out := make([]Form, n)
	for i := range out {
		f := Form{ID: fmt.Sprint("F", i), Customer: fmt.Sprint("C", r.IntN(50)), Answers: map[string]string{},
			Attrs:   map[string]string{"地区": []string{"华东", "华南", "华北"}[r.IntN(3)], "规模": []string{"大", "中", "小"}[r.IntN(3)]},
			Overall: level()}
		for k := range 10 {
			f.Answers[fmt.Sprint("项目", k)] = level()
		}
		out[i] = f
	}
	return out
}

// BenchmarkAdd: one form of 10 items and the overall question, counted
// into statistics that already hold thousands.
func BenchmarkAdd(b *testing.B) {
	fs := benchForms(4096)
	s, _ := New(csat.FivePoint(), nil)
	for _, f := range fs {
		_ = s.Add(f)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := s.Add(fs[i%len(fs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
