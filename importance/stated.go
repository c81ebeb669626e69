package importance

import (
	"math/big"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// Stated is the importance the customers stated (重要度, METHOD.md §12):
// the mean rating of each item on the importance scale of the Stats
// ([form.Stats.ImportanceScale]: 很重要 5, 重要 4, 一般 3, 不太重要 2,
// 不重要 1 by default), exact, in points of that scale,
//
//	importance = Σ count × points / n
//
// with its t interval at Input.Confidence: mean ± t(n − 1)·s/√n, s² the
// exact sample variance of the ratings, kept within the scale's lowest
// and highest points (an item with fewer than two ratings has no
// interval). [Set.Forms] is the fewest ratings of any item.
//
// Every item ranked must have at least one stated importance: items
// without are an error wrapping [csat.ErrMissing] that names them (rank
// the others by giving Input.Items). A nil Stats is [csat.ErrInvalid];
// no forms of the source, or no item, [csat.ErrEmpty]. Stated reads
// Input.Stats only (not Input.Matrix). The zero Stated is ready to use.
type Stated struct{}

// Importance returns the mean stated importance of the items.
func (Stated) Importance(in Input) (Set, error) {
	st, source := in.Stats, in.source()
	if st == nil {
		return Set{}, errs.New(csat.ErrInvalid, "stated: nil Stats")
	}
	if st.Forms(source) == 0 {
		return Set{}, errs.New(csat.ErrEmpty, "stated: no forms of source "+errs.QuoteShort(source))
	}
	items := in.Items
	if items == nil {
		items = sourceItems(st, source)
	}
	items, err := checkItems("stated", items)
	if err != nil {
		return Set{}, err
	}
	if len(items) == 0 {
		return Set{}, errs.New(csat.ErrEmpty, "stated: no item answered on the forms of source "+errs.QuoteShort(source))
	}
	var missing []string
	for _, it := range items {
		if n, _ := st.Importance(it, source).N(); n == 0 {
			missing = append(missing, errs.QuoteShort(it))
		}
	}
	if len(missing) > 0 {
		return Set{}, errs.New(csat.ErrMissing, "stated: no stated importance (重要度) of "+strings.Join(missing, ", ")+
			" on the forms of source "+errs.QuoteShort(source))
	}
	// The level of the intervals, checked by csat's own rules (a z given
	// is turned into its level): any tally with answers will do.
	wil, err := csat.RateInterval(st.Importance(items[0], source), in.Confidence)
	if err != nil {
		return Set{}, err
	}
	tq := tQuantiles{level: wil.Level, byDF: map[uint64]decimal.Decimal{}}
	set := Set{Method: "stated", Source: source, Forms: ^uint64(0), Items: make([]Item, len(items))}
	for i, it := range items {
		t := st.Importance(it, source)
		n, err := t.N()
		if err != nil {
			return Set{}, err
		}
		set.Forms = min(set.Forms, n)
		v, err := csat.Mean{}.Score(t)
		if err != nil {
			return Set{}, err
		}
		v = v.WithLabel("stated importance 重要度 of "+it).In("zh", it+"的陈述重要度", nil).In("en", "stated importance of "+it, nil)
		iv := meanInterval(t, v, n, &tq)
		set.Items[i] = Item{Item: it, Value: v, Interval: iv}
	}
	rank(set.Items, nil)
	return set, nil
}

// tQuantiles are the t quantiles of one level, by degrees of freedom
// (items with as many answers share theirs).
type tQuantiles struct {
	level decimal.Decimal
	byDF  map[uint64]decimal.Decimal
}

const wp = csat.Precision + 8 // working places of the intervals

func (q *tQuantiles) get(df uint64) decimal.Decimal {
	v, ok := q.byDF[df]
	if !ok {
		one := decimal.NewFromInt(1)
		p := one.Sub(one.Sub(q.level).Mul(decimal.New(5, -1)))
		v = mathx.TQuantile(p, decimal.NewFromUint64(df), wp)
		q.byDF[df] = v
	}
	return v
}

// meanInterval returns the t interval of the mean points of t (n answers,
// mean est), or nil for fewer than two answers.
func meanInterval(t csat.Tally, est csat.Result, n uint64, q *tQuantiles) *csat.Interval {
	if n < 2 {
		return nil
	}
	levels := t.Scale().Levels()
	pts := make([]*big.Rat, len(levels))
	lo, hi := levels[0].Points, levels[0].Points
	for i, l := range levels {
		pts[i] = l.Points.Rat()
		lo, hi = decimal.Min(lo, l.Points), decimal.Max(hi, l.Points)
	}
	v := stats.Variance(t.Counts(), pts, n)
	tq := q.get(n - 1)
	vd, _ := exact.Decimal(v, 2*wp+2)
	vn := vd.DivRound(decimal.NewFromUint64(n), 2*wp+2)
	se := mathx.Sqrt(vn, wp)
	m := est.Round(wp)
	return &csat.Interval{Method: "t", Level: q.level, Estimate: est,
		Low:      decimal.Max(m.Sub(tq.Mul(se)), lo).Round(csat.Precision),
		High:     decimal.Min(m.Add(tq.Mul(se)), hi).Round(csat.Precision),
		Quantile: tq.Round(csat.Precision), DF: decimal.NewFromUint64(n - 1), Variance: vn.Round(csat.Precision)}
}
