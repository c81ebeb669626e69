package csat

import (
	"errors"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// fiveItems is a code book of the worked example's five items × five
// levels, survey source: code = 5 × item + level.
func fiveItems(t testing.TB) *CodeBook {
	var codes []Code
	for it, name := range []string{"功能", "外观", "包装", "交货期", "服务质量"} {
		for l := 0; l < 5; l++ {
			codes = append(codes, Code{Code: byte(5*it + l), Item: name, Source: SourceSurvey, Level: l})
		}
	}
	cb, err := NewCodeBook(FivePoint(), codes)
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func TestAddCodedWorkedExample(t *testing.T) {
	// METHOD.md §2's per-item counts (very satisfied → very dissatisfied):
	// 功能 3,1,0,1,0; 外观 3,1,1,0,0; 包装 2,1,1,0,1; 交货期 0,0,4,1,0;
	// 服务质量 2,2,0,1,0 — 25 answers, degree 76%, rate 84%.
	per := [][]int{{3, 1, 0, 1, 0}, {3, 1, 1, 0, 0}, {2, 1, 1, 0, 1}, {0, 0, 4, 1, 0}, {2, 2, 0, 1, 0}}
	var codes []byte
	for it, counts := range per {
		for l, n := range counts {
			for range n {
				codes = append(codes, byte(5*it+l))
			}
		}
	}
	tab := NewTable(FivePoint())
	if err := tab.AddCoded(fiveItems(t), codes); err != nil {
		t.Fatal(err)
	}
	total, err := tab.Total(SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := Degree{}.Score(total)
	r, _ := Rate{}.Score(total)
	if d.Value().String() != "0.76" || r.Value().String() != "0.84" {
		t.Errorf("degree %s rate %s, want 0.76 0.84", d.Value(), r.Value())
	}
	pack, err := tab.Tally("包装", SourceSurvey)
	if err != nil || pack.Count(4) != 1 || pack.Count(0) != 2 {
		t.Errorf("包装 counts %v (%v)", pack.Counts(), err)
	}
}

// AddCoded counts exactly what one Table.Add per code counts.
func TestAddCodedProperty(t *testing.T) {
	cb := fiveItems(t)
	rapid.Check(t, func(t *rapid.T) {
		codes := rapid.SliceOf(rapid.ByteRange(0, 24)).Draw(t, "codes")
		got, want := NewTable(FivePoint()), NewTable(FivePoint())
		if err := got.AddCoded(cb, codes); err != nil {
			t.Fatal(err)
		}
		for _, b := range codes {
			c, _ := cb.Code(b)
			if err := want.Add(c.Item, c.Source, c.Level); err != nil {
				t.Fatal(err)
			}
		}
		if !got.Equal(want) {
			t.Fatal("AddCoded differs from Add per code")
		}
	})
}

func TestAddCodedErrors(t *testing.T) {
	cb := fiveItems(t)
	tab := NewTable(FivePoint())
	if err := tab.AddCoded(cb, []byte{0, 1}); err != nil {
		t.Fatal(err)
	}
	before := tab.Clone()
	checkErr(t, tab.AddCoded(cb, []byte{0, 3, 25, 7}), errCheck{ErrUnknownLevel, `csat: code 25 at offset 2 is not in the code book: unknown level`})
	if !tab.Equal(before) {
		t.Error("a failed AddCoded changed the table")
	}
	if err := tab.AddN("功能", SourceSurvey, 0, ^uint64(0)-1); err != nil {
		t.Fatal(err)
	}
	before = tab.Clone()
	err := tab.AddCoded(cb, []byte{6, 0, 0})
	var ce *CellError
	if !errors.Is(err, ErrOverflow) || !errors.As(err, &ce) || ce.Item != "功能" {
		t.Errorf("overflow: %v", err)
	}
	if !tab.Equal(before) {
		t.Error("a failed AddCoded changed the table")
	}
	checkErr(t, NewTable(PVCBands()).AddCoded(cb, []byte{0}), errCheck{Is: ErrScaleMismatch})
	for name, codes := range map[string][]Code{
		"duplicate":     {{Code: 1, Item: "a", Source: "s"}, {Code: 1, Item: "b", Source: "s"}},
		"unknown level": {{Code: 1, Item: "a", Source: "s", Level: 5}},
		"empty item":    {{Code: 1, Source: "s"}},
	} {
		if _, err := NewCodeBook(FivePoint(), codes); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// BenchmarkAddCoded counts mixed item × level codes (25 codes, 5 items)
// with a code book, beside the plain loop a user would write over the
// same codes (a table of counts indexed by cell and level).
func BenchmarkAddCoded(b *testing.B) {
	cb := fiveItems(b)
	for _, size := range []int{1 << 20, 64 << 20} {
		codes := make([]byte, size)
		x := uint32(1)
		for i := range codes {
			x = x*1664525 + 1013904223
			codes[i] = byte((x >> 24) % 25)
		}
		name := "size=" + strconv.Itoa(size>>20) + "MiB"
		b.Run("codebook/"+name, func(b *testing.B) {
			tab := NewTable(FivePoint())
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := tab.AddCoded(cb, codes); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("plainloop/"+name, func(b *testing.B) {
			var cellOf, levelOf [256]uint8
			for c := 0; c < 25; c++ {
				cellOf[c], levelOf[c] = uint8(c/5), uint8(c%5)
			}
			var counts [5][MaxLevels]uint64
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, c := range codes {
					counts[cellOf[c]][levelOf[c]]++
				}
			}
			if counts[0][0] == 0 {
				b.Fatal("nothing counted")
			}
		})
	}
}
