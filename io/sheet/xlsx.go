package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/csatkit/csat"
)

// The limits of the XLSX reader. A workbook past one is refused with an
// error wrapping [csat.ErrOutOfRange] that names the limit; together they
// bound the memory and time a read takes, whatever the file holds.
const (
	// MaxXLSXSize bounds the bytes of a workbook: the uncompressed bytes
	// of the parts read (the workbook, its relationships, the shared
	// strings and the sheet), counted as they are unzipped, never trusting
	// the sizes the archive declares; and the size of a workbook given as
	// a reader, which is read into memory. Parts not read (pictures,
	// other sheets, anything else) cost nothing.
	MaxXLSXSize = 256 << 20
	// MaxSharedStrings is the most strings a workbook's shared-strings
	// table may hold.
	MaxSharedStrings = 1 << 20
	// MaxSharedStringsSize bounds the bytes of the shared strings' text,
	// all of them together.
	MaxSharedStringsSize = 64 << 20
	// MaxRows is the last row a sheet may have, Excel's own: 1,048,576.
	MaxRows = 1 << 20
	// MaxColumns is the last column a sheet may have, Excel's own: 16,384
	// (XFD).
	MaxColumns = 1 << 14
	// MaxXLSXParts is the most entries a workbook's zip archive may hold
	// (a workbook has a few dozen): the archive's directory is held in
	// memory, and refused unread past this.
	MaxXLSXParts = 1 << 16
)

// maxXMLToken is the longest XML tag or text run read (4 × MaxLine): a
// cell of MaxLine bytes fits it with room for its escapes.
const maxXMLToken = 4 * MaxLine

// xlsxLimits are the limits of one read: the exported constants, or
// smaller ones in tests and fuzzing.
type xlsxLimits struct {
	size        int64 // MaxXLSXSize
	strings     int   // MaxSharedStrings
	stringBytes int   // MaxSharedStringsSize
	rows        int   // MaxRows
	cols        int   // MaxColumns
	cell        int   // MaxLine: a cell's text, and a row's
	token       int   // maxXMLToken
	parts       int   // MaxXLSXParts
}

var defaultLimits = xlsxLimits{
	size: MaxXLSXSize, strings: MaxSharedStrings, stringBytes: MaxSharedStringsSize,
	rows: MaxRows, cols: MaxColumns, cell: MaxLine, token: maxXMLToken, parts: MaxXLSXParts,
}

// A workbook is an open .xlsx archive: its parts by name, its sheets, and
// the count of the bytes unzipped so far.
type workbook struct {
	name   string // the file's name, for messages
	lim    xlsxLimits
	closer io.Closer
	parts  map[string]*zip.File // by lower-case name; nil: given twice
	used   int64                // uncompressed bytes read
	path   string               // the workbook part
	rels   map[string]relation  // the workbook's relationships by id
	sheets []sheetInfo
	sst    *sharedStrings
}

// A relation is a relationship of the workbook: the type's last path
// element (worksheet, sharedStrings, …) and the target part.
type relation struct{ kind, part string }

// sheetInfo is a sheet listed by the workbook.
type sheetInfo struct {
	name   string
	hidden bool   // state hidden or veryHidden
	kind   string // the relationship's kind: worksheet, chartsheet, …
	part   string // "" when no relationship names it
}

// openXLSX opens the sheet c.Sheet (or the first visible one) of the
// workbook at name, or in r when r is not nil.
func openXLSX(name string, r io.Reader, c *config, sum *Summary) (rowSource, error) {
	return openXLSXWith(name, r, c.Sheet, sum, defaultLimits)
}

func openXLSXWith(name string, r io.Reader, sheet string, sum *Summary, lim xlsxLimits) (*xlsxSource, error) {
	sum.Format = FormatXLSX
	wb, err := openWorkbook(name, r, lim)
	if err != nil {
		return nil, err
	}
	src, err := wb.open(sheet, sum)
	if err != nil {
		wb.close()
		return nil, err
	}
	return src, nil
}

