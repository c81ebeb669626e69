package csatbeam

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// On a file system other than the local one (memfs, as gs:// would be),
// a run is staged, committed with its empty files, summary and
// manifest (sizes and SHA-256 computed here from the bytes written), a
// rerun refused and a replacing run leaves only its own files; a file
// deeper than the listing goes is an error, not a file left behind.
func TestOutputOnAnotherFileSystem(t *testing.T) {
	ctx := context.Background()
	dir := "memfs://" + t.Name() + "/out"
	fsys, err := filesystem.New(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	run := func(replace bool, files map[string]string) (*Manifest, error) {
		o, err := OpenOutput(ctx, dir, &OutputOptions{Replace: replace, Files: []string{"dead.jsonl"}})
		if err != nil {
			return nil, err
		}
		for name, text := range files {
			if err := filesystem.Write(ctx, fsys, o.Staging()+"/"+name, []byte(text)); err != nil {
				t.Fatal(err)
			}
		}
		return o.Commit(ctx, Summary{Input: "in/*", Counters: map[string]int64{"files": 1}})
	}
	entry := func(path, text string) ManifestFile {
		sum := sha256.Sum256([]byte(text))
		return ManifestFile{Path: path, Bytes: int64(len(text)), SHA256: hex.EncodeToString(sum[:])}
	}
	summary := "{\n  \"input\": \"in/*\",\n  \"counters\": {\n    \"files\": 1\n  }\n}\n"
	m, err := run(false, map[string]string{"acme/Q1.json": "{}", "forms/acme/Q1.json": "[1]", "initech/Q1.json": "{2}"})
	if err != nil {
		t.Fatal(err)
	}
	want := []ManifestFile{entry("acme/Q1.json", "{}"), entry("dead.jsonl", ""), entry("forms/acme/Q1.json", "[1]"), entry("initech/Q1.json", "{2}"), entry("summary.json", summary)}
	if diff := cmp.Diff(want, m.Files); diff != "" {
		t.Fatalf("manifest (-want +got):\n%s", diff)
	}
	b, err := filesystem.Read(ctx, fsys, dir+"/"+ManifestName)
	if err != nil {
		t.Fatal(err)
	}
	var onDisk Manifest
	if err := json.Unmarshal(b, &onDisk); err != nil || !cmp.Equal(*m, onDisk) {
		t.Errorf("manifest.json %s (%v), want the manifest returned", b, err)
	}
	if _, err := run(false, map[string]string{"acme/Q1.json": "{3}"}); !errors.Is(err, ErrOutputUsed) {
		t.Errorf("rerun: %v, want ErrOutputUsed", err)
	}
	m, err = run(true, map[string]string{"acme/Q1.json": "{3}"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]ManifestFile{entry("acme/Q1.json", "{3}"), entry("dead.jsonl", ""), entry("summary.json", summary)}, m.Files); diff != "" {
		t.Errorf("replaced manifest (-want +got):\n%s", diff)
	}
	all, err := listFiles(ctx, fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"acme/Q1.json", "dead.jsonl", ManifestName, "summary.json"}, all); diff != "" {
		t.Errorf("files after the replacing run (-want +got):\n%s", diff)
	}
	if got, _ := filesystem.Read(ctx, fsys, dir+"/acme/Q1.json"); string(got) != "{3}" {
		t.Errorf("acme/Q1.json = %q, want the new run's", got)
	}
	if _, err := run(true, map[string]string{"a/b/c/d/e/f/g/h/i.json": "{}"}); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("a file 9 levels deep: %v, want ErrInvalid", err)
	}
}

// OpenOutput refuses what it cannot commit: no directory, and names of
// OutputOptions.Files outside the directory or taken by the commit.
func TestOpenOutputRefusals(t *testing.T) {
	ctx := context.Background()
	if _, err := OpenOutput(ctx, "", nil); !errors.Is(err, csat.ErrMissing) {
		t.Errorf("no directory: %v, want ErrMissing", err)
	}
	for _, f := range []string{"../x", "/abs", "a//b", "", ManifestName, SummaryName, `a\b`} {
		if _, err := OpenOutput(ctx, t.TempDir(), &OutputOptions{Files: []string{f}}); !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("file %q: %v, want ErrInvalid", f, err)
		}
	}
}
