package csatbeam

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// The pipeline benchmark's input: benchAnswers answers, one per row, of
// 4 companies × 2 periods (8 reports), spread round-robin over
// benchFiles CSV files, as the harness (go run ./bench -answers 2000000
// -companies 4) generates them.
const (
	benchAnswers = 2_000_000
	benchFiles   = 16
)

var (
	benchPeriods = []string{"2025H1", "2025H2"}
	benchItems   = []string{"功能", "外观", "包装", "交货期", "服务质量"}
	benchSources = []string{csat.SourceSurvey, csat.SourceSurvey, csat.SourceSurvey, csat.SourceSelf}
	benchLevels  = []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
)

func init() {
	register.Function1x1(benchBadRow)
	register.Function2x1(benchFailure)
	register.Function1x1(benchFailedForm)
}

// benchBadRow, benchFailure and benchFailedForm fail the job: the
// benchmark's answers have no bad row, every key has survey answers and
// there is no form.
func benchBadRow(b BadRow) error { return fmt.Errorf("bad row %+v", b) }

func benchFailure(k Key, msg string) error { return fmt.Errorf("report %v: %s", k, msg) }

func benchFailedForm(f FailedForm) error { return fmt.Errorf("form %+v", f) }

// benchData returns the directory of the benchmark's input (in/) and of
// the single-process reports of its 8 keys (want/COMPANY-PERIOD.json:
// the tables counted with csat.Table.AddN as the rows are drawn, then
// analysis.Build and json.Marshal), generating them once per machine
// under the temporary directory.
func benchData(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "csatbeam-bench-"+strconv.Itoa(benchAnswers)+"-v1")
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	for _, d := range []string{"in", "want"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o750); err != nil {
			b.Fatal(err)
		}
	}
	if err := generateBench(dir); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "done"), nil, 0o600); err != nil {
		b.Fatal(err)
	}
	return dir
}

