package analysis

import (
	"encoding/json"
	"flag"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The Latin words a Chinese explanation may hold: the method's symbols
// (any single letter: t, z, n, p, r, s, k, R in R², h for hours, x, y, d,
// m …), the two indices of Λ²jk, and the names of the tests, methods and
// figures that are written in Latin letters in Chinese too. Everything
// else — "df", "pp", "degree", "interval", "cov" — must be in Chinese.
var zhLatinAllowed = map[string]bool{
	"jk": true, "Wilson": true, "Wald": true, "Welch": true, "Spearman": true, "Johnson": true, "Shapley": true,
	"LMG": true, "NPS": true, "CLV": true, "RR1": true,
}

// errorer is what the checks need of a *testing.T or *rapid.T.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)

// checkZh reports the Latin words of s that zhLatinAllowed does not
// allow, data names removed.
func checkZh(t errorer, what, s string, data []string) {
	t.Helper()
	for _, d := range data {
		s = strings.ReplaceAll(s, d, "")
	}
	for _, w := range latinWord.FindAllString(s, -1) {
		if len(w) > 1 && !zhLatinAllowed[w] {
			t.Errorf("%s in Chinese has the Latin word %q: %q", what, w, s)
			return
		}
	}
}

// checkEn reports a Han character in s, data names removed.
func checkEn(t errorer, what, s string, data []string) {
	t.Helper()
	for _, d := range data {
		s = strings.ReplaceAll(s, d, "")
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			t.Errorf("%s in English has the Han character %q: %q", what, r, s)
			return
		}
	}
}

// walkTexts calls f with every Result, Interval and Comparison reachable
// from v.
func walkTexts(v reflect.Value, f func(any)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkTexts(v.Elem(), f)
		}
		return
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkTexts(v.Index(i), f)
		}
		return
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			walkTexts(it.Value(), f)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	switch x := v.Interface().(type) {
	case csat.Result:
		f(x)
		return
	case csat.Interval:
		f(x)
		walkTexts(reflect.ValueOf(x.Estimate), f)
		return
	case Comparison:
		f(x)
	}
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			walkTexts(v.Field(i), f)
		}
	}
}

// checkReportLangs checks every explanation, warning and verdict of rep
// in Chinese and in English, data names removed; it returns how many
// results it checked.
func checkReportLangs(t errorer, rep Report, data []string) int {
	t.Helper()
	n := 0
	walkTexts(reflect.ValueOf(rep), func(x any) {
		switch x := x.(type) {
		case csat.Result:
			n++
			checkZh(t, "result "+x.Label(), x.DerivationIn("zh"), data)
			checkEn(t, "result "+x.Label(), x.DerivationIn("en"), data)
		case csat.Interval:
			checkZh(t, "interval", IntervalExplainIn(x, "zh"), data)
			checkEn(t, "interval", IntervalExplainIn(x, "en"), data)
		case Comparison:
			checkZh(t, "comparison", x.ExplainIn("zh"), data)
			checkEn(t, "comparison", x.ExplainIn("en"), data)
		}
	})
	for _, w := range rep.WarningsIn("zh") {
		checkZh(t, "warning", w, data)
	}
	for _, w := range rep.WarningsIn("en") {
		checkEn(t, "warning", w, data)
	}
	if q := rep.Quadrant; q != nil {
		for _, it := range q.Items {
			checkZh(t, "quadrant", q.ExplainIn(it.Item, "zh"), data)
			checkEn(t, "quadrant", q.ExplainIn(it.Item, "en"), data)
		}
	}
	if rep.Importance != nil {
		checkZh(t, "importance", rep.Importance.ExplainIn("zh"), data)
		checkEn(t, "importance", rep.Importance.ExplainIn("en"), data)
	}
	if rep.Churn != nil {
		checkZh(t, "churn", rep.Churn.SummaryIn("zh"), data)
		checkEn(t, "churn", rep.Churn.SummaryIn("en"), data)
	}
	return n
}

// The worked example of doc.go (forms, importance, quadrant, churn,
// benchmarks) in each language: no stray English in Chinese, no Chinese
// in English.
func TestReportLangsWorked(t *testing.T) {
	in := exampleInput(t)
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	// "given" and "importance …" are the labels of a user's method (givenImportance).
	data := append(in.Table.Items(), "given", "importance", "C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11", "C12")
	if n := checkReportLangs(t, rep, data); n < 50 {
		t.Errorf("only %d results checked", n)
	}
}

// Property: over generated surveys (self-assessment, survey, competitor;
// an earlier period), every result, interval, comparison and warning
// of the report reads in Chinese without English words and in English
// without Chinese, and the report's JSON keeps both.
// A report takes about a second to build: without -rapid.checks the
// property tries reportLangChecks reports.
func TestReportLangsProperty(t *testing.T) {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "rapid.checks" })
	if f := flag.Lookup("rapid.checks"); f != nil && !given {
		old := f.Value.String()
		if err := flag.Set("rapid.checks", strconv.Itoa(reportLangChecks)); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = flag.Set("rapid.checks", old) }()
	}
	rapid.Check(t, func(rt *rapid.T) {
		items := []string{"#1", "#2"}
		table := func(label string) *csat.Table {
			tab := csat.NewTable(csat.FivePoint())
			for _, src := range []string{csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor} {
				for _, it := range items {
					for level := range 5 {
						n := rapid.Uint64Range(0, 4).Draw(rt, label+src+it)
						if err := tab.AddN(it, src, level, n); err != nil {
							rt.Fatal(err)
						}
					}
				}
			}
			return tab
		}
		tab := table("now")
		if empty(cellOrZero(tab, csat.SourceSurvey)) {
			rt.Skip("no survey")
		}
		rep, err := Build(Input{Period: "2026-1", Table: tab,
			History:   []csat.Period{{Name: "2025-2", Table: table("h2")}},
			Headlines: []Headline{{Scorer: csat.Degree{}, TargetHistory: []decimal.Decimal{dec("0.7"), dec("0.8"), dec("0.75")}}, {Scorer: csat.Rate{}}}})
		if err != nil {
			rt.Skip(err.Error())
		}
		checkReportLangs(rt, rep, nil)
		b, err := json.Marshal(rep)
		if err != nil {
			rt.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(b, &back); err != nil {
			rt.Fatal(err)
		}
		for _, l := range []string{"zh", "en"} {
			if got, want := strings.Join(back.WarningsIn(l), "\n"), strings.Join(rep.WarningsIn(l), "\n"); got != want {
				rt.Errorf("decoded warnings in %s = %q, want %q", l, got, want)
			}
		}
		var before, after []string
		walkTexts(reflect.ValueOf(rep), func(x any) {
			if r, ok := x.(csat.Result); ok {
				before = append(before, r.DerivationIn("zh")+r.DerivationIn("en"))
			}
		})
		walkTexts(reflect.ValueOf(back), func(x any) {
			if r, ok := x.(csat.Result); ok {
				after = append(after, r.DerivationIn("zh")+r.DerivationIn("en"))
			}
		})
		if strings.Join(before, "\n") != strings.Join(after, "\n") {
			rt.Error("the decoded report explains its results otherwise")
		}
	})
}

// reportLangChecks is the number of reports TestReportLangsProperty
// builds unless -rapid.checks says otherwise.
const reportLangChecks = 15

// cellOrZero is the source's total of tab (empty when it has none).
func cellOrZero(tab *csat.Table, src string) csat.Tally {
	t, err := tab.Total(src)
	if err != nil {
		return csat.Tally{}
	}
	return t
}
