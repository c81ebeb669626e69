package sheet

import (
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

// benchWorkbooks returns the workbooks BenchmarkReadXLSX reads: n rows of
// long answers as WriteAnswers writes them (inline strings, through
// excelize's stream writer), and n rows of wide answers as Excel saves
// them (shared strings).
func benchWorkbooks(b *testing.B, n int) map[string][]byte {
	var long bytes.Buffer
	if err := WriteAnswers(&long, FormatXLSX, LayoutLong, longPeriods(b, n)); err != nil {
		b.Fatal(err)
	}
	var wide strings.Builder
	wide.WriteString("期间,表单,功能,外观,包装,交货期,服务质量\n")
	for i := range n {
		fmt.Fprintf(&wide, "2025H%d,F%d,%s,%s,%s,,%s\n", 1+i%2, i, streamLevels[i%5], streamLevels[(i+1)%5], streamLevels[(i+2)%5], streamLevels[(i+3)%5])
	}
	return map[string][]byte{"long": long.Bytes(), "wide": xlsxOf(b, []byte(wide.String()))}
}

// BenchmarkReadXLSX reads a few thousand rows of answers from a workbook,
// long (inline strings) and wide (shared strings).
func BenchmarkReadXLSX(b *testing.B) {
	for name, data := range benchWorkbooks(b, 5000) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, sum, err := ReadAnswersFrom(bytes.NewReader(data), "b.xlsx", nil); err != nil || sum.Rows < 5000 {
					b.Fatal(sum.Rows, err)
				}
			}
		})
	}
}

// TestDeflateRepeat checks the hand-made deflate streams of the hostile
// workbooks: they inflate to what they stand for, with its size and CRC.
func TestDeflateRepeat(t *testing.T) {
	for _, p := range []bigPart{
		{prefix: "", unit: "\x00", n: 1},
		{prefix: "<sst>", unit: "<si/>", n: 1000, suffix: "</sst>"},
		{prefix: "a", unit: "xy", n: 517, suffix: "z"},
		{prefix: "<row>", unit: strings.Repeat("é", 300), n: 3, suffix: "</row>"},
	} {
		data, size, crc := deflateRepeat(p.prefix, p.unit, p.n, p.suffix)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		want := p.prefix + strings.Repeat(p.unit, p.n) + p.suffix
		if err != nil || string(got) != want {
			t.Fatalf("%q×%d inflates to %d bytes (%v), want %d", p.unit, p.n, len(got), err, len(want))
		}
		if size != uint64(len(want)) || crc != crc32.ChecksumIEEE([]byte(want)) {
			t.Errorf("%q×%d: size %d, crc %x; want %d, %x", p.unit, p.n, size, crc, len(want), crc32.ChecksumIEEE([]byte(want)))
		}
	}
}
