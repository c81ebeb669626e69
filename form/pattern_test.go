package form

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/csatkit/csat"
)

// editJSON returns good with f applied to its decoded form.
func editJSON(t *testing.T, good []byte, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(good, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPatternsJSON: the worked example's patterns as encoded, in the
// order they are kept (most variables first): all four variables (F1,
// F3, F5, F6), overall 价格 品质 (F2), 交货 品质 (F4); the sums those of
// TestMatrixListwiseExample.
func TestPatternsJSON(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	data, _ := s.MarshalJSON()
	want := `"patterns":[{"vars":["","交货","价格","品质"],"n":4,"x":["30","32","24","38"],"xy":["244","244","200","292","264","192","304","168","236","364"]},` +
		`{"vars":["","价格","品质"],"n":1,"x":["6","4","8"],"xy":["36","24","48","16","32","64"]},` +
		`{"vars":["交货","品质"],"n":1,"x":["4","6"],"xy":["16","24","36"]}]}]`
	if !strings.Contains(string(data), want) {
		t.Errorf("JSON: %s", data)
	}
	if strings.Count(string(data), `"patterns"`) != 1 || strings.Contains(string(data), `"unkept"`) {
		t.Error("patterns in groups, or forms not kept")
	}
}

// TestFormatUnits: sums of decimal points are written without exponent
// or trailing zeros, and read back only so.
func TestFormatUnits(t *testing.T) {
	for _, c := range []struct {
		units string
		frac  int32
		want  string
	}{
		{"0", 0, "0"}, {"0", 3, "0"}, {"44", 0, "44"}, {"445", 1, "44.5"}, {"440", 1, "44"},
		{"5", 3, "0.005"}, {"1250", 3, "1.25"}, {"123456", 2, "1234.56"}, {"100", 2, "1"},
	} {
		u, _ := new(big.Int).SetString(c.units, 10)
		if got := formatUnits(u, c.frac); got != c.want {
			t.Errorf("formatUnits(%s, %d) = %q, want %q", c.units, c.frac, got, c.want)
		}
		back, err := parseUnits(c.want, c.frac, new(big.Int), u)
		if err != nil || back.Cmp(u) != 0 {
			t.Errorf("parseUnits(%q, %d) = %v, %v", c.want, c.frac, back, err)
		}
	}
	hi := new(big.Int).SetInt64(100000)
	for _, c := range []struct{ d, want string }{
		{"44.501", "not a sum of the scale's points"}, // 3 places
		{"44.50", "not a decimal written as the encoder writes it"},
		{"44.0", "not a decimal written as the encoder writes it"},
		{"044.5", "not a decimal written as the encoder writes it"},
		{"+44.5", "not a decimal written as the encoder writes it"},
		{"4.45e1", "not a sum of the scale's points"},
		{"4e1", "not a decimal written as the encoder writes it"},
		{".5", "not a decimal written as the encoder writes it"},
		{"", "not a decimal written as the encoder writes it"},
		{"-1", "outside"},
		{"1000.01", "outside"},
		{strings.Repeat("1", 4097), "a sum of 4097 characters"},
	} {
		if _, err := parseUnits(c.d, 2, new(big.Int), hi); !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseUnits(%.20q): %v, want %q", c.d, err, c.want)
		}
	}
	if _, err := parseUnits("1000", 2, new(big.Int), hi); err != nil {
		t.Errorf("the upper bound: %v", err)
	}
	if _, err := parseUnits("0.01", 2, new(big.Int).SetInt64(1), hi); err != nil {
		t.Errorf("the lower bound: %v", err)
	}
	if _, err := parseUnits("0.01", 2, new(big.Int).SetInt64(2), hi); err == nil {
		t.Error("below the lower bound")
	}
	if _, err := parseUnits(strings.Repeat("1", 4096), 0, new(big.Int), new(big.Int).Exp(new(big.Int).SetInt64(10), new(big.Int).SetInt64(5000), nil)); err != nil {
		t.Errorf("4096 characters: %v", err)
	}
}

// TestPatternsCorrupt: what the decoder refuses of the patterns, each
// naming the part. The worked example's patterns are [0] overall 交货
// 价格 品质 (4 forms), [1] overall 价格 品质 (1), [2] 交货 品质 (1), of
// 6 forms.
func TestPatternsCorrupt(t *testing.T) {
	good := examplePatternsJSON(t)
	edit := func(f func(m map[string]any)) []byte { return editJSON(t, good, f) }
	src, pats, pat := firstSource, firstPatterns, firstPattern
	group := func(m map[string]any) map[string]any {
		return m["groups"].([]any)[0].(map[string]any)["sources"].([]any)[0].(map[string]any)
	}
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"patterns in a group", "groups[0].sources[0]: answer patterns in a group", edit(func(m map[string]any) { group(m)["patterns"] = pats(m) })},
		{"unkept in a group", "groups[0].sources[0]: answer patterns in a group", edit(func(m map[string]any) {
			group(m)["unkept"] = map[string]any{"forms": 1, "largest": 1}
		})},
		{"unkept without forms", "sources[0].unkept: no forms, or more than the source's", edit(func(m map[string]any) {
			src(m)["unkept"] = map[string]any{"forms": 0, "largest": 1}
		})},
		{"unkept above the forms", "sources[0].unkept: no forms, or more than the source's", edit(func(m map[string]any) {
			src(m)["unkept"] = map[string]any{"forms": 7, "largest": 1}
		})},
		{"unkept beside room", "sources[0].unkept: patterns not kept while fewer than the most are", edit(func(m map[string]any) {
			src(m)["unkept"] = map[string]any{"forms": 1, "largest": 1}
		})},
		{"no variables", "sources[0].patterns[2]: no variables", edit(func(m map[string]any) { pat(m, 2)["vars"] = []any{} })},
		{"variables unsorted", "patterns[2]: variables not sorted or repeated", edit(func(m map[string]any) { pat(m, 2)["vars"] = []any{"品质", "交货"} })},
		{"variable repeated", "patterns[2]: variables not sorted or repeated", edit(func(m map[string]any) { pat(m, 2)["vars"] = []any{"交货", "交货"} })},
		{"overall not first", "patterns[2]: variables not sorted or repeated", edit(func(m map[string]any) { pat(m, 2)["vars"] = []any{"交货", ""} })},
		{"unknown item", `patterns[2]: unknown item "包装"`, edit(func(m map[string]any) { pat(m, 2)["vars"] = []any{"交货", "包装"} })},
		{"out of order", "patterns[2]: patterns not in order or repeated", edit(func(m map[string]any) {
			p := pats(m)
			p[1], p[2] = p[2], p[1]
		})},
		{"repeated", "patterns[1]: patterns not in order or repeated", edit(func(m map[string]any) { pats(m)[1] = pats(m)[0] })},
		{"no forms", "patterns[1]: no forms, or the patterns' forms exceed the source's", edit(func(m map[string]any) { pat(m, 1)["n"] = 0 })},
		{"forms above the source's", "patterns[2]: no forms, or the patterns' forms exceed", edit(func(m map[string]any) { pat(m, 2)["n"] = 2 })},
		{"short x", "patterns[2]: 1 sums and 3 sums of products for 2 variables", edit(func(m map[string]any) { pat(m, 2)["x"] = []any{"4"} })},
		{"short xy", "patterns[2]: 2 sums and 2 sums of products for 2 variables", edit(func(m map[string]any) { pat(m, 2)["xy"] = []any{"16", "24"} })},
		// 4 forms of 2 to 10 points: Σx within 8..40, Σxy within 16..400.
		{"x above", `patterns[0].x[3]: "41" outside`, edit(func(m map[string]any) { pat(m, 0)["x"].([]any)[3] = "41" })},
		{"x below", `patterns[0].x[0]: "7" outside`, edit(func(m map[string]any) { pat(m, 0)["x"].([]any)[0] = "7" })},
		{"x written otherwise", `patterns[0].x[1]: "32.0" is not a sum`, edit(func(m map[string]any) { pat(m, 0)["x"].([]any)[1] = "32.0" })},
		{"xy below", `patterns[0].xy[9]: "15" outside`, edit(func(m map[string]any) { pat(m, 0)["xy"].([]any)[9] = "15" })},
		{"xy above", `patterns[0].xy[0]: "401" outside`, edit(func(m map[string]any) { pat(m, 0)["xy"].([]any)[0] = "401" })},
		{"xy not a number", `patterns[0].xy[2]: "x" is not a decimal`, edit(func(m map[string]any) { pat(m, 0)["xy"].([]any)[2] = "x" })},
		// 价格 also on pattern 2: 6 forms answer it, its counts say 5.
		{"more forms than the counts", `sources[0].patterns: 6 forms answer item "价格", its counts 5`, edit(func(m map[string]any) {
			pat(m, 2)["vars"] = []any{"交货", "价格"}
		})},
		// Without pattern 2, 交货 is answered on 4 forms of patterns, 5 by its counts.
		{"fewer forms than the counts", `sources[0].patterns: 4 forms answer item "交货", its counts 5`, edit(func(m map[string]any) {
			src(m)["patterns"] = pats(m)[:2]
		})},
		{"no patterns (an older encoding)", `sources[0].patterns: 0 forms answer the overall question, its counts 5`, edit(func(m map[string]any) {
			delete(src(m), "patterns")
		})},
	}
	for _, c := range cases {
		var back Stats
		err := back.UnmarshalJSON(c.data)
		if !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrCorrupt naming %q", c.name, err, c.want)
		}
	}
}

