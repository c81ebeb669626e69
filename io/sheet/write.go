package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/textx"
	"github.com/xuri/excelize/v2"
)

// MaxWideForms bounds the forms WriteAnswers lays out for one period and
// source in the wide layout (one row each): a larger tally is written in
// the long layout.
const MaxWideForms = 1 << 24

// WriteAnswers writes the answers of periods to w as CSV (UTF-8 with a
// byte-order mark, so that Excel reads it as UTF-8) or XLSX (one sheet,
// "Sheet1"), in the long or the wide layout ([LayoutAuto] is long), so
// that the readers read the same tallies back: periods sorted by name,
// items and sources sorted, levels by key.
//
// The long layout writes one row per period, item, source and level with
// answers: period,item,source,level,count; a cell without answers is
// written as a count of 0 at the first level, so that it is read back.
//
// The wide layout lays each item's answers out as forms, one row per
// form: period,source,form then one column per item (every item with
// answers in some period, sorted: a column of empty cells would not read
// back). For each period and source there are as many forms as
// the item with most answers has; the k-th form of an item holds its k-th
// answer, levels in scale order, and items with fewer answers leave empty
// cells. Cells without answers are not written, and neither is a period
// without answers. It is meant for survey-sized tallies: more than
// [MaxWideForms] forms for one period and source is an error wrapping
// [csat.ErrOutOfRange] (an XLSX sheet holds at most 1,048,576 rows).
//
// Every period must have a non-nil table, all of one scale
// ([csat.ErrScaleMismatch]), and period names must be distinct. Names
// that would not read back as written are an error wrapping
// [csat.ErrInvalid]: empty, with surrounding space or control
// characters other than newline and tab, a source spelt as another ("检查" reads back as survey), or
// in the wide layout an item named like a meta column (period, 来源, …)
// or a source other than survey, self and competitor.
func WriteAnswers(w io.Writer, format Format, layout Layout, periods []csat.Period) error {
	if w == nil {
		return fmt.Errorf("csat: input: write: nil writer: %w", csat.ErrInvalid)
	}
	if format != FormatCSV && format != FormatXLSX {
		return fmt.Errorf("csat: input: write: format %s (want csv or xlsx): %w", format, csat.ErrInvalid)
	}
	if layout < LayoutAuto || layout > LayoutWide {
		return fmt.Errorf("csat: input: write: layout %s: %w", layout, csat.ErrInvalid)
	}
	ps, err := checkPeriods(periods, layout == LayoutWide)
	if err != nil {
		return err
	}
	var rw rowWriter
	if format == FormatCSV {
		rw, err = newCSVWriter(w)
	} else {
		rw, err = newXLSXWriter(w)
	}
	if err != nil {
		return err
	}
	if layout == LayoutWide {
		err = writeWide(rw, ps)
	} else {
		err = writeLong(rw, ps)
	}
	if err != nil {
		rw.abort()
		return err
	}
	return rw.close()
}

// checkPeriods checks periods for writing and returns them in the order
// of their meaning.
func checkPeriods(periods []csat.Period, wide bool) ([]csat.Period, error) {
	ps := slices.Clone(periods)
	slices.SortFunc(ps, func(a, b csat.Period) int { return strings.Compare(a.Name, b.Name) })
	var scale *csat.Scale
	for i, p := range ps {
		if p.Table == nil || p.Table.Scale() == nil {
			return nil, fmt.Errorf("csat: input: write: period %s has no table: %w", quote(p.Name), csat.ErrInvalid)
		}
		if err := writable("period", p.Name); err != nil {
			return nil, err
		}
		if i > 0 && ps[i-1].Name == p.Name {
			return nil, fmt.Errorf("csat: input: write: period %s given twice: %w", quote(p.Name), csat.ErrDuplicate)
		}
		if scale == nil {
			scale = p.Table.Scale()
		} else if !scale.Equal(p.Table.Scale()) {
			return nil, fmt.Errorf("csat: input: write: period %s is of scale %q, not %q: %w", quote(p.Name), p.Table.Scale().Name(), scale.Name(), csat.ErrScaleMismatch)
		}
		for _, it := range p.Table.Items() {
			if err := writable("item", it); err != nil {
				return nil, err
			}
			if c, ok := aliases[normHeader(it)]; wide && ok && (wideMeta[c] || c == colItem || c == colLevel || c == colCount) {
				return nil, fmt.Errorf("csat: input: write: item %s would read back as the %s column of the wide layout (write the long layout): %w", quote(it), c, csat.ErrInvalid)
			}
		}
		if err := writableSources(p.Table.Sources(), wide); err != nil {
			return nil, err
		}
	}
	if scale != nil {
		for _, l := range scale.Levels() {
			if err := writable("level key", l.Key); err != nil {
				return nil, err
			}
		}
	}
	return byMeaning(ps)
}

// byMeaning returns periods (sorted by name, distinct) in the order of
// their meaning, the reader's order ([SortPeriods]); periods that cannot be
// ordered are an error, as they would be when read back.
func byMeaning(ps []csat.Period) ([]csat.Period, error) {
	names := make([]string, len(ps))
	byName := make(map[string]csat.Period, len(ps))
	for i, p := range ps {
		names[i] = p.Name
		byName[p.Name] = p
	}
	if err := SortPeriods(names); err != nil {
		return nil, err
	}
	for i, n := range names {
		ps[i] = byName[n]
	}
	return ps, nil
}

