package csatbeam

import (
	"bytes"
	"errors"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// The coders' bytes, written out by hand from their layout: each string
// as its length (a uvarint) and its bytes; Level zigzag (−1 → 1, 3 → 6);
// the attributes by dimension.
func TestCoderBytes(t *testing.T) {
	if got, want := encodeKey(Key{Company: "ab", Period: "Q1"}), []byte{2, 'a', 'b', 2, 'Q', '1'}; !bytes.Equal(got, want) {
		t.Errorf("encodeKey = %v, want %v", got, want)
	}
	if got, want := encodeFormKey(FormKey{Company: "a", Period: "", Form: "F1"}), []byte{1, 'a', 0, 2, 'F', '1'}; !bytes.Equal(got, want) {
		t.Errorf("encodeFormKey = %v, want %v", got, want)
	}
	a := Answer{Company: "c", Period: "p", Item: "i", Source: "s", Level: Blank, Count: 300, Form: "F",
		Attrs: map[string]string{"z": "1", "a": "2"}}
	want := []byte{1, 'c', 1, 'p', 1, 'i', 1, 's', 1, 0xac, 0x02, 1, 'F', 0, 0, 0, 0, 2, 1, 'a', 1, '2', 1, 'z', 1, '1'}
	if got := encodeAnswer(a); !bytes.Equal(got, want) {
		t.Errorf("encodeAnswer = %v, want %v", got, want)
	}
	a.Level = 3
	want[8] = 6
	if got := encodeAnswer(a); !bytes.Equal(got, want) {
		t.Errorf("encodeAnswer of level 3 = %v, want %v", got, want)
	}
}

func drawAnswer(t *rapid.T) Answer {
	str := rapid.StringN(0, 12, -1)
	a := Answer{
		Company: str.Draw(t, "company"), Period: str.Draw(t, "period"), Item: str.Draw(t, "item"), Source: str.Draw(t, "source"),
		Level: rapid.IntRange(-1, 10).Draw(t, "level"), Count: rapid.Uint64().Draw(t, "count"),
		Form: str.Draw(t, "form"), Respondent: str.Draw(t, "respondent"), Customer: str.Draw(t, "customer"),
		Overall: str.Draw(t, "overall"), Importance: str.Draw(t, "importance"),
	}
	if attrs := rapid.MapOfN(str, str, 0, 5).Draw(t, "attrs"); len(attrs) > 0 {
		a.Attrs = attrs
	}
	return a
}

// Every Answer, Key and FormKey decodes to itself, and equal values
// encode to equal bytes (a map's order does not show).
func TestCodersRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := drawAnswer(t)
		b := encodeAnswer(a)
		got, err := decodeAnswer(b)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, got); diff != "" {
			t.Fatalf("answer round trip (-want +got):\n%s", diff)
		}
		if again := encodeAnswer(got); !bytes.Equal(again, b) {
			t.Fatalf("equal answers encode to %v and %v", b, again)
		}
		k := Key{Company: a.Company, Period: a.Period}
		if got, err := decodeKey(encodeKey(k)); err != nil || got != k {
			t.Fatalf("key round trip: %+v, %v", got, err)
		}
		fk := FormKey{Company: a.Company, Period: a.Period, Form: a.Form}
		if got, err := decodeFormKey(encodeFormKey(fk)); err != nil || got != fk {
			t.Fatalf("form key round trip: %+v, %v", got, err)
		}
	})
}

// Bytes the coders did not write (cut short, with bytes after, or any
// bytes at all) decode to an error wrapping csat.ErrCorrupt, never a
// panic.
func TestCodersRejectCorruptBytes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := encodeAnswer(drawAnswer(t))
		cut := rapid.IntRange(0, len(b)-1).Draw(t, "cut")
		if _, err := decodeAnswer(b[:cut]); !errors.Is(err, csat.ErrCorrupt) {
			t.Fatalf("answer cut to %d of %d bytes: %v, want ErrCorrupt", cut, len(b), err)
		}
		if _, err := decodeAnswer(append(b, 0)); !errors.Is(err, csat.ErrCorrupt) {
			t.Fatalf("answer with a byte after it: %v, want ErrCorrupt", err)
		}
		k := encodeKey(Key{Company: "acme", Period: "Q1"})
		if _, err := decodeKey(k[:rapid.IntRange(0, len(k)-1).Draw(t, "key cut")]); !errors.Is(err, csat.ErrCorrupt) {
			t.Fatalf("key cut short: %v, want ErrCorrupt", err)
		}
		junk := rapid.SliceOfN(rapid.Byte(), 0, 40).Draw(t, "junk")
		for _, decode := range []func([]byte) error{
			func(b []byte) error { _, err := decodeAnswer(b); return err },
			func(b []byte) error { _, err := decodeKey(b); return err },
			func(b []byte) error { _, err := decodeFormKey(b); return err },
		} {
			if err := decode(junk); err != nil && !errors.Is(err, csat.ErrCorrupt) {
				t.Fatalf("junk %v: %v, want nil or ErrCorrupt", junk, err)
			}
		}
	})
	// A varint of more than 64 bits, and a count of attributes larger
	// than the bytes left.
	if _, err := decodeKey(append(bytes.Repeat([]byte{0xff}, 9), 0x02)); !errors.Is(err, csat.ErrCorrupt) {
		t.Errorf("a 65-bit length: %v, want ErrCorrupt", err)
	}
	if _, err := decodeAnswer([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100}); !errors.Is(err, csat.ErrCorrupt) {
		t.Errorf("100 attributes in no bytes: %v, want ErrCorrupt", err)
	}
}
