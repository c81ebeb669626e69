package plan

import (
	"errors"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

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

// values returns customers a, b, c, … with the given points values.
func values(vs ...int64) []csat.CustomerValue {
	out := make([]csat.CustomerValue, len(vs))
	for i, v := range vs {
		r, err := csat.Given("", csat.Points, decimal.NewFromInt(v))
		if err != nil {
			panic(err)
		}
		out[i] = csat.CustomerValue{ID: string(rune('a' + i)), Value: r}
	}
	return out
}
