package sheet

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/csatkit/csat"
)

var sentinels = []error{
	csat.ErrUnknownLevel, csat.ErrOverflow, csat.ErrEmpty, csat.ErrDuplicate, csat.ErrMissing,
	csat.ErrUnknownItem, csat.ErrOutOfRange, csat.ErrInvalid, csat.ErrOutOfBand,
	csat.ErrUnknownOutcome, csat.ErrBadTimes, csat.ErrSyntax,
}

// checkResult checks what every read must give: a summary that adds up,
// and an error that wraps a csat sentinel and, for a bad row, is a
// *csat.ParseError naming the file.
func checkResult(t *testing.T, sum Summary, err error, collectAll bool) {
	t.Helper()
	if sum.Rows != sum.Accepted+sum.Rejected || sum.Blank < 0 {
		t.Fatalf("summary does not add up: %+v", sum)
	}
	if err == nil {
		if sum.Rejected != 0 || len(sum.Errors) != 0 {
			t.Fatalf("no error but %d rejected: %+v", sum.Rejected, sum)
		}
		return
	}
	wraps := false
	for _, s := range sentinels {
		wraps = wraps || errors.Is(err, s)
	}
	if !wraps {
		t.Fatalf("error %v wraps no csat sentinel", err)
	}
	if len(sum.Errors) == 0 {
		t.Fatalf("error %v not in the summary", err)
	}
	var pe *csat.ParseError
	if errors.As(err, &pe) && pe.File != "f.csv" && pe.File != "f.xlsx" {
		t.Fatalf("error names file %q", pe.File)
	}
	if sum.Rejected > 0 && collectAll {
		var rej *RejectedError
		if !errors.As(err, &rej) || rej.Rejected != sum.Rejected {
			t.Fatalf("error %v for %d rejected rows is not a RejectedError", err, sum.Rejected)
		}
	}
}

func addSeeds(f *testing.F, files []string, cases []readCase) {
	for _, name := range files {
		b, err := os.ReadFile(td(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, false)
	}
	for _, c := range cases {
		f.Add([]byte(c.src), true)
	}
}

// FuzzReadAnswersCSV reads arbitrary CSV answers (any layout); what reads
// without error must write and read back as the same tallies.
func FuzzReadAnswersCSV(f *testing.F) {
	addSeeds(f, []string{"answers_long.csv", "answers_long_gbk.csv", "answers_wide.csv"}, answerCases)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		ps, sum, err := ReadAnswersFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all})
		checkResult(t, sum, err, all)
		if err != nil {
			return
		}
		var n uint64
		for _, p := range ps {
			n = addSat(n, answers(p.Table))
		}
		if n != sum.Answers {
			t.Fatalf("tallies hold %d answers, the summary says %d", n, sum.Answers)
		}
		var w bytes.Buffer
		if err := WriteAnswers(&w, FormatCSV, LayoutLong, ps); err != nil {
			if errors.Is(err, csat.ErrInvalid) {
				return // a name that does not read back as written (a source alias, …)
			}
			t.Fatal(err)
		}
		back, _, err := ReadAnswersFrom(&w, "back.csv", nil)
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if len(back) != len(ps) {
			t.Fatalf("%d periods back, want %d", len(back), len(ps))
		}
		for i := range ps {
			if back[i].Name != ps[i].Name || !back[i].Table.Equal(ps[i].Table) {
				t.Fatalf("period %s reads back differently", ps[i].Name)
			}
		}
	})
}

// FuzzReadAnswersWide reads arbitrary wide answers with an items
// mapping.
func FuzzReadAnswersWide(f *testing.F) {
	addSeeds(f, []string{"answers_wide.csv"}, answerCases)
	f.Add([]byte("提交时间,Q1,Q2,来源\n2025-01-01,很满意,,自评\n,满意,极好,\n"), true)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		ps, sum, err := ReadAnswersFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all, Layout: LayoutWide, Items: map[string]string{"Q1": "功能", "Q2": "外观", "功能": "功能"}})
		checkResult(t, sum, err, all)
		if err != nil {
			return
		}
		var n uint64
		for _, p := range ps {
			n = addSat(n, answers(p.Table))
			for _, it := range p.Table.Items() {
				if it != "功能" && it != "外观" {
					t.Fatalf("item %q not in the mapping", it)
				}
			}
		}
		if n != sum.Answers {
			t.Fatalf("tallies hold %d answers, the summary says %d", n, sum.Answers)
		}
	})
}

