package csatbeam

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/textx"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// An Encoding is the character encoding of a CSV file, as the csat
// command reads them (its --encoding). JSON lines are UTF-8 whatever the
// encoding says (RFC 8259): a JSON line that is not UTF-8 is a bad row.
type Encoding int

const (
	// EncodingAuto reads a file that starts with a UTF-8 byte-order mark,
	// or whose first 64 KiB are valid UTF-8, as UTF-8, and any other as
	// GBK. A file whose first 64 KiB are valid UTF-8 with only two-byte
	// non-ASCII characters (é, ü, …) reads as GBK Chinese too (GBK 茅 is
	// UTF-8 é): it is not read, but refused whole with one [BadRow]
	// asking for the encoding (see [ReadLines]).
	EncodingAuto Encoding = iota
	// EncodingUTF8 is UTF-8, with or without a byte-order mark.
	EncodingUTF8
	// EncodingGBK is GBK (code page 936), what Chinese Excel writes by
	// default; it is decoded as its superset GB18030.
	EncodingGBK
)

var encodingEnum = enum.New[Encoding]("Encoding", "encoding", csat.ErrInvalid, encodingErrorf, "auto", "utf-8", "gbk")

// encodingErrorf is the error of a bad encoding: "csatbeam: encoding: …".
func encodingErrorf(err error, format string, args ...any) error {
	return &opError{op: "encoding", err: reasonf(err, format, args...)}
}

// String returns "auto", "utf-8" or "gbk".
func (e Encoding) String() string { return encodingEnum.String(e) }

// MarshalText encodes the encoding as its String; an unknown encoding is
// an error wrapping [csat.ErrInvalid].
func (e Encoding) MarshalText() ([]byte, error) { return encodingEnum.MarshalText(e) }

// UnmarshalText reads "auto", "utf-8" or "gbk", in any case, as the
// command does ("utf8", "gb18030" and "cp936" too); anything else is an
// error wrapping [csat.ErrInvalid].
func (e *Encoding) UnmarshalText(text []byte) error {
	switch s := string(bytes.ToLower(text)); s {
	case "utf8":
		text = []byte("utf-8")
	case "gb18030", "cp936":
		text = []byte("gbk")
	default:
		text = []byte(s)
	}
	return encodingEnum.UnmarshalText(text, e)
}

// sniffSize is how much of a file the encoding is guessed from (as the
// command does) and the size of the reader's buffer.
const sniffSize = 64 << 10

// fileEncoding returns the encoding to read a file with, peeking at its
// head in br: e, or with EncodingAuto the guess. A file it refuses
// (UTF-16, or text whose encoding cannot be told) gives refused, the
// reason, with line and text the line of the evidence (line 1 and no
// text when there is none to show). JSON lines are UTF-8.
func fileEncoding(br *bufio.Reader, e Encoding, csv bool) (enc Encoding, refused *fileRefusal, err error) {
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return 0, nil, err
	}
	atEOF := err != nil
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return 0, &fileRefusal{line: 1, msg: "a UTF-16 file, which is not read (save it as CSV UTF-8, or JSON lines in UTF-8)"}, nil
	}
	if !csv {
		return EncodingUTF8, nil, nil
	}
	if e != EncodingAuto {
		return e, nil, nil
	}
	if bytes.HasPrefix(head, []byte(utf8BOM)) {
		return EncodingUTF8, nil, nil
	}
	head = textx.CompleteRunes(head, atEOF)
	if !utf8.Valid(head) {
		return EncodingGBK, nil, nil
	}
	if at, r, ok := textx.Ambiguous(head); ok {
		start := bytes.LastIndexByte(head[:at], '\n') + 1
		end := bytes.IndexByte(head[at:], '\n')
		if end < 0 {
			end = len(head)
		} else {
			end += at
		}
		return 0, &fileRefusal{
			line: 1 + int64(bytes.Count(head[:start], []byte("\n"))),
			text: string(trimEOL(head[start:end])),
			msg:  fmt.Sprintf("the file reads as UTF-8 (%q) and as GBK: its only non-ASCII characters are two-byte ones, which GBK Chinese also makes (GBK 茅 is UTF-8 é); say which with Options.Encoding (utf-8 or gbk; the example's --encoding)", r),
		}, nil
	}
	return EncodingUTF8, nil, nil
}

// utf8BOM is the UTF-8 byte-order mark.
const utf8BOM = "\ufeff"

// A fileRefusal is why a whole file is not read (msg, wrapping
// csat.ErrInvalid): one bad row at line, showing text.
type fileRefusal struct {
	line int64
	text string
	msg  string
}

// A gbkDecoder decodes GBK lines to UTF-8 into a buffer of its own.
type gbkDecoder struct {
	d   *encoding.Decoder
	buf []byte
}

func newGBKDecoder() *gbkDecoder {
	return &gbkDecoder{d: simplifiedchinese.GB18030.NewDecoder()}
}

// decode returns the UTF-8 of GBK line b, valid until the next call, and
// whether it differs from b (an ASCII line is itself). Bytes that are not
// GB18030 decode to U+FFFD.
func (g *gbkDecoder) decode(b []byte) (text []byte, decoded bool) {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b, false
	}
	// Each byte gives at most 3 bytes of UTF-8 (U+FFFD for a stray byte).
	if need := i + 3*(len(b)-i); cap(g.buf) < need {
		g.buf = make([]byte, need)
	}
	g.buf = g.buf[:cap(g.buf)]
	copy(g.buf, b[:i])
	g.d.Reset()
	n, _, err := g.d.Transform(g.buf[i:], b[i:], true)
	if err != nil { // not for a buffer of 3 bytes a byte; decoded slowly then
		out, _, _ := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
		return out, true
	}
	return g.buf[:i+n], true
}

// errNotGBK is the reason of a line of a GBK file with bytes that are
// not GBK (decoded as U+FFFD).
var errNotGBK = reasonf(csat.ErrInvalid, "the line has bytes that are not GBK (the file is read as GBK: Options.Encoding)")
