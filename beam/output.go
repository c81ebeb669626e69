package csatbeam

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/csatkit/csat"
)

// ErrOutputUsed is the error of [OpenOutput] on a directory that holds
// files already (a previous run's, or others), unless
// [OutputOptions].Replace says to replace a previous run.
var ErrOutputUsed = errors.New("output directory is not empty")

// ManifestName and SummaryName are the files an [Output] writes beside
// the run's files when it commits: the manifest, written last, lists
// every file of the run; the summary holds the run's counters.
const (
	ManifestName = "manifest.json"
	SummaryName  = "summary.json"
)

// OutputOptions configures [OpenOutput]. The zero value (or nil) means
// the defaults.
type OutputOptions struct {
	// Replace lets the run replace a previous run in the directory: on
	// commit, the files its manifest lists are removed before the new
	// run's are moved in. A directory that holds files no manifest
	// lists is refused even so: a run removes only what a run wrote.
	Replace bool `json:"replace"`
	// Files names files (paths relative to the directory) that every
	// run has, written empty on commit when the pipeline wrote none
	// (textio writes no file for an empty PCollection): the dead
	// letter, say, so that "no bad row" is an empty file, not a missing
	// one that could be a stale one's absence.
	Files []string `json:"files"`
}

// An Output is the directory a run writes to, kept whole: the pipeline
// writes into a staging directory beside it ([Output.Staging]), and
// [Output.Commit], once the job has succeeded, moves the files into
// place, writes the empty outputs, the summary and, last, the manifest.
// A job that fails leaves the directory as it was ([Output.Abort]
// removes the staging). Use it from the program that launches the job
// and waits for it (beamx.RunWithMetrics):
//
//	out, err := csatbeam.OpenOutput(ctx, dir, &csatbeam.OutputOptions{Files: []string{"deadletter.jsonl"}})
//	… build the pipeline writing under out.Staging() …
//	res, err := beamx.RunWithMetrics(ctx, p)
//	if err != nil { out.Abort(ctx); … }
//	manifest, err := out.Commit(ctx, csatbeam.SummaryOf(input, res))
//
// Any Beam file system works (a local directory, gs://…); a local one
// is moved file by file with os.Rename, others with the file system's
// rename or copy and remove.
type Output struct {
	dir, staging string
	opts         OutputOptions
	old          *Manifest // the previous run's, to replace
}

// A Manifest lists the files of one run, relative to the directory, in
// byte order, with their size and SHA-256: what a scheduler checks
// before it takes the run's outputs. It is written last; a directory
// without one holds no whole run.
type Manifest struct {
	Files []ManifestFile `json:"files"`
}

// A ManifestFile is one file of a run.
type ManifestFile struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// A Summary is the run summary written beside the outputs
// ([SummaryName]): the input and the counters of [MetricsNamespace].
type Summary struct {
	Input    string           `json:"input"`
	Counters map[string]int64 `json:"counters"`
}

// SummaryOf returns the summary of a run of input whose result is res
// (nil gives no counters): the committed counters of MetricsNamespace,
// each name once.
func SummaryOf(input string, res beam.PipelineResult) Summary {
	s := Summary{Input: input, Counters: map[string]int64{}}
	for _, name := range counterNames {
		s.Counters[name] = 0
	}
	if res == nil {
		return s
	}
	for _, r := range res.Metrics().Query(func(r metrics.SingleResult) bool {
		return r.Namespace() == MetricsNamespace
	}).Counters() {
		s.Counters[r.Name()] += r.Result()
	}
	return s
}

// counterNames are the counters of MetricsNamespace.
var counterNames = []string{"files", "empty_files", "lines", "answers", "blanks", "bad_rows", "forms", "failed_forms", "reports", "failed_keys"}

