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
	if _, err := os.Stat(filepath.Join(out, "failed.jsonl")); !os.IsNotExist(err) {
		t.Errorf("failed.jsonl written with no failure: %v", err)
	}
}
