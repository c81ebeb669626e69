package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		read, total int64
		want        string
	}{
		{0, 100, "f [..............................]   0%"},
		{50, 100, "f [###############...............]  50%"},
		{100, 100, "f [##############################] 100%"},
		{150, 100, "f [##############################] 100%"}, // never past the end
		{7, 0, "f 7 bytes"}, // size unknown
	} {
		if got := bar("f", tc.read, tc.total); got != tc.want {
			t.Errorf("bar(%d, %d) = %q, want %q", tc.read, tc.total, got, tc.want)
		}
	}
}

// The bar is drawn after the delay, redrawn every tick and cleared at
// the end; nothing is drawn when reading ends before the delay.
func TestProgress(t *testing.T) {
	var w bytes.Buffer
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		progress(&w, "f", func() int64 { return 30 }, 60, done, 0, time.Millisecond)
		close(finished)
	}()
	time.Sleep(20 * time.Millisecond)
	close(done)
	<-finished
	out := w.String()
	if !strings.Contains(out, "\rf [###############...............]  50%") || !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("progress output %q", out)
	}
	w.Reset()
	done = make(chan struct{})
	close(done)
	progress(&w, "f", func() int64 { return 0 }, 1, done, time.Hour, time.Millisecond)
	if w.Len() != 0 {
		t.Errorf("drew %q for a read that ended before the delay", w.String())
	}
}

// On a terminal the answers are read through the counting reader, to
// the same figures; off a terminal no bar is drawn.
func TestReadWithProgress(t *testing.T) {
	path := filepath.Join(sample, "answers.csv")
	size, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	p1, s1, err1 := readWithProgress(&env{stderr: &errb, tty: true}, path, nil)
	p2, s2, err2 := readWithProgress(&env{stderr: &errb, tty: false}, path, nil)
	if err1 != nil || err2 != nil || len(p1) != 2 || len(p1) != len(p2) || s1.Answers != s2.Answers || s1.Answers != 210 {
		t.Fatalf("tty %d periods %d answers %v; no tty %d periods %d answers %v (file of %d bytes)", len(p1), s1.Answers, err1, len(p2), s2.Answers, err2, size.Size())
	}
	for i := range p1 {
		if p1[i].Name != p2[i].Name || !p1[i].Table.Equal(p2[i].Table) {
			t.Errorf("period %d differs: %s vs %s", i, p1[i].Name, p2[i].Name)
		}
	}
	if errb.Len() != 0 {
		t.Errorf("a read under a second drew %q", errb.String())
	}
}
