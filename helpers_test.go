package csat

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// tallyOf returns a five-point tally with the given counts, very satisfied first.
func tallyOf(t testing.TB, counts ...uint64) Tally {
	t.Helper()
	tl := NewTally(FivePoint())
	for i, c := range counts {
		if err := tl.AddN(i, c); err != nil {
			t.Fatal(err)
		}
	}
	return tl
}

// errCheck is a row of an error-path table: the error must match Is and its
// message must be exactly Msg.
type errCheck struct {
	Is  error
	Msg string
}

func checkErr(t *testing.T, err error, want errCheck) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", want.Is)
	}
	if !errors.Is(err, want.Is) {
		t.Errorf("error %q does not match %v", err, want.Is)
	}
	if want.Msg != "" {
		if diff := cmp.Diff(want.Msg, err.Error()); diff != "" {
			t.Errorf("error message mismatch (-want +got):\n%s", diff)
		}
	}
	if !strings.HasPrefix(err.Error(), "csat: ") {
		t.Errorf("error %q lacks the csat: prefix", err)
	}
}

// genAnswers draws a slice of level indexes of the five-point scale.
func genAnswers(t *rapid.T, label string) []int {
	return rapid.SliceOfN(rapid.IntRange(0, 4), 1, 200).Draw(t, label)
}

// mustGiven is Given for literals in tests: it panics on error.
func mustGiven(label string, k Kind, v decimal.Decimal) Result {
	r, err := Given(label, k, v)
	if err != nil {
		panic(err)
	}
	return r
}

// pvcTreeAsPrinted returns the PVC write-up's item weights exactly as the
// source prints them (METHOD.md §4): 产品质量 50 (品质 30, 包装 10, 使用性
// 10), 购销过程 20 (接待 8, 程序 8, 价格和付款 10), 相关服务 30 (运输 8,
// 问题处理 12, 技术支持和服务 10). It is inconsistent — 购销过程's children
// sum to 26 — so [NewTree] rejects it (the Example NewTree_asPrinted
// builds it as a user would).
func pvcTreeAsPrinted() Node { return pvcNode(8, 8) }
