package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/csatkit/csat/plan"
	"github.com/shopspring/decimal"
	"github.com/spf13/pflag"
)

const exampleSegment = `  csat segment testdata/sample                         # values.csv or purchases.csv of the directory
  csat segment purchases.csv --discount 0.08            # CLV from margins per period, then ABC
  csat segment --purchases margins-2026.xlsx           # a purchases file by another name
  csat segment values.csv --as-of 2026-06-30 --last last.csv
  csat segment values.csv --margin high --count few    # + the recommended relationship type

A file given as the argument is read by its role, never by a part of its
name: values.csv/.xlsx holds values, purchases.csv/.xlsx purchases; a CSV
file of another name by its header (a value column: values; a margin
column: purchases); any other file needs --values FILE or --purchases FILE.

ABC grades by cumulative value share: A while the customers ranked above
hold less than 80% of the value, B below 95%, else C (METHOD.md §8). The
schedule (with -as-of) surveys key customers (class A) every quarter and
the others every half year; --last is a CSV customer,last (YYYY-MM-DD).`

func segmentCommand(fs *pflag.FlagSet) runner {
	var f inputFlags
	f.register(fs)
	var sf segmentFlags
	fs.BoolVar(&sf.asJSON, "json", false, "print as JSON")
	fs.StringVar(&sf.last, "last", "", "CSV customer,last of each customer's last survey, for the schedule")
	fs.StringVar(&sf.margin, "margin", "", "unit margin tier for the relationship type: high, medium or low")
	fs.StringVar(&sf.count, "count", "", "number of customers tier for the relationship type: many, medium or few")
	return func(e *env, args []string) error { return runSegment(e, &f, &sf, args) }
}

// segmentFlags are the segment command's own flags.
type segmentFlags struct {
	asJSON              bool
	last, margin, count string
}

func runSegment(e *env, f *inputFlags, sf *segmentFlags, args []string) error {
	arg, err := oneArg(args)
	if err != nil {
		return err
	}
	l, err := lang(f.lang)
	if err != nil {
		return err
	}
	role, err := segmentRole(f, arg)
	if err != nil {
		return err
	}
	d, err := f.load(e, arg, role, nil)
	if err != nil {
		return err
	}
	writeSummaries(e.stderr, l, d)
	if len(d.values) == 0 {
		return usagef("no customer values: give values or purchases (CSV or .xlsx)")
	}
	out, err := segment(d.values)
	if err != nil {
		return err
	}
	if out.Relationship, err = recommend(sf.margin, sf.count); err != nil {
		return err
	}
	if out.Schedule, err = schedule(f, out.Segments, sf.last); err != nil {
		return err
	}
	if sf.asJSON {
		return writeJSON(e.stdout, out)
	}
	return writeSegments(e.stdout, l, out)
}

// segmentation is what the segment command prints.
type segmentation struct {
	Segments     []csat.Assignment    `json:"segments"`
	Classes      []csat.ClassSummary  `json:"classes"`
	Relationship *relationship        `json:"relationship,omitempty"`
	Schedule     []plan.ScheduleEntry `json:"schedule,omitempty"`
}

// segment grades the customers A, B, C and sums each class.
func segment(values []csat.CustomerValue) (segmentation, error) {
	as, err := csat.ABC{}.Segment(values)
	if err != nil {
		return segmentation{}, err
	}
	classes, err := csat.Summarize(as)
	if err != nil {
		return segmentation{}, err
	}
	return segmentation{Segments: as, Classes: classes}, nil
}

// recommend returns the relationship type for the -margin and -count
// tiers, nil when neither is given.
func recommend(margin, count string) (*relationship, error) {
	if (margin == "") != (count == "") {
		return nil, usagef("-margin and -count go together")
	}
	if margin == "" {
		return nil, nil
	}
	var m plan.Margin
	var c plan.CustomerCount
	if err := m.UnmarshalText([]byte(margin)); err != nil {
		return nil, usageError{err}
	}
	if err := c.UnmarshalText([]byte(count)); err != nil {
		return nil, usageError{err}
	}
	r, err := plan.RecommendRelationship(m, c)
	if err != nil {
		return nil, err
	}
	return &relationship{Type: r, Label: r.Label(), LabelZH: r.LabelZH(), Description: r.Description()}, nil
}

