// Package sheet reads the files a quality manager keeps for a
// customer-satisfaction survey — survey answers and the returned forms,
// customers' attributes, per-customer PVC inputs, complaints, customer
// values and purchases — from CSV or Excel .xlsx,
// into the values of the library [github.com/csatkit/csat]. The command
// csat reads its inputs through it; Go programs can use it directly.
//
//	surveys, sum, err := sheet.ReadSurvey("answers.xlsx", nil)
//	if err != nil {
//		log.Fatal(err) // csat: answers.xlsx line 7, field 3: scale "five-point": no level "满意度": unknown level
//	}
//	fmt.Printf("%s: %d forms, %d answers, %d blank\n", sum.File, sum.Forms, sum.Answers, sum.Unanswered)
//	east := surveys[0].Forms.Group("地区", "华东") // the forms of one region
//
// # Files
//
// A file is a table: a header row naming the columns, then one data row
// per line (a spreadsheet's row). Headers are matched in English (any
// case; a space or hyphen stands for an underscore) or Chinese; columns
// may come in any order. A column the layout does not know is an error,
// so that nothing is silently ignored (in the wide layout, it is an item),
// except a note column (note, 备注) and the meta columns of survey tools
// (提交时间, IP, …; see the wide layout), which are skipped and listed in
// [Summary.Ignored], and a column with an empty header, whose cells must
// be empty; a customers' attributes file reads its customer and segment
// columns and skips every other (see there). Fields are trimmed of
// surrounding space.
//
// CSV files are RFC 4180 (comma-separated, "quoted" fields with "" for a
// quote) in UTF-8 with or without a byte-order mark, or GBK as Chinese
// Excel saves "CSV (逗号分隔)" by default: with [EncodingAuto] a file that
// starts with a UTF-8 byte-order mark, or whose first 64 KiB are valid
// UTF-8 (a character cut by the 64 KiB boundary is not held against it),
// is UTF-8, and any other GBK (decoded as its superset GB18030). Valid
// UTF-8 whose only non-ASCII characters take two bytes (é, ü) reads as
// GBK Chinese too (GBK 茅 is UTF-8 é): such a file is an error asking for
// the encoding ([GuessEncoding]), never a silent guess. A GBK file whose
// first 64 KiB happen to be ASCII is read as UTF-8 and stops at its first
// non-UTF-8 field with an error that suggests [EncodingGBK]. UTF-16 files
// are refused. A record (a line, or several when a quoted field holds
// line breaks) may hold at most [MaxLine] bytes.
//
// Every field of every file, CSV or XLSX, is put in Unicode normal form C,
// so that a name typed as é or as e + ◌́ is one name; a control character
// other than line feed and tab, or a spreadsheet's error value exported as
// text (#N/A, #REF!, …), rejects its row with an error naming the field.
//
// XLSX files are read from the first visible worksheet (hidden sheets
// and chart sheets are passed over), or [Options.Sheet];
// [Summary.Sheet] names the sheet read. The sheet's XML is streamed and
// read strictly: a decode error anywhere (a part cut short, a character
// XML forbids, a damaged archive) stops the read with an error wrapping
// [csat.ErrSyntax] that names the sheet and the row. Cells are read as
// stored, not as displayed: numbers in full, rounded to 15 significant
// digits as Excel shows them; a date cell (a serial day number of the
// 1900 date system) is a time; a workbook in the 1904 date system is
// refused. A cell that cannot be read faithfully rejects its row with an
// error naming the cell: an error value (#N/A, #REF!, …), a boolean
// (TRUE is not 1), a formula without its cached value, a shared-string
// index past the table, a control character. The header is the first
// row that is not blank.
//
// A workbook is read within limits, each refused with an error wrapping
// [csat.ErrOutOfRange] that names it: [MaxXLSXSize] bytes unzipped for
// the parts read (parts not read, such as pictures, cost nothing),
// [MaxSharedStrings] shared strings of [MaxSharedStringsSize] bytes in
// all, [MaxRows] rows and [MaxColumns] columns (Excel's own), [MaxLine]
// bytes in a cell and in a row's cells together, 4 MiB in an XML tag or
// text run, elements nested 64 deep.
//
// # Answers: the long layout
//
// One row per answer, or per count of equal answers. Columns:
//
//	item        项目          required: the item rated
//	level       等级, 评价    required: a key, English or Chinese label of the scale;
//	                          empty on a form's row: the item left blank
//	source      来源          survey/检查, self/自评, competitor/竞争对手 or any other name
//	                          (in the wide layout, one of those three);
//	                          empty or no column: [Options.Source], default survey
//	count       数量          a non-negative integer; no column: 1; on a form's row 1 or empty
//	period      期间          the period; no column: [Options.Period], default "current"
//	form        表单, 表单编号, 问卷编号, 答卷编号, form_id, 编号, id
//	                          the form's id: rows sharing it are one form
//	respondent  填表人        who filled the form in
//	customer    客户          the customer the form speaks for
//	overall     总体满意度, 总体评价
//	                          the form's answer to the overall question (a level; empty: none)
//	importance  重要度, 重要性 the stated importance of the row's item (a level of [Options.Importance])
//	segments    地区, 区域, region, 行业, industry, 规模, 客户规模, size,
//	            ABC, ABC分类, 客户等级, class, and the headers of [Options.Segments]
//	                          the form's value of the dimension named by the header
//
// For example, the method's worked survey item 功能 (METHOD.md §2):
//
//	期间,项目,来源,等级,数量
//	2025H1,功能,检查,很满意,3
//	2025H1,功能,检查,满意,1
//	2025H1,功能,检查,不满意,1
//	2025H1,功能,自评,very_satisfied,2
//
// The library's own CSV form (item,source,level,count, read by
// [csat.ReadTableCSV]) is a long file.
//
// The rows of a form are consecutive: a form id that comes back after
// another form of its period is an error wrapping [csat.ErrDuplicate]
// naming the line where the form started (only the current form is held
// in memory). Its rows must agree on source, respondent, customer,
// overall answer and segment values (else [csat.ErrInvalid] naming the
// line where the form started); an item given twice on one form wraps
// [csat.ErrDuplicate]. A row without a form id (no form column, or an
// empty cell) is an answer on no form, or a count of them: it goes into
// the table only, counted in [Summary.Loose], and may give no segment
// value, overall answer or importance. Segment, overall and importance
// columns need a form column.
//
// # Answers: the wide layout
//
// One row per returned form, one column per item, as survey tools export
// it: each item cell holds the level the form gave (key or label), an
// empty cell an item the form left blank (counted in
// [Summary.Unanswered]). The columns period, source, form, respondent,
// customer, the overall question and the segments are read as in the long
// layout, and
//
//	重要度:ITEM, 重要性:ITEM, importance:ITEM   (a colon or a full-width colon ：)
//	                          the stated importance of item ITEM, on [Options.Importance]
//
// Columns skipped by name, and listed in [Summary.Ignored], in either
// layout: note (备注, notes), the meta columns of survey tools 序号,
// 提交时间, 提交答卷时间, 开始时间, 结束时间, 答题时长, 所用时间, IP,
// 来源IP, 来自IP, 来源详情, submitted, start_time and end_time, and the
// headers of [Options.Skip].
// Every other column is an item named by its header, or, with
// [Options.Items], the columns it names are the items (renamed) and the
// others are skipped and listed in [Summary.Ignored]. A column read as an
// item whose first non-empty cell is not a level (a meta column of
// another name) is reported as such: "column 填写时间 (field 2) holds no
// levels of scale five-point: … skip it (Options.Skip; csat --skip) or
// make it a segment (Options.Segments; csat --segments)", an error
// wrapping [csat.ErrUnknownLevel]; one whose every cell is empty (in a
// file with data rows) fails the read at its end with an error wrapping
// [csat.ErrInvalid] that names the column ("column 微信 (field 7) holds
// no level in any row: skip it …"), so that it does not count as a
// question every form left blank, unless [Options.Items] names it (a
// question nobody answered). A source column (来源) may hold survey/检查,
// self/自评 or competitor/竞争对手 only: any other value (微信, 手机提交) is
// most likely the channel column of a survey tool such as 问卷星, and is
// an error wrapping [csat.ErrInvalid] that suggests skipping it. A survey
// tool's export:
//
//	表单编号,提交时间,客户,地区,行业,规模,品质,交货,服务,价格,总体满意度
//	F001,2026-03-02 09:13,C08,华东,管材,小,基本满意,满意,很不满意,很满意,满意
//	F002,2026-03-03 10:26,C15,华南,型材,大,满意,很满意,满意,很满意,很满意
//
// reads with no option: forms F001 and F002, 提交时间 skipped, the
// dimensions 地区, 行业 and 规模, four items and the overall question.
//
// With [LayoutAuto] a header with both an item and a level column is
// long, any other wide.
//
// A form id given twice in one period of the wide layout rejects the
// second row, naming the first's line.
//
// # Forms and customer groups
//
// [ReadSurvey] keeps the returned forms (答卷): each row of the wide
// layout, each run of rows sharing a form id in the long layout, is a
// [form.Form] — id, source, period, customer, respondent, the level per
// item (blank allowed), the overall answer and stated importance, and its
// segment attributes, dimension → value, the dimension being the segment
// column's header as written (地区 华东, 规模 大). [Options.Attributes]
// joins more attributes by the form's customer, as [ReadAttributes] reads
// them from a customers file; a dimension that the file and the join give
// different values for one form is an error wrapping [csat.ErrInvalid]
// naming the line and the customer. Each period's forms are counted into
// a [form.Stats] (forms, blanks, tallies per item and per group, joint
// counts), from which package analysis breaks the survey down by customer
// group. [ReadAnswers] reads the same files into tables only.
//
// # Customers' attributes
//
// One row per customer ([ReadAttributes] → customer id → dimension →
// value): a customer column (customer, 客户) and segment columns, each an
// attribute named by its header: those recognised in an answers file
// (地区, 区域, region, 行业, industry, 规模, 客户规模, size, ABC, ABC分类,
// 客户等级, class) and the headers of [Options.Segments]. An empty cell is
// no value. Every other column (客户名称, 联系电话, notes, …) is skipped
// and listed in [Summary.Ignored], so that personal data never becomes a
// breakdown; name a column in Options.Segments to make it an attribute:
//
//	客户,客户名称,地区,行业,规模,ABC分类
//	C01,华南管业,华南,管材,中,A
//	C02,东方型材,华东,型材,小,A
//
// Answers are grouped by period into [Survey] (or [csat.Period]) values in the order of
// their meaning ([SortPeriods]: 2026-9 before 2026-10; row order does not
// matter), each with a [csat.Table] of [Options.Scale]; periods that
// cannot be ordered (names that are not periods, or overlap) are an
// error, unless there is only one.
// [WriteAnswers] writes periods in either layout, as CSV or XLSX, and the
// readers read the same tallies back.
//
// # Customers
//
// The per-customer inputs of the PVC method (METHOD.md §5), one row per
// customer and item ([ReadCustomers] → [csat.Customer]):
//
//	customer   客户            required: the customer's id
//	item       项目            the item (name or key of the scorer's tree)
//	score      问卷            the questionnaire score of the item, 0–100
//	visit      走访            the visit level of the item: key or label of [Options.Bands]
//	estimate   估计, 估分      a score inside the visit level's band; empty: the band's point
//	status     状态            active/正常, at_risk/风险, lost/流失 (default active)
//	visited    已走访          yes/是 or no/否: whether the customer was visited
//
// Scores and visit levels of one item may share a row or not; a
// customer's rows need not be adjacent. A customer with a score has a
// questionnaire; one with a visit level, or visited yes, has a visit
// (with no item mentioned if it has no level). A row with only the
// customer (and status or visited) is allowed. For the worked example of
// METHOD.md §5 (some items left out):
//
//	客户,项目,问卷,走访,估计,状态
//	C001,品质,92,很满意,,正常
//	C001,包装,85,比较不满意,,
//	C001,价格和付款,60,比较满意,65,
//	C001,运输,70,,,
//
// # Complaints
//
// One row per complaint ([ReadComplaints] → [csat.Complaint]):
//
//	id              编号                    required, unique
//	outcome         结果, 处理结果          required: key, English or Chinese label of the outcome,
//	                                        or 未处理, 不满意, 不太满意, 基本满意, 满意, 很满意
//	customer        客户                    the customer's id
//	received        收到, 收到时间          when it came in
//	first_response  首次响应, 首次响应时间  the first response; empty if none yet
//	resolved        解决, 解决时间          when it was closed; empty while open
//	channel         渠道                    phone, e-mail, visit, …
//	category        类别                    quality, delivery, service, …
//
// Times are RFC 3339 (2025-03-01T09:30:00+08:00), 2025-03-01 09:30[:00],
// 2025-03-01, or with slashes (2025/3/1 9:30), in [Options.Location]
// (default UTC) when they name no zone:
//
//	编号,客户,收到,首次响应,解决,渠道,类别,结果
//	K01,C001,2025-03-01 09:30,2025-03-01 11:00,2025-03-02,电话,质量,处理，客户基本满意
//	K02,C001,2025-04-10,,,邮件,交货,未处理
//
// # Values and purchases
//
// Customer values to segment by ([ReadValues] → [csat.CustomerValue]),
// a CLV or any exact figure, one row per customer:
//
//	customer  客户           required, unique
//	value     价值, clv       required: a decimal number
//
//	客户,价值
//	C001,2051.09
//	C002,800
//
// Or purchases, from which the caller computes each customer's CLV with
// [csat.CLV] ([ReadPurchases] → margins per customer, one per period of
// the file in the order of their meaning ([SortPeriods]), summed within a
// period, 0 where the customer has none):
//
//	customer  客户    required
//	period    期间    required: the period (ordered by meaning: 2025-9, 2025-10, 2026, …)
//	margin    毛利    required: a decimal number, may be negative
//
//	客户,期间,毛利
//	C001,2026,1000
//	C001,2027,800
//	C002,2027,500
//
// # Errors and the summary
//
// Every reader returns a [Summary] of rows read, accepted, rejected and
// blank (empty lines and rows of empty fields are skipped and counted,
// never taken for data), and of forms, answers, blanks and answers on no
// form. A bad row
// is a [*csat.ParseError] naming the file (as given), its line (the
// spreadsheet's row; for a field of a multi-line quoted CSV record, the
// line the field starts on), its field number (1-based; for a CSV
// syntax error, also the byte column, counted in the UTF-8 text after
// decoding) and the field's header once the header is read; an XLSX
// error names its sheet and cell (F2) too, and its text says them instead
// of line and field. It wraps the reason, so that [errors.Is] matches the
// library's sentinels ([csat.ErrUnknownLevel], [csat.ErrMissing],
// [csat.ErrSyntax] with encoding/csv's own error, …); a bad value's
// reason is a [*ValueError] (the value found, and what is accepted), a
// bad header's a [*ColumnError], for a program to tell a person in its
// own words what is wrong.
//
// By default the first bad row stops the read: its error is returned and
// no data. With [Options.CollectAll] the read goes on; the data of the
// accepted rows is returned together with a [*RejectedError] that wraps
// every row error (the first [Options.MaxErrors] of them; the rest are
// counted), or nil when no row was rejected. A rejected row changes
// nothing. A bad header, an unreadable file or workbook and an overlong
// line stop the read in both modes, and no data is returned.
//
// # Memory
//
// CSV rows and XLSX sheets are streamed (an XLSX workbook given as a
// reader is read into memory first, at most [MaxXLSXSize] bytes; its
// shared strings are held, within their limits), and answers are
// counted into tallies and forms into form statistics as they come:
// memory grows with the number of distinct periods, items, sources and
// segment values (or customers, complaints), not with the number of rows;
// forms cost a 16-byte fingerprint each (about 55 bytes with the map),
// to refuse a form id given twice, and the long layout holds the current
// form only.
package sheet
