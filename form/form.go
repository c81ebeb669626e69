package form

import (
	"sort"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
)

// A Form is one returned questionnaire (答卷): who returned it, the
// customer group it belongs to and the level it gave each item. An
// answer (答项) is one item's level on it.
//
// Levels are written as the scale accepts them ([csat.Scale.Index]: a
// key, or an English or Chinese label); an empty string is a blank: an
// item on the form that was left unanswered. An item not in Answers was
// not on the form at all.
type Form struct {
	// ID is the form's id (表单编号); Respondent who filled it in (填表人);
	// Customer the customer it speaks for (客户). None is required; a
	// customer's forms are pooled by [Stats.CustomerTally].
	ID, Respondent, Customer string
	// Source is survey (检查), self (自评), competitor (竞争对手) or any other
	// name; "" means [csat.SourceSurvey].
	Source string
	// Period names the survey the form belongs to. [Stats] does not
	// split by period: keep one Stats per period.
	Period string
	// Attrs are the form's segment attributes, dimension → value: 地区 →
	// 华东, 行业 → 管材, 规模 → 大, ABC → A. An empty value is no value:
	// the form is in no group of that dimension.
	Attrs map[string]string
	// Answers are the levels per item; "" is a blank.
	Answers map[string]string
	// Overall is the level of the overall question (总体满意度), on the
	// items' scale; "" means not asked or left blank. It is kept apart
	// from the items: it takes no part in degree and rate.
	Overall string
	// Importance is the stated importance per item (重要度), on the
	// importance scale of [Options]; "" or absent is not stated.
	Importance map[string]string
}

// Blank is the level index Stats uses internally for an item left blank.
const blank = -1

// parsed is a Form checked against the scales: level indexes, sorted
// item and dimension names.
type parsed struct {
	source     string
	customer   string   // "" when none
	items      []string // sorted
	levels     []int    // per item; blank for a blank
	overall    int      // blank when none
	importance []int    // per item; blank when not stated
	dims       []string // sorted, values non-empty
	values     []string
}

// parse checks f against the scales and returns it in Stats' terms. The
// error names the form (its id) and what is wrong.
func parse(f *Form, s, imp *csat.Scale) (parsed, error) {
	var p parsed
	p.source = f.Source
	if p.source == "" {
		p.source = csat.SourceSurvey
	}
	if !validName(p.source) {
		return p, formErr(f, csat.ErrInvalid, "source "+errs.QuoteShort(p.source)+" must be UTF-8 without control characters")
	}
	if f.Customer != "" && !validName(f.Customer) {
		return p, formErr(f, csat.ErrInvalid, "customer "+errs.QuoteShort(f.Customer)+" must be UTF-8 without control characters")
	}
	p.customer = f.Customer
	for item := range f.Answers {
		p.items = append(p.items, item)
	}
	sort.Strings(p.items)
	p.levels = make([]int, len(p.items))
	p.importance = make([]int, len(p.items))
	for i, item := range p.items {
		if !validName(item) {
			return p, formErr(f, csat.ErrInvalid, "item name "+errs.QuoteShort(item)+" must be non-empty UTF-8 without control characters")
		}
		p.levels[i], p.importance[i] = blank, blank
		if lv := f.Answers[item]; lv != "" {
			k, err := s.Index(lv)
			if err != nil {
				return p, formErr(f, err, "item "+errs.QuoteShort(item)+": "+errs.Detail(err))
			}
			p.levels[i] = k
		}
		if lv := f.Importance[item]; lv != "" {
			k, err := imp.Index(lv)
			if err != nil {
				return p, formErr(f, err, "importance of "+errs.QuoteShort(item)+": "+errs.Detail(err))
			}
			p.importance[i] = k
		}
	}
	for item, lv := range f.Importance {
		if _, ok := f.Answers[item]; !ok && lv != "" {
			return p, formErr(f, csat.ErrUnknownItem, "importance of "+errs.QuoteShort(item)+": the item is not on the form")
		}
	}
	p.overall = blank
	if f.Overall != "" {
		k, err := s.Index(f.Overall)
		if err != nil {
			return p, formErr(f, err, "overall question: "+errs.Detail(err))
		}
		p.overall = k
	}
	if len(p.items) == 0 && p.overall == blank {
		return p, formErr(f, csat.ErrEmpty, "no item and no overall answer")
	}
	for dim, v := range f.Attrs {
		if v == "" {
			continue
		}
		if !validName(dim) || !validName(v) {
			return p, formErr(f, csat.ErrInvalid, "attribute "+errs.QuoteShort(dim)+" = "+errs.QuoteShort(v)+": names must be non-empty UTF-8 without control characters")
		}
		p.dims = append(p.dims, dim)
	}
	sort.Strings(p.dims)
	p.values = make([]string, len(p.dims))
	for i, d := range p.dims {
		p.values[i] = f.Attrs[d]
	}
	return p, nil
}

func formErr(f *Form, err error, text string) error {
	who := "form"
	if f.ID != "" {
		who = "form " + errs.QuoteShort(f.ID)
	}
	return errs.New(err, who+": "+text)
}
