package csatbeam

import (
	"cmp"
	"context"
	"math/bits"
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
	files := readableFiles(s, glob, o)
	fn := &readTablesFn{Scale: mustScaleDef(scale), Format: o.Format, Encoding: o.Encoding, MaxLine: o.MaxLine, MaxField: o.MaxField, Segments: o.Segments}
	partial, bad := beam.ParDo2(s, fn, files)
	return MergeTables(s, scale, partial), bad
}

// readTablesFn reads one file into a table per key.
type readTablesFn struct {
	Scale    string   `json:"scale"` // its definition (scaleDef)
	Format   Format   `json:"format"`
	Encoding Encoding `json:"encoding"`
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
	name := file.Metadata.Path
	c := fileCounter{parse: fn.parse, file: name, format: fn.parse.formatOf(name), cells: map[cellKey]int32{}}
	defer func() { c.add(ctx) }()
	var raw []byte                                   // the line being counted as read, when decoded
	badRaw := func(b BadRow) { bad(b.withRaw(raw)) } // its bad row keeps it
	err := scanFile(ctx, file, scanConfig{fn.Format, fn.Encoding, fn.MaxLine, fn.MaxField, fn.parse.extra}, &c.fileCounts, func(n int64, text, r []byte, header string) {
		raw = r
		c.line(n, text, header, badRaw)
	}, bad)
	if err != nil {
		return err
	}
	if c.err != nil {
		return c.err
	}
	tables, err := c.tables()
	if err != nil {
		return err
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

// A fileCounter counts the answers of one file: per cell of each key
// (company, period, item and source), the count of each level, as the
// file's tables would hold them. A line seen before in the file (most
// lines of a survey repeat) is not parsed again: memo gives its cell,
// level and count.
type fileCounter struct {
	parse      *parseFn
	file       string
	format     Format
	memo       lineMemo[lineCount]
	cells      map[cellKey]int32 // index in counts
	keys       []cellKey
	counts     [][]uint64 // per cell, per level
	err        error      // the first overflow: it fails the job
	fileCounts            // the file's counters (MetricsNamespace)
}

// cellKey is one cell of one key's table.
type cellKey struct{ company, period, item, source string }

// lineCount is what a line that parsed counts: count answers at level of
// cell, or nothing (cell −1: a blank).
type lineCount struct {
	cell  int32
	level int32
	count uint64
}

// line counts one data line (line n of the file, under header); a line
// that does not parse is a bad row.
func (c *fileCounter) line(n int64, text []byte, header string, bad func(BadRow)) {
	if c.err != nil {
		return
	}
	v, ok := c.memo.getBytes(c.format, header, text)
	if !ok {
		t := string(text)
		a, err := c.parse.parse(c.format, header, t)
		if err != nil {
			c.bad++
			bad(badRow(c.file, n, t, err))
			return
		}
		v = c.countOf(&a)
		c.memo.put(c.format, header, t, v)
	}
	if v.cell < 0 {
		c.blanks++
		return // a blank is no answer
	}
	c.answers++
	counts := c.counts[v.cell]
	sum, carry := bits.Add64(counts[v.level], v.count, 0)
	if carry != 0 {
		c.err = c.overflow(n, v)
		return
	}
	counts[v.level] = sum
}

// countOf returns what the answer a counts, adding its cell if new.
func (c *fileCounter) countOf(a *Answer) lineCount {
	if a.Level == Blank {
		return lineCount{cell: -1}
	}
	k := cellKey{a.Company, a.Period, a.Item, a.Source}
	i, ok := c.cells[k]
	if !ok {
		i = int32(len(c.keys)) //nolint:gosec // a file has far fewer than 2³¹ cells (each is a map entry)
		c.cells[k] = i
		c.keys = append(c.keys, k)
		c.counts = append(c.counts, make([]uint64, c.parse.scale.Len()))
	}
	return lineCount{cell: i, level: int32(a.Level), count: a.Count} //nolint:gosec // a level index of the scale
}

// overflow returns the error of line n, whose count v overflows its
// cell's count of its level: the error csat.Table.AddN gives when the
// table of the file holds that count and line n is added to it.
func (c *fileCounter) overflow(n int64, v lineCount) error {
	k := c.keys[v.cell]
	t := csat.NewTable(c.parse.scale)
	err := t.AddN(k.item, k.source, int(v.level), c.counts[v.cell][v.level])
	if err == nil {
		err = t.AddN(k.item, k.source, int(v.level), v.count)
	}
	return &opError{op: "count " + c.file + " line " + itoa64(n), err: &csat.CellError{Item: k.item, Source: k.source, Err: err}}
}

// tables returns the file's tables by key, holding its counts.
func (c *fileCounter) tables() (map[Key]*csat.Table, error) {
	tables := map[Key]*csat.Table{}
	for i, k := range c.keys {
		key := Key{Company: k.company, Period: k.period}
		t := tables[key]
		if t == nil {
			t = csat.NewTable(c.parse.scale)
			tables[key] = t
		}
		for lvl, n := range c.counts[i] {
			if err := t.AddN(k.item, k.source, lvl, n); err != nil {
				return nil, &opError{op: "count " + c.file, err: &csat.CellError{Item: k.item, Source: k.source, Err: err}}
			}
		}
	}
	return tables, nil
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
