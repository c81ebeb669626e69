package analysis

import (
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/shopspring/decimal"
)

// ResponseRate returns the response rate of a survey (AAPOR RR1,
// METHOD.md §12): per stratum of sent (a value of sent.Dimension), the
// survey forms returned with that value against the forms sent, exactly
// (returned / sent), and overall Σ returned / Σ sent over the strata (a
// ratio of sums, not a mean of rates). Strata are in byte order; those
// that returned fewer forms than sent.Minimum are flagged.
//
// Nothing is dropped: survey forms whose value of the dimension the plan
// sent nothing to are listed in Unplanned, and forms without a value of
// the dimension counted in NoStratum; both are outside every rate.
//
// A nil st or sent is [csat.ErrMissing], as is an empty dimension; no
// strata is [csat.ErrEmpty]; a stratum with nothing sent, or with more
// forms returned than sent, is [csat.ErrInvalid] naming the stratum; Σ
// sent beyond 2⁶⁴ − 1 is [csat.ErrOverflow].
func ResponseRate(st *form.Stats, sent *Sent) (Response, error) {
	if st == nil || st.Scale() == nil || sent == nil || sent.Dimension == "" {
		return Response{}, errorf(csat.ErrMissing, "response rate: the forms and the forms sent per stratum of a dimension are required")
	}
	if len(sent.Forms) == 0 {
		return Response{}, errorf(csat.ErrEmpty, "response rate: no strata of %s", quoteShort(sent.Dimension))
	}
	if dims := st.Dimensions(); !slices.Contains(dims, sent.Dimension) {
		return Response{}, errorf(csat.ErrInvalid, "response rate: no form has a value of %s (the forms' dimensions: %s)", quoteShort(sent.Dimension), strings.Join(dims, ", "))
	}
	r := Response{Dimension: sent.Dimension, Minimum: sent.Minimum, Strata: []StratumResponse{}}
	strata := make([]string, 0, len(sent.Forms))
	for s := range sent.Forms {
		strata = append(strata, s)
	}
	slices.Sort(strata)
	var sumSent, sumRet uint64
	for _, s := range strata {
		var ret uint64
		if g := st.Group(sent.Dimension, s); g != nil {
			ret = g.Answered(csat.SourceSurvey)
		}
		sr, err := stratumResponse(s, sent.Forms[s], ret)
		if err != nil {
			return Response{}, err
		}
		sr.UnderMinimum = ret < sent.Minimum
		r.Strata = append(r.Strata, sr)
		if sumSent+sr.Sent < sumSent {
			return Response{}, errorf(csat.ErrOverflow, "response rate: more than 2^64-1 forms sent")
		}
		sumSent += sr.Sent
		sumRet += ret // ≤ sent each
	}
	var err error
	if r.Overall, err = stratumResponse("", sumSent, sumRet); err != nil {
		return Response{}, err
	}
	var inStrata uint64
	for _, v := range st.Values(sent.Dimension) {
		n := st.Group(sent.Dimension, v).Answered(csat.SourceSurvey)
		inStrata += n // each form has one value of the dimension: ≤ its forms
		if _, ok := sent.Forms[v]; !ok && n > 0 {
			r.Unplanned = append(r.Unplanned, StratumCount{Stratum: v, Returned: n})
		}
	}
	r.NoStratum = st.Answered(csat.SourceSurvey) - inStrata
	return r, nil
}

// stratumResponse is one stratum's rate; "" names the overall one.
func stratumResponse(stratum string, sent, returned uint64) (StratumResponse, error) {
	name := "overall"
	if stratum != "" {
		name = "stratum " + quoteShort(stratum)
	}
	if sent == 0 {
		return StratumResponse{}, errorf(csat.ErrInvalid, "response rate: %s: no forms sent", name)
	}
	if returned > sent {
		return StratumResponse{}, errorf(csat.ErrInvalid, "response rate: %s: %d forms returned of %d sent", name, returned, sent)
	}
	rate, err := csat.Quotient("response rate RR1", csat.Fraction, decimal.NewFromUint64(returned), decimal.NewFromUint64(sent))
	if err != nil {
		return StratumResponse{}, err
	}
	return StratumResponse{Stratum: stratum, Sent: sent, Returned: returned, Rate: rate}, nil
}

// responseCautions says what of the response is outside the rates, and
// which strata are under the plan's minimum.
func responseCautions(r *Response) []Caution {
	var out []Caution
	for _, u := range r.Unplanned {
		out = append(out, Caution{Kind: CautionUnplanned, Subject: r.Dimension, Values: []string{u.Stratum}, N: []uint64{u.Returned}})
	}
	if r.NoStratum > 0 {
		out = append(out, Caution{Kind: CautionNoStratum, Subject: r.Dimension, N: []uint64{r.NoStratum}})
	}
	for _, s := range r.Strata {
		if s.UnderMinimum {
			out = append(out, Caution{Kind: CautionUnderMinimum, Subject: r.Dimension, Values: []string{s.Stratum}, N: []uint64{s.Returned}, Limit: r.Minimum})
		}
	}
	return out
}
