package sheet

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// ReadCustomers reads the per-customer inputs of the PVC method
// (questionnaire scores, visit notes, status; see the package doc) from
// the CSV or XLSX file at path, one [csat.Customer] per customer id,
// sorted by id. Complaints are read separately ([ReadComplaints]) and
// left nil. Item names are kept as written (or renamed by
// [Options.Items]); the scorer checks them against its items.
//
// Errors are as for [ReadAnswers]: a bad row is a [*csat.ParseError]
// wrapping [csat.ErrOutOfRange] (a score outside 0–100),
// [csat.ErrUnknownLevel] (a visit level [Options.Bands] does not have),
// [csat.ErrOutOfBand] (an estimate outside its level's band),
// [csat.ErrDuplicate] (an item scored or noted twice for a customer),
// [csat.ErrMissing], [csat.ErrInvalid] (a status or visited flag
// contradicting an earlier row of the customer), …
func ReadCustomers(path string, opts *Options) ([]csat.Customer, Summary, error) {
	return readCustomers(path, nil, opts)
}

// ReadCustomersFrom is [ReadCustomers] for a reader, named as for
// [ReadAnswersFrom].
func ReadCustomersFrom(r io.Reader, name string, opts *Options) ([]csat.Customer, Summary, error) {
	if r == nil {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readCustomers(name, r, opts)
}

// customerAcc gathers one customer's rows.
type customerAcc struct {
	q       map[string]decimal.Decimal
	qLine   map[string]int
	visit   map[string]csat.VisitNote
	vLine   map[string]int
	status  csat.Status
	sLine   int // the line that gave the status, 0 if none
	visited bool
	vdLine  int // the line that gave visited, 0 if none
}

func readCustomers(name string, in io.Reader, opts *Options) ([]csat.Customer, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	accs := map[string]*customerAcc{}
	err = r.customers(accs)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	out := make([]csat.Customer, 0, len(accs))
	for _, id := range slices.Sorted(maps.Keys(accs)) {
		a := accs[id]
		c := csat.Customer{ID: id, Status: a.status}
		if len(a.q) > 0 {
			c.Questionnaire = a.q
		}
		if len(a.visit) > 0 || a.visited {
			c.Visit = a.visit
			if c.Visit == nil {
				c.Visit = map[string]csat.VisitNote{}
			}
		}
		out = append(out, c)
	}
	return out, *r.sum, err
}

var hundred = decimal.NewFromInt(100)

func (r *run) customers(accs map[string]*customerAcc) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	cs, err := r.mapColumns(header, []string{colCustomer}, []string{colItem, colScore, colVisit, colEstimate, colStatus, colVisited})
	if err != nil {
		return err
	}
	bands := r.c.bands
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		id := cs.get(rec, colCustomer)
		if id == "" {
			return r.colError(cs, colCustomer, fmt.Errorf("empty customer id: %w", csat.ErrMissing))
		}
		item, score, visit, est := cs.get(rec, colItem), cs.get(rec, colScore), cs.get(rec, colVisit), cs.get(rec, colEstimate)
		if item == "" && (score != "" || visit != "" || est != "") {
			return r.colError(cs, colItem, fmt.Errorf("a score, visit or estimate without an item: %w", csat.ErrMissing))
		}
		if est != "" && visit == "" {
			return r.colError(cs, colVisit, fmt.Errorf("an estimate without the visit level it lies in: %w", csat.ErrMissing))
		}
		if item != "" && score == "" && visit == "" {
			return r.colError(cs, colItem, fmt.Errorf("item %s has neither a score nor a visit level: %w", quote(item), csat.ErrMissing))
		}
		if item != "" && r.c.Items != nil {
			n, ok := r.c.Items[item]
			if !ok {
				return r.colError(cs, colItem, fmt.Errorf("item %s is not one of Options.Items: %w", quote(item), csat.ErrUnknownItem))
			}
			item = n
		}
		var q decimal.Decimal
		if score != "" {
			if q, err = parseDecimal("score", score, r.xlsx); err != nil {
				return r.colError(cs, colScore, err)
			}
			if q.IsNegative() || q.GreaterThan(hundred) {
				return r.colError(cs, colScore, fmt.Errorf("score %s outside 0..100: %w", score, csat.ErrOutOfRange))
			}
		}
		var note csat.VisitNote
		if visit != "" {
			i, err := bands.Index(visit)
			if err != nil {
				return r.colError(cs, colVisit, err)
			}
			l, _ := bands.Level(i)
			note.Level = l.Key
			if est != "" {
				e, err := parseDecimal("estimate", est, r.xlsx)
				if err != nil {
					return r.colError(cs, colEstimate, err)
				}
				if !bands.InBand(i, e) {
					return r.colError(cs, colEstimate, fmt.Errorf("estimate %s outside the band of %s: %w", est, l.Name(), csat.ErrOutOfBand))
				}
				note.Estimate = decimal.NewNullDecimal(e)
			}
		}
		var status csat.Status
		if s := cs.get(rec, colStatus); s != "" {
			if status, err = parseStatus(s); err != nil {
				return r.colError(cs, colStatus, err)
			}
		}
		var visited, visitedSet bool
		if s := cs.get(rec, colVisited); s != "" {
			if visited, err = parseBool("visited", s); err != nil {
				return r.colError(cs, colVisited, err)
			}
			visitedSet = true
		}
		line := r.src.line(0)
		a := accs[id]
		if a == nil {
			a = &customerAcc{}
		}
		// Check the row against the customer's earlier rows before taking
		// any of it, so that a rejected row changes nothing.
		switch {
		case score != "" && a.qLine[item] > 0:
			return r.colError(cs, colScore, fmt.Errorf("customer %s: a second score for item %s (the first on line %d): %w", quote(id), quote(item), a.qLine[item], csat.ErrDuplicate))
		case visit != "" && a.vLine[item] > 0:
			return r.colError(cs, colVisit, fmt.Errorf("customer %s: a second visit level for item %s (the first on line %d): %w", quote(id), quote(item), a.vLine[item], csat.ErrDuplicate))
		case cs.get(rec, colStatus) != "" && a.sLine > 0 && status != a.status:
			return r.colError(cs, colStatus, fmt.Errorf("customer %s: status %s, but line %d says %s: %w", quote(id), statusName(status), a.sLine, statusName(a.status), csat.ErrInvalid))
		case visitedSet && a.vdLine > 0 && visited != a.visited:
			return r.colError(cs, colVisited, fmt.Errorf("customer %s: visited %t, but line %d says %t: %w", quote(id), visited, a.vdLine, a.visited, csat.ErrInvalid))
		case visitedSet && !visited && len(a.visit) > 0:
			return r.colError(cs, colVisited, fmt.Errorf("customer %s: not visited, but has visit levels from line %d: %w", quote(id), firstLine(a.vLine), csat.ErrInvalid))
		case visit != "" && a.vdLine > 0 && !a.visited:
			return r.colError(cs, colVisit, fmt.Errorf("customer %s: a visit level, but line %d says not visited: %w", quote(id), a.vdLine, csat.ErrInvalid))
		case visit != "" && visitedSet && !visited:
			return r.colError(cs, colVisited, fmt.Errorf("customer %s: not visited, but a visit level on the same row: %w", quote(id), csat.ErrInvalid))
		}
		accs[id] = a
		if score != "" {
			if a.q == nil {
				a.q, a.qLine = map[string]decimal.Decimal{}, map[string]int{}
			}
			a.q[item], a.qLine[item] = q, line
		}
		if visit != "" {
			if a.visit == nil {
				a.visit, a.vLine = map[string]csat.VisitNote{}, map[string]int{}
			}
			a.visit[item], a.vLine[item] = note, line
		}
		if cs.get(rec, colStatus) != "" && a.sLine == 0 {
			a.status, a.sLine = status, line
		}
		if visitedSet && a.vdLine == 0 {
			a.visited, a.vdLine = visited, line
		}
		return nil
	})
}

// statusName returns the status as written in files.
func statusName(s csat.Status) string {
	b, err := s.MarshalText()
	if err != nil {
		return s.String()
	}
	return string(b)
}

// firstLine returns the smallest line of m.
func firstLine(m map[string]int) int {
	first := 0
	for _, l := range m {
		if first == 0 || l < first {
			first = l
		}
	}
	return first
}
