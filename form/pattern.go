package form

import (
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// MaxPatterns is the most answer patterns [Stats] keep per source for
// [Listwise] co-moments. A form's answer pattern is the set of variables
// it answered: its answered items, and [Overall] when it answered the
// overall question. Forms of one pattern share their sums; past
// MaxPatterns patterns the statistics keep those of most variables (ties
// by their names in byte order) and count the forms of the others as not
// kept. This choice depends only on which forms were counted, never on
// their order or sharding, so merged statistics stay exact and equal.
const MaxPatterns = 1024

// maxPatterns is MaxPatterns; tests lower it.
var maxPatterns = MaxPatterns

// A pattern holds the sums of the forms of one answer pattern, in units
// of the scale's points (ipoints): their number n, Σx of each variable
// and Σxy of each pair x ≤ y.
type pattern struct {
	key  string   // each variable followed by a 0 byte: Overall first, then the items in byte order
	vars []string // the variables, in the order of key
	n    uint64
	// sums holds Σx per variable (ipoints.wx words each, least
	// significant first), then Σxy per pair i ≤ j of variables in the
	// order of vars, row by row (ipoints.wxy words each).
	sums []uint64
}

// newPattern returns an empty pattern of the variables key names.
func newPattern(key string, ip *ipoints) *pattern {
	vars := strings.Split(key[:len(key)-1], "\x00")
	k := len(vars)
	return &pattern{key: key, vars: vars, sums: make([]uint64, k*ip.wx+k*(k+1)/2*ip.wxy)}
}

func (p *pattern) clone() *pattern {
	c := *p
	c.sums = slices.Clone(p.sums)
	return &c
}

// before reports whether a pattern of key ka and na variables is kept
// before one of key kb and nb variables: more variables first, then by
// key (which orders as the lists of variable names do, 0 being below
// every byte of a name).
func before(ka string, na int, kb string, nb int) bool {
	return na > nb || na == nb && ka < kb
}

// add counts one form answering level lv[i] of variable i.
func (p *pattern) add(lv []int, ip *ipoints) {
	p.n++
	wx, w, L := ip.wx, ip.wxy, ip.L
	for a, l := range lv {
		addWords(p.sums[a*wx:(a+1)*wx], ip.x[l*wx:])
	}
	off := len(lv) * wx
	for a, la := range lv {
		row := la * L
		for _, lb := range lv[a:] {
			addWords(p.sums[off:off+w], ip.xy[(row+lb)*w:])
			off += w
		}
	}
}

// merge adds q's sums (of the same variables) to p's.
func (p *pattern) merge(q *pattern) {
	p.n += q.n
	addWords(p.sums, q.sums)
}

// addWords adds the number src (at least as many words as dst) to dst,
// words least significant first. The caller knows the sum fits.
func addWords(dst, src []uint64) {
	var c uint64
	for i := range dst {
		dst[i], c = bits.Add64(dst[i], src[i], c)
	}
}

// tri returns the index of the pair a ≤ b among the pairs of k
// variables, row by row.
func tri(a, b, k int) int { return a*k - a*(a-1)/2 + b - a }

// addPattern counts p's answers in the sums of its answer pattern. It
// runs on every Add: the pattern is found by its key built in s's
// scratch buffer, without allocating unless the pattern is new.
func (pt *part) addPattern(p *parsed, s *Stats) {
	key, lv := s.key[:0], s.lv[:0]
	if p.overall != blank {
		key = append(key, 0)
		lv = append(lv, p.overall)
	}
	for i, name := range p.items {
		if p.levels[i] != blank {
			key = append(append(key, name...), 0)
			lv = append(lv, p.levels[i])
		}
	}
	s.key, s.lv = key, lv
	if len(lv) == 0 {
		return
	}
	pat := pt.patterns[string(key)]
	if pat == nil {
		if pat = pt.keep(key, len(lv), s.ip); pat == nil {
			return
		}
	}
	pat.add(lv, s.ip)
}

// keep returns a new pattern for key, of k variables, made room for
// among pt's; nil when the pattern is not kept, its form then counted as
// not kept.
func (pt *part) keep(key []byte, k int, ip *ipoints) *pattern {
	if len(pt.patterns) >= maxPatterns {
		w := pt.worstPattern()
		if !before(string(key), k, w.key, len(w.vars)) {
			pt.drop(1, k)
			return nil
		}
		delete(pt.patterns, w.key)
		pt.drop(w.n, len(w.vars))
		pt.worst = nil
	}
	pat := newPattern(string(key), ip)
	pt.patterns[pat.key] = pat
	return pat
}

// drop counts n forms of a pattern of k variables as not kept.
func (pt *part) drop(n uint64, k int) {
	pt.unkept += n
	pt.unkeptVars = max(pt.unkeptVars, k)
}

// worstPattern returns the kept pattern kept last, remembering it until
// the patterns change.
func (pt *part) worstPattern() *pattern {
	if pt.worst == nil {
		for _, p := range pt.patterns {
			if pt.worst == nil || before(pt.worst.key, len(pt.worst.vars), p.key, len(p.vars)) {
				pt.worst = p
			}
		}
	}
	return pt.worst
}

// sortedPatterns returns pt's patterns in the order they are kept.
func (pt *part) sortedPatterns() []*pattern {
	ps := make([]*pattern, 0, len(pt.patterns))
	for _, p := range pt.patterns {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *pattern) int {
		if before(a.key, len(a.vars), b.key, len(b.vars)) {
			return -1
		}
		return 1 // keys are unique
	})
	return ps
}

