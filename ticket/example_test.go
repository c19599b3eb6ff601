package ticket_test

import (
	"fmt"

	"github.com/flexsim/flexsim/ticket"
)

func ExampleAttributeValue_Validate() {
	skill := ticket.Number(1200)
	modes := ticket.StringList("ranked", "casual", "ranked")
	fmt.Println(skill.Validate(), modes, modes.Type.WireName())
	fmt.Println(ticket.String("").Validate())
	// Output:
	// <nil> ["ranked" "casual"] SL
	// S must be 1 to 100 characters long, got 0
}

func ExampleStatus_Terminal() {
	for _, s := range ticket.Statuses {
		fmt.Println(s, s.Terminal())
	}
	// Output:
	// QUEUED false
	// SEARCHING false
	// REQUIRES_ACCEPTANCE false
	// PLACING false
	// COMPLETED true
	// FAILED true
	// CANCELLED true
	// TIMED_OUT true
}
