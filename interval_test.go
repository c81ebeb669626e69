package csat

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Reference values in this file were computed independently with mpmath
// at 30 digits (closed formulas, betainc for Student's t), shown here:
//
//	Wilson 6/32  → [0.08889544689565953, 0.35309155201375962]
//	Wilson 7/50  → [0.06950833427016290, 0.26186193710585539]
//	Wilson 0/20  → [0, 0.16112515805281939];  20/20 → [0.83887484194718061, 1]
//	t-interval of the worked example: s² = (15.88 − 25×0.76²)/24 = 0.06,
//	  se = √(0.06/25), t(0.975, 24) = 2.0638985616280258 →
//	  [0.65889003286294391, 0.86110996713705609]
//	z-test 21/25 vs 5/10: pooled 26/35, z = 2.0790982594984713, p = 0.0376083200528839
//	Welch, worked example vs counts 2,2,3,2,1 (degree 64%): t = 1.2421180068162376,
//	  df = 15.607857016457264, p = 0.23253380414327916
func TestIntervalsReference(t *testing.T) {
	cases := []struct {
		name         string
		iv           func() (Interval, error)
		low, high    string
		places       int32
		wantEstimate string
	}{
		{"wilson 6/32", func() (Interval, error) { return Wilson(Proportion{6, 32}, Confidence{}) }, "0.08890", "0.35309", 5, "0.1875"},
		{"wilson 7/50", func() (Interval, error) { return Wilson(Proportion{7, 50}, Confidence{}) }, "0.0695", "0.2619", 4, "0.14"},
		{"wilson 6/32 16 places", func() (Interval, error) { return Wilson(Proportion{6, 32}, Confidence{Level: dec("0.95")}) }, "0.0888954468956595", "0.3530915520137596", 16, "0.1875"},
		{"wilson 0/20", func() (Interval, error) { return Wilson(Proportion{0, 20}, Confidence{}) }, "0.0000000000000000", "0.1611251580528194", 16, "0"},
		{"wilson 20/20", func() (Interval, error) { return Wilson(Proportion{20, 20}, Confidence{}) }, "0.8388748419471806", "1.0000000000000000", 16, "1"},
		{"t interval", func() (Interval, error) { return DegreeInterval(tallyOf(t, 10, 5, 6, 3, 1), Confidence{}) }, "0.6588900328629439", "0.8611099671370561", 16, "0.76"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			iv, err := c.iv()
			if err != nil {
				t.Fatal(err)
			}
			got := []string{iv.Low.StringFixed(c.places), iv.High.StringFixed(c.places), iv.Estimate.Value().String()}
			if diff := cmp.Diff([]string{c.low, c.high, c.wantEstimate}, got); diff != "" {
				t.Errorf("interval mismatch (-want +got):\n%s", diff)
			}
		})
	}
	iv, _ := Wilson(Proportion{6, 32}, Confidence{})
	if want := "Wilson 95% interval = centre 22.1% ± 13.21% (z 1.96, n 32) = [8.89%, 35.31%]"; iv.Explain() != want {
		t.Errorf("Explain\n got: %s\nwant: %s", iv.Explain(), want)
	}
}

func TestIntervalErrors(t *testing.T) {
	_, err := Wilson(Proportion{0, 0}, Confidence{})
	checkErr(t, err, errCheck{Is: ErrEmpty})
	_, err = Wilson(Proportion{3, 2}, Confidence{})
	checkErr(t, err, errCheck{Is: ErrOutOfRange, Msg: `csat: proportion 3 of 2: value out of range`})
	_, err = Wilson(Proportion{1, 2}, Confidence{Level: dec("1.5")})
	checkErr(t, err, errCheck{Is: ErrOutOfRange, Msg: `csat: confidence level 1.5 outside (0, 1): value out of range`})
	_, err = DegreeInterval(tallyOf(t, 1), Confidence{})
	checkErr(t, err, errCheck{Is: ErrTooFew, Msg: `csat: degree interval: 1 answers (at least 2 needed): too few observations`})
}
