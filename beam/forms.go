package csatbeam

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

// DefaultMaxFormItems is the default bound on the distinct items of one
// form ([Options].MaxFormItems): a questionnaire has tens of items, and
// the form statistics' joint counts grow with the square of a form's
// items.
const DefaultMaxFormItems = 256

// A FormKey names one returned form: its company, period and id. The
// rows of a form are those with the same FormKey, in any file.
type FormKey struct {
	Company string `json:"company"`
	Period  string `json:"period"`
	Form    string `json:"form"`
}

// A FailedForm is a form whose rows disagree: [AssembleForms] leaves all
// its rows out (of the forms and of the answers it passes on) and says
// why here, so that no row is dropped unreported. Rows is the number of
// its rows; Err names the form and what is wrong, and ends with the
// sentinel's text (an item on two rows: [csat.ErrDuplicate]; two
// sources, respondents, customers or values of one dimension:
// [csat.ErrInvalid]; more than [Options].MaxFormItems items:
// [csat.ErrOutOfRange]).
type FailedForm struct {
	Company string `json:"company"`
	Period  string `json:"period"`
	Form    string `json:"form"`
	Rows    int64  `json:"rows"`
	Err     string `json:"error"`
}

// AssembleForms puts the rows of each returned form together. From a
// PCollection of [Answer] ([Read]) it gives
//
//   - counted, the [Answer]s to count in tables: those on no form, and
//     those of the forms assembled, without their [Blank]s. The answers
//     on no form come summed per bundle: those (in the global window)
//     that differ in their count only are one Answer whose Count is
//     their sum, so that a few elements per bundle, not one per row, go
//     on (the tables count the same answers);
//   - forms, a PCollection of KV<[Key], form.Form>: each form, keyed by
//     its company and period, ready for [CombineForms];
//   - failed, a PCollection of [FailedForm]: the forms whose rows
//     disagree, left out of both.
//
// A form's rows are those with the same company, period and form id, in
// any file and any bundle: they meet in a GroupByKey on their [FormKey].
// Every row of a form gives one item (an item on two rows fails the
// form) and the same source; respondent, customer and segment values
// may be left empty on some rows, but two different values fail the
// form. A form is the same whatever the order of its rows, and so is a
// failure's message.
func AssembleForms(s beam.Scope, scale *csat.Scale, answers beam.PCollection, opts *Options) (counted, forms, failed beam.PCollection) {
	s = s.Scope("csatbeam.AssembleForms")
	o := opts.orDefault()
	loose, onForms := beam.ParDo2(s, &splitFn{}, answers)
	fn := &assembleFn{Scale: mustScaleDef(scale), MaxItems: o.MaxFormItems}
	formAnswers, forms, failed := beam.ParDo3(s, fn, beam.GroupByKey(s, onForms))
	return beam.Flatten(s, loose, formAnswers), forms, failed
}

// splitFn passes the answers on no form on and keys those on a form by
// their form. It sums the answers on no form of a bundle that differ in
// their count only (answerSums) and passes each sum on once: the tables
// count the same answers, but a few elements per bundle instead of one
// per row go on to the Flatten of AssembleForms, which a runner such as
// Prism materialises element by element.
type splitFn struct {
	sums answerSums[struct{}]
}

// ProcessElement splits one answer.
func (fn *splitFn) ProcessElement(w beam.Window, at beam.EventTime, a Answer, loose func(beam.EventTime, Answer), onForm func(FormKey, Answer)) {
	if a.Form != "" {
		onForm(FormKey{Company: a.Company, Period: a.Period, Form: a.Form}, a)
		return
	}
	if a.Respondent != "" || a.Customer != "" || a.Overall != "" || a.Importance != "" || len(a.Attrs) > 0 {
		loose(at, a) // fields of a form, on no form: as it is
		return
	}
	fn.sums.add(w, at, struct{}{}, a, func(at beam.EventTime, _ struct{}, a Answer) { loose(at, a) })
}

// FinishBundle passes the bundle's sums on.
func (fn *splitFn) FinishBundle(loose func(beam.EventTime, Answer), _ func(FormKey, Answer)) {
	fn.sums.flush(func(at beam.EventTime, _ struct{}, a Answer) { loose(at, a) })
}

