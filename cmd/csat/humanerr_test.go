package main

import (
	"bytes"
	"errors"
	"github.com/spf13/pflag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/io/sheet"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// A humanCase is one message of the error catalogue: bad files in a
// fresh directory, the flags given, and the message a person reads in
// Chinese and in English, word for word. The error is the one the
// command's loader (inputFlags.load) returns, or err's when set (a flag
// parser's).
type humanCase struct {
	name  string
	files map[string][]byte // in DIR
	arg   string            // the command's argument in DIR ("" for DIR itself)
	flags func(f *inputFlags, dir string)
	err   func(t *testing.T, dir string) error
	zh    string
	en    string
}

// defaultFlags are the loader's flags as the command's defaults set them.
func defaultFlags() *inputFlags {
	return &inputFlags{lang: "zh", encoding: "auto", layout: "auto", importance: "auto", deletion: "listwise", discount: "0.1"}
}

func text(s string) []byte { return []byte(s) }

func gbkText(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// workbook returns an .xlsx of one sheet named sheet with rows of text
// cells; a cell "TRUE" or "FALSE" is a boolean cell.
func workbook(t *testing.T, sheet string, rows [][]string) []byte {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, rec := range rows {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var err error
			if v == "TRUE" || v == "FALSE" {
				err = f.SetCellBool(sheet, cell, v == "TRUE")
			} else {
				err = f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stdFlagError returns the error the command gives for score's flags
// args, as its flag parser words it (cli.go's flagError).
func stdFlagError(args ...string) func(*testing.T, string) error {
	return func(*testing.T, string) error {
		fs := pflag.NewFlagSet("csat score", pflag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var f inputFlags
		f.register(fs)
		if err := fs.Parse(normalise(fs, args)); err != nil {
			return usageError{flagError(err)}
		}
		return nil
	}
}

func humanCases(t *testing.T) []humanCase {
	return slices.Concat(humanValueCases(t), humanFormatCases(t), humanXLSXCases(t), humanCommandCases(t), humanOutputCases())
}

// humanOutputCases are outputs the command refuses to write.
func humanOutputCases() []humanCase {
	return []humanCase{
		{name: "output exists", err: func(*testing.T, string) error { return output{path: "r.html"}.refuse(refExists, "") },
			zh: `r.html（-o）已存在：用 --force 替换它，或换一个文件名`,
			en: `r.html (-o) exists: give --force to replace it, or another file name`,
		},
		{name: "output is an input", err: func(*testing.T, string) error {
			return output{path: "a.csv", flag: "--xlsx"}.refuse(refIsInput, "data/a.csv")
		},
			zh: `a.csv（--xlsx）是输入文件 data/a.csv：输出从不替换输入`,
			en: `a.csv (--xlsx) is the input data/a.csv: an output never replaces an input`,
		},
	}
}

// humanValueCases are bad headers and values of CSV files.
func humanValueCases(t *testing.T) []humanCase {
	return []humanCase{
		{name: "unknown level (wide)", files: map[string][]byte{"answers.csv": text("表单编号,品质,交付\n1,满意,很满意\n2,好极了,满意\n")},
			zh: `DIR/answers.csv 第 3 行 B 列（“品质”）：“好极了”不是量表的等级；可填：很满意、满意、基本满意、不满意、很不满意`,
			en: `DIR/answers.csv, line 3, column B ("品质"): "好极了" is not a level of the scale; accepted: very satisfied, satisfied, basically satisfied, dissatisfied, very dissatisfied`,
		},
		{name: "unknown level (long)", files: map[string][]byte{"answers.csv": text("项目,来源,等级\n品质,survey,满意\n交付,survey,好极了\n")},
			zh: `DIR/answers.csv 第 3 行 C 列（“等级”）：项目“交付”的“好极了”不是量表的等级；可填：很满意、满意、基本满意、不满意、很不满意`,
			en: `DIR/answers.csv, line 3, column C ("等级"): item "交付": "好极了" is not a level of the scale; accepted: very satisfied, satisfied, basically satisfied, dissatisfied, very dissatisfied`,
		},
		{name: "first value of a column no level", files: map[string][]byte{"answers.csv": text("表单编号,提交日期,品质\n1,2026-03-01,满意\n")},
			zh: `DIR/answers.csv 第 2 行 B 列（“提交日期”）：“提交日期”列的第一个值“2026-03-01”不是量表的等级（可填：很满意、满意、基本满意、不满意、很不满意）：若这一列不是题目，用 --skip 提交日期 跳过它，或用 --segments 提交日期 作为分组列；否则请改正这个值`,
			en: `DIR/answers.csv, line 2, column B ("提交日期"): the first value "2026-03-01" of the column "提交日期" is not a level of the scale (accepted: very satisfied, satisfied, basically satisfied, dissatisfied, very dissatisfied): if the column is no item, skip it with --skip 提交日期, or make it a segment with --segments 提交日期; else correct the value`,
		},
		{name: "bad count", files: map[string][]byte{"answers.csv": text("项目,等级,数量\n品质,满意,三\n")},
			zh: `DIR/answers.csv 第 2 行 C 列（“数量”）：数量“三”不是 0 或正整数`,
			en: `DIR/answers.csv, line 2, column C ("数量"): the count "三" is not a whole number of 0 or more`,
		},
		{name: "bad number", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,满意\n"), "values.csv": text("客户,价值\nC1,12万\n")},
			zh: `DIR/values.csv 第 2 行 B 列（“价值”）：“12万”不是数字`,
			en: `DIR/values.csv, line 2, column B ("价值"): "12万" is not a number`,
		},
		{name: "column of the long layout in a wide file", files: map[string][]byte{"answers.csv": text("项目,来源,数量\n品质,survey,1\n")},
			zh: `DIR/answers.csv 第 1 行 A 列（“项目”）：“项目”列属于长表格式（每行一个项目和等级），而这个文件按宽表格式（每行一份问卷）读取：请检查表头，或用 --layout long`,
			en: `DIR/answers.csv, line 1, column A ("项目"): the column "项目" belongs to the long layout (an item and a level a row), but the file reads as wide (a form a row): check the header, or use --layout long`,
		},
		{name: "duplicate header", files: map[string][]byte{"answers.csv": text("项目,等级,等级\n品质,满意,满意\n")},
			zh: `DIR/answers.csv 第 1 行 C 列（“等级”）：“等级”列出现了两次：请删除或改名其中一列`,
			en: `DIR/answers.csv, line 1, column C ("等级"): the column "等级" is given twice: delete or rename one`,
		},
		{name: "unknown column", files: map[string][]byte{"answers.csv": text("项目,等级,颜色\n品质,满意,红\n")},
			zh: `DIR/answers.csv 第 1 行 C 列（“颜色”）：不认识的列“颜色”；可用的列：项目、等级、来源、数量、期间、表单编号、填表人、客户、总体满意度、重要度。其他列请用 --skip 颜色 跳过，或用 --segments 颜色 作为分组列`,
			en: `DIR/answers.csv, line 1, column C ("颜色"): unknown column "颜色"; the columns read are: item, level, source, count, period, form, respondent, customer, overall, importance. Skip another column with --skip 颜色, or make it a segment with --segments 颜色`,
		},
		{name: "no item columns", files: map[string][]byte{"answers.csv": text("表单编号,期间\n1,2026H1\n")},
			zh: `DIR/answers.csv 第 1 行：没有题目列：宽表每个题目一列；长表需要“项目”和“等级”两列`,
			en: `DIR/answers.csv, line 1: no item columns: a wide file has a column per item; a long one has item and level columns`,
		},
		{name: "channel as source", files: map[string][]byte{"answers.csv": text("表单编号,来源,品质\n1,微信,满意\n")},
			zh: `DIR/answers.csv 第 2 行 B 列（“来源”）：来源“微信”不可用；可填：survey、检查、self、自评、competitor、竞争对手。若这一列是问卷工具的渠道列，用 --skip 来源 跳过它`,
			en: `DIR/answers.csv, line 2, column B ("来源"): the source "微信" is not one accepted: survey, 检查, self, 自评, competitor, 竞争对手. If this is a survey tool's channel column, skip it with --skip 来源`,
		},
		{name: "item column empty in every row", files: map[string][]byte{"answers.csv": text("表单编号,品质,备用\n1,满意,\n2,很满意,\n")},
			zh: `DIR/answers.csv 第 1 行 C 列（“备用”）：“备用”列在所有行中都没有填写：若它不是题目，用 --skip 备用 跳过它，或用 --segments 备用 作为分组列`,
			en: `DIR/answers.csv, line 1, column C ("备用"): the column "备用" is empty in every row: if it is no item, skip it with --skip 备用, or make it a segment with --segments 备用`,
		},
		{name: "unknown item of an importance column", files: map[string][]byte{"answers.csv": text("表单编号,品质,重要度:服务\n1,满意,重要\n")},
			zh: `DIR/answers.csv 第 1 行 C 列（“重要度:服务”）：重要度列“重要度:服务”所说的项目“服务”没有对应的题目列`,
			en: `DIR/answers.csv, line 1, column C ("重要度:服务"): the importance column "重要度:服务" names the item "服务", which has no column`,
		},
	}
}

// humanFormatCases are CSV files of a bad encoding or syntax.
func humanFormatCases(t *testing.T) []humanCase {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("项目,等级\n品质,满意\n"))
	if err != nil {
		t.Fatal(err)
	}
	return []humanCase{
		{name: "empty file", files: map[string][]byte{"answers.csv": text("")},
			zh: `DIR/answers.csv：文件是空的：没有表头行`,
			en: `DIR/answers.csv: the file is empty: no header row`,
		},
		{name: "GBK file read as UTF-8", files: map[string][]byte{"answers.csv": gbkText(t, "项目,等级\n品质,满意\n")}, flags: func(f *inputFlags, _ string) { f.encoding = "utf-8" },
			zh: `DIR/answers.csv 第 1 行 A 列：文字不是 UTF-8 编码：文件可能是 GBK 编码（中文 Excel 保存的 CSV）；请加上 --encoding gbk 再试`,
			en: `DIR/answers.csv, line 1, column A: the text is not UTF-8: the file is probably GBK (a CSV saved by Chinese Excel); add --encoding gbk`,
		},
		{name: "UTF-16 file", files: map[string][]byte{"answers.csv": utf16},
			zh: `DIR/answers.csv 第 1 行：文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”`,
			en: `DIR/answers.csv, line 1: the file is UTF-16: save it from Excel as "CSV UTF-8 (Comma delimited)"`,
		},
		{name: "encoding that reads both ways", files: map[string][]byte{"answers.csv": text("item,level\ncafé,satisfied\n")},
			zh: `DIR/answers.csv 第 1 行：无法判断文件的编码（“é”既可读作 UTF-8 也可读作 GBK）：请加上 --encoding utf-8 或 --encoding gbk`,
			en: `DIR/answers.csv, line 1: the file's encoding cannot be told ("é" reads as UTF-8 and as GBK): add --encoding utf-8 or --encoding gbk`,
		},
		{name: "stray quote", files: map[string][]byte{"answers.csv": text("项目,来源,等级\n品质,sur\"vey,满意\n")},
			zh: `DIR/answers.csv 第 2 行 B 列（“来源”）：字段中间有引号（"）：含引号的字段要整个用引号括起来，里面的引号写两遍，如 "a ""b"" c"`,
			en: `DIR/answers.csv, line 2, column B ("来源"): a quote (") inside a field that does not start with one: put the whole field in quotes and double the quotes inside it, as in "a ""b"" c"`,
		},
		{name: "unterminated quote", files: map[string][]byte{"answers.csv": text("项目,来源,等级\n品质,survey,\"满意\n")},
			zh: `DIR/answers.csv 第 2 行 C 列（“等级”）：用引号括起的字段缺少结束的引号，或结束引号后、下一个逗号前还有文字`,
			en: `DIR/answers.csv, line 2, column C ("等级"): a field in quotes has no closing quote, or text after its closing quote before the next comma`,
		},
		{name: "row with too few fields", files: map[string][]byte{"answers.csv": text("项目,来源,等级\n品质,survey\n")},
			zh: `DIR/answers.csv 第 2 行：这一行的字段数与表头不同：少了或多了逗号？`,
			en: `DIR/answers.csv, line 2: this row has a different number of fields than the header: a comma missing or too many?`,
		},
		{name: "Excel error value in a CSV", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,#N/A\n")},
			zh: `DIR/answers.csv 第 2 行 B 列（“等级”）：“#N/A”是 Excel 公式的错误值，不是数据：请在 Excel 中改正公式`,
			en: `DIR/answers.csv, line 2, column B ("等级"): "#N/A" is an Excel formula's error value, not data: correct the formula in Excel`,
		},
		{name: "control character", files: map[string][]byte{"answers.csv": text("项目,等级\n品\x1b[31m质,满意\n")},
			zh: `DIR/answers.csv 第 2 行 A 列（“项目”）：“品\x1b[31m质”含有控制字符：请删除它`,
			en: `DIR/answers.csv, line 2, column A ("项目"): "品\x1b[31m质" holds a control character: delete it`,
		},
	}
}

// humanXLSXCases are bad workbooks.
func humanXLSXCases(t *testing.T) []humanCase {
	return []humanCase{
		{name: "XLSX unknown level", files: map[string][]byte{"answers.xlsx": workbook(t, "数据", [][]string{{"表单编号", "品质", "交付"}, {"1", "满意", "很满意"}, {"2", "满意", "好极了"}})},
			zh: `DIR/answers.xlsx 工作表“数据”单元格 C3（“交付”列）：“好极了”不是量表的等级；可填：很满意、满意、基本满意、不满意、很不满意`,
			en: `DIR/answers.xlsx, sheet "数据", cell C3 (column "交付"): "好极了" is not a level of the scale; accepted: very satisfied, satisfied, basically satisfied, dissatisfied, very dissatisfied`,
		},
		{name: "XLSX boolean cell", files: map[string][]byte{"answers.xlsx": workbook(t, "数据", [][]string{{"表单编号", "品质", "交付"}, {"1", "满意", "TRUE"}})},
			zh: `DIR/answers.xlsx 工作表“数据”单元格 C2（“交付”列）：单元格是逻辑值 TRUE，不是文本：请改写为文本`,
			en: `DIR/answers.xlsx, sheet "数据", cell C2 (column "交付"): the cell holds the logical value TRUE, not text: write it as text`,
		},
		{name: "XLSX missing sheet", files: map[string][]byte{"answers.xlsx": workbook(t, "数据", [][]string{{"项目", "等级"}, {"品质", "满意"}})}, flags: func(f *inputFlags, _ string) { f.sheet = "汇总" },
			zh: `工作簿 DIR/answers.xlsx 中没有工作表“汇总”；它的工作表有：“数据”。请用 --sheet 指定其中之一`,
			en: `the workbook DIR/answers.xlsx has no sheet "汇总"; its sheets are: "数据". Name one with --sheet`,
		},
		{name: "XLSX missing sheet (reader)", files: map[string][]byte{"answers.xlsx": workbook(t, "数据", [][]string{{"项目", "等级"}, {"品质", "满意"}})}, err: func(t *testing.T, dir string) error {
			_, _, err := readWithProgress(&env{stderr: io.Discard}, filepath.Join(dir, "answers.xlsx"), &sheet.Options{Sheet: "汇总"})
			return err
		},
			zh: `工作簿 DIR/answers.xlsx 中没有工作表“汇总”；它的工作表有：“数据”。请用 --sheet 指定其中之一`,
			en: `the workbook DIR/answers.xlsx has no sheet "汇总"; its sheets are: "数据". Name one with --sheet`,
		},
	}
}

// humanCommandCases are bad arguments and flags.
func humanCommandCases(t *testing.T) []humanCase {
	return []humanCase{
		{name: "bad date", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,满意\n"), "complaints.csv": text("编号,客户,收到,结果\nK1,C01,上周三,handled_very_satisfied\n")},
			zh: `DIR/complaints.csv 第 2 行 C 列（“收到”）：“上周三”不是日期或时间；请写成 2026-01-31 或 2026-01-31 14:30`,
			en: `DIR/complaints.csv, line 2, column C ("收到"): "上周三" is not a date or time; write 2026-01-31 or 2026-01-31 14:30`,
		},
		{name: "bad status", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,满意\n"), "customers.csv": text("客户,状态\nC01,暂停\n")},
			zh: `DIR/customers.csv 第 2 行 B 列（“状态”）：“暂停”不可用；可填：active、at_risk、lost、正常、风险、流失`,
			en: `DIR/customers.csv, line 2, column B ("状态"): "暂停" is not accepted; accepted: active, at_risk, lost, 正常, 风险, 流失`,
		},
		{name: "missing column", files: map[string][]byte{"answers.csv": text("项目,来源,数量\n品质,survey,1\n")}, flags: func(f *inputFlags, _ string) { f.layout = "long" },
			zh: `DIR/answers.csv 第 1 行：缺少“等级”列；表头可写：level、等级、评价`,
			en: `DIR/answers.csv, line 1: no "level" column; its header may be: level, 等级, 评价`,
		},
		{name: "empty period", files: map[string][]byte{"answers.csv": text("期间,表单编号,品质\n2026H1,1,满意\n,2,满意\n")},
			zh: `DIR/answers.csv 第 3 行 A 列（“期间”）：这个单元格不能为空`,
			en: `DIR/answers.csv, line 3, column A ("期间"): this cell must not be empty`,
		},
		{name: "bad period", files: map[string][]byte{"answers.csv": text("期间,项目,等级\n2025H2,品质,满意\n2026H1,品质,很满意\n")}, flags: func(f *inputFlags, _ string) { f.period = "2099H1" },
			zh: `DIR/answers.csv 中没有期间“2099H1”；它的期间有：2025H2、2026H1。请用 --period 指定其中之一`,
			en: `DIR/answers.csv has no period "2099H1"; its periods are: 2025H2, 2026H1. Name one with --period`,
		},
		{name: "file not found", arg: "answer.csv",
			zh: `找不到文件 DIR/answer.csv`,
			en: `file not found: DIR/answer.csv`,
		},
		{name: "file not found by flag", flags: func(f *inputFlags, dir string) { f.answers = filepath.Join(dir, "nope.csv") }, arg: "-",
			zh: `找不到文件 DIR/nope.csv（--answers）`,
			en: `file not found: DIR/nope.csv (--answers)`,
		},
		{name: "directory as a file", files: map[string][]byte{"answers.csv/x": nil},
			zh: `DIR/answers.csv（--answers）：是目录，这里要给一个文件`,
			en: `DIR/answers.csv (--answers) is a directory: give a file`,
		},
		{name: "directory without answers",
			zh: `没有答卷：请给出含有 answers.csv 或 answers.xlsx 的数据目录，或答卷文件，或用 --answers 指定`,
			en: `no answers: give a data directory holding answers.csv or answers.xlsx, an answers file, or --answers`,
		},
		{name: "rows rejected with --all", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,满意\n交付,好极了\n服务,\n")}, flags: func(f *inputFlags, _ string) { f.all = true },
			zh: "DIR/answers.csv：3 行数据中有 2 行有错：\n  DIR/answers.csv 第 3 行 B 列（“等级”）：项目“交付”的“好极了”不是量表的等级；可填：很满意、满意、基本满意、不满意、很不满意\n  DIR/answers.csv 第 4 行 B 列（“等级”）：这个单元格不能为空",
			en: "DIR/answers.csv: 2 of 3 rows have errors:\n  DIR/answers.csv, line 3, column B (\"等级\"): item \"交付\": \"好极了\" is not a level of the scale; accepted: very satisfied, satisfied, basically satisfied, dissatisfied, very dissatisfied\n  DIR/answers.csv, line 4, column B (\"等级\"): this cell must not be empty",
		},
		{name: "bad --encoding", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,满意\n")}, flags: func(f *inputFlags, _ string) { f.encoding = "latin1" },
			zh: `--encoding 的值“latin1”不可用；可用：auto、utf-8 或 gbk`,
			en: `--encoding "latin1" is not accepted; use auto, utf-8 or gbk`,
		},
		{name: "bad --lang", files: map[string][]byte{"answers.csv": text("项目,等级\n品质,满意\n")}, flags: func(f *inputFlags, _ string) { f.lang = "fr" },
			zh: `--lang 的值“fr”不可用；可用：zh 或 en`,
			en: `--lang "fr" is not accepted; use zh or en`,
		},
		{name: "unknown flag (as typed -colour)", err: stdFlagError("-colour", "red"),
			zh: `没有 -colour 这个选项；用 --help 查看可用的选项`,
			en: `there is no option -colour; see --help for the options`,
		},
		{name: "unknown flag (cobra)", err: func(*testing.T, string) error { return usageError{errors.New("unknown flag: --colour")} },
			zh: `没有 --colour 这个选项；用 --help 查看可用的选项`,
			en: `there is no option --colour; see --help for the options`,
		},
		{name: "bad flag value (-all=maybe)", err: stdFlagError("-all=maybe"),
			zh: `--all 的值“maybe”不可用：只能是 true 或 false`,
			en: `--all "maybe" is not accepted: use true or false`,
		},
		{name: "bad flag value (cobra)", err: func(*testing.T, string) error {
			return usageError{errors.New(`invalid argument "maybe" for "--all" flag: strconv.ParseBool: parsing "maybe": invalid syntax`)}
		},
			zh: `--all 的值“maybe”不可用：只能是 true 或 false`,
			en: `--all "maybe" is not accepted: use true or false`,
		},
		{name: "flag without its value", err: stdFlagError("-period"),
			zh: `--period 后面缺少它的值`,
			en: `--period needs a value after it`,
		},
	}
}

// TestHumanError checks every message of the catalogue word for word,
// in Chinese and in English: each names the file, the line and column
// (sheet and cell in a workbook), what was found and what is accepted,
// without "csat:" and without the library's sentinel words.
func TestHumanError(t *testing.T) {
	cases := humanCases(t)
	if len(cases) < 25 {
		t.Errorf("%d cases, want at least 25", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, b := range c.files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if c.err != nil {
				err = c.err(t, dir)
			} else {
				f := defaultFlags()
				if c.flags != nil {
					c.flags(f, dir)
				}
				arg := dir
				switch c.arg {
				case "":
				case "-":
					arg = ""
				default:
					arg = filepath.Join(dir, c.arg)
				}
				_, err = f.load(&env{stdout: io.Discard, stderr: io.Discard}, arg, "answers", nil)
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, l := range []struct{ lang, want string }{{"zh", c.zh}, {"en", c.en}} {
				got := strings.ReplaceAll(humanError(err, l.lang), dir, "DIR")
				if out := os.Getenv("HUMANERR_PRINT"); out != "" {
					appendLine(t, out, c.name+"\t"+l.lang+"\t"+strconv.Quote(got))
				}
				if got != l.want {
					t.Errorf("%s:\ngot  %s\nwant %s\n(error: %v)", l.lang, got, l.want, err)
				}
				for _, bad := range []string{"csat:", "invalid argument", "malformed input", "missing value", "unknown level", "unknown item", "no data"} {
					if strings.Contains(got, bad) {
						t.Errorf("%s: %q says %q", l.lang, got, bad)
					}
				}
			}
		})
	}
}

// appendLine appends a line to the file at path (HUMANERR_PRINT: the
// messages as they are, to review).
func appendLine(t *testing.T, path, line string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

// TestHumanErrorFallback checks an error of no known shape: its text
// without the repeated prefix and the sentinel's words.
func TestHumanErrorFallback(t *testing.T) {
	inner := &csat.Error{Part: "customer", Name: "C1", Err: csat.ErrMissing}
	err := errors.Join(errors.New("x.csv: csat: weights: "+inner.Error()), inner)
	want := "x.csv: weights: customer \"C1\"\ncustomer \"C1\""
	if got := humanError(err, "zh"); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if humanError(nil, "en") != "" {
		t.Error("a nil error has a message")
	}
}

// TestHumanErrorThroughRun runs the command on a bad file and checks
// that stderr carries humanError's message after the command's name.
func TestHumanErrorThroughRun(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "answers.csv")
	if err := os.WriteFile(path, []byte("表单编号,品质,交付\n1,满意,很满意\n2,好极了,满意\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	code := run(&env{stdout: io.Discard, stderr: &stderr}, []string{"score", "--lang", "en", path})
	want := path + `, line 3, column B ("品质"): "好极了" is not a level of the scale; accepted: very satisfied, satisfied, basically satisfied, dissatisfied, very dissatisfied`
	if code != exitData || !strings.Contains(stderr.String(), want) || strings.Contains(stderr.String(), "csat: ") {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), want)
	}
}

var _ = sheet.ReadSurvey
var _ = gbkText
var _ = workbook
var _ = stdFlagError
