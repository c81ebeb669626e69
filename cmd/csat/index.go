package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/csi"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
	"github.com/spf13/pflag"
)

const exampleIndex = `  csat index survey.csv --scale 1-10                    # the ACSI model on answers 1–10
  csat index mobi.csv --model ecsi --scale 1-10 --lang en
  csat index export.xlsx --model model.txt --boot 2000 --seed 7
  csat index DIR --scale 1-10 --json > index.json        # the estimates for machines
  csat index DIR --scale 1-10 --html index.html          # and the page

The satisfaction index model (顾客满意度指数模型) is estimated by PLS path
modelling on the forms of one period (the latest, or --period NAME): every
construct's index on 0–100 with its bootstrap interval, R², reliability
(α, ρc, AVE; weak ones marked *), the path coefficients with their
intervals, HTMT pairs over 0.85 and the importance–performance map (IPMA).

The answers must be on forms: a wide file (one row per form, one column
per item, as survey tools export it; 提交时间, IP, 备注 … are skipped), or
a long one with a form id column (表单编号). --model names the model:
  ecsi   ECSI: Image IMAG1–5, Expectation CUEX1–3, Quality PERQ1–7,
         Value PERV1–2, Satisfaction CUSA1–3, Complaints CUSCO, Loyalty CUSL1–3
  acsi   ACSI (CCSI follows it; the default): Expectation EXPE1–3,
         Quality QUAL1–3, Value VALU1–2, Satisfaction SATI1–3, Complaints COMP1,
         Loyalty LOYA1–2
  FILE   your own model, a line a statement, the indicators named as the
         answers' column headers (or JSON, as --json prints the model):
           满意 =~ 满意1 + 满意2 + 满意3      # 满意 is measured by these items
           质量 =~ 质量1 + 质量2
           满意 ~ 质量                        # 质量 is a cause of 满意

--scale says what the answers are: five (很满意 … 很不满意, 10/8/6/4/2
points; the default) or numbers LO-HI such as 1-10 or 0-10 (each answer
its number). An index is 0 at the scale's lowest points and 100 at its
highest. --boot 0 skips the bootstrap (no intervals); the same --seed
gives the same intervals on any number of --workers.`

// indexFlags are the index command's flags: the reading flags it shares
// with the other commands, and its own.
type indexFlags struct {
	in                      inputFlags
	model, scale            string
	scheme, missing, target string
	level, html             string
	boot, workers           int
	seed                    uint64
	json, force             bool
	page                    pageFlags
}

// indexShared are the reading flags index takes from [inputFlags].
var indexShared = []string{"lang", "encoding", "layout", "sheet", "all", "period", "answers", "skip", "segments"}

func (f *indexFlags) register(fs *pflag.FlagSet) {
	all := pflag.NewFlagSet("input", pflag.ContinueOnError)
	f.in.register(all)
	for _, name := range indexShared {
		fs.AddFlag(all.Lookup(name))
	}
	fs.Lookup("segments").Usage = "comma-separated headers of more segment columns (地区, 行业, 规模, ABC are recognised): customer groups, not items"
	fs.Lookup("period").Usage = "the period to estimate (default: the last by name); for an answers file without a period column, the period's name (default \"current\")"
	fs.StringVar(&f.model, "model", "acsi", "the model: ecsi, acsi, or a model file (text \"C =~ a + b\", \"C ~ A + B\", or JSON) whose indicators are the answers' items")
	fs.StringVar(&f.scale, "scale", "five", "the answers' scale: five (很满意…很不满意, 10/8/6/4/2 points) or numeric LO-HI such as 1-10, 0-10 (answers \"1\"…\"10\", each its number)")
	fs.StringVar(&f.scheme, "scheme", "path", "the inner weighting scheme: path, centroid or factorial")
	fs.StringVar(&f.missing, "missing", "mean", "blank answers: mean (replaced by the indicator's mean; every form counts) or casewise (only forms complete on every indicator)")
	fs.StringVar(&f.target, "target", "", "the construct of the importance–performance map (default: the model's final one, Loyalty in ECSI and ACSI)")
	fs.IntVar(&f.boot, "boot", csi.DefaultResamples, "bootstrap resamples for the intervals (0: no bootstrap, no intervals)")
	fs.Uint64Var(&f.seed, "seed", 0, "the bootstrap's seed: the same seed gives the same intervals")
	fs.StringVar(&f.level, "level", "0.95", "the intervals' confidence level, between 0 and 1")
	fs.IntVar(&f.workers, "workers", 0, "goroutines of the bootstrap (0: every CPU); the intervals do not depend on it")
	fs.BoolVar(&f.json, "json", false, "print the estimates (with intervals and the model) as JSON, for machines")
	fs.StringVar(&f.html, "html", "", "also write the estimates as an HTML page to this file (- for standard output, instead of the text)")
	fs.BoolVar(&f.force, "force", false, "replace the --html file if it exists (never an input of the run)")
	f.page.register(fs)
}

