package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/xuri/excelize/v2"
)

const exampleInit = `  csat init mydata                 # a new directory of templates
  csat init mydata --force         # into a directory that holds files already

DIR receives every file a data directory may hold, as CSV (UTF-8 with a
byte-order mark, so that Excel opens it as it is), each with its header
and two example rows to replace with yours, and template.xlsx, one
Excel workbook with the same tables, a sheet per file, and README.txt
(中文 and English) saying what each file is. "csat report mydata" reads
the directory as it is: delete the files you do not keep.

An existing directory that is not empty is refused (exit code 3) unless
--force, which replaces the files of these names and leaves the others.`

// A templateFile is one file of the template data directory: its name,
// what it holds (Chinese, English), its header and two example rows.
type templateFile struct {
	name   string
	inDir  bool // written as NAME.csv in the directory; else only a sheet of the workbook
	zh, en string
	rows   [][]string
}

// templateWorkbook is the name of the workbook of every template table.
const templateWorkbook = "template.xlsx"

// templateFiles are the files of a data directory (load.go: locate), in
// the order of the report. Their examples agree with each other: the
// customers C01 and C02, the item 交货期, the period 2026H1.
var templateFiles = []templateFile{
	{"answers", true, "问卷答案（必需）：每行一个答项；来源 = 检查（顾客调查）、自评 或 竞争对手；没有 自评 行则不计算 自评40% + 检查60% 的整体满意度；也可用一行一份答卷的宽表（问卷星导出）",
		"survey answers (required): one answer per row; source (来源) = 检查 survey, 自评 self-assessment or 竞争对手 competitor; without 自评 rows there is no 40/60 blend; a wide export (one form per row) is read too",
		[][]string{
			{"期间", "表单编号", "客户", "项目", "来源", "等级"},
			{"2026H1", "F001", "C01", "交货期", "检查", "满意"},
			{"2026H1", "S001", "", "交货期", "自评", "很满意"},
		}},
	{"customers", true, "客户评分（PVC 法）：每个客户每个项目一行；项目为 PVC 法的项目（品质、包装、使用性、运输、价格和付款、接待、程序、问题处理、技术支持和服务），问卷 0–100 分，走访等级（很满意、满意、比较满意、比较不满意、…），状态 正常/风险/流失",
		"per-customer scores (PVC method): one row per customer and item of the PVC method (品质, 包装, 使用性, 运输, 价格和付款, 接待, 程序, 问题处理, 技术支持和服务); questionnaire score 0–100, visit level, status active/at risk/lost",
		[][]string{
			{"客户", "项目", "问卷", "走访", "估计", "状态", "已走访"},
			{"C01", "品质", "", "满意", "", "正常", "是"},
			{"C02", "运输", "", "比较满意", "65", "风险", "是"},
		}},
	{"complaints", true, "投诉：每起投诉一行；结果 为 未处理、不满意、基本满意、满意、很满意 等；未解决的投诉 解决 留空",
		"complaints: one per row; outcome (结果) 未处理 not handled, 不满意, 基本满意, 满意, 很满意; resolved (解决) empty while open",
		[][]string{
			{"编号", "客户", "收到", "首次响应", "解决", "渠道", "类别", "结果"},
			{"K01", "C01", "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-03 10:00", "电话", "交货", "基本满意"},
			{"K02", "C02", "2026-04-10 08:00", "", "", "邮件", "质量", "未处理"},
		}},
	{"values", true, "客户价值（ABC 分类）：每个客户一行；或用 purchases（毛利）代替，二者只留一个",
		"customer values (ABC classes): one row per customer; or purchases instead, keep one of the two",
		[][]string{
			{"客户", "价值"},
			{"C01", "50000"},
			{"C02", "20000"},
		}},
	{"purchases", false, "各期毛利（计算客户终身价值 CLV）：代替 values；仅在 template.xlsx 中，用时另存为 purchases.csv 并删去 values.csv",
		"margins per period (for the customer lifetime value): instead of values; in template.xlsx only: save it as purchases.csv and delete values.csv",
		[][]string{
			{"客户", "期间", "毛利"},
			{"C01", "2025", "1000"},
			{"C02", "2025", "500"},
		}},
	{"targets", true, "历年满意度（计算平均先进指标）：每年一行，百分数或小数",
		"past yearly figures (for the average-advanced target): one row per year, percentages or fractions",
		[][]string{
			{"年度", "满意度", "满意率"},
			{"2024", "75%", "82%"},
			{"2025", "78%", "85%"},
		}},
	{"actions", true, "纠正/预防措施：类型 corrective（纠正）或 preventive（预防），状态 planned、in_progress、done 或 verified",
		"corrective and preventive actions: kind corrective or preventive, status planned, in_progress, done or verified",
		[][]string{
			{"项目", "类型", "原因", "措施", "责任人", "期限", "状态"},
			{"交货期", "corrective", "排产计划与销售预测脱节", "每周产销协调会", "生产部 王工", "2026-09-30", "in_progress"},
			{"交货期", "preventive", "关键客户订单无单独排产", "关键客户订单单独排产", "计划部 刘工", "2026-10-31", "planned"},
		}},
	{"attributes", true, "客户属性（按客户分组比较）：地区、行业、规模、ABC分类 等列；其它列（客户名称、电话）不参与统计",
		"customers' attributes (breakdowns by group): 地区 region, 行业 industry, 规模 size, ABC class; other columns (name, phone) are skipped",
		[][]string{
			{"客户", "客户名称", "地区", "行业", "规模"},
			{"C01", "华南管业", "华南", "管材", "中"},
			{"C02", "东方型材", "华东", "型材", "小"},
		}},
	{"sent", true, "各层发放问卷数（计算回收率）：第一列为分层（地区 等），发放，最少回收",
		"forms sent per stratum (for the response rate): the first column names the stratum (地区, …), then sent (发放) and the minimum returned (最少回收)",
		[][]string{
			{"地区", "发放", "最少回收"},
			{"华南", "20", "5"},
			{"华东", "10", "5"},
		}},
	{"benchmarks", true, "标杆：指标 满意度 或 满意率，项目 留空为总体，行业平均、行业领先、世界领先",
		"benchmarks: figure 满意度 (degree) or 满意率 (rate), item empty for the overall figure, industry average, leader, world leader",
		[][]string{
			{"指标", "项目", "行业平均", "行业领先", "世界领先"},
			{"满意度", "", "75%", "85%", "90%"},
			{"满意率", "交货期", "80%", "90%", "95%"},
		}},
}

