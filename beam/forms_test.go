package csatbeam

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

const formHeader = "company,period,表单编号,item,source,level,地区,规模"

// Rows with a form id carry the form's id, respondent, customer and
// segment values; an empty level on them is a blank; their count is 1.
func TestParseFormRows(t *testing.T) {
	onForm := func(id string, level int, attrs map[string]string) Answer {
		return Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: level, Count: 1, Form: id, Attrs: attrs}
	}
	tests := []struct {
		name, header, line string
		want               Answer
		err                error
		field              int
	}{
		{"form and segments", formHeader, "acme,Q1,F1,功能,survey,满意,华东,大", onForm("F1", 1, map[string]string{"地区": "华东", "规模": "大"}), nil, 0},
		{"blank on a form", formHeader, "acme,Q1,F1,功能,survey,,华东,", onForm("F1", Blank, map[string]string{"地区": "华东"}), nil, 0},
		{"no segment value", formHeader, "acme,Q1,F1,功能,survey,很满意,,", onForm("F1", 0, nil), nil, 0},
		{"no form id", formHeader, "acme,Q1,,功能,survey,很满意,,", ans("acme", "Q1", "功能", "survey", 0, 1), nil, 0},
		{"alias, any case", "Company,PERIOD,Form_ID,item,source,level,Region,count", "acme,Q1,F1,功能,survey,满意,华东,1", onForm("F1", 1, map[string]string{"Region": "华东"}), nil, 0},
		{"respondent and customer", "company,period,form,item,source,level,填表人,客户", "acme,Q1,F1,功能,survey,满意,张三,C9",
			Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: 1, Count: 1, Form: "F1", Respondent: "张三", Customer: "C9"}, nil, 0},
		{"overall and importance", "company,period,form,item,source,level,总体满意度,重要度", "acme,Q1,F1,功能,survey,满意,很满意,很重要",
			Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: 1, Count: 1, Form: "F1", Overall: "very_satisfied", Importance: form.ImportanceScale().Levels()[0].Key}, nil, 0},
		{"importance on a blank", "company,period,form,item,source,level,overall,importance", "acme,Q1,F1,功能,survey,,,不重要",
			Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: Blank, Count: 1, Form: "F1", Importance: form.ImportanceScale().Levels()[4].Key}, nil, 0},
		{"unknown overall level", "company,period,form,item,source,level,overall", "acme,Q1,F1,功能,survey,满意,极好", Answer{}, csat.ErrUnknownLevel, 7},
		{"importance not on the importance scale", "company,period,form,item,source,level,importance", "acme,Q1,F1,功能,survey,满意,满意", Answer{}, csat.ErrUnknownLevel, 7},
		{"overall without form id", "company,period,form,item,source,level,overall", "acme,Q1,,功能,survey,满意,满意", Answer{}, csat.ErrMissing, 7},
		{"importance without form id", "company,period,form,item,source,level,重要性", "acme,Q1,,功能,survey,满意,重要", Answer{}, csat.ErrMissing, 7},
		{"blank without form id", formHeader, "acme,Q1,,功能,survey,,,", Answer{}, csat.ErrUnknownLevel, 6},
		{"segment without form id", formHeader, "acme,Q1,,功能,survey,满意,,大", Answer{}, csat.ErrMissing, 8},
		{"customer without form id", "company,period,form,item,source,level,customer", "acme,Q1,,功能,survey,满意,C9", Answer{}, csat.ErrMissing, 7},
		{"count 2 on a form", "company,period,form,item,source,level,count", "acme,Q1,F1,功能,survey,满意,2", Answer{}, csat.ErrInvalid, 7},
		{"count 0 on a form", "company,period,form,item,source,level,count", "acme,Q1,F1,功能,survey,满意,0", Answer{}, csat.ErrInvalid, 7},
		{"control character in a value", formHeader, "acme,Q1,F1,功能,survey,满意,华\x1b东,", Answer{}, csat.ErrInvalid, 7},
		{"control character in a form id", formHeader, "acme,Q1,F\x00,功能,survey,满意,,", Answer{}, csat.ErrInvalid, 3},
		{"control character in an item", header, "a,Q,功\x1b[31m能,s,满意,1", Answer{}, csat.ErrInvalid, 3},
		{"segment column without form column", "company,period,item,source,level,地区", "acme,Q1,功能,survey,满意,华东", Answer{}, csat.ErrInvalid, 0},
		{"two form columns", "company,period,form,问卷编号,item,source,level", "acme,Q1,F1,F1,功能,survey,满意", Answer{}, csat.ErrInvalid, 0},
	}
	fn := newParseFn(t, FormatCSV)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fn.parseCSV(tt.header, tt.line)
			if tt.err == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("answer (-want +got):\n%s", diff)
				}
				return
			}
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if b := badRow("in.csv", 7, tt.line, err); b.Field != tt.field {
				t.Errorf("bad row %+v, want field %d", b, tt.field)
			}
		})
	}
}