func indexCommand(fs *pflag.FlagSet) runner {
	var f indexFlags
	f.register(fs)
	return f.run
}

// indexConfig is what the flags ask for, checked.
type indexConfig struct {
	l         language
	scale     *csat.Scale
	numeric   bool // a LO-HI scale
	opts      csi.Options
	level     decimal.Decimal
	model     *csi.Model
	modelName string // "ECSI", "ACSI", or the file's path
	modelFile string // the model file read, "" for a name
	page      *pageFlags
}

func (f *indexFlags) run(e *env, args []string) error {
	arg, err := oneArg(args)
	if err != nil {
		return err
	}
	l, err := lang(f.in.lang)
	if err != nil {
		return err
	}
	c, err := f.check(l)
	if err != nil {
		return err
	}
	if err := f.loadModel(c); err != nil {
		return err
	}
	if c.opts.Target, err = f.targetName(c); err != nil {
		return err
	}
	inputs, err := f.locate(arg, c)
	if err != nil {
		return err
	}
	var page *output
	if f.html != "" && f.html != "-" {
		page = &output{path: f.html, force: f.force, flag: "--html"}
		if err := page.check(inputs); err != nil { // before reading: a refused output costs nothing
			return err
		}
	}
	x, err := f.read(e, c)
	if err != nil {
		return err
	}
	r, err := f.estimate(e, c, x)
	if err != nil {
		return err
	}
	return f.write(e, c, r, page, inputs)
}

// check validates the index command's own flags, as usage errors in the
// output's language.
func (f *indexFlags) check(l language) (*indexConfig, error) {
	c := &indexConfig{l: l, page: &f.page}
	var err error
	if c.scale, c.numeric, err = parseIndexScale(f.scale); err != nil {
		return nil, usagef(l.t("index bad scale"), l.q(f.scale))
	}
	switch strings.ToLower(f.scheme) {
	case "path":
	case "centroid":
		c.opts.Scheme = csi.Centroid
	case "factorial":
		c.opts.Scheme = csi.Factorial
	default:
		return nil, usagef(l.t("index bad scheme"), l.q(f.scheme))
	}
	switch strings.ToLower(f.missing) {
	case "mean":
	case "casewise":
		c.opts.Missing = csi.Casewise
	default:
		return nil, usagef(l.t("index bad missing"), l.q(f.missing))
	}
	if f.boot < 0 || f.boot > csi.MaxResamples {
		return nil, usagef(l.t("index bad boot"), f.boot, csi.MaxResamples)
	}
	if f.workers < 0 || f.workers > 1024 {
		return nil, usagef(l.t("index bad workers"), f.workers)
	}
	c.level, err = parseNumber("--level", f.level)
	if err != nil || !c.level.IsPositive() || c.level.GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return nil, usagef(l.t("index bad level"), l.q(f.level))
	}
	if err := f.page.check(); err != nil {
		return nil, err
	}
	if f.html == "-" && f.json {
		return nil, usageError{errors.New(l.t("index html json"))}
	}
	return c, nil
}

// reScale is a numeric scale: LO-HI (a hyphen, en dash, tilde or "to").
var reScale = regexp.MustCompile(`^\s*(\d{1,3})\s*(?:-|–|~|～|to)\s*(\d{1,3})\s*$`)

// parseIndexScale returns the scale of --scale: five, the method's
// five-level scale, or LO-HI, the levels "HI" … "LO" worth their number
// (those above the middle count as satisfied; the index uses points
// only). numeric says LO-HI.
func parseIndexScale(s string) (sc *csat.Scale, numeric bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "five", "5", "five-point", "":
		return csat.FivePoint(), false, nil
	}
	m := reScale.FindStringSubmatch(s)
	if m == nil {
		return nil, false, errors.New("not a scale")
	}
	lo, _ := strconv.Atoi(m[1]) // digits only
	hi, _ := strconv.Atoi(m[2])
	if hi <= lo || hi-lo+1 > csat.MaxLevels {
		return nil, false, errors.New("not a scale")
	}
	sc, err = csi.NumericScale(lo, hi)
	return sc, true, err
}

