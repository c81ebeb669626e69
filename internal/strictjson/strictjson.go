// Package strictjson is the one strict JSON decoder of csat and its
// packages. encoding/json is lenient in ways that lose or invent data: it
// keeps the last of two equal keys, matches keys in any case, ignores
// data after a closing bracket that [json.Decoder.More] does not see,
// turns invalid UTF-8 and lone surrogate escapes into U+FFFD, decodes a
// string into a [json.Number], and parses numbers of any length. Decode
// first walks the input's tokens beside the target's Go type and refuses
// all of that, naming the key's path; only then does encoding/json fill
// the value, with unknown fields disallowed.
package strictjson

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/csatkit/csat/internal/errs"
)

// MaxNumberLen is the longest number Decode accepts, in characters: a
// JSON number literal anywhere, and a string decoded into one of the
// [Rules] number types (a decimal). Every decimal within csat's input
// limits (100 digits, exponent ±100) prints in at most 103 characters;
// parsing a longer one costs time growing with the square of its length
// (a 10⁶-digit numerator took 5 s), so it is refused before it is parsed.
const MaxNumberLen = 128

// MaxExponent is the largest magnitude of the exponent of a number
// written with one (1e5): decimals print without, and a short
// 1e999999999 would expand to a billion digits when rounded.
const MaxExponent = 128

// MaxDepth is the deepest nesting of arrays and objects Decode accepts,
// encoding/json's own limit.
const MaxDepth = 10000

// Rules say which errors Decode's errors wrap and which Go types hold
// numbers written as strings.
type Rules struct {
	// Corrupt is wrapped by every error (malformed JSON, trailing data,
	// unknown or case-folded keys, a string for a number, invalid UTF-8).
	Corrupt error
	// Duplicate is wrapped beside Corrupt by the error of a key given
	// twice in one object.
	Duplicate error
	// OutOfRange is wrapped beside Corrupt by the error of a number
	// longer than [MaxNumberLen] or nesting deeper than [MaxDepth].
	OutOfRange error
	// Numbers are types (decimals) whose JSON strings are numbers: a
	// string longer than MaxNumberLen decoded into one is refused.
	Numbers []reflect.Type
	// Strict are types whose UnmarshalJSON decodes with these rules
	// itself: their objects and arrays are passed to it unread, rather
	// than walked twice.
	Strict []reflect.Type
}

// Decode decodes the one JSON value in data into v (a non-nil pointer),
// strictly: the value must be followed by nothing but white space; no
// object may repeat a key; a key must match a field's JSON name exactly
// (not in another case) and unknown fields are refused; a string is not
// accepted where a number is expected; data must be valid UTF-8 with no
// lone surrogate escape; numbers are at most [MaxNumberLen] characters
// with an exponent of at most ±[MaxExponent]; nesting is at most
// [MaxDepth] deep.
// what names the value in errors ("table"); the keys are named by their
// path ("cells[2].item"). Errors of a nested decoder (an UnmarshalJSON of
// a field) are returned as they are.
func (r Rules) Decode(what string, data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return r.fail(what, "", "decode into a non-pointer %T", v)
	}
	w := &walker{rules: r, what: what, d: json.NewDecoder(bytes.NewReader(data)), data: data, bad: -1}
	w.d.UseNumber()
	w.findBad(data)
	if err := w.value(rv.Type().Elem(), 0); err != nil {
		return err
	}
	end := w.d.InputOffset()
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return r.fail(what, "", "trailing data after the JSON value at byte %d: %s", len(data)-len(rest), errs.QuoteShort(string(rest)))
	}
	if w.bad >= 0 {
		return r.fail(what, "", "%s at byte %d", w.badWhy, w.bad)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" && !errs.Own(err) {
			return r.fail(what, te.Field, "%s value for a %s", te.Value, te.Type)
		}
		// The error of a field's own decoder names no place: find it.
		if located := r.locate(what, data, rv.Type().Elem()); located != nil {
			return located
		}
		if errs.Own(err) {
			return err
		}
		return r.fail(what, "", "%v", err)
	}
	return nil
}

// locate walks data again, decoding every value of a type with its own
// decoder on the way, and returns the first error of one, with its path.
// It runs only once decoding has failed, so that a valid input is
// decoded once.
func (r Rules) locate(what string, data []byte, t reflect.Type) error {
	w := &walker{rules: r, what: what, d: json.NewDecoder(bytes.NewReader(data)), data: data, bad: -1, locate: true}
	w.d.UseNumber()
	return w.value(t, 0)
}

