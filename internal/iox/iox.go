// Package iox holds the readers' small helpers shared by csat's modules.
package iox

import (
	"io"
	"reflect"
)

// IsNil reports whether r is nil, or an interface holding a nil pointer,
// map, slice, func or chan (a typed nil, which would panic on Read).
func IsNil(r io.Reader) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return v.IsNil()
	}
	return false
}
