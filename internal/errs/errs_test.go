package errs

import (
	"errors"
	"strings"
	"testing"
)

func TestError(t *testing.T) {
	sentinel := errors.New("invalid argument")
	e := New(sentinel, "report: x: invalid argument")
	if e.Error() != "csat: report: x: invalid argument" || e.Detail() != "report: x: invalid argument" {
		t.Errorf("got %q / %q", e.Error(), e.Detail())
	}
	if !errors.Is(e, sentinel) {
		t.Error("does not wrap the sentinel")
	}
}

func TestQuoteShort(t *testing.T) {
	if got := QuoteShort("a\"b"); got != `"a\"b"` {
		t.Errorf("got %s", got)
	}
	long := strings.Repeat("é", 30) // 60 bytes
	if got, want := QuoteShort(long), `"`+strings.Repeat("é", 20)+`"… (60 bytes)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	odd := "a" + strings.Repeat("é", 30) // cut falls inside a rune
	if got, want := QuoteShort(odd), `"a`+strings.Repeat("é", 19)+`"… (61 bytes)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
