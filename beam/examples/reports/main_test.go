package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	csatbeam "github.com/csatkit/csat/beam"
	"github.com/csatkit/csat/form"
	"github.com/google/go-cmp/cmp"
)

func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// The example's pipeline over the committed sample writes one report per
// company and period, byte for byte the single-process report of the
// same answers (the library's testdata/survey.csv is acme's and globex's
// survey), and the dead letter of bad.csv; the empty failure files are
// there, empty, and the manifest lists every file.
func TestExampleWritesReports(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	sum, err := execute(context.Background(), "../../testdata/answers/*", out, csat.FivePoint(), nil, false)
	if err != nil {
		t.Fatalf("run: %.2000s", err)
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
	for _, name := range []string{"failed.jsonl", "failedforms.jsonl"} {
		if b, err := os.ReadFile(filepath.Join(out, name)); err != nil || len(b) != 0 {
			t.Errorf("%s: %q, %v; want an empty file", name, b, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "forms")); !os.IsNotExist(err) {
		t.Errorf("forms written with no form: %v", err)
	}
	checkManifest(t, out, []string{"acme/2025Q1.json", "deadletter.jsonl", "failed.jsonl", "failedforms.jsonl", "globex/2025Q1.json", "initech/2025Q2.json", "summary.json"})
	if c := sum.Counters; c["files"] != 3 || c["reports"] != 3 || c["bad_rows"] != 6 || c["failed_keys"] != 0 {
		t.Errorf("counters %v, want 3 files, 3 reports, 6 bad rows", c)
	}
}

// checkManifest checks that out holds exactly want beside the manifest,
// and that the manifest lists them with their sizes and SHA-256, in
// order; it returns the manifest's bytes.
func checkManifest(t *testing.T, out string, want []string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, csatbeam.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m csatbeam.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var listed, onDisk []string
	for _, f := range m.Files {
		listed = append(listed, f.Path)
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("manifest lists %s: %v", f.Path, err)
			continue
		}
		if sum := sha256.Sum256(data); f.Bytes != int64(len(data)) || f.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: manifest says %d bytes, %s; the file has %d, %x", f.Path, f.Bytes, f.SHA256, len(data), sum)
		}
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if rel != csatbeam.ManifestName {
				onDisk = append(onDisk, filepath.ToSlash(rel))
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, listed); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, onDisk); diff != "" {
		t.Errorf("files in %s (-want +got):\n%s", out, diff)
	}
	if stale, _ := filepath.Glob(out + ".staging-*"); len(stale) != 0 {
		t.Errorf("staging left behind: %v", stale)
	}
	return b
}

