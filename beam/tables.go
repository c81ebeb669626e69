package csatbeam

import (
	"cmp"
	"context"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/csatkit/csat"
)

// ReadTables reads the files matching glob as [Read] does, but counts
// each file's answers into one [csat.Table] per company and period while
// reading it, and merges those per key ([MergeTables]): tables is a
// PCollection of KV<[Key], *csat.Table>, the same tables as
// [CombineTables] over [KeyByCompanyPeriod] of [Read]'s answers, and bad
// the same dead letter. It sends a few tables per file through the
// shuffle instead of one element per answer row, so it is the faster
// path when the key is the company and period; use [Read] to key the
// answers otherwise. It counts the answers of every row, on a form or
// not ([Blank]s are no answers), but neither assembles nor checks forms:
// use [Read] and [AssembleForms] when the input has forms.
func ReadTables(s beam.Scope, scale *csat.Scale, glob string, opts *Options) (tables, bad beam.PCollection) {
	s = s.Scope("csatbeam.ReadTables")
	o := opts.orDefault()
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, glob))
	fn := &readTablesFn{Scale: mustScaleDef(scale), Format: o.Format, MaxLine: o.MaxLine, MaxField: o.MaxField, Segments: o.Segments}
	partial, bad := beam.ParDo2(s, fn, files)
	return MergeTables(s, scale, partial), bad
}

// readTablesFn reads one file into a table per key.
type readTablesFn struct {
	Scale    string   `json:"scale"` // its definition (scaleDef)
	Format   Format   `json:"format"`
	MaxLine  int      `json:"max_line"`
	MaxField int      `json:"max_field"`
	Segments []string `json:"segments"`

	parse *parseFn
}

// Setup prepares the parser.
func (fn *readTablesFn) Setup() error {
	fn.parse = &parseFn{Scale: fn.Scale, Format: fn.Format, MaxField: fn.MaxField, Segments: fn.Segments}
	return fn.parse.Setup()
}

// ProcessElement reads, parses and counts one file; it emits the file's
// tables in key order once the file is read.
func (fn *readTablesFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(Key, *csat.Table), bad func(BadRow)) error {
	tables := map[Key]*csat.Table{}
	var addErr error
	err := scanFile(ctx, file, scanConfig{fn.Format, fn.MaxLine, fn.MaxField, fn.parse.extra}, func(l Line) {
		if addErr != nil {
			return
		}
		fn.parse.ProcessElement(l, func(a Answer) {
			if a.Level == Blank {
				return // a blank is no answer
			}
			k := Key{Company: a.Company, Period: a.Period}
			t := tables[k]
			if t == nil {
				t = csat.NewTable(fn.parse.scale)
				tables[k] = t
			}
			if err := t.AddN(a.Item, a.Source, a.Level, a.Count); err != nil {
				addErr = &opError{op: "count " + l.File + " line " + itoa64(l.Number), err: &csat.CellError{Item: a.Item, Source: a.Source, Err: err}}
			}
		}, bad)
	}, bad)
	if err != nil {
		return err
	}
	if addErr != nil {
		return addErr
	}
	keys := make([]Key, 0, len(tables))
	for k := range tables {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Key) int {
		return cmp.Or(cmp.Compare(a.Company, b.Company), cmp.Compare(a.Period, b.Period))
	})
	for _, k := range keys {
		emit(k, tables[k])
	}
	return nil
}

// MergeTables merges the tables of each key: a PCollection of KV<K,
// *csat.Table> into one table per key, for any key type K, with
// [MergeFn].
func MergeTables(s beam.Scope, scale *csat.Scale, tables beam.PCollection) beam.PCollection {
	s = s.Scope("csatbeam.MergeTables")
	return beam.CombinePerKey(s, NewMergeFn(scale), tables)
}

// MergeFn is a Beam CombineFn that merges [csat.Table]s of one scale
// with [csat.Table.Merge]: exact, associative and commutative, an
// overflow an error (wrapping [csat.ErrOverflow]) that fails the job.
// Its accumulator, input and output are a *csat.Table.
type MergeFn struct {
	// Scale is the definition of the tables' scale, as [NewMergeFn]
	// writes it; required.
	Scale string `json:"scale"`

	scale *csat.Scale
}

// NewMergeFn returns a MergeFn of tables of scale s.
func NewMergeFn(s *csat.Scale) *MergeFn { return &MergeFn{Scale: mustScaleDef(s), scale: s} }

// Setup rebuilds the scale from its definition.
func (fn *MergeFn) Setup() error {
	if fn.scale != nil {
		return nil
	}
	s, err := scaleFromJSON([]byte(fn.Scale))
	if err != nil {
		return &opError{op: "merge", err: err}
	}
	fn.scale = s
	return nil
}

// CreateAccumulator returns an empty table of the scale.
func (fn *MergeFn) CreateAccumulator() (*csat.Table, error) {
	if err := fn.Setup(); err != nil {
		return nil, err
	}
	return csat.NewTable(fn.scale), nil
}

// AddInput merges t into acc.
func (fn *MergeFn) AddInput(acc, t *csat.Table) (*csat.Table, error) {
	return fn.MergeAccumulators(acc, t)
}

// MergeAccumulators merges b into a ([csat.Table.Merge]).
func (fn *MergeFn) MergeAccumulators(a, b *csat.Table) (*csat.Table, error) {
	if err := a.Merge(b); err != nil {
		return nil, &opError{op: "merge", err: err}
	}
	return a, nil
}

// ExtractOutput returns the table.
func (fn *MergeFn) ExtractOutput(t *csat.Table) *csat.Table { return t }
