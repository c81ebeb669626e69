package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/io/sheet"
)

// humanError returns the message a person reads for err, in lang ("zh"
// or "en"; anything else is zh): where the problem is (file, line and
// column with its letter and header; for a workbook its sheet and cell),
// what was found, what is accepted, and the flag that fixes it when one
// does (--encoding gbk, --sheet NAME, --period P, --skip COLUMN). It is
// built from the typed errors (csat.ParseError, csat.Error,
// sheet.ValueError, ColumnError, SheetError, RejectedError,
// fs.PathError) and from the command's own usage messages; an error of
// another shape is told by its text without the "csat: " prefixes and
// the humanSentinels' words ("invalid argument", "malformed input", …).
func humanError(err error, lang string) string {
	if err == nil {
		return ""
	}
	h := human{en: strings.EqualFold(lang, "en")}
	return h.message(err)
}

// human writes messages in one language.
type human struct{ en bool }

// t returns zh or en, in h's language.
func (h human) t(zh, en string) string {
	if h.en {
		return en
	}
	return zh
}

// q quotes a value found in the input: “…” in Chinese, "…" in English,
// escaped (a control character shows as \x1b), at most 40 bytes of it.
func (h human) q(s string) string {
	const limit = 40
	cut := ""
	if len(s) > limit {
		n := limit
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s, cut = s[:n], "…"
	}
	in := strconv.Quote(s)
	in = in[1 : len(in)-1]
	if h.en {
		return `"` + in + cut + `"`
	}
	return "“" + in + cut + "”"
}

// list joins values for a message: 很满意、满意 in Chinese, "a", "b" in
// English.
func (h human) list(vs []string, quoted bool) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v
		if quoted {
			out[i] = h.q(v)
		}
	}
	return strings.Join(out, h.t("、", ", "))
}

// colon joins a place and what is wrong there.
func (h human) colon(place, what string) string {
	return place + h.t("：", ": ") + what
}

func (h human) message(err error) string {
	// The top error only: a join's parts are told one by one, a
	// RejectedError (also a join) whole.
	if _, ok := err.(*sheet.RejectedError); !ok { //nolint:errorlint // see above
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			var parts []string
			for _, e := range j.Unwrap() {
				if e != nil {
					parts = append(parts, h.message(e))
				}
			}
			return strings.Join(parts, "\n")
		}
	}
	var rej *sheet.RejectedError
	var pe *csat.ParseError
	var se *sheet.SheetError
	switch {
	case errors.As(err, &rej):
		return h.rejected(rej)
	case errors.As(err, &pe):
		if errors.Is(pe.Err, csat.ErrEmpty) && pe.Line <= 1 && pe.Field == 0 && pe.File != "" {
			return h.colon(pe.File, h.t("文件是空的：没有表头行", "the file is empty: no header row"))
		}
		return h.colon(h.place(pe), h.reason(pe))
	case errors.As(err, &se):
		return h.sheet(se.File, se.Sheet, h.list(se.Sheets, true))
	}
	if s, ok := h.usage(err); ok {
		return s
	}
	var ce *csat.Error
	if errors.As(err, &ce) && ce.Part == "item" && errors.Is(err, csat.ErrUnknownItem) {
		return h.t(fmt.Sprintf("没有项目%s：%s", h.q(ce.Name), cleaned(ce.Err)), fmt.Sprintf("no item %s: %s", h.q(ce.Name), cleaned(ce.Err)))
	}
	return cleaned(err)
}

// rejected tells the rows a read with --all rejected, one a line.
func (h human) rejected(e *sheet.RejectedError) string {
	var b strings.Builder
	b.WriteString(h.t(fmt.Sprintf("%s：%d 行数据中有 %d 行有错：", e.File, e.Rows, e.Rejected),
		fmt.Sprintf("%s: %d of %d rows have errors:", e.File, e.Rejected, e.Rows)))
	for _, err := range e.Errs {
		b.WriteString("\n  " + h.message(err))
	}
	if n := e.Rejected - len(e.Errs); n > 0 {
		b.WriteString(h.t(fmt.Sprintf("\n  ……另有 %d 行", n), fmt.Sprintf("\n  … and %d more", n)))
	}
	return b.String()
}

