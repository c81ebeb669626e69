package analysis

import (
	"errors"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// The names of the tests of a [Breakdown].
const (
	testZ     = "two-proportion z-test (pooled)"
	testWelch = "Welch's t-test"
)

// BreakdownOptions configures [Breakdowns]. The zero value (or nil) means
// the defaults.
type BreakdownOptions struct {
	// Alpha is the significance level of the tests (zero: 0.05).
	Alpha decimal.Decimal
	// Confidence of the intervals (zero: 95%).
	Confidence csat.Confidence
	// MinSample is the sample-size rule (zero fields: 30 and 5 forms).
	MinSample MinSample
}

// resolve returns the rule with its defaults filled in; Suppress above
// Small is [csat.ErrInvalid].
func (m MinSample) resolve() (MinSample, error) {
	if m.Small == 0 {
		m.Small = DefaultSmallSample
	}
	if m.Suppress == 0 {
		m.Suppress = DefaultSuppressBelow
	}
	if m.Suppress > m.Small {
		return m, errorf(csat.ErrInvalid, "min sample: suppress below %d forms is above the small sample of %d", m.Suppress, m.Small)
	}
	return m, nil
}

// flag returns the sample flag of a figure on forms forms and answers
// answers: suppressed under Suppress forms or under 2 answers (nothing
// to test, no interval), small under Small forms, else ok.
func (m MinSample) flag(forms, answers uint64) SampleFlag {
	switch {
	case forms < m.Suppress || answers < 2:
		return SampleSuppressed
	case forms < m.Small:
		return SampleSmall
	}
	return SampleOK
}

// formCounts counts the forms, answers and blanks of every source of st,
// sources in the report's order, items sorted.
func formCounts(st *form.Stats) *FormCounts {
	fc := &FormCounts{Sources: []SourceForms{}}
	items := st.Items()
	for _, src := range sourceOrder(st.Sources()) {
		sf := SourceForms{Source: src, Forms: st.Forms(src), Answers: st.Answers(src), Items: []ItemForms{}}
		for _, it := range items {
			n, _ := st.Tally(it, src).N() // ≤ forms: fits
			b := st.Blanks(it, src)
			if n == 0 && b == 0 {
				continue
			}
			sf.Blanks += b // Σ blanks ≤ items × forms: saturate, never wrap
			if sf.Blanks < b {
				sf.Blanks = ^uint64(0)
			}
			sf.Items = append(sf.Items, ItemForms{Item: it, Answers: n, Blanks: b})
		}
		fc.Sources = append(fc.Sources, sf)
	}
	return fc
}

// sameAnswers checks that the forms' answers are the table's, source by
// source and item by item: otherwise the breakdowns would not add up to
// the headline figures. A difference is [csat.ErrInvalid] naming the
// cell.
func sameAnswers(st *form.Stats, t *csat.Table) error {
	ft, err := st.Table()
	if err != nil {
		return err
	}
	for _, src := range st.Sources() {
		items := slices.Clone(ft.Items())
		for _, c := range t.Cells() {
			if c.Source == src && !slices.Contains(items, c.Item) {
				items = append(items, c.Item)
			}
		}
		for _, it := range items {
			if !slices.Equal(cell(ft, it, src).Counts(), cell(t, it, src).Counts()) {
				return errorf(csat.ErrInvalid, "report: the forms' answers of %s by %s are not the table's", quoteShort(it), quoteShort(src))
			}
		}
	}
	return nil
}

// Breakdowns breaks the survey's answers ([csat.SourceSurvey]) down by
// every dimension of st (sorted) and, within each, by every scorer (in
// order), METHOD.md §12: per value of the dimension, the survey forms and
// answers of the forms with that value, the scorer's figure of their
// answers pooled over all items and, for a [csat.IntervalScorer], its
// interval. Each value carries a [SampleFlag] by the MinSample rule on
// its forms (also suppressed: fewer than 2 answers).
//
// Values are ordered best first: the figures by exact value, highest
// first, ties by value in byte order; then the suppressed values (no
// figure, no test, no letters) in byte order. For [csat.Rate] every two
// values not suppressed are tested by the pooled two-proportion z test
// ([CompareRates]), for [csat.Degree] by Welch's t test
// ([CompareDegrees]), in the order of the values; the p-values are
// adjusted by Holm within the breakdown, a pair is significant when its
// adjusted p-value is below Alpha, and the values get a compact letter
// display (the best "a"; values sharing a letter do not differ). Other
// scorers get figures without tests.
//
// A nil or empty st, or one without survey answers, is [csat.ErrEmpty];
// a nil scorer or an invalid option [csat.ErrInvalid] or
// [csat.ErrOutOfRange]; a scorer's error is returned naming the
// dimension and value.
func Breakdowns(st *form.Stats, scorers []csat.Scorer, opts *BreakdownOptions) ([]Breakdown, error) {
	var o BreakdownOptions
	if opts != nil {
		o = *opts
	}
	ms, err := o.MinSample.resolve()
	if err != nil {
		return nil, err
	}
	if o.Alpha, err = alphaOr(o.Alpha); err != nil {
		return nil, err
	}
	if st == nil || st.Scale() == nil || st.Answers(csat.SourceSurvey) == 0 {
		return nil, errorf(csat.ErrEmpty, "breakdowns: no survey answers")
	}
	all, err := surveyTotal(st)
	if err != nil {
		return nil, err
	}
	labels := make([]string, len(scorers))
	for i, s := range scorers {
		if s == nil {
			return nil, errorf(csat.ErrInvalid, "breakdowns: scorer %d is nil", i)
		}
		r, err := s.Score(all)
		if err != nil {
			return nil, errorf(err, "breakdowns: survey")
		}
		labels[i] = r.Label()
	}
	var out []Breakdown
	for _, dim := range st.Dimensions() {
		for i, s := range scorers {
			b, err := breakdown(st, dim, s, labels[i], ms, o)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// surveyTotal returns the survey's answers of st pooled over every item.
func surveyTotal(st *form.Stats) (csat.Tally, error) {
	t, err := st.Table()
	if err != nil {
		return csat.Tally{}, err
	}
	if !slices.Contains(t.Sources(), csat.SourceSurvey) {
		return csat.NewTally(st.Scale()), nil
	}
	return t.Total(csat.SourceSurvey)
}

// testOf returns the test of a scorer's figure: "" for a scorer without
// one.
func testOf(s csat.Scorer) string {
	switch s.(type) {
	case csat.Rate, *csat.Rate:
		return testZ
	case csat.Degree, *csat.Degree:
		return testWelch
	}
	return ""
}

// breakdown is one dimension's breakdown of one scorer's figure.
func breakdown(st *form.Stats, dim string, s csat.Scorer, label string, ms MinSample, o BreakdownOptions) (Breakdown, error) {
	b := Breakdown{Dimension: dim, Figure: label, Test: testOf(s), Alpha: o.Alpha, Values: []GroupFigure{}}
	var tallies []csat.Tally
	for _, v := range st.Values(dim) {
		g := st.Group(dim, v)
		tl, err := surveyTotal(g)
		if err != nil {
			return b, errorf(err, "breakdowns: %s = %s", quoteShort(dim), quoteShort(v))
		}
		n, err := tl.N()
		if err != nil {
			return b, errorf(err, "breakdowns: %s = %s", quoteShort(dim), quoteShort(v))
		}
		gf := GroupFigure{Value: v, Forms: g.Answered(csat.SourceSurvey), Answers: n}
		gf.Sample = ms.flag(gf.Forms, n)
		if gf.Sample != SampleSuppressed {
			if err := scoreGroup(&gf, s, tl, o.Confidence); err != nil {
				return b, errorf(err, "breakdowns: %s = %s", quoteShort(dim), quoteShort(v))
			}
		}
		b.Values = append(b.Values, gf)
		tallies = append(tallies, tl)
	}
	order := make([]int, len(b.Values))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmpGroups(b.Values[i], b.Values[j]) })
	values, sorted := make([]GroupFigure, len(order)), make([]csat.Tally, len(order))
	for k, i := range order {
		values[k], sorted[k] = b.Values[i], tallies[i]
	}
	b.Values = values
	if b.Test == "" {
		return b, nil
	}
	if err := b.test(sorted); err != nil {
		return b, errorf(err, "breakdowns: %s", quoteShort(dim))
	}
	return b, nil
}

// cmpGroups orders figures best first (exact value, highest first, ties
// by value), the suppressed last by value.
func cmpGroups(a, b GroupFigure) int {
	sa, sb := a.Sample == SampleSuppressed, b.Sample == SampleSuppressed
	switch {
	case sa && !sb:
		return 1
	case sb && !sa:
		return -1
	case !sa:
		if c := b.Score.Cmp(*a.Score); c != 0 {
			return c
		}
	}
	return strings.Compare(a.Value, b.Value)
}

// scoreGroup sets the figure of one value and its interval (none when
// the scorer cannot give one for so few answers).
func scoreGroup(gf *GroupFigure, s csat.Scorer, tl csat.Tally, c csat.Confidence) error {
	r, err := s.Score(tl)
	if err != nil {
		return err
	}
	gf.Score = &r
	if is, ok := s.(csat.IntervalScorer); ok {
		iv, err := is.Interval(tl, c)
		switch {
		case errors.Is(err, csat.ErrTooFew):
		case err != nil:
			return err
		default:
			gf.Interval = &iv
		}
	}
	return nil
}

// test compares every two values not suppressed, adjusts the p-values by
// Holm and sets the significance and the letters; tallies are the
// values' answers, in the order of b.Values.
func (b *Breakdown) test(tallies []csat.Tally) error {
	k := 0
	for k < len(b.Values) && b.Values[k].Sample != SampleSuppressed {
		k++
	}
	var ps []decimal.Decimal
	for i := range k {
		for j := i + 1; j < k; j++ {
			c, err := compareGroups(b.Test, tallies[i], tallies[j], b.Alpha)
			if err != nil {
				return errorf(err, "%s against %s", quoteShort(b.Values[i].Value), quoteShort(b.Values[j].Value))
			}
			b.Pairs = append(b.Pairs, GroupPair{A: b.Values[i].Value, B: b.Values[j].Value, Comparison: c})
			ps = append(ps, c.PValue)
		}
	}
	for i, adj := range stats.Holm(ps) {
		b.Pairs[i].Adjusted = adj
		b.Pairs[i].Significant = adj.LessThan(b.Alpha)
	}
	letters := stats.CompactLetters(k, func(i, j int) bool { return b.Pairs[pairIndex(k, i, j)].Significant })
	for i, l := range letters {
		if len(l) > maxLetters {
			return errorf(csat.ErrOutOfRange, "%s: a letter display of %d bytes, more than the limit of %d", quoteShort(b.Values[i].Value), len(l), maxLetters)
		}
		b.Values[i].Letters = l
	}
	return nil
}

// maxLetters bounds the letter display of one value (bytes): a value
// belongs to at most a few letters unless the differences between many
// values form a pathological pattern. It keeps the decoder's check of
// every pair's letters linear in the report's size.
const maxLetters = 4096

// pairIndex is the index of the pair (i, j), i < j, among the pairs of k
// values listed (0,1), (0,2), …, (1,2), ….
func pairIndex(k, i, j int) int { return i*(2*k-i-1)/2 + j - i - 1 }

// compareGroups tests two values' answers by the breakdown's test.
func compareGroups(test string, a, b csat.Tally, alpha decimal.Decimal) (Comparison, error) {
	if test == testWelch {
		return CompareDegrees(a, b, alpha)
	}
	pa, err := csat.SatisfiedOf(a)
	if err != nil {
		return Comparison{}, err
	}
	pb, err := csat.SatisfiedOf(b)
	if err != nil {
		return Comparison{}, err
	}
	return CompareRates(pa, pb, alpha)
}

// groupCautions lists, per dimension (its first figure's breakdown),
// the values suppressed and flagged small, with their forms.
func groupCautions(st *form.Stats, bs []Breakdown, ms MinSample) []Caution {
	var out []Caution
	if empty := st.Forms(csat.SourceSurvey) - st.Answered(csat.SourceSurvey); empty > 0 {
		out = append(out, Caution{Kind: CautionEmptyForms, N: []uint64{empty}})
	}
	seen := map[string]bool{}
	for _, b := range bs {
		if seen[b.Dimension] {
			continue
		}
		seen[b.Dimension] = true
		var in uint64
		for _, v := range b.Values {
			in += v.Forms // answered forms, each in one value of the dimension
		}
		if none := st.Answered(csat.SourceSurvey) - in; none > 0 {
			out = append(out, Caution{Kind: CautionNoValue, Subject: b.Dimension, N: []uint64{none}})
		}
		sup := Caution{Kind: CautionGroupSuppressed, Subject: b.Dimension, Limit: ms.Suppress}
		small := Caution{Kind: CautionGroupSmall, Subject: b.Dimension, Limit: ms.Small}
		for _, v := range b.Values {
			switch v.Sample {
			case SampleSuppressed:
				sup.Values, sup.N = append(sup.Values, v.Value), append(sup.N, v.Forms)
			case SampleSmall:
				small.Values, small.N = append(small.Values, v.Value), append(small.N, v.Forms)
			}
		}
		if len(sup.Values) > 0 {
			out = append(out, sup)
		}
		if len(small.Values) > 0 {
			out = append(out, small)
		}
	}
	return out
}
