package form

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/apitest"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var zeroTypes = []any{Form{}, Options{}, Stats{}, Moments{}, Deletion(0), Matrix{}}

var zeroFuncs = map[string]any{"New": New, "ImportanceScale": ImportanceScale}

func TestNilAndZeroValues(t *testing.T) { apitest.NilAndZero(t, zeroTypes, zeroFuncs) }

func TestNilAndZeroComplete(t *testing.T) {
	apitest.Complete(t, ".", zeroTypes, nil, zeroFuncs)
}

func TestDocComments(t *testing.T) { apitest.DocComments(t, ".") }

type fataler interface {
	Helper()
	Fatal(args ...any)
}

func mustNew(t fataler) *Stats {
	t.Helper()
	s, err := New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The worked example: six forms, two regions, three sizes. Counted by
// hand below.
func example() []Form {
	a := func(id, region, size, q, d, p, overall string) Form {
		return Form{ID: id, Attrs: map[string]string{"地区": region, "规模": size},
			Answers: map[string]string{"品质": q, "交货": d, "价格": p}, Overall: overall}
	}
	return []Form{
		a("F1", "华东", "大", "很满意", "满意", "基本满意", "满意"),
		a("F2", "华东", "中", "满意", "", "不满意", "基本满意"),
		a("F3", "华东", "小", "很满意", "很满意", "满意", "很满意"),
		a("F4", "华南", "大", "基本满意", "不满意", "", ""),
		a("F5", "华南", "中", "满意", "满意", "很不满意", "不满意"),
		a("F6", "华南", "小", "很满意", "基本满意", "满意", "满意"),
	}
}

func TestStatsExample(t *testing.T) {
	s := mustNew(t)
	for _, f := range example() {
		if err := s.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	// By hand: 6 forms; 16 answers (18 cells, 2 blanks: 交货 on F2,
	// 价格 on F4).
	if got := s.Forms(csat.SourceSurvey); got != 6 {
		t.Errorf("forms = %d, want 6", got)
	}
	if got := s.Answers(csat.SourceSurvey); got != 16 {
		t.Errorf("answers = %d, want 16", got)
	}
	if s.Blanks("交货", csat.SourceSurvey) != 1 || s.Blanks("价格", csat.SourceSurvey) != 1 || s.Blanks("品质", csat.SourceSurvey) != 0 {
		t.Errorf("blanks wrong")
	}
	if got, want := s.Tally("品质", csat.SourceSurvey).Counts(), []uint64{3, 2, 1, 0, 0}; !cmp.Equal(got, want) {
		t.Errorf("品质 counts = %v, want %v", got, want)
	}
	if got, want := s.OverallTally(csat.SourceSurvey).Counts(), []uint64{1, 2, 1, 1, 0}; !cmp.Equal(got, want) {
		t.Errorf("overall counts = %v, want %v", got, want)
	}
	if got, want := s.Dimensions(), []string{"地区", "规模"}; !cmp.Equal(got, want) {
		t.Errorf("dimensions = %v", got)
	}
	if got, want := s.Values("规模"), []string{"中", "大", "小"}; !cmp.Equal(got, want) {
		t.Errorf("values = %v, want %v (byte order)", got, want)
	}
	east := s.Group("地区", "华东")
	if east.Forms(csat.SourceSurvey) != 3 || east.Answers(csat.SourceSurvey) != 8 || east.Blanks("交货", csat.SourceSurvey) != 1 {
		t.Errorf("华东: forms %d answers %d", east.Forms(csat.SourceSurvey), east.Answers(csat.SourceSurvey))
	}
	if s.Group("地区", "华北") != nil {
		t.Error("a group no form has should be nil")
	}
	// Co-moments of 品质 (x) and 交货 (y) over forms answering both:
	// F1 (10,8) F3 (10,10) F4 (6,4) F5 (8,8) F6 (10,6):
	// n 5, Σx 44, Σy 36, Σx² 400, Σy² 280, Σxy 80+100+24+64+60 = 328.
	m, err := s.Moments(csat.SourceSurvey, "品质", "交货")
	if err != nil {
		t.Fatal(err)
	}
	want := Moments{N: 5, SumX: dec("44"), SumY: dec("36"), SumXX: dec("400"), SumYY: dec("280"), SumXY: dec("328")}
	if !momentsEqual(m, want) {
		t.Errorf("moments = %+v, want %+v", m, want)
	}
	// Swapped, the sums swap.
	m2, _ := s.Moments(csat.SourceSurvey, "交货", "品质")
	if !momentsEqual(m2, Moments{N: 5, SumX: dec("36"), SumY: dec("44"), SumXX: dec("280"), SumYY: dec("400"), SumXY: dec("328")}) {
		t.Errorf("swapped moments = %+v", m2)
	}
	// Overall with 价格: F1 (8,6) F2 (6,4) F3 (10,8) F5 (4,2) F6 (8,8):
	// n 5, Σo 36, Σp 28, Σo² 280, Σp² 184, Σop 224.
	m3, _ := s.Moments(csat.SourceSurvey, Overall, "价格")
	if !momentsEqual(m3, Moments{N: 5, SumX: dec("36"), SumY: dec("28"), SumXX: dec("280"), SumYY: dec("184"), SumXY: dec("224")}) {
		t.Errorf("overall×价格 moments = %+v", m3)
	}
	if _, err := east.Moments(csat.SourceSurvey, "品质", "交货"); !errors.Is(err, csat.ErrUnknownItem) {
		t.Errorf("a group's moments: err = %v", err)
	}
	tab, err := s.Table()
	if err != nil {
		t.Fatal(err)
	}
	tot, _ := tab.Total(csat.SourceSurvey)
	if n, _ := tot.N(); n != 16 {
		t.Errorf("table total n = %d, want 16", n)
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func momentsEqual(a, b Moments) bool {
	return a.N == b.N && a.SumX.Equal(b.SumX) && a.SumY.Equal(b.SumY) && a.SumXX.Equal(b.SumXX) && a.SumYY.Equal(b.SumYY) && a.SumXY.Equal(b.SumXY)
}

func TestAddErrors(t *testing.T) {
	bad := []struct {
		name string
		f    Form
		want error
		text string
	}{
		{"unknown level", Form{ID: "F9", Answers: map[string]string{"品质": "棒"}}, csat.ErrUnknownLevel, `form "F9": item "品质"`},
		{"empty form", Form{ID: "F9"}, csat.ErrEmpty, "no item"},
		{"control char item", Form{Answers: map[string]string{"品\x01": "满意"}}, csat.ErrInvalid, "item name"},
		{"empty item", Form{Answers: map[string]string{"": "满意"}}, csat.ErrInvalid, "item name"},
		{"bad source", Form{Source: "a\x07", Answers: map[string]string{"品质": "满意"}}, csat.ErrInvalid, "source"},
		{"bad overall", Form{Answers: map[string]string{"品质": "满意"}, Overall: "棒"}, csat.ErrUnknownLevel, "overall"},
		{"importance off form", Form{Answers: map[string]string{"品质": "满意"}, Importance: map[string]string{"价格": "重要"}}, csat.ErrUnknownItem, "价格"},
		{"bad importance", Form{Answers: map[string]string{"品质": "满意"}, Importance: map[string]string{"品质": "满意"}}, csat.ErrUnknownLevel, "importance"},
		{"bad attr", Form{Answers: map[string]string{"品质": "满意"}, Attrs: map[string]string{"": "华东"}}, csat.ErrInvalid, "attribute"},
	}
	for _, c := range bad {
		s := mustNew(t)
		before, _ := s.MarshalJSON()
		err := s.Add(c.f)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) || !strings.HasPrefix(err.Error(), "csat: ") {
			t.Errorf("%s: err = %v, want %v containing %q", c.name, err, c.want, c.text)
		}
		if after, _ := s.MarshalJSON(); string(after) != string(before) {
			t.Errorf("%s: a failed Add changed the statistics", c.name)
		}
	}
	var z Stats
	if err := z.Add(example()[0]); !errors.Is(err, csat.ErrInvalidScale) {
		t.Errorf("zero Stats Add: %v", err)
	}
	if _, err := New(nil, nil); !errors.Is(err, csat.ErrInvalidScale) {
		t.Errorf("New(nil): %v", err)
	}
}

// genForms draws forms over a few items, sources and attributes.
func genForms(t *rapid.T) []Form {
	items := []string{"品质", "交货", "价格", "服务"}
	keys := []string{"", "very_satisfied", "满意", "基本满意", "dissatisfied", "很不满意"}
	imps := []string{"", "很重要", "important", "一般"}
	n := rapid.IntRange(0, 40).Draw(t, "n")
	out := make([]Form, n)
	for i := range out {
		f := Form{ID: fmt.Sprint("F", i), Answers: map[string]string{}, Attrs: map[string]string{}, Importance: map[string]string{}}
		f.Source = rapid.SampledFrom([]string{"", "survey", "competitor"}).Draw(t, "source")
		f.Customer = rapid.SampledFrom([]string{"", "甲厂", "乙厂", "丙厂"}).Draw(t, "customer")
		for _, it := range items {
			if rapid.IntRange(0, 4).Draw(t, "on") > 0 {
				f.Answers[it] = rapid.SampledFrom(keys).Draw(t, "level")
				f.Importance[it] = rapid.SampledFrom(imps).Draw(t, "imp")
			}
		}
		f.Overall = rapid.SampledFrom(keys).Draw(t, "overall")
		if len(f.Answers) == 0 && f.Overall == "" {
			f.Overall = "满意"
		}
		f.Attrs["地区"] = rapid.SampledFrom([]string{"", "华东", "华南"}).Draw(t, "region")
		f.Attrs["规模"] = rapid.SampledFrom([]string{"大", "中", "小"}).Draw(t, "size")
		out[i] = f
	}
	return out
}

func addAll(t fataler, s *Stats, fs []Form) {
	t.Helper()
	for _, f := range fs {
		if err := s.Add(f); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMergeShardsProperty: forms split into any number of shards, each
// counted on its own and merged in any order, give the same statistics,
// bit for bit (equal JSON), as one Stats counting them all in order.
func TestMergeShardsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fs := genForms(t)
		one := mustNew(t)
		addAll(t, one, fs)
		k := rapid.IntRange(1, 5).Draw(t, "shards")
		shards := make([]*Stats, k)
		for i := range shards {
			shards[i] = mustNew(t)
		}
		perm := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1)).Perm(len(fs))
		for _, i := range perm {
			if err := shards[rapid.IntRange(0, k-1).Draw(t, "shard")].Add(fs[i]); err != nil {
				t.Fatal(err)
			}
		}
		var merged Stats // the zero Stats is the identity of Merge
		for _, i := range rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed2"), 2)).Perm(k) {
			if err := merged.Merge(shards[i]); err != nil {
				t.Fatal(err)
			}
		}
		if len(fs) > 0 && !merged.Equal(one) {
			t.Fatal("merged shards differ from one pass")
		}
		a, _ := one.MarshalJSON()
		b, _ := merged.MarshalJSON()
		if len(fs) > 0 && string(a) != string(b) {
			t.Fatalf("JSON differs:\n%s\n%s", a, b)
		}
		// Round trips.
		var back Stats
		if err := back.UnmarshalJSON(a); err != nil {
			t.Fatal(err)
		}
		if !back.Equal(one) {
			t.Fatal("JSON round trip differs")
		}
		bin, _ := one.MarshalBinary()
		var back2 Stats
		if err := back2.UnmarshalBinary(bin); err != nil || !back2.Equal(one) {
			t.Fatalf("binary round trip: %v", err)
		}
		checkAgainstForms(t, one, fs)
	})
}

