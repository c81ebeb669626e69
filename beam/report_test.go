package csatbeam

import (
	"errors"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/util/reflectx"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

func TestReportPath(t *testing.T) {
	tests := []struct {
		key  Key
		want string
	}{
		{Key{"acme", "2025Q1"}, "out/acme/2025Q1.json"},
		{Key{"公司甲", "2025 上半年"}, "out/公司甲/2025 上半年.json"},
		{Key{"a/b", "../x"}, "out/a%2Fb/%2E.%2Fx.json"},
		{Key{"50%", `c:\d`}, "out/50%25/c%3A%5Cd.json"},
		{Key{"a\nb", "q?*"}, "out/a%0Ab/q%3F%2A.json"},
		{Key{".", ".."}, "out/%2E/%2E..json"},
	}
	for _, tt := range tests {
		if got := ReportPath("out/", tt.key); got != tt.want {
			t.Errorf("ReportPath(%+v) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// The report function resolves a registered InputFunc by name, and an
// unregistered name is an error at setup, not a silent default.
func TestReportFnInput(t *testing.T) {
	fn := &reportFn{Input: reflectx.FunctionName(companyInput)}
	if err := fn.Setup(); err != nil {
		t.Fatal(err)
	}
	tb := csat.NewTable(csat.FivePoint())
	if err := tb.AddN("功能", csat.SourceSurvey, 0, 3); err != nil {
		t.Fatal(err)
	}
	got, err := fn.report("acme", tb, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Build(analysis.Input{Period: "2025 acme", Table: tb, Headlines: []analysis.Headline{{Scorer: csat.Rate{}}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := mustJSON(t, rep); string(got) != want {
		t.Errorf("report %s, want %s", got, want)
	}

	bad := &reportFn{Input: "example.com/nowhere.fn"}
	if err := bad.Setup(); !errors.Is(err, csat.ErrMissing) {
		t.Errorf("unregistered input function: %v, want ErrMissing", err)
	}
	if _, err := (&reportFn{}).report(42, tb, nil); !errors.Is(err, csat.ErrMissing) {
		t.Errorf("an int key without an InputFunc: %v, want ErrMissing", err)
	}
}
