package sheet

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
)

// zipEntries returns the number of entries of a zip archive, as
// archive/zip will find them, or more: the count its directory end
// declares (for which archive/zip makes room) or the headers its central
// directory holds (every one up to the first that is not, as archive/zip
// reads them), counted up to max+1. archive/zip holds every entry in
// memory, some 200 bytes each, so a directory of millions of 46-byte
// headers must be refused before it reads them. An archive whose
// directory end is not found counts 0: archive/zip refuses it.
func zipEntries(ra io.ReaderAt, size int64, limit int) int {
	const endLen, loc64Len = 22, 20
	tail := min(size, 0xFFFF+endLen)
	buf := make([]byte, tail)
	if _, err := ra.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0
	}
	i := len(buf) - endLen
	for ; i >= 0; i-- { // the last end record whose comment fits, as archive/zip finds it
		if bytes.HasPrefix(buf[i:], []byte("PK\x05\x06")) && i+endLen+int(binary.LittleEndian.Uint16(buf[i+20:])) <= len(buf) {
			break
		}
	}
	if i < 0 {
		return 0
	}
	endOff := size - tail + int64(i)
	usize := uint64(size) //nolint:gosec // a size is not negative
	declared := uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	dirSize := uint64(binary.LittleEndian.Uint32(buf[i+12:]))
	dirOff := uint64(binary.LittleEndian.Uint32(buf[i+16:]))
	// The zip64 locator sits just before the end record, inside the tail
	// read or, past a long comment, before it: read it where archive/zip
	// does, at the end record's offset − 20.
	var loc [loc64Len]byte
	zip64 := declared == 0xFFFF || dirSize == 0xFFFF || dirSize == 0xFFFFFFFF || dirOff == 0xFFFFFFFF // as archive/zip, and the 32-bit mark
	if zip64 && endOff >= loc64Len {
		if _, err := ra.ReadAt(loc[:], endOff-loc64Len); err != nil {
			zip64 = false
		}
	}
	if zip64 && bytes.HasPrefix(loc[:], []byte("PK\x06\x07")) {
		var end64 [56]byte
		off := binary.LittleEndian.Uint64(loc[8:])
		if off < usize {
			off := int64(off) //nolint:gosec // off < size
			if _, err := ra.ReadAt(end64[:], off); err == nil && bytes.HasPrefix(end64[:], []byte("PK\x06\x06")) {
				declared = binary.LittleEndian.Uint64(end64[32:])
				dirSize = binary.LittleEndian.Uint64(end64[40:])
				dirOff = binary.LittleEndian.Uint64(end64[48:])
				endOff = off
			}
		}
	}
	if declared > uint64(limit) { //nolint:gosec // limit > 0
		return limit + 1
	}
	if dirSize > usize || dirOff > usize {
		return 0
	}
	n := 0
	for _, off := range []int64{int64(dirOff), endOff - int64(dirSize)} { //nolint:gosec // both <= size
		if off >= 0 && off < size { // without and with data before the archive
			n = max(n, countHeaders(bufio.NewReader(io.NewSectionReader(ra, off, size-off)), limit))
		}
	}
	return n
}

// countHeaders counts the central-directory headers read from r, up to
// limit+1.
func countHeaders(r *bufio.Reader, limit int) int {
	var h [46]byte
	n := 0
	for ; n <= limit; n++ {
		if _, err := io.ReadFull(r, h[:]); err != nil || !bytes.HasPrefix(h[:], []byte("PK\x01\x02")) {
			break
		}
		skip := int(binary.LittleEndian.Uint16(h[28:])) + int(binary.LittleEndian.Uint16(h[30:])) + int(binary.LittleEndian.Uint16(h[32:]))
		if _, err := r.Discard(skip); err != nil {
			break
		}
	}
	return n
}
