package sheet

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat"
)

// xlsxSource reads the rows of a worksheet, streaming its XML: a decode
// error anywhere in the part (a cut, a character XML forbids, a damaged
// archive) stops the read with an error naming the row.
type xlsxSource struct {
	wb     *workbook
	sheet  string // the sheet's name
	part   string // its part
	rc     io.ReadCloser
	x      *xmlReader
	row    int    // the number of the last row read
	inRow  bool   // the last row's element is being read
	cell   string // the name of the cell being read, else ""
	inData bool   // inside <sheetData>
	data   bool   // <sheetData> seen
	ended  bool   // the root element ended
	done   bool
	cells  []string
	bad    error // the first bad cell of the row
	width  int
	blanks int
}

// openSheet opens the sheet's part for reading.
func (wb *workbook) openSheet(sh sheetInfo) (*xlsxSource, error) {
	rc, ok, err := wb.part(sh.part)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, wb.errorf(csat.ErrSyntax, "sheet %s: its part %s is missing", quote(sh.name), sh.part)
	}
	return &xlsxSource{wb: wb, sheet: sh.name, part: sh.part, rc: rc, x: newXMLReader(sh.part, rc, wb.lim.token)}, nil
}

func (s *xlsxSource) setWidth(n int)    { s.width = n }
func (s *xlsxSource) sheetName() string { return s.sheet }
func (s *xlsxSource) line(int) int      { return s.row }
func (s *xlsxSource) blank() int        { return s.blanks }
func (s *xlsxSource) cleaned() bool     { return false }
func (s *xlsxSource) symbol(int) int32  { return -1 }
func (s *xlsxSource) plan() *rowPlan    { return nil }

func (s *xlsxSource) close() error {
	err := s.rc.Close()
	s.wb.close()
	return err
}

// fatalf returns a fatal error at the current row or cell: "csat: FILE
// sheet "S", cell C: part P: message" ("row R", or "row R: part P, after
// row R-1" between rows), wrapping err.
func (s *xlsxSource) fatalf(err error, format string, args ...any) error {
	line, where, cell := s.row, "part "+s.part, s.cell
	switch {
	case !s.inRow && s.row == 0:
		line, where = 1, "part "+s.part+", before the first row"
	case !s.inRow:
		line, where = s.row+1, fmt.Sprintf("part %s, after row %d", s.part, s.row)
	}
	if msg := fmt.Sprintf(format, args...); msg != "" {
		where += ": " + msg
	}
	return fatal(&csat.ParseError{File: s.wb.name, Sheet: s.sheet, Cell: cell, Line: line, Err: fmt.Errorf("%s: %w", where, err)})
}

// cellError returns a *csat.ParseError about cell col (1-based) of the
// current row.
func (s *xlsxSource) cellError(col int, err error) *csat.ParseError {
	return &csat.ParseError{File: s.wb.name, Sheet: s.sheet, Cell: cellName(col, s.row), Line: s.row, Field: col, Err: err}
}

// decodeFatal returns the fatal error of an error met decoding the part.
func (s *xlsxSource) decodeFatal(err error) error {
	var fe *fatalError
	if errors.As(err, &fe) {
		return err
	}
	if err = decodeError(err); errors.Is(err, csat.ErrSyntax) || errors.Is(err, csat.ErrOutOfRange) {
		return s.fatalf(err, "")
	}
	return fatal(fmt.Errorf("csat: %s: sheet %s (part %s): %w", s.wb.name, quote(s.sheet), s.part, err))
}

func (s *xlsxSource) next() ([]string, error) {
	for !s.done {
		ok, err := s.readRow()
		if err != nil {
			return nil, err
		}
		if !ok {
			s.done = true
			break
		}
		empty := true
		for i, f := range s.cells {
			f = strings.TrimSpace(f)
			s.cells[i] = f
			if f != "" {
				empty = false
			}
		}
		if s.bad != nil {
			return nil, s.bad
		}
		if empty {
			s.blanks++
			continue
		}
		return s.record()
	}
	return nil, io.EOF
}

// record returns the row read, checked against the header's width.
func (s *xlsxSource) record() ([]string, error) {
	cols := s.cells
	if s.width > 0 {
		for i := s.width; i < len(cols); i++ {
			if cols[i] != "" {
				return nil, s.cellError(i+1, fmt.Errorf("a value in column %s, past the header's last column: %w", columnName(i+1), csat.ErrSyntax))
			}
		}
		if len(cols) > s.width {
			cols = cols[:s.width]
		}
		for len(cols) < s.width {
			cols = append(cols, "")
		}
		s.cells = cols
	}
	for i, f := range cols {
		if !utf8.ValidString(f) {
			return nil, s.cellError(i+1, valueError("not-utf8", f, nil, fmt.Errorf("%s is not UTF-8: %w", quote(f), csat.ErrInvalid)))
		}
		if j := strings.IndexFunc(f, badCellControl); j >= 0 {
			r, _ := utf8.DecodeRuneInString(f[j:])
			return nil, s.cellError(i+1, valueError("control", f, nil, fmt.Errorf("%s holds the control character %U: %w", quote(f), r, csat.ErrInvalid)))
		}
	}
	return cols, nil
}