// schedule returns the survey schedule as of -as-of (nil without it),
// from the last surveys of the -last file.
func schedule(f *inputFlags, as []csat.Assignment, last string) ([]plan.ScheduleEntry, error) {
	day, given, err := f.asOfDate()
	if err != nil {
		return nil, err
	}
	if !given {
		if last != "" {
			return nil, usagef("-last needs -as-of")
		}
		return nil, nil
	}
	opts := plan.ScheduleOptions{AsOf: day}
	if last != "" {
		enc, err := parseEncoding(f.encoding)
		if err != nil {
			return nil, err
		}
		if opts.Last, err = readLast(last, enc); err != nil {
			return nil, err
		}
	}
	return plan.Schedule(as, opts)
}

// writeSegments prints the segmentation as tables: the customers by rank,
// the classes, the relationship type and the schedule.
func writeSegments(w io.Writer, l language, out segmentation) error {
	var b strings.Builder
	t := &textTable{right: []bool{true, false, true, false}}
	t.add(l.t("rank"), l.t("customer"), l.t("value"), l.t("class"))
	for _, a := range out.Segments {
		t.add(strconv.Itoa(a.Rank), a.ID, a.Value.String(), a.Class)
	}
	if err := t.write(&b); err != nil {
		return err
	}
	fmt.Fprintln(&b)
	t = &textTable{right: []bool{false, true, true, true}}
	t.add(l.t("class"), l.t("count"), l.t("value"), l.t("share"))
	for _, c := range out.Classes {
		t.add(c.Class, strconv.Itoa(c.Count), c.Value.String(), c.Share.String())
	}
	if err := t.write(&b); err != nil {
		return err
	}
	if r := out.Relationship; r != nil {
		fmt.Fprintf(&b, "\n%s %s: %s\n", r.LabelZH, r.Label, r.Description)
	}
	if len(out.Schedule) > 0 {
		fmt.Fprintln(&b)
		t = &textTable{}
		t.add(l.t("customer"), l.t("class"), l.t("key"), l.t("due"), l.t("overdue"))
		for _, s := range out.Schedule {
			key, over := "", ""
			if s.Key {
				key = "✓"
			}
			if s.Overdue {
				over = "✓"
			}
			t.add(s.ID, s.Class, key, s.Due.Format("2006-01-02"), over)
		}
		if err := t.write(&b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, escapeText(b.String()))
	return err
}

// relationship is the recommended relationship type (METHOD.md §8).
type relationship struct {
	Type        plan.Relationship `json:"type"`
	Label       string            `json:"label"`
	LabelZH     string            `json:"label_zh"`
	Description string            `json:"description"`
}

var lastColumns = map[string]string{"customer": "customer", "客户": "customer", "last": "last", "上次调查": "last"}

// readLast reads customer,last (YYYY-MM-DD) rows, within the limits of
// smallfile.go.
func readLast(path string, enc sheet.Encoding) (map[string]time.Time, error) {
	file, err := csvRows(path, enc, lastColumns, "customer", "last")
	if err != nil {
		return nil, err
	}
	return lastOf(&file)
}

// lastOf reads the last surveys of the rows: a customer id (a name) at
// most once, a date within minYear–maxYear.
func lastOf(file *csvFile) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(file.rows))
	seen := make(map[string]int, len(file.rows))
	for i, r := range file.rows {
		id := r["customer"]
		if id == "" {
			return nil, file.errorAt(i, "customer", fmt.Errorf("no customer id: %w", csat.ErrMissing))
		}
		if err := checkName("customer", id); err != nil {
			return nil, file.errorAt(i, "customer", err)
		}
		if j, dup := seen[id]; dup {
			return nil, file.errorAt(i, "customer", fmt.Errorf("customer %s on line %d and line %d: %w", quoteShort(id), file.lines[j], file.lines[i], csat.ErrDuplicate))
		}
		t, err := parseDate("last", r["last"])
		if err != nil {
			return nil, file.errorAt(i, "last", err)
		}
		out[id], seen[id] = t, i
	}
	return out, nil
}

