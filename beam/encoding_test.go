package csatbeam

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbk returns the GBK bytes of UTF-8 text s.
func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The encoder gives the GBK bytes known by hand: 很满意 is BA DC C2 FA D2 E2.
func TestGBKBytes(t *testing.T) {
	if got := gbk(t, "很满意"); got != "\xba\xdc\xc2\xfa\xd2\xe2" {
		t.Fatalf("GBK of 很满意 is % x, want ba dc c2 fa d2 e2", got)
	}
}

func TestEncodingText(t *testing.T) {
	for text, want := range map[string]Encoding{"auto": EncodingAuto, "utf-8": EncodingUTF8, "UTF8": EncodingUTF8, "gbk": EncodingGBK, "GB18030": EncodingGBK, "cp936": EncodingGBK} {
		var e Encoding
		if err := e.UnmarshalText([]byte(text)); err != nil || e != want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, e, err, want)
		}
	}
	for e, want := range map[Encoding]string{EncodingAuto: "auto", EncodingUTF8: "utf-8", EncodingGBK: "gbk"} {
		b, err := e.MarshalText()
		if err != nil || string(b) != want || e.String() != want {
			t.Errorf("%d: MarshalText %q, %v; String %q; want %q", int(e), b, err, e.String(), want)
		}
	}
	var e Encoding
	if err := e.UnmarshalText([]byte("latin-1")); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("UnmarshalText(latin-1): %v, want csat.ErrInvalid", err)
	}
	if _, err := Encoding(7).MarshalText(); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("MarshalText(7): %v, want csat.ErrInvalid", err)
	}
}

// fileEncoding guesses from the first 64 KiB as the command does: valid
// UTF-8 with a three-byte character is UTF-8, anything not UTF-8 GBK,
// UTF-8 with two-byte characters only refused; a character cut by the
// 64 KiB boundary is not held against the file; a BOM says UTF-8; an
// encoding given is taken; JSON is UTF-8; UTF-16 is refused.
func TestFileEncoding(t *testing.T) {
	pad := strings.Repeat("a", sniffSize-1)
	tests := []struct {
		name    string
		head    string
		given   Encoding
		csv     bool
		want    Encoding
		refused bool
	}{
		{"ascii", "a,b\n", EncodingAuto, true, EncodingUTF8, false},
		{"chinese utf-8", "a,满意,é\n", EncodingAuto, true, EncodingUTF8, false},
		{"gbk", "a," + gbk(t, "满意") + "\n", EncodingAuto, true, EncodingGBK, false},
		{"two-byte only", "a,é\n", EncodingAuto, true, 0, true},
		{"two-byte only, utf-8 given", "a,é\n", EncodingUTF8, true, EncodingUTF8, false},
		{"two-byte only, gbk given", "a,é\n", EncodingGBK, true, EncodingGBK, false},
		{"two-byte only after a BOM", "\ufeffa,é\n", EncodingAuto, true, EncodingUTF8, false},
		{"é cut at 64 KiB", pad + "é", EncodingAuto, true, EncodingUTF8, false},
		{"é before 64 KiB", pad[1:] + "é", EncodingAuto, true, 0, true},
		{"gbk in json", "{\"a\":\"" + gbk(t, "满意") + "\"}\n", EncodingAuto, false, EncodingUTF8, false},
		{"gbk given for json", "{}\n", EncodingGBK, false, EncodingUTF8, false},
		{"utf-16", "\xff\xfea\x00", EncodingAuto, true, 0, true},
		{"utf-16 json", "\xfe\xff\x00a", EncodingAuto, false, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.head+"\nmore"), sniffSize)
			got, refused, err := fileEncoding(br, tt.given, tt.csv)
			if err != nil {
				t.Fatal(err)
			}
			if (refused != nil) != tt.refused || refused == nil && got != tt.want {
				t.Errorf("encoding %v, refused %+v; want %v, refused %v", got, refused, tt.want, tt.refused)
			}
		})
	}
}

