package csatbeam

import (
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph"
	"github.com/csatkit/csat"
)

// TestReadsAfterAFusionBreak inspects the pipeline graph of each reading
// transform: between the matching of the glob and the DoFn that reads a
// file there must be a Reshuffle. Without it a runner that fuses
// (Prism, Dataflow, Flink) runs Create(glob) → match → read as one stage
// fed by one element, and one worker reads every file.
func TestReadsAfterAFusionBreak(t *testing.T) {
	const glob = "/no/such/dir/*.csv"
	for _, c := range []struct {
		name, reader string // the transform, the name of its reading DoFn
		build        func(s beam.Scope)
	}{
		{"ReadLines", "readLinesFn", func(s beam.Scope) { ReadLines(s, glob, nil) }},
		{"Read", "readLinesFn", func(s beam.Scope) { Read(s, csat.FivePoint(), glob, nil) }},
		{"ReadTables", "readTablesFn", func(s beam.Scope) { ReadTables(s, csat.FivePoint(), glob, nil) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			c.build(s)
			edges, _, err := p.Build()
			if err != nil {
				t.Fatal(err)
			}
			producer := map[*graph.Node]*graph.MultiEdge{}
			var read *graph.MultiEdge
			for _, e := range edges {
				for _, o := range e.Output {
					producer[o.To] = e
				}
				if e.Op == graph.ParDo && strings.HasSuffix(e.Name(), "."+c.reader) {
					read = e
				}
			}
			if read == nil {
				t.Fatalf("no %s in the graph", c.reader)
			}
			// Walk from the reader back to the glob's Impulse: the ops
			// met, nearest first.
			var ops []string
			for e := read; len(e.Input) > 0; {
				e = producer[e.Input[0].From]
				if e == nil {
					break
				}
				ops = append(ops, string(e.Op)+" "+e.Name())
			}
			shuffled, matched := -1, -1
			for i, op := range ops {
				if shuffled < 0 && strings.HasPrefix(op, string(graph.Reshuffle)) {
					shuffled = i
				}
				if matched < 0 && strings.Contains(op, "fileio.") && strings.Contains(strings.ToLower(op), "match") {
					matched = i
				}
			}
			if shuffled < 0 || matched < 0 || shuffled > matched {
				t.Errorf("no Reshuffle between the matching and %s; upstream of it, nearest first:\n%s", c.reader, strings.Join(ops, "\n"))
			}
		})
	}
}
