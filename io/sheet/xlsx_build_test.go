package sheet

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"slices"
	"strings"
	"testing"
)

// Hand-made workbooks for the tests of the XLSX reader: parts written as
// given, so that a test can damage any of them.

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relNS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// A bigPart is a part too large to spell out: prefix, then unit n
// times, then suffix, deflated as it is written (deflateRepeat).
type bigPart struct {
	prefix, unit string
	n            int
	suffix       string
	badCRC       bool   // a CRC-32 that does not match
	declared     uint64 // the uncompressed size declared, if not 0
}

// workbookParts returns the parts of a workbook with one sheet "Sheet1"
// of the given rows (sheet XML) and the given shared strings.
func workbookParts(rows string, strs ...string) map[string]string {
	var sst strings.Builder
	for _, s := range strs {
		sst.WriteString("<si><t>" + s + "</t></si>")
	}
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relNS + `officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            workbookXML(`<sheet name="Sheet1" sheetId="1" r:id="rId1"/>`),
		"xl/_rels/workbook.xml.rels": relsXML(`<Relationship Id="rId1" Type="` + relNS + `worksheet" Target="worksheets/sheet1.xml"/>`),
		"xl/worksheets/sheet1.xml":   sheetXML(rows),
		"xl/sharedStrings.xml":       `<?xml version="1.0" encoding="UTF-8"?><sst ` + nsMain + `>` + sst.String() + `</sst>`,
	}
}

func workbookXML(sheets string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + ` ` + nsRel + `><sheets>` + sheets + `</sheets></workbook>`
}

// relsXML returns the workbook's relationships: rels and the shared
// strings.
func relsXML(rels string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels +
		`<Relationship Id="rIdS" Type="` + relNS + `sharedStrings" Target="sharedStrings.xml"/></Relationships>`
}

func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + nsMain + `><sheetData>` + rows + `</sheetData></worksheet>`
}

// writeParts writes the parts into zw, deflated, by name.
func writeParts(t testing.TB, zw *zip.Writer, parts map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(mapKeys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
}

// zipOf returns a zip archive of the parts (deflated, by name), and of
// the big parts (deflated by hand).
func zipOf(t testing.TB, parts map[string]string, big map[string]bigPart) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	writeParts(t, zw, parts)
	for _, name := range slices.Sorted(mapKeys(big)) {
		p := big[name]
		data, size, crc := deflateRepeat(p.prefix, p.unit, p.n, p.suffix)
		if p.badCRC {
			crc ^= 1
		}
		if p.declared > 0 {
			size = p.declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(len(data)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// deflateRepeat returns a raw deflate stream of prefix, unit n times and
// suffix, with its uncompressed size and CRC-32, without compressing
// that content: one fixed-Huffman block of literals and copies of
// distance len(unit), 258 bytes each, so that gigabytes cost megabytes
// and milliseconds.
func deflateRepeat(prefix, unit string, n int, suffix string) ([]byte, uint64, uint32) {
	var w bitWriter
	w.bits(1, 1) // BFINAL
	w.bits(1, 2) // BTYPE 01: fixed Huffman codes
	for _, c := range []byte(prefix + unit) {
		w.literal(c)
	}
	rest := (n - 1) * len(unit) // n >= 1
	w.copies(rest/258, len(unit))
	rest %= 258
	for i := 0; i < rest; i++ {
		w.literal(unit[(n*len(unit)-rest+i)%len(unit)])
	}
	for _, c := range []byte(suffix) {
		w.literal(c)
	}
	w.code(0, 7) // end of block
	crc := crc32.ChecksumIEEE([]byte(prefix))
	chunk := []byte(strings.Repeat(unit, max(1, (1<<20)/max(1, len(unit)))))
	for left := n * len(unit); left > 0; {
		k := min(left, len(chunk)/len(unit)*len(unit))
		crc = crc32.Update(crc, crc32.IEEETable, chunk[:k])
		left -= k
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(suffix))
	return w.flush(), uint64(len(prefix) + n*len(unit) + len(suffix)), crc
}

// bitWriter writes a deflate bit stream.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

// bits writes the n low bits of v, least significant first.
func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// code writes a Huffman code of n bits, most significant first.
func (w *bitWriter) code(c uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | (c>>i)&1
	}
	w.bits(r, n)
}

// literal writes a byte with the fixed literal codes.
func (w *bitWriter) literal(c byte) {
	if c < 144 {
		w.code(0x30+uint64(c), 8)
	} else {
		w.code(0x190+uint64(c)-144, 9)
	}
}

// copies writes k copies of 258 bytes at distance d. A copy is a fixed
// run of bits, so eight of them are a whole number of bytes, the same
// bytes every time once the bits pending are those of a copy: those are
// written once and repeated, not coded again for each copy (a gigabyte
// is four million copies).
func (w *bitWriter) copies(k, d int) {
	const group = 8
	if k >= 2*group {
		for range group { // the bits pending are now the end of a copy
			w.copy258(d)
		}
		start := len(w.out)
		for range group {
			w.copy258(d)
		}
		more := (k - 2*group) / group
		w.out = append(w.out, bytes.Repeat(w.out[start:], more)...)
		k -= (2 + more) * group
	}
	for range k {
		w.copy258(d)
	}
}

// copy258 writes a copy of 258 bytes at distance d.
func (w *bitWriter) copy258(d int) {
	w.code(0b11000101, 8) // length code 285: 258 bytes
	w.distance(d)
}

// distanceBase holds the first distance of each fixed distance code.
var distanceBase = [...]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}

// distance writes a distance (1..32768) with the fixed distance codes.
func (w *bitWriter) distance(d int) {
	base := distanceBase[:]
	code := 0
	for code+1 < len(base) && base[code+1] <= d {
		code++
	}
	w.code(uint64(code), 5)
	if extra := uint(max(0, code/2-1)); extra > 0 {
		w.bits(uint64(d-base[code]), extra)
	}
}

func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.nacc = 0, 0
	}
	return w.out
}