// The decoder decodes GBK and GB18030's four-byte sequences, keeps an
// ASCII line as it is and turns a byte that is not GBK into U+FFFD.
func TestGBKDecoder(t *testing.T) {
	d := newGBKDecoder()
	for _, tt := range []struct {
		in, want string
		decoded  bool
	}{
		{"acme,1", "acme,1", false},
		{"a," + gbk(t, "很满意") + ",1", "a,很满意,1", true},
		{"\x81\x30\x81\x30", "\u0080", true}, // GB18030's first four-byte code
		{"a,\xff,1", "a,\ufffd,1", true},
		{"", "", false},
	} {
		got, decoded := d.decode([]byte(tt.in))
		if string(got) != tt.want || decoded != tt.decoded {
			t.Errorf("decode(% x) = %q, %v; want %q, %v", tt.in, got, decoded, tt.want, tt.decoded)
		}
	}
}

func TestBlankRow(t *testing.T) {
	for line, want := range map[string]bool{
		",,,,":             true,
		" , ,\t,":          true,
		`"","", ,`:         true,
		"\u3000,,":         true, // a full-width space
		",,,a":             false,
		`" , ",,`:          false, // one field holding a comma
		`",,`:              false, // a quote left open is a syntax error: a bad row
		"acme,Q,i,s,满意":    false,
		" acme,Q,i,s,满意,1": false,
	} {
		if got := blankRow([]byte(line)); got != want {
			t.Errorf("blankRow(%q) = %v, want %v", line, got, want)
		}
	}
}

// readLinesFn with each encoding: GBK 茅台 (C3 A9 CC A8) is UTF-8 é and
// U+0328 too, so EncodingAuto refuses the file with one bad row at the
// line of its first such character, counting its lines, and reads it
// with the encoding given. A row of empty fields is skipped.
func TestReadLinesEncodings(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.csv")
	writeFile(t, name, "company,period,item,source,level\n,,,,\n\n"+gbk(t, "茅台")+",Q,i,s,satisfied\nb,Q,i,s,satisfied\n")
	h := "company,period,item,source,level"
	for _, tt := range []struct {
		enc  Encoding
		want []Line
	}{
		{EncodingUTF8, []Line{{File: name, Number: 4, Text: "\u00e9\u0328,Q,i,s,satisfied", Header: h}, {File: name, Number: 5, Text: "b,Q,i,s,satisfied", Header: h}}},
		{EncodingGBK, []Line{{File: name, Number: 4, Text: "茅台,Q,i,s,satisfied", Header: h, Raw: []byte("\xc3\xa9\xcc\xa8,Q,i,s,satisfied")}, {File: name, Number: 5, Text: "b,Q,i,s,satisfied", Header: h}}},
	} {
		lines, bad := readFile(t, name, &readLinesFn{Encoding: tt.enc, MaxLine: 100, MaxField: 50})
		if diff := cmp.Diff(tt.want, lines); diff != "" || len(bad) != 0 {
			t.Errorf("%v: lines (-want +got):\n%s\nbad %+v", tt.enc, diff, bad)
		}
	}
	lines, bad := readFile(t, name, &readLinesFn{MaxLine: 100, MaxField: 50})
	if len(lines) != 0 || len(bad) != 1 {
		t.Fatalf("auto: lines %+v, bad %+v; want no line and one bad row", lines, bad)
	}
	b := bad[0]
	// Non-empty lines: the header, ",,,,", 茅台's and b's: 4.
	if b.Line != 4 || b.Text != "\u00e9\u0328,Q,i,s,satisfied" || b.Raw != nil || !strings.Contains(b.Err, "Options.Encoding") ||
		!strings.Contains(b.Err, "4 non-empty lines") || !strings.HasSuffix(b.Err, csat.ErrInvalid.Error()) {
		t.Errorf("auto: bad row %+v; want line 4 with its text, no raw, asking for Options.Encoding and counting 4 lines", b)
	}

	name = filepath.Join(dir, "u.csv")
	writeFile(t, name, "\xff\xfec\x00,\x00\n\x00")
	lines, bad = readFile(t, name, &readLinesFn{MaxLine: 100, MaxField: 50})
	if len(lines) != 0 || len(bad) != 1 || bad[0].Line != 1 || !strings.Contains(bad[0].Err, "UTF-16") {
		t.Errorf("UTF-16: lines %+v, bad %+v; want one bad row at line 1 saying UTF-16", lines, bad)
	}

	// JSON lines are UTF-8 whatever the encoding says.
	name = filepath.Join(dir, "j.jsonl")
	writeFile(t, name, `{"item":"满意"}`+"\n")
	lines, bad = readFile(t, name, &readLinesFn{Encoding: EncodingGBK, MaxLine: 100, MaxField: 50})
	if diff := cmp.Diff([]Line{{File: name, Number: 1, Text: `{"item":"满意"}`}}, lines); diff != "" || len(bad) != 0 {
		t.Errorf("JSON lines read as GBK (-want +got):\n%s\nbad %+v", diff, bad)
	}
}

