package exact

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// A Key is an exact rational value read once, to be compared ([Comparer])
// and summed ([Sum]) many times without converting it again: n/d in
// int64 when both fit (compared without allocating), else big integers
// (compared with a Comparer's scratch space). The fraction need not be
// in lowest terms; its denominator is positive. The zero Key is 0.
type Key struct {
	// n/d when bn is nil (d is 0 only in the zero Key). For a big key
	// read by [Keys] (p true), the leading 64 bits of its magnitude:
	// |bn/bd| lies in [2^(n+63), 2^(n+64)) and uint64(d) = ⌊|bn/bd| /
	// 2^n⌋, so that two big keys of one sign whose (n, d) differ are
	// ordered by them alone, as floating-point numbers are, with no big
	// arithmetic (and with no access to bn and bd).
	n, d   int64
	bn, bd *big.Int // bn/bd, shared with the value read: never modified
	s      int8     // the sign
	p      bool     // n and d hold the leading bits of a big key
}

// intOne is the denominator of integer keys read from a [big.Rat]. Never
// modified.
var intOne = big.NewInt(1)

// pow10u holds 10⁰ … 10¹⁹.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Keys reads keys from decimals, taking the big integers of those that do
// not fit in int64 from blocks it allocates, so that reading many values
// costs few allocations. Its zero value is ready; it is not safe for
// concurrent use, but the keys it returns are immutable.
type Keys struct {
	ints    []big.Int
	block   int
	t, q, r big.Int // scratch of prefix
	// dens are the denominators last read, shared by the keys with an
	// equal one: values computed alike (the CLVs of one discount rate)
	// often have few denominators, and keys sharing them cost less memory
	// and are summed faster ([Sum.Add]).
	dens [4]denRead
	di   int
}

// A denRead is a denominator den read into d, scaled by 10^-e (e ≤ 0).
type denRead struct {
	den decimal.Decimal
	e   int64
	d   *big.Int
}

// maxKeyBlock is the largest number of big integers [Keys] allocates at
// once (the first block holds 2, each next one twice as many).
const maxKeyBlock = 128

func (ks *Keys) next() *big.Int {
	if len(ks.ints) == 0 {
		ks.block = min(max(2*ks.block, 2), maxKeyBlock)
		ks.ints = make([]big.Int, ks.block)
	}
	p := &ks.ints[0]
	ks.ints = ks.ints[1:]
	return p
}

// Of returns the key of num/den; den must be positive.
func (ks *Keys) Of(num, den decimal.Decimal) Key {
	if k, ok := SmallKey(num, den); ok {
		return k
	}
	n := ks.next()
	e := int64(num.Exponent()) - int64(den.Exponent())
	readNum(n, num, e)
	k := Key{bn: n, bd: ks.den(den, min(e, 0)), s: sign8(n.Sign())}
	ks.prefix(&k)
	return k
}

// den returns den·10^-e (e ≤ 0) as a big integer, shared with the keys
// last read with an equal denominator.
func (ks *Keys) den(den decimal.Decimal, e int64) *big.Int {
	for _, r := range ks.dens {
		if r.d != nil && r.e == e && r.den.Exponent() == den.Exponent() && r.den.Cmp(den) == 0 {
			return r.d
		}
	}
	d := ks.next()
	readDen(d, den, e)
	ks.dens[ks.di] = denRead{den: den, e: e, d: d}
	ks.di = (ks.di + 1) % len(ks.dens)
	return d
}

// OfRat returns the key of q. It refers to q's numerator and
// denominator, so q must not be modified while the key is in use.
func (ks *Keys) OfRat(q *big.Rat) Key {
	k := RatKey(q)
	if k.bn != nil {
		ks.prefix(&k)
	}
	return k
}

