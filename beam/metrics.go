package csatbeam

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// MetricsNamespace is the namespace of the pipeline's Beam counters,
// which a scheduler can read from the job's result
// (beam.PipelineResult.Metrics) or the runner's monitoring and alert on
// (a run that read no file or no line is otherwise a run without output):
//
//   - files: the files read ([ReadLines], [Read], [ReadTables]);
//   - empty_files: those that gave neither a line of data nor a bad
//     row (empty, blank lines only, or a good CSV header alone), which a
//     scheduler may want to hear of: such a file gives nothing at all;
//   - lines: their non-empty lines of data (below a CSV file's header),
//     each of which gives an answer, a blank or a bad row;
//   - answers: the lines that gave an answer, whatever its count;
//   - blanks: the lines that gave a [Blank] (an item left unanswered);
//   - bad_rows: the lines in the dead letter, a bad header and a file
//     refused whole for its encoding (one bad row; see [ReadLines]) included;
//   - forms, failed_forms: the forms [AssembleForms] assembled and those
//     it failed ([FailedForm]);
//   - reports, failed_keys: the reports built ([Reports], [FormReports])
//     and the keys that failed: whose counts overflowed ([CombineTables],
//     [MergeTables], [ReadTables]) or whose report could not be built
//     (each key counted once, where it failed).
//
// With [Read], answers, blanks and the bad rows of lines that do not
// parse are counted by [ParseLines]; a line of a file whose header is
// bad is both a line and a bad row.
const MetricsNamespace = "csatbeam"

// The counters (handles: a counter's values live in the runner, per
// bundle, not here).
var (
	filesCounter   = beam.NewCounter(MetricsNamespace, "files")
	emptyCounter   = beam.NewCounter(MetricsNamespace, "empty_files")
	linesCounter   = beam.NewCounter(MetricsNamespace, "lines")
	answersCounter = beam.NewCounter(MetricsNamespace, "answers")
	blanksCounter  = beam.NewCounter(MetricsNamespace, "blanks")
	badRowsCounter = beam.NewCounter(MetricsNamespace, "bad_rows")

	formsCounter       = beam.NewCounter(MetricsNamespace, "forms")
	failedFormsCounter = beam.NewCounter(MetricsNamespace, "failed_forms")
	reportsCounter     = beam.NewCounter(MetricsNamespace, "reports")
	failedKeysCounter  = beam.NewCounter(MetricsNamespace, "failed_keys")
)

// fileCounts are the counters of one file, added to the job's once the
// file is read (a counter's increment costs a lookup in the context).
type fileCounts struct {
	lines, answers, blanks, bad int64
}

// add adds one file's counts to the job's counters.
func (c fileCounts) add(ctx context.Context) {
	filesCounter.Inc(ctx, 1)
	if c.lines == 0 && c.bad == 0 {
		emptyCounter.Inc(ctx, 1)
	}
	for _, x := range []struct {
		counter beam.Counter
		n       int64
	}{{linesCounter, c.lines}, {answersCounter, c.answers}, {blanksCounter, c.blanks}, {badRowsCounter, c.bad}} {
		if x.n != 0 {
			x.counter.Inc(ctx, x.n)
		}
	}
}
