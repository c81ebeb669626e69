package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// needChrome skips a test that prints with a browser under -short, and
// without a browser unless CSAT_REQUIRE_CHROME=1 (as in CI, which
// installs Chromium): then a missing browser fails it.
func needChrome(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no PDF printed with a browser")
	}
	if _, err := findChrome(); err != nil {
		if os.Getenv("CSAT_REQUIRE_CHROME") == "1" {
			t.Fatalf("CSAT_REQUIRE_CHROME=1 but %v", err)
		}
		t.Skipf("no browser to print with: %v", err)
	}
}

// The phrases of the test page, in Chinese and English.
const (
	phraseZH = "客户满意度检查分析报告"
	phraseEN = "Customer Satisfaction Analysis Report"
)

// testPage is a small page in the report's manner: an A4 @page rule with
// margins, a print style, a coloured background, both phrases, and a
// chart box that a script draws after a moment, as the report's do.
const testPage = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>test</title>
<style>
@page { size: A4; margin: 16mm 18mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; }
.band { background: #1f4e79; color: #fff; padding: 4mm; }
@media print { .screen-only { display: none; } }
</style></head>
<body>
<h1 class="band">` + phraseZH + `</h1>
<p>` + phraseEN + `</p>
<p class="screen-only">not printed</p>
<div class="chart" style="height: 100px"></div>
<script>
setTimeout(() => {
  document.querySelector('.chart').innerHTML = '<svg width="200" height="100"><rect width="200" height="100" fill="#c00"/></svg>';
}, 300);
</script>
</body></html>`

// A page prints to an A4 PDF: a PDF file with a page of 595 × 842
// points (210 × 297 mm), the glyphs of both phrases in its fonts, its
// background colours and its chart, only what the print style shows,
// no header or footer of the browser's, and nothing left beside it but
// the PDF.
func TestPrintPDF(t *testing.T) {
	needChrome(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	if err := printPDF(ctx, []byte(testPage), out); err != nil {
		t.Fatal(err)
	}
	t.Logf("printed in %v", time.Since(start).Round(time.Millisecond))
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[max(0, len(pdf)-64):], []byte("%%EOF")) {
		t.Fatalf("%s is not a whole PDF: %q…", out, pdf[:min(len(pdf), 16)])
	}
	if pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1)); pages != 1 {
		t.Errorf("%d pages, want 1", pages)
	}
	checkA4(t, pdf)
	// The band's background #1f4e79 (31, 78, 121 of 255) is printed, and
	// the chart drawn 300 ms after loading, #c00 (204 of 255), too: the
	// print waited for it.
	fills := fillsOf(pdf)
	for _, want := range []string{".1216 .3059 .4745", ".8 0 0"} {
		if !fills[want] {
			t.Errorf("no fill of colour %s in the PDF (fills %v)", want, fills)
		}
	}
	mapped := unicodeOf(t, pdf)
	for _, r := range phraseZH + strings.ReplaceAll(phraseEN, " ", "") {
		if !mapped[r] && !mapped[glyphTwin[r]] {
			t.Errorf("the PDF's fonts do not map any glyph to %q: the phrases are not printed as text", r)
		}
	}
	// The print style hides "not printed" (its d is in neither phrase),
	// and the browser's own header and footer (date, title, address, page
	// number) are off: no digit is printed.
	if mapped['d'] {
		t.Error("the PDF prints a d: the page's print style was not followed")
	}
	for r := '0'; r <= '9'; r++ {
		if mapped[r] {
			t.Errorf("the PDF prints the digit %c: the browser's header or footer is on", r)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the output's directory holds %q, want only report.pdf", names)
	}
}

// fillsOf returns the fill colours (r g b rg) of the PDF's compressed
// content streams, as written: ".8 0 0".
func fillsOf(pdf []byte) map[string]bool {
	fills := map[string]bool{}
	rg := regexp.MustCompile(`([0-9.]+ [0-9.]+ [0-9.]+) rg\b`)
	for _, s := range regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(s[1]))
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(zr)
		for _, m := range rg.FindAllSubmatch(data, -1) {
			fills[string(m[1])] = true
		}
	}
	return fills
}

// glyphTwin names the character a font's glyph may be mapped to in
// place of the one printed: Noto CJK SC draws 户 (U+6237) and the Kangxi
// radical ⼾ (U+2F3E) with one glyph, and Chromium maps it to ⼾.
var glyphTwin = map[rune]rune{'户': '⼾'}

// checkA4 checks the PDF's page boxes are A4 in portrait, 595.28 ×
// 841.89 points, within two points.
func checkA4(t *testing.T, pdf []byte) {
	t.Helper()
	boxes := regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`).FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 {
		t.Fatal("the PDF has no page box")
	}
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(string(b[1]), 64)
		h, _ := strconv.ParseFloat(string(b[2]), 64)
		if w < 593 || w > 598 || h < 840 || h > 844 {
			t.Errorf("a page of %s × %s points, want A4 (595 × 842)", b[1], b[2])
		}
	}
}

