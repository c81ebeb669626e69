package csat

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// testdata/survey.csv holds the worked example's survey (METHOD.md §2, per
// item) and a self-assessment of the same five items. Self-assessment by
// hand: very satisfied 2+1+3 = 6, satisfied 3+4+3+2+1 = 13, basically
// satisfied 1+3+1 = 5, dissatisfied 1 → points 60 + 104 + 30 + 4 = 198 of
// 250 = 79.2%; satisfied 24 of 25 = 96%.
func TestReadTableCSV(t *testing.T) {
	f, err := os.Open("testdata/survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := ReadTableCSV(f, FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ source, degree, rate string }{
		{SourceSurvey, "0.76", "0.84"}, {SourceSelf, "0.792", "0.96"},
	} {
		total, err := tab.Total(c.source)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := Degree{}.Score(total)
		r, _ := Rate{}.Score(total)
		if !d.Value().Equal(dec(c.degree)) || !r.Value().Equal(dec(c.rate)) {
			t.Errorf("%s: degree %s rate %s, want %s %s", c.source, d.Value(), r.Value(), c.degree, c.rate)
		}
	}
}

func TestReadTableCSVErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     errCheck
	}{
		{"empty", "", errCheck{ErrEmpty, `csat: csv: no header row: no data`}},
		{"unknown column", "item,source,level,score\n", errCheck{ErrInvalid, `csat: csv line 1, field 4: unknown column "score" (want item, source, level, count): invalid argument`}},
		{"duplicate column", "item,item,source,level\n", errCheck{ErrDuplicate, `csat: csv line 1, field 2: column "item" given twice: duplicate`}},
		{"missing column", "item,level\n", errCheck{ErrMissing, `csat: csv line 1: no column "source": missing value`}},
		{"unknown level", "item,source,level\n功能,survey,很满意\n功能,survey,great\n", errCheck{ErrUnknownLevel, `csat: csv line 3, field 3: scale "five-point" has no level "great": unknown level`}},
		{"bad count", "item,source,level,count\n功能,survey,很满意,-2\n", errCheck{ErrInvalid, `csat: csv line 2, field 4: count "-2" is not a non-negative integer: invalid argument`}},
		{"empty item", "level,source,item\n满意,survey,\n", errCheck{ErrInvalid, `csat: csv line 2, field 3: empty item: invalid argument`}},
		{"empty source", "item,source,level\nx,,满意\n", errCheck{ErrInvalid, `csat: csv line 2, field 2: empty source: invalid argument`}},
		{"overflow", "item,source,level,count\nx,s,满意,18446744073709551615\nx,s,满意,1\n", errCheck{ErrOverflow, `csat: csv line 3, field 4: cell "x"/"s": tally: level 1 count 18446744073709551615 + 1: count overflow`}},
		// A count of 2⁶⁴ does not fit: an overflow, not an invalid count.
		{"count 2^64", "item,source,level,count\nx,s,满意,18446744073709551616\n", errCheck{ErrOverflow, `csat: csv line 2, field 4: count "18446744073709551616" does not fit in 64 bits: count overflow`}},
		// Stray and unterminated quotes panicked in FieldPos.
		{"stray quote", "item,source,level\nx\"y,survey,很满意\n", errCheck{ErrSyntax, `csat: csv line 2, byte column 2: bare " in non-quoted-field: malformed input`}},
		{"unterminated quote", "item,source,level\n\"x,survey,很满意\n", errCheck{ErrSyntax, `csat: csv line 2, byte column 20: extraneous or missing " in quoted-field: malformed input`}},
		{"ragged", "item,source,level\nx,s\n", errCheck{ErrSyntax, `csat: csv line 2, byte column 1: wrong number of fields: malformed input`}},
		// A non-UTF-8 item is reported at the item's field, not the source's.
		{"non-UTF-8 item", "source,item,level\nsurvey,\xff\xfe,满意\n", errCheck{ErrInvalid, `csat: csv line 2, field 2: item "\xff\xfe" is not UTF-8: invalid argument`}},
		{"long level quoted short", "item,source,level\nx,s," + strings.Repeat("很", 1000) + "\n", errCheck{ErrUnknownLevel,
			`csat: csv line 2, field 3: scale "five-point" has no level "` + strings.Repeat("很", 13) + `"… (3000 bytes): unknown level`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadTableCSV(strings.NewReader(c.in), FivePoint(), nil)
			checkErr(t, err, c.want)
		})
	}
	_, err := ReadTableCSV(strings.NewReader("item,source,level\nx,s\n"), FivePoint(), nil)
	if !errors.Is(err, csv.ErrFieldCount) {
		t.Errorf("ragged row: %v does not match csv.ErrFieldCount", err)
	}
}

// A 100 MB field is refused after reading a bounded amount of it, and the
// message does not quote it whole.
func TestReadTableCSVBounds(t *testing.T) {
	huge := &repeatReader{prefix: "item,source,level\nx,s,", fill: 'a', n: 100 << 20}
	_, err := ReadTableCSV(huge, FivePoint(), nil)
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	if huge.read > 1<<20 {
		t.Errorf("read %d bytes of a 100 MB field before refusing it", huge.read)
	}
	if len(err.Error()) > 200 {
		t.Errorf("message of %d bytes", len(err.Error()))
	}
	_, err = ReadTableCSV(strings.NewReader("item,source,level\nx,s,"+strings.Repeat("a", 100)+"\n"), FivePoint(), &CSVOptions{MaxField: 50})
	checkErr(t, err, errCheck{ErrOutOfRange, `csat: csv line 2, field 3: field of 100 bytes, more than 50: value out of range`})
	bigHeader := strings.Repeat("h", 3000) + ",item\n"
	_, err = ReadTableCSV(strings.NewReader(bigHeader), FivePoint(), nil)
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("big header: %v", err)
	}
}

// repeatReader yields prefix, then n bytes of fill.
type repeatReader struct {
	prefix  string
	fill    byte
	n, read int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.read < len(r.prefix)+r.n {
		if r.read < len(r.prefix) {
			p[k] = r.prefix[r.read]
		} else {
			p[k] = r.fill
		}
		k++
		r.read++
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

// FuzzReadTableCSV: the reader never panics; what it accepts re-reads to
// the same table from its own JSON.
func FuzzReadTableCSV(f *testing.F) {
	for _, s := range []string{
		"item,source,level,count\n功能,survey,很满意,3\n功能,self,satisfied,1\n",
		"item,source,level\nx\"y,survey,很满意\n",
		"item,source,level\n\"x,survey,很满意\n",
		"\ufeffitem,source,level\n a , b , 满意 \n",
		"source,item,level\nsurvey,\xff,满意\n",
		"item,source,level,count\nx,s,满意,18446744073709551616\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tab, err := ReadTableCSV(strings.NewReader(in), FivePoint(), &CSVOptions{MaxField: 64})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("error %v is neither a *ParseError nor ErrEmpty", err)
			}
			return
		}
		b, err := tab.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back := NewTable(FivePoint())
		if err := back.UnmarshalJSON(b); err != nil || !back.Equal(tab) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
