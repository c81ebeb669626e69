package csatbeam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func init() {
	register.Function2x2(statsString)
	register.Function1x1(failedFormString)
	register.DoFn1x1[string, string](&tagFn{})
}

// tagFn prefixes each string with its tag.
type tagFn struct {
	Tag string `json:"tag"`
}

// ProcessElement tags one string.
func (fn *tagFn) ProcessElement(v string) string { return fn.Tag + ":" + v }

func tagged(s beam.Scope, tag string, col beam.PCollection) beam.PCollection {
	return beam.ParDo(s, &tagFn{Tag: tag}, col)
}

// all returns every expected output, tagged as tagged tags them.
func (w *formsExpected) all(failed, bad []any) []any {
	var out []any
	for _, part := range []struct {
		tag  string
		vals []any
	}{{"stats", w.stats}, {"failed", failed}, {"table", w.tables}, {"report", w.reports}, {"failure", w.failures}, {"bad", bad}} {
		for _, v := range part.vals {
			out = append(out, part.tag+":"+v.(string))
		}
	}
	return out
}

// statsString flattens a key's form statistics for passert: key and
// their JSON (sorted, so equal statistics give equal bytes).
func statsString(k Key, st *form.Stats) (string, error) {
	b, err := st.MarshalJSON()
	return k.Company + "|" + k.Period + "|" + string(b), err
}

// failedFormString names a failed form by its key, rows and kind of error.
func failedFormString(f FailedForm) string {
	return f.Company + "|" + f.Period + "|" + f.Form + "|" + strconv.FormatInt(f.Rows, 10) + "|" + errorKind(f.Err)
}

// A formLine is one line of a generated input with forms, before it is
// placed in a file: an answer on a form, one on no form, or a bad line.
type formLine struct {
	company, period, form, item, source, level string
	respondent, customer                       string
	overall, importance                        string // level names as written (overall on the scale, importance on form.ImportanceScale)
	attrs                                      map[string]string
	count                                      uint64 // 1 on a form
	bad                                        string // the kind of error of a bad line
}

// A formsFile is one generated file of lines with forms.
type formsFile struct {
	json, hasCount bool
	formCol        string // the form column's name (an alias)
	order          []string
	lines          []formLine
}

var formColumns = []string{"company", "period", "form", "item", "source", "level", "respondent", "customer", "overall", "重要度", "地区", "规模", "行业", "渠道"}

// formDims are the segment dimensions of the generated forms: 地区, 规模
// and 行业 recognised by name, 渠道 of Options.Segments.
var formDims = []string{"地区", "规模", "行业", "渠道"}

// industries are the values of 行业 drawn ("" none).
var industries = []string{"管材", "型材", ""}

// genForms is what the property draws: the lines and what one process
// makes of them.
type genForms struct {
	lines  []formLine
	forms  map[Key][]form.Form     // the good forms per key
	counts map[Key][]formLine      // the answers to count in tables per key (on no form, or on good forms)
	loose  map[Key]map[string]bool // the sources with answers on no form (a count above 0) per key
	failed []any                   // company|period|form|rows|kind of each failing form

	// What the sheet reference reads (sheet_reference_test.go): the rows
	// of each good form per company, in the order drawn, and the answers
	// on no form with the count they were placed with.
	formRows   map[string][][]formLine
	looseLines []formLine
}

