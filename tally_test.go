package csat

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The worked example of METHOD.md §2: 10, 5, 6, 3, 1 answers from very
// satisfied to very dissatisfied. By hand: points 100 + 40 + 36 + 12 + 2
// = 190 over 25 × 10 = 250, 190/250 = 0.76; satisfied 10 + 5 + 6 = 21 of
// 25, 21/25 = 0.84.
func TestWorkedExample(t *testing.T) {
	tl := tallyOf(t, 10, 5, 6, 3, 1)
	d, err := Degree{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Rate{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Mean{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{d.Value().String(), d.Num().String(), d.Den().String(), d.Explain(),
		r.Value().String(), r.Explain(), m.Value().String(), m.Explain()}
	want := []string{"0.76", "190", "250", "degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%",
		"0.84", "rate 满意率 = (10 + 5 + 6) / 25 = 21/25 = 84%",
		"7.6", "mean points = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / 25 = 190/25 = 7.6"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("worked example mismatch (-want +got):\n%s", diff)
	}
	if !d.Exact() || !r.Exact() {
		t.Error("76% and 84% are exact")
	}
}

// perItem is the per-item table of METHOD.md §2, with degree and rate
// worked by hand: function (3×10+1×8+1×4)=42/50, appearance
// (30+8+6)=44/50, packaging (20+8+6+2)=36/50, delivery (24+4)=28/50,
// service (20+16+4)=40/50.
var perItem = []struct {
	item         string
	counts       []uint64
	degree, rate string
}{
	{"function 功能", []uint64{3, 1, 0, 1, 0}, "0.84", "0.8"},
	{"appearance 外观", []uint64{3, 1, 1, 0, 0}, "0.88", "1"},
	{"packaging 包装", []uint64{2, 1, 1, 0, 1}, "0.72", "0.8"},
	{"delivery 交货期", []uint64{0, 0, 4, 1, 0}, "0.56", "0.8"},
	{"service 服务质量", []uint64{2, 2, 0, 1, 0}, "0.8", "0.8"},
}

func answersOf(counts []uint64) []int {
	var out []int
	for lvl, c := range counts {
		for range c {
			out = append(out, lvl)
		}
	}
	return out
}

// TestWorkedExampleProperty: the 25 answers of the worked example, in any
// order and any sharding, give exactly 76% and 84%; each item of the
// per-item table gives its degree and rate in any order.
func TestWorkedExampleProperty(t *testing.T) {
	all := answersOf([]uint64{10, 5, 6, 3, 1})
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.Permutation(all).Draw(t, "answers")
		shards := rapid.IntRange(1, 6).Draw(t, "shards")
		parts := make([]Tally, shards)
		for i := range parts {
			parts[i] = NewTally(FivePoint())
		}
		for _, a := range answers {
			k := rapid.IntRange(0, shards-1).Draw(t, "shard")
			if err := parts[k].Add(a); err != nil {
				t.Fatal(err)
			}
		}
		var total Tally
		for _, k := range rapid.Permutation(rangeN(shards)).Draw(t, "order") {
			if err := total.Merge(parts[k]); err != nil {
				t.Fatal(err)
			}
		}
		d, _ := Degree{}.Score(total)
		r, _ := Rate{}.Score(total)
		if !d.Value().Equal(dec("0.76")) || !r.Value().Equal(dec("0.84")) {
			t.Fatalf("degree %s rate %s, want 0.76 0.84", d.Value(), r.Value())
		}
		row := perItem[rapid.IntRange(0, len(perItem)-1).Draw(t, "item")]
		tl := NewTally(FivePoint())
		for _, a := range rapid.Permutation(answersOf(row.counts)).Draw(t, "itemAnswers") {
			_ = tl.Add(a)
		}
		d, _ = Degree{}.Score(tl)
		r, _ = Rate{}.Score(tl)
		if !d.Value().Equal(dec(row.degree)) || !r.Value().Equal(dec(row.rate)) {
			t.Fatalf("%s: degree %s rate %s, want %s %s", row.item, d.Value(), r.Value(), row.degree, row.rate)
		}
	})
}

func rangeN(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestPerItemTable(t *testing.T) {
	tab := NewTable(FivePoint())
	for _, row := range perItem {
		for lvl, c := range row.counts {
			if err := tab.AddN(row.item, SourceSurvey, lvl, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, row := range perItem {
		tl, err := tab.Tally(row.item, SourceSurvey)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Degree{}.Score(tl)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := Rate{}.Score(tl)
		if !d.Value().Equal(dec(row.degree)) || !r.Value().Equal(dec(row.rate)) {
			t.Errorf("%s: degree %s rate %s, want %s %s", row.item, d.Value(), r.Value(), row.degree, row.rate)
		}
	}
	total, err := tab.Total(SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]uint64{10, 5, 6, 3, 1}, total.Counts()); diff != "" {
		t.Errorf("per-item table does not add up to the totals (-want +got):\n%s", diff)
	}
}

// TestScoreProperties: bounds, order independence, monotonicity and the
// naive per-answer loop.
func TestScoreProperties(t *testing.T) {
	t.Run("bounds", rapid.MakeCheck(func(t *rapid.T) {
		tl := NewTally(FivePoint())
		for _, a := range genAnswers(t, "answers") {
			_ = tl.Add(a)
		}
		d, _ := Degree{}.Score(tl)
		r, _ := Rate{}.Score(tl)
		// min points 2 of full marks 10: degree ∈ [0.2, 1]; rate ∈ [0, 1].
		if d.Value().LessThan(dec("0.2")) || d.Value().GreaterThan(dec("1")) {
			t.Fatalf("degree %s out of [0.2, 1]", d.Value())
		}
		if r.Value().IsNegative() || r.Value().GreaterThan(dec("1")) {
			t.Fatalf("rate %s out of [0, 1]", r.Value())
		}
	}))
	t.Run("order", rapid.MakeCheck(func(t *rapid.T) {
		answers := genAnswers(t, "answers")
		shuffled := rapid.Permutation(answers).Draw(t, "shuffled")
		a, b := NewTally(FivePoint()), NewTally(FivePoint())
		for i := range answers {
			_ = a.Add(answers[i])
			_ = b.Add(shuffled[i])
		}
		for _, s := range []Scorer{Degree{}, Rate{}, Mean{}} {
			ra, _ := s.Score(a)
			rb, _ := s.Score(b)
			if ra.Value().String() != rb.Value().String() || ra.Explain() != rb.Explain() {
				t.Fatalf("%T differs with answer order: %s vs %s", s, ra.Explain(), rb.Explain())
			}
		}
	}))
	t.Run("better answer never lowers", rapid.MakeCheck(func(t *rapid.T) {
		answers := genAnswers(t, "answers")
		k := rapid.IntRange(0, len(answers)-1).Draw(t, "which")
		better := slices.Clone(answers)
		if answers[k] == 0 {
			t.Skip("already the best level")
		}
		better[k] = rapid.IntRange(0, answers[k]-1).Draw(t, "to") // lower index = more points
		a, b := NewTally(FivePoint()), NewTally(FivePoint())
		for i := range answers {
			_ = a.Add(answers[i])
			_ = b.Add(better[i])
		}
		for _, s := range []Scorer{Degree{}, Rate{}} {
			ra, _ := s.Score(a)
			rb, _ := s.Score(b)
			if rb.Rat().Cmp(ra.Rat()) < 0 {
				t.Fatalf("%T fell from %s to %s", s, ra, rb)
			}
		}
	}))
	t.Run("naive loop", rapid.MakeCheck(propNaiveLoop))
	t.Run("scaling counts keeps degree and rate", rapid.MakeCheck(propScalingCounts))
}

// propNaiveLoop: degree and rate equal the naive per-answer computation,
// exactly.
func propNaiveLoop(t *rapid.T) {
	answers := genAnswers(t, "answers")
	points := []decimal.Decimal{dec("10"), dec("8"), dec("6"), dec("4"), dec("2")}
	tl := NewTally(FivePoint())
	sum, sat := decimal.Zero, 0
	for _, a := range answers {
		_ = tl.Add(a)
		sum = sum.Add(points[a]) // one answer at a time, as a spreadsheet would
		if a <= 2 {
			sat++
		}
	}
	n := int64(len(answers))
	want := new(big.Rat).Quo(sum.Rat(), big.NewRat(n*10, 1))
	d, _ := Degree{}.Score(tl)
	if d.Rat().Cmp(want) != 0 || !d.Value().Equal(sum.DivRound(decimal.NewFromInt(n*10), Precision)) {
		t.Fatalf("degree %s, naive %s", d.Value(), want.FloatString(20))
	}
	r, _ := Rate{}.Score(tl)
	if r.Rat().Cmp(big.NewRat(int64(sat), n)) != 0 {
		t.Fatalf("rate %s, naive %d/%d", r.Value(), sat, n)
	}
}

// propScalingCounts: multiplying every count by k keeps each figure.
func propScalingCounts(t *rapid.T) {
	counts := rapid.SliceOfN(rapid.Uint64Range(0, 1000), 5, 5).Draw(t, "counts")
	k := rapid.Uint64Range(1, 1000).Draw(t, "k")
	a, b := NewTally(FivePoint()), NewTally(FivePoint())
	for i, c := range counts {
		_ = a.AddN(i, c)
		_ = b.AddN(i, c*k)
	}
	for _, s := range []Scorer{Degree{}, Rate{}, Mean{}} {
		ra, ea := s.Score(a)
		rb, eb := s.Score(b)
		if (ea == nil) != (eb == nil) || ra.Rat().Cmp(rb.Rat()) != 0 {
			t.Fatalf("%T: %v/%v vs %v/%v", s, ra, ea, rb, eb)
		}
	}
}

// TestShardMerge: any split into shards, merged in any order, equals the
// single tally bit for bit (same counts, same encoding).
func TestShardMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := genAnswers(t, "answers")
		single := NewTally(FivePoint())
		_ = single.AddCodes(toCodes(answers))
		shards := rapid.IntRange(1, 8).Draw(t, "shards")
		parts := make([]Tally, shards)
		for i := range parts {
			parts[i] = NewTally(FivePoint())
		}
		for _, a := range answers {
			_ = parts[rapid.IntRange(0, shards-1).Draw(t, "to")].Add(a)
		}
		// Merge in a random order, as a random binary tree (associativity).
		order := rapid.Permutation(rangeN(shards)).Draw(t, "order")
		pool := make([]Tally, 0, shards)
		for _, k := range order {
			pool = append(pool, parts[k])
		}
		for len(pool) > 1 {
			i := rapid.IntRange(0, len(pool)-2).Draw(t, "pair")
			m := pool[i]
			if err := m.Merge(pool[i+1]); err != nil {
				t.Fatal(err)
			}
			pool = append(pool[:i], append([]Tally{m}, pool[i+2:]...)...)
		}
		if !pool[0].Equal(single) {
			t.Fatalf("merged %v, single %v", pool[0].Counts(), single.Counts())
		}
		a, _ := pool[0].MarshalBinary()
		b, _ := single.MarshalBinary()
		if !bytes.Equal(a, b) {
			t.Fatal("merged tally encodes differently")
		}
	})
}

func toCodes(answers []int) []byte {
	b := make([]byte, len(answers))
	for i, a := range answers {
		b[i] = byte(a)
	}
	return b
}

func TestAddCodes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		codes := rapid.SliceOf(rapid.ByteRange(0, 4)).Draw(t, "codes")
		a, b := NewTally(FivePoint()), NewTally(FivePoint())
		if err := a.AddCodes(codes); err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			_ = b.Add(int(c))
		}
		if !a.Equal(b) {
			t.Fatalf("AddCodes %v, Add %v", a.Counts(), b.Counts())
		}
	})
	tl := tallyOf(t, 1, 0, 0, 0, 0)
	err := tl.AddCodes([]byte{0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 7, 9})
	checkErr(t, err, errCheck{Is: ErrUnknownLevel, Msg: `csat: scale "five-point": code 7 at offset 10 (scale has 5 levels): unknown level`})
	if diff := cmp.Diff([]uint64{1, 0, 0, 0, 0}, tl.Counts()); diff != "" {
		t.Errorf("a failed AddCodes changed the tally (-want +got):\n%s", diff)
	}
}

