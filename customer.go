package csat

import (
	"github.com/csatkit/csat/internal/enum"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
)

// Names of the two parts of a preliminary customer score, as sources of
// the preliminary [Blend].
const (
	SourceVisit         = "visit"         // 走访
	SourceQuestionnaire = "questionnaire" // 问卷
)

var visitQuestionnaire = &Blend{weights: []Weight{
	{SourceVisit, decimal.RequireFromString("0.6")},
	{SourceQuestionnaire, decimal.RequireFromString("0.4")},
}}

// VisitQuestionnaire returns the PVC write-up's preliminary blend: visit
// ([SourceVisit]) 60% + questionnaire ([SourceQuestionnaire]) 40%,
// renormalised over the parts present (no questionnaire → the visit
// alone; no visit → the questionnaire alone, beyond the sources).
func VisitQuestionnaire() *Blend { return visitQuestionnaire }

// A VisitNote is what the interviewer made of one item during a visit
// (走访): the level of the band scale the customer's words fall in, and
// optionally an estimate inside that band. Without an estimate the
// level's representative point is used.
type VisitNote struct {
	Level    string              // key or label of a level of the band scale, e.g. "很满意"
	Estimate decimal.NullDecimal // a score inside the level's band; invalid = the representative point
}

// A Status is a customer's standing in the period, for churn (客户流失).
type Status uint8

const (
	// Active is a customer still buying (the zero value).
	Active Status = iota
	// AtRisk is a customer showing signs of leaving; scored as usual,
	// counted in the company view.
	AtRisk
	// Lost is a customer lost in the period; the company view applies
	// its lost policy
	// ([github.com/csatkit/csat/analysis.LostPolicy]).
	Lost
)

// String returns "active", "at_risk" or "lost".
func (s Status) String() string { return statusEnum.String(s) }

// CustomerOptions configures a [CustomerScorer]. The zero value (or nil)
// is the PVC method: the corrected [PVCTree], the [PVCBands] scale,
// unmentioned items at 80, [VisitQuestionnaire], [DefaultAdjustments].
type CustomerOptions struct {
	// Scheme weighs item scores into a questionnaire or visit score; nil
	// means [PVCTree].
	Scheme WeightingScheme
	// Items lists the items scored. Nil means the scheme's leaves, if it
	// has a Leaves() []string method (a [Tree] has); otherwise required.
	Items []string
	// Scale is the band scale visit levels are read on; nil means
	// [PVCBands]. It must be banded, with full marks 100.
	Scale *Scale
	// Unmentioned is the visit score of an item the customer did not
	// mention; invalid (unset) means the representative point of the
	// scale's "satisfied" level, 80 on [PVCBands]. It must lie in 0–100.
	Unmentioned decimal.NullDecimal
	// Preliminary blends [SourceVisit] and [SourceQuestionnaire]; nil
	// means [VisitQuestionnaire].
	Preliminary *Blend
	// Adjustments per complaint outcome; the zero value means
	// [DefaultAdjustments].
	Adjustments Adjustments
}

// A CustomerScorer computes per-customer satisfaction scores by the PVC
// write-up's method (METHOD.md §5): a questionnaire score and a visit
// score, each weighted over the items; a preliminary score blending them
// (visit 60%, questionnaire 40%); then one adjustment per complaint by its
// outcome, the final score kept within 0–100, and its band.
//
// A CustomerScorer is immutable and safe for concurrent use.
type CustomerScorer struct {
	scheme      WeightingScheme
	items       []string
	scale       *Scale
	unmentioned decimal.Decimal
	unmLabel    string
	unmLevel    *Level // the level an unmentioned item counts as (nil: Unmentioned given)
	blend       *Blend
	adj         Adjustments
}

