// Command drivers ranks a survey's items by importance four ways, adds a
// user's own importance method, and places the items in the
// importance–performance quadrant (四分图) with the items to fix first.
//
// Twelve forms rate 品质, 交货 and 价格 with the overall question
// (总体满意度) and state each item's importance; forms are counted into
// exact statistics (package form), never kept.
package main

import (
	"fmt"
	"log"
	"math/big"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
)

// dissatisfiedShare is a user's own importance method: the share of an
// item's answers below 基本满意, as an exact fraction — any type with
// the one method goes where a built-in goes.
type dissatisfiedShare struct{}

func (dissatisfiedShare) Importance(in importance.Input) (importance.Set, error) {
	set := importance.Set{Method: "dissatisfied_share", Source: csat.SourceSurvey}
	sc := in.Stats.Scale()
	for _, item := range in.Stats.Items() {
		t := in.Stats.Tally(item, csat.SourceSurvey)
		n, err := t.N()
		if err != nil || n == 0 {
			return importance.Set{}, fmt.Errorf("%s: no answers", item)
		}
		low := t.Count(sc.Len()-1) + t.Count(sc.Len()-2) // 不满意 and 很不满意
		v, err := csat.FromRat("dissatisfied share of "+item, csat.Fraction, big.NewRat(int64(low), int64(n)))
		if err != nil {
			return importance.Set{}, err
		}
		set.Items = append(set.Items, importance.Item{Item: item, Value: v})
	}
	// most important first, ties sharing a rank and listed by item
	slices.SortStableFunc(set.Items, func(a, b importance.Item) int { return b.Value.Cmp(a.Value) })
	for i := range set.Items {
		set.Items[i].Rank = i + 1
		if i > 0 && set.Items[i].Value.Cmp(set.Items[i-1].Value) == 0 {
			set.Items[i].Rank = set.Items[i-1].Rank
		}
	}
	return set, nil
}

func main() {
	level := map[byte]string{'5': "很满意", '4': "满意", '3': "基本满意", '2': "不满意", '1': "很不满意"}
	imp := map[byte]string{'5': "很重要", '4': "重要", '3': "一般", '2': "不太重要", '1': "不重要"}
	items := []string{"品质", "交货", "价格"}
	forms := []string{ // 品质 交货 价格 overall | stated importance of 品质 交货 价格
		"5434|554", "4335|443", "5545|553", "3324|543", "4443|453", "2312|542",
		"4253|554", "3433|443", "5353|553", "2232|542", "4444|454", "3223|543",
	}
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		log.Fatal(err)
	}
	for i, r := range forms {
		f := form.Form{ID: fmt.Sprintf("F%02d", i+1), Overall: level[r[3]], Answers: map[string]string{}, Importance: map[string]string{}}
		for k, it := range items {
			f.Answers[it], f.Importance[it] = level[r[k]], imp[r[5+k]]
		}
		if err := st.Add(f); err != nil {
			log.Fatal(err)
		}
	}
	for _, m := range []importance.Method{importance.Stated{}, importance.Correlation{}, importance.Shapley{}, importance.RelativeWeights{}, dissatisfiedShare{}} {
		set, err := m.Importance(importance.Input{Stats: st})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-18s", set.Method)
		for _, it := range set.Items {
			fmt.Printf("  %s %s", it.Item, it.Value.Format(4))
		}
		if set.R2 != nil {
			fmt.Printf("  (R² %s, exactly %s)", set.R2.Format(4), set.R2.Rat().RatString())
		}
		fmt.Println()
	}

	// the quadrant of the stated importance against each item's degree
	set, err := importance.Stated{}.Importance(importance.Input{Stats: st})
	if err != nil {
		log.Fatal(err)
	}
	tab, err := st.Table()
	if err != nil {
		log.Fatal(err)
	}
	q, err := analysis.Quadrant(set, tab, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n四分图: importance cut %s, performance cut %s\n", q.Importance.Value.Format(4), q.Performance.Value.Format(4))
	for _, it := range q.Items {
		fmt.Printf("  %s  %s\n", it.Zone, q.Explain(it.Item))
	}
	fmt.Println("fix first:", q.FixFirst)
}
