package sheet

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/textx"
)

// TestEncodingChunkBoundary checks that a UTF-8 file whose 64 KiB
// detection chunk ends inside a character is read as UTF-8, for every cut.
func TestEncodingChunkBoundary(t *testing.T) {
	for cut := 1; cut <= 3; cut++ { // bytes of 功 inside the chunk
		var b strings.Builder
		b.WriteString("item,level\n")
		row := "a,很满意\n"
		for b.Len()+len(row) < sniffSize-100 {
			b.WriteString(row)
		}
		// Pad with a last row so that 功 starts cut bytes before the end
		// of the chunk.
		pad := sniffSize - cut - b.Len() - len(",很满意\n")
		b.WriteString(strings.Repeat("b", pad) + ",很满意\n")
		if b.Len() != sniffSize-cut {
			t.Fatalf("prefix of %d bytes, want %d", b.Len(), sniffSize-cut)
		}
		b.WriteString("功能,很满意\n")
		ps, sum, err := ReadAnswersFrom(strings.NewReader(b.String()), "c.csv", nil)
		if err != nil {
			t.Fatalf("cut %d: %v", cut, err)
		}
		if sum.Encoding != EncodingUTF8 {
			t.Errorf("cut %d: read as %s, want utf-8", cut, sum.Encoding)
		}
		if tl, err := ps[0].Table.Tally("功能", csat.SourceSurvey); err != nil || tl.Count(0) != 1 {
			t.Errorf("cut %d: 功能 %v %v", cut, tl.Counts(), err)
		}
	}
}

func TestCompleteRunes(t *testing.T) {
	s := []byte("a功") // 功 is 3 bytes
	for _, c := range []struct {
		in    []byte
		atEOF bool
		want  string
	}{
		{s, false, "a功"},
		{s[:3], false, "a"},
		{s[:2], false, "a"},
		{s[:3], true, "a\xe5\x8a"},
		{[]byte("a\xff"), false, "a\xff"},
		{nil, false, ""},
	} {
		if got := string(textx.CompleteRunes(c.in, c.atEOF)); got != c.want {
			t.Errorf("CompleteRunes(%q, %t) = %q, want %q", c.in, c.atEOF, got, c.want)
		}
	}
}

// TestEncodings reads one content with a BOM, in GBK detected and
// selected, and checks the GBK file whose detection chunk is ASCII.
func TestEncodings(t *testing.T) {
	src := []byte("项目,等级\n功能,很满意\n外观,不满意\n")
	want, _, err := ReadAnswersFrom(bytes.NewReader(src), "u.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		in   []byte
		opts *Options
		enc  Encoding
	}{
		{"BOM", append([]byte("\ufeff"), src...), nil, EncodingUTF8},
		{"BOM selected", append([]byte("\ufeff"), src...), &Options{Encoding: EncodingUTF8}, EncodingUTF8},
		{"GBK detected", gbk(t, src), nil, EncodingGBK},
		{"GBK selected", gbk(t, src), &Options{Encoding: EncodingGBK}, EncodingGBK},
		{"ASCII as GBK", []byte("item,level\nq,very_satisfied\n"), &Options{Encoding: EncodingGBK}, EncodingGBK},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps, sum, err := ReadAnswersFrom(bytes.NewReader(c.in), "e.csv", c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Encoding != c.enc {
				t.Errorf("read as %s, want %s", sum.Encoding, c.enc)
			}
			if c.name != "ASCII as GBK" && !ps[0].Table.Equal(want[0].Table) {
				t.Error("tallies differ from the UTF-8 file's")
			}
		})
	}
	t.Run("GBK after an ASCII chunk", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("item,level\n")
		for b.Len() < sniffSize+10 {
			b.WriteString("a,very_satisfied\n")
		}
		line := strings.Count(b.String(), "\n") + 1
		b.Write(gbk(t, []byte("功能,很满意\n")))
		_, _, err := ReadAnswersFrom(bytes.NewReader(b.Bytes()), "late.csv", nil)
		checkParseError(t, err, "late.csv", line, 1, csat.ErrInvalid)
		if err == nil || !strings.Contains(err.Error(), "read it as GBK (csat --encoding gbk; Options.Encoding EncodingGBK)") {
			t.Errorf("message %v does not suggest GBK", err)
		}
		_, sum, err := ReadAnswersFrom(bytes.NewReader(b.Bytes()), "late.csv", &Options{Encoding: EncodingGBK})
		if err != nil || sum.Rows != line-1 {
			t.Errorf("with Encoding GBK: %v, %+v", err, sum)
		}
	})
}

func TestEnumText(t *testing.T) {
	for _, c := range []struct {
		v interface {
			MarshalText() ([]byte, error)
			String() string
		}
		text string
	}{
		{FormatXLSX, "xlsx"}, {LayoutWide, "wide"}, {EncodingGBK, "gbk"}, {EncodingUTF8, "utf-8"}, {FormatAuto, "auto"},
	} {
		b, err := c.v.MarshalText()
		if err != nil || string(b) != c.text || c.v.String() != c.text {
			t.Errorf("%v: %q %v, want %q", c.v, b, err, c.text)
		}
	}
	var f Format
	var l Layout
	var e Encoding
	if f.UnmarshalText([]byte("CSV")) != nil || f != FormatCSV || l.UnmarshalText([]byte("long")) != nil || l != LayoutLong {
		t.Errorf("unmarshal: %v %v", f, l)
	}
	for in, want := range map[string]Encoding{"gb18030": EncodingGBK, "UTF8": EncodingUTF8, "auto": EncodingAuto} {
		if err := e.UnmarshalText([]byte(in)); err != nil || e != want {
			t.Errorf("encoding %q: %v %v, want %v", in, e, err, want)
		}
	}
	if err := l.UnmarshalText([]byte("tall")); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("layout tall: %v, want ErrInvalid", err)
	}
	if _, err := Layout(7).MarshalText(); !errors.Is(err, csat.ErrInvalid) || Layout(7).String() != "Layout(7)" {
		t.Errorf("Layout(7): %v %s", err, Layout(7))
	}
}