// A bad row's JSON keeps the line's bytes in raw, base64, when they are
// not its text, and has no raw when they are.
func TestBadRowJSONRaw(t *testing.T) {
	raw := "a,Q,i,s,\xba\xdc\xc2\xfa\xd2\xe2,\xff"
	b := badRow("a.csv", 3, raw, reasonf(csat.ErrInvalid, "bad"))
	if b.Text != "a,Q,i,s,\ufffd,\ufffd" {
		t.Errorf("text %q, want each run of invalid bytes as U+FFFD", b.Text)
	}
	js, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Text string `json:"text"`
		Raw  string `json:"raw"`
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	dec, err := base64.StdEncoding.DecodeString(got.Raw)
	if err != nil || string(dec) != raw || got.Text != b.Text {
		t.Errorf("JSON %s: raw decodes to % x (%v), want % x", js, dec, err, raw)
	}
	js, _ = json.Marshal(badRow("a.csv", 3, "a,满意", reasonf(csat.ErrInvalid, "bad")))
	if bytes.Contains(js, []byte(`"raw"`)) {
		t.Errorf("JSON of a UTF-8 bad row %s has raw", js)
	}
}

func init() { register.Function1x1(fullBadRow) }

// fullBadRow flattens a bad row for passert: file name, line, kind of
// error, text and raw bytes (base64).
func fullBadRow(b BadRow) string {
	return filepath.Base(b.File) + ":" + strconv.FormatInt(b.Line, 10) + ":" + errorKind(b.Err) + ":" + b.Text + ":" + base64.StdEncoding.EncodeToString(b.Raw)
}