// prefix sets the leading 64 bits of the big key k.
func (ks *Keys) prefix(k *Key) {
	if k.s == 0 {
		return
	}
	// ⌊log₂ |n/d|⌋ is b or b−1: try b first.
	b := int64(k.bn.BitLen() - k.bd.BitLen())
	for _, e := range [2]int64{b - 63, b - 64} {
		// ⌊|n|/(d·2^e)⌋ = ⌊⌊|n|/2^e⌋ / d⌋ for e ≥ 0.
		if e >= 0 {
			ks.t.Rsh(ks.t.Abs(k.bn), uint(e))
		} else {
			ks.t.Lsh(ks.t.Abs(k.bn), uint(-e))
		}
		ks.q.QuoRem(&ks.t, k.bd, &ks.r)
		if ks.q.BitLen() == 64 {
			k.p, k.n, k.d = true, e, int64(ks.q.Uint64()) //nolint:gosec // the bits, compared as uint64

			return
		}
	}
}

// readNum sets n to num's coefficient times 10^e when e > 0. Decimal's
// Coefficient returns a fresh copy: readNum and readDen take it over
// whole (rather than copying it again with Set), which costs one
// allocation, not two; nothing else refers to it.
func readNum(n *big.Int, num decimal.Decimal, e int64) {
	*n = *num.Coefficient()
	if e > 0 {
		n.Mul(n, pow10(e))
	}
}

// readDen sets d to den's coefficient times 10^-e (e ≤ 0).
func readDen(d *big.Int, den decimal.Decimal, e int64) {
	*d = *den.Coefficient()
	if e < 0 {
		d.Mul(d, pow10(-e))
	}
}

// pow10 returns 10^e as a new integer.
func pow10(e int64) *big.Int {
	if e < int64(len(pow10u)) {
		return new(big.Int).SetUint64(pow10u[e])
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil)
}

// SmallKey returns the key of num/den (den positive) and true when it
// fits in int64, without allocating; else false.
func SmallKey(num, den decimal.Decimal) (Key, bool) {
	// NumDigits does not allocate for an int64 coefficient; 18 digits
	// always fit.
	if num.NumDigits() > 18 || den.NumDigits() > 18 {
		return Key{}, false
	}
	n, d := num.CoefficientInt64(), den.CoefficientInt64()
	if n == 0 {
		return Key{d: 1}, true
	}
	var ok bool
	switch e := int64(num.Exponent()) - int64(den.Exponent()); {
	case e > 0:
		n, ok = scale(n, e)
	case e < 0:
		d, ok = scale(d, -e)
	default:
		ok = true
	}
	return Key{n: n, d: d, s: sign8(cmp.Compare(n, 0))}, ok
}

// scale returns v·10^e (e > 0) and whether it fits in int64.
func scale(v, e int64) (int64, bool) {
	if e >= int64(len(pow10u)) {
		return 0, false
	}
	hi, lo := bits.Mul64(uabs(v), pow10u[e])
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if v < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func uabs(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1 //nolint:gosec // -(v+1) ≥ 0; also right for math.MinInt64
	}
	return uint64(v)
}

// sign8 returns the sign s (−1, 0 or +1) as an int8.
func sign8(s int) int8 {
	switch {
	case s < 0:
		return -1
	case s > 0:
		return 1
	}
	return 0
}

// RatKey returns the key of q without allocating: it refers to q's
// numerator and denominator, so q must not be modified while the key is
// in use.
func RatKey(q *big.Rat) Key {
	n := q.Num()
	if q.IsInt() {
		if n.IsInt64() {
			return Key{n: n.Int64(), d: 1, s: sign8(n.Sign())}
		}
		return Key{bn: n, bd: intOne, s: sign8(n.Sign())}
	}
	d := q.Denom()
	if n.IsInt64() && d.IsInt64() {
		return Key{n: n.Int64(), d: d.Int64(), s: sign8(n.Sign())}
	}
	return Key{bn: n, bd: d, s: sign8(n.Sign())}
}

// Sign returns −1, 0 or +1, the sign of k.
func (k Key) Sign() int { return int(k.s) }

// Small reports whether k is held in int64 (compared without a Comparer).
func (k Key) Small() bool { return k.bn == nil }

// Rat returns k as a new rational in lowest terms.
func (k Key) Rat() *big.Rat {
	if k.bn != nil {
		return new(big.Rat).SetFrac(k.bn, k.bd)
	}
	return big.NewRat(k.n, max(k.d, 1))
}