// checkAgainstForms recomputes, straight from the forms, what the
// statistics claim: forms and blanks per source, group forms, and the
// co-moments of every pair, by summing points form by form.
func checkAgainstForms(t *rapid.T, s *Stats, fs []Form) {
	r := recountForms(fs)
	r.checkForms(t, s)
	r.checkCustomers(t, s)
	r.checkBlanksAndMoments(t, s)
}

// recountPoints and recountLevel give each answer of the generated
// forms its points and level on the five-point scale.
var (
	recountPoints = map[string]int64{"very_satisfied": 10, "很满意": 10, "满意": 8, "satisfied": 8, "基本满意": 6, "dissatisfied": 4, "不满意": 4, "很不满意": 2}
	recountLevel  = map[string]int{"very_satisfied": 0, "很满意": 0, "满意": 1, "satisfied": 1, "基本满意": 2, "dissatisfied": 3, "不满意": 3, "很不满意": 4}
)

// recount is what checkAgainstForms recomputes from the forms: per
// source its forms, answered forms and 华东 forms; per source/item its
// blanks; per source and customer its forms and answers per level; per
// source and pair of variables their sums.
type recount struct {
	forms, blanks, east, answered map[string]uint64
	mom                           map[[3]string]*recountAcc
	custForms                     map[[2]string]uint64
	custCounts                    map[[2]string][]uint64
}

