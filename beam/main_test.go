package csatbeam

import (
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// pipelineChecks is the number of random pipelines the rapid properties
// that run on Prism try when -rapid.checks is not given: each is a whole
// pipeline (about a third of a second), so CI keeps to a few.
const pipelineChecks = 12

// checksGiven is whether -rapid.checks was given.
var checksGiven bool

// formPipelineChecks is the number of random pipelines
// TestFormsPipelineMatchesSingleProcess tries when -rapid.checks is not
// given: each has four keys, a few dozen forms and more stages than
// pipelineChecks' pipelines (a GroupByKey per form, a CoGroupByKey).
const formPipelineChecks = 4

// withChecks runs f with -rapid.checks at n, unless it was given.
func withChecks(t *testing.T, n int, f func()) {
	t.Helper()
	if checksGiven || flag.Lookup("rapid.checks") == nil {
		f()
		return
	}
	old := flag.Lookup("rapid.checks").Value.String()
	if err := flag.Set("rapid.checks", strconv.Itoa(n)); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := flag.Set("rapid.checks", old); err != nil {
			t.Fatal(err)
		}
	}()
	f()
}

// TestMain runs the package's pipelines on the Prism runner, in process.
func TestMain(m *testing.M) {
	flag.Parse()
	flag.Visit(func(f *flag.Flag) { checksGiven = checksGiven || f.Name == "rapid.checks" })
	if !checksGiven && flag.Lookup("rapid.checks") != nil {
		if err := flag.Set("rapid.checks", strconv.Itoa(pipelineChecks)); err != nil {
			panic(err)
		}
	}
	ptest.MainWithDefault(m, "prism")
}

func init() {
	register.Function2x1(reportString)
	register.Function2x1(failureString)
	register.Function2x2(tableString)
	register.Function1x1(badRowString)
	register.Function2x1(stringKeyReport)
	register.Function1x2(keyByCompany)
	beam.RegisterFunction(companyInput)
	beam.RegisterFunction(panickyInput)
}

// reportString flattens a report for passert: company, period, JSON.
func reportString(k Key, report string) string {
	return k.Company + "|" + k.Period + "|" + report
}

// failureString flattens a failed report for passert.
func failureString(k Key, err string) string {
	return k.Company + "|" + k.Period + "|" + err
}

// tableString flattens a table for passert: key and the library's
// binary encoding (cells sorted, so equal tables give equal bytes).
func tableString(k Key, t *csat.Table) (string, error) {
	b, err := t.MarshalBinary()
	return k.Company + "|" + k.Period + "|" + hex.EncodeToString(b), err
}

// badRowString names a bad row by file name, line and the kind of error
// (the first sentinel its message names).
func badRowString(b BadRow) string {
	return filepath.Base(b.File) + ":" + strconv.FormatInt(b.Line, 10) + ":" + errorKind(b.Err)
}

var kinds = []error{csat.ErrSyntax, csat.ErrUnknownLevel, csat.ErrOverflow, csat.ErrOutOfRange,
	csat.ErrDuplicate, csat.ErrMissing, csat.ErrInvalid}

func errorKind(msg string) string {
	for _, k := range kinds {
		if strings.HasSuffix(msg, ": "+k.Error()) {
			return k.Error()
		}
	}
	return "?" + msg
}

// stringKeyReport flattens a report keyed by a string.
func stringKeyReport(k, report string) string { return k + "|" + report }

// keyByCompany keys answers by company alone: a key of the user's own.
func keyByCompany(a Answer) (string, Answer) { return a.Company, a }

// companyInput is a user's InputFunc: the rate alone, period "2025".
func companyInput(key any, t *csat.Table) (analysis.Input, error) {
	return analysis.Input{Period: "2025 " + key.(string), Table: t, Headlines: []analysis.Headline{{Scorer: csat.Rate{}}}}, nil
}

// panickyInput is a user's InputFunc whose scorer panics for globex:
// the rate alone otherwise.
func panickyInput(key any, t *csat.Table) (analysis.Input, error) {
	var sc csat.Scorer = csat.Rate{}
	if k := key.(Key); k.Company == "globex" {
		sc = panicScorer{k.Company}
	}
	return analysis.Input{Period: key.(Key).Period, Table: t, Headlines: []analysis.Headline{{Scorer: sc}}}, nil
}

// panicScorer is a scorer with a bug: it panics.
type panicScorer struct{ who string }

// Score panics.
func (p panicScorer) Score(csat.Tally) (csat.Result, error) { panic("boom at " + p.who) }

// fataler is what the helpers need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// singleReport is the single-process path: csat.ReadTableCSV of the
// library's own format, then analysis.Build and json.Marshal.
func singleReport(t fataler, scale *csat.Scale, period, libraryCSV string) (table *csat.Table, report string, err error) {
	t.Helper()
	tb, err := csat.ReadTableCSV(strings.NewReader(libraryCSV), scale, nil)
	if err != nil {
		t.Fatalf("single-process read: %v", err)
	}
	rep, err := analysis.Build(analysis.Input{Period: period, Table: tb})
	if err != nil {
		return tb, "", err
	}
	return tb, mustJSON(t, rep), nil
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