func TestTallyErrors(t *testing.T) {
	full := NewTally(FivePoint())
	_ = full.AddN(0, ^uint64(0))
	cases := []struct {
		name string
		run  func() error
		want errCheck
	}{
		{"add unknown level", func() error { tl := NewTally(FivePoint()); return tl.Add(5) }, errCheck{ErrUnknownLevel, `csat: scale "five-point": level index 5 (scale has 5 levels): unknown level`}},
		{"add negative level", func() error { tl := NewTally(FivePoint()); return tl.Add(-1) }, errCheck{ErrUnknownLevel, `csat: scale "five-point": level index -1 (scale has 5 levels): unknown level`}},
		{"add to zero tally", func() error { var tl Tally; return tl.Add(0) }, errCheck{ErrUnknownLevel, `csat: tally without scale: level 0 (use NewTally): unknown level`}},
		{"add key unknown", func() error { tl := NewTally(FivePoint()); return tl.AddKey("great") }, errCheck{ErrUnknownLevel, `csat: scale "five-point": no level "great": unknown level`}},
		{"add overflow", func() error { tl := full; return tl.Add(0) }, errCheck{ErrOverflow, `csat: tally: level 0 count: count overflow`}},
		{"addN overflow", func() error { tl := full; return tl.AddN(0, 1) }, errCheck{ErrOverflow, `csat: tally: level 0 count 18446744073709551615 + 1: count overflow`}},
		{"codes overflow", func() error { tl := full; return tl.AddCodes([]byte{0}) }, errCheck{ErrOverflow, `csat: tally: level 0 count: count overflow`}},
		{"merge overflow", func() error { tl := full; return tl.Merge(tallyOf(t, 1)) }, errCheck{ErrOverflow, `csat: merge: level 0 count 18446744073709551615 + 1: count overflow`}},
		{"merge scales", func() error { tl := tallyOf(t, 1); return tl.Merge(NewTally(PVCBands())) }, errCheck{ErrScaleMismatch, `csat: merge: scale "five-point" with scale "pvc-bands": scale mismatch`}},
		{"N overflow", func() error { tl := full; _ = tl.AddN(1, 1); _, err := tl.N(); return err }, errCheck{ErrOverflow, `csat: tally: total number of answers exceeds 2^64-1: count overflow`}},
		{"degree empty", func() error { _, err := Degree{}.Score(NewTally(FivePoint())); return err }, errCheck{ErrEmpty, `csat: degree of an empty tally (scale "five-point"): no data`}},
		{"rate zero tally", func() error { _, err := Rate{}.Score(Tally{}); return err }, errCheck{ErrEmpty, `csat: rate of a tally without scale: no data`}},
		{"mean empty", func() error { _, err := Mean{}.Score(NewTally(FivePoint())); return err }, errCheck{ErrEmpty, `csat: mean of an empty tally (scale "five-point"): no data`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkErr(t, c.run(), c.want) })
	}
	// A failed operation leaves the tally unchanged.
	tl := full
	_ = tl.Merge(tallyOf(t, 1, 2))
	if !tl.Equal(full) {
		t.Error("failed merge changed the tally")
	}
}

