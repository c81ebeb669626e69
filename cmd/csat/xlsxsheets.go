package main

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// maxWorkbookXML is the most of xl/workbook.xml that xlsxSheets reads:
// the list of sheets comes first in it, and a workbook of a thousand
// sheets takes well under 1 MiB.
const maxWorkbookXML = 1 << 20

// xlsxSheets returns the names of the sheets of the Excel workbook at
// path, hidden ones included, as its xl/workbook.xml lists them, so that
// a -sheet the workbook does not have is a usage error before the
// workbook is read. It reads the zip directory and that one entry,
// within maxWorkbookXML; an error means the probe cannot tell (the
// reader of io/sheet then says what is wrong with the file).
func xlsxSheets(path string) ([]string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = z.Close() }() // read only: a close error loses nothing
	for _, f := range z.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer func() { _ = r.Close() }() // read only: a close error loses nothing
		return sheetNames(io.LimitReader(r, maxWorkbookXML))
	}
	return nil, fmt.Errorf("%s: no xl/workbook.xml", path)
}

// sheetNames returns the name attributes of the <sheet> elements of a
// workbook.xml, up to the end of <sheets>.
func sheetNames(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	var names []string
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) && len(names) > 0 {
				return names, nil
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "sheet" {
				continue
			}
			for _, a := range t.Attr {
				if a.Name.Local == "name" && a.Name.Space == "" {
					names = append(names, a.Value)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "sheets" {
				return names, nil
			}
		}
	}
}
