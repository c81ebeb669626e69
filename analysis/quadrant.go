package analysis

import (
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
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
