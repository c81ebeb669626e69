package analysis

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/importance"
	"github.com/shopspring/decimal"
)

// The checks of a decoded report's priorities: the importance set must
// be ordered and ranked; the quadrant's items must be the set's, their
// performance the figure of their counts, the cuts those of their rule,
// the zones, gaps and fix-first list those of the cuts, and every
// fix-first item without a corrective action cautioned; each churn
// customer's degree must be that of its counts, and the rank
// correlation, status means, test and cautions those of the customers;
// each benchmark gap must be ours − theirs with our figure the survey's.

// sameJSON reports whether a and b marshal to the same bytes (both
// marshal: they were just decoded or computed).
func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// cautionsOf returns the cautions of the kinds given, in order.
func cautionsOf(cs []Caution, kinds ...CautionKind) []Caution {
	var out []Caution
	for _, c := range cs {
		if slices.Contains(kinds, c.Kind) {
			out = append(out, c)
		}
	}
	return out
}

// checkPriorities checks the importance, the quadrant and the
// benchmarks; cells are the sources' items.
func (r *report) checkPriorities(sc *csat.Scale, cells map[[2]string]ItemFigures) error {
	if r.Importance != nil {
		if err := checkImportance(r.Importance); err != nil {
			return err
		}
	}
	var fix []string
	if q := r.Quadrant; q != nil {
		if r.Importance == nil {
			return corrupt(csat.ErrMissing, "quadrant: no importance set")
		}
		if err := checkQuadrant(sc, q, r.Importance, cells); err != nil {
			return err
		}
		fix = q.FixFirst
	}
	if err := r.checkChurn(sc); err != nil {
		return err
	}
	if !sameJSON(actionCautions(fix, r.Actions), cautionsOf(r.Cautions, CautionNoAction)) {
		return corrupt(nil, "cautions: the fix-first items without a corrective action are not those cautioned")
	}
	return r.checkBenchmarks()
}

// checkImportance checks an importance set: named items, each once,
// most important first (ties by item), ranked from 1, tied values
// sharing a rank.
func checkImportance(s *importance.Set) error {
	if err := importanceOrder(s); err != nil {
		return corrupt(nil, "importance: %s", err)
	}
	return nil
}

// importanceOrder says what is wrong with the order or ranks of an
// importance set (nil when nothing is).
func importanceOrder(s *importance.Set) error {
	for i, it := range s.Items {
		where := quoteShort(it.Item)
		if it.Item == "" {
			return errText("an item without a name")
		}
		if i == 0 {
			if it.Rank != 1 {
				return errText(where + ": rank " + strconv.Itoa(it.Rank) + " of the most important item")
			}
			continue
		}
		prev := s.Items[i-1]
		c := prev.Value.Cmp(it.Value)
		switch {
		case c < 0 || (c == 0 && prev.Item >= it.Item):
			return errText(where + ": items not ordered most important first, ties by item, each once")
		case (c == 0) != (it.Rank == prev.Rank) || it.Rank < prev.Rank || it.Rank > i+1:
			return errText(where + ": rank " + strconv.Itoa(it.Rank) + " after rank " + strconv.Itoa(prev.Rank) + " does not follow the values")
		}
	}
	return nil
}

