package sheet

import (
	"strings"
	"testing"

	"github.com/csatkit/csat/form"
)

// TestFormsHook: Options.Forms is given every counted form, in both
// layouts, with its period, and the statistics count the same forms.
func TestFormsHook(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"wide", "form_id,period,品质,交货\nF1,2026H1,很满意,满意\nF2,2026H1,满意,\nF3,2026H2,不满意,满意\n"},
		{"long", "form_id,period,item,level\nF1,2026H1,品质,很满意\nF1,2026H1,交货,满意\nF2,2026H1,品质,满意\nF3,2026H2,品质,不满意\nF3,2026H2,交货,满意\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			opts := &Options{Forms: func(period string, f form.Form) {
				got = append(got, period+"/"+f.ID+"/"+f.Answers["品质"])
			}}
			surveys, _, err := ReadSurveyFrom(strings.NewReader(tc.text), "a.csv", opts)
			if err != nil {
				t.Fatal(err)
			}
			want := "2026H1/F1/很满意 2026H1/F2/满意 2026H2/F3/不满意"
			if strings.Join(got, " ") != want {
				t.Errorf("forms given %q, want %q", strings.Join(got, " "), want)
			}
			var n uint64
			for _, s := range surveys {
				n += s.Forms.Forms("survey")
			}
			if n != uint64(len(got)) {
				t.Errorf("statistics count %d forms, hook given %d", n, len(got))
			}
		})
	}
}
