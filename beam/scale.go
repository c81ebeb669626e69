package csatbeam

import (
	"encoding/json"
	"sync"

	"github.com/csatkit/csat"
)

// A scale travels with a pipeline as its definition in JSON (csat.Scale
// marshals itself: name, full marks and levels), which csat.Scale's
// UnmarshalJSON rebuilds through csat.NewScale into an equal scale (same
// fingerprint) on the workers. Beam serialises a transform's exported
// fields, and a *csat.Scale has none, so transforms hold the definition.

// scaleDef returns the definition of s; "" for nil.
func scaleDef(s *csat.Scale) (string, error) {
	if s == nil {
		return "", nil
	}
	b, err := json.Marshal(s)
	return string(b), err
}

// mustScaleDef is scaleDef for the transforms' constructors: a scale's
// definition always marshals (its parts are strings, booleans and
// decimals), so an error here is a bug; it yields "", which the
// transforms reject as a missing scale.
func mustScaleDef(s *csat.Scale) string {
	d, err := scaleDef(s)
	if err != nil {
		return ""
	}
	return d
}

// scaleCache keeps the scales rebuilt from their definitions, so that a
// worker decoding many accumulators builds each scale once. A job uses
// one or a few scales; the cache stops growing at maxCachedScales.
var scaleCache sync.Map // definition → *csat.Scale

const maxCachedScales = 64

var cachedScales struct {
	sync.Mutex
	n int
}

// scaleFromJSON rebuilds a scale from its definition (csat.Scale's
// UnmarshalJSON): one csat.NewScale rejects is its error (wrapping
// csat.ErrInvalidScale), anything else malformed wraps csat.ErrCorrupt;
// "" is csat.ErrMissing.
func scaleFromJSON(data []byte) (*csat.Scale, error) {
	if len(data) == 0 {
		return nil, reasonf(csat.ErrMissing, "no scale")
	}
	if v, ok := scaleCache.Load(string(data)); ok {
		return v.(*csat.Scale), nil
	}
	sc := new(csat.Scale)
	if err := sc.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	cachedScales.Lock()
	if cachedScales.n < maxCachedScales {
		if _, loaded := scaleCache.LoadOrStore(string(data), sc); !loaded {
			cachedScales.n++
		}
	}
	cachedScales.Unlock()
	return sc, nil
}