func TestHugeTally(t *testing.T) {
	// Scores stay exact at counts near 2^64: 2^64-1 answers at 10 and one
	// at 2 → (10(2^64-1) + 2) / (2^64 × 10).
	tl := NewTally(FivePoint())
	_ = tl.AddN(0, ^uint64(0))
	_ = tl.AddN(4, 1)
	d, err := Degree{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	max := new(big.Int).SetUint64(^uint64(0))
	num := new(big.Int).Add(new(big.Int).Mul(max, big.NewInt(10)), big.NewInt(2))
	den := new(big.Int).Mul(new(big.Int).Add(max, big.NewInt(1)), big.NewInt(10))
	if d.Rat().Cmp(new(big.Rat).SetFrac(num, den)) != 0 {
		t.Errorf("degree %s not exact", d.Value())
	}
}

func TestTallyCodecRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := rapid.SliceOfN(rapid.Uint64(), 5, 5).Draw(t, "counts")
		tl := NewTally(FivePoint())
		for i, c := range counts {
			_ = tl.AddN(i, c)
		}
		bin, err := tl.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		back := NewTally(FivePoint())
		if err := back.UnmarshalBinary(bin); err != nil || !back.Equal(tl) {
			t.Fatalf("binary round trip: %v %v", err, back.Counts())
		}
		js, err := json.Marshal(tl)
		if err != nil {
			t.Fatal(err)
		}
		back = NewTally(FivePoint())
		if err := json.Unmarshal(js, &back); err != nil || !back.Equal(tl) {
			t.Fatalf("JSON round trip: %v %v", err, back.Counts())
		}
	})
}

