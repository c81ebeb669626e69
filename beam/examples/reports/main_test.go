package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	csatbeam "github.com/csatkit/csat/beam"
	"github.com/csatkit/csat/form"
)

func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// The example's pipeline over the committed sample writes one report per
// company and period, byte for byte the single-process report of the
// same answers (the library's testdata/survey.csv is acme's and globex's
// survey), and the dead letter of bad.csv.
func TestExampleWritesReports(t *testing.T) {
	out := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	build(s, "../../testdata/answers/*", out, csat.FivePoint(), nil)
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %.2000s", err)
	}

	f, err := os.Open("../../../testdata/survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := csat.ReadTableCSV(f, csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Build(analysis.Input{Period: "2025Q1", Table: tb})
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, company := range []string{"acme", "globex"} {
		got, err := os.ReadFile(csatbeam.ReportPath(out, csatbeam.Key{Company: company, Period: "2025Q1"}))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want)+"\n" {
			t.Errorf("%s's report differs from the single-process report", company)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "initech", "2025Q2.json")); err != nil {
		t.Errorf("initech's report: %v", err)
	}

	dead, err := os.ReadFile(filepath.Join(out, "deadletter.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []int64
	for _, l := range strings.Split(strings.TrimSpace(string(dead)), "\n") {
		var b csatbeam.BadRow
		if err := json.Unmarshal([]byte(l), &b); err != nil {
			t.Fatalf("dead letter line %q: %v", l, err)
		}
		if filepath.Base(b.File) != "bad.csv" || !strings.HasPrefix(b.Err, "csat: ") {
			t.Errorf("dead letter row %+v", b)
		}
		lines = append(lines, b.Line)
	}
	slices.Sort(lines)
	if want := []int64{3, 4, 5, 6, 8, 9}; !slices.Equal(lines, want) {
		t.Errorf("dead letter lines %v, want %v", lines, want)
	}
	for _, name := range []string{"failed.jsonl", "failedforms.jsonl", "forms"} {
		if _, err := os.Stat(filepath.Join(out, name)); !os.IsNotExist(err) {
			t.Errorf("%s written with no failure and no form: %v", name, err)
		}
	}
}

// Over the sample of forms (testdata/forms), the example writes the
// report with the forms, their statistics (forms/acme/2025Q1.json: five
// forms, three in 华东) and the form whose rows disagree.
func TestExampleWritesForms(t *testing.T) {
	out := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	build(s, "../../testdata/forms/*", out, csat.FivePoint(), nil)
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %.2000s", err)
	}
	b, err := os.ReadFile(csatbeam.ReportPath(filepath.Join(out, "forms"), csatbeam.Key{Company: "acme", Period: "2025Q1"}))
	if err != nil {
		t.Fatal(err)
	}
	var st form.Stats
	if err := st.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if st.Forms("survey") != 5 || st.Group("地区", "华东").Forms("survey") != 3 || st.Blanks("价格", "survey") != 2 {
		t.Errorf("forms %d, 华东 %d, blanks of 价格 %d; want 5, 3, 2", st.Forms("survey"), st.Group("地区", "华东").Forms("survey"), st.Blanks("价格", "survey"))
	}
	if _, err := os.Stat(csatbeam.ReportPath(out, csatbeam.Key{Company: "acme", Period: "2025Q1"})); err != nil {
		t.Errorf("acme's report: %v", err)
	}
	failed, err := os.ReadFile(filepath.Join(out, "failedforms.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var f csatbeam.FailedForm
	if err := json.Unmarshal(failed, &f); err != nil || f.Form != "F006" || f.Rows != 2 || !strings.Contains(f.Err, `item "品质" is on 2 rows`) {
		t.Errorf("failedforms.jsonl %s (%v), want F006's 2 rows with 品质 twice", failed, err)
	}
}
