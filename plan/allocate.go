package plan

import (
	"cmp"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/exact"
)

// Allocation selects how a sample is split over strata.
type Allocation uint8

const (
	// Proportional gives each stratum n·N_h/N (the zero value).
	Proportional Allocation = iota
	// Neyman gives each stratum n·N_h·S_h / Σ N_h·S_h (more forms where
	// satisfaction varies more).
	Neyman
)

// Allocate splits n forms over the strata. The exact shares are rounded
// by the largest-remainder method (floors first, then one more form to the
// largest remainders, ties by stratum name), so the parts sum to exactly
// n; no stratum gets more forms than its population (the excess goes to
// the others in proportion). n above the total population is
// [csat.ErrOutOfRange]; Neyman with all spreads zero falls back to
// proportional. Repeated or empty stratum names are [csat.ErrInvalid].
func Allocate(strata []Stratum, n int, method Allocation) (map[string]int, error) {
	if n < 0 {
		return nil, errorf(csat.ErrNegative, "allocate: %d forms", n)
	}
	if method > Neyman {
		return nil, errorf(csat.ErrInvalid, "allocate: method %d", method)
	}
	total, err := population(strata)
	if err != nil {
		return nil, err
	}
	if n > total {
		return nil, errorf(csat.ErrOutOfRange, "allocate: %d forms from a population of %d", n, total)
	}
	if method == Neyman && method.sum(strata).Sign() == 0 {
		method = Proportional
	}
	out := distribute(strata, n, method)
	for _, s := range strata {
		if _, ok := out[s.Name]; !ok {
			out[s.Name] = 0
		}
	}
	return out, nil
}

// population checks the strata (names non-empty and distinct, populations
// and spreads not negative) and returns their total population.
func population(strata []Stratum) (int, error) {
	total := 0
	seen := map[string]bool{}
	for _, s := range strata {
		if s.Name == "" || seen[s.Name] {
			return 0, errorf(csat.ErrInvalid, "allocate: stratum name %q empty or repeated", s.Name)
		}
		if s.Population < 0 || s.StdDev.IsNegative() {
			return 0, errorf(csat.ErrNegative, "allocate: stratum %q population %d, spread %s", s.Name, s.Population, s.StdDev)
		}
		seen[s.Name] = true
		if total > math.MaxInt-s.Population {
			return 0, errorf(csat.ErrOverflow, "allocate: the strata's populations add up past %d", math.MaxInt)
		}
		total += s.Population
	}
	return total, nil
}

// weight returns the stratum's share of the sample before normalising:
// N_h, or N_h·S_h for Neyman.
func (a Allocation) weight(s Stratum) *big.Rat {
	if a == Neyman {
		return exact.Mul(exact.Int(int64(s.Population)), s.StdDev.Rat())
	}
	return exact.Int(int64(s.Population))
}

// sum returns the sum of the strata's weights.
func (a Allocation) sum(strata []Stratum) *big.Rat {
	ws := new(big.Rat)
	for _, s := range strata {
		ws.Add(ws, a.weight(s))
	}
	return ws
}

// distribute shares n forms (at most the strata's total population) over
// the strata by their weights, capped at their populations: the strata
// whose share would exceed their population are filled, and what is left
// is shared among the others, until nothing is left.
func distribute(strata []Stratum, n int, method Allocation) map[string]int {
	out := make(map[string]int, len(strata))
	open := strata
	left := n
	for left > 0 && len(open) > 0 {
		ws := method.sum(open)
		if ws.Sign() == 0 { // only zero-weight strata left: spread by population
			method = Proportional
			continue
		}
		shares := largestRemainder(open, method, ws, left)
		var capped []Stratum
		over := false
		for _, s := range open {
			room := s.Population - out[s.Name]
			if shares[s.Name] >= room {
				if shares[s.Name] > room {
					over = true
				}
				shares[s.Name] = room
			} else {
				capped = append(capped, s)
			}
		}
		if !over {
			for _, s := range open {
				out[s.Name] += shares[s.Name]
				left -= shares[s.Name]
			}
			break
		}
		// Fill the strata that overflowed, then share the rest among the others.
		for _, s := range open {
			room := s.Population - out[s.Name]
			if shares[s.Name] == room {
				out[s.Name] += room
				left -= room
			}
		}
		open = capped
	}
	return out
}

// largestRemainder splits n by the strata's weights (summing to wsum):
// floors first, then one more to the largest remainders, ties by name.
func largestRemainder(strata []Stratum, method Allocation, wsum *big.Rat, n int) map[string]int {
	type rem struct {
		name string
		frac exact.Key
	}
	out := make(map[string]int, len(strata))
	var rems []rem
	var ks exact.Keys
	given := 0
	for _, s := range strata {
		q := exact.Quo(exact.Mul(exact.Int(int64(n)), method.weight(s)), wsum)
		f := new(big.Int).Quo(q.Num(), q.Denom())
		out[s.Name] = int(f.Int64())
		given += int(f.Int64())
		rems = append(rems, rem{s.Name, ks.OfRat(exact.Sub(q, new(big.Rat).SetInt(f)))})
	}
	var c exact.Comparer
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Or(c.Cmp(b.frac, a.frac), strings.Compare(a.name, b.name)) })
	for i := 0; given < n; i++ {
		out[rems[i%len(rems)].name]++
		given++
	}
	return out
}

var allocationTexts = [...]string{0: "proportional", 1: "neyman"}

// String returns the allocation's name: "proportional", "neyman".
func (a Allocation) String() string { return allocationEnum.String(a) }

// MarshalText encodes the allocation by its name ("proportional",
// "neyman"); an unknown value is an error wrapping [csat.ErrInvalid].
func (a Allocation) MarshalText() ([]byte, error) { return allocationEnum.MarshalText(a) }

// UnmarshalText decodes an allocation name; any other text is an error
// wrapping [csat.ErrInvalid].
func (a *Allocation) UnmarshalText(text []byte) error { return allocationEnum.UnmarshalText(text, a) }

// allocationEnum names the allocations (the one mechanism: internal/enum).
var allocationEnum = enum.New[Allocation]("Allocation", "allocation", csat.ErrInvalid, errorf, allocationTexts[:]...)