// segmentRole says what segment's argument holds, "values" or
// "purchases", by its role, never by a part of its name: a directory
// gives both by their exact names (values.csv, purchases.xlsx, …); a
// file named values.csv/.xlsx or purchases.csv/.xlsx (in any case) is
// what its name says; a CSV file of another name is what its header
// says (a value column or a margin column); any other file is a usage
// error asking for -values or -purchases.
func segmentRole(f *inputFlags, arg string) (string, error) {
	if arg == "" {
		return "values", nil
	}
	if st, err := os.Stat(arg); err != nil || st.IsDir() {
		return "values", nil //nolint:nilerr // load says what is wrong with arg, or reads the directory
	}
	base := filepath.Base(arg)
	for _, role := range []string{"values", "purchases"} {
		for _, ext := range []string{".csv", ".xlsx"} {
			if strings.EqualFold(base, role+ext) {
				return role, nil
			}
		}
	}
	enc, err := parseEncoding(f.encoding)
	if err != nil {
		return "", err
	}
	if role := headerRole(arg, enc); role != "" {
		return role, nil
	}
	return "", usagef("%s: cannot tell values (customer,value) from purchases (customer,period,margin) by its name or header: give -values %s or -purchases %s", arg, arg, arg)
}

// headerRole returns the role the header line of the CSV file at path
// says: "values" for a value column (value, 价值, clv) without a margin
// column, "purchases" for a margin column (margin, 毛利) without a value
// column, "" otherwise (or for a workbook, by its extension or its
// content, or a first line it cannot read within maxSmallLine).
func headerRole(path string, enc sheet.Encoding) string {
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" {
		return ""
	}
	file, err := os.Open(path) //nolint:gosec // the user names the file to read on the command line
	if err != nil {
		return ""
	}
	defer func() { _ = file.Close() }()                       // read only: a close error loses nothing
	head, _ := io.ReadAll(io.LimitReader(file, maxSmallLine)) // an unreadable head tells no role: the error comes with the flag asked for
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return ""
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i+1]
	} else if len(head) == maxSmallLine {
		return ""
	}
	recs, _, err := smallRecords(path, head, enc)
	if err != nil || len(recs) == 0 {
		return ""
	}
	cols := map[string]bool{}
	for _, h := range recs[0] {
		cols[strings.ToLower(h)] = true
	}
	value := cols["value"] || cols["价值"] || cols["clv"]
	margin := cols["margin"] || cols["毛利"]
	switch {
	case value && !margin:
		return "values"
	case margin && !value:
		return "purchases"
	}
	return ""
}

const examplePlan = `  csat plan --population 500                          # Cochran: n₀ = 384.16 → n = 218
  csat plan --margin 0.05 --confidence 0.95           # infinite population: n = 385
  csat plan --population 500 --strata strata.csv --allocation neyman
  csat plan --population 500 --customers customers.txt --seed 2026 -n 50

--strata is a CSV name,population[,stddev]; --customers a file of customer
ids, one per line, from which the sample is drawn (seeded, reproducible).
--margin, --confidence and -p (--proportion) are within (0, 1): 0 is
refused, never read as the default.`

func planCommand(fs *pflag.FlagSet) runner {
	var pf planFlags
	pf.register(fs)
	return func(e *env, args []string) error { return runPlan(e, &pf, args) }
}

