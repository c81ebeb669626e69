package strictjson

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/csatkit/csat/internal/errs"
)

var (
	errCorrupt = errors.New("corrupt encoding")
	errDup     = errors.New("duplicate")
	errRange   = errors.New("value out of range")
)

type dec string // a number written as a string, as decimals are

type inner struct {
	Name  string `json:"name"`
	Count uint64 `json:"count"`
}

type embedded struct {
	Note string `json:"note,omitempty"`
}

type outer struct {
	embedded
	Items  []inner         `json:"items"`
	Tags   map[string]int  `json:"tags,omitempty"`
	Ptr    *inner          `json:"ptr,omitempty"`
	Any    any             `json:"any,omitempty"`
	Amount dec             `json:"amount,omitempty"`
	Raw    json.RawMessage `json:"raw,omitempty"`
	Plain  int
	Skip   int `json:"-"`
	hidden int // an unexported field, which JSON cannot set
}

var rules = Rules{Corrupt: errCorrupt, Duplicate: errDup, OutOfRange: errRange, Numbers: []reflect.Type{reflect.TypeFor[dec]()},
	Strict: []reflect.Type{reflect.TypeFor[self]()}}

// self decodes itself with the rules (as csat.Result does).
type self struct{ N int }

func (s *self) UnmarshalJSON(b []byte) error {
	var j struct {
		N int `json:"n"`
	}
	if err := rules.Decode("self", b, &j); err != nil {
		return err
	}
	if j.N < 0 {
		return errs.New(errRange, "self: n is negative: value out of range")
	}
	s.N = j.N
	return nil
}

// color is an enum read from text.
type color int

func (c *color) UnmarshalText(b []byte) error {
	if string(b) != "red" {
		return errs.New(errCorrupt, "color "+string(b)+": corrupt encoding")
	}
	*c = 1
	return nil
}

type holder struct {
	Selves []self  `json:"selves"`
	Ptr    *self   `json:"ptr"`
	Colors []color `json:"colors"`
}

func TestLocate(t *testing.T) {
	var h holder
	if err := rules.Decode("h", []byte(`{"selves":[{"n":1}],"ptr":null,"colors":["red"]}`), &h); err != nil || h.Selves[0].N != 1 || h.Colors[0] != 1 {
		t.Fatalf("a valid holder: %+v, %v", h, err)
	}
	for _, c := range []struct{ data, msg string }{
		{`{"selves":[{"n":1},{"n":1,"n":2}]}`, "csat: h JSON: key selves[1]: self JSON: key n: given twice: duplicate, corrupt encoding"},
		{`{"selves":[{"n":1},{"N":2}]}`, `csat: h JSON: key selves[1]: self JSON: key N: matches the field "n" only in another case`},
		{`{"ptr":{"n":-1}}`, "csat: h JSON: key ptr: self: n is negative: value out of range"},
		{`{"colors":["red","blue"]}`, "csat: h JSON: key colors[1]: color blue: corrupt encoding"},
		{`{"selves":[{"n":"x"}]}`, "csat: h JSON: key selves[0]: self JSON: key n: string \"x\" where a number is expected"},
	} {
		err := rules.Decode("h", []byte(c.data), &h)
		if err == nil || !strings.HasPrefix(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want %s", c.data, err, c.msg)
		}
	}
}