// drawFormRows draws the rows of one form of key k, and adds to g what
// one process makes of them: the form, or its failure.
func drawFormRows(t *rapid.T, sc *csat.Scale, g *genForms, k Key, id string) {
	f := drawForm(t, sc)
	f.ID, f.Period = id, k.Period
	f.Attrs["渠道"], f.Attrs["行业"] = rapid.SampledFrom(genValues["渠道"]).Draw(t, "渠道"), rapid.SampledFrom(industries).Draw(t, "行业")
	who := map[string]string{"respondent": rapid.SampledFrom([]string{"", "张三", "李四"}).Draw(t, "respondent"),
		"customer": rapid.SampledFrom([]string{"", "C1", "C2"}).Draw(t, "customer")}
	items := slices.Sorted(func(yield func(string) bool) {
		for item := range f.Answers {
			if !yield(item) {
				return
			}
		}
	})
	var rows []formLine
	given := map[string]string{} // what the rows give, the form's as one process reads it
	overall := -1                // the overall question's level, -1 none
	if rapid.Bool().Draw(t, "overall asked") {
		overall = rapid.IntRange(0, sc.Len()-1).Draw(t, "overall")
	}
	imp := form.ImportanceScale()
	for _, item := range items {
		l := formLine{company: k.Company, period: k.Period, form: id, item: item, source: f.Source, count: 1, attrs: map[string]string{}}
		if lv := f.Answers[item]; lv != "" {
			i, _ := sc.Index(lv)
			l.level = levelName(t, sc, i)
		}
		if overall >= 0 && rapid.IntRange(0, 3).Draw(t, "give overall") > 0 {
			l.overall, given["overall"] = levelName(t, sc, overall), sc.Levels()[overall].Key
		}
		if rapid.IntRange(0, 2).Draw(t, "importance stated") == 0 {
			i := rapid.IntRange(0, imp.Len()-1).Draw(t, "importance")
			l.importance = levelName(t, imp, i)
			if f.Importance == nil {
				f.Importance = map[string]string{}
			}
			f.Importance[item] = imp.Levels()[i].Key
		}
		// each row gives each of the form's values, or leaves it empty
		for _, dim := range formDims {
			if v := f.Attrs[dim]; rapid.IntRange(0, 3).Draw(t, "give "+dim) > 0 {
				l.attrs[dim], given[dim] = v, cmpOr(given[dim], v)
			}
		}
		if rapid.IntRange(0, 3).Draw(t, "give respondent") > 0 {
			l.respondent, given["respondent"] = who["respondent"], cmpOr(given["respondent"], who["respondent"])
		}
		if rapid.IntRange(0, 3).Draw(t, "give customer") > 0 {
			l.customer, given["customer"] = who["customer"], cmpOr(given["customer"], who["customer"])
		}
		rows = append(rows, l)
	}
	f.Respondent, f.Customer, f.Overall = given["respondent"], given["customer"], given["overall"]
	f.Attrs = map[string]string{}
	for _, dim := range formDims {
		if given[dim] != "" {
			f.Attrs[dim] = given[dim]
		}
	}
	if len(f.Attrs) == 0 {
		f.Attrs = nil
	}
	kind := ""
	switch rapid.IntRange(0, 9).Draw(t, "fail") {
	case 0: // an item on two rows
		r := rows[rapid.IntRange(0, len(rows)-1).Draw(t, "twice")]
		rows, kind = append(rows, r), csat.ErrDuplicate.Error()
	case 1: // a row in another region than another row's
		if f.Attrs["地区"] != "" && len(rows) > 1 {
			i := rapid.IntRange(0, len(rows)-1).Draw(t, "other region")
			rows[(i+1)%len(rows)].attrs["地区"] = f.Attrs["地区"]
			rows[i].attrs = map[string]string{"地区": "西北"}
			kind = csat.ErrInvalid.Error()
		}
	}
	g.lines = append(g.lines, rows...)
	if kind != "" {
		g.failed = append(g.failed, fmt.Sprintf("%s|%s|%s|%d|%s", k.Company, k.Period, id, len(rows), kind))
		return
	}
	g.forms[k] = append(g.forms[k], f)
	g.formRows[k.Company] = append(g.formRows[k.Company], rows)
	for _, r := range rows {
		if r.level != "" {
			g.counts[k] = append(g.counts[k], r)
		}
	}
}

// sortedStrings returns the strings of vs, sorted.
func sortedStrings(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.(string)
	}
	slices.Sort(out)
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// drawFormLines draws forms and answers on no form of 2 companies × 2
// periods, and a few bad lines.
func drawFormLines(t *rapid.T, sc *csat.Scale) *genForms {
	g := &genForms{forms: map[Key][]form.Form{}, counts: map[Key][]formLine{}, formRows: map[string][][]formLine{}}
	for _, company := range genCompanies[1:] {
		for _, period := range genPeriods {
			k := Key{Company: company, Period: period}
			for i := range rapid.IntRange(0, 6).Draw(t, "forms") {
				drawFormRows(t, sc, g, k, fmt.Sprint("F", i))
			}
		}
	}
	for range rapid.IntRange(0, 12).Draw(t, "answers on no form") {
		r := drawRow(t, sc, false)
		l := formLine{company: r.company, period: r.period, item: r.item, source: r.source, level: r.level, count: 1}
		if rapid.IntRange(0, 9).Draw(t, "bad") == 0 {
			l.attrs, l.bad = map[string]string{"地区": "华东"}, csat.ErrMissing.Error() // a segment on no form
		}
		g.lines = append(g.lines, l)
	}
	return g
}