// maxModelFile is the largest model file read, in bytes.
const maxModelFile = 1 << 20

// reModelLine is a model file's syntax error: its line and what is wrong.
var reModelLine = regexp.MustCompile(`model: line (\d+): (.+)`)

// loadModel sets the model of --model: a name (ecsi, acsi) or a file.
func (f *indexFlags) loadModel(c *indexConfig) error {
	l := c.l
	switch strings.ToLower(strings.TrimSpace(f.model)) {
	case "ecsi":
		c.model, c.modelName = csi.ECSI(), "ECSI"
		return nil
	case "acsi", "":
		c.model, c.modelName = csi.ACSI(), "ACSI"
		return nil
	}
	st, err := os.Stat(f.model)
	if err != nil || st.IsDir() {
		return usagef(l.t("index bad model"), l.q(f.model))
	}
	if st.Size() > maxModelFile {
		return usagef(l.t("index model too big"), f.model, st.Size(), maxModelFile)
	}
	b, err := os.ReadFile(f.model)
	if err != nil {
		return usageError{err}
	}
	c.model, err = csi.ParseModel(b)
	if err != nil {
		why := cleaned(err)
		if m := reModelLine.FindStringSubmatch(why); m != nil {
			return fmt.Errorf(l.t("index model line")+": %w", f.model, m[1], m[2], csat.ErrSyntax)
		}
		why = strings.TrimPrefix(strings.TrimPrefix(why, "model: "), "index: ")
		return fmt.Errorf(l.t("index model bad")+": %w", f.model, why, csat.ErrInvalid)
	}
	c.modelName, c.modelFile = f.model, f.model
	return nil
}

// targetName returns the construct --target names: by its name in the
// model, or by the label the output shows it with (顾客忠诚 for Loyalty).
func (f *indexFlags) targetName(c *indexConfig) (string, error) {
	if f.target == "" {
		return "", nil
	}
	var names []string
	for _, k := range c.model.Constructs() {
		if k.Name == f.target {
			return k.Name, nil
		}
		if v, ok := labels["construct "+k.Name]; ok && (v[zh] == f.target || strings.EqualFold(v[en], f.target)) {
			return k.Name, nil
		}
		names = append(names, c.l.construct(k.Name))
	}
	return "", usagef(c.l.t("index bad target"), c.l.q(f.target), strings.Join(names, c.l.t("list sep")))
}

// locate finds the answers file of the argument (a data directory or the
// file) and checks it can be read; it returns the run's inputs, which an
// output may not replace.
func (f *indexFlags) locate(arg string, c *indexConfig) ([]string, error) {
	dir, err := f.in.argument(arg, "answers")
	if err != nil {
		return nil, err
	}
	if err := pickFile(dir, &f.in.answers, "answers", ".csv", ".xlsx"); err != nil {
		return nil, err
	}
	if err := f.in.checkInputs(); err != nil {
		return nil, err
	}
	inputs := f.in.inputs()
	if c.modelFile != "" {
		inputs = append(inputs, c.modelFile)
	}
	return inputs, nil
}

// indexRead is what reading the answers gave: the periods, and the
// survey forms of each period held for the bootstrap.
type indexRead struct {
	d       *dataset
	data    map[string]*csi.Data // per period
	other   map[string]uint64    // forms of other sources, per period
	addErrs []error              // the first errors of csi.Data.Add
	failed  int                  // forms Data.Add refused
}

// maxAddErrors is the number of refused forms listed.
const maxAddErrors = 10

