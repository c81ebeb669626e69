package form

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math"
	"math/bits"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/csatkit/csat/internal/strictjson"
)

// The JSON form of Stats: every list sorted, so that equal statistics
// encode to equal bytes.
type statsJSON struct {
	Scale      *csat.Scale `json:"scale"`
	Importance *csat.Scale `json:"importance"`
	Sources    []partJSON  `json:"sources"`
	Groups     []groupJSON `json:"groups"`
}

type groupJSON struct {
	Dimension string     `json:"dimension"`
	Value     string     `json:"value"`
	Sources   []partJSON `json:"sources"`
}

type partJSON struct {
	Source   string      `json:"source"`
	Forms    uint64      `json:"forms"`
	Answered uint64      `json:"answered"`
	Overall  []uint64    `json:"overall"`
	Items    []itemJSON  `json:"items"`
	Joint    []jointJSON `json:"joint,omitempty"`
	// Customers, sorted: only in the survey's parts, not in groups.
	Customers []customerJSON `json:"customers,omitempty"`
}

// customerJSON is one customer's forms of a source and its answers
// pooled over items, per level.
type customerJSON struct {
	Customer string   `json:"customer"`
	Forms    uint64   `json:"forms"`
	Counts   []uint64 `json:"counts"`
}

type itemJSON struct {
	Item       string   `json:"item"`
	Counts     []uint64 `json:"counts"`
	Blanks     uint64   `json:"blanks"`
	Importance []uint64 `json:"importance"`
}

// jointJSON is the joint counts of X and Y, row-major (level of X, then
// of Y), X < Y in byte order; X "" is the overall question.
type jointJSON struct {
	X      string   `json:"x"`
	Y      string   `json:"y"`
	Counts []uint64 `json:"counts"`
}

var strict = strictjson.Rules{Corrupt: csat.ErrCorrupt, Duplicate: csat.ErrDuplicate, OutOfRange: csat.ErrOutOfRange,
	Strict: []reflect.Type{reflect.TypeFor[csat.Scale]()}}

// MarshalJSON encodes the statistics with their scales; sources, items,
// groups and pairs are sorted, so equal statistics give equal bytes.
func (s *Stats) MarshalJSON() ([]byte, error) {
	if s == nil || s.scale == nil {
		return []byte("null"), nil
	}
	j := statsJSON{Scale: s.scale, Importance: s.imp, Sources: partsJSON(s.parts), Groups: []groupJSON{}}
	for _, k := range sortedPairs(s.groups, func(k groupKey) [2]string { return [2]string{k.dim, k.value} }) {
		j.Groups = append(j.Groups, groupJSON{Dimension: k.dim, Value: k.value, Sources: partsJSON(s.groups[k].parts)})
	}
	return json.Marshal(j)
}

// sortedPairs returns the keys of m ordered by the two names name gives
// them, first then second, in byte order.
func sortedPairs[K comparable, V any](m map[K]V, name func(K) [2]string) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int {
		x, y := name(a), name(b)
		if c := strings.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return strings.Compare(x[1], y[1])
	})
	return keys
}

func partsJSON(m map[string]*part) []partJSON {
	out := []partJSON{}
	for _, src := range sortedKeys(m) {
		pt := m[src]
		pj := partJSON{Source: src, Forms: pt.forms, Answered: pt.answered, Overall: pt.overall.Counts(), Items: []itemJSON{}}
		for _, name := range sortedKeys(pt.items) {
			it := pt.items[name]
			pj.Items = append(pj.Items, itemJSON{Item: name, Counts: it.tally.Counts(), Blanks: it.blanks, Importance: it.importance.Counts()})
		}
		for _, k := range sortedPairs(pt.joint, func(k pairKey) [2]string { return [2]string{k.a, k.b} }) {
			pj.Joint = append(pj.Joint, jointJSON{X: k.a, Y: k.b, Counts: slices.Clone(pt.joint[k])})
		}
		for _, name := range sortedKeys(pt.customers) {
			c := pt.customers[name]
			pj.Customers = append(pj.Customers, customerJSON{Customer: name, Forms: c.forms, Counts: c.tally.Counts()})
		}
		out = append(out, pj)
	}
	return out
}

