package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A textTable prints aligned columns, counting East Asian wide
// characters (Chinese labels) as two cells, as terminals show them.
type textTable struct {
	rows  [][]string
	right []bool // right-align column i (numbers)
}

// add adds a row, its cells' control characters escaped ([escapeName]).
func (t *textTable) add(cells ...string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = escapeName(c)
	}
	t.rows = append(t.rows, row)
}

// width is the display width of s.
func width(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else if r >= ' ' && utf8.ValidRune(r) {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

func (t *textTable) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-width(c))
			right := i < len(t.right) && t.right[i]
			if i > 0 {
				b.WriteString("  ")
			}
			if right {
				b.WriteString(pad + c)
			} else if i < len(r)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		b.WriteString("\n")
	}
	_, err := fmt.Fprint(w, b.String())
	return err
}