// open reads the workbook's structure and opens the sheet.
func (wb *workbook) open(sheet string, sum *Summary) (*xlsxSource, error) {
	if err := wb.readStructure(); err != nil {
		return nil, err
	}
	sh, err := wb.choose(sheet)
	if err != nil {
		return nil, err
	}
	sum.Sheet = sh.name
	if err := wb.readSharedStrings(); err != nil {
		return nil, err
	}
	return wb.openSheet(sh)
}

// openWorkbook opens the archive: the file at name, or r read into
// memory.
func openWorkbook(name string, r io.Reader, lim xlsxLimits) (*workbook, error) {
	wb := &workbook{name: name, lim: lim}
	var ra io.ReaderAt
	var size int64
	if r != nil {
		b, err := io.ReadAll(io.LimitReader(r, lim.size+1))
		if err != nil {
			return nil, fmt.Errorf("csat: %s: %w", name, err)
		}
		if int64(len(b)) > lim.size {
			return nil, fmt.Errorf("csat: %s: a workbook larger than MaxXLSXSize (%d bytes): %w", name, lim.size, csat.ErrOutOfRange)
		}
		ra, size = bytes.NewReader(b), int64(len(b))
	} else {
		f, err := os.Open(name) //nolint:gosec // reading the file the caller names is the point
		if err != nil {
			return nil, err
		}
		fi, err := f.Stat()
		if err != nil {
			_ = f.Close()
			return nil, err
		}
		ra, size, wb.closer = f, fi.Size(), f
	}
	if n := zipEntries(ra, size, lim.parts); n > lim.parts {
		wb.close()
		return nil, fmt.Errorf("csat: %s: an archive of more than MaxXLSXParts (%d) entries: %w", name, lim.parts, csat.ErrOutOfRange)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		wb.close()
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, fmt.Errorf("csat: %s: not a readable .xlsx workbook (%w): %w", name, err, csat.ErrSyntax)
	}
	wb.parts = make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		k := strings.ToLower(f.Name)
		if _, dup := wb.parts[k]; dup {
			wb.parts[k] = nil
			continue
		}
		wb.parts[k] = f
	}
	return wb, nil
}

func (wb *workbook) close() {
	if wb.closer != nil {
		_ = wb.closer.Close()
	}
}

// errorf returns an error about the workbook: "csat: FILE: message",
// wrapping err.
func (wb *workbook) errorf(err error, format string, args ...any) error {
	return fmt.Errorf("csat: %s: "+format+": %w", append(append([]any{wb.name}, args...), err)...)
}

// part opens a part for reading through the size limit; ok is false when
// the archive has no such part.
func (wb *workbook) part(name string) (rc io.ReadCloser, ok bool, err error) {
	f, ok := wb.parts[strings.ToLower(name)]
	if !ok {
		return nil, false, nil
	}
	if f == nil {
		return nil, true, wb.errorf(csat.ErrSyntax, "the part %s is in the archive twice", name)
	}
	if f.UncompressedSize64 > uint64(wb.lim.size-wb.used) { //nolint:gosec // used <= size: never negative
		return nil, true, wb.sizeError(name)
	}
	r, err := f.Open()
	if err != nil {
		return nil, true, wb.errorf(csat.ErrSyntax, "%s: %w", name, err)
	}
	return &partReader{r: r, wb: wb, name: name}, true, nil
}

func (wb *workbook) sizeError(part string) error {
	return wb.errorf(csat.ErrOutOfRange, "%s: the parts read unzip to more than MaxXLSXSize (%d bytes)", part, wb.lim.size)
}

// partReader reads a part, counting its bytes against MaxXLSXSize.
type partReader struct {
	r    io.ReadCloser
	wb   *workbook
	name string
}