// UnmarshalJSON decodes what MarshalJSON wrote, strictly, into the zero
// Stats (decoding over statistics is an error: it would drop them). It
// checks everything Add and Merge keep true — names valid, sorted and
// unique, counts of the scales' lengths, no count above its forms, joint
// counts within their items' counts — and its errors wrap
// [csat.ErrCorrupt] and name the part.
func (s *Stats) UnmarshalJSON(data []byte) error {
	if s == nil {
		return errs.New(csat.ErrInvalid, "form statistics: decode into nil Stats")
	}
	if s.scale != nil {
		return errs.New(csat.ErrInvalid, "form statistics: decode over statistics that hold a scale (decode into the zero Stats)")
	}
	var j statsJSON
	if err := strict.Decode("form statistics", data, &j); err != nil {
		return err
	}
	if j.Scale == nil || j.Importance == nil {
		return corrupt("no scale")
	}
	out := &Stats{scale: j.Scale, imp: j.Importance, parts: map[string]*part{}, groups: map[groupKey]*groups{}}
	if out.scale.Equal(csat.FivePoint()) {
		out.scale = csat.FivePoint()
	}
	if out.imp.Equal(importance) {
		out.imp = importance
	}
	var err error
	if out.parts, err = out.decodeParts(j.Sources, true, "sources"); err != nil {
		return err
	}
	for i, g := range j.Groups {
		where := "groups[" + strconv.Itoa(i) + "]"
		if !validName(g.Dimension) || !validName(g.Value) {
			return corrupt(where + ": invalid dimension or value name")
		}
		if i > 0 && (j.Groups[i-1].Dimension > g.Dimension || j.Groups[i-1].Dimension == g.Dimension && j.Groups[i-1].Value >= g.Value) {
			return corrupt(where + ": groups not sorted or repeated")
		}
		ps, err := out.decodeParts(g.Sources, false, where+".sources")
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			return corrupt(where + ": a group without forms")
		}
		for src, p := range ps {
			if top := out.parts[src]; top == nil || p.forms > top.forms {
				return corrupt(where + ": more forms of source " + errs.QuoteShort(src) + " than the survey has")
			}
		}
		out.groups[groupKey{g.Dimension, g.Value}] = &groups{parts: ps}
	}
	*s = *out
	return nil
}

func corrupt(text string) error { return errs.New(csat.ErrCorrupt, "form statistics: "+text) }

