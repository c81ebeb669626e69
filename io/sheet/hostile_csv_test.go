package sheet

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// readAny reads in as the file of kind (answers, customers, complaints,
// values, purchases) and returns the error and the answers' periods.
func readAny(kind, name string, in io.Reader) ([]csat.Period, error) {
	var err error
	var ps []csat.Period
	switch kind {
	case "answers":
		ps, _, err = ReadAnswersFrom(in, name, nil)
	case "customers":
		_, _, err = ReadCustomersFrom(in, name, nil)
	case "complaints":
		_, _, err = ReadComplaintsFrom(in, name, nil)
	case "values":
		_, _, err = ReadValuesFrom(in, name, nil)
	case "purchases":
		_, _, err = ReadPurchasesFrom(in, name, nil)
	case "survey":
		_, _, err = ReadSurveyFrom(in, name, nil)
	case "attributes":
		_, _, err = ReadAttributesFrom(in, name, nil)
	}
	return ps, err
}

// endless yields head, then body over and over: a file of any size made
// as it is read.
type endless struct {
	head, body string
	off        int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		s := e.body
		if e.off < len(e.head) {
			s = e.head[e.off:]
		} else {
			s = s[(e.off-len(e.head))%len(s):]
		}
		k := copy(p[n:], s)
		n += k
		e.off += k
	}
	return n, nil
}

// failing yields r, then err instead of io.EOF.
type failing struct {
	r   io.Reader
	err error
}

func (f *failing) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, f.err
	}
	return n, err
}

var errDiskGone = errors.New("disk gone")