// decodeHere, when locating, decodes the next value on its own when t
// has its own decoder (UnmarshalJSON or UnmarshalText), returning its
// error with the path, and reports whether it read the value.
func (w *walker) decodeHere(t reflect.Type) (bool, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface {
		return false, nil
	}
	own := reflect.PointerTo(t).Implements(unmarshalerType)
	if !own && !reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return false, nil
	}
	var raw json.RawMessage
	if err := w.d.Decode(&raw); err != nil {
		return true, w.fail(nil, "%v", err)
	}
	if string(raw) == "null" {
		return true, nil
	}
	p := reflect.New(t).Interface()
	var err error
	if own {
		err = p.(json.Unmarshaler).UnmarshalJSON(raw)
	} else if s := ""; json.Unmarshal(raw, &s) == nil {
		err = p.(encoding.TextUnmarshaler).UnmarshalText([]byte(s))
	}
	switch {
	case err == nil:
		return true, nil
	case errs.Own(err):
		return true, errs.New(err, w.what+" JSON: key "+w.where()+": "+errs.Detail(err))
	}
	return true, w.fail(nil, "%v", err)
}

// fail returns an error wrapping r.Corrupt about the key at path.
func (r Rules) fail(what, path, format string, args ...any) error {
	return r.failWith(nil, what, path, format, args...)
}

// failWith returns an error wrapping r.Corrupt and also, if not nil,
// also (r.Duplicate, r.OutOfRange).
func (r Rules) failWith(also error, what, path, format string, args ...any) error {
	text := what + " JSON: "
	if path != "" {
		text += "key " + path + ": "
	}
	text += fmt.Sprintf(format, args...)
	wrapped := r.Corrupt
	reason := errs.Detail(r.Corrupt)
	if also != nil {
		wrapped = errors.Join(also, r.Corrupt)
		reason = errs.Detail(also) + ", " + reason
	}
	return errs.New(wrapped, text+": "+reason)
}

// walker walks the tokens of one input beside the Go type they decode
// into.
type walker struct {
	rules  Rules
	what   string
	d      *json.Decoder
	data   []byte
	locate bool     // decode the values of types with their own decoder (see locate)
	path   []string // the keys and indexes leading to the current value
	bad    int      // the byte offset of the first invalid UTF-8 or lone surrogate, or -1
	badWhy string
}

// findBad records the first byte that is not valid UTF-8, or the first
// \u escape of a lone surrogate (which encoding/json decodes as U+FFFD).
// Backslashes appear only in strings in valid JSON, so escapes can be
// read in sequence.
func (w *walker) findBad(data []byte) {
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				w.bad, w.badWhy = i, "invalid UTF-8"
				return
			}
			i += n
		}
	}
	for i := 0; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], '\\')
		if j < 0 {
			return
		}
		i += j
		if i+1 >= len(data) || data[i+1] != 'u' {
			i++ // skip the escaped character
			continue
		}
		u := hex4(data[i+2:])
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if lo := hex4(data[min(i+8, len(data)):]); i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' && lo >= 0xDC00 && lo < 0xE000 {
				i += 11
				continue
			}
			fallthrough
		case u >= 0xDC00 && u < 0xE000:
			w.bad, w.badWhy = i, "lone surrogate escape"
			return
		}
		i++
	}
}

// hex4 returns the value of four hex digits at the start of b, or -1.
func hex4(b []byte) int {
	if len(b) < 4 {
		return -1
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 16)
	if err != nil {
		return -1
	}
	return int(v)
}

