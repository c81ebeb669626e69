// Package importance ranks the items of a survey by their importance to
// the customers (METHOD.md §12): stated importance (the mean of an
// importance rating, 重要度) and derived importance (Pearson's r with the
// overall question, the exact Shapley/LMG decomposition of R², Johnson's
// relative weights), all from the exact co-moments of package form.
package importance
