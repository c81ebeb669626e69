package csi

// Fuzz targets: FuzzParseModel and FuzzEstimate. Run them with
//
//	go test ./csi -run '^$' -fuzz '^FuzzParseModel$' -fuzztime 30s
//	go test ./csi -run '^$' -fuzz '^FuzzEstimate$' -fuzztime 30s

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// FuzzParseModel: ParseModel never panics; a model it returns is valid and
// comes back equal through MarshalJSON and ParseModel; an error wraps
// csat.ErrInvalid or csat.ErrSyntax.
func FuzzParseModel(f *testing.F) {
	acsi, err := ACSI().MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		ecsiText,
		ecsiLavaan,
		string(acsi),
		"A =~ a1 + a2\nB =~ b1\nB ~ A\n",
		"\uFEFF# c\r\nA =~ a\r\nB =~ b\r\nB ~ A # p\r\n",
		"A =~ a\nB =~ b\nB ~ A\nA ~ B\n", // cycle
		"A =~ a + a\nB =~ b\nB ~ A\n",    // indicator twice
		"A =~ a\nB =~ b\nB ~ A +\n",      // syntax
		"A =~ a\nB =~ b\xff\nB ~ A\n",    // not UTF-8
		"A =~\n",                         // no indicator
		`{"constructs":[{"name":"A","indicators":["a"]},{"name":"B","indicators":["b"]}],"paths":[{"from":"A","to":"B"}],"x":1}`,
		`{"constructs":[{"name":"A","indicators":["a"]}`,
		`{"constructs":[{"name":" A ","indicators":["a + b"," ~ "]},{"name":"B","indicators":["#"]}],"paths":[{"from":" A ","to":"B"}]}`,
		`{"constructs":null}`,
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseModel(data)
		if err != nil {
			if m != nil {
				t.Fatalf("a model and an error %v", err)
			}
			if !errors.Is(err, csat.ErrInvalid) && !errors.Is(err, csat.ErrSyntax) {
				t.Fatalf("error %v wraps neither csat.ErrInvalid nor csat.ErrSyntax", err)
			}
			if !strings.HasPrefix(err.Error(), "csat: model: ") && !strings.HasPrefix(err.Error(), "csat: model JSON: ") {
				t.Fatalf("error %q does not say it is the model's", err)
			}
			return
		}
		if m == nil {
			t.Fatal("neither a model nor an error")
		}
		again, err := NewModel(m.Constructs(), m.Paths())
		if err != nil {
			t.Fatalf("ParseModel returned a model NewModel refuses: %v", err)
		}
		if diff := cmp.Diff(m, again, cmpModel); diff != "" {
			t.Fatalf("NewModel(Constructs, Paths) differs:\n%s", diff)
		}
		b, err := m.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseModel(b)
		if err != nil {
			t.Fatalf("ParseModel(MarshalJSON) of %s: %v", b, err)
		}
		if diff := cmp.Diff(m, back, cmpModel); diff != "" {
			t.Fatalf("MarshalJSON → ParseModel differs:\n%s", diff)
		}
	})
}

// fuzzModel is A(a1, a2) → C(c1, c2) ← B(b1).
func fuzzModel(t testing.TB) *Model {
	m, err := NewModel([]Construct{one("A", "a1", "a2"), one("B", "b1"), one("C", "c1", "c2")}, []Path{{"A", "C"}, {"B", "C"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var fuzzNames = []string{"a1", "a2", "b1", "c1", "c2"}

// fuzzForms reads the options from the first byte (scheme, treatment of
// blanks) and then a form from every five bytes: a byte b is a blank when
// b mod 6 is 0 and level b mod 6 of the 1–5 scale otherwise; 64 forms at
// most.
func fuzzForms(data []byte) (*Options, [][]int) {
	o := &Options{}
	if len(data) > 0 {
		o.Scheme = Scheme(data[0] % 3)
		o.Missing = Missing(data[0] / 3 % 2)
		data = data[1:]
	}
	var rows [][]int
	for len(data) >= len(fuzzNames) && len(rows) < 64 {
		row := make([]int, len(fuzzNames))
		for i := range row {
			row[i] = int(data[i] % 6)
		}
		rows = append(rows, row)
		data = data[len(fuzzNames):]
	}
	return o, rows
}

// fuzzSeed encodes options and rows as fuzzForms reads them.
func fuzzSeed(opt byte, rows [][]int) []byte {
	b := []byte{opt}
	for _, r := range rows {
		for _, v := range r {
			b = append(b, byte(v))
		}
	}
	return b
}

// FuzzEstimate: Estimate on form.Stats and Data.Estimate of the same
// forms never panic and agree: the same estimates or the same error.
func FuzzEstimate(f *testing.F) {
	var good [][]int
	for i := range 12 {
		a, b := i%5+1, (i*3)%5+1
		good = append(good, []int{a, max(1, a-i%2), b, min(5, (a+b)/2+i%2), (a + b + 1) / 2})
	}
	for opt := range byte(6) {
		f.Add(fuzzSeed(opt, good))
	}
	blanks := make([][]int, len(good))
	for r := range good {
		blanks[r] = append([]int(nil), good[r]...)
		blanks[r][r%5] = 0
	}
	f.Add(fuzzSeed(0, blanks))
	f.Add(fuzzSeed(3, blanks))
	f.Add(fuzzSeed(0, good[:2]))
	f.Add([]byte{})
	f.Add([]byte("some bytes that are not forms at all, but read as forms anyway"))
	sc := pointScale(f, 5)
	m := fuzzModel(f)
	for _, rows := range [][][]int{good, blanks} {
		if _, err := Estimate(m, stats(f, sc, levelForms(fuzzNames, rows)), nil); err != nil {
			f.Fatalf("a seed does not estimate: %v", err)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		o, rows := fuzzForms(in)
		forms := levelForms(fuzzNames, rows)
		for i := range forms {
			forms[i].ID = "Z" + strconv.Itoa(i)
		}
		st, d := stats(t, sc, forms), data(t, m, sc, forms)
		e1, err1 := estStats(m, st, o)
		e2, err2 := estData(d, o)
		if len(forms) == 0 {
			// Both fail, with other sentinels: TestHostileNoFormsSentinel.
			if err1 == nil || err2 == nil {
				t.Fatalf("no form: %v, %v", err1, err2)
			}
			return
		}
		same(t, "Estimate and Data.Estimate", e1, err1, e2, err2)
	})
}
