package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCustomersStatusOnly: a customer with a status and nothing to score
// (a row for the churn analysis) is listed, not refused, by csat
// customers; customers with only such rows are a usage error.
func TestCustomersStatusOnly(t *testing.T) {
	dir := t.TempDir()
	sample, err := os.ReadFile("../../testdata/sample/customers.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "customers.csv"), append(sample, "C99,,,,,流失,\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "customers", dir)
	if code != exitOK || !strings.Contains(errs, "只有状态、不计分的客户（用于流失分析）: C99 lost") || !strings.Contains(out, "C01") || strings.Contains(out, "C99") {
		t.Errorf("exit %d, stdout %q, stderr %q; want C01 scored and C99 listed as status only", code, out, errs)
	}
	if err := os.WriteFile(filepath.Join(dir, "customers.csv"), []byte("客户,项目,问卷,走访,估计,状态,已走访\nC99,,,,,流失,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "customers", dir); code != exitUsage || !strings.Contains(errs, "1 have a status only") {
		t.Errorf("exit %d, stderr %q; want 2 and the count of status-only customers", code, errs)
	}
}
