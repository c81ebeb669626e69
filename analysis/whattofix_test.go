package analysis

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
	"github.com/google/go-cmp/cmp"
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

// TestWhatToFixWorkedExample checks every number of doc.go's "What to
// fix first" against the report Build makes of the worked example, and
// that doc.go (and the README's section) print them. The quadrant's
// figures are exact fractions worked by hand above; the churn figures'
// independent reference is in TestChurnWorkedExample (mpmath, scipy).
func TestWhatToFixWorkedExample(t *testing.T) {
	rep, err := Build(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	q := rep.Quadrant
	rat := func(r csat.Result) string { return r.Rat().RatString() }
	type row struct{ Item, Importance, Degree, Zone, Gap string }
	var got []row
	for _, it := range q.Items {
		got = append(got, row{it.Item, it.Importance.Value().String(), rat(it.Performance), it.Zone.String(), rat(it.Gap)})
	}
	want := []row{
		{"品质", "4.6", "17/20", "strength", "-1/18"},     // 102/120; 143/180 − 153/180
		{"交货期", "4.4", "7/10", "fix", "17/180"},         // 84/120
		{"价格", "4", "3/4", "fix", "2/45"},               // 90/120, on the importance line
		{"服务", "3.8", "4/5", "maintain", "-1/180"},      // 96/120
		{"包装", "3.6", "53/60", "maintain", "-4/45"},     // 106/120
		{"技术支持", "3.6", "47/60", "opportunity", "1/90"}, // 94/120
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quadrant (-want +got):\n%s", diff)
	}
	if rat(q.Importance.Value) != "4" || rat(q.Performance.Value) != "143/180" || !slices.Equal(q.FixFirst, []string{"交货期", "价格"}) {
		t.Errorf("cuts %s, %s; fix first %v", rat(q.Importance.Value), rat(q.Performance.Value), q.FixFirst)
	}
	if c := cautionsOf(rep.Cautions, CautionNoAction); len(c) != 1 || c[0].Subject != "交货期" {
		t.Errorf("no-action cautions %v", c)
	}
	ch := rep.Churn
	sp, w := ch.Spearman, ch.Test
	figures := map[string]string{
		"ρ²": rat(sp.RhoSquared), "ρ": sp.Rho.Round(4).String(), "t": sp.T.Round(4).String(), "df": strconv.FormatUint(sp.DF, 10),
		"p": sp.PValue.Round(4).String(), "active": rat(*ch.Statuses[0].Mean), "at risk": rat(*ch.Statuses[1].Mean), "lost": rat(*ch.Statuses[2].Mean),
		"n":          fmt.Sprint(ch.Statuses[0].Customers, ch.Statuses[1].Customers, ch.Statuses[2].Customers),
		"difference": rat(w.Difference), "welch t": w.Statistic.Round(4).String(), "welch df": w.DF.Round(4).String(), "welch p": w.PValue.Round(7).String(),
	}
	wantFigures := map[string]string{
		"ρ²": "12100/18961", "ρ": "-0.7988", "t": "-4.1995", "df": "10", "p": "0.0018", "active": "53/60", "at risk": "23/30", "lost": "52/75",
		"n": "6 1 5", "difference": "19/100", "welch t": "7.8793", "welch df": "7.6884", "welch p": "0.0000606",
	}
	if diff := cmp.Diff(wantFigures, figures); diff != "" {
		t.Errorf("churn (-want +got):\n%s", diff)
	}
	var gaps []string
	for _, b := range rep.Benchmarks {
		gaps = append(gaps, b.Gap.Round(4).String()+" "+b.Standing.String())
	}
	if diff := cmp.Diff([]string{"0.0144 above", "-0.0556 below", "0 level", "-0.0194 below"}, gaps); diff != "" {
		t.Errorf("benchmark gaps (-want +got):\n%s", diff)
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"交货期      4.4         84/120 = 70%     修补区 fix          +9.44 pp  1st to fix",
		"价格        4.0         90/120 = 75%     修补区 fix          +4.44 pp  2nd to fix",
		"cut         24/6 = 4   572/720 = 143/180 = 79.44%",
		"Spearman's ρ² = 12100/18961, ρ = −0.7988, t = −4.1995 on 10 degrees of",
		"customers we lost rated us 52/75 = 69.33% (5 customers), those we kept",
		"53/60 = 88.33% (6; at risk 23/30 = 76.67%, 1): a difference of 19",
		"points, Welch's t = 7.8793, df = 24649/3206 = 7.6884, p = 0.0000606.",
		"the degree 79.44% is 1.44 points above the",
		"industry average (78%) and 5.56 below the industry leader (85%); 交货期's",
		"is 1.94 points below the world leader (95%).",
	} {
		if !strings.Contains(string(doc), s) {
			t.Errorf("doc.go does not say %q", s)
		}
	}
	for _, s := range []string{
		"交货期   4.4        70%     修补区 fix           +9.44 pp   1st to fix",
		"Spearman ρ² = 12100/18961, ρ = −0.7988, t = −4.1995, df = 10, p = 0.0018",
		"Welch's t = 7.8793, df = 7.6884, p = 0.0000606",
		"the customers we lost rated us 69.33%, those we kept 88.33%",
	} {
		if !strings.Contains(string(readme), s) {
			t.Errorf("README.md does not say %q", s)
		}
	}
}
