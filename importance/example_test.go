package importance_test

import (
	"fmt"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
	"github.com/shopspring/decimal"
)

// survey returns the statistics of ten forms of the doc.go example: the
// levels of 品质, 交货, 价格 and the overall question per form (5 = 很满意
// … 1 = 很不满意, "-" blank), and the stated importance of each item.
func survey() *form.Stats {
	level := map[byte]string{'5': "很满意", '4': "满意", '3': "基本满意", '2': "不满意", '1': "很不满意", '-': ""}
	imp := map[byte]string{'5': "很重要", '4': "重要", '3': "一般", '2': "不太重要", '1': "不重要", '-': ""}
	items := []string{"品质", "交货", "价格"}
	rows := []string{ // 品质 交货 价格 overall | importance 品质 交货 价格
		"5434|554", "4335|443", "5545|553", "3324|543", "4443|453",
		"2312|542", "4253|554", "3433|443", "5353|553", "2232|542",
	}
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		panic(err)
	}
	for i, r := range rows {
		f := form.Form{ID: fmt.Sprint("F", i+1), Answers: map[string]string{}, Importance: map[string]string{}, Overall: level[r[3]]}
		for k, it := range items {
			f.Answers[it] = level[r[k]]
			f.Importance[it] = imp[r[5+k]]
		}
		if err := st.Add(f); err != nil {
			panic(err)
		}
	}
	return st
}

// The Shapley (LMG) shares of R² of the three items: exact fractions
// that sum exactly to R².
func Example() {
	st := survey()
	set, err := importance.Shapley{}.Importance(importance.Input{Stats: st, Deletion: form.Pairwise})
	if err != nil {
		panic(err)
	}
	fmt.Println(set.R2.Explain())
	for _, it := range set.Items {
		fmt.Printf("%d. %s %s = %s/%s\n", it.Rank, it.Item, it.Value, it.Value.Num(), it.Value.Den())
	}
	// Output:
	// R² of the overall question on the 3 items = 1 − ≈1.9922/≈4.6222 (the residual variance of the overall question given the items, over its variance; exact fractions by elimination on the covariances) = ≈56.9%
	// 1. 品质 ≈35.22% = 2063559035134447/5858925297640272
	// 2. 交货 ≈14.63% = 857219912189617/5858925297640272
	// 3. 价格 ≈7.05% = 206458959953069/2929462648820136
}

// Stated importance: the mean rating on the importance scale (很重要 5 …
// 不重要 1), with its t interval.
func ExampleStated() {
	set, err := importance.Stated{}.Importance(importance.Input{Stats: survey()})
	if err != nil {
		panic(err)
	}
	for _, it := range set.Items {
		fmt.Printf("%d. %s\n   %s\n", it.Rank, it.Value.Explain(), it.Interval.Explain())
	}
	// Output:
	// 1. stated importance 重要度 of 品质 = (7×5 + 3×4 + 0×3 + 0×2 + 0×1) / 10 = 47/10 = 4.7
	//    t 95% interval = [4.35, 5]
	// 2. stated importance 重要度 of 交货 = (5×5 + 5×4 + 0×3 + 0×2 + 0×1) / 10 = 45/10 = 4.5
	//    t 95% interval = [4.12, 4.88]
	// 3. stated importance 重要度 of 价格 = (0×5 + 2×4 + 6×3 + 2×2 + 0×1) / 10 = 30/10 = 3
	//    t 95% interval = [2.52, 3.48]
}

// Pearson's r of each item with the overall question.
func ExampleCorrelation() {
	set, err := importance.Correlation{}.Importance(importance.Input{Stats: survey(), Deletion: form.Pairwise})
	if err != nil {
		panic(err)
	}
	fmt.Println(set.Items[0].Value.Explain())
	for _, it := range set.Items {
		fmt.Printf("%d. %s r = %s (r² = %s)\n", it.Rank, it.Item, it.Value.Round(4), it.Value.Parts()[0].Round(4))
	}
	// Output:
	// r of 品质 with the overall question = (nΣxy − ΣxΣy)/√((nΣx² − (Σx)²)(nΣy² − (Σy)²)), n = 10 = 288/√(484×416) = √(≈0.41) = ≈0.64
	// 1. 品质 r = 0.6418 (r² = 0.412)
	// 2. 交货 r = 0.523 (r² = 0.2735)
	// 3. 价格 r = 0.1486 (r² = 0.0221)
}

