package csatbeam

import (
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

func newParseFn(t *testing.T, format Format) *parseFn {
	t.Helper()
	fn := &parseFn{Scale: mustScaleDef(csat.FivePoint()), Format: format, MaxField: csat.DefaultMaxField}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	return fn
}

const header = "company,period,item,source,level,count"

// ans is an answer on no form.
func ans(company, period, item, source string, level int, count uint64) Answer {
	return Answer{Company: company, Period: period, Item: item, Source: source, Level: level, Count: count}
}

func TestParseCSV(t *testing.T) {
	// FivePoint levels: 0 很满意 very_satisfied, 1 满意, 2 基本满意, 3 不满意, 4 很不满意.
	tests := []struct {
		name, header, line string
		want               Answer
		err                error
		field              int
	}{
		{"plain", header, "acme,2025Q1,功能,survey,很满意,3", ans("acme", "2025Q1", "功能", "survey", 0, 3), nil, 0},
		{"key and spaces", header, " acme , 2025Q1 ,功能, self , satisfied , 12 ", ans("acme", "2025Q1", "功能", "self", 1, 12), nil, 0},
		{"english label", header, "acme,Q,功能,survey,basically satisfied,0", ans("acme", "Q", "功能", "survey", 2, 0), nil, 0},
		{"quoted", header, `"a,b","Q","功能 ""x""",survey,不满意,1`, ans("a,b", "Q", `功能 "x"`, "survey", 3, 1), nil, 0},
		{"no count column", "level,source,item,period,company", "很不满意,survey,功能,Q,acme", ans("acme", "Q", "功能", "survey", 4, 1), nil, 0},
		{"largest count", header, "a,Q,i,s,满意,18446744073709551615", ans("a", "Q", "i", "s", 1, 1<<64-1), nil, 0},
		{"unknown level", header, "a,Q,i,s,great,1", Answer{}, csat.ErrUnknownLevel, 5},
		{"empty company", header, " ,Q,i,s,满意,1", Answer{}, csat.ErrInvalid, 1},
		{"empty period", header, "a,,i,s,满意,1", Answer{}, csat.ErrInvalid, 2},
		{"empty source", header, "a,Q,i,,满意,1", Answer{}, csat.ErrInvalid, 4},
		{"item not UTF-8", header, "a,Q,\xff,s,满意,1", Answer{}, csat.ErrInvalid, 3},
		{"negative count", header, "a,Q,i,s,满意,-1", Answer{}, csat.ErrInvalid, 6},
		{"fraction count", header, "a,Q,i,s,满意,1.0", Answer{}, csat.ErrInvalid, 6},
		{"empty count", header, "a,Q,i,s,满意,", Answer{}, csat.ErrInvalid, 6},
		{"count 2^64", header, "a,Q,i,s,满意,18446744073709551616", Answer{}, csat.ErrOverflow, 6},
		{"too few fields", header, "a,Q,i,s,满意", Answer{}, csv.ErrFieldCount, 0},
		{"too many fields", header, "a,Q,i,s,满意,1,2", Answer{}, csv.ErrFieldCount, 0},
		{"quoted newline", header, `a,Q,"功能`, Answer{}, csv.ErrQuote, 0},
		{"bare quote", header, `a,Q,功"能,s,满意,1`, Answer{}, csv.ErrBareQuote, 0},
		{"field too long", header, "a,Q," + strings.Repeat("x", csat.DefaultMaxField+1) + ",s,满意,1", Answer{}, csat.ErrOutOfRange, 3},
		{"no header", "", "a,Q,i,s,满意,1", Answer{}, csat.ErrMissing, 0},
		{"bad header", "company,period,item,source,rating", "a,Q,i,s,满意", Answer{}, csat.ErrInvalid, 0},
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
			if errors.Is(tt.err, csv.ErrFieldCount) || errors.Is(tt.err, csv.ErrQuote) || errors.Is(tt.err, csv.ErrBareQuote) {
				if !errors.Is(err, csat.ErrSyntax) {
					t.Errorf("syntax error %v does not wrap csat.ErrSyntax", err)
				}
			}
			b := badRow("in.csv", 7, tt.line, err)
			if b.Field != tt.field || b.Line != 7 || b.File != "in.csv" {
				t.Errorf("bad row %+v, want field %d of in.csv line 7", b, tt.field)
			}
			if !strings.HasPrefix(b.Err, "csat: in.csv line 7") {
				t.Errorf("message %q does not name the file and line", b.Err)
			}
		})
	}
}

