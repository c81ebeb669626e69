package importance_test

import (
	"strings"
	"testing"

	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
)

// The importance of the examples' survey (example_test.go: 10 forms,
// 品质 rated 7×5 + 3×4, …) in Chinese and in English, word for word.
func TestExplainInLangs(t *testing.T) {
	st, err := importance.Stated{}.Importance(importance.Input{Stats: survey()})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Items[0].Value.ExplainIn("zh"), "品质的陈述重要度 = (7×5 + 3×4 + 0×3 + 0×2 + 0×1) / 10 = 47/10 = 4.7"; got != want {
		t.Errorf("stated, zh: %q\n want %q", got, want)
	}
	if got, want := st.Items[0].Value.ExplainIn("en"), "stated importance of 品质 = (7×5 + 3×4 + 0×3 + 0×2 + 0×1) / 10 = 47/10 = 4.7"; got != want {
		t.Errorf("stated, en: %q\n want %q", got, want)
	}
	if got, want := st.ExplainIn("zh"), "陈述重要度：3 个项目的重要度，来源：检查，每个项目至少 10 个陈述重要度\n"+
		"1. 品质：品质的陈述重要度 = (7×5 + 3×4 + 0×3 + 0×2 + 0×1) / 10 = 47/10 = 4.7；95% t 置信区间 = [4.35, 5]\n"+
		"2. 交货：交货的陈述重要度 = (5×5 + 5×4 + 0×3 + 0×2 + 0×1) / 10 = 45/10 = 4.5；95% t 置信区间 = [4.12, 4.88]\n"+
		"3. 价格：价格的陈述重要度 = (0×5 + 2×4 + 6×3 + 2×2 + 0×1) / 10 = 30/10 = 3；95% t 置信区间 = [2.52, 3.48]\n"; got != want {
		t.Errorf("Set.ExplainIn(zh) = %q\n want %q", got, want)
	}
	if got, want := st.ExplainIn("en"), "stated importance of 3 items, source \"survey\", at least 10 stated importances per item\n"+
		"1. 品质: stated importance of 品质 = (7×5 + 3×4 + 0×3 + 0×2 + 0×1) / 10 = 47/10 = 4.7; t 95% interval = [4.35, 5]\n"+
		"2. 交货: stated importance of 交货 = (5×5 + 5×4 + 0×3 + 0×2 + 0×1) / 10 = 45/10 = 4.5; t 95% interval = [4.12, 4.88]\n"+
		"3. 价格: stated importance of 价格 = (0×5 + 2×4 + 6×3 + 2×2 + 0×1) / 10 = 30/10 = 3; t 95% interval = [2.52, 3.48]\n"; got != want {
		t.Errorf("Set.ExplainIn(en) = %q\n want %q", got, want)
	}
	if st.ExplainIn("") != st.Explain() {
		t.Error("ExplainIn(\"\") is not Explain")
	}

	c, err := importance.Correlation{}.Importance(importance.Input{Stats: survey(), Deletion: form.Pairwise})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Items[0].Value.ExplainIn("zh"), "品质与总体满意度的相关系数 r = (nΣxy − ΣxΣy)/√((nΣx² − (Σx)²)(nΣy² − (Σy)²)), n = 10 = 288/√(484×416) = √(≈0.41) = ≈0.64"; got != want {
		t.Errorf("correlation, zh: %q\n want %q", got, want)
	}

	sh, err := importance.Shapley{}.Importance(importance.Input{Stats: survey(), Deletion: form.Pairwise})
	if err != nil {
		t.Fatal(err)
	}
	zh := sh.ExplainIn("zh")
	for _, want := range []string{
		"Shapley 分解（LMG）：3 个项目的重要度，来源：检查，对总体满意度，每对项目至少依据 10 份答卷（逐对使用已作答的答卷）\n",
		"\n总体满意度对 3 个项目的 R² = 1 − ≈1.9922/≈4.6222（给定各项目后总体满意度的残差方差，除以其方差；由协方差消元得到的精确分数） = ≈56.9%\n",
		"\n1. 品质：品质的 Shapley R² 分摊 = 对其余项目的每个子集 S 求 R²(S ∪ {品质}) − R²(S)；ḡk 为其在 k 个项目的各子集上的平均：" +
			"ḡ0 = {}: ≈41.2% − 0%；ḡ1 = ({交货}: ≈46.78% − ≈27.35% + {价格}: ≈56.75% − ≈2.21%)/2；ḡ2 = {交货, 价格}: ≈56.9% − ≈29.42%；" +
			"(ḡ0 + ḡ1 + ḡ2)/3 = (≈41.2% + ≈36.98% + ≈27.48%)/3 = ≈35.22%\n",
		"\n8 个项目子集的 R²：\n  R²{} = 0%\n",
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("Set.ExplainIn(zh) lacks %q:\n%s", want, zh)
		}
	}
	en := sh.ExplainIn("en")
	if !strings.Contains(en, "\nR² of the overall question on the 3 items = 1 − ≈1.9922/≈4.6222 (the residual variance") || en != sh.Explain() {
		t.Errorf("Set.ExplainIn(en) = %q", en)
	}
	rw, err := importance.RelativeWeights{}.Importance(importance.Input{Stats: survey(), Deletion: form.Listwise})
	if err != nil {
		t.Fatal(err)
	}
	if got := rw.Items[0].Value.ExplainIn("zh"); !strings.HasPrefix(got, rw.Items[0].Item+"的相对权重 = Σk Λ²jk β²k，Λ = 项目相关矩阵 R 的 R^½，β = R^−½ r（Johnson 2000）= ") {
		t.Errorf("relative weight, zh: %q", got)
	}
}
