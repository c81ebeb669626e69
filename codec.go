package csat

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Binary encodings (version 1), all integers little-endian or unsigned
// varints:
//
//	tally: "CSAT" 'T' 0x01 | fingerprint (8 bytes) | levels (1 byte) | counts (uvarint × levels)
//	table: "CSAT" 'B' 0x01 | fingerprint (8 bytes) | levels (1 byte) | cells (uvarint)
//	       | per cell, sorted by item then source: item, source (uvarint length + UTF-8) | counts
//
// Decoding needs the scale (a tally or table made with [NewTally] or
// [NewTable]) and rejects another scale's data ([ErrScaleMismatch]) and
// anything malformed ([ErrCorrupt]).
const (
	magic         = "CSAT"
	codecVersion  = 1
	kindTally     = 'T'
	kindTable     = 'B'
	headerLen     = len(magic) + 2 + 8 + 1
	maxCellsGuess = 1 << 16
)

var (
	_ encoding.BinaryMarshaler   = Tally{}
	_ encoding.BinaryUnmarshaler = (*Tally)(nil)
	_ json.Marshaler             = Tally{}
	_ json.Unmarshaler           = (*Tally)(nil)
	_ encoding.BinaryMarshaler   = (*Table)(nil)
	_ encoding.BinaryUnmarshaler = (*Table)(nil)
	_ json.Marshaler             = (*Table)(nil)
	_ json.Unmarshaler           = (*Table)(nil)
)

func header(kind byte, s *Scale) []byte {
	b := append([]byte(magic), kind, codecVersion)
	b = binary.LittleEndian.AppendUint64(b, s.print)
	return append(b, byte(s.Len()))
}

func checkHeader(kind byte, s *Scale, data []byte) ([]byte, error) {
	if s == nil {
		return nil, errorf(ErrInvalid, "decode into a value without scale (use NewTally or NewTable)")
	}
	if len(data) < headerLen || string(data[:4]) != magic || data[4] != kind {
		return nil, errorf(ErrCorrupt, "decode: not a csat %s encoding", kindName(kind))
	}
	if data[5] != codecVersion {
		return nil, errorf(ErrCorrupt, "decode: unsupported version %d", data[5])
	}
	if fp := binary.LittleEndian.Uint64(data[6:14]); fp != s.print || int(data[14]) != s.Len() {
		return nil, errorf(ErrScaleMismatch, "decode: data of scale %016x with %d levels, want scale %q (%016x, %d levels)",
			fp, data[14], s.name, s.print, s.Len())
	}
	return data[headerLen:], nil
}

func kindName(k byte) string {
	if k == kindTally {
		return "tally"
	}
	return "table"
}

// uvarint decodes a canonical (shortest-form) unsigned varint; n <= 0 on
// error. Rejecting overlong forms keeps the encoding one-to-one, so a
// decoded value re-encodes to the same bytes.
func uvarint(data []byte) (uint64, int) {
	v, n := binary.Uvarint(data)
	if n > 1 && data[n-1] == 0 {
		return 0, -1
	}
	return v, n
}

func appendCounts(b []byte, t *Tally) []byte {
	for i := 0; i < t.scale.Len(); i++ {
		b = binary.AppendUvarint(b, t.counts[i])
	}
	return b
}

func readCounts(data []byte, t *Tally) ([]byte, error) {
	for i := 0; i < t.scale.Len(); i++ {
		v, n := uvarint(data)
		if n <= 0 {
			return nil, errorf(ErrCorrupt, "decode: count of level %d", i)
		}
		t.counts[i] = v
		data = data[n:]
	}
	return data, nil
}

func readString(data []byte, what string) (string, []byte, error) {
	l, n := uvarint(data)
	if n <= 0 || l > uint64(len(data)-n) {
		return "", nil, errorf(ErrCorrupt, "decode: %s length", what)
	}
	s := string(data[n : n+int(l)])
	if s == "" || !utf8.ValidString(s) {
		return "", nil, errorf(ErrCorrupt, "decode: %s %q is not non-empty UTF-8", what, s)
	}
	return s, data[n+int(l):], nil
}

