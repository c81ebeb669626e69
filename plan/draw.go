package plan

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/csatkit/csat"
)

// Draw picks n respondents from a customer list, deterministically from
// seed: each id is ranked by SHA-256(seed ‖ id) and the n lowest are
// taken, returned in list order. The same list (in any order) and seed
// always give the same respondents, without repeats, on any machine and
// Go version. Repeated or empty ids are [csat.ErrInvalid]; n above the
// list length [csat.ErrOutOfRange].
func Draw(customers []string, n int, seed uint64) ([]string, error) {
	if n < 0 || n > len(customers) {
		return nil, errorf(csat.ErrOutOfRange, "draw: %d of %d customers", n, len(customers))
	}
	type ranked struct {
		id  string
		key [32]byte
	}
	seen := make(map[string]bool, len(customers))
	rs := make([]ranked, 0, len(customers))
	var sb [8]byte
	binary.BigEndian.PutUint64(sb[:], seed)
	for _, id := range customers {
		if id == "" || seen[id] {
			return nil, errorf(csat.ErrInvalid, "draw: customer id %q empty or repeated", id)
		}
		seen[id] = true
		rs = append(rs, ranked{id, sha256.Sum256(append(sb[:], id...))})
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(strings.Compare(string(a.key[:]), string(b.key[:])), strings.Compare(a.id, b.id))
	})
	picked := make(map[string]bool, n)
	for _, r := range rs[:n] {
		picked[r.id] = true
	}
	out := make([]string, 0, n)
	for _, id := range customers {
		if picked[id] {
			out = append(out, id)
		}
	}
	return out, nil
}