// parts returns k's numerator and denominator as big integers, using n
// and d for an int64 key.
func (k Key) parts(n, d *big.Int) (*big.Int, *big.Int) {
	if k.bn != nil {
		return k.bn, k.bd
	}
	return n.SetInt64(k.n), d.SetInt64(max(k.d, 1))
}

// CmpSmall compares two int64 keys (both [Key.Small]) exactly, without
// allocating: −1, 0 or +1.
func CmpSmall(x, y Key) int {
	a, b, c, d := x.n, max(x.d, 1), y.n, max(y.d, 1)
	if b == d {
		return cmp.Compare(a, c)
	}
	sa, sc := cmp.Compare(a, 0), cmp.Compare(c, 0)
	if sa != sc || sa == 0 {
		return cmp.Compare(sa, sc)
	}
	// Same sign: compare |a|·d with |c|·b in 128 bits.
	h1, l1 := bits.Mul64(uabs(a), uint64(d))
	h2, l2 := bits.Mul64(uabs(c), uint64(b))
	return sa * cmp.Or(cmp.Compare(h1, h2), cmp.Compare(l1, l2))
}

// A Comparer compares keys exactly. The products of big keys are
// computed in its scratch space, which grows to the largest product and
// is then reused, so comparisons do not allocate. Its zero value is
// ready; it is not safe for concurrent use.
type Comparer struct {
	xn, xd, yn, yd, l, r big.Int
}

// Cmp returns −1, 0 or +1 as x is less than, equal to or greater than y.
func (c *Comparer) Cmp(x, y Key) int {
	if x.bn == nil && y.bn == nil {
		return CmpSmall(x, y)
	}
	sx, sy := int(x.s), int(y.s)
	if sx != sy || sx == 0 {
		return cmp.Compare(sx, sy)
	}
	if x.p && y.p {
		if o := cmp.Or(cmp.Compare(x.n, y.n), cmp.Compare(uint64(x.d), uint64(y.d))); o != 0 { //nolint:gosec // the bits
			return sx * o
		}
	}
	xn, xd := x.parts(&c.xn, &c.xd)
	yn, yd := y.parts(&c.yn, &c.yd)
	// |x| : |y| is |xn|·yd : |yn|·xd. A product of integers of a and b
	// bits has a+b or a+b−1 bits, so lengths two or more apart decide.
	lx, ly := xn.BitLen()+yd.BitLen(), yn.BitLen()+xd.BitLen()
	switch {
	case lx > ly+1:
		return sx
	case ly > lx+1:
		return -sx
	}
	c.l.Mul(xn, yd)
	c.r.Mul(yn, xd)
	return c.l.Cmp(&c.r)
}

// CmpFrac compares xn/xd with yn/yd (denominators positive) exactly:
// −1, 0 or +1. The big integers of fractions beyond 64 bits are read into
// c's scratch space, so that only decimal's copies of the coefficients
// allocate.
func (c *Comparer) CmpFrac(xn, xd, yn, yd decimal.Decimal) int {
	x, okx := SmallKey(xn, xd)
	y, oky := SmallKey(yn, yd)
	if !okx {
		x = c.read(&c.xn, &c.xd, xn, xd)
	}
	if !oky {
		y = c.read(&c.yn, &c.yd, yn, yd)
	}
	return c.Cmp(x, y)
}

// read returns the key of num/den held in n and d.
func (c *Comparer) read(n, d *big.Int, num, den decimal.Decimal) Key {
	n.Set(num.Coefficient())
	d.Set(den.Coefficient())
	switch e := int64(num.Exponent()) - int64(den.Exponent()); {
	case e > 0:
		n.Mul(n, pow10(e))
	case e < 0:
		d.Mul(d, pow10(-e))
	}
	return Key{bn: n, bd: d, s: sign8(n.Sign())}
}

