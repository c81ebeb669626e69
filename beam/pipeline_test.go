package csatbeam

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

func mustJSON(t fataler, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func tableHex(t fataler, tb *csat.Table) string {
	t.Helper()
	b, err := tb.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// cut shortens a pipeline error (Prism's carry the whole bundle
// descriptor) for a test's message.
func cut(err error) string {
	s := err.Error()
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// The committed sample (testdata/answers: the library's
// testdata/survey.csv as company acme in CSV and as globex in JSON lines,
// and bad.csv) gives, per company and period, the tables and the report
// bytes of the single-process path, and the dead letter holds exactly
// the bad lines of bad.csv with their line numbers.
func TestSampleData(t *testing.T) {
	survey, err := os.ReadFile("../testdata/survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	fp := csat.FivePoint()
	acmeTable, acmeReport, err := singleReport(t, fp, "2025Q1", string(survey))
	if err != nil {
		t.Fatal(err)
	}
	// bad.csv's two good lines, 2 and 10, in the library's format.
	initechTable, initechReport, err := singleReport(t, fp, "2025Q2", "item,source,level,count\n功能,survey,很满意,2\n外观,survey,不满意,1\n")
	if err != nil {
		t.Fatal(err)
	}

	p, s := beam.NewPipelineWithRoot()
	answers, bad := Read(s, fp, "testdata/answers/*", nil)
	tables, failedTables := CombineTables(s, fp, KeyByCompanyPeriod(s, answers))
	passert.Empty(s, failedTables)
	reports, failed := Reports(s, tables, nil)
	passert.Equals(s, beam.ParDo(s, reportString, reports),
		"acme|2025Q1|"+acmeReport, "globex|2025Q1|"+acmeReport, "initech|2025Q2|"+initechReport)
	passert.Equals(s, beam.ParDo(s, tableString, tables),
		"acme|2025Q1|"+tableHex(t, acmeTable), "globex|2025Q1|"+tableHex(t, acmeTable), "initech|2025Q2|"+tableHex(t, initechTable))
	passert.Empty(s, failed)
	passert.Equals(s, beam.ParDo(s, badRowString, bad),
		"bad.csv:3:unknown level",    // great
		"bad.csv:4:invalid argument", // count -1
		"bad.csv:5:invalid argument", // empty item
		"bad.csv:6:malformed input",  // 5 fields under a 6-column header
		"bad.csv:8:malformed input",  // a quoted field left open
		"bad.csv:9:count overflow",   // 2⁶⁴
	)
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
}

// A count that passes 2⁶⁴ − 1 fails its key, not the job: whether the
// two counts meet in one accumulator (one file) or when accumulators
// merge (two files), by Read and CombineTables or by ReadTables, the
// key is a failure naming the cell and the overflow, the same words
// each way, and the two other keys have their single-process reports.
func TestOverflowFailsOneKeyOfThree(t *testing.T) {
	const max = "18446744073709551615" // 2⁶⁴ − 1
	const others = "globex,Q1,功能,survey,满意,2\ninitech,Q1,外观,survey,很满意,1\n"
	// The failure, written out: the cell, then csat.ErrOverflow's words.
	const wantErr = `csatbeam: count: csat: cell "功能"/"survey": the answers of one level number more than 18446744073709551615 (2⁶⁴ − 1): count overflow`
	_, globex, err := singleReport(t, csat.FivePoint(), "Q1", "item,source,level,count\n功能,survey,满意,2\n")
	if err != nil {
		t.Fatal(err)
	}
	_, initech, err := singleReport(t, csat.FivePoint(), "Q1", "item,source,level,count\n外观,survey,很满意,1\n")
	if err != nil {
		t.Fatal(err)
	}
	for name, files := range map[string][]string{
		"one file":  {"company,period,item,source,level,count\nacme,Q1,功能,survey,很满意," + max + "\n" + others + "acme,Q1,功能,survey,很满意,1\n"},
		"two files": {"company,period,item,source,level,count\nacme,Q1,功能,survey,很满意," + max + "\n" + others, `{"company":"acme","period":"Q1","item":"功能","source":"survey","level":"very_satisfied","count":1}` + "\n"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for i, text := range files {
				ext := ".csv"
				if strings.HasPrefix(text, "{") {
					ext = ".jsonl"
				}
				writeFile(t, filepath.Join(dir, string(rune('a'+i))+ext), text)
			}
			p, s := beam.NewPipelineWithRoot()
			for _, read := range []string{"Read", "ReadTables"} {
				s := s.Scope(read)
				var tables, failedTables beam.PCollection
				if read == "Read" {
					answers, _ := Read(s, csat.FivePoint(), filepath.Join(dir, "*"), nil)
					tables, failedTables = CombineTables(s, csat.FivePoint(), KeyByCompanyPeriod(s, answers))
				} else {
					tables, _, failedTables = ReadTables(s, csat.FivePoint(), filepath.Join(dir, "*"), nil)
				}
				reports, failed := Reports(s, tables, nil)
				passert.Equals(s, beam.ParDo(s, reportString, reports), "globex|Q1|"+globex, "initech|Q1|"+initech)
				passert.Empty(s, failed)
				passert.Equals(s, beam.ParDo(s, failureString, failedTables), "acme|Q1|"+wantErr)
			}
			res, err := ptest.RunWithMetrics(p)
			if err != nil {
				t.Fatalf("pipeline: %s", cut(err))
			}
			if got := counters(res); got["failed_keys"] != 2 || got["reports"] != 4 {
				t.Errorf("counters %v, want 2 failed keys and 4 reports (two pipelines)", got)
			}
		})
	}
}

// A scorer that panics fails its key with the panic's value, not the
// job: the other key has its report.
func TestPanickingScorerFailsOneKey(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), "company,period,item,source,level\nacme,Q1,功能,survey,满意\nglobex,Q1,功能,survey,满意\n")
	tb, _, err := singleReport(t, csat.FivePoint(), "Q1", "item,source,level\n功能,survey,满意\n")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Build(analysis.Input{Period: "Q1", Table: tb, Headlines: []analysis.Headline{{Scorer: csat.Rate{}}}})
	if err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	answers, _ := Read(s, csat.FivePoint(), filepath.Join(dir, "*"), nil)
	tables, failedTables := CombineTables(s, csat.FivePoint(), KeyByCompanyPeriod(s, answers))
	passert.Empty(s, failedTables)
	reports, failed := Reports(s, tables, &ReportOptions{Input: panickyInput})
	passert.Equals(s, beam.ParDo(s, reportString, reports), "acme|Q1|"+mustJSON(t, rep))
	passert.Equals(s, beam.ParDo(s, failureString, failed), "globex|Q1|csatbeam: report: panic while building the report: boom at globex")
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
}

// Answers keyed by a key of the user's own (the company alone, a string)
// and scored by the user's InputFunc (the rate only, a period name of its
// own) give the single-process report of the same input.
func TestUserKeyAndInput(t *testing.T) {
	survey, err := os.ReadFile("../testdata/survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := csat.ReadTableCSV(strings.NewReader(string(survey)), csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Build(analysis.Input{Period: "2025 acme", Table: tb, Headlines: []analysis.Headline{{Scorer: csat.Rate{}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := mustJSON(t, rep)
	if !strings.Contains(want, `"period":"2025 acme"`) {
		t.Fatalf("the expected report is not the user's: %.200s", want)
	}

	p, s := beam.NewPipelineWithRoot()
	answers, _ := Read(s, csat.FivePoint(), "testdata/answers/acme.csv", nil)
	tables, failedTables := CombineTables(s, csat.FivePoint(), beam.ParDo(s, keyByCompany, answers))
	passert.Empty(s, failedTables)
	reports, failed := Reports(s, tables, &ReportOptions{Input: companyInput})
	passert.Equals(s, beam.ParDo(s, stringKeyReport, reports), "acme|"+want)
	passert.Empty(s, failed)
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
}

// A key whose report cannot be built (no survey answers: csat.ErrEmpty)
// is a failure beside the other keys' reports, not a failed job.
func TestReportFailureDoesNotStopTheJob(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), "company,period,item,source,level\nacme,Q1,功能,self,满意\nglobex,Q1,功能,survey,满意\n")
	_, _, wantErr := singleReport(t, csat.FivePoint(), "Q1", "item,source,level\n功能,self,满意\n")
	if wantErr == nil {
		t.Fatal("the single-process path built a report without survey answers")
	}
	_, globex, err := singleReport(t, csat.FivePoint(), "Q1", "item,source,level\n功能,survey,满意\n")
	if err != nil {
		t.Fatal(err)
	}

	p, s := beam.NewPipelineWithRoot()
	answers, _ := Read(s, csat.FivePoint(), filepath.Join(dir, "*"), nil)
	tables, failedTables := CombineTables(s, csat.FivePoint(), KeyByCompanyPeriod(s, answers))
	passert.Empty(s, failedTables)
	reports, failed := Reports(s, tables, nil)
	passert.Equals(s, beam.ParDo(s, reportString, reports), "globex|Q1|"+globex)
	passert.Equals(s, beam.ParDo(s, failureString, failed), "acme|Q1|"+wantErr.Error())
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatalf("pipeline: %s", cut(err))
	}
	got := counters(res)
	if got["reports"] != 1 || got["failed_keys"] != 1 {
		t.Errorf("counters reports %d, failed_keys %d; want 1 and 1", got["reports"], got["failed_keys"])
	}
}