// place names where a ParseError is: file, line, column letter and
// header; a workbook's sheet and cell.
func (h human) place(pe *csat.ParseError) string {
	file := pe.File
	if file == "" {
		file = h.t("输入", "the input")
	}
	header := ""
	if pe.Header != "" && pe.Field > 0 {
		header = h.t("（"+h.q(pe.Header)+"列）", " (column "+h.q(pe.Header)+")")
	}
	if pe.Sheet != "" {
		s := h.t(fmt.Sprintf("%s 工作表%s", file, h.q(pe.Sheet)), fmt.Sprintf("%s, sheet %s", file, h.q(pe.Sheet)))
		if pe.Cell != "" {
			return s + h.t("单元格 "+pe.Cell, ", cell "+pe.Cell) + header
		}
		return s + h.t(fmt.Sprintf("第 %d 行", pe.Line), fmt.Sprintf(", row %d", pe.Line))
	}
	s := h.t(fmt.Sprintf("%s 第 %d 行", file, pe.Line), fmt.Sprintf("%s, line %d", file, pe.Line))
	if pe.Field > 0 {
		letter := columnLetters(pe.Field)
		if pe.Header != "" {
			return s + h.t(fmt.Sprintf(" %s 列（%s）", letter, h.q(pe.Header)), fmt.Sprintf(", column %s (%s)", letter, h.q(pe.Header)))
		}
		return s + h.t(fmt.Sprintf(" %s 列", letter), ", column "+letter)
	}
	return s
}

