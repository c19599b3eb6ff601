package ticket_test

import (
	"testing"

	"github.com/flexsim/flexsim/ticket"
)

func TestAttributeValueCloneSharesNothing(t *testing.T) {
	sl := ticket.StringList("a", "b")
	sdm := ticket.StringNumberMap(map[string]float64{"x": 1})
	csl, csdm := sl.Clone(), sdm.Clone()
	csl.SL[0] = "changed"
	csdm.SDM["x"] = 2
	if sl.SL[0] != "a" || sdm.SDM["x"] != 1 {
		t.Fatalf("clone shares storage: %v %v", sl, sdm)
	}
	if !sl.Equal(ticket.StringList("a", "b")) || !csl.Equal(ticket.StringList("changed", "b")) {
		t.Fatalf("clone lost values: %v", csl)
	}
}