// read reads the answers file with the flags' options; each survey form
// counted goes into its period's csi.Data when the bootstrap needs them.
func (f *indexFlags) read(e *env, c *indexConfig) (*indexRead, error) {
	opts, err := f.in.options()
	if err != nil {
		return nil, err
	}
	if _, err := csi.NewData(c.model, c.scale); err != nil {
		return nil, usagef("--scale %s: %w", quoteShort(f.scale), err)
	}
	opts.Scale = c.scale
	x := &indexRead{d: &dataset{lang: c.l}, data: map[string]*csi.Data{}, other: map[string]uint64{}}
	opts.Forms = func(period string, fm form.Form) {
		if fm.Source != "" && fm.Source != csat.SourceSurvey {
			x.other[period]++
			return
		}
		if f.boot == 0 {
			return // the estimates need the counts only
		}
		d := x.data[period]
		if d == nil {
			d, _ = csi.NewData(c.model, c.scale) // checked above
			x.data[period] = d
		}
		if err := d.Add(fm); err != nil { // Add copies what it keeps
			if x.failed++; len(x.addErrs) < maxAddErrors {
				x.addErrs = append(x.addErrs, fmt.Errorf("%s %s: %w", c.l.t("period"), period, err))
			}
		}
	}
	err = f.in.loadAnswers(e, x.d, opts, true)
	writeSummaries(e.stderr, c.l, x.d)
	if err != nil {
		return nil, scaleHint(err, c)
	}
	if x.failed > 0 {
		if n := x.failed - len(x.addErrs); n > 0 {
			x.addErrs = append(x.addErrs, fmt.Errorf(c.l.t("index add more"), n))
		}
		return nil, fmt.Errorf(c.l.t("index add failed")+"\n%w", x.failed, errors.Join(x.addErrs...))
	}
	return x, nil
}

// scaleHint adds to a read's error a hint at --scale when the value
// refused is a number on the five-level scale, or a level of the
// five-level scale on a numeric one.
func scaleHint(err error, c *indexConfig) error {
	var ve *sheet.ValueError
	if !errors.As(err, &ve) || ve.Kind != "level" {
		return err
	}
	_, five := csat.FivePoint().Index(ve.Value)
	switch {
	case !c.numeric && ve.Value != "" && strings.Trim(ve.Value, "0123456789") == "":
		return errors.Join(err, errors.New(c.l.t("index scale hint numeric")))
	case c.numeric && five == nil:
		return errors.Join(err, errors.New(c.l.t("index scale hint five")))
	}
	return err
}

// indexResult is what the command prints.
type indexResult struct {
	period  string
	periods []string // every period of the file with answers
	latest  bool     // the period is the latest by default, not --period
	other   uint64   // forms of other sources left out
	est     *csi.Estimates
	boot    *csi.Bootstrapped // nil with --boot 0
}

// estimate estimates the model on the period's survey forms, with the
// bootstrap unless --boot 0.
func (f *indexFlags) estimate(e *env, c *indexConfig, x *indexRead) (*indexResult, error) {
	l, d := c.l, x.d
	r := &indexResult{period: d.periods[d.current].Name, latest: f.in.period == ""}
	for _, p := range d.periods {
		r.periods = append(r.periods, p.Name)
	}
	r.other = x.other[r.period]
	st := d.forms[d.current]
	if st.Forms(csat.SourceSurvey) == 0 {
		if d.loose > 0 {
			return nil, usagef(l.t("index no forms loose"), f.in.answers, r.period)
		}
		return nil, fmt.Errorf(l.t("index no forms")+": %w", f.in.answers, r.period, csat.ErrEmpty)
	}
	period := r.period
	if len(r.periods) == 1 {
		period = "" // the file's one period: no need to name it
	}
	if err := checkIndicators(l, c.model, st, d.items, period); err != nil {
		return nil, err
	}
	var err error
	if f.boot == 0 {
		r.est, err = csi.Estimate(c.model, st, &c.opts)
	} else {
		bo := &csi.BootOptions{Resamples: f.boot, Seed: f.seed, Level: c.level, Workers: f.workers}
		r.boot, err = csi.Bootstrap(e.ctx, x.data[r.period], &c.opts, bo)
		if err == nil {
			r.est = r.boot.Estimates
		}
	}
	if err != nil {
		if ctxErr := e.ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return nil, err // interrupted
		}
		return nil, estimateError(l, err)
	}
	return r, nil
}

// An indexError is an error told in the output's language, wrapping the
// library's.
type indexError struct {
	msg string
	err error
}

func (e *indexError) Error() string { return e.msg }
func (e *indexError) Unwrap() error { return e.err }

