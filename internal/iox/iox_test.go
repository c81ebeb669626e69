package iox

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

type funcReader func([]byte) (int, error)

func (f funcReader) Read(p []byte) (int, error) { return f(p) }

func TestIsNil(t *testing.T) {
	var nilBuf *bytes.Buffer
	var nilFunc funcReader
	for _, c := range []struct {
		name string
		r    io.Reader
		want bool
	}{
		{"nil", nil, true},
		{"typed nil pointer", nilBuf, true},
		{"typed nil func", nilFunc, true},
		{"reader", strings.NewReader("x"), false},
		{"func", funcReader(func([]byte) (int, error) { return 0, io.EOF }), false},
	} {
		if got := IsNil(c.r); got != c.want {
			t.Errorf("%s: IsNil = %t, want %t", c.name, got, c.want)
		}
	}
}
