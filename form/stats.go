package form

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Options configures [New]. The zero value (or nil) means the defaults.
type Options struct {
	// Importance is the scale of stated importance; nil means
	// [ImportanceScale] (很重要 5 … 不重要 1).
	Importance *csat.Scale
}

// ImportanceScale returns the five-level importance rating of METHOD.md
// §12: 很重要 5, 重要 4, 一般 3, 不太重要 2, 不重要 1 (full marks 5; 重要 or
// above counts as "important", the scale's satisfied flag).
func ImportanceScale() *csat.Scale { return importance }

var importance = func() *csat.Scale {
	lv := func(key, en, zh string, p int64, top bool) csat.Level {
		return csat.Level{Key: key, Label: en, LabelZH: zh, Points: decimal.NewFromInt(p), Satisfied: top}
	}
	s, err := csat.NewScale("importance", decimal.NewFromInt(5), []csat.Level{
		lv("very_important", "very important", "很重要", 5, true),
		lv("important", "important", "重要", 4, true),
		lv("neutral", "neutral", "一般", 3, false),
		lv("not_very_important", "not very important", "不太重要", 2, false),
		lv("not_important", "not important", "不重要", 1, false),
	})
	if err != nil {
		panic(err) // a fixed literal: cannot fail
	}
	return s
}()

// Overall names the overall question in [Stats.Moments]: it is not an
// item (an item's name is never empty).
const Overall = ""

// Stats are the sufficient statistics of a survey's returned forms:
// counts, not answers. Per source, and per source within each customer
// group (a value of one dimension), they hold the number of forms, a
// tally and a count of blanks per item, the tally of the overall
// question and of the stated importance per item; per source, the joint
// counts of every pair of items (and of each item with the overall
// question) over the forms that answered both, from which [Stats.Moments]
// gives the exact co-moments n, Σx, Σy, Σx², Σy², Σxy; per source, the
// number of forms and the sums of points and of products of points of
// each answer pattern (the variables a form answered; at most
// [MaxPatterns]), from which [Stats.Matrix] gives listwise co-moments;
// and per source, each customer's number of forms and its answers pooled
// over items ([Stats.CustomerTally]).
//
// Memory grows with items, sources, group values, customers and answer
// patterns (bounded), never with forms.
// Stats merge exactly ([Stats.Merge]: associative and commutative, so
// shards give the same statistics bit for bit in any order), and encode
// to JSON and binary. Its mutating methods are atomic: on error nothing
// changes. Stats are not safe for concurrent mutation; give each
// goroutine or shard its own and merge them.
//
// The zero Stats has no scale: it is the identity of Merge, and Add on
// it is an error. Use [New].
type Stats struct {
	scale, imp *csat.Scale
	ip         *ipoints             // the scale's points as integers
	parts      map[string]*part     // per source
	groups     map[groupKey]*groups // per dimension and value
	key        []byte               // Add's scratch: a pattern's key
	lv         []int                // Add's scratch: a pattern's levels
}

type groupKey struct{ dim, value string }

// groups holds one group's parts, per source.
type groups struct{ parts map[string]*part }

// part holds one source's statistics (of the whole survey or of a group).
type part struct {
	forms     uint64
	answered  uint64 // forms with at least one item answered
	items     map[string]*itemStats
	overall   csat.Tally
	joint     map[pairKey][]uint64      // nil in groups
	customers map[string]*customerStats // nil in groups
	// patterns are the sums per answer pattern, by key (nil in groups);
	// unkept counts the forms whose pattern was not kept, unkeptVars
	// the most variables of such a pattern; worst caches the pattern
	// kept last (nil when not known).
	patterns   map[string]*pattern
	unkept     uint64
	unkeptVars int
	worst      *pattern
}

// customerStats are one customer's forms of a source and the answers on
// them, pooled over items.
type customerStats struct {
	forms uint64
	tally csat.Tally
}

type itemStats struct {
	tally, importance csat.Tally
	blanks            uint64
}

