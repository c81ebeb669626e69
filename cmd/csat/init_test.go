package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The names of the files a data directory holds (load.go: locate), each
// of which init writes a template of.
var dataFiles = []string{"answers", "customers", "complaints", "values", "purchases", "targets", "actions", "attributes", "sent", "benchmarks"}

// csat init writes a data directory the command reads as it is: score
// and report succeed on it, and the workbook's sheets read with --sheet.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mydata")
	code, _, errs := runCLI(t, "init", dir)
	if code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	if code, out, errs := runCLI(t, "score", dir, "--lang", "en"); code != exitOK || !strings.Contains(out, "period 2026H1") {
		t.Fatalf("score of the template: exit %d: %s\n%s", code, errs, out)
	}
	// The report reads every file of the directory: each is summarised
	// (answers, customers, complaints, values, attributes) or shows in
	// the page (targets, actions, sent, benchmarks).
	report := filepath.Join(t.TempDir(), "r.html")
	code, _, errs = runCLI(t, "report", dir, "-o", report, "--lang", "en")
	if code != exitOK {
		t.Fatalf("report of the template: exit %d: %s", code, errs)
	}
	for _, f := range []string{"answers.csv", "customers.csv", "complaints.csv", "values.csv", "attributes.csv"} {
		if !strings.Contains(errs, filepath.Join(dir, f)+": 2 rows, 2 accepted, 0 rejected") {
			t.Errorf("report read no 2 rows of %s: %s", f, errs)
		}
	}
	page, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"每周产销协调会", "生产部 王工", "华东"} { // an action, its owner, a stratum sent forms
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report lacks %s", want)
		}
	}
	// Each sheet of the workbook is read with --sheet.
	book := filepath.Join(dir, templateWorkbook)
	for _, args := range [][]string{
		{"score", "--answers", book, "--sheet", "answers"},
		{"customers", "--customers", book, "--sheet", "customers"},
		{"segment", "--values", book, "--sheet", "values"},
		{"segment", "--purchases", book, "--sheet", "purchases"},
	} {
		if code, _, errs := runCLI(t, append(args, "--lang", "en")...); code != exitOK || !strings.Contains(errs, "2 rows, 2 accepted, 0 rejected") {
			t.Errorf("%q: exit %d: %s", args, code, errs)
		}
	}
}

// Every file is there as CSV with a byte-order mark (but purchases,
// which would conflict with values) and as a sheet of the workbook, with
// the same header and two example rows.
func TestInitFiles(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init into an empty directory: exit %d: %s", code, errs)
	}
	wb, err := excelize.OpenFile(filepath.Join(dir, templateWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = wb.Close() }()
	if got := wb.GetSheetList(); !slices.Equal(got, dataFiles) {
		t.Errorf("sheets %q, want %q", got, dataFiles)
	}
	for _, name := range dataFiles {
		sheetRows, err := wb.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(sheetRows) != 3 {
			t.Errorf("sheet %s: %d rows, want a header and 2 examples", name, len(sheetRows))
		}
		b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if name == "purchases" {
			if err == nil {
				t.Errorf("purchases.csv beside values.csv: the directory would be refused")
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s.csv has no UTF-8 byte-order mark", name)
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("%s.csv: %d rows, %v", name, len(rows), err)
		}
		if !slices.Equal(rows[0], sheetRows[0]) {
			t.Errorf("%s: CSV header %q, sheet header %q", name, rows[0], sheetRows[0])
		}
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range append([]string{"数据目录模板", "data directory template", "只有 answers 是必需的", "only answers is required"}, dataFiles...) {
		if !bytes.Contains(readme, []byte(want)) {
			t.Errorf("README.txt lacks %s", want)
		}
	}
}

// init refuses a directory that is not empty (exit 3) and leaves it as
// it was, unless --force; and a file.
func TestInitRefuses(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "answers.csv")
	writeFile(t, mine, "mine")
	code, _, errs := runCLI(t, "init", dir)
	if code != exitOutput || !strings.Contains(errs, "csat init: "+dir+" is not empty (1 entries): give a new or empty directory, or --force") {
		t.Errorf("init into a non-empty directory: exit %d %q", code, errs)
	}
	if b, _ := os.ReadFile(mine); string(b) != "mine" {
		t.Errorf("a refused init changed answers.csv: %q", b)
	}
	if code, _, errs := runCLI(t, "init", "--force", dir); code != exitOK {
		t.Errorf("init --force: exit %d %s", code, errs)
	}
	if b, _ := os.ReadFile(mine); !bytes.Contains(b, []byte("表单编号")) {
		t.Errorf("init --force left answers.csv: %q", b)
	}
	if code, _, errs := runCLI(t, "init", mine); code != exitOutput || !strings.Contains(errs, "is a file: give a new or empty directory") {
		t.Errorf("init into a file: exit %d %q", code, errs)
	}
}
