package sheet

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat"
)

var periodRE = regexp.MustCompile(`^(\d{4})(?:[-_ /.]?(H[12]|Q[1-4]|\d{1,2}(?:[-/.]\d{1,2})?))?$`)

// PeriodRange reads a period's span from its name: 2026 (a year), 2026H1
// or 2026-H2 (a half year; 2026年上半年, 2026年下半年 too), 2026Q3 (a
// quarter), 2026-05 or 2026-5 (a month), 2026-05-31 (a day). start is the
// period's first instant and end the first instant after it, midnight
// UTC: 2026H1 is [2026-01-01, 2026-07-01). ok is false for any other name.
func PeriodRange(name string) (start, end time.Time, ok bool) {
	name = strings.ToUpper(strings.TrimSpace(name))
	name = strings.NewReplacer("上半年", "H1", "下半年", "H2", "年", "").Replace(name)
	m := periodRE.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, time.Time{}, false
	}
	year, _ := strconv.Atoi(m[1])
	start = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	switch p := m[2]; {
	case p == "":
		return start, start.AddDate(1, 0, 0), true
	case p[0] == 'H':
		start = start.AddDate(0, 6*int(p[1]-'1'), 0)
		return start, start.AddDate(0, 6, 0), true
	case p[0] == 'Q':
		start = start.AddDate(0, 3*int(p[1]-'1'), 0)
		return start, start.AddDate(0, 3, 0), true
	}
	parts := strings.FieldsFunc(m[2], func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	month, _ := strconv.Atoi(parts[0])
	if month < 1 || month > 12 {
		return time.Time{}, time.Time{}, false
	}
	start = start.AddDate(0, month-1, 0)
	if len(parts) == 1 {
		return start, start.AddDate(0, 1, 0), true
	}
	day, _ := strconv.Atoi(parts[1])
	if day < 1 || day > start.AddDate(0, 1, -1).Day() {
		return time.Time{}, time.Time{}, false
	}
	start = start.AddDate(0, 0, day-1)
	return start, start.AddDate(0, 0, 1), true
}

// SortPeriods sorts period names by what they mean, oldest first:
// 2026-9 before 2026-10, 2025H2 before 2026Q1 (see [PeriodRange] for the
// names read). One name needs no order and may be anything ("current");
// with two or more, a name that is not a period, or two that overlap
// (2026 and 2026H1, or 2026H1 written twice as 2026H1 and 2026-H1), is
// an error wrapping [csat.ErrInvalid] naming them: sorting such names as
// text would silently misplace the current period, the trend and the
// discounting of lifetime values.
func SortPeriods(names []string) error {
	if _, err := orderPeriods(names); err != nil {
		return fmt.Errorf("csat: %w", err)
	}
	return nil
}

// orderPeriods is [SortPeriods]; on error it returns the name at fault
// (the later of two that overlap), for the reader to name its line.
func orderPeriods(names []string) (string, error) {
	if len(names) < 2 {
		return "", nil
	}
	type span struct {
		name       string
		start, end time.Time
	}
	spans := make([]span, len(names))
	for i, n := range names {
		s, e, ok := PeriodRange(n)
		if !ok {
			return n, fmt.Errorf("cannot order the periods: %s is not a period's name (2026, 2026H1, 2026Q3, 2026-05 or 2026-05-31): %w", quote(n), csat.ErrInvalid)
		}
		spans[i] = span{n, s, e}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmpSpan(a.start, a.end, b.start, b.end, a.name, b.name) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start.Before(spans[i-1].end) {
			return spans[i].name, fmt.Errorf("the periods %s and %s overlap: %w", quote(spans[i-1].name), quote(spans[i].name), csat.ErrInvalid)
		}
	}
	for i, s := range spans {
		names[i] = s.name
	}
	return "", nil
}

func cmpSpan(s1, e1, s2, e2 time.Time, n1, n2 string) int {
	if c := s1.Compare(s2); c != 0 {
		return c
	}
	if c := e1.Compare(e2); c != 0 {
		return c
	}
	return strings.Compare(n1, n2)
}
