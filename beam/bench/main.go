// Bench measures the throughput of the Beam pipeline on the local Prism
// runner next to the single-process path, over the same generated
// answers:
//
//	go run ./bench -answers 10000000 -dir /tmp/csat-bench
//
// It writes the answers twice: in the pipeline's format (company and
// period columns, spread round-robin over -files files) and, per company
// and period, in the library's format (item,source,level,count). It then
// times (1) the single-process path, csat.ReadTableCSV of each key's file,
// analysis.Build and json.Marshal, one key after the other, and (2) the
// pipeline (csatbeam.Read, KeyByCompanyPeriod, CombineTables, Reports,
// WriteReports) on Prism, and checks that both wrote the same report
// bytes. -max-count > 1 makes each row carry 1..max-count answers (the
// count column), so rows and answers differ.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	csatbeam "github.com/csatkit/csat/beam"
)

var (
	answers   = flag.Int64("answers", 10_000_000, "answers to generate")
	companies = flag.Int("companies", 20, "companies (each with 2 periods)")
	files     = flag.Int("files", 16, "pipeline input files")
	maxCount  = flag.Uint64("max-count", 1, "answers per row: uniform in 1..max-count")
	dir       = flag.String("dir", "", "work directory (required; it is overwritten)")
	profile   = flag.String("cpuprofile", "", "write CPU profiles of the pipeline runs to this file name + .files and .rows")
)

var (
	periods = []string{"2025H1", "2025H2"}
	items   = []string{"功能", "外观", "包装", "交货期", "服务质量"}
	sources = []string{csat.SourceSurvey, csat.SourceSurvey, csat.SourceSurvey, csat.SourceSelf}
	levels  = []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
)

type key struct{ company, period string }

// generate writes the answers and returns the number of rows.
func generate(in, single string) (int64, []key, error) {
	r := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // reproducible test data, not a secret
	var keys []key
	out := map[key]*bufio.Writer{}
	var closers []*os.File
	for c := range *companies {
		for _, p := range periods {
			k := key{fmt.Sprintf("company%02d", c), p}
			f, err := os.Create(filepath.Join(single, k.company+"-"+k.period+".csv")) //nolint:gosec // under the -dir the user gave
			if err != nil {
				return 0, nil, err
			}
			closers = append(closers, f)
			w := bufio.NewWriterSize(f, 1<<20)
			if _, err := w.WriteString("item,source,level,count\n"); err != nil {
				return 0, nil, err
			}
			out[k], keys = w, append(keys, k)
		}
	}
	pw := make([]*bufio.Writer, *files)
	for i := range pw {
		f, err := os.Create(filepath.Join(in, fmt.Sprintf("answers-%03d.csv", i))) //nolint:gosec // under the -dir the user gave
		if err != nil {
			return 0, nil, err
		}
		closers = append(closers, f)
		pw[i] = bufio.NewWriterSize(f, 1<<20)
		if _, err := pw[i].WriteString("company,period,item,source,level,count\n"); err != nil {
			return 0, nil, err
		}
	}
	var rows int64
	for n := int64(0); n < *answers; rows++ {
		k := keys[r.IntN(len(keys))]
		c := uint64(1)
		if *maxCount > 1 {
			c = 1 + r.Uint64N(*maxCount)
		}
		if rest := uint64(*answers - n); c > rest { //nolint:gosec // n < answers here
			c = rest
		}
		n += int64(c) //nolint:gosec // c ≤ answers, an int64
		row := fmt.Sprintf("%s,%s,%s,%d\n", items[r.IntN(len(items))], sources[r.IntN(len(sources))], levels[r.IntN(len(levels))], c)
		if _, err := pw[rows%int64(len(pw))].WriteString(k.company + "," + k.period + "," + row); err != nil {
			return 0, nil, err
		}
		if _, err := out[k].WriteString(row); err != nil {
			return 0, nil, err
		}
	}
	for _, w := range pw {
		if err := w.Flush(); err != nil {
			return 0, nil, err
		}
	}
	for _, w := range out {
		if err := w.Flush(); err != nil {
			return 0, nil, err
		}
	}
	for _, f := range closers {
		if err := f.Close(); err != nil {
			return 0, nil, err
		}
	}
	return rows, keys, nil
}

// singleProcess scores each key's file one after the other; it returns
// the time spent reading (ReadTableCSV).
func singleProcess(single, reports string, keys []key) (time.Duration, error) {
	var reading time.Duration
	for _, k := range keys {
		start := time.Now()
		f, err := os.Open(filepath.Join(single, k.company+"-"+k.period+".csv")) //nolint:gosec // under the -dir the user gave
		if err != nil {
			return 0, err
		}
		t, err := csat.ReadTableCSV(bufio.NewReaderSize(f, 1<<20), csat.FivePoint(), nil)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, err
		}
		reading += time.Since(start)
		rep, err := analysis.Build(analysis.Input{Period: k.period, Table: t})
		if err != nil {
			return 0, err
		}
		b, err := json.Marshal(rep)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(reports, k.company+"-"+k.period+".json"), append(b, '\n'), 0o600); err != nil {
			return 0, err
		}
	}
	return reading, nil
}