func runPlan(e *env, pf *planFlags, args []string) error {
	if len(args) > 0 {
		return usagef("plan takes flags only, got %q", args)
	}
	ss, err := pf.sampleSize()
	if err != nil {
		return err
	}
	size := ss.N
	if pf.n > 0 {
		size = pf.n
	}
	out := planOutput{SampleSize: ss}
	if out.Allocation, err = pf.allocate(size); err != nil {
		return err
	}
	if out.Drawn, err = pf.draw(size); err != nil {
		return err
	}
	if pf.asJSON {
		return writeJSON(e.stdout, out)
	}
	return writeSample(e.stdout, out)
}

// planFlags are the plan command's flags.
type planFlags struct {
	population                    int
	margin, confidence, p         string
	exactZ                        bool
	strata, allocation, customers string
	encoding                      string
	seed                          uint64
	n                             int
	asJSON                        bool
}

func (pf *planFlags) register(fs *pflag.FlagSet) {
	fs.IntVar(&pf.population, "population", 0, "population size N for the finite-population correction (0: infinite)")
	fs.StringVar(&pf.margin, "margin", "0.05", "margin of error e")
	fs.StringVar(&pf.confidence, "confidence", "0.95", "confidence level")
	fs.StringVarP(&pf.p, "proportion", "p", "0.5", "expected proportion p")
	fs.BoolVar(&pf.exactZ, "exact-z", false, "use the exact normal quantile instead of the two-place table value (1.96)")
	fs.StringVar(&pf.strata, "strata", "", "CSV of strata name,population[,stddev] to allocate the sample over")
	fs.StringVar(&pf.allocation, "allocation", "proportional", "allocation over strata: proportional or neyman")
	fs.StringVar(&pf.customers, "customers", "", "file of customer ids, one per line, to draw the sample from")
	fs.StringVar(&pf.encoding, "encoding", "auto", "encoding of -strata and -customers: auto (UTF-8, with or without BOM, else GBK), utf-8 or gbk")
	fs.Uint64Var(&pf.seed, "seed", 1, "seed of the draw")
	fs.IntVarP(&pf.n, "size", "n", 0, "sample size to allocate or draw (default: Cochran's n)")
	fs.BoolVar(&pf.asJSON, "json", false, "print as JSON")
}

// planOutput is what the plan command prints.
type planOutput struct {
	SampleSize plan.SampleSize `json:"sample_size"`
	Allocation map[string]int  `json:"allocation,omitempty"`
	Drawn      []string        `json:"drawn,omitempty"`
}

// sampleSize returns Cochran's sample size for the flags. Every error is
// a usage error: the figures are the flags'. A zero -margin, -confidence
// or -p is refused, not taken for the default the library gives a zero
// option.
func (pf *planFlags) sampleSize() (plan.SampleSize, error) {
	num := func(name, s string) (decimal.Decimal, error) {
		v, err := parseNumber("-"+name, s)
		if err != nil {
			return v, usageError{err}
		}
		if v.IsZero() {
			return v, usagef("-%s %s: want a value within (0, 1), such as 0.05 for 5%%: %w", name, s, csat.ErrOutOfRange)
		}
		return v, nil
	}
	var opts plan.SampleSizeOptions
	var err error
	if opts.Margin, err = num("margin", pf.margin); err != nil {
		return plan.SampleSize{}, err
	}
	if opts.Level, err = num("confidence", pf.confidence); err != nil {
		return plan.SampleSize{}, err
	}
	if opts.P, err = num("p", pf.p); err != nil {
		return plan.SampleSize{}, err
	}
	opts.Population, opts.ExactZ = pf.population, pf.exactZ
	ss, err := plan.Cochran(&opts)
	if err != nil {
		return ss, usageError{err}
	}
	if pf.n < 0 {
		return ss, usagef("-n %d: want a sample size ≥ 0: %w", pf.n, csat.ErrNegative)
	}
	return ss, nil
}

