package analysis

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// The checks of a decoded [Report]: everything in it that follows from
// other parts of it must follow. The levels must make a scale (at most
// [csat.MaxLevels], keys unique, points non-negative, bands tiling); the
// counts of each source must add up (per item to its answers, the items
// to the overall counts); the figures of csat's own tally scorers
// (labelled "rate 满意率", "mean points", "degree 满意度") must be those
// of the counts, an interval's estimate its figure; the dissatisfied
// cells must be the counts' unsatisfied answers, the Pareto entries
// their shares, the gaps the differences of their parts, a target met
// exactly when the figure reaches it.

// corrupt returns an error wrapping csat.ErrCorrupt and, when not nil,
// also reason (a sentinel or a csat error).
func corrupt(reason error, format string, args ...any) error {
	text := "report: " + fmt.Sprintf(format, args...)
	if reason == nil {
		return errorf(csat.ErrCorrupt, "%s", text)
	}
	return errs.New(errors.Join(reason, csat.ErrCorrupt), text+": "+errs.Detail(reason)+" ("+errs.Detail(csat.ErrCorrupt)+")")
}

// check checks the decoded report r.
func (r *report) check() error {
	if r.Period == "" {
		return corrupt(csat.ErrMissing, "period: none (Build refuses a report without one)")
	}
	for i, a := range r.Actions {
		if err := a.Validate(); err != nil {
			return corrupt(nil, "actions[%d]: %s", i, errs.Detail(err))
		}
	}
	for i, tf := range r.Targets {
		if _, err := tf.Against.MarshalText(); err != nil {
			return corrupt(nil, "targets[%d]: against: %s (a null or missing key is not one)", i, errs.Detail(err))
		}
	}
	sc, err := r.scale()
	if err != nil {
		return err
	}
	cells := map[[2]string]ItemFigures{}
	seen := map[string]bool{}
	for _, sf := range r.Sources {
		if seen[sf.Source] {
			return corrupt(csat.ErrDuplicate, "sources: %s given twice", quoteShort(sf.Source))
		}
		seen[sf.Source] = true
		if err := checkSource(sc, sf, cells); err != nil {
			return err
		}
	}
	if err := r.checkDissatisfied(sc, cells); err != nil {
		return err
	}
	if err := r.checkPareto(); err != nil {
		return err
	}
	if err := r.checkForms(cells); err != nil {
		return err
	}
	if err := r.checkPriorities(sc, cells); err != nil {
		return err
	}
	for _, g := range r.Gaps {
		if !isDifference(g.DegreeGap, g.SelfDegree, g.SurveyDegree) || !isDifference(g.RateGap, g.SelfRate, g.SurveyRate) {
			return corrupt(nil, "gaps: %s: a gap is not self − survey", quoteShort(g.Item))
		}
	}
	for i, tf := range r.Targets {
		if len(r.Sources) == 0 || tf.Figure < 0 || tf.Figure >= len(r.Sources[0].Overall.Figures) {
			return corrupt(nil, "targets[%d]: target of headline figure %d", i, tf.Figure)
		}
		if tf.Met != (tf.Current.Cmp(tf.Target.Target) >= 0) {
			return corrupt(nil, "targets[%d]: met is %t but the figure %s against the target %s says otherwise", i, tf.Met, tf.Current, tf.Target.Target)
		}
	}
	return nil
}

// scale rebuilds the report's scale from its levels, with full marks the
// highest points or band bound (the report does not carry them): a level
// list csat.NewScale refuses is corrupt.
func (r *report) scale() (*csat.Scale, error) {
	full := decimal.Zero
	for _, l := range r.Levels {
		full = decimal.Max(full, l.Points)
		if l.Band != nil {
			full = decimal.Max(full, l.Band.High)
		}
	}
	if !full.IsPositive() {
		full = decimal.NewFromInt(1)
	}
	sc, err := csat.NewScale(r.Scale, full, r.Levels)
	if err != nil {
		return nil, corrupt(err, "levels")
	}
	return sc, nil
}

// checkSource checks the counts and figures of one source and records its
// items in cells.
func checkSource(sc *csat.Scale, sf SourceFigures, cells map[[2]string]ItemFigures) error {
	if sf.Overall.Item != "" {
		return corrupt(nil, "%s overall: item %s", quoteShort(sf.Source), quoteShort(sf.Overall.Item))
	}
	if err := checkItemFigures(sc, sf.Source, sf.Overall); err != nil {
		return err
	}
	sum := make([]uint64, sc.Len())
	for _, f := range sf.Items {
		if f.Item == "" {
			return corrupt(nil, "%s: an item without name", quoteShort(sf.Source))
		}
		if _, dup := cells[[2]string{sf.Source, f.Item}]; dup {
			return corrupt(csat.ErrDuplicate, "%s %s given twice", quoteShort(sf.Source), quoteShort(f.Item))
		}
		if err := checkItemFigures(sc, sf.Source, f); err != nil {
			return err
		}
		cells[[2]string{sf.Source, f.Item}] = f
		for i, c := range f.Counts {
			sum[i] += c // cannot wrap: the overall count of level i is at least the sum so far
			if sum[i] > sf.Overall.Counts[i] || sum[i] < c {
				return corrupt(nil, "%s: the items' counts of level %s exceed the overall count %d", quoteShort(sf.Source), quoteShort(sc.Levels()[i].Key), sf.Overall.Counts[i])
			}
		}
	}
	for i, c := range sf.Overall.Counts {
		if sum[i] != c {
			return corrupt(nil, "%s overall: count %d of level %s, but the items' counts add up to %d", quoteShort(sf.Source), c, quoteShort(sc.Levels()[i].Key), sum[i])
		}
	}
	return nil
}

