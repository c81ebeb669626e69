package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dataDir returns a copy of the sample data directory, which a test may
// write into.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		b, err := os.ReadFile(filepath.Join(sample, en.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, en.Name()), string(b))
	}
	return dir
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// runEnv runs the command line in e (its streams replaced by buffers)
// and returns its exit code and outputs.
func runEnv(e env, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e.stdin, e.stderr = strings.NewReader(""), &errb
	if e.stdout == nil {
		e.stdout = &out
	}
	code := run(&e, args)
	return code, out.String(), errb.String()
}

// failingWriter fails every write, as a closed pipe or a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// readOnlyTemp creates the temporary file of an output, then reopens it
// read only, so that every write to it fails with the system's error.
func readOnlyTemp(dir, pattern string) (*os.File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		return nil, err
	}
	return os.Open(name) //nolint:gosec // the test's own temporary file
}

// An exit-code row: the command line (built in a fresh copy of the
// sample directory), the environment, the code and a substring of
// stderr naming the file or flag.
type exitRow struct {
	name string
	args func(dir string) []string
	e    env
	code int
	msg  string
}

func in(dir string, args ...string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = strings.ReplaceAll(a, "DIR", dir)
	}
	return out
}

// exitRows covers every class of exit code (the package doc's table).
var exitRows = []exitRow{
	{"ok/score", func(d string) []string { return in(d, "score", "DIR") }, env{}, exitOK, "answers.csv: 97"},
	{"ok/report", func(d string) []string { return in(d, "report", "-o", "DIR/r.html", "DIR") }, env{}, exitOK, "wrote"},
	{"ok/help", func(string) []string { return []string{"score", "-h"} }, env{}, exitOK, "Example:"},
	{"data/bad-level", func(d string) []string {
		writeFileQuiet(d+"/answers.csv", "item,source,level\n功能,survey,很满意\n功能,survey,great\n")
		return in(d, "score", "DIR")
	}, env{}, exitData, "answers.csv 第 3 行 C 列（“level”）：项目“功能”的“great”不是量表的等级；可填：很满意、满意、基本满意、不满意、很不满意"},
	// The reason keeps no word for the duplicate (the library's "duplicate"
	// is cut) and stays in English after the Chinese place.
	{"data/targets-duplicate-year", func(d string) []string {
		writeFileQuiet(d+"/targets.csv", "year,degree,rate\n2024,75%,82%\n2024,76%,83%\n")
		return in(d, "score", "DIR")
	}, env{}, exitData, `targets.csv 第 3 行 A 列：year "2024" on line 2 and line 3`},
	{"usage/no-command", func(string) []string { return nil }, env{}, exitUsage, ""},
	{"usage/unknown-command", func(string) []string { return []string{"scroe"} }, env{}, exitUsage, `unknown command "scroe"`},
	{"usage/unknown-flag", func(d string) []string { return in(d, "score", "-bogus", "DIR") }, env{}, exitUsage, "-bogus"},
	{"usage/two-arguments", func(d string) []string { return in(d, "score", "DIR", "DIR") }, env{}, exitUsage, "2 arguments"},
	{"usage/bad-lang", func(d string) []string { return in(d, "score", "-lang", "fr", "DIR") }, env{}, exitUsage, "--lang 的值“fr”不可用；可用：zh 或 en"},
	{"usage/missing-argument-file", func(d string) []string { return in(d, "score", "DIR/nope.csv") }, env{}, exitUsage, "nope.csv"},
	{"usage/missing-answers-flag", func(d string) []string { return in(d, "score", "-answers", "DIR/nope.csv") }, env{}, exitUsage, "找不到文件 DIR/nope.csv（--answers）"},
	{"usage/missing-targets-flag", func(d string) []string { return in(d, "score", "-targets", "DIR/nope.csv", "DIR") }, env{}, exitUsage, "找不到文件 DIR/nope.csv（--targets）"},
	{"usage/answers-flag-directory", func(d string) []string { return in(d, "score", "-answers", "DIR") }, env{}, exitUsage, "DIR（--answers）：是目录，这里要给一个文件"},
	{"usage/actions-flag-directory", func(d string) []string { return in(d, "score", "-actions", "DIR", "DIR") }, env{}, exitUsage, "DIR（--actions）：是目录，这里要给一个文件"},
	{"usage/period-not-in-data", func(d string) []string { return in(d, "score", "-period", "2099H1", "DIR") }, env{}, exitUsage, "DIR/answers.csv 中没有期间“2099H1”；它的期间有：2025H2、2026H1。请用 --period 指定其中之一"},
	{"usage/sheet-not-in-workbook", func(d string) []string {
		copyFileQuiet("../../io/sheet/testdata/values.xlsx", d+"/v.xlsx")
		return in(d, "segment", "-sheet", "Nope", "-values", "DIR/v.xlsx")
	}, env{}, exitUsage, "工作簿 DIR/v.xlsx 中没有工作表“Nope”；它的工作表有：“Sheet1”、“说明”。请用 --sheet 指定其中之一"},
	{"usage/as-of", func(d string) []string { return in(d, "score", "-as-of", "0001-01-01", "DIR") }, env{}, exitUsage, "-as-of 0001-01-01 is not within the years 1900–2199"},
	{"usage/plan-margin-0", func(string) []string { return []string{"plan", "-margin", "0"} }, env{}, exitUsage, "-margin 0: want a value within (0, 1)"},
	{"usage/plan-margin-2", func(string) []string { return []string{"plan", "-margin", "2"} }, env{}, exitUsage, "margin 2 outside (0, 1)"},
	{"usage/segment-role-unknown", func(d string) []string {
		writeFileQuiet(d+"/mine.csv", "customer,score\nA,5\n")
		return in(d, "segment", "DIR/mine.csv")
	}, env{}, exitUsage, "give -values DIR/mine.csv or -purchases DIR/mine.csv"},
	{"output/exists", func(d string) []string { return in(d, "report", "-o", "DIR/values.csv", "-answers", "DIR/answers.csv") }, env{}, exitOutput, "DIR/values.csv（-o）已存在：用 --force 替换它，或换一个文件名"},
	{"output/is-input", func(d string) []string { return in(d, "report", "-force", "-o", "DIR/answers.csv", "DIR") }, env{}, exitOutput, "DIR/answers.csv（-o）是输入文件 DIR/answers.csv：输出从不替换输入"},
	{"output/is-directory", func(d string) []string { return in(d, "report", "-force", "-o", "DIR", "DIR") }, env{}, exitOutput, "DIR（-o）是目录：请给出文件名"},
	{"output/no-such-directory", func(d string) []string { return in(d, "report", "-o", "DIR/no/r.html", "DIR") }, env{}, exitOutput, "无法写入 DIR/no/r.html（-o）：目录 DIR/no 不存在"},
	{"output/write-fails", func(d string) []string { return in(d, "report", "-o", "DIR/r.html", "DIR") }, env{createTemp: readOnlyTemp}, exitOutput, "-o DIR/r.html: writing"},
	{"output/stdout-fails", func(d string) []string { return in(d, "score", "DIR") }, env{stdout: failingWriter{}}, exitOutput, "standard output"},
}

