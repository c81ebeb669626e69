package sheet

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/csatkit/csat"
	"github.com/xuri/excelize/v2"
)

// rowsReader yields a CSV file of n rows made up as it is read, and
// samples the live heap as it goes.
type rowsReader struct {
	n, i    int
	wide    bool
	buf     bytes.Buffer
	read    int
	maxHeap uint64
}

var streamItems = []string{"功能", "外观", "包装", "交货期", "服务质量"}
var streamLevels = []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}

func (r *rowsReader) Read(p []byte) (int, error) {
	for r.buf.Len() < len(p) && r.i <= r.n {
		switch {
		case r.i == 0 && r.wide:
			r.buf.WriteString("期间,表单,功能,外观,包装,交货期,服务质量\n")
		case r.i == 0:
			r.buf.WriteString("期间,项目,来源,等级,数量\n")
		case r.wide:
			late := "" // 交货期 is mostly blank, but answered on some forms
			if r.i%10 == 1 {
				late = streamLevels[r.i%5]
			}
			fmt.Fprintf(&r.buf, "2025H%d,F%d,%s,%s,%s,%s,%s\n", 1+r.i%2, r.i, streamLevels[r.i%5], streamLevels[(r.i+1)%5], streamLevels[(r.i+2)%5], late, streamLevels[(r.i+3)%5])
		default:
			fmt.Fprintf(&r.buf, "2025H%d,%s,检查,%s,%d\n", 1+r.i%2, streamItems[r.i%5], streamLevels[(r.i/5)%5], 1+r.i%3)
		}
		r.i++
	}
	return r.sample(p)
}

// sample reads from the buffer and samples the live heap every MiB.
func (r *rowsReader) sample(p []byte) (int, error) {
	n, err := r.buf.Read(p)
	r.read += n
	if r.read >= 1<<20 { // sample the live heap every MiB
		r.read = 0
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		r.maxHeap = max(r.maxHeap, m.HeapAlloc)
	}
	return n, err
}

// TestStreamingMemory reads 20 times more rows and checks that the live
// heap does not grow with them (it holds one buffer and the tallies),
// but for the form ids of the wide layout.
func TestStreamingMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("reads 44 MB")
	}
	for _, wide := range []bool{false, true} {
		heap := map[int]uint64{}
		for _, n := range []int{50_000, 1_000_000} {
			r := &rowsReader{n: n, wide: wide}
			ps, sum, err := ReadAnswersFrom(r, "big.csv", nil)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Rows != n || len(ps) != 2 {
				t.Fatalf("%d rows, %d periods; want %d rows, 2 periods", sum.Rows, len(ps), n)
			}
			heap[n] = r.maxHeap
		}
		small, large := heap[50_000], heap[1_000_000]
		t.Logf("wide %t: live heap at most %d KiB for 50,000 rows, %d KiB for 1,000,000", wide, small>>10, large>>10)
		// The wide file has a form column: the repeated-id check keeps a
		// 16-byte fingerprint and a line a form (formSet), about 55 (96 at most)
		// bytes with the map's overhead; nothing else may grow.
		allowed := uint64(1 << 20)
		if wide {
			allowed += 96 * (1_000_000 - 50_000)
		}
		if large > small+allowed {
			t.Errorf("wide %t: live heap grew from %d KiB to %d KiB with 20 times the rows", wide, small>>10, large>>10)
		}
	}
}

// BenchmarkReadAnswersCSV reads long and wide CSV answers; B/op grows with
// the rows (garbage: encoding/csv allocates each record), the live heap
// does not (TestStreamingMemory).
func BenchmarkReadAnswersCSV(b *testing.B) {
	for _, wide := range []bool{false, true} {
		for _, n := range []int{1000, 100_000} {
			b.Run(fmt.Sprintf("wide=%t/rows=%d", wide, n), func(b *testing.B) {
				var data bytes.Buffer
				if _, err := io.Copy(&data, &rowsReader{n: n, wide: wide}); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(data.Len()))
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := ReadAnswersFrom(bytes.NewReader(data.Bytes()), "b.csv", nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkReadAnswersXLSX reads a long workbook with excelize's row
// iterator.
func BenchmarkReadAnswersXLSX(b *testing.B) {
	for _, n := range []int{1000, 50_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			var data bytes.Buffer
			if err := WriteAnswers(&data, FormatXLSX, LayoutLong, longPeriods(b, n)); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(data.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := ReadAnswersFrom(bytes.NewReader(data.Bytes()), "b.xlsx", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// longPeriods returns a period whose long layout has about n rows.
func longPeriods(b *testing.B, n int) []csat.Period {
	tb := csat.NewTable(csat.FivePoint())
	for i := range n / 5 {
		for l := range 5 {
			if err := tb.AddN(fmt.Sprintf("item%d", i), csat.SourceSurvey, l, uint64(i+1)); err != nil {
				b.Fatal(err)
			}
		}
	}
	return []csat.Period{{Name: "P", Table: tb}}
}

// TestXLSXStreaming reads a workbook whose sheet is about 20 MB of XML:
// it is streamed, row by row.
func TestXLSXStreaming(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes a large workbook")
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"项目", "等级", "数量"}); err != nil {
		t.Fatal(err)
	}
	const n = 300_000 // about 20 MB of sheet XML
	for i := 2; i <= n+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(cell, []any{streamItems[i%5], streamLevels[(i/5)%5], 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/big.xlsx"
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ps, sum, err := ReadAnswers(path, nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := ps[0].Table.Total(csat.SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := tl.N(); sum.Rows != n || got != n {
		t.Errorf("%d rows, %d answers; want %d", sum.Rows, got, n)
	}
	t.Logf("read %d rows; %d MiB allocated in all", n, (after.TotalAlloc-before.TotalAlloc)>>20)
}

// formRowsReader yields a long CSV file of n forms of five rows each, with
// a segment column, and samples the live heap as it goes.
type formRowsReader struct {
	rowsReader
}

func (r *formRowsReader) Read(p []byte) (int, error) {
	for r.buf.Len() < len(p) && r.i <= r.n {
		if r.i == 0 {
			r.buf.WriteString("期间,表单,地区,项目,等级\n")
		} else {
			for k, item := range streamItems {
				fmt.Fprintf(&r.buf, "2025H%d,F%d,%s,%s,%s\n", 1+r.i%2, r.i, []string{"华东", "华南"}[r.i%2], item, streamLevels[(r.i+k)%5])
			}
		}
		r.i++
	}
	return r.sample(p)
}

// TestStreamingMemoryForms reads 20 times more forms of the long layout:
// only the current form and a fingerprint a form (formSet) are held.
func TestStreamingMemoryForms(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("reads 40 MB")
	}
	heap := map[int]uint64{}
	for _, n := range []int{10_000, 200_000} {
		r := &formRowsReader{rowsReader{n: n}}
		ss, sum, err := ReadSurveyFrom(r, "big.csv", nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Forms != uint64(n) || len(ss) != 2 || ss[1].Forms.Group("地区", "华南").Forms("survey") != uint64(n/2) {
			t.Fatalf("%d forms, %d periods; want %d forms in 2 periods", sum.Forms, len(ss), n)
		}
		heap[n] = r.maxHeap
	}
	small, large := heap[10_000], heap[200_000]
	t.Logf("live heap at most %d KiB for 10,000 forms, %d KiB for 200,000", small>>10, large>>10)
	if allowed := uint64(1<<20) + 96*(200_000-10_000); large > small+allowed {
		t.Errorf("live heap grew from %d KiB to %d KiB with 20 times the forms", small>>10, large>>10)
	}
}
