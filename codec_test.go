package csat

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A scale's JSON is its definition; decoding rebuilds an equal scale.
func TestScaleJSON(t *testing.T) {
	b, err := json.Marshal(FivePoint())
	if err != nil {
		t.Fatal(err)
	}
	// METHOD.md §1.1: 很满意 10 … 很不满意 2, out of 10; the top three levels
	// count as satisfied.
	for _, want := range []string{`"name":"five-point"`, `"full_marks":"10"`,
		`{"key":"very_satisfied","label":"very satisfied","label_zh":"很满意","points":"10","satisfied":true,"band":null}`,
		`"label_zh":"很不满意","points":"2","satisfied":false`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("FivePoint JSON lacks %s:\n%s", want, b)
		}
	}
	for _, s := range []*Scale{FivePoint(), PVCBands()} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var got Scale
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		if !got.Equal(s) || got.Fingerprint() != s.Fingerprint() {
			t.Errorf("%s: decoded scale differs", s.Name())
		}
	}
	for _, tt := range []struct {
		json string
		is   error
	}{
		{`{"name":"x","full_marks":"10","levels":[],"extra":1}`, ErrCorrupt},
		{`{"name":"x","full_marks":"10","levels":[]} {}`, ErrCorrupt},
		{`[1]`, ErrCorrupt},
		{`{"name":"","full_marks":"10","levels":[{"key":"a","points":"1"}]}`, ErrInvalidScale},
		{`{"name":"x","full_marks":"10","levels":[{"key":"a","points":"11"}]}`, ErrInvalidScale},
	} {
		s := new(Scale)
		err := s.UnmarshalJSON([]byte(tt.json))
		if !errors.Is(err, tt.is) {
			t.Errorf("%s: error %v, want %v", tt.json, err, tt.is)
		}
		if s.Name() != "" || len(s.Levels()) != 0 {
			t.Errorf("%s: the scale changed on error", tt.json)
		}
	}
	// FivePoint's scale is shared by every caller: decoding over it (or
	// over any scale in use) is refused, and it stays as it was.
	shared := FivePoint()
	before := shared.Fingerprint()
	js, _ := json.Marshal(PVCBands())
	if err := json.Unmarshal(js, shared); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `decoding into the scale "five-point", which is in use`) {
		t.Errorf("decoding over FivePoint(): error %v, want ErrInvalid", err)
	}
	if FivePoint().Fingerprint() != before || FivePoint().Name() != "five-point" {
		t.Error("decoding over FivePoint() changed it")
	}
}

func TestScaleJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, MaxLevels).Draw(t, "n")
		pts := rapid.SliceOfNDistinct(rapid.IntRange(0, 1000), n, n, rapid.ID[int]).Draw(t, "points")
		var levels []Level
		for i, p := range pts {
			levels = append(levels, Level{Key: "k" + decimal.NewFromInt(int64(i)).String(),
				LabelZH: "级" + decimal.NewFromInt(int64(i)).String(),
				Points:  decimal.New(int64(p), -1), Satisfied: rapid.Bool().Draw(t, "satisfied")})
		}
		s, err := NewScale(rapid.StringMatching(`[a-z0-9 ]{1,12}`).Draw(t, "name"), decimal.NewFromInt(100), levels)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var got Scale
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(s) || got.Fingerprint() != s.Fingerprint() {
			t.Fatalf("round trip changed the scale: %s", b)
		}
	})
}
