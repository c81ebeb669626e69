package analysis

import (
	"testing"

	"github.com/csatkit/csat"
)

func TestActionValidate(t *testing.T) {
	ok := Action{Item: "a", Kind: Preventive, Action: "x", Owner: "o", Status: Done}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		change func(*Action)
		want   error
	}{
		{"no item", func(a *Action) { a.Item = "" }, csat.ErrMissing},
		{"no owner", func(a *Action) { a.Owner = "" }, csat.ErrMissing},
		{"kind", func(a *Action) { a.Kind = 0 }, csat.ErrInvalid},
		{"status", func(a *Action) { a.Status = 9 }, csat.ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := ok
			c.change(&a)
			checkErr(t, a.Validate(), errCheck{Is: c.want})
		})
	}
}
