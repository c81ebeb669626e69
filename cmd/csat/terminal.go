package main

import (
	"strconv"
	"strings"
	"unicode"
)

// The text outputs (score, customers, segment, plan, explain, and the
// messages on stderr) go to a terminal, which obeys the control
// characters it is sent: an item name or a customer id holding ESC [ 2 J
// would clear the screen, one holding CR would overwrite its line. The
// command prints such characters escaped the way Go quotes them (\x1b,
// \r, \u0085), never raw.

// escapeName returns s with every control character escaped, newline
// and tab included: a name (an item, a customer id, a period, a file) is
// one cell of a table or one word of a line.
func escapeName(s string) string {
	return escapeControls(s, false)
}

// escapeText returns s with every control character but the newline
// escaped: the whole text a command prints, whose lines are its own.
func escapeText(s string) string {
	return escapeControls(s, true)
}

func escapeControls(s string, keepNewline bool) string {
	bad := func(r rune) bool { return unicode.IsControl(r) && (r != '\n' || !keepNewline) }
	if strings.IndexFunc(s, bad) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !bad(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\x1b', '\n', '\u0085'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}