// badCellControl reports a control character a cell may not hold (an
// _xHHHH_ escape can write any): all but tab, newline and carriage
// return, which Excel writes in multi-line cells.
func badCellControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

// readRow reads the next row element into s.cells; false at the end of
// the part, read and checked to its end.
func (s *xlsxSource) readRow() (bool, error) {
	for {
		t, err := s.x.next()
		if errors.Is(err, io.EOF) {
			if !s.x.root {
				return false, s.fatalf(csat.ErrSyntax, "no root element")
			}
			return false, nil
		}
		if err != nil {
			return false, s.decodeFatal(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch {
			case s.x.depth == 1:
				if s.ended {
					return false, s.fatalf(csat.ErrSyntax, "a second root element <%s>", t.Name.Local)
				}
			case s.x.depth == 2 && t.Name.Local == "sheetData":
				if s.data {
					return false, s.fatalf(csat.ErrSyntax, "a second <sheetData>")
				}
				s.data, s.inData = true, true
			case s.x.depth == 3 && s.inData:
				if t.Name.Local != "row" {
					return false, s.fatalf(csat.ErrSyntax, "a <%s> element in <sheetData>", t.Name.Local)
				}
				return true, s.readCells(t)
			default:
				if err := s.x.skip(); err != nil {
					return false, s.decodeFatal(err)
				}
			}
		case xml.EndElement:
			s.inData = s.inData && s.x.depth > 1
			s.ended = s.ended || s.x.depth == 0
		}
	}
}

// readCells reads a row element just started: its number and cells.
func (s *xlsxSource) readCells(t xml.StartElement) error {
	n := s.row + 1
	if r := attr(t, "r"); r != "" {
		var err error
		if n, err = strconv.Atoi(r); err != nil || n < 1 || strings.TrimLeft(r, "0123456789") != "" {
			return s.fatalf(csat.ErrSyntax, "row number %s", quote(r))
		}
	}
	prev := s.row
	s.row, s.inRow, s.cells, s.bad = n, true, s.cells[:0], nil
	if n <= prev {
		return s.fatalf(csat.ErrSyntax, "comes after row %d", prev)
	}
	if n > s.wb.lim.rows {
		return s.fatalf(csat.ErrOutOfRange, "past MaxRows (%d), Excel's last row", s.wb.lim.rows)
	}
	s.blanks += n - prev - 1
	col, total := 0, 0
	for {
		tok, err := s.x.next()
		if err != nil {
			return s.decodeFatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local != "c" {
				if tok.Name.Local != "extLst" {
					return s.fatalf(csat.ErrSyntax, "a <%s> element in a row", tok.Name.Local)
				}
				if err := s.x.skip(); err != nil {
					return s.decodeFatal(err)
				}
				continue
			}
			if col, err = s.cellColumn(tok, col); err != nil {
				return err
			}
			v, err := s.readCell(tok, col)
			if err != nil {
				return err
			}
			if total += len(v); total > s.wb.lim.cell {
				return s.fatalf(csat.ErrOutOfRange, "cells longer than MaxLine (%d bytes) together", s.wb.lim.cell)
			}
			for len(s.cells) < col-1 {
				s.cells = append(s.cells, "")
			}
			s.cells = append(s.cells, v)
		case xml.EndElement:
			s.inRow = false
			return nil
		}
	}
}

// cellColumn returns the column of a cell element: its reference's, or
// the one after the previous cell's.
func (s *xlsxSource) cellColumn(t xml.StartElement, prev int) (int, error) {
	col := prev + 1
	if r := attr(t, "r"); r != "" {
		c, row, ok := parseCellName(r)
		if !ok || row != s.row {
			return 0, s.fatalf(csat.ErrSyntax, "cell reference %s in row %d", quote(r), s.row)
		}
		col = c
	}
	if col > s.wb.lim.cols {
		return 0, s.fatalf(csat.ErrOutOfRange, "a cell past MaxColumns (%d), Excel's last column", s.wb.lim.cols)
	}
	if col <= prev {
		return 0, s.fatalf(csat.ErrSyntax, "cell %s after cell %s", cellName(col, s.row), cellName(prev, s.row))
	}
	return col, nil
}

// parseCellName parses a cell reference "B3"; a column past 16,384 reads
// as 16,385.
func parseCellName(r string) (col, row int, ok bool) {
	i := 0
	for ; i < len(r) && r[i] >= 'A' && r[i] <= 'Z'; i++ {
		if col = col*26 + int(r[i]-'A'+1); col > MaxColumns {
			col = MaxColumns + 1
		}
	}
	if i == 0 || i == len(r) || r[i] == '0' || strings.TrimLeft(r[i:], "0123456789") != "" {
		return 0, 0, false
	}
	row, err := strconv.Atoi(r[i:])
	return col, row, err == nil
}

// xlsxCell is what a cell element holds.
type xlsxCell struct {
	typ     string // t: "" or n (number), s, str, inlineStr, b, e, d
	v       string // <v>
	hasV    bool
	formula bool // <f>
	inline  string
	hasIS   bool
	tooLong bool
	name    string // "B3"
}

// readCell reads a cell element just started and returns its value. A
// cell whose value cannot be read faithfully (an error value, a boolean,
// a formula without its cached value, a bad shared-string index) makes
// the row bad: s.bad.
func (s *xlsxSource) readCell(t xml.StartElement, col int) (string, error) {
	c := xlsxCell{typ: attr(t, "t"), name: cellName(col, s.row)}
	s.cell = c.name
	defer func() { s.cell = "" }()
	for {
		tok, err := s.x.next()
		if err != nil {
			return "", s.decodeFatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if err := s.cellElement(&c, tok); err != nil {
				return "", err
			}
		case xml.EndElement:
			if c.tooLong {
				return "", s.fatalf(csat.ErrOutOfRange, "longer than MaxLine (%d bytes)", s.wb.lim.cell)
			}
			v, err := s.cellValue(&c)
			if err == nil {
				return v, nil
			}
			pe := s.cellError(col, err)
			if errors.Is(err, csat.ErrOutOfRange) {
				return "", fatal(pe)
			}
			if s.bad == nil {
				s.bad = pe
			}
			return "", nil
		}
	}
}

// cellElement reads an element of a cell: its value <v>, formula <f> or
// inline string <is>.
func (s *xlsxSource) cellElement(c *xlsxCell, t xml.StartElement) error {
	var err error
	var over bool
	switch t.Name.Local {
	case "v":
		c.v, over, err = s.x.text(s.wb.lim.cell)
		c.hasV = true
	case "is":
		c.inline, over, err = s.x.richText(s.wb.lim.cell)
		c.hasIS = true
	case "f":
		c.formula = true
		err = s.x.skip()
	case "extLst":
		err = s.x.skip()
	default:
		return s.fatalf(csat.ErrSyntax, "a <%s> element in a cell", t.Name.Local)
	}
	c.tooLong = c.tooLong || over
	if err != nil {
		return s.decodeFatal(err)
	}
	return nil
}

// cellValue returns the value of a cell as read: a number as written
// (the callers parse it), a string's text.
func (s *xlsxSource) cellValue(c *xlsxCell) (string, error) {
	if c.formula && !c.hasV && !c.hasIS {
		return "", valueError("formula", "", nil, fmt.Errorf("a formula without its cached value (open the workbook in Excel, let it calculate, and save it): %w", csat.ErrMissing))
	}
	if c.hasIS && c.typ != "inlineStr" {
		// An inline string in a cell of another type: neither reading it
		// nor dropping it would be faithful.
		return "", fmt.Errorf("an inline string <is> in a cell of type %s (want t=\"inlineStr\"): %w", quote(c.typ), csat.ErrSyntax)
	}
	switch c.typ {
	case "", "n", "d", "str":
		return c.v, nil
	case "inlineStr":
		if c.hasIS {
			return c.inline, nil
		}
		return c.v, nil
	case "s":
		if !c.hasV {
			return "", nil
		}
		return s.sharedString(c.v)
	case "b":
		if !c.hasV {
			return "", nil
		}
		b := map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(c.v)]
		if b == "" {
			b = quote(c.v)
		}
		return "", valueError("boolean", strings.Trim(b, `"`), nil, fmt.Errorf("the boolean %s, not a value read (write it as text): %w", b, csat.ErrInvalid))
	case "e":
		return "", valueError("excel-error", c.v, nil, fmt.Errorf("the error value %s: %w", quote(c.v), csat.ErrInvalid))
	}
	return "", fmt.Errorf("the unknown cell type %s: %w", quote(c.typ), csat.ErrSyntax)
}

// sharedString returns the shared string of index v.
func (s *xlsxSource) sharedString(v string) (string, error) {
	sst := s.wb.sst
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || i < 0 {
		return "", fmt.Errorf("the shared-string index %s is not an index: %w", quote(v), csat.ErrSyntax)
	}
	if i >= sst.len() {
		return "", fmt.Errorf("the shared-string index %d past the table's %d strings: %w", i, sst.len(), csat.ErrSyntax)
	}
	str, ok := sst.get(i)
	if !ok {
		return "", fmt.Errorf("shared string %d longer than MaxLine (%d bytes): %w", i, s.wb.lim.cell, csat.ErrOutOfRange)
	}
	return str, nil
}
