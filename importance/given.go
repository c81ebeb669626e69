package importance

import (
	"maps"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Given returns a [Method] that gives the items the importance computed
// elsewhere — a random forest's permutation importance, a PLS path
// model's total effects, an analyst's judgement — under the method name
// name, so that it goes wherever a built-in goes (the quadrant, the
// report). values is copied. Each value is a [csat.Points] result given
// from outside ([csat.Given]), ranked like the built-ins'.
//
// Importance ranks Input.Items, or every item of values when Items is
// nil; it reads neither Stats nor Matrix, so Set.Forms is 0 and Target
// and Deletion are empty. An empty name, or a name of a built-in
// ("stated", "correlation", "shapley", "relative_weights"), is an error
// wrapping [csat.ErrInvalid]; no values, [csat.ErrEmpty]; an item of
// Input.Items without a value, [csat.ErrMissing] naming the items; a
// value beyond csat's input limits, [csat.ErrOutOfRange].
func Given(name string, values map[string]decimal.Decimal) Method {
	return given{name: name, values: maps.Clone(values)}
}

type given struct {
	name   string
	values map[string]decimal.Decimal
}

// Importance returns the given importance of the items.
func (g given) Importance(in Input) (Set, error) {
	switch g.name {
	case "":
		return Set{}, errs.New(csat.ErrInvalid, "given importance: an empty method name")
	case "stated", "correlation", "shapley", "relative_weights":
		return Set{}, errs.New(csat.ErrInvalid, "given importance: method name "+errs.QuoteShort(g.name)+" is a built-in's")
	}
	if len(g.values) == 0 {
		return Set{}, errs.New(csat.ErrEmpty, "given importance "+errs.QuoteShort(g.name)+": no values")
	}
	items := in.Items
	if items == nil {
		items = slices.Collect(maps.Keys(g.values))
	}
	items, err := checkItems(g.name, items)
	if err != nil {
		return Set{}, err
	}
	var missing []string
	for _, it := range items {
		if _, ok := g.values[it]; !ok {
			missing = append(missing, errs.QuoteShort(it))
		}
	}
	if len(missing) > 0 {
		return Set{}, errs.New(csat.ErrMissing, "given importance "+errs.QuoteShort(g.name)+": no value for "+strings.Join(missing, ", "))
	}
	set := Set{Method: g.name, Source: in.source(), Items: make([]Item, len(items))}
	for i, it := range items {
		v, err := csat.Given(g.name+" importance of "+it, csat.Points, g.values[it])
		if err != nil {
			return Set{}, err
		}
		set.Items[i] = Item{Item: it, Value: v.In("zh", it+"的重要度（"+g.name+"）", nil)}
	}
	rank(set.Items, nil)
	return set, nil
}

// WithDeletion returns m reading the forms under deletion d, whatever the
// Input it is given says: how a caller that builds the Input itself (the
// analysis report) is told to use pairwise deletion. m's Set, errors and
// explanation are its own.
func WithDeletion(m Method, d form.Deletion) Method { return withDeletion{m: m, d: d} }

type withDeletion struct {
	m Method
	d form.Deletion
}

// Importance runs the wrapped method with the deletion set.
func (w withDeletion) Importance(in Input) (Set, error) {
	if w.m == nil {
		return Set{}, errs.New(csat.ErrMissing, "importance with deletion "+w.d.String()+": no method")
	}
	in.Deletion = w.d
	return w.m.Importance(in)
}
