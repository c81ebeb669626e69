package csatbeam

import (
	"encoding/binary"
	"math/bits"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/window"
	"github.com/csatkit/csat"
)

// A Key names one report: a company's survey of one period.
type Key struct {
	Company string `json:"company"`
	Period  string `json:"period"`
}

// KeyByCompanyPeriod keys each [Answer] by its [Key]: a PCollection of
// KV<Key, Answer>, ready for [CombineTables]. Any other key works the
// same way: key the answers with a ParDo of your own.
func KeyByCompanyPeriod(s beam.Scope, answers beam.PCollection) beam.PCollection {
	s = s.Scope("csatbeam.KeyByCompanyPeriod")
	return beam.ParDo(s, keyByCompanyPeriod, answers)
}

func keyByCompanyPeriod(a Answer) (Key, Answer) {
	return Key{Company: a.Company, Period: a.Period}, a
}

// CombineTables counts the answers of each key into one [csat.Table] of
// scale: from a PCollection of KV<K, Answer>, for any key type K, tables
// is one of KV<K, *csat.Table> and failures one of KV<K, string>: the
// keys whose answers cannot be counted, with the reason (a count of one
// level of a cell that passes 2⁶⁴ − 1, see [Counting]). A failed key
// has no table and does not stop the job; the other keys' tables are
// counted as ever. It is beam.CombinePerKey with [TableFn]; before it,
// the answers of a bundle with the same key, item, source and level are
// summed into one (for a key of type [Key] or string, in the global
// window), so that the combiner takes a few elements per bundle instead
// of one per row. The tables are the same.
func CombineTables(s beam.Scope, scale *csat.Scale, keyed beam.PCollection) (tables, failures beam.PCollection) {
	s = s.Scope("csatbeam.CombineTables")
	return splitCounted(s, beam.CombinePerKey(s, NewTableFn(scale), beam.ParDo(s, &sumAnswersFn{}, keyed)))
}

// sumAnswersFn sums the answers of a bundle by key, item, source and
// level (answerSums), for the keys it can compare as Beam does (by their
// encoding): a [Key] or a string. Other keys' answers pass as they are.
type sumAnswersFn struct {
	sums answerSums[beam.X]
}

// ProcessElement adds one keyed answer.
func (fn *sumAnswersFn) ProcessElement(w beam.Window, at beam.EventTime, k beam.X, a Answer, emit func(beam.EventTime, beam.X, Answer)) {
	switch k.(type) {
	case Key, string:
		fn.sums.add(w, at, k, a, emit)
	default:
		emit(at, k, a)
	}
}

// FinishBundle passes the bundle's sums on.
func (fn *sumAnswersFn) FinishBundle(emit func(beam.EventTime, beam.X, Answer)) {
	fn.sums.flush(emit)
}

// answerSums sums answers that differ in their count only, in one bundle:
// an answer's item, source and level, and the key K and the timestamp
// it comes with, name its sum. A count that would overflow a sum passes
// the sum on as it is and starts anew (the table counting them
// overflows then, as it would one answer at a time). Only answers in
// the global window are summed (a DoFn's FinishBundle, which passes the
// last sums on, emits in the global window); others pass as they are.
// It holds at most maxSums sums, and passes them all on when full.
type answerSums[K comparable] struct {
	index   map[sumKey[K]]int // in pending
	pending []pendingSum[K]
}

// maxSums bounds the sums an answerSums holds.
const maxSums = 1 << 14

type sumKey[K comparable] struct {
	key             K
	item, source    string
	company, period string
	level           int
	at              beam.EventTime
}

type pendingSum[K comparable] struct {
	key K
	at  beam.EventTime
	a   Answer
}

// add adds the answer a, with key k and timestamp at in window w.
func (s *answerSums[K]) add(w beam.Window, at beam.EventTime, k K, a Answer, emit func(beam.EventTime, K, Answer)) {
	if _, global := w.(window.GlobalWindow); !global {
		emit(at, k, a)
		return
	}
	sk := sumKey[K]{k, a.Item, a.Source, a.Company, a.Period, a.Level, at}
	if i, ok := s.index[sk]; ok {
		p := &s.pending[i]
		sum, carry := bits.Add64(p.a.Count, a.Count, 0)
		if carry != 0 {
			emit(p.at, p.key, p.a)
			sum = a.Count
		}
		p.a.Count = sum
		return
	}
	if len(s.pending) == maxSums {
		s.flush(emit)
	}
	if s.index == nil {
		s.index = map[sumKey[K]]int{}
	}
	s.index[sk] = len(s.pending)
	s.pending = append(s.pending, pendingSum[K]{k, at, a})
}

// flush passes the sums held on, in the order of their first answers.
func (s *answerSums[K]) flush(emit func(beam.EventTime, K, Answer)) {
	for _, p := range s.pending {
		emit(p.at, p.key, p.a)
	}
	clear(s.index)
	clear(s.pending) // let the answers go
	s.pending = s.pending[:0]
}

