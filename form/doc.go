// Package form keeps the returned survey form (答卷) as data and
// aggregates forms into exact, mergeable sufficient statistics: the
// counts behind every per-form and per-group figure of METHOD.md §12.
//
// A [Form] is one questionnaire: its id, source, period, customer and
// respondent, its segment attributes (dimension → value: 地区 华东, 行业
// 管材, 规模 大, the customer's ABC class), the level it gave each item
// (blank allowed), and optionally the overall question (总体满意度) and
// the stated importance of each item (重要度). [Stats] counts forms, not
// answers: per source and per group (a value of a dimension) the forms,
// each item's tally and blanks, the overall question's and the stated
// importance's tallies; per source the joint counts of every pair of
// variables, from which [Stats.Moments] gives exact co-moments for
// correlation and regression, the sums of each answer pattern, from
// which [Stats.Matrix] gives listwise co-moments, and each customer's
// forms and its answers pooled over items ([Stats.CustomerTally]: the
// per-customer degree that METHOD.md §12 sets against complaints and
// churn). Memory grows with items, sources, group values, customers and
// answer patterns (at most [MaxPatterns] per source), never with forms;
// Stats merge exactly, so shards of forms give the same statistics bit
// for bit in any order, and encode to JSON and binary for shipping.
//
//	st, _ := form.New(csat.FivePoint(), nil)
//	err := st.Add(form.Form{
//		ID:      "F001",
//		Attrs:   map[string]string{"地区": "华东", "规模": "大"},
//		Answers: map[string]string{"品质": "很满意", "交货": "满意", "价格": ""},
//	})
//	t, _ := st.Table()                  // the csat.Table of every answer
//	east := st.Group("地区", "华东")      // the same statistics for one region
//	fmt.Println(st.Forms("survey"), st.Blanks("价格", "survey"), east.Forms("survey"))
//
// # Co-moments, pairwise and listwise
//
// [Stats.Matrix] gives the co-moments of several variables (items, and
// [Overall], the overall question): the input of correlation and of the
// regression behind derived importance. Under [Pairwise] deletion each
// entry rests on the forms that answered its two variables; under
// [Listwise] deletion (METHOD.md §12: "over forms complete on them")
// every entry rests on the forms that answered all the variables. To
// give it for any variables without keeping forms, Stats keep per answer
// pattern (the set of variables a form answered) the number of its forms
// and the sums of their points and of the products of their points,
// exactly: as integers in the least unit of the scale's points, wide
// enough never to overflow. The forms complete on some variables are
// those of the patterns that hold them all. A survey whose blanks are
// scattered shows many patterns: Stats keep at most [MaxPatterns] per
// source, those of most variables first, and count the forms of the
// others; listwise co-moments of no more variables than such a pattern
// has are then an error wrapping [csat.ErrOverflow], never a wrong
// figure.
//
// The analysis report (package github.com/csatkit/csat/analysis) breaks
// the survey down by every dimension from these statistics; the readers
// of package github.com/csatkit/csat/io/sheet fill forms from survey
// exports.
package form