// A Sum adds keys exactly over a common denominator: the least common
// multiple of the denominators added, so that adding a value whose
// denominator divides it costs a product and a sum, with no reduction.
// The quotients of the common denominator by the denominators of the big
// keys last added are kept, for values computed alike (the CLVs of one
// discount rate), which share a few denominators ([Keys]). Its zero value
// is the empty sum 0; it is not safe for concurrent use.
type Sum struct {
	s, l       big.Int // the sum is s/l; l is 0 until the first value
	n, d, q, r big.Int // scratch
	quos       [16]quoEntry
	qi         int
}

// A quoEntry is q = l/d for the denominator d of a big key.
type quoEntry struct {
	d *big.Int
	q big.Int
}

// Over makes s the empty sum over the common denominator l (l > 0): a
// sum of values whose denominators all divide l (another Sum's [Sum.Den])
// then never changes its denominator.
func (s *Sum) Over(l *big.Int) {
	s.s.SetInt64(0)
	s.l.Set(l)
	s.forget()
}

// forget empties the quotients kept, when l changes.
func (s *Sum) forget() {
	for i := range s.quos {
		s.quos[i].d = nil
	}
}

// Add adds k to s.
func (s *Sum) Add(k Key) {
	n, d := k.parts(&s.n, &s.d)
	if s.l.Sign() == 0 {
		s.s.Set(n)
		s.l.Set(d)
		return
	}
	q := s.quo(d, k.bn != nil)
	if q.IsUint64() && q.Uint64() == 1 {
		s.s.Add(&s.s, n)
		return
	}
	s.r.Mul(n, q)
	s.s.Add(&s.s, &s.r)
}

// quo returns l/d, growing l (and the sum with it) to lcm(l, d) first
// when d does not divide it. When kept is true, d is a big key's
// denominator, never modified, whose quotient is kept.
func (s *Sum) quo(d *big.Int, kept bool) *big.Int {
	if kept {
		for i := range s.quos {
			if s.quos[i].d == d {
				return &s.quos[i].q
			}
		}
	}
	s.q.QuoRem(&s.l, d, &s.r)
	if s.r.Sign() != 0 {
		// l ← lcm(l, d) = l·(d/gcd(l, d))
		g := new(big.Int).GCD(nil, nil, &s.l, d)
		s.r.QuoRem(d, g, &s.q) // r = d/g (q is scratch)
		s.s.Mul(&s.s, &s.r)
		s.l.Mul(&s.l, &s.r)
		s.q.QuoRem(&s.l, d, &s.r)
		s.forget()
	}
	if !kept {
		return &s.q
	}
	e := &s.quos[s.qi]
	s.qi = (s.qi + 1) % len(s.quos)
	e.d = d
	return e.q.Set(&s.q)
}

// Scaled sets z to k's numerator over the common denominator, k·l, and
// returns it; k's denominator must divide l (k was added to s).
func (s *Sum) Scaled(k Key, z *big.Int) *big.Int {
	n, d := k.parts(&s.n, &s.d)
	return z.Mul(n, s.quo(d, k.bn != nil))
}

// Words128 returns the high and low 64 bits of |x| and whether |x| < 2¹²⁸.
func Words128(x *big.Int) (hi, lo uint64, ok bool) {
	if x.BitLen() > 128 {
		return 0, 0, false
	}
	hi, lo = words128(x)
	return hi, lo, true
}

// SetWords128 sets z to hi·2⁶⁴ + lo and returns z.
func SetWords128(z *big.Int, hi, lo uint64) *big.Int {
	w := z.Bits()[:0]
	for lo != 0 || hi != 0 {
		w = append(w, big.Word(lo))
		for range bits.UintSize / 32 { // shift a word out, 32 bits at a time
			hi, lo = hi>>32, lo>>32|hi<<32
		}
	}
	return z.SetBits(w)
}

// Num returns the numerator of the sum over [Sum.Den]; the caller must
// not modify it.
func (s *Sum) Num() *big.Int { return &s.s }

// Den returns the common denominator (0 for a sum of nothing, not even
// [Sum.Over]); the caller must not modify it.
func (s *Sum) Den() *big.Int { return &s.l }

