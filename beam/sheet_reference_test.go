package csatbeam

import (
	"encoding/csv"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/io/sheet"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// The sheet reference: what the csat command makes of the same answers
// in one process. The command reads a survey with package sheet
// (sheet.ReadSurvey: one file, the long layout, a form's rows
// consecutive), which gives per period the table and the form.Stats
// that the reports are built from. For each company, the rows the
// pipeline counts (those of the forms that do not fail, and the answers
// on no form) are written as one long CSV file and read with
// sheet.ReadSurveyFrom; each period's statistics, table and report are
// what the pipeline must give for that company and period.

// sheetAliases are names the csat command's reader takes for each
// column of the long layout (io/sheet/doc.go, "Answers: the long
// layout"), among which each file draws one. The form column's are
// those beam's reader takes too (beam has no 编号 nor id).
var sheetAliases = map[string][]string{
	"period":     {"period", "期间"},
	"form":       {"form", "表单", "表单编号", "问卷编号", "答卷编号", "form_id"},
	"item":       {"item", "项目"},
	"source":     {"source", "来源"},
	"level":      {"level", "等级", "评价"},
	"count":      {"count", "数量"},
	"respondent": {"respondent", "填表人"},
	"customer":   {"customer", "客户"},
	"overall":    {"overall", "总体满意度", "总体评价"},
	"importance": {"importance", "重要度", "重要性"},
}

// sheetColumns are the columns of a sheet file, segments last (their
// header is their dimension).
var sheetColumns = append([]string{"period", "form", "item", "source", "level", "count", "respondent", "customer", "overall", "importance"}, formDims...)

// formValues are the columns whose value is the form's, not the row's.
var formValues = append([]string{"respondent", "customer", "overall"}, formDims...)

// sheetCSV writes the rows of company that the pipeline counts as one
// long CSV file as the csat command reads it: the rows of each good form
// consecutive (the forms and the answers on no form in a random order),
// random column order and header names. A form's respondent, customer,
// overall answer and segment values are written on each of its rows:
// the command's reader wants a form's rows to agree, and takes an empty
// cell for a value (beam takes it for none, so the pipeline's input may
// leave them out on some rows). It also returns, per key, the sources
// of the answers on no form (with a count above 0).
func sheetCSV(t *rapid.T, g *genForms, company string) (string, map[Key]map[string]bool) {
	order := rapid.Permutation(sheetColumns).Draw(t, "sheet columns")
	header := make([]string, len(order))
	for i, col := range order {
		header[i] = col
		if names := sheetAliases[col]; names != nil {
			header[i] = rapid.SampledFrom(names).Draw(t, "sheet "+col)
		}
	}
	var blocks [][]map[string]string // each form's rows, or one answer on no form
	for _, rows := range g.formRows[company] {
		given := map[string]string{}
		for _, r := range rows {
			for _, col := range formValues {
				if v := r.sheetValue(col); v != "" && given[col] == "" {
					given[col] = v
				}
			}
		}
		var block []map[string]string
		for _, i := range rapid.Permutation(seq(len(rows))).Draw(t, "rows of a form") {
			r := rows[i]
			m := maps.Clone(given)
			for _, col := range []string{"period", "form", "item", "source", "level", "importance"} {
				m[col] = r.sheetValue(col)
			}
			m["count"] = rapid.SampledFrom([]string{"1", ""}).Draw(t, "count on a form")
			block = append(block, m)
		}
		blocks = append(blocks, block)
	}
	loose := map[Key]map[string]bool{}
	for _, l := range g.looseLines {
		if l.company != company {
			continue
		}
		m := map[string]string{}
		for _, col := range []string{"period", "item", "source", "level", "count"} {
			m[col] = l.sheetValue(col)
		}
		blocks = append(blocks, []map[string]string{m})
		if l.count > 0 {
			k := Key{Company: company, Period: l.period}
			if loose[k] == nil {
				loose[k] = map[string]bool{}
			}
			loose[k][l.source] = true
		}
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	for _, i := range rapid.Permutation(seq(len(blocks))).Draw(t, "blocks") {
		for _, m := range blocks[i] {
			rec := make([]string, len(order))
			for j, col := range order {
				rec[j] = m[col]
			}
			_ = w.Write(rec)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String(), loose
}

// seq returns 0, 1, …, n-1.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// sheetValue returns the line's value of a sheet column.
func (l *formLine) sheetValue(col string) string {
	switch col {
	case "form":
		return l.form
	case "importance":
		return l.importance
	}
	return l.value(col)
}

// sheetSingleProcess reads each company's counted rows with
// sheet.ReadSurveyFrom, as the csat command does, and gives what the
// pipeline must give per key (company, period): the period's form
// statistics (when it has forms) as JSON, its table (when it has cells)
// and the report of analysis.Build with that table and those forms —
// without the forms, and with FormReports' warning, when answers on no
// form share a source with the forms —, or the error analysis.Build
// gives.
func sheetSingleProcess(t *rapid.T, sc *csat.Scale, g *genForms) formsExpected {
	w := formsExpected{statsOf: map[Key]*form.Stats{}}
	companies := map[string]bool{}
	for c := range g.formRows {
		companies[c] = true
	}
	for _, l := range g.looseLines {
		companies[l.company] = true
	}
	for _, c := range slices.Sorted(maps.Keys(companies)) {
		text, loose := sheetCSV(t, g, c)
		surveys, sum, err := sheet.ReadSurveyFrom(strings.NewReader(text), c+".csv", &sheet.Options{Scale: sc, Segments: []string{"渠道"}})
		if err != nil {
			t.Fatalf("the csat command's reader refuses %s's counted rows: %v\n%s", c, err, text)
		}
		if sum.Forms != uint64(len(g.formRows[c])) {
			t.Fatalf("the csat command's reader read %d forms of %s, want %d\n%s", sum.Forms, c, len(g.formRows[c]), text)
		}
		for _, sv := range surveys {
			k := Key{Company: c, Period: sv.Name}
			var st *form.Stats
			if len(sv.Forms.Sources()) > 0 {
				b, err := sv.Forms.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				w.stats = append(w.stats, c+"|"+sv.Name+"|"+string(b))
				w.statsOf[k], st = sv.Forms, sv.Forms
			}
			if len(sv.Table.Cells()) > 0 {
				w.tables = append(w.tables, c+"|"+sv.Name+"|"+tableHex(t, sv.Table))
			}
			partial := false
			for src := range loose[k] {
				if st != nil && st.Forms(src) > 0 {
					st, partial = nil, true
				}
			}
			rep, err := analysis.Build(analysis.Input{Period: sv.Name, Table: sv.Table, Forms: st})
			if err != nil {
				w.failures = append(w.failures, c+"|"+sv.Name+"|"+err.Error())
				continue
			}
			if partial {
				rep.Warnings = append(rep.Warnings, "forms: some answers of the forms' sources are on no form (rows without a form id): forms are not counted and no breakdown by customer group is made")
			}
			w.reports = append(w.reports, c+"|"+sv.Name+"|"+mustJSON(t, rep))
		}
	}
	return w
}

// checkSheetReadsGenerated checks the sheet reference against the
// generator's own (formsSingleProcess: form.Stats.Add of the forms drawn,
// csat.Table.AddN of the answers counted): the csat command's reader
// reads the rows as the forms they were drawn from.
func checkSheetReadsGenerated(t *rapid.T, sc *csat.Scale, g *genForms, w formsExpected) {
	own := formsSingleProcess(t, sc, g)
	for _, part := range []struct {
		name      string
		own, want []any
	}{{"statistics", own.stats, w.stats}, {"tables", own.tables, w.tables}, {"reports", own.reports, w.reports}, {"failures", own.failures, w.failures}} {
		if diff := cmp.Diff(sortedStrings(part.own), sortedStrings(part.want)); diff != "" {
			t.Fatalf("the generated forms' %s differ from the csat command's reader's (-generated +sheet):\n%s", part.name, diff)
		}
	}
}

// The two references of TestFormsPipelineMatchesSingleProcess agree,
// without a pipeline (so over many more inputs): the csat command's
// reader, given each company's counted rows as one long CSV file, gives
// per period the form statistics (JSON bytes), tables and reports of the
// forms and answers drawn.
func TestSheetReferenceReadsGeneratedForms(t *testing.T) {
	withChecks(t, 200, func() {
		rapid.Check(t, func(t *rapid.T) {
			sc := csat.FivePoint()
			if rapid.Bool().Draw(t, "pvc-bands scale") {
				sc = csat.PVCBands()
			}
			g := drawFormLines(t, sc)
			placeLines(t, g)
			checkSheetReadsGenerated(t, sc, g, sheetSingleProcess(t, sc, g))
		})
	})
}

// An empty count cell on a form's row is no count, for beam's reader as
// for the csat command's ("on a form's row 1 or empty", io/sheet): the
// row is one answer of its form. On a row without a form id both refuse
// it.
func TestEmptyCountOnAFormRow(t *testing.T) {
	fn := newParseFn(t, FormatCSV)
	const h = "company,period,form,item,source,level,count"
	a, err := fn.parse(FormatCSV, h, "acme,Q1,F1,功能,survey,满意,")
	if err != nil {
		t.Fatalf("a form's row with an empty count: %v", err)
	}
	if want := (Answer{Company: "acme", Period: "Q1", Form: "F1", Item: "功能", Source: "survey", Level: 1, Count: 1}); !cmp.Equal(a, want) {
		t.Errorf("a form's row with an empty count: %+v, want %+v", a, want)
	}
	if _, err := fn.parse(FormatCSV, h, "acme,Q1,,功能,survey,满意,"); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("a row on no form with an empty count: error %v, want ErrInvalid", err)
	}
	surveys, sum, err := sheet.ReadSurveyFrom(strings.NewReader("period,form,item,source,level,count\nQ1,F1,功能,survey,满意,\n"), "a.csv", nil)
	if err != nil || sum.Forms != 1 || len(surveys) != 1 {
		t.Fatalf("the csat command's reader: %d forms, %v", sum.Forms, err)
	}
	if tt, err := surveys[0].Table.Tally("功能", "survey"); err != nil || !slices.Equal(tt.Counts(), []uint64{0, 1, 0, 0, 0}) {
		t.Errorf("the csat command's reader counts %v (%v), want one 满意", tt.Counts(), err)
	}
	if _, _, err := sheet.ReadSurveyFrom(strings.NewReader("period,form,item,source,level,count\nQ1,,功能,survey,满意,\n"), "a.csv", nil); err == nil {
		t.Error("the csat command's reader takes an empty count on no form")
	}
}
