package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat/analysis"
	"github.com/spf13/pflag"
)

// Flags may come before or after the argument, with one dash or two,
// with their value after a space or an equals sign: every spelling
// gives the same output.
func TestFlagsAnywhere(t *testing.T) {
	var first string
	for i, args := range [][]string{
		{"score", "--lang", "en", sample},
		{"score", sample, "--lang", "en"},
		{"score", sample, "-lang", "en"},
		{"score", "-lang=en", sample},
		{"score", sample, "--lang=en"},
	} {
		code, out, errs := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		if !strings.Contains(out, "overall (40% self-assessment + 60% survey): degree 78.4%") {
			t.Errorf("%q: not the English scores:\n%s", args, out)
		}
		if i == 0 {
			first = out
		} else if out != first {
			t.Errorf("%q: output differs from %q", args, [][]string{{"score", "--lang", "en", sample}})
		}
	}
}

func TestNormalise(t *testing.T) {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.String("lang", "zh", "")
	fs.Bool("json", false, "")
	fs.StringP("output", "o", "", "")
	fs.String("title", "", "")
	for _, tc := range []struct{ in, want string }{
		{"-lang en DIR", "--lang en DIR"},
		{"DIR -lang=en -json", "DIR --lang=en --json"},
		{"--lang en -json DIR", "--lang en --json DIR"},
		{"-o FILE DIR", "-o FILE DIR"},            // a shorthand stays one
		{"-title -lang DIR", "--title -lang DIR"}, // a flag's value is left as it is
		{"-o -json DIR", "-o -json DIR"},          // also a shorthand's
		{"-bogus DIR", "-bogus DIR"},              // unknown: pflag refuses it
		{"-o - DIR", "-o - DIR"},                  // standard output
		{"DIR -- -lang", "DIR -- -lang"},          // nothing after --
		{"-json=false DIR", "--json=false DIR"},   // a bool with its value
		{"-title=-x -lang en", "--title=-x --lang en"},
	} {
		got := strings.Join(normalise(fs, strings.Fields(tc.in)), " ")
		if got != tc.want {
			t.Errorf("normalise(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestHelpAndCompletion(t *testing.T) {
	for _, args := range [][]string{{"help", "score"}, {"score", "--help"}, {"score", "-help"}, {"report", "-h"}} {
		code, out, errs := runCLI(t, args...)
		if code != exitOK || !strings.Contains(out, "Usage: csat "+args[len(args)-1]) && !strings.Contains(out, "Usage: csat "+args[0]) {
			t.Errorf("%q: exit %d, %q %q", args, code, out, errs)
		}
	}
	// The report's help lists its new flags; init's its --force.
	_, out, _ := runCLI(t, "report", "--help")
	for _, f := range []string{"--places", "--date", "--org", "--title", "--prepared-by", "--reviewed-by", "--approved-by", "--order", "--pdf", "--xlsx", "-o, --output", "--period"} {
		if !strings.Contains(out, f) {
			t.Errorf("report --help lacks %s", f)
		}
	}
	if _, out, _ := runCLI(t, "init", "--help"); !strings.Contains(out, "--force") || !strings.Contains(out, "csat init mydata") {
		t.Errorf("init --help: %q", out)
	}
	if code, out, _ := runCLI(t, "--help"); code != exitOK || !strings.Contains(out, "init ") || !strings.Contains(out, "completion") {
		t.Errorf("csat --help: exit %d %q", code, out)
	}
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errs := runCLI(t, "completion", sh)
		if code != exitOK || !strings.Contains(out, "csat") || len(out) < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes, %q", sh, code, len(out), errs)
		}
	}
	// The completion of a command's flags.
	if _, out, _ := runCLI(t, "__complete", "report", "--pla"); !strings.Contains(out, "--places") {
		t.Errorf("no completion of --pla: %q", out)
	}
	if code, out, _ := runCLI(t, "--version"); code != exitOK || out != "csat devel\n" {
		t.Errorf("--version: exit %d %q", code, out)
	}
}

// Usage errors, in people's words, each printed once after "csat NAME: ".
func TestUsageMessages(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"scroe"}, exitUsage, "csat: unknown command \"scroe\"\nDid you mean score?\n"},
		{[]string{"plan", "--population", "x"}, exitUsage, "csat plan: --population 的值“x”不可用：要填一个整数\n"},
		{[]string{"plan", "-n", "ten"}, exitUsage, "csat plan: -n, --size 的值“ten”不可用：要填一个整数\n"},
		{[]string{"score", sample, "--lang"}, exitUsage, "csat score: --lang 后面缺少它的值\n"},
		{[]string{"score", "--bogus", sample}, exitUsage, "csat score: 没有 --bogus 这个选项；用 --help 查看可用的选项\n"},
		{[]string{"report", sample, "--places", "0"}, exitUsage, "csat report: --places \"0\": give the number of decimal places, 1, 2, 3 or 4\n"},
		{[]string{"report", sample, "--places", "5"}, exitUsage, "--places \"5\": give the number"},
		{[]string{"report", sample, "--places", "one"}, exitUsage, "--places \"one\": give the number"},
		{[]string{"report", sample, "--date", "2026-13-01"}, exitUsage, "csat report: --date \"2026-13-01\" is not a date YYYY-MM-DD"},
		{[]string{"report", sample, "--date", "1800-01-01"}, exitUsage, "--date 1800-01-01 is not within the years 1900–2199"},
		{[]string{"report", sample, "--order", "name"}, exitUsage, "csat report: --order \"name\": give questionnaire (the items as the answers file lists them) or score (lowest first)\n"},
		{[]string{"report", sample, "--org", "A\nB"}, exitUsage, "csat report: --org \"A\\nB\": give one line, without line breaks, tabs or control characters\n"},
		{[]string{"report", sample, "--approved-by", strings.Repeat("张", 201)}, exitUsage, "--approved-by: 201 characters, more than the 200 of a title-block line"},
		{[]string{"report", sample, "--pdf", "-"}, exitUsage, "--pdf -: give a file name (standard output takes the HTML only)"},
		{[]string{"report", sample, "-o", "r.x", "--xlsx", "r.x"}, exitUsage, "--xlsx r.x: -o writes that file already: give another name"},
		{[]string{"init"}, exitUsage, "csat init: give one directory to write the templates to, e.g. csat init mydata (got 0 arguments)\n"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.msg)
		}
		if strings.Contains(errs, "csat: csat:") || strings.Count(errs, "csat "+tc.args[0]+":") > 1 {
			t.Errorf("%q: a doubled prefix: %q", tc.args, errs)
		}
	}
}