// recountAcc sums a pair's points: forms, Σx, Σy, Σx², Σy², Σxy.
type recountAcc struct{ n, sx, sy, sxx, syy, sxy int64 }

// recountForms counts fs form by form.
func recountForms(fs []Form) *recount {
	r := &recount{forms: map[string]uint64{}, blanks: map[string]uint64{}, east: map[string]uint64{}, answered: map[string]uint64{},
		mom: map[[3]string]*recountAcc{}, custForms: map[[2]string]uint64{}, custCounts: map[[2]string][]uint64{}}
	for _, f := range fs {
		src := f.Source
		if src == "" {
			src = csat.SourceSurvey
		}
		r.forms[src]++
		if f.Customer != "" {
			k := [2]string{src, f.Customer}
			r.custForms[k]++
			if r.custCounts[k] == nil {
				r.custCounts[k] = make([]uint64, 5)
			}
			for _, lv := range f.Answers {
				if lv != "" {
					r.custCounts[k][recountLevel[lv]]++
				}
			}
		}
		for _, lv := range f.Answers {
			if lv != "" {
				r.answered[src]++
				break
			}
		}
		if f.Attrs["地区"] == "华东" {
			r.east[src]++
		}
		vars := map[string]string{Overall: f.Overall}
		for it, lv := range f.Answers {
			vars[it] = lv
			if lv == "" {
				r.blanks[src+"/"+it]++
			}
		}
		r.addMoments(src, vars)
	}
	return r
}

