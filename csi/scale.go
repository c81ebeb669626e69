package csi

import (
	"fmt"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// NumericScale returns the answer scale of the index questionnaires: the
// whole numbers lo…hi, each level worth its number (ACSI and ECSI ask on
// 1–10, some CCSI questionnaires on 0–10). Levels are keyed and labelled
// by their number, highest first; those above the middle count as
// satisfied (for csat's rate; the index uses points only). Errors wrap
// csat.ErrInvalidScale: lo negative, hi not above lo, or more than
// csat.MaxLevels levels.
func NumericScale(lo, hi int) (*csat.Scale, error) {
	if lo < 0 || hi <= lo || hi-lo+1 > csat.MaxLevels {
		return nil, errs.New(csat.ErrInvalidScale, fmt.Sprintf("index: numeric scale %d–%d: want 0 ≤ lo < hi, at most %d levels: %s", lo, hi, csat.MaxLevels, errs.Detail(csat.ErrInvalidScale)))
	}
	levels := make([]csat.Level, 0, hi-lo+1)
	for p := hi; p >= lo; p-- {
		k := strconv.Itoa(p)
		levels = append(levels, csat.Level{Key: k, Label: k, LabelZH: k, Points: decimal.NewFromInt(int64(p)), Satisfied: 2*p > lo+hi})
	}
	return csat.NewScale(fmt.Sprintf("%d-%d", lo, hi), decimal.NewFromInt(int64(hi)), levels)
}