func (p *partReader) Read(b []byte) (int, error) {
	left := p.wb.lim.size - p.wb.used
	if int64(len(b)) > left+1 {
		b = b[:left+1]
	}
	n, err := p.r.Read(b)
	if errors.Is(err, zip.ErrFormat) {
		err = fmt.Errorf("%s inflates to more bytes than the archive declares (%w)", p.name, err)
	}
	if int64(n) > left {
		p.wb.used += left
		return int(left), p.wb.sizeError(p.name)
	}
	p.wb.used += int64(n)
	return n, err
}

func (p *partReader) Close() error { return p.r.Close() }

// readXML reads a whole part with fn, which is given each start element
// of the part's root (the root itself excepted) and must read or skip
// it; the rest of the part is checked and skipped.
func (wb *workbook) readXML(name string, fn func(x *xmlReader, t xml.StartElement) error) error {
	rc, ok, err := wb.part(name)
	if err != nil {
		return err
	}
	if !ok {
		return wb.errorf(csat.ErrSyntax, "no part %s", name)
	}
	defer func() { _ = rc.Close() }() // a reader's close has nothing to report
	x := newXMLReader(name, rc, wb.lim.token)
	for {
		t, err := x.next()
		if errors.Is(err, io.EOF) {
			if !x.root {
				return wb.errorf(csat.ErrSyntax, "%s: no root element", name)
			}
			return nil
		}
		if err != nil {
			return wb.errorf(decodeError(err), "%s", name)
		}
		st, ok := t.(xml.StartElement)
		if !ok || x.depth == 1 {
			continue
		}
		if err := fn(x, st); err != nil {
			return wb.errorf(decodeError(err), "%s", name)
		}
	}
}

// readStructure reads the workbook part and its relationships: the
// sheets and where they are.
func (wb *workbook) readStructure() error {
	wb.path = "xl/workbook.xml"
	if _, ok := wb.parts["_rels/.rels"]; ok {
		rels, err := wb.readRels("_rels/.rels", "")
		if err != nil {
			return err
		}
		found := ""
		for _, r := range rels {
			if r.kind != "officeDocument" {
				continue
			}
			if found != "" && found != r.part {
				return wb.errorf(csat.ErrSyntax, "_rels/.rels: two workbooks, %s and %s", found, r.part)
			}
			found, wb.path = r.part, r.part
		}
	}
	relsPath := path.Join(path.Dir(wb.path), "_rels", path.Base(wb.path)+".rels")
	if _, ok := wb.parts[strings.ToLower(relsPath)]; ok {
		var err error
		if wb.rels, err = wb.readRels(relsPath, path.Dir(wb.path)); err != nil {
			return err
		}
	}
	if _, ok := wb.parts[strings.ToLower(wb.path)]; !ok {
		return wb.errorf(csat.ErrSyntax, "not a readable .xlsx workbook: no part %s", wb.path)
	}
	return wb.readXML(wb.path, wb.workbookElement)
}

// workbookElement reads an element of the workbook part: the sheets, and
// the date system.
func (wb *workbook) workbookElement(x *xmlReader, t xml.StartElement) error {
	switch t.Name.Local {
	case "sheets":
		if x.depth == 2 {
			return nil // read its sheets
		}
	case "workbookPr":
		if v := attr(t, "date1904"); v == "1" || v == "true" {
			return fmt.Errorf("a workbook in the 1904 date system, whose dates would read 4 years off (save it with the 1900 date system: clear Excel's option \"Use 1904 date system\"): %w", csat.ErrInvalid)
		}
	case "sheet":
		if x.depth == 3 {
			if err := wb.addSheet(t); err != nil {
				return err
			}
		}
	}
	return x.skip()
}