// assembleFn assembles one form from its rows.
type assembleFn struct {
	Scale    string `json:"scale"` // its definition (scaleDef)
	MaxItems int    `json:"max_items"`

	keys []string // the scale's level keys
}

// Setup rebuilds the scale from its definition.
func (fn *assembleFn) Setup() error {
	s, err := scaleFromJSON([]byte(fn.Scale))
	if err != nil {
		return &opError{op: "assemble forms", err: err}
	}
	fn.keys = fn.keys[:0]
	for _, l := range s.Levels() {
		fn.keys = append(fn.keys, l.Key)
	}
	return nil
}

// ProcessElement assembles the form k from its rows: it emits the form
// and its answers, or the failure.
func (fn *assembleFn) ProcessElement(ctx context.Context, k FormKey, rows func(*Answer) bool, emitAnswer func(Answer), emitForm func(Key, form.Form), fail func(FailedForm)) {
	as := assembly{max: fn.MaxItems, items: map[string]int{}, attrs: map[string]*pair{}}
	var a Answer
	for rows(&a) {
		as.add(&a)
	}
	if err := as.problems(); err != nil {
		failedFormsCounter.Inc(ctx, 1)
		fail(FailedForm{Company: k.Company, Period: k.Period, Form: k.Form, Rows: as.rows,
			Err: (&opError{op: fmt.Sprintf("form %q of %q %q (%d rows)", short(k.Form), short(k.Company), short(k.Period), as.rows), err: err}).Error()})
		return
	}
	f := form.Form{ID: k.Form, Respondent: as.respondent.a, Customer: as.customer.a, Source: as.source.a, Period: k.Period,
		Overall: as.overall.a, Answers: make(map[string]string, len(as.items))}
	if len(as.importance) > 0 {
		f.Importance = as.importance
	}
	for dim, p := range as.attrs {
		if f.Attrs == nil {
			f.Attrs = make(map[string]string, len(as.attrs))
		}
		f.Attrs[dim] = p.a
	}
	items := make([]string, 0, len(as.items))
	for item, lvl := range as.items {
		items = append(items, item)
		f.Answers[item] = ""
		if lvl != Blank {
			f.Answers[item] = fn.keys[lvl]
		}
	}
	slices.Sort(items)
	for _, item := range items {
		if lvl := as.items[item]; lvl != Blank {
			emitAnswer(Answer{Company: k.Company, Period: k.Period, Item: item, Source: f.Source, Level: lvl, Count: 1,
				Form: k.Form, Respondent: f.Respondent, Customer: f.Customer, Attrs: f.Attrs})
		}
	}
	formsCounter.Inc(ctx, 1)
	emitForm(Key{Company: k.Company, Period: k.Period}, f)
}

// assembly is a form being assembled. Its memory is bounded by the
// form's items (at most max) and dimensions, whatever its rows.
type assembly struct {
	max                          int
	rows                         int64
	items                        map[string]int   // item → level or Blank
	repeated                     map[string]int64 // item → rows, for items on more than one row
	tooMany                      bool
	source, respondent, customer pair
	overall                      pair              // the overall question's level key
	importance                   map[string]string // item → stated importance (level key)
	attrs                        map[string]*pair
}

// pair keeps the two smallest distinct non-empty values given: the value
// when a (alone), a disagreement when b too, told in the same words
// whatever the order of the rows.
type pair struct{ a, b string }

func (p *pair) add(v string) {
	switch {
	case v == "" || v == p.a || v == p.b:
	case p.a == "":
		p.a = v
	case v < p.a:
		p.a, p.b = v, p.a
	case p.b == "" || v < p.b:
		p.b = v
	}
}

