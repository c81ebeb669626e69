// Package textx holds the small text rules that the csat command's
// reader (io/sheet) and the Beam pipeline (csatbeam) share, so that both
// read the same input the same way: telling UTF-8 from GBK, and the
// canonical names of the sources.
package textx

import (
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
)

// Ambiguous reports whether valid UTF-8 text b could as well be GBK: it
// has non-ASCII characters, all of two bytes in UTF-8 (Latin, Greek,
// Cyrillic: every such pair is also a GBK character), and no longer one
// (Chinese in UTF-8 takes three bytes, which GBK text rarely makes). It
// returns the first such character and its offset. It is the rule
// of the csat command's reader (io/sheet's GuessEncoding) and of
// csatbeam's Options.Encoding auto.
func Ambiguous(b []byte) (at int, first rune, ok bool) {
	at = -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case n == 2 && at < 0:
			at, first = i, r
		case n > 2:
			return 0, 0, false
		}
		i += n
	}
	return at, first, at >= 0
}

// CompleteRunes returns b without a UTF-8 sequence cut by its end
// (unless b is the whole input), so that a chunk boundary inside a
// character does not look like invalid UTF-8.
func CompleteRunes(b []byte, atEOF bool) []byte {
	if atEOF {
		return b
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// SourceName returns the canonical name of a source, as the csat
// command's reader gives it: survey, self and competitor for their
// English names in any case and their Chinese names (检查, 自评,
// 竞争对手); any other source as written.
func SourceName(s string) string {
	switch strings.ToLower(s) {
	case csat.SourceSurvey, "检查":
		return csat.SourceSurvey
	case csat.SourceSelf, "自评":
		return csat.SourceSelf
	case csat.SourceCompetitor, "竞争对手":
		return csat.SourceCompetitor
	}
	return s
}