// estimateError tells why the model cannot be estimated: the library's
// reason, after what it means in Chinese.
func estimateError(l language, err error) error {
	why := strings.TrimPrefix(cleaned(err), "index: ")
	for _, k := range []struct {
		err error
		key string
	}{{csi.ErrZeroVariance, "index zero variance"}, {csi.ErrSingular, "index singular"}, {csi.ErrNoConvergence, "index no convergence"}} {
		if errors.Is(err, k.err) && l == zh {
			why = l.t(k.key) + "（" + why + "）"
		}
	}
	return &indexError{fmt.Sprintf(l.t("index estimate failed"), why), err}
}

// checkIndicators refuses a model with an indicator that is no item of
// the period's forms, listing every one missing and the data's items
// (of the period, when the file has several).
func checkIndicators(l language, m *csi.Model, st *form.Stats, order []string, period string) error {
	have := st.Items()
	var missing []string
	overall := false
	for _, ind := range m.Indicators() {
		if !slices.Contains(have, ind) {
			missing = append(missing, ind)
			overall = overall || isOverallHeader(ind) && answered(st.OverallTally(csat.SourceSurvey))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var items []string
	for _, it := range order { // questionnaire order, then any other
		if slices.Contains(have, it) {
			items = append(items, it)
		}
	}
	for _, it := range have {
		if !slices.Contains(items, it) {
			items = append(items, it)
		}
	}
	sep := l.t("list sep")
	err := fmt.Errorf(l.t("index missing indicators")+": %w", len(missing), len(m.Indicators()),
		strings.Join(missing, sep), strings.Join(items, sep), csat.ErrUnknownItem)
	if period != "" {
		err = fmt.Errorf(l.t("index missing indicators period")+": %w", len(missing), len(m.Indicators()),
			strings.Join(missing, sep), period, strings.Join(items, sep), csat.ErrUnknownItem)
	}
	if overall {
		err = errors.Join(err, errors.New(l.t("index overall column")))
	}
	return usageError{err}
}

// isOverallHeader reports whether a header names the overall question
// (总体满意度), which the readers keep apart from the items.
func isOverallHeader(h string) bool {
	return strings.EqualFold(h, "overall") || h == "总体满意度" || h == "总体评价"
}

// write prints the result: JSON, text, and the page of --html.
func (f *indexFlags) write(e *env, c *indexConfig, r *indexResult, page *output, inputs []string) error {
	if f.html == "-" {
		return renderIndexHTML(e.stdout, r, c, e)
	}
	var err error
	if f.json {
		err = writeIndexJSON(e.stdout, r, c)
	} else {
		err = writeIndex(e.stdout, c, r)
	}
	if err != nil || page == nil {
		return err
	}
	if err := page.write(e, inputs, func(w io.Writer) error { return renderIndexHTML(w, r, c, e) }); err != nil {
		return err
	}
	_, _ = fmt.Fprintf(e.stderr, "wrote %s\n", escapeName(page.path)) // the output is written: a lost notice is harmless
	return nil
}

// indexJSON and bootJSON are the JSON of --json: the csi estimates (or
// bootstrapped estimates) as they marshal, model included, with the
// period and the scale beside them.
type indexJSON struct {
	Period string `json:"period"`
	Scale  string `json:"scale"`
	*csi.Estimates
}

type bootJSON struct {
	Period string `json:"period"`
	Scale  string `json:"scale"`
	*csi.Bootstrapped
}

func writeIndexJSON(w io.Writer, r *indexResult, c *indexConfig) error {
	if r.boot != nil {
		return writeJSON(w, bootJSON{Period: r.period, Scale: c.scale.Name(), Bootstrapped: r.boot})
	}
	return writeJSON(w, indexJSON{Period: r.period, Scale: c.scale.Name(), Estimates: r.est})
}

// Decimal places of the text: coefficients, R², reliabilities, HTMT and
// importances to 4, indices on 0–100 to 2.
const (
	ratioPlaces = 4
	indexPlaces = 2
)

// q quotes a value for a message in the language: “…” or "…".
func (l language) q(s string) string { return human{en: l == en}.q(s) }

// construct names a construct in the language: the usual constructs of
// ECSI and ACSI by their Chinese names in Chinese, any other by its own.
func (l language) construct(name string) string {
	if v, ok := labels["construct "+name]; ok {
		return v[l]
	}
	return name
}

// writeIndex prints the estimates as text in the language.
func writeIndex(w io.Writer, c *indexConfig, r *indexResult) error {
	var b strings.Builder
	writeIndexHead(&b, c, r)
	if err := writeConstructs(&b, c, r); err != nil {
		return err
	}
	if err := writePaths(&b, c, r); err != nil {
		return err
	}
	writeHTMT(&b, c.l, r.est)
	if err := writeIPMA(&b, c.l, r.est); err != nil {
		return err
	}
	writeBootLine(&b, c, r)
	lines := strings.Split(b.String(), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " ") // a table's empty last cells
	}
	_, err := io.WriteString(w, escapeText(strings.Join(lines, "\n")))
	return err
}

// writeIndexHead prints the period, the model and the scale, the forms
// used and how, and the warnings about the forms.
func writeIndexHead(b *strings.Builder, c *indexConfig, r *indexResult) {
	l, est := c.l, r.est
	switch {
	case len(r.periods) > 1 && r.latest:
		fmt.Fprintf(b, l.t("index period latest")+"\n", escapeName(r.period), len(r.periods))
	case len(r.periods) > 1 || !r.latest || r.period != sheet.DefaultPeriod:
		fmt.Fprintf(b, "%s %s\n", l.t("period"), escapeName(r.period))
	}
	model := l.t("index model") + " " + c.modelName
	if c.modelFile != "" {
		model = l.t("index model file") + " " + escapeName(c.modelFile)
	}
	scale := l.scaleName(c.scale.Name())
	if c.numeric {
		scale = fmt.Sprintf(l.t("index scale numeric"), est.Min.String(), est.Max.String())
	}
	fmt.Fprintf(b, "%s · %s %s\n", model, l.t("scale"), scale)
	fmt.Fprintf(b, l.t("index forms")+" · %s · %s · "+l.t("index iterations")+"\n", est.Forms, est.Used,
		l.t("index missing "+est.Missing.String()), l.t("index scheme "+est.Scheme.String()), est.Iterations)
	if r.other > 0 {
		fmt.Fprintf(b, "%s: "+l.t("index other sources")+"\n", l.t("warnings"), r.other)
	}
	var blank []string
	for _, ind := range est.Indicators {
		if est.Forms > 0 && ind.Missing*20 > est.Forms {
			tenths := (ind.Missing*1000 + est.Forms/2) / est.Forms
			blank = append(blank, fmt.Sprintf("%s %d/%d (%d.%d%%)", ind.Name, ind.Missing, est.Forms, tenths/10, tenths%10))
		}
	}
	if len(blank) > 0 {
		fmt.Fprintf(b, "%s: "+l.t("index blanks "+est.Missing.String())+"\n", l.t("warnings"), strings.Join(blank, l.t("list sep")))
	}
}

// levelName prints the confidence level as a percentage: 95, 97.5.
func levelName(c *indexConfig) string {
	return c.level.Mul(decimal.NewFromInt(100)).String()
}

// interval prints an interval, [lower, upper], to places.
func interval(iv csi.Interval, places int32) string {
	return "[" + iv.Lower.StringFixed(places) + ", " + iv.Upper.StringFixed(places) + "]"
}

// writeConstructs prints each construct's index, its interval, R² and
// reliability, weak figures marked.
func writeConstructs(b *strings.Builder, c *indexConfig, r *indexResult) error {
	l, est := c.l, r.est
	b.WriteString("\n")
	t := &textTable{right: []bool{false, true, true, true, true, true}}
	head := []string{l.t("index construct"), l.t("index index")}
	if r.boot != nil {
		head = append(head, fmt.Sprintf(l.t("index interval"), levelName(c)))
		t.right = slices.Insert(t.right, 2, false)
	}
	t.add(append(head, "R²", "α", "ρc", "AVE")...)
	cons := est.Model.Constructs()
	weak := false
	for j, ce := range est.Constructs {
		row := []string{l.construct(ce.Name), ce.Index.StringFixed(indexPlaces)}
		if r.boot != nil {
			row = append(row, interval(r.boot.IndexIntervals[j], indexPlaces))
		}
		r2 := "—"
		if ce.Endogenous {
			r2 = ce.R2.StringFixed(ratioPlaces)
		}
		row = append(row, r2)
		for _, v := range []struct {
			key string
			d   decimal.Decimal
		}{{"alpha", ce.Alpha}, {"rhoC", ce.RhoC}, {"AVE", ce.AVE}} {
			s := v.d.StringFixed(ratioPlaces)
			switch {
			case j < len(cons) && len(cons[j].Indicators) == 1:
				s = "—"
			case slices.Contains(ce.Weak, v.key):
				s += "*"
				weak = true
			}
			row = append(row, s)
		}
		t.add(row...)
	}
	if err := t.write(b); err != nil {
		return err
	}
	fmt.Fprintf(b, "%s\n", l.t("index index note"))
	if weak {
		fmt.Fprintf(b, "%s\n", l.t("index weak"))
	}
	return nil
}

// writePaths prints the paths, by cause then effect in model order, with
// their coefficients and intervals; an interval holding 0 is marked.
func writePaths(b *strings.Builder, c *indexConfig, r *indexResult) error {
	l, est := c.l, r.est
	pos := map[string]int{}
	for j, ce := range est.Constructs {
		pos[ce.Name] = j
	}
	order := make([]int, len(est.Paths))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, z int) int {
		pa, pz := est.Paths[a], est.Paths[z]
		if d := pos[pa.From] - pos[pz.From]; d != 0 {
			return d
		}
		return pos[pa.To] - pos[pz.To]
	})
	fmt.Fprintf(b, "\n%s\n", l.t("index paths"))
	t := &textTable{right: []bool{false, true, false, false}}
	head := []string{l.t("index path"), l.t("index coefficient")}
	if r.boot != nil {
		head = append(head, fmt.Sprintf(l.t("index interval"), levelName(c)), "")
	}
	t.add(head...)
	ns := false
	for _, i := range order {
		p := est.Paths[i]
		row := []string{l.construct(p.From) + " → " + l.construct(p.To), p.Coefficient.StringFixed(ratioPlaces)}
		if r.boot != nil {
			iv := r.boot.PathIntervals[i]
			mark := ""
			if iv.Lower.Sign() <= 0 && iv.Upper.Sign() >= 0 {
				mark, ns = l.t("index ns"), true
			}
			row = append(row, interval(iv, ratioPlaces), mark)
		}
		t.add(row...)
	}
	if err := t.write(b); err != nil {
		return err
	}
	if ns {
		fmt.Fprintf(b, l.t("index ns note")+"\n", levelName(c))
	}
	return nil
}

