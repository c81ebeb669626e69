package csat

import (
	"fmt"
	"hash/fnv"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// MaxLevels is the largest number of levels a [Scale] may have. It keeps a
// [Tally] a fixed-size value that copies, merges and counts without
// allocating. 16 covers every scale of the method and the common ones
// beyond it (7-point, 1–10, 0–10 for NPS).
const MaxLevels = 16

// A Band is the score range of a level on a banded scale such as the PVC
// five-band 0–100 scale. The lower edge is inclusive and the upper edge
// exclusive, except on the scale's top band, whose upper edge (the full
// marks) is inclusive; the lowest band also holds every score from 0 up to
// its lower edge (METHOD.md §1.2: "a score below 20 is still
// dissatisfied").
type Band struct {
	Low  decimal.Decimal `json:"low"`
	High decimal.Decimal `json:"high"`
}

// String returns the band as "[Low,High)".
func (b Band) String() string { return "[" + b.Low.String() + "," + b.High.String() + ")" }

// A Level is one answer a respondent can give on a [Scale].
//
// Levels are plain values: build them in a literal and pass them to
// [NewScale], which validates and copies them.
type Level struct {
	// Key identifies the level in code, files and encodings, e.g.
	// "very_satisfied". Required and unique within a scale.
	Key string `json:"key"`
	// Label is the English label, e.g. "very satisfied".
	Label string `json:"label"`
	// LabelZH is the Chinese label, e.g. "很满意".
	LabelZH string `json:"label_zh"`
	// Points is the level's score: 10/8/6/4/2 on the point scale, the
	// band's representative point on a banded scale. Non-negative, at
	// most the scale's full marks, unique within a scale.
	Points decimal.Decimal `json:"points"`
	// Satisfied says whether an answer at this level counts as satisfied
	// for the satisfaction rate (满意率).
	Satisfied bool `json:"satisfied"`
	// Band is the level's score band on a banded scale, nil otherwise.
	// Either every level of a scale has a band or none has.
	Band *Band `json:"band"`
}

// Name returns the level's labels for display: "很满意 (very satisfied)",
// falling back to the key when the level has no label.
func (l Level) Name() string {
	switch {
	case l.LabelZH != "" && l.Label != "":
		return l.LabelZH + " (" + l.Label + ")"
	case l.LabelZH != "":
		return l.LabelZH
	case l.Label != "":
		return l.Label
	}
	return l.Key
}

// A Scale is an ordered list of answer levels, with the full marks that a
// satisfaction degree divides by. Scales are data, not code: the method's
// two scales are predefined ([FivePoint], [PVCBands]) and users define
// their own with [NewScale].
//
// A Scale is immutable and safe for concurrent use. Levels are referred to
// by their index in declaration order, which never changes.
type Scale struct {
	name      string
	fullMarks decimal.Decimal
	levels    []Level
	canon     string
	print     uint64
	banded    bool
	// pointCoef[i] × 10^pointExp is level i's points exactly: integer
	// coefficients on a common exponent, so Σ count × points is integer
	// arithmetic.
	pointCoef []big.Int
	pointExp  int32
	// pointSmall holds the coefficients when every one fits in 64 bits
	// (smallPoints), for a sum without big integers.
	pointSmall  [MaxLevels]uint64
	smallPoints bool
	// fullCoef × 10^fullExp is the full marks, when the coefficient fits
	// in 63 bits (smallFull).
	fullCoef  uint64
	fullExp   int32
	smallFull bool
}

// NewScale validates and returns a scale named name whose degree divides by
// fullMarks, with levels in the given order (the order of counts in tallies
// and of terms in explanations; conventionally best first).
//
// It returns an error wrapping [ErrInvalidScale] naming the problem when:
// name is empty; fullMarks is not positive; there are no levels or more
// than [MaxLevels]; a key is empty, not valid UTF-8 or repeated; a key or
// label of one level is a key or label of another (lookups would be
// ambiguous); points are negative, above full marks or repeated; some but
// not all levels have bands; bands are empty, overlap, leave a gap, do not
// reach the full marks, or do not contain their level's points.
func NewScale(name string, fullMarks decimal.Decimal, levels []Level) (*Scale, error) {
	s := &Scale{name: name, fullMarks: fullMarks}
	if err := s.checkHead(len(levels)); err != nil {
		return nil, err
	}
	s.levels = make([]Level, len(levels))
	if err := s.takeLevels(levels); err != nil {
		return nil, err
	}
	s.precompute()
	return s, nil
}

// bad returns an error wrapping ErrInvalidScale about the scale.
func (s *Scale) bad(format string, args ...any) error {
	return errorf(ErrInvalidScale, "scale %q: "+format, append([]any{s.name}, args...)...)
}

// checkHead checks the scale's name and full marks and its number of
// levels, n.
func (s *Scale) checkHead(n int) error {
	if s.name == "" || !utf8.ValidString(s.name) {
		return s.bad("name must be non-empty UTF-8")
	}
	if err := checkDecimal("full marks", s.fullMarks); err != nil {
		return s.bad("%s", detail(err))
	}
	if !s.fullMarks.IsPositive() {
		return s.bad("full marks %s must be positive", s.fullMarks)
	}
	if n == 0 {
		return s.bad("no levels")
	}
	if n > MaxLevels {
		return s.bad("%d levels, at most %d allowed", n, MaxLevels)
	}
	return nil
}

// levelIndex is what the levels checked so far use: their keys and labels,
// and their points, each giving the level's index.
type levelIndex struct {
	levels []Level // all the levels, as given
	names  map[string]int
	points map[string]int
}

// takeLevels checks each level in turn, alone and against the ones
// before it, and keeps a copy of it; then it checks the bands: of all
// levels or none, tiling the scale.
func (s *Scale) takeLevels(levels []Level) error {
	seen := &levelIndex{levels: levels, names: make(map[string]int, 3*len(levels)), points: make(map[string]int, len(levels))}
	nbands := 0
	for i, l := range levels {
		if err := s.checkLevel(i, l, seen); err != nil {
			return err
		}
		if l.Band != nil {
			nbands++
			b := *l.Band
			l.Band = &b
		}
		s.levels[i] = l
	}
	if nbands != 0 && nbands != len(levels) {
		return s.bad("%d of %d levels have a band: all or none must", nbands, len(levels))
	}
	if nbands > 0 {
		s.banded = true
		if err := s.checkBands(); err != nil {
			return s.bad("%s", err)
		}
	}
	return nil
}

// checkLevel checks level i, l: its key, its labels not naming another
// level, and its points, within 0..full marks and not another level's;
// it records its names and points in seen.
func (s *Scale) checkLevel(i int, l Level, seen *levelIndex) error {
	if l.Key == "" || !utf8.ValidString(l.Key) {
		return s.bad("level %d: key must be non-empty UTF-8", i)
	}
	for _, n := range []string{l.Key, l.Label, l.LabelZH} {
		if n == "" {
			continue
		}
		if !utf8.ValidString(n) {
			return s.bad("level %q: label is not valid UTF-8", l.Key)
		}
		if j, ok := seen.names[n]; ok && j != i {
			return s.bad("level %q: name %q is already used by level %q", l.Key, n, seen.levels[j].Key)
		}
		seen.names[n] = i
	}
	if err := checkDecimal("points", l.Points); err != nil {
		return s.bad("level %q: %s", l.Key, detail(err))
	}
	if l.Points.IsNegative() {
		return s.bad("level %q: negative points %s", l.Key, l.Points)
	}
	if l.Points.GreaterThan(s.fullMarks) {
		return s.bad("level %q: points %s above full marks %s", l.Key, l.Points, s.fullMarks)
	}
	pk := l.Points.String()
	if j, ok := seen.points[pk]; ok {
		return s.bad("level %q: points %s already used by level %q", l.Key, pk, seen.levels[j].Key)
	}
	seen.points[pk] = i
	return nil
}

// precompute derives what scoring uses from the checked levels: the
// canonical form and its fingerprint, and the points and full marks as
// integer coefficients.
func (s *Scale) precompute() {
	s.canon = s.canonical()
	for _, l := range s.levels {
		s.pointExp = min(s.pointExp, l.Points.Exponent())
	}
	if c := s.fullMarks.Coefficient(); c.IsUint64() && c.Uint64() <= 1<<63-1 {
		s.fullCoef, s.fullExp, s.smallFull = c.Uint64(), s.fullMarks.Exponent(), true
	}
	s.pointCoef = make([]big.Int, len(s.levels))
	s.smallPoints = strconv.IntSize == 64
	for i, l := range s.levels {
		s.pointCoef[i].Set(l.Points.Shift(-s.pointExp).BigInt())
		if s.pointCoef[i].IsUint64() {
			s.pointSmall[i] = s.pointCoef[i].Uint64()
		} else {
			s.smallPoints = false
		}
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(s.canon)) // a hash.Hash's Write never returns an error (package hash)
	s.print = h.Sum64()
}

// checkBands verifies that the bands tile [lowest Low, full marks] without
// gap or overlap and that each level's points lie in its band.
func (s *Scale) checkBands() error {
	order := s.bandOrder()
	for k, i := range order {
		b := s.levels[i].Band
		if b.Low.IsNegative() || !b.Low.LessThan(b.High) {
			return fmt.Errorf("level %q: band %s is empty or negative", s.levels[i].Key, b)
		}
		if k+1 < len(order) {
			next := s.levels[order[k+1]].Band
			if next.Low.LessThan(b.High) {
				return fmt.Errorf("bands of %q %s and %q %s overlap", s.levels[i].Key, b, s.levels[order[k+1]].Key, next)
			}
			if next.Low.GreaterThan(b.High) {
				return fmt.Errorf("gap between bands of %q %s and %q %s", s.levels[i].Key, b, s.levels[order[k+1]].Key, next)
			}
		} else if !b.High.Equal(s.fullMarks) {
			return fmt.Errorf("top band %s of %q does not end at the full marks %s", b, s.levels[i].Key, s.fullMarks)
		}
	}
	for i, l := range s.levels {
		if !s.inBand(i, l.Points) {
			return fmt.Errorf("level %q: points %s outside its band %s", l.Key, l.Points, l.Band)
		}
	}
	return nil
}

// bandOrder returns level indexes sorted by band lower edge.
func (s *Scale) bandOrder() []int {
	order := make([]int, len(s.levels))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return s.levels[a].Band.Low.Cmp(s.levels[b].Band.Low) })
	return order
}

