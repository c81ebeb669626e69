package sheet

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/csatkit/csat/internal/iox"

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
	if iox.IsNil(r) {
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

// customers reads the header and the rows of a customers file into accs,
// one accumulator per customer id.
func (r *run) customers(accs map[string]*customerAcc) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	cs, err := r.mapColumns(header, []string{colCustomer}, []string{colItem, colScore, colVisit, colEstimate, colStatus, colVisited})
	if err != nil {
		return err
	}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		row, err := r.customerRow(cs, rec)
		if err != nil {
			return err
		}
		line := r.src.line(0)
		a := accs[row.id]
		if a == nil {
			a = &customerAcc{}
		}
		// Check the row against the customer's earlier rows before taking
		// any of it, so that a rejected row changes nothing.
		if err := r.checkCustomerRow(cs, a, row); err != nil {
			return err
		}
		accs[row.id] = a
		a.take(row, line)
		return nil
	})
}

// customerRow is one row of a customers file, parsed and checked on its
// own; a field not given is "" (score, visit) or unset (status, visited).
type customerRow struct {
	id, item     string
	score, visit string // as written
	q            decimal.Decimal
	note         csat.VisitNote
	status       csat.Status
	statusSet    bool
	visited      bool
	visitedSet   bool
}

// customerRow parses a row: the customer and item it is about, then its
// score, visit note, status and visited flag.
func (r *run) customerRow(cs *columns, rec []string) (customerRow, error) {
	row := customerRow{id: cs.get(rec, colCustomer), score: cs.get(rec, colScore), visit: cs.get(rec, colVisit)}
	if row.id == "" {
		return row, r.colError(cs, colCustomer, valueError("empty", "", nil, fmt.Errorf("empty customer id: %w", csat.ErrMissing)))
	}
	est := cs.get(rec, colEstimate)
	item, err := r.customerItem(cs, cs.get(rec, colItem), row.score, row.visit, est)
	if err != nil {
		return row, err
	}
	row.item = item
	if row.score != "" {
		if row.q, err = r.customerScore(cs, row.score); err != nil {
			return row, err
		}
	}
	if row.visit != "" {
		if row.note, err = r.visitNote(cs, row.visit, est); err != nil {
			return row, err
		}
	}
	if s := cs.get(rec, colStatus); s != "" {
		if row.status, err = parseStatus(s); err != nil {
			return row, r.colError(cs, colStatus, err)
		}
		row.statusSet = true
	}
	if s := cs.get(rec, colVisited); s != "" {
		if row.visited, err = parseBool("visited", s); err != nil {
			return row, r.colError(cs, colVisited, err)
		}
		row.visitedSet = true
	}
	return row, nil
}

// customerItem checks that the item column fits the score, visit and
// estimate columns of its row and returns the item, renamed by
// Options.Items.
func (r *run) customerItem(cs *columns, item, score, visit, est string) (string, error) {
	if item == "" && (score != "" || visit != "" || est != "") {
		return "", r.colError(cs, colItem, fmt.Errorf("a score, visit or estimate without an item: %w", csat.ErrMissing))
	}
	if est != "" && visit == "" {
		return "", r.colError(cs, colVisit, fmt.Errorf("an estimate without the visit level it lies in: %w", csat.ErrMissing))
	}
	if item != "" && score == "" && visit == "" {
		return "", r.colError(cs, colItem, fmt.Errorf("item %s has neither a score nor a visit level: %w", quote(item), csat.ErrMissing))
	}
	if item != "" && r.c.Items != nil {
		n, ok := r.c.Items[item]
		if !ok {
			return "", r.colError(cs, colItem, fmt.Errorf("item %s is not one of Options.Items: %w", quote(item), csat.ErrUnknownItem))
		}
		item = n
	}
	return item, nil
}

// customerScore parses a questionnaire score, which lies in 0..100.
func (r *run) customerScore(cs *columns, score string) (decimal.Decimal, error) {
	q, err := parseDecimal("score", score, r.xlsx)
	if err != nil {
		return q, r.colError(cs, colScore, err)
	}
	if q.IsNegative() || q.GreaterThan(hundred) {
		return q, r.colError(cs, colScore, fmt.Errorf("score %s outside 0..100: %w", score, csat.ErrOutOfRange))
	}
	return q, nil
}

