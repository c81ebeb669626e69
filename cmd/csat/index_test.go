package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/csatkit/csat/csi"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
)

// mobi is the ECSI mobile-phone data of package csi (csi/testdata/mobi.csv,
// 250 forms × 24 indicators on 1–10) as a wide answers file: the same
// rows with a form id column 表单编号 (M001…M250) added in front (see
// testdata/index/README.md).
const mobi = "testdata/index/mobi.csv"

// mobiRun are the flags of the runs on mobi: ECSI, 1–10, a small seeded
// bootstrap.
var mobiRun = []string{"index", "--model", "ecsi", "--scale", "1-10", "--boot", "50", "--seed", "1", mobi}

// publishedPaths are SmartPLS's published ECSI path coefficients on mobi
// (as in csi's TestECSIPublished), and as the text prints them, to 4
// places.
var publishedPaths = []struct{ from, to, published, printed string }{
	{"Image", "Expectation", "0.504914", "0.5049"}, {"Image", "Satisfaction", "0.178740", "0.1787"},
	{"Image", "Loyalty", "0.195755", "0.1958"}, {"Expectation", "Quality", "0.556749", "0.5567"},
	{"Expectation", "Value", "0.049988", "0.0500"}, {"Expectation", "Satisfaction", "0.062523", "0.0625"},
	{"Quality", "Value", "0.558304", "0.5583"}, {"Quality", "Satisfaction", "0.512024", "0.5120"},
	{"Value", "Satisfaction", "0.194765", "0.1948"}, {"Satisfaction", "Complaints", "0.528066", "0.5281"},
	{"Satisfaction", "Loyalty", "0.485478", "0.4855"}, {"Complaints", "Loyalty", "0.066926", "0.0669"},
}

