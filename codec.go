package csat

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Binary encodings (version 2), all integers little-endian or unsigned
// varints:
//
//	tally: "CSAT" 'T' 0x02 | fingerprint (8 bytes) | levels (1 byte) | counts (uvarint × levels) | CRC
//	table: "CSAT" 'B' 0x02 | fingerprint (8 bytes) | levels (1 byte) | cells (uvarint)
//	       | per cell, sorted by item then source: item, source (uvarint length + UTF-8) | counts | CRC
//
// CRC is the CRC-32C (Castagnoli) of every byte before it, 4 bytes
// little-endian: it detects every error of up to 3 bits in encodings of
// this size, and every burst of up to 32 bits, so damaged data is refused
// rather than read as another table. Version 1 (before the checksum) is
// refused, its data being unverifiable: re-encode from the source.
//
// Decoding needs the scale (a tally or table made with [NewTally] or
// [NewTable]) and rejects another scale's data ([ErrScaleMismatch]) and
// anything malformed or damaged ([ErrCorrupt]).
const (
	magic         = "CSAT"
	codecVersion  = 2
	kindTally     = 'T'
	kindTable     = 'B'
	headerLen     = len(magic) + 2 + 8 + 1
	crcLen        = 4
	maxCellsGuess = 1 << 16
)

// castagnoli is the CRC-32C table of the binary encodings.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendCRC appends the checksum of b to b.
func appendCRC(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

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
	n := s.Len()
	if n < 0 || n > MaxLevels {
		n = 0 // impossible: NewScale allows 1..MaxLevels levels
	}
	return append(b, byte(n))
}

// checkHeader checks the encoding's header and checksum (before the
// fingerprint, so a damaged fingerprint is reported as damage) and
// returns the payload between them.
func checkHeader(kind byte, s *Scale, data []byte) ([]byte, error) {
	if s == nil {
		return nil, errorf(ErrInvalid, "decode into a value without scale (use NewTally or NewTable)")
	}
	if len(data) < headerLen+crcLen || string(data[:4]) != magic || data[4] != kind {
		return nil, errorf(ErrCorrupt, "decode: not a csat %s encoding", kindName(kind))
	}
	if data[5] == 1 {
		return nil, errorf(ErrCorrupt, "decode: version 1 encoding, without checksum: re-encode it")
	}
	if data[5] != codecVersion {
		return nil, errorf(ErrCorrupt, "decode: unsupported version %d", data[5])
	}
	body := data[:len(data)-crcLen]
	if sum, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(body):]); sum != want {
		return nil, errorf(ErrCorrupt, "decode: checksum mismatch (%08x, stored %08x): the data is damaged", sum, want)
	}
	if fp := binary.LittleEndian.Uint64(data[6:14]); fp != s.print || int(data[14]) != s.Len() {
		return nil, errorf(ErrScaleMismatch, "decode: data of scale %016x with %d levels, want scale %q (%016x, %d levels)",
			fp, data[14], s.name, s.print, s.Len())
	}
	return body[headerLen:], nil
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
	rest := len(data) - n
	if n <= 0 || rest < 0 || l > uint64(rest) {
		return "", nil, errorf(ErrCorrupt, "decode: %s length", what)
	}
	end := n + int(l) //nolint:gosec // l ≤ len(data) − n, checked above, so it fits in an int
	s := string(data[n:end])
	if s == "" || !utf8.ValidString(s) {
		return "", nil, errorf(ErrCorrupt, "decode: %s %s is not non-empty UTF-8", what, quoteShort(s))
	}
	return s, data[end:], nil
}

// MarshalBinary encodes the tally with its scale's fingerprint. The zero
// Tally cannot be encoded ([ErrInvalid]).
func (t Tally) MarshalBinary() ([]byte, error) {
	if t.scale == nil {
		return nil, errorf(ErrInvalid, "encode a tally without scale")
	}
	return appendCRC(appendCounts(header(kindTally, t.scale), &t)), nil
}