// checkQuadrant checks the quadrant against the importance set, the
// sources' counts and its own cuts.
func checkQuadrant(sc *csat.Scale, q *QuadrantReport, set *importance.Set, cells map[[2]string]ItemFigures) error {
	if q.Method != set.Method || len(q.Items) != len(set.Items) || len(q.Items) == 0 {
		return corrupt(nil, "quadrant: method %s or %d items, the importance set has %s and %d", quoteShort(q.Method), len(q.Items), quoteShort(set.Method), len(set.Items))
	}
	items := make([]QuadrantItem, len(q.Items))
	for i, it := range q.Items {
		if it.Item != set.Items[i].Item || !it.Importance.Equal(set.Items[i].Value) {
			return corrupt(nil, "quadrant: item %d %s is not the importance set's %s", i, quoteShort(it.Item), quoteShort(set.Items[i].Item))
		}
		f, ok := cells[[2]string{q.Source, it.Item}]
		if !ok {
			return corrupt(nil, "quadrant: %s has no answers by %s", quoteShort(it.Item), quoteShort(q.Source))
		}
		if err := checkTallyScore(countsTally(sc, f.Counts), it.Performance); err != nil {
			return corrupt(nil, "quadrant: %s: performance: %s", quoteShort(it.Item), err)
		}
		items[i] = QuadrantItem{Item: it.Item, Importance: it.Importance, Performance: it.Performance}
	}
	want := QuadrantReport{Method: q.Method, Source: q.Source, Items: items}
	for _, axis := range []struct {
		name  string
		got   Cut
		into  *Cut
		value func(QuadrantItem) csat.Result
	}{
		{"importance", q.Importance, &want.Importance, func(it QuadrantItem) csat.Result { return it.Importance }},
		{"performance", q.Performance, &want.Performance, func(it QuadrantItem) csat.Result { return it.Performance }},
	} {
		if _, err := axis.got.Rule.MarshalText(); err != nil {
			return corrupt(nil, "quadrant: %s cut: %s", axis.name, err)
		}
		var given *decimal.Decimal
		if axis.got.Rule == CutGiven {
			v := axis.got.Value.Value()
			given = &v
		}
		c, err := cutOf(axis.name, axis.got.Rule, items, axis.value, given)
		if err != nil {
			return corrupt(err, "quadrant: %s cut", axis.name)
		}
		*axis.into = c
	}
	if err := want.place(); err != nil {
		return corrupt(err, "quadrant")
	}
	if !sameJSON(want, *q) {
		return corrupt(nil, "quadrant: cuts, zones, gaps or the fix-first list do not follow from the items")
	}
	return nil
}

// countsTally returns the tally of counts on sc (counts the checks of the
// sources or of a customer found to fit the scale and add up).
func countsTally(sc *csat.Scale, counts []uint64) csat.Tally {
	tl := csat.NewTally(sc)
	for i, c := range counts {
		_ = tl.AddN(i, c) // checked to fit before
	}
	return tl
}

// checkBenchmarks checks each gap against the survey's figures: our
// figure, the benchmark's value, ours − theirs and the standing, in
// order of figure, item and kind.
func (r *report) checkBenchmarks() error {
	if len(r.Benchmarks) == 0 {
		return nil
	}
	i := slices.IndexFunc(r.Sources, func(sf SourceFigures) bool { return sf.Source == csat.SourceSurvey })
	if i < 0 {
		return corrupt(csat.ErrMissing, "benchmarks: no survey figures")
	}
	survey := r.Sources[i]
	type key struct {
		figure int
		item   string
		kind   BenchmarkKind
	}
	var prev key
	for k, g := range r.Benchmarks {
		fi := slices.IndexFunc(survey.Overall.Figures, func(f Figure) bool { return f.Score.Label() == g.Figure })
		if fi < 0 {
			return corrupt(nil, "benchmarks[%d]: no survey figure %s", k, quoteShort(g.Figure))
		}
		if _, err := g.Kind.MarshalText(); err != nil {
			return corrupt(nil, "benchmarks[%d]: %s", k, err)
		}
		want, err := benchmarkGap(survey, fi, Benchmark{Figure: g.Figure, Item: g.Item, Kind: g.Kind, Value: g.Theirs.Value()})
		if err != nil {
			return corrupt(err, "benchmarks[%d]", k)
		}
		if !sameJSON(want, g) {
			return corrupt(nil, "benchmarks[%d]: %s of %s: ours, theirs, the gap or the standing is not the survey's figure against the benchmark", k, g.Kind, quoteShort(itemName(g.Item)))
		}
		cur := key{fi, g.Item, g.Kind}
		if k > 0 && cmp.Or(cmp.Compare(prev.figure, cur.figure), strings.Compare(prev.item, cur.item), cmp.Compare(prev.kind, cur.kind)) >= 0 {
			return corrupt(nil, "benchmarks[%d]: not ordered by figure, item and kind, each once", k)
		}
		prev = cur
	}
	return nil
}

