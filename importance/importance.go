package importance

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/exact"
)

// A Method gives each item its importance to the customers, from the
// statistics of the returned forms. The built-ins are [Stated] (the mean
// stated importance), [Correlation] (Pearson's r with the overall
// question), [Shapley] (the LMG decomposition of R², exact) and
// [RelativeWeights] (Johnson's); a user's own method (an importance
// computed elsewhere, see [Given]) needs only this method and goes
// wherever a built-in goes: the quadrant, the report, the command.
type Method interface {
	Importance(in Input) (Set, error)
}

var (
	_ Method = Stated{}
	_ Method = Correlation{}
	_ Method = Shapley{}
	_ Method = RelativeWeights{}
	_ Method = given{}
)

// Input is what a [Method] reads.
type Input struct {
	// Stats are the survey's form statistics (package form).
	Stats *form.Stats
	// Source is the source whose forms are read; "" means
	// [csat.SourceSurvey].
	Source string
	// Items are the items to rank; nil means every item the source's
	// forms answered (for a Matrix: every variable but [form.Overall]).
	Items []string
	// Deletion says which forms the derived methods rest on when some
	// leave an item blank: [form.Listwise] (the zero value: the forms
	// complete on the items used and the overall question) or
	// [form.Pairwise].
	Deletion form.Deletion
	// Confidence of the intervals (zero: 95%).
	Confidence csat.Confidence
	// Matrix, when not nil, gives the co-moments the derived methods
	// read in place of those of Stats: data that are not survey forms
	// (continuous measures, another survey tool's export), or co-moments
	// kept elsewhere. Its variable [form.Overall] is the overall
	// question; Stats and Deletion are then not read (the matrix's own
	// deletion is reported). [Stated] reads Stats only.
	Matrix *form.Matrix
}

// A Set is the importance of every item by one method.
type Set struct {
	// Method names the method: "stated", "correlation", "shapley",
	// "relative_weights", or a user's own.
	Method string `json:"method"`
	// Source is the source whose forms were read.
	Source string `json:"source"`
	// Target names what the derived importance explains: [TargetOverall]
	// (the overall question, 总体满意度) or [TargetItemRest] (without an
	// overall question, the mean of the form's other items); "" for
	// stated or given importance.
	Target string `json:"target,omitempty"`
	// Deletion is "listwise" or "pairwise" for derived importance.
	Deletion string `json:"deletion,omitempty"`
	// Forms is the number of forms the figures rest on: under listwise
	// deletion the complete forms; under pairwise deletion the fewest
	// of any pair; for stated importance the fewest answers of any
	// item.
	Forms uint64 `json:"forms"`
	// R2 is the R² of the linear model of the overall question on the
	// items (with the derived methods that decompose it).
	R2 *csat.Result `json:"r2,omitempty"`
	// Items are the items, most important first (ties by item, in byte
	// order).
	Items []Item `json:"items"`
	// Subsets are, for [Shapley], the R² of the model on every subset of
	// the items (the empty one included), by size then by the items'
	// names: the numbers the shares are computed from.
	Subsets []Subset `json:"subsets,omitempty"`
}

// An Item is one item's importance.
type Item struct {
	Item string `json:"item"`
	// Value is the importance, explained: a mean rating, a correlation,
	// a share of R².
	Value csat.Result `json:"value"`
	// Interval is the interval of the value, when the method has one.
	Interval *csat.Interval `json:"interval,omitempty"`
	// Rank is 1 for the most important item; tied values share a rank.
	Rank int `json:"rank"`
}

// A Subset is the R² of the linear model of the overall question on some
// of the items ([Set.Subsets]).
type Subset struct {
	// Items are the subset's items, sorted; empty for the model with no
	// item (R² = 0).
	Items []string `json:"items"`
	// R2 is the subset's R², exact.
	R2 csat.Result `json:"r2"`
}

// Item returns the importance of the named item and whether the set has
// it.
func (s Set) Item(name string) (Item, bool) {
	for _, it := range s.Items {
		if it.Item == name {
			return it, true
		}
	}
	return Item{}, false
}

// Explain returns what the set rests on and each item's importance with
// its derivation, most important first: the method, the source, the
// target, the forms (how many, which deletion), R² and, for Shapley, the
// R² of every subset. One line each; subsets indented.
func (s Set) Explain() string {
	var b strings.Builder
	b.WriteString(s.Method)
	b.WriteString(" importance of ")
	b.WriteString(strconv.Itoa(len(s.Items)))
	b.WriteString(" items, source ")
	b.WriteString(strconv.Quote(s.Source))
	switch s.Target {
	case TargetOverall:
		b.WriteString(", against the overall question")
	case TargetItemRest:
		b.WriteString(", against the mean of each form's other items (no overall question answered)")
	case "":
	default:
		b.WriteString(", against " + s.Target)
	}
	switch s.Deletion {
	case "listwise":
		b.WriteString(", over " + strconv.FormatUint(s.Forms, 10) + " complete forms (listwise deletion)")
	case "pairwise":
		b.WriteString(", over at least " + strconv.FormatUint(s.Forms, 10) + " forms per pair (pairwise deletion)")
	case "":
		if s.Method == "stated" {
			b.WriteString(", at least " + strconv.FormatUint(s.Forms, 10) + " stated importances per item")
		}
	default:
		b.WriteString(", " + strconv.FormatUint(s.Forms, 10) + " forms (" + s.Deletion + " deletion)")
	}
	b.WriteString("\n")
	if s.R2 != nil {
		b.WriteString(s.R2.Explain())
		b.WriteString("\n")
	}
	for _, it := range s.Items {
		b.WriteString(strconv.Itoa(it.Rank) + ". " + it.Item + ": " + it.Value.Explain())
		if it.Interval != nil {
			b.WriteString("; " + it.Interval.Explain())
		}
		b.WriteString("\n")
	}
	if len(s.Subsets) > 0 {
		b.WriteString("R² of the " + strconv.Itoa(len(s.Subsets)) + " subsets of the items:\n")
		for _, sub := range s.Subsets {
			b.WriteString("  R²{" + strings.Join(sub.Items, ", ") + "} = " + sub.R2.String() + "\n")
		}
	}
	return b.String()
}

// rank orders items by value, most important first, ties by item name in
// byte order, and gives tied values one rank (1, 1, 3: the number of
// items ranked above, plus one). Decisions use the exact values: keys,
// when not nil, are those of the items (Result.Rat normalises its
// fraction each time, which costs at tens of thousands of digits).
func rank(items []Item, keys []*big.Rat) {
	type keyed struct {
		it  Item
		key exact.Key
	}
	var rd exact.Keys
	ks := make([]keyed, len(items))
	for i, it := range items {
		ks[i] = keyed{it: it}
		if keys != nil {
			ks[i].key = rd.OfRat(keys[i])
		} else {
			ks[i].key = rd.Of(it.Value.Num(), it.Value.Den())
		}
	}
	var c exact.Comparer
	slices.SortFunc(ks, func(a, b keyed) int {
		if o := c.Cmp(b.key, a.key); o != 0 {
			return o
		}
		return strings.Compare(a.it.Item, b.it.Item)
	})
	for i := range ks {
		items[i] = ks[i].it
		if i > 0 && c.Cmp(ks[i].key, ks[i-1].key) == 0 {
			items[i].Rank = items[i-1].Rank
		} else {
			items[i].Rank = i + 1
		}
	}
}
