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
// (companies and periods whose report could not be built). See
// ../../README.md for Dataflow, Flink and Spark.
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
	allowNone = flag.Bool("allow-no-files", false, "let an --input that matches no file be a run that reads nothing (by default it fails the job)")
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
	tables := csatbeam.CombineTables(s, sc, csatbeam.KeyByCompanyPeriod(s, counted))
	stats := csatbeam.CombineForms(s, sc, forms)
	reports, failed := csatbeam.FormReports(s, tables, stats, nil)
	out = strings.TrimSuffix(out, "/")
	csatbeam.WriteReports(s, out, reports)
	csatbeam.WriteForms(s, out+"/forms", stats)
	textio.Write(s, out+"/deadletter.jsonl", beam.ParDo(s, badRowJSON, bad))
	textio.Write(s, out+"/failedforms.jsonl", beam.ParDo(s, failedFormJSON, failedForms))
	textio.Write(s, out+"/failed.jsonl", beam.ParDo(s, failureJSON, failed))
}

func run() error {
	flag.Parse()
	beam.Init()
	if *input == "" || *output == "" {
		return errors.New("reports: --input and --output are required")
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
	p, s := beam.NewPipelineWithRoot()
	build(s, *input, *output, sc, &opts)
	return beamx.Run(context.Background(), p)
}

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}
