package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/csatkit/csat/io/sheet"

	"golang.org/x/term"
)

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// readWithProgress reads an answers file, forms and all; on a terminal's stderr it
// draws a progress bar (bytes read of the file's size) once reading takes
// more than a second. Off a terminal (a pipe, a log, CI) it prints
// nothing.
func readWithProgress(e *env, path string, opts *sheet.Options) ([]sheet.Survey, sheet.Summary, error) {
	if !e.tty {
		return sheet.ReadSurvey(path, opts)
	}
	f, err := os.Open(path) //nolint:gosec // the user names the file to read on the command line
	if err != nil {
		return nil, sheet.Summary{File: path}, usageError{err}
	}
	defer func() { _ = f.Close() }() // read only: a close error loses nothing
	var total int64
	if st, err := f.Stat(); err == nil {
		total = st.Size()
	}
	cr := &countingReader{r: f}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		progress(e.stderr, path, cr.n.Load, total, done, time.Second, 200*time.Millisecond)
	}()
	periods, sum, err := sheet.ReadSurveyFrom(cr, path, opts)
	close(done)
	wg.Wait()
	return periods, sum, err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// progress draws a bar of read() out of total bytes after delay, every
// tick, until done is closed; then it clears the line.
func progress(w io.Writer, name string, read func() int64, total int64, done <-chan struct{}, delay, tick time.Duration) {
	select {
	case <-done:
		return
	case <-time.After(delay):
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		_, _ = fmt.Fprint(w, "\r"+bar(name, read(), total)) // a progress bar on a terminal: nothing to do if it fails
		select {
		case <-done:
			_, _ = fmt.Fprint(w, "\r\033[K")
			return
		case <-t.C:
		}
	}
}

// bar renders "name [#####.....]  42%" (a byte count when total is
// unknown).
func bar(name string, read, total int64) string {
	const cells = 30
	if total <= 0 {
		return fmt.Sprintf("%s %d bytes", name, read)
	}
	read = min(read, total)
	full := int(read * cells / total)
	return fmt.Sprintf("%s [%s%s] %3d%%", name, strings.Repeat("#", full), strings.Repeat(".", cells-full), read*100/total)
}