// pairKey names two variables, a < b; Overall ("") sorts first.
type pairKey struct{ a, b string }

// New returns empty Stats for forms answered on scale s.
func New(s *csat.Scale, opts *Options) (*Stats, error) {
	if s == nil {
		return nil, errs.New(csat.ErrInvalidScale, "form statistics: nil scale")
	}
	imp := importance
	if opts != nil && opts.Importance != nil {
		imp = opts.Importance
	}
	return newStats(s, imp), nil
}

func newStats(s, imp *csat.Scale) *Stats {
	return &Stats{scale: s, imp: imp, ip: newIPoints(s), parts: map[string]*part{}, groups: map[groupKey]*groups{}}
}

// Scale returns the items' scale (nil for the zero Stats).
func (s *Stats) Scale() *csat.Scale {
	if s == nil {
		return nil
	}
	return s.scale
}

// ImportanceScale returns the scale of stated importance.
func (s *Stats) ImportanceScale() *csat.Scale {
	if s == nil {
		return nil
	}
	return s.imp
}

// get returns the source's part, nil when there is none (or s is nil).
func (s *Stats) get(source string) *part {
	if s == nil {
		return nil
	}
	return s.parts[source]
}

// groupsOf returns s's groups (nil for a nil Stats).
func (s *Stats) groupsOf() map[groupKey]*groups {
	if s == nil {
		return nil
	}
	return s.groups
}

// Add counts one form. It is an error, naming the form and wrapping a
// sentinel of csat, when a level is not on its scale
// ([csat.ErrUnknownLevel]), a name is empty or holds control characters
// ([csat.ErrInvalid]), the form has no item and no overall answer
// ([csat.ErrEmpty]), an importance is stated for an item not on the form
// ([csat.ErrUnknownItem]) or a count would overflow ([csat.ErrOverflow]).
func (s *Stats) Add(f Form) error {
	if s == nil || s.scale == nil {
		return errs.New(csat.ErrInvalidScale, "form statistics: add to Stats without a scale (use form.New)")
	}
	p, err := parse(&f, s.scale, s.imp)
	if err != nil {
		return err
	}
	// Every count of a part is at most its number of forms, and a
	// group's forms of a source at most the survey's (Add, Merge and the
	// decoders keep both true), so the survey's forms counter is the one
	// that can overflow.
	if top := s.parts[p.source]; top != nil && top.forms == math.MaxUint64 {
		return formErr(&f, csat.ErrOverflow, "source "+errs.QuoteShort(p.source)+": more than 2^64−1 forms")
	} else if top != nil && !top.customers[p.customer].fits(&p) {
		// A customer's answers at a level, summed over items, can pass
		// the forms.
		return formErr(&f, csat.ErrOverflow, "source "+errs.QuoteShort(p.source)+", customer "+errs.QuoteShort(p.customer)+": more than 2^64−1 answers at one level")
	}
	s.part(s.parts, p.source, true).add(&p, s)
	for i, d := range p.dims {
		k := groupKey{d, p.values[i]}
		g := s.groups[k]
		if g == nil {
			g = &groups{parts: map[string]*part{}}
			s.groups[k] = g
		}
		s.part(g.parts, p.source, false).add(&p, s)
	}
	return nil
}

func (s *Stats) part(m map[string]*part, source string, joint bool) *part {
	pt := m[source]
	if pt == nil {
		pt = &part{items: map[string]*itemStats{}, overall: csat.NewTally(s.scale)}
		if joint {
			pt.joint = map[pairKey][]uint64{}
			pt.customers = map[string]*customerStats{}
			pt.patterns = map[string]*pattern{}
		}
		m[source] = pt
	}
	return pt
}

func (pt *part) item(s *Stats, name string) *itemStats {
	it := pt.items[name]
	if it == nil {
		it = &itemStats{tally: csat.NewTally(s.scale), importance: csat.NewTally(s.imp)}
		pt.items[name] = it
	}
	return it
}

