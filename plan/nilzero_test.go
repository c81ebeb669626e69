package plan

import (
	"testing"

	"github.com/csatkit/csat/internal/apitest"
)

// zeroTypes holds a zero value of every exported type (and, through
// reflection, a nil pointer to it); zeroFuncs every exported function.
// TestNilAndZeroValues calls every exported method on zero values and nil
// pointers, and every exported function, with zero arguments: each must
// work or return an error, never panic. TestNilAndZeroComplete checks
// that nothing exported is missing from the lists.
var zeroTypes = []any{
	Allocation(0), CustomerCount(0), Margin(0), Method(0), Plan{}, Relationship(0), Rules{}, SampleSize{},
	SampleSizeOptions{}, ScheduleEntry{}, ScheduleOptions{}, Stratum{},
}

// zeroInterfaces lists the package's interfaces (none), to be complete.
var zeroInterfaces = []string{}

var zeroFuncs = map[string]any{
	"Allocate": Allocate, "Cochran": Cochran, "Draw": Draw, "RecommendRelationship": RecommendRelationship,
	"Schedule": Schedule,
}

func TestNilAndZeroValues(t *testing.T) { apitest.NilAndZero(t, zeroTypes, zeroFuncs) }

func TestNilAndZeroComplete(t *testing.T) {
	apitest.Complete(t, ".", zeroTypes, zeroInterfaces, zeroFuncs)
}