// The header's form columns: aliases, segments named by Options.Segments,
// and the errors a header can have.
func TestParseFormHeader(t *testing.T) {
	tests := []struct {
		header string
		extra  []string
		err    error
		want   string // the form column's field, the segments' dims
	}{
		{"company,period,item,source,level,问卷编号,行业,ABC", nil, nil, "5 [行业 ABC]"},
		{"company,period,item,source,level,答卷编号, industry ,Class,渠道", []string{"渠道"}, nil, "5 [industry Class 渠道]"},
		{"company,period,item,source,level,form,渠道", []string{" 渠道 "}, nil, "5 [渠道]"},
		{"company,period,item,source,level,form,渠道", nil, csat.ErrInvalid, ""},
		{"company,period,item,source,level,form,地区,地区", nil, csat.ErrDuplicate, ""},
		{"company,period,item,source,level,form,region,REGION", nil, csat.ErrDuplicate, ""},
		{"company,period,item,source,level,form,表单", nil, csat.ErrDuplicate, ""},
		{"company,period,item,source,level,地区", nil, csat.ErrMissing, ""},
		{"company,period,item,source,level,填表人", nil, csat.ErrMissing, ""},
		{"company,period,item,source,level,form,\"地\x01区\"", []string{"地\x01区"}, csat.ErrInvalid, ""},
		{"company,period,item,source,level,form,", []string{"", " "}, csat.ErrInvalid, ""},
	}
	for _, tt := range tests {
		c, err := parseHeader(tt.header, csat.DefaultMaxField, extraColumns(tt.extra, nil))
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("parseHeader(%q) error %v, want %v", tt.header, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseHeader(%q): %v", tt.header, err)
			continue
		}
		var dims []string
		for _, s := range c.segments {
			dims = append(dims, s.dim)
		}
		if got := fmt.Sprint(c.at[colForm], " ", dims); got != tt.want {
			t.Errorf("parseHeader(%q) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestParseFormJSON(t *testing.T) {
	tests := []struct {
		name, line string
		want       Answer
		err        error
	}{
		{"form keys", `{"company":"a","period":"Q","item":"i","source":"s","level":"","表单编号":"F1","地区":"华东","respondent":"r","客户":"c"}`,
			Answer{Company: "a", Period: "Q", Item: "i", Source: "s", Level: Blank, Count: 1, Form: "F1", Respondent: "r", Customer: "c", Attrs: map[string]string{"地区": "华东"}}, nil},
		{"count 1 on a form", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","form":"F1","count":1}`,
			Answer{Company: "a", Period: "Q", Item: "i", Source: "s", Level: 1, Count: 1, Form: "F1"}, nil},
		{"count 3 on a form", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","form":"F1","count":3}`, Answer{}, csat.ErrInvalid},
		{"segment without form", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","地区":"华东"}`, Answer{}, csat.ErrMissing},
		{"form key twice", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","form":"F1","表单":"F2"}`, Answer{}, csat.ErrDuplicate},
		{"segment key twice", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","form":"F1","region":"x","Region":"y"}`, Answer{}, csat.ErrDuplicate},
		{"segment a number", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","form":"F1","地区":3}`, Answer{}, csat.ErrInvalid},
		{"form id null", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","form":null}`, Answer{}, csat.ErrInvalid},
	}
	fn := newParseFn(t, FormatJSON)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fn.parseJSON(tt.line)
			if tt.err == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("answer (-want +got):\n%s", diff)
				}
				return
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
		})
	}
}

// assembled runs assembleFn on rows, as the GroupByKey hands them over.
func assembled(t *testing.T, max int, k FormKey, rows []Answer) (answers []Answer, forms []form.Form, failed []FailedForm) {
	t.Helper()
	fn := &assembleFn{Scale: mustScaleDef(csat.FivePoint()), MaxItems: max}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	i := 0
	fn.ProcessElement(context.Background(), k, func(a *Answer) bool {
		if i == len(rows) {
			return false
		}
		*a, i = rows[i], i+1
		return true
	}, func(a Answer) { answers = append(answers, a) },
		func(key Key, f form.Form) {
			if key != (Key{Company: k.Company, Period: k.Period}) {
				t.Errorf("form keyed %v, want %v", key, k)
			}
			forms = append(forms, f)
		},
		func(f FailedForm) { failed = append(failed, f) })
	return answers, forms, failed
}

// A form's rows make one form whatever their order; rows that disagree
// fail the form, named with the same words whatever the order, and none
// of its rows goes on.
func TestAssembleForm(t *testing.T) {
	k := FormKey{Company: "acme", Period: "Q1", Form: "F1"}
	row := func(item string, level int, attrs map[string]string) Answer {
		return Answer{Company: "acme", Period: "Q1", Item: item, Source: "survey", Level: level, Count: 1, Form: "F1", Attrs: attrs}
	}
	good := []Answer{
		row("功能", 0, map[string]string{"地区": "华东"}),
		row("外观", Blank, nil),
		row("包装", 3, map[string]string{"地区": "华东", "规模": "大"}),
	}
	good[1].Respondent = "张三"
	for _, rows := range [][]Answer{good, {good[2], good[0], good[1]}, {good[1], good[2], good[0]}} {
		answers, forms, failed := assembled(t, DefaultMaxFormItems, k, rows)
		want := form.Form{ID: "F1", Respondent: "张三", Source: "survey", Period: "Q1",
			Attrs: map[string]string{"地区": "华东", "规模": "大"}, Answers: map[string]string{"功能": "very_satisfied", "外观": "", "包装": "dissatisfied"}}
		if len(failed) != 0 || len(forms) != 1 {
			t.Fatalf("forms %v, failed %v; want one form", forms, failed)
		}
		if diff := cmp.Diff(want, forms[0]); diff != "" {
			t.Errorf("form (-want +got):\n%s", diff)
		}
		if len(answers) != 2 || answers[0].Item != "功能" || answers[1].Item != "包装" || answers[0].Respondent != "张三" || answers[1].Attrs["规模"] != "大" {
			t.Errorf("answers %+v, want 功能 and 包装 (no blank, in byte order) with the form's who and attributes", answers)
		}
	}

	// the overall answer may be on some rows; the importance is the row's item's
	withOverall := slices.Clone(good)
	withOverall[1].Overall, withOverall[2].Overall, withOverall[2].Importance = "satisfied", "satisfied", "important"
	answers, forms, failed := assembled(t, DefaultMaxFormItems, k, withOverall)
	if len(failed) != 0 || len(forms) != 1 || len(answers) != 2 {
		t.Fatalf("forms %v, failed %v; want one form", forms, failed)
	}
	if got := forms[0]; got.Overall != "satisfied" || !maps.Equal(got.Importance, map[string]string{"包装": "important"}) {
		t.Errorf("form's overall %q, importance %v; want satisfied and 包装 important", got.Overall, got.Importance)
	}
	twoOveralls := slices.Clone(withOverall)
	twoOveralls[0].Overall = "very_satisfied"

	dup := append(slices.Clone(good), row("功能", 1, nil))
	conflict := append(slices.Clone(good), row("价格", 1, map[string]string{"地区": "华南"}))
	self := append(slices.Clone(good), row("价格", 1, nil))
	self[3].Source = "self"
	both := append(slices.Clone(dup), row("价格", 1, map[string]string{"规模": "小", "地区": "西北"}))
	tests := []struct {
		name string
		rows []Answer
		err  error
		msg  string
	}{
		{"item twice", dup, csat.ErrDuplicate, `item "功能" is on 2 rows`},
		{"two regions", conflict, csat.ErrInvalid, `its rows give 地区 "华东" and "华南"`},
		{"two sources", self, csat.ErrInvalid, `its rows give source "self" and "survey"`},
		{"two overall answers", twoOveralls, csat.ErrInvalid, `its rows give overall "satisfied" and "very_satisfied"`},
		{"several", both, csat.ErrInvalid, `its rows give 地区 "华东" and "西北"; its rows give 规模 "大" and "小"; item "功能" is on 2 rows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFormFails(t, k, tt.rows, tt.err, tt.msg) })
	}
}

// checkFormFails assembles the rows of form k in five orders and checks
// that each time the form fails alone, named with its rows, with msg and
// the sentinel err, in the same words whatever the order.
func checkFormFails(t *testing.T, k FormKey, given []Answer, err error, msg string) {
	t.Helper()
	var msgs []string
	for range 5 {
		rows := slices.Clone(given)
		for i := range rows { // rotate: another order each round
			j := (i*7 + len(msgs)) % len(rows)
			rows[i], rows[j] = rows[j], rows[i]
		}
		answers, forms, failed := assembled(t, DefaultMaxFormItems, k, rows)
		if len(answers) != 0 || len(forms) != 0 || len(failed) != 1 {
			t.Fatalf("answers %v, forms %v, failed %v; want only a failure", answers, forms, failed)
		}
		f := failed[0]
		if f.Company != "acme" || f.Period != "Q1" || f.Form != "F1" || f.Rows != int64(len(rows)) {
			t.Errorf("failure %+v does not name the form and its %d rows", f, len(rows))
		}
		if !strings.Contains(f.Err, msg) || !strings.HasSuffix(f.Err, ": "+err.Error()) || !strings.Contains(f.Err, `form "F1" of "acme" "Q1"`) {
			t.Errorf("failure %q, want %q ending with %v", f.Err, msg, err)
		}
		msgs = append(msgs, f.Err)
	}
	if slices.ContainsFunc(msgs, func(m string) bool { return m != msgs[0] }) {
		t.Errorf("the message depends on the order of the rows: %q", msgs)
	}
}

// A form with more items than Options.MaxFormItems fails with
// csat.ErrOutOfRange, its rows all counted; the assembly keeps no more
// than the bound in memory whatever the number of rows.
func TestAssembleFormTooManyItems(t *testing.T) {
	k := FormKey{Company: "acme", Period: "Q1", Form: "F1"}
	var rows []Answer
	for i := range 50 {
		rows = append(rows, Answer{Company: "acme", Period: "Q1", Item: fmt.Sprint("item", i), Source: "survey", Level: 1, Count: 1, Form: "F1"})
	}
	_, forms, failed := assembled(t, 50, k, rows)
	if len(forms) != 1 || len(failed) != 0 {
		t.Fatalf("50 items under a bound of 50: forms %d, failed %v", len(forms), failed)
	}
	_, forms, failed = assembled(t, 49, k, rows)
	if len(forms) != 0 || len(failed) != 1 || failed[0].Rows != 50 || !strings.HasSuffix(failed[0].Err, "more than 49 items (Options.MaxFormItems): "+csat.ErrOutOfRange.Error()) {
		t.Fatalf("50 items over a bound of 49: forms %d, failed %+v", len(forms), failed)
	}
	as := assembly{max: 10, items: map[string]int{}, attrs: map[string]*pair{}}
	for i := range 100_000 {
		as.add(&Answer{Item: fmt.Sprint(i), Source: "survey"})
	}
	if len(as.items) != 0 || !as.tooMany || as.rows != 100_000 {
		t.Errorf("assembly kept %d items over a bound of 10 (%d rows)", len(as.items), as.rows)
	}
}

// formsFnOnWorker returns the FormsFn as a worker has it.
func formsFnOnWorker(t fataler, s *csat.Scale) *FormsFn {
	t.Helper()
	b, err := json.Marshal(NewFormsFn(s))
	if err != nil {
		t.Fatal(err)
	}
	var fn FormsFn
	if err := json.Unmarshal(b, &fn); err != nil {
		t.Fatal(err)
	}
	return &fn
}

// statsRoundTrip encodes and decodes form statistics with the Beam
// coder's functions.
func statsRoundTrip(t fataler, st *form.Stats) *form.Stats {
	t.Helper()
	b, err := encodeStats(st)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeStats(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// drawForm draws a valid form of the scale.
func drawForm(t *rapid.T, sc *csat.Scale) form.Form {
	f := form.Form{
		ID:      rapid.StringMatching(`F[0-9]{1,3}`).Draw(t, "id"),
		Source:  rapid.SampledFrom(genSources).Draw(t, "source"),
		Attrs:   map[string]string{},
		Answers: map[string]string{},
	}
	for _, dim := range []string{"地区", "规模"} {
		f.Attrs[dim] = rapid.SampledFrom(genValues[dim]).Draw(t, dim)
	}
	for _, item := range genItems {
		switch rapid.IntRange(0, 5).Draw(t, "answered") {
		case 0: // not on the form
		case 1:
			f.Answers[item] = ""
		default:
			f.Answers[item] = sc.Levels()[rapid.IntRange(0, sc.Len()-1).Draw(t, "level")].Key
		}
	}
	if len(f.Answers) == 0 {
		f.Answers[genItems[0]] = ""
	}
	return f
}

var genValues = map[string][]string{"地区": {"华东", "华南", ""}, "规模": {"大", "中", "小", ""}, "渠道": {"直销", "经销", ""}}

// However the forms are split into bundles (empty ones included), each
// bundle's accumulator encoded and decoded as between workers, and the
// accumulators merged in any order, FormsFn gives the statistics that
// adding every form to one form.Stats gives: Equal, and the same JSON
// and binary bytes.
func TestFormsFnAnyBundlesAnyMergeOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := []*csat.Scale{csat.FivePoint(), csat.PVCBands(), sevenPoint(t)}[rapid.IntRange(0, 2).Draw(t, "scale")]
		forms := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) form.Form { return drawForm(t, sc) }), 0, 60).Draw(t, "forms")
		want, err := form.New(sc, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			if err := want.Add(f); err != nil {
				t.Fatal(err)
			}
		}
		wantJSON, _ := want.MarshalJSON()
		wantBin, _ := want.MarshalBinary()
		for range 6 {
			fn := formsFnOnWorker(t, sc)
			var accs []*form.Stats
			for rest := forms; ; {
				acc, err := fn.CreateAccumulator()
				if err != nil {
					t.Fatal(err)
				}
				n := rapid.IntRange(0, len(rest)).Draw(t, "bundle size")
				for _, f := range rest[:n] {
					if acc, err = fn.AddInput(acc, f); err != nil {
						t.Fatal(err)
					}
				}
				accs = append(accs, statsRoundTrip(t, acc))
				if rest = rest[n:]; len(rest) == 0 && len(accs) > 1 {
					break
				}
			}
			for len(accs) > 1 {
				i := rapid.IntRange(0, len(accs)-1).Draw(t, "a")
				a := accs[i]
				accs = slices.Delete(accs, i, i+1)
				j := rapid.IntRange(0, len(accs)-1).Draw(t, "b")
				m, err := fn.MergeAccumulators(accs[j], a)
				if err != nil {
					t.Fatal(err)
				}
				accs[j] = statsRoundTrip(t, m)
			}
			got := fn.ExtractOutput(accs[0])
			gotJSON, _ := got.MarshalJSON()
			gotBin, _ := got.MarshalBinary()
			if !got.Equal(want) || !bytes.Equal(gotJSON, wantJSON) || !bytes.Equal(gotBin, wantBin) {
				t.Fatalf("merged statistics differ from one process's:\n got %s\nwant %s", gotJSON, wantJSON)
			}
		}
	})
}

// The coder refuses statistics without a scale and bytes that are not
// an encoding (csat.ErrCorrupt: a flipped bit fails the checksum).
func TestStatsCoder(t *testing.T) {
	if _, err := encodeStats(nil); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("encodeStats(nil) error %v, want ErrInvalid", err)
	}
	if _, err := encodeStats(&form.Stats{}); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("encodeStats(zero) error %v, want ErrInvalid", err)
	}
	st, _ := form.New(csat.FivePoint(), nil)
	if err := st.Add(form.Form{ID: "F1", Answers: map[string]string{"功能": "满意"}}); err != nil {
		t.Fatal(err)
	}
	b, err := encodeStats(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{nil, []byte("CSFS"), b[:len(b)-1]} {
		if _, err := decodeStats(bad); !errors.Is(err, csat.ErrCorrupt) {
			t.Errorf("decodeStats(%.20q…) error %v, want ErrCorrupt", bad, err)
		}
	}
	flipped := slices.Clone(b)
	flipped[len(b)/2] ^= 0x10
	if _, err := decodeStats(flipped); !errors.Is(err, csat.ErrCorrupt) {
		t.Errorf("a flipped bit: error %v, want ErrCorrupt", err)
	}
}
