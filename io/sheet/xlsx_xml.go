package sheet

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
)

// tokenGate passes the bytes of an XML part through and refuses a stretch
// of more than max bytes without a '<': a tag with its attributes, or a
// text run, the most encoding/xml holds in memory at once.
type tokenGate struct {
	r   io.Reader
	max int
	run int // bytes since the last '<'
	err error
}

func (g *tokenGate) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '<')
		seg := n - i
		if j >= 0 {
			seg = j
		}
		if g.run+seg > g.max {
			g.err = fmt.Errorf("an XML tag or text longer than %d bytes: %w", g.max, csat.ErrOutOfRange)
			return i + g.max - g.run, g.err
		}
		if j < 0 {
			g.run += seg
			break
		}
		g.run = 0
		i += j + 1
	}
	return n, err
}

// xmlReader reads the tokens of one XML part of a workbook, refusing
// elements nested deeper than maxXMLDepth. It is strict: a decode error
// (a cut, an unmatched tag, a character XML forbids) is an error.
type xmlReader struct {
	part  string
	d     *xml.Decoder
	depth int
	root  bool       // the root element started
	open  []xml.Name // the elements open, to match their ends
}

// maxXMLDepth is the deepest nesting of elements read; OOXML parts nest
// about ten deep.
const maxXMLDepth = 64

func newXMLReader(part string, r io.Reader, maxToken int) *xmlReader {
	return &xmlReader{part: part, d: xml.NewDecoder(&tokenGate{r: r, max: maxToken}), open: make([]xml.Name, 0, 16)}
}

// next returns the next token; at the end of the part, io.EOF. The
// token is valid until the next call. Names are as written (a prefix
// in Name.Space, not its namespace: OOXML is matched by local names);
// an end tag must match its start tag, and the part must end with its
// root element.
func (x *xmlReader) next() (xml.Token, error) {
	t, err := x.d.RawToken()
	if errors.Is(err, io.EOF) && x.depth > 0 {
		return nil, fmt.Errorf("unexpected EOF, inside <%s>: %w", x.open[x.depth-1].Local, csat.ErrSyntax)
	}
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case xml.StartElement:
		x.depth++
		x.root = true
		if x.depth > maxXMLDepth {
			return nil, fmt.Errorf("elements nested more than %d deep: %w", maxXMLDepth, csat.ErrOutOfRange)
		}
		x.open = append(x.open, t.Name)
	case xml.EndElement:
		if x.depth == 0 || x.open[x.depth-1] != t.Name {
			return nil, fmt.Errorf("an unexpected end tag </%s>: %w", t.Name.Local, csat.ErrSyntax)
		}
		x.depth--
		x.open = x.open[:x.depth]
	}
	return t, nil
}

// skip reads up to the end of the element just started.
func (x *xmlReader) skip() error {
	for depth := x.depth - 1; x.depth > depth; {
		if _, err := x.next(); err != nil {
			return err
		}
	}
	return nil
}

// text reads the text of the element just started, up to its end. It
// keeps at most max bytes: over reports a longer text, read to its end
// but not kept. Nested elements are refused.
func (x *xmlReader) text(max int) (s string, over bool, err error) {
	var b []byte
	for {
		t, err := x.next()
		if err != nil {
			return "", false, err
		}
		switch t := t.(type) {
		case xml.CharData:
			if over = over || len(b)+len(t) > max; !over {
				b = append(b, t...)
			}
		case xml.StartElement:
			return "", false, fmt.Errorf("a <%s> element inside a text: %w", t.Name.Local, csat.ErrSyntax)
		case xml.EndElement:
			if over {
				return "", true, nil
			}
			return string(b), false, nil
		}
	}
}

// richText reads a string item (<si> of the shared strings, <is> of an
// inline string) just started, up to its end: its text, the <t> elements
// directly in it and in its runs <r> concatenated, phonetic runs <rPh>
// left out, the _xHHHH_ escapes decoded. It keeps at most max bytes, as
// text.
func (x *xmlReader) richText(max int) (string, bool, error) {
	var b strings.Builder
	over := false
	for {
		t, err := x.next()
		if err != nil {
			return "", false, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				err = x.appendText(&b, &over, max)
			case "r":
				err = x.run(&b, &over, max)
			default:
				err = x.skip()
			}
			if err != nil {
				return "", false, err
			}
		case xml.EndElement:
			if over {
				return "", true, nil
			}
			return decodeEscapes(b.String()), false, nil
		}
	}
}

// run reads a run <r> just started: the text of its <t>.
func (x *xmlReader) run(b *strings.Builder, over *bool, max int) error {
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if t.Name.Local == "t" {
				err = x.appendText(b, over, max)
			} else {
				err = x.skip()
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (x *xmlReader) appendText(b *strings.Builder, over *bool, max int) error {
	s, o, err := x.text(max - b.Len())
	if *over = *over || o; !*over {
		b.WriteString(s)
	}
	return err
}

// decodeEscapes decodes the _xHHHH_ escapes with which OOXML writes
// characters XML cannot hold (ECMA-376 ST_Xstring): _x000D_ is a
// carriage return, _x005F_ an underscore. A surrogate pair is two
// escapes; an escape that is not a character is left as written.
func decodeEscapes(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := escapeAt(s, i)
		if n == 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// escapeAt decodes the escape at s[i:], returning the character and the
// escape's length, or 0 when there is none.
func escapeAt(s string, i int) (rune, int) {
	r, ok := hex4(s, i)
	if !ok {
		return 0, 0
	}
	switch {
	case r >= 0xD800 && r < 0xDC00:
		lo, ok := hex4(s, i+7)
		if !ok || lo < 0xDC00 || lo > 0xDFFF {
			return 0, 0
		}
		return 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00), 14
	case r >= 0xDC00 && r <= 0xDFFF:
		return 0, 0
	}
	return r, 7
}

// hex4 decodes "_xHHHH_" at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i+2 : i+6]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, utf8.ValidRune(r) || r >= 0xD800 && r <= 0xDFFF
}

// decodeError classifies an error met reading a part: the readers' own
// errors (wrapping a csat sentinel: a limit's csat.ErrOutOfRange, …) and
// a file's read error (*fs.PathError) are returned as they are; any
// other (an XML error, a damaged archive) means a damaged workbook and
// wraps csat.ErrSyntax.
func decodeError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return err
	}
	for _, s := range []error{csat.ErrSyntax, csat.ErrOutOfRange, csat.ErrInvalid, csat.ErrDuplicate, csat.ErrMissing} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", err, csat.ErrSyntax)
}
