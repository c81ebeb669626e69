package csat

import (
	"reflect"
	"testing"
)

func TestNilAndZeroReceivers(t *testing.T) {
	vals := []any{(*Scale)(nil), &Scale{}, (*Table)(nil), &Table{}, (*Tree)(nil), &Tree{}, Tally{}, &Tally{}, (*Blend)(nil), &Blend{}, Result{}, &ParseError{}, &CellError{}, Level{}, Band{}, Cell{}}
	for _, v := range vals {
		rv := reflect.ValueOf(v)
		for i := 0; i < rv.NumMethod(); i++ {
			m := rv.Method(i)
			name := rv.Type().Method(i).Name
			args := make([]reflect.Value, m.Type().NumIn())
			for j := range args {
				args[j] = reflect.Zero(m.Type().In(j))
			}
			if m.Type().IsVariadic() {
				continue
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%T.%s panics: %v", v, name, r)
					}
				}()
				m.Call(args)
			}()
		}
	}
}
