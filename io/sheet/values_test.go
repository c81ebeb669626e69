package sheet

import (
	"math/big"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestReadValues(t *testing.T) {
	for _, f := range []string{"values.csv", "values.xlsx"} {
		t.Run(f, func(t *testing.T) {
			vs, sum, err := ReadValues(td(f), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			var ids []string
			for _, v := range vs {
				got[v.ID] = v.Value.Value().String()
				ids = append(ids, v.ID)
			}
			if diff := cmp.Diff(map[string]string{"C001": "2051.09", "C002": "800", "C003": "0.5"}, got); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
			if !cmp.Equal(ids, []string{"C001", "C002", "C003"}) || sum.Accepted != 3 {
				t.Errorf("ids %v, summary %+v", ids, sum)
			}
			if err := csat.CheckIDs(vs); err != nil {
				t.Error(err)
			}
		})
	}
	t.Run("empty file", func(t *testing.T) {
		vs, _, err := ReadValuesFrom(strings.NewReader("customer,value\n"), "v.csv", nil)
		if err != nil || len(vs) != 0 {
			t.Errorf("%v, %v; want no values, no error", vs, err)
		}
	})
}

// TestReadPurchases checks the margins per period and the CLV of the
// method's example (METHOD.md §8): m = 1000, r = 0.8, d = 0.1, n = 3 →
// 1000, 800, 640 → 2730000/1331.
func TestReadPurchases(t *testing.T) {
	for _, f := range []string{"purchases.csv", "purchases.xlsx"} {
		t.Run(f, func(t *testing.T) {
			ps, _, err := ReadPurchases(td(f), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for id, ms := range ps {
				for _, m := range ms {
					got[id] = append(got[id], m.String())
				}
			}
			// Periods 2026, 2027, 2028; C002 bought 500 and returned 100 in 2027.
			want := map[string][]string{"C001": {"1000", "800", "640"}, "C002": {"0", "400", "0"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("margins (-want +got):\n%s", diff)
			}
			clv, err := csat.CLV(ps["C001"], decimal.RequireFromString("0.1"))
			if err != nil {
				t.Fatal(err)
			}
			if clv.Rat().Cmp(big.NewRat(2730000, 1331)) != 0 {
				t.Errorf("CLV %s, want 2730000/1331", clv.Rat())
			}
		})
	}
}

var valueCases = []readCase{
	{"empty customer", "customer,value\n,1\n", nil, csat.ErrMissing, 2, 1},
	{"customer twice", "customer,value\nC1,1\nC1,2\n", nil, csat.ErrDuplicate, 3, 1},
	{"not a number", "customer,value\nC1,1,000\n", nil, csat.ErrSyntax, 2, 3},
	{"words", "客户,价值\nC1,一千\n", nil, csat.ErrInvalid, 2, 2},
	{"empty value", "customer,value\nC1,\n", nil, csat.ErrMissing, 2, 2},
	{"beyond limits", "customer,value\nC1,1e101\n", nil, csat.ErrOutOfRange, 2, 2},
	{"too long", "customer,value\nC1," + strings.Repeat("9", 200) + "\n", nil, csat.ErrOutOfRange, 2, 2},
	{"no value column", "customer\nC1\n", nil, csat.ErrMissing, 1, 0},
}

func TestReadValuesErrors(t *testing.T) {
	for _, tt := range valueCases {
		t.Run(tt.name, func(t *testing.T) {
			vs, _, err := ReadValuesFrom(strings.NewReader(tt.src), "v.csv", tt.opts)
			checkParseError(t, err, "v.csv", tt.line, tt.field, tt.want)
			if vs != nil {
				t.Errorf("values %v returned with the error", vs)
			}
		})
	}
}

var purchaseCases = []readCase{
	{"empty customer", "customer,period,margin\n,2026,1\n", nil, csat.ErrMissing, 2, 1},
	{"empty period", "customer,period,margin\nC1,,1\n", nil, csat.ErrMissing, 2, 2},
	{"bad margin", "customer,period,margin\nC1,2026,x\n", nil, csat.ErrInvalid, 2, 3},
	{"no period column", "customer,margin\nC1,1\n", nil, csat.ErrMissing, 1, 0},
}

func TestReadPurchasesErrors(t *testing.T) {
	for _, tt := range purchaseCases {
		t.Run(tt.name, func(t *testing.T) {
			ps, _, err := ReadPurchasesFrom(strings.NewReader(tt.src), "p.csv", tt.opts)
			checkParseError(t, err, "p.csv", tt.line, tt.field, tt.want)
			if ps != nil {
				t.Errorf("margins %v returned with the error", ps)
			}
		})
	}
	var b strings.Builder
	b.WriteString("customer,period,margin\n")
	for i := range csat.MaxPeriods + 1 {
		b.WriteString("C1,p" + big.NewInt(int64(100000+i)).String() + ",1\n")
	}
	_, _, err := ReadPurchasesFrom(strings.NewReader(b.String()), "p.csv", nil)
	checkParseError(t, err, "p.csv", csat.MaxPeriods+2, 2, csat.ErrOutOfRange)
}

// TestXLSXNumbers checks that spreadsheet numbers read as Excel shows
// them (15 significant digits) and CSV numbers exactly.
func TestXLSXNumbers(t *testing.T) {
	for _, c := range []struct {
		in   string
		xlsx bool
		want string
	}{
		{"0.10000000000000001", true, "0.1"},
		{"0.10000000000000001", false, "0.10000000000000001"},
		{"2051.0900000000001", true, "2051.09"},
		{"123456789012345678", true, "123456789012346000"},
		{"1E-3", true, "0.001"},
		{"85", true, "85"},
	} {
		d, err := parseDecimal("value", c.in, c.xlsx)
		if err != nil || !d.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("parseDecimal(%q, xlsx %t) = %s, %v; want %s", c.in, c.xlsx, d, err, c.want)
		}
	}
}