// UnmarshalBinary decodes data produced by [Tally.MarshalBinary] into t,
// which must have been made with [NewTally] of the same scale. On error t
// is unchanged.
func (t *Tally) UnmarshalBinary(data []byte) error {
	if t == nil {
		return errorf(ErrInvalid, "decode into a nil tally")
	}
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
	Scale       string     `json:"scale"`
	Fingerprint string     `json:"fingerprint,omitempty"`
	Counts      countsJSON `json:"counts"`
}

// countsJSON is a JSON object of level key → count, decoded strictly: a
// key given twice is an error (encoding/json would keep the last), a
// count must be a non-negative integer below 2⁶⁴ (larger is
// [ErrOverflow]). Keys keep their order.
type countsJSON struct {
	keys   []string
	counts []uint64
	set    bool
}

func (c countsJSON) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, k := range c.keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b = append(append(b, kb...), ':')
		b = strconv.AppendUint(b, c.counts[i], 10)
	}
	return append(b, '}'), nil
}

func (c *countsJSON) UnmarshalJSON(data []byte) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return errorf(ErrCorrupt, "decode: counts must be an object of level key to count")
	}
	seen := map[string]bool{}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return errorf(ErrCorrupt, "decode: counts: %v", err)
		}
		k := tok.(string) // object keys are strings
		if seen[k] {
			return errorf(ErrDuplicate, "decode: level %s given twice", quoteShort(k))
		}
		seen[k] = true
		// A count is a JSON number: a string such as "5" is refused
		// (decoding into a json.Number would take it).
		tok, err = d.Token()
		n, ok := tok.(json.Number)
		if err != nil || !ok {
			return errorf(ErrCorrupt, "decode: count of level %s is not a number", quoteShort(k))
		}
		v, err := strconv.ParseUint(n.String(), 10, 64)
		switch {
		case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(n.String(), "-"):
			return errorf(ErrOverflow, "decode: count %s of level %s does not fit in 64 bits", quoteShort(n.String()), quoteShort(k))
		case err != nil:
			return errorf(ErrCorrupt, "decode: count %s of level %s is not a non-negative integer", quoteShort(n.String()), quoteShort(k))
		}
		c.keys, c.counts = append(c.keys, k), append(c.counts, v)
	}
	c.set = true
	return nil
}

func (t *Tally) toJSON() tallyJSON {
	j := tallyJSON{Scale: t.scale.name, Fingerprint: fmt.Sprintf("%016x", t.scale.print)}
	j.Counts.set = true
	for i, l := range t.scale.levels {
		j.Counts.keys = append(j.Counts.keys, l.Key)
		j.Counts.counts = append(j.Counts.counts, t.counts[i])
	}
	return j
}

// checkScaleJSON checks the scale name and fingerprint of decoded JSON.
func checkScaleJSON(s *Scale, name, fingerprint string) error {
	if name != s.name {
		return errorf(ErrScaleMismatch, "decode: data of scale %s, want %q", quoteShort(name), s.name)
	}
	if fingerprint == "" {
		return errorf(ErrScaleMismatch, "decode: no fingerprint: cannot tell scale %q from another of that name", s.name)
	}
	if fp, err := strconv.ParseUint(fingerprint, 16, 64); err != nil || fp != s.print || len(fingerprint) != 16 {
		return errorf(ErrScaleMismatch, "decode: fingerprint %s, want %016x for scale %q", quoteShort(fingerprint), s.print, s.name)
	}
	return nil
}

// countsInto sets u's counts from c: every level of the scale exactly once.
func countsInto(u *Tally, c countsJSON) error {
	s := u.scale
	if !c.set {
		return errorf(ErrCorrupt, "decode: no counts")
	}
	for n, k := range c.keys {
		i, err := s.Index(k)
		if err != nil || s.levels[i].Key != k {
			return errorf(ErrUnknownLevel, "decode: scale %q has no level key %s", s.name, quoteShort(k))
		}
		u.counts[i] = c.counts[n]
	}
	if len(c.keys) != s.Len() {
		return errorf(ErrCorrupt, "decode: %d level counts, scale %q has %d levels", len(c.keys), s.name, s.Len())
	}
	return nil
}

