package htmlreport

import "testing"

// TestAnalysisTexts checks the wording of the analysis package's English
// texts in a Chinese report (texts.go), and that an English report keeps
// them as they are.
func TestAnalysisTexts(t *testing.T) {
	for _, tc := range []struct{ en, zh string }{
		{"overall: 8 competitor forms, fewer than the plan's minimum of 10", "全部项目：竞争对手答卷 8 份，少于计划的最少 10 份"},
		{"交货期: 8 competitor forms, fewer than the plan's minimum of 10", "交货期: 竞争对手答卷 8 份，少于计划的最少 10 份"},
		{"survey 交货期: no interval for degree 满意度 with 1 answer(s)", "检查 交货期：仅 1 个答项，满意度 无置信区间"},
		{"competitor answers share no item with the survey", "竞争对手的答项与检查没有共同项目"},
		{"Welch's t-test: 76% vs 73%, t = 0.524, df = 42.45, p = 0.6034, not significant at α = 0.05",
			"Welch t 检验: 76% 对 73%, t = 0.524, df = 42.45, p = 0.6034, 不显著，α = 0.05"},
	} {
		if got := langZH.inLang(tc.en); got != tc.zh {
			t.Errorf("zh of %q = %q, want %q", tc.en, got, tc.zh)
		}
		if got := langEN.inLang(tc.en); got != tc.en {
			t.Errorf("en of %q = %q, want it unchanged", tc.en, got)
		}
	}
}
