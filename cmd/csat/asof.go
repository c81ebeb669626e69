package main

import (
	"time"

	"github.com/csatkit/csat/io/sheet"
)

// periodEnd reads the end of a period from its name (see
// [sheet.PeriodRange]): the first instant after the period, midnight UTC;
// the end of 2026H1 is 2026-07-01T00:00Z. ok is false for a name that is
// not a period's.
func periodEnd(name string) (end time.Time, ok bool) {
	_, end, ok = sheet.PeriodRange(name)
	return end, ok
}

// periodRange is [sheet.PeriodRange].
func periodRange(name string) (start, end time.Time, ok bool) { return sheet.PeriodRange(name) }
