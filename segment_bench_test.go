package csat

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// benchCustomers returns n customers (fixed seed) whose values are, for
// kind "clv", the CLV of 12 monthly margins in cents at a discount of 1%
// (exact fractions over 101¹², most of them rounded quotients), and for
// kind "given", amounts in cents (exact decimals of one to seven digits);
// about one customer in fifty has a value ≤ 0 and one in ten repeats
// another's value (ties broken by id).
func benchCustomers(b *testing.B, kind string, n int) []CustomerValue {
	r := rand.New(rand.NewPCG(22, 3))
	disc := decimal.New(1, -2)
	vs := make([]CustomerValue, n)
	for i := range vs {
		vs[i].ID = "c" + strconv.Itoa(r.IntN(1<<30)) + "-" + strconv.Itoa(i)
		if i > 0 && r.IntN(10) == 0 {
			vs[i].Value = vs[r.IntN(i)].Value
			continue
		}
		sign := int64(1)
		if r.IntN(50) == 0 {
			sign = -1
		}
		switch kind {
		case "clv":
			ms := make([]decimal.Decimal, 12)
			for j := range ms {
				ms[j] = decimal.New(sign*r.Int64N(1e6), -2)
			}
			v, err := CLV(ms, disc)
			if err != nil {
				b.Fatal(err)
			}
			vs[i].Value = v
		default:
			vs[i].Value = mustGiven("", Points, decimal.New(sign*r.Int64N(1e7), -2))
		}
	}
	return vs
}

// reportCPU starts measuring the CPU time of a benchmark; the function
// it returns, called when the benchmark's loop is done, reports it per
// operation as cpu-ns/op (where the system tells it).
func reportCPU(b *testing.B) func() {
	c0, ok := cpuTime()
	return func() {
		if c1, ok1 := cpuTime(); ok && ok1 && b.N > 0 {
			b.ReportMetric(float64(c1-c0)/float64(b.N), "cpu-ns/op")
		}
	}
}

// BenchmarkSegment grades n customers A, B, C ([ABC.Segment]): the sort
// on exact values and the exact cumulative shares.
func BenchmarkSegment(b *testing.B) {
	for _, kind := range []string{"clv", "given"} {
		for _, n := range []int{1000, 10000, 100000} {
			vs := benchCustomers(b, kind, n)
			b.Run("value="+kind+"/n="+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b)()
				for b.Loop() {
					if _, err := (ABC{}).Segment(vs); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSummarize sums the classes of n graded customers.
func BenchmarkSummarize(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		as, err := ABC{}.Segment(benchCustomers(b, "clv", n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := Summarize(as); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkResultCmp compares two exact values: decimals, small
// fractions, and fractions beyond 64 bits (CLVs over 12 periods).
func BenchmarkResultCmp(b *testing.B) {
	ms := make([]decimal.Decimal, 12)
	for i := range ms {
		ms[i] = decimal.New(int64(10000+i), -2)
	}
	big1, _ := CLV(ms, dec("0.01"))
	ms[11] = dec("100.12")
	big2, _ := CLV(ms, dec("0.01"))
	q1, _ := Quotient("", Points, dec("190"), dec("250"))
	q2, _ := Quotient("", Points, dec("2"), dec("3"))
	for _, c := range []struct {
		name string
		x, y Result
	}{
		{"decimal", pts("1234.56"), pts("1234.5")},
		{"fraction", q1, q2},
		{"big", big1, big2},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.x.Cmp(c.y) == 0 {
					b.Fatal("equal")
				}
			}
		})
	}
}