// addMoments adds the points of every pair of the answered variables
// of a form of source src, vars (variable to level, "" when blank).
func (r *recount) addMoments(src string, vars map[string]string) {
	for x, lx := range vars {
		for y, ly := range vars {
			if lx == "" || ly == "" {
				continue
			}
			k := [3]string{src, x, y}
			a := r.mom[k]
			if a == nil {
				a = &recountAcc{}
				r.mom[k] = a
			}
			px, py := recountPoints[lx], recountPoints[ly]
			a.n++
			a.sx += px
			a.sy += py
			a.sxx += px * px
			a.syy += py * py
			a.sxy += px * py
		}
	}
}

// checkForms checks s's forms, answered forms and 华东 forms per source.
func (r *recount) checkForms(t *rapid.T, s *Stats) {
	for src, n := range r.forms {
		if s.Forms(src) != n || s.Answered(src) != r.answered[src] {
			t.Fatalf("forms of %s = %d (answered %d), want %d (%d)", src, s.Forms(src), s.Answered(src), n, r.answered[src])
		}
		if g := s.Group("地区", "华东"); r.east[src] > 0 && (g == nil || g.Forms(src) != r.east[src]) {
			t.Fatalf("华东 forms of %s wrong", src)
		}
	}
}

// checkCustomers checks s's customers per source, and each customer's
// forms and answers.
func (r *recount) checkCustomers(t *rapid.T, s *Stats) {
	for src := range r.forms {
		var want []string
		for k := range r.custForms {
			if k[0] == src {
				want = append(want, k[1])
			}
		}
		slices.Sort(want)
		if got := s.Customers(src); !slices.Equal(got, want) {
			t.Fatalf("customers of %s = %q, want %q", src, got, want)
		}
	}
	for k, n := range r.custForms {
		if got := s.CustomerForms(k[1], k[0]); got != n {
			t.Fatalf("forms of customer %v = %d, want %d", k, got, n)
		}
		if got := s.CustomerTally(k[1], k[0]).Counts(); !slices.Equal(got, r.custCounts[k]) {
			t.Fatalf("answers of customer %v = %v, want %v", k, got, r.custCounts[k])
		}
	}
}

