package form

import "github.com/csatkit/csat"

// AllOnForms reports whether every answer of t in the statistics'
// sources is on a form: t holds, for each of those sources, exactly the
// forms' answers (blanks are no answers). It is the test for building a
// report with both t and s (analysis.Input.Forms): when a source of
// the forms also has answers on no form (rows without a form id), the
// forms are not the survey, and a breakdown by customer group would
// leave answers out. Answers of other sources on no form (a
// self-assessment beside survey forms) do not matter. A nil t is no
// answer: true.
func (s *Stats) AllOnForms(t *csat.Table) bool {
	if t == nil {
		return true
	}
	items := map[string]bool{}
	for _, it := range s.Items() {
		items[it] = true
	}
	for _, it := range t.Items() {
		items[it] = true
	}
	for _, src := range s.Sources() {
		for it := range items {
			want := s.Tally(it, src).Counts()
			var got []uint64
			if tt, err := t.Tally(it, src); err == nil {
				got = tt.Counts()
			}
			if !countsEqual(got, want) {
				return false
			}
		}
	}
	return true
}

// countsEqual reports whether two tallies' counts are equal, a missing
// tally (nil) being all zeros.
func countsEqual(a, b []uint64) bool {
	for i := range max(len(a), len(b)) {
		var x, y uint64
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return false
		}
	}
	return true
}
