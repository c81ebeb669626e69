package csatbeam

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/csatkit/csat"
)

// A Counting is one key's table while it is counted: the accumulator of
// [TableFn] and [MergeFn]. Overflow lists, in order of item then source,
// the cells of which some level's count passes 2⁶⁴ − 1: those cells are
// no longer counted, and the key cannot be scored ([Counting.Err]). A
// cell is in Overflow exactly when the sum of all its answers of one
// level passes 2⁶⁴ − 1 — counts are never negative, so a part of a sum
// passes it only if the whole does — however the answers are split into
// bundles and merged: the failure is the same, bit for bit, as the
// tables are.
type Counting struct {
	Table    *csat.Table
	Overflow []csat.Cell
}

// Err returns nil, or the key's failure: an error wrapping
// [csat.ErrOverflow] that names every cell in Overflow.
func (c *Counting) Err() error {
	if c == nil || len(c.Overflow) == 0 {
		return nil
	}
	names := make([]string, len(c.Overflow))
	for i, cell := range c.Overflow {
		names[i] = (&csat.CellError{Item: cell.Item, Source: cell.Source, Err: errLevelPasses}).Error()
	}
	return &opError{op: "count", err: reasonf(csat.ErrOverflow, "%s", strings.Join(names, "; "))}
}

// errLevelPasses is the reason of an overflowing cell.
var errLevelPasses = errors.New("the answers of one level number more than 18446744073709551615 (2⁶⁴ − 1)")

// overflowed reports whether cell is in c.Overflow.
func (c *Counting) overflowed(cell csat.Cell) bool {
	_, found := slices.BinarySearchFunc(c.Overflow, cell, compareCell)
	return found
}

// overflow adds cell to c.Overflow.
func (c *Counting) overflow(cell csat.Cell) {
	if i, found := slices.BinarySearchFunc(c.Overflow, cell, compareCell); !found {
		c.Overflow = slices.Insert(c.Overflow, i, cell)
	}
}

func compareCell(a, b csat.Cell) int {
	return cmp.Or(strings.Compare(a.Item, b.Item), strings.Compare(a.Source, b.Source))
}

// addN counts n answers at level of item and source, unless the cell
// overflowed; an overflow adds the cell to Overflow. Any other error
// (an answer not of the table's scale) is returned.
func (c *Counting) addN(item, source string, level int, n uint64) error {
	cell := csat.Cell{Item: item, Source: source}
	if len(c.Overflow) > 0 && c.overflowed(cell) {
		return nil
	}
	err := c.Table.AddN(item, source, level, n)
	if errors.Is(err, csat.ErrOverflow) {
		c.overflow(cell)
		return nil
	}
	return err
}

// merge adds b into c: the tables merged, except the cells that
// overflowed in either or overflow now, which are in c.Overflow.
func (c *Counting) merge(b *Counting) error {
	if len(c.Overflow) == 0 && len(b.Overflow) == 0 {
		err := c.Table.Merge(b.Table) // all or nothing
		if !errors.Is(err, csat.ErrOverflow) {
			return err
		}
	}
	for _, cell := range b.Overflow {
		c.overflow(cell)
	}
	for _, cell := range b.Table.Cells() {
		if c.overflowed(cell) {
			continue
		}
		u, err := b.Table.Tally(cell.Item, cell.Source)
		if err != nil {
			return err
		}
		err = c.Table.AddTally(cell.Item, cell.Source, u)
		if errors.Is(err, csat.ErrOverflow) {
			c.overflow(cell)
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// countingCodec marks the encoding of a Counting (version 1):
//
//	"CSBC" 0x01 | table length (uvarint) | EncodeTable | cells (uvarint) | per cell: item, source (uvarint length, bytes)
const countingCodec = "CSBC\x01"

// encodeCounting is the Beam coder of *Counting.
func encodeCounting(c *Counting) ([]byte, error) {
	if c == nil {
		return nil, &opError{op: "encode", err: reasonf(csat.ErrInvalid, "a nil counting")}
	}
	t, err := EncodeTable(c.Table)
	if err != nil {
		return nil, err
	}
	b := append([]byte(countingCodec), binary.AppendUvarint(nil, uint64(len(t)))...)
	b = append(b, t...)
	b = binary.AppendUvarint(b, uint64(len(c.Overflow)))
	for _, cell := range c.Overflow {
		for _, s := range []string{cell.Item, cell.Source} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	return b, nil
}

// decodeCounting decodes what encodeCounting wrote; malformed data is an
// error wrapping [csat.ErrCorrupt].
func decodeCounting(data []byte) (*Counting, error) {
	corrupt := func(what string) (*Counting, error) {
		return nil, &opError{op: "decode", err: reasonf(csat.ErrCorrupt, "counting: %s", what)}
	}
	if !strings.HasPrefix(string(data), countingCodec) {
		return corrupt("not a csatbeam counting encoding")
	}
	rest := data[len(countingCodec):]
	next := func() ([]byte, bool) {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) { //nolint:gosec // 0 < k ≤ len(rest)
			return nil, false
		}
		v := rest[k : k+int(n)] //nolint:gosec // n ≤ len(rest) − k, checked above
		rest = rest[k+int(n):]  //nolint:gosec // as above
		return v, true
	}
	tb, ok := next()
	if !ok {
		return corrupt("table length")
	}
	t, err := DecodeTable(tb)
	if err != nil {
		return nil, err
	}
	c := &Counting{Table: t}
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)) { //nolint:gosec // k > 0: each cell takes at least two bytes
		return corrupt("cell count")
	}
	rest = rest[k:]
	for range n {
		item, ok1 := next()
		source, ok2 := next()
		if !ok1 || !ok2 {
			return corrupt("cell name")
		}
		cell := csat.Cell{Item: string(item), Source: string(source)}
		if len(c.Overflow) > 0 && compareCell(c.Overflow[len(c.Overflow)-1], cell) >= 0 {
			return corrupt("cells out of order")
		}
		c.Overflow = append(c.Overflow, cell)
	}
	if len(rest) != 0 {
		return corrupt("trailing bytes")
	}
	return c, nil
}

var countingType = reflect.TypeOf((*Counting)(nil))

// splitCounted splits each key's Counting into its table or its failure
// (KV<K, string>, the error's message), counting the failures
// (failed_keys of MetricsNamespace).
func splitCounted(s beam.Scope, counted beam.PCollection) (tables, failures beam.PCollection) {
	return beam.ParDo2(s, &splitCountedFn{}, counted)
}

// splitCountedFn is splitCounted's DoFn.
type splitCountedFn struct{}

// ProcessElement passes key's table on, or its failure.
func (fn *splitCountedFn) ProcessElement(ctx context.Context, key beam.X, c *Counting, table func(beam.X, *csat.Table), fail func(beam.X, string)) {
	if err := c.Err(); err != nil {
		failedKeysCounter.Inc(ctx, 1)
		fail(key, err.Error())
		return
	}
	table(key, c.Table)
}

// toCounting makes a table a Counting without overflow.
func toCounting(key beam.X, t *csat.Table) (beam.X, *Counting) {
	return key, &Counting{Table: t}
}
