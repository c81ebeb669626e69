package csi

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Explain returns how the estimates were reached, in English: what they
// rest on, then each construct's index with its weights and means
// substituted, each structural equation with its coefficients and R², the
// reliability formulas with the loadings substituted, and the
// importance–performance map. Substituted figures are shown to four
// places; the results are the estimates' own.
func (e *Estimates) Explain() string { return e.ExplainIn("en") }

// ExplainIn is Explain in a language: "zh" (also "zh-CN") for Chinese,
// anything else for English.
func (e *Estimates) ExplainIn(lang string) string {
	zh := strings.HasPrefix(strings.ToLower(lang), "zh")
	w := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	var b strings.Builder
	f4 := func(d decimal.Decimal) string { return d.StringFixed(4) }
	treat := e.Missing.String()
	scheme := e.Scheme.String()
	if zh {
		treat = map[Missing]string{MeanReplacement: "均值替换", Casewise: "整份删除"}[e.Missing]
		scheme = map[Scheme]string{PathWeighting: "路径加权", Centroid: "形心加权", Factorial: "因子加权"}[e.Scheme]
	}
	fmt.Fprintf(&b, w("PLS path model on %d of %d forms (%s), %s weighting, converged in %d iterations.\n",
		"PLS 路径模型：%[2]d 份答卷中用 %[1]d 份（%[3]s），%[4]s，迭代 %[5]d 次收敛。\n"),
		e.Used, e.Forms, treat, scheme, e.Iterations)
	span := e.Max.Sub(e.Min)
	fmt.Fprintf(&b, w("Index of a construct = Σ w̃ × (x̄ − %s)/%s × 100, w̃ the unstandardised weights rescaled to sum to 1:\n",
		"构念指数 = Σ w̃ × (x̄ − %s)/%s × 100，w̃ 为非标准化权重归一（和为 1）：\n"), e.Min, span)
	for _, c := range e.Constructs {
		var terms []string
		for _, ind := range e.Indicators {
			if ind.Construct == c.Name {
				terms = append(terms, fmt.Sprintf("%s × (%s − %s)/%s × 100", f4(ind.IndexWeight), f4(ind.Mean), e.Min, span))
			}
		}
		fmt.Fprintf(&b, "  %s = %s = %s\n", c.Name, strings.Join(terms, " + "), c.Index.StringFixed(2))
	}
	fmt.Fprint(&b, w("Structural equations (standardised coefficients):\n", "结构方程（标准化路径系数）：\n"))
	for _, c := range e.Constructs {
		if !c.Endogenous {
			continue
		}
		var terms []string
		for _, p := range e.Paths {
			if p.To == c.Name {
				terms = append(terms, fmt.Sprintf("%s × %s", f4(p.Coefficient), p.From))
			}
		}
		fmt.Fprintf(&b, "  %s = %s; R² = %s\n", c.Name, strings.Join(terms, " + "), f4(c.R2))
	}
	fmt.Fprint(&b, w("Reliability (λ the loadings): α = k/(k−1)·(1 − k/Σr), ρc = (Σλ)²/((Σλ)² + Σ(1 − λ²)), AVE = Σλ²/k:\n",
		"信度（λ 为载荷）：α = k/(k−1)·(1 − k/Σr)，ρc = (Σλ)²/((Σλ)² + Σ(1 − λ²))，AVE = Σλ²/k：\n"))
	e.explainReliability(&b, w)
	over := 0
	for _, h := range e.HTMT {
		if h.Over {
			if over == 0 {
				fmt.Fprintf(&b, w("HTMT above %s (the constructs may not be distinct):\n", "HTMT 高于 %s（构念区分效度不足）：\n"), e.HTMTLimit)
			}
			over++
			fmt.Fprintf(&b, "  %s / %s = %s\n", h.A, h.B, f4(h.Value))
		}
	}
	if len(e.IPMA.Points) > 0 {
		fmt.Fprintf(&b, w("Importance–performance map of %s (importance: the points %s's index gains per point of the driver's):\n",
			"%s 的重要度–绩效图（重要度：驱动因素指数每升 1 分，%s 指数升高的分数）：\n"), e.IPMA.Target, e.IPMA.Target)
		for _, p := range e.IPMA.Points {
			fmt.Fprintf(&b, w("  %s: importance %s, performance %s\n", "  %s：重要度 %s，绩效 %s\n"), p.Construct, f4(p.Importance), p.Performance.StringFixed(2))
		}
	}
	return b.String()
}

// Explain is the estimates' explanation followed by the bootstrap's: the
// resamples, the seed and each interval.
func (b *Bootstrapped) Explain() string { return b.ExplainIn("en") }

// ExplainIn is Explain in a language ("zh" for Chinese).
func (b *Bootstrapped) ExplainIn(lang string) string {
	zh := strings.HasPrefix(strings.ToLower(lang), "zh")
	var s strings.Builder
	s.WriteString(b.Estimates.ExplainIn(lang))
	pct := b.Level.Shift(2).String() + "%"
	if zh {
		fmt.Fprintf(&s, "自助法：%d 次重抽样（种子 %d，重抽 %d 次），%s 百分位区间：\n", b.Resamples, b.Seed, b.Redrawn, pct)
	} else {
		fmt.Fprintf(&s, "Bootstrap: %d resamples (seed %d, %d redrawn), %s percentile intervals:\n", b.Resamples, b.Seed, b.Redrawn, pct)
	}
	for _, group := range [][]Interval{b.PathIntervals, b.IndexIntervals} {
		for _, iv := range group {
			fmt.Fprintf(&s, "  %s %s [%s, %s] SE %s\n", iv.Name, iv.Estimate.StringFixed(4), iv.Lower.StringFixed(4), iv.Upper.StringFixed(4), iv.SE.StringFixed(4))
		}
	}
	return s.String()
}

// explainReliability writes each construct's ρc and AVE with its
// loadings' sums substituted.
func (e *Estimates) explainReliability(b *strings.Builder, w func(en, cn string) string) {
	f4 := func(d decimal.Decimal) string { return d.StringFixed(4) }
	for _, c := range e.Constructs {
		var sl, sl2, se decimal.Decimal
		k := 0
		for _, ind := range e.Indicators {
			if ind.Construct == c.Name {
				l := ind.Loading
				sl = sl.Add(l)
				sl2 = sl2.Add(l.Mul(l))
				se = se.Add(decimal.NewFromInt(1).Sub(l.Mul(l)))
				k++
			}
		}
		weak := ""
		if len(c.Weak) > 0 {
			weak = w(" — below the threshold: ", " —— 未达标：") + strings.Join(c.Weak, ", ")
		}
		fmt.Fprintf(b, "  %s: k = %d, α = %s; ρc = %s²/(%s² + %s) = %s; AVE = %s/%d = %s%s\n",
			c.Name, k, f4(c.Alpha), f4(sl), f4(sl), f4(se), f4(c.RhoC), f4(sl2), k, f4(c.AVE), weak)
	}
}
