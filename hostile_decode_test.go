package csat

import (
	"encoding/json"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/csatkit/csat/internal/strictjson"
)

// A hostileRow is one hostile input to a decoder: the decode, the
// sentinels its error must wrap and a substring naming the key, field or
// byte; maxAlloc, when set, bounds the bytes the decode may allocate.
type hostileRow struct {
	name     string
	run      func() error
	is       []error
	msg      string
	maxAlloc uint64
}

// TestHostileDecode is the catalogue of hostile inputs to the JSON and
// binary decoders of package csat (issue 18, points 3 and 7 and the
// binary bit flips): each is refused with an error naming what is wrong.
func TestHostileDecode(t *testing.T) {
	in := newHostileInputs(t)
	rows := append(in.keyRows(), in.valueRows()...)
	rows = append(rows, binaryRows(t)...)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) { row.check(t) })
	}
}

// hostileInputs are valid encodings of a table, a tally, a result and a
// scale, which the rows alter.
type hostileInputs struct {
	tb, tl, rs, sc, fp, cell, huge string
}

func newHostileInputs(t *testing.T) hostileInputs {
	tab := NewTable(FivePoint())
	_ = tab.AddN("功能", SourceSurvey, 0, 3)
	_ = tab.AddN("外观", SourceSelf, 2, 1)
	tableJS, err := tab.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	tallyJS, err := tallyOf(t, 10, 5, 6, 3, 1).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	deg, err := Degree{}.Score(tallyOf(t, 10, 5, 6, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	resultJS, err := json.Marshal(deg.WithFormula(nil).WithLabel("d"))
	if err != nil {
		t.Fatal(err)
	}
	scaleJS, err := json.Marshal(FivePoint())
	if err != nil {
		t.Fatal(err)
	}
	return hostileInputs{tb: string(tableJS), tl: string(tallyJS), rs: string(resultJS), sc: string(scaleJS),
		fp:   `"fingerprint":"` + fpHex(FivePoint()) + `"`,
		cell: `{"item":"x","source":"survey","counts":{"very_satisfied":1,"satisfied":0,"basically_satisfied":0,"dissatisfied":0,"very_dissatisfied":0}}`,
		huge: "1" + strings.Repeat("0", 999999), // 10^999999
	}
}

func hostileTable(js string) func() error {
	return func() error { return NewTable(FivePoint()).UnmarshalJSON([]byte(js)) }
}

func hostileTally(js string) func() error {
	return func() error { tl := NewTally(FivePoint()); return tl.UnmarshalJSON([]byte(js)) }
}

func hostileResult(js string) func() error {
	return func() error { var r Result; return r.UnmarshalJSON([]byte(js)) }
}

func hostileScale(js string) func() error {
	return func() error { var s Scale; return s.UnmarshalJSON([]byte(js)) }
}

// withCell is a table of the one cell c.
func (in hostileInputs) withCell(c string) string {
	return `{"scale":"five-point",` + in.fp + `,"cells":[` + c + `]}`
}

// keyRows alter the keys and the strings: trailing data, repeated,
// case-folded and unknown keys, strings for numbers, invalid UTF-8.
func (in hostileInputs) keyRows() []hostileRow {
	tb, tl, rs, sc, fp, cell, withCell := in.tb, in.tl, in.rs, in.sc, in.fp, in.cell, in.withCell
	return []hostileRow{
		{"p7/trailing-bracket/table", hostileTable(tb + "]"), []error{ErrCorrupt}, "trailing data after the JSON value", 0},
		{"p7/trailing-brace/tally", hostileTally(tl + "}"), []error{ErrCorrupt}, "trailing data after the JSON value", 0},
		{"p7/trailing-brace/result", hostileResult(rs + " }"), []error{ErrCorrupt}, "trailing data", 0},
		{"p7/trailing-value/scale", hostileScale(sc + " {}"), []error{ErrCorrupt}, "trailing data", 0},
		{"p7/duplicate-key/scale", hostileTable(`{"scale":"five-point","scale":"five-point",` + fp + `,"cells":[]}`),
			[]error{ErrCorrupt, ErrDuplicate}, `table JSON: key scale: given twice`, 0},
		{"p7/duplicate-key/cells", hostileTable(`{"scale":"five-point",` + fp + `,"cells":[],"cells":[` + cell + `]}`),
			[]error{ErrCorrupt, ErrDuplicate}, `key cells: given twice`, 0},
		{"p7/duplicate-key/item", hostileTable(withCell(strings.Replace(cell, `"item":"x"`, `"item":"x","item":"y"`, 1))),
			[]error{ErrCorrupt, ErrDuplicate}, `key cells[0].item: given twice`, 0},
		{"p7/duplicate-key/level", hostileTally(strings.Replace(tl, `"satisfied":5`, `"satisfied":5,"satisfied":6`, 1)),
			[]error{ErrCorrupt, ErrDuplicate}, `key counts.satisfied: given twice`, 0},
		{"p7/duplicate-key/level-points", hostileScale(strings.Replace(sc, `"points":"10"`, `"points":"10","points":"9"`, 1)),
			[]error{ErrCorrupt, ErrDuplicate}, `key levels[0].points: given twice`, 0},
		{"p7/duplicate-key/result-num", hostileResult(strings.Replace(rs, `"num":"190"`, `"num":"190","num":"999"`, 1)),
			[]error{ErrCorrupt, ErrDuplicate}, `key num: given twice`, 0},
		{"p7/case-folded-key/scale", hostileTable(strings.Replace(tb, `"scale"`, `"Scale"`, 1)),
			[]error{ErrCorrupt}, `key Scale: matches the field "scale" only in another case`, 0},
		{"p7/case-folded-key/item", hostileTable(strings.Replace(tb, `"item"`, `"ITEM"`, 1)),
			[]error{ErrCorrupt}, `key cells[0].ITEM: matches the field "item"`, 0},
		{"p7/case-folded-key/result", hostileResult(strings.Replace(rs, `"den"`, `"Den"`, 1)),
			[]error{ErrCorrupt}, `key Den: matches the field "den"`, 0},
		{"p7/unknown-key/cell", hostileTable(strings.Replace(tb, `"source"`, `"origin"`, 1)),
			[]error{ErrCorrupt}, `key cells[0].origin: unknown field`, 0},
		{"p7/string-for-number/count", hostileTally(strings.Replace(tl, `"satisfied":5`, `"satisfied":"5"`, 1)),
			[]error{ErrCorrupt}, `count of level "satisfied" is not a number`, 0},
		{"p7/string-for-number/table-count", hostileTable(withCell(strings.Replace(cell, `"very_satisfied":1`, `"very_satisfied":"1"`, 1))),
			[]error{ErrCorrupt}, `count of level "very_satisfied" is not a number`, 0},
		{"p7/invalid-utf8/item", hostileTable(withCell(strings.Replace(cell, `"item":"x"`, "\"item\":\"x\xff\"", 1))),
			[]error{ErrCorrupt}, `key cells[0].item: invalid UTF-8 at byte`, 0},
		{"p7/invalid-utf8/key", hostileTable(strings.Replace(tb, `"scale"`, "\"sc\xc3ale\"", 1)),
			[]error{ErrCorrupt}, `invalid UTF-8 at byte 4`, 0},
		{"p7/invalid-utf8/label", hostileResult(strings.Replace(rs, `"label":"d"`, "\"label\":\"d\xed\xa0\x80\"", 1)),
			[]error{ErrCorrupt}, `key label: invalid UTF-8`, 0},
		{"p7/lone-surrogate/source", hostileTable(withCell(strings.Replace(cell, `"source":"survey"`, `"source":"s\ud800"`, 1))),
			[]error{ErrCorrupt}, `key cells[0].source: lone surrogate escape at byte`, 0},
	}
}

// valueRows alter the values: a formula that is not the value, numbers
// too long to parse, nesting too deep.
func (in hostileInputs) valueRows() []hostileRow {
	tl, rs, sc, huge := in.tl, in.rs, in.sc, in.huge
	return []hostileRow{
		{"p7/inconsistent-formula/999-of-250", hostileResult(strings.Replace(strings.Replace(rs, `"exact":true`, `"exact":true,"formula":"999/250"`, 1),
			`"explain":"d = 76%"`, `"explain":"d = 999/250 = 76%"`, 1)),
			[]error{ErrCorrupt}, `result "d": formula "999/250" ends in "999/250", not the value 190/250`, 0},
		{"p7/inconsistent-formula/last-step", hostileResult(strings.Replace(strings.Replace(rs, `"exact":true`, `"exact":true,"formula":"(1 + 1) / 2 = 3/4"`, 1),
			`"explain":"d = 76%"`, `"explain":"d = (1 + 1) / 2 = 3/4 = 76%"`, 1)),
			[]error{ErrCorrupt}, `ends in "3/4", not the value 190/250`, 0},
		{"p3/numerator-10^999999", hostileResult(strings.Replace(rs, `"num":"190"`, `"num":"`+huge+`"`, 1)),
			[]error{ErrCorrupt, ErrOutOfRange}, `num of 1000000 characters, longer than the limit of 262144`, 16 << 20},
		{"p3/numerator-1e999999", hostileResult(strings.Replace(rs, `"num":"190"`, `"num":"1e999999"`, 1)),
			[]error{ErrCorrupt}, `num "1e999999"`, 1 << 20},
		{"p3/count-literal-10^999999", hostileTally(strings.Replace(tl, `"satisfied":5`, `"satisfied":`+huge, 1)),
			[]error{ErrCorrupt, ErrOutOfRange}, `key counts.satisfied: number of 1000000 characters, longer than the limit of 128`, 16 << 20},
		{"p3/full-marks-10^999999", hostileScale(strings.Replace(sc, `"full_marks":"10"`, `"full_marks":"`+huge+`"`, 1)),
			[]error{ErrCorrupt, ErrOutOfRange}, `key full_marks: number of 1000000 characters, longer than the limit of 128`, 16 << 20},
		{"p3/full-marks-1e999999999", hostileScale(strings.Replace(sc, `"full_marks":"10"`, `"full_marks":"1e999999999"`, 1)),
			[]error{ErrCorrupt, ErrOutOfRange}, `key full_marks: number "1e999999999" has an exponent beyond ±128`, 1 << 20},
		{"p3/count-literal-1e999999999", hostileTally(strings.Replace(tl, `"satisfied":5`, `"satisfied":1E+999999999`, 1)),
			[]error{ErrCorrupt, ErrOutOfRange}, `key counts.satisfied: number "1E+999999999" has an exponent beyond ±128`, 1 << 20},
		{"p7/nesting-10001", hostileResult(`{"parts":` + strings.Repeat("[", strictjson.MaxDepth+1) + strings.Repeat("]", strictjson.MaxDepth+1) + `}`),
			[]error{ErrCorrupt, ErrOutOfRange}, `nested deeper than 10000`, 0},
	}
}

// check runs the row: the error wraps every sentinel and names the key;
// with maxAlloc, the decode allocates less.
func (row hostileRow) check(t *testing.T) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := row.run()
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("decoded without error")
	}
	for _, is := range row.is {
		if !errors.Is(err, is) {
			t.Errorf("error %q does not wrap %v", err, is)
		}
	}
	if !strings.Contains(err.Error(), row.msg) {
		t.Errorf("error %q does not say %q", err, row.msg)
	}
	if !strings.HasPrefix(err.Error(), "csat: ") || strings.Count(err.Error(), "csat: ") != 1 {
		t.Errorf("error %q does not start with one csat: prefix", err)
	}
	if a := after.TotalAlloc - before.TotalAlloc; row.maxAlloc > 0 && a > row.maxAlloc {
		t.Errorf("the decode allocated %d bytes, more than %d", a, row.maxAlloc)
	}
}