func (t *Tally) fromJSON(j tallyJSON) error {
	if err := checkScaleJSON(t.scale, j.Scale, j.Fingerprint); err != nil {
		return err
	}
	u := NewTally(t.scale)
	if err := countsInto(&u, j.Counts); err != nil {
		return err
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
// which must have been made with [NewTally]. It is strict: the scale name
// and fingerprint must match ([ErrScaleMismatch]); every level of the
// scale must be given exactly once (a level key the scale does not have is
// [ErrUnknownLevel], one given twice [ErrDuplicate], one left out
// [ErrCorrupt]); a count of 2⁶⁴ or more is [ErrOverflow]; a count written
// as a string ("5"), an unknown, repeated or case-folded key, trailing
// data and invalid UTF-8 are [ErrCorrupt], a number of more than 128
// characters also [ErrOutOfRange], each error naming the key. On error t
// is unchanged.
func (t *Tally) UnmarshalJSON(data []byte) error {
	if t == nil {
		return errorf(ErrInvalid, "decode into a nil tally")
	}
	if t.scale == nil {
		return errorf(ErrInvalid, "decode into a tally without scale (use NewTally)")
	}
	var j tallyJSON
	if err := decodeStrict("tally", data, &j); err != nil {
		return jsonError("tally", err)
	}
	return t.fromJSON(j)
}

// MarshalBinary encodes the table, cells in sorted order, so equal tables
// encode to equal bytes.
func (t *Table) MarshalBinary() ([]byte, error) {
	if t == nil {
		return nil, errorf(ErrInvalid, "nil table")
	}
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
		b = appendCounts(b, t.cells.get(c))
	}
	return appendCRC(b), nil
}

// UnmarshalBinary decodes data produced by [Table.MarshalBinary] into t,
// which must have been made with [NewTable] of the same scale; t's
// previous content is replaced. Cells out of order or repeated are
// [ErrCorrupt]. On error t is unchanged.
func (t *Table) UnmarshalBinary(data []byte) error {
	if t == nil {
		return errorf(ErrInvalid, "nil table")
	}
	rest, err := checkHeader(kindTable, t.scale, data)
	if err != nil {
		return err
	}
	n, k := uvarint(rest)
	if k <= 0 || n > uint64(len(rest)) {
		return errorf(ErrCorrupt, "decode: cell count")
	}
	rest = rest[k:]
	var cells cellSet
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
		cells.put(c, tl)
	}
	if len(rest) != 0 {
		return errorf(ErrCorrupt, "decode: %d trailing bytes", len(rest))
	}
	t.cells = cells
	return nil
}

type tableJSON struct {
	Scale       string      `json:"scale"`
	Fingerprint string      `json:"fingerprint,omitempty"`
	Cells       *[]cellJSON `json:"cells"`
}

type cellJSON struct {
	Item   string     `json:"item"`
	Source string     `json:"source"`
	Counts countsJSON `json:"counts"`
}

