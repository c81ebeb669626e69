package main

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/io/sheet"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A hostileCmdRow is one hostile input of the command's surface: its
// flags, outputs and own small files. The run happens in a fresh copy of
// the sample directory (DIR in args, msg and files), with stderr not a
// terminal unless e says so. Every row asserts the exit code and a
// substring of stderr naming the file or flag (and each one in
// also); a row with read also
// calls the reader its file goes to and asserts the sentinel its error
// wraps (is; nil: no error) and, with maxAlloc, the bytes it allocates;
// after asserts the file system (or the output) left.
type hostileCmdRow struct {
	name     string // "pN/what": the numbered point, or "lower/what"
	files    map[string]string
	setup    func(t *testing.T, dir string)
	args     []string
	e        env
	code     int
	msg      string
	also     []string
	read     func(dir string) error
	is       error
	maxAlloc uint64
	after    func(t *testing.T, dir, stdout, stderr string)
}

const (
	old      = "the old file, kept"
	answersH = "item,source,level\n"
)

// keeps asserts that the file name in DIR still holds want.
func keeps(name, want string) func(t *testing.T, dir, _, _ string) {
	return func(t *testing.T, dir, _, _ string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q kept", name, clipped(string(b)), err, clipped(want))
		}
		noTemp(t, dir)
	}
}

// keepsSample asserts that the sample's file name in DIR is intact.
func keepsSample(name string) func(t *testing.T, dir, _, _ string) {
	b, err := os.ReadFile(filepath.Join(sample, name))
	if err != nil {
		return func(t *testing.T, _, _, _ string) { t.Fatal(err) }
	}
	return keeps(name, string(b))
}

// noTemp asserts that no temporary output file is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if strings.Contains(en.Name(), ".tmp-") {
			t.Errorf("temporary file %s left in %s", en.Name(), dir)
		}
	}
}

// clipped returns s, cut after n bytes (60 by default).
func clipped(s string, n ...int) string {
	limit := 60
	if len(n) > 0 {
		limit = n[0]
	}
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}

// sampleFile returns the content of a sample file (for rows that start
// from it).
func sampleFile(name string) string {
	b, _ := os.ReadFile(filepath.Join(sample, name)) //nolint:gosec // the test's own data; a failure shows in the row
	return string(b)
}

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err) // a literal of the test
	}
	return b
}

func readTargetsIn(name string) func(dir string) error {
	return func(dir string) error {
		_, err := readTargets(filepath.Join(dir, name), sheet.EncodingAuto)
		return err
	}
}

func readActionsIn(dir string) error {
	_, err := readActions(filepath.Join(dir, "actions.csv"), sheet.EncodingAuto)
	return err
}

func readStrataIn(dir string) error {
	_, err := readStrata(filepath.Join(dir, "strata.csv"), sheet.EncodingAuto)
	return err
}

// bigTargets writes a targets file whose second line holds a field of n
// digits, on one line or (split) over lines of 80.
func bigTargets(n int, split bool) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		field := bytes.Repeat([]byte("7"), n)
		if split {
			var b bytes.Buffer
			for i := 0; i < n; i += 80 {
				b.Write(field[i:min(i+80, n)])
				b.WriteByte('\n')
			}
			field = append(append([]byte{'"'}, b.Bytes()...), '"')
		}
		content := append(append([]byte("year,degree,rate\n2024,"), field...), ",80%\n"...)
		if err := os.WriteFile(filepath.Join(dir, "targets.csv"), content, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// succeeds asserts that stdout holds want.
func succeeds(want string) func(t *testing.T, dir, stdout, stderr string) {
	return func(t *testing.T, _, stdout, _ string) {
		t.Helper()
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, clipped(stdout))
		}
	}
}

