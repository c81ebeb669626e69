package main

import (
	"testing"
	"time"
)

func TestPeriodEnd(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for name, want := range map[string]time.Time{
		"2026":       day(2027, 1, 1),
		"2026H1":     day(2026, 7, 1),
		"2026-H2":    day(2027, 1, 1),
		"2026q3":     day(2026, 10, 1),
		"2026Q4":     day(2027, 1, 1),
		"2026-05":    day(2026, 6, 1),
		"2026-12":    day(2027, 1, 1),
		"2026-1":     day(2026, 2, 1),
		"2026-9":     day(2026, 10, 1),
		"2026-02-28": day(2026, 3, 1),
		"2026年上半年":   day(2026, 7, 1),
		"2026年下半年":   day(2027, 1, 1),
	} {
		got, ok := periodEnd(name)
		if !ok || !got.Equal(want) {
			t.Errorf("periodEnd(%q) = %v %t, want %v", name, got, ok, want)
		}
	}
	for _, bad := range []string{"", "current", "2026H3", "2026Q5", "2026-13", "2026-00", "26H1", "2026-02-29", "2026-1-0"} {
		if got, ok := periodEnd(bad); ok {
			t.Errorf("periodEnd(%q) = %v, want not ok", bad, got)
		}
	}
}