// writeFileQuiet and copyFileQuiet set up a row's files; a failure shows
// as the row's unexpected exit code.
func writeFileQuiet(path, content string) { _ = os.WriteFile(path, []byte(content), 0o600) }

func copyFileQuiet(from, to string) {
	b, err := os.ReadFile(from) //nolint:gosec // the test's own data
	if err == nil {
		writeFileQuiet(to, string(b))
	}
}

// TestExitCodes runs every class of exit code through run, with stderr a
// terminal and not: the code never depends on it.
func TestExitCodes(t *testing.T) {
	for _, tc := range exitRows {
		for _, tty := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/tty=%t", tc.name, tty), func(t *testing.T) {
				dir := dataDir(t)
				e := tc.e
				e.tty = tty
				code, out, errs := runEnv(e, tc.args(dir)...)
				if code != tc.code {
					t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errs)
				}
				if want := strings.ReplaceAll(tc.msg, "DIR", dir); !strings.Contains(out+errs, want) {
					t.Errorf("output lacks %q: %q %q", want, out, errs)
				}
			})
		}
	}
}

// The exit code of an error is its class, however it is wrapped.
func TestExitCode(t *testing.T) {
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "nope"))
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{fmt.Errorf("x: %w", io.ErrUnexpectedEOF), exitData},
		{usagef("bad flag"), exitUsage},
		{fmt.Errorf("reading: %w", statErr), exitUsage},
		{outputError{statErr}, exitOutput},
		{usageError{outputError{errors.New("x")}}, exitOutput},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}
