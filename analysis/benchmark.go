package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/shopspring/decimal"
)

// A BenchmarkKind says whom a [Benchmark] is of (METHOD.md §12: 行业一般的、
// 领先的、世界领先的).
type BenchmarkKind uint8

// The benchmark kinds. The zero BenchmarkKind is not one.
const (
	// IndustryAverage is the industry's average (行业平均).
	IndustryAverage BenchmarkKind = iota + 1
	// IndustryLeader is the industry's leader (行业领先).
	IndustryLeader
	// WorldLeader is the world's leader (世界领先).
	WorldLeader
)

var benchmarkNames = [...]string{IndustryAverage: "industry_average", IndustryLeader: "industry_leader", WorldLeader: "world_leader"}

var benchmarkEnum = enum.New[BenchmarkKind]("BenchmarkKind", "benchmark kind", csat.ErrInvalid, errorf, benchmarkNames[:]...)

// String returns "industry_average", "industry_leader" or "world_leader".
func (k BenchmarkKind) String() string { return benchmarkEnum.String(k) }

// MarshalText encodes the kind by its name; the zero or an unknown value
// is an error wrapping [csat.ErrInvalid].
func (k BenchmarkKind) MarshalText() ([]byte, error) { return benchmarkEnum.MarshalText(k) }

// UnmarshalText decodes a kind's name; any other text is an error
// wrapping [csat.ErrInvalid].
func (k *BenchmarkKind) UnmarshalText(text []byte) error {
	return benchmarkEnum.UnmarshalText(text, k)
}

// A Standing says where our figure stands against a benchmark, decided
// on the exact values.
type Standing uint8

// The standings. The zero Standing is not one.
const (
	// Above: our figure is higher than the benchmark.
	Above Standing = iota + 1
	// Level: our figure equals the benchmark exactly.
	Level
	// Below: our figure is lower than the benchmark.
	Below
)

var standingNames = [...]string{Above: "above", Level: "level", Below: "below"}

var standingEnum = enum.New[Standing]("Standing", "standing", csat.ErrInvalid, errorf, standingNames[:]...)

// String returns "above", "level" or "below".
func (s Standing) String() string { return standingEnum.String(s) }

// MarshalText encodes the standing by its name; the zero or an unknown
// value is an error wrapping [csat.ErrInvalid].
func (s Standing) MarshalText() ([]byte, error) { return standingEnum.MarshalText(s) }

// UnmarshalText decodes a standing's name; any other text is an error
// wrapping [csat.ErrInvalid].
func (s *Standing) UnmarshalText(text []byte) error { return standingEnum.UnmarshalText(text, s) }

// A Benchmark is an outside figure to compare one of ours with: the
// industry average, the industry leader or the world leader, of one
// headline figure, overall or of one item.
type Benchmark struct {
	// Figure names the headline figure: its label ("degree 满意度") or
	// the label's first word ("degree", "rate").
	Figure string
	// Item is the item; "" is the overall figure.
	Item string
	Kind BenchmarkKind
	// Value is the benchmark's figure, in the figure's units: a fraction
	// like the figures (0.85 for 85%).
	Value decimal.Decimal
}

// A BenchmarkGap is one of our figures against a benchmark.
type BenchmarkGap struct {
	// Figure is the label of our figure ("degree 满意度").
	Figure string        `json:"figure"`
	Item   string        `json:"item"`
	Kind   BenchmarkKind `json:"kind"`
	// Ours is the survey's figure; Theirs the benchmark's.
	Ours   csat.Result `json:"ours"`
	Theirs csat.Result `json:"theirs"`
	// Gap is ours − theirs, exact (percentage points for fractions).
	Gap      csat.Result `json:"gap"`
	Standing Standing    `json:"standing"`
}

var benchmarkLabels = [...]string{IndustryAverage: "industry average 行业平均", IndustryLeader: "industry leader 行业领先", WorldLeader: "world leader 世界领先"}

// benchmarkTexts are the benchmarks' labels in Chinese and English.
var benchmarkTexts = [...][2]string{IndustryAverage: {"行业平均", "industry average"}, IndustryLeader: {"行业领先", "industry leader"}, WorldLeader: {"世界领先", "world leader"}}

