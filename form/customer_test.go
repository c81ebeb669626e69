package form

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// customerExample is the worked example with customers: 甲厂 returned
// F1 and F2, 乙厂 F3 and F5, 丙厂 F6; F4 names no customer; F7 of 丁厂
// answers only the overall question.
func customerExample() []Form {
	fs := example()
	for i, c := range []string{"甲厂", "甲厂", "乙厂", "", "乙厂", "丙厂"} {
		fs[i].Customer = c
	}
	return append(fs, Form{ID: "F7", Customer: "丁厂", Overall: "满意"})
}

// TestCustomerTally: each customer's answers pooled over items, counted
// by hand (levels 很满意, 满意, 基本满意, 不满意, 很不满意):
//
//	甲厂  F1 很满意 满意 基本满意, F2 满意 (交货 blank) 不满意  → 1 2 1 1 0
//	乙厂  F3 很满意 很满意 满意,   F5 满意 满意 很不满意        → 2 3 0 0 1
//	丙厂  F6 很满意 基本满意 满意                              → 1 1 1 0 0
//	丁厂  F7 the overall question only                         → 0 0 0 0 0
//
// The overall answers of F1, F2 and F5 are not counted; F4 counts for
// no customer.
func TestCustomerTally(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, customerExample())
	const src = csat.SourceSurvey
	// Byte order: 丁 U+4E01, 丙 U+4E19, 乙 U+4E59, 甲 U+7532.
	if got, want := s.Customers(src), []string{"丁厂", "丙厂", "乙厂", "甲厂"}; !cmp.Equal(got, want) {
		t.Errorf("customers = %q, want %q", got, want)
	}
	want := map[string]struct {
		forms  uint64
		counts []uint64
	}{
		"甲厂": {2, []uint64{1, 2, 1, 1, 0}},
		"乙厂": {2, []uint64{2, 3, 0, 0, 1}},
		"丙厂": {1, []uint64{1, 1, 1, 0, 0}},
		"丁厂": {1, []uint64{0, 0, 0, 0, 0}},
		"戊厂": {0, []uint64{0, 0, 0, 0, 0}}, // no forms
	}
	for c, w := range want {
		if got := s.CustomerForms(c, src); got != w.forms {
			t.Errorf("%s: forms = %d, want %d", c, got, w.forms)
		}
		tl := s.CustomerTally(c, src)
		if got := tl.Counts(); !cmp.Equal(got, w.counts) {
			t.Errorf("%s: counts = %v, want %v", c, got, w.counts)
		}
		if tl.Scale() != s.Scale() {
			t.Errorf("%s: tally of another scale", c)
		}
	}
	if got := s.Customers("competitor"); got == nil || len(got) != 0 {
		t.Errorf("customers of a source without forms = %#v, want an empty list", got)
	}
	if s.CustomerForms("甲厂", "competitor") != 0 || s.CustomerTally("甲厂", "competitor").Counts() == nil {
		t.Error("a customer of a source without forms")
	}
	// A group keeps no customers.
	east := s.Group("地区", "华东")
	if got := east.Customers(src); len(got) != 0 {
		t.Errorf("a group's customers = %q", got)
	}
	if east.CustomerForms("甲厂", src) != 0 {
		t.Error("a group's customer forms")
	}
	var nilStats *Stats
	if len(nilStats.Customers(src)) != 0 || nilStats.CustomerForms("甲厂", src) != 0 || nilStats.CustomerTally("甲厂", src).Scale() != nil {
		t.Error("nil Stats")
	}
	// The customers survive Clone, Merge and both encodings; Equal sees
	// them.
	c := s.Clone()
	if !c.Equal(s) {
		t.Fatal("clone differs")
	}
	if err := c.Merge(s); err != nil {
		t.Fatal(err)
	}
	if got := c.CustomerTally("乙厂", src).Counts(); !cmp.Equal(got, []uint64{4, 6, 0, 0, 2}) || c.CustomerForms("乙厂", src) != 4 {
		t.Errorf("merged 乙厂 = %v, %d forms", got, c.CustomerForms("乙厂", src))
	}
	if s.CustomerForms("乙厂", src) != 2 {
		t.Error("Clone shares customers")
	}
	data, _ := s.MarshalJSON()
	if !strings.Contains(string(data), `"customers":[{"customer":"丁厂","forms":1,"counts":[0,0,0,0,0]},{"customer":"丙厂"`) {
		t.Errorf("JSON of the customers: %s", data)
	}
	var back Stats
	if err := back.UnmarshalJSON(data); err != nil || !back.Equal(s) {
		t.Fatalf("round trip: %v", err)
	}
}

