package analysis

import (
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