// NewCustomerScorer validates opts and returns a scorer. Errors wrap
// [ErrInvalid] (a scale without bands or not out of 100, no items, an
// unmentioned score outside 0–100, a preliminary blend whose sources are
// not visit and questionnaire) or [ErrDuplicate] (an item listed twice).
func NewCustomerScorer(opts *CustomerOptions) (*CustomerScorer, error) {
	var o CustomerOptions
	if opts != nil {
		o = *opts
	}
	s := &CustomerScorer{scheme: o.Scheme, scale: o.Scale, blend: o.Preliminary, adj: o.Adjustments}
	if s.scheme == nil {
		s.scheme = PVCTree()
	}
	if s.scale == nil {
		s.scale = PVCBands()
	}
	if s.blend == nil {
		s.blend = VisitQuestionnaire()
	}
	if !s.adj.set {
		s.adj = DefaultAdjustments()
	}
	if !s.scale.Banded() || !s.scale.FullMarks().Equal(w(100)) {
		return nil, errorf(ErrInvalid, "customer: scale %q must be banded with full marks 100", s.scale.Name())
	}
	s.items = slices.Clone(o.Items)
	if s.items == nil {
		if l, ok := s.scheme.(interface{ Leaves() []string }); ok {
			s.items = l.Leaves()
		}
	}
	if len(s.items) == 0 {
		return nil, errorf(ErrInvalid, "customer: no items (give CustomerOptions.Items for a scheme without Leaves)")
	}
	seen := map[string]bool{}
	for _, it := range s.items {
		if it == "" || seen[it] {
			return nil, errorf(ErrDuplicate, "customer: item %q empty or listed twice", it)
		}
		seen[it] = true
	}
	for _, wt := range s.blend.Weights() {
		if wt.Name != SourceVisit && wt.Name != SourceQuestionnaire {
			return nil, errorf(ErrInvalid, "customer: preliminary blend source %q is neither %q nor %q", wt.Name, SourceVisit, SourceQuestionnaire)
		}
	}
	if o.Unmentioned.Valid {
		s.unmentioned = o.Unmentioned.Decimal
		s.unmLabel = "not mentioned"
	} else {
		i, err := s.scale.Index(keySatisfied)
		if err != nil {
			return nil, errorf(ErrInvalid, "customer: scale %q has no %q level for unmentioned items; set CustomerOptions.Unmentioned", s.scale.Name(), keySatisfied)
		}
		l, _ := s.scale.Level(i)
		s.unmentioned = l.Points
		s.unmLabel = "not mentioned, " + l.Name()
		s.unmLevel = &l
	}
	if s.unmentioned.IsNegative() || s.unmentioned.GreaterThan(w(100)) {
		return nil, errorf(ErrInvalid, "customer: unmentioned score %s outside 0..100", s.unmentioned)
	}
	return s, nil
}

var defaultCustomerScorer, _ = NewCustomerScorer(nil)

// PVCCustomerScorer returns the scorer of the PVC method with all
// defaults, as NewCustomerScorer(nil).
func PVCCustomerScorer() *CustomerScorer { return defaultCustomerScorer }

// Items returns the items the scorer scores.
func (s *CustomerScorer) Items() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.items)
}

// byItem returns m keyed by the scorer's item names: a key may be an
// item's name or, when the scheme is a [Tree], the item's key ("quality"
// for 品质). An unknown key is [ErrUnknownItem]; an item given both ways
// [ErrDuplicate].
func byItem[V any](s *CustomerScorer, m map[string]V) (map[string]V, error) {
	if m == nil {
		return nil, nil
	}
	out := make(map[string]V, len(m))
	tree, _ := s.scheme.(*Tree)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		name := k
		if !slices.Contains(s.items, k) && tree != nil {
			if n, err := tree.Name(k); err == nil {
				name = n
			}
		}
		if !slices.Contains(s.items, name) {
			return nil, &Error{Part: "item", Name: k, Err: errorf(ErrUnknownItem, "customer: not an item of the scorer")}
		}
		if _, dup := out[name]; dup {
			return nil, &Error{Part: "item", Name: name, Err: errorf(ErrDuplicate, "customer: given by name and by key")}
		}
		out[name] = m[k]
	}
	return out, nil
}

// Questionnaire returns the weighted questionnaire score (问卷) of the
// item scores given, each in 0–100: a score out of range is
// [ErrOutOfRange], a missing item [ErrMissing], an unknown one
// [ErrUnknownItem], each naming the item.
func (s *CustomerScorer) Questionnaire(scores map[string]decimal.Decimal) (Result, error) {
	if s == nil || s.scheme == nil {
		return Result{}, errorf(ErrInvalid, "customer scorer not built (use NewCustomerScorer)")
	}
	scores, err := byItem(s, scores)
	if err != nil {
		return Result{}, err
	}
	in := make(map[string]Result, len(scores))
	for _, it := range s.items {
		v, ok := scores[it]
		if !ok {
			return Result{}, errorf(ErrMissing, "questionnaire: no score for item %q", it)
		}
		if v.IsNegative() || v.GreaterThan(w(100)) {
			return Result{}, errorf(ErrOutOfRange, "questionnaire: item %q score %s outside 0..100", it, v)
		}
		if in[it], err = Given("", Points, v); err != nil {
			return Result{}, &Error{Part: "item", Name: it, Err: err}
		}
	}
	r, err := s.scheme.Combine(in)
	if err != nil {
		return Result{}, err
	}
	return r.WithLabel("questionnaire 问卷"), nil
}

