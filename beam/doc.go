// Package csatbeam runs csat on Apache Beam: many companies' surveys,
// many periods, scored on Dataflow, Flink, Spark or the local Prism
// runner with the same figures, bit for bit, as the single-process
// library.
//
//	import csatbeam "github.com/csatkit/csat/beam"
//
// It lives in its own module so that the library itself stays free of
// Beam's dependencies.
//
// # Pipeline
//
// A pipeline reads answers, counts them per key into tables and scores
// each table:
//
//	answers, bad := csatbeam.Read(s, csat.FivePoint(), "in/*.csv", nil)
//	tables, uncounted := csatbeam.CombineTables(s, csat.FivePoint(), csatbeam.KeyByCompanyPeriod(s, answers))
//	reports, failed := csatbeam.Reports(s, tables, nil)
//	csatbeam.WriteReports(s, "out", reports)
//	// bad, uncounted and failed: the dead letter and the keys without a report
//
// [Read] reads the long CSV format with key columns, one answer row per
// line under a header row per file,
//
//	company,period,item,source,level,count
//	acme,2025Q1,功能,survey,很满意,3
//
// (columns in any order, count optional), or JSON lines (one object per
// line with the same names). Every line that cannot be read or parsed is
// a [BadRow] in the dead letter, with its file, 1-based line number and
// error: a bad row never stops the job, and none is dropped unreported.
// A record must fit on one line: a quoted CSV field cannot hold a
// newline.
//
// [CombineTables] is Beam's CombinePerKey with [TableFn], whose
// accumulator is a [csat.Table] — the library's mergeable accumulator —
// encoded between workers with the library's binary encoding and merged
// with [csat.Table.Merge]: exact, associative and commutative, so the
// tables do not depend on how the runner splits the input into bundles
// or in which order it merges them. A count that would pass 2⁶⁴ − 1
// fails its key, not the job: the key is in CombineTables' failures
// with an error wrapping [csat.ErrOverflow] that names the cells, the
// same whatever the bundles (see [Counting]); counts never wrap. Before
// the combiner, the answers of a bundle that differ in their count only
// are summed, so that it takes a few elements per bundle.
//
// [ReadTables] reads the same files into the same tables per company and
// period, counting each file into tables before the shuffle ([MergeFn]
// then merges them): a few elements per file instead of one per row,
// several times as fast on Prism.
//
// [Reports] builds each key's [analysis.Report] ([analysis.Build]) with the
// method's scorers or, through an [InputFunc], with any [csat.Scorer],
// blend, history or target, and marshals it to the same JSON bytes the
// single-process path gives.
//
// # Failures
//
// One policy: what is wrong with one line is a [BadRow], with one form
// a [FailedForm], with one key (a count past 2⁶⁴ − 1, a report that
// cannot be built, an [InputFunc] or scorer that returns an error or
// panics) a failure of that key, KV<K, string> with the reason; the
// other lines, forms and keys go on. Only what is wrong with the job
// itself fails it: a file that cannot be opened or read, a glob without
// a wildcard (or, with [Options].RequireFiles, any glob) that matches
// nothing, an [InputFunc] that is not registered, an [Answer] not of
// the scale (a bug of the program that made it), a write that fails.
//
// # Outputs
//
// [OpenOutput] and [Output.Commit] make a run's directory one a
// scheduler can trust: the pipeline writes into a staging directory,
// and only a job that succeeded is moved into place, with its empty
// outputs present, a summary of its counters ([SummaryName]) and, last,
// a manifest of every file ([ManifestName]); a directory that holds a
// previous run is refused unless told to replace it ([ErrOutputUsed]).
//
// # Forms
//
// A returned survey form (答卷) is more than its answers (答项): the
// report counts forms and blanks and breaks the survey down by customer
// group (region, industry, size, ABC class) from the forms' sufficient
// statistics, a [form.Stats]. Long rows carry their form in optional
// columns (or JSON keys): the form id (form, 表单, 表单编号, 问卷编号,
// 答卷编号, form_id), respondent (填表人), customer (客户), overall (总体满意度,
// 总体评价: the form's answer to the overall question, a level of the
// scale, on any of its rows), importance (重要度, 重要性: the stated
// importance of the row's item, on [form.ImportanceScale]), and segment
// columns — 地区 (区域, region), 行业 (industry), 规模 (客户规模, size), ABC
// (ABC分类, 客户等级, class) and any named in [Options].Segments —, each
// naming the dimension of its values as written:
//
//	company,period,表单编号,source,item,level,地区,规模
//	acme,2025Q1,F001,survey,品质,很满意,华东,大
//	acme,2025Q1,F001,survey,价格,,华东,大
//
// On a row with a form id an empty level is a [Blank] (the item left
// unanswered) and a count, if given, must be 1. A row without a form id
// is an answer on no form, counted in the tables only, as before; a
// respondent, customer or segment value on it is a bad row.
//
//	answers, bad := csatbeam.Read(s, sc, "in/*", nil)
//	counted, forms, failedForms := csatbeam.AssembleForms(s, sc, answers, nil)
//	tables, uncounted := csatbeam.CombineTables(s, sc, csatbeam.KeyByCompanyPeriod(s, counted))
//	stats := csatbeam.CombineForms(s, sc, forms)
//	reports, failed := csatbeam.FormReports(s, tables, stats, uncounted, nil)
//	csatbeam.WriteForms(s, "out/forms", stats)
//
// A form's rows may be in any files: [AssembleForms] brings the rows of
// each company, period and form id together with a GroupByKey and builds
// the [form.Form]; rows that disagree (an item on two rows, two sources,
// two values of a dimension, two respondents, customers or overall
// answers) make a
// [FailedForm] that names the form, its rows and the reason, and none of
// its rows counts anywhere. An empty segment, respondent or customer
// cell is no value: the form's value is the one its other rows give. The
// answers it passes on are those on no form and those of the forms
// built, so the tables hold exactly the answers the forms and the
// loose rows give.
//
// [CombineForms] is CombinePerKey with [FormsFn], whose accumulator is
// a [form.Stats]: encoded between workers with its checksummed binary
// encoding and merged with [form.Stats.Merge], exact, associative and
// commutative. The statistics per key are therefore those of one
// process adding the same forms with [form.Stats.Add], bit for bit
// (equal, and the same JSON bytes), however the forms are split over
// files and bundles. [WriteForms] writes them as JSON per key;
// [FormReports] builds each key's report with its table and forms
// ([analysis.Input].Forms).
//
// Worked example: testdata/forms holds acme's 2025Q1 survey, six forms
// in two regions (华东, 华南) and three sizes (大, 中, 小), F003's rows
// split over a CSV and a JSON-lines file and F006 giving 品质 twice. The
// pipeline above gives one [FailedForm] (F006, 2 rows, "item "品质" is on
// 2 rows") and one form.Stats: 5 survey forms, 华东 3 (F001, F002, F005)
// and 华南 2, 大 2, 中 1 and 小 2, 价格 left blank on 2 forms; the table
// holds the 13 answers of those forms and the 3 self-assessment rows,
// which have no form id.
//
// # Registration
//
// The package registers its types, functions and the coders of
// *csat.Table and *form.Stats, and of [Key], [FormKey] and [Answer]
// (their fields in order, without reflection), with Beam in its init
// function. An [InputFunc] of yours
// must be registered with beam.RegisterFunction in an init function of
// your program, as Beam requires of every function it ships to workers.
package csatbeam

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

