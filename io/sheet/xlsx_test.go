package sheet

import (
	"bytes"
	"fmt"
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
