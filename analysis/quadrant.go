package analysis

import (
	"cmp"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/importance"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// A Zone is a quadrant of the importance–performance map (四分图, IPA,
// METHOD.md §12), cut by one line on each axis; an item on a line counts
// as high on that axis.
type Zone uint8

// The zones of the quadrant. The zero Zone is not one.
const (
	// ZoneFix (修补区): high importance, low performance — fix first.
	ZoneFix Zone = iota + 1
	// ZoneStrength (优势区): high importance, high performance — keep up.
	ZoneStrength
	// ZoneOpportunity (机会区): low importance, low performance — low
	// priority.
	ZoneOpportunity
	// ZoneMaintain (维持区): low importance, high performance — keep, or
	// possible overkill.
	ZoneMaintain
)

var zoneNames = [...]string{ZoneFix: "fix", ZoneStrength: "strength", ZoneOpportunity: "opportunity", ZoneMaintain: "maintain"}

var zoneEnum = enum.New[Zone]("Zone", "zone", csat.ErrInvalid, errorf, zoneNames[:]...)

// String returns "fix", "strength", "opportunity" or "maintain".
func (z Zone) String() string { return zoneEnum.String(z) }

// MarshalText encodes the zone by its name; the zero or an unknown value
// is an error wrapping [csat.ErrInvalid].
func (z Zone) MarshalText() ([]byte, error) { return zoneEnum.MarshalText(z) }

// UnmarshalText decodes a zone's name; any other text is an error
// wrapping [csat.ErrInvalid].
func (z *Zone) UnmarshalText(text []byte) error { return zoneEnum.UnmarshalText(text, z) }

// A CutRule says where a cut line of the quadrant is drawn.
type CutRule uint8

// The cut rules. The zero CutRule is not one; [QuadrantOptions] reads a
// zero Cut as [CutMean].
const (
	// CutMean draws the line at the mean of the items' values on the
	// axis, exact (the method's default).
	CutMean CutRule = iota + 1
	// CutMedian draws it at their median: the middle value, or the mean
	// of the two middle values of an even number of items, exact.
	CutMedian
	// CutGiven draws it at a value given in the options (a target, a
	// scale's midpoint).
	CutGiven
)

var cutNames = [...]string{CutMean: "mean", CutMedian: "median", CutGiven: "given"}

var cutEnum = enum.New[CutRule]("CutRule", "cut rule", csat.ErrInvalid, errorf, cutNames[:]...)

// String returns "mean", "median" or "given".
func (c CutRule) String() string { return cutEnum.String(c) }

// MarshalText encodes the rule by its name; the zero or an unknown value
// is an error wrapping [csat.ErrInvalid].
func (c CutRule) MarshalText() ([]byte, error) { return cutEnum.MarshalText(c) }

// UnmarshalText decodes a rule's name; any other text is an error
// wrapping [csat.ErrInvalid].
func (c *CutRule) UnmarshalText(text []byte) error { return cutEnum.UnmarshalText(text, c) }

// QuadrantOptions configures [Quadrant]. The zero value (or nil) is the
// method's: performance is each item's satisfaction degree on the survey,
// both cut lines at the mean of the items.
type QuadrantOptions struct {
	// Source is the source whose answers give the performance; ""
	// means [csat.SourceSurvey].
	Source string
	// Performance scores an item's answers; nil means [csat.Degree].
	Performance csat.Scorer
	// Cut is the rule of both lines not given below: [CutMean] (also
	// the zero value) or [CutMedian]; [CutGiven] is set by giving the
	// values.
	Cut CutRule
	// ImportanceCut and PerformanceCut, when not nil, draw the line on
	// that axis at the value given ([CutGiven]); a performance cut of a
	// fraction figure is a fraction like the figures (0.8 for 80%).
	ImportanceCut, PerformanceCut *decimal.Decimal
}

// A Cut is one cut line of the quadrant: its rule and its value (for the
// mean and the median, the exact value of the items' values with them as
// parts).
type Cut struct {
	Rule  CutRule     `json:"rule"`
	Value csat.Result `json:"value"`
}

// A QuadrantItem is one item placed in the quadrant.
type QuadrantItem struct {
	Item string `json:"item"`
	// Importance is the item's importance, as the importance method
	// gave it.
	Importance csat.Result `json:"importance"`
	// Performance is the item's figure (its degree by default).
	Performance csat.Result `json:"performance"`
	// Zone is decided on the exact values: importance at or above its cut
	// is high, performance at or above its cut is high.
	Zone Zone `json:"zone"`
	// Gap is the performance cut − the item's performance, exact:
	// positive below the line (how far the item falls short of the
	// others), zero on it, negative above.
	Gap csat.Result `json:"gap"`
}

// A QuadrantReport is the importance–performance quadrant (四分图) of the
// items, with the items to fix first.
type QuadrantReport struct {
	// Method names the importance method (importance.Set's Method).
	Method string `json:"method"`
	// Source is the source whose answers give the performance.
	Source string `json:"source"`
	// Importance and Performance are the cut lines on the two axes.
	Importance  Cut `json:"importance"`
	Performance Cut `json:"performance"`
	// Items are the items in the order of the importance set: most
	// important first, ties by item in byte order.
	Items []QuadrantItem `json:"items"`
	// FixFirst are the items of [ZoneFix] (修补区), the largest gap first
	// (the item furthest below the performance line), ties by the
	// higher importance, then by item in byte order.
	FixFirst []string `json:"fix_first"`
}

// Quadrant places the items of an importance set in the
// importance–performance quadrant (四分图, METHOD.md §12): each item's
// importance as the set gives it against its performance, the figure of
// its answers by the source (the survey's degree by default), read from
// the table t.
//
// The cut line on each axis is the mean of the items' values (exact), or
// their median, or a value given ([QuadrantOptions]). Decisions use the
// exact values: an item at or above a line is high on that axis, so an
// item exactly on a line is never in a lower zone than its neighbours
// above it. The zones are [ZoneFix] (修补区, high importance, low
// performance), [ZoneStrength] (优势区), [ZoneOpportunity] (机会区) and
// [ZoneMaintain] (维持区). Each item carries its gap, the performance cut
// − its performance (exact). The fix-first list holds the 修补区 items,
// the largest gap first: the item that falls furthest below the others'
// performance among those that matter most, ties by the higher
// importance, then by item.
//
// A nil table or an empty set is [csat.ErrEmpty]; an item without a name
// or given twice [csat.ErrInvalid] or [csat.ErrDuplicate]; an item without
// answers by the source [csat.ErrUnknownItem] naming it; importance values
// of different kinds [csat.ErrKindMismatch]; an unknown cut rule, or
// [CutGiven] without its values, [csat.ErrInvalid]; a given performance
// cut outside [0, 1] for a fraction figure [csat.ErrOutOfRange]; the
// scorer's error is returned naming the item.
func Quadrant(set importance.Set, t *csat.Table, opts *QuadrantOptions) (QuadrantReport, error) {
	var o QuadrantOptions
	if opts != nil {
		o = *opts
	}
	if o.Source == "" {
		o.Source = csat.SourceSurvey
	}
	if o.Performance == nil {
		o.Performance = csat.Degree{}
	}
	iRule, pRule, err := o.rules()
	if err != nil {
		return QuadrantReport{}, err
	}
	if t == nil || t.Scale() == nil || len(set.Items) == 0 {
		return QuadrantReport{}, errorf(csat.ErrEmpty, "quadrant: no table or no items")
	}
	q := QuadrantReport{Method: set.Method, Source: o.Source, Items: make([]QuadrantItem, 0, len(set.Items)), FixFirst: []string{}}
	seen := map[string]bool{}
	for _, it := range set.Items {
		switch {
		case it.Item == "":
			return QuadrantReport{}, errorf(csat.ErrInvalid, "quadrant: an item without a name")
		case seen[it.Item]:
			return QuadrantReport{}, errorf(csat.ErrDuplicate, "quadrant: item %s given twice", quoteShort(it.Item))
		}
		seen[it.Item] = true
		tl := cell(t, it.Item, o.Source)
		if empty(tl) {
			return QuadrantReport{}, errorf(csat.ErrUnknownItem, "quadrant: item %s has no answers by %s", quoteShort(it.Item), quoteShort(o.Source))
		}
		perf, err := o.Performance.Score(tl)
		if err != nil {
			return QuadrantReport{}, &csat.CellError{Item: it.Item, Source: o.Source, Err: err}
		}
		q.Items = append(q.Items, QuadrantItem{Item: it.Item, Importance: it.Value, Performance: perf})
	}
	sortQuadrant(q.Items)
	if q.Importance, err = cutOf("importance", iRule, q.Items, func(it QuadrantItem) csat.Result { return it.Importance }, o.ImportanceCut); err != nil {
		return QuadrantReport{}, err
	}
	if q.Performance, err = cutOf("performance", pRule, q.Items, func(it QuadrantItem) csat.Result { return it.Performance }, o.PerformanceCut); err != nil {
		return QuadrantReport{}, err
	}
	if err := q.place(); err != nil {
		return QuadrantReport{}, err
	}
	return q, nil
}

// rules returns the cut rule of each axis; a given value makes it
// [CutGiven].
func (o QuadrantOptions) rules() (imp, perf CutRule, err error) {
	rule := o.Cut
	switch rule {
	case 0:
		rule = CutMean
	case CutMean, CutMedian:
	case CutGiven:
		if o.ImportanceCut == nil || o.PerformanceCut == nil {
			return 0, 0, errorf(csat.ErrInvalid, "quadrant: cut rule given without both cut values")
		}
	default:
		return 0, 0, errorf(csat.ErrInvalid, "quadrant: cut rule %d", rule)
	}
	imp, perf = rule, rule
	if o.ImportanceCut != nil {
		imp = CutGiven
	}
	if o.PerformanceCut != nil {
		perf = CutGiven
	}
	return imp, perf, nil
}

// cutOf draws the cut line of one axis by rule over the items' values
// (value picks them); given is the value of [CutGiven]. The values must
// share one kind, which the cut takes.
func cutOf(axis string, rule CutRule, items []QuadrantItem, value func(QuadrantItem) csat.Result, given *decimal.Decimal) (Cut, error) {
	vals := make([]csat.Result, len(items))
	for i, it := range items {
		vals[i] = value(it)
		if vals[i].Kind() != vals[0].Kind() {
			return Cut{}, errorf(csat.ErrKindMismatch, "quadrant: %s of %s is %s but of %s %s", axis, quoteShort(it.Item), vals[i].Kind(), quoteShort(items[0].Item), vals[0].Kind())
		}
	}
	kind, label := vals[0].Kind(), axis+" cut ("+rule.String()+")"
	var v csat.Result
	var err error
	switch rule {
	case CutGiven:
		v, err = csat.Given(label, kind, *given)
	case CutMean:
		sum := new(big.Rat)
		for _, r := range vals {
			sum.Add(sum, r.Rat())
		}
		v, err = csat.FromRat(label, kind, exact.Quo(sum, exact.Uint(uint64(len(vals)))))
		v = v.WithFormula(func() string {
			terms := make([]string, len(vals))
			for i, r := range vals {
				terms[i] = r.String()
			}
			return "(" + strings.Join(terms, " + ") + ") / " + strconv.Itoa(len(vals))
		})
	case CutMedian:
		sorted := slices.Clone(vals)
		slices.SortStableFunc(sorted, func(a, b csat.Result) int { return a.Cmp(b) })
		m := sorted[len(sorted)/2].Rat()
		if len(sorted)%2 == 0 {
			m = exact.Quo(exact.Add(sorted[len(sorted)/2-1].Rat(), m), exact.Int(2))
		}
		v, err = csat.FromRat(label, kind, m)
		v = v.WithFormula(func() string {
			terms := make([]string, len(sorted))
			for i, r := range sorted {
				terms[i] = r.String()
			}
			return "median of " + strings.Join(terms, ", ")
		}).In("zh", cutZh(axis, rule), func() string {
			terms := make([]string, len(sorted))
			for i, r := range sorted {
				terms[i] = r.String()
			}
			return strings.Join(terms, "、") + " 的中位数"
		})
	}
	if err != nil {
		return Cut{}, errorf(err, "quadrant: %s cut", axis)
	}
	if rule != CutMedian {
		v = v.In("zh", cutZh(axis, rule), nil)
	}
	return Cut{Rule: rule, Value: v}, nil
}

// sortQuadrant orders items most important first, ties by item.
func sortQuadrant(items []QuadrantItem) {
	slices.SortStableFunc(items, func(a, b QuadrantItem) int {
		return cmp.Or(b.Importance.Cmp(a.Importance), strings.Compare(a.Item, b.Item))
	})
}

// place orders the items (most important first, ties by item), puts
// each in its zone with its gap, and lists the items to fix first.
func (q *QuadrantReport) place() error {
	sortQuadrant(q.Items)
	var fix []QuadrantItem
	for i := range q.Items {
		it := &q.Items[i]
		if it.Performance.Kind() != q.Performance.Value.Kind() {
			return errorf(csat.ErrKindMismatch, "quadrant: performance of %s is %s, its cut %s", quoteShort(it.Item), it.Performance.Kind(), q.Performance.Value.Kind())
		}
		high, good := it.Importance.Cmp(q.Importance.Value) >= 0, it.Performance.Cmp(q.Performance.Value) >= 0
		switch {
		case high && !good:
			it.Zone = ZoneFix
		case high:
			it.Zone = ZoneStrength
		case !good:
			it.Zone = ZoneOpportunity
		default:
			it.Zone = ZoneMaintain
		}
		gap, err := csat.Difference("gap", q.Performance.Value, it.Performance)
		if err != nil {
			return errorf(err, "quadrant: gap of %s", quoteShort(it.Item))
		}
		it.Gap = gap
		if it.Zone == ZoneFix {
			fix = append(fix, *it)
		}
	}
	slices.SortStableFunc(fix, func(a, b QuadrantItem) int {
		return cmp.Or(b.Gap.Cmp(a.Gap), b.Importance.Cmp(a.Importance), strings.Compare(a.Item, b.Item))
	})
	q.FixFirst = make([]string, len(fix))
	for i, it := range fix {
		q.FixFirst[i] = it.Item
	}
	return nil
}

var zoneChinese = [...]string{ZoneFix: "修补区", ZoneStrength: "优势区", ZoneOpportunity: "机会区", ZoneMaintain: "维持区"}

// Explain says in English why item is in its zone: its importance and
// performance against the cuts, its gap and its place in the fix-first
// list; "" for an item not in the quadrant.
func (q QuadrantReport) Explain(item string) string {
	i := slices.IndexFunc(q.Items, func(it QuadrantItem) bool { return it.Item == item })
	if i < 0 {
		return ""
	}
	it := q.Items[i]
	side := func(v, cut csat.Result) string {
		if v.Cmp(cut) >= 0 {
			return v.String() + " ≥ cut " + cut.String() + " (high)"
		}
		return v.String() + " < cut " + cut.String() + " (low)"
	}
	s := item + ": importance " + side(it.Importance, q.Importance.Value) + ", performance " + side(it.Performance, q.Performance.Value) +
		": " + it.Zone.String()
	if it.Zone >= ZoneFix && it.Zone <= ZoneMaintain {
		s += " (" + zoneChinese[it.Zone] + ")"
	}
	switch sign := it.Gap.Rat().Sign(); {
	case sign > 0:
		s += ", " + distance(it.Gap) + " below the performance line"
	case sign < 0:
		neg, _ := csat.FromRat("", it.Gap.Kind(), new(big.Rat).Neg(it.Gap.Rat()))
		s += ", " + distance(neg) + " above the performance line"
	default:
		s += ", on the performance line"
	}
	if k := slices.Index(q.FixFirst, item); k >= 0 {
		s += "; no. " + strconv.Itoa(k+1) + " to fix"
	}
	return s
}

// cutZh is the label of a cut in Chinese: "重要度分界（均值）".
func cutZh(axis string, rule CutRule) string {
	a := map[string]string{"importance": "重要度", "performance": "满意度"}[axis]
	if a == "" {
		a = axis
	}
	r := [...]string{CutMean: "均值", CutMedian: "中位数", CutGiven: "给定值"}
	if int(rule) < len(r) {
		return a + "分界（" + r[rule] + "）"
	}
	return a + "分界"
}

// distance prints a difference: a difference of fractions in percentage
// points ("≈9.44 pp"), of points as it is.
func distance(d csat.Result) string {
	if d.Kind() == csat.Fraction {
		return strings.TrimSuffix(d.String(), "%") + " pp"
	}
	return d.String()
}
