package csatbeam

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// A scale travels with a pipeline as its definition in JSON: name, full
// marks and levels, which csat.NewScale rebuilds into an equal scale (same
// fingerprint) on the workers. Beam serialises a transform's exported
// fields, and a *csat.Scale has none.

// scaleJSON is a scale's definition as JSON.
type scaleJSON struct {
	Name      string          `json:"name"`
	FullMarks decimal.Decimal `json:"full_marks"`
	Levels    []csat.Level    `json:"levels"`
}

// scaleDef returns the definition of s; "" for nil.
func scaleDef(s *csat.Scale) (string, error) {
	if s == nil {
		return "", nil
	}
	b, err := json.Marshal(scaleJSON{Name: s.Name(), FullMarks: s.FullMarks(), Levels: s.Levels()})
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

// scaleFromJSON rebuilds a scale from its definition; one csat.NewScale
// rejects is its error (wrapping csat.ErrInvalidScale), anything else
// malformed wraps csat.ErrCorrupt; "" is csat.ErrMissing.
func scaleFromJSON(data []byte) (*csat.Scale, error) {
	if len(data) == 0 {
		return nil, reasonf(csat.ErrMissing, "no scale")
	}
	if v, ok := scaleCache.Load(string(data)); ok {
		return v.(*csat.Scale), nil
	}
	var j scaleJSON
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&j); err != nil {
		return nil, reasonf(csat.ErrCorrupt, "scale definition: %v", err)
	}
	if d.More() {
		return nil, reasonf(csat.ErrCorrupt, "scale definition: trailing data")
	}
	sc, err := csat.NewScale(j.Name, j.FullMarks, j.Levels)
	if err != nil {
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