// columnLetters returns a spreadsheet column's letters (A, AB) for its
// 1-based number.
func columnLetters(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// reason tells what is wrong at a ParseError's place.
func (h human) reason(pe *csat.ParseError) string {
	var ce *sheet.ColumnError
	var ve *sheet.ValueError
	switch {
	case errors.As(pe.Err, &ce):
		return h.column(ce)
	case errors.As(pe.Err, &ve):
		return h.value(ve, pe)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return h.t(`字段中间有引号（"）：含引号的字段要整个用引号括起来，里面的引号写两遍，如 "a ""b"" c"`,
			`a quote (") inside a field that does not start with one: put the whole field in quotes and double the quotes inside it, as in "a ""b"" c"`)
	case errors.Is(pe.Err, csv.ErrQuote):
		return h.t("用引号括起的字段缺少结束的引号，或结束引号后、下一个逗号前还有文字",
			"a field in quotes has no closing quote, or text after its closing quote before the next comma")
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return h.t("这一行的字段数与表头不同：少了或多了逗号？", "this row has a different number of fields than the header: a comma missing or too many?")
	}
	return cleaned(pe.Err)
}

// levels returns the names of a scale's levels in h's language.
func (h human) levels(s *csat.Scale) []string {
	var out []string
	for _, l := range s.Levels() {
		name := l.Key
		switch {
		case !h.en && l.LabelZH != "":
			name = l.LabelZH
		case l.Label != "":
			name = l.Label
		}
		out = append(out, name)
	}
	return out
}

// value tells a bad value.
func (h human) value(ve *sheet.ValueError, pe *csat.ParseError) string {
	v := h.q(ve.Value)
	switch ve.Kind {
	case "level":
		what := ""
		var item *csat.Error
		if errors.As(pe.Err, &item) && item.Part == "item" && item.Name != pe.Header {
			what = h.t("项目"+h.q(item.Name)+"的", "item "+h.q(item.Name)+": ")
		}
		if ve.Scale == nil {
			return h.t(fmt.Sprintf("%s%s不是量表的等级", what, v), fmt.Sprintf("%s%s is not a level of the scale", what, v))
		}
		return h.t(fmt.Sprintf("%s%s不是量表的等级；可填：%s", what, v, h.list(h.levels(ve.Scale), false)),
			fmt.Sprintf("%s%s is not a level of the scale; accepted: %s", what, v, h.list(h.levels(ve.Scale), false)))
	case "count":
		return h.t(fmt.Sprintf("数量%s不是 0 或正整数", v), fmt.Sprintf("the count %s is not a whole number of 0 or more", v))
	case "number":
		return h.t(fmt.Sprintf("%s不是数字", v), fmt.Sprintf("%s is not a number", v))
	case "time":
		return h.t(fmt.Sprintf("%s不是日期或时间；请写成 2026-01-31 或 2026-01-31 14:30", v),
			fmt.Sprintf("%s is not a date or time; write 2026-01-31 or 2026-01-31 14:30", v))
	case "source":
		return h.t(fmt.Sprintf("来源%s不可用；可填：%s。若这一列是问卷工具的渠道列，用 --skip %s 跳过它", v, h.list(ve.Accepted, false), pe.Header),
			fmt.Sprintf("the source %s is not one accepted: %s. If this is a survey tool's channel column, skip it with --skip %s", v, h.list(ve.Accepted, false), pe.Header))
	case "status", "yes/no":
		return h.t(fmt.Sprintf("%s不可用；可填：%s", v, h.list(ve.Accepted, false)),
			fmt.Sprintf("%s is not accepted; accepted: %s", v, h.list(ve.Accepted, false)))
	case "excel-error":
		return h.t(fmt.Sprintf("%s是 Excel 公式的错误值，不是数据：请在 Excel 中改正公式", v),
			fmt.Sprintf("%s is an Excel formula's error value, not data: correct the formula in Excel", v))
	case "boolean":
		return h.t(fmt.Sprintf("单元格是逻辑值 %s，不是文本：请改写为文本", ve.Value),
			fmt.Sprintf("the cell holds the logical value %s, not text: write it as text", ve.Value))
	case "formula":
		return h.t("公式没有保存计算结果：请在 Excel 中打开工作簿，重新计算后保存",
			"a formula without its calculated value: open the workbook in Excel, let it calculate, and save it")
	case "control":
		return h.t(fmt.Sprintf("%s含有控制字符：请删除它", v), fmt.Sprintf("%s holds a control character: delete it", v))
	case "not-utf8":
		return h.t("文字不是 UTF-8 编码：文件可能是 GBK 编码（中文 Excel 保存的 CSV）；请加上 --encoding gbk 再试",
			"the text is not UTF-8: the file is probably GBK (a CSV saved by Chinese Excel); add --encoding gbk")
	case "not-gbk":
		return h.t("文字不是 GBK 编码：请检查文件的编码，UTF-8 文件请用 --encoding utf-8",
			"the text is not GBK: check the file's encoding; for a UTF-8 file use --encoding utf-8")
	case "unnamed":
		return h.t(fmt.Sprintf("%s在没有表头的列中：请给这一列加上表头，或删除这个值", v),
			fmt.Sprintf("%s is in a column without a header: give the column a header, or delete the value", v))
	case "empty":
		return h.t("这个单元格不能为空", "this cell must not be empty")
	case "utf-16":
		return h.t("文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”", "the file is UTF-16: save it from Excel as \"CSV UTF-8 (Comma delimited)\"")
	case "encoding":
		return h.t(fmt.Sprintf("无法判断文件的编码（%s既可读作 UTF-8 也可读作 GBK）：请加上 --encoding utf-8 或 --encoding gbk", v),
			fmt.Sprintf("the file's encoding cannot be told (%s reads as UTF-8 and as GBK): add --encoding utf-8 or --encoding gbk", v))
	}
	return cleaned(ve)
}

// canonicalZH names the readers' canonical columns in Chinese.
var canonicalZH = map[string]string{
	"item": "项目", "source": "来源", "level": "等级", "count": "数量", "period": "期间", "form": "表单编号",
	"respondent": "填表人", "customer": "客户", "overall": "总体满意度", "importance": "重要度",
	"score": "问卷", "visit": "走访", "estimate": "估分", "status": "状态", "visited": "已走访", "id": "编号",
	"received": "收到时间", "first_response": "首次响应时间", "resolved": "解决时间", "channel": "渠道",
	"category": "类别", "outcome": "处理结果", "value": "价值", "margin": "毛利", "segment": "地区等分组列",
}

// columns names canonical columns in h's language.
func (h human) columns(cs []string) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c
		if zh, ok := canonicalZH[c]; ok && !h.en {
			out[i] = zh
		}
	}
	return h.list(out, false)
}