// checkBlanksAndMoments checks s's blanks per item and the co-moments
// of every pair.
func (r *recount) checkBlanksAndMoments(t *rapid.T, s *Stats) {
	for k, n := range r.blanks {
		src, item, _ := strings.Cut(k, "/")
		if s.Blanks(item, src) != n {
			t.Fatalf("blanks of %s = %d, want %d", k, s.Blanks(item, src), n)
		}
	}
	for k, a := range r.mom {
		m, err := s.Moments(k[0], k[1], k[2])
		if err != nil {
			t.Fatal(err)
		}
		want := Moments{N: uint64(a.n), SumX: decimal.NewFromInt(a.sx), SumY: decimal.NewFromInt(a.sy),
			SumXX: decimal.NewFromInt(a.sxx), SumYY: decimal.NewFromInt(a.syy), SumXY: decimal.NewFromInt(a.sxy)}
		if !momentsEqual(m, want) {
			t.Fatalf("moments %v = %+v, want %+v", k, m, want)
		}
	}
}

func TestMergeErrors(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	other, _ := New(csat.PVCBands(), nil)
	if err := s.Merge(other); !errors.Is(err, csat.ErrScaleMismatch) {
		t.Errorf("merge of other scale: %v", err)
	}
	var nilStats *Stats
	if err := nilStats.Merge(s); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("merge into nil: %v", err)
	}
	c := s.Clone()
	if err := c.Merge(nil); err != nil || !c.Equal(s) {
		t.Errorf("merge of nil changed the statistics: %v", err)
	}
	if err := c.Merge(s); err != nil {
		t.Fatal(err)
	}
	if c.Forms(csat.SourceSurvey) != 12 || s.Forms(csat.SourceSurvey) != 6 {
		t.Error("Clone is not independent")
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	good, _ := s.MarshalJSON()
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	src := func(m map[string]any) map[string]any { return m["sources"].([]any)[0].(map[string]any) }
	item := func(m map[string]any, i int) map[string]any { return src(m)["items"].([]any)[i].(map[string]any) }
	cases := map[string][]byte{
		"not json":          []byte("{"),
		"unknown key":       edit(func(m map[string]any) { m["extra"] = 1 }),
		"no scale":          edit(func(m map[string]any) { delete(m, "scale") }),
		"zero forms":        edit(func(m map[string]any) { src(m)["forms"] = 0 }),
		"counts > forms":    edit(func(m map[string]any) { item(m, 0)["counts"] = []any{7, 0, 0, 0, 0} }),
		"blanks > rest":     edit(func(m map[string]any) { item(m, 0)["blanks"] = 6 }),
		"short counts":      edit(func(m map[string]any) { item(m, 0)["counts"] = []any{1} }),
		"items unsorted":    edit(func(m map[string]any) { it := src(m)["items"].([]any); it[0], it[1] = it[1], it[0] }),
		"joint over margin": edit(func(m map[string]any) { j := src(m)["joint"].([]any)[0].(map[string]any); j["counts"].([]any)[0] = 6 }),
		"group > survey": edit(func(m map[string]any) {
			g := m["groups"].([]any)[0].(map[string]any)
			g["sources"].([]any)[0].(map[string]any)["forms"] = 7
		}),
		"negative": edit(func(m map[string]any) { src(m)["forms"] = -1 }),
	}
	for name, data := range cases {
		var back Stats
		if err := back.UnmarshalJSON(data); !errors.Is(err, csat.ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
	var back Stats
	if err := back.UnmarshalJSON(good); err != nil {
		t.Fatal(err)
	}
	if err := back.UnmarshalJSON(good); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("decode over statistics: %v", err)
	}
	bin, _ := s.MarshalBinary()
	bin[len(bin)/2] ^= 1
	var b2 Stats
	if err := b2.UnmarshalBinary(bin); !errors.Is(err, csat.ErrCorrupt) {
		t.Errorf("flipped bit: %v", err)
	}
}

// TestMemoryIndependentOfForms: the encoded statistics of 10,000 forms
// are no larger than those of 1,000 forms drawn from the same cells
// (counts grow in digits only).
func TestMemoryIndependentOfForms(t *testing.T) {
	size := func(n int) int {
		s := mustNew(t)
		fs := example()
		for i := 0; i < n; i++ {
			if err := s.Add(fs[i%len(fs)]); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := s.MarshalBinary()
		return len(b)
	}
	small, large := size(1000), size(10000)
	if large > small+200 {
		t.Errorf("10,000 forms encode to %d bytes, 1,000 to %d: statistics grow with forms", large, small)
	}
}

func FuzzStatsJSON(f *testing.F) {
	s, _ := New(csat.FivePoint(), nil)
	for _, fm := range example() {
		_ = s.Add(fm)
	}
	good, _ := s.MarshalJSON()
	f.Add(good)
	f.Add([]byte(`{"scale":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Stats
		if err := a.UnmarshalJSON(data); err != nil {
			return
		}
		again, err := a.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var b Stats
		if err := b.UnmarshalJSON(again); err != nil || !b.Equal(&a) {
			t.Fatalf("re-decoding what decoded fails: %v", err)
		}
	})
}

// AllOnForms: two survey forms (F1: 品质 很满意, 交付 满意; F2: 品质 满意,
// 交付 left blank) against tables written out by hand.
func TestAllOnForms(t *testing.T) {
	s := mustNew(t)
	for _, f := range []Form{
		{ID: "F1", Answers: map[string]string{"品质": "很满意", "交付": "满意"}},
		{ID: "F2", Answers: map[string]string{"品质": "满意", "交付": ""}},
	} {
		if err := s.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	table := func(rows ...[3]string) *csat.Table {
		tb := csat.NewTable(csat.FivePoint())
		for _, r := range rows {
			if err := tb.AddKey(r[0], r[1], r[2]); err != nil {
				t.Fatal(err)
			}
		}
		return tb
	}
	forms := [][3]string{{"品质", "survey", "很满意"}, {"交付", "survey", "满意"}, {"品质", "survey", "满意"}}
	for _, c := range []struct {
		name string
		t    *csat.Table
		want bool
	}{
		{"the forms' answers", table(forms...), true},
		{"and a self-assessment on no form", table(append(forms, [3]string{"品质", "self", "满意"})...), true},
		{"and a survey answer on no form", table(append(forms, [3]string{"交付", "survey", "满意"})...), false},
		{"and a survey item no form has", table(append(forms, [3]string{"价格", "survey", "满意"})...), false},
		{"one form's answers missing", table(forms[:2]...), false},
		{"no table", nil, true},
	} {
		if got := s.AllOnForms(c.t); got != c.want {
			t.Errorf("%s: AllOnForms = %v, want %v", c.name, got, c.want)
		}
	}
}