// TestCustomerEqual: statistics that differ only in the customers (the
// items' tallies and blanks, the forms and the overall question alike)
// are not Equal: by a customer's forms, its answers, its name, or the
// number of customers.
func TestCustomerEqual(t *testing.T) {
	f := func(c, lv string) Form { return Form{Customer: c, Answers: map[string]string{"品质": lv}} }
	pairs := []struct {
		name string
		a, b []Form
	}{
		{"forms", []Form{f("甲厂", "满意"), f("", "")}, []Form{f("甲厂", "满意"), f("甲厂", "")}},
		{"answers", []Form{f("甲厂", "满意"), f("乙厂", "很满意")}, []Form{f("甲厂", "很满意"), f("乙厂", "满意")}},
		{"name", []Form{f("甲厂", "满意")}, []Form{f("乙厂", "满意")}},
		{"number", []Form{f("甲厂", "满意"), f("", "满意")}, []Form{f("甲厂", "满意"), f("乙厂", "满意")}},
	}
	for _, p := range pairs {
		a, b := mustNew(t), mustNew(t)
		addAll(t, a, p.a)
		addAll(t, b, p.b)
		if a.Equal(b) || b.Equal(a) {
			t.Errorf("%s: Equal", p.name)
		}
		if a.Forms(csat.SourceSurvey) != b.Forms(csat.SourceSurvey) || a.Tally("品质", csat.SourceSurvey) != b.Tally("品质", csat.SourceSurvey) ||
			a.Blanks("品质", csat.SourceSurvey) != b.Blanks("品质", csat.SourceSurvey) {
			t.Errorf("%s: the statistics differ elsewhere too", p.name)
		}
	}
}

// TestCustomerName: a customer's name follows the rule of every name.
func TestCustomerName(t *testing.T) {
	s := mustNew(t)
	err := s.Add(Form{ID: "F9", Customer: "甲\x01厂", Answers: map[string]string{"品质": "满意"}})
	if !errors.Is(err, csat.ErrInvalid) || !strings.Contains(err.Error(), `form "F9": customer "甲\x01厂"`) {
		t.Errorf("control character in a customer: %v", err)
	}
	if s.Forms(csat.SourceSurvey) != 0 {
		t.Error("the form was counted")
	}
	if err := s.Add(Form{Customer: "甲厂\t华东", Answers: map[string]string{"品质": "满意"}}); err != nil {
		t.Errorf("tab in a customer: %v", err)
	}
}

// TestCustomerOverflow: a customer's answers at a level, pooled over
// items, may pass 2^64 − 1 before the forms do; Add and Merge refuse
// them and change nothing. The statistics decoded hold 2^63 + 1 forms
// of two items, both answered 很满意 (10 points) on 2^63 of them, all by
// 甲厂: its 很满意 count is 2^64 − 1 (≤ 2^63 forms × 2 items).
func TestCustomerOverflow(t *testing.T) {
	const half = "9223372036854775808" // 2^63
	full := `{"scale":` + scaleJSON(t) + `,"importance":` + importanceJSON(t) + `,"sources":[{"source":"survey","forms":9223372036854775809,"answered":9223372036854775808,"overall":[0,0,0,0,0],` +
		`"items":[{"item":"交货","counts":[` + half + `,0,0,0,0],"blanks":0,"importance":[0,0,0,0,0]},{"item":"品质","counts":[` + half + `,0,0,0,0],"blanks":0,"importance":[0,0,0,0,0]}],` +
		`"customers":[{"customer":"甲厂","forms":` + half + `,"counts":[18446744073709551615,0,0,0,0]}],` +
		`"patterns":[{"vars":["交货","品质"],"n":` + half + `,"x":["92233720368547758080","92233720368547758080"],"xy":["922337203685477580800","922337203685477580800","922337203685477580800"]}]}],"groups":[]}`
	var s Stats
	if err := s.UnmarshalJSON([]byte(full)); err != nil {
		t.Fatal(err)
	}
	before, _ := s.MarshalJSON()
	f := Form{ID: "F9", Customer: "甲厂", Answers: map[string]string{"品质": "很满意"}}
	if err := s.Add(f); !errors.Is(err, csat.ErrOverflow) || !strings.Contains(err.Error(), `form "F9": source "survey", customer "甲厂": more than 2^64−1 answers`) {
		t.Errorf("add: %v", err)
	}
	// Another level, another customer, no customer: counted.
	for _, g := range []Form{
		{Customer: "甲厂", Answers: map[string]string{"品质": "满意"}},
		{Customer: "乙厂", Answers: map[string]string{"品质": "很满意"}},
		{Answers: map[string]string{"品质": "很满意"}},
	} {
		c := s.Clone()
		if err := c.Add(g); err != nil {
			t.Errorf("add %v: %v", g, err)
		}
	}
	one := mustNew(t)
	addAll(t, one, []Form{f})
	if err := s.Merge(one); !errors.Is(err, csat.ErrOverflow) || !strings.Contains(err.Error(), `merge: source "survey", customer "甲厂"`) {
		t.Errorf("merge: %v", err)
	}
	if after, _ := s.MarshalJSON(); string(after) != string(before) {
		t.Error("a failed Add or Merge changed the statistics")
	}
	other := mustNew(t)
	addAll(t, other, []Form{{Customer: "乙厂", Answers: map[string]string{"品质": "很满意"}}, {Customer: "甲厂", Answers: map[string]string{"品质": "满意"}}})
	if err := s.Merge(other); err != nil {
		t.Errorf("merge of other levels and customers: %v", err)
	}
	if got := s.CustomerTally("甲厂", csat.SourceSurvey).Counts(); !slices.Equal(got, []uint64{1<<64 - 1, 1, 0, 0, 0}) {
		t.Errorf("甲厂 after the merge = %v", got)
	}
}