// inBand reports whether score lies in the band of level i, under the
// edge rules documented on [Band].
func (s *Scale) inBand(i int, score decimal.Decimal) bool { return s.inBandRat(i, score.Rat()) }

// inBandRat is inBand on an exact value.
func (s *Scale) inBandRat(i int, q *big.Rat) bool {
	if q.Sign() < 0 || q.Cmp(s.fullMarks.Rat()) > 0 {
		return false
	}
	lo, hi, top := s.effectiveBand(i)
	if q.Cmp(lo.Rat()) < 0 {
		return false
	}
	if top {
		return q.Cmp(hi.Rat()) <= 0
	}
	return q.Cmp(hi.Rat()) < 0
}

// effectiveBand returns the score range level i's band actually covers
// under the edge rules documented on [Band]: the lowest band starts at 0,
// and the top band includes its upper edge (top is true).
func (s *Scale) effectiveBand(i int) (lo, hi decimal.Decimal, top bool) {
	b := s.levels[i].Band
	lo, hi, top = decimal.Zero, b.High, b.High.Equal(s.fullMarks)
	for _, l := range s.levels {
		if l.Band.Low.LessThan(b.Low) {
			return b.Low, hi, top
		}
	}
	return lo, hi, top
}

func (s *Scale) canonical() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s", s.name, s.fullMarks)
	for _, l := range s.levels {
		fmt.Fprintf(&b, "|%q %q %q %s %t", l.Key, l.Label, l.LabelZH, l.Points, l.Satisfied)
		if l.Band != nil {
			fmt.Fprintf(&b, " %s %s", l.Band.Low, l.Band.High)
		}
	}
	return b.String()
}

