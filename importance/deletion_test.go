package importance

import (
	"errors"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

// WithDeletion overrides the Input's deletion, and a nil method is an
// error naming what is missing.
func TestWithDeletion(t *testing.T) {
	st := withBlank(t)
	list, err := WithDeletion(Correlation{}, form.Listwise).Importance(Input{Stats: st, Deletion: form.Pairwise})
	if err != nil {
		t.Fatal(err)
	}
	pair, err := WithDeletion(Correlation{}, form.Pairwise).Importance(Input{Stats: st})
	if err != nil {
		t.Fatal(err)
	}
	// r² of 品质 with the overall question, by hand (Python fractions):
	// over forms A–E (listwise) 529/884, over A–F (pairwise) 841/1681
	r2 := func(s Set) string {
		for _, it := range s.Items {
			if it.Item == "品质" && len(it.Value.Parts()) == 1 {
				return it.Value.Parts()[0].Rat().RatString() // r², exact
			}
		}
		return ""
	}
	if list.Deletion != "listwise" || pair.Deletion != "pairwise" || list.Forms != 5 {
		t.Errorf("listwise %s over %d forms, pairwise %s: want listwise over 5 forms", list.Deletion, list.Forms, pair.Deletion)
	}
	if l, p := r2(list), r2(pair); l != "529/884" || p != "841/1681" {
		t.Errorf("r² of 品质: listwise %s, pairwise %s; want 529/884 and 841/1681", l, p)
	}
	if _, err := WithDeletion(nil, form.Pairwise).Importance(Input{Stats: st}); !errors.Is(err, csat.ErrMissing) {
		t.Errorf("nil method: %v, want ErrMissing", err)
	}
}

// withBlank is six forms of two items and the overall question, the
// sixth leaving 交货 blank: listwise deletion reads five forms, pairwise
// six for 品质 and the overall question.
func withBlank(t *testing.T) *form.Stats {
	t.Helper()
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range [][3]string{{"很满意", "满意", "很满意"}, {"满意", "满意", "满意"}, {"基本满意", "不满意", "不满意"}, {"满意", "很满意", "很满意"}, {"不满意", "基本满意", "基本满意"}, {"很满意", "", "满意"}} {
		if err := st.Add(form.Form{ID: string(rune('A' + i)), Answers: map[string]string{"品质": r[0], "交货": r[1]}, Overall: r[2]}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}