// TestCustomerCorrupt: what the decoder refuses of the customers, each
// naming the part.
func TestCustomerCorrupt(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, customerExample())
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
	cust := func(m map[string]any, i int) map[string]any { return src(m)["customers"].([]any)[i].(map[string]any) }
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"customers in a group", "groups[0].sources[0]: customers in a group", edit(func(m map[string]any) {
			m["groups"].([]any)[0].(map[string]any)["sources"].([]any)[0].(map[string]any)["customers"] = src(m)["customers"]
		})},
		{"unsorted", "customers[1]: customer invalid, not sorted or repeated", edit(func(m map[string]any) {
			c := src(m)["customers"].([]any)
			c[0], c[1] = c[1], c[0]
		})},
		{"repeated", "customers[1]: customer invalid", edit(func(m map[string]any) { cust(m, 1)["customer"] = cust(m, 0)["customer"] })},
		{"invalid name", "customers[0]: customer invalid", edit(func(m map[string]any) { cust(m, 0)["customer"] = "丁\x01" })},
		{"empty name", "customers[0]: customer invalid", edit(func(m map[string]any) { cust(m, 0)["customer"] = "" })},
		{"no forms", "customers[0]: a customer without forms", edit(func(m map[string]any) { cust(m, 0)["forms"] = 0 })},
		// 7 forms: 丁 1 + 丙 1 + 乙 2 + 甲 2 = 6; 甲 with 3 makes 7, with 4 makes 8.
		{"forms above the source's", "customers[3]: the customers' forms exceed the source's", edit(func(m map[string]any) { cust(m, 3)["forms"] = 4 })},
		{"short counts", "customers[2].counts: 3 counts for 5 levels", edit(func(m map[string]any) { cust(m, 2)["counts"] = []any{1, 1, 1} })},
		// 丙厂 has 1 form of 3 items: at most 3 answers.
		{"answers above forms × items", "customers[1].counts: more answers", edit(func(m map[string]any) { cust(m, 1)["counts"] = []any{1, 1, 1, 1, 0} })},
		// 很不满意: 价格 on F5 only; 丙厂 claims one more.
		{"answers above the items'", "customers: more answers at level 4 than the items have", edit(func(m map[string]any) { cust(m, 1)["counts"] = []any{1, 1, 0, 0, 1} })},
	}
	for _, c := range cases {
		var back Stats
		err := back.UnmarshalJSON(c.data)
		if !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrCorrupt naming %q", c.name, err, c.want)
		}
	}
	// At the bounds: 甲厂 with 3 forms (7 in all), 丙厂 with 3 answers.
	for name, data := range map[string][]byte{
		"forms at the source's": edit(func(m map[string]any) { cust(m, 3)["forms"] = 3 }),
		"answers at forms × items": edit(func(m map[string]any) {
			cust(m, 1)["counts"] = []any{1, 0, 1, 1, 0}
		}),
	} {
		var back Stats
		if err := back.UnmarshalJSON(data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
