package csat

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestHostileTableCSV is the catalogue's table for the library's own CSV
// reader, ReadTableCSV (issue 18, lower points): each row an error that
// errors.Is matches and that names the line and field, or (want nil) a
// file that is read, with the count asserted from the input.
func TestHostileTableCSV(t *testing.T) {
	var nilFile *strings.Reader
	for _, tc := range []struct {
		name string
		in   io.Reader
		want error
		says string
	}{
		{"lower/nil-reader", nil, ErrInvalid, "csv: nil reader"},
		{"lower/typed-nil-reader", nilFile, ErrInvalid, "csv: nil reader"},
		{"lower/bom-then-quoted-header", strings.NewReader("\ufeff\"item\",\"source\",\"level\",\"count\"\nA,survey,satisfied,4\n"), nil, ""},
		{"lower/bom-then-plain-header", strings.NewReader("\ufeffitem,source,level,count\nA,survey,satisfied,4\n"), nil, ""},
		{"lower/escape-sequence-in-item", strings.NewReader("item,source,level,count\n\"A\x1b]0;pwned\x07\",survey,satisfied,4\n"), ErrInvalid, `control characters`},
		{"lower/escape-sequence-in-source", strings.NewReader("item,source,level,count\nA,sur\x1bvey,satisfied,4\n"), ErrInvalid, `source name "sur\x1bvey"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ReadTableCSV(tc.in, FivePoint(), nil)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				tl, err := tb.Tally("A", SourceSurvey)
				if err != nil {
					t.Fatal(err)
				}
				if n, _ := tl.N(); n != 4 {
					t.Errorf("%d answers, want the file's 4", n)
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err = %v, want %v saying %q", err, tc.want, tc.says)
			}
			if tc.in != nil && tc.in != io.Reader(nilFile) && !strings.Contains(err.Error(), "line 2") {
				t.Errorf("error %q names no line", err)
			}
		})
	}
}