// where returns the path of the current value, "" at the top.
func (w *walker) where() string {
	var b strings.Builder
	for _, p := range w.path {
		if p != "" && p[0] == '[' {
			b.WriteString(p)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func (w *walker) fail(also error, format string, args ...any) error {
	return w.rules.failWith(also, w.what, w.where(), format, args...)
}

// token reads the next token, refusing one that covers the first bad
// byte.
func (w *walker) token() (json.Token, error) {
	start := w.d.InputOffset()
	tok, err := w.d.Token()
	if err != nil {
		if err == io.EOF {
			return nil, w.fail(nil, "no JSON value")
		}
		return nil, w.fail(nil, "%v", err)
	}
	if w.bad >= 0 && int64(w.bad) >= start && int64(w.bad) < w.d.InputOffset() {
		return nil, w.fail(nil, "%s at byte %d", w.badWhy, w.bad)
	}
	return tok, nil
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[json.Number]()
)

// target returns the type a value of type t is read as: t without
// pointers; nil when t reads its own JSON (an UnmarshalJSON, checked when
// it decodes) or takes any value (an interface).
func target(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	return t
}

func (w *walker) isNumber(t reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, n := range w.rules.Numbers {
		if t == n {
			return true
		}
	}
	return false
}

// value reads one value of type t (nil: any).
func (w *walker) value(t reflect.Type, depth int) error {
	if depth >= MaxDepth { // the top value is at depth 0: at most MaxDepth levels
		return w.fail(w.rules.OutOfRange, "nested deeper than %d", MaxDepth)
	}
	if w.locate {
		if done, err := w.decodeHere(t); done || err != nil {
			return err
		}
	}
	if w.isStrict(t) {
		if done, err := w.skip(); done || err != nil {
			return err
		}
	}
	tok, err := w.token()
	if err != nil {
		return err
	}
	number := w.isNumber(t)
	t = target(t)
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '{' {
			return w.object(t, depth)
		}
		return w.array(t, depth)
	case json.Number:
		return w.number(string(tok))
	case string:
		if number {
			return w.number(tok)
		}
		if t != nil && (t == numberType || isNumeric(t.Kind())) && !reflect.PointerTo(t).Implements(textUnmarshalerType) {
			return w.fail(nil, "string %s where a number is expected", errs.QuoteShort(tok))
		}
	}
	return nil
}

// number checks the length and the exponent of a number.
func (w *walker) number(s string) error {
	if len(s) > MaxNumberLen {
		return w.fail(w.rules.OutOfRange, "number of %d characters, longer than the limit of %d", len(s), MaxNumberLen)
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		if e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+")); err == nil && (e > MaxExponent || e < -MaxExponent) {
			return w.fail(w.rules.OutOfRange, "number %s has an exponent beyond ±%d", errs.QuoteShort(s), MaxExponent)
		}
	}
	return nil
}

func (w *walker) isStrict(t reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, n := range w.rules.Strict {
		if t == n {
			return true
		}
	}
	return false
}

// skip passes over the next value unread when it is an object or an
// array (for a Strict type, which checks it when it decodes it), and
// reports whether it did.
func (w *walker) skip() (bool, error) {
	start := w.d.InputOffset()
	rest := w.data[start:]
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\r' || rest[i] == '\n' || rest[i] == ':' || rest[i] == ',') {
		i++
	}
	if i == len(rest) || (rest[i] != '{' && rest[i] != '[') {
		return false, nil
	}
	var raw json.RawMessage
	if err := w.d.Decode(&raw); err != nil {
		return true, w.fail(nil, "%v", err)
	}
	if w.bad >= 0 && int64(w.bad) >= start && int64(w.bad) < w.d.InputOffset() {
		return true, w.fail(nil, "%s at byte %d", w.badWhy, w.bad)
	}
	return true, nil
}

func isNumeric(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

// array reads the elements of an array whose '[' was read.
func (w *walker) array(t reflect.Type, depth int) error {
	var elem reflect.Type
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		elem = t.Elem()
	}
	for i := 0; w.d.More(); i++ {
		w.path = append(w.path, "["+strconv.Itoa(i)+"]")
		if err := w.value(elem, depth+1); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
	}
	_, err := w.token() // ']'
	return err
}

// object reads the members of an object whose '{' was read.
func (w *walker) object(t reflect.Type, depth int) error {
	var fields map[string]reflect.Type
	var elem reflect.Type
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = fieldsOf(t)
		case reflect.Map:
			elem = t.Elem()
		}
	}
	seen := map[string]bool{}
	for w.d.More() {
		tok, err := w.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string) // object keys are strings
		w.path = append(w.path, keyName(key))
		if seen[key] {
			return w.fail(w.rules.Duplicate, "given twice")
		}
		seen[key] = true
		ft := elem
		if fields != nil {
			var ok bool
			if ft, ok = fields[key]; !ok {
				return w.unknown(key, fields)
			}
		}
		if err := w.value(ft, depth+1); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
	}
	_, err := w.token() // '}'
	return err
}

// unknown returns the error of a key that is not one of fields.
func (w *walker) unknown(key string, fields map[string]reflect.Type) error {
	for name := range fields {
		if strings.EqualFold(name, key) {
			return w.fail(nil, "matches the field %q only in another case", name)
		}
	}
	return w.fail(nil, "unknown field")
}

// keyName prints a key in a path: bare when it is a plain name, quoted
// otherwise.
func keyName(k string) string {
	for _, c := range k {
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return errs.QuoteShort(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// fieldsOf returns the JSON names of the fields of struct type t (as
// encoding/json names them: the tag's name, else the field's; embedded
// structs' fields promoted) and their types.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	fields := map[string]reflect.Type{}
	addFields(t, fields, 0)
	fieldCache.Store(t, fields)
	return fields
}

func addFields(t reflect.Type, fields map[string]reflect.Type, depth int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && depth < 10 {
				addFields(ft, fields, depth+1)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := fields[name]; !dup {
			fields[name] = ft
		}
	}
}