// utf8BOM starts every text file init writes: Excel reads a CSV without
// it as the system's code page.
const utf8BOM = "\uFEFF"

func initCommand(fs *pflag.FlagSet) runner {
	force := fs.Bool("force", false, "write into a directory that is not empty (files of the template's names are replaced)")
	return func(e *env, args []string) error { return runInit(e, args, *force) }
}

func runInit(e *env, args []string, force bool) error {
	if len(args) != 1 {
		return usagef("give one directory to write the templates to, e.g. csat init mydata (got %d arguments)", len(args))
	}
	dir := args[0]
	if err := initDir(dir, force); err != nil {
		return err
	}
	var written []string
	put := func(name string, fill func(w io.Writer) error) error {
		o := output{path: filepath.Join(dir, name), force: true, flag: "init"}
		if err := o.write(e, nil, fill); err != nil {
			return err
		}
		written = append(written, name)
		return nil
	}
	for _, tf := range templateFiles {
		if !tf.inDir {
			continue
		}
		if err := put(tf.name+".csv", func(w io.Writer) error { return writeTemplateCSV(w, tf.rows) }); err != nil {
			return err
		}
	}
	if err := put(templateWorkbook, writeTemplateWorkbook); err != nil {
		return err
	}
	if err := put("README.txt", func(w io.Writer) error { _, err := io.WriteString(w, templateReadme()); return err }); err != nil {
		return err
	}
	_, _ = fmt.Fprintf(e.stderr, "wrote %s: %s\nFill them in (delete the files you do not keep), then: csat report %s\n",
		escapeName(dir), strings.Join(written, ", "), escapeName(dir)) // the files are written: a lost notice is harmless
	return nil
}