// visitNote parses a visit level of Options.Bands and the estimate, if
// any, which must lie in the level's band.
func (r *run) visitNote(cs *columns, visit, est string) (csat.VisitNote, error) {
	var note csat.VisitNote
	bands := r.c.bands
	i, err := bands.Index(visit)
	if err != nil {
		return note, r.colError(cs, colVisit, err)
	}
	l, _ := bands.Level(i)
	note.Level = l.Key
	if est != "" {
		e, err := parseDecimal("estimate", est, r.xlsx)
		if err != nil {
			return note, r.colError(cs, colEstimate, err)
		}
		if !bands.InBand(i, e) {
			return note, r.colError(cs, colEstimate, fmt.Errorf("estimate %s outside the band of %s: %w", est, l.Name(), csat.ErrOutOfBand))
		}
		note.Estimate = decimal.NewNullDecimal(e)
	}
	return note, nil
}

// checkCustomerRow checks a row against the earlier rows of its customer,
// gathered in a: no item scored or visited twice, no status or visited
// flag contradicting an earlier one.
func (r *run) checkCustomerRow(cs *columns, a *customerAcc, row customerRow) error {
	id, item := row.id, row.item
	switch {
	case row.score != "" && a.qLine[item] > 0:
		return r.colError(cs, colScore, fmt.Errorf("customer %s: a second score for item %s (the first on line %d): %w", quote(id), quote(item), a.qLine[item], csat.ErrDuplicate))
	case row.visit != "" && a.vLine[item] > 0:
		return r.colError(cs, colVisit, fmt.Errorf("customer %s: a second visit level for item %s (the first on line %d): %w", quote(id), quote(item), a.vLine[item], csat.ErrDuplicate))
	case row.statusSet && a.sLine > 0 && row.status != a.status:
		return r.colError(cs, colStatus, fmt.Errorf("customer %s: status %s, but line %d says %s: %w", quote(id), statusName(row.status), a.sLine, statusName(a.status), csat.ErrInvalid))
	case row.visitedSet && a.vdLine > 0 && row.visited != a.visited:
		return r.colError(cs, colVisited, fmt.Errorf("customer %s: visited %t, but line %d says %t: %w", quote(id), row.visited, a.vdLine, a.visited, csat.ErrInvalid))
	case row.visitedSet && !row.visited && len(a.visit) > 0:
		return r.colError(cs, colVisited, fmt.Errorf("customer %s: not visited, but has visit levels from line %d: %w", quote(id), firstLine(a.vLine), csat.ErrInvalid))
	case row.visit != "" && a.vdLine > 0 && !a.visited:
		return r.colError(cs, colVisit, fmt.Errorf("customer %s: a visit level, but line %d says not visited: %w", quote(id), a.vdLine, csat.ErrInvalid))
	case row.visit != "" && row.visitedSet && !row.visited:
		return r.colError(cs, colVisited, fmt.Errorf("customer %s: not visited, but a visit level on the same row: %w", quote(id), csat.ErrInvalid))
	}
	return nil
}

// take adds a checked row, read at line, to the customer's accumulator;
// the first status and visited flag given are kept.
func (a *customerAcc) take(row customerRow, line int) {
	if row.score != "" {
		if a.q == nil {
			a.q, a.qLine = map[string]decimal.Decimal{}, map[string]int{}
		}
		a.q[row.item], a.qLine[row.item] = row.q, line
	}
	if row.visit != "" {
		if a.visit == nil {
			a.visit, a.vLine = map[string]csat.VisitNote{}, map[string]int{}
		}
		a.visit[row.item], a.vLine[row.item] = row.note, line
	}
	if row.statusSet && a.sLine == 0 {
		a.status, a.sLine = row.status, line
	}
	if row.visitedSet && a.vdLine == 0 {
		a.visited, a.vdLine = row.visited, line
	}
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
