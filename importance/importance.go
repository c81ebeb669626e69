package importance

import (
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
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

// Input is what a [Method] reads.
type Input struct {
	// Stats are the survey's form statistics (package form).
	Stats *form.Stats
	// Source is the source whose forms are read; "" means
	// [csat.SourceSurvey].
	Source string
	// Items are the items to rank; nil means every item the source's
	// forms answered, sorted.
	Items []string
	// Deletion says which forms the derived methods rest on when some
	// leave an item blank: [form.Listwise] (the zero value: the forms
	// complete on the items used and the overall question) or
	// [form.Pairwise].
	Deletion form.Deletion
	// Confidence of the intervals (zero: 95%).
	Confidence csat.Confidence
}

// A Set is the importance of every item by one method.
type Set struct {
	// Method names the method: "stated", "correlation", "shapley",
	// "relative_weights", or a user's own.
	Method string `json:"method"`
	// Source is the source whose forms were read.
	Source string `json:"source"`
	// Target names what the derived importance explains: "overall" (the
	// overall question, 总体满意度) or "item_rest" (without an overall
	// question, the mean of the form's other items); "" for stated or
	// given importance.
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