func init() {
	beam.RegisterType(lineType)
	beam.RegisterType(badRowType)
	beam.RegisterCoder(answerType, encodeAnswer, decodeAnswer)
	beam.RegisterCoder(keyType, encodeKey, decodeKey)
	beam.RegisterType(formType)
	beam.RegisterCoder(formKeyType, encodeFormKey, decodeFormKey)
	beam.RegisterType(failedFormType)
	beam.RegisterCoder(tableType, EncodeTable, DecodeTable)
	beam.RegisterCoder(countingType, encodeCounting, decodeCounting)
	beam.RegisterCoder(statsType, encodeStats, decodeStats)

	register.Function1x1(encodeAnswer)
	register.Function1x2(decodeAnswer)
	register.Function1x1(encodeKey)
	register.Function1x2(decodeKey)
	register.Function1x1(encodeFormKey)
	register.Function1x2(decodeFormKey)
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(Line), func(BadRow), error](&readLinesFn{})
	register.DoFn4x0[context.Context, Line, func(Answer), func(BadRow)](&parseFn{})
	register.Function1x2(keyByCompanyPeriod)
	register.DoFn5x0[beam.Window, beam.EventTime, beam.X, Answer, func(beam.EventTime, beam.X, Answer)](&sumAnswersFn{})
	register.Emitter3[beam.EventTime, beam.X, Answer]()
	register.Combiner2[*Counting, Answer](&TableFn{})
	register.Combiner1[*Counting](&MergeFn{})
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(Key, *Counting), func(BadRow), error](&readTablesFn{})
	register.Emitter2[Key, *Counting]()
	register.DoFn5x0[context.Context, beam.X, *Counting, func(beam.X, *csat.Table), func(beam.X, string)](&splitCountedFn{})
	register.Emitter2[beam.X, *csat.Table]()
	register.Function2x2(toCounting)
	register.DoFn5x0[context.Context, beam.X, *csat.Table, func(beam.X, string), func(beam.X, string)](&reportFn{})
	register.DoFn3x1[context.Context, Key, string, error](&writeReportFn{})
	register.DoFn5x0[beam.Window, beam.EventTime, Answer, func(beam.EventTime, Answer), func(FormKey, Answer)](&splitFn{})
	register.DoFn6x0[context.Context, FormKey, func(*Answer) bool, func(Answer), func(Key, form.Form), func(FailedForm)](&assembleFn{})
	register.Combiner3[*form.Stats, form.Form, *form.Stats](&FormsFn{})
	register.Function2x3(formsJSON)
	register.DoFn7x0[context.Context, beam.X, func(**csat.Table) bool, func(**form.Stats) bool, func(*string) bool, func(beam.X, string), func(beam.X, string)](&formReportFn{})
	register.Iter1[string]()
	register.Iter1[Answer]()
	register.Iter1[*csat.Table]()
	register.Iter1[*form.Stats]()
	register.Emitter2[FormKey, Answer]()
	register.Emitter2[Key, form.Form]()
	register.Emitter1[FailedForm]()
	register.Emitter2[Key, string]()
	register.Emitter1[Line]()
	register.Emitter1[BadRow]()
	register.Emitter1[Answer]()
	register.Emitter2[beam.EventTime, Answer]()
	register.Emitter2[beam.X, string]()
}
