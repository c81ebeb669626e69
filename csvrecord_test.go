package csat

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readAll reads every record with the record reader: records as strings,
// the start line of each, and the error that ended the read (nil at EOF).
func readAll(in string) (recs [][]string, lines []int, err error) {
	r := newRecordReader(strings.NewReader(in), 1<<20)
	for {
		fields, line, err := r.read()
		if errors.Is(err, io.EOF) {
			return recs, lines, nil
		}
		if err != nil {
			return recs, lines, err
		}
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = string(f)
		}
		recs, lines = append(recs, rec), append(lines, line)
	}
}

// oracle reads every record with encoding/csv's defaults.
func oracle(in string) (recs [][]string, lines []int, err error) {
	r := csv.NewReader(strings.NewReader(in))
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, lines, nil
		}
		if err != nil {
			return recs, lines, err
		}
		line, _ := r.FieldPos(0)
		recs, lines = append(recs, rec), append(lines, line)
	}
}

var recordCases = []string{
	"a,b,c\n1,2,3\n",
	"a,b,c\r\n1,2,3\r\n",
	"a,b,c\n\n1,2,3",
	`a,"b,c",d` + "\n" + `"x""y",,z` + "\n",
	"a,\"multi\nline\",c\n1,2,3\n",
	"a,\"multi\r\nline\",c\n",
	"a,b,\n1,2,\n",
	`a,"b",` + "\n",
	"a,b\n1,2,3\n",
	`a,b"c` + "\n",
	`a,"b` + "\n",
	`a,"b"c` + "\n",
	` "a",b` + "\n",
	"\n\n\n",
	"",
	"a\rb,c\n",
	`"",""` + "\n",
}

// The record reader reads what encoding/csv reads: the same records from
// the same lines, and an error where it fails, of the same kind.
func TestRecordReaderMatchesEncodingCSV(t *testing.T) {
	for _, in := range recordCases {
		checkAgainstOracle(t, in)
	}
}

func checkAgainstOracle(t *testing.T, in string) {
	t.Helper()
	got, gotLines, gerr := readAll(in)
	want, wantLines, werr := oracle(in)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%q: records (-encoding/csv +ours):\n%s", in, diff)
	}
	if diff := cmp.Diff(wantLines, gotLines); diff != "" {
		t.Fatalf("%q: lines (-encoding/csv +ours):\n%s", in, diff)
	}
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("%q: error %v, encoding/csv %v", in, gerr, werr)
	}
	if werr != nil {
		for _, kind := range []error{csv.ErrFieldCount, csv.ErrQuote, csv.ErrBareQuote} {
			var se *syntaxErr
			var pe *csv.ParseError
			if errors.As(werr, &pe) && errors.Is(werr, kind) && (!errors.As(gerr, &se) || !errors.Is(se.err, kind)) {
				t.Fatalf("%q: error %v, encoding/csv %v", in, gerr, werr)
			}
		}
	}
}

func FuzzRecordReader(f *testing.F) {
	for _, in := range recordCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) { checkAgainstOracle(t, in) })
}