// checkItemFigures checks one item's counts against its answers and the
// figures of csat's tally scorers against the counts.
func checkItemFigures(sc *csat.Scale, source string, f ItemFigures) error {
	where := quoteShort(source) + " " + quoteShort(itemName(f.Item))
	if len(f.Counts) != sc.Len() {
		return corrupt(nil, "%s: %d counts for %d levels", where, len(f.Counts), sc.Len())
	}
	tl := csat.NewTally(sc)
	for i, c := range f.Counts {
		if err := tl.AddN(i, c); err != nil {
			return corrupt(nil, "%s: counts overflow", where)
		}
	}
	if n, _ := tl.N(); n != f.Answers {
		return corrupt(nil, "%s: counts add up to %d, not %d answers", where, n, f.Answers)
	}
	for i, fig := range f.Figures {
		if fig.Interval != nil && fig.Interval.Estimate.Cmp(fig.Score) != 0 {
			return corrupt(nil, "%s: figures[%d]: interval estimate %s is not the figure %s", where, i, fig.Interval.Estimate, fig.Score)
		}
		if err := checkTallyScore(tl, fig.Score); err != nil {
			return corrupt(nil, "%s: figures[%d]: %s", where, i, err)
		}
	}
	return nil
}

// checkTallyScore checks a figure labelled as one of csat's tally scorers
// against the tally it scores. The degree's full marks are not in the
// report: its numerator must be the points earned and its denominator at
// least answers × the highest points.
func checkTallyScore(tl csat.Tally, score csat.Result) error {
	var want csat.Result
	var err error
	switch score.Label() {
	case "rate 满意率":
		want, err = csat.Rate{}.Score(tl)
	case "mean points":
		want, err = csat.Mean{}.Score(tl)
	case "degree 满意度":
		want, err = csat.Mean{}.Score(tl) // Σ count×points / n: the degree's numerator
		if err != nil || !score.Num().Equal(want.Num()) || score.Den().LessThan(want.Den().Mul(tl.Scale().FullMarks())) || score.Kind() != csat.Fraction {
			return fmt.Errorf("%s is not the points earned %s over the answers × full marks", score.Explain(), want.Num())
		}
		return nil
	default:
		return nil
	}
	if err != nil || score.Kind() != want.Kind() || score.Cmp(want) != 0 {
		return fmt.Errorf("%s, but the counts give %s", score.Explain(), want.Explain())
	}
	return nil
}

// checkDissatisfied checks that the dissatisfied cells are the cells of
// the sources, each with its unsatisfied answers.
func (r *report) checkDissatisfied(sc *csat.Scale, cells map[[2]string]ItemFigures) error {
	if len(r.Dissatisfied) != len(cells) {
		return corrupt(nil, "dissatisfied: %d cells, the sources have %d", len(r.Dissatisfied), len(cells))
	}
	seen := make(map[[2]string]bool, len(cells))
	for _, d := range r.Dissatisfied {
		key := [2]string{d.Source, d.Item}
		f, ok := cells[key]
		if !ok {
			return corrupt(nil, "dissatisfied: %s/%s is not an item of the sources", quoteShort(d.Item), quoteShort(d.Source))
		}
		if seen[key] {
			return corrupt(csat.ErrDuplicate, "dissatisfied: %s/%s given twice", quoteShort(d.Item), quoteShort(d.Source))
		}
		seen[key] = true
		var unsat uint64
		for i, l := range sc.Levels() {
			if !l.Satisfied {
				unsat += f.Counts[i] // at most the answers, checked to fit
			}
		}
		if d.N != f.Answers || d.Count != unsat || !isShare(d.Share, d.Count, d.N) {
			return corrupt(nil, "dissatisfied: %s/%s: %d of %d (%s), but its counts give %d of %d",
				quoteShort(d.Item), quoteShort(d.Source), d.Count, d.N, d.Share, unsat, f.Answers)
		}
	}
	return nil
}

// checkPareto checks the Pareto entries against the survey's dissatisfied
// cells: each item's count, its share of their total and the running
// share.
func (r *report) checkPareto() error {
	counts := map[string]uint64{}
	var total uint64
	for _, d := range r.Dissatisfied {
		if d.Source == csat.SourceSurvey && d.Count > 0 {
			counts[d.Item] = d.Count
			total += d.Count
			if total < d.Count {
				return corrupt(csat.ErrOverflow, "pareto: dissatisfied answers")
			}
		}
	}
	if len(r.Pareto) != len(counts) {
		return corrupt(nil, "pareto: %d entries for %d items with dissatisfied answers", len(r.Pareto), len(counts))
	}
	var run uint64
	for i, p := range r.Pareto {
		c, ok := counts[p.Item]
		if !ok || c != p.Count {
			return corrupt(nil, "pareto[%d]: %s with %d dissatisfied answers, the survey has %d", i, quoteShort(p.Item), p.Count, c)
		}
		delete(counts, p.Item)
		run += c
		if !isShare(p.Share, c, total) || !isShare(p.Cumulative, run, total) {
			return corrupt(nil, "pareto[%d]: %s: share %s or cumulative %s is not %d or %d of %d", i, quoteShort(p.Item), p.Share, p.Cumulative, c, run, total)
		}
	}
	return nil
}

// isShare reports whether r is the exact fraction k/n.
func isShare(r csat.Result, k, n uint64) bool {
	if n == 0 {
		return false
	}
	return r.Kind() == csat.Fraction && r.Rat().Cmp(new(big.Rat).SetFrac(new(big.Int).SetUint64(k), new(big.Int).SetUint64(n))) == 0
}

// isDifference reports whether d is exactly a − b.
func isDifference(d, a, b csat.Result) bool {
	return d.Rat().Cmp(new(big.Rat).Sub(a.Rat(), b.Rat())) == 0
}