// OpenOutput prepares dir for a run: it must be absent, empty, or, with
// opts.Replace, hold a previous run (its manifest and the files it
// lists); anything else is an error wrapping [ErrOutputUsed] naming what
// is there. The staging directory is dir's sibling, dir + ".staging-" +
// a random name.
func OpenOutput(ctx context.Context, dir string, opts *OutputOptions) (*Output, error) {
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return nil, &opError{op: "output", err: reasonf(csat.ErrMissing, "no directory")}
	}
	o := &Output{dir: dir}
	if opts != nil {
		o.opts = *opts
		o.opts.Files = slices.Clone(opts.Files)
	}
	for _, f := range o.opts.Files {
		if !validRel(f) || f == ManifestName || f == SummaryName {
			return nil, &opError{op: "output", err: reasonf(csat.ErrInvalid, "file %q: want a path inside the directory, not the manifest or summary", f)}
		}
	}
	fsys, err := filesystem.New(ctx, dir)
	if err != nil {
		return nil, &opError{op: "output " + dir, err: err}
	}
	defer func() { _ = fsys.Close() }() // a client of the file system: nothing to flush
	there, err := listFiles(ctx, fsys, dir)
	if err != nil {
		return nil, &opError{op: "output " + dir, err: err}
	}
	if len(there) > 0 {
		if err := o.checkPrevious(ctx, fsys, there); err != nil {
			return nil, err
		}
	}
	var id [6]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails
	o.staging = dir + ".staging-" + hex.EncodeToString(id[:])
	return o, nil
}

// checkPrevious checks that the files there are a previous run's and
// that the run may replace it.
func (o *Output) checkPrevious(ctx context.Context, fsys filesystem.Interface, there []string) error {
	used := func(format string, args ...any) error {
		return &opError{op: "output " + o.dir, err: reasonf(ErrOutputUsed, format, args...)}
	}
	if !slices.Contains(there, ManifestName) {
		return used("it holds %d files and no %s (%s, …): not a previous run; choose an empty directory", len(there), ManifestName, there[0])
	}
	if !o.opts.Replace {
		return used("it holds a previous run (%d files); replace it (OutputOptions.Replace, --replace) or choose another directory", len(there))
	}
	b, err := filesystem.Read(ctx, fsys, o.dir+"/"+ManifestName)
	if err != nil {
		return &opError{op: "output " + o.dir, err: err}
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return used("its %s does not read: %v", ManifestName, err)
	}
	listed := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		if !validRel(f.Path) {
			return used("its %s lists %q, outside the directory", ManifestName, f.Path)
		}
		listed[f.Path] = true
	}
	for _, f := range there {
		if !listed[f] {
			return used("%s is not a file of the previous run (its %s does not list it); a run removes only what a run wrote", f, ManifestName)
		}
	}
	o.old = &m
	return nil
}

// validRel reports whether p is a clean relative path inside a
// directory.
func validRel(p string) bool {
	return p != "" && !strings.HasPrefix(p, "/") && !strings.Contains(p, "\\") && !slices.Contains(strings.Split(p, "/"), "..") &&
		path.Clean(p) == p
}

// Dir returns the directory the run's files go to.
func (o *Output) Dir() string { return o.dir }

// Staging returns the directory the pipeline writes to: the run's
// files, laid out as they will be in [Output.Dir].
func (o *Output) Staging() string { return o.staging }

// Commit moves the staged files into place, once the job has
// succeeded: it writes the empty [OutputOptions].Files the run did not
// write, removes the previous run's files (when replacing: its manifest
// first, so that a commit cut short leaves no manifest), moves the new
// files in, writes the summary and, last, the manifest, which it
// returns. The staging directory is removed.
func (o *Output) Commit(ctx context.Context, summary Summary) (*Manifest, error) {
	fail := func(err error) (*Manifest, error) { return nil, &opError{op: "commit " + o.dir, err: err} }
	fsys, err := filesystem.New(ctx, o.dir)
	if err != nil {
		return fail(err)
	}
	defer func() { _ = fsys.Close() }() // a client of the file system: nothing to flush
	staged, err := listFiles(ctx, fsys, o.staging)
	if err != nil {
		return fail(err)
	}
	for _, f := range o.opts.Files {
		if !slices.Contains(staged, f) {
			if err := filesystem.Write(ctx, fsys, o.staging+"/"+f, nil); err != nil {
				return fail(err)
			}
			staged = append(staged, f)
		}
	}
	for _, f := range staged {
		if f == ManifestName || f == SummaryName {
			return fail(reasonf(csat.ErrInvalid, "the pipeline wrote %s, a name the commit writes", f))
		}
	}
	sb, err := json.MarshalIndent(summary, "", "  ")
	if err != nil {
		return fail(err)
	}
	if err := filesystem.Write(ctx, fsys, o.staging+"/"+SummaryName, append(sb, '\n')); err != nil {
		return fail(err)
	}
	staged = append(staged, SummaryName)
	slices.Sort(staged)
	m := &Manifest{Files: make([]ManifestFile, 0, len(staged))}
	for _, f := range staged {
		mf, err := describe(ctx, fsys, o.staging, f)
		if err != nil {
			return fail(err)
		}
		m.Files = append(m.Files, mf)
	}
	if o.old != nil {
		if err := remove(ctx, fsys, o.dir+"/"+ManifestName); err != nil {
			return fail(err)
		}
		for _, f := range o.old.Files {
			if err := remove(ctx, fsys, o.dir+"/"+f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fail(err)
			}
		}
	}
	for _, f := range staged {
		if err := move(ctx, fsys, o.staging+"/"+f, o.dir+"/"+f); err != nil {
			return fail(err)
		}
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fail(err)
	}
	if err := filesystem.Write(ctx, fsys, o.dir+"/"+ManifestName, append(mb, '\n')); err != nil {
		return fail(err)
	}
	if local(o.dir) {
		removeEmptyDirs(o.dir)
		_ = os.RemoveAll(o.staging) // emptied by the moves
	}
	return m, nil
}

