// Package importance ranks the items of a survey by their importance to
// the customers (METHOD.md §12): stated importance (the mean of an
// importance rating, 重要度) and derived importance (Pearson's r with the
// overall question, the exact Shapley/LMG decomposition of R², Johnson's
// relative weights), all from the exact co-moments of package form.
//
// Every method is a [Method]: Importance(Input) (Set, error). The
// built-ins are [Stated], [Correlation], [Shapley] and [RelativeWeights];
// [Given] wraps an importance computed elsewhere (a random forest's, a
// PLS model's) so that it goes wherever a built-in goes. A [Set] holds
// the items ranked (rank 1 the most important; tied values share a rank,
// ties listed by item name), what the figures rest on (the source, the
// target, the deletion and the number of forms) and, for the methods
// that decompose it, R²; [Set.Explain] prints it all, and each value is
// a [csat.Result] that prints its own derivation with the numbers
// substituted.
//
// # The worked example
//
// Ten forms rate 品质 (quality), 交货 (delivery) and 价格 (price) on the
// five-level scale (很满意 10 … 很不满意 2 points) with the overall
// question (总体满意度), and state each item's importance (很重要 5 …
// 不重要 1). The example of this package (example_test.go) counts them
// into [form.Stats]; the figures below are its output, checked there and
// against an independent computation in exact fractions (Python).
//
// # Stated importance
//
// The mean rating of each item on the importance scale, exact, with a t
// interval: 品质 47/10 = 4.7 [4.35, 5] (clipped at the scale's top), 交货
// 4.5 [4.12, 4.88], 价格 3 [2.52, 3.48]. Every item ranked needs a stated
// importance: items without are an error naming them.
//
// # Derived importance: which forms, against what
//
// The derived methods regress the overall question on the items. They
// read the co-moments of [form.Stats.Matrix] over the forms the deletion
// keeps: [form.Listwise] (the zero value) the forms complete on the items
// and the overall question, so that every figure rests on the same forms
// ([Set.Forms] says how many); [form.Pairwise] each pair's own forms
// (more forms per figure, but the covariance matrix may then be no
// covariance matrix at all: R² outside [0, 1] is an error that says so
// and suggests listwise deletion). [Input.Matrix] takes co-moments from
// elsewhere (continuous measures, another tool's export) instead.
//
// Without any overall answer on the source's forms, [Correlation] falls
// back to a documented proxy, the item–rest correlation (each item
// against the mean of the form's other items, [TargetItemRest]); the
// methods that decompose R² need the overall question and say so.
//
// # Correlation
//
// Pearson's r of each item with the overall question. r² is an exact
// fraction, r its signed square root rounded once to [csat.Precision]
// places: 品质 r = √(648/1573) ≈ 0.6418, 交货 √(32/117) ≈ 0.5230, 价格
// √(27/1222) ≈ 0.1486.
//
// # R² and its Shapley decomposition
//
// The co-moments are exact, so every regression solves exactly: R² of a
// subset S of the items is c_Sᵀ C_SS⁻¹ c_S / s_yy (C the covariances of
// the items, c their covariances with the overall question, s_yy its
// variance), computed by fraction-free Gaussian elimination in integers.
// A singular C_SS (a constant item, identical or collinear items) is
// handled by projecting on the span of the others: the item adds
// nothing. R² of the example is 3373/5928 ≈ 56.9%.
//
// [Shapley] divides R² among the items by the Shapley value of the
// regression game (LMG, general dominance): each item's gain in R² when
// it joins a subset S of the others, weighted by the share of the orders
// of the items in which S comes first,
//
//	share_j = Σ_{S ⊆ others} |S|!(p − |S| − 1)!/p! × (R²(S ∪ {j}) − R²(S))
//
// The shares are exact fractions and sum exactly to R². In the example,
// from the R² of the eight subsets (品质 41.2%, 交货 27.35%, 价格 2.21%,
// 交货+品质 46.78%, 价格+品质 56.75%, 交货+价格 29.42%, all three 56.9%):
//
//	品质 = (41.2% + (46.78% − 27.35% + 56.75% − 2.21%)/2 + (56.9% − 29.42%))/3
//	     = 2063559035134447/5858925297640272 ≈ 35.22%
//	交货 = 857219912189617/5858925297640272 ≈ 14.63%
//	价格 = 206458959953069/2929462648820136 ≈ 7.05%
//
// (35.22% + 14.63% + 7.05% = 56.9%, exactly in fractions.) The exact
// decomposition solves 2^p regressions and its fractions grow with them:
// it is limited to [MaxShapleyItems] items.
//
// # Relative weights
//
// [RelativeWeights] (Johnson 2000) is the polynomial-time reading of the
// same question: R² of the regression on the orthogonal counterparts of
// the items, carried back to the items. It needs the symmetric square
// root of the items' correlation matrix, so the weights are irrational:
// computed in big.Float (Jacobi rotations at 320 bits and more), rounded
// once to [csat.Precision] places and marked inexact; they sum to the
// exact R² within that rounding. In the example: 品质 ≈ 35.00%, 交货
// ≈ 14.47%, 价格 ≈ 7.42%, close to the Shapley shares.
//
// # Known limits
//
//   - No bootstrap intervals for the shares or weights: [form.Stats] keeps
//     sufficient statistics (counts and co-moments), not the forms, so
//     the forms cannot be resampled. Resampling would need the forms
//     themselves; a bootstrap over them can be run outside and its
//     figures given with [Given].
//   - [Shapley] is exact up to [MaxShapleyItems] items; beyond, use
//     [RelativeWeights].
//   - Pairwise deletion can give a covariance matrix that is not positive
//     semi-definite; the derived methods then refuse (use listwise).
//   - Correlation and regression are linear: they rank the items by how
//     well they track the overall question on these forms, not by cause.
package importance