// checkChurn checks the churn figures: each customer's counts and
// degree, and the figures, test and cautions of the customers.
func (r *report) checkChurn(sc *csat.Scale) error {
	c := r.Churn
	if c == nil {
		if len(cautionsOf(r.Cautions, CautionNoCorrelation, CautionChurnSmall)) > 0 {
			return corrupt(nil, "cautions: churn cautions without churn figures")
		}
		return nil
	}
	if r.MinSample == nil || c.Source == "" {
		return corrupt(csat.ErrMissing, "churn: no source or no sample-size rule")
	}
	active, err := r.checkChurnCustomers(sc)
	if err != nil {
		return err
	}
	if c.Presumed > active {
		return corrupt(nil, "churn: %d customers presumed active, %d are active", c.Presumed, active)
	}
	alpha := decimal.RequireFromString("0.05")
	switch {
	case c.Spearman != nil:
		alpha = c.Spearman.Alpha
	case c.Test != nil:
		alpha = c.Test.Alpha
	}
	if !alpha.IsPositive() || !alpha.LessThan(one) {
		return corrupt(nil, "churn: alpha %s outside (0, 1)", alpha)
	}
	want, err := churnFigures(c.Source, slices.Clone(c.Customers), alpha, *r.MinSample)
	if err != nil {
		return corrupt(err, "churn")
	}
	want.Presumed, want.OutsideCustomers, want.OutsideComplaints = c.Presumed, c.OutsideCustomers, c.OutsideComplaints
	if !sameJSON(want, *c) {
		return corrupt(nil, "churn: the rank correlation, the status figures or the test do not follow from the customers")
	}
	if !sameJSON(churnCautions(want, *r.MinSample), cautionsOf(r.Cautions, CautionNoCorrelation, CautionChurnSmall)) {
		return corrupt(nil, "cautions: the churn cautions do not follow from the churn figures")
	}
	return nil
}

// checkChurnCustomers checks each churn customer: named, in order and
// once, with a known status, counts and a degree that agree, and answers
// within those of the churn source's overall counts; it returns the
// number of active customers.
func (r *report) checkChurnCustomers(sc *csat.Scale) (uint64, error) {
	c := r.Churn
	var active uint64
	var overall []uint64
	if i := slices.IndexFunc(r.Sources, func(sf SourceFigures) bool { return sf.Source == c.Source }); i >= 0 {
		overall = r.Sources[i].Overall.Counts
	}
	sum := make([]uint64, sc.Len())
	for i, cu := range c.Customers {
		where := "churn: customer " + quoteShort(cu.Customer)
		if cu.Customer == "" || (i > 0 && cu.Customer <= c.Customers[i-1].Customer) {
			return 0, corrupt(nil, "%s: customers empty, repeated or not sorted", where)
		}
		if _, err := cu.Status.MarshalText(); err != nil {
			return 0, corrupt(nil, "%s: %s", where, err)
		}
		if cu.Status == csat.Active {
			active++
		}
		f := ItemFigures{Item: cu.Customer, Answers: cu.Answers, Counts: cu.Counts, Figures: []Figure{{Score: cu.Degree}}}
		if err := checkItemFigures(sc, c.Source, f); err != nil {
			return 0, err
		}
		if cu.Answers == 0 || cu.Degree.Label() != "degree 满意度" {
			return 0, corrupt(nil, "%s: no answers, or a figure that is not the degree", where)
		}
		for l, n := range cu.Counts {
			if sum[l] += n; sum[l] < n || len(overall) != len(sum) || sum[l] > overall[l] {
				return 0, corrupt(nil, "%s: the customers' answers exceed the answers of %s", where, quoteShort(c.Source))
			}
		}
	}
	return active, nil
}