// Benchmarks compares our headline figures (ours: the survey's figures
// of a report, [Report].Sources[0]) with outside benchmarks (METHOD.md
// §10, §12): for each benchmark, our figure of its item (overall for
// Item ""), the benchmark's value as a figure of the same kind, the gap
// ours − theirs (exact) and where we stand, decided on the exact values.
//
// A benchmark names its figure by the figure's label or by the label's
// first word ("degree" for "degree 满意度"). The gaps are ordered by
// figure (in the report's order), item ("" first, then byte order) and
// kind. An unknown or ambiguous figure, or an unknown kind, is
// [csat.ErrInvalid]; an item we have no figure of [csat.ErrUnknownItem];
// two benchmarks of one figure, item and kind [csat.ErrDuplicate]; a
// value outside [0, 1] for a fraction figure [csat.ErrOutOfRange]. No
// benchmarks give no gaps.
func Benchmarks(ours SourceFigures, bs []Benchmark) ([]BenchmarkGap, error) {
	type key struct {
		figure int
		item   string
		kind   BenchmarkKind
	}
	keys := make([]key, len(bs))
	out := make([]BenchmarkGap, len(bs))
	seen := map[key]bool{}
	for i, b := range bs {
		fi, err := figureIndex(ours.Overall, b.Figure)
		if err != nil {
			return nil, err
		}
		if _, err := b.Kind.MarshalText(); err != nil {
			return nil, errorf(csat.ErrInvalid, "benchmark %d: kind %d", i, b.Kind)
		}
		k := key{fi, b.Item, b.Kind}
		if seen[k] {
			return nil, errorf(csat.ErrDuplicate, "benchmark: %s %s of %s given twice", b.Kind, quoteShort(b.Figure), quoteShort(itemName(b.Item)))
		}
		seen[k] = true
		keys[i] = k
		if out[i], err = benchmarkGap(ours, fi, b); err != nil {
			return nil, err
		}
	}
	order := make([]int, len(bs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := keys[i], keys[j]
		return cmp.Or(cmp.Compare(a.figure, b.figure), strings.Compare(a.item, b.item), cmp.Compare(a.kind, b.kind))
	})
	sorted := make([]BenchmarkGap, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	return sorted, nil
}

// figureIndex returns the index of the figure named name among f's: by
// label, else by the label's first word; none or several is
// [csat.ErrInvalid].
func figureIndex(f ItemFigures, name string) (int, error) {
	for i, fig := range f.Figures {
		if fig.Score.Label() == name {
			return i, nil
		}
	}
	found := -1
	for i, fig := range f.Figures {
		if w, _, _ := strings.Cut(fig.Score.Label(), " "); w == name && name != "" {
			if found >= 0 {
				return 0, errorf(csat.ErrInvalid, "benchmark: figure %s names several headline figures", quoteShort(name))
			}
			found = i
		}
	}
	if found < 0 {
		labels := make([]string, len(f.Figures))
		for i, fig := range f.Figures {
			labels[i] = quoteShort(fig.Score.Label())
		}
		return 0, errorf(csat.ErrInvalid, "benchmark: no headline figure %s (the report's: %s)", quoteShort(name), strings.Join(labels, ", "))
	}
	return found, nil
}

// benchmarkGap compares our figure fi of b's item with b.
func benchmarkGap(ours SourceFigures, fi int, b Benchmark) (BenchmarkGap, error) {
	f := ours.Overall
	if b.Item != "" {
		i := slices.IndexFunc(ours.Items, func(f ItemFigures) bool { return f.Item == b.Item })
		if i < 0 {
			return BenchmarkGap{}, errorf(csat.ErrUnknownItem, "benchmark: no figure of item %s", quoteShort(b.Item))
		}
		f = ours.Items[i]
	}
	if fi >= len(f.Figures) {
		return BenchmarkGap{}, errorf(csat.ErrInvalid, "benchmark: item %s has no figure %d", quoteShort(itemName(b.Item)), fi)
	}
	g := BenchmarkGap{Figure: f.Figures[fi].Score.Label(), Item: b.Item, Kind: b.Kind, Ours: f.Figures[fi].Score}
	var err error
	if g.Theirs, err = csat.Given(benchmarkLabels[b.Kind], g.Ours.Kind(), b.Value); err != nil {
		return BenchmarkGap{}, errorf(err, "benchmark: %s %s of %s", b.Kind, quoteShort(b.Figure), quoteShort(itemName(b.Item)))
	}
	t := benchmarkTexts[b.Kind]
	g.Theirs = localised(g.Theirs, t[0], t[1])
	if g.Gap, err = csat.Difference("gap to "+benchmarkLabels[b.Kind], g.Ours, g.Theirs); err != nil {
		return BenchmarkGap{}, err
	}
	g.Gap = localised(g.Gap, "与"+t[0]+"的差距", "gap to "+t[1])
	g.Standing = [...]Standing{Below, Level, Above}[g.Gap.Rat().Sign()+1]
	return g, nil
}