// column tells a bad column of a header.
func (h human) column(ce *sheet.ColumnError) string {
	c := h.q(ce.Column)
	switch ce.Kind {
	case "unknown":
		return h.t(fmt.Sprintf("不认识的列%s；可用的列：%s。其他列请用 --skip %s 跳过，或用 --segments %s 作为分组列", c, h.columns(ce.Accepted), ce.Column, ce.Column),
			fmt.Sprintf("unknown column %s; the columns read are: %s. Skip another column with --skip %s, or make it a segment with --segments %s", c, h.columns(ce.Accepted), ce.Column, ce.Column))
	case "missing":
		name := ce.Column
		if zh, ok := canonicalZH[name]; ok && !h.en {
			name = zh
		}
		return h.t(fmt.Sprintf("缺少%s列；表头可写：%s", h.q(name), h.list(ce.Accepted, false)),
			fmt.Sprintf("no %s column; its header may be: %s", h.q(name), h.list(ce.Accepted, false)))
	case "twice":
		return h.t(fmt.Sprintf("%s列出现了两次：请删除或改名其中一列", c), fmt.Sprintf("the column %s is given twice: delete or rename one", c))
	case "long-only":
		return h.t(fmt.Sprintf("%s列属于长表格式（每行一个项目和等级），而这个文件按宽表格式（每行一份问卷）读取：请检查表头，或用 --layout long", c),
			fmt.Sprintf("the column %s belongs to the long layout (an item and a level a row), but the file reads as wide (a form a row): check the header, or use --layout long", c))
	case "no-items":
		return h.t("没有题目列：宽表每个题目一列；长表需要“项目”和“等级”两列", "no item columns: a wide file has a column per item; a long one has item and level columns")
	case "empty":
		return h.t(fmt.Sprintf("%s列在所有行中都没有填写：若它不是题目，用 --skip %s 跳过它，或用 --segments %s 作为分组列", c, ce.Column, ce.Column),
			fmt.Sprintf("the column %s is empty in every row: if it is no item, skip it with --skip %s, or make it a segment with --segments %s", c, ce.Column, ce.Column))
	case "not-items":
		var ve *sheet.ValueError
		first, accepted := "", ""
		if errors.As(ce.Err, &ve) {
			first = h.q(ve.Value)
			if ve.Scale != nil {
				accepted = h.list(h.levels(ve.Scale), false)
			}
		}
		return h.t(fmt.Sprintf("%s列的第一个值%s不是量表的等级（可填：%s）：若这一列不是题目，用 --skip %s 跳过它，或用 --segments %s 作为分组列；否则请改正这个值", c, first, accepted, ce.Column, ce.Column),
			fmt.Sprintf("the first value %s of the column %s is not a level of the scale (accepted: %s): if the column is no item, skip it with --skip %s, or make it a segment with --segments %s; else correct the value", first, c, accepted, ce.Column, ce.Column))
	case "unknown-item":
		item := ""
		if len(ce.Accepted) > 0 {
			item = h.q(ce.Accepted[0])
		}
		return h.t(fmt.Sprintf("重要度列%s所说的项目%s没有对应的题目列", c, item), fmt.Sprintf("the importance column %s names the item %s, which has no column", c, item))
	}
	return cleaned(ce)
}