// binaryRows are the hostile binary encodings: every single-bit flip of
// a tally's and a table's encoding, every truncation, the old version
// and a foreign one.
func binaryRows(t *testing.T) []hostileRow {
	tab := NewTable(FivePoint())
	_ = tab.AddN("功能", SourceSurvey, 0, 3)
	_ = tab.AddN("外观", SourceSelf, 2, 1)
	tableBin, err := tab.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	tallyBin, err := tallyOf(t, 10, 5, 6, 3, 1).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	decTable := func(b []byte) func() error { return func() error { return NewTable(FivePoint()).UnmarshalBinary(b) } }
	decTally := func(b []byte) func() error {
		return func() error { tl := NewTally(FivePoint()); return tl.UnmarshalBinary(b) }
	}
	var rows []hostileRow
	for _, enc := range []struct {
		what string
		b    []byte
		dec  func([]byte) func() error
	}{{"table", tableBin, decTable}, {"tally", tallyBin, decTally}} {
		for bit := range 8 * len(enc.b) {
			flipped := append([]byte(nil), enc.b...)
			flipped[bit/8] ^= 1 << (bit % 8)
			msg := "checksum mismatch"
			switch {
			case bit/8 < 5:
				msg = "not a csat " + enc.what + " encoding"
			case bit/8 == 5:
				msg = "version"
			}
			rows = append(rows, hostileRow{"lower/bit-flip/" + enc.what + "/" + strconv.Itoa(bit), enc.dec(flipped), []error{ErrCorrupt}, msg, 0})
		}
		for n := range len(enc.b) {
			msg := "checksum mismatch"
			if n < headerLen+crcLen {
				msg = "not a csat " + enc.what + " encoding"
			}
			rows = append(rows, hostileRow{"lower/truncated/" + enc.what + "/" + strconv.Itoa(n), enc.dec(enc.b[:n]), []error{ErrCorrupt}, msg, 0})
		}
		old := append([]byte(nil), enc.b[:len(enc.b)-crcLen]...)
		old[5] = 1
		rows = append(rows, hostileRow{"lower/old-version/" + enc.what, enc.dec(old), []error{ErrCorrupt}, "version 1 encoding, without checksum", 0})
		future := append([]byte(nil), enc.b...)
		future[5] = 3
		rows = append(rows, hostileRow{"lower/future-version/" + enc.what, enc.dec(appendCRC(future[:len(future)-crcLen])), []error{ErrCorrupt}, "unsupported version 3", 0})
		extra := appendCRC(append(append([]byte(nil), enc.b[:len(enc.b)-crcLen]...), 0))
		rows = append(rows, hostileRow{"lower/trailing-byte/" + enc.what, enc.dec(extra), []error{ErrCorrupt}, "1 trailing bytes", 0})
	}
	return rows
}

// BenchmarkHostileNumerator decodes a Result whose numerator is 10^999999:
// refused by its length before it is parsed (it took 5 s when parsed).
func BenchmarkHostileNumerator(b *testing.B) {
	js := []byte(`{"kind":"points","value":"1","num":"1` + strings.Repeat("0", 999999) + `","den":"1","exact":true,"display":"1","explain":"1"}`)
	for b.Loop() {
		var r Result
		if err := r.UnmarshalJSON(js); !errors.Is(err, ErrOutOfRange) {
			b.Fatal(err)
		}
	}
}
