package sheet

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/iox"
)

// A Survey is one period of an answers file: every answer read, and the
// returned forms (答卷) among them.
type Survey struct {
	// Name is the period's name.
	Name string
	// Table holds every answer read in the period (item × source): those
	// on forms and those of long-layout rows without a form id. The
	// overall question and stated importance are not in it.
	Table *csat.Table
	// Forms are the statistics of the period's forms ([form.Stats]: forms,
	// blanks, groups per segment value, joint counts), never nil: empty
	// statistics of the scale when the file has no forms.
	Forms *form.Stats
}

// ReadSurvey reads survey answers from the CSV or XLSX file at path, in
// the long or the wide layout (see the package doc), into one [Survey]
// per period, in the order of their meaning ([SortPeriods]), keeping the
// returned forms: each row of the wide layout, each run of rows sharing
// a form id in the long layout, is a [form.Form] with its segment
// attributes (the file's segment columns and [Options.Attributes]),
// counted into the period's [form.Stats]. Rows are streamed: memory grows
// with the periods, items, sources and segment values, and by a 16-byte
// fingerprint a form (to refuse a form id given twice), never by the
// answers.
//
// Errors are as for [ReadAnswers]; besides, a form id given twice in one
// period (in the long layout, reappearing after another form) wraps
// [csat.ErrDuplicate], and a long-layout row that contradicts its form's
// first row (source, customer, segment, overall question) wraps
// [csat.ErrInvalid]. With [Options.CollectAll] the surveys of the accepted
// rows are returned with a [*RejectedError].
func ReadSurvey(path string, opts *Options) ([]Survey, Summary, error) {
	return readSurvey(path, nil, opts)
}

