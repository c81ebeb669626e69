package sheet

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// genForm is a form drawn for the properties: one wide row, several long
// rows.
type genForm struct {
	period, id, source, region, size, overall, imp string
	levels                                         []string // per item of propItems; "" a blank
}

var propItems = []string{"品质", "交货", "服务"}

func genForms(t *rapid.T) []genForm {
	lv := rapid.SampledFrom([]string{"很满意", "满意", "基本满意", "不满意", "很不满意", "satisfied", ""})
	n := rapid.IntRange(1, 15).Draw(t, "forms")
	out := make([]genForm, n)
	for i := range out {
		f := genForm{
			period:  rapid.SampledFrom([]string{"2025H2", "2026H1"}).Draw(t, "period"),
			id:      fmt.Sprintf("F%d", i),
			source:  rapid.SampledFrom([]string{"", "检查", "自评"}).Draw(t, "source"),
			region:  rapid.SampledFrom([]string{"", "华东", "华南"}).Draw(t, "region"),
			size:    rapid.SampledFrom([]string{"", "大", "中", "小"}).Draw(t, "size"),
			overall: lv.Draw(t, "overall"),
			imp:     rapid.SampledFrom([]string{"", "很重要", "一般"}).Draw(t, "importance"),
		}
		for range propItems {
			f.levels = append(f.levels, lv.Draw(t, "level"))
		}
		out[i] = f
	}
	return out
}

func wideCSV(fs []genForm) string {
	var b strings.Builder
	b.WriteString("期间,表单,来源,地区,规模," + strings.Join(propItems, ",") + ",总体满意度,重要度:品质\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s\n", f.period, f.id, f.source, f.region, f.size, strings.Join(f.levels, ","), f.overall, f.imp)
	}
	return b.String()
}

func longCSV(fs []genForm) string {
	var b strings.Builder
	b.WriteString("期间,表单,来源,地区,规模,项目,等级,总体满意度,重要度\n")
	for _, f := range fs {
		for k, item := range propItems {
			imp := ""
			if item == "品质" {
				imp = f.imp
			}
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", f.period, f.id, f.source, f.region, f.size, item, f.levels[k], f.overall, imp)
		}
	}
	return b.String()
}

// TestSurveyLayoutsAgree: a wide file and its long equivalent give equal
// form statistics, tables and counts; and neither the order of a wide
// file's rows nor of a long file's forms changes them.
func TestSurveyLayoutsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fs := genForms(t)
		// Items names the item columns: an item every form left blank
		// is then a question nobody answered, not an error.
		items := map[string]string{}
		for _, it := range propItems {
			items[it] = it
		}
		wopts := &Options{Items: items}
		wide, wsum, err := ReadSurveyFrom(strings.NewReader(wideCSV(fs)), "w.csv", wopts)
		if err != nil {
			t.Fatal(err)
		}
		perm := rapid.Permutation(fs).Draw(t, "order")
		for _, src := range []struct {
			name, text string
			opts       *Options
		}{
			{"long", longCSV(fs), nil}, {"wide shuffled", wideCSV(perm), wopts}, {"long shuffled", longCSV(perm), nil},
		} {
			got, sum, err := ReadSurveyFrom(strings.NewReader(src.text), "x.csv", src.opts)
			if err != nil {
				t.Fatalf("%s: %v", src.name, err)
			}
			if len(got) != len(wide) {
				t.Fatalf("%s: %d periods, want %d", src.name, len(got), len(wide))
			}
			for i := range got {
				if got[i].Name != wide[i].Name || !got[i].Forms.Equal(wide[i].Forms) || !got[i].Table.Equal(wide[i].Table) {
					t.Fatalf("%s: period %s differs from the wide file's", src.name, got[i].Name)
				}
			}
			if sum.Forms != wsum.Forms || sum.Answers != wsum.Answers || sum.Unanswered != wsum.Unanswered || sum.Loose != 0 {
				t.Fatalf("%s: summary %+v, wide %+v", src.name, sum, wsum)
			}
		}
		if wsum.Forms != uint64(len(fs)) {
			t.Fatalf("%d forms counted, want %d", wsum.Forms, len(fs))
		}
	})
}
