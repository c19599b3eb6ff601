package engine_test

import (
	"slices"
	"testing"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// TestCallsDuringSearch acts while a tick's search runs (the engine's lock
// released): a new request is admitted and describable at once, and a
// ticket of a match the search just formed is stopped, which drops that
// match: its other ticket stays SEARCHING and matches the newcomer on the
// next tick.
func TestCallsDuringSearch(t *testing.T) {
	tests := []struct {
		name string
		// during runs inside the first search; it returns the ticket that
		// should be left SEARCHING after the first tick.
		during func(h *harness) string
	}{
		{"StopMatchmaking", func(h *harness) string {
			if _, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: "b"}); err != nil {
				h.t.Fatalf("StopMatchmaking during the search: %v", err)
			}
			return "a"
		}},
		{"a new request of a searching player", func(h *harness) string {
			h.start("b2", player("pb", 105, nil)) // replaces b
			return "a"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, nil)
			h.start("a", player("pa", 100, nil))
			h.start("b", player("pb", 110, nil))
			var left string
			searches := 0
			engine.SetSearchedHook(h.e, func() {
				searches++
				if searches > 1 {
					return
				}
				h.start("c", player("pc", 120, nil))
				if got := h.status("c"); got != ticket.Queued {
					t.Errorf("c started during the search is %s, want QUEUED", got)
				}
				if got := h.status("a"); got != ticket.Searching {
					t.Errorf("a during the search is %s, want SEARCHING", got)
				}
				left = tt.during(h)
				if got := h.status("b"); got != ticket.Cancelled {
					t.Errorf("b stopped during the search is %s, want CANCELLED", got)
				}
			})
			h.advance(1)
			if got := h.status(left); got != ticket.Searching {
				t.Fatalf("%s after the tick is %s, want SEARCHING (its match lost b)", left, got)
			}
			types := h.eventTypes()
			if i := slices.Index(types, engine.EventMatchmakingCancelled); i < 0 || slices.Contains(types, engine.EventPotentialMatchCreated) {
				t.Fatalf("events after the first tick: %v, want b cancelled and no match", types)
			}
			h.advance(1)
			if got, want := h.ticket(left).Status, ticket.Completed; got != want {
				t.Errorf("%s after the second tick is %s, want %s", left, got, want)
			}
		})
	}
}