// MarshalJSON encodes the table as {"scale":…,"fingerprint":…,"cells":
// [{"item":…,"source":…,"counts":{…}},…]}, cells sorted.
func (t *Table) MarshalJSON() ([]byte, error) {
	if t == nil {
		return nil, errorf(ErrInvalid, "nil table")
	}
	if t.scale == nil {
		return nil, errorf(ErrInvalid, "encode a table without scale")
	}
	cells := []cellJSON{}
	j := tableJSON{Scale: t.scale.name, Fingerprint: fmt.Sprintf("%016x", t.scale.print), Cells: &cells}
	for _, c := range t.Cells() {
		cells = append(cells, cellJSON{Item: c.Item, Source: c.Source, Counts: t.cells.get(c).toJSON().Counts})
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by [Table.MarshalJSON] into t,
// which must have been made with [NewTable]; t's previous content is
// replaced. It is as strict as [Tally.UnmarshalJSON] for every cell, and
// the scale is checked even for a table without cells; "cells" must be
// present (an empty table is "cells":[]); a cell given twice is
// [ErrDuplicate]. Errors about a cell are [*CellError]s naming it. On
// error t is unchanged.
func (t *Table) UnmarshalJSON(data []byte) error {
	if t == nil {
		return errorf(ErrInvalid, "nil table")
	}
	if t.scale == nil {
		return errorf(ErrInvalid, "decode into a table without scale (use NewTable)")
	}
	var j tableJSON
	if err := decodeStrict("table", data, &j); err != nil {
		return jsonError("table", err)
	}
	if err := checkScaleJSON(t.scale, j.Scale, j.Fingerprint); err != nil {
		return err
	}
	if j.Cells == nil {
		return errorf(ErrCorrupt, "decode: no cells (an empty table has \"cells\":[])")
	}
	var cells cellSet
	for _, cj := range *j.Cells {
		c := Cell{cj.Item, cj.Source}
		if c.Item == "" || c.Source == "" || !utf8.ValidString(c.Item) || !utf8.ValidString(c.Source) {
			return errorf(ErrCorrupt, "decode: cell %s/%s needs a non-empty UTF-8 item and source", quoteShort(c.Item), quoteShort(c.Source))
		}
		if cells.get(c) != nil {
			return &CellError{Item: c.Item, Source: c.Source, Err: errorf(ErrDuplicate, "decode: cell given twice")}
		}
		tl := NewTally(t.scale)
		if err := countsInto(&tl, cj.Counts); err != nil {
			return &CellError{Item: c.Item, Source: c.Source, Err: err}
		}
		cells.put(c, tl)
	}
	t.cells = cells
	return nil
}

// jsonError wraps a JSON decoding error: ErrCorrupt, or the csat error a
// nested decoder returned.
func jsonError(what string, err error) error {
	var own interface{ detail() string }
	var other interface{ Detail() string } // internal/errs, as errorf builds them
	if errors.As(err, &own) || errors.As(err, &other) {
		return err
	}
	return errorf(ErrCorrupt, "decode %s JSON: %v", what, err)
}

// scaleJSON is a scale's definition as JSON.
type scaleJSON struct {
	Name      string          `json:"name"`
	FullMarks decimal.Decimal `json:"full_marks"`
	Levels    []Level         `json:"levels"`
}

// MarshalJSON encodes the scale's definition, {"name", "full_marks",
// "levels"}: scales are data, and [Scale.UnmarshalJSON] rebuilds an equal
// scale (the same fingerprint) from it. A nil scale is null.
func (s *Scale) MarshalJSON() ([]byte, error) {
	if s == nil {
		return []byte("null"), nil
	}
	return json.Marshal(scaleJSON{Name: s.name, FullMarks: s.fullMarks, Levels: s.levels})
}

// UnmarshalJSON decodes a scale's definition and builds the scale through
// [NewScale], so a decoded scale is as valid as a constructed one: a
// definition NewScale rejects is its error (wrapping [ErrInvalidScale]);
// malformed JSON, an unknown, repeated or case-folded key, trailing data
// or invalid UTF-8 wraps [ErrCorrupt], a decimal of more than 128
// characters or with an exponent beyond ±128 also [ErrOutOfRange]. On
// error s is unchanged. s must be a zero Scale: scales are shared (every
// FivePoint() is one scale), so decoding over one in use is an error
// wrapping [ErrInvalid] rather than a change seen by all its users.
func (s *Scale) UnmarshalJSON(data []byte) error {
	if s == nil {
		return errorf(ErrInvalid, "scale JSON: decoding into a nil *Scale")
	}
	if s.name != "" || len(s.levels) > 0 {
		// Scales are shared (FivePoint returns one scale to every caller):
		// decoding over one would change it for all of them.
		return errorf(ErrInvalid, "scale JSON: decoding into the scale %q, which is in use; decode into a new Scale", s.name)
	}
	var j scaleJSON
	if err := decodeStrict("scale", data, &j); err != nil {
		return jsonError("scale", err)
	}
	sc, err := NewScale(j.Name, j.FullMarks, j.Levels)
	if err != nil {
		return err
	}
	*s = *sc
	return nil
}