func TestDecode(t *testing.T) {
	good := `{"note":"n","items":[{"name":"a","count":1}],"tags":{"x":1,"X":2},"ptr":{"name":"p","count":2},"any":{"k":[1,"2"]},"amount":"1.5","raw":{"a":1},"Plain":3}`
	var v outer
	if err := rules.Decode("v", []byte(" "+good+"\n\t"), &v); err != nil {
		t.Fatalf("a valid value: %v", err)
	}
	if v.hidden != 0 || v.Skip != 0 || v.Note != "n" || v.Items[0].Count != 1 || v.Tags["X"] != 2 || v.Ptr.Name != "p" || v.Amount != "1.5" || v.Plain != 3 || string(v.Raw) != `{"a":1}` {
		t.Errorf("decoded %+v", v)
	}

	for _, c := range []struct {
		name, data string
		is         []error
		msg        string
	}{
		{"trailing ]", good + "]", []error{errCorrupt}, "v JSON: trailing data after the JSON value at byte 154"},
		{"trailing }", good + " }", []error{errCorrupt}, `trailing data after the JSON value at byte 155: "}"`},
		{"second value", good + good, []error{errCorrupt}, "trailing data"},
		{"empty", " ", []error{errCorrupt}, "v JSON: no JSON value: corrupt encoding"},
		{"cut", `{"items":[`, []error{errCorrupt}, "v JSON: key items: "},
		{"duplicate top", `{"Plain":1,"Plain":2}`, []error{errCorrupt, errDup}, "v JSON: key Plain: given twice: duplicate, corrupt encoding"},
		{"duplicate deep", `{"items":[{"name":"a"},{"name":"a","name":"b"}]}`, []error{errCorrupt, errDup}, "key items[1].name: given twice"},
		{"duplicate in map", `{"tags":{"a":1,"a":2}}`, []error{errCorrupt, errDup}, "key tags.a: given twice"},
		{"duplicate in any", `{"any":{"a":1,"a":2}}`, []error{errCorrupt, errDup}, "key any.a: given twice"},
		{"duplicate in raw", `{"raw":{"a b":1,"a b":2}}`, []error{errCorrupt, errDup}, `key raw."a b": given twice`},
		{"case", `{"plain":1}`, []error{errCorrupt}, `key plain: matches the field "Plain" only in another case`},
		{"case deep", `{"ptr":{"Name":"x"}}`, []error{errCorrupt}, `key ptr.Name: matches the field "name"`},
		{"case embedded", `{"NOTE":"x"}`, []error{errCorrupt}, `key NOTE: matches the field "note"`},
		{"unknown", `{"items":[{"title":"x"}]}`, []error{errCorrupt}, `key items[0].title: unknown field`},
		{"skipped field", `{"Skip":1}`, []error{errCorrupt}, `key Skip: unknown field`},
		{"unexported field", `{"hidden":1}`, []error{errCorrupt}, `key hidden: unknown field`},
		{"empty key", `{"":1}`, []error{errCorrupt}, `key "": unknown field`},
		{"string for uint", `{"items":[{"count":"5"}]}`, []error{errCorrupt}, `key items[0].count: string "5" where a number is expected`},
		{"string for int", `{"Plain":"5"}`, []error{errCorrupt}, `key Plain: string "5" where a number is expected`},
		{"string in map", `{"tags":{"a":"5"}}`, []error{errCorrupt}, `key tags.a: string "5" where a number is expected`},
		{"number for string", `{"note":5}`, []error{errCorrupt}, `note: number value for a string`},
		{"invalid UTF-8", "{\"note\":\"a\xffb\"}", []error{errCorrupt}, "key note: invalid UTF-8 at byte 10"},
		{"invalid UTF-8 outside", "{\"note\":\"a\"}\xff", []error{errCorrupt}, "trailing data"},
		{"lone high surrogate", `{"note":"\ud800x"}`, []error{errCorrupt}, "key note: lone surrogate escape at byte 9"},
		{"lone low surrogate", `{"note":"\udc00"}`, []error{errCorrupt}, "key note: lone surrogate escape"},
		{"reversed pair", `{"note":"\udc00\ud800"}`, []error{errCorrupt}, "lone surrogate escape"},
		{"high then text", `{"note":"\ud800\u0041"}`, []error{errCorrupt}, "lone surrogate escape"},
		{"long literal", `{"Plain":1` + strings.Repeat("0", MaxNumberLen) + `}`, []error{errCorrupt, errRange}, "key Plain: number of 129 characters, longer than the limit of 128"},
		{"long number string", `{"amount":"1` + strings.Repeat("0", MaxNumberLen) + `"}`, []error{errCorrupt, errRange}, "key amount: number of 129 characters"},
		{"long literal in any", `{"any":[1` + strings.Repeat("0", MaxNumberLen) + `]}`, []error{errCorrupt, errRange}, "key any[0]: number of 129 characters"},
		{"exponent", `{"amount":"1e129"}`, []error{errCorrupt, errRange}, `key amount: number "1e129" has an exponent beyond ±128`},
		{"negative exponent", `{"Plain":1E-129}`, []error{errCorrupt, errRange}, `number "1E-129" has an exponent`},
		{"deep", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), []error{errCorrupt, errRange}, "nested deeper than 10000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v outer
			err := rules.Decode("v", []byte(c.data), &v)
			if err == nil {
				t.Fatal("decoded without error")
			}
			for _, is := range c.is {
				if !errors.Is(err, is) {
					t.Errorf("error %q does not wrap %v", err, is)
				}
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not say %q", err, c.msg)
			}
			if !strings.HasPrefix(err.Error(), "csat: v JSON: ") {
				t.Errorf("error %q does not start with csat: v JSON:", err)
			}
		})
	}
	for _, ok := range []string{
		`{"note":"\ud83d\ude00 \u00e9 \\u","amount":"1e128","Plain":1E+128}`, // a surrogate pair, an escaped backslash
		strings.Repeat(`{"any":`, 100) + "1" + strings.Repeat("}", 100),
		`{"amount":"` + strings.Repeat("9", MaxNumberLen) + `"}`,
	} {
		var v outer
		if err := rules.Decode("v", []byte(ok), &v); err != nil && !strings.Contains(err.Error(), "value for a int") {
			t.Errorf("%.40s: %v", ok, err)
		}
	}
	var notPtr outer
	if err := rules.Decode("v", []byte(`{}`), notPtr); !errors.Is(err, errCorrupt) {
		t.Errorf("decoding into a non-pointer: %v", err)
	}
}

// FuzzDecode decodes arbitrary bytes into a struct: never a panic; what
// Decode accepts encoding/json accepts too, and it re-encodes to JSON
// that Decode accepts and decodes to an equal value.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"note":"n","items":[{"name":"a","count":1}],"tags":{"x":1},"ptr":{"name":"p","count":2},"any":[1,"2",{"k":null}],"amount":"1.5","Plain":3}`))
	f.Add([]byte(`{"items":[{"name":"\ud83d\ude00","count":18446744073709551615}]} `))
	f.Add([]byte(`{"tags":{"a":1,"A":2},"amount":"1e5"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v outer
		if err := rules.Decode("v", data, &v); err != nil {
			if !errors.Is(err, errCorrupt) {
				t.Fatalf("error %v does not wrap the corrupt sentinel", err)
			}
			return
		}
		var lax outer
		if err := json.Unmarshal(data, &lax); err != nil {
			t.Fatalf("accepted what encoding/json refuses: %v", err)
		}
		js, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back outer
		if err := rules.Decode("v", js, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", js, err)
		}
		if !reflect.DeepEqual(normal(t, v), normal(t, back)) {
			t.Fatalf("re-decoded %+v, first %+v", back, v)
		}
	})
}

// normal returns v's JSON decoded generically, so values compare
// whatever their Go representation (a RawMessage's spacing).
func normal(t *testing.T, v outer) any {
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m any
	if err := json.Unmarshal(js, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
