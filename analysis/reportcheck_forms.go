package analysis

import (
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// The checks of a decoded report's form parts: the counts of forms,
// answers and blanks must add up and be the sources' answers; the
// breakdowns' sample flags must follow the report's rule, their values
// be ordered best first, their pairs be the Holm-adjusted tests of every
// two values not suppressed and their letters agree with the pairs; the
// response rates must be returned / sent; the control chart must be the
// p-chart of its own counts.

// checkForms checks the form parts of r; cells are the sources' items.
func (r *report) checkForms(cells map[[2]string]ItemFigures) error {
	formView := r.MinSample != nil
	if !formView && (r.Forms != nil || len(r.Groups) > 0 || r.Response != nil || r.Control != nil) {
		return corrupt(csat.ErrMissing, "min_sample: none, but the report has form counts, groups, a response rate or a control chart")
	}
	if formView && (r.MinSample.Small == 0 || r.MinSample.Suppress == 0 || r.MinSample.Suppress > r.MinSample.Small) {
		return corrupt(nil, "min_sample: suppress %d, small %d", r.MinSample.Suppress, r.MinSample.Small)
	}
	if r.Forms != nil {
		if err := r.checkFormCounts(cells); err != nil {
			return err
		}
	}
	for i, c := range r.Cautions {
		if !formView || !c.check() {
			return corrupt(nil, "cautions[%d]: a %s caution without its subject, values or numbers, or without a sample rule", i, c.Kind)
		}
	}
	seen := map[[2]string]bool{}
	for i := range r.Groups {
		b := &r.Groups[i]
		key := [2]string{b.Dimension, b.Figure}
		if seen[key] {
			return corrupt(csat.ErrDuplicate, "groups: %s %s given twice", quoteShort(b.Dimension), quoteShort(b.Figure))
		}
		seen[key] = true
		if err := checkBreakdown(b, *r.MinSample); err != nil {
			return corrupt(nil, "groups[%d] (%s, %s): %s", i, quoteShort(b.Dimension), quoteShort(b.Figure), err)
		}
	}
	if r.Response != nil {
		if err := r.checkResponse(); err != nil {
			return err
		}
	}
	if r.Control != nil {
		return r.checkControl()
	}
	return nil
}

// checkFormCounts checks the counts of forms, answers and blanks.
func (r *report) checkFormCounts(cells map[[2]string]ItemFigures) error {
	srcs := make([]string, len(r.Forms.Sources))
	overall := map[string]uint64{}
	for _, sf := range r.Sources {
		overall[sf.Source] = sf.Overall.Answers
	}
	for i, sf := range r.Forms.Sources {
		srcs[i] = sf.Source
		where := "forms: " + quoteShort(sf.Source)
		if sf.Source == "" || slices.Contains(srcs[:i], sf.Source) {
			return corrupt(csat.ErrDuplicate, "%s: source empty or given twice", where)
		}
		if sf.Answers != overall[sf.Source] {
			return corrupt(nil, "%s: %d answers, the source has %d", where, sf.Answers, overall[sf.Source])
		}
		var answers, blanks uint64
		for j, it := range sf.Items {
			if it.Item == "" || (j > 0 && it.Item <= sf.Items[j-1].Item) {
				return corrupt(nil, "%s: items empty, repeated or not sorted at %s", where, quoteShort(it.Item))
			}
			if it.Answers > sf.Forms || it.Blanks > sf.Forms-it.Answers || it.Answers+it.Blanks == 0 {
				return corrupt(nil, "%s %s: %d answers and %d blanks on %d forms", where, quoteShort(it.Item), it.Answers, it.Blanks, sf.Forms)
			}
			if it.Answers > 0 && cells[[2]string{sf.Source, it.Item}].Answers != it.Answers {
				return corrupt(nil, "%s %s: %d answers, the source's item has %d", where, quoteShort(it.Item), it.Answers, cells[[2]string{sf.Source, it.Item}].Answers)
			}
			answers, blanks = answers+it.Answers, blanks+it.Blanks
			if answers < it.Answers || blanks < it.Blanks {
				return corrupt(csat.ErrOverflow, "%s: answers or blanks", where)
			}
		}
		if answers != sf.Answers || blanks != sf.Blanks || (sf.Forms == 0 && len(sf.Items) > 0) {
			return corrupt(nil, "%s: %d answers and %d blanks, the items add up to %d and %d", where, sf.Answers, sf.Blanks, answers, blanks)
		}
	}
	if !slices.Equal(srcs, sourceOrder(srcs)) {
		return corrupt(nil, "forms: sources not in the report's order")
	}
	return nil
}

// checkBreakdown checks one breakdown against the sample-size rule ms.
func checkBreakdown(b *Breakdown, ms MinSample) error {
	if b.Dimension == "" || b.Figure == "" {
		return errText("dimension or figure without name")
	}
	if b.Test != "" && b.Test != testZ && b.Test != testWelch {
		return errText("unknown test " + quoteShort(b.Test))
	}
	if !b.Alpha.IsPositive() || !b.Alpha.LessThan(one) {
		return errText("alpha " + b.Alpha.String() + " outside (0, 1)")
	}
	k := 0
	for i := range b.Values {
		v := &b.Values[i]
		if err := checkGroupFigure(v, ms, b.Test != ""); err != nil {
			return errText(quoteShort(v.Value) + ": " + err.Error())
		}
		if v.Sample != SampleSuppressed {
			k++
		}
		if i > 0 && cmpGroups(b.Values[i-1], *v) >= 0 {
			return errText(quoteShort(v.Value) + ": values not ordered best first, suppressed last, ties by value")
		}
	}
	if b.Test == "" {
		if len(b.Pairs) > 0 {
			return errText("pairs of a figure without a test")
		}
		return nil
	}
	return checkPairs(b, k)
}

// errText is an error of a fixed text (the checks' reasons).
type errText string

func (e errText) Error() string { return string(e) }

// checkGroupFigure checks one value's flag and figure.
func checkGroupFigure(v *GroupFigure, ms MinSample, tested bool) error {
	if v.Value == "" {
		return errText("a value without name")
	}
	if _, err := v.Sample.MarshalText(); err != nil || v.Sample != ms.flag(v.Forms, v.Answers) {
		return errText("sample flag " + v.Sample.String() + " does not follow the rule for its forms and answers")
	}
	if v.Sample == SampleSuppressed {
		if v.Score != nil || v.Interval != nil || v.Letters != "" {
			return errText("a suppressed value has a figure, an interval or letters")
		}
		return nil
	}
	if len(v.Letters) > maxLetters {
		return errText("letters: more than the limit of 4096 bytes")
	}
	if v.Score == nil || (tested && v.Letters == "") || (!tested && v.Letters != "") {
		return errText("a figure without a score, or letters that do not follow the test")
	}
	if v.Interval != nil && v.Interval.Estimate.Cmp(*v.Score) != 0 {
		return errText("interval estimate is not the figure")
	}
	if tested && (v.Score.Kind() != csat.Fraction || v.Score.Rat().Sign() < 0 || v.Score.Rat().Cmp(one.Rat()) > 0) {
		return errText("figure " + v.Score.String() + " is not a fraction in [0, 1]")
	}
	return nil
}

// checkPairs checks the tests of the k values not suppressed (the first
// k): every pair in order, its p-values adjusted by Holm, its verdict,
// and the letters.
func checkPairs(b *Breakdown, k int) error {
	if len(b.Pairs) != k*(k-1)/2 {
		return errText("pairs are not every two values not suppressed")
	}
	ps := make([]decimal.Decimal, len(b.Pairs))
	for i := range k {
		for j := i + 1; j < k; j++ {
			p := &b.Pairs[pairIndex(k, i, j)]
			c := &p.Comparison
			if p.A != b.Values[i].Value || p.B != b.Values[j].Value || c.Test != b.Test || !c.Alpha.Equal(b.Alpha) ||
				c.Ours.Cmp(*b.Values[i].Score) != 0 || c.Theirs.Cmp(*b.Values[j].Score) != 0 {
				return errText("pair " + quoteShort(p.A) + "–" + quoteShort(p.B) + " is not the test of the values in order")
			}
			ps[pairIndex(k, i, j)] = c.PValue
		}
	}
	for i, adj := range stats.Holm(ps) {
		p := &b.Pairs[i]
		if !p.Adjusted.Equal(adj) || p.Adjusted.LessThan(p.Comparison.PValue) || p.Significant != p.Adjusted.LessThan(b.Alpha) {
			return errText("pair " + quoteShort(p.A) + "–" + quoteShort(p.B) + ": adjusted p-value " + p.Adjusted.String() + " or verdict is not Holm's " + adj.String())
		}
	}
	if k > 0 && !strings.Contains(b.Values[0].Letters, "a") {
		return errText("the best value has no letter a")
	}
	sets := make([]map[string]bool, k)
	for i := range k {
		sets[i] = map[string]bool{}
		for _, l := range letters(b.Values[i].Letters) {
			sets[i][l] = true
		}
	}
	for i := range k {
		for j := i + 1; j < k; j++ {
			if shareLetter(sets[i], letters(b.Values[j].Letters)) == b.Pairs[pairIndex(k, i, j)].Significant {
				return errText("letters of " + quoteShort(b.Values[i].Value) + " and " + quoteShort(b.Values[j].Value) + " contradict their test")
			}
		}
	}
	return nil
}

// shareLetter reports whether a letter of b is in the set a (at most
// [maxLetters] bytes each: the check of all pairs is linear in the
// pairs' JSON).
func shareLetter(a map[string]bool, b []string) bool {
	for _, l := range b {
		if a[l] {
			return true
		}
	}
	return false
}

func letters(s string) []string {
	var out []string
	for s != "" {
		n := 1
		if s[0] == '{' {
			if n = strings.IndexByte(s, '}') + 1; n == 0 {
				n = len(s)
			}
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// checkResponse checks the response rates.
func (r *report) checkResponse() error {
	rs := r.Response
	if rs.Dimension == "" || len(rs.Strata) == 0 {
		return corrupt(nil, "response: no dimension or no strata")
	}
	var sent, ret uint64
	for i, s := range rs.Strata {
		if s.Stratum == "" || (i > 0 && s.Stratum <= rs.Strata[i-1].Stratum) {
			return corrupt(nil, "response: strata empty, repeated or not sorted at %s", quoteShort(s.Stratum))
		}
		if err := checkStratum(s, rs.Minimum); err != nil {
			return err
		}
		sent, ret = sent+s.Sent, ret+s.Returned
		if sent < s.Sent {
			return corrupt(csat.ErrOverflow, "response: forms sent")
		}
	}
	o := rs.Overall
	if o.Stratum != "" || o.Sent != sent || o.Returned != ret || o.UnderMinimum || !isShare(o.Rate, ret, sent) {
		return corrupt(nil, "response: overall %d of %d (%s), the strata add up to %d of %d", o.Returned, o.Sent, o.Rate, ret, sent)
	}
	for i, u := range rs.Unplanned {
		_, planned := slices.BinarySearchFunc(rs.Strata, u.Stratum, func(s StratumResponse, v string) int { return strings.Compare(s.Stratum, v) })
		if u.Stratum == "" || u.Returned == 0 || planned || (i > 0 && u.Stratum <= rs.Unplanned[i-1].Stratum) {
			return corrupt(nil, "response: unplanned stratum %s empty, planned, repeated or not sorted", quoteShort(u.Stratum))
		}
	}
	return nil
}

// checkStratum checks one stratum's rate and flag.
func checkStratum(s StratumResponse, minimum uint64) error {
	if s.Sent == 0 || s.Returned > s.Sent || !isShare(s.Rate, s.Returned, s.Sent) || s.UnderMinimum != (s.Returned < minimum) {
		return corrupt(nil, "response: stratum %s: %d returned of %d sent, rate %s, under minimum %t", quoteShort(s.Stratum), s.Returned, s.Sent, s.Rate, s.UnderMinimum)
	}
	return nil
}

// checkControl checks the control chart against the p-chart of its own
// counts, and its periods against the trend's.
func (r *report) checkControl() error {
	c := r.Control
	x, n := make([]uint64, len(c.Periods)), make([]uint64, len(c.Periods))
	for i, p := range c.Periods {
		x[i], n[i] = p.Satisfied, p.N
		if p.Period == "" || !isShare(p.Rate, p.Satisfied, p.N) {
			return corrupt(nil, "control: period %d %s: rate %s is not %d of %d", i, quoteShort(p.Period), p.Rate, p.Satisfied, p.N)
		}
		if r.Trend != nil && (len(r.Trend.Points) != len(c.Periods) || r.Trend.Points[i].Period != p.Period) {
			return corrupt(nil, "control: period %d %s is not the trend's", i, quoteShort(p.Period))
		}
	}
	if c.Source == "" || len(c.Periods) < 2 {
		return corrupt(nil, "control: no source or fewer than 2 periods")
	}
	ch, err := stats.PChart(x, n, csat.Precision)
	if err != nil {
		return corrupt(nil, "control: %v", err)
	}
	want, err := controlChart(periodNames(c.Periods), c.Source, ch)
	if err != nil {
		return corrupt(err, "control")
	}
	if !c.Center.Equal(want.Center) || !c.SigmaZ.Equal(want.SigmaZ) || c.Laney != want.Laney {
		return corrupt(nil, "control: centre line %s, σz %s or Laney %t is not the p-chart of the counts", c.Center, c.SigmaZ, c.Laney)
	}
	for i, p := range c.Periods {
		w := want.Periods[i]
		if !p.Rate.Equal(w.Rate) || !p.Lower.Equal(w.Lower) || !p.Upper.Equal(w.Upper) || p.Signal != w.Signal {
			return corrupt(nil, "control: period %s: limits [%s, %s] or signal %q is not the p-chart's [%s, %s] %q",
				quoteShort(p.Period), p.Lower, p.Upper, p.Signal, w.Lower, w.Upper, w.Signal)
		}
	}
	return nil
}

// periodNames returns periods with only their names, for controlChart.
func periodNames(ps []ControlPeriod) []csat.Period {
	out := make([]csat.Period, len(ps))
	for i, p := range ps {
		out[i].Name = p.Period
	}
	return out
}