// placeLines shuffles the lines over one to four files of random
// formats; an answer on no form in a file with a count column gets a
// random count.
func placeLines(t *rapid.T, g *genForms) []*formsFile {
	files := make([]*formsFile, rapid.IntRange(1, 4).Draw(t, "files"))
	for i := range files {
		f := &formsFile{json: rapid.Bool().Draw(t, "json"), formCol: rapid.SampledFrom([]string{"form", "表单编号", "问卷编号", "Form_ID"}).Draw(t, "form column")}
		f.hasCount = f.json || rapid.Bool().Draw(t, "count column")
		cols := slices.Clone(formColumns)
		cols[2] = f.formCol
		if f.hasCount {
			cols = append(cols, "count")
		}
		f.order = rapid.Permutation(cols).Draw(t, "order")
		files[i] = f
	}
	for _, i := range rapid.Permutation(slices.Collect(func(yield func(int) bool) {
		for i := range g.lines {
			if !yield(i) {
				return
			}
		}
	})).Draw(t, "shuffle") {
		l := g.lines[i]
		f := files[rapid.IntRange(0, len(files)-1).Draw(t, "file")]
		if l.form == "" && l.bad == "" && f.hasCount {
			l.count = rapid.Uint64Range(0, 5).Draw(t, "count")
		}
		if l.form == "" && l.bad == "" {
			g.addLoose(l)
		}
		f.lines = append(f.lines, l)
	}
	return files
}

// addLoose counts an answer on no form.
func (g *genForms) addLoose(l formLine) {
	k := Key{Company: l.company, Period: l.period}
	g.counts[k] = append(g.counts[k], l)
	g.looseLines = append(g.looseLines, l)
	if l.count > 0 {
		if g.loose == nil {
			g.loose = map[Key]map[string]bool{}
		}
		if g.loose[k] == nil {
			g.loose[k] = map[string]bool{}
		}
		g.loose[k][l.source] = true
	}
}

// value returns the line's value of column col.
func (l *formLine) value(col string) string {
	switch col {
	case "company":
		return l.company
	case "period":
		return l.period
	case "item":
		return l.item
	case "source":
		return l.source
	case "level":
		return l.level
	case "respondent":
		return l.respondent
	case "customer":
		return l.customer
	case "overall":
		return l.overall
	case "重要度":
		return l.importance
	case "count":
		return strconv.FormatUint(l.count, 10)
	case "地区", "规模", "行业", "渠道":
		return l.attrs[col]
	}
	return l.form // the form column, by any name
}

// text returns the file's content and the expected dead letter of its
// bad lines.
func (f *formsFile) text(name string) (string, []any) {
	var b strings.Builder
	var bad []any
	line := 0
	if !f.json {
		b.WriteString(strings.Join(f.order, ",") + "\n")
		line++
	}
	for _, l := range f.lines {
		line++
		if l.bad != "" {
			bad = append(bad, fmt.Sprintf("%s:%d:%s", name, line, l.bad))
		}
		if !f.json {
			v := make([]string, len(f.order))
			for i, col := range f.order {
				v[i] = l.value(col)
				if col == "count" && l.form != "" && line%2 == 0 {
					v[i] = "" // a form's row: an empty count cell is none
				}
			}
			b.WriteString(strings.Join(v, ",") + "\n")
			continue
		}
		m := map[string]any{}
		for _, col := range f.order {
			switch v := l.value(col); {
			case col == "count":
				if l.form == "" && (l.count != 1 || line%2 == 0) {
					m[col] = l.count
				}
			case v != "" || col == "level" || slices.Contains(formColumns[:6], col):
				m[col] = v
			}
		}
		if l.form == "" {
			delete(m, f.formCol)
		}
		j, _ := json.Marshal(m)
		b.Write(j)
		b.WriteString("\n")
	}
	return b.String(), bad
}

// formsExpected is what one process makes of the lines, per key, each as
// company|period|value.
type formsExpected struct {
	stats, tables, reports, failures []any
	statsOf                          map[Key]*form.Stats
}

