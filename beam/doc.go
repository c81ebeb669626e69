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
//	tables := csatbeam.CombineTables(s, csat.FivePoint(), csatbeam.KeyByCompanyPeriod(s, answers))
//	reports, failed := csatbeam.Reports(s, tables, nil)
//	csatbeam.WriteReports(s, "out", reports)
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
// or in which order it merges them. An overflowing count fails the job
// with an error wrapping [csat.ErrOverflow]; counts never wrap.
//
// [ReadTables] reads the same files into the same tables per company and
// period, counting each file into tables before the shuffle ([MergeFn]
// then merges them): a few elements per file instead of one per row,
// about three times as fast on Prism.
//
// [Reports] builds each key's [analysis.Report] ([analysis.Build]) with the
// method's scorers or, through an [InputFunc], with any [csat.Scorer],
// blend, history or target, and marshals it to the same JSON bytes the
// single-process path gives.
//
// # Registration
//
// The package registers its types, functions and the coder of
// *csat.Table with Beam in its init function. An [InputFunc] of yours
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
	beam.RegisterType(answerType)
	beam.RegisterType(keyType)
	beam.RegisterType(formType)
	beam.RegisterType(formKeyType)
	beam.RegisterType(failedFormType)
	beam.RegisterCoder(tableType, EncodeTable, DecodeTable)
	beam.RegisterCoder(statsType, encodeStats, decodeStats)

	register.DoFn4x1[context.Context, fileio.ReadableFile, func(Line), func(BadRow), error](&readLinesFn{})
	register.DoFn3x0[Line, func(Answer), func(BadRow)](&parseFn{})
	register.Function1x2(keyByCompanyPeriod)
	register.Combiner2[*csat.Table, Answer](&TableFn{})
	register.Combiner1[*csat.Table](&MergeFn{})
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(Key, *csat.Table), func(BadRow), error](&readTablesFn{})
	register.Emitter2[Key, *csat.Table]()
	register.DoFn4x0[beam.X, *csat.Table, func(beam.X, string), func(beam.X, string)](&reportFn{})
	register.DoFn3x1[context.Context, Key, string, error](&writeReportFn{})
	register.Function3x0(splitForms)
	register.DoFn5x0[FormKey, func(*Answer) bool, func(Answer), func(Key, form.Form), func(FailedForm)](&assembleFn{})
	register.Combiner3[*form.Stats, form.Form, *form.Stats](&FormsFn{})
	register.Function2x3(formsJSON)
	register.DoFn5x0[beam.X, func(**csat.Table) bool, func(**form.Stats) bool, func(beam.X, string), func(beam.X, string)](&formReportFn{})
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
	register.Emitter2[beam.X, string]()
}
