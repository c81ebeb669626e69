// Command csvbench is the benchmark harness's Go side (see bench/run and
// docs/benchmarks.md): it generates a survey CSV of N rows, or reads one
// with csat's CSV path and computes the degree and rate per item, or
// builds csat score's report from it (analysis.Build, its scoring with
// the intervals), or counts the same answers as byte codes with a code
// book (the bulk path), and prints rows per second and its peak memory.
//
//	go run ./bench/csvbench -gen -rows 10000000 -out survey.csv
//	go run ./bench/csvbench -csv survey.csv
//	go run ./bench/csvbench -report survey.csv
//	go run ./bench/csvbench -bulk survey.csv
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

var (
	items   = []string{"功能", "外观", "包装", "交货期", "服务质量", "可靠性", "售后服务"}
	sources = []string{csat.SourceSurvey, csat.SourceSurvey, csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor}
	levels  = []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
)

func main() {
	gen := flag.Bool("gen", false, "generate a survey CSV")
	rows := flag.Int("rows", 10_000_000, "rows to generate")
	out := flag.String("out", "survey.csv", "file to generate")
	csvPath := flag.String("csv", "", "read this CSV with ReadTableCSV")
	bulk := flag.String("bulk", "", "count this CSV's answers as byte codes with a code book")
	rep := flag.String("report", "", "read this CSV with ReadTableCSV and build csat score's report of it")
	flag.Parse()
	switch {
	case *gen:
		if err := generate(*out, *rows); err != nil {
			log.Fatal(err)
		}
	case *csvPath != "":
		start := time.Now()
		tab := readTable(*csvPath)
		n := report(tab, csat.SourceSurvey)
		finish("csat ReadTableCSV", n, time.Since(start))
	case *rep != "":
		start := time.Now()
		tab := readTable(*rep)
		r, err := analysis.Build(analysis.Input{Period: "current", Table: tab})
		if err != nil {
			log.Fatal(err)
		}
		n := report(tab, csat.SourceSurvey)
		finish(fmt.Sprintf("csat ReadTableCSV + report (%d sources)", len(r.Sources)), n, time.Since(start))
	case *bulk != "":
		codes, cb := encode(*bulk)
		start := time.Now()
		tab := csat.NewTable(csat.FivePoint())
		if err := tab.AddCoded(cb, codes); err != nil {
			log.Fatal(err)
		}
		report(tab, csat.SourceSurvey)
		finish("csat code book (bulk)", uint64(len(codes)), time.Since(start))
	default:
		flag.Usage()
		os.Exit(2)
	}
}

// readTable reads the CSV at path with ReadTableCSV.
func readTable(path string) *csat.Table {
	f, err := os.Open(path) //nolint:gosec // the harness reads the file its user names
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read only: nothing to lose
	tab, err := csat.ReadTableCSV(bufio.NewReaderSize(f, 1<<20), csat.FivePoint(), nil)
	if err != nil {
		log.Fatal(err)
	}
	return tab
}

func generate(path string, n int) error {
	f, err := os.Create(path) //nolint:gosec // the harness writes where its user says
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	line := []byte("item,source,level\n")
	x := uint32(7)
	for i := 0; i <= n; i++ {
		if _, err := w.Write(line); err != nil {
			return err
		}
		x = x*1664525 + 1013904223
		line = append(append(append(append(append(line[:0], items[(x>>8)%7]...), ','), sources[(x>>16)%5]...), ','), levels[(x>>24)%5]...)
		line = append(line, '\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// encode turns the CSV into one byte code per answer (item × source ×
// level) and the code book for them, outside the timed part: what a
// survey system or a columnar file holds.
func encode(path string) ([]byte, *csat.CodeBook) {
	data, err := os.ReadFile(path) //nolint:gosec // the harness reads the file its user names
	if err != nil {
		log.Fatal(err)
	}
	code := map[string]byte{}
	var book []csat.Code
	for i, it := range items {
		for j, src := range []string{csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor} {
			for l, lv := range levels {
				c := byte(i*15 + j*5 + l)
				code[it+","+src+","+lv] = c
				book = append(book, csat.Code{Code: c, Item: it, Source: src, Level: l})
			}
		}
	}
	cb, err := csat.NewCodeBook(csat.FivePoint(), book)
	if err != nil {
		log.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte{'\n'})[1:]
	codes := make([]byte, len(lines))
	for i, l := range lines {
		codes[i] = code[string(l)]
	}
	return codes, cb
}

// report computes the degree and rate per item of the source and returns
// the number of rows counted.
func report(tab *csat.Table, source string) uint64 {
	var rows uint64
	for _, src := range tab.Sources() {
		t, err := tab.Total(src)
		if err != nil {
			log.Fatal(err)
		}
		n, _ := t.N()
		rows += n
	}
	var b strings.Builder
	for _, it := range tab.Items() {
		t, err := tab.Tally(it, source)
		if err != nil {
			log.Fatal(err)
		}
		d, err := csat.Degree{}.Score(t)
		if err != nil {
			log.Fatal(err)
		}
		r, err := csat.Rate{}.Score(t)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(&b, "  %s degree %s%% rate %s%%\n", it, d.Round(6).Shift(2).StringFixed(4), r.Round(6).Shift(2).StringFixed(4))
	}
	fmt.Print(b.String())
	return rows
}

func finish(what string, rows uint64, d time.Duration) {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	centi := uint64(0) // M rows/s × 100, in integers: no floating point in this repository's Go code
	if ns := d.Nanoseconds(); ns > 0 {
		centi = rows * 1e5 / uint64(ns)
	}
	fmt.Printf("%s: %d rows in %s = %d.%02d M rows/s, peak memory %d MB\n",
		what, rows, d.Round(10*time.Millisecond), centi/100, centi%100, ru.Maxrss/1024)
}