// TestEncodingsPipeline reads, through Read and through ReadTables on
// Prism, the same rows written as GBK (acme), UTF-8 (globex) and UTF-8
// with a BOM (initech): the three tables are the same, counted by hand.
// Beside them: a UTF-8 file whose first 64 KiB are 2000 UTF-8 rows and
// whose line 2002 is GBK (umbrella), a JSON-lines file with a GBK line,
// and a file whose encoding cannot be told. The dead letter keeps each
// bad line's bytes, and the counters are counted by hand.
func TestEncodingsPipeline(t *testing.T) {
	dir := t.TempDir()
	const header = "company,period,item,source,level,count\n"
	good := func(company string) string {
		return company + ",2025H1,品质,survey,很满意,2\n" + company + ",2025H1,品质,survey,满意,1\n" + company + ",2025H1,交付,survey,很满意,1\n"
	}
	unknown := "acme,2025H1,交付,survey,非常好,1"
	notGBK := gbk(t, "acme,2025H1,品质,survey,") + "\xff,1"
	writeFile(t, filepath.Join(dir, "gbk.csv"), gbk(t, header+good("acme")+unknown+"\n")+notGBK+"\n")
	writeFile(t, filepath.Join(dir, "utf8.csv"), header+good("globex")+",,,,,\n")
	writeFile(t, filepath.Join(dir, "bom.csv"), "\ufeff"+header+good("initech"))
	writeFile(t, filepath.Join(dir, "ambiguous.csv"), header+"Café,2025H1,x,survey,satisfied,1\n")
	late := "umbrella,2025H1,品质,survey," + gbk(t, "很满意")
	writeFile(t, filepath.Join(dir, "late.csv"), "company,period,item,source,level\n"+strings.Repeat("umbrella,2025H1,品质,survey,满意\n", 2000)+late+"\n")
	badJSON := `{"company":"json","period":"2025H1","item":"品质","source":"survey","level":"` + gbk(t, "满意") + `"}`
	writeFile(t, filepath.Join(dir, "j.jsonl"), `{"company":"json","period":"2025H1","item":"品质","source":"survey","level":"满意"}`+"\n"+badJSON+"\n")

	fp := csat.FivePoint()
	// By hand: 品质 2 very satisfied and 1 satisfied, 交付 1 very satisfied.
	same, _, err := singleReport(t, fp, "2025H1", "item,source,level,count\n品质,survey,很满意,2\n品质,survey,满意,1\n交付,survey,很满意,1\n")
	if err != nil {
		t.Fatal(err)
	}
	umbrella, _, err := singleReport(t, fp, "2025H1", "item,source,level,count\n品质,survey,满意,2000\n")
	if err != nil {
		t.Fatal(err)
	}
	json1, _, err := singleReport(t, fp, "2025H1", "item,source,level,count\n品质,survey,满意,1\n")
	if err != nil {
		t.Fatal(err)
	}
	wantTables := []any{
		"acme|2025H1|" + tableHex(t, same), "globex|2025H1|" + tableHex(t, same), "initech|2025H1|" + tableHex(t, same),
		"umbrella|2025H1|" + tableHex(t, umbrella), "json|2025H1|" + tableHex(t, json1),
	}
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	wantBad := []any{
		"gbk.csv:5:unknown level:" + unknown + ":" + b64(gbk(t, unknown)),
		"gbk.csv:6:invalid argument:acme,2025H1,品质,survey,\ufffd,1:" + b64(notGBK),
		"ambiguous.csv:2:invalid argument:Café,2025H1,x,survey,satisfied,1:",
		"late.csv:2002:invalid argument:umbrella,2025H1,品质,survey,\ufffd:" + b64(late),
		"j.jsonl:2:invalid argument:" + `{"company":"json","period":"2025H1","item":"品质","source":"survey","level":"` + "\ufffd" + `"}:` + b64(badJSON),
	}
	// Lines: gbk 5, utf8 3 (",,,,," skipped), bom 3, ambiguous none (one
	// bad row), late 2001, j 2: 2014. Answers: 3 + 3 + 3 + 2000 + 1 = 2010.
	wantCounters := map[string]int64{"files": 6, "lines": 2014, "answers": 2010, "bad_rows": 5}
	glob := filepath.Join(dir, "*")
	for _, c := range []struct {
		name  string
		build func(s beam.Scope) (tables, bad beam.PCollection)
	}{
		{"Read", func(s beam.Scope) (beam.PCollection, beam.PCollection) {
			answers, bad := Read(s, fp, glob, nil)
			tables, failed := CombineTables(s, fp, KeyByCompanyPeriod(s, answers))
			passert.Empty(s, failed)
			return tables, bad
		}},
		{"ReadTables", func(s beam.Scope) (beam.PCollection, beam.PCollection) {
			tables, bad, failed := ReadTables(s, fp, glob, nil)
			passert.Empty(s, failed)
			return tables, bad
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			tables, bad := c.build(s)
			passert.Equals(s, beam.ParDo(s, tableString, tables), wantTables...)
			passert.Equals(s, beam.ParDo(s, fullBadRow, bad), wantBad...)
			res, err := ptest.RunWithMetrics(p)
			if err != nil {
				t.Fatal(cut(err))
			}
			if d := cmp.Diff(wantCounters, counters(res)); d != "" {
				t.Errorf("counters (-want +got):\n%s", d)
			}
		})
	}
}
