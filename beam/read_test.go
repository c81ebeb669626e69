package csatbeam

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

type readLine struct {
	Text string
	Long bool
}

func readAll(t *testing.T, in string, max int) []readLine {
	t.Helper()
	r := lineReader{br: bufio.NewReaderSize(strings.NewReader(in), 16), max: max}
	var out []readLine
	for {
		text, long, err := r.next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, readLine{text, long})
	}
}

func TestLineReader(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     []readLine
	}{
		{"empty", "", 10, nil},
		{"LF", "a\nb\n", 10, []readLine{{"a", false}, {"b", false}}},
		{"no final newline", "a\nb", 10, []readLine{{"a", false}, {"b", false}}},
		{"CRLF", "a\r\nb\r\n", 10, []readLine{{"a", false}, {"b", false}}},
		{"CR at the end", "a\r", 10, []readLine{{"a", false}}},
		{"blank lines", "\n\r\na\n", 10, []readLine{{"", false}, {"", false}, {"a", false}}},
		{"exactly max", "0123456789\r\nx", 10, []readLine{{"0123456789", false}, {"x", false}}},
		{"one over max", "0123456789A\nx\n", 10, []readLine{{"0123456789", true}, {"x", false}}},
		{"far over max, longer than the buffer", strings.Repeat("y", 100) + "\nx", 10, []readLine{{"yyyyyyyyyy", true}, {"x", false}}},
		{"over max at the end", strings.Repeat("y", 40), 10, []readLine{{"yyyyyyyyyy", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, readAll(t, tt.in, tt.max)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]Format{
		"a.csv": FormatCSV, "a.CSV.gz": FormatCSV, "a.txt": FormatCSV, "a": FormatCSV,
		"a.jsonl": FormatJSON, "dir.x/a.ndjson.gz": FormatJSON, "a.JSON": FormatJSON,
	} {
		if got := FormatAuto.of(name); got != want {
			t.Errorf("format of %q = %v, want %v", name, got, want)
		}
	}
	if FormatCSV.of("a.jsonl") != FormatCSV || FormatJSON.of("a.csv") != FormatJSON {
		t.Error("a format given is not kept")
	}
}

func readFile(t *testing.T, name string, fn *readLinesFn) ([]Line, []BadRow) {
	t.Helper()
	var lines []Line
	var bad []BadRow
	f := fileio.ReadableFile{Metadata: fileio.FileMetadata{Path: name}}
	if err := fn.ProcessElement(context.Background(), f, func(l Line) { lines = append(lines, l) }, func(b BadRow) { bad = append(bad, b) }); err != nil {
		t.Fatal(err)
	}
	return lines, bad
}

// readLinesFn numbers every line of a file from 1, skips a byte-order
// mark and blank lines, carries the CSV header on every row below it,
// and sends an over-long line, or a bad header, to the dead letter.
func TestReadLinesFn(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.csv")
	writeFile(t, name, "\ufeffcompany,period,item,source,level\r\n\r\na,Q,i,s,满意\r\n"+strings.Repeat("x", 50)+"\nb,Q,i,s,满意")
	fn := &readLinesFn{MaxLine: 40, MaxField: 10}
	lines, bad := readFile(t, name, fn)
	h := "company,period,item,source,level"
	want := []Line{{File: name, Number: 3, Text: "a,Q,i,s,满意", Header: h}, {File: name, Number: 5, Text: "b,Q,i,s,满意", Header: h}}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if len(bad) != 1 || bad[0].Line != 4 || bad[0].Text != strings.Repeat("x", 40) || !strings.HasSuffix(bad[0].Err, csat.ErrOutOfRange.Error()) {
		t.Errorf("bad rows %+v, want line 4, cut to 40 bytes, out of range", bad)
	}

	name = filepath.Join(dir, "b.csv")
	writeFile(t, name, "\ncompany,period,item,source,rating\na,Q,i,s,满意\n")
	lines, bad = readFile(t, name, fn)
	if len(lines) != 1 || lines[0].Number != 3 || len(bad) != 1 || bad[0].Line != 2 || bad[0].Field != 5 || !strings.HasSuffix(bad[0].Err, csat.ErrInvalid.Error()) {
		t.Errorf("bad header: lines %+v, bad %+v; want line 3 emitted under the bad header of line 2 (field 5), which is a bad row", lines, bad)
	}

	name = filepath.Join(dir, "c.jsonl.gz")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("\ufeff{}\n\n{\"a\":1}\n"))
	_ = zw.Close()
	writeFile(t, name, gz.String())
	lines, bad = readFile(t, name, &readLinesFn{MaxLine: 40, MaxField: 10})
	want = []Line{{File: name, Number: 1, Text: "{}"}, {File: name, Number: 3, Text: `{"a":1}`}}
	if diff := cmp.Diff(want, lines); diff != "" || len(bad) != 0 {
		t.Errorf("gzipped JSON lines (-want +got):\n%s\nbad %+v", diff, bad)
	}
}
