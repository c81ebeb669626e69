package csat

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzNewScale builds scales from arbitrary bytes: every 5-byte group is a
// level (key byte, points, satisfied flag, band low, band high). It must
// never panic, and a scale it accepts must satisfy its own invariants.
func FuzzNewScale(f *testing.F) {
	f.Add([]byte{'a', 10, 1, 0, 0, 'b', 8, 0, 0, 0}, uint8(10), false)
	f.Add([]byte{'a', 95, 1, 90, 100, 'b', 50, 0, 0, 90}, uint8(100), true)
	f.Fuzz(func(t *testing.T, data []byte, full uint8, banded bool) {
		var levels []Level
		for len(data) >= 5 {
			l := Level{Key: string(data[:1]), Points: decimal.NewFromInt(int64(int8(data[1]))), Satisfied: data[2]&1 == 1}
			if banded {
				l.Band = &Band{decimal.NewFromInt(int64(int8(data[3]))), decimal.NewFromInt(int64(int8(data[4])))}
			}
			levels = append(levels, l)
			data = data[5:]
		}
		s, err := NewScale("fuzz", decimal.NewFromInt(int64(full)), levels)
		if err != nil {
			if s != nil || !errors.Is(err, ErrInvalidScale) {
				t.Fatalf("bad error contract: %v", err)
			}
			return
		}
		for i, l := range s.Levels() {
			if j, err := s.Index(l.Key); err != nil || j != i {
				t.Fatalf("Index(%q) = %d, %v", l.Key, j, err)
			}
			if l.Points.IsNegative() || l.Points.GreaterThan(s.FullMarks()) {
				t.Fatalf("points %s accepted", l.Points)
			}
			if s.Banded() {
				j, err := s.IndexOfScore(l.Points)
				if err != nil || j != i {
					t.Fatalf("points %s of %q fall in level %d (%v)", l.Points, l.Key, j, err)
				}
			}
		}
	})
}

// FuzzTallyDecode decodes arbitrary bytes as a binary and a JSON tally: an
// error or a tally that re-encodes to the same counts, never a panic.
func FuzzTallyDecode(f *testing.F) {
	good, _ := tallyOf(f, 10, 5, 6, 3, 1).MarshalBinary()
	js, _ := tallyOf(f, 10, 5, 6, 3, 1).MarshalJSON()
	f.Add(good)
	f.Add(js)
	f.Add([]byte("CSAT"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for i, dec := range []func(*Tally, []byte) error{(*Tally).UnmarshalBinary, (*Tally).UnmarshalJSON, (*Tally).UnmarshalBinary} {
			if i == 2 {
				data = withCRC(data) // past the checksum, into the counts
			}
			tl := NewTally(FivePoint())
			if err := dec(&tl, data); err != nil {
				if !tl.Equal(NewTally(FivePoint())) {
					t.Fatal("failed decode changed the tally")
				}
				continue
			}
			again, err := tl.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			back := NewTally(FivePoint())
			if err := back.UnmarshalBinary(again); err != nil || !back.Equal(tl) {
				t.Fatalf("re-encoding failed: %v", err)
			}
		}
	})
}

// FuzzTableDecode decodes arbitrary bytes as a binary table.
func FuzzTableDecode(f *testing.F) {
	tab := NewTable(FivePoint())
	_ = tab.AddN("功能", SourceSurvey, 0, 3)
	_ = tab.AddN("外观", SourceSelf, 2, 1)
	good, _ := tab.MarshalBinary()
	f.Add(good)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, data := range [][]byte{data, withCRC(data)} {
			tb := NewTable(FivePoint())
			if err := tb.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrScaleMismatch) {
					t.Fatalf("error %v", err)
				}
				continue
			}
			again, err := tb.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(data) {
				t.Fatal("a decoded table does not re-encode to the same bytes")
			}
		}
	})
}

// withCRC returns data with its last 4 bytes replaced by the checksum of
// the rest, so that fuzzing reaches the payload behind the checksum.
func withCRC(data []byte) []byte {
	if len(data) < crcLen {
		return data
	}
	return appendCRC(append([]byte(nil), data[:len(data)-crcLen]...))
}

// FuzzNewTree builds weight trees from bytes: each byte pair is (depth
// change, weight). It must never panic; an accepted tree's leaves sum to
// its total and equal leaf scores give that score.
func FuzzNewTree(f *testing.F) {
	f.Add([]byte{1, 50, 1, 30, 0, 20, 2, 20}, uint8(100), false)
	f.Add([]byte{1, 20, 1, 8, 0, 8, 0, 10}, uint8(20), true)
	f.Fuzz(func(t *testing.T, data []byte, total uint8, normalize bool) {
		root := Node{Name: "root", Weight: decimal.NewFromInt(int64(total))}
		stack := []*Node{&root}
		for i := 0; i+1 < len(data) && i < 200; i += 2 {
			switch d := data[i] % 3; {
			case d == 1 && len(stack[len(stack)-1].Children) > 0: // descend into the last child
				p := stack[len(stack)-1]
				stack = append(stack, &p.Children[len(p.Children)-1])
			case d == 2 && len(stack) > 1: // climb
				stack = stack[:len(stack)-1]
			}
			p := stack[len(stack)-1]
			p.Children = append(p.Children, Node{Name: string(rune('a' + i/2)), Weight: decimal.NewFromInt(int64(int8(data[i+1])))})
		}
		tr, err := NewTree(root, &TreeOptions{Normalize: normalize})
		if err != nil {
			if tr != nil {
				t.Fatal("tree and error")
			}
			return
		}
		scores := map[string]Result{}
		for _, l := range tr.Leaves() {
			scores[l] = mustGiven("", Points, decimal.NewFromInt(42))
		}
		r, err := tr.Combine(scores)
		if err != nil || !r.Value().Equal(decimal.NewFromInt(42)) {
			t.Fatalf("equal leaves gave %s, %v", r.Value(), err)
		}
	})
}

