package form

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/csatkit/csat"
)

// TestJoint: the joint counts of two items, read either way round, and
// of a variable with itself, counted by hand from the worked example.
func TestJoint(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	// 品质 (rows) × 交货 (columns) over F1 (很满意, 满意), F3 (很满意,
	// 很满意), F4 (基本满意, 不满意), F5 (满意, 满意), F6 (很满意, 基本满意).
	want := [][]uint64{{1, 1, 1, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}}
	got, err := s.Joint(csat.SourceSurvey, "品质", "交货")
	if err != nil || !equal2(got, want) {
		t.Errorf("joint 品质×交货 = %v (%v), want %v", got, err, want)
	}
	back, _ := s.Joint(csat.SourceSurvey, "交货", "品质")
	for i := range want {
		for j := range want {
			if back[j][i] != want[i][j] {
				t.Fatalf("joint 交货×品质 is not the transpose: %v", back)
			}
		}
	}
	self, _ := s.Joint(csat.SourceSurvey, "品质", "品质")
	if self[0][0] != 3 || self[1][1] != 2 || self[2][2] != 1 || self[0][1] != 0 {
		t.Errorf("joint of 品质 with itself = %v, want its counts 3, 2, 1 on the diagonal", self)
	}
	overall, _ := s.Joint(csat.SourceSurvey, Overall, Overall)
	if overall[1][1] != 2 || overall[0][0] != 1 {
		t.Errorf("joint of the overall question with itself = %v", overall)
	}
	if _, err := s.Joint(csat.SourceSurvey, "品质", "包装"); !errors.Is(err, csat.ErrUnknownItem) || !strings.Contains(err.Error(), "包装") {
		t.Errorf("an item not on the forms: %v", err)
	}
	if _, err := s.Moments(csat.SourceSurvey, "包装", "包装"); !errors.Is(err, csat.ErrUnknownItem) || !strings.Contains(err.Error(), "包装") {
		t.Errorf("moments of an item not on the forms: %v", err)
	}
	if _, err := s.Moments("competitor", "品质", "交货"); !errors.Is(err, csat.ErrUnknownItem) || !strings.Contains(err.Error(), "competitor") {
		t.Errorf("moments of a source without forms: %v", err)
	}
	if _, err := s.Joint("competitor", "品质", "交货"); err == nil {
		t.Error("joint of a source without forms: no error")
	}
}

