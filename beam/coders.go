package csatbeam

import (
	"encoding/binary"
	"slices"

	"github.com/csatkit/csat"
)

// The Beam coders of Key, FormKey and Answer. Beam would otherwise encode
// them with its schema row coder, through reflection, once per element
// wherever they cross a stage or are hashed as a key (Beam's combiner
// lifting encodes the key of every element it adds). These write the
// fields in order, each string with its length as a uvarint, and decode
// all of an element's strings from one copy of its bytes. Equal values
// encode to equal bytes (Answer.Attrs in key order), as a key's coder
// must be deterministic.

// appendString appends s with its length.
func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads what the coders wrote. The strings it returns share one
// copy of the bytes.
type decoder struct {
	s   string
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var x uint64
	for i, shift := 0, uint(0); i < len(d.s) && i < binary.MaxVarintLen64; i, shift = i+1, shift+7 {
		c := d.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // more than 64 bits
			}
			d.s = d.s[i+1:]
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
	}
	d.err = reasonf(csat.ErrCorrupt, "bad varint")
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1) //nolint:gosec // zigzag decoding
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.s)) {
		d.err = reasonf(csat.ErrCorrupt, "string of %d bytes, %d left", n, len(d.s))
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

// done returns the decoding's error, or one for bytes left over.
func (d *decoder) done(what string) error {
	if d.err == nil && d.s != "" {
		d.err = reasonf(csat.ErrCorrupt, "%d bytes after the %s", len(d.s), what)
	}
	if d.err != nil {
		return &opError{op: "decode " + what, err: d.err}
	}
	return nil
}

// encodeKey is the Beam coder of Key.
func encodeKey(k Key) []byte {
	b := make([]byte, 0, 2+len(k.Company)+len(k.Period))
	return appendString(appendString(b, k.Company), k.Period)
}

// decodeKey decodes what encodeKey wrote.
func decodeKey(data []byte) (Key, error) {
	d := decoder{s: string(data)}
	k := Key{Company: d.string(), Period: d.string()}
	return k, d.done("key")
}

// encodeFormKey is the Beam coder of FormKey.
func encodeFormKey(k FormKey) []byte {
	b := make([]byte, 0, 3+len(k.Company)+len(k.Period)+len(k.Form))
	return appendString(appendString(appendString(b, k.Company), k.Period), k.Form)
}

// decodeFormKey decodes what encodeFormKey wrote.
func decodeFormKey(data []byte) (FormKey, error) {
	d := decoder{s: string(data)}
	k := FormKey{Company: d.string(), Period: d.string(), Form: d.string()}
	return k, d.done("form key")
}

// encodeAnswer is the Beam coder of Answer: its fields in order, Level
// zigzag-encoded, then the number of Attrs and each dimension and value,
// by dimension.
func encodeAnswer(a Answer) []byte {
	n := 24 + len(a.Company) + len(a.Period) + len(a.Item) + len(a.Source) + len(a.Form) +
		len(a.Respondent) + len(a.Customer) + len(a.Overall) + len(a.Importance)
	for k, v := range a.Attrs {
		n += 4 + len(k) + len(v)
	}
	b := make([]byte, 0, n)
	for _, s := range [...]string{a.Company, a.Period, a.Item, a.Source} {
		b = appendString(b, s)
	}
	lvl := int64(a.Level)
	b = binary.AppendUvarint(b, uint64(lvl<<1)^uint64(lvl>>63)) //nolint:gosec // zigzag encoding
	b = binary.AppendUvarint(b, a.Count)
	for _, s := range [...]string{a.Form, a.Respondent, a.Customer, a.Overall, a.Importance} {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Attrs)))
	if len(a.Attrs) > 0 {
		dims := make([]string, 0, len(a.Attrs))
		for k := range a.Attrs {
			dims = append(dims, k)
		}
		slices.Sort(dims)
		for _, k := range dims {
			b = appendString(appendString(b, k), a.Attrs[k])
		}
	}
	return b
}

// decodeAnswer decodes what encodeAnswer wrote; no Attrs decode as nil.
func decodeAnswer(data []byte) (Answer, error) {
	d := decoder{s: string(data)}
	a := Answer{Company: d.string(), Period: d.string(), Item: d.string(), Source: d.string()}
	a.Level = int(d.varint())
	a.Count = d.uvarint()
	a.Form, a.Respondent, a.Customer, a.Overall, a.Importance = d.string(), d.string(), d.string(), d.string(), d.string()
	n := d.uvarint()
	if n > uint64(len(d.s)) { // each attribute takes two bytes at least
		d.err = reasonf(csat.ErrCorrupt, "%d attributes in %d bytes", n, len(d.s))
	}
	if n > 0 && d.err == nil {
		a.Attrs = make(map[string]string, n)
		for range n {
			k := d.string()
			a.Attrs[k] = d.string()
		}
	}
	if err := d.done("answer"); err != nil {
		return Answer{}, err
	}
	return a, nil
}