// formsSingleProcess counts the good forms into one form.Stats per key
// (form.Stats.Add), the answers into one table per key, and builds each
// key's report with both.
func formsSingleProcess(t *rapid.T, sc *csat.Scale, g *genForms) formsExpected {
	w := formsExpected{statsOf: map[Key]*form.Stats{}}
	keys := map[Key]bool{}
	for k, forms := range g.forms {
		st, err := form.New(sc, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			if err := st.Add(f); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := st.MarshalJSON()
		w.stats = append(w.stats, k.Company+"|"+k.Period+"|"+string(b))
		w.statsOf[k], keys[k] = st, true
	}
	tables := map[Key]*csat.Table{}
	for k, lines := range g.counts {
		tb := csat.NewTable(sc)
		for _, l := range lines {
			i, err := sc.Index(l.level)
			if err != nil {
				t.Fatal(err)
			}
			if err := tb.AddN(l.item, l.source, i, l.count); err != nil {
				t.Fatal(err)
			}
		}
		tables[k], keys[k] = tb, true
		w.tables = append(w.tables, k.Company+"|"+k.Period+"|"+tableHex(t, tb))
	}
	for k := range keys {
		tb := tables[k]
		if tb == nil {
			tb = csat.NewTable(sc)
		}
		// A key with answers on no form of a source its forms have is
		// reported without its forms, and says so (as the command does).
		st, partial := w.statsOf[k], false
		for src := range g.loose[k] {
			if st != nil && st.Forms(src) > 0 {
				st, partial = nil, true
			}
		}
		rep, err := analysis.Build(analysis.Input{Period: k.Period, Table: tb, Forms: st})
		if err != nil {
			w.failures = append(w.failures, k.Company+"|"+k.Period+"|"+err.Error())
			continue
		}
		if partial {
			rep.Warnings = append(rep.Warnings, "forms: some answers of the forms' sources are on no form (rows without a form id): forms are not counted and no breakdown by customer group is made")
		}
		w.reports = append(w.reports, k.Company+"|"+k.Period+"|"+mustJSON(t, rep))
	}
	return w
}

// TestFormsPipelineMatchesSingleProcess is the contract of the forms
// path: over random forms of two companies and two periods (random
// items, blanks, sources, respondents, customers, overall answers,
// stated importance and segment values of 地区, 规模, 行业 and 渠道, a
// dimension of Options.Segments, each row giving or leaving out its
// form's values), some failing (an item on two rows, a row in another
// region), with answers on no form and bad lines among them, their rows
// shuffled over one to four CSV and JSON-lines files (random column
// orders and form column names; a form's row leaves the count cell empty
// or gives 1), the Prism pipeline Read → AssembleForms → CombineForms,
// CombineTables, FormReports gives per key (company, period) exactly
// what the csat command's reader gives in one process
// (sheet.ReadSurveyFrom of the company's counted rows as one long CSV
// file, sheetSingleProcess): the form statistics' JSON bytes (and Equal
// once written by WriteForms and read back), the table's bytes, and the
// report bytes of analysis.Build with that table and those forms; and
// the failing forms with their rows and kind of error, and the dead
// letter. The reader's result is checked against the forms drawn too
// (checkSheetReadsGenerated).
func TestFormsPipelineMatchesSingleProcess(t *testing.T) {
	withChecks(t, formPipelineChecks, func() { rapid.Check(t, formsPipelineProperty) })
}

func formsPipelineProperty(t *rapid.T) {
	sc := csat.FivePoint()
	if rapid.Bool().Draw(t, "pvc-bands scale") {
		sc = csat.PVCBands()
	}
	g := drawFormLines(t, sc)
	files := placeLines(t, g)
	dir, err := os.MkdirTemp("", "csatbeamforms")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "forms")
	if err := os.Mkdir(in, 0o700); err != nil {
		t.Fatal(err)
	}
	var wantBad []any
	for i, f := range files {
		name := fmt.Sprintf("f%d.csv", i)
		if f.json {
			name = fmt.Sprintf("f%d.jsonl", i)
		}
		text, bad := f.text(name)
		wantBad = append(wantBad, bad...)
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w := sheetSingleProcess(t, sc, g)
	checkSheetReadsGenerated(t, sc, g, w)

	opts := &Options{Segments: []string{"渠道"}}
	p, s := beam.NewPipelineWithRoot()
	answers, bad := Read(s, sc, filepath.Join(in, "*"), opts)
	counted, forms, failed := AssembleForms(s, sc, answers, opts)
	tables, failedTables := CombineTables(s, sc, KeyByCompanyPeriod(s, counted))
	stats := CombineForms(s, sc, forms)
	reports, failures := FormReports(s, tables, stats, failedTables, nil)
	WriteForms(s, out, stats)
	// One assertion over all outputs, each string tagged with its
	// output: every assertion is a shuffle, and Prism's stages cost.
	passert.Equals(s, beam.Flatten(s,
		tagged(s, "stats", beam.ParDo(s, statsString, stats)),
		tagged(s, "failed", beam.ParDo(s, failedFormString, failed)),
		tagged(s, "table", beam.ParDo(s, tableString, tables)),
		tagged(s, "report", beam.ParDo(s, reportString, reports)),
		tagged(s, "failure", beam.ParDo(s, failureString, failures)),
		tagged(s, "bad", beam.ParDo(s, badRowString, bad))),
		w.all(g.failed, wantBad)...)
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
	checkWrittenForms(t, out, w.statsOf)
}

// checkWrittenForms reads back what WriteForms wrote: one file a key,
// Equal to one process's statistics and of the same bytes, and no other.
func checkWrittenForms(t *rapid.T, dir string, want map[Key]*form.Stats) {
	for k, st := range want {
		b, err := os.ReadFile(ReportPath(dir, k))
		if err != nil {
			t.Fatal(err)
		}
		var got form.Stats
		if err := got.UnmarshalJSON(bytes.TrimSuffix(b, []byte("\n"))); err != nil {
			t.Fatalf("%v: %v", k, err)
		}
		wb, _ := st.MarshalJSON()
		if !got.Equal(st) || !bytes.Equal(append(wb, '\n'), b) {
			t.Fatalf("%v: the written statistics differ from one process's", k)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(files) != len(want) {
		t.Fatalf("WriteForms wrote %d files, want %d", len(files), len(want))
	}
}

// sampleForms are the forms of testdata/forms (the worked example of
// the package doc and the README): five forms of acme's 2025Q1 survey
// in two regions and three sizes, F003's rows in both files, F006 with
// an item on two rows.
func sampleForms() []form.Form {
	f := func(id, region, size string, answers ...string) form.Form {
		a := map[string]string{}
		for i, item := range []string{"品质", "交货", "价格"} {
			if i < len(answers) {
				a[item] = answers[i]
			}
		}
		return form.Form{ID: id, Source: "survey", Period: "2025Q1", Attrs: map[string]string{"地区": region, "规模": size}, Answers: a}
	}
	return []form.Form{
		f("F001", "华东", "大", "很满意", "满意", ""),
		f("F002", "华东", "中", "满意", "基本满意", "不满意"),
		f("F003", "华南", "小", "很满意", "满意", "基本满意"),
		f("F004", "华南", "大", "不满意", "很不满意", "满意"),
		f("F005", "华东", "小", "满意", "满意", ""),
	}
}

// The committed sample of forms (testdata/forms: a long export with
// 表单编号, 地区 and 规模, one form's rows over both files) gives the
// form statistics of one process adding the same five forms, F006 (品质
// on two rows) as a failed form, and the report analysis.Build gives
// with the table and the forms.
func TestFormsSample(t *testing.T) {
	sc := csat.FivePoint()
	want, err := form.New(sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sampleForms() {
		if err := want.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	// The figures the package doc and the README give.
	groups := map[string]uint64{}
	for _, dim := range want.Dimensions() {
		for _, v := range want.Values(dim) {
			groups[v] = want.Group(dim, v).Forms("survey")
		}
	}
	if diff := cmp.Diff(map[string]uint64{"华东": 3, "华南": 2, "大": 2, "中": 1, "小": 2}, groups); diff != "" || want.Forms("survey") != 5 || want.Blanks("价格", "survey") != 2 || want.Answers("survey") != 13 {
		t.Fatalf("the sample's statistics are not the worked example's: %d forms, %d answers, %d blanks of 价格, groups (-want +got):\n%s",
			want.Forms("survey"), want.Answers("survey"), want.Blanks("价格", "survey"), diff)
	}
	tb, err := want.Table()
	if err != nil {
		t.Fatal(err)
	}
	for item, level := range map[string]string{"品质": "满意", "交货": "满意", "价格": "基本满意"} { // the self-assessment, on no form
		if err := tb.AddKey(item, "self", level); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := analysis.Build(analysis.Input{Period: "2025Q1", Table: tb, Forms: want})
	if err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	answers, bad := Read(s, sc, "testdata/forms/*", nil)
	counted, forms, failed := AssembleForms(s, sc, answers, nil)
	tables, failedTables := CombineTables(s, sc, KeyByCompanyPeriod(s, counted))
	stats := CombineForms(s, sc, forms)
	reports, failures := FormReports(s, tables, stats, failedTables, nil)
	WriteForms(s, out, stats)
	passert.Empty(s, bad)
	passert.Empty(s, failures)
	passert.Equals(s, beam.ParDo(s, failedFormString, failed), "acme|2025Q1|F006|2|"+csat.ErrDuplicate.Error())
	passert.Equals(s, beam.ParDo(s, tableString, tables), "acme|2025Q1|"+tableHex(t, tb))
	passert.Equals(s, beam.ParDo(s, reportString, reports), "acme|2025Q1|"+mustJSON(t, rep))
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
	b, err := os.ReadFile(ReportPath(out, Key{Company: "acme", Period: "2025Q1"}))
	if err != nil {
		t.Fatal(err)
	}
	var got form.Stats
	if err := got.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	wb, _ := want.MarshalJSON()
	if !got.Equal(want) || string(b) != string(wb)+"\n" {
		t.Errorf("forms/acme/2025Q1.json differs from one process's statistics:\n got %s\nwant %s", b, wb)
	}
}

// rateInput is a user's InputFunc for a Key: the rate alone.
func rateInput(key any, t *csat.Table) (analysis.Input, error) {
	return analysis.Input{Period: "rate " + key.(Key).Period, Table: t, Headlines: []analysis.Headline{{Scorer: csat.Rate{}}}}, nil
}

func init() { beam.RegisterFunction(rateInput) }

// FormReports with the user's InputFunc builds the user's report with the
// key's forms (the InputFunc sets none), as one process does; a key
// whose forms have only blanks (no table) is built with an empty table,
// and fails as one process fails.
func TestFormReportsInputAndBlankForms(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), "company,period,form,item,source,level,地区\n"+
		"acme,Q1,F1,功能,survey,满意,华东\nacme,Q1,F2,功能,survey,很满意,华南\nglobex,Q1,F1,功能,survey,,华东\n")
	sc := csat.FivePoint()
	st, _ := form.New(sc, nil)
	for _, f := range []form.Form{
		{ID: "F1", Period: "Q1", Attrs: map[string]string{"地区": "华东"}, Answers: map[string]string{"功能": "满意"}, Source: "survey"},
		{ID: "F2", Period: "Q1", Attrs: map[string]string{"地区": "华南"}, Answers: map[string]string{"功能": "很满意"}, Source: "survey"},
	} {
		if err := st.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	tb, _ := st.Table()
	in, _ := rateInput(Key{Company: "acme", Period: "Q1"}, tb)
	in.Forms = st
	rep, err := analysis.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	blank, _ := form.New(sc, nil)
	if err := blank.Add(form.Form{ID: "F1", Period: "Q1", Attrs: map[string]string{"地区": "华东"}, Answers: map[string]string{"功能": ""}}); err != nil {
		t.Fatal(err)
	}
	in, _ = rateInput(Key{Company: "globex", Period: "Q1"}, csat.NewTable(sc))
	in.Forms = blank
	_, wantErr := analysis.Build(in)
	if wantErr == nil {
		t.Fatal("one process built a report of blanks only")
	}

	p, s := beam.NewPipelineWithRoot()
	answers, bad := Read(s, sc, filepath.Join(dir, "*"), nil)
	counted, forms, failed := AssembleForms(s, sc, answers, nil)
	tables, failedTables := CombineTables(s, sc, KeyByCompanyPeriod(s, counted))
	reports, failures := FormReports(s, tables, CombineForms(s, sc, forms), failedTables, &ReportOptions{Input: rateInput})
	passert.Empty(s, bad)
	passert.Empty(s, failed)
	passert.Equals(s, beam.ParDo(s, reportString, reports), "acme|Q1|"+mustJSON(t, rep))
	passert.Equals(s, beam.ParDo(s, failureString, failures), "globex|Q1|"+wantErr.Error())
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
}