// Rat returns the sum as a new rational in lowest terms.
func (s *Sum) Rat() *big.Rat {
	if s.l.Sign() == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).SetFrac(&s.s, &s.l)
}

// A Reducer brings fractions to lowest terms in its scratch space, so
// that it does not allocate for integers of up to 128 bits. Its zero
// value is ready; it is not safe for concurrent use.
type Reducer struct {
	a, b, r, g, n, d big.Int
}

// Reduce returns n/d in lowest terms (d > 0), and whether it was already
// (then the results are n and d themselves). The results are valid until
// the next call; the caller must not modify them.
func (rd *Reducer) Reduce(n, d *big.Int) (*big.Int, *big.Int, bool) {
	if n.Sign() == 0 {
		return n, intOne, d.Cmp(intOne) == 0
	}
	g := rd.gcd(n, d)
	if g.Cmp(intOne) == 0 {
		return n, d, true
	}
	rd.n.QuoRem(n, g, &rd.r)
	rd.d.QuoRem(d, g, &rd.r)
	return &rd.n, &rd.d, false
}

// gcd returns gcd(|x|, |y|) for x, y ≠ 0 in rd.g: in 128-bit words when
// both fit (no allocation), else by math/big.
func (rd *Reducer) gcd(x, y *big.Int) *big.Int {
	if x.BitLen() > 128 || y.BitLen() > 128 {
		return rd.g.GCD(nil, nil, rd.a.Abs(x), rd.b.Abs(y))
	}
	ah, al := words128(x)
	bh, bl := words128(y)
	gh, gl := gcd128(ah, al, bh, bl)
	rd.g.SetUint64(gh)
	rd.g.Lsh(&rd.g, 64)
	return rd.g.Or(&rd.g, rd.r.SetUint64(gl))
}

// words128 returns the high and low 64 bits of |x| < 2¹²⁸.
func words128(x *big.Int) (hi, lo uint64) {
	w := x.Bits()
	for i := len(w) - 1; i >= 0; i-- {
		for range bits.UintSize / 32 { // shift a word in, 32 bits at a time
			hi, lo = hi<<32|lo>>32, lo<<32
		}
		lo |= uint64(w[i])
	}
	return hi, lo
}

// gcd128 returns the greatest common divisor of a = ah·2⁶⁴+al and b =
// bh·2⁶⁴+bl, both non-zero, by the binary algorithm (Stein's).
func gcd128(ah, al, bh, bl uint64) (gh, gl uint64) {
	za, zb := tz128(ah, al), tz128(bh, bl)
	ah, al = shr128(ah, al, za)
	for ah != 0 || bh != 0 {
		// a odd; b ≠ 0
		bh, bl = shr128(bh, bl, tz128(bh, bl))
		if ah > bh || ah == bh && al > bl {
			ah, al, bh, bl = bh, bl, ah, al
		}
		var borrow uint64
		bl, borrow = bits.Sub64(bl, al, 0)
		bh, _ = bits.Sub64(bh, ah, borrow)
		if bh|bl == 0 {
			return shl128(ah, al, min(za, zb))
		}
	}
	// Both fit in 64 bits: a odd, b ≠ 0.
	for {
		bl >>= uint(bits.TrailingZeros64(bl))
		if al > bl {
			al, bl = bl, al
		}
		bl -= al
		if bl == 0 {
			return shl128(0, al, min(za, zb))
		}
	}
}

// tz128 returns the number of trailing zero bits of h·2⁶⁴+l ≠ 0.
func tz128(h, l uint64) uint {
	if l != 0 {
		return uint(bits.TrailingZeros64(l))
	}
	return 64 + uint(bits.TrailingZeros64(h))
}

func shr128(h, l uint64, s uint) (uint64, uint64) {
	switch {
	case s == 0:
		return h, l
	case s >= 64:
		return 0, h >> (s - 64)
	}
	return h >> s, l>>s | h<<(64-s)
}

func shl128(h, l uint64, s uint) (uint64, uint64) {
	switch {
	case s == 0:
		return h, l
	case s >= 64:
		return l << (s - 64), 0
	}
	return h<<s | l>>(64-s), l << s
}