// ReadSurveyFrom is [ReadSurvey] for a reader, named as for
// [ReadAnswersFrom].
func ReadSurveyFrom(r io.Reader, name string, opts *Options) ([]Survey, Summary, error) {
	if iox.IsNil(r) {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readSurvey(name, r, opts)
}

func readSurvey(name string, in io.Reader, opts *Options) ([]Survey, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	acc := newAccumulator(r.c)
	err = r.answers(acc)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	surveys, rerr := acc.result(name)
	if rerr != nil {
		r.sum.Errors = append(r.sum.Errors, rerr)
		return nil, *r.sum, errors.Join(err, rerr) // err: the rows rejected with CollectAll
	}
	return surveys, *r.sum, err
}

// addSat returns a+b, or the largest uint64 if that overflows.
func addSat(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

// levelIndex finds a scale's levels by key or label.
type levelIndex struct {
	scale *csat.Scale
	m     map[string]int
}

func newLevelIndex(s *csat.Scale) levelIndex {
	li := levelIndex{scale: s, m: map[string]int{}}
	ls := s.Levels()
	for i := len(ls) - 1; i >= 0; i-- { // the first level wins a shared name, as in Scale.Index
		li.m[ls[i].Key] = i
		if ls[i].Label != "" {
			li.m[ls[i].Label] = i
		}
		if ls[i].LabelZH != "" {
			li.m[ls[i].LabelZH] = i
		}
	}
	return li
}

// index returns the index of the level named by key or label.
func (li levelIndex) index(name string) (int, error) {
	if i, ok := li.m[name]; ok {
		return i, nil
	}
	if name == "" {
		return 0, valueError("empty", "", nil, fmt.Errorf("empty level: %w", csat.ErrMissing))
	}
	if _, err := li.scale.Index(name); err != nil {
		return 0, &ValueError{Kind: "level", Value: name, Scale: li.scale, Err: err}
	}
	return 0, &ValueError{Kind: "level", Value: name, Scale: li.scale, Err: fmt.Errorf("scale %q has no level %s: %w", li.scale.Name(), quote(name), csat.ErrUnknownLevel)}
}

// An accumulator counts answers into tallies per period, item and
// source, and forms into form statistics per period.
type accumulator struct {
	onForm  func(period string, f form.Form) // Options.Forms
	scale   *csat.Scale
	levels  levelIndex // of the answers' scale
	imp     levelIndex // of the importance scale
	periods map[string]*periodAcc
}

type cellKey struct{ item, source string }

type periodAcc struct {
	name  string
	cells map[cellKey]*csat.Tally
	forms *form.Stats // nil until the period's first form
	line  int         // where the period first appears
}

func newAccumulator(c *config) *accumulator {
	return &accumulator{onForm: c.Forms, scale: c.scale, levels: newLevelIndex(c.scale), imp: newLevelIndex(c.imp), periods: map[string]*periodAcc{}}
}

// level returns the index of the level named by key or label.
func (a *accumulator) level(name string) (int, error) { return a.levels.index(name) }

// newStats returns empty form statistics of the accumulator's scales.
func (a *accumulator) newStats() *form.Stats {
	st, err := form.New(a.scale, &form.Options{Importance: a.imp.scale})
	if err != nil {
		panic(err) // the scale is never nil
	}
	return st
}

// stats returns the form statistics of period p, made on first use.
// addForm counts a form in its period's statistics, then hands it to
// Options.Forms.
func (a *accumulator) addForm(p *periodAcc, f form.Form) error {
	if err := a.stats(p).Add(f); err != nil {
		return err
	}
	if a.onForm != nil {
		a.onForm(p.name, f)
	}
	return nil
}

func (a *accumulator) stats(p *periodAcc) *form.Stats {
	if p.forms == nil {
		p.forms = a.newStats()
	}
	return p.forms
}

// period returns the accumulator of a period, made on first use; more
// than csat.MaxPeriods periods is an error.
func (a *accumulator) period(name string, line int) (*periodAcc, error) {
	if p, ok := a.periods[name]; ok {
		return p, nil
	}
	if len(a.periods) >= csat.MaxPeriods {
		return nil, fmt.Errorf("period %s is one more than %d periods: %w", quote(name), csat.MaxPeriods, csat.ErrOutOfRange)
	}
	p := &periodAcc{name: name, cells: map[cellKey]*csat.Tally{}, line: line}
	a.periods[name] = p
	return p, nil
}

// peek returns the tally of a cell, nil if it has none yet.
func (p *periodAcc) peek(item, source string) *csat.Tally {
	return p.cells[cellKey{item, source}]
}

// tally returns the tally of a cell, made on first use.
func (p *periodAcc) tally(item, source string, s *csat.Scale) *csat.Tally {
	k := cellKey{item, source}
	t, ok := p.cells[k]
	if !ok {
		nt := csat.NewTally(s)
		t = &nt
		p.cells[k] = t
	}
	return t
}

// result returns the surveys in the order of their meaning
// ([SortPeriods]), each with its table and form statistics.
func (a *accumulator) result(file string) ([]Survey, error) {
	out := make([]Survey, 0, len(a.periods))
	names := slices.Sorted(maps.Keys(a.periods))
	if bad, err := orderPeriods(names); err != nil {
		return nil, &csat.ParseError{File: file, Line: a.periods[bad].line, Err: err}
	}
	for _, name := range names {
		p := a.periods[name]
		t := csat.NewTable(a.scale)
		keys := slices.SortedFunc(maps.Keys(p.cells), func(x, y cellKey) int {
			return cmp.Or(cmp.Compare(x.item, y.item), cmp.Compare(x.source, y.source))
		})
		for _, k := range keys {
			if err := t.AddTally(k.item, k.source, *p.cells[k]); err != nil {
				return nil, &csat.Error{Part: "period", Name: name, Err: err}
			}
		}
		forms := p.forms
		if forms == nil {
			forms = a.newStats()
		}
		out = append(out, Survey{Name: name, Table: t, Forms: forms})
	}
	return out, nil
}