// mergePatterns adds u's patterns to pt's, then keeps the first
// maxPatterns of them.
func (pt *part) mergePatterns(u *part) {
	for key, q := range u.patterns {
		if p := pt.patterns[key]; p != nil {
			p.merge(q)
		} else {
			pt.patterns[key] = q.clone()
		}
	}
	pt.drop(u.unkept, u.unkeptVars)
	pt.worst = nil
	if len(pt.patterns) <= maxPatterns {
		return
	}
	for _, p := range pt.sortedPatterns()[maxPatterns:] {
		delete(pt.patterns, p.key)
		pt.drop(p.n, len(p.vars))
	}
}

// patternsEqual reports whether p and q keep the same patterns and
// count the same forms as not kept.
func patternsEqual(p, q *part) bool {
	if len(p.patterns) != len(q.patterns) || p.unkept != q.unkept || p.unkeptVars != q.unkeptVars {
		return false
	}
	for key, a := range p.patterns {
		b := q.patterns[key]
		if b == nil || a.n != b.n || !slices.Equal(a.sums, b.sums) {
			return false
		}
	}
	return true
}

// ipoints are a scale's points as integers, the units of pattern sums:
// level l has x[l] units, points = units × 10^exp (exp ≤ 0, the least
// exponent of the points). Sums are fixed-width unsigned integers wide
// enough for 2^64 − 1 forms: a Σx takes wx words, a Σxy wxy words, so
// they never overflow.
type ipoints struct {
	exp      int32
	L        int
	wx, wxy  int
	x, xy    []uint64 // level l at x[l*wx:]; levels l, m at xy[(l*L+m)*wxy:]
	min, max *big.Int // the fewest and most units of a level
}

func newIPoints(s *csat.Scale) *ipoints {
	ip := &ipoints{L: s.Len()}
	for _, l := range s.Levels() {
		ip.exp = min(ip.exp, l.Points.Exponent())
	}
	units := make([]*big.Int, ip.L)
	nbits := 0
	for i, l := range s.Levels() {
		units[i] = l.Points.Shift(-ip.exp).BigInt()
		nbits = max(nbits, units[i].BitLen())
		if ip.min == nil || units[i].Cmp(ip.min) < 0 {
			ip.min = units[i]
		}
		if ip.max == nil || units[i].Cmp(ip.max) > 0 {
			ip.max = units[i]
		}
	}
	ip.wx, ip.wxy = (nbits+127)/64, (2*nbits+127)/64
	ip.x = make([]uint64, ip.L*ip.wx)
	ip.xy = make([]uint64, ip.L*ip.L*ip.wxy)
	var prod big.Int
	for i, u := range units {
		toWords(ip.x[i*ip.wx:(i+1)*ip.wx], u)
		for j, v := range units {
			c := (i*ip.L + j) * ip.wxy
			toWords(ip.xy[c:c+ip.wxy], prod.Mul(u, v))
		}
	}
	return ip
}

// toWords writes the non-negative v into dst, least significant word
// first; v fits.
func toWords(dst []uint64, v *big.Int) {
	var t big.Int
	mask := new(big.Int).SetUint64(^uint64(0))
	for i := range dst {
		dst[i] = t.And(t.Rsh(v, uint(64*i)), mask).Uint64()
	}
}

// fromWords returns the number held in ws, least significant word first.
func fromWords(ws []uint64) *big.Int {
	v, w := new(big.Int), new(big.Int)
	for i := len(ws) - 1; i >= 0; i-- {
		v.Lsh(v, 64).Or(v, w.SetUint64(ws[i]))
	}
	return v
}

// sumDecimal returns units × 10^(places·exp) as a decimal: a Σx
// (places 1) or a Σxy (places 2) in points.
func (ip *ipoints) sumDecimal(ws []uint64, places int32) decimal.Decimal {
	return decimal.NewFromBigInt(fromWords(ws), places*ip.exp)
}