// FuzzSegment grades customers whose values come from bytes: never a
// panic; an accepted input gives one assignment per customer, in rank
// order, A before B before C.
func FuzzSegment(f *testing.F) {
	f.Add([]byte{50, 20, 10, 8, 5, 4, 3}, []byte{0, 1, 2, 3, 4, 5, 6})
	f.Add([]byte{0, 0, 255}, []byte{1, 1, 2})
	f.Fuzz(func(t *testing.T, vals, ids []byte) {
		var vs []CustomerValue
		for i, v := range vals {
			id := ""
			if i < len(ids) {
				id = string(rune('a' + ids[i]%40))
			}
			vs = append(vs, CustomerValue{ID: id, Value: mustGiven("", Points, decimal.NewFromInt(int64(int8(v))))})
		}
		as, err := ABC{}.Segment(vs)
		if err != nil {
			return
		}
		if len(as) != len(vs) {
			t.Fatalf("%d assignments for %d customers", len(as), len(vs))
		}
		for i := 1; i < len(as); i++ {
			if as[i].Class < as[i-1].Class || as[i].Value.Cmp(as[i-1].Value) > 0 {
				t.Fatalf("rank order broken at %d: %+v then %+v", i, as[i-1], as[i])
			}
		}
	})
}

// FuzzTableJSON decodes arbitrary bytes as a JSON table: an error (the
// table unchanged) or a table whose JSON reads back equal, never a panic.
func FuzzTableJSON(f *testing.F) {
	tab := NewTable(FivePoint())
	_ = tab.AddN("功能", SourceSurvey, 0, 3)
	_ = tab.AddN("外观", SourceSelf, 2, 1)
	good, _ := tab.MarshalJSON()
	f.Add(good)
	f.Add([]byte(`{"scale":"five-point","cells":null}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb := NewTable(FivePoint())
		_ = tb.Add("keep", SourceSurvey, 0)
		before := tb.Clone()
		if err := tb.UnmarshalJSON(data); err != nil {
			if !tb.Equal(before) {
				t.Fatal("a failed decode changed the table")
			}
			return
		}
		again, err := tb.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back := NewTable(FivePoint())
		if err := back.UnmarshalJSON(again); err != nil || !back.Equal(tb) {
			t.Fatalf("re-decoding failed: %v", err)
		}
	})
}

// FuzzResultJSON decodes arbitrary bytes as a Result: an error or a
// result that re-encodes to bytes that decode to an equal result.
func FuzzResultJSON(f *testing.F) {
	third, _ := Quotient("t", Fraction, dec("1"), dec("3"))
	sum, _ := Sum("s", mustGiven("a", Points, dec("1.5")), mustGiven("b", Points, dec("2")))
	for _, r := range []Result{third, sum, {}} {
		js, _ := json.Marshal(r)
		f.Add(js)
	}
	f.Add([]byte(`{"kind":"points","value":"1","num":"1","den":"1","exact":true,"formula":"2/2","display":"1","explain":"2/2 = 1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Result
		if err := r.UnmarshalJSON(data); err != nil {
			if !strings.HasPrefix(err.Error(), "csat: ") || (!errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrInvalid)) {
				t.Fatalf("error %v", err)
			}
			return
		}
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Result
		if err := json.Unmarshal(js, &back); err != nil || !back.Equal(r) {
			t.Fatalf("re-decoding %s: %v", js, err)
		}
	})
}

// FuzzScaleJSON decodes arbitrary bytes as a scale's definition into a
// new Scale: an error wrapping ErrCorrupt or ErrInvalidScale (the scale
// left zero), or a
// scale whose JSON decodes to an equal scale.
func FuzzScaleJSON(f *testing.F) {
	for _, s := range []*Scale{FivePoint(), PVCBands()} {
		js, _ := json.Marshal(s)
		f.Add(js)
	}
	f.Add([]byte(`{"name":"x","full_marks":"1e5","levels":[{"key":"a","label":"","label_zh":"","points":"1","satisfied":true,"band":null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := new(Scale)
		if err := s.UnmarshalJSON(data); err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrInvalidScale) {
				t.Fatalf("error %v", err)
			}
			if s.Name() != "" || len(s.Levels()) != 0 {
				t.Fatal("a failed decode changed the scale")
			}
			return
		}
		js, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Scale
		if err := back.UnmarshalJSON(js); err != nil || !back.Equal(s) || back.Fingerprint() != s.Fingerprint() {
			t.Fatalf("re-decoding %s: %v", js, err)
		}
	})
}
