package importance

import (
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// MaxShapleyItems is the most items [Shapley] decomposes. The exact
// decomposition solves the regression on every subset of the items (2^p
// of them), and each share is a fraction whose denominator is, in
// general, about the least common multiple of the determinants of all
// those regressions, so its digits double with every item, as does the
// time (BenchmarkShapley, 200 five-level forms, one core of a shared
// 2-core machine):
//
//	items  time     digits of a share's denominator
//	10     0.05 s    12,596
//	12     0.3 s     57,858
//	13     1.4 s    125,456
//	14     4.7 s    267,299
//	16     47 s   1,191,358 (2 GB allocated)
//
// A csat.Result encodes to JSON numbers of at most 262,144 characters:
// 14 items pass that on 200 forms, and 13 come within 5% of it on 20,000
// forms (249,955 digits: they grow with the logarithm of the forms),
// while 12 items stay below 120,000 digits up to 20,000 forms. Beyond the limit, [RelativeWeights] gives a
// close reading in time polynomial in the items.
const MaxShapleyItems = 12

// Shapley is the Shapley value, or LMG (Lindeman, Merenda and Gold),
// decomposition of the R² of the linear model of the overall question on
// the items — general dominance in Azen and Budescu's terms, relaimpo's
// "lmg" and dominanceAnalysis's general dominance: each item's share is
// its gain in R² when added to a subset of the other items, averaged
// over every order in which the items could be added:
//
//	share_j = Σ_{S ⊆ others} |S|!(p − |S| − 1)!/p! × (R²(S ∪ {j}) − R²(S))
//
// The co-moments of the forms are exact, so every R²(S) is an exact
// fraction (fraction-free Gaussian elimination on the covariance
// matrix) and so is every share; the shares sum exactly to R² of the
// full model ([Set.R2]). A constant item, or one that is a linear
// combination of others (two identical items), is handled by projecting
// on the span of the others: adding it gains nothing, and identical
// items get identical shares. Shares are [csat.Fraction]s, exact (their
// Num/Den keep the fraction when it does not terminate within
// [csat.Precision] places); [Set.Subsets] lists the R² of every subset,
// and each share's explanation averages the gains by the number of
// other items already in the model.
//
// Errors: no overall question answered ([csat.ErrMissing]: use
// [Correlation], which falls back to the item–rest correlation), more
// than [MaxShapleyItems] items ([csat.ErrInvalid]), the overall question
// without variance ([csat.ErrInvalid]), a pairwise covariance matrix
// that is not positive semi-definite ([csat.ErrInvalid]: use listwise
// deletion), and those of [newSystem]'s inputs (nil or empty Stats, an
// unknown item, fewer than 2 forms). The zero Shapley is ready to use.
type Shapley struct{}

// Importance returns the Shapley shares of R² of the items.
func (Shapley) Importance(in Input) (Set, error) {
	if n := len(in.Items); n > MaxShapleyItems {
		return Set{}, tooMany(n)
	}
	s, err := newSystem("shapley", in)
	if err != nil {
		return Set{}, err
	}
	if s.p() > MaxShapleyItems {
		return Set{}, tooMany(s.p())
	}
	return s.shapley()
}

func tooMany(p int) error {
	return errs.New(csat.ErrInvalid, "shapley: "+strconv.Itoa(p)+" items, more than MaxShapleyItems ("+strconv.Itoa(MaxShapleyItems)+
		"): the exact decomposition solves 2^p regressions and its fractions grow with 2^p; use RelativeWeights, or fewer items")
}

// subsetR2 is the R² of one subset: num/(den), den = s_yy·det(S).
type subsetR2 struct {
	num, det *big.Int
}

// subsets returns the R² of every subset of the items, by bit mask, by
// a depth-first walk adding items in ascending order: each subset's
// elimination continues its parent's, one pivot each.
func (s *system) subsets() ([]subsetR2, error) {
	if err := s.checkTarget(); err != nil {
		return nil, err
	}
	out := make([]subsetR2, 1<<uint(s.p()))
	var walk func(n *node) error
	walk = func(n *node) error {
		num, _, err := s.r2(n)
		if err != nil {
			return err
		}
		out[n.mask] = subsetR2{num: num, det: n.prev}
		for t := range n.vars {
			c, err := s.add(n, t)
			if err != nil {
				return err
			}
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(s.root())
}

// shapley computes the set: R² of every subset, then each share as one
// exact sum over a common denominator. The caller checks the number of
// items (the benchmark goes beyond MaxShapleyItems).
func (s *system) shapley() (Set, error) {
	p := s.p()
	sub, err := s.subsets()
	if err != nil {
		return Set{}, err
	}
	syy := s.scaled[p][p]
	// L = lcm of every det(S); each R²(S) = q_S / (s_yy·L) with
	// q_S = num_S·(L/det(S)).
	// Each R²(S) = num_S/(s_yy·det(S)). With L the lcm of every det(S),
	// p!·s_yy·L·share_j = Σ_S c_j(S)·num_S·(L/det(S)), where c_j(S) is
	// (|S|−1)!(p−|S|)! when j ∈ S and −|S|!(p−|S|−1)! when not: one exact
	// sum per item, taken pairwise up a tree of lcms.
	dets := make([]*big.Int, len(sub))
	for i, r := range sub {
		dets[i] = r.det
	}
	tree := lcmTree(dets, 0)
	fact := make([]*big.Int, p+1)
	fact[0] = big.NewInt(1)
	for i := 1; i <= p; i++ {
		fact[i] = new(big.Int).Mul(fact[i-1], big.NewInt(int64(i)))
	}
	in := make([]*big.Int, len(sub))  // (|S|−1)!(p−|S|)!·num_S
	out := make([]*big.Int, len(sub)) // −|S|!(p−|S|−1)!·num_S
	for mask, r := range sub {
		k := bits.OnesCount(uint(mask))
		if k > 0 {
			in[mask] = new(big.Int).Mul(r.num, new(big.Int).Mul(fact[k-1], fact[p-k]))
		}
		if k < p {
			out[mask] = new(big.Int).Mul(r.num, new(big.Int).Mul(fact[k], fact[p-k-1]))
			out[mask].Neg(out[mask])
		}
	}
	acc := make([]*big.Int, p)
	for j := range p {
		acc[j] = tree.sum(func(mask int) *big.Int {
			if mask&(1<<uint(j)) != 0 {
				return in[mask]
			}
			return out[mask]
		})
	}
	k := new(big.Int).Mul(fact[p], syy)

	set := s.set()
	set.Subsets = s.subsetResults(sub)
	full := s.r2Result(set.Subsets[len(set.Subsets)-1].R2, p, sub[len(sub)-1].num, sub[len(sub)-1].det)
	set.R2 = &full
	byMask := make(map[uint64]csat.Result, len(set.Subsets))
	for i, m := range subsetOrder(p) {
		byMask[m] = set.Subsets[i].R2
	}
	set.Items = make([]Item, p)
	keys := make([]*big.Rat, p)
	for j, name := range s.items {
		// the shares have one denominator, k·L: rank by numerator
		keys[j] = new(big.Rat).SetInt(acc[j])
		v, err := csat.FromRat("Shapley share of R² of "+name, csat.Fraction, tree.reduced(acc[j], k))
		if err != nil {
			return Set{}, err
		}
		set.Items[j] = Item{Item: name, Value: v.WithFormula(shapleyFormula(s.items, j, byMask, false)).
			In("zh", name+"的 Shapley R² 分摊", shapleyFormula(s.items, j, byMask, true))}
	}
	rank(set.Items, keys)
	return set, nil
}

// An lcmNode is a node of a tree of least common multiples: l is the lcm
// of the leaves below it, built pairwise so that the large GCDs are few
// (at the top); ml = l/left.l and mr = l/right.l. A leaf has its index.
type lcmNode struct {
	l, ml, mr   *big.Int
	left, right *lcmNode
	leaf        int
}

// lcmTree returns the tree of the lcms of xs (positive, at least one),
// the first of index first.
func lcmTree(xs []*big.Int, first int) *lcmNode {
	if len(xs) == 1 {
		return &lcmNode{l: xs[0], leaf: first}
	}
	h := len(xs) / 2
	a, b := lcmTree(xs[:h], first), lcmTree(xs[h:], first+h)
	g := new(big.Int).GCD(nil, nil, a.l, b.l)
	n := &lcmNode{left: a, right: b, ml: new(big.Int).Quo(b.l, g), mr: new(big.Int).Quo(a.l, g)}
	n.l = new(big.Int).Mul(a.l, n.ml)
	return n
}

// sum returns N with N/n.l = Σ over the leaves i below n of num(i)/xᵢ:
// N = N_left·ml + N_right·mr at each node (num(i) may be nil for 0).
func (n *lcmNode) sum(num func(i int) *big.Int) *big.Int {
	if n.left == nil {
		if v := num(n.leaf); v != nil {
			return v
		}
		return new(big.Int)
	}
	a := new(big.Int).Mul(n.left.sum(num), n.ml)
	return a.Add(a, new(big.Int).Mul(n.right.sum(num), n.mr))
}

// gcd returns gcd(x, n.l) for x ≥ 0 without a GCD of numbers of n.l's
// size: divisibility is a distributive lattice, so gcd(x, lcm(a, b)) =
// lcm(gcd(x, a), gcd(x, b)); x is reduced modulo each node on the way
// down (a remainder tree) and the GCDs are taken at the leaves.
func (n *lcmNode) gcd(x *big.Int) *big.Int {
	r := new(big.Int).Mod(x, n.l)
	if n.left == nil {
		return r.GCD(nil, nil, r, n.l)
	}
	a, b := n.left.gcd(r), n.right.gcd(r)
	g := new(big.Int).GCD(nil, nil, a, b)
	return g.Mul(g.Quo(a, g), b)
}

// reduced returns the fraction num/(k·n.l) in lowest terms, for num ≥ 0
// and a small k > 0: g = gcd(num, n.l) by the tree, then num/g and n.l/g
// are coprime, so what is left to divide out is gcd(num/g, k). The
// big.Rat is filled through its Num and Denom references, which
// SetFrac would normalise again with a quadratic GCD.
func (n *lcmNode) reduced(num, k *big.Int) *big.Rat {
	g := n.gcd(num)
	a := new(big.Int).Quo(num, g)
	d := new(big.Int).Quo(n.l, g)
	g2 := new(big.Int).GCD(nil, nil, a, k)
	a.Quo(a, g2)
	d.Mul(d, new(big.Int).Quo(k, g2))
	if d.Cmp(big.NewInt(1)) == 0 {
		return new(big.Rat).SetInt(a)
	}
	q := big.NewRat(1, 2) // a denominator of its own, so that Denom is a reference
	q.Num().Set(a)
	q.Denom().Set(d)
	return q
}

// subsetOrder returns the masks of the subsets of p items by size, then
// by the items' names (items are sorted, so by their indexes).
func subsetOrder(p int) []uint64 {
	masks := make([]uint64, 1<<uint(p))
	for i := range masks {
		masks[i] = uint64(i)
	}
	slices.SortFunc(masks, func(a, b uint64) int {
		if c := bits.OnesCount64(a) - bits.OnesCount64(b); c != 0 {
			return c
		}
		// the lower the lowest differing bit's owner, the earlier
		d := a ^ b
		if a&(d&-d) != 0 {
			return -1
		}
		return 1
	})
	return masks
}

// subsetResults returns the R² of every subset as exact results.
func (s *system) subsetResults(sub []subsetR2) []Subset {
	syy := s.scaled[s.p()][s.p()]
	order := subsetOrder(s.p())
	out := make([]Subset, len(order))
	for i, m := range order {
		names := []string{}
		for j, it := range s.items {
			if m&(1<<uint(j)) != 0 {
				names = append(names, it)
			}
		}
		r := sub[m]
		v, _ := csat.FromRat("R²{"+strings.Join(names, ", ")+"}", csat.Fraction, new(big.Rat).SetFrac(r.num, new(big.Int).Mul(syy, r.det)))
		out[i] = Subset{Items: names, R2: v}
	}
	return out
}

// explainTerms is the most terms a share's explanation lists one by one
// (2^(p−1) of them, p ≤ 7); beyond, it gives the mean gain per size.
const explainTerms = 64

// shapleyFormula prints a share: for each k = 0 … p−1 the mean gain ḡk
// in R² from adding the item to the subsets S of k other items,
// R²(S ∪ {item}) − R²(S), each gain listed with its subset (up to 64 of
// them; beyond, the means alone, the subsets' R² being in Set.Subsets),
// then the mean of the ḡk.
func shapleyFormula(items []string, j int, r2 map[uint64]csat.Result, zh bool) func() string {
	return func() string {
		p := len(items)
		bit := uint64(1) << uint(j)
		var b strings.Builder
		means := make([]string, p)
		groups := make([]string, p)
		for k := range p {
			var terms []string
			sum := decimal.Zero
			cnt := 0
			for _, m := range subsetOrder(p) {
				if m&bit != 0 || bits.OnesCount64(m) != k {
					continue
				}
				with, without := r2[m|bit], r2[m]
				sum = sum.Add(with.Value()).Sub(without.Value())
				cnt++
				if 1<<uint(p-1) <= explainTerms {
					var others []string
					for i, it := range items {
						if m&(1<<uint(i)) != 0 {
							others = append(others, it)
						}
					}
					terms = append(terms, "{"+strings.Join(others, ", ")+"}: "+with.String()+" − "+without.String())
				}
			}
			mean, _ := csat.Approx("", csat.Fraction, sum.DivRound(decimal.NewFromInt(int64(cnt)), csat.Precision))
			means[k] = mean.String()
			if len(terms) > 0 {
				groups[k] = "ḡ" + strconv.Itoa(k) + " = "
				if cnt > 1 {
					groups[k] += "(" + strings.Join(terms, " + ") + ")/" + strconv.Itoa(cnt)
				} else {
					groups[k] += terms[0]
				}
			}
		}
		switch {
		case zh:
			b.WriteString("对其余项目的每个子集 S 求 R²(S ∪ {" + items[j] + "}) − R²(S)；ḡk 为其在 k 个项目的各子集上的平均")
		default:
			b.WriteString("for each subset S of the other items, R²(S ∪ {" + items[j] + "}) − R²(S); ḡk their mean over the subsets of k items")
		}
		switch {
		case groups[0] != "" && zh:
			b.WriteString("：" + strings.Join(groups, "；"))
		case groups[0] != "":
			b.WriteString(": ")
			b.WriteString(strings.Join(groups, "; "))
		case zh:
			b.WriteString("（各子集的 R² 见子集列表）")
		default:
			b.WriteString(" (the R² of every subset in Set.Subsets)")
		}
		g := make([]string, p)
		for k := range g {
			g[k] = "ḡ" + strconv.Itoa(k)
		}
		sep := "; "
		if zh {
			sep = "；"
		}
		b.WriteString(sep + "(" + strings.Join(g, " + ") + ")/" + strconv.Itoa(p) + " = (" + strings.Join(means, " + ") + ")/" + strconv.Itoa(p))
		return b.String()
	}
}