// TestHostileCSV is the catalogue's table for the CSV readers (issue 18:
// the point each row covers starts its name). Every row is an error that
// errors.Is matches and whose message names the file and the line (and
// the field where there is one).
func TestHostileCSV(t *testing.T) {
	const answers = "period,item,source,level,count\n"
	wide := "期间,表单,功能,外观\n"
	var nilFile *strings.Reader
	for _, tc := range []hostileCSV{
		{"p3/score-of-a-thousand-digits", "customers", "c.csv", strings.NewReader("customer,item,score\nC1,品质," + strings.Repeat("9", 1000) + "\n"),
			csat.ErrOutOfRange, []string{"c.csv line 2", "too long"}},
		{"p3/score-1e999999999", "customers", "c.csv", strings.NewReader("customer,item,score\nC1,品质,1e999999999\n"),
			csat.ErrInvalid, []string{"c.csv line 2, field 3", `score "1e999999999" is not a number`}},
		{"p4/complaint-received-in-year-0026", "complaints", "k.csv", strings.NewReader("id,customer,received,outcome\nK1,C1,0026-03-01,未处理\n"),
			csat.ErrOutOfRange, []string{"k.csv line 2, field 3", "received 0026-03-01"}},
		{"p4/complaint-resolved-in-9999", "complaints", "k.csv", strings.NewReader("id,customer,received,resolved,outcome\nK1,C1,2026-03-01,9999-01-01,满意\n"),
			csat.ErrOutOfRange, []string{"k.csv line 2, field 4", "resolved 9999-01-01"}},
		{"p1/export-meta-column-holds-no-levels", "survey", "w.csv", strings.NewReader("表单编号,填写时间,品质\nF1,2026-03-01 10:00,满意\n"),
			csat.ErrUnknownLevel, []string{"w.csv line 2, field 2", `column "填写时间" (field 2) holds no levels of scale "five-point"`, "skip it (Options.Skip; csat --skip) or make it a segment (Options.Segments; csat --segments)"}},
		{"p1/export-form-id-read-as-an-item", "survey", "w.csv", strings.NewReader("表单号,品质\nF1,满意\n"),
			csat.ErrUnknownLevel, []string{"w.csv line 2, field 1", `column "表单号" (field 1) holds no levels`}},
		{"p1/long-form-comes-back-after-another", "survey", "l.csv", strings.NewReader("表单,项目,等级\nF1,品质,满意\nF2,品质,满意\nF1,交货,满意\n"),
			csat.ErrDuplicate, []string{"l.csv line 4, field 1", `form "F1" of period "current" starts on line 2 and comes back after another form`}},
		{"p1/long-form-row-counts-two", "survey", "l.csv", strings.NewReader("表单,项目,等级,数量\nF1,品质,满意,2\n"),
			csat.ErrInvalid, []string{"l.csv line 2, field 4", `count "2" on a form's row`}},
		{"p1/long-item-twice-on-a-form", "survey", "l.csv", strings.NewReader("表单,项目,等级\nF1,品质,满意\nF1,品质,不满意\n"),
			csat.ErrDuplicate, []string{"l.csv line 3, field 2", `item "品质" given twice on form "F1" (first on line 2)`}},
		{"p1/long-segment-disagrees-in-a-form", "survey", "l.csv", strings.NewReader("表单,规模,项目,等级\nF1,大,品质,满意\nF1,小,交货,满意\n"),
			csat.ErrInvalid, []string{"l.csv line 3, field 2", `"规模" is "小" here but "大" on line 2`}},
		{"p1/long-segment-on-a-row-without-form", "survey", "l.csv", strings.NewReader("表单,地区,项目,等级,数量\n,华东,品质,满意,5\n"),
			csat.ErrMissing, []string{"l.csv line 2, field 2", "on a row without a form id"}},
		{"p1/overall-question-not-a-level", "survey", "w.csv", strings.NewReader("表单,品质,总体满意度\nF1,满意,8\n"),
			csat.ErrUnknownLevel, []string{"w.csv line 2, field 3", `overall question "总体满意度"`}},
		{"p1/importance-of-an-item-not-on-the-form", "survey", "w.csv", strings.NewReader("表单,品质,重要度:价格\nF1,满意,重要\n"),
			csat.ErrUnknownItem, []string{"w.csv line 1, field 3", `no item column "价格"`}},
		{"p1/attributes-customer-twice", "attributes", "a.csv", strings.NewReader("客户,地区\nC1,华东\nC1,华南\n"),
			csat.ErrDuplicate, []string{"a.csv line 3, field 1", `customer "C1" given twice (first on line 2)`}},
		{"p8/form-id-given-twice", "answers", "w.csv", strings.NewReader(wide + "2026H1,F1,满意,满意\n2026H1,F2,满意,满意\n2026H1,F1,不满意,满意\n"),
			csat.ErrDuplicate, []string{"w.csv line 4, field 2", `form "F1" of period "2026H1" given twice (first on line 2)`}},
		{"p8/#N/A-as-item", "answers", "a.csv", strings.NewReader(answers + "2026H1,#N/A,survey,satisfied,1\n"),
			csat.ErrInvalid, []string{"a.csv line 2, field 2", "error value #N/A"}},
		{"p8/#REF!-as-customer-id", "customers", "c.csv", strings.NewReader("customer,item,score\n#REF!,品质,90\n"),
			csat.ErrInvalid, []string{"c.csv line 2, field 1", "error value #REF!"}},
		{"p8/#VALUE!-as-level-in-wide", "answers", "w.csv", strings.NewReader(wide + "2026H1,F1,#VALUE!,满意\n"),
			csat.ErrInvalid, []string{"w.csv line 2, field 3", "error value #VALUE!"}},
		{"p9/quoted-field-over-short-lines", "answers", "q.csv", &endless{head: answers + "2026H1,\"", body: "x\n"},
			csat.ErrOutOfRange, []string{"q.csv line", "a record longer than 1048576 bytes"}},
		{"p9/one-long-line", "answers", "q.csv", &endless{head: answers + "2026H1,", body: "x"},
			csat.ErrOutOfRange, []string{"q.csv line 2", "a record longer than 1048576 bytes"}},
		{"p10/periods-that-are-not-periods", "answers", "a.csv", strings.NewReader(answers + "spring,A,survey,satisfied,1\nautumn,A,survey,satisfied,1\n"),
			csat.ErrInvalid, []string{"a.csv line 3: cannot order the periods", `"autumn" is not a period's name`}},
		{"p10/overlapping-periods", "answers", "a.csv", strings.NewReader(answers + "2026,A,survey,satisfied,1\n2026H1,A,survey,satisfied,1\n"),
			csat.ErrInvalid, []string{`a.csv line 2: the periods "2026H1" and "2026" overlap`}},
		{"p10/one-period-written-twice", "answers", "a.csv", strings.NewReader(answers + "2026H1,A,survey,satisfied,1\n2026-H1,A,survey,satisfied,1\n"),
			csat.ErrInvalid, []string{`a.csv line 2: the periods "2026-H1" and "2026H1" overlap`}},
		{"p10/purchase-periods-unordered", "purchases", "p.csv", strings.NewReader("customer,period,margin\nC1,Q-one,10\nC1,Q-two,12\n"),
			csat.ErrInvalid, []string{"p.csv line 2: cannot order the periods", `"Q-one" is not`}},
		{"lower/typed-nil-reader", "answers", "a.csv", nilFile, csat.ErrInvalid, []string{"a.csv", "nil reader"}},
		{"lower/escape-sequence-in-item", "answers", "a.csv", strings.NewReader(answers + "2026H1,\"A\x1b[2J\",survey,satisfied,1\n"),
			csat.ErrInvalid, []string{"a.csv line 2, field 2", `"A\x1b[2J"`, "control character U+001B"}},
		{"lower/escape-sequence-in-header", "answers", "a.csv", strings.NewReader("period,item\x07,source,level,count\n"),
			csat.ErrInvalid, []string{"a.csv line 1, field 2", "control character U+0007"}},
		{"lower/gbk-茅-that-reads-as-utf8-é", "answers", "g.csv", strings.NewReader("item,source,level,count\n\xc3\xa9,survey,satisfied,1\n"),
			csat.ErrInvalid, []string{"g.csv line 1", "reads as UTF-8 ('é') and as GBK", "encoding"}},
		{"lower/read-error-mid-row", "answers", "a.csv", &failing{strings.NewReader(answers + strings.Repeat("2026H1,A,survey,satisfied,1\n", 5000) + "2026H1,B,sur"), errDiskGone},
			errDiskGone, []string{"a.csv line 5002", "reading stopped"}},
		{"lower/read-error-in-the-first-64k", "answers", "a.csv", &failing{strings.NewReader(answers + "2026H1,A,survey,satisfied,1\n2026H1,B"), errDiskGone},
			errDiskGone, []string{"a.csv line 3", "reading stopped"}},
		{"lower/open-complaint-without-received-time", "complaints", "k.csv", strings.NewReader("id,customer,received,outcome\nK1,C1,2026-03-01,未处理\nK2,C1,,未处理\n"),
			csat.ErrMissing, []string{"k.csv line 3, field 3", `complaint "K2": no received time`}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t) })
	}
}