// writableSources checks that sources read back as written: in the wide
// layout, only survey, self and competitor do.
func writableSources(sources []string, wide bool) error {
	for _, s := range sources {
		if err := writable("source", s); err != nil {
			return err
		}
		if textx.SourceName(s) != s {
			return fmt.Errorf("csat: input: write: source %s would read back as %s: %w", quote(s), quote(textx.SourceName(s)), csat.ErrInvalid)
		}
		if wide && s != csat.SourceSurvey && s != csat.SourceSelf && s != csat.SourceCompetitor {
			return fmt.Errorf("csat: input: write: source %s: the wide layout reads survey, self and competitor only (write the long layout): %w", quote(s), csat.ErrInvalid)
		}
	}
	return nil
}

// writable checks that a name reads back as written.
func writable(what, s string) error {
	if !validName(s) || strings.IndexFunc(s, badControl) >= 0 {
		return fmt.Errorf("csat: input: write: %s %s does not read back as written (empty, surrounding space or control characters other than newline and tab): %w", what, quote(s), csat.ErrInvalid)
	}
	return nil
}

// badControl reports a control character that does not read back as
// written: CSV reads CR LF as LF, XML holds no other control characters.
func badControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

func writeLong(rw rowWriter, ps []csat.Period) error {
	if err := rw.row(colPeriod, colItem, colSource, colLevel, colCount); err != nil {
		return err
	}
	for _, p := range ps {
		levels := p.Table.Scale().Levels()
		for _, c := range p.Table.Cells() {
			t, err := p.Table.Tally(c.Item, c.Source)
			if err != nil {
				return err
			}
			wrote := false
			for i, n := range t.Counts() {
				if n == 0 {
					continue
				}
				if err := rw.row(p.Name, c.Item, c.Source, levels[i].Key, n); err != nil {
					return err
				}
				wrote = true
			}
			if !wrote {
				if err := rw.row(p.Name, c.Item, c.Source, levels[0].Key, uint64(0)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func writeWide(rw rowWriter, ps []csat.Period) error {
	itemSet := map[string]bool{}
	for _, p := range ps {
		for _, c := range p.Table.Cells() {
			if t, err := p.Table.Tally(c.Item, c.Source); err == nil {
				if n, err := t.N(); err != nil || n > 0 {
					itemSet[c.Item] = true
				}
			}
		}
	}
	items := slices.Sorted(maps.Keys(itemSet))
	header := []any{colPeriod, colSource, colForm}
	for _, it := range items {
		header = append(header, it)
	}
	if err := rw.row(header...); err != nil {
		return err
	}
	form := 0
	rec := make([]any, len(header))
	type cursor struct {
		counts []uint64
		level  int
	}
	curs := make([]cursor, len(items))
	for _, p := range ps {
		levels := p.Table.Scale().Levels()
		for _, src := range p.Table.Sources() {
			var forms uint64
			for k, it := range items {
				curs[k] = cursor{}
				t, err := p.Table.Tally(it, src)
				if err != nil {
					continue // an item of another period: no answers here
				}
				n, err := t.N()
				if err != nil {
					return err
				}
				if n > MaxWideForms {
					return fmt.Errorf("csat: input: write: period %s, item %s, source %s: %d answers, more than %d forms (write the long layout): %w", quote(p.Name), quote(it), quote(src), n, MaxWideForms, csat.ErrOutOfRange)
				}
				forms = max(forms, n)
				curs[k] = cursor{counts: t.Counts()}
			}
			for range forms {
				form++
				rec[0], rec[1], rec[2] = p.Name, src, strconv.Itoa(form)
				for k := range items {
					c := &curs[k]
					for c.level < len(c.counts) && c.counts[c.level] == 0 {
						c.level++
					}
					if c.level == len(c.counts) {
						rec[3+k] = ""
						continue
					}
					rec[3+k] = levels[c.level].Key
					c.counts[c.level]--
				}
				if err := rw.row(rec...); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// A rowWriter writes rows of strings and counts.
type rowWriter interface {
	row(fields ...any) error
	close() error
	abort()
}

type csvWriter struct {
	bw  *bufio.Writer
	w   *csv.Writer
	rec []string
}

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return nil, err
	}
	return &csvWriter{bw: bw, w: csv.NewWriter(bw)}, nil
}

func (c *csvWriter) row(fields ...any) error {
	c.rec = c.rec[:0]
	for _, f := range fields {
		switch v := f.(type) {
		case string:
			c.rec = append(c.rec, v)
		case uint64:
			c.rec = append(c.rec, strconv.FormatUint(v, 10))
		default:
			c.rec = append(c.rec, fmt.Sprint(v))
		}
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func (c *csvWriter) abort() {}

type xlsxWriter struct {
	out  io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	line int
}

func newXLSXWriter(w io.Writer) (*xlsxWriter, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &xlsxWriter{out: w, f: f, sw: sw}, nil
}

func (x *xlsxWriter) row(fields ...any) error {
	for _, f := range fields {
		if s, ok := f.(string); ok {
			if utf8.RuneCountInString(s) > excelize.TotalCellChars {
				return fmt.Errorf("csat: input: write: %s is longer than an Excel cell holds (%d characters): %w", quote(s), excelize.TotalCellChars, csat.ErrOutOfRange)
			}
			if strings.ContainsAny(s, "￾￿") {
				return fmt.Errorf("csat: input: write: %s has a character XML cannot hold: %w", quote(s), csat.ErrInvalid)
			}
		}
	}
	x.line++
	cell, err := excelize.CoordinatesToCellName(1, x.line)
	if err != nil {
		return fmt.Errorf("csat: input: write: row %d: %w: %w", x.line, err, csat.ErrOutOfRange)
	}
	return x.sw.SetRow(cell, fields)
}

func (x *xlsxWriter) close() error {
	err := x.sw.Flush()
	if err == nil {
		_, err = x.f.WriteTo(x.out)
	}
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (x *xlsxWriter) abort() { _ = x.f.Close() }