// Name returns the scale's name.
func (s *Scale) Name() string {
	if s == nil {
		return ""
	}
	return s.name
}

// FullMarks returns the points of a perfect answer that the satisfaction
// degree divides by: 10 on the point scale, 100 on the band scale.
func (s *Scale) FullMarks() decimal.Decimal {
	if s == nil {
		return decimal.Zero
	}
	return s.fullMarks
}

// Len returns the number of levels.
func (s *Scale) Len() int {
	if s == nil {
		return 0
	}
	return len(s.levels)
}

// Banded reports whether the scale's levels have score bands.
func (s *Scale) Banded() bool { return s != nil && s.banded }

// Fingerprint returns a 64-bit FNV-1a hash of the scale's full definition.
// Encoded tallies carry it, so that data of a different scale is rejected.
func (s *Scale) Fingerprint() uint64 {
	if s == nil {
		return 0
	}
	return s.print
}

// Equal reports whether s and t define the same scale: same name, full
// marks and levels in the same order.
func (s *Scale) Equal(t *Scale) bool {
	if s == nil || t == nil {
		return s == t
	}
	return s == t || s.canon == t.canon
}

// Levels returns a copy of the scale's levels in order.
func (s *Scale) Levels() []Level {
	if s == nil {
		return nil
	}
	out := make([]Level, len(s.levels))
	for i := range s.levels {
		out[i], _ = s.Level(i)
	}
	return out
}