// Visit returns the weighted visit score (走访) of the notes given per item.
// An item without a note counts as not mentioned (Unmentioned, 80 by
// default). A level the scale does not have is [ErrUnknownLevel]; an
// estimate outside its level's band is [ErrOutOfBand] naming item, band
// and value; an unknown item is [ErrUnknownItem].
func (s *CustomerScorer) Visit(notes map[string]VisitNote) (Result, error) {
	if s == nil || s.scheme == nil {
		return Result{}, errorf(ErrInvalid, "customer scorer not built (use NewCustomerScorer)")
	}
	notes, err := byItem(s, notes)
	if err != nil {
		return Result{}, err
	}
	in := make(map[string]Result, len(s.items))
	for _, it := range s.items {
		n, ok := notes[it]
		if !ok {
			if in[it], err = Given(it+" ("+s.unmLabel+")", Points, s.unmentioned); err != nil {
				return Result{}, &Error{Part: "item", Name: it, Err: err}
			}
			zh, en := it+"（未提及）", it+" (not mentioned)"
			if s.unmLevel != nil {
				zh, en = it+"（未提及，按 "+levelIn(*s.unmLevel, langZh)+"）", it+" (not mentioned, "+levelIn(*s.unmLevel, langEn)+")"
			}
			in[it] = in[it].labels(zh, en)
			continue
		}
		i, err := s.scale.Index(n.Level)
		if err != nil {
			return Result{}, &Error{Part: "item", Name: it, Err: errorf(err, "visit")}
		}
		l, err := s.scale.Level(i)
		if err != nil {
			return Result{}, &Error{Part: "item", Name: it, Err: err}
		}
		v, how, howZh := l.Points, ", representative point)", "，代表分）"
		if n.Estimate.Valid {
			if !s.scale.InBand(i, n.Estimate.Decimal) {
				return Result{}, errorf(ErrOutOfBand, "visit: item %q: estimate %s outside band %s %s",
					it, n.Estimate.Decimal, l.Name(), s.bandText(i))
			}
			v, how, howZh = n.Estimate.Decimal, ", estimate)", "，估计值）"
		}
		if in[it], err = Given(it+" ("+l.Name()+how, Points, v); err != nil {
			return Result{}, &Error{Part: "item", Name: it, Err: err}
		}
		in[it] = in[it].labels(it+"（"+levelIn(l, langZh)+howZh, it+" ("+levelIn(l, langEn)+how)
	}
	r, err := s.scheme.Combine(in)
	if err != nil {
		return Result{}, err
	}
	return r.WithLabel("visit 走访"), nil
}

// bandText prints level i's band with the edge rules applied, e.g.
// "[90,100]" for the top band or "[0,40)" for the lowest.
func (s *CustomerScorer) bandText(i int) string {
	lo, hi, top := s.scale.effectiveBand(i)
	close := ")"
	if top {
		close = "]"
	}
	return "[" + lo.String() + "," + hi.String() + close
}

// A Customer is the input of one customer's score for a period.
type Customer struct {
	ID string
	// Questionnaire holds the item scores (0–100) of the returned
	// questionnaire; nil if none was returned.
	Questionnaire map[string]decimal.Decimal
	// Visit holds the interviewer's notes per item; nil if there was no
	// visit. A visit with no item mentioned is an empty, non-nil map.
	Visit map[string]VisitNote
	// Complaints are the customer's complaints in the period.
	Complaints []Complaint
	// Status is the customer's standing for churn.
	Status Status
}

// An Adjustment is the score change one complaint brought.
type Adjustment struct {
	Complaint string          `json:"complaint"`
	Outcome   Outcome         `json:"outcome"`
	Delta     decimal.Decimal `json:"delta"`
}