// add takes one row of the form.
func (as *assembly) add(a *Answer) {
	as.rows++
	as.source.add(a.Source)
	as.respondent.add(a.Respondent)
	as.customer.add(a.Customer)
	as.overall.add(a.Overall)
	for dim, v := range a.Attrs {
		p := as.attrs[dim]
		if p == nil {
			p = &pair{}
			as.attrs[dim] = p
		}
		p.add(v)
	}
	if as.tooMany {
		return
	}
	if _, seen := as.items[a.Item]; seen {
		if as.repeated == nil {
			as.repeated = map[string]int64{}
		}
		if as.repeated[a.Item] == 0 {
			as.repeated[a.Item] = 1
		}
		as.repeated[a.Item]++
		return
	}
	if len(as.items) == as.max {
		as.tooMany, as.items, as.repeated = true, nil, nil
		return
	}
	as.items[a.Item] = a.Level
	if a.Importance != "" {
		if as.importance == nil {
			as.importance = map[string]string{}
		}
		as.importance[a.Item] = a.Importance
	}
}

// maxProblems bounds the problems a failure's message lists.
const maxProblems = 5

// problems returns what is wrong with the form, nil when nothing.
func (as *assembly) problems() error {
	if as.tooMany {
		return reasonf(csat.ErrOutOfRange, "more than %d items (Options.MaxFormItems)", as.max)
	}
	var msgs []string
	var first error
	add := func(err error, format string, args ...any) {
		if first == nil {
			first = err
		}
		msgs = append(msgs, fmt.Sprintf(format, args...))
	}
	for _, f := range []struct {
		name string
		p    pair
	}{{"source", as.source}, {"respondent", as.respondent}, {"customer", as.customer}, {"overall", as.overall}} {
		if f.p.b != "" {
			add(csat.ErrInvalid, "its rows give %s %q and %q", f.name, short(f.p.a), short(f.p.b))
		}
	}
	dims := make([]string, 0, len(as.attrs))
	for dim := range as.attrs {
		dims = append(dims, dim)
	}
	slices.Sort(dims)
	for _, dim := range dims {
		if p := as.attrs[dim]; p.b != "" {
			add(csat.ErrInvalid, "its rows give %s %q and %q", short(dim), short(p.a), short(p.b))
		}
	}
	items := make([]string, 0, len(as.repeated))
	for item := range as.repeated {
		items = append(items, item)
	}
	slices.Sort(items)
	for _, item := range items {
		add(csat.ErrDuplicate, "item %q is on %d rows", short(item), as.repeated[item])
	}
	if len(msgs) == 0 {
		return nil
	}
	if n := len(msgs); n > maxProblems {
		msgs = append(msgs[:maxProblems], fmt.Sprintf("and %d more", n-maxProblems))
	}
	return reasonf(first, "%s", strings.Join(msgs, "; "))
}

// CombineForms counts the forms of each key into one [form.Stats] of
// scale: a PCollection of KV<K, *form.Stats> from one of KV<K,
// form.Form> ([AssembleForms]), for any key type K. It is
// beam.CombinePerKey with [FormsFn].
func CombineForms(s beam.Scope, scale *csat.Scale, forms beam.PCollection) beam.PCollection {
	s = s.Scope("csatbeam.CombineForms")
	return beam.CombinePerKey(s, NewFormsFn(scale), forms)
}

// FormsFn is a Beam CombineFn that counts forms into their sufficient
// statistics, a [form.Stats] ([form.Stats.Add]): its accumulator and
// output are a *form.Stats, encoded between workers with
// [form.Stats.MarshalBinary] (checksummed; decoded with
// [form.Stats.UnmarshalBinary]) and merged with [form.Stats.Merge]:
// exact, associative and commutative, so the statistics are the same,
// bit for bit, however the runner splits the forms into bundles and
// merges them. A count that would overflow fails the job with an error
// wrapping [csat.ErrOverflow]: each form counts once, so that takes 2⁶⁴
// forms of one key, which no input can hold.
type FormsFn struct {
	// Scale is the definition of the items' scale, as [NewFormsFn]
	// writes it; required.
	Scale string `json:"scale"`

	scale *csat.Scale
}

// NewFormsFn returns a FormsFn counting forms answered on scale s.
func NewFormsFn(s *csat.Scale) *FormsFn { return &FormsFn{Scale: mustScaleDef(s), scale: s} }