// Abort removes the staging directory of a run that failed; the
// directory is left as it was.
func (o *Output) Abort(ctx context.Context) error {
	if local(o.staging) {
		if err := os.RemoveAll(o.staging); err != nil {
			return &opError{op: "abort " + o.dir, err: err}
		}
		return nil
	}
	fsys, err := filesystem.New(ctx, o.staging)
	if err != nil {
		return &opError{op: "abort " + o.dir, err: err}
	}
	defer func() { _ = fsys.Close() }() // a client of the file system: nothing to flush
	staged, err := listFiles(ctx, fsys, o.staging)
	if err != nil {
		return &opError{op: "abort " + o.dir, err: err}
	}
	for _, f := range staged {
		if err := remove(ctx, fsys, o.staging+"/"+f); err != nil {
			return &opError{op: "abort " + o.dir, err: err}
		}
	}
	return nil
}

// local reports whether p is a path of the local file system.
func local(p string) bool { return !strings.Contains(p, "://") }

// listFiles lists the files under dir, relative to it, sorted: on the
// local file system by walking it (an absent directory has none), on
// others by listing dir/*, dir/*/* and so on to maxDepth levels (a
// run's files are at most three deep: forms/COMPANY/PERIOD.json); a
// file deeper than that is an error, never a file left behind.
func listFiles(ctx context.Context, fsys filesystem.Interface, dir string) ([]string, error) {
	var out []string
	if local(dir) {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipAll
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
			return nil
		})
		slices.Sort(out)
		return out, err
	}
	seen := map[string]bool{}
	glob := dir
	for depth := 1; depth <= maxDepth+1; depth++ {
		glob += "/*"
		names, err := fsys.List(ctx, glob)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			rel, ok := strings.CutPrefix(n, dir+"/")
			if !ok || strings.HasSuffix(rel, "/") || seen[rel] {
				continue
			}
			if strings.Count(rel, "/") >= maxDepth {
				return nil, reasonf(csat.ErrInvalid, "%s is more than %d levels deep in %s", rel, maxDepth, dir)
			}
			seen[rel] = true
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out, nil
}

// maxDepth is the depth of the files listFiles lists on a file system
// other than the local one.
const maxDepth = 8

// describe returns the manifest entry of dir/rel.
func describe(ctx context.Context, fsys filesystem.Interface, dir, rel string) (ManifestFile, error) {
	r, err := fsys.OpenRead(ctx, dir+"/"+rel)
	if err != nil {
		return ManifestFile{}, err
	}
	defer func() { _ = r.Close() }() // read only
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return ManifestFile{}, err
	}
	return ManifestFile{Path: rel, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// move moves the file from to the file to.
func move(ctx context.Context, fsys filesystem.Interface, from, to string) error {
	if local(to) {
		if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
			return err
		}
		return os.Rename(from, to)
	}
	return filesystem.Rename(ctx, fsys, from, to)
}

// remove removes one file.
func remove(ctx context.Context, fsys filesystem.Interface, name string) error {
	if local(name) {
		return os.Remove(name)
	}
	rm, ok := fsys.(filesystem.Remover)
	if !ok {
		return reasonf(csat.ErrInvalid, "the file system of %s cannot remove files", name)
	}
	return rm.Remove(ctx, name)
}

// removeEmptyDirs removes the empty directories under dir (a previous
// run's companies that this run has not), deepest first.
func removeEmptyDirs(dir string) {
	var dirs []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			dirs = append(dirs, p)
		}
		return nil
	})
	slices.SortFunc(dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range dirs {
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			_ = os.Remove(d)
		}
	}
}
