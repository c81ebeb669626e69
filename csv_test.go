package csat

import (
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
	tab, err := ReadTableCSV(f, FivePoint())
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
		{"unknown column", "item,source,level,score\n", errCheck{ErrInvalid, `csat: csv line 1, column 4: unknown column "score" (want item, source, level, count): invalid argument`}},
		{"duplicate column", "item,item,source,level\n", errCheck{ErrDuplicate, `csat: csv line 1, column 2: column "item" given twice: duplicate`}},
		{"missing column", "item,level\n", errCheck{ErrMissing, `csat: csv line 1, column 1: no column "source": missing value`}},
		{"unknown level", "item,source,level\n功能,survey,很满意\n功能,survey,great\n", errCheck{ErrUnknownLevel, `csat: csv line 3, column 3: scale "five-point": no level "great": unknown level`}},
		{"bad count", "item,source,level,count\n功能,survey,很满意,-2\n", errCheck{ErrInvalid, `csat: csv line 2, column 4: count "-2" is not a non-negative integer: invalid argument`}},
		{"empty item", "level,source,item\n满意,survey,\n", errCheck{ErrInvalid, `csat: csv line 2, column 3: table: item name "" must be non-empty UTF-8: invalid argument`}},
		{"empty source", "item,source,level\nx,,满意\n", errCheck{ErrInvalid, `csat: csv line 2, column 2: table: source name "" must be non-empty UTF-8: invalid argument`}},
		{"overflow", "item,source,level,count\nx,s,满意,18446744073709551615\nx,s,满意,1\n", errCheck{ErrOverflow, `csat: csv line 3, column 4: tally: level 1 count 18446744073709551615 + 1: count overflow`}},
		{"ragged", "item,source,level\nx,s\n", errCheck{Is: nil}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadTableCSV(strings.NewReader(c.in), FivePoint())
			if c.want.Is == nil {
				if err == nil || !strings.Contains(err.Error(), "csv line 2") {
					t.Fatalf("got %v, want a line-2 parse error", err)
				}
				return
			}
			checkErr(t, err, c.want)
		})
	}
}
