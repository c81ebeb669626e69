package csvx

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// event is what one read gives: a record with the line of each field, or
// an error with its place.
type event struct {
	Rec   []string
	Lines []int
	Err   string
}

// readCSV reads in with encoding/csv (FieldsPerRecord as given), going on
// after syntax errors as it allows, and lists what each read gave.
func readCSV(in string, perRecord int) []event {
	r := csv.NewReader(strings.NewReader(in))
	r.FieldsPerRecord = perRecord
	var out []event
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			out = append(out, event{Err: fmt.Sprintf("%d %d %d %v", pe.StartLine, pe.Line, pe.Column, pe.Err)})
			continue
		case err != nil:
			return append(out, event{Err: err.Error()})
		}
		e := event{Rec: append([]string(nil), rec...)}
		for i := range rec {
			l, _ := r.FieldPos(i)
			e.Lines = append(e.Lines, l)
		}
		out = append(out, e)
	}
}

// readX is readCSV with a Reader.
func readX(in string, opt Options) []event {
	buf.Reset(strings.NewReader(in))
	r := NewReader(buf, opt)
	var out []event
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		var pe *ParseError
		switch {
		case errors.As(err, &pe):
			out = append(out, event{Err: fmt.Sprintf("%d %d %d %v", pe.StartLine, pe.Line, pe.Column, pe.Err)})
			continue
		case err != nil:
			return append(out, event{Err: err.Error()})
		}
		e := event{}
		for i, f := range rec {
			e.Rec = append(e.Rec, string(f))
			e.Lines = append(e.Lines, r.FieldLine(i))
		}
		out = append(out, e)
	}
}

// buf is the buffer readX's Readers read through: NewReader takes a
// *bufio.Reader of 64 KiB as its own, and a buffer reset on a text reads
// as a new one. (A new one for each of the 40,000 reads of
// TestMatchesEncodingCSV was a third of its cost under -race.)
var buf = bufio.NewReaderSize(nil, 64<<10)

var cases = []string{
	"", "\n", "\n\n\n", "\r", "\r\n", "a", "a\n", "a\r", "a\r\n", "a,b,c\n1,2,3\n",
	"a,b,c\r\n1,2,3\r\n", "a,b,c\n\n1,2,3", `a,"b,c",d` + "\n" + `"x""y",,z` + "\n",
	"a,\"multi\nline\",c\n1,2,3\n", "a,\"multi\r\nline\",c\n", "a,b,\n1,2,\n", `a,"b",` + "\n",
	"a,b\n1,2,3\n", `a,b"c` + "\n", `a,"b` + "\n", `a,"b"c` + "\n", ` "a",b` + "\n", "a\rb,c\n",
	`"",""` + "\n", "a,\"b\n", "a,\"b", "\"x\n\n", "a,\"b\nc\"d\n", "x,\"a\r\nb\"c\r\n", "\"x\n\r",
	"a,\"", "\"\n\"\n", "\"a\"\"\n", "a,\"b\"\r\n\"c\nd\"\n", "\"a\"\rb\n", "a,b\r\r\n", "\"a\n\n\"\n",
	"a\"b\nc,d\n\"e\n", "\"a\"x,\"b\nc\"d\ne\n",
}

// The reader reads what encoding/csv reads: the same records, the same
// line for each field, and the same syntax errors at the same places,
// going on after them as encoding/csv does.
func TestMatchesEncodingCSV(t *testing.T) {
	for _, in := range cases {
		check(t, in)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		check(t, randomCSV(rng))
	}
}

func check(t *testing.T, in string) {
	t.Helper()
	for _, c := range []struct {
		perRecord int
		opt       Options
	}{
		{-1, Options{Max: 1 << 20, Limit: RecordLimit, AnyFields: true}},
		{0, Options{Max: 1 << 20, Limit: LineLimit}},
	} {
		want := readCSV(in, c.perRecord)
		got := readX(in, c.opt)
		if reflect.DeepEqual(want, got) { // as cmp.Equal for these plain types, and cheaper
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q (%+v): (-encoding/csv +csvx):\n%s", in, c.opt, diff)
		}
	}
}

// randomCSV returns a short text of CSV's special bytes and a few others.
func randomCSV(rng *rand.Rand) string {
	const alphabet = "ab,,\"\"\n\r é"
	var b strings.Builder
	for range rng.IntN(64) {
		b.WriteByte(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func FuzzMatchesEncodingCSV(f *testing.F) {
	for _, in := range cases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) { check(t, in) })
}