// generateBench writes the input files and the expected reports.
func generateBench(dir string) error {
	r := rand.New(rand.NewPCG(1, 2))
	var keys []Key
	tables := map[Key]*csat.Table{}
	for c := range 4 {
		for _, p := range benchPeriods {
			k := Key{Company: fmt.Sprintf("company%02d", c), Period: p}
			keys, tables[k] = append(keys, k), csat.NewTable(csat.FivePoint())
		}
	}
	files := make([]*os.File, benchFiles)
	ws := make([]*bufio.Writer, benchFiles)
	for i := range files {
		f, err := os.Create(filepath.Join(dir, "in", fmt.Sprintf("answers-%03d.csv", i)))
		if err != nil {
			return err
		}
		files[i], ws[i] = f, bufio.NewWriterSize(f, 1<<20)
		if _, err := ws[i].WriteString("company,period,item,source,level,count\n"); err != nil {
			return err
		}
	}
	for n := range benchAnswers {
		k := keys[r.IntN(len(keys))]
		item, src, lvl := r.IntN(len(benchItems)), r.IntN(len(benchSources)), r.IntN(len(benchLevels))
		if _, err := fmt.Fprintf(ws[n%benchFiles], "%s,%s,%s,%s,%s,1\n", k.Company, k.Period, benchItems[item], benchSources[src], benchLevels[lvl]); err != nil {
			return err
		}
		if err := tables[k].AddN(benchItems[item], benchSources[src], lvl, 1); err != nil {
			return err
		}
	}
	for i, w := range ws {
		if err := errors.Join(w.Flush(), files[i].Close()); err != nil {
			return err
		}
	}
	for _, k := range keys {
		rep, err := analysis.Build(analysis.Input{Period: k.Period, Table: tables[k]})
		if err != nil {
			return err
		}
		j, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "want", k.Company+"-"+k.Period+".json"), append(j, '\n'), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// benchPipelines are the pipelines the benchmark times, each from the
// files to the reports written: ReadTables (tables counted per file),
// Read (CombineTables over every answer row) and Forms (the example's
// pipeline: Read, AssembleForms, CombineTables, CombineForms and
// FormReports).
var benchPipelines = []struct {
	name  string
	build func(s beam.Scope, sc *csat.Scale, glob, out string)
}{
	{"ReadTables", func(s beam.Scope, sc *csat.Scale, glob, out string) {
		tables, bad, failedTables := ReadTables(s, sc, glob, nil)
		reports, failed := Reports(s, tables, nil)
		beam.ParDo0(s, benchFailure, failedTables)
		WriteReports(s, out, reports)
		beam.ParDo0(s, benchBadRow, bad)
		beam.ParDo0(s, benchFailure, failed)
	}},
	{"Read", func(s beam.Scope, sc *csat.Scale, glob, out string) {
		answers, bad := Read(s, sc, glob, nil)
		tables, failedTables := CombineTables(s, sc, KeyByCompanyPeriod(s, answers))
		reports, failed := Reports(s, tables, nil)
		beam.ParDo0(s, benchFailure, failedTables)
		WriteReports(s, out, reports)
		beam.ParDo0(s, benchBadRow, bad)
		beam.ParDo0(s, benchFailure, failed)
	}},
	{"Forms", func(s beam.Scope, sc *csat.Scale, glob, out string) {
		answers, bad := Read(s, sc, glob, nil)
		counted, forms, failedForms := AssembleForms(s, sc, answers, nil)
		stats := CombineForms(s, sc, forms)
		tables, failedTables := CombineTables(s, sc, KeyByCompanyPeriod(s, counted))
		reports, failed := FormReports(s, tables, stats, failedTables, nil)
		WriteReports(s, out, reports)
		WriteForms(s, out+"/forms", stats)
		beam.ParDo0(s, benchBadRow, bad)
		beam.ParDo0(s, benchFailedForm, failedForms)
		beam.ParDo0(s, benchFailure, failed)
	}},
}

// BenchmarkPipeline runs each pipeline on Prism, in process, over 2 M
// answers to the 8 reports written, and reports answers/s (by the wall
// clock), the process's CPU time per run (cpu-ms/op: on a machine
// shared with other jobs, the wall time depends on them) and answers per
// second of that CPU time (answers/cpu-s: what one worker with one core
// would sustain, Beam's and Prism's own work included); the reports must
// be the bytes of the single-process path. Each run takes seconds:
//
//	go test -run '^$' -bench Pipeline -benchtime 1x -count 6 .
func BenchmarkPipeline(b *testing.B) {
	dir := benchData(b)
	sc := csat.FivePoint()
	for _, bp := range benchPipelines {
		b.Run(bp.name, func(b *testing.B) {
			var out string
			var elapsed, cpu time.Duration
			for b.Loop() {
				out = filepath.Join(b.TempDir(), "reports")
				p, s := beam.NewPipelineWithRoot()
				bp.build(s, sc, filepath.Join(dir, "in", "*.csv"), out)
				start, startCPU := time.Now(), cpuTime()
				if err := ptest.Run(p); err != nil {
					b.Fatalf("pipeline: %s", cut(err))
				}
				elapsed, cpu = elapsed+time.Since(start), cpu+cpuTime()-startCPU
			}
			b.ReportMetric(float64(benchAnswers)*float64(b.N)/elapsed.Seconds(), "answers/s")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
			if cpu > 0 {
				b.ReportMetric(float64(benchAnswers)*float64(b.N)/cpu.Seconds(), "answers/cpu-s")
			}
			checkBenchReports(b, dir, out)
		})
	}
}

// checkBenchReports checks the reports written to out against the
// single-process ones.
func checkBenchReports(b *testing.B, dir, out string) {
	b.Helper()
	want, err := filepath.Glob(filepath.Join(dir, "want", "*.json"))
	if err != nil || len(want) != 8 {
		b.Fatalf("want 8 expected reports, have %d (%v)", len(want), err)
	}
	for c := range 4 {
		for _, p := range benchPeriods {
			k := Key{Company: fmt.Sprintf("company%02d", c), Period: p}
			w, err := os.ReadFile(filepath.Join(dir, "want", k.Company+"-"+k.Period+".json"))
			if err != nil {
				b.Fatal(err)
			}
			g, err := os.ReadFile(ReportPath(out, k))
			if err != nil {
				b.Fatal(err)
			}
			if !bytes.Equal(g, w) {
				b.Fatalf("the report of %v differs from one process's", k)
			}
		}
	}
}
