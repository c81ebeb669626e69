// Shards: a survey counted by several goroutines (or machines), each on
// its own tables, encoded to bytes as if shipped over a network, decoded
// and merged. The merged result is the same, bit for bit, whatever the
// number of shards and the order of merging.
//
//	go run ./examples/shards
package main

import (
	"bytes"
	"fmt"
	"log"
	"math/rand/v2"
	"sync"

	"github.com/csatkit/csat"
)

var items = []string{"功能", "外观", "包装", "交货期", "服务质量"}

// answers makes a deterministic stream of n byte-coded answers per item.
func answers(n int) map[string][]byte {
	r := rand.New(rand.NewPCG(7, 11))
	out := map[string][]byte{}
	for _, it := range items {
		b := make([]byte, n)
		for i := range b {
			// skewed towards satisfied: levels 0..4 with weights 4,3,2,1,1
			b[i] = []byte{0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4}[r.IntN(11)]
		}
		out[it] = b
	}
	return out
}

// count splits the answers over k shards counted concurrently, encodes
// each shard's table, then decodes and merges them in reverse order.
func count(all map[string][]byte, k int) []byte {
	wire := make([][]byte, k)
	var wg sync.WaitGroup
	for s := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := csat.NewTable(csat.FivePoint())
			for _, it := range items {
				b := all[it]
				lo, hi := s*len(b)/k, (s+1)*len(b)/k
				if err := t.AddCodes(it, csat.SourceSurvey, b[lo:hi]); err != nil {
					log.Fatal(err)
				}
			}
			var err error
			if wire[s], err = t.MarshalBinary(); err != nil {
				log.Fatal(err)
			}
		}()
	}
	wg.Wait()
	merged := csat.NewTable(csat.FivePoint())
	for s := k - 1; s >= 0; s-- {
		part := csat.NewTable(csat.FivePoint())
		if err := part.UnmarshalBinary(wire[s]); err != nil {
			log.Fatal(err)
		}
		if err := merged.Merge(part); err != nil {
			log.Fatal(err)
		}
	}
	out, err := merged.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	return out
}

func main() {
	all := answers(1_000_000)
	one := count(all, 1)
	for _, k := range []int{2, 7, 16} {
		fmt.Printf("%2d shards: identical to one shard: %t\n", k, bytes.Equal(count(all, k), one))
	}
	t := csat.NewTable(csat.FivePoint())
	if err := t.UnmarshalBinary(one); err != nil {
		log.Fatal(err)
	}
	total, err := t.Total(csat.SourceSurvey)
	if err != nil {
		log.Fatal(err)
	}
	d, _ := csat.Degree{}.Score(total)
	r, _ := csat.Rate{}.Score(total)
	fmt.Println(d.Explain())
	fmt.Println(r.Explain())
}