// A CustomerScore is one customer's satisfaction score with every step of
// its derivation.
type CustomerScore struct {
	ID            string       `json:"id"`
	Status        Status       `json:"status"`
	Questionnaire *Result      `json:"questionnaire"` // nil if no questionnaire
	Visit         *Result      `json:"visit"`         // nil if no visit
	Preliminary   Result       `json:"preliminary"`
	Adjustments   []Adjustment `json:"adjustments"` // in input order
	// Final is the preliminary score plus the adjustments, kept within
	// 0–100; its derivation nests the preliminary score and its parts.
	Final Result `json:"final"`
	// Clamped says the sum fell outside 0–100 and was clamped.
	Clamped bool `json:"clamped"`
	// Band is the index of the final score's level on the band scale.
	Band int `json:"band"`
	// BandLevel is that level.
	BandLevel Level `json:"band_level"`
	// Items holds each item's questionnaire and visit scores and their
	// blend by the preliminary weights, in the scorer's item order: what
	// the company view uses to tell which items pulled a customer down.
	Items []ItemScore `json:"items"`
}

// An ItemScore is one item of one customer: the questionnaire score, the
// visit score (each invalid when absent) and their exact blend by the
// preliminary weights.
type ItemScore struct {
	Item          string              `json:"item"`
	Questionnaire decimal.NullDecimal `json:"questionnaire"`
	Visit         decimal.NullDecimal `json:"visit"`
	Combined      Result              `json:"combined"`
}

// Score computes a customer's score. Both questionnaire and visit missing
// is [ErrMissing]; complaints are validated ([Complaint.Validate]; they
// need no id, but a repeated non-empty id is [ErrDuplicate]) and
// adjusted in input order. Item scores may be keyed by item name or, with
// a [Tree] scheme, by the items' English keys. The band is decided on the
// exact final score. Errors are [*Error]s naming the customer. The derivation prints like the method's
// worked example ([CustomerScore.Final]'s [Result.Derivation]).
func (s *CustomerScorer) Score(c Customer) (CustomerScore, error) {
	out := CustomerScore{ID: c.ID, Status: c.Status}
	if s == nil || s.scheme == nil {
		return out, errorf(ErrInvalid, "customer scorer not built (use NewCustomerScorer)")
	}
	if c.Status > Lost {
		return out, &Error{Part: "customer", Name: c.ID, Err: errorf(ErrInvalid, "status %d", c.Status)}
	}
	if err := s.preliminary(c, &out); err != nil {
		return out, &Error{Part: "customer", Name: c.ID, Err: err}
	}
	if err := validateComplaints(c.Complaints); err != nil {
		return out, &Error{Part: "customer", Name: c.ID, Err: err}
	}
	sum, err := s.adjust(c.Complaints, &out)
	if err != nil {
		return out, &Error{Part: "customer", Name: c.ID, Err: err}
	}
	if err := out.final(sum); err != nil {
		return out, &Error{Part: "customer", Name: c.ID, Err: err}
	}
	// The band is decided on the exact final score (METHOD.md §11).
	if out.Band, err = s.scale.BandOf(out.Final); err != nil {
		return out, &Error{Part: "customer", Name: c.ID, Err: err}
	}
	if out.BandLevel, err = s.scale.Level(out.Band); err != nil {
		return out, &Error{Part: "customer", Name: c.ID, Err: err}
	}
	return out, nil
}

// preliminary sets out's questionnaire and visit scores, their blend (the
// preliminary score) and the item scores.
func (s *CustomerScorer) preliminary(c Customer, out *CustomerScore) error {
	parts := map[string]Result{}
	if c.Questionnaire != nil {
		q, err := s.Questionnaire(c.Questionnaire)
		if err != nil {
			return err
		}
		out.Questionnaire = &q
		parts[SourceQuestionnaire] = q
	}
	if c.Visit != nil {
		v, err := s.Visit(c.Visit)
		if err != nil {
			return err
		}
		out.Visit = &v
		parts[SourceVisit] = v
	}
	if len(parts) == 0 {
		return errorf(ErrMissing, "neither questionnaire nor visit")
	}
	pre, err := s.blend.Combine(parts)
	if err != nil {
		return err
	}
	out.Preliminary = pre.WithLabel("preliminary 初步得分")
	out.Items, err = s.itemScores(c)
	return err
}

// adjust sets out's adjustment of each complaint, in input order, and
// returns the preliminary score plus the adjustments, exactly and not
// clamped.
func (s *CustomerScorer) adjust(complaints []Complaint, out *CustomerScore) (*big.Rat, error) {
	sum := out.Preliminary.Rat()
	for _, cp := range complaints {
		d, err := s.adj.Of(cp.Outcome)
		if err != nil {
			return nil, err
		}
		out.Adjustments = append(out.Adjustments, Adjustment{Complaint: cp.ID, Outcome: cp.Outcome, Delta: d})
		sum = exact.Add(sum, d.Rat())
	}
	return sum, nil
}