// Over the sample of forms (testdata/forms), the example writes the
// report with the forms, their statistics (forms/acme/2025Q1.json: five
// forms, three in 华东) and the form whose rows disagree.
func TestExampleWritesForms(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if _, err := execute(context.Background(), "../../testdata/forms/*", out, csat.FivePoint(), nil, false); err != nil {
		t.Fatalf("run: %.2000s", err)
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

// A rerun into a used directory is refused and leaves it as it was;
// with replace, the previous run's files go (initech's report, which the
// new run has not) and the directory holds the new run alone; a
// directory with files no run wrote is refused even with replace.
func TestExampleRerun(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := execute(ctx, "../../testdata/answers/*", out, csat.FivePoint(), nil, false); err != nil {
		t.Fatalf("first run: %.2000s", err)
	}
	first, err := os.ReadFile(filepath.Join(out, csatbeam.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	_, err = execute(ctx, "../../testdata/answers/acme.csv", out, csat.FivePoint(), nil, false)
	if !errors.Is(err, csatbeam.ErrOutputUsed) || !strings.Contains(err.Error(), "previous run") {
		t.Fatalf("rerun without replace: %v, want ErrOutputUsed naming the previous run", err)
	}
	if again := checkManifest(t, out, []string{"acme/2025Q1.json", "deadletter.jsonl", "failed.jsonl", "failedforms.jsonl", "globex/2025Q1.json", "initech/2025Q2.json", "summary.json"}); string(again) != string(first) {
		t.Error("a refused rerun changed the manifest")
	}
	sum, err := execute(ctx, "../../testdata/answers/acme.csv", out, csat.FivePoint(), nil, true)
	if err != nil {
		t.Fatalf("rerun with replace: %.2000s", err)
	}
	checkManifest(t, out, []string{"acme/2025Q1.json", "deadletter.jsonl", "failed.jsonl", "failedforms.jsonl", "summary.json"})
	if _, err := os.Stat(filepath.Join(out, "initech")); !os.IsNotExist(err) {
		t.Errorf("the previous run's initech directory is still there: %v", err)
	}
	if sum.Counters["files"] != 1 || sum.Counters["reports"] != 1 {
		t.Errorf("counters %v, want 1 file and 1 report", sum.Counters)
	}
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = execute(ctx, "../../testdata/answers/acme.csv", out, csat.FivePoint(), nil, true)
	if !errors.Is(err, csatbeam.ErrOutputUsed) || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("replace over a file no run wrote: %v, want ErrOutputUsed naming notes.txt", err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt: %q, %v", b, err)
	}
}

// An input that matches nothing fails the job (RequireFiles, the
// example's default), and a failed job leaves the directory as it was:
// nothing written, no staging left; with --allow-no-files the run is
// committed with its empty outputs and a summary of no files.
func TestExampleEmptyGlob(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "out")
	empty := filepath.Join(t.TempDir(), "*.csv")
	_, err := execute(ctx, empty, out, csat.FivePoint(), &csatbeam.Options{RequireFiles: true}, false)
	if err == nil {
		t.Fatal("a glob matching nothing: the job succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed job wrote %s: %v", out, err)
	}
	if stale, _ := filepath.Glob(out + ".staging-*"); len(stale) != 0 {
		t.Errorf("staging left behind: %v", stale)
	}
	sum, err := execute(ctx, empty, out, csat.FivePoint(), nil, false)
	if err != nil {
		t.Fatalf("allowed empty input: %.2000s", err)
	}
	checkManifest(t, out, []string{"deadletter.jsonl", "failed.jsonl", "failedforms.jsonl", "summary.json"})
	if sum.Counters["files"] != 0 || sum.Counters["lines"] != 0 {
		t.Errorf("counters %v, want no file, no line", sum.Counters)
	}
}

// Overflow in one key of three: the example's run succeeds, failed.jsonl
// names the key, the cell and the overflow, and the two other keys have
// their reports.
func TestExampleOverflowInOneKey(t *testing.T) {
	in := t.TempDir()
	const max = "18446744073709551615" // 2⁶⁴ − 1
	for name, text := range map[string]string{
		"a.csv": "company,period,item,source,level,count\nacme,Q1,功能,survey,满意,2\nglobex,Q1,功能,survey,很满意," + max + "\n",
		"b.csv": "company,period,item,source,level,count\nglobex,Q1,功能,survey,很满意,1\ninitech,Q1,外观,survey,满意,3\n",
	} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	sum, err := execute(context.Background(), filepath.Join(in, "*"), out, csat.FivePoint(), nil, false)
	if err != nil {
		t.Fatalf("run: %.2000s", err)
	}
	checkManifest(t, out, []string{"acme/Q1.json", "deadletter.jsonl", "failed.jsonl", "failedforms.jsonl", "initech/Q1.json", "summary.json"})
	b, err := os.ReadFile(filepath.Join(out, "failed.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Company, Period, Error string }
	if err := json.Unmarshal(b, &f); err != nil || f.Company != "globex" || f.Period != "Q1" ||
		!strings.Contains(f.Error, `cell "功能"/"survey"`) || !strings.Contains(f.Error, csat.ErrOverflow.Error()) {
		t.Errorf("failed.jsonl %s (%v), want globex's overflow of 功能/survey", b, err)
	}
	if c := sum.Counters; c["failed_keys"] != 1 || c["reports"] != 2 {
		t.Errorf("counters %v, want 1 failed key and 2 reports", c)
	}
}