func TestParseCSVQuotedNewlineMessage(t *testing.T) {
	_, err := newParseFn(t, FormatCSV).parseCSV(header, `a,Q,"功能`)
	if err == nil || !strings.Contains(err.Error(), "quoted newlines are not allowed") {
		t.Errorf("error %v does not say why", err)
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		header string
		err    error
	}{
		{"company,period,item,source,level,count", nil},
		{" count , level,source,item,period,company", nil},
		{`"company",period,item,source,level`, nil},
		{"company,period,item,source", csat.ErrMissing},
		{"company,period,item,source,level,level", csat.ErrDuplicate},
		{"company,period,item,source,level,weight", csat.ErrInvalid},
		{`company,"period`, csat.ErrSyntax},
	}
	for _, tt := range tests {
		_, err := parseHeader(tt.header, csat.DefaultMaxField, nil)
		if (tt.err == nil) != (err == nil) || (tt.err != nil && !errors.Is(err, tt.err)) {
			t.Errorf("parseHeader(%q) = %v, want %v", tt.header, err, tt.err)
		}
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name, line string
		want       Answer
		err        error
	}{
		{"full", `{"company":"acme","period":"2025Q1","item":"功能","source":"survey","level":"很满意","count":3}`, ans("acme", "2025Q1", "功能", "survey", 0, 3), nil},
		{"no count, any order, spaces", ` { "level" : " satisfied ", "source":"self","item":"外观","period":"Q","company":"a" } `, ans("a", "Q", "外观", "self", 1, 1), nil},
		{"count 0", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","count":0}`, ans("a", "Q", "i", "s", 1, 0), nil},
		{"unknown level", `{"company":"a","period":"Q","item":"i","source":"s","level":"great"}`, Answer{}, csat.ErrUnknownLevel},
		{"missing item", `{"company":"a","period":"Q","source":"s","level":"满意"}`, Answer{}, csat.ErrMissing},
		{"empty item", `{"company":"a","period":"Q","item":"","source":"s","level":"满意"}`, Answer{}, csat.ErrInvalid},
		{"unknown key", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","weight":2}`, Answer{}, csat.ErrInvalid},
		{"repeated key", `{"company":"a","company":"b","period":"Q","item":"i","source":"s","level":"满意"}`, Answer{}, csat.ErrDuplicate},
		{"count as string", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","count":"3"}`, Answer{}, csat.ErrInvalid},
		{"negative count", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","count":-3}`, Answer{}, csat.ErrInvalid},
		{"fraction count", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","count":1.5}`, Answer{}, csat.ErrInvalid},
		{"exponent count", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","count":1e3}`, Answer{}, csat.ErrInvalid},
		{"count 2^64", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意","count":18446744073709551616}`, Answer{}, csat.ErrOverflow},
		{"number for a name", `{"company":1,"period":"Q","item":"i","source":"s","level":"满意"}`, Answer{}, csat.ErrInvalid},
		{"null", `{"company":null,"period":"Q","item":"i","source":"s","level":"满意"}`, Answer{}, csat.ErrInvalid},
		{"nested", `{"company":{"a":1},"period":"Q","item":"i","source":"s","level":"满意"}`, Answer{}, csat.ErrInvalid},
		{"not an object", `["a"]`, Answer{}, csat.ErrSyntax},
		{"cut", `{"company":"a",`, Answer{}, csat.ErrSyntax},
		{"trailing data", `{"company":"a","period":"Q","item":"i","source":"s","level":"满意"} {}`, Answer{}, csat.ErrSyntax},
		{"blank", `   `, Answer{}, csat.ErrSyntax},
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

// ProcessElement sends a line to the answers or to the dead letter, never
// both, never neither, by the format the file's name gives.
func TestParseProcessElement(t *testing.T) {
	fn := newParseFn(t, FormatAuto)
	lines := []Line{
		{File: "a.csv", Number: 2, Text: "a,Q,i,s,满意,1", Header: header},
		{File: "a.csv", Number: 3, Text: "a,Q,i,s,great,1", Header: header},
		{File: "b.jsonl.gz", Number: 1, Text: `{"company":"a","period":"Q","item":"i","source":"s","level":"满意"}`},
		{File: "b.ndjson", Number: 9, Text: `a,Q,i,s,满意,1`},
	}
	var answers []Answer
	var bad []BadRow
	for _, l := range lines {
		fn.ProcessElement(context.Background(), l, func(a Answer) { answers = append(answers, a) }, func(b BadRow) { bad = append(bad, b) })
	}
	want := []Answer{ans("a", "Q", "i", "s", 1, 1), ans("a", "Q", "i", "s", 1, 1)}
	if diff := cmp.Diff(want, answers); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if len(bad) != 2 || bad[0].File != "a.csv" || bad[0].Line != 3 || bad[0].Field != 5 || bad[1].File != "b.ndjson" || bad[1].Line != 9 {
		t.Errorf("bad rows %+v, want a.csv line 3 field 5 and b.ndjson line 9", bad)
	}
	if bad[0].Text != "a,Q,i,s,great,1" {
		t.Errorf("bad row text %q, want the line", bad[0].Text)
	}
}

func TestFormatText(t *testing.T) {
	for _, f := range []Format{FormatAuto, FormatCSV, FormatJSON} {
		b, err := f.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var g Format
		if err := g.UnmarshalText(b); err != nil || g != f || string(b) != f.String() {
			t.Errorf("%v: text %q reads back as %v, %v", f, b, g, err)
		}
	}
	if _, err := Format(7).MarshalText(); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("Format(7).MarshalText error %v, want ErrInvalid", err)
	}
	var g Format
	if err := g.UnmarshalText([]byte("xml")); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("UnmarshalText(xml) error %v, want ErrInvalid", err)
	}
	if Format(7).String() != "Format(7)" {
		t.Errorf("Format(7).String() = %q", Format(7).String())
	}
}

// fuzzFormHeader is a header with the form's columns.
const fuzzFormHeader = "company,period,form,item,source,level,地区,客户"

// FuzzParseLine: any line parses to an answer whose names are non-empty
// UTF-8 and whose level is on the scale, or to an error wrapping one of
// the library's sentinels; never a panic.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		"acme,2025Q1,功能,survey,很满意,3",
		`"a,b",Q,"i""j",s,satisfied,0`,
		"a,Q,i,s,great,18446744073709551616",
		`a,Q,"功能`,
		`{"company":"acme","period":"Q","item":"功能","source":"survey","level":"满意","count":2}`,
		`{"company":"a","company":"b"}`,
		"\xff,\xfe",
		"acme,Q1,F1,功能,survey,,华东,",
		"acme,Q1,,功能,survey,满意,,大",
		`{"company":"a","period":"Q","item":"i","source":"s","level":"","表单编号":"F1","地区":"华东","count":1}`,
	} {
		f.Add(s)
	}
	fnCSV, fnJSON := &parseFn{Scale: mustScaleDef(csat.FivePoint()), MaxField: 64}, &parseFn{Scale: mustScaleDef(csat.FivePoint()), MaxField: 64}
	if err := fnCSV.Setup(); err != nil {
		f.Fatal(err)
	}
	if err := fnJSON.Setup(); err != nil {
		f.Fatal(err)
	}
	sentinels := []error{csat.ErrSyntax, csat.ErrInvalid, csat.ErrMissing, csat.ErrDuplicate, csat.ErrUnknownLevel, csat.ErrOverflow, csat.ErrOutOfRange}
	f.Fuzz(func(t *testing.T, line string) {
		for _, parse := range []func(string) (Answer, error){
			func(l string) (Answer, error) { return fnCSV.parseCSV(header, l) },
			func(l string) (Answer, error) { return fnCSV.parseCSV(fuzzFormHeader, l) },
			fnJSON.parseJSON,
		} {
			a, err := parse(line)
			if err != nil {
				if !slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) }) {
					t.Errorf("error %v wraps none of the library's sentinels", err)
				}
				continue
			}
			checkFuzzAnswer(t, a)
		}
	})
}

// A bad header is the reason of every line under it, told without a
// second "csat: " and without the header's line (the line's error has
// its own).
func TestBadHeaderReason(t *testing.T) {
	fn := newParseFn(t, FormatCSV)
	_, err := fn.parseCSV("company,period,item,source,level,bogus", "a,Q,i,s,满意,1")
	if !errors.Is(err, csat.ErrInvalid) {
		t.Fatalf("error %v, want ErrInvalid", err)
	}
	const want = `the file's header is bad (field 6: unknown column "bogus" (want company, period, item, source, level, count, form, respondent, customer, overall, importance or a segment column such as 地区 (others: Options.Segments)): invalid argument): invalid argument`
	if got := err.Error(); got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
}

// checkFuzzAnswer checks what FuzzParseLine asserts of a parsed answer.
func checkFuzzAnswer(t *testing.T, a Answer) {
	t.Helper()
	for _, s := range []string{a.Company, a.Period, a.Item, a.Source} {
		if s == "" || !utf8.ValidString(s) || s != strings.TrimSpace(s) {
			t.Errorf("answer %+v has a name that is empty, not UTF-8 or untrimmed", a)
		}
	}
	if (a.Level < 0 || a.Level >= csat.FivePoint().Len()) && (a.Level != Blank || a.Form == "") {
		t.Errorf("answer %+v has no level of the scale (a blank only on a form)", a)
	}
	if a.Form != "" && a.Count != 1 {
		t.Errorf("answer %+v on a form with a count other than 1", a)
	}
	if a.Form == "" && (a.Respondent != "" || a.Customer != "" || len(a.Attrs) > 0) {
		t.Errorf("answer %+v on no form with a form's fields", a)
	}
	for dim, v := range a.Attrs {
		if dim == "" || v == "" || !validName(dim) || !validName(v) || v != strings.TrimSpace(v) {
			t.Errorf("answer %+v has a segment value that is empty, invalid or untrimmed", a)
		}
	}
}

// Headers, sources and text as the csat command's reader (io/sheet)
// takes them: its Chinese column names, "Form ID" for form_id, the
// Chinese and any-case names of the three sources, and every field in
// Unicode NFC (an item typed with a combining accent is the item typed
// with the accented letter).
func TestParseAsTheCommandReads(t *testing.T) {
	fn := &parseFn{Scale: mustScaleDef(csat.FivePoint()), MaxField: csat.DefaultMaxField}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		header, text string
		want         Answer
	}{
		{"company,期间,项目,来源,等级,数量", "acme,Q1,功能,检查,很满意,3", Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: 0, Count: 3}},
		{"company,period,item,source,评价", "acme,Q1,功能,自评,满意", Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "self", Level: 1, Count: 1}},
		{"company,period,item,source,level", "acme,Q1,功能,竞争对手,满意", Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "competitor", Level: 1, Count: 1}},
		{"company,period,item,Source,Level", "acme,Q1,功能,SURVEY,满意", Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "survey", Level: 1, Count: 1}},
		{"company,period,Form ID,item,source,level", "acme,Q1,F1,功能,Survey,满意", Answer{Company: "acme", Period: "Q1", Form: "F1", Item: "功能", Source: "survey", Level: 1, Count: 1}},
		{"company,period,item,source,level", "acme,Q1,Cafe\u0301,survey,满意", Answer{Company: "acme", Period: "Q1", Item: "Caf\u00e9", Source: "survey", Level: 1, Count: 1}},
		{"company,period,item,source,level", "acme,Q1,功能,channel-7,满意", Answer{Company: "acme", Period: "Q1", Item: "功能", Source: "channel-7", Level: 1, Count: 1}},
	}
	for _, tt := range tests {
		got, err := fn.parse(FormatCSV, tt.header, tt.text)
		if err != nil {
			t.Errorf("%s / %s: %v", tt.header, tt.text, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s / %s (-want +got):\n%s", tt.header, tt.text, diff)
		}
	}
}