// allocate splits size forms over the -strata (nil without it).
func (pf *planFlags) allocate(size int) (map[string]int, error) {
	if pf.strata == "" {
		return nil, nil
	}
	var a plan.Allocation
	if err := a.UnmarshalText([]byte(pf.allocation)); err != nil {
		return nil, usageError{err}
	}
	enc, err := parseEncoding(pf.encoding)
	if err != nil {
		return nil, err
	}
	st, err := readStrata(pf.strata, enc)
	if err != nil {
		return nil, err
	}
	return plan.Allocate(st, size, a)
}

// draw picks size respondents (at most all) from the -customers file
// (nil without it).
func (pf *planFlags) draw(size int) ([]string, error) {
	if pf.customers == "" {
		return nil, nil
	}
	enc, err := parseEncoding(pf.encoding)
	if err != nil {
		return nil, err
	}
	ids, err := readIDs(pf.customers, enc)

	if err != nil {
		return nil, err
	}
	return plan.Draw(ids, min(size, len(ids)), pf.seed)
}

// writeSample prints the sample size's derivation, the allocation by
// stratum name and the customers drawn.
func writeSample(w io.Writer, out planOutput) error {
	var b strings.Builder
	ss := out.SampleSize
	fmt.Fprintf(&b, "%s\n%s\nn = %d\n", ss.N0.Explain(), ss.Corrected.Explain(), ss.N)
	if out.Allocation != nil {
		names := make([]string, 0, len(out.Allocation))
		for k := range out.Allocation {
			names = append(names, k)
		}
		sort.Strings(names)
		fmt.Fprintln(&b)
		for _, k := range names {
			fmt.Fprintf(&b, "%s: %d\n", escapeName(k), out.Allocation[k])
		}
	}
	if out.Drawn != nil {
		fmt.Fprintln(&b)
		for _, id := range out.Drawn {
			fmt.Fprintf(&b, "%s\n", escapeName(id))
		}
	}
	_, err := io.WriteString(w, escapeText(b.String()))
	return err
}

var strataColumns = map[string]string{"name": "name", "stratum": "name", "层": "name", "名称": "name",
	"population": "population", "总体": "population", "stddev": "stddev", "标准差": "stddev"}

// readStrata reads the strata name,population[,stddev] of plan -strata,
// within the limits of smallfile.go.
func readStrata(path string, enc sheet.Encoding) ([]plan.Stratum, error) {
	file, err := csvRows(path, enc, strataColumns, "name", "population")
	if err != nil {
		return nil, err
	}
	return strataOf(&file)
}

// parseStrata is readStrata for the bytes of a file named name.
func parseStrata(name string, b []byte, enc sheet.Encoding) ([]plan.Stratum, error) {
	file, err := parseCSVRows(name, b, enc, strataColumns, "name", "population")
	if err != nil {
		return nil, err
	}
	return strataOf(&file)
}