// Level returns the level at index i, or an error wrapping
// [ErrUnknownLevel] when i is out of range.
func (s *Scale) Level(i int) (Level, error) {
	if s == nil {
		return Level{}, errorf(ErrInvalid, "level of a nil scale")
	}
	if i < 0 || i >= len(s.levels) {
		return Level{}, errorf(ErrUnknownLevel, "scale %q: level index %d (scale has %d levels)", s.name, i, len(s.levels))
	}
	l := s.levels[i]
	if l.Band != nil {
		b := *l.Band
		l.Band = &b
	}
	return l, nil
}

// Index returns the index of the level whose key, English label or
// Chinese label is name; an unknown name is an error wrapping
// [ErrUnknownLevel] that names it.
func (s *Scale) Index(name string) (int, error) {
	if s == nil {
		return -1, errorf(ErrInvalid, "level of a nil scale")
	}
	for i, l := range s.levels {
		if name == l.Key || (name != "" && (name == l.Label || name == l.LabelZH)) {
			return i, nil
		}
	}
	return -1, errorf(ErrUnknownLevel, "scale %q: no level %q", s.name, name)
}

// IndexOfPoints returns the index of the level worth exactly p points; any
// other value is an error wrapping [ErrUnknownLevel].
func (s *Scale) IndexOfPoints(p decimal.Decimal) (int, error) {
	if s == nil {
		return -1, errorf(ErrInvalid, "level of a nil scale")
	}
	for i, l := range s.levels {
		if l.Points.Equal(p) {
			return i, nil
		}
	}
	return -1, errorf(ErrUnknownLevel, "scale %q: no level worth %s points", s.name, p)
}

// IndexOfScore returns the index of the level whose band holds score on a
// banded scale (edges as documented on [Band]). A score below 0 or above
// the full marks is an error wrapping [ErrOutOfRange]; on a scale without
// bands the error wraps [ErrInvalid].
func (s *Scale) IndexOfScore(score decimal.Decimal) (int, error) {
	if s == nil {
		return -1, errorf(ErrInvalid, "level of a nil scale")
	}
	return s.indexOfScore(score.Rat(), score.String())
}

// BandOf returns the index of the band holding the exact value of r, as
// [Scale.IndexOfScore] does for a decimal: 70 − 10⁻²⁵ is in [60,70) even
// where r's rounded value would print 70. Decisions on results use it.
func (s *Scale) BandOf(r Result) (int, error) {
	if s == nil {
		return -1, errorf(ErrInvalid, "level of a nil scale")
	}
	return s.indexOfScore(r.Rat(), r.String())
}

func (s *Scale) indexOfScore(q *big.Rat, shown string) (int, error) {
	if !s.banded {
		return -1, errorf(ErrInvalid, "scale %q has no bands", s.name)
	}
	for i := range s.levels {
		if s.inBandRat(i, q) {
			return i, nil
		}
	}
	return -1, errorf(ErrOutOfRange, "scale %q: score %s outside 0..%s", s.name, shown, s.fullMarks)
}