// MarshalBinary encodes the tally with its scale's fingerprint. The zero
// Tally cannot be encoded ([ErrInvalid]).
func (t Tally) MarshalBinary() ([]byte, error) {
	if t.scale == nil {
		return nil, errorf(ErrInvalid, "encode a tally without scale")
	}
	return appendCounts(header(kindTally, t.scale), &t), nil
}

// UnmarshalBinary decodes data produced by [Tally.MarshalBinary] into t,
// which must have been made with [NewTally] of the same scale. On error t
// is unchanged.
func (t *Tally) UnmarshalBinary(data []byte) error {
	rest, err := checkHeader(kindTally, t.scale, data)
	if err != nil {
		return err
	}
	u := NewTally(t.scale)
	if rest, err = readCounts(rest, &u); err != nil {
		return err
	}
	if len(rest) != 0 {
		return errorf(ErrCorrupt, "decode: %d trailing bytes", len(rest))
	}
	*t = u
	return nil
}

type tallyJSON struct {
	Scale       string            `json:"scale"`
	Fingerprint string            `json:"fingerprint,omitempty"`
	Counts      map[string]uint64 `json:"counts"`
}

func (t *Tally) toJSON() tallyJSON {
	j := tallyJSON{Scale: t.scale.name, Fingerprint: fmt.Sprintf("%016x", t.scale.print), Counts: map[string]uint64{}}
	for i, l := range t.scale.levels {
		j.Counts[l.Key] = t.counts[i]
	}
	return j
}

func (t *Tally) fromJSON(j tallyJSON) error {
	s := t.scale
	if j.Scale != s.name {
		return errorf(ErrScaleMismatch, "decode: data of scale %q, want %q", j.Scale, s.name)
	}
	if j.Fingerprint != "" {
		if fp, err := strconv.ParseUint(j.Fingerprint, 16, 64); err != nil || fp != s.print {
			return errorf(ErrScaleMismatch, "decode: fingerprint %q, want %016x for scale %q", j.Fingerprint, s.print, s.name)
		}
	}
	u := NewTally(s)
	for k, v := range j.Counts {
		i, err := s.Index(k)
		if err != nil || s.levels[i].Key != k {
			return errorf(ErrUnknownLevel, "decode: scale %q has no level key %q", s.name, k)
		}
		u.counts[i] = v
	}
	*t = u
	return nil
}

// MarshalJSON encodes the tally as
// {"scale":"five-point","fingerprint":"…","counts":{"very_satisfied":10,…}}
// with every level of the scale present. The zero Tally cannot be encoded.
func (t Tally) MarshalJSON() ([]byte, error) {
	if t.scale == nil {
		return nil, errorf(ErrInvalid, "encode a tally without scale")
	}
	return json.Marshal(t.toJSON())
}

// UnmarshalJSON decodes the form written by [Tally.MarshalJSON] into t,
// which must have been made with [NewTally]. The scale name must match,
// and the fingerprint too when present; a level key the scale does not
// have is [ErrUnknownLevel]; a level left out counts 0. On error t is
// unchanged.
func (t *Tally) UnmarshalJSON(data []byte) error {
	if t.scale == nil {
		return errorf(ErrInvalid, "decode into a tally without scale (use NewTally)")
	}
	var j tallyJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return errorf(ErrCorrupt, "decode tally JSON: %v", err)
	}
	return t.fromJSON(j)
}

// MarshalBinary encodes the table, cells in sorted order, so equal tables
// encode to equal bytes.
func (t *Table) MarshalBinary() ([]byte, error) {
	if t.scale == nil {
		return nil, errorf(ErrInvalid, "encode a table without scale")
	}
	b := header(kindTable, t.scale)
	cells := t.Cells()
	b = binary.AppendUvarint(b, uint64(len(cells)))
	for _, c := range cells {
		b = binary.AppendUvarint(b, uint64(len(c.Item)))
		b = append(b, c.Item...)
		b = binary.AppendUvarint(b, uint64(len(c.Source)))
		b = append(b, c.Source...)
		b = appendCounts(b, t.cells[c])
	}
	return b, nil
}