// strataOf reads the strata of the rows: a name (one line) at most once,
// a whole population 0–2³¹−1, a standard deviation ≥ 0 within the limits
// of parseNumber.
func strataOf(file *csvFile) ([]plan.Stratum, error) {
	out := make([]plan.Stratum, 0, len(file.rows))
	seen := make(map[string]int, len(file.rows))
	for i, r := range file.rows {
		name := r["name"]
		if name == "" {
			return nil, file.errorAt(i, "name", fmt.Errorf("no stratum name: %w", csat.ErrMissing))
		}
		if err := checkName("stratum", name); err != nil {
			return nil, file.errorAt(i, "name", err)
		}
		if j, dup := seen[name]; dup {
			return nil, file.errorAt(i, "name", fmt.Errorf("stratum %s on line %d and line %d: %w", quoteShort(name), file.lines[j], file.lines[i], csat.ErrDuplicate))
		}
		seen[name] = i
		p := r["population"]
		pop, err := strconv.Atoi(p)
		if len(p) > 10 || err != nil || pop < 0 || pop > math.MaxInt32 {
			return nil, file.errorAt(i, "population", fmt.Errorf("population %s is not a whole number 0–%d: %w", quoteShort(p), math.MaxInt32, csat.ErrInvalid))
		}
		s := plan.Stratum{Name: name, Population: pop}
		if v := r["stddev"]; v != "" {
			if s.StdDev, err = parseNumber("stddev", v); err != nil {
				return nil, file.errorAt(i, "stddev", err)
			}
			if s.StdDev.IsNegative() {
				return nil, file.errorAt(i, "stddev", fmt.Errorf("stddev %s: %w", quoteShort(v), csat.ErrNegative))
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// readIDs reads the customer ids of plan -customers, one a line (a CSV's
// first field; blank lines skipped), within the limits of smallfile.go.
// An id is a name (one line) given at most once.
func readIDs(path string, enc sheet.Encoding) ([]string, error) {
	b, err := readSmall(path)
	if err != nil {
		return nil, err
	}
	return parseIDs(path, b, enc)
}

// parseIDs is readIDs for the bytes of a file named name.
func parseIDs(name string, b []byte, enc sheet.Encoding) ([]string, error) {
	recs, lines, err := smallRecords(name, b, enc)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(recs))
	seen := make(map[string]int, len(recs))
	for i, rec := range recs {
		id := rec[0]
		if id == "" {
			return nil, &csat.ParseError{File: name, Line: lines[i], Field: 1, Err: fmt.Errorf("no customer id in the first field: %w", csat.ErrMissing)}
		}
		if err := checkName("customer", id); err != nil {
			return nil, &csat.ParseError{File: name, Line: lines[i], Field: 1, Err: err}
		}
		if j, dup := seen[id]; dup {
			return nil, &csat.ParseError{File: name, Line: lines[i], Field: 1, Err: fmt.Errorf("customer %s on line %d and line %d: %w", quoteShort(id), lines[j], lines[i], csat.ErrDuplicate)}
		}
		seen[id] = i
		ids = append(ids, id)
	}
	return ids, nil
}

const exampleTarget = `  csat target 82 85 78 88 90 80            # scores, oldest first: target 85.75
  csat target 80% 82% 79% 85% --variant     # percentages (or fractions 0.80 …)

The average-advanced target 平均先进指标 is the mean of the values above
the mean of the history (METHOD.md §10); --variant is (mean + Σ advanced)
/ (k + 1).`

func targetCommand(fs *pflag.FlagSet) runner {
	variant := fs.Bool("variant", false, "the variant (mean + Σ advanced) / (k + 1)")
	asJSON := fs.Bool("json", false, "print as JSON")
	return func(e *env, args []string) error { return runTarget(e, args, *variant, *asJSON) }
}

func runTarget(e *env, args []string, variant, asJSON bool) error {
	if len(args) == 0 {
		return usagef("give the past yearly values, oldest first")
	}
	// Percentages (82%) or fractions (all values within 0–1) are
	// fractions; other numbers (scores 0–100) are points.
	kind := csat.Fraction
	var hist []decimal.Decimal
	for _, a := range args {
		v, err := parseNumber("value", strings.TrimSuffix(a, "%"))
		if err != nil {
			return usageError{err}
		}
		if strings.HasSuffix(a, "%") {
			v = v.Shift(-2)
		} else if v.GreaterThan(decimal.NewFromInt(1)) {
			kind = csat.Points
		}
		hist = append(hist, v)
	}
	if kind == csat.Points {
		for _, a := range args {
			if strings.HasSuffix(a, "%") {
				return usagef("mixed percentages and scores: give all values one way")
			}
		}
	}
	m := analysis.AverageAdvanced
	if variant {
		m = analysis.AverageAdvancedVariant
	}
	t, err := analysis.Target(hist, m, kind)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e.stdout, t)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", strings.TrimRight(t.Target.Derivation(), "\n"))
	return err
}