// A survey tool's meta columns that the csat command skips by name
// (提交时间, 序号, IP, notes) and the columns of Options.Skip are not
// read, in CSV and in JSON lines; a column named in Segments and Skip
// is skipped; any other unknown column is still a bad header.
func TestSkippedColumns(t *testing.T) {
	fn := &parseFn{Scale: mustScaleDef(csat.FivePoint()), MaxField: csat.DefaultMaxField, Segments: []string{"渠道", "来源渠道"}, Skip: []string{"来源渠道", "Tool Score"}}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	want := Answer{Company: "acme", Period: "Q1", Form: "F1", Item: "功能", Source: "survey", Level: 1, Count: 1, Attrs: map[string]string{"渠道": "经销"}}
	for _, c := range []struct {
		format       Format
		header, text string
	}{
		{FormatCSV, "序号,company,period,表单编号,item,source,level,渠道,来源渠道,提交时间,IP,备注,tool_score", "7,acme,Q1,F1,功能,survey,满意,经销,微信,2026-01-02 10:00,10.0.0.1,ok,93"},
		{FormatJSON, "", `{"company":"acme","period":"Q1","form":"F1","item":"功能","source":"survey","level":"满意","渠道":"经销","来源渠道":"微信","提交时间":"2026-01-02","tool score":"93"}`},
	} {
		got, err := fn.parse(c.format, c.header, c.text)
		if err != nil {
			t.Errorf("%s: %v", c.format, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.format, diff)
		}
	}
	if _, err := fn.parse(FormatCSV, "company,period,item,source,level,channel_x", "acme,Q1,功能,survey,满意,a"); !errors.Is(err, csat.ErrInvalid) || !strings.Contains(err.Error(), `unknown column "channel_x"`) {
		t.Errorf("an unknown column: %v, want a bad header naming it", err)
	}
}