// TestCorruptXLSX reads workbooks damaged in many ways (cut short, bytes
// flipped): each read returns, without panicking, a summary that adds up
// and, on error, an error wrapping a csat sentinel. (FuzzXLSX fuzzes the
// sheet's XML itself.)
func TestCorruptXLSX(t *testing.T) {
	for _, name := range []string{"answers_long.xlsx", "answers_wide.xlsx", "complaints.xlsx"} {
		good, err := os.ReadFile(td(name))
		if err != nil {
			t.Fatal(err)
		}
		var inputs [][]byte
		for n := 0; n < len(good); n += len(good)/40 + 1 {
			inputs = append(inputs, good[:n])
		}
		for i := 0; i < len(good); i += len(good)/80 + 1 {
			b := bytes.Clone(good)
			b[i] ^= 0x5a
			inputs = append(inputs, b)
		}
		for _, b := range inputs {
			for _, all := range []bool{false, true} {
				_, sum, err := ReadAnswersFrom(bytes.NewReader(b), "f.xlsx", &Options{CollectAll: all})
				if sum.Rows != sum.Accepted+sum.Rejected {
					t.Fatalf("summary does not add up: %+v", sum)
				}
				if err != nil && len(sum.Errors) == 0 {
					t.Fatalf("error %v not in the summary", err)
				}
				wraps := err == nil
				for _, s := range sentinels {
					wraps = wraps || errors.Is(err, s)
				}
				if !wraps {
					t.Fatalf("error %v wraps no csat sentinel", err)
				}
			}
		}
	}
}

func FuzzReadCustomers(f *testing.F) {
	addSeeds(f, []string{"customers.csv"}, customerCases)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		cs, sum, err := ReadCustomersFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all})
		checkResult(t, sum, err, all)
		for i, c := range cs {
			if c.ID == "" || (i > 0 && cs[i-1].ID >= c.ID) {
				t.Fatalf("customers not sorted by id: %q", c.ID)
			}
			for _, v := range c.Questionnaire {
				if v.IsNegative() || v.GreaterThan(hundred) {
					t.Fatalf("score %s outside 0..100", v)
				}
			}
		}
	})
}

func FuzzReadComplaints(f *testing.F) {
	addSeeds(f, []string{"complaints.csv", "complaints_gbk.csv"}, complaintCases)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		ks, sum, err := ReadComplaintsFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all})
		checkResult(t, sum, err, all)
		for _, k := range ks {
			if err := k.Validate(); err != nil {
				t.Fatalf("complaint %q read but invalid: %v", k.ID, err)
			}
		}
	})
}

func FuzzReadValues(f *testing.F) {
	addSeeds(f, []string{"values.csv"}, valueCases)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		vs, sum, err := ReadValuesFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all})
		checkResult(t, sum, err, all)
		if len(vs) > 0 {
			if err := csat.CheckIDs(vs); err != nil {
				t.Fatalf("values read but ids bad: %v", err)
			}
		}
	})
}

func FuzzReadPurchases(f *testing.F) {
	addSeeds(f, []string{"purchases.csv"}, purchaseCases)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		ps, sum, err := ReadPurchasesFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all})
		checkResult(t, sum, err, all)
		n := -1
		for id, ms := range ps {
			if n >= 0 && len(ms) != n {
				t.Fatalf("customer %q has %d margins, another %d", id, len(ms), n)
			}
			n = len(ms)
		}
	})
}

// FuzzReadSurvey reads arbitrary CSV answers keeping the forms: what
// reads without error must add up — the forms' answers and the loose ones
// are the tables' answers, the forms' blanks the unanswered items.
func FuzzReadSurvey(f *testing.F) {
	addSeeds(f, []string{"forms_wide.csv", "answers_wide.csv", "answers_long.csv"}, surveyCases)
	f.Add([]byte("表单,地区,项目,等级,数量,总体满意度,重要度\nF1,华东,品质,很满意,1,满意,重要\nF1,华东,交货,,,满意,\n,,品质,满意,3,,\nF2,,品质,不满意,,,\n"), true)
	f.Fuzz(func(t *testing.T, b []byte, all bool) {
		ss, sum, err := ReadSurveyFrom(bytes.NewReader(b), "f.csv", &Options{CollectAll: all})
		checkResult(t, sum, err, all)
		if ss == nil {
			return
		}
		var n, forms, onForms, blanks uint64
		for _, s := range ss {
			n = addSat(n, answers(s.Table))
			for _, src := range s.Forms.Sources() {
				forms += s.Forms.Forms(src)
				onForms = addSat(onForms, s.Forms.Answers(src))
				for _, it := range s.Forms.Items() {
					blanks += s.Forms.Blanks(it, src)
				}
			}
		}
		if n != sum.Answers || forms != sum.Forms || addSat(onForms, sum.Loose) != sum.Answers || blanks != sum.Unanswered {
			t.Fatalf("tables %d answers, forms %d (%d answers, %d blanks); summary %+v", n, forms, onForms, blanks, sum)
		}
	})
}
