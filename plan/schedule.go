package plan

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/csatkit/csat"
)

// A ScheduleEntry says when a customer's next regular survey is due.
type ScheduleEntry struct {
	ID    string `json:"id"`
	Class string `json:"class"`
	// Key is true for a key customer 重点客户 (class A or flagged), surveyed
	// quarterly; others every half year.
	Key bool `json:"key"`
	// Last is the last survey (zero if never surveyed).
	Last time.Time `json:"last"`
	// Due is Last plus 3 or 6 months, or AsOf if never surveyed.
	Due time.Time `json:"due"`
	// Overdue says Due is before AsOf.
	Overdue bool `json:"overdue"`
}

// ScheduleOptions configures [Schedule].
type ScheduleOptions struct {
	// AsOf is the date the schedule is made on; required.
	AsOf time.Time
	// KeyClasses are the classes whose customers are key customers
	// 重点客户; nil means [csat.ClassA]. A user's own segmenter names its
	// own.
	KeyClasses []string
	// Key flags further key customers by id.
	Key map[string]bool
	// Last is each customer's last survey, by id (absent: never
	// surveyed). A date after AsOf is an error.
	Last map[string]time.Time
}

// Schedule lists when each segmented customer (graded by [csat.ABC] or any
// [csat.Segmenter]) is due for its next regular survey (METHOD.md §8): key
// customers — of a key class, or flagged — every quarter, others every
// half year, counted from the last survey; a customer never surveyed is
// due at AsOf. Months are calendar months that stop at the month's end,
// as people read "quarterly": a survey on 30 November is next due on 28
// (or 29) February, not on 1 or 2 March. Entries are sorted by due date,
// then id. A flag or date for a customer not in the assignments, or a
// key class no customer has (a misspelt class would silently make nobody
// key), is [csat.ErrUnknownItem]; a repeated id [csat.ErrDuplicate]; an
// empty id or class [csat.ErrInvalid]; a zero AsOf [csat.ErrMissing]; a
// last survey after AsOf [csat.ErrOutOfRange].
func Schedule(as []csat.Assignment, opts ScheduleOptions) ([]ScheduleEntry, error) {
	if opts.AsOf.IsZero() {
		return nil, errorf(csat.ErrMissing, "schedule: no as-of date")
	}
	if err := opts.check(as); err != nil {
		return nil, err
	}
	keyClass := map[string]bool{csat.ClassA: true}
	if opts.KeyClasses != nil {
		keyClass = map[string]bool{}
		for _, c := range opts.KeyClasses {
			keyClass[c] = true
		}
	}
	out := make([]ScheduleEntry, 0, len(as))
	for _, a := range as {
		e := ScheduleEntry{ID: a.ID, Class: a.Class, Key: keyClass[a.Class] || opts.Key[a.ID], Last: opts.Last[a.ID]}
		months := 6
		if e.Key {
			months = 3
		}
		if e.Last.IsZero() {
			e.Due = opts.AsOf
		} else {
			e.Due = addMonths(e.Last, months)
		}
		e.Overdue = e.Due.Before(opts.AsOf)
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y ScheduleEntry) int {
		return cmp.Or(x.Due.Compare(y.Due), strings.Compare(x.ID, y.ID))
	})
	return out, nil
}

// check checks the assignments (ids valid and distinct, classes given)
// and that the options name only their customers and classes.
func (o ScheduleOptions) check(as []csat.Assignment) error {
	ids := map[string]bool{}
	for _, a := range as {
		switch {
		case !validName(a.ID):
			return errorf(csat.ErrInvalid, "schedule: customer id %s must be non-empty UTF-8", quoteShort(a.ID))
		case a.Class == "":
			return customerErrorf(a.ID, csat.ErrInvalid, "schedule: no class")
		case ids[a.ID]:
			return customerErrorf(a.ID, csat.ErrDuplicate, "schedule: customer given twice")
		}
		ids[a.ID] = true
	}
	if o.KeyClasses != nil {
		has := map[string]bool{}
		for _, a := range as {
			has[a.Class] = true
		}
		for _, c := range o.KeyClasses {
			if !has[c] {
				return errorf(csat.ErrUnknownItem, "schedule: key class %s is the class of no customer", quoteShort(c))
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(o.Key)) {
		if !ids[id] {
			return customerErrorf(id, csat.ErrUnknownItem, "schedule: key flag for a customer not segmented")
		}
	}
	for _, id := range slices.Sorted(maps.Keys(o.Last)) {
		if !ids[id] {
			return customerErrorf(id, csat.ErrUnknownItem, "schedule: last survey of a customer not segmented")
		}
		if o.Last[id].After(o.AsOf) {
			return customerErrorf(id, csat.ErrOutOfRange, "schedule: last survey %s after the as-of date %s",
				o.Last[id].Format(time.DateOnly), o.AsOf.Format(time.DateOnly))
		}
	}
	return nil
}

// addMonths returns t plus n calendar months, stopping at the end of the
// target month (30 Nov + 3 months = 28/29 Feb), time of day kept.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}
