package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files: go test -run TestGolden -update.
// The golden files were written by the command as it stood before the v1
// API cut (issue 17, commit 14719c4), so this test pins that the cut
// changed no output byte; their figures are the hand-checked ones of
// TestScoreSample and TestReportFile.
var update = flag.Bool("update", false, "rewrite testdata/golden")

// goldenRuns are the command lines pinned byte for byte on testdata/sample.
var goldenRuns = []struct {
	name string
	args []string
}{
	{"score-zh.txt", []string{"score", sample}},
	{"score-en.txt", []string{"score", "-lang", "en", sample}},
	{"score.json", []string{"score", "-json", sample}},
	{"score-2025H2.json", []string{"score", "-json", "-period", "2025H2", sample}},
	{"customers-zh.txt", []string{"customers", sample}},
	{"customers-en.txt", []string{"customers", "-lang", "en", sample}},
	{"segment-en.txt", []string{"segment", "-lang", "en", sample}},
	{"explain-en.txt", []string{"explain", "-lang", "en", sample}},
	{"explain-zh.txt", []string{"explain", sample}},
	// The report's date (编制日期) defaults to today: the golden runs fix it.
	{"report-zh.html", []string{"report", "-date", "2026-07-01", "-o", "-", sample}},
	{"report-en.html", []string{"report", "-lang", "en", "-date", "2026-07-01", "-o", "-", sample}},
}

func TestGolden(t *testing.T) {
	for _, g := range goldenRuns {
		t.Run(g.name, func(t *testing.T) {
			args := g.args
			var out string
			if args[0] == "report" {
				// The report goes to a file; read it back.
				file := filepath.Join(t.TempDir(), "r.html")
				args = append([]string(nil), args...)
				for i, a := range args {
					if a == "-" && args[i-1] == "-o" {
						args[i] = file
					}
				}
				code, _, errs := runCLI(t, args...)
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, errs)
				}
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				out = string(b)
			} else {
				code, o, errs := runCLI(t, args...)
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, errs)
				}
				out = o
			}
			out = squeezeLongLines(out)
			path := filepath.Join("testdata", "golden", g.name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want, []byte(out)) {
				t.Errorf("%s differs from %s:\n%s", strings.Join(g.args, " "), path, firstDiff(string(want), out))
			}
		})
	}
}

// squeezeLongLines replaces each line over 20,000 bytes (the embedded
// ECharts library, pinned by its own SHA-256 test) by its length and
// SHA-256, so the golden files stay small and their diffs readable.
func squeezeLongLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if len(l) > 20000 {
			lines[i] = fmt.Sprintf("[%d bytes, sha256 %x]", len(l), sha256.Sum256([]byte(l)))
		}
	}
	return strings.Join(lines, "\n")
}

// firstDiff shows the first line where got differs from want.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			if len(w) > 300 {
				w = w[:300] + "…"
			}
			if len(g) > 300 {
				g = g[:300] + "…"
			}
			return fmt.Sprintf("line %d:\n-want %s\n+got  %s", i+1, w, g)
		}
	}
	return "(same lines)"
}
