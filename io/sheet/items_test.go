package sheet

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreItems leaves Summary.Items out of the summaries' comparisons
// that predate it: TestSummaryItems checks it.
var ignoreItems = cmpopts.IgnoreFields(Summary{}, "Items")

// TestSummaryItems checks the questionnaire order a read reports: the
// item columns left to right (wide), the items as they first appear
// (long), neither in character-code order.
func TestSummaryItems(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"wide", "表单编号,外观,交货期,品质\n1,满意,,很满意\n2,基本满意,满意,满意\n", []string{"外观", "交货期", "品质"}},
		{"long", "item,level,count\n品质,满意,2\n外观,满意,1\n品质,基本满意,1\n交货期,满意,3\n", []string{"品质", "外观", "交货期"}},
	} {
		_, sum, err := ReadSurveyFrom(strings.NewReader(c.src), c.name+".csv", nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(sum.Items, c.want) {
			t.Errorf("%s: Items = %q, want %q", c.name, sum.Items, c.want)
		}
	}
}