// sheet tells a sheet a workbook does not have.
func (h human) sheet(file, name, sheets string) string {
	return h.t(fmt.Sprintf("工作簿 %s 中没有工作表%s；它的工作表有：%s。请用 --sheet 指定其中之一", file, h.q(name), sheets),
		fmt.Sprintf("the workbook %s has no sheet %s; its sheets are: %s. Name one with --sheet", file, h.q(name), sheets))
}

// The command's own usage messages (load.go, main.go) and those of its
// flag parser (the standard flag package, or cobra's pflag), matched by
// their shape: they carry no typed error.
var (
	rePeriod    = regexp.MustCompile(`^-period ("(?:[^"\\]|\\.)*"): (.+) has periods (.+): ` + regexp.QuoteMeta(csat.ErrMissing.Error()) + `$`)
	reSheet     = regexp.MustCompile(`^-sheet ("(?:[^"\\]|\\.)*"): (.+) has the sheets (.+): ` + regexp.QuoteMeta(csat.ErrMissing.Error()) + `$`)
	reChoice    = regexp.MustCompile(`^-(encoding|lang|layout) ("(?:[^"\\]|\\.)*"): want (.+)$`)
	reNoFlag    = regexp.MustCompile(`^(?:flag provided but not defined: -+|unknown flag: --|unknown shorthand flag: '.' in -)(\S+)$`)
	reFlagValue = regexp.MustCompile(`^(?:invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-+|invalid argument ("(?:[^"\\]|\\.)*") for "(?:-\w, )?--)([\w-]+)"?(?: flag)?: (.+)$`)
	reQuoted    = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	reFlagArg   = regexp.MustCompile(`^flag needs an argument: (?:'.' in )?-+(\S+)$`)
	reNoAnswers = regexp.MustCompile(`^(.+): no answers: ` + regexp.QuoteMeta(csat.ErrEmpty.Error()) + `$`)
)

// usage tells the command's usage errors and unreadable inputs.
func (h human) usage(err error) (string, bool) {
	var fp *flagProblem
	if errors.As(err, &fp) {
		return h.flag(fp), true
	}
	msg := err.Error()
	if m := rePeriod.FindStringSubmatch(msg); m != nil {
		v, _ := strconv.Unquote(m[1])
		return h.t(fmt.Sprintf("%s 中没有期间%s；它的期间有：%s。请用 --period 指定其中之一", m[2], h.q(v), strings.ReplaceAll(m[3], ", ", "、")),
			fmt.Sprintf("%s has no period %s; its periods are: %s. Name one with --period", m[2], h.q(v), m[3])), true
	}
	if m := reSheet.FindStringSubmatch(msg); m != nil {
		v, _ := strconv.Unquote(m[1])
		var sheets []string
		for _, s := range reQuoted.FindAllString(m[3], -1) {
			u, _ := strconv.Unquote(s)
			sheets = append(sheets, u)
		}
		return h.sheet(m[2], v, h.list(sheets, true)), true
	}
	if m := reChoice.FindStringSubmatch(msg); m != nil {
		v, _ := strconv.Unquote(m[2])
		return h.t(fmt.Sprintf("--%s 的值%s不可用；可用：%s", m[1], h.q(v), wantZH(m[3])),
			fmt.Sprintf("--%s %s is not accepted; use %s", m[1], h.q(v), m[3])), true
	}
	if m := reNoFlag.FindStringSubmatch(msg); m != nil {
		return h.t(fmt.Sprintf("没有 --%s 这个选项；用 --help 查看可用的选项", m[1]), fmt.Sprintf("there is no option --%s; see --help for the options", m[1])), true
	}
	if m := reFlagValue.FindStringSubmatch(msg); m != nil {
		v, _ := strconv.Unquote(m[1] + m[2])
		return h.flagValue(m[3], v, m[4]), true
	}
	if m := reFlagArg.FindStringSubmatch(msg); m != nil {
		return h.t(fmt.Sprintf("--%s 后面缺少它的值", m[1]), fmt.Sprintf("--%s needs a value after it", m[1])), true
	}
	if strings.HasPrefix(msg, "no answers: give a data directory") {
		return h.t("没有答卷：请给出含有 answers.csv 或 answers.xlsx 的数据目录，或答卷文件，或用 --answers 指定",
			"no answers: give a data directory holding answers.csv or answers.xlsx, an answers file, or --answers"), true
	}
	if m := reNoAnswers.FindStringSubmatch(msg); m != nil {
		return h.t(fmt.Sprintf("%s 中没有答案：所有问卷都是空白的", m[1]), fmt.Sprintf("%s holds no answers: every form is blank", m[1])), true
	}
	return h.file(err, msg)
}