func TestIndexMobi(t *testing.T) {
	code, out, errs := runCLI(t, append(mobiRun, "--lang", "en")...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, p := range publishedPaths {
		// The published figure, rounded to 4 places, is the one printed.
		if got := decimal.RequireFromString(p.published).StringFixed(4); got != p.printed {
			t.Fatalf("%s rounds to %s", p.published, got)
		}
		if !containsRow(out, p.from, "→", p.to, p.printed) {
			t.Errorf("no path row %s → %s %s:\n%s", p.from, p.to, p.printed, out)
		}
	}
	for _, want := range []string{
		"model ECSI · scale numbers 1–10",
		"250 forms, 250 used · blanks replaced by the indicator's mean · path weighting",
		"bootstrap: 50 resamples, seed 1, 0 redrawn",
		"95% percentile intervals",
		"HTMT over 0.85 (constructs not distinct):",
		"importance–performance map (IPMA), target Loyalty",
		"* below the usual threshold",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// R² of Satisfaction as R gives it (csi's TestECSIPublished), its
	// Cronbach's α of Expectation weak (marked), Complaints a single
	// indicator (no reliability).
	if !containsRow(out, "Satisfaction", "0.6811") || !containsRow(out, "Expectation", "0.2549", "0.4519*") ||
		!containsRow(out, "Complaints", "0.2789", "—", "—", "—") {
		t.Errorf("construct rows:\n%s", out)
	}
	// The paths whose interval holds 0 are marked.
	if !containsRow(out, "Expectation", "→", "Value", "0.0500", "not significant") {
		t.Errorf("Expectation → Value not marked:\n%s", out)
	}
	if !strings.Contains(errs, "mobi.csv: 250 rows, 250 accepted, 0 rejected, 250 forms, 6000 answers") {
		t.Errorf("stderr: %q", errs)
	}
	// The same seed gives the same output; another seed other intervals.
	if _, again, _ := runCLI(t, append(mobiRun, "--lang", "en", "--workers", "1")...); again != out {
		t.Errorf("another run with one worker differs:\n%s", firstDiff(out, again))
	}
}

// mobiStats reads the mobi file as the library does and returns its
// estimates by csi.Estimate.
func mobiEstimates(t *testing.T) *csi.Estimates {
	t.Helper()
	sc, _, err := parseIndexScale("1-10")
	if err != nil {
		t.Fatal(err)
	}
	surveys, _, err := sheet.ReadSurvey(mobi, &sheet.Options{Scale: sc})
	if err != nil || len(surveys) != 1 {
		t.Fatalf("%d periods: %v", len(surveys), err)
	}
	e, err := csi.Estimate(csi.ECSI(), surveys[0].Forms, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestIndexJSON(t *testing.T) {
	want := mobiEstimates(t)
	code, out, errs := runCLI(t, append(mobiRun, "--json")...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got bootJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Bootstrapped == nil || got.Estimates == nil || got.Model == nil {
		t.Fatalf("no estimates or model:\n%.500s", out)
	}
	if got.Period != sheet.DefaultPeriod || got.Scale != "1-10" || got.Resamples != 50 || got.Seed != 1 || got.Forms != 250 {
		t.Errorf("period %q scale %q resamples %d seed %d forms %d", got.Period, got.Scale, got.Resamples, got.Seed, got.Forms)
	}
	if len(got.Paths) != len(want.Paths) || len(got.PathIntervals) != len(want.Paths) {
		t.Fatalf("%d paths, %d intervals, want %d", len(got.Paths), len(got.PathIntervals), len(want.Paths))
	}
	for i, p := range want.Paths {
		if g := got.Paths[i]; g.From != p.From || g.To != p.To || !g.Coefficient.Equal(p.Coefficient) {
			t.Errorf("path %d: %s → %s %s, csi.Estimate %s → %s %s", i, g.From, g.To, g.Coefficient, p.From, p.To, p.Coefficient)
		}
	}
	if m, _ := json.Marshal(got.Model); string(m) != mustJSON(t, csi.ECSI()) {
		t.Errorf("model %s", m)
	}
	// Without the bootstrap: the estimates alone, the same coefficients.
	code, out, errs = runCLI(t, "index", "--model", "ecsi", "--scale", "1-10", "--boot", "0", "--json", mobi)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var plain indexJSON
	if err := json.Unmarshal([]byte(out), &plain); err != nil || plain.Estimates == nil {
		t.Fatalf("%v:\n%.300s", err, out)
	}
	if strings.Contains(out, "Resamples") {
		t.Errorf("--boot 0 has resamples:\n%.300s", out)
	}
	for i, p := range want.Paths {
		if !plain.Paths[i].Coefficient.Equal(p.Coefficient) {
			t.Errorf("--boot 0 path %d: %s, csi.Estimate %s", i, plain.Paths[i].Coefficient, p.Coefficient)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIndexModelFile: a model file equal to ECSI (its paths in another
// order) gives the output of --model ecsi, the model's own line apart.
func TestIndexModelFile(t *testing.T) {
	run := func(model string) string {
		code, out, errs := runCLI(t, "index", "--model", model, "--scale", "1-10", "--boot", "20", "--seed", "3", "--lang", "en", mobi)
		if code != exitOK {
			t.Fatalf("--model %s: exit %d: %s", model, code, errs)
		}
		first, rest, _ := strings.Cut(out, "\n")
		if !strings.HasPrefix(first, "model ") {
			t.Fatalf("first line %q", first)
		}
		return rest
	}
	byName, byFile := run("ecsi"), run("testdata/index/ecsi.txt")
	if byName != byFile {
		t.Errorf("the model file's output differs from ECSI's:\n%s", firstDiff(byName, byFile))
	}
}

// An index error row: the arguments after "index", the exit code, and
// what the message says in Chinese and in English.
type indexErrRow struct {
	name   string
	args   []string
	code   int
	zh, en []string
}

func indexErrRows(t *testing.T) []indexErrRow {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, "# ECSI, cut short\nImage =~ IMAG1 + IMAG2\nExpectation =~ CUEX1 CUEX2\nExpectation ~ Image\n")
	lacking := filepath.Join(dir, "lacking.txt")
	writeFile(t, lacking, "Image =~ IMAG1 + IMAG9\nLoyalty =~ CUSL1 + LOYAL\nLoyalty ~ Image\n")
	mobiOpts := []string{"--scale", "1-10", "--boot", "0", mobi}
	b, err := os.ReadFile(mobi)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for i := 1; i < len(lines); i++ {
		f := strings.Split(lines[i], ",")
		f[1] = "5" // CUEX1
		lines[i] = strings.Join(f, ",")
	}
	constant := filepath.Join(dir, "constant.csv")
	writeFile(t, constant, strings.Join(lines, "\n")+"\n")
	return []indexErrRow{
		{"zero-variance", []string{"--model", "ecsi", "--scale", "1-10", "--boot", "10", constant}, exitData,
			[]string{`无法估计模型：有指标的答案全部相同（方差为 0），无法标准化（indicator "CUEX1": every answer is the same`},
			[]string{`the model cannot be estimated: indicator "CUEX1": every answer is the same`}},
		{"unknown-model", append([]string{"--model", "csi"}, mobiOpts...), exitUsage,
			[]string{"--model 的值“csi”既不是模型名称（ecsi、acsi），也不是存在的模型文件"},
			[]string{`--model "csi" is neither a model name (ecsi, acsi) nor a model file that exists`}},
		{"model-syntax", append([]string{"--model", bad}, mobiOpts...), exitData,
			[]string{"模型文件 " + bad + " 第 3 行：\"CUEX1 CUEX2\" is not one name。每行写一条"},
			[]string{"model file " + bad + `, line 3: "CUEX1 CUEX2" is not one name. Write one statement a line`}},
		{"missing-indicators", append([]string{"--model", lacking}, mobiOpts...), exitUsage,
			[]string{"数据中没有模型的 2 个指标（共 4 个）：IMAG9、LOYAL；数据的题目有：CUEX1、CUEX2"},
			[]string{"the data lack 2 of the model's 4 indicators: IMAG9, LOYAL; the data's items are: CUEX1, CUEX2", "PERV2. Give --model"}},
		{"scheme", append([]string{"--model", "ecsi", "--scheme", "bad"}, mobiOpts...), exitUsage,
			[]string{"--scheme 的值“bad”不可用"}, []string{`--scheme "bad" is not accepted; use path, centroid or factorial`}},
		{"boot-negative", []string{"--model", "ecsi", "--scale", "1-10", "--boot", "-1", mobi}, exitUsage,
			[]string{"--boot 的值 -1 不可用"}, []string{"--boot -1 is not accepted: give 0 (no bootstrap) up to 100000 resamples"}},
		{"boot-not-a-number", []string{"--boot", "many", mobi}, exitUsage,
			[]string{"--boot 的值“many”不可用：要填一个整数"}, []string{`--boot "many" is not accepted: give a whole number`}},
		{"missing", append([]string{"--model", "ecsi", "--missing", "pairwise"}, mobiOpts...), exitUsage,
			[]string{"--missing 的值“pairwise”不可用"}, []string{`--missing "pairwise" is not accepted; use mean or casewise`}},
		{"level", append([]string{"--model", "ecsi", "--level", "95"}, mobiOpts...), exitUsage,
			[]string{"--level 的值“95”不可用"}, []string{`--level "95" is not accepted: give a number between 0 and 1`}},
		{"scale", []string{"--model", "ecsi", "--scale", "1-100", mobi}, exitUsage,
			[]string{"--scale 的值“1-100”不可用"}, []string{`--scale "1-100" is not accepted`}},
		{"target", append([]string{"--model", "ecsi", "--target", "Nope"}, mobiOpts...), exitUsage,
			[]string{"--target 的值“Nope”不是模型的潜变量；模型的潜变量有：企业形象、顾客期望"},
			[]string{`--target "Nope" is no construct of the model; its constructs are: Image, Expectation`}},
		// Numbers read on the five-level scale: the reader's message, and
		// a hint at --scale.
		{"no-scale", []string{"--model", "ecsi", "--boot", "0", mobi}, exitData,
			[]string{"“CUEX1”列的第一个值“7”不是量表的等级", "答案是数字：数值量表请加上 --scale LO-HI，如 --scale 1-10"},
			[]string{`the first value "7" of the column "CUEX1" is not a level`, "the answers are numbers: for a numeric scale give --scale LO-HI"}},
		// The sample's answers are on no form.
		{"no-forms", []string{"--boot", "0", sample}, exitUsage,
			[]string{"期间 2026H1 的答案不属于任何答卷"}, []string{"the answers of period 2026H1 are on no form"}},
	}
}

func TestIndexErrors(t *testing.T) {
	for _, row := range indexErrRows(t) {
		t.Run(row.name, func(t *testing.T) {
			for _, lg := range []string{"zh", "en"} {
				code, out, errs := runCLI(t, append([]string{"index", "--lang", lg}, row.args...)...)
				if code != row.code {
					t.Errorf("%s: exit %d, want %d: %s", lg, code, row.code, errs)
				}
				if out != "" {
					t.Errorf("%s: output on failure: %q", lg, out)
				}
				want := row.zh
				if lg == "en" {
					want = row.en
				}
				for _, w := range want {
					if !strings.Contains(errs, w) {
						t.Errorf("%s: stderr lacks %q:\n%s", lg, w, errs)
					}
				}
			}
		})
	}
}

// zhLatin are the Latin words a Chinese output may hold beside data
// names: the figures' usual symbols and acronyms, the model's name, the
// bootstrap's own word, and flags.
var zhLatin = map[string]bool{"R": true, "AVE": true, "HTMT": true, "IPMA": true, "ECSI": true, "ACSI": true, "bootstrap": true, "LO": true, "HI": true}

var (
	latinWord = regexp.MustCompile(`[A-Za-z]+`)
	flagWord  = regexp.MustCompile(`--[a-z-]+`)
)

// oneLanguage reports a Latin word that is no data name in Chinese
// output, a Han character in English output.
func oneLanguage(t *testing.T, what, lg, s string, data []string) {
	t.Helper()
	for _, d := range data {
		s = strings.ReplaceAll(s, d, "")
	}
	s = flagWord.ReplaceAllString(s, "")
	if lg == "en" {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("%s in English has the Han character %q:\n%s", what, r, s)
				return
			}
		}
		return
	}
	for _, w := range latinWord.FindAllString(s, -1) {
		if !zhLatin[w] && w != "c" { // ρc
			t.Errorf("%s in Chinese has the Latin word %q:\n%s", what, w, s)
			return
		}
	}
}

func TestIndexOneLanguage(t *testing.T) {
	data := append([]string{mobi}, csi.ECSI().Indicators()...)
	for _, lg := range []string{"zh", "en"} {
		for _, extra := range [][]string{{"--boot", "20"}, {"--boot", "20", "--missing", "casewise", "--scheme", "centroid"}, {"--boot", "0"}} {
			args := append(append([]string{"index", "--lang", lg, "--model", "ecsi", "--scale", "1-10"}, extra...), mobi)
			code, out, errs := runCLI(t, args...)
			if code != exitOK {
				t.Fatalf("%v: exit %d: %s", args, code, errs)
			}
			oneLanguage(t, strings.Join(args, " ")+" (stdout)", lg, out, data)
			oneLanguage(t, strings.Join(args, " ")+" (stderr)", lg, errs, data)
		}
	}
}

// exportHeader is the header of a survey tool's export: meta columns, a
// form id, a period, items, a note.
const exportHeader = "提交时间,IP,表单编号,期间,来源,质量1,质量2,质量3,价值1,价值2,满意1,满意2,忠诚1,忠诚2,备注\n"

// surveyExport writes a survey tool's export of the mobi answers: two
// periods (the first 100 forms 2025H2, the rest 2026H1), meta and note
// columns, ten self-assessment forms, and PERQ2 (质量2) blank on every
// tenth form, taking the items of a small four-construct model.
func surveyExport(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(mobi)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], ",") {
		col[h] = i
	}
	items := []string{"PERQ1", "PERQ2", "PERQ3", "PERV1", "PERV2", "CUSA1", "CUSA2", "CUSL1", "CUSL3"}
	var out strings.Builder
	out.WriteString(exportHeader)
	for r, line := range lines[1:] {
		f := strings.Split(line, ",")
		period, source := "2026H1", "检查"
		if r < 100 {
			period = "2025H2"
		}
		if r >= 240 {
			source = "自评"
		}
		row := []string{"2026-03-01 10:00:" + strconv.Itoa(r%60), "10.0.0." + strconv.Itoa(r%250), f[0], period, source}
		for _, it := range items {
			v := f[col[it]]
			if it == "PERQ2" && r%10 == 3 {
				v = ""
			}
			row = append(row, v)
		}
		out.WriteString(strings.Join(append(row, "很好，物流慢"), ",") + "\n")
	}
	path := filepath.Join(dir, "export.csv")
	writeFile(t, path, out.String())
	return path
}

const exportModel = `# 质量、价值、满意、忠诚
质量 =~ 质量1 + 质量2 + 质量3
价值 =~ 价值1 + 价值2
满意 =~ 满意1 + 满意2
忠诚 =~ 忠诚1 + 忠诚2
价值 ~ 质量
满意 ~ 质量 + 价值
忠诚 ~ 满意
`

// TestIndexSurveyExport runs the command as a new user would: a survey
// tool's export with meta columns, a note, two periods, another source
// and blanks, and a small model of their own.
func TestIndexSurveyExport(t *testing.T) {
	dir := t.TempDir()
	export := surveyExport(t, dir)
	model := filepath.Join(dir, "model.txt")
	writeFile(t, model, exportModel)
	code, out, errs := runCLI(t, "index", "--model", model, "--scale", "1-10", "--boot", "30", "--seed", "2", export)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"期间 2026H1（文件中 2 个期间里最新的一个；用 --period 指定其他期间）",
		"模型文件 " + model,
		"答卷 140 份，用于估计 140 份 · 缺答以该指标的均值替代",
		"注意: 10 份其他来源（自评、竞争对手等）的答卷不计入指数",
		"以下指标在超过 5% 的答卷中未答，均值替代会压低它们的方差和相关：质量2 14/140 (10.0%)",
		"自助抽样（bootstrap）30 次，种子 2",
		"重要性—表现分析（IPMA），目标潜变量：忠诚",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !containsRow(out, "满意", "→", "忠诚") || !strings.Contains(errs, "跳过的列: 提交时间, IP, 备注") {
		t.Errorf("output:\n%s\nstderr:\n%s", out, errs)
	}
	// --period picks the other; casewise deletion drops the forms with
	// a blank, and says so.
	code, out, errs = runCLI(t, "index", "--model", model, "--scale", "1-10", "--boot", "0", "--period", "2025H2", "--missing", "casewise", "--lang", "en", export)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"period 2025H2\n",
		"100 forms, 90 used · only forms complete on every indicator (casewise deletion)",
		"indicators blank on more than 5% of the forms, each of which casewise deletion drops: 质量2 10/100 (10.0%)",
		"no bootstrap (--boot 0): no intervals",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// A period the file does not have.
	code, _, errs = runCLI(t, "index", "--model", model, "--scale", "1-10", "--period", "2099H1", export)
	if code != exitUsage || !strings.Contains(errs, "export.csv 中没有期间“2099H1”；它的期间有：2025H2、2026H1") {
		t.Errorf("--period 2099H1: exit %d: %s", code, errs)
	}
	// The Chinese target is the construct's name; an English one of the
	// usual constructs is their label.
	if code, _, errs := runCLI(t, "index", "--model", model, "--scale", "1-10", "--boot", "0", "--target", "满意", export); code != exitOK {
		t.Errorf("--target 满意: exit %d: %s", code, errs)
	}
	if code, out, errs := runCLI(t, "index", "--model", "ecsi", "--scale", "1-10", "--boot", "0", "--target", "顾客满意", mobi); code != exitOK || !strings.Contains(out, "目标潜变量：顾客满意") {
		t.Errorf("--target 顾客满意: exit %d: %s\n%s", code, errs, out)
	}
}

// TestIndexOverallColumn: an indicator named as the overall question's
// column is not an item; the message says why.
func TestIndexOverallColumn(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(mobi)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.csv")
	writeFile(t, file, strings.Replace(string(b), "CUSA1", "总体满意度", 1))
	model := filepath.Join(dir, "m.txt")
	writeFile(t, model, "S =~ 总体满意度 + CUSA2\nL =~ CUSL1 + CUSL3\nL ~ S\n")
	code, _, errs := runCLI(t, "index", "--model", model, "--scale", "1-10", "--boot", "0", file)
	if code != exitUsage || !strings.Contains(errs, "数据中没有模型的 1 个指标（共 4 个）：总体满意度") ||
		!strings.Contains(errs, "读作总体满意度题，不算题目") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestIndexHTML: the page is written, signed as the flags say.
func TestIndexHTML(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	code, out, errs := runCLI(t, "index", "--model", "ecsi", "--scale", "1-10", "--boot", "20", "--html", page, mobi)
	if code != exitOK || !strings.Contains(out, "0.5049") || !strings.Contains(errs, "wrote "+page) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(page); err != nil || !strings.Contains(string(b), "<html") {
		t.Errorf("page: %v %.200s", err, b)
	}
	// Signed and dated by the flags, in English.
	signed := filepath.Join(dir, "signed.html")
	code, _, errs = runCLI(t, "index", "--model", "ecsi", "--scale", "1-10", "--boot", "0", "--lang", "en", "--html", signed,
		"--org", "ACME Mobile", "--prepared-by", "Wang Li", "--approved-by", "Zhao Min", "--date", "2026-12-01", "--title", "ECSI 2026", mobi)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(signed)
	for _, want := range []string{"ACME Mobile", "Wang Li", "Zhao Min", "2026-12-01", "ECSI 2026"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("signed page lacks %q", want)
		}
	}
	if code, _, errs = runCLI(t, "index", "--model", "ecsi", "--scale", "1-10", "--html", signed, "--force", "--places", "7", mobi); code != exitUsage || !strings.Contains(errs, "--places") {
		t.Errorf("--places 7: exit %d: %s", code, errs)
	}
	// An existing page is refused without --force, before reading.
	code, _, errs = runCLI(t, "index", "--model", "ecsi", "--scale", "1-10", "--html", page, mobi)
	if code != exitOutput || strings.Contains(errs, "250 行") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestIndexScale: the --scale values.
func TestIndexScale(t *testing.T) {
	for _, tc := range []struct {
		in      string
		levels  int
		numeric bool
	}{{"five", 5, false}, {"", 5, false}, {"1-10", 10, true}, {"0-10", 11, true}, {"1–7", 7, true}, {"1~5", 5, true}, {"0 to 15", 16, true}} {
		s, numeric, err := parseIndexScale(tc.in)
		if err != nil || s.Len() != tc.levels || numeric != tc.numeric {
			t.Errorf("%q: %v levels, numeric %t, %v", tc.in, s, numeric, err)
			continue
		}
		if numeric {
			top, _ := s.Level(0)
			if i, err := s.Index(top.Key); err != nil || i != 0 || !top.Points.Equal(s.FullMarks()) {
				t.Errorf("%q: top level %+v", tc.in, top)
			}
		}
	}
	for _, bad := range []string{"ten", "10-1", "1-1", "0-16", "1-10-2", "-1-5"} {
		if _, _, err := parseIndexScale(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if s, _, _ := parseIndexScale("1-10"); s.Name() != "1-10" {
		t.Errorf("scale %s", s.Name())
	}
}

// TestIndexACSIFivePoint: the defaults, ACSI on the five-level scale,
// on answers written as its labels (mobi's columns renamed to ACSI's
// indicators, 1–10 banded into five levels).
func TestIndexACSIFivePoint(t *testing.T) {
	b, err := os.ReadFile(mobi)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], ",") {
		col[h] = i
	}
	from := []string{"CUEX1", "CUEX2", "CUEX3", "PERQ1", "PERQ2", "PERQ3", "PERV1", "PERV2", "CUSA1", "CUSA2", "CUSA3", "CUSCO", "CUSL1", "CUSL3"}
	level := []string{"很不满意", "很不满意", "不满意", "不满意", "基本满意", "基本满意", "满意", "满意", "很满意", "很满意"}
	var out strings.Builder
	out.WriteString("表单编号," + strings.Join(csi.ACSI().Indicators(), ",") + "\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		row := []string{f[0]}
		for _, c := range from {
			v, err := strconv.Atoi(f[col[c]])
			if err != nil {
				t.Fatal(err)
			}
			row = append(row, level[v-1])
		}
		out.WriteString(strings.Join(row, ",") + "\n")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "answers.csv"), out.String())
	code, text, errs := runCLI(t, "index", "--boot", "20", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"模型 ACSI · 量表 五级评分（10/8/6/4/2分）", "答卷 250 份", "顾客满意 → 顾客忠诚", "目标潜变量：顾客忠诚"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}
