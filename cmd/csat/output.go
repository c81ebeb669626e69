package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// An output is a file the command writes (report -o FILE). Outputs never
// destroy inputs:
//
//   - an output that is one of the run's inputs (the same path, or the
//     same file through a link) is refused, -force or not;
//   - an output that is a directory, or exists and is not a regular file
//     (a device such as /dev/null, a pipe), is refused, -force or not;
//   - an existing output is refused unless force (-force or --force);
//   - the output is written to a temporary file in its directory, synced,
//     and renamed over the output only once complete: a failed write
//     removes the temporary file and leaves the old output as it was.
//
// Every refusal and failure is an [outputError] (exit code 3).
type output struct {
	path  string
	force bool
	flag  string // the flag naming the output in messages; "" is -o
}

// name returns the flag naming the output in messages: -o, --pdf, --xlsx.
func (o output) name() string {
	if o.flag == "" {
		return "-o"
	}
	return o.flag
}

// The kinds of an output refused.
const (
	refIsDir      = iota // the output is a directory
	refNotRegular        // a device, a pipe
	refExists            // a file that exists, without --force
	refNoDir             // its directory is not a directory
	refIsInput           // one of the run's inputs
)

// A refusal is an output the command may not write: its kind, the flag
// that names it, its path and, for refNoDir and refIsInput, the
// directory or the input concerned. humanError words it in the output's
// language; its Error is the English.
type refusal struct {
	kind       int
	flag, path string
	other      string
}

func (r *refusal) Error() string {
	switch r.kind {
	case refIsDir:
		return r.flag + " " + r.path + " is a directory: give a file name"
	case refNotRegular:
		return r.flag + " " + r.path + " is not a regular file (a device, a pipe): give a file name, or - for standard output"
	case refExists:
		return r.flag + " " + r.path + " exists: give --force to replace it, or another file name"
	case refNoDir:
		return r.flag + " " + r.path + ": " + r.other + " is not a directory"
	}
	return r.flag + " " + r.path + " is the input " + r.other + ": an output never replaces an input"
}

// Unwrap makes an existing output match fs.ErrExist.
func (r *refusal) Unwrap() error {
	if r.kind == refExists {
		return fs.ErrExist
	}
	return nil
}

// refuse returns the output error of a refusal of o.
func (o output) refuse(kind int, other string) error {
	return outputError{&refusal{kind: kind, flag: o.name(), path: o.path, other: other}}
}

// check refuses an output that may not be written: a directory, an
// existing file without force, a file in no directory, or one of the
// inputs. It is called before anything is read, so that a refusal costs
// nothing; write checks again.
func (o output) check(inputs []string) error {
	st, err := os.Stat(o.path)
	switch {
	case err == nil && st.IsDir():
		return o.refuse(refIsDir, "")
	case err == nil && !st.Mode().IsRegular():
		return o.refuse(refNotRegular, "")
	case err == nil && !o.force:
		return o.refuse(refExists, "")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	if dst, err := os.Stat(filepath.Dir(o.path)); err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	} else if !dst.IsDir() {
		return o.refuse(refNoDir, filepath.Dir(o.path))
	}

	abs, err := filepath.Abs(o.path)
	if err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	for _, in := range inputs {
		if in == "" {
			continue
		}
		same := false
		if a, err := filepath.Abs(in); err == nil && a == abs {
			same = true
		} else if st != nil {
			if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
				same = true
			}
		}
		if same {
			return o.refuse(refIsInput, in)
		}
	}
	return nil
}

// write writes the output with fill: to a temporary file beside it, then
// renamed into place. Without force the rename is a hard link, which
// fails if the output has appeared meanwhile, then the temporary name is
// removed; where hard links are not supported it is a rename after a
// last check. An error of fill that is not an error of the file is
// returned as it is (bad data); every other one is an [outputError].
func (o output) write(e *env, inputs []string, fill func(w io.Writer) error) (err error) {
	if err := o.check(inputs); err != nil {
		return err
	}
	create := e.createTemp
	if create == nil {
		create = os.CreateTemp
	}
	dir, base := filepath.Split(o.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := create(dir, "."+base+".tmp-*")
	if err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()     // already failed: the first error is the one told
			_ = os.Remove(name) // the temporary file only; the output is untouched
		}
	}()
	tw := &trackingWriter{w: tmp}
	if err := fill(tw); err != nil {
		if tw.err != nil {
			return outputError{fmt.Errorf(o.name()+" %s: writing %s: %w", o.path, name, err)}
		}
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	if err := tmp.Sync(); err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: writing %s: %w", o.path, name, err)}
	}
	if err := tmp.Close(); err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: writing %s: %w", o.path, name, err)}
	}
	return o.place(name)
}

// writePath writes the output with fill, which writes the file at the
// path it is given (a temporary file beside the output, created empty),
// then renames it into place as write does. For writers that take a
// path, not a writer (the PDF printer).
func (o output) writePath(e *env, inputs []string, fill func(path string) error) (err error) {
	if err := o.check(inputs); err != nil {
		return err
	}
	create := e.createTemp
	if create == nil {
		create = os.CreateTemp
	}
	dir, base := filepath.Split(o.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := create(dir, "."+base+".tmp-*")
	if err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	name := tmp.Name()
	if err := tmp.Close(); err != nil {
		_ = os.Remove(name) // the temporary file only
		return outputError{fmt.Errorf(o.name()+" %s: writing %s: %w", o.path, name, err)}
	}
	defer func() {
		if err != nil {
			_ = os.Remove(name) // the temporary file only; the output is untouched
		}
	}()
	if err := fill(name); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil { //nolint:gosec // an output is for others to read, as write makes it
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	return o.place(name)
}

// place moves the complete temporary file name to the output.
func (o output) place(name string) error {
	if o.force {
		if err := os.Rename(name, o.path); err != nil {
			return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
		}
		return nil
	}
	err := os.Link(name, o.path)
	switch {
	case err == nil:
		_ = os.Remove(name) // the output is in place; a leftover temporary name loses nothing
		return nil
	case errors.Is(err, fs.ErrExist):
		return o.refuse(refExists, "")
	}
	// No hard links here (some network and FAT file systems): rename,
	// after a last check that the output has not appeared.
	if _, serr := os.Lstat(o.path); !errors.Is(serr, fs.ErrNotExist) {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	if err := os.Rename(name, o.path); err != nil {
		return outputError{fmt.Errorf(o.name()+" %s: %w", o.path, err)}
	}
	return nil
}