// flag tells a flag the parser refused.
func (h human) flag(p *flagProblem) string {
	switch p.kind {
	case flagUnknown:
		return h.t(fmt.Sprintf("没有 %s 这个选项；用 --help 查看可用的选项", p.flag), fmt.Sprintf("there is no option %s; see --help for the options", p.flag))
	case flagNoValue:
		return h.t(fmt.Sprintf("%s 后面缺少它的值", p.flag), fmt.Sprintf("%s needs a value after it", p.flag))
	}
	s := h.t(fmt.Sprintf("%s 的值%s不可用", p.flag, h.q(p.value)), fmt.Sprintf("%s %s is not accepted", p.flag, h.q(p.value)))
	switch p.want {
	case wantBool:
		return s + h.t("：只能是 true 或 false", ": use true or false")
	case wantWhole:
		return s + h.t("：要填一个整数", ": give a whole number")
	}
	return s
}

// flagValue tells a flag value its parser refused for reason.
func (h human) flagValue(name, v, reason string) string {
	s := h.t(fmt.Sprintf("--%s 的值%s不可用", name, h.q(v)), fmt.Sprintf("--%s %s is not accepted", name, h.q(v)))
	switch {
	case strings.Contains(reason, "ParseBool") || reason == "parse error":
		return s + h.t("：只能是 true 或 false", ": use true or false")
	case strings.Contains(reason, "ParseInt") || strings.Contains(reason, "ParseUint") || strings.Contains(reason, "ParseFloat"):
		return s + h.t("：要填一个数", ": give a number")
	}
	return s + h.t("：", ": ") + cleanText(reason)
}

// wantZH turns a flag's accepted values "a, b or c" into Chinese.
func wantZH(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, " or ", " 或 "), ", ", "、")
}

// file tells an input file that is missing, unreadable or a directory.
func (h human) file(err error, msg string) (string, bool) {
	var pe *fs.PathError
	name := ""
	if errors.As(err, &pe) {
		name = pe.Path
	}
	var o outputError
	if errors.As(err, &o) {
		var r *refusal
		if errors.As(err, &r) {
			return h.refusal(r), true
		}
		return h.output(msg, pe)
	}
	if strings.HasSuffix(msg, ": is a directory: give a file") {
		name = strings.TrimSuffix(msg, ": is a directory: give a file")
		return h.t(fmt.Sprintf("%s：是目录，这里要给一个文件", h.flagName(name)), fmt.Sprintf("%s is a directory: give a file", h.flagName(name))), true
	}
	inner := err
	if pe != nil {
		inner = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if name == "" {
			name = strings.TrimSuffix(msg, ": "+innermost(inner).Error())
		}
		return h.t(fmt.Sprintf("找不到文件 %s", h.flagName(name)), fmt.Sprintf("file not found: %s", h.flagName(name))), true
	case errors.Is(err, fs.ErrPermission):
		if name == "" {
			name = strings.TrimSuffix(msg, ": "+innermost(inner).Error())
		}
		return h.t(fmt.Sprintf("没有权限读取文件 %s", h.flagName(name)), fmt.Sprintf("no permission to read the file %s", h.flagName(name))), true
	}
	return "", false
}

