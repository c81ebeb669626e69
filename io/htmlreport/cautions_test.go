package htmlreport_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/io/htmlreport"
)

// TestCautionsOneLanguage: the cautions analysis.Build makes (small and
// suppressed groups, a stratum under the plan's minimum, one the plan
// sent nothing to, main areas of dissatisfaction on few answers) are
// worded in the report's language, never in the other one.
func TestCautionsOneLanguage(t *testing.T) {
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	add := func(region string, n int, q, d string) {
		for i := 0; i < n; i++ {
			if err := st.Add(form.Form{ID: fmt.Sprint(region, i), Attrs: map[string]string{"地区": region},
				Answers: map[string]string{"品质": q, "交货": d}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("华东", 12, "很满意", "不满意") // degree 70%: listed after 华南 (80%), best first
	add("华南", 8, "满意", "满意")
	add("华北", 3, "基本满意", "很不满意")
	tab, err := st.Table()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Build(analysis.Input{Period: "2026H1", Table: tab, Forms: st,
		Sent: &analysis.Sent{Dimension: "地区", Forms: map[string]uint64{"华东": 20, "华南": 20}, Minimum: 10}})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[analysis.CautionKind]bool{}
	for _, c := range rep.Cautions {
		kinds[c.Kind] = true
	}
	for _, k := range []analysis.CautionKind{analysis.CautionGroupSmall, analysis.CautionGroupSuppressed, analysis.CautionUnderMinimum,
		analysis.CautionUnplanned, analysis.CautionDissatisfaction} {
		if !kinds[k] {
			t.Errorf("the report has no %s caution: %v", k, rep.Cautions)
		}
	}
	zh := render(t, rep, htmlreport.Options{})
	en := render(t, rep, htmlreport.Options{Lang: "en"})
	for _, w := range []string{"地区：样本偏少（少于 30 份答卷）：华南（8 份答卷）、华东（12 份答卷）。",
		"地区：少于 5 份答卷（或少于 2 个答项），不显示：华北（3 份答卷）。",
		"回收率：地区 华南 回收 8 份答卷，少于计划的最少 10 份。",
		"回收率：地区 华北 未发放问卷却回收 3 份答卷，不计入回收率。",
		"样本偏少（少于 30 答项）的主要不满意项目："} {
		if !strings.Contains(zh, w) {
			t.Errorf("zh page lacks %q", w)
		}
	}
	for _, w := range []string{"地区: small samples (fewer than 30 forms): 华南 (8 forms), 华东 (12 forms).",
		"Response rate: 地区 华南 returned 8 forms, fewer than the plan&#39;s minimum of 10.",
		"Small samples (fewer than 30 answers) among the main areas of dissatisfaction:"} {
		if !strings.Contains(en, w) {
			t.Errorf("en page lacks %q", w)
		}
	}
	for _, w := range []string{"small sample", "fewer than", "response rate:"} {
		if strings.Contains(strings.ToLower(zh), w) {
			t.Errorf("zh page has English %q", w)
		}
	}
	for _, w := range []string{"样本偏少", "回收率：", "不显示"} {
		if strings.Contains(en, w) {
			t.Errorf("en page has Chinese %q", w)
		}
	}
}