// hostileCSV is a row of the catalogue's table for the CSV readers.
type hostileCSV struct {
	name, kind, file string
	in               io.Reader
	want             error
	says             []string
}

func (tc hostileCSV) run(t *testing.T) {
	_, err := readAny(tc.kind, tc.file, tc.in)
	if !errors.Is(err, tc.want) {
		t.Fatalf("err = %v, want %v", err, tc.want)
	}
	for _, s := range tc.says {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not say %q", err, s)
		}
	}
}

// TestHostileCSVItems: an item the scorer does not know is named with its
// file and line when the reader is given the scorer's items (issue 18,
// lower: found later, it named neither).
func TestHostileCSVItems(t *testing.T) {
	in := "period,item,source,level,count\n2026H1,功能,survey,satisfied,1\n2026H1,颜色,survey,satisfied,1\n"
	_, _, err := ReadAnswersFrom(strings.NewReader(in), "a.csv", &Options{Items: map[string]string{"功能": "功能"}})
	if !errors.Is(err, csat.ErrUnknownItem) || !strings.Contains(err.Error(), "a.csv line 3, field 2") {
		t.Fatalf("err = %v, want ErrUnknownItem naming a.csv line 3, field 2", err)
	}
}

// TestHostileCSVFaithful is the catalogue's rows where hostile-looking
// input is read, and read right: the values asserted come from the
// input's meaning, not from the reader.
func TestHostileCSVFaithful(t *testing.T) {
	const answers = "period,item,source,level,count\n"
	t.Run("p10/months-in-order-of-meaning", func(t *testing.T) {
		in := answers + "2026-10,A,survey,satisfied,1\n2026-9,A,survey,satisfied,1\n2026-11,A,survey,satisfied,1\n2025H2,A,survey,satisfied,1\n"
		ps, err := readAny("answers", "a.csv", strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range ps {
			names = append(names, p.Name)
		}
		if diff := cmp.Diff([]string{"2025H2", "2026-9", "2026-10", "2026-11"}, names); diff != "" {
			t.Errorf("periods (-want +got):\n%s", diff)
		}
	})
	t.Run("p10/one-period-of-any-name", func(t *testing.T) {
		ps, err := readAny("answers", "a.csv", strings.NewReader(answers+"现在,A,survey,satisfied,1\n"))
		if err != nil || len(ps) != 1 || ps[0].Name != "现在" {
			t.Fatalf("periods %v, err %v; want the one period 现在", ps, err)
		}
	})
	t.Run("lower/nfc-and-nfd-spellings-are-one-item", func(t *testing.T) {
		nfc, nfd := "Caf\u00e9", "Cafe\u0301"
		in := answers + "2026H1,品质,survey,satisfied,1\n2026H1," + nfc + ",survey,satisfied,1\n2026H1," + nfd + ",survey,satisfied,2\n"
		ps, err := readAny("answers", "a.csv", strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := ps[0].Table.Items(); !cmp.Equal(got, []string{nfc, "品质"}) {
			t.Fatalf("items %q, want the one item %q", got, nfc)
		}
		tl, err := ps[0].Table.Tally(nfc, csat.SourceSurvey)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := tl.N(); err != nil || n != 3 {
			t.Errorf("%d answers for %q (%v), want 1 + 2 = 3", n, nfc, err)
		}
	})
	t.Run("lower/utf8-chinese-with-latin-is-not-ambiguous", func(t *testing.T) {
		ps, err := readAny("answers", "a.csv", strings.NewReader(answers+"2026H1,Café 品质,survey,satisfied,1\n"))
		if err != nil || ps[0].Table.Items()[0] != "Café 品质" {
			t.Fatalf("periods %v, err %v", ps, err)
		}
	})
}

// TestHostileCSVMemory: a 100 MB quoted field over short lines (issue 18
// point 9: 473 MB RSS before) is refused having read about MaxLine bytes.
func TestHostileCSVMemory(t *testing.T) {
	in := &endless{head: "period,item,source,level,count\n2026H1,\"", body: strings.Repeat("x", 30) + "\n"}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := readAny("answers", "q.csv", in)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, csat.ErrOutOfRange) {
		t.Fatalf("err = %v, want ErrOutOfRange", err)
	}
	if in.off > 4*MaxLine {
		t.Errorf("read %d bytes before refusing, want at most %d", in.off, 4*MaxLine)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
		t.Errorf("allocated %d bytes, want under 32 MiB", got)
	}
}
