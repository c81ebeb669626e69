package csat

import (
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func givenScores(kv map[string]string) map[string]Result {
	out := map[string]Result{}
	for k, v := range kv {
		out[k] = mustGiven("", Points, dec(v))
	}
	return out
}

// pvcLeaves are the questionnaire scores of METHOD.md §5's worked example.
var pvcLeaves = map[string]string{
	"品质": "92", "包装": "85", "使用性": "88", "接待": "80", "程序": "75",
	"价格和付款": "60", "运输": "70", "问题处理": "65", "技术支持和服务": "90",
}

func TestPVCTreeWorkedExample(t *testing.T) {
	// By hand: 2760 + 850 + 880 + 400 + 375 + 600 + 560 + 780 + 900 = 8105; /100 = 81.05.
	r, err := PVCTree().Combine(givenScores(pvcLeaves))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Value().Equal(dec("81.05")) {
		t.Errorf("questionnaire = %s, want 81.05", r.Value())
	}
	want := "顾客满意度 = (30×92 + 10×85 + 10×88 + 5×80 + 5×75 + 10×60 + 8×70 + 12×65 + 10×90) / 100 = 81.05\n" +
		"  产品质量 = (30×92 + 10×85 + 10×88) / 50 = 89.8\n" +
		"    品质 = 92\n    包装 = 85\n    使用性 = 88\n" +
		"  购销过程 = (5×80 + 5×75 + 10×60) / 20 = 68.75\n" +
		"    接待 = 80\n    程序 = 75\n    价格和付款 = 60\n" +
		"  相关服务 = (8×70 + 12×65 + 10×90) / 30 = ≈74.67\n" +
		"    运输 = 70\n    问题处理 = 65\n    技术支持和服务 = 90\n"
	if diff := cmp.Diff(want, r.Derivation()); diff != "" {
		t.Errorf("derivation mismatch (-want +got):\n%s", diff)
	}
}

func TestPVCTreeAsPrinted(t *testing.T) {
	_, err := NewTree(pvcTreeAsPrinted(), nil)
	var we *WeightError
	if !errors.As(err, &we) {
		t.Fatalf("got %v, want a *WeightError", err)
	}
	got := []string{we.Node, we.Declared.String(), we.ChildrenSum.String(), err.Error()}
	want := []string{"购销过程", "20", "26", `csat: weights: node "购销过程" declares 20 but its children sum to 26: weights do not add up`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrWeightsMismatch) {
		t.Error("not ErrWeightsMismatch")
	}
	// Normalised: 接待 and 程序 become 20×8/26 = 80/13, price 20×10/26 = 100/13.
	tr, err := NewTree(pvcTreeAsPrinted(), &TreeOptions{Normalize: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]*big.Rat{"接待": big.NewRat(80, 13), "程序": big.NewRat(80, 13), "价格和付款": big.NewRat(100, 13), "品质": big.NewRat(30, 1)} {
		if got, _ := tr.WeightRat(name); got.Cmp(want) != 0 {
			t.Errorf("%s weight %s, want %s", name, got, want)
		}
	}
}

func TestTreeErrors(t *testing.T) {
	leaf := func(name string, wt string) Node { return Node{Name: name, Weight: dec(wt)} }
	cases := []struct {
		name string
		root Node
		want []string
		is   error
	}{
		{"negative", Node{Name: "r", Weight: dec("0"), Children: []Node{leaf("a", "-1"), leaf("b", "1")}},
			[]string{`csat: weights: node "a": weight -1: negative value`,
				`csat: weights: root "r" has total weight 0: invalid argument`}, ErrNegative},
		{"duplicate", Node{Name: "r", Weight: dec("2"), Children: []Node{leaf("a", "1"), leaf("a", "1")}},
			[]string{`csat: weights: node "a": name used twice: duplicate`}, ErrDuplicate},
		{"empty name", Node{Name: "r", Weight: dec("1"), Children: []Node{leaf("", "1")}},
			[]string{`csat: weights: node "": empty name: invalid argument`}, ErrInvalid},
		{"zero total", Node{Name: "r", Weight: dec("0"), Children: []Node{leaf("a", "0")}},
			[]string{`csat: weights: root "r" has total weight 0: invalid argument`}, ErrInvalid},
		{"root total", Node{Name: "r", Weight: dec("100"), Children: []Node{leaf("a", "60"), leaf("b", "30")}},
			[]string{`csat: weights: root "r" declares the total 100 but its children sum to 90: weights do not add up`}, ErrWeightsMismatch},
		{"two bad parents", Node{Name: "r", Weight: dec("3"), Children: []Node{
			{Name: "p", Weight: dec("1"), Children: []Node{leaf("a", "2")}},
			{Name: "q", Weight: dec("2"), Children: []Node{leaf("b", "1")}}}},
			[]string{`csat: weights: node "p" declares 1 but its children sum to 2: weights do not add up`,
				`csat: weights: node "q" declares 2 but its children sum to 1: weights do not add up`}, ErrWeightsMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := NewTree(c.root, nil)
			if tr != nil || err == nil {
				t.Fatal("want an error")
			}
			if !errors.Is(err, c.is) {
				t.Errorf("%v is not %v", err, c.is)
			}
			var got []string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
	_, err := NewTree(leaf("r", "1"), &TreeOptions{ScoreMax: dec("-1")})
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = NewTree(leaf("r", "1"), &TreeOptions{Kind: Fraction, ScoreMax: dec("100")})
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = NewTree(Node{Name: "r", Weight: dec("1"), Children: []Node{leaf("a", "0")}}, &TreeOptions{Normalize: true})
	checkErr(t, err, errCheck{Is: ErrWeightsMismatch, Msg: `csat: weights: root "r" declares the total 1 but its children sum to 0: weights do not add up`})
}

func TestTreeCombineErrors(t *testing.T) {
	scores := func(change func(map[string]string)) map[string]Result {
		m := map[string]string{}
		for k, v := range pvcLeaves {
			m[k] = v
		}
		change(m)
		return givenScores(m)
	}
	cases := []struct {
		name   string
		scores map[string]Result
		want   errCheck
	}{
		{"missing leaf", scores(func(m map[string]string) { delete(m, "运输") }), errCheck{ErrMissing, `csat: weights: no score for leaf "运输": missing value`}},
		{"above 100", scores(func(m map[string]string) { m["包装"] = "100.5" }), errCheck{ErrOutOfRange, `csat: weights: leaf "包装" score 100.5 outside 0..100: value out of range`}},
		{"negative", scores(func(m map[string]string) { m["包装"] = "-1" }), errCheck{ErrOutOfRange, `csat: weights: leaf "包装" score -1 outside 0..100: value out of range`}},
		{"unknown", scores(func(m map[string]string) { m["价格"] = "1" }), errCheck{ErrUnknownItem, `csat: weights: leaf "价格" not known: unknown item`}},
		{"inner node", scores(func(m map[string]string) { m["产品质量"] = "1" }), errCheck{ErrUnknownItem, `csat: weights: leaf "产品质量" not known: unknown item`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := PVCTree().Combine(c.scores)
			checkErr(t, err, c.want)
		})
	}
	_, err := EqualWeights{}.Combine(nil)
	checkErr(t, err, errCheck{Is: ErrEmpty, Msg: `csat: equal weights: no scores: no data`})
}

// genTree draws a valid tree: leaf weights 0..100, each parent the sum of
// its children, at least one positive leaf.
func genTree(t *rapid.T) Node {
	id := 0
	var gen func(depth int) Node
	gen = func(depth int) Node {
		id++
		n := Node{Name: "n" + strconv.Itoa(id)}
		kids := 0
		if depth < 3 {
			kids = rapid.IntRange(0, 4).Draw(t, "kids")
		}
		if depth == 0 && kids == 0 {
			kids = 1
		}
		if kids == 0 {
			n.Weight = decimal.NewFromInt(int64(rapid.IntRange(0, 100).Draw(t, "w")))
			return n
		}
		sum := decimal.Zero
		for range kids {
			c := gen(depth + 1)
			sum = sum.Add(c.Weight)
			n.Children = append(n.Children, c)
		}
		n.Weight = sum
		return n
	}
	root := gen(0)
	if root.Weight.IsZero() {
		t.Skip("all-zero tree")
	}
	return root
}

func allNodes(n *Node, parent *Node, f func(n, parent *Node)) {
	f(n, parent)
	for i := range n.Children {
		allNodes(&n.Children[i], n, f)
	}
}

func leafNames(n Node) []string {
	var out []string
	allNodes(&n, nil, func(n, _ *Node) {
		if len(n.Children) == 0 {
			out = append(out, n.Name)
		}
	})
	return out
}

func TestTreeProperties(t *testing.T) {
	t.Run("valid trees validate and leaves sum to total", rapid.MakeCheck(propLeavesSum))
	t.Run("one changed weight names the right node", rapid.MakeCheck(propChangedWeight))
	t.Run("normalising keeps proportions", rapid.MakeCheck(propNormalize))
	t.Run("equal leaf scores give that score; range; scaling", rapid.MakeCheck(propCombine))
}

// propLeavesSum: valid trees validate and their leaves sum exactly to the total.
func propLeavesSum(t *rapid.T) {
	root := genTree(t)
	tr, err := NewTree(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := new(big.Rat)
	for _, l := range tr.Leaves() {
		w, _ := tr.WeightRat(l)
		sum.Add(sum, w)
	}
	if sum.Cmp(root.Weight.Rat()) != 0 {
		t.Fatalf("leaves sum %s, total %s", sum, root.Weight)
	}
}

// propChangedWeight: changing one weight is an error naming its parent and, for an inner
// node, the node itself.
func propChangedWeight(t *rapid.T) {
	root := genTree(t)
	var nodes []*Node
	parents := map[string]string{}
	allNodes(&root, nil, func(n, p *Node) {
		nodes = append(nodes, n)
		if p != nil {
			parents[n.Name] = p.Name
		}
	})
	k := rapid.IntRange(0, len(nodes)-1).Draw(t, "node")
	changed := nodes[k]
	changed.Weight = changed.Weight.Add(decimal.NewFromInt(int64(rapid.IntRange(1, 50).Draw(t, "delta"))))
	_, err := NewTree(root, nil)
	if err == nil {
		t.Fatalf("changing %s went unnoticed", changed.Name)
	}
	var named []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var we *WeightError
		if !errors.As(e, &we) {
			t.Fatalf("unexpected error %v", e)
		}
		named = append(named, we.Node)
	}
	if p, ok := parents[changed.Name]; ok && !slices.Contains(named, p) {
		t.Fatalf("changed %s: errors name %v, not its parent %s", changed.Name, named, p)
	}
	if len(changed.Children) > 0 && !slices.Contains(named, changed.Name) {
		t.Fatalf("changed inner node %s: errors name %v", changed.Name, named)
	}
}

// propNormalize: normalising makes each node's children sum to it and keeps their
// declared proportions.
func propNormalize(t *rapid.T) {
	root := genTree(t)
	var nodes []*Node
	allNodes(&root, nil, func(n, _ *Node) { nodes = append(nodes, n) })
	for range rapid.IntRange(1, 3).Draw(t, "changes") {
		n := nodes[rapid.IntRange(1, max(1, len(nodes)-1)).Draw(t, "node")%len(nodes)]
		n.Weight = n.Weight.Add(decimal.NewFromInt(int64(rapid.IntRange(1, 50).Draw(t, "delta"))))
	}
	tr, err := NewTree(root, &TreeOptions{Normalize: true})
	if err != nil {
		if errors.Is(err, ErrWeightsMismatch) { // a positive parent over all-zero children cannot be rescaled
			return
		}
		t.Fatal(err)
	}
	allNodes(&root, nil, func(n, _ *Node) {
		if len(n.Children) == 0 {
			return
		}
		pw, _ := tr.WeightRat(n.Name)
		declSum, sum := new(big.Rat), new(big.Rat)
		for _, c := range n.Children {
			declSum.Add(declSum, c.Weight.Rat())
			w, _ := tr.WeightRat(c.Name)
			sum.Add(sum, w)
		}
		if sum.Cmp(pw) != 0 {
			t.Fatalf("node %s: children sum %s, weight %s", n.Name, sum, pw)
		}
		if pw.Sign() == 0 || declSum.Sign() == 0 {
			return
		}
		for _, c := range n.Children {
			w, _ := tr.WeightRat(c.Name)
			got := new(big.Rat).Quo(w, pw)
			want := new(big.Rat).Quo(c.Weight.Rat(), declSum)
			if got.Cmp(want) != 0 {
				t.Fatalf("child %s share %s, declared share %s", c.Name, got, want)
			}
		}
	})
}

// propCombine: equal leaf scores give that score, any scores combine within the
// leaves' range, and scaling every weight changes nothing.
func propCombine(t *rapid.T) {
	root := genTree(t)
	tr := mustTreeT(t, root)
	leaves := leafNames(root)
	same := decimal.NewFromInt(int64(rapid.IntRange(0, 100).Draw(t, "same")))
	eq := map[string]Result{}
	for _, l := range leaves {
		eq[l] = mustGiven("", Points, same)
	}
	r, err := tr.Combine(eq)
	if err != nil || !r.Value().Equal(same) {
		t.Fatalf("equal scores %s gave %v, %v", same, r.Value(), err)
	}
	scores := map[string]Result{}
	lo, hi := decimal.NewFromInt(100), decimal.Zero
	for _, l := range leaves {
		v := decimal.New(int64(rapid.IntRange(0, 10000).Draw(t, "score")), -2)
		lo, hi = decimal.Min(lo, v), decimal.Max(hi, v)
		scores[l] = mustGiven("", Points, v)
	}
	r, err = tr.Combine(scores)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rat().Cmp(lo.Rat()) < 0 || r.Rat().Cmp(hi.Rat()) > 0 {
		t.Fatalf("score %s outside leaf range [%s, %s]", r.Value(), lo, hi)
	}
	k := decimal.New(int64(rapid.IntRange(1, 1000).Draw(t, "k")), -1)
	scaled := root
	scaleTree(&scaled, k)
	r2, err := mustTreeT(t, scaled).Combine(scores)
	if err != nil || r2.Rat().Cmp(r.Rat()) != 0 {
		t.Fatalf("scaling weights by %s changed %s to %v (%v)", k, r.Value(), r2.Value(), err)
	}
}

func mustTreeT(t *rapid.T, n Node) *Tree {
	tr, err := NewTree(n, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// scaleTree multiplies every weight by k (copying the children slices).
func scaleTree(n *Node, k decimal.Decimal) {
	n.Weight = n.Weight.Mul(k)
	n.Children = slices.Clone(n.Children)
	for i := range n.Children {
		scaleTree(&n.Children[i], k)
	}
}

func TestEqualWeights(t *testing.T) {
	// (84% + 88% + 72% + 56% + 80%) / 5 = 380%/5 = 76%.
	m := map[string]Result{}
	for _, row := range perItem {
		m[row.item] = mustGiven("", Fraction, dec(row.degree))
	}
	r, err := EqualWeights{}.Combine(m)
	if err != nil || !r.Value().Equal(dec("0.76")) || r.Kind() != Fraction {
		t.Fatalf("equal weights = %v (%v), want 0.76", r.Value(), err)
	}
	want := "equal weights = (1×88% + 1×56% + 1×84% + 1×72% + 1×80%) / 5 = 76%" // names in byte order
	if r.Explain() != want {
		t.Errorf("Explain\n got: %s\nwant: %s", r.Explain(), want)
	}
}

func TestTreeAccessors(t *testing.T) {
	tr := PVCTree()
	kids, err := tr.Children("购销过程")
	if err != nil {
		t.Fatal(err)
	}
	w, _ := tr.Weight("接待")
	got := []string{tr.Root(), tr.Total().String(), w.String(), kids[0] + kids[1] + kids[2]}
	if diff := cmp.Diff([]string{"顾客满意度", "100", "5", "接待程序价格和付款"}, got); diff != "" {
		t.Errorf("accessors (-want +got):\n%s", diff)
	}
	_, err = tr.Weight("x")
	checkErr(t, err, errCheck{Is: ErrUnknownItem, Msg: `csat: weights: no node "x": unknown item`})
	_, err = tr.Children("x")
	checkErr(t, err, errCheck{Is: ErrUnknownItem})
	// A normalised weight without a finite expansion is rounded at Precision.
	n, _ := NewTree(pvcTreeAsPrinted(), &TreeOptions{Normalize: true})
	w, _ = n.Weight("接待") // 80/13
	if w.String() != "6.15384615384615384615" {
		t.Errorf("normalised weight %s", w)
	}
	if SelfSurvey().Policy() != Renormalize || len(SelfSurvey().Weights()) != 2 {
		t.Error("SelfSurvey policy or weights")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustTree did not panic on an invalid literal")
		}
	}()
	MustTree(pvcTreeAsPrinted(), nil)
}

func TestTreeWeightErrorFields(t *testing.T) {
	leaf := func(name string, wt string) Node { return Node{Name: name, Weight: dec(wt)} }
	_, err := NewTree(Node{Name: "r", Weight: dec("10"), Children: []Node{
		{Name: "p", Weight: dec("4"), Children: []Node{leaf("a", "3")}}, leaf("b", "5")}}, nil)
	var got []WeightError
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var we *WeightError
		if !errors.As(e, &we) {
			t.Fatalf("%v is not a *WeightError", e)
		}
		got = append(got, *we)
	}
	// Root: 4 + 5 = 9, not 10; inner node p: 3, not 4.
	want := []WeightError{{Node: "r", Root: true, Declared: dec("10"), ChildrenSum: dec("9")},
		{Node: "p", Declared: dec("4"), ChildrenSum: dec("3")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("weight errors (-want +got):\n%s", diff)
	}
	_, err = NewTree(Node{Name: "r", Weight: dec("1"), Children: []Node{leaf("a", "2"), leaf("b", "-1")}}, nil)
	var ne *Error
	if !errors.As(err, &ne) || ne.Part != "node" || ne.Name != "b" || !errors.Is(ne, ErrNegative) {
		t.Errorf("negative weight: got %v, want an *Error of node b wrapping ErrNegative", err)
	}
}

func TestTreeKind(t *testing.T) {
	// A fraction (a degree of 82 %) given to the 0–100 PVC tree is a kind
	// mismatch, not 0.82 points.
	m := givenScores(pvcLeaves)
	m["品质"] = mustGiven("degree", Fraction, dec("0.82"))
	_, err := PVCTree().Combine(m)
	checkErr(t, err, errCheck{Is: ErrKindMismatch})
	// A tree of fractions: 2×84% + 1×88% over 3 = 256%/3 ≈ 85.33%.
	tr, err := NewTree(Node{Name: "r", Weight: dec("3"), Children: []Node{
		{Name: "功能", Key: "function", Weight: dec("2")}, {Name: "外观", Weight: dec("1")}}}, &TreeOptions{Kind: Fraction})
	if err != nil {
		t.Fatal(err)
	}
	r, err := tr.Combine(map[string]Result{"function": mustGiven("", Fraction, dec("0.84")), "外观": mustGiven("", Fraction, dec("0.88"))})
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind() != Fraction || r.Rat().Cmp(big.NewRat(256, 300)) != 0 {
		t.Errorf("fraction tree = %s (%s), want 256/300", r.Rat(), r.Kind())
	}
	_, err = tr.Combine(map[string]Result{"function": mustGiven("", Points, dec("0.84")), "外观": mustGiven("", Fraction, dec("0.88"))})
	checkErr(t, err, errCheck{Is: ErrKindMismatch})
	_, err = tr.Combine(map[string]Result{"function": mustGiven("", Fraction, dec("0.84")), "功能": mustGiven("", Fraction, dec("0.84")), "外观": mustGiven("", Fraction, dec("0.88"))})
	checkErr(t, err, errCheck{Is: ErrDuplicate})
}

func TestPVCTreeKeys(t *testing.T) {
	// Every leaf of the PVC tree can be scored by its English key; the
	// result is the one of METHOD.md §5's questionnaire, 81.05.
	keyed := map[string]Result{}
	for name, r := range givenScores(pvcLeaves) {
		k, err := PVCTree().Key(name)
		if err != nil || k == "" {
			t.Fatalf("key of %s: %q, %v", name, k, err)
		}
		if n, err := PVCTree().Name(k); err != nil || n != name {
			t.Fatalf("Name(%s) = %s, %v", k, n, err)
		}
		keyed[k] = r
	}
	r, err := PVCTree().Combine(keyed)
	if err != nil || !r.Value().Equal(dec("81.05")) {
		t.Errorf("by keys = %v, %v; want 81.05", r.Value(), err)
	}
	if _, err := PVCTree().Name("qualty"); !errors.Is(err, ErrUnknownItem) {
		t.Errorf("misspelt key: %v", err)
	}
}

// A weight of 1e1000000 used to be accepted and slowed everything after
// it; inputs beyond MaxDigits or MaxExponent are ErrOutOfRange.
func TestInputLimits(t *testing.T) {
	huge := decimal.New(1, 1000000)
	_, err := NewTree(Node{Name: "r", Weight: huge, Children: []Node{{Name: "a", Weight: huge}}}, nil)
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = NewBlend([]Weight{{"a", huge}}, Renormalize)
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = Given("x", Points, decimal.New(1, -1000))
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = Quotient("x", Points, dec("1"), decimal.New(123, 200))
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = NewScale("s", huge, []Level{{Key: "a", Points: dec("1")}})
	checkErr(t, err, errCheck{Is: ErrInvalidScale})
	// At the limits: 100 digits, exponent -100.
	if _, err := Given("x", Points, decimal.New(1, -MaxExponent)); err != nil {
		t.Errorf("1e-100: %v", err)
	}
	if _, err := Given("x", Points, decimal.RequireFromString(strings.Repeat("9", MaxDigits))); err != nil {
		t.Errorf("100 nines: %v", err)
	}
}

// The depth guard: a chain of 65 levels below the root (depth 64) is
// accepted, one more is not.
func TestTreeDepthGuard(t *testing.T) {
	chain := func(depth int) Node {
		n := Node{Name: "leaf", Weight: dec("1")}
		for d := depth - 1; d >= 0; d-- {
			n = Node{Name: "n" + strconv.Itoa(d), Weight: dec("1"), Children: []Node{n}}
		}
		return n
	}
	if _, err := NewTree(chain(64), nil); err != nil {
		t.Errorf("depth 64: %v", err)
	}
	_, err := NewTree(chain(65), nil)
	var ne *Error
	if !errors.As(err, &ne) || ne.Part != "node" || ne.Name != "leaf" || !errors.Is(err, ErrInvalid) {
		t.Errorf("depth 65: %v; want an *Error of node leaf", err)
	}
}

// A normalised tree explains itself with its rescaled (non-integer)
// weights: 20 × 8/26 = 80/13 ≈ 6.1538 for 接待 and 程序, 100/13 ≈ 7.6923
// for 价格和付款, four places in the formula.
func TestNormalizedExplanation(t *testing.T) {
	tr, err := NewTree(pvcTreeAsPrinted(), &TreeOptions{Normalize: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := tr.Combine(givenScores(pvcLeaves))
	if err != nil {
		t.Fatal(err)
	}
	var purchase Result
	for _, p := range r.Parts() {
		if p.Label() == "购销过程" {
			purchase = p
		}
	}
	// (80/13×80 + 80/13×75 + 100/13×60) / 20 = (6400 + 6000 + 6000)/260 = 18400/260 = 920/13.
	want := "购销过程 = (6.1538×80 + 6.1538×75 + 7.6923×60) / 20 = ≈70.77"
	if purchase.Explain() != want || purchase.Rat().Cmp(big.NewRat(920, 13)) != 0 {
		t.Errorf("normalised explanation\n got: %s (%s)\nwant: %s (920/13)", purchase.Explain(), purchase.Rat(), want)
	}
}
