package plan

import (
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

func TestRelationships(t *testing.T) {
	want := map[Margin][3]Relationship{
		HighMargin:   {Accountable, Proactive, Partnership},
		MediumMargin: {Reactive, Accountable, Proactive},
		LowMargin:    {Basic, Reactive, Accountable},
	}
	for m, row := range want {
		for i, c := range []CustomerCount{ManyCustomers, MediumCustomers, FewCustomers} {
			got, err := RecommendRelationship(m, c)
			if err != nil || got != row[i] {
				t.Errorf("RecommendRelationship(%d, %d) = %v, %v; want %v", m, c, got, err, row[i])
			}
		}
	}
	_, err := RecommendRelationship(0, ManyCustomers)
	checkErr(t, err, errCheck{Is: csat.ErrInvalid})
	got := []string{Basic.String(), Partnership.LabelZH(), Accountable.Label(), Relationship(9).String()}
	if diff := cmp.Diff([]string{"basic", "伙伴型", "accountable", "Relationship(9)"}, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestSchedule(t *testing.T) {
	as, _ := csat.ABC{}.Segment(values(50, 20, 10, 8, 5, 4, 3)) // a..c A, d..f B, g C
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	asOf := day(11, 23)
	last := map[string]time.Time{"a": day(9, 1), "b": day(6, 1), "d": day(3, 1), "e": day(8, 1), "g": day(10, 1)}
	sched, err := Schedule(as, ScheduleOptions{AsOf: asOf, Key: map[string]bool{"e": true}, Last: last})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range sched {
		got = append(got, e.ID+" "+e.Due.Format("01-02")+map[bool]string{true: " key", false: ""}[e.Key]+map[bool]string{true: " overdue", false: ""}[e.Overdue])
	}
	// b A: 06-01 + 3 months = 09-01 (overdue); d B: 03-01 + 6 = 09-01 (overdue);
	// e flagged key: 08-01 + 3 = 11-01 (overdue); a A: 09-01 + 3 = 12-01;
	// c, f never surveyed: due now; g C: 10-01 + 6 = 2027-04-01.
	want := []string{"b 09-01 key overdue", "d 09-01 overdue", "e 11-01 key overdue", "c 11-23 key", "f 11-23", "a 12-01 key", "g 04-01"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schedule mismatch (-want +got):\n%s", diff)
	}
	_, err = Schedule(as, ScheduleOptions{AsOf: asOf, Key: map[string]bool{"zz": true}})
	checkErr(t, err, errCheck{Is: csat.ErrUnknownItem, Msg: `csat: customer "zz": schedule: key flag for a customer not segmented: unknown item`})
	_, err = Schedule(as, ScheduleOptions{AsOf: asOf, Last: map[string]time.Time{"zz": asOf}})
	checkErr(t, err, errCheck{Is: csat.ErrUnknownItem})
	_, err = Schedule(append(as, as[0]), ScheduleOptions{AsOf: asOf})
	checkErr(t, err, errCheck{Is: csat.ErrDuplicate})
	// Accepted silently before: a last survey in the future, an empty id,
	// an empty class, no as-of date.
	_, err = Schedule(as, ScheduleOptions{AsOf: asOf, Last: map[string]time.Time{"a": day(12, 1)}})
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	_, err = Schedule([]csat.Assignment{{ID: "", Class: "A"}}, ScheduleOptions{AsOf: asOf})
	checkErr(t, err, errCheck{Is: csat.ErrInvalid})
	_, err = Schedule([]csat.Assignment{{ID: "x"}}, ScheduleOptions{AsOf: asOf})
	checkErr(t, err, errCheck{Is: csat.ErrInvalid})
	_, err = Schedule(as, ScheduleOptions{})
	checkErr(t, err, errCheck{Is: csat.ErrMissing})
}

// "Quarterly" stops at the month's end: 30 November + 3 months is 28
// February (29 in a leap year), not 2 March; 31 August + 6 months is 28
// February too.
func TestScheduleMonthEnd(t *testing.T) {
	as := []csat.Assignment{{ID: "k", Class: csat.ClassA}, {ID: "g", Class: csat.ClassC}}
	for _, c := range []struct {
		last, asOf time.Time
		key, other string
	}{
		{time.Date(2025, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), "2026-02-28", "2026-05-30"},
		{time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC), "2028-02-29", "2028-05-30"},
		{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), "2026-11-30", "2027-02-28"},
	} {
		sched, err := Schedule(as, ScheduleOptions{AsOf: c.asOf, Last: map[string]time.Time{"k": c.last, "g": c.last}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range sched {
			got[e.ID] = e.Due.Format(time.DateOnly)
		}
		if got["k"] != c.key || got["g"] != c.other {
			t.Errorf("last %s: key due %s, other due %s; want %s, %s", c.last.Format(time.DateOnly), got["k"], got["g"], c.key, c.other)
		}
	}
	// A user's own classes: "gold" is key.
	sched, err := Schedule([]csat.Assignment{{ID: "x", Class: "gold"}, {ID: "y", Class: "silver"}},
		ScheduleOptions{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), KeyClasses: []string{"gold"},
			Last: map[string]time.Time{"x": time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), "y": time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}})
	if err != nil || !sched[0].Key || sched[0].ID != "x" || sched[0].Due.Month() != time.March || sched[1].Due.Month() != time.June {
		t.Errorf("key classes: %+v, %v", sched, err)
	}
}

// A key class that no customer has (a misspelt "gold") used to make
// nobody key without a word; it is csat.ErrUnknownItem now.
func TestScheduleUnknownKeyClass(t *testing.T) {
	_, err := Schedule([]csat.Assignment{{ID: "x", Class: "Gold"}}, ScheduleOptions{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), KeyClasses: []string{"gold"}})
	checkErr(t, err, errCheck{Is: csat.ErrUnknownItem})
}