// TableFn is a Beam CombineFn that counts [Answer]s into a [csat.Table]:
// its accumulator and output are a *[Counting] (the table, and the cells
// that overflowed), encoded between workers with the library's binary
// encoding of the table (see [EncodeTable]), and two accumulators merge
// with [csat.Table.Merge], so the result is the same, bit for bit,
// however the runner splits the input into bundles and merges them. A
// count that would pass 2⁶⁴ − 1 makes its cell overflow
// ([Counting.Overflow]) and the key fail; counts never wrap. An
// [Answer] that is not of the scale (a level out of its range, an item
// or source the library rejects: none that [ParseLines] gives) is an
// error that fails the job: it is a bug of the program that made it.
type TableFn struct {
	// Scale is the definition of the tables' scale, as [NewTableFn]
	// writes it (JSON: name, full marks, levels); required.
	Scale string `json:"scale"`

	scale *csat.Scale
}

// NewTableFn returns a TableFn counting on scale s.
func NewTableFn(s *csat.Scale) *TableFn { return &TableFn{Scale: mustScaleDef(s), scale: s} }

// Setup rebuilds the scale from its definition.
func (fn *TableFn) Setup() error {
	if fn.scale != nil {
		return nil
	}
	s, err := scaleFromJSON([]byte(fn.Scale))
	if err != nil {
		return &opError{op: "combine", err: err}
	}
	fn.scale = s
	return nil
}

// CreateAccumulator returns an empty table of the scale.
func (fn *TableFn) CreateAccumulator() (*Counting, error) {
	if err := fn.Setup(); err != nil {
		return nil, err
	}
	return &Counting{Table: csat.NewTable(fn.scale)}, nil
}

// AddInput counts one answer row into c; a [Blank] is no answer and
// counts nothing.
func (fn *TableFn) AddInput(c *Counting, a Answer) (*Counting, error) {
	if a.Level == Blank {
		return c, nil
	}
	if err := c.addN(a.Item, a.Source, a.Level, a.Count); err != nil {
		return nil, &opError{op: "combine", err: &csat.CellError{Item: a.Item, Source: a.Source, Err: err}}
	}
	return c, nil
}

// MergeAccumulators adds b into a ([csat.Table.Merge]: exact, associative
// and commutative; the cells that overflow in either, or in the sum, are
// in a.Overflow).
func (fn *TableFn) MergeAccumulators(a, b *Counting) (*Counting, error) {
	if err := a.merge(b); err != nil {
		return nil, &opError{op: "combine", err: err}
	}
	return a, nil
}

// ExtractOutput returns the counting.
func (fn *TableFn) ExtractOutput(c *Counting) *Counting { return c }

// tableCodec marks the encoding of a table with its scale (version 1):
//
//	"CSBT" 0x01 | scale definition length (uvarint) | scale definition (JSON) | csat's table encoding
const tableCodec = "CSBT\x01"

// EncodeTable encodes t with its scale's definition, so that the bytes
// decode ([DecodeTable]) with no scale given: the Beam coder of
// *csat.Table. The table itself is [csat.Table.MarshalBinary]: cells in
// sorted order, so equal tables encode to equal bytes.
func EncodeTable(t *csat.Table) ([]byte, error) {
	if t == nil || t.Scale() == nil {
		return nil, &opError{op: "encode", err: reasonf(csat.ErrInvalid, "a table without scale")}
	}
	def, err := scaleDef(t.Scale())
	if err != nil {
		return nil, &opError{op: "encode", err: err}
	}
	body, err := t.MarshalBinary()
	if err != nil {
		return nil, &opError{op: "encode", err: err}
	}
	b := make([]byte, 0, len(tableCodec)+binary.MaxVarintLen64+len(def)+len(body))
	b = append(b, tableCodec...)
	b = binary.AppendUvarint(b, uint64(len(def)))
	b = append(b, def...)
	return append(b, body...), nil
}

// DecodeTable decodes what [EncodeTable] wrote. Malformed data is an error
// wrapping [csat.ErrCorrupt] (or the library's decoding error).
func DecodeTable(data []byte) (*csat.Table, error) {
	corrupt := func(what string) (*csat.Table, error) {
		return nil, &opError{op: "decode", err: reasonf(csat.ErrCorrupt, "%s", what)}
	}
	if len(data) < len(tableCodec) || string(data[:len(tableCodec)]) != tableCodec {
		return corrupt("not a csatbeam table encoding")
	}
	rest := data[len(tableCodec):]
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)-k) { //nolint:gosec // 0 < k ≤ len(rest): the difference is not negative
		return corrupt("scale definition length")
	}
	def := rest[k : k+int(n)] //nolint:gosec // n ≤ len(rest) − k, checked above
	sc, err := scaleFromJSON(def)
	if err != nil {
		return nil, &opError{op: "decode", err: err}
	}
	t := csat.NewTable(sc)
	if err := t.UnmarshalBinary(rest[k+int(n):]); err != nil { //nolint:gosec // as above
		return nil, &opError{op: "decode", err: err}
	}
	return t, nil
}

var tableType = reflect.TypeOf((*csat.Table)(nil))

var (
	lineType   = reflect.TypeOf(Line{})
	badRowType = reflect.TypeOf(BadRow{})
	answerType = reflect.TypeOf(Answer{})
	keyType    = reflect.TypeOf(Key{})
)
