package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/spf13/pflag"
)

const exampleCustomers = `  csat customers testdata/sample            # customers.csv (+ complaints.csv) of the directory
  csat customers customers.xlsx --complaints complaints.csv
  csat customers testdata/sample --explain --lang en

Each customer's score follows the PVC method: questionnaire (weighted
item scores), visit (interviewer's notes), preliminary 60% visit + 40%
questionnaire, complaint adjustments, final score clamped to 0–100 and
its band. The company view weighs every customer equally and counts a
lost customer at the lowest band's point.`

func customersCommand(fs *pflag.FlagSet) runner {
	var f inputFlags
	f.register(fs)
	asJSON := fs.Bool("json", false, "print the scores and the company view as JSON")
	explain := fs.Bool("explain", false, "print each customer's derivation")
	return func(e *env, args []string) error { return runCustomers(e, &f, args, *asJSON, *explain) }
}

func runCustomers(e *env, f *inputFlags, args []string, asJSON, explain bool) error {
	arg, err := oneArg(args)
	if err != nil {
		return err
	}
	l, err := lang(f.lang)
	if err != nil {
		return err
	}
	d, err := f.load(e, arg, "customers", nil)
	if err != nil {
		return err
	}
	writeSummaries(e.stderr, l, d)
	if len(d.customers) == 0 {
		return usagef("no customers: give customers.csv or .xlsx in the directory, a customers file, or -customers")
	}
	if err := setStatusOnlyAside(e, l, d); err != nil {
		return err
	}
	scores, err := d.scoreCustomers()
	if err != nil {
		return err
	}
	company, err := analysis.Company(scores, nil)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e.stdout, struct {
			Customers []csat.CustomerScore    `json:"customers"`
			Company   analysis.CompanyFigures `json:"company"`
		}{scores, company})
	}
	var b strings.Builder
	t := &textTable{right: []bool{false, false, true, true, true, true, false, true}}
	t.add(l.t("customer"), l.t("status"), l.t("questionnaire"), l.t("visit"), l.t("preliminary"), l.t("final"), l.t("band"))
	for _, cs := range scores {
		opt := func(r *csat.Result) string {
			if r == nil {
				return "—"
			}
			return r.String()
		}
		t.add(cs.ID, statusText(cs.Status), opt(cs.Questionnaire), opt(cs.Visit), cs.Preliminary.String(), cs.Final.String(), cs.BandLevel.Name())
	}
	if err := t.write(&b); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%s: %s (%d/%d)\n", l.t("company mean"), company.Mean.Explain(), company.Counted, company.Customers)
	for _, bc := range company.Distribution {
		fmt.Fprintf(&b, "  %s: %d (%s)\n", bc.Level.Name(), bc.Count, bc.Share)
	}
	fmt.Fprintln(&b)
	for i, rc := range company.Ranking {
		var drags []string
		for _, it := range rc.Drags {
			drags = append(drags, escapeName(it.Item)+" "+it.Combined.String())
		}
		fmt.Fprintf(&b, "%d. %s %s %s", i+1, escapeName(rc.ID), rc.Score, rc.Band.Name())
		if len(drags) > 0 {
			fmt.Fprintf(&b, " ↓ %s", strings.Join(drags, ", "))
		}
		fmt.Fprintln(&b)
	}
	if explain {
		for _, cs := range scores {
			fmt.Fprintf(&b, "\n%s\n", cs.Explain())
		}
	}
	_, err = io.WriteString(e.stdout, escapeText(b.String()))
	return err
}

// statusText is a customer status as the command has always printed it:
// "at risk", not the status's text name "at_risk".
// setStatusOnlyAside takes the customers with a status only (rows for
// the churn analysis) out of d's customers to score and lists them on
// stderr; a usage error when no customer is left to score.
func setStatusOnlyAside(e *env, l language, d *dataset) error {
	only := d.statusOnly()
	if len(only) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(only))
	for i, id := range ids {
		ids[i] = escapeName(id) + " " + statusText(only[id])
	}
	_, _ = fmt.Fprintf(e.stderr, "%s: %s\n", l.t("status only"), strings.Join(ids, ", ")) // a notice on stderr: nothing to do if it fails
	if len(d.customers) == 0 {
		return usagef("no customer has a questionnaire, a visit or a complaint to score (%d have a status only)", len(only))
	}
	return nil
}

func statusText(s csat.Status) string {
	return strings.ReplaceAll(s.String(), "_", " ")
}
