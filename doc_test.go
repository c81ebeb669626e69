package csat

import (
	"testing"

	"github.com/csatkit/csat/internal/apitest"
)

// TestDocComments fails for any exported name of the package without a
// doc comment (internal/apitest).
func TestDocComments(t *testing.T) { apitest.DocComments(t, ".") }
