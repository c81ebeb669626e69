package mathx

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
)

// The sweep: the quantiles of the old implementation (old_test.go) on a
// broad grid, recorded once in testdata/old_quantiles.txt (the old code
// takes minutes for it), and compared with the new code in every run.
// Rerecord with CSAT_RECORD_OLD=1 go test -run TestRecordOld ./internal/mathx.

var (
	sweepP      = []string{"0.500001", "0.8", "0.9", "0.95", "0.975", "0.99", "0.995", "0.9995", "0.05", "0.025"}
	sweepPlaces = []int32{4, 16, 28, 32}
	// Non-integer degrees of freedom (Welch's): 24649/3206 and others.
	sweepRationalDF = []string{"0.5", "1.5", "2.5", "7.68839675608234560199625701809108", "13.37", "57.25", "199.999"}
	sweepLargeDF    = []string{"1000", "1000000", "1000000000", "1000000000000000000"}
	sweepNormP      = []string{"0.500001", "0.8", "0.9", "0.95", "0.975", "0.99", "0.995", "0.9995", "0.05", "0.025", "0.999999", "0.0000001"}
	sweepNormPlaces = []int32{4, 16, 20, 24, 28, 32}
)

func sweepDFs() []string {
	var dfs []string
	for i := 1; i <= 200; i++ {
		dfs = append(dfs, strconv.Itoa(i))
	}
	return append(append(dfs, sweepLargeDF...), sweepRationalDF...)
}

type sweepCase struct {
	fn, p, df string // fn "t" or "z"; df empty for z
	places    int32
}

func (c sweepCase) key() string { return fmt.Sprintf("%s %s %s %d", c.fn, c.p, c.df, c.places) }

func sweepCases() []sweepCase {
	var cs []sweepCase
	for _, df := range sweepDFs() {
		for _, p := range sweepP {
			for _, pl := range sweepPlaces {
				cs = append(cs, sweepCase{"t", p, df, pl})
			}
		}
	}
	for _, p := range sweepNormP {
		for _, pl := range sweepNormPlaces {
			cs = append(cs, sweepCase{"z", p, "-", pl})
		}
	}
	return cs
}

const oldFile = "testdata/old_quantiles.txt"

// TestRecordOld writes the old implementation's values on the grid.
func TestRecordOld(t *testing.T) {
	if os.Getenv("CSAT_RECORD_OLD") == "" {
		t.Skip("set CSAT_RECORD_OLD=1 to rerecord " + oldFile + " (minutes)")
	}
	cs := sweepCases()
	out := make([]string, len(cs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				c := cs[i]
				var v decimal.Decimal
				if c.fn == "t" {
					v = oldTQuantile(d(c.p), d(c.df), c.places)
				} else {
					v = oldNormQuantile(d(c.p), c.places)
				}
				out[i] = c.key() + " " + v.String()
			}
		})
	}
	for i := range cs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := os.WriteFile(filepath.FromSlash(oldFile), []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readOld returns the recorded old values by case key.
func readOld(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(oldFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 5 {
			t.Fatalf("bad line %q", sc.Text())
		}
		m[strings.Join(fs[:4], " ")] = fs[4]
	}
	return m
}
