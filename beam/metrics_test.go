package csatbeam

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// TestCounters reads the job's counters back from the pipeline result,
// for Read and for ReadTables, over files written for it: a.csv has four
// lines of data (two answers, a blank, an unknown level) and an empty
// line; b.csv is a header alone; c.csv is empty; d.csv has a bad header
// and one line under it. Counted by hand: 4 files, 2 of them empty of
// data (b and c); 5 lines (4 + 1);
// 2 answers; 1 blank; 3 bad rows (a's unknown level, d's header and its
// line). lines + bad headers = answers + blanks + bad rows (5 + 1 = 6).
// AssembleForms over Read's answers assembles 2 forms (F1: 品质 and a
// blank 交付; F2: 交付, its 品质 row being bad) and fails none.
func TestCounters(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.csv": "company,period,form,item,source,level\n" +
			"acme,2025H1,F1,品质,survey,满意\n" +
			"acme,2025H1,F1,交付,survey,\n" +
			"\n" +
			"acme,2025H1,F2,品质,survey,great\n" +
			"acme,2025H1,F2,交付,survey,很满意\n",
		"b.csv": "company,period,form,item,source,level\n",
		"c.csv": "",
		"d.csv": "company,period,item,source,level,bogus\nacme,2025H1,品质,survey,满意,1\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	glob := filepath.Join(dir, "*.csv")
	read := map[string]int64{"files": 4, "empty_files": 2, "lines": 5, "answers": 2, "blanks": 1, "bad_rows": 3}
	forms := map[string]int64{"forms": 2}
	for k, v := range read {
		forms[k] = v
	}
	for _, c := range []struct {
		name  string
		want  map[string]int64
		build func(s beam.Scope)
	}{
		{"Read", read, func(s beam.Scope) { Read(s, csat.FivePoint(), glob, nil) }},
		{"ReadTables", read, func(s beam.Scope) { ReadTables(s, csat.FivePoint(), glob, nil) }},
		{"AssembleForms", forms, func(s beam.Scope) {
			answers, _ := Read(s, csat.FivePoint(), glob, nil)
			AssembleForms(s, csat.FivePoint(), answers, nil)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			c.build(s)
			res, err := ptest.RunWithMetrics(p)
			if err != nil {
				t.Fatal(cut(err))
			}
			if d := cmp.Diff(c.want, counters(res)); d != "" {
				t.Errorf("counters (-want +got):\n%s", d)
			}
			// The summary has every counter, those not counted at 0.
			all := map[string]int64{"files": 0, "empty_files": 0, "lines": 0, "answers": 0, "blanks": 0, "bad_rows": 0, "forms": 0, "failed_forms": 0, "reports": 0, "failed_keys": 0}
			for k, v := range c.want {
				all[k] = v
			}
			if d := cmp.Diff(Summary{Input: glob, Counters: all}, SummaryOf(glob, res)); d != "" {
				t.Errorf("summary (-want +got):\n%s", d)
			}
		})
	}
}

// TestRequireFiles: a wildcard matching no file is a run that reads
// nothing, unless Options.RequireFiles makes it fail the job.
func TestRequireFiles(t *testing.T) {
	glob := filepath.Join(t.TempDir(), "*.csv")
	for _, require := range []bool{false, true} {
		p, s := beam.NewPipelineWithRoot()
		ReadTables(s, csat.FivePoint(), glob, &Options{RequireFiles: require})
		err := ptest.Run(p)
		if require && err == nil {
			t.Error("RequireFiles: a glob matching nothing did not fail the job")
		}
		if !require && err != nil {
			t.Errorf("a wildcard matching nothing failed the job: %s", cut(err))
		}
	}
}

// counters returns the job's counters of MetricsNamespace by name.
func counters(res beam.PipelineResult) map[string]int64 {
	got := map[string]int64{}
	for _, r := range res.Metrics().Query(func(r metrics.SingleResult) bool {
		return r.Namespace() == MetricsNamespace
	}).Counters() {
		got[r.Name()] += r.Result()
	}
	return got
}
