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
// use [Read] and [AssembleForms] when the input has forms. failures
// holds the keys whose counts overflow (KV<[Key], string>), as
// [CombineTables]' failures do.
func ReadTables(s beam.Scope, scale *csat.Scale, glob string, opts *Options) (tables, bad, failures beam.PCollection) {
	s = s.Scope("csatbeam.ReadTables")
	o := opts.orDefault()
	files := readableFiles(s, glob, o)
	fn := &readTablesFn{Scale: mustScaleDef(scale), Format: o.Format, Encoding: o.Encoding, MaxLine: o.MaxLine, MaxField: o.MaxField, Segments: o.Segments, Skip: o.Skip}
	partial, bad := beam.ParDo2(s, fn, files)
	tables, failures = mergeCountings(s, scale, partial)
	return tables, bad, failures
}

// readTablesFn reads one file into a table per key.
type readTablesFn struct {
	Scale    string   `json:"scale"` // its definition (scaleDef)
	Format   Format   `json:"format"`
	Encoding Encoding `json:"encoding"`
	MaxLine  int      `json:"max_line"`
	MaxField int      `json:"max_field"`
	Segments []string `json:"segments"`
	Skip     []string `json:"skip"`

	parse *parseFn
}

// Setup prepares the parser.
func (fn *readTablesFn) Setup() error {
	fn.parse = &parseFn{Scale: fn.Scale, Format: fn.Format, MaxField: fn.MaxField, Segments: fn.Segments, Skip: fn.Skip}
	return fn.parse.Setup()
}

// ProcessElement reads, parses and counts one file; it emits the file's
// tables in key order once the file is read.
func (fn *readTablesFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(Key, *Counting), bad func(BadRow)) error {
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
	overflow   []bool     // per cell: a level's count passed 2⁶⁴ − 1
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
	if c.overflow[v.cell] {
		return // the key fails: its cell is counted no more
	}
	counts := c.counts[v.cell]
	sum, carry := bits.Add64(counts[v.level], v.count, 0)
	if carry != 0 {
		c.overflow[v.cell] = true
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
		c.overflow = append(c.overflow, false)
	}
	return lineCount{cell: i, level: int32(a.Level), count: a.Count} //nolint:gosec // a level index of the scale
}

// tables returns the file's tables by key, holding its counts, with
// the cells that overflowed.
func (c *fileCounter) tables() (map[Key]*Counting, error) {
	tables := map[Key]*Counting{}
	for i, k := range c.keys {
		key := Key{Company: k.company, Period: k.period}
		t := tables[key]
		if t == nil {
			t = &Counting{Table: csat.NewTable(c.parse.scale)}
			tables[key] = t
		}
		if c.overflow[i] {
			t.overflow(csat.Cell{Item: k.item, Source: k.source})
			continue
		}
		for lvl, n := range c.counts[i] {
			if err := t.addN(k.item, k.source, lvl, n); err != nil {
				return nil, &opError{op: "count " + c.file, err: &csat.CellError{Item: k.item, Source: k.source, Err: err}}
			}
		}
	}
	return tables, nil
}

// MergeTables merges the tables of each key: from a PCollection of
// KV<K, *csat.Table>, for any key type K, tables holds one table per key
// and failures (KV<K, string>) the keys whose sum overflows, as
// [CombineTables]; with [MergeFn].
func MergeTables(s beam.Scope, scale *csat.Scale, tables beam.PCollection) (merged, failures beam.PCollection) {
	s = s.Scope("csatbeam.MergeTables")
	return mergeCountings(s, scale, beam.ParDo(s, toCounting, tables))
}

// mergeCountings merges the Countings of each key and splits them into
// tables and failures.
func mergeCountings(s beam.Scope, scale *csat.Scale, countings beam.PCollection) (tables, failures beam.PCollection) {
	return splitCounted(s, beam.CombinePerKey(s, NewMergeFn(scale), countings))
}

// MergeFn is a Beam CombineFn that merges [Counting]s of one scale (the
// tables with [csat.Table.Merge]: exact, associative and commutative; a
// cell that overflows is in the result's Overflow, see [Counting]). Its
// accumulator, input and output are a *Counting.
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
func (fn *MergeFn) CreateAccumulator() (*Counting, error) {
	if err := fn.Setup(); err != nil {
		return nil, err
	}
	return &Counting{Table: csat.NewTable(fn.scale)}, nil
}

// MergeAccumulators merges b into a.
func (fn *MergeFn) MergeAccumulators(a, b *Counting) (*Counting, error) {
	if err := a.merge(b); err != nil {
		return nil, &opError{op: "merge", err: err}
	}
	return a, nil
}