// addSheet adds a sheet listed by the workbook.
func (wb *workbook) addSheet(t xml.StartElement) error {
	s := sheetInfo{name: attr(t, "name"), hidden: attr(t, "state") == "hidden" || attr(t, "state") == "veryHidden"}
	for _, a := range t.Attr {
		if a.Name.Local == "id" && a.Name.Space != "" {
			if r, ok := wb.rels[a.Value]; ok {
				s.kind, s.part = r.kind, r.part
			}
		}
	}
	for _, o := range wb.sheets {
		if strings.EqualFold(o.name, s.name) {
			return fmt.Errorf("sheet %s listed twice: %w", quote(s.name), csat.ErrDuplicate)
		}
	}
	if len(wb.sheets) >= maxSheets {
		return fmt.Errorf("more than %d sheets: %w", maxSheets, csat.ErrOutOfRange)
	}
	wb.sheets = append(wb.sheets, s)
	return nil
}

// maxSheets is the most sheets a workbook may list.
const maxSheets = 1 << 16

// maxRelations is the most relationships a part may have.
const maxRelations = 1 << 16

// readRels reads a relationships part; targets are resolved against dir.
func (wb *workbook) readRels(name, dir string) (map[string]relation, error) {
	rels := map[string]relation{}
	err := wb.readXML(name, func(x *xmlReader, t xml.StartElement) error {
		if t.Name.Local == "Relationship" && x.depth == 2 && attr(t, "TargetMode") != "External" {
			if len(rels) >= maxRelations {
				return fmt.Errorf("more than %d relationships: %w", maxRelations, csat.ErrOutOfRange)
			}
			kind := attr(t, "Type")
			kind = kind[strings.LastIndexByte(kind, '/')+1:]
			target := attr(t, "Target")
			if strings.HasPrefix(target, "/") {
				target = path.Clean(target[1:])
			} else {
				target = path.Join(dir, target)
			}
			rels[attr(t, "Id")] = relation{kind: kind, part: target}
		}
		return x.skip()
	})
	return rels, err
}

// attr returns the value of the attribute local (any namespace).
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// choose returns the sheet named name (exactly, else in any case), or
// with name "" the first visible worksheet.
func (wb *workbook) choose(name string) (sheetInfo, error) {
	if len(wb.sheets) == 0 {
		return sheetInfo{}, wb.errorf(csat.ErrEmpty, "a workbook without sheets")
	}
	if name == "" {
		for _, s := range wb.sheets {
			if !s.hidden && s.kind == "worksheet" {
				return s, nil
			}
		}
		return sheetInfo{}, wb.errorf(csat.ErrMissing, "no visible worksheet (it has %s): name the sheet to read", wb.sheetList())
	}
	found := -1
	for i, s := range wb.sheets {
		if s.name == name || found < 0 && strings.EqualFold(s.name, name) {
			found = i
		}
	}
	if found < 0 {
		names := make([]string, len(wb.sheets))
		for i, s := range wb.sheets {
			names[i] = s.name
		}
		return sheetInfo{}, &SheetError{File: wb.name, Sheet: name, Sheets: names, Err: wb.errorf(csat.ErrMissing, "no sheet %q (it has %s)", name, wb.sheetList())}
	}
	s := wb.sheets[found]
	if s.part == "" {
		return sheetInfo{}, wb.errorf(csat.ErrSyntax, "sheet %s: no relationship names its part", quote(s.name))
	}
	if s.kind != "worksheet" {
		return sheetInfo{}, wb.errorf(csat.ErrInvalid, "sheet %s is a %s, not a worksheet", quote(s.name), s.kind)
	}
	return s, nil
}

// sheetList lists the sheets for a message, the hidden ones marked.
func (wb *workbook) sheetList() string {
	q := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		q[i] = quote(s.name)
		if s.hidden {
			q[i] += " (hidden)"
		}
	}
	return strings.Join(q, ", ")
}

// columnName returns a spreadsheet column's letters ("A", "AB") for its
// 1-based number.
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// cellName returns a cell's name ("B3").
func cellName(col, row int) string { return fmt.Sprintf("%s%d", columnName(col), row) }