func equal2(a, b [][]uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// TestOverflow: statistics holding 2^64 − 1 forms of a source (decoded,
// the group too) take no more forms of it, by Add or by Merge, and are
// unchanged.
func TestOverflow(t *testing.T) {
	full := `{"scale":` + scaleJSON(t) + `,"importance":` + importanceJSON(t) + `,"sources":[{"source":"survey","forms":18446744073709551615,"answered":0,"overall":[0,0,0,0,0],"items":[]}],` +
		`"groups":[{"dimension":"地区","value":"华东","sources":[{"source":"survey","forms":18446744073709551615,"answered":0,"overall":[0,0,0,0,0],"items":[]}]}]}`
	var s Stats
	if err := s.UnmarshalJSON([]byte(full)); err != nil {
		t.Fatal(err)
	}
	f := Form{ID: "F9", Answers: map[string]string{"品质": "满意"}}
	if err := s.Add(f); !errors.Is(err, csat.ErrOverflow) || !strings.Contains(err.Error(), `source "survey"`) {
		t.Errorf("add past 2^64 − 1 forms: %v", err)
	}
	one := mustNew(t)
	addAll(t, one, []Form{f})
	before, _ := s.MarshalJSON()
	if err := s.Merge(one); !errors.Is(err, csat.ErrOverflow) || !strings.Contains(err.Error(), "merge") {
		t.Errorf("merge past 2^64 − 1 forms: %v", err)
	}
	if after, _ := s.MarshalJSON(); string(after) != string(before) {
		t.Error("a failed merge changed the statistics")
	}
	if n := s.Answers(csat.SourceSurvey); n != 0 {
		t.Errorf("answers of forms without items = %d", n)
	}
}

func scaleJSON(t *testing.T) string {
	b, err := json.Marshal(csat.FivePoint())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func importanceJSON(t *testing.T) string {
	b, err := json.Marshal(ImportanceScale())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestUnmarshalCorruptMore: more of what the decoder refuses, each with
// the part it names.
func TestUnmarshalCorruptMore(t *testing.T) {
	s := mustNew(t)
	addAll(t, s, example())
	good, _ := s.MarshalJSON()
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	src := func(m map[string]any) map[string]any { return m["sources"].([]any)[0].(map[string]any) }
	grp := func(m map[string]any, i int) map[string]any { return m["groups"].([]any)[i].(map[string]any) }
	item := func(m map[string]any, i int) map[string]any { return src(m)["items"].([]any)[i].(map[string]any) }
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"group without a name", "groups[0]: invalid dimension", edit(func(m map[string]any) { grp(m, 0)["dimension"] = "" })},
		{"groups unsorted", "groups[1]: groups not sorted", edit(func(m map[string]any) {
			g := m["groups"].([]any)
			g[0], g[1] = g[1], g[0]
		})},
		{"group without forms", "groups[0]: a group without forms", edit(func(m map[string]any) { grp(m, 0)["sources"] = []any{} })},
		{"sources repeated", "sources[1]: source invalid", edit(func(m map[string]any) { m["sources"] = append(m["sources"].([]any), src(m)) })},
		{"answered above forms", "more answered forms than forms", edit(func(m map[string]any) { src(m)["answered"] = 7 })},
		{"overall above forms", "sources[0].overall", edit(func(m map[string]any) { src(m)["overall"] = []any{7, 0, 0, 0, 0} })},
		{"answers above answered forms", "more answers than answered forms", edit(func(m map[string]any) { src(m)["answered"] = 1 })},
		{"item invalid", "items[0]: item invalid", edit(func(m map[string]any) { item(m, 0)["item"] = "" })},
		{"importance above answers", "items[0].importance", edit(func(m map[string]any) { item(m, 0)["importance"] = []any{9, 0, 0, 0, 0} })},
		{"joint in a group", "joint counts in a group", edit(func(m map[string]any) {
			grp(m, 0)["sources"].([]any)[0].(map[string]any)["joint"] = src(m)["joint"]
		})},
		{"pair unordered", "joint[0]: pair not ordered", edit(func(m map[string]any) {
			j := src(m)["joint"].([]any)[0].(map[string]any)
			j["x"], j["y"] = j["y"], j["x"]
		})},
		{"pair of an unknown item", "unknown item", edit(func(m map[string]any) { src(m)["joint"].([]any)[0].(map[string]any)["y"] = "龘" })},
		{"joint all zero", "all zero", edit(func(m map[string]any) {
			src(m)["joint"].([]any)[0].(map[string]any)["counts"] = make([]any, 25)
		})},
	}
	for _, c := range cases {
		var back Stats
		err := back.UnmarshalJSON(c.data)
		if !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrCorrupt naming %q", c.name, err, c.want)
		}
	}
	bin, _ := s.MarshalBinary()
	bin[4] = 1
	var b Stats
	if err := b.UnmarshalBinary(bin); !errors.Is(err, csat.ErrCorrupt) || !strings.Contains(err.Error(), "version 1 (this package reads version 2)") {
		t.Errorf("version 1: %v", err)
	}
	if err := b.UnmarshalBinary([]byte("CSF")); !errors.Is(err, csat.ErrCorrupt) {
		t.Errorf("short: %v", err)
	}
	var nilStats *Stats
	if err := nilStats.UnmarshalJSON(good); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("decode into nil: %v", err)
	}
}

// TestNames: a line feed and a tab may stand in a name (as csat.Table
// allows), other control characters may not.
func TestNames(t *testing.T) {
	s := mustNew(t)
	if err := s.Add(Form{Answers: map[string]string{"品质\t说明": "满意", "交货\n及时": "满意"}}); err != nil {
		t.Errorf("tab and line feed in names: %v", err)
	}
	if err := s.Add(Form{Answers: map[string]string{"品质\r": "满意"}}); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("carriage return in a name: %v", err)
	}
	if s.Forms(csat.SourceSurvey) != 1 || math.MaxUint64 == 0 {
		t.Errorf("forms = %d, want 1", s.Forms(csat.SourceSurvey))
	}
}
