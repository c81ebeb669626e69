package main

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var periodRE = regexp.MustCompile(`^(\d{4})(?:[-_ ]?(H[12]|Q[1-4]|\d{2}))?$`)

// periodEnd reads the end of a period from its name: 2026 (a year),
// 2026H1 or 2026-H2 (a half year), 2026Q3 (a quarter), 2026-05 (a
// month), also with 上半年/下半年 for H1/H2. The end is the first instant
// after the period, midnight UTC: the end of 2026H1 is 2026-07-01T00:00Z.
// ok is false for any other name.
func periodEnd(name string) (end time.Time, ok bool) {
	_, end, ok = periodRange(name)
	return end, ok
}

// periodRange is [periodEnd] with the period's first instant.
func periodRange(name string) (start, end time.Time, ok bool) {
	name = strings.ToUpper(strings.TrimSpace(name))
	name = strings.NewReplacer("上半年", "H1", "下半年", "H2", "年", "").Replace(name)
	m := periodRE.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, time.Time{}, false
	}
	year, _ := strconv.Atoi(m[1])
	start, months := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), 12
	switch p := m[2]; {
	case p == "":
	case p[0] == 'H':
		start, months = start.AddDate(0, 6*int(p[1]-'1'), 0), 6
	case p[0] == 'Q':
		start, months = start.AddDate(0, 3*int(p[1]-'1'), 0), 3
	default:
		month, _ := strconv.Atoi(p)
		if month < 1 || month > 12 {
			return time.Time{}, time.Time{}, false
		}
		start, months = start.AddDate(0, month-1, 0), 1
	}
	return start, start.AddDate(0, months, 0), true
}
