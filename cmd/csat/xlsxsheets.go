package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
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
	n, err := zipEntries(path)
	if err != nil {
		return nil, err
	}
	if n > maxProbeEntries {
		return nil, fmt.Errorf("%s: %d zip entries: not probed", path, n)
	}
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

// maxProbeEntries is the most zip entries a workbook may have for
// xlsxSheets to open its directory (a workbook of a few sheets has a few
// dozen); archive/zip holds every entry of the directory in memory.
const maxProbeEntries = 10000

// zipEntries returns the number of entries the end-of-directory record
// of the zip file at path declares, read from its last 64 KiB, before
// archive/zip reads the directory. A ZIP64 count (0xFFFF) is returned
// as it is, above maxProbeEntries.
func zipEntries(path string) (int, error) {
	f, err := os.Open(path) //nolint:gosec // the user names the file to read on the command line
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }() // read only: a close error loses nothing
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	const eocd = 22 // the record without its comment, which is at most 65535 bytes
	tail := min(st.Size(), eocd+65535)
	buf := make([]byte, tail)
	if _, err := f.ReadAt(buf, st.Size()-tail); err != nil {
		return 0, err
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocd {
		return 0, fmt.Errorf("%s: no zip end-of-directory record", path)
	}
	return int(binary.LittleEndian.Uint16(buf[i+10:])), nil
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