// final sets the final score: raw, the preliminary score plus the
// adjustments, clamped to 0–100, derived from the preliminary score and a
// part per complaint.
func (cs *CustomerScore) final(raw *big.Rat) error {
	sum := raw
	switch {
	case sum.Sign() < 0:
		sum, cs.Clamped = w(0).Rat(), true
	case sum.Cmp(w(100).Rat()) > 0:
		sum, cs.Clamped = w(100).Rat(), true
	}
	pre, adjs, clamped := cs.Preliminary, cs.Adjustments, cs.Clamped
	finalParts := []Result{pre}
	for i, a := range adjs {
		name := a.Complaint
		if name == "" {
			name = "#" + strconv.Itoa(i+1)
		}
		r, err := Given("complaint "+name+": "+a.Outcome.LabelZH()+" ("+a.Outcome.Label()+")", Points, a.Delta)
		if err != nil {
			return err
		}
		finalParts = append(finalParts, r.labels("投诉 "+name+"："+a.Outcome.LabelZH(), "complaint "+name+": "+a.Outcome.Label()))
	}
	final, err := FromRat("final 最终得分", Points, sum)
	if err != nil {
		return err
	}
	cs.Final = final.withFormula(langFormula(func(l lang) string {
		var b strings.Builder
		b.WriteString(pre.String())
		for _, a := range adjs {
			if a.Delta.IsNegative() {
				b.WriteString(" − " + a.Delta.Neg().String())
			} else {
				b.WriteString(" + " + a.Delta.String())
			}
		}
		if clamped {
			r, _ := exact.Decimal(raw, DisplayPlaces)
			b.WriteString(" = " + r.String() + l.pick(", clamped to 0..100", "，限定在 0..100 内", ", clamped to 0..100"))
		}
		return b.String()
	})).WithParts(finalParts...)
	return nil
}

// itemScores blends each item's questionnaire and visit scores (inputs
// already validated by Questionnaire and Visit), exactly.
func (s *CustomerScorer) itemScores(c Customer) ([]ItemScore, error) {
	q, err := byItem(s, c.Questionnaire)
	if err != nil {
		return nil, err
	}
	visit, err := byItem(s, c.Visit)
	if err != nil {
		return nil, err
	}
	out := make([]ItemScore, len(s.items))
	for k, it := range s.items {
		is := ItemScore{Item: it}
		parts := map[string]Result{}
		if c.Questionnaire != nil {
			is.Questionnaire = decimal.NewNullDecimal(q[it])
			if parts[SourceQuestionnaire], err = Given(SourceQuestionnaire, Points, q[it]); err != nil {
				return nil, &Error{Part: "item", Name: it, Err: err}
			}
		}
		if c.Visit != nil {
			v := s.unmentioned
			if n, ok := visit[it]; ok {
				if n.Estimate.Valid {
					v = n.Estimate.Decimal
				} else {
					i, err := s.scale.Index(n.Level)
					if err != nil {
						return nil, &Error{Part: "item", Name: it, Err: err}
					}
					v = s.scale.levels[i].Points
				}
			}
			is.Visit = decimal.NewNullDecimal(v)
			if parts[SourceVisit], err = Given(SourceVisit, Points, v); err != nil {
				return nil, &Error{Part: "item", Name: it, Err: err}
			}
		}
		r, err := s.blend.Combine(parts)
		if err != nil {
			return nil, &Error{Part: "item", Name: it, Err: err}
		}
		is.Combined = r.WithLabel(it)
		out[k] = is
	}
	return out, nil
}

// Explain returns the customer's full derivation: questionnaire, visit,
// preliminary score, adjustments and final score with its band.
func (cs CustomerScore) Explain() string {
	return cs.Final.Derivation() + "band: " + cs.BandLevel.Name() + "\n"
}

var statusTexts = [...]string{0: "active", 1: "at_risk", 2: "lost"}

// MarshalText encodes the status by its name ("active", "at_risk", "lost"); an unknown
// value is an error wrapping [ErrInvalid].
func (s Status) MarshalText() ([]byte, error) { return statusEnum.MarshalText(s) }

// UnmarshalText decodes a status name; any other text is an error
// wrapping [ErrInvalid].
func (s *Status) UnmarshalText(text []byte) error { return statusEnum.UnmarshalText(text, s) }

// The names of the enums of this file (the one mechanism: internal/enum).
var statusEnum = enum.New[Status]("Status", "status", ErrInvalid, errorf, statusTexts[:]...)
