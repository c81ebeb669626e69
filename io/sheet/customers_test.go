package sheet

import (
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestReadCustomersWorkedExample reads the PVC worked example (METHOD.md
// §5) from customers and complaints files of each format, and scores
// customer C001: questionnaire 81.05, visit 80.00, preliminary 80.42,
// final 76.42 after complaints −1, +2, −5.
func TestReadCustomersWorkedExample(t *testing.T) {
	for _, f := range []struct{ customers, complaints string }{
		{"customers.csv", "complaints.csv"},
		{"customers.xlsx", "complaints.xlsx"},
		{"customers.csv", "complaints_gbk.csv"},
	} {
		t.Run(f.customers+"+"+f.complaints, func(t *testing.T) {
			cs, ks := readWorkedExample(t, f.customers, f.complaints)
			checkWorkedC001(t, cs[0], ks)
			checkWorkedOthers(t, cs[1], cs[2])
		})
	}
}

// readWorkedExample reads the worked example's customers and complaints
// files and checks their summaries and customer ids.
func readWorkedExample(t *testing.T, customers, complaints string) ([]csat.Customer, []csat.Complaint) {
	t.Helper()
	cs, sum, err := ReadCustomers(td(customers), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 19 || sum.Accepted != 19 {
		t.Errorf("customers summary %+v, want 19 rows", sum)
	}
	ks, ksum, err := ReadComplaints(td(complaints), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ksum.Rows != 4 || ksum.Accepted != 4 {
		t.Errorf("complaints summary %+v, want 4 rows", ksum)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"C001", "C002", "C003"}, ids); diff != "" {
		t.Fatalf("customers (-want +got):\n%s", diff)
	}
	return cs, ks
}

// checkWorkedC001 scores customer C001 with its complaints from ks and
// checks the figures of the worked example.
func checkWorkedC001(t *testing.T, c1 csat.Customer, ks []csat.Complaint) {
	t.Helper()
	for _, k := range ks {
		if k.Customer == "C001" {
			c1.Complaints = append(c1.Complaints, k)
		}
	}
	score, err := csat.PVCCustomerScorer().Score(c1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		got  decimal.Decimal
		want string
	}{
		{"questionnaire", score.Questionnaire.Value(), "81.05"},
		{"visit", score.Visit.Value(), "80"},
		{"preliminary", score.Preliminary.Value(), "80.42"},
		{"final", score.Final.Value(), "76.42"},
	} {
		if !c.got.Equal(dec(c.want)) {
			t.Errorf("%s %s, want %s", c.what, c.got, c.want)
		}
	}
	if c1.Status != csat.Active || c1.Visit["价格和付款"].Estimate.Decimal.String() != "65" || c1.Visit["品质"].Level != "very_satisfied" {
		t.Errorf("C001 read as %+v", c1)
	}
}

// checkWorkedOthers checks customers C002 and C003 of the worked example.
func checkWorkedOthers(t *testing.T, c2, c3 csat.Customer) {
	t.Helper()
	// C002: visited, nothing mentioned, no questionnaire, at risk.
	if c2.Status != csat.AtRisk || c2.Visit == nil || len(c2.Visit) != 0 || c2.Questionnaire != nil {
		t.Errorf("C002 read as %+v, want an empty visit, no questionnaire, at risk", c2)
	}
	// C003: lost, a questionnaire by item keys, not visited.
	if c3.Status != csat.Lost || c3.Visit != nil || len(c3.Questionnaire) != 9 || !c3.Questionnaire["quality"].Equal(dec("70")) {
		t.Errorf("C003 read as %+v", c3)
	}
	if s, err := csat.PVCCustomerScorer().Score(c3); err != nil || !s.Final.Value().Equal(dec("70")) {
		t.Errorf("C003 final %v, %v; want 70", s.Final.Value(), err)
	}
}

var customerCases = []readCase{
	{"empty customer", "customer,item,score\n,品质,90\n", nil, csat.ErrMissing, 2, 1},
	{"score over 100", "customer,item,score\nC1,品质,100.5\n", nil, csat.ErrOutOfRange, 2, 3},
	{"negative score", "customer,item,score\nC1,品质,-1\n", nil, csat.ErrOutOfRange, 2, 3},
	{"score not a number", "customer,item,score\nC1,品质,九十\n", nil, csat.ErrInvalid, 2, 3},
	{"score beyond limits", "customer,item,score\nC1,品质,1e-200\n", nil, csat.ErrOutOfRange, 2, 3},
	{"score twice", "customer,item,score\nC1,品质,90\nC1,品质,80\n", nil, csat.ErrDuplicate, 3, 3},
	{"unknown visit level", "customer,item,visit\nC1,品质,极好\n", nil, csat.ErrUnknownLevel, 2, 3},
	{"visit twice", "customer,item,visit\nC1,品质,满意\nC1,品质,满意\n", nil, csat.ErrDuplicate, 3, 3},
	{"estimate out of band", "customer,item,visit,estimate\nC1,品质,满意,95\n", nil, csat.ErrOutOfBand, 2, 4},
	{"estimate without visit", "customer,item,score,visit,estimate\nC1,品质,90,,85\n", nil, csat.ErrMissing, 2, 4},
	{"score without item", "customer,item,score\nC1,,90\n", nil, csat.ErrMissing, 2, 2},
	{"item without data", "customer,item,score\nC1,品质,\n", nil, csat.ErrMissing, 2, 2},
	{"unknown status", "customer,status\nC1,gone\n", nil, csat.ErrInvalid, 2, 2},
	{"status conflict", "客户,状态\nC1,正常\nC1,流失\n", nil, csat.ErrInvalid, 3, 2},
	{"visited conflict", "customer,visited\nC1,yes\nC1,no\n", nil, csat.ErrInvalid, 3, 2},
	{"bad visited", "customer,visited\nC1,maybe\n", nil, csat.ErrInvalid, 2, 2},
	{"not visited with levels", "customer,item,visit,visited\nC1,品质,满意,\nC1,,,no\n", nil, csat.ErrInvalid, 3, 4},
	{"levels when not visited", "customer,item,visit,visited\nC1,,,no\nC1,品质,满意,\n", nil, csat.ErrInvalid, 3, 3},
	{"level and not visited", "customer,item,visit,visited\nC1,品质,满意,no\n", nil, csat.ErrInvalid, 2, 4},
	{"no customer column", "item,score\n品质,90\n", nil, csat.ErrMissing, 1, 0},
	{"answers column", "customer,level\nC1,满意\n", nil, csat.ErrInvalid, 1, 2},
	{"item not mapped", "customer,item,score\nC1,Q9,90\n", &Options{Items: map[string]string{"Q1": "品质"}}, csat.ErrUnknownItem, 2, 2},
}

func TestReadCustomersErrors(t *testing.T) {
	for _, tt := range customerCases {
		t.Run(tt.name, func(t *testing.T) {
			cs, _, err := ReadCustomersFrom(strings.NewReader(tt.src), "c.csv", tt.opts)
			checkParseError(t, err, "c.csv", tt.line, tt.field, tt.want)
			if cs != nil {
				t.Errorf("customers %v returned with the error", cs)
			}
		})
	}
}

// TestReadCustomersCollectAll checks that a rejected row changes nothing
// of its customer.
func TestReadCustomersCollectAll(t *testing.T) {
	src := "customer,item,score,visit,status\n" +
		"C1,品质,90,满意,active\n" +
		"C1,包装,80,满意,lost\n" + // status conflict: the scores must not be taken
		"C1,使用性,70,,\n"
	cs, sum, err := ReadCustomersFrom(strings.NewReader(src), "c.csv", &Options{CollectAll: true})
	checkParseError(t, err, "c.csv", 3, 5, csat.ErrInvalid)
	if sum.Accepted != 2 || sum.Rejected != 1 || len(cs) != 1 {
		t.Fatalf("summary %+v, customers %v", sum, cs)
	}
	want := csat.Customer{
		ID:            "C1",
		Questionnaire: map[string]decimal.Decimal{"品质": dec("90"), "使用性": dec("70")},
		Visit:         map[string]csat.VisitNote{"品质": {Level: "satisfied"}},
	}
	if diff := cmp.Diff(want, cs[0]); diff != "" {
		t.Errorf("C1 (-want +got):\n%s", diff)
	}
}

func TestReadComplaints(t *testing.T) {
	for _, f := range []string{"complaints.csv", "complaints.xlsx", "complaints_gbk.csv"} {
		t.Run(f, func(t *testing.T) {
			ks, _, err := ReadComplaints(td(f), nil)
			if err != nil {
				t.Fatal(err)
			}
			cst := time.FixedZone("", 8*3600)
			want := []csat.Complaint{
				{ID: "K01", Customer: "C001", Received: utc(2025, 3, 1, 9, 30), FirstResponse: utc(2025, 3, 1, 11, 0), Resolved: utc(2025, 3, 2, 17, 0), Channel: "电话", Category: "质量", Outcome: csat.HandledBasicallySatisfied},
				{ID: "K02", Customer: "C001", Received: utc(2025, 3, 15, 0, 0), FirstResponse: utc(2025, 3, 15, 10, 0), Resolved: utc(2025, 3, 16, 0, 0), Channel: "邮件", Category: "交货", Outcome: csat.HandledVerySatisfied},
				{ID: "K03", Customer: "C001", Received: utc(2025, 4, 10, 8, 0), Channel: "走访", Category: "服务", Outcome: csat.NotHandled},
				{ID: "K04", Customer: "C002", Received: time.Date(2025, 5, 20, 14, 0, 0, 0, cst), FirstResponse: time.Date(2025, 5, 20, 15, 0, 0, 0, cst), Resolved: time.Date(2025, 5, 21, 9, 0, 0, 0, cst), Channel: "电话", Category: "质量", Outcome: csat.HandledSatisfied},
			}
			if diff := cmp.Diff(want, ks); diff != "" {
				t.Errorf("complaints (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("location", func(t *testing.T) {
		loc := time.FixedZone("CST", 8*3600)
		ks, _, err := ReadComplaintsFrom(strings.NewReader("id,outcome,received\nK1,满意,2025/3/1 9:30\n"), "k.csv", &Options{Location: loc})
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2025, 3, 1, 1, 30, 0, 0, time.UTC); !ks[0].Received.Equal(want) {
			t.Errorf("received %v, want %v", ks[0].Received, want)
		}
	})
	t.Run("outcome names", func(t *testing.T) {
		for s, want := range map[string]csat.Outcome{
			"未处理": csat.NotHandled, "投诉未处理": csat.NotHandled, "处理，客户不满意": csat.HandledDissatisfied,
			"不太满意": csat.HandledNotVerySatisfied, "客户基本满意": csat.HandledBasicallySatisfied,
			"HANDLED_SATISFIED": csat.HandledSatisfied, "处理, 客户很满意": csat.HandledVerySatisfied,
		} {
			got, err := parseOutcome(s)
			if err != nil || got != want {
				t.Errorf("%q: %v %v, want %v", s, got, err, want)
			}
		}
	})
}

func utc(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

var complaintCases = []readCase{
	{"empty id", "id,outcome\n,满意\n", nil, csat.ErrMissing, 2, 1},
	{"id twice", "id,outcome\nK1,满意\nK1,满意\n", nil, csat.ErrDuplicate, 3, 1},
	{"unknown outcome", "id,outcome\nK1,还行\n", nil, csat.ErrUnknownOutcome, 2, 2},
	{"empty outcome", "id,outcome\nK1,\n", nil, csat.ErrMissing, 2, 2},
	{"bad time", "id,outcome,received\nK1,满意,yesterday\n", nil, csat.ErrInvalid, 2, 3},
	{"response before receipt", "id,outcome,received,first_response\nK1,满意,2025-03-02,2025-03-01\n", nil, csat.ErrBadTimes, 2, 4},
	{"resolved before receipt", "id,outcome,received,resolved\nK1,满意,2025-03-02,2025-03-01\n", nil, csat.ErrBadTimes, 2, 4},
	{"resolved before response", "id,received,first_response,resolved,outcome\nK1,2025-03-01,2025-03-03,2025-03-02,满意\n", nil, csat.ErrBadTimes, 2, 4},
	{"not handled but resolved", "id,outcome,resolved\nK1,未处理,2025-03-01\n", nil, csat.ErrInvalid, 2, 3},
	{"no outcome column", "id,customer\nK1,C1\n", nil, csat.ErrMissing, 1, 0},
}

func TestReadComplaintsErrors(t *testing.T) {
	for _, tt := range complaintCases {
		t.Run(tt.name, func(t *testing.T) {
			ks, _, err := ReadComplaintsFrom(strings.NewReader(tt.src), "k.csv", tt.opts)
			checkParseError(t, err, "k.csv", tt.line, tt.field, tt.want)
			if ks != nil {
				t.Errorf("complaints %v returned with the error", ks)
			}
		})
	}
}
