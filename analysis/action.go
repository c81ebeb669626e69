package analysis

import (
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
)

// ActionKind says whether an action corrects a found problem or prevents
// one.
type ActionKind uint8

// Action kinds. The zero ActionKind is not a kind: an action must say.
const (
	Corrective ActionKind = iota + 1 // 纠正措施
	Preventive                       // 预防措施
)

var actionKindNames = [...]string{Corrective: "corrective", Preventive: "preventive"}

// String returns "corrective" or "preventive".
func (k ActionKind) String() string { return actionKindEnum.String(k) }

// MarshalText encodes the kind by its name; the zero or an unknown kind is
// an error wrapping [csat.ErrInvalid].
func (k ActionKind) MarshalText() ([]byte, error) { return actionKindEnum.MarshalText(k) }

// UnmarshalText decodes "corrective" or "preventive"; any other text is an
// error wrapping [csat.ErrInvalid].
func (k *ActionKind) UnmarshalText(text []byte) error { return actionKindEnum.UnmarshalText(text, k) }

// ActionStatus is how far an action has got.
type ActionStatus uint8

// Action statuses. The zero ActionStatus is not a status.
const (
	Planned ActionStatus = iota + 1
	InProgress
	Done
	Verified
)

var actionStatusNames = [...]string{Planned: "planned", InProgress: "in_progress", Done: "done", Verified: "verified"}

// String returns "planned", "in_progress", "done" or "verified".
func (s ActionStatus) String() string { return actionStatusEnum.String(s) }

// MarshalText encodes the status by its name; the zero or an unknown
// status is an error wrapping [csat.ErrInvalid].
func (s ActionStatus) MarshalText() ([]byte, error) { return actionStatusEnum.MarshalText(s) }

// UnmarshalText decodes a status name; any other text is an error
// wrapping [csat.ErrInvalid].
func (s *ActionStatus) UnmarshalText(text []byte) error {
	return actionStatusEnum.UnmarshalText(text, s)
}

// An Action is a corrective or preventive action attached to an item
// (METHOD.md §10): the cause found, what is done, who owns it, when it is
// due and how far it is.
type Action struct {
	Item   string       `json:"item"`
	Kind   ActionKind   `json:"kind"`
	Cause  string       `json:"cause"`
	Action string       `json:"action"`
	Owner  string       `json:"owner"`
	Due    time.Time    `json:"due"`
	Status ActionStatus `json:"status"`
}

// Validate checks an action: an item, an action text and an owner
// ([csat.ErrMissing]), a known kind and status ([csat.ErrInvalid]).
func (a Action) Validate() error {
	switch {
	case a.Item == "":
		return errorf(csat.ErrMissing, "action: no item")
	case a.Action == "":
		return errorf(csat.ErrMissing, "action for %q: no action text", a.Item)
	case a.Owner == "":
		return errorf(csat.ErrMissing, "action for %q: no owner", a.Item)
	case a.Kind < Corrective || a.Kind > Preventive:
		return errorf(csat.ErrInvalid, "action for %q: kind %d", a.Item, a.Kind)
	case a.Status < Planned || a.Status > Verified:
		return errorf(csat.ErrInvalid, "action for %q: status %d", a.Item, a.Status)
	}
	return nil
}

// The names of the enums of this file (the one mechanism: internal/enum).
var actionKindEnum = enum.New[ActionKind]("ActionKind", "action kind", csat.ErrInvalid, errorf, actionKindNames[:]...)
var actionStatusEnum = enum.New[ActionStatus]("ActionStatus", "action status", csat.ErrInvalid, errorf, actionStatusNames[:]...)
