package importance

import (
	"encoding/csv"
	"os"
	"testing"

	"github.com/csatkit/csat/form"
	"github.com/shopspring/decimal"
)

// readCSV reads a data set of testdata (header row first; a first column
// named "" holds row names and is skipped).
func readCSV(t testing.TB, name string) (header []string, rows [][]decimal.Decimal) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	skip := 0
	if recs[0][0] == "" {
		skip = 1
	}
	header = recs[0][skip:]
	for _, r := range recs[1:] {
		row := make([]decimal.Decimal, len(header))
		for i, s := range r[skip:] {
			row[i] = decimal.RequireFromString(s)
		}
		rows = append(rows, row)
	}
	return header, rows
}

// matrixOf returns the listwise co-moments of the columns cols of rows
// (complete data), the column target named form.Overall.
func matrixOf(header []string, rows [][]decimal.Decimal, target string, cols ...string) form.Matrix {
	at := map[string]int{}
	for i, h := range header {
		at[h] = i
	}
	vars := append(append([]string(nil), cols...), target)
	m := form.Matrix{Vars: make([]string, len(vars)), Deletion: form.Listwise, M: make([][]form.Moments, len(vars))}
	for i, v := range vars {
		m.Vars[i] = v
		if v == target {
			m.Vars[i] = form.Overall
		}
		m.M[i] = make([]form.Moments, len(vars))
		for j, w := range vars {
			var mo form.Moments
			for _, r := range rows {
				x, y := r[at[v]], r[at[w]]
				mo.N++
				mo.SumX = mo.SumX.Add(x)
				mo.SumY = mo.SumY.Add(y)
				mo.SumXX = mo.SumXX.Add(x.Mul(x))
				mo.SumYY = mo.SumYY.Add(y.Mul(y))
				mo.SumXY = mo.SumXY.Add(x.Mul(y))
			}
			m.M[i][j] = mo
		}
	}
	return m
}
