package htmlreport

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat/analysis"
)

// TestEChartsPinned checks the embedded chart library against the
// SHA-256 of dist/echarts.min.js in the npm package echarts@6.1.0
// (b66b25ae…, computed from the package whose tarball matches the
// registry's integrity sha512-q0yaFPgg…), and that it can sit inside a
// <script> element unchanged.
func TestEChartsPinned(t *testing.T) {
	sum := sha256.Sum256([]byte(echartsJS))
	if got := hex.EncodeToString(sum[:]); got != echartsSHA256 {
		t.Errorf("assets/echarts.min.js has SHA-256 %s, want the pinned %s", got, echartsSHA256)
	}
	if echartsSHA256 != "b66b25aeb4df84e33199dc21694014d336d222cbd9deb0e5a7c14bd6aa0d0fd0" {
		t.Errorf("the pinned hash changed to %s", echartsSHA256)
	}
	if !strings.Contains(echartsJS, `.version="`+echartsVersion+`"`) {
		t.Errorf("assets/echarts.min.js is not version %s", echartsVersion)
	}
	low := strings.ToLower(echartsJS + pageJS)
	for _, bad := range []string{"</script", "<!--"} {
		if strings.Contains(low, bad) {
			t.Errorf("an inlined script contains %q, which would end or corrupt its <script> element", bad)
		}
	}
	if len(echartsJS) < 1_000_000 {
		t.Errorf("assets/echarts.min.js is %d bytes: not the full build", len(echartsJS))
	}
}

// TestLicenceComment checks that the licence texts travel with the
// library: whole, inside a JavaScript comment they cannot end early.
func TestLicenceComment(t *testing.T) {
	for name, text := range map[string]string{"LICENSE": echartsLicense, "NOTICE": echartsNotice, "LICENSE-d3": echartsLicenseD3} {
		if strings.Contains(text, "*/") {
			t.Errorf("%s contains */, which would end the licence comment", name)
		}
	}
	for _, want := range []string{"Apache License", "Version 2.0, January 2004", "The Apache Software Foundation", "Copyright 2010-2016 Mike Bostock"} {
		if !strings.Contains(echartsLicense+echartsNotice+echartsLicenseD3, want) {
			t.Errorf("the licence texts lack %q", want)
		}
	}
}

// TestWordsComplete checks that every word the template and the code
// ask for exists, in both languages.
func TestWordsComplete(t *testing.T) {
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.L\.(\w+)`).FindAllStringSubmatch(pageTemplate, -1) {
		used[m[1]] = true
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\bt\("(\w+)"\)`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f) //nolint:gosec // G304: the package's own files
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d words in use: the scan is broken", len(used))
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range used {
			if !yield(k) {
				return
			}
		}
	}) {
		w, ok := words[k]
		if !ok {
			t.Errorf("word %q is used but not defined", k)
			continue
		}
		if w[langZH] == "" || w[langEN] == "" {
			t.Errorf("word %q lacks a language: %q", k, w)
		}
	}
	// Words looked up by a computed key ("against_" + TargetFigure.Against).
	used["against_overall"], used["against_survey"] = true, true
	for _, k := range namedKeys() { // and by lang.named
		used[k] = true
	}
	for k := range words {
		if !used[k] {
			t.Errorf("word %q is defined but never used", k)
		}
	}
}

func TestRamp(t *testing.T) {
	if got := ramp([]string{"a", "b"}, 3); !slices.Equal(got, []string{"a", "b", "b"}) {
		t.Errorf("ramp of 3 from 2 colours = %q", got)
	}
	if got := ramp(blues, 0); len(got) != 0 {
		t.Errorf("ramp of 0 = %q", got)
	}
}

// Every code named through lang.named has its word in both languages:
// the enums' names, the built-in importance methods and the signals.
func TestNamedComplete(t *testing.T) {
	for _, k := range namedKeys() {
		if w, ok := words[k]; !ok || w[langZH] == "" || w[langEN] == "" {
			t.Errorf("word %q: %q, defined %v", k, w, ok)
		}
	}
	if got := langEN.named("method_", "random_forest", "random_forest"); got != "random_forest" {
		t.Errorf("a user's own method is named %q, want its own name", got)
	}
}

// namedKeys are the words looked up through lang.named: every code of
// the enums and names it is given.
func namedKeys() []string {
	var keys []string
	for _, m := range []string{"stated", "correlation", "shapley", "relative_weights"} {
		keys = append(keys, "method_"+m, "imp_"+m)
	}
	for _, c := range []analysis.CutRule{analysis.CutMean, analysis.CutMedian, analysis.CutGiven} {
		keys = append(keys, "cut_"+c.String())
	}
	for _, k := range []analysis.BenchmarkKind{analysis.IndustryAverage, analysis.IndustryLeader, analysis.WorldLeader} {
		keys = append(keys, k.String())
	}
	for _, s := range []string{"above", "below", "run_above", "run_below"} {
		keys = append(keys, "sig_"+s)
	}
	return keys
}