// Each Shapley share explains itself: the mean gain in R² from adding
// the item to the subsets of k other items, for each k.
func ExampleShapley() {
	set, err := importance.Shapley{}.Importance(importance.Input{Stats: survey(), Deletion: form.Pairwise})
	if err != nil {
		panic(err)
	}
	fmt.Println(set.Explain())
	// Output:
	// shapley importance of 3 items, source "survey", against the overall question, over at least 10 forms per pair (pairwise deletion)
	// R² of the overall question on the 3 items = 1 − ≈1.9922/≈4.6222 (the residual variance of the overall question given the items, over its variance; exact fractions by elimination on the covariances) = ≈56.9%
	// 1. 品质: Shapley share of R² of 品质 = for each subset S of the other items, R²(S ∪ {品质}) − R²(S); ḡk their mean over the subsets of k items: ḡ0 = {}: ≈41.2% − 0%; ḡ1 = ({交货}: ≈46.78% − ≈27.35% + {价格}: ≈56.75% − ≈2.21%)/2; ḡ2 = {交货, 价格}: ≈56.9% − ≈29.42%; (ḡ0 + ḡ1 + ḡ2)/3 = (≈41.2% + ≈36.98% + ≈27.48%)/3 = ≈35.22%
	// 2. 交货: Shapley share of R² of 交货 = for each subset S of the other items, R²(S ∪ {交货}) − R²(S); ḡk their mean over the subsets of k items: ḡ0 = {}: ≈27.35% − 0%; ḡ1 = ({价格}: ≈29.42% − ≈2.21% + {品质}: ≈46.78% − ≈41.2%)/2; ḡ2 = {价格, 品质}: ≈56.9% − ≈56.75%; (ḡ0 + ḡ1 + ḡ2)/3 = (≈27.35% + ≈16.39% + ≈0.15%)/3 = ≈14.63%
	// 3. 价格: Shapley share of R² of 价格 = for each subset S of the other items, R²(S ∪ {价格}) − R²(S); ḡk their mean over the subsets of k items: ḡ0 = {}: ≈2.21% − 0%; ḡ1 = ({交货}: ≈29.42% − ≈27.35% + {品质}: ≈56.75% − ≈41.2%)/2; ḡ2 = {交货, 品质}: ≈56.9% − ≈46.78%; (ḡ0 + ḡ1 + ḡ2)/3 = (≈2.21% + ≈8.81% + ≈10.12%)/3 = ≈7.05%
	// R² of the 8 subsets of the items:
	//   R²{} = 0%
	//   R²{交货} = ≈27.35%
	//   R²{价格} = ≈2.21%
	//   R²{品质} = ≈41.2%
	//   R²{交货, 价格} = ≈29.42%
	//   R²{交货, 品质} = ≈46.78%
	//   R²{价格, 品质} = ≈56.75%
	//   R²{交货, 价格, 品质} = ≈56.9%
}

// Johnson's relative weights: irrational, rounded once to csat.Precision
// places; they sum to the exact R² within that rounding.
func ExampleRelativeWeights() {
	set, err := importance.RelativeWeights{}.Importance(importance.Input{Stats: survey(), Deletion: form.Pairwise})
	if err != nil {
		panic(err)
	}
	sum := decimal.Zero
	for _, it := range set.Items {
		fmt.Printf("%d. %s %s (%s)\n", it.Rank, it.Item, it.Value, it.Value.Value())
		sum = sum.Add(it.Value.Value())
	}
	fmt.Println("sum", sum, "R²", set.R2.Value())
	// Output:
	// 1. 品质 ≈35% (0.3500479905329579283)
	// 2. 交货 ≈14.47% (0.14471615691672610811)
	// 3. 价格 ≈7.42% (0.07423045443965469504)
	// sum 0.56899460188933873145 R² 0.56899460188933873144
}

// An importance computed elsewhere (a random forest's, say) goes
// wherever a built-in goes.
func ExampleGiven() {
	rf := importance.Given("random_forest", map[string]decimal.Decimal{
		"品质": decimal.RequireFromString("0.41"),
		"交货": decimal.RequireFromString("0.22"),
		"价格": decimal.RequireFromString("0.41"),
	})
	set, err := rf.Importance(importance.Input{})
	if err != nil {
		panic(err)
	}
	for _, it := range set.Items {
		fmt.Println(it.Rank, it.Item, it.Value.Explain())
	}
	// Output:
	// 1 价格 random_forest importance of 价格 = 0.41
	// 1 品质 random_forest importance of 品质 = 0.41
	// 3 交货 random_forest importance of 交货 = 0.22
}

// TestDocFigures checks the figures doc.go quotes from the example
// against an independent computation in Python's fractions (R², the
// shares, r²) and mpmath (the relative weights).
func TestDocFigures(t *testing.T) {
	in := importance.Input{Stats: survey(), Deletion: form.Pairwise}
	sh, err := importance.Shapley{}.Importance(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := sh.R2.Rat().RatString(); got != "3373/5928" {
		t.Errorf("R² = %s, want 3373/5928", got)
	}
	shares := map[string]string{"品质": "2063559035134447/5858925297640272", "交货": "857219912189617/5858925297640272", "价格": "206458959953069/2929462648820136"}
	for _, it := range sh.Items {
		if got := it.Value.Rat().RatString(); got != shares[it.Item] {
			t.Errorf("%s: share %s, want %s", it.Item, got, shares[it.Item])
		}
	}
	r, err := importance.Correlation{}.Importance(in)
	if err != nil {
		t.Fatal(err)
	}
	r2 := map[string]string{"品质": "648/1573", "交货": "32/117", "价格": "27/1222"}
	for _, it := range r.Items {
		if got := it.Value.Parts()[0].Rat().RatString(); got != r2[it.Item] {
			t.Errorf("%s: r² %s, want %s", it.Item, got, r2[it.Item])
		}
	}
}

// WithDeletion tells a method which forms to read when the Input is
// built by someone else (the analysis report builds it with the zero
// deletion, listwise): here the correlations over each pair's forms.
func ExampleWithDeletion() {
	m := importance.WithDeletion(importance.Correlation{}, form.Pairwise)
	set, err := m.Importance(importance.Input{Stats: survey()})
	if err != nil {
		panic(err)
	}
	fmt.Println(set.Method, set.Deletion, set.Forms)
	for _, it := range set.Items {
		fmt.Printf("%d. %s %s\n", it.Rank, it.Item, it.Value.Round(4))
	}
	// Output:
	// correlation pairwise 10
	// 1. 品质 0.6418
	// 2. 交货 0.523
	// 3. 价格 0.1486
}
