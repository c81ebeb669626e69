package enum

import (
	"errors"
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

type color uint8

var errBad = errors.New("invalid argument")

func errorf(err error, format string, args ...any) error {
	return fmt.Errorf("test: "+format+": %w", append(args, err)...)
}

var colors = New[color]("color", "colour", errBad, errorf, "red", "", "blue")

func TestNames(t *testing.T) {
	for _, tt := range []struct {
		v    color
		text string
		ok   bool
	}{{0, "red", true}, {1, "color(1)", false}, {2, "blue", true}, {3, "color(3)", false}} {
		if got := colors.String(tt.v); got != tt.text {
			t.Errorf("String(%d) = %q, want %q", tt.v, got, tt.text)
		}
		b, err := colors.MarshalText(tt.v)
		if tt.ok != (err == nil) || (tt.ok && string(b) != tt.text) {
			t.Errorf("MarshalText(%d) = %q, %v", tt.v, b, err)
		}
		if !tt.ok && !errors.Is(err, errBad) {
			t.Errorf("MarshalText(%d) error %v does not wrap the sentinel", tt.v, err)
		}
	}
	var c color = 2
	err := colors.UnmarshalText([]byte("green"), &c)
	if !errors.Is(err, errBad) || c != 2 || err.Error() != `test: unknown colour "green" (want red, blue): invalid argument` {
		t.Errorf("UnmarshalText(green) = %v, c = %d", err, c)
	}
	if err := colors.UnmarshalText([]byte(""), &c); err == nil {
		t.Error("the empty name of an unnamed value parsed")
	}
	if got := colors.Values(); len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Errorf("Values = %v, want [0 2]", got)
	}
}

type sign int8

var signs = New[sign]("sign", "sign", errBad, errorf, "minus", "", "plus").From(-1)

func TestFrom(t *testing.T) {
	if s := signs.String(-1) + signs.String(1) + signs.String(0) + signs.String(2); s != "minusplussign(0)sign(2)" {
		t.Errorf("names from -1: %s", s)
	}
	if v, err := signs.Parse("minus"); err != nil || v != -1 {
		t.Errorf("Parse(minus) = %d, %v", v, err)
	}
	if got := fmt.Sprint(signs.Values()); got != "[-1 1]" {
		t.Errorf("Values = %s", got)
	}
}

// String agrees with MarshalText, and text round-trips, for every value.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := color(rapid.Uint8().Draw(t, "v"))
		b, err := colors.MarshalText(v)
		if err != nil {
			return
		}
		if string(b) != colors.String(v) {
			t.Fatalf("MarshalText %q, String %q", b, colors.String(v))
		}
		var w color
		if err := colors.UnmarshalText(b, &w); err != nil || w != v {
			t.Fatalf("round trip %d → %q → %d, %v", v, b, w, err)
		}
	})
}
