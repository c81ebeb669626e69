package form

import (
	"math"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Moments are the co-moments of two variables (items, or an item and the
// overall question) over the forms that answered both (pairwise
// complete), in points of the scale: the number of such forms N, the
// sums of x, of y, of their squares and of their products. They are
// exact: sums of counts times the levels' points.
type Moments struct {
	N                               uint64
	SumX, SumY, SumXX, SumYY, SumXY decimal.Decimal
}

// Moments returns the co-moments of x and y on the source's forms; x or
// y may be [Overall], the overall question. With x == y they are the
// variable's own moments over the forms that answered it. It is an error
// wrapping [csat.ErrUnknownItem] when the source has no forms or the
// statistics are a group's (groups keep no joint counts).
func (s *Stats) Moments(source, x, y string) (Moments, error) {
	pt, err := s.pairPart(source, x, y)
	if err != nil {
		return Moments{}, err
	}
	L := s.scale.Len()
	pts := make([]decimal.Decimal, L)
	for i := range pts {
		lv, _ := s.scale.Level(i)
		pts[i] = lv.Points
	}
	var m Moments
	add := func(n uint64, px, py decimal.Decimal) {
		if n == 0 {
			return
		}
		m.N += n
		c := decimal.NewFromUint64(n)
		m.SumX = m.SumX.Add(c.Mul(px))
		m.SumY = m.SumY.Add(c.Mul(py))
		m.SumXX = m.SumXX.Add(c.Mul(px).Mul(px))
		m.SumYY = m.SumYY.Add(c.Mul(py).Mul(py))
		m.SumXY = m.SumXY.Add(c.Mul(px).Mul(py))
	}
	if x == y {
		t := pt.overall
		if x != Overall {
			t = pt.items[x].tally
		}
		for i := 0; i < L; i++ {
			add(t.Count(i), pts[i], pts[i])
		}
		return m, nil
	}
	swap := y < x
	k := pairKey{x, y}
	if swap {
		k = pairKey{y, x}
	}
	counts := pt.joint[k]
	for i := 0; i < L && counts != nil; i++ {
		for j := 0; j < L; j++ {
			if swap {
				add(counts[i*L+j], pts[j], pts[i])
			} else {
				add(counts[i*L+j], pts[i], pts[j])
			}
		}
	}
	return m, nil
}

// pairPart returns the statistics of a source's forms that Moments and
// Joint read for x and y, or the error naming what is missing: the
// source, joint counts (a group's statistics keep none) or an item.
func (s *Stats) pairPart(source, x, y string) (*part, error) {
	pt := s.get(source)
	if pt == nil {
		return nil, errs.New(csat.ErrUnknownItem, "moments: no forms of source "+errs.QuoteShort(source))
	}
	if pt.joint == nil {
		return nil, errs.New(csat.ErrUnknownItem, "moments: a group's statistics keep no joint counts")
	}
	for _, v := range []string{x, y} {
		if v != Overall && pt.items[v] == nil {
			return nil, errs.New(csat.ErrUnknownItem, "moments: no item "+errs.QuoteShort(v)+" on forms of source "+errs.QuoteShort(source))
		}
	}
	return pt, nil
}

// Joint returns the joint counts of x and y on the source's forms: the
// number of forms answering level i of x and level j of y at [i][j].
// Like Moments, x or y may be [Overall].
func (s *Stats) Joint(source, x, y string) ([][]uint64, error) {
	if _, err := s.pairPart(source, x, y); err != nil {
		return nil, err
	}
	L := s.scale.Len()
	out := make([][]uint64, L)
	for i := range out {
		out[i] = make([]uint64, L)
	}
	pt := s.parts[source]
	if x == y {
		t := pt.overall
		if x != Overall {
			t = pt.items[x].tally
		}
		for i := 0; i < L; i++ {
			out[i][i] = t.Count(i)
		}
		return out, nil
	}
	swap := y < x
	k := pairKey{x, y}
	if swap {
		k = pairKey{y, x}
	}
	if counts := pt.joint[k]; counts != nil {
		for i := 0; i < L; i++ {
			for j := 0; j < L; j++ {
				if swap {
					out[j][i] = counts[i*L+j]
				} else {
					out[i][j] = counts[i*L+j]
				}
			}
		}
	}
	return out, nil
}

// Merge adds u's statistics to s. Merging is exact, associative and
// commutative. Merging into the zero Stats adopts u; merging Stats of
// other scales is an error wrapping [csat.ErrScaleMismatch], and a count
// that would overflow one wrapping [csat.ErrOverflow]; on error s is
// unchanged.
func (s *Stats) Merge(u *Stats) error {
	if s == nil {
		return errs.New(csat.ErrInvalid, "form statistics: merge into nil Stats")
	}
	if u == nil || u.scale == nil {
		return nil
	}
	if s.scale == nil {
		*s = *u.Clone()
		return nil
	}
	if !s.scale.Equal(u.scale) || !s.imp.Equal(u.imp) {
		return errs.New(csat.ErrScaleMismatch, "form statistics: merge of scale "+errs.QuoteShort(s.scale.Name())+" with "+errs.QuoteShort(u.scale.Name()))
	}
	// A group's forms of a source are at most the survey's: the survey's
	// counters are the ones that can overflow.
	for src, pu := range u.parts {
		pt := s.parts[src]
		if pt == nil {
			continue
		}
		if pt.forms > math.MaxUint64-pu.forms {
			return errs.New(csat.ErrOverflow, "form statistics: merge: source "+errs.QuoteShort(src)+": more than 2^64−1 forms")
		}
		// A customer's answers at a level, summed over items, can pass
		// the forms.
		for c, cu := range pu.customers {
			if cs := pt.customers[c]; cs != nil {
				if t := cs.tally; t.Merge(cu.tally) != nil {
					return errs.New(csat.ErrOverflow, "form statistics: merge: source "+errs.QuoteShort(src)+", customer "+errs.QuoteShort(c)+": more than 2^64−1 answers at one level")
				}
			}
		}
	}
	mergeParts(s, s.parts, u.parts, true)
	for k, g := range u.groups {
		sg := s.groups[k]
		if sg == nil {
			sg = &groups{parts: map[string]*part{}}
			s.groups[k] = sg
		}
		mergeParts(s, sg.parts, g.parts, false)
	}
	return nil
}

func mergeParts(s *Stats, a, b map[string]*part, joint bool) {
	for src, pu := range b {
		pt := s.part(a, src, joint)
		pt.forms += pu.forms
		pt.answered += pu.answered
		_ = pt.overall.Merge(pu.overall) // ≤ forms: cannot overflow
		for name, iu := range pu.items {
			it := pt.item(s, name)
			_ = it.tally.Merge(iu.tally)
			_ = it.importance.Merge(iu.importance)
			it.blanks += iu.blanks
		}
		for name, cu := range pu.customers {
			c := pt.customers[name]
			if c == nil {
				c = &customerStats{tally: csat.NewTally(s.scale)}
				pt.customers[name] = c
			}
			c.forms += cu.forms
			_ = c.tally.Merge(cu.tally) // checked by Merge
		}
		if joint {
			pt.mergePatterns(pu)
		}
		for k, cu := range pu.joint {
			c := pt.joint[k]
			if c == nil {
				pt.joint[k] = slices.Clone(cu)
				continue
			}
			for i := range c {
				c[i] += cu[i]
			}
		}
	}
}

// Clone returns an independent copy of s.
func (s *Stats) Clone() *Stats {
	if s == nil {
		return nil
	}
	out := &Stats{scale: s.scale, imp: s.imp, ip: s.ip}
	if s.scale == nil {
		return out
	}
	out.parts = make(map[string]*part, len(s.parts))
	for src, pt := range s.parts {
		out.parts[src] = pt.clone()
	}
	out.groups = make(map[groupKey]*groups, len(s.groups))
	for k, g := range s.groups {
		ng := &groups{parts: make(map[string]*part, len(g.parts))}
		for src, pt := range g.parts {
			ng.parts[src] = pt.clone()
		}
		out.groups[k] = ng
	}
	return out
}

func (pt *part) clone() *part {
	c := &part{forms: pt.forms, answered: pt.answered, overall: pt.overall, items: make(map[string]*itemStats, len(pt.items))}
	for name, it := range pt.items {
		cp := *it
		c.items[name] = &cp
	}
	if pt.joint != nil {
		c.joint = make(map[pairKey][]uint64, len(pt.joint))
		for k, v := range pt.joint {
			c.joint[k] = slices.Clone(v)
		}
		c.customers = make(map[string]*customerStats, len(pt.customers))
		for name, cs := range pt.customers {
			cp := *cs
			c.customers[name] = &cp
		}
		c.patterns = make(map[string]*pattern, len(pt.patterns))
		for key, p := range pt.patterns {
			c.patterns[key] = p.clone()
		}
		c.unkept, c.unkeptVars = pt.unkept, pt.unkeptVars
	}
	return c
}

// Equal reports whether s and u hold the same statistics of the same
// scales.
func (s *Stats) Equal(u *Stats) bool {
	if s == nil || u == nil {
		return s == u
	}
	if (s.scale == nil) != (u.scale == nil) {
		return false
	}
	if s.scale == nil {
		return true
	}
	if !s.scale.Equal(u.scale) || !s.imp.Equal(u.imp) || len(s.groups) != len(u.groups) || !partsEqual(s.parts, u.parts) {
		return false
	}
	for k, g := range s.groups {
		h := u.groups[k]
		if h == nil || !partsEqual(g.parts, h.parts) {
			return false
		}
	}
	return true
}

func partsEqual(a, b map[string]*part) bool {
	if len(a) != len(b) {
		return false
	}
	for src, p := range a {
		q := b[src]
		if q == nil || p.forms != q.forms || p.answered != q.answered || !p.overall.Equal(q.overall) || len(p.items) != len(q.items) || len(p.joint) != len(q.joint) || (p.joint == nil) != (q.joint == nil) || len(p.customers) != len(q.customers) {
			return false
		}
		if !patternsEqual(p, q) {
			return false
		}
		for name, c := range p.customers {
			d := q.customers[name]
			if d == nil || c.forms != d.forms || !c.tally.Equal(d.tally) {
				return false
			}
		}
		for name, it := range p.items {
			jt := q.items[name]
			if jt == nil || it.blanks != jt.blanks || !it.tally.Equal(jt.tally) || !it.importance.Equal(jt.importance) {
				return false
			}
		}
		for k, c := range p.joint {
			if !slices.Equal(c, q.joint[k]) {
				return false
			}
		}
	}
	return true
}