// initDir makes dir if it does not exist, and refuses one that is not a
// directory, or not empty without force.
func initDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return outputError{fmt.Errorf("init %s: %w", dir, err)}
		}
		return nil
	case err != nil:
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			return outputError{fmt.Errorf("%s is a file: give a new or empty directory", dir)}
		}
		return outputError{fmt.Errorf("init %s: %w", dir, err)}
	case len(entries) > 0 && !force:
		return outputError{fmt.Errorf("%s is not empty (%d entries): give a new or empty directory, or --force to write the templates into it (files of their names are replaced)", dir, len(entries))}
	}
	return nil
}

// writeTemplateCSV writes rows as CSV, UTF-8 with a byte-order mark and
// CRLF line ends, as Excel saves "CSV UTF-8".
func writeTemplateCSV(w io.Writer, rows [][]string) error {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeTemplateWorkbook writes every template table to one workbook, a
// sheet per file named as the file (answers, customers, …), its header
// bold. Whole numbers are numbers; every other cell is text.
func writeTemplateWorkbook(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, tf := range templateFiles {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", tf.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(tf.name); err != nil {
			return err
		}
		if err := fillSheet(f, tf, bold); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// fillSheet writes one template table to its sheet.
func fillSheet(f *excelize.File, tf templateFile, bold int) error {
	for r, row := range tf.rows {
		cells := make([]any, len(row))
		for c, v := range row {
			cells[c] = v
			if n, err := strconv.Atoi(v); err == nil && r > 0 && strconv.Itoa(n) == v {
				cells[c] = n
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(tf.name, cell, &cells); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(tf.rows[0]), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(tf.name, "A1", last, bold); err != nil {
		return err
	}
	col, err := excelize.ColumnNumberToName(len(tf.rows[0]))
	if err != nil {
		return err
	}
	return f.SetColWidth(tf.name, "A", col, 16)
}

// templateReadme is README.txt of the template directory, in Chinese
// then English.
func templateReadme() string {
	var b strings.Builder
	b.WriteString(utf8BOM)
	b.WriteString("csat 数据目录模板\r\n================\r\n\r\n")
	b.WriteString("每个文件都有表头和两行示例，请换成自己的数据；不用的文件请删除（只有 answers 是必需的）。\r\n")
	b.WriteString("文件可以是 CSV（UTF-8 或 GBK）或 Excel .xlsx（同名，二者只留一个；targets、actions、sent、benchmarks 只能是 CSV）。\r\n")
	b.WriteString("template.xlsx 在一个工作簿中包含所有表格，每个文件一个工作表；也可直接读取，例如：\r\n")
	b.WriteString("  csat score --answers template.xlsx --sheet answers\r\n")
	b.WriteString("表头可用中文或英文；各列的说明见 csat 仓库中的 docs/input.md，或运行 csat report --help。\r\n\r\n")
	for _, tf := range templateFiles {
		fmt.Fprintf(&b, "  %-11s %s\r\n", tf.name, tf.zh)
	}
	b.WriteString("\r\n填好后运行：csat report 目录名    （得到 report.html）\r\n\r\n\r\n")
	b.WriteString("csat data directory template\r\n============================\r\n\r\n")
	b.WriteString("Each file has its header and two example rows: replace them with your data; delete the files you do not keep (only answers is required).\r\n")
	b.WriteString("A file may be CSV (UTF-8 or GBK) or Excel .xlsx (of the same name; keep one of the two; targets, actions, sent and benchmarks are CSV only).\r\n")
	b.WriteString("template.xlsx holds every table in one workbook, a sheet per file; it is read as it is too, e.g.\r\n")
	b.WriteString("  csat score --answers template.xlsx --sheet answers\r\n")
	b.WriteString("Headers may be Chinese or English; every column is described in docs/input.md of the csat repository, and by csat report --help.\r\n\r\n")
	for _, tf := range templateFiles {
		fmt.Fprintf(&b, "  %-11s %s\r\n", tf.name, tf.en)
	}
	b.WriteString("\r\nThen run: csat report DIR    (writes report.html)\r\n")
	return b.String()
}