func (s *Stats) decodeParts(js []partJSON, joint bool, where string) (map[string]*part, error) {
	out := map[string]*part{}
	L := s.scale.Len()
	for i, pj := range js {
		w := where + "[" + strconv.Itoa(i) + "]"
		if !validName(pj.Source) || i > 0 && js[i-1].Source >= pj.Source {
			return nil, corrupt(w + ": source invalid, not sorted or repeated")
		}
		if pj.Forms == 0 {
			return nil, corrupt(w + ": a source without forms")
		}
		pt := s.part(out, pj.Source, joint)
		pt.forms = pj.Forms
		if pj.Answered > pj.Forms {
			return nil, corrupt(w + ": more answered forms than forms")
		}
		pt.answered = pj.Answered
		if err := fill(&pt.overall, pj.Overall, pj.Forms); err != nil {
			return nil, corrupt(w + ".overall: " + err.Error())
		}
		for k, ij := range pj.Items {
			wi := w + ".items[" + strconv.Itoa(k) + "]"
			if !validName(ij.Item) || k > 0 && pj.Items[k-1].Item >= ij.Item {
				return nil, corrupt(wi + ": item invalid, not sorted or repeated")
			}
			it := pt.item(s, ij.Item)
			if err := fill(&it.tally, ij.Counts, pj.Forms); err != nil {
				return nil, corrupt(wi + ".counts: " + err.Error())
			}
			n, _ := it.tally.N()
			if n > pj.Answered {
				return nil, corrupt(wi + ": more answers than answered forms")
			}
			if ij.Blanks > pj.Forms-n {
				return nil, corrupt(wi + ": answers and blanks exceed the forms")
			}
			it.blanks = ij.Blanks
			if err := fill(&it.importance, ij.Importance, n+ij.Blanks); err != nil {
				return nil, corrupt(wi + ".importance: " + err.Error())
			}
		}
		if !joint && len(pj.Joint) > 0 {
			return nil, corrupt(w + ": joint counts in a group")
		}
		for k, jj := range pj.Joint {
			wj := w + ".joint[" + strconv.Itoa(k) + "]"
			if k > 0 && (pj.Joint[k-1].X > jj.X || pj.Joint[k-1].X == jj.X && pj.Joint[k-1].Y >= jj.Y) || jj.X >= jj.Y {
				return nil, corrupt(wj + ": pair not ordered or repeated")
			}
			if err := pt.checkJoint(jj, L); err != nil {
				return nil, corrupt(wj + ": " + err.Error())
			}
			pt.joint[pairKey{jj.X, jj.Y}] = slices.Clone(jj.Counts)
		}
		if !joint && len(pj.Customers) > 0 {
			return nil, corrupt(w + ": customers in a group")
		}
		if err := pt.decodeCustomers(s, pj.Customers, w); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decodeCustomers fills pt's customers from cs, checking them against
// pt's forms and items: names valid, sorted and unique; each customer
// with forms, their forms at most the source's; each customer's answers
// at most its forms times the items, and at each level all customers'
// answers at most the items' answers.
func (pt *part) decodeCustomers(s *Stats, cs []customerJSON, where string) error {
	if len(cs) == 0 {
		return nil
	}
	var forms uint64
	var sum [csat.MaxLevels][2]uint64 // per level, 128 bits: high, low
	for k, cj := range cs {
		w := where + ".customers[" + strconv.Itoa(k) + "]"
		if !validName(cj.Customer) || k > 0 && cs[k-1].Customer >= cj.Customer {
			return corrupt(w + ": customer invalid, not sorted or repeated")
		}
		if cj.Forms == 0 {
			return corrupt(w + ": a customer without forms")
		}
		if cj.Forms > pt.forms-forms {
			return corrupt(w + ": the customers' forms exceed the source's")
		}
		forms += cj.Forms
		c := &customerStats{forms: cj.Forms, tally: csat.NewTally(s.scale)}
		hi, most := bits.Mul64(cj.Forms, uint64(len(pt.items)))
		if hi != 0 {
			most = math.MaxUint64
		}
		if err := fill(&c.tally, cj.Counts, most); err != nil {
			return corrupt(w + ".counts: " + errs.Detail(err))
		}
		for i, n := range cj.Counts {
			var carry uint64
			sum[i][1], carry = bits.Add64(sum[i][1], n, 0)
			sum[i][0] += carry
		}
		pt.customers[cj.Customer] = c
	}
	for i := range s.scale.Len() {
		var items [2]uint64
		for _, it := range pt.items {
			var carry uint64
			items[1], carry = bits.Add64(items[1], it.tally.Count(i), 0)
			items[0] += carry
		}
		if sum[i][0] > items[0] || sum[i][0] == items[0] && sum[i][1] > items[1] {
			return corrupt(where + ".customers: more answers at level " + strconv.Itoa(i) + " than the items have")
		}
	}
	return nil
}

// fill sets t's counts from c, which must have one count per level and
// at most max in all.
func fill(t *csat.Tally, c []uint64, max uint64) error {
	if len(c) != t.Scale().Len() {
		return errs.New(csat.ErrCorrupt, strconv.Itoa(len(c))+" counts for "+strconv.Itoa(t.Scale().Len())+" levels")
	}
	var sum uint64
	for i, n := range c {
		if n > max-sum {
			return errs.New(csat.ErrCorrupt, "more answers than forms")
		}
		sum += n
		if n > 0 {
			_ = t.AddN(i, n)
		}
	}
	return nil
}

// checkJoint checks a pair's counts against the marginal counts of its
// variables: each row (column) sum at most the first (second)
// variable's count at that level, and not all zero.
func (pt *part) checkJoint(jj jointJSON, L int) error {
	if len(jj.Counts) != L*L {
		return errs.New(csat.ErrCorrupt, "joint counts of the wrong length")
	}
	marg := func(v string) (csat.Tally, bool) {
		if v == Overall {
			return pt.overall, true
		}
		it := pt.items[v]
		if it == nil {
			return csat.Tally{}, false
		}
		return it.tally, true
	}
	tx, okx := marg(jj.X)
	ty, oky := marg(jj.Y)
	if !okx || !oky {
		return errs.New(csat.ErrCorrupt, "a pair of an unknown item")
	}
	rows, cols := make([]uint64, L), make([]uint64, L)
	var any bool
	for i := 0; i < L; i++ {
		for j := 0; j < L; j++ {
			n := jj.Counts[i*L+j]
			if n > tx.Count(i)-rows[i] || n > ty.Count(j)-cols[j] {
				return errs.New(csat.ErrCorrupt, "joint counts above their items' counts")
			}
			rows[i] += n
			cols[j] += n
			any = any || n > 0
		}
	}
	if !any {
		return errs.New(csat.ErrCorrupt, "joint counts all zero")
	}
	return nil
}

// binaryMagic starts the binary encoding: "CSFS" and a version byte.
var binaryMagic = []byte{'C', 'S', 'F', 'S', 1}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// MarshalBinary encodes the statistics as "CSFS", a version byte (1),
// the JSON of MarshalJSON and a CRC-32C (Castagnoli) of all that, little
// endian.
func (s *Stats) MarshalBinary() ([]byte, error) {
	j, err := s.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b := append(slices.Clone(binaryMagic), j...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote, checking the magic,
// the version and the checksum, then as UnmarshalJSON does.
func (s *Stats) UnmarshalBinary(data []byte) error {
	if len(data) < len(binaryMagic)+4 || !bytes.Equal(data[:len(binaryMagic)-1], binaryMagic[:len(binaryMagic)-1]) {
		return corrupt("not a binary encoding of form statistics")
	}
	if data[len(binaryMagic)-1] != binaryMagic[len(binaryMagic)-1] {
		return corrupt("binary encoding version " + strconv.Itoa(int(data[len(binaryMagic)-1])) + " (this package reads version 1)")
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return corrupt("checksum mismatch")
	}
	return s.UnmarshalJSON(body[len(binaryMagic):])
}