// add counts a parsed form; the caller has ruled out overflow.
func (pt *part) add(p *parsed, s *Stats) {
	pt.forms++
	for _, lv := range p.levels {
		if lv != blank {
			pt.answered++
			break
		}
	}
	for i, name := range p.items {
		it := pt.item(s, name)
		if p.levels[i] == blank {
			it.blanks++
		} else {
			_ = it.tally.Add(p.levels[i]) // index checked by parse; count ≤ forms
		}
		if p.importance[i] != blank {
			_ = it.importance.Add(p.importance[i])
		}
	}
	if p.overall != blank {
		_ = pt.overall.Add(p.overall)
	}
	if pt.joint == nil {
		return
	}
	if p.customer != "" {
		c := pt.customers[p.customer]
		if c == nil {
			c = &customerStats{tally: csat.NewTally(s.scale)}
			pt.customers[p.customer] = c
		}
		c.forms++
		for _, lv := range p.levels {
			if lv != blank {
				_ = c.tally.Add(lv) // fits checked by Add
			}
		}
	}
	pt.addPattern(p, s)
	L := s.scale.Len()
	if p.overall != blank {
		for i, name := range p.items {
			if p.levels[i] != blank {
				pt.bump(pairKey{Overall, name}, p.overall*L+p.levels[i], L)
			}
		}
	}
	for i, a := range p.items {
		if p.levels[i] == blank {
			continue
		}
		for j := i + 1; j < len(p.items); j++ {
			if p.levels[j] != blank {
				pt.bump(pairKey{a, p.items[j]}, p.levels[i]*L+p.levels[j], L)
			}
		}
	}
}

// fits reports whether the answers of p can be added to the customer's
// tally without a count overflowing (true for a nil customer: a new one
// starts from zero).
func (c *customerStats) fits(p *parsed) bool {
	if c == nil {
		return true
	}
	var k [csat.MaxLevels]uint64
	for _, lv := range p.levels {
		if lv != blank {
			k[lv]++
		}
	}
	for i, n := range k {
		if c.tally.Count(i) > math.MaxUint64-n {
			return false
		}
	}
	return true
}

func (pt *part) bump(k pairKey, cell, L int) {
	m := pt.joint[k]
	if m == nil {
		m = make([]uint64, L*L)
		pt.joint[k] = m
	}
	m[cell]++
}

// validName reports whether name can name an item, source, dimension or
// value: non-empty UTF-8 without control characters but line feed and tab
// (the rule of csat.Table).
func validName(name string) bool {
	return name != "" && utf8.ValidString(name) && strings.IndexFunc(name, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\t'
	}) < 0
}

// Sources returns the sources with at least one form, sorted.
func (s *Stats) Sources() []string {
	if s == nil {
		return []string{}
	}
	return sortedKeys(s.parts)
}

// Items returns every item on any form, sorted.
func (s *Stats) Items() []string {
	seen := map[string]bool{}
	if s == nil {
		return []string{}
	}
	for _, pt := range s.parts {
		for it := range pt.items {
			seen[it] = true
		}
	}
	return sortedKeys(seen)
}

// Forms returns the number of forms of the source.
func (s *Stats) Forms(source string) uint64 {
	if pt := s.get(source); pt != nil {
		return pt.forms
	}
	return 0
}

// Answered returns the number of the source's forms that answered at
// least one item: the forms a figure of the items rests on (a form whose
// every item is blank is returned but says nothing of them).
func (s *Stats) Answered(source string) uint64 {
	if pt := s.get(source); pt != nil {
		return pt.answered
	}
	return 0
}

// Answers returns the number of answers (答项: answered items) of the
// source, blanks not counted.
func (s *Stats) Answers(source string) uint64 { return s.get(source).answers() }

func (pt *part) answers() uint64 {
	if pt == nil {
		return 0
	}
	var n uint64
	for _, it := range pt.items {
		m, _ := it.tally.N() // ≤ forms each; the sum over items may not fit: saturate
		if n+m < n {
			return math.MaxUint64
		}
		n += m
	}
	return n
}

