// Reports scores many companies' surveys on Apache Beam: it reads survey
// answers (the long CSV format with company and period columns, or JSON
// lines) from files, puts the rows of each returned form together (rows
// with a form id, in any file), counts answers and forms per company and
// period, and writes one report per company and period as JSON, with the
// same bytes the single-process library gives; every bad line goes to a
// dead letter file with its file, line number and error.
//
// Locally, on the Prism runner (from the beam directory):
//
//	go run ./examples/reports --input 'testdata/answers/*' --output /tmp/csat-reports
//
// writes /tmp/csat-reports/COMPANY/PERIOD.json per company and period,
// /tmp/csat-reports/forms/COMPANY/PERIOD.json (the statistics of the
// returned forms, when there are forms), /tmp/csat-reports/deadletter.jsonl
// (the bad lines, one JSON object each), /tmp/csat-reports/failedforms.jsonl
// (forms whose rows disagree) and /tmp/csat-reports/failed.jsonl
// (companies and periods whose report could not be built, with the
// reason), summary.json (the run's counters) and, last, manifest.json
// (every file of the run with its size and SHA-256). The pipeline writes
// into a staging directory beside --output, and the files are moved into
// place only when the job has succeeded; an --output that holds files
// is refused, unless it holds a previous run and --replace is given.
// See ../../README.md for Dataflow, Flink and Spark.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/csatkit/csat"
	csatbeam "github.com/csatkit/csat/beam"
)

var (
	input     = flag.String("input", "", "files to read: a path or glob of any Beam file system (required)")
	output    = flag.String("output", "", "directory to write the reports to (required)")
	scale     = flag.String("scale", "five-point", "answer scale: five-point, pvc-bands or nps")
	format    = flag.String("format", "auto", "line format: auto (by file extension), csv or json")
	encoding  = flag.String("encoding", "auto", "CSV encoding: auto (each file's guessed, as the csat command does), utf-8 or gbk; JSON lines are UTF-8")
	segments  = flag.String("segments", "", "more segment columns, comma-separated (beside 地区, 行业, 规模, ABC)")
	skip      = flag.String("skip", "", "more columns not to read, comma-separated (beside 提交时间, 序号, IP, notes, …)")
	allowNone = flag.Bool("allow-no-files", false, "let an --input that matches no file be a run that reads nothing (by default it fails the job)")
	replace   = flag.Bool("replace", false, "replace the previous run in --output (by default an --output that holds files is refused)")
)

func init() {
	register.Function1x2(badRowJSON)
	register.Function2x2(failureJSON)
	register.Function1x2(failedFormJSON)
}

// scales are the scales the example offers by name.
var scales = map[string]*csat.Scale{
	"five-point": csat.FivePoint(),
	"pvc-bands":  csat.PVCBands(),
	"nps":        csat.NPSScale(),
}

// badRowJSON writes a bad row as one JSON line of the dead letter.
func badRowJSON(b csatbeam.BadRow) (string, error) {
	j, err := json.Marshal(b)
	return string(j), err
}

// failureJSON writes a report that could not be built as one JSON line.
func failureJSON(k csatbeam.Key, msg string) (string, error) {
	j, err := json.Marshal(struct {
		csatbeam.Key
		Err string `json:"error"`
	}{k, msg})
	return string(j), err
}

// failedFormJSON writes a form whose rows disagree as one JSON line.
func failedFormJSON(f csatbeam.FailedForm) (string, error) {
	j, err := json.Marshal(f)
	return string(j), err
}

// build adds the pipeline to s.
func build(s beam.Scope, in, out string, sc *csat.Scale, opts *csatbeam.Options) {
	answers, bad := csatbeam.Read(s, sc, in, opts)
	counted, forms, failedForms := csatbeam.AssembleForms(s, sc, answers, opts)
	tables, failedTables := csatbeam.CombineTables(s, sc, csatbeam.KeyByCompanyPeriod(s, counted))
	stats := csatbeam.CombineForms(s, sc, forms)
	reports, failed := csatbeam.FormReports(s, tables, stats, failedTables, nil)
	out = strings.TrimSuffix(out, "/")
	csatbeam.WriteReports(s, out, reports)
	csatbeam.WriteForms(s, out+"/forms", stats)
	textio.Write(s, out+"/"+deadLetterFile, beam.ParDo(s, badRowJSON, bad))
	textio.Write(s, out+"/"+failedFormsFile, beam.ParDo(s, failedFormJSON, failedForms))
	textio.Write(s, out+"/"+failedFile, beam.ParDo(s, failureJSON, failed))
}

// The files of every run, written empty when they have no line.
const (
	deadLetterFile  = "deadletter.jsonl"
	failedFormsFile = "failedforms.jsonl"
	failedFile      = "failed.jsonl"
)

// execute builds the pipeline into a staging directory beside out, runs
// it, and moves its files into out once it has succeeded.
func execute(ctx context.Context, in, out string, sc *csat.Scale, opts *csatbeam.Options, replace bool) (csatbeam.Summary, error) {
	o, err := csatbeam.OpenOutput(ctx, out, &csatbeam.OutputOptions{Replace: replace, Files: []string{deadLetterFile, failedFormsFile, failedFile}})
	if err != nil {
		return csatbeam.Summary{}, err
	}
	p, s := beam.NewPipelineWithRoot()
	build(s, in, o.Staging(), sc, opts)
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		if aerr := o.Abort(ctx); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return csatbeam.Summary{}, err
	}
	sum := csatbeam.SummaryOf(in, res)
	_, err = o.Commit(ctx, sum)
	return sum, err
}

func run() error {
	flag.Parse()
	beam.Init()
	if *input == "" || *output == "" {
		return errors.New("reports: --input and --output are required")
	}
	if *jobopts.Async {
		return errors.New("reports: --async (--execute_async) returns before the job ends, and the run is moved into --output only once the job has succeeded: run without it")
	}
	sc, ok := scales[*scale]
	if !ok {
		return fmt.Errorf("reports: unknown --scale %q (want five-point, pvc-bands or nps)", *scale)
	}
	opts := csatbeam.Options{RequireFiles: !*allowNone}
	if err := opts.Format.UnmarshalText([]byte(*format)); err != nil {
		return err
	}
	if err := opts.Encoding.UnmarshalText([]byte(*encoding)); err != nil {
		return err
	}
	if *segments != "" {
		opts.Segments = strings.Split(*segments, ",")
	}
	if *skip != "" {
		opts.Skip = strings.Split(*skip, ",")
	}
	sum, err := execute(context.Background(), *input, *output, sc, &opts, *replace)
	if err != nil {
		return err
	}
	c := sum.Counters
	if c["lines"] == 0 {
		log.Printf("reports: warning: %q gave no line of data (%d files, %d of them empty or a header alone): the run has no report", *input, c["files"], c["empty_files"])
	} else if c["empty_files"] > 0 {
		log.Printf("reports: warning: %d of the %d files have no line of data (empty, or a header alone)", c["empty_files"], c["files"])
	}
	log.Printf("reports: %d files, %d lines: %d reports, %d keys failed, %d bad rows, %d forms, %d failed forms; %s/%s lists the outputs",
		c["files"], c["lines"], c["reports"], c["failed_keys"], c["bad_rows"], c["forms"], c["failed_forms"], strings.TrimSuffix(*output, "/"), csatbeam.ManifestName)
	return nil
}

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}
