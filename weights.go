package csat

import (
	"errors"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// A WeightingScheme combines named scores (item scores, source results)
// into one weighted result. The built-ins are the weight [Tree] (the PVC
// write-up's hierarchical item weights), [EqualWeights] and the flat
// [Blend]; a user's own scheme needs only this method.
//
// A scheme must reject, with an error, a name it does not know and a score
// it needs but was not given: nothing is silently dropped.
type WeightingScheme interface {
	Combine(scores map[string]Result) (Result, error)
}

var (
	_ WeightingScheme = (*Tree)(nil)
	_ WeightingScheme = EqualWeights{}
)

// A Node is a node of a weight tree as declared: a name, an optional
// English label, a weight and children. A node without children is a leaf
// scored directly. Build the whole tree as a literal and pass the root to
// [NewTree]; the root's weight is the declared total (100 in the PVC
// write-up).
type Node struct {
	// Name is the node's name, unique in the tree (the PVC tree uses the
	// Chinese item names: 品质, 包装, …).
	Name string
	// Key is an optional second name, unique among all names and keys of
	// the tree, by which the node may be addressed as well: a stable
	// ASCII key ("quality") beside a Chinese name.
	Key string
	// Label is an optional English label for display.
	Label    string
	Weight   decimal.Decimal
	Children []Node
}

// TreeOptions configures [NewTree]. The zero value (or nil) means: strict
// validation, leaf scores in 0–100.
type TreeOptions struct {
	// Normalize rescales, top down, each parent's children in proportion
	// so that they sum to the parent's weight, instead of rejecting a
	// parent whose children do not add up. Opt-in: the weights used then
	// differ from the declared ones (exactly, as fractions: 20 × 8/26 is
	// kept as 80/13, not rounded).
	Normalize bool
	// Kind is the kind of the leaf scores [Tree.Combine] accepts: [Points]
	// (the zero value: 0–100 scores, as in the PVC write-up) or
	// [Fraction] (degrees and rates). A score of another kind is an error
	// wrapping [ErrKindMismatch]: a degree of 82 % is not 0.82 points.
	Kind Kind
	// ScoreMax is the largest leaf score [Tree.Combine] accepts; scores
	// range over [0, ScoreMax]. Zero means 100 for [Points] and 1 for
	// [Fraction]; a Fraction tree's ScoreMax may not exceed 1.
	ScoreMax decimal.Decimal
}

// A Tree is a validated hierarchical weighting scheme (权重, METHOD.md
// §4): every parent's weight is the sum of its children's, the root's is
// the declared total, no weight is negative, names are unique. The score
// it gives is
//
//	weighted score = Σ leaf weight × leaf score / total
//
// explained as the method writes it, with each parent's own weighted
// score nested beneath. A Tree is immutable and safe for concurrent use.
type Tree struct {
	root     *tnode
	byName   map[string]*tnode
	leaves   []*tnode
	scoreMax decimal.Decimal
	kind     Kind
}

type tnode struct {
	root     bool
	name     string
	key      string
	label    string
	declared decimal.Decimal
	weight   *big.Rat
	children []*tnode
}

// NewTree validates the tree rooted at root and returns it. Violations are
// all reported, joined ([errors.Join]): a parent whose children do not sum
// to its weight is a [*WeightError] (unless opts.Normalize); a negative
// weight wraps [ErrNegative]; a name empty or used twice wraps
// [ErrInvalid] or [ErrDuplicate]; a root weight that is not positive
// wraps [ErrInvalid]. Loading the PVC tree as printed (the Example
// NewTree_asPrinted) fails with a WeightError naming 购销过程, declared
// 20, children 26.
func NewTree(root Node, opts *TreeOptions) (*Tree, error) {
	var o TreeOptions
	if opts != nil {
		o = *opts
	}
	if o.Kind > Fraction {
		return nil, errorf(ErrInvalid, "weights: unknown kind %d", o.Kind)
	}
	if o.ScoreMax.IsZero() {
		o.ScoreMax = decimal.NewFromInt(100)
		if o.Kind == Fraction {
			o.ScoreMax = one
		}
	}
	if err := checkDecimal("weights: score max", o.ScoreMax); err != nil {
		return nil, err
	}
	if o.ScoreMax.IsNegative() || (o.Kind == Fraction && o.ScoreMax.GreaterThan(one)) {
		return nil, errorf(ErrOutOfRange, "weights: score max %s outside the range of %s scores", o.ScoreMax, o.Kind)
	}
	t := &Tree{byName: map[string]*tnode{}, scoreMax: o.ScoreMax, kind: o.Kind}
	var errs []error
	var build func(n Node, depth int) *tnode
	build = func(n Node, depth int) *tnode {
		if depth > 64 {
			errs = append(errs, &Error{Part: "node", Name: n.Name, Err: errorf(ErrInvalid, "nested deeper than 64 levels")})
			return &tnode{name: n.Name, weight: new(big.Rat)}
		}
		tn := &tnode{name: n.Name, key: n.Key, label: n.Label, declared: n.Weight, weight: n.Weight.Rat()}
		switch {
		case n.Name == "":
			errs = append(errs, &Error{Part: "node", Err: errorf(ErrInvalid, "empty name")})
		case t.byName[n.Name] != nil:
			errs = append(errs, &Error{Part: "node", Name: n.Name, Err: errorf(ErrDuplicate, "name used twice")})
		default:
			t.byName[n.Name] = tn
		}
		if n.Key != "" {
			if t.byName[n.Key] != nil {
				errs = append(errs, &Error{Part: "node", Name: n.Name, Err: errorf(ErrDuplicate, "key %q is already a name or key", n.Key)})
			} else {
				t.byName[n.Key] = tn
			}
		}
		if n.Weight.IsNegative() {
			errs = append(errs, &Error{Part: "node", Name: n.Name, Err: errorf(ErrNegative, "weight %s", n.Weight)})
		} else if err := checkDecimal("weight", n.Weight); err != nil {
			errs = append(errs, &Error{Part: "node", Name: n.Name, Err: err})
			tn.weight, tn.declared = new(big.Rat), decimal.Zero
		}
		for _, c := range n.Children {
			tn.children = append(tn.children, build(c, depth+1))
		}
		if len(tn.children) == 0 {
			t.leaves = append(t.leaves, tn)
		}
		return tn
	}
	t.root = build(root, 0)
	t.root.root = true
	if !root.Weight.IsPositive() && !root.Weight.IsNegative() {
		errs = append(errs, errorf(ErrInvalid, "weights: root %q has total weight 0", root.Name))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if o.Normalize {
		if err := t.root.normalize(); err != nil {
			return nil, err
		}
	} else {
		t.root.check(&errs)
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
	}
	return t, nil
}

// check appends a WeightError for every parent whose children do not add up.
func (n *tnode) check(errs *[]error) {
	if len(n.children) == 0 {
		return
	}
	sum := decimal.Zero
	for _, c := range n.children {
		sum = sum.Add(c.declared)
	}
	if !sum.Equal(n.declared) {
		*errs = append(*errs, &WeightError{Node: n.name, Root: n.root, Declared: n.declared, ChildrenSum: sum})
	}
	for _, c := range n.children {
		c.check(errs)
	}
}

// normalize rescales children to sum to n's (already final) weight.
func (n *tnode) normalize() error {
	if len(n.children) == 0 {
		return nil
	}
	sum := new(big.Rat)
	for _, c := range n.children {
		sum.Add(sum, c.weight)
	}
	if sum.Sign() == 0 {
		if n.weight.Sign() != 0 {
			return &WeightError{Node: n.name, Root: n.root, Declared: n.declared, ChildrenSum: decimal.Zero}
		}
	} else {
		f := exact.Quo(n.weight, sum)
		for _, c := range n.children {
			c.weight = exact.Mul(c.weight, f)
		}
	}
	for _, c := range n.children {
		if err := c.normalize(); err != nil {
			return err
		}
	}
	return nil
}

// MustTree is like [NewTree] but panics on error. Use it only for tree
// literals known to be valid, e.g. in package-level variables.
func MustTree(root Node, opts *TreeOptions) *Tree {
	t, err := NewTree(root, opts)
	if err != nil {
		panic(err)
	}
	return t
}

// Root returns the root node's name.
func (t *Tree) Root() string {
	if t == nil || t.root == nil {
		return ""
	}
	return t.root.name
}

// Total returns the root's weight, the declared total.
func (t *Tree) Total() decimal.Decimal {
	if t == nil || t.root == nil {
		return decimal.Zero
	}
	return t.root.declared
}

// Leaves returns the leaves' names in declaration order (depth first).
func (t *Tree) Leaves() []string {
	if t == nil {
		return nil
	}
	out := make([]string, len(t.leaves))
	for i, l := range t.leaves {
		out[i] = l.name
	}
	return out
}

// Weight returns the weight the tree uses for the named node: the
// declared weight, or after normalisation the rescaled one (rounded to
// [Precision] places if it has no finite expansion; [Tree.WeightRat] has
// it exactly). An unknown name is [ErrUnknownItem].
func (t *Tree) Weight(name string) (decimal.Decimal, error) {
	r, err := t.WeightRat(name)
	if err != nil {
		return decimal.Zero, err
	}
	d, _ := exact.Decimal(r, Precision)
	return d, nil
}

// Name returns the name of the node named or keyed nameOrKey ("quality"
// → "品质"); an unknown name is [ErrUnknownItem].
func (t *Tree) Name(nameOrKey string) (string, error) {
	n, err := t.node(nameOrKey)
	if err != nil {
		return "", err
	}
	return n.name, nil
}

// Key returns the key of the node named or keyed nameOrKey ("" when it
// has none); an unknown name is [ErrUnknownItem].
func (t *Tree) Key(nameOrKey string) (string, error) {
	n, err := t.node(nameOrKey)
	if err != nil {
		return "", err
	}
	return n.key, nil
}

// node returns the node named or keyed nameOrKey.
func (t *Tree) node(nameOrKey string) (*tnode, error) {
	if t == nil || t.byName == nil {
		return nil, errorf(ErrInvalid, "weights: tree not built (use NewTree)")
	}
	n, ok := t.byName[nameOrKey]
	if !ok {
		return nil, errorf(ErrUnknownItem, "weights: no node %q", nameOrKey)
	}
	return n, nil
}

// WeightRat returns the exact weight the tree uses for the named node.
func (t *Tree) WeightRat(name string) (*big.Rat, error) {
	if t == nil || t.root == nil {
		return nil, errorf(ErrInvalid, "weights: tree not built (use NewTree)")
	}
	n, ok := t.byName[name]
	if !ok {
		return nil, errorf(ErrUnknownItem, "weights: no node %q", name)
	}
	return new(big.Rat).Set(n.weight), nil
}

// Children returns the names of the named node's children in order (none
// for a leaf); an unknown name is [ErrUnknownItem].
func (t *Tree) Children(name string) ([]string, error) {
	if t == nil || t.root == nil {
		return nil, errorf(ErrInvalid, "weights: tree not built (use NewTree)")
	}
	n, ok := t.byName[name]
	if !ok {
		return nil, errorf(ErrUnknownItem, "weights: no node %q", name)
	}
	out := make([]string, len(n.children))
	for i, c := range n.children {
		out[i] = c.name
	}
	return out, nil
}

// Combine returns the weighted score Σ leaf weight × leaf score / total of
// the leaf scores given, keyed by leaf name. Every leaf needs a score in
// [0, ScoreMax] (errors wrapping [ErrMissing] and [ErrOutOfRange], naming
// the leaf and the value); a name that is not a leaf is [ErrUnknownItem].
// The result's formula runs over the leaves, as METHOD.md §5 writes it;
// its parts are the root's children, each scored over its own children
// (Σ child weight × child score / its weight), down to the leaves.
func (t *Tree) Combine(scores map[string]Result) (Result, error) {
	if t == nil || t.root == nil {
		return Result{}, errorf(ErrInvalid, "weights: tree not built (use NewTree)")
	}
	byName := make(map[string]Result, len(scores))
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(scores)) {
		tn, ok := t.byName[k]
		if !ok || len(tn.children) > 0 {
			errs = append(errs, errorf(ErrUnknownItem, "weights: leaf %q not known", k))
			continue
		}
		if _, dup := byName[tn.name]; dup {
			errs = append(errs, errorf(ErrDuplicate, "weights: leaf %q given by name and by key", tn.name))
			continue
		}
		byName[tn.name] = scores[k]
	}
	if len(errs) > 0 {
		return Result{}, errors.Join(errs...)
	}
	for _, l := range t.leaves {
		r, ok := byName[l.name]
		if !ok {
			errs = append(errs, errorf(ErrMissing, "weights: no score for leaf %q", l.name))
			continue
		}
		if r.kind != t.kind {
			errs = append(errs, errorf(ErrKindMismatch, "weights: leaf %q score %s is of kind %s, the tree takes %s", l.name, r, r.kind, t.kind))
			continue
		}
		v := r.Rat()
		if v.Sign() < 0 || v.Cmp(t.scoreMax.Rat()) > 0 {
			errs = append(errs, errorf(ErrOutOfRange, "weights: leaf %q score %s outside 0..%s", l.name, r.Value(), t.scoreMax))
		}
	}
	if len(errs) > 0 {
		return Result{}, errors.Join(errs...)
	}
	return t.score(t.root, byName, true)
}

// english labels r with the node's English label, when it has one and
// r has none of its own (a visit's leaf says its level), for an
// explanation in English ([Result.ExplainIn]).
func (n *tnode) english(r Result) Result {
	if n.label == "" || (r.alt != nil && r.alt[langEn-langZh].hasLabel) {
		return r
	}
	return r.In("en", n.label, nil)
}

// score scores node n; the root's formula runs over the leaves.
func (t *Tree) score(n *tnode, scores map[string]Result, root bool) (Result, error) {
	if len(n.children) == 0 {
		return n.english(partLabel(n.name, scores[n.name])), nil
	}
	parts := make([]Result, len(n.children))
	for i, c := range n.children {
		p, err := t.score(c, scores, false)
		if err != nil {
			return Result{}, err
		}
		parts[i] = p
	}
	terms := n.children
	if root {
		terms = t.leaves
	}
	sum := new(big.Rat)
	for _, c := range terms {
		sum.Add(sum, exact.Mul(c.weight, t.leafOrNode(c, scores, parts, n)))
	}
	if n.weight.Sign() == 0 {
		r, err := FromRat(n.name, t.kind, sum)
		return r.withFormula(weightZero).WithParts(parts...), err
	}
	r, err := FromRat(n.name, t.kind, exact.Quo(sum, n.weight))
	if !root { // the root is labelled by what its score is used for
		r = n.english(r)
	}
	return r.WithFormula(func() string {
		var b strings.Builder
		b.WriteString("(")
		for i, c := range terms {
			if i > 0 {
				b.WriteString(" + ")
			}
			w, _ := exact.Decimal(c.weight, DisplayPlaces+2)
			b.WriteString(fmtDec(w))
			b.WriteString("×")
			if root {
				b.WriteString(scores[c.name].String())
			} else {
				b.WriteString(parts[i].String())
			}
		}
		w, _ := exact.Decimal(n.weight, DisplayPlaces+2)
		b.WriteString(") / ")
		b.WriteString(fmtDec(w))
		return b.String()
	}).WithParts(parts...), err
}

// leafOrNode returns the exact score of c: a leaf's given score, or an
// inner node's score among parts (children of parent n).
func (t *Tree) leafOrNode(c *tnode, scores map[string]Result, parts []Result, n *tnode) *big.Rat {
	if len(c.children) == 0 {
		return scores[c.name].Rat()
	}
	i := slices.Index(n.children, c)
	return parts[i].Rat()
}

// EqualWeights is the weighting scheme that gives every score the same
// weight: the plain mean of the scores given, in name order. The zero
// value is ready to use; no scores is [ErrEmpty].
type EqualWeights struct{}

// Combine returns the mean of the scores.
func (EqualWeights) Combine(scores map[string]Result) (Result, error) {
	if len(scores) == 0 {
		return Result{}, errorf(ErrEmpty, "equal weights: no scores")
	}
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	ws := make([]Weight, len(keys))
	parts := make([]Result, len(keys))
	for i, k := range keys {
		ws[i] = Weight{Name: k, Weight: decimal.NewFromInt(1)}
		parts[i] = partLabel(k, scores[k])
	}
	return weightedMean("equal weights", ws, parts, nil)
}

func w(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// PVCTree returns the corrected PVC weight tree used by the method's
// examples: reception 接待 5 and procedure 程序 5 instead of 8 and 8, so
// that 购销过程 is 20 and the total 100. Every node has a stable English
// key beside its Chinese name, and either addresses it ([Tree.Name],
// [Tree.Combine]):
//
//	顾客满意度 satisfaction         100
//	  产品质量 product_quality       50
//	    品质 quality                 30
//	    包装 packaging               10
//	    使用性 usability             10
//	  购销过程 purchase_process      20
//	    接待 reception                5
//	    程序 procedure                5
//	    价格和付款 price_payment     10
//	  相关服务 related_service       30
//	    运输 transport                8
//	    问题处理 problem_handling    12
//	    技术支持和服务 technical_support 10
func PVCTree() *Tree { return pvcTree }

var pvcTree = MustTree(pvcNode(5, 5), nil)

func pvcNode(reception, procedure int64) Node {
	return Node{Name: "顾客满意度", Key: "satisfaction", Label: "customer satisfaction", Weight: w(100), Children: []Node{
		{Name: "产品质量", Key: "product_quality", Label: "product quality", Weight: w(50), Children: []Node{
			{Name: "品质", Key: "quality", Label: "quality", Weight: w(30)},
			{Name: "包装", Key: "packaging", Label: "packaging", Weight: w(10)},
			{Name: "使用性", Key: "usability", Label: "usability", Weight: w(10)},
		}},
		{Name: "购销过程", Key: "purchase_process", Label: "purchase process", Weight: w(20), Children: []Node{
			{Name: "接待", Key: "reception", Label: "reception", Weight: w(reception)},
			{Name: "程序", Key: "procedure", Label: "procedure", Weight: w(procedure)},
			{Name: "价格和付款", Key: "price_payment", Label: "price and payment", Weight: w(10)},
		}},
		{Name: "相关服务", Key: "related_service", Label: "related service", Weight: w(30), Children: []Node{
			{Name: "运输", Key: "transport", Label: "transport", Weight: w(8)},
			{Name: "问题处理", Key: "problem_handling", Label: "problem handling", Weight: w(12)},
			{Name: "技术支持和服务", Key: "technical_support", Label: "technical support and service", Weight: w(10)},
		}},
	}}
}

// weightZero is the formula of a node of weight 0.
var weightZero = langFormula(func(l lang) string { return l.pick("weight 0", "权重为 0", "weight 0") })