// InBand reports whether score lies in the band of level i (edges as
// documented on [Band]). It is false on a scale without bands and for an
// unknown level.
func (s *Scale) InBand(i int, score decimal.Decimal) bool {
	if s == nil {
		return false
	}
	if !s.banded || i < 0 || i >= len(s.levels) {
		return false
	}
	return s.inBand(i, score)
}

// Keys of the levels of the predefined scales.
const (
	keyVerySatisfied       = "very_satisfied"
	keySatisfied           = "satisfied"
	keyBasicallySatisfied  = "basically_satisfied"
	keyDissatisfied        = "dissatisfied"
	keyVeryDissatisfied    = "very_dissatisfied"
	keyFairlySatisfied     = "fairly_satisfied"
	keyFairlyDissatisfied  = "fairly_dissatisfied"
	fivePointName          = "five-point"
	pvcBandsName           = "pvc-bands"
	fivePointFull, pvcFull = 10, 100
)

var (
	fivePoint = mustScale(NewScale(fivePointName, decimal.NewFromInt(fivePointFull), []Level{
		{Key: keyVerySatisfied, Label: "very satisfied", LabelZH: "很满意", Points: decimal.NewFromInt(10), Satisfied: true},
		{Key: keySatisfied, Label: "satisfied", LabelZH: "满意", Points: decimal.NewFromInt(8), Satisfied: true},
		{Key: keyBasicallySatisfied, Label: "basically satisfied", LabelZH: "基本满意", Points: decimal.NewFromInt(6), Satisfied: true},
		{Key: keyDissatisfied, Label: "dissatisfied", LabelZH: "不满意", Points: decimal.NewFromInt(4)},
		{Key: keyVeryDissatisfied, Label: "very dissatisfied", LabelZH: "很不满意", Points: decimal.NewFromInt(2)},
	}))
	pvcBands = mustScale(NewScale(pvcBandsName, decimal.NewFromInt(pvcFull), []Level{
		{Key: keyVerySatisfied, Label: "very satisfied", LabelZH: "很满意", Points: decimal.NewFromInt(95), Satisfied: true, Band: band(90, 100)},
		{Key: keySatisfied, Label: "satisfied", LabelZH: "满意", Points: decimal.NewFromInt(80), Satisfied: true, Band: band(70, 90)},
		{Key: keyFairlySatisfied, Label: "fairly satisfied", LabelZH: "比较满意", Points: decimal.NewFromInt(65), Satisfied: true, Band: band(60, 70)},
		{Key: keyFairlyDissatisfied, Label: "fairly dissatisfied", LabelZH: "比较不满意", Points: decimal.NewFromInt(50), Band: band(40, 60)},
		{Key: keyDissatisfied, Label: "dissatisfied", LabelZH: "不满意", Points: decimal.NewFromInt(30), Band: band(20, 40)},
	}))
)

func band(lo, hi int64) *Band { return &Band{decimal.NewFromInt(lo), decimal.NewFromInt(hi)} }

func mustScale(s *Scale, err error) *Scale {
	if err != nil {
		panic(err) // only for the package's own literals, checked by tests
	}
	return s
}

// FivePoint returns the method's five-level point scale (METHOD.md §1.1):
//
//	very satisfied       很满意    10
//	satisfied            满意       8
//	basically satisfied  基本满意   6
//	dissatisfied         不满意     4
//	very dissatisfied    很不满意   2
//
// with full marks 10; basically satisfied or better counts as satisfied.
// Level indexes are 0 (very satisfied) to 4 (very dissatisfied).
func FivePoint() *Scale { return fivePoint }

// PVCBands returns the PVC write-up's five-band 0–100 scale (METHOD.md
// §1.2), with lower edges inclusive and the band midpoints as
// representative points:
//
//	very satisfied       很满意     [90,100]  95
//	satisfied            满意       [70,90)   80
//	fairly satisfied     比较满意   [60,70)   65
//	fairly dissatisfied  比较不满意 [40,60)   50
//	dissatisfied         不满意     [0,40)    30  (the source's 20–40; below 20 is still 不满意)
//
// with full marks 100; fairly satisfied or better counts as satisfied.
func PVCBands() *Scale { return pvcBands }
