package main

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// sentinels are the reasons an error of the small-file readers may give.
var sentinels = []error{csat.ErrSyntax, csat.ErrInvalid, csat.ErrOutOfRange, csat.ErrDuplicate,
	csat.ErrMissing, csat.ErrNegative, csat.ErrEmpty}

// checkReadError fails unless err is a *csat.ParseError naming the file,
// wraps one of the sentinels and has a short message.
func checkReadError(t *testing.T, name string, err error) {
	t.Helper()
	var pe *csat.ParseError
	if !errors.As(err, &pe) || pe.File != name || pe.Line < 1 {
		t.Fatalf("error %v is not a ParseError naming %s and its line", err, name)
	}
	matched := false
	for _, s := range sentinels {
		matched = matched || errors.Is(err, s)
	}
	if !matched {
		t.Fatalf("error %v wraps no csat sentinel", err)
	}
	if len(err.Error()) > 1000 {
		t.Fatalf("error message of %d bytes", len(err.Error()))
	}
}

// checkNameRead fails unless a name read is one line, without control
// characters, NFC-normalised and trimmed.
func checkNameRead(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || strings.IndexFunc(s, unicode.IsControl) >= 0 || !norm.NFC.IsNormalString(s) || strings.TrimSpace(s) != s {
		t.Fatalf("%s %q: empty, control characters, not NFC or not trimmed", what, s)
	}
}

func encodingOf(gbk byte) sheet.Encoding {
	return [3]sheet.Encoding{sheet.EncodingAuto, sheet.EncodingUTF8, sheet.EncodingGBK}[gbk%3]
}

func FuzzTargets(f *testing.F) {
	f.Add([]byte("year,degree,rate\n2023,72%,80%\n2024,0.75,0.82\n"), byte(0))
	f.Add([]byte("\xef\xbb\xbf年度,满意度,满意率\n2024,75%,\n2025年,,82%\n"), byte(0))
	f.Add([]byte("\xc4\xea\xb6\xc8,degree\n2024,75%\n"), byte(2))
	f.Add([]byte("year,degree\n2024,1e200\n2024,75%\n"), byte(0))
	f.Add([]byte("year,rate\n\"2024\n\",1\n2025H1,0\n"), byte(1))
	f.Fuzz(func(t *testing.T, b []byte, enc byte) {
		h, err := parseTargets("targets.csv", b, encodingOf(enc))
		if err != nil {
			checkReadError(t, "targets.csv", err)
			return
		}
		for _, hl := range h {
			for _, v := range hl.TargetHistory {
				if v.IsNegative() || v.GreaterThan(one) || v.Exponent() < -maxExponent-2 {
					t.Fatalf("target history value %s", v)
				}
			}
		}
	})
}

func FuzzActions(f *testing.F) {
	f.Add([]byte("item,kind,cause,action,owner,due,status\n交货期,corrective,x,y,王工,2026-09-30,in_progress\n"), byte(0))
	f.Add([]byte("项目,措施,责任人\n包装,\"两行\n措施\",李工\n"), byte(0))
	f.Add([]byte("item,action,owner\nA\x1b[2J,x,y\n"), byte(1))
	f.Add([]byte("item,action,owner,due\nA,x,y,0001-01-01\n"), byte(0))
	f.Fuzz(func(t *testing.T, b []byte, enc byte) {
		as, err := parseActions("actions.csv", b, encodingOf(enc))
		if err != nil {
			checkReadError(t, "actions.csv", err)
			return
		}
		for _, a := range as {
			checkNameRead(t, "item", a.Item)
			checkNameRead(t, "owner", a.Owner)
			if err := a.Validate(); err != nil {
				t.Fatalf("action read is not valid: %v", err)
			}
			if !a.Due.IsZero() && (a.Due.Year() < minYear || a.Due.Year() > maxYear) {
				t.Fatalf("due %s", a.Due)
			}
		}
	})
}

func FuzzStrata(f *testing.F) {
	f.Add([]byte("name,population,stddev\nA,300,1.2\nB,200,0.8\n"), byte(0))
	f.Add([]byte("层,总体\n华东,300\n华东,200\n"), byte(0))
	f.Add([]byte("name,population,stddev\nA,99999999999,1\nB,1,-1\n"), byte(1))
	f.Add([]byte("name,population,stddev\nA,1,1e999\n"), byte(0))
	f.Fuzz(func(t *testing.T, b []byte, enc byte) {
		st, err := parseStrata("strata.csv", b, encodingOf(enc))
		if err != nil {
			checkReadError(t, "strata.csv", err)
			return
		}
		seen := map[string]bool{}
		for _, s := range st {
			checkNameRead(t, "stratum", s.Name)
			if seen[s.Name] || s.Population < 0 || s.StdDev.IsNegative() {
				t.Fatalf("stratum %+v: duplicate or negative", s)
			}
			seen[s.Name] = true
		}
	})
}

var one = decimal.NewFromInt(1)