// UnmarshalBinary decodes data produced by [Table.MarshalBinary] into t,
// which must have been made with [NewTable] of the same scale; t's
// previous content is replaced. Cells out of order or repeated are
// [ErrCorrupt]. On error t is unchanged.
func (t *Table) UnmarshalBinary(data []byte) error {
	rest, err := checkHeader(kindTable, t.scale, data)
	if err != nil {
		return err
	}
	n, k := uvarint(rest)
	if k <= 0 || n > uint64(len(rest)) {
		return errorf(ErrCorrupt, "decode: cell count")
	}
	rest = rest[k:]
	cells := make(map[Cell]*Tally, min(n, maxCellsGuess))
	var prev Cell
	for i := uint64(0); i < n; i++ {
		var c Cell
		if c.Item, rest, err = readString(rest, "item"); err != nil {
			return err
		}
		if c.Source, rest, err = readString(rest, "source"); err != nil {
			return err
		}
		if i > 0 && compareCells(prev, c) >= 0 {
			return errorf(ErrCorrupt, "decode: cell %q/%q out of order or repeated", c.Item, c.Source)
		}
		prev = c
		tl := NewTally(t.scale)
		if rest, err = readCounts(rest, &tl); err != nil {
			return err
		}
		cells[c] = &tl
	}
	if len(rest) != 0 {
		return errorf(ErrCorrupt, "decode: %d trailing bytes", len(rest))
	}
	t.cells = cells
	return nil
}

type tableJSON struct {
	Scale       string     `json:"scale"`
	Fingerprint string     `json:"fingerprint,omitempty"`
	Cells       []cellJSON `json:"cells"`
}

type cellJSON struct {
	Item   string            `json:"item"`
	Source string            `json:"source"`
	Counts map[string]uint64 `json:"counts"`
}

// MarshalJSON encodes the table as {"scale":…,"fingerprint":…,"cells":
// [{"item":…,"source":…,"counts":{…}},…]}, cells sorted.
func (t *Table) MarshalJSON() ([]byte, error) {
	if t.scale == nil {
		return nil, errorf(ErrInvalid, "encode a table without scale")
	}
	j := tableJSON{Scale: t.scale.name, Fingerprint: fmt.Sprintf("%016x", t.scale.print), Cells: []cellJSON{}}
	for _, c := range t.Cells() {
		j.Cells = append(j.Cells, cellJSON{Item: c.Item, Source: c.Source, Counts: t.cells[c].toJSON().Counts})
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by [Table.MarshalJSON] into t,
// which must have been made with [NewTable]; t's previous content is
// replaced. A cell given twice is [ErrDuplicate]. On error t is unchanged.
func (t *Table) UnmarshalJSON(data []byte) error {
	if t.scale == nil {
		return errorf(ErrInvalid, "decode into a table without scale (use NewTable)")
	}
	var j tableJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return errorf(ErrCorrupt, "decode table JSON: %v", err)
	}
	cells := make(map[Cell]*Tally, len(j.Cells))
	for _, cj := range j.Cells {
		c := Cell{cj.Item, cj.Source}
		if c.Item == "" || c.Source == "" || !utf8.ValidString(c.Item) || !utf8.ValidString(c.Source) {
			return errorf(ErrCorrupt, "decode: cell %q/%q needs a non-empty UTF-8 item and source", c.Item, c.Source)
		}
		if cells[c] != nil {
			return errorf(ErrDuplicate, "decode: cell %q/%q given twice", c.Item, c.Source)
		}
		tl := NewTally(t.scale)
		if err := tl.fromJSON(tallyJSON{Scale: j.Scale, Fingerprint: j.Fingerprint, Counts: cj.Counts}); err != nil {
			return err
		}
		cells[c] = &tl
	}
	t.cells = cells
	return nil
}