func TestTallyDecodeErrors(t *testing.T) {
	good, _ := tallyOf(t, 1, 2, 3, 4, 5).MarshalBinary()
	pvc, _ := NewTally(PVCBands()).MarshalBinary()
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrCorrupt},
		{"bad magic", append([]byte("XSAT"), good[4:]...), ErrCorrupt},
		{"table kind", append(append([]byte("CSAT"), 'B'), good[5:]...), ErrCorrupt},
		{"version", append(append([]byte{}, good[:5]...), append([]byte{9}, good[6:]...)...), ErrCorrupt},
		{"foreign scale", pvc, ErrScaleMismatch},
		{"truncated", good[:len(good)-1], ErrCorrupt},
		{"trailing", append(append([]byte{}, good...), 0), ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := tallyOf(t, 9)
			checkErr(t, tl.UnmarshalBinary(c.data), errCheck{Is: c.want})
			if diff := cmp.Diff([]uint64{9, 0, 0, 0, 0}, tl.Counts()); diff != "" {
				t.Errorf("failed decode changed the tally (-want +got):\n%s", diff)
			}
		})
	}
	fp := `"fingerprint":"` + fpHex(FivePoint()) + `"`
	all := `"very_satisfied":1,"satisfied":2,"basically_satisfied":3,"dissatisfied":4,"very_dissatisfied":5`
	jsonCases := []struct {
		name, data string
		want       error
	}{
		{"not json", `{`, ErrCorrupt},
		{"negative", `{"scale":"five-point",` + fp + `,"counts":{"satisfied":-1}}`, ErrCorrupt},
		{"fraction", `{"scale":"five-point",` + fp + `,"counts":{"satisfied":1.5}}`, ErrCorrupt},
		{"too big", `{"scale":"five-point",` + fp + `,"counts":{"satisfied":18446744073709551616}}`, ErrOverflow},
		{"other scale", `{"scale":"pvc-bands","counts":{}}`, ErrScaleMismatch},
		{"fingerprint", `{"scale":"five-point","fingerprint":"00","counts":{}}`, ErrScaleMismatch},
		{"unknown level", `{"scale":"five-point",` + fp + `,"counts":{"great":1}}`, ErrUnknownLevel},
		{"label not key", `{"scale":"five-point",` + fp + `,"counts":{"满意":1}}`, ErrUnknownLevel},
		// Accepted silently before: a typo losing every count, no counts,
		// a level given twice (the last won), a level left out, a tally of
		// another scale of the same name, trailing data.
		{"unknown field", `{"scale":"five-point",` + fp + `,"cuonts":{` + all + `}}`, ErrCorrupt},
		{"no counts", `{"scale":"five-point",` + fp + `}`, ErrCorrupt},
		{"null counts", `{"scale":"five-point",` + fp + `,"counts":null}`, ErrCorrupt},
		{"duplicate level", `{"scale":"five-point",` + fp + `,"counts":{` + all + `,"satisfied":9}}`, ErrDuplicate},
		{"level missing", `{"scale":"five-point",` + fp + `,"counts":{"very_satisfied":1}}`, ErrCorrupt},
		{"no fingerprint", `{"scale":"five-point","counts":{` + all + `}}`, ErrScaleMismatch},
		{"trailing", `{"scale":"five-point",` + fp + `,"counts":{` + all + `}} {}`, ErrCorrupt},
	}
	ok := NewTally(FivePoint())
	if err := ok.UnmarshalJSON([]byte(`{"scale":"five-point",` + fp + `,"counts":{` + all + `}}`)); err != nil {
		t.Fatalf("a valid tally: %v", err)
	}
	if diff := cmp.Diff([]uint64{1, 2, 3, 4, 5}, ok.Counts()); diff != "" {
		t.Errorf("decoded counts (-want +got):\n%s", diff)
	}
	for _, c := range jsonCases {
		t.Run(c.name, func(t *testing.T) {
			tl := NewTally(FivePoint())
			checkErr(t, tl.UnmarshalJSON([]byte(c.data)), errCheck{Is: c.want})
		})
	}
	var zero Tally
	checkErr(t, zero.UnmarshalBinary(good), errCheck{Is: ErrInvalid})
	checkErr(t, zero.UnmarshalJSON([]byte(`{}`)), errCheck{Is: ErrInvalid})
	_, err := zero.MarshalBinary()
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = zero.MarshalJSON()
	checkErr(t, err, errCheck{Is: ErrInvalid})
}

