package form

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math"
	"math/big"
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
	// Patterns, in the order they are kept, and the forms whose
	// pattern was not kept: only in the survey's parts.
	Patterns []patternJSON `json:"patterns,omitempty"`
	Unkept   *unkeptJSON   `json:"unkept,omitempty"`
}

// patternJSON holds the sums of the forms of one answer pattern: their
// number N, the sums X of each variable's points, in the order of Vars
// ("" is the overall question), and the sums XY of the products of each
// pair i ≤ j of them, row by row (x₀x₀, x₀x₁, …, x₁x₁, …), as decimals in
// points.
type patternJSON struct {
	Vars []string `json:"vars"`
	N    uint64   `json:"n"`
	X    []string `json:"x"`
	XY   []string `json:"xy"`
}

// unkeptJSON counts the forms whose pattern was not kept and the most
// variables of such a pattern.
type unkeptJSON struct {
	Forms   uint64 `json:"forms"`
	Largest int    `json:"largest"`
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
	j := statsJSON{Scale: s.scale, Importance: s.imp, Sources: partsJSON(s.parts, s.ip), Groups: []groupJSON{}}
	for _, k := range sortedPairs(s.groups, func(k groupKey) [2]string { return [2]string{k.dim, k.value} }) {
		j.Groups = append(j.Groups, groupJSON{Dimension: k.dim, Value: k.value, Sources: partsJSON(s.groups[k].parts, s.ip)})
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

func partsJSON(m map[string]*part, ip *ipoints) []partJSON {
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
		pj.Patterns, pj.Unkept = patternsJSON(pt, ip)
		out = append(out, pj)
	}
	return out
}

// UnmarshalJSON decodes what MarshalJSON wrote, strictly, into the zero
// Stats (decoding over statistics is an error: it would drop them). It
// checks everything Add and Merge keep true — names valid, sorted and
// unique, counts of the scales' lengths, no count above its forms, joint
// counts within their items' counts, customers' answers within the
// items', answer patterns in order and within bounds, their forms those
// of each variable — and its errors wrap [csat.ErrCorrupt] and name the
// part. Encodings written before the answer patterns were kept are
// refused (their variables' forms are in no pattern).
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
	if j.Scale.Equal(csat.FivePoint()) {
		j.Scale = csat.FivePoint()
	}
	if j.Importance.Equal(importance) {
		j.Importance = importance
	}
	out := newStats(j.Scale, j.Importance)
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
		if err := pt.decodeItems(s, &pj, w); err != nil {
			return nil, err
		}
		if !joint && len(pj.Joint) > 0 {
			return nil, corrupt(w + ": joint counts in a group")
		}
		if err := pt.decodeJoint(pj.Joint, L, w); err != nil {
			return nil, err
		}
		if !joint && len(pj.Customers) > 0 {
			return nil, corrupt(w + ": customers in a group")
		}
		if err := pt.decodeCustomers(s, pj.Customers, w); err != nil {
			return nil, err
		}
		if !joint && (len(pj.Patterns) > 0 || pj.Unkept != nil) {
			return nil, corrupt(w + ": answer patterns in a group")
		}
		if joint {
			if err := pt.decodePatterns(s.ip, &pj, w); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// decodeItems fills pt's items from pj's, checking them against pj's
// forms and answered forms: names valid, sorted and unique; counts of
// the scale's length and at most the answered forms; answers and blanks
// at most the forms; stated importance at most the answers and blanks.
func (pt *part) decodeItems(s *Stats, pj *partJSON, where string) error {
	for k, ij := range pj.Items {
		wi := where + ".items[" + strconv.Itoa(k) + "]"
		if !validName(ij.Item) || k > 0 && pj.Items[k-1].Item >= ij.Item {
			return corrupt(wi + ": item invalid, not sorted or repeated")
		}
		it := pt.item(s, ij.Item)
		if err := fill(&it.tally, ij.Counts, pj.Forms); err != nil {
			return corrupt(wi + ".counts: " + err.Error())
		}
		n, _ := it.tally.N()
		if n > pj.Answered {
			return corrupt(wi + ": more answers than answered forms")
		}
		if ij.Blanks > pj.Forms-n {
			return corrupt(wi + ": answers and blanks exceed the forms")
		}
		it.blanks = ij.Blanks
		if err := fill(&it.importance, ij.Importance, n+ij.Blanks); err != nil {
			return corrupt(wi + ".importance: " + err.Error())
		}
	}
	return nil
}

// decodeJoint fills pt's joint counts from js, of a scale of L levels:
// pairs ordered (X < Y) and sorted, without repeats, their counts
// checked by checkJoint.
func (pt *part) decodeJoint(js []jointJSON, L int, where string) error {
	for k, jj := range js {
		wj := where + ".joint[" + strconv.Itoa(k) + "]"
		if k > 0 && (js[k-1].X > jj.X || js[k-1].X == jj.X && js[k-1].Y >= jj.Y) || jj.X >= jj.Y {
			return corrupt(wj + ": pair not ordered or repeated")
		}
		if err := pt.checkJoint(jj, L); err != nil {
			return corrupt(wj + ": " + err.Error())
		}
		pt.joint[pairKey{jj.X, jj.Y}] = slices.Clone(jj.Counts)
	}
	return nil
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
// Version 2 holds the answer patterns; version 1 (without them, before
// listwise co-moments) is refused.
var binaryMagic = []byte{'C', 'S', 'F', 'S', 2}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// MarshalBinary encodes the statistics as "CSFS", a version byte (2),
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
		return corrupt("binary encoding version " + strconv.Itoa(int(data[len(binaryMagic)-1])) + " (this package reads version 2)")
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return corrupt("checksum mismatch")
	}
	return s.UnmarshalJSON(body[len(binaryMagic):])
}

// patternsJSON returns pt's patterns, in the order they are kept, and
// its forms not kept (nil when none).
func patternsJSON(pt *part, ip *ipoints) ([]patternJSON, *unkeptJSON) {
	var out []patternJSON
	for _, p := range pt.sortedPatterns() {
		k := len(p.vars)
		q := patternJSON{Vars: slices.Clone(p.vars), N: p.n, X: make([]string, k), XY: make([]string, 0, k*(k+1)/2)}
		for a := range k {
			q.X[a] = formatUnits(fromWords(p.sums[a*ip.wx:(a+1)*ip.wx]), -ip.exp)
		}
		for off := k * ip.wx; off < len(p.sums); off += ip.wxy {
			q.XY = append(q.XY, formatUnits(fromWords(p.sums[off:off+ip.wxy]), -2*ip.exp))
		}
		out = append(out, q)
	}
	if pt.unkept == 0 {
		return out, nil
	}
	return out, &unkeptJSON{Forms: pt.unkept, Largest: pt.unkeptVars}
}

// formatUnits writes u × 10^−frac as a decimal: no exponent, no
// trailing zero after the point, no point for a whole number.
func formatUnits(u *big.Int, frac int32) string {
	d := u.String()
	if frac == 0 {
		return d
	}
	if n := int(frac) + 1 - len(d); n > 0 {
		d = strings.Repeat("0", n) + d
	}
	d = d[:len(d)-int(frac)] + "." + d[len(d)-int(frac):]
	return strings.TrimSuffix(strings.TrimRight(d, "0"), ".")
}

// parseUnits reads what formatUnits wrote, checking that it is written
// so (canonical) and that u lies in [lo, hi].
func parseUnits(d string, frac int32, lo, hi *big.Int) (*big.Int, error) {
	if len(d) > maxSumLen {
		return nil, errs.New(csat.ErrCorrupt, "a sum of "+strconv.Itoa(len(d))+" characters")
	}
	whole, part, _ := strings.Cut(d, ".")
	if len(part) > int(frac) {
		return nil, errs.New(csat.ErrCorrupt, errs.QuoteShort(d)+" is not a sum of the scale's points")
	}
	u, ok := new(big.Int).SetString(whole+part+strings.Repeat("0", int(frac)-len(part)), 10)
	if !ok || formatUnits(u, frac) != d {
		return nil, errs.New(csat.ErrCorrupt, errs.QuoteShort(d)+" is not a decimal written as the encoder writes it")
	}
	if u.Cmp(lo) < 0 || u.Cmp(hi) > 0 {
		return nil, errs.New(csat.ErrCorrupt, errs.QuoteShort(d)+" outside n × the least to n × the most points")
	}
	return u, nil
}

// maxSumLen bounds an encoded sum's length, far above any sum of 2^64
// forms on a scale within csat's input limits (about 700 characters),
// so that a hostile number is refused before it is parsed.
const maxSumLen = 4096

// decodePatterns fills pt's patterns and forms not kept from pj,
// checking them against pt's forms and items: at most maxPatterns, in
// the order they are kept; each over known variables, sorted, with
// forms, and sums of the scale's points within n × the least and n ×
// the most; forms not kept only beside maxPatterns patterns, of at most
// as many variables as the last; the forms in all within the source's;
// and each variable answered on as many forms of the patterns as its
// counts say (at most as many when forms were not kept).
func (pt *part) decodePatterns(ip *ipoints, pj *partJSON, where string) error {
	if len(pj.Patterns) > maxPatterns {
		return corrupt(where + ": more than " + strconv.Itoa(maxPatterns) + " answer patterns")
	}
	if u := pj.Unkept; u != nil {
		if u.Forms == 0 || u.Forms > pt.forms {
			return corrupt(where + ".unkept: no forms, or more than the source's")
		}
		if len(pj.Patterns) != maxPatterns || u.Largest < 1 || u.Largest > len(pj.Patterns[maxPatterns-1].Vars) {
			return corrupt(where + ".unkept: patterns not kept while fewer than the most are, or of more variables than those kept")
		}
		pt.unkept, pt.unkeptVars = u.Forms, u.Largest
	}
	forms := pt.unkept
	answered := map[string]uint64{}
	var prev string
	for k, q := range pj.Patterns {
		w := where + ".patterns[" + strconv.Itoa(k) + "]"
		key, err := pt.patternKey(q.Vars, w)
		if err != nil {
			return err
		}
		if k > 0 && !before(prev, len(pj.Patterns[k-1].Vars), key, len(q.Vars)) {
			return corrupt(w + ": patterns not in order or repeated")
		}
		prev = key
		if q.N == 0 || q.N > pt.forms-forms {
			return corrupt(w + ": no forms, or the patterns' forms exceed the source's")
		}
		forms += q.N
		p, err := decodeSums(ip, key, &q, w)
		if err != nil {
			return err
		}
		for _, v := range q.Vars {
			answered[v] += q.N
		}
		pt.patterns[key] = p
	}
	return pt.checkAnswered(answered, where)
}

// patternKey returns the key of a pattern of the variables vars,
// checking them: at least one, sorted, without repeats, each the
// overall question or one of pt's items.
func (pt *part) patternKey(vars []string, where string) (string, error) {
	if len(vars) == 0 {
		return "", corrupt(where + ": no variables")
	}
	for i, v := range vars {
		if i > 0 && vars[i-1] >= v {
			return "", corrupt(where + ": variables not sorted or repeated")
		}
		if v != Overall && pt.items[v] == nil {
			return "", corrupt(where + ": unknown item " + errs.QuoteShort(v))
		}
	}
	return strings.Join(vars, "\x00") + "\x00", nil
}

// decodeSums returns the pattern of key holding q's forms and sums,
// checking them: one sum per variable and one per pair i ≤ j of them,
// each written as formatUnits writes it, the sums within q.N × the
// least and q.N × the most points, the sums of products within q.N ×
// the squares of those.
func decodeSums(ip *ipoints, key string, q *patternJSON, where string) (*pattern, error) {
	var lo, hi, lo2, hi2 big.Int
	n := new(big.Int).SetUint64(q.N)
	lo.Mul(n, ip.min)
	hi.Mul(n, ip.max)
	lo2.Mul(&lo, ip.min)
	hi2.Mul(&hi, ip.max)
	nv := len(q.Vars)
	if len(q.X) != nv || len(q.XY) != nv*(nv+1)/2 {
		return nil, corrupt(where + ": " + strconv.Itoa(len(q.X)) + " sums and " + strconv.Itoa(len(q.XY)) + " sums of products for " + strconv.Itoa(nv) + " variables")
	}
	p := newPattern(key, ip)
	p.n = q.N
	for a, d := range q.X {
		u, err := parseUnits(d, -ip.exp, &lo, &hi)
		if err != nil {
			return nil, corrupt(where + ".x[" + strconv.Itoa(a) + "]: " + errs.Detail(err))
		}
		toWords(p.sums[a*ip.wx:(a+1)*ip.wx], u)
	}
	for a, d := range q.XY {
		u, err := parseUnits(d, -2*ip.exp, &lo2, &hi2)
		if err != nil {
			return nil, corrupt(where + ".xy[" + strconv.Itoa(a) + "]: " + errs.Detail(err))
		}
		off := nv*ip.wx + a*ip.wxy
		toWords(p.sums[off:off+ip.wxy], u)
	}
	return p, nil
}

// checkAnswered checks the forms of the patterns answering each
// variable, answered, against its counts: as many (at most as many when
// forms were not kept).
func (pt *part) checkAnswered(answered map[string]uint64, where string) error {
	check := func(v string, t csat.Tally) error {
		n, _ := t.N() // at most the forms: checked by fill
		if got := answered[v]; got > n || pt.unkept == 0 && got != n {
			return corrupt(where + ".patterns: " + strconv.FormatUint(got, 10) + " forms answer " + varName(v) + ", its counts " + strconv.FormatUint(n, 10))
		}
		return nil
	}
	if err := check(Overall, pt.overall); err != nil {
		return err
	}
	for _, name := range sortedKeys(pt.items) {
		if err := check(name, pt.items[name].tally); err != nil {
			return err
		}
	}
	return nil
}

// varName names a variable in a message: the item quoted, or "the
// overall question".
func varName(v string) string {
	if v == Overall {
		return "the overall question"
	}
	return "item " + errs.QuoteShort(v)
}
