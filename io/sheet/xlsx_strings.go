package sheet

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/csatkit/csat"
)

// sharedStrings is a workbook's shared-strings table, held compactly:
// the strings one after the other in text, string i ending at ends[i].
// A string longer than MaxLine is not kept: it is in long.
type sharedStrings struct {
	text string
	ends []uint32
	long map[int]bool
}

// len returns the number of strings.
func (s *sharedStrings) len() int { return len(s.ends) }

// get returns string i; ok is false when it is longer than MaxLine.
func (s *sharedStrings) get(i int) (str string, ok bool) {
	if s.long[i] {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]], true
}

// sharedStringsPart returns the part of the shared strings: the one the
// workbook's relationships name, else xl/sharedStrings.xml if the archive
// has it, else "" (no table).
func (wb *workbook) sharedStringsPart() (string, error) {
	name := ""
	for _, r := range wb.rels {
		if r.kind != "sharedStrings" {
			continue
		}
		if name != "" && name != r.part {
			return "", wb.errorf(csat.ErrSyntax, "two shared-strings parts, %s and %s", name, r.part)
		}
		name = r.part
	}
	if name == "" {
		if _, ok := wb.parts["xl/sharedstrings.xml"]; ok {
			return "xl/sharedStrings.xml", nil
		}
		return "", nil
	}
	if _, ok := wb.parts[strings.ToLower(name)]; !ok {
		return "", wb.errorf(csat.ErrSyntax, "the shared-strings part %s that the workbook names is missing", name)
	}
	return name, nil
}

// readSharedStrings reads the shared-strings table, within
// MaxSharedStrings strings and MaxSharedStringsSize bytes.
func (wb *workbook) readSharedStrings() error {
	wb.sst = &sharedStrings{}
	name, err := wb.sharedStringsPart()
	if err != nil || name == "" {
		return err
	}
	var text strings.Builder
	sst := wb.sst
	err = wb.readXML(name, func(x *xmlReader, t xml.StartElement) error {
		if t.Name.Local != "si" || x.depth != 2 {
			return x.skip()
		}
		if len(sst.ends) >= wb.lim.strings {
			return fmt.Errorf("more than MaxSharedStrings (%d) shared strings: %w", wb.lim.strings, csat.ErrOutOfRange)
		}
		s, over, err := x.richText(wb.lim.cell)
		if err != nil {
			return err
		}
		if over {
			if sst.long == nil {
				sst.long = map[int]bool{}
			}
			sst.long[len(sst.ends)] = true
		}
		if text.Len()+len(s) > wb.lim.stringBytes {
			return fmt.Errorf("shared strings longer than MaxSharedStringsSize (%d bytes) together: %w", wb.lim.stringBytes, csat.ErrOutOfRange)
		}
		text.WriteString(s)
		sst.ends = append(sst.ends, uint32(text.Len())) //nolint:gosec // text.Len() <= MaxSharedStringsSize
		return nil
	})
	sst.text = text.String()
	return err
}