func TestTallyJSONForm(t *testing.T) {
	js, err := json.Marshal(tallyOf(t, 10, 5, 6, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"scale":"five-point","fingerprint":"` + fpHex(FivePoint()) + `","counts":{"very_satisfied":10,"satisfied":5,"basically_satisfied":6,"dissatisfied":3,"very_dissatisfied":1}}`
	if diff := cmp.Diff(want, string(js)); diff != "" {
		t.Errorf("JSON mismatch (-want +got):\n%s", diff)
	}
}

func fpHex(s *Scale) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 16)
	v := s.Fingerprint()
	for i := 15; i >= 0; i-- {
		b[i] = hex[v&15]
		v >>= 4
	}
	return string(b)
}

func TestZeroTally(t *testing.T) {
	var z Tally
	if z.Scale() != nil || z.Counts() != nil || z.Count(0) != 0 {
		t.Error("zero tally has no scale and no counts")
	}
	if n, err := z.N(); n != 0 || err != nil {
		t.Errorf("N = %d, %v", n, err)
	}
	if err := z.AddCodes(nil); err != nil {
		t.Errorf("AddCodes(nil) on zero tally: %v", err)
	}
	checkErr(t, z.AddCodes([]byte{1}), errCheck{Is: ErrUnknownLevel})
	checkErr(t, z.AddKey("x"), errCheck{Is: ErrUnknownLevel})
	checkErr(t, z.AddN(0, 1), errCheck{Is: ErrUnknownLevel})
	w := tallyOf(t, 1, 2)
	if err := z.Merge(w); err != nil || !z.Equal(w) {
		t.Errorf("zero tally is not the identity of Merge: %v", err)
	}
	if err := w.Merge(Tally{}); err != nil || !w.Equal(tallyOf(t, 1, 2)) {
		t.Errorf("merging a zero tally changed the tally: %v", err)
	}
}

// Edges of the level index: the first index past the scale's levels is
// unknown for Add, AddN and AddCodes (and nothing is counted); Count is 0
// outside [0, MaxLevels) and exact at the scale's last level.
func TestLevelIndexEdges(t *testing.T) {
	s := FivePoint() // 5 levels: indexes 0..4
	tl := NewTally(s)
	if err := tl.AddN(4, 7); err != nil {
		t.Fatal(err)
	}
	checkErr(t, tl.Add(5), errCheck{ErrUnknownLevel, `csat: scale "five-point": level index 5 (scale has 5 levels): unknown level`})
	checkErr(t, tl.AddN(5, 1), errCheck{Is: ErrUnknownLevel})
	checkErr(t, tl.AddN(-1, 1), errCheck{Is: ErrUnknownLevel})
	checkErr(t, tl.AddCodes([]byte{0, 1, 2, 3, 4, 5}), errCheck{Is: ErrUnknownLevel})
	if err := tl.AddCodes([]byte{4, 0}); err != nil {
		t.Fatal(err)
	}
	got := []uint64{tl.Count(-1), tl.Count(0), tl.Count(4), tl.Count(5), tl.Count(MaxLevels - 1), tl.Count(MaxLevels)}
	if diff := cmp.Diff([]uint64{0, 1, 8, 0, 0, 0}, got); diff != "" {
		t.Errorf("counts at the edges (-want +got):\n%s", diff)
	}
	// Index returns -1 beside its error, never a valid-looking index.
	for _, f := range []func() (int, error){
		func() (int, error) { return s.Index("great") },
		func() (int, error) { return s.IndexOfPoints(dec("7")) },
		func() (int, error) { return PVCBands().IndexOfScore(dec("101")) },
	} {
		if i, err := f(); i != -1 || (!errors.Is(err, ErrUnknownLevel) && !errors.Is(err, ErrOutOfRange)) {
			t.Errorf("lookup error returned index %d, %v", i, err)
		}
	}
}

// The integer sums behind the scorers equal the plain decimal sums, for
// any counts up to 2⁶⁴−1 and points with decimals.
func TestExactSums(t *testing.T) {
	half, err := NewScale("halves", dec("10"), []Level{
		{Key: "a", Points: dec("9.5"), Satisfied: true}, {Key: "b", Points: dec("7.25")}, {Key: "c", Points: dec("0")}, {Key: "d", Points: dec("10")}})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.SampledFrom([]*Scale{FivePoint(), PVCBands(), half}).Draw(t, "scale")
		tl := NewTally(s)
		wantPoints, wantN, wantSat := decimal.Zero, decimal.Zero, decimal.Zero
		for i, l := range s.Levels() {
			c := rapid.OneOf(rapid.Uint64Range(0, 100), rapid.Uint64()).Draw(t, "count")
			tl.counts[i] = c
			wantPoints = wantPoints.Add(decimal.NewFromUint64(c).Mul(l.Points))
			wantN = wantN.Add(decimal.NewFromUint64(c))
			if l.Satisfied {
				wantSat = wantSat.Add(decimal.NewFromUint64(c))
			}
		}
		if got := tl.pointsSum(); !got.Equal(wantPoints) {
			t.Fatalf("points sum %s, want %s", got, wantPoints)
		}
		if got := tl.total(); !got.Equal(wantN) {
			t.Fatalf("total %s, want %s", got, wantN)
		}
		if got := tl.sum(func(l *Level) bool { return l.Satisfied }); !got.Equal(wantSat) {
			t.Fatalf("satisfied %s, want %s", got, wantSat)
		}
		if got, ok := tl.pointsDen(); ok && !got.Equal(wantN.Mul(s.FullMarks())) {
			t.Fatalf("n × full marks %s, want %s", got, wantN.Mul(s.FullMarks()))
		}
	})
}
