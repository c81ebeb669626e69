package csat

import (
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// A Tally counts the answers given at each level of one [Scale]: one cell
// of a survey (one item, one source). Everything on the survey side of the
// method (degree, rate, mean, dissatisfaction shares, intervals) is a
// function of these counts, so a Tally of a billion answers is as small
// and as fast to score as one of ten.
//
// A Tally is a value: copying it copies the counts, and the copy is
// independent. Its methods that change it ([Tally.Add], [Tally.Merge], …)
// take a pointer and are atomic: on error the tally is unchanged. A Tally
// is not safe for concurrent mutation; give each goroutine or shard its
// own and [Tally.Merge] them.
//
// The zero Tally has no scale: it is the identity of Merge (merging
// anything into it adopts that tally's scale) and reports [ErrEmpty] when
// scored. Use [NewTally] to count answers.
type Tally struct {
	scale  *Scale
	counts [MaxLevels]uint64
}

// NewTally returns an empty tally of scale s.
func NewTally(s *Scale) Tally { return Tally{scale: s} }

// Scale returns the tally's scale (nil for the zero Tally).
func (t Tally) Scale() *Scale { return t.scale }

// Count returns the number of answers at level i (0 for an unknown level).
func (t Tally) Count(i int) uint64 {
	if i < 0 || i >= MaxLevels {
		return 0
	}
	return t.counts[i]
}

// Counts returns the counts per level, in the scale's level order.
func (t Tally) Counts() []uint64 {
	if t.scale == nil {
		return nil
	}
	return append([]uint64(nil), t.counts[:t.scale.Len()]...)
}

// N returns the number of answers. It is an error wrapping [ErrOverflow]
// if the total does not fit in a uint64: each level's count fits, but
// their sum (after [Tally.AddN] of huge counts on several levels, or
// merges) may exceed 1.8×10¹⁹. Scorers return that error; they never
// wrap the count.
func (t Tally) N() (uint64, error) {
	var n uint64
	for _, c := range t.counts {
		var carry uint64
		n, carry = bits.Add64(n, c, 0)
		if carry != 0 {
			return 0, errorf(ErrOverflow, "tally: total number of answers exceeds 2^64-1")
		}
	}
	return n, nil
}

// Add counts one answer at level i (the level's index in the scale). It
// reports [ErrUnknownLevel] for an index the scale does not have and
// [ErrOverflow] if the count would wrap. It does not allocate.
func (t *Tally) Add(i int) error {
	if t == nil || t.scale == nil || uint(i) >= uint(t.scale.Len()) {
		return t.unknown(i)
	}
	if t.counts[i] == ^uint64(0) {
		return errorf(ErrOverflow, "tally: level %d count", i)
	}
	t.counts[i]++
	return nil
}

// AddN counts n answers at level i; errors as for [Tally.Add].
func (t *Tally) AddN(i int, n uint64) error {
	if t == nil || t.scale == nil || uint(i) >= uint(t.scale.Len()) {
		return t.unknown(i)
	}
	c, carry := bits.Add64(t.counts[i], n, 0)
	if carry != 0 {
		return errorf(ErrOverflow, "tally: level %d count %d + %d", i, t.counts[i], n)
	}
	t.counts[i] = c
	return nil
}

// AddKey counts one answer at the level whose key or label is name; an
// unknown name is an error wrapping [ErrUnknownLevel] that names it.
func (t *Tally) AddKey(name string) error {
	if t == nil || t.scale == nil {
		return errorf(ErrUnknownLevel, "tally without scale: no level %q", name)
	}
	i, err := t.scale.Index(name)
	if err != nil {
		return err
	}
	return t.Add(i)
}

func (t *Tally) unknown(i int) error {
	if t == nil || t.scale == nil {
		return errorf(ErrUnknownLevel, "tally without scale: level %d (use NewTally)", i)
	}
	return errorf(ErrUnknownLevel, "scale %q: level index %d (scale has %d levels)", t.scale.name, i, t.scale.Len())
}

// AddCodes counts a batch of byte-coded answers: each byte is a level
// index (0 for the scale's first level). It is the bulk path for answers
// read from files or the network, running at about the speed of a plain
// byte-counting loop. If any byte is not a level of the scale, nothing is
// counted and the error (wrapping [ErrUnknownLevel]) gives the offset and
// value of the first bad byte; an overflowing count is [ErrOverflow], with
// nothing counted either.
func (t *Tally) AddCodes(codes []byte) error {
	if t == nil || t.scale == nil {
		if len(codes) == 0 {
			return nil
		}
		return t.unknown(int(codes[0]))
	}
	h := histogram(codes)
	n := t.scale.Len()
	for v := n; v < 256; v++ {
		if h[v] != 0 {
			for off, x := range codes {
				if int(x) >= n {
					return errorf(ErrUnknownLevel, "scale %q: code %d at offset %d (scale has %d levels)", t.scale.name, x, off, n)
				}
			}
		}
	}
	var sum [MaxLevels]uint64
	for i := 0; i < n; i++ {
		var carry uint64
		sum[i], carry = bits.Add64(t.counts[i], h[i], 0)
		if carry != 0 {
			return errorf(ErrOverflow, "tally: level %d count", i)
		}
	}
	t.counts = sum
	return nil
}

// histogram counts each byte value of codes, four interleaved counters
// at a time (the loop runs at about the speed of memory). No count can
// overflow: their sum is len(codes).
func histogram(codes []byte) (h [256]uint64) {
	var c [4][256]uint64
	b := codes
	for len(b) >= 8 {
		c[0][b[0]]++
		c[1][b[1]]++
		c[2][b[2]]++
		c[3][b[3]]++
		c[0][b[4]]++
		c[1][b[5]]++
		c[2][b[6]]++
		c[3][b[7]]++
		b = b[8:]
	}
	for _, x := range b {
		c[0][x]++
	}
	for v := range h {
		h[v] = c[0][v] + c[1][v] + c[2][v] + c[3][v]
	}
	return h
}

// Merge adds u's counts to t. The tallies must be of equal scales
// ([ErrScaleMismatch] otherwise); a zero Tally on either side is the
// identity. Merging is exact, associative and commutative, so any
// sharding of the answers merged in any order gives the same tally, bit
// for bit. An overflowing count is [ErrOverflow] and leaves t unchanged.
func (t *Tally) Merge(u Tally) error {
	if u.scale == nil {
		return nil
	}
	if t.scale == nil {
		*t = u
		return nil
	}
	if !t.scale.Equal(u.scale) {
		return errorf(ErrScaleMismatch, "merge: scale %q with scale %q", t.scale.name, u.scale.name)
	}
	sum := t.counts
	for i := range sum {
		var carry uint64
		sum[i], carry = bits.Add64(sum[i], u.counts[i], 0)
		if carry != 0 {
			return errorf(ErrOverflow, "merge: level %d count %d + %d", i, t.counts[i], u.counts[i])
		}
	}
	t.counts = sum
	return nil
}

// canMerge reports whether u's counts can be added to t's (same scale
// assumed) without overflow.
func (t *Tally) canMerge(u *Tally) bool {
	var carry uint64
	for i := range t.scale.Len() {
		_, c := bits.Add64(t.counts[i], u.counts[i], 0)
		carry |= c
	}
	return carry == 0
}

// addCounts adds u's counts to t's; canMerge must have said yes.
func (t *Tally) addCounts(u *Tally) {
	for i := range t.scale.Len() {
		t.counts[i] += u.counts[i]
	}
}

// Equal reports whether t and u have equal scales and equal counts.
func (t Tally) Equal(u Tally) bool {
	return t.scale.Equal(u.scale) && t.counts == u.counts
}

// pointsSum returns Σ count×points, exactly.
func (t Tally) pointsSum() decimal.Decimal {
	s := t.scale
	if !s.smallPoints {
		var sum, term big.Int
		for i := range s.levels {
			if t.counts[i] != 0 {
				term.SetUint64(t.counts[i])
				term.Mul(&term, &s.pointCoef[i])
				sum.Add(&sum, &term)
			}
		}
		return decimal.NewFromBigInt(&sum, s.pointExp)
	}
	// Σ count × coefficient in three 64-bit words (each product < 2¹²⁸,
	// at most 16 of them).
	var lo, mid, hi uint64
	for i := range s.levels {
		ph, pl := bits.Mul64(t.counts[i], s.pointSmall[i])
		var c uint64
		lo, c = bits.Add64(lo, pl, 0)
		mid, c = bits.Add64(mid, ph, c)
		hi += c
	}
	if mid == 0 && hi == 0 && lo <= 1<<63-1 {
		return decimal.New(int64(lo), s.pointExp)
	}
	var sum, w big.Int
	sum.SetUint64(hi)
	sum.Lsh(&sum, 64).Add(&sum, w.SetUint64(mid))
	sum.Lsh(&sum, 64).Add(&sum, w.SetUint64(lo))
	return decimal.NewFromBigInt(&sum, s.pointExp)
}

// pointsDen returns n × full marks, the degree's denominator, in one
// small decimal when n and the full marks' coefficient are small (the
// usual case); ok is false otherwise and the caller computes it exactly.
func (t Tally) pointsDen() (decimal.Decimal, bool) {
	s := t.scale
	if !s.smallFull {
		return decimal.Decimal{}, false
	}
	var lo, hi uint64
	for i := range s.Len() {
		var c uint64
		lo, c = bits.Add64(lo, t.counts[i], 0)
		hi += c
	}
	ph, pl := bits.Mul64(lo, s.fullCoef)
	if hi != 0 || ph != 0 || pl > 1<<63-1 {
		return decimal.Decimal{}, false
	}
	return decimal.New(int64(pl), s.fullExp), true
}

// total returns the number of answers as an exact decimal (never
// overflows: the sum is kept in 128 bits).
func (t Tally) total() decimal.Decimal { return t.sum(nil) }

// sum returns the number of answers at the levels that keep accepts (all
// when keep is nil), exactly.
func (t Tally) sum(keep func(*Level) bool) decimal.Decimal {
	var lo, hi uint64
	for i := range t.scale.Len() {
		if keep == nil || keep(&t.scale.levels[i]) {
			var carry uint64
			lo, carry = bits.Add64(lo, t.counts[i], 0)
			hi += carry
		}
	}
	if hi == 0 {
		return decimal.NewFromUint64(lo)
	}
	var n, l big.Int
	n.SetUint64(hi)
	n.Lsh(&n, 64)
	n.Add(&n, l.SetUint64(lo))
	return decimal.NewFromBigInt(&n, 0)
}