// Setup rebuilds the scale from its definition.
func (fn *FormsFn) Setup() error {
	if fn.scale != nil {
		return nil
	}
	s, err := scaleFromJSON([]byte(fn.Scale))
	if err != nil {
		return &opError{op: "combine forms", err: err}
	}
	fn.scale = s
	return nil
}

// CreateAccumulator returns empty statistics of the scale.
func (fn *FormsFn) CreateAccumulator() (*form.Stats, error) {
	if err := fn.Setup(); err != nil {
		return nil, err
	}
	st, err := form.New(fn.scale, nil)
	if err != nil {
		return nil, &opError{op: "combine forms", err: err}
	}
	return st, nil
}

// AddInput counts one form into st ([form.Stats.Add]).
func (fn *FormsFn) AddInput(st *form.Stats, f form.Form) (*form.Stats, error) {
	if err := st.Add(f); err != nil {
		return nil, &opError{op: "combine forms", err: err}
	}
	return st, nil
}

// MergeAccumulators adds b into a ([form.Stats.Merge]).
func (fn *FormsFn) MergeAccumulators(a, b *form.Stats) (*form.Stats, error) {
	if err := a.Merge(b); err != nil {
		return nil, &opError{op: "combine forms", err: err}
	}
	return a, nil
}

// ExtractOutput returns the statistics.
func (fn *FormsFn) ExtractOutput(st *form.Stats) *form.Stats { return st }

// encodeStats is the Beam coder of *form.Stats: its binary encoding
// (with its scales, so that it decodes with none given).
func encodeStats(st *form.Stats) ([]byte, error) {
	if st == nil || st.Scale() == nil {
		return nil, &opError{op: "encode", err: reasonf(csat.ErrInvalid, "form statistics without scale")}
	}
	b, err := st.MarshalBinary()
	if err != nil {
		return nil, &opError{op: "encode", err: err}
	}
	return b, nil
}

// decodeStats decodes what encodeStats wrote; malformed data is an error
// wrapping [csat.ErrCorrupt].
func decodeStats(data []byte) (*form.Stats, error) {
	st := new(form.Stats)
	if err := st.UnmarshalBinary(data); err != nil {
		return nil, &opError{op: "decode", err: err}
	}
	return st, nil
}

// WriteForms writes the form statistics of each key of a PCollection of
// KV<[Key], *form.Stats> ([CombineForms]) as JSON ([form.Stats.MarshalJSON]:
// sorted, so equal statistics are equal bytes) to its own file,
// dir/COMPANY/PERIOD.json ([ReportPath]), names escaped as
// [WriteReports] escapes them. Give it a directory of its own, apart
// from the reports'.
func WriteForms(s beam.Scope, dir string, stats beam.PCollection) {
	s = s.Scope("csatbeam.WriteForms")
	filesystem.ValidateScheme(dir)
	beam.ParDo0(s, &writeReportFn{Dir: strings.TrimSuffix(dir, "/")}, beam.ParDo(s, formsJSON, stats))
}

// formsJSON marshals one key's form statistics.
func formsJSON(k Key, st *form.Stats) (Key, string, error) {
	b, err := st.MarshalJSON()
	if err != nil {
		return k, "", &opError{op: "write forms", err: err}
	}
	return k, string(b), nil
}

// writeString writes one text file (a report, a form statistics' JSON)
// with a final newline.
func writeString(ctx context.Context, name, text string) (err error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return &opError{op: "write " + name, err: err}
	}
	defer func() {
		if cerr := fs.Close(); cerr != nil && err == nil {
			err = &opError{op: "write " + name, err: cerr}
		}
	}()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return &opError{op: "write " + name, err: err}
	}
	if _, err := w.Write(append([]byte(text), '\n')); err != nil {
		_ = w.Close()
		return &opError{op: "write " + name, err: err}
	}
	if err := w.Close(); err != nil {
		return &opError{op: "write " + name, err: err}
	}
	return nil
}

var (
	statsType      = reflect.TypeOf((*form.Stats)(nil))
	formType       = reflect.TypeOf(form.Form{})
	formKeyType    = reflect.TypeOf(FormKey{})
	failedFormType = reflect.TypeOf(FailedForm{})
)
