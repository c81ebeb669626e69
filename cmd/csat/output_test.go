package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An output that appears while the report is written (another run, a
// user saving a file) is not replaced without force: the last step is a
// hard link, which fails on an existing name, not a rename over it.
func TestOutputAppearsMeanwhile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.html")
	o := output{path: path}
	err := o.write(&env{}, nil, func(w io.Writer) error {
		writeFile(t, path, old) // the other writer
		_, err := io.WriteString(w, "<html>new</html>")
		return err
	})
	var oe outputError
	if !errors.As(err, &oe) || !errors.Is(err, fs.ErrExist) || exitCode(err) != exitOutput {
		t.Errorf("write: %v, want an output error wrapping fs.ErrExist", err)
	}
	keeps("r.html", old)(t, dir, "", "")
}

// An error of the content (not of the file) is returned as it is, bad
// data, and leaves nothing behind.
func TestOutputFillError(t *testing.T) {
	dir := t.TempDir()
	o := output{path: filepath.Join(dir, "r.html")}
	bad := errors.New("a level the report cannot show")
	err := o.write(&env{}, nil, func(w io.Writer) error {
		_, _ = io.WriteString(w, "<html>half")
		return bad
	})
	if !errors.Is(err, bad) || exitCode(err) != exitData {
		t.Errorf("write: %v (exit %d), want the content's error, exit %d", err, exitCode(err), exitData)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left %v in %s", entries, dir)
	}
}

// A new output is complete, readable by others (0644), and its
// temporary file gone; with force an existing one is replaced.
func TestOutputWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.html")
	for _, force := range []bool{false, true} {
		body := "<html>" + strings.Repeat("x", 1<<16) + "</html>"
		if force {
			body = "<html>again</html>"
		}
		o := output{path: path, force: force}
		if err := o.write(&env{}, nil, func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
			t.Fatalf("force %t: %v", force, err)
		}
		keeps("r.html", body)(t, dir, "", "")
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, %v; want 0644", st.Mode(), err)
		}
	}
}