// examplePatternsJSON returns the worked example's statistics as JSON.
func examplePatternsJSON(t *testing.T) []byte {
	t.Helper()
	s := mustNew(t)
	addAll(t, s, example())
	good, _ := s.MarshalJSON()
	return good
}

// firstSource returns the first source of statistics decoded from JSON
// into m, firstPatterns its patterns and firstPattern its i-th pattern.
func firstSource(m map[string]any) map[string]any {
	return m["sources"].([]any)[0].(map[string]any)
}

func firstPatterns(m map[string]any) []any { return firstSource(m)["patterns"].([]any) }

func firstPattern(m map[string]any, i int) map[string]any {
	return firstPatterns(m)[i].(map[string]any)
}

// TestPatternsCorruptBounds: the decoder takes sums at their bounds,
// and checks the patterns against the room for them: no more than
// maxPatterns, forms not kept only beside as many, of at least one and
// at most as many variables as the last kept, and counted against the
// source's forms. The worked example's patterns are those of
// TestPatternsCorrupt.
func TestPatternsCorruptBounds(t *testing.T) {
	good := examplePatternsJSON(t)
	edit := func(f func(m map[string]any)) []byte { return editJSON(t, good, f) }
	src, pat := firstSource, firstPattern
	// At the bounds: Σx 8 and 40 of 4 forms, Σxy 16 and 400.
	at := edit(func(m map[string]any) {
		x, xy := pat(m, 0)["x"].([]any), pat(m, 0)["xy"].([]any)
		x[0], x[1], xy[0], xy[9] = "8", "40", "16", "400"
	})
	var back Stats
	if err := back.UnmarshalJSON(at); err != nil {
		t.Errorf("sums at the bounds: %v", err)
	}
	// Room for only two patterns: three are too many.
	withMaxPatterns(2, func() {
		var back Stats
		if err := back.UnmarshalJSON(good); !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), "sources[0]: more than 2 answer patterns") {
			t.Errorf("three patterns, room for two: %v", err)
		}
	})
	withMaxPatterns(3, func() {
		for _, c := range []struct {
			largest int
			ok      bool
		}{{0, false}, {1, true}, {2, true}, {3, false}} {
			// 6 forms, 6 in patterns: one more form, not kept.
			data := edit(func(m map[string]any) {
				src(m)["forms"] = 7
				src(m)["unkept"] = map[string]any{"forms": 1, "largest": c.largest}
			})
			var back Stats
			err := back.UnmarshalJSON(data)
			if c.ok != (err == nil) || err != nil && !strings.Contains(err.Error(), "sources[0].unkept: patterns not kept while fewer") {
				t.Errorf("largest %d: %v", c.largest, err)
			}
		}
		// The forms not kept count against the source's: 6 + 2 > 7.
		data := edit(func(m map[string]any) {
			src(m)["forms"] = 7
			src(m)["unkept"] = map[string]any{"forms": 2, "largest": 1}
		})
		var back Stats
		if err := back.UnmarshalJSON(data); !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), "patterns[2]: no forms, or the patterns' forms exceed") {
			t.Errorf("forms not kept and in patterns above the source's: %v", err)
		}
	})
}

// TestPatternsCorruptOverall: the overall question answered on fewer
// forms of patterns than its counts say. Forms: overall and 品质, 品质
// alone; encoded with the first pattern gone and the second holding
// both forms.
func TestPatternsCorruptOverall(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, []Form{{Answers: map[string]string{"品质": "满意"}, Overall: "满意"}, {Answers: map[string]string{"品质": "满意"}}})
	good, _ := s.MarshalJSON()
	data := editJSON(t, good, func(m map[string]any) {
		src := m["sources"].([]any)[0].(map[string]any)
		p := src["patterns"].([]any)[1].(map[string]any)
		p["n"], p["x"], p["xy"] = 2, []any{"16"}, []any{"128"}
		src["patterns"] = []any{p}
	})
	var back Stats
	if err := back.UnmarshalJSON(data); !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), "0 forms answer the overall question, its counts 1") {
		t.Errorf("overall: %v", err)
	}
	var ok Stats
	if err := ok.UnmarshalJSON(good); err != nil {
		t.Fatal(err)
	}
}