// unicodeOf returns the characters the PDF's fonts map glyphs to (their
// ToUnicode maps, bfchar and bfrange), read from its compressed
// streams.
func unicodeOf(t *testing.T, pdf []byte) map[rune]bool {
	t.Helper()
	mapped := map[rune]bool{}
	streams := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(pdf, -1)
	pair := regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	// A range's destination is a string or an array of strings; an
	// array is not read (m[3] empty).
	triple := regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[[^\]]*\])`)
	for _, s := range streams {
		zr, err := zlib.NewReader(bytes.NewReader(s[1]))
		if err != nil {
			continue // not a compressed stream
		}
		data, err := io.ReadAll(zr)
		if err != nil && len(data) == 0 {
			continue
		}
		text := string(data)
		if !strings.Contains(text, "beginbfchar") && !strings.Contains(text, "beginbfrange") {
			continue
		}
		for _, block := range regexp.MustCompile(`(?s)begin(bfchar|bfrange)(.*?)end(?:bfchar|bfrange)`).FindAllStringSubmatch(text, -1) {
			if block[1] == "bfchar" {
				for _, m := range pair.FindAllStringSubmatch(block[2], -1) {
					addUTF16(mapped, m[2], 0)
				}
				continue
			}
			for _, m := range triple.FindAllStringSubmatch(block[2], -1) {
				lo, _ := strconv.ParseUint(m[1], 16, 32)
				hi, _ := strconv.ParseUint(m[2], 16, 32)
				if m[3] != "" && hi >= lo && hi-lo < 1<<16 {
					addUTF16(mapped, m[3], int(hi-lo))
				}
			}
		}
	}
	if len(mapped) == 0 {
		t.Fatal("the PDF has no ToUnicode map: no text in it")
	}
	return mapped
}

// addUTF16 records the character of the UTF-16BE hex string h, and the
// next n after it (a bfrange).
func addUTF16(mapped map[rune]bool, h string, n int) {
	if len(h) != 4 { // a pair of surrogates or a ligature: not needed here
		return
	}
	v, err := strconv.ParseUint(h, 16, 16)
	if err != nil {
		return
	}
	for i := 0; i <= n; i++ {
		mapped[rune(v)+rune(i)] = true
	}
}

// hideChrome points PATH, CSAT_CHROME and CHROME_PATH (and, on Windows,
// the program folders) at an empty directory, so that no browser is
// found; on macOS, where Chrome's place is fixed, it skips the test
// when a browser is installed there.
func hideChrome(t *testing.T) {
	t.Helper()
	empty := t.TempDir()
	for _, env := range []string{"PATH", "ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
		t.Setenv(env, empty)
	}
	t.Setenv("CSAT_CHROME", "")
	t.Setenv("CHROME_PATH", "")
	if runtime.GOOS == "darwin" {
		for _, p := range pdfChromePlaces() {
			if _, err := os.Stat(p); err == nil {
				t.Skipf("%s is installed", p)
			}
		}
	}
}

// Without a browser, printPDF fails with errNoChrome, whose message
// tells what to do, and writes nothing; a browser named in CSAT_CHROME
// or CHROME_PATH that is not there is the same error, naming the
// setting.
func TestPrintPDFNoChrome(t *testing.T) {
	for _, tc := range []struct {
		env, value string
		words      []string
	}{
		{"", "", []string{"Chromium or Google Chrome", "install", "open it in a browser and print it to PDF", "chromium-browser"}},
		{"CSAT_CHROME", "/nowhere/chrome", []string{"CSAT_CHROME is set to /nowhere/chrome", "install"}},
		{"CHROME_PATH", "no-such-chrome", []string{"CHROME_PATH is set to no-such-chrome", "install"}},
	} {
		t.Run(tc.env, func(t *testing.T) {
			hideChrome(t)
			if tc.env != "" {
				t.Setenv(tc.env, tc.value)
			}
			dir := t.TempDir()
			out := filepath.Join(dir, "report.pdf")
			err := printPDF(context.Background(), []byte(testPage), out)
			if !errors.Is(err, errNoChrome) {
				t.Fatalf("got %v, want an error wrapping errNoChrome", err)
			}
			for _, w := range tc.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the message %q does not say %q", err, w)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%d files written", len(entries))
			}
		})
	}
}

// writePDFFile replaces a file in place, leaving nothing beside it, and
// into a missing directory fails without leaving anything.
func TestWritePDFFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")
	for _, content := range []string{"%PDF-first", "%PDF-second"} {
		if err := writePDFFile(out, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(out)
		if err != nil || string(got) != content {
			t.Fatalf("read %q, %v; want %q", got, err, content)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want the PDF only", len(entries))
	}
	missing := filepath.Join(dir, "missing", "report.pdf")
	if err := writePDFFile(missing, []byte("%PDF-")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("into a missing directory: %v, want an error wrapping os.ErrNotExist", err)
	}
}