// --period names the period of an answers file without a period column
// ("current" without it); with a period column it selects a period
// (TestScoreJSON).
func TestPeriodOfFileWithoutPeriod(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.csv")
	writeFile(t, answers, "item,source,level\n功能,survey,很满意\n功能,survey,满意\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"score", "--json", answers}, "current"},
		{[]string{"score", "--json", answers, "--period", "2026H2"}, "2026H2"},
		{[]string{"score", "--json", "-period", "2026年上半年", answers}, "2026年上半年"},
	} {
		code, out, errs := runCLI(t, tc.args...)
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", tc.args, code, errs)
		}
		var rep analysis.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Period != tc.want {
			t.Errorf("%q: period %q (%v), want %q", tc.args, rep.Period, err, tc.want)
		}
	}
	// The report's title block shows it.
	out := filepath.Join(dir, "r.html")
	if code, _, errs := runCLI(t, "report", answers, "--period", "2026H2", "-o", out); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(out); !bytes.Contains(b, []byte("2026H2")) || bytes.Contains(b, []byte(">current<")) {
		t.Errorf("report of period 2026H2 does not name it")
	}
}

// The title block's flags reach the page: the date, organisation and
// title given, and today's date by default.
func TestReportTitleBlock(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.html")
	code, _, errs := runCLI(t, "report", sample, "-o", out, "--date", "2026-07-05", "--org", "华南管业有限公司", "--title", "2026年上半年顾客满意度报告")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2026-07-05", "华南管业有限公司", "2026年上半年顾客满意度报告"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("report lacks %s", want)
		}
	}
	// Without --date, the run's date.
	e := env{now: func() time.Time { return time.Date(2031, 2, 3, 23, 59, 0, 0, time.UTC) }}
	out2 := filepath.Join(dir, "r2.html")
	if code, _, errs := runEnv(e, "report", sample, "-o", out2); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(out2); !bytes.Contains(b, []byte("2031-02-03")) {
		t.Errorf("report without --date lacks the run's date 2031-02-03")
	}
}

// reportOptions maps the flags to the options Render takes.
func TestReportOptions(t *testing.T) {
	rf := reportFlags{output: "r.html", places: "2", date: "2026-07-05", order: "score", title: "T", org: "O", preparedBy: "王工"}
	if err := rf.check(&env{}, false); err != nil {
		t.Fatal(err)
	}
	o := reportOptions(&rf, en)
	if o.Lang != "en" || o.Title != "T" || o.Organisation != "O" || !o.Generated.Equal(time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("options %+v", o)
	}
	if rf.placesN != 2 {
		t.Errorf("places %d, want 2", rf.placesN)
	}
	// The outputs: the HTML alone by default; with --pdf or --xlsx
	// those alone unless -o is given too.
	for _, tc := range []struct {
		pdf, xlsx string
		htmlGiven bool
		want      []string
	}{
		{"", "", false, []string{"-o report.html"}},
		{"r.pdf", "", false, []string{"--pdf r.pdf"}},
		{"r.pdf", "r.xlsx", false, []string{"--pdf r.pdf", "--xlsx r.xlsx"}},
		{"", "r.xlsx", true, []string{"-o report.html", "--xlsx r.xlsx"}},
	} {
		rf := reportFlags{output: "report.html", places: "1", order: "questionnaire", pdf: tc.pdf, xlsx: tc.xlsx}
		if err := rf.check(&env{}, tc.htmlGiven); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range rf.outs {
			got = append(got, o.name()+" "+o.path)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("pdf %q xlsx %q -o given %t: outputs %q, want %q", tc.pdf, tc.xlsx, tc.htmlGiven, got, tc.want)
		}
	}
}

// The command installs with go install from the repository (workspace
// mode), and the installed binary runs with its flags after the
// argument.
func TestGoInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("go install builds the command: not in -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	bin := t.TempDir()
	install := exec.Command(goBin, "install", "./cmd/csat") //nolint:gosec // the test's own build
	install.Dir = filepath.Join("..", "..")
	install.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install ./cmd/csat: %v\n%s", err, out)
	}
	csatBin := filepath.Join(bin, "csat")
	if _, err := os.Stat(csatBin); err != nil {
		csatBin += ".exe"
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"score", sample, "--lang", "en"}, "overall (40% self-assessment + 60% survey): degree 78.4%, rate 86.4%"},
		{[]string{"score", sample, "-lang", "en"}, "overall (40% self-assessment + 60% survey): degree 78.4%, rate 86.4%"},
		{[]string{"version"}, "csat "},
	} {
		cmd := exec.Command(csatBin, tc.args...) //nolint:gosec // the binary just built
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("csat %q: %v\n%s", tc.args, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), tc.want) {
			t.Errorf("csat %q: output lacks %q:\n%s", tc.args, tc.want, stdout.String())
		}
	}
}