// Blanks returns the number of forms of the source on which the item
// was left blank.
func (s *Stats) Blanks(item, source string) uint64 {
	if pt := s.get(source); pt != nil && pt.items[item] != nil {
		return pt.items[item].blanks
	}
	return 0
}

// Tally returns the answers of the item on the source's forms (an empty
// tally of the scale when there are none).
func (s *Stats) Tally(item, source string) csat.Tally {
	if pt := s.get(source); pt != nil && pt.items[item] != nil {
		return pt.items[item].tally
	}
	return csat.NewTally(s.Scale())
}

// OverallTally returns the answers to the overall question on the
// source's forms.
func (s *Stats) OverallTally(source string) csat.Tally {
	if pt := s.get(source); pt != nil {
		return pt.overall
	}
	return csat.NewTally(s.Scale())
}

// Importance returns the stated importance of the item on the source's
// forms, a tally of the importance scale.
func (s *Stats) Importance(item, source string) csat.Tally {
	if pt := s.get(source); pt != nil && pt.items[item] != nil {
		return pt.items[item].importance
	}
	return csat.NewTally(s.ImportanceScale())
}

// Customers returns the customers (the [Form] Customer field) with at
// least one form of the source, sorted in byte order. Forms without a
// customer are counted everywhere else but belong to none; a group's
// statistics ([Stats.Group]) keep no customers.
func (s *Stats) Customers(source string) []string {
	if pt := s.get(source); pt != nil {
		return sortedKeys(pt.customers)
	}
	return []string{}
}

// CustomerForms returns the number of the customer's forms of the source.
func (s *Stats) CustomerForms(customer, source string) uint64 {
	if c := s.customer(customer, source); c != nil {
		return c.forms
	}
	return 0
}

// CustomerTally returns the customer's answers on its forms of the
// source, pooled over items (METHOD.md §12: "per customer, its answers
// pooled"): every item's answer on each of its forms counts once, blanks
// and the overall question not counted. It is an empty tally of the
// scale for a customer without forms or answers.
func (s *Stats) CustomerTally(customer, source string) csat.Tally {
	if c := s.customer(customer, source); c != nil {
		return c.tally
	}
	return csat.NewTally(s.Scale())
}

func (s *Stats) customer(customer, source string) *customerStats {
	if pt := s.get(source); pt != nil {
		return pt.customers[customer]
	}
	return nil
}

// Table returns the answers of every source as a new csat.Table (item ×
// source), the input of package csat's scorers and of the analysis
// report. Changing it does not change s.
func (s *Stats) Table() (*csat.Table, error) {
	if s.Scale() == nil {
		return nil, errs.New(csat.ErrInvalidScale, "form statistics: Stats without a scale (use form.New)")
	}
	t := csat.NewTable(s.scale)
	for _, src := range s.Sources() {
		pt := s.parts[src]
		for _, item := range sortedKeys(pt.items) {
			if err := t.AddTally(item, src, pt.items[item].tally); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// Dimensions returns the dimensions of the forms' attributes, sorted.
func (s *Stats) Dimensions() []string {
	seen := map[string]bool{}
	for k := range s.groupsOf() {
		seen[k.dim] = true
	}
	return sortedKeys(seen)
}

// Values returns the values of a dimension, sorted.
func (s *Stats) Values(dim string) []string {
	vs := []string{}
	for k := range s.groupsOf() {
		if k.dim == dim {
			vs = append(vs, k.value)
		}
	}
	sort.Strings(vs)
	return vs
}

// Group returns the statistics of the forms whose attribute dim is
// value, as Stats of their own (without joint counts: Moments of a group
// is an error), or nil when no form has it.
func (s *Stats) Group(dim, value string) *Stats {
	g := s.groupsOf()[groupKey{dim, value}]
	if g == nil {
		return nil
	}
	out := &Stats{scale: s.scale, imp: s.imp, ip: s.ip, parts: map[string]*part{}, groups: map[groupKey]*groups{}}
	for src, pt := range g.parts {
		out.parts[src] = pt.clone()
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