// writeHTMT prints the pairs of constructs whose HTMT is over the limit.
func writeHTMT(b *strings.Builder, l language, est *csi.Estimates) {
	limit := est.HTMTLimit // set by csi (0.85 unless asked otherwise)
	var over []string
	undefined := 0
	for _, h := range est.HTMT {
		if h.Undefined {
			undefined++
		}
		if h.Over {
			over = append(over, h.Value.StringFixed(ratioPlaces)+"  "+l.construct(h.A)+" – "+l.construct(h.B))
		}
	}
	if undefined > 0 {
		fmt.Fprintf(b, "\n"+l.t("index htmt undefined")+"\n", undefined)
	}
	if len(over) == 0 {
		fmt.Fprintf(b, "\n"+l.t("index htmt none")+"\n", limit.String())
		return
	}
	fmt.Fprintf(b, "\n"+l.t("index htmt over")+"\n", limit.String())
	for _, o := range over {
		fmt.Fprintf(b, "  %s\n", o)
	}
}

// writeIPMA prints the importance–performance map of the target.
func writeIPMA(b *strings.Builder, l language, est *csi.Estimates) error {
	if len(est.IPMA.Points) == 0 {
		return nil
	}
	fmt.Fprintf(b, "\n"+l.t("index ipma")+"\n", l.construct(est.IPMA.Target))
	t := &textTable{right: []bool{false, true, true}}
	t.add(l.t("index construct"), l.t("index importance"), l.t("index performance"))
	for _, p := range est.IPMA.Points {
		t.add(l.construct(p.Construct), p.Importance.StringFixed(ratioPlaces), p.Performance.StringFixed(indexPlaces))
	}
	if err := t.write(b); err != nil {
		return err
	}
	fmt.Fprintf(b, "%s\n", l.t("index ipma note"))
	return nil
}

// writeBootLine says how the intervals were drawn, or that there are none.
func writeBootLine(b *strings.Builder, c *indexConfig, r *indexResult) {
	if r.boot == nil {
		fmt.Fprintf(b, "\n%s\n", c.l.t("index no boot"))
		return
	}
	fmt.Fprintf(b, "\n"+c.l.t("index boot")+"\n", r.boot.Resamples, r.boot.Seed, r.boot.Redrawn, levelName(c))
}