var hostileCmdRows = []hostileCmdRow{
	// 5. Outputs never destroy inputs.
	{name: "p5/existing-output-refused", files: map[string]string{"r.html": old},
		args: []string{"report", "-o", "DIR/r.html", "DIR"}, code: exitOutput, msg: "DIR/r.html（-o）已存在：用 --force 替换它，或换一个文件名",
		after: keeps("r.html", old)},
	{name: "p5/existing-default-output-refused", files: map[string]string{"report.html": old},
		setup: func(t *testing.T, dir string) { t.Chdir(dir) },
		args:  []string{"report", "."}, code: exitOutput, msg: "report.html（-o）已存在：用 --force 替换它，或换一个文件名",
		after: keeps("report.html", old)},
	{name: "p5/force-replaces", files: map[string]string{"r.html": old},
		args: []string{"report", "-force", "-o", "DIR/r.html", "DIR"}, code: exitOK, msg: "wrote DIR/r.html",
		after: func(t *testing.T, dir, _, _ string) {
			b, err := os.ReadFile(filepath.Join(dir, "r.html"))
			if err != nil || !bytes.Contains(b, []byte("2026H1")) || bytes.Contains(b, []byte(old)) {
				t.Errorf("r.html not replaced by the report: %v %q", err, clipped(string(b)))
			}
			noTemp(t, dir)
		}},
	{name: "p5/double-dash-force-replaces", files: map[string]string{"r.html": old},
		args: []string{"report", "--force", "-o", "DIR/r.html", "DIR"}, code: exitOK, msg: "wrote DIR/r.html"},
	{name: "p5/output-is-implicit-input", args: []string{"report", "-force", "-o", "DIR/answers.csv", "DIR"},
		code: exitOutput, msg: "DIR/answers.csv（-o）是输入文件 DIR/answers.csv：输出从不替换输入", after: keepsSample("answers.csv")},
	{name: "p5/output-is-implicit-targets", args: []string{"report", "-force", "-o", "DIR/targets.csv", "DIR"},
		code: exitOutput, msg: "是输入文件 DIR/targets.csv：输出从不替换输入", after: keepsSample("targets.csv")},
	{name: "p5/output-is-input-spelled-otherwise", args: []string{"report", "-force", "-o", "DIR/../data/./answers.csv", "-answers", "DIR/answers.csv"},
		code: exitOutput, msg: "是输入文件 DIR/answers.csv：输出从不替换输入", after: keepsSample("answers.csv")},
	{name: "p5/output-is-input-through-a-link",
		setup: func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(dir, "answers.csv"), filepath.Join(dir, "link.csv")); err != nil {
				t.Skip("no symbolic links:", err)
			}
		},
		args: []string{"report", "-force", "-o", "DIR/link.csv", "DIR"}, code: exitOutput, msg: "DIR/link.csv（-o）是输入文件 DIR/answers.csv：输出从不替换输入",
		after: keepsSample("answers.csv")},
	{name: "p5/output-is-a-directory", setup: func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "out")) },
		args: []string{"report", "-force", "-o", "DIR/out", "DIR"}, code: exitOutput, msg: "DIR/out（-o）是目录：请给出文件名",
		after: func(t *testing.T, dir, _, _ string) {
			if st, err := os.Stat(filepath.Join(dir, "out")); err != nil || !st.IsDir() {
				t.Errorf("out is no longer a directory: %v", err)
			}
		}},
	{name: "p5/output-is-not-a-regular-file", setup: func(t *testing.T, dir string) {
		l, err := net.Listen("unix", filepath.Join(dir, "s.html")) // a socket: a file that is not a regular one, as /dev/null is
		if err != nil {
			t.Skip("no unix sockets:", err)
		}
		t.Cleanup(func() { _ = l.Close() })
	}, args: []string{"report", "-force", "-o", "DIR/s.html", "DIR"}, code: exitOutput, msg: "DIR/s.html（-o）不是普通文件（设备或管道）",
		after: func(t *testing.T, dir, _, _ string) {
			if st, err := os.Stat(filepath.Join(dir, "s.html")); err != nil || st.Mode().IsRegular() {
				t.Errorf("the socket was replaced: %v", err)
			}
		}},
	{name: "p5/output-in-no-directory", args: []string{"report", "-o", "DIR/no/r.html", "DIR"}, code: exitOutput, msg: "无法写入 DIR/no/r.html（-o）：目录 DIR/no 不存在",
		after: func(t *testing.T, dir, _, _ string) {
			if _, err := os.Stat(filepath.Join(dir, "no")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("DIR/no: %v, want none", err)
			}
		}},
	{name: "p5/failed-write-keeps-old-file", files: map[string]string{"r.html": old}, e: env{createTemp: readOnlyTemp},
		args: []string{"report", "-force", "-o", "DIR/r.html", "DIR"}, code: exitOutput, msg: "-o DIR/r.html: writing",
		after: keeps("r.html", old)},
	{name: "p5/failed-write-leaves-nothing", e: env{createTemp: readOnlyTemp},
		args: []string{"report", "-o", "DIR/r.html", "DIR"}, code: exitOutput, msg: "-o DIR/r.html: writing",
		after: func(t *testing.T, dir, _, _ string) {
			if _, err := os.Stat(filepath.Join(dir, "r.html")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("r.html: %v, want none", err)
			}
			noTemp(t, dir)
		}},
	{name: "p5/stdout-write-fails", e: env{stdout: failingWriter{}}, args: []string{"score", "DIR"}, code: exitOutput, msg: "standard output"},

	// 6. Exit codes as documented, whatever stderr is.
	{name: "p6/missing-answers-by-flag-pipe", args: []string{"score", "-answers", "DIR/nope.csv"}, code: exitUsage, msg: "找不到文件 DIR/nope.csv（--answers）"},
	{name: "p6/missing-answers-by-flag-tty", e: env{tty: true}, args: []string{"score", "-answers", "DIR/nope.csv"}, code: exitUsage, msg: "找不到文件 DIR/nope.csv（--answers）"},
	{name: "p6/missing-complaints-by-flag", args: []string{"customers", "-complaints", "DIR/nope.csv", "DIR"}, code: exitUsage, msg: "找不到文件 DIR/nope.csv（--complaints）"},
	{name: "p6/missing-strata-by-flag", args: []string{"plan", "-strata", "DIR/nope.csv"}, code: exitUsage, msg: "找不到文件 DIR/nope.csv"},
	{name: "p6/directory-as-answers-file", args: []string{"score", "-answers", "DIR"}, code: exitUsage, msg: "DIR（--answers）：是目录，这里要给一个文件"},
	{name: "p6/directory-as-targets-file", args: []string{"score", "-targets", "DIR", "DIR"}, code: exitUsage, msg: "DIR（--targets）：是目录，这里要给一个文件"},
	{name: "p6/directory-as-found-file", setup: func(t *testing.T, dir string) {
		if err := os.Remove(filepath.Join(dir, "values.csv")); err != nil {
			t.Fatal(err)
		}
		mkdir(t, filepath.Join(dir, "values.csv"))
	}, args: []string{"segment", "DIR"}, code: exitUsage, msg: "DIR/values.csv（--values）：是目录，这里要给一个文件"},
	{name: "p6/period-not-in-data", args: []string{"score", "-period", "2099H1", "DIR"}, code: exitUsage, msg: "DIR/answers.csv 中没有期间“2099H1”；它的期间有：2025H2、2026H1。请用 --period 指定其中之一"},
	{name: "p6/sheet-not-in-workbook", setup: copyValuesXLSX, args: []string{"segment", "-sheet", "Nope", "-values", "DIR/v.xlsx"},
		code: exitUsage, msg: "工作簿 DIR/v.xlsx 中没有工作表“Nope”；它的工作表有：“Sheet1”、“说明”。请用 --sheet 指定其中之一"},
	{name: "p6/sheet-in-workbook-any-case", setup: copyValuesXLSX, args: []string{"segment", "-sheet", "sheet1", "-values", "DIR/v.xlsx"},
		code: exitOK, msg: "DIR/v.xlsx [工作表 Sheet1]: 3"},
	{name: "p6/unreadable-input", setup: func(t *testing.T, _ string) {
		if _, err := os.Stat("/proc/self/mem"); err != nil || runtime.GOOS != "linux" {
			t.Skip("no /proc/self/mem, whose first bytes cannot be read")
		}
	}, args: []string{"score", "-targets", "/proc/self/mem", "DIR"}, code: exitUsage, msg: "/proc/self/mem: read /proc/self/mem: input/output error"},
	{name: "p6/bad-data", files: map[string]string{"answers.csv": answersH + "功能,survey,great\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: "DIR/answers.csv 第 2 行 C 列（“level”）：项目“功能”的“great”不是量表的等级；可填：很满意、满意、基本满意、不满意、很不满意"},

	// 3, 9. Numbers and fields of the small files are bounded before
	// they are parsed; the message stays short.
	{name: "p3/targets-50MB-field", setup: bigTargets(50<<20, false), args: []string{"score", "DIR"},
		code: exitData, msg: "DIR/targets.csv: 52428827 bytes, more than the 16777216 of a small file",
		read: readTargetsIn("targets.csv"), is: csat.ErrOutOfRange, maxAlloc: 1 << 20},
	{name: "p3/targets-2MB-line", setup: bigTargets(2<<20, false), args: []string{"score", "DIR"},
		code: exitData, msg: "DIR/targets.csv 第 2 行：a line longer than 1048576 bytes",
		read: readTargetsIn("targets.csv"), is: csat.ErrOutOfRange, maxAlloc: 16 << 20},
	{name: "p9/targets-field-across-short-lines", setup: bigTargets(200<<10, true), args: []string{"score", "DIR"},
		code: exitData, msg: "DIR/targets.csv 第 2 行 B 列：a field of 207360 bytes, more than 65536",
		read: readTargetsIn("targets.csv"), is: csat.ErrOutOfRange, maxAlloc: 16 << 20},
	{name: "p3/targets-1000-digits", setup: bigTargets(1000, false), args: []string{"score", "DIR"},
		code: exitData, msg: `DIR/targets.csv 第 2 行 B 列：degree "7777777777777777777777777777777777777777"… (1000 bytes) is 1000 characters long, more than 128`,
		read: readTargetsIn("targets.csv"), is: csat.ErrOutOfRange, maxAlloc: 1 << 20},
	{name: "p3/targets-huge-exponent", files: map[string]string{"targets.csv": "year,degree\n2024,1e-200%\n"}, args: []string{"score", "DIR"},
		code: exitData, msg: `DIR/targets.csv 第 2 行 B 列：degree "1e-200" has an exponent beyond ±128`, read: readTargetsIn("targets.csv"), is: csat.ErrOutOfRange, maxAlloc: 1 << 20},
	{name: "p3/strata-500-digit-stddev", files: map[string]string{"strata.csv": "name,population,stddev\nA,100," + strings.Repeat("9", 500) + "\n"},
		args: []string{"plan", "-population", "500", "-strata", "DIR/strata.csv", "-allocation", "neyman"},
		code: exitData, msg: `DIR/strata.csv 第 2 行 C 列：stddev "9999999999999999999999999999999999999999"… (500 bytes) is 500 characters long, more than 128`, read: readStrataIn, is: csat.ErrOutOfRange},
	{name: "p3/flag-number-too-long", args: []string{"plan", "-p", "0." + strings.Repeat("5", 200)}, code: exitUsage, msg: "more than 128"},

	// Lower: targets.csv. The small files' reasons stay in English after
	// the Chinese place; a duplicate says it is given twice.
	{name: "lower/targets-duplicate-years", files: map[string]string{"targets.csv": "year,degree,rate\n2024,75%,82%\n2023,72%,80%\n2024,76%,83%\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `DIR/targets.csv 第 4 行 A 列：year "2024" on line 2 and line 4: given twice`,
		read: readTargetsIn("targets.csv"), is: csat.ErrDuplicate},
	{name: "lower/targets-one-year-two-spellings", files: map[string]string{"targets.csv": "year,degree,rate\n2024,75%,82%\n2024年,76%,83%\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `year "2024年" on line 2 and line 3`, read: readTargetsIn("targets.csv"), is: csat.ErrDuplicate},
	{name: "lower/targets-gbk", files: map[string]string{"targets.csv": gbk("年度,满意度,满意率\n2023年,72%,80%\n2024年,75%,82%\n2025年,80%,85%\n")},
		args: []string{"score", "-lang", "en", "DIR"}, code: exitOK, msg: "DIR/answers.csv: 97",
		read: readTargetsIn("targets.csv"), after: succeeds("target (average-advanced)")},
	{name: "lower/strata-neither-utf8-nor-gbk", files: map[string]string{"strata.csv": "name,population\nA,1\nB\xff,2\n"},
		args: []string{"plan", "-encoding", "gbk", "-strata", "DIR/strata.csv"}, code: exitData, msg: "DIR/strata.csv 第 3 行：bytes that are neither UTF-8 nor GBK"},
	{name: "lower/strata-gbk", files: map[string]string{"strata.csv": gbk("层,总体\n华东,300\n华南,200\n")},
		args: []string{"plan", "-n", "100", "-strata", "DIR/strata.csv"}, code: exitOK, read: readStrataIn, after: succeeds("华东: 60")},
	{name: "lower/targets-utf16", files: map[string]string{"targets.csv": "\xff\xfey\x00e\x00"},
		args: []string{"score", "DIR"}, code: exitData, msg: "DIR/targets.csv 第 1 行：a UTF-16 file (save it as CSV UTF-8 or as CSV)", read: readTargetsIn("targets.csv"), is: csat.ErrInvalid},
	{name: "lower/targets-not-a-year", files: map[string]string{"targets.csv": "year,degree\nFY24,75%\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `DIR/targets.csv 第 2 行 A 列：year "FY24" is not a year such as 2025 (or 2025H1, 2025Q3, 2025-06)`, read: readTargetsIn("targets.csv"), is: csat.ErrInvalid},
	{name: "lower/targets-year-0000", files: map[string]string{"targets.csv": "year,degree\n0000,75%\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: "year 0000 is not within 1900–2199", read: readTargetsIn("targets.csv"), is: csat.ErrOutOfRange},
	{name: "lower/targets-year-without-figures", files: map[string]string{"targets.csv": "year,degree,rate\n2024,,\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: "neither a degree nor a rate", read: readTargetsIn("targets.csv"), is: csat.ErrMissing},
	{name: "lower/targets-control-character", files: map[string]string{"targets.csv": "year,degree\n2024\x1b[2J,75%\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `DIR/targets.csv 第 2 行 A 列："2024\x1b[2J" holds the control character '\x1b'`,
		read: readTargetsIn("targets.csv"), is: csat.ErrInvalid},

	// Lower: actions.csv.
	{name: "lower/actions-escape-in-item", files: map[string]string{"actions.csv": "item,action,owner\n交货期\x1b]0;pwned\x07,x,王工\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `DIR/actions.csv 第 2 行 A 列："交货期\x1b]0;pwned\a" holds the control character '\x1b'`,
		read: readActionsIn, is: csat.ErrInvalid},
	{name: "lower/actions-line-break-in-item", files: map[string]string{"actions.csv": "item,action,owner\n\"交货\n期\",x,王工\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `DIR/actions.csv 第 2 行 A 列：item "交货\n期" holds a line break or a tab`, read: readActionsIn, is: csat.ErrInvalid},
	{name: "lower/actions-due-year-1", files: map[string]string{"actions.csv": "item,action,owner,due\n交货期,x,王工,0001-01-01\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: "DIR/actions.csv 第 2 行 D 列：due 0001-01-01 is not within the years 1900–2199",
		read: readActionsIn, is: csat.ErrOutOfRange},
	{name: "lower/actions-long-kind", files: map[string]string{"actions.csv": "item,kind,action,owner\n交货期," + strings.Repeat("x", 60000) + ",x,王工\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: `DIR/actions.csv 第 2 行 B 列：kind "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"… (60000 bytes)`, read: readActionsIn, is: csat.ErrInvalid},
	{name: "lower/actions-no-owner", files: map[string]string{"actions.csv": "item,action,owner\n交货期,x,\n"},
		args: []string{"score", "DIR"}, code: exitData, msg: "DIR/actions.csv 第 2 行 C 列：no owner", read: readActionsIn, is: csat.ErrMissing},

	// Lower: plan's strata and ids, segment's last surveys.
	{name: "lower/strata-duplicate-name", files: map[string]string{"strata.csv": "name,population\n华东,300\n华南,100\n华东,200\n"},
		args: []string{"plan", "-strata", "DIR/strata.csv"}, code: exitData, msg: `DIR/strata.csv 第 4 行 A 列：stratum "华东" on line 2 and line 4: given twice`,
		read: readStrataIn, is: csat.ErrDuplicate},
	{name: "lower/strata-nfc-nfd-one-name", files: map[string]string{"strata.csv": "name,population\n华东,100\nCaf\u00e9,300\nCafe\u0301,200\n"},
		args: []string{"plan", "-strata", "DIR/strata.csv"}, code: exitData, msg: `stratum "Café" on line 3 and line 4`, read: readStrataIn, is: csat.ErrDuplicate},
	{name: "lower/strata-population-overflow", files: map[string]string{"strata.csv": "name,population\nA,99999999999999999999\n"},
		args: []string{"plan", "-strata", "DIR/strata.csv"}, code: exitData, msg: `DIR/strata.csv 第 2 行 B 列：population "99999999999999999999" is not a whole number 0–2147483647`, read: readStrataIn, is: csat.ErrInvalid},
	{name: "lower/strata-negative-stddev", files: map[string]string{"strata.csv": "name,population,stddev\nA,100,-1\n"},
		args: []string{"plan", "-strata", "DIR/strata.csv"}, code: exitData, msg: `DIR/strata.csv 第 2 行 C 列：stddev "-1": must not be negative`, read: readStrataIn, is: csat.ErrNegative},
	{name: "lower/strata-escape-in-name", files: map[string]string{"strata.csv": "name,population\nA\x1b[2J,100\n"},
		args: []string{"plan", "-strata", "DIR/strata.csv"}, code: exitData, msg: `DIR/strata.csv 第 2 行 A 列："A\x1b[2J" holds the control character`, read: readStrataIn, is: csat.ErrInvalid},
	{name: "lower/ids-duplicate", files: map[string]string{"ids.txt": "C01\nC02\n\nC01\n"},
		args: []string{"plan", "-n", "2", "-customers", "DIR/ids.txt"}, code: exitData, msg: `DIR/ids.txt 第 4 行 A 列：customer "C01" on line 1 and line 4`},
	{name: "lower/last-duplicate-customer", files: map[string]string{"last.csv": "customer,last\nC01,2026-01-05\nC01,2026-02-05\n"},
		args: []string{"segment", "-as-of", "2026-06-30", "-last", "DIR/last.csv", "DIR"}, code: exitData, msg: `DIR/last.csv 第 3 行 A 列：customer "C01" on line 2 and line 3`},
	// Told in English with the library's "clv: " between flag and reason.
	{name: "lower/segment-discount-out-of-range", args: []string{"segment", "-discount", "-2", "DIR/purchase.csv"},
		files: map[string]string{"purchase.csv": "customer,period,margin\nA,2025,5\n"}, code: exitUsage, msg: `-discount "-2": `, also: []string{"discount rate -2 must be above -1"}},
	{name: "lower/plan-margin-0", args: []string{"plan", "-margin", "0"}, code: exitUsage, msg: "-margin 0: want a value within (0, 1)"},
	{name: "lower/plan-confidence-0", args: []string{"plan", "-confidence", "0"}, code: exitUsage, msg: "-confidence 0: want a value within (0, 1)"},
	{name: "lower/plan-p-0", args: []string{"plan", "-p", "0.0"}, code: exitUsage, msg: "-p 0.0: want a value within (0, 1)"},

	// 10. Files chosen by role, never by a part of their name.
	{name: "p10/segment-values-named-purchase", files: map[string]string{"purchase_values.csv": sampleFile("values.csv")},
		args: []string{"segment", "-lang", "en", "DIR/purchase_values.csv"}, code: exitOK, msg: "DIR/purchase_values.csv: 7 rows",
		after: succeeds("50000")},
	{name: "p10/segment-purchases-by-header", files: map[string]string{"margins.csv": "customer,period,margin\nA,2025,5\nB,2025,3\n"},
		args: []string{"segment", "-lang", "en", "DIR/margins.csv"}, code: exitOK, msg: "DIR/margins.csv: 2 rows", after: succeeds("≈4.55")},
	{name: "p10/segment-purchases-by-name", files: map[string]string{"Purchases.csv": "customer,period,margin\nA,2025,5\nB,2025,3\n"},
		args: []string{"segment", "-lang", "en", "DIR/Purchases.csv"}, code: exitOK, msg: "DIR/Purchases.csv: 2 rows", after: succeeds("≈4.55")},
	{name: "p10/segment-workbook-of-another-name", setup: copyValuesXLSX, args: []string{"segment", "DIR/v.xlsx"},
		code: exitUsage, msg: "give -values DIR/v.xlsx or -purchases DIR/v.xlsx"},
	{name: "p10/segment-header-of-neither", files: map[string]string{"mine.csv": "customer,score\nA,5\n"}, args: []string{"segment", "DIR/mine.csv"},
		code: exitUsage, msg: "DIR/mine.csv: cannot tell values"},

	// Lower: terminal output escapes control characters.
	{name: "lower/escape-in-file-name", args: []string{"score", "-answers", "DIR/\x1b[2J.csv"}, code: exitUsage, msg: `找不到文件 DIR/\x1b[2J.csv（--answers）`},
	{name: "lower/escape-in-item-name", files: map[string]string{"answers.csv": answersH + "A\x1b[2J,survey,很满意\nB,survey,满意\n"},
		setup: func(t *testing.T, dir string) {
			removeAll(t, dir, "customers.csv", "complaints.csv", "values.csv", "targets.csv", "actions.csv")
		},
		args: []string{"score", "-lang", "en", "DIR"}, code: exitData, msg: `DIR/answers.csv, line 2, column A ("item"): "A\x1b[2J" holds a control character: delete it`},
	{name: "lower/escape-in-explain", files: map[string]string{"answers.csv": answersH + "A\x1b[2J,survey,很满意\nB,survey,满意\n"},
		setup: func(t *testing.T, dir string) {
			removeAll(t, dir, "customers.csv", "complaints.csv", "values.csv", "targets.csv", "actions.csv")
		},
		args: []string{"explain", "-lang", "en", "DIR"}, code: exitData, msg: `DIR/answers.csv, line 2, column A ("item"): "A\x1b[2J" holds a control character: delete it`},
	{name: "lower/escape-in-customer-id", files: map[string]string{"values.csv": "customer,value\nC\x1b[31m01,5\nC02,3\n"},
		args: []string{"segment", "-lang", "en", "DIR"}, code: exitData, msg: `DIR/values.csv, line 2, column A ("customer"): "C\x1b[31m01" holds a control character: delete it`},
}

func copyValuesXLSX(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile("../../io/sheet/testdata/values.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "v.xlsx"), string(b))
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func removeAll(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileCommand runs the catalogue of the command's surface.
func TestHostileCommand(t *testing.T) {
	for _, tc := range hostileCmdRows {
		t.Run(tc.name, func(t *testing.T) {
			dir := dataDir(t)
			for name, content := range tc.files {
				writeFile(t, filepath.Join(dir, name), content)
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			code, out, errs := runEnv(tc.e, args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, clipped(errs, 400))
			}
			for _, m := range append([]string{tc.msg}, tc.also...) {
				if want := strings.ReplaceAll(m, "DIR", dir); !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, clipped(errs, 400))
				}
			}
			if strings.ContainsRune(out+errs, '\x1b') || len(errs) > 4000 {
				t.Errorf("raw ESC on the terminal, or %d bytes of messages: %q", len(errs), clipped(errs))
			}
			if tc.read != nil {
				hostileRead(t, tc, dir)
			}
			if tc.after != nil {
				tc.after(t, dir, out, errs)
			}
		})
	}
}

// hostileRead calls the row's reader and checks its error and the bytes
// it allocated.
func hostileRead(t *testing.T, tc hostileCmdRow, dir string) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := tc.read(dir)
	runtime.ReadMemStats(&after)
	switch {
	case tc.is == nil && err != nil:
		t.Errorf("reader: %v, want no error", err)
	case tc.is != nil && !errors.Is(err, tc.is):
		t.Errorf("reader: %v, want an error wrapping %v", err, tc.is)
	}
	var pe *csat.ParseError
	if tc.is != nil && errors.As(err, &pe) && !strings.HasPrefix(pe.File, dir) {
		t.Errorf("reader: %v names no file of %s", err, dir)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; tc.maxAlloc > 0 && alloc > tc.maxAlloc {
		t.Errorf("reader allocated %d bytes, bound %d", alloc, tc.maxAlloc)
	}
}
