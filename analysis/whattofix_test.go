package analysis

import (
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
	"github.com/shopspring/decimal"
)

// The worked example of doc.go's "What to fix first": twelve customers,
// C01 … C12, each returned one form rating six items on the five-point
// scale (points below). C01–C06 are active, C07 at risk, C08–C12 lost.
//
//	      品质 交货期 价格 服务 技术支持 包装   Σ   complaints
//	C01    10   10    10    8     8      10   56   0
//	C02     8    8    10   10    10       8   54   0
//	C03    10    6     8   10     8      10   52   1
//	C04    10    8    10    8    10       8   54   0
//	C05     8    6    10   10     6      10   50   0
//	C06     8    8     6   10    10      10   52   1
//	C07    10    8     6    6     8       8   46   2
//	C08     8   10     4    6    10       6   44   3
//	C09     8    6     6    6     6       8   40   1
//	C10     8    6     6    8     4      10   42   2
//	C11     6    2     4   10     8       8   38   4
//	C12     8    6    10    4     6      10   44   2
//	Σ     102   84    90   96    94     106  572
var (
	exampleItems  = []string{"品质", "交货期", "价格", "服务", "技术支持", "包装"}
	examplePoints = [][]int{
		{10, 10, 10, 8, 8, 10}, {8, 8, 10, 10, 10, 8}, {10, 6, 8, 10, 8, 10}, {10, 8, 10, 8, 10, 8},
		{8, 6, 10, 10, 6, 10}, {8, 8, 6, 10, 10, 10}, {10, 8, 6, 6, 8, 8}, {8, 10, 4, 6, 10, 6},
		{8, 6, 6, 6, 6, 8}, {8, 6, 6, 8, 4, 10}, {6, 2, 4, 10, 8, 8}, {8, 6, 10, 4, 6, 10},
	}
	exampleComplaints = []int{0, 0, 1, 0, 0, 1, 2, 3, 1, 2, 4, 2}
	// exampleImportance is the items' stated importance (mean 重要度,
	// given): its mean is 24/6 = 4, so 价格 lies on the line.
	exampleImportance = map[string]string{"品质": "4.6", "交货期": "4.4", "价格": "4.0", "服务": "3.8", "技术支持": "3.6", "包装": "3.6"}
)

// exampleForms returns the worked example's forms.
func exampleForms() []form.Form {
	level := map[int]string{10: "很满意", 8: "满意", 6: "基本满意", 4: "不满意", 2: "很不满意"}
	var out []form.Form
	for i, row := range examplePoints {
		f := form.Form{ID: "F" + twoDigits(i+1), Customer: "C" + twoDigits(i+1), Answers: map[string]string{}}
		for j, p := range row {
			f.Answers[exampleItems[j]] = level[p]
		}
		out = append(out, f)
	}
	return out
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// givenImportance is an importance method of a test (a user's own):
// it returns the values given, as points, ranked.
type givenImportance map[string]string

func (g givenImportance) Importance(in importance.Input) (importance.Set, error) {
	set := importance.Set{Method: "given", Source: in.Source}
	for item, v := range g {
		r, err := csat.Given("importance "+item, csat.Points, decimal.RequireFromString(v))
		if err != nil {
			return importance.Set{}, err
		}
		set.Items = append(set.Items, importance.Item{Item: item, Value: r})
	}
	slices.SortFunc(set.Items, func(a, b importance.Item) int {
		if c := b.Value.Cmp(a.Value); c != 0 {
			return c
		}
		return strings.Compare(a.Item, b.Item)
	})
	for i := range set.Items {
		set.Items[i].Rank = i + 1
		if i > 0 && set.Items[i].Value.Cmp(set.Items[i-1].Value) == 0 {
			set.Items[i].Rank = set.Items[i-1].Rank
		}
	}
	return set, nil
}

var _ importance.Method = givenImportance(nil)

// exampleBenchmarks are the worked example's benchmarks, out of order.
var exampleBenchmarks = []Benchmark{
	{Figure: "rate", Kind: WorldLeader, Value: decimal.RequireFromString("0.95")},
	{Figure: "degree", Item: "交货期", Kind: IndustryAverage, Value: decimal.RequireFromString("0.70")},
	{Figure: "degree", Kind: IndustryLeader, Value: decimal.RequireFromString("0.85")},
	{Figure: "degree 满意度", Kind: IndustryAverage, Value: decimal.RequireFromString("0.78")},
}