// pipeline runs the pipeline: with perFile, csatbeam.ReadTables (tables
// counted per file, then merged); otherwise csatbeam.Read,
// KeyByCompanyPeriod and CombineTables (the CombineFn per answer row).
func pipeline(in, out string, perFile bool) error {
	p, s := beam.NewPipelineWithRoot()
	var tables, bad beam.PCollection
	if perFile {
		var failedTables beam.PCollection
		tables, bad, failedTables = csatbeam.ReadTables(s, csat.FivePoint(), filepath.Join(in, "*.csv"), nil)
		beam.ParDo0(s, failReport, failedTables)
	} else {
		var as beam.PCollection
		as, bad = csatbeam.Read(s, csat.FivePoint(), filepath.Join(in, "*.csv"), nil)
		var failedTables beam.PCollection
		tables, failedTables = csatbeam.CombineTables(s, csat.FivePoint(), csatbeam.KeyByCompanyPeriod(s, as))
		beam.ParDo0(s, failReport, failedTables)
	}
	reports, failed := csatbeam.Reports(s, tables, nil)
	csatbeam.WriteReports(s, out, reports)
	beam.ParDo0(s, failRow, bad)
	beam.ParDo0(s, failReport, failed)
	return beamx.Run(context.Background(), p)
}

// failRow and failReport fail the job: the generated data has no bad
// row, and every key has survey answers.
func failRow(b csatbeam.BadRow) error { return fmt.Errorf("bench: bad row %+v", b) }

func failReport(k csatbeam.Key, msg string) error { return fmt.Errorf("bench: report %v: %s", k, msg) }

func init() {
	beam.RegisterFunction(failRow)
	beam.RegisterFunction(failReport)
}

// rate prints n per d in millions per second, to two places (integer
// arithmetic: n < 2⁶³ / 10⁹ here).
func rate(n int64, d time.Duration) string {
	perSec := n * int64(time.Second) / max(d.Nanoseconds(), 1) // n × 10⁹ fits in an int64 for n < 9.2 × 10⁹
	return fmt.Sprintf("%d.%02d M/s", perSec/1_000_000, perSec%1_000_000/10_000)
}

func run() error {
	flag.Parse()
	beam.Init()
	if *dir == "" {
		return errors.New("bench: -dir is required")
	}
	in, single, r1, r2 := filepath.Join(*dir, "in"), filepath.Join(*dir, "single"), filepath.Join(*dir, "reports-single"), filepath.Join(*dir, "reports-beam")
	if err := os.RemoveAll(*dir); err != nil {
		return err
	}
	for _, d := range []string{in, single, r1, r2} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return err
		}
	}
	start := time.Now()
	rows, keys, err := generate(in, single)
	if err != nil {
		return err
	}
	log.Printf("generated %d answers in %d rows, %d keys, %d files in %v", *answers, rows, len(keys), *files, time.Since(start).Round(time.Millisecond))

	start = time.Now()
	reading, err := singleProcess(single, r1, keys)
	if err != nil {
		return err
	}
	ds := time.Since(start)
	fmt.Printf("%d answers, %d rows, %d keys, %d files, GOMAXPROCS %d\n", *answers, rows, len(keys), *files, runtime.GOMAXPROCS(0))
	fmt.Printf("single process (ReadTableCSV, analysis.Build):  %9v  %s rows  %s answers  (of which reading %v)\n",
		ds.Round(time.Millisecond), rate(rows, ds), rate(*answers, ds), reading.Round(time.Millisecond))
	for _, perFile := range []bool{true, false} {
		if err := runPipeline(in, r1, r2, keys, rows, perFile); err != nil {
			return err
		}
	}
	return nil
}

// runPipeline times one pipeline and checks its reports against the
// single-process ones.
func runPipeline(in, r1, r2 string, keys []key, rows int64, perFile bool) error {
	if err := os.RemoveAll(r2); err != nil {
		return err
	}
	if *profile != "" {
		suffix := ".rows"
		if perFile {
			suffix = ".files"
		}
		f, err := os.Create(*profile + suffix)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }() // the profile is best effort
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start := time.Now()
	if err := pipeline(in, r2, perFile); err != nil {
		return err
	}
	dp := time.Since(start)
	pprof.StopCPUProfile()
	for _, k := range keys {
		a, err := os.ReadFile(filepath.Join(r1, k.company+"-"+k.period+".json")) //nolint:gosec // under the -dir the user gave
		if err != nil {
			return err
		}
		b, err := os.ReadFile(csatbeam.ReportPath(r2, csatbeam.Key{Company: k.company, Period: k.period}))
		if err != nil {
			return err
		}
		if !bytes.Equal(a, b) {
			return fmt.Errorf("bench: the reports of %v differ", k)
		}
	}
	name := "Beam on Prism, Read + CombineTables:       "
	if perFile {
		name = "Beam on Prism, ReadTables (per-file tables):"
	}
	fmt.Printf("%s %9v  %s rows  %s answers  (reports byte-identical)\n", name, dp.Round(time.Millisecond), rate(rows, dp), rate(*answers, dp))
	return nil
}

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}