// refusal tells an output the command may not write.
func (h human) refusal(r *refusal) string {
	out := h.flagName(r.flag + " " + r.path)
	switch r.kind {
	case refIsDir:
		return h.t(out+"是目录：请给出文件名", out+" is a directory: give a file name")
	case refNotRegular:
		return h.t(out+"不是普通文件（设备或管道）：请给出文件名，或用 - 表示标准输出", out+" is not a regular file (a device, a pipe): give a file name, or - for standard output")
	case refExists:
		return h.t(out+"已存在：用 --force 替换它，或换一个文件名", out+" exists: give --force to replace it, or another file name")
	case refNoDir:
		return h.t(out+"："+r.other+" 不是目录", out+": "+r.other+" is not a directory")
	}
	return h.t(out+"是输入文件 "+r.other+"：输出从不替换输入", out+" is the input "+r.other+": an output never replaces an input")
}

// output tells an output that cannot be written: its directory does not
// exist, or the system refused the write.
func (h human) output(msg string, pe *fs.PathError) (string, bool) {
	out, _, _ := strings.Cut(msg, ": ")
	out = h.flagName(out)
	switch {
	case pe != nil && errors.Is(pe, fs.ErrNotExist):
		return h.t(fmt.Sprintf("无法写入 %s：目录 %s 不存在", out, pe.Path), fmt.Sprintf("cannot write %s: the directory %s does not exist", out, pe.Path)), true
	case pe != nil && errors.Is(pe, fs.ErrPermission):
		return h.t(fmt.Sprintf("无法写入 %s：没有写入 %s 的权限", out, pe.Path), fmt.Sprintf("cannot write %s: no permission to write %s", out, pe.Path)), true
	}
	return "", false
}

// flagName writes "-answers FILE" (a file named by its flag) as
// "FILE（--answers）", "FILE (--answers)" in English.
func (h human) flagName(s string) string {
	if f, file, ok := strings.Cut(s, " "); ok && strings.HasPrefix(f, "-") {
		f = strings.TrimLeft(f, "-")
		if len(f) > 1 {
			f = "-" + f // a long flag, --answers; a short one stays -o
		}
		return file + h.t("（-"+f+"）", " (-"+f+")")
	}
	return s
}

// innermost returns the last error of err's chain.
func innermost(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// humanSentinels are the errors whose words ("invalid argument", …) end the
// library's messages: a person is told the rest.
var humanSentinels = []error{
	csat.ErrInvalidScale, csat.ErrUnknownLevel, csat.ErrOverflow, csat.ErrEmpty, csat.ErrScaleMismatch,
	csat.ErrKindMismatch, csat.ErrCorrupt, csat.ErrWeightsMismatch, csat.ErrNegative, csat.ErrDuplicate,
	csat.ErrMissing, csat.ErrUnknownItem, csat.ErrOutOfRange, csat.ErrInvalid, csat.ErrOutOfBand,
	csat.ErrUnknownOutcome, csat.ErrBadTimes, csat.ErrTooFew, csat.ErrSyntax,
}

// cleaned returns err's text for an error of no known shape: without
// the "csat: " prefixes (an error wrapping a csat error inside a text of
// its own prints it again) and without the humanSentinels' words.
func cleaned(err error) string { return cleanText(err.Error()) }

func cleanText(msg string) string {
	msg = strings.ReplaceAll(msg, "csat: ", "")
	for _, s := range humanSentinels {
		w, plain := ": "+s.Error(), sentinelWords[s]
		if plain != "" {
			plain = ": " + plain
		}
		msg = strings.ReplaceAll(msg, w+"\n", plain+"\n")
		if m, ok := strings.CutSuffix(msg, w); ok {
			msg = m + plain
		}
	}
	return msg
}

// sentinelWords say in plain words the reasons that a message may carry
// nothing else of: a negative value, a name given twice. The other
// sentinels' words add nothing a person needs and are left out.
var sentinelWords = map[error]string{
	csat.ErrNegative:        "must not be negative",
	csat.ErrDuplicate:       "given twice",
	csat.ErrWeightsMismatch: "the weights do not add up",
	csat.ErrTooFew:          "too few",
}
