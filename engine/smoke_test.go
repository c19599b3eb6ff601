package engine_test

import (
	"testing"

	"github.com/flexsim/flexsim/ticket"
)

const oneVsOne = `{
  "name": "duel", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
  "rules": [{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 50}]
}`

func TestSmokeOneVsOne(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 400, nil))
	h.start("c", player("pc", 130, nil))
	if got := h.status("a"); got != ticket.Queued {
		t.Fatalf("a is %s before the first tick", got)
	}
	h.advance(1)
	for id, want := range map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Searching, "c": ticket.Completed} {
		if got := h.status(id); got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
	if a, c := h.ticket("a"), h.ticket("c"); a.Players[0].Team == c.Players[0].Team || a.Players[0].Team == "" {
		t.Errorf("teams %q and %q", a.Players[0].Team, c.Players[0].Team)
	}
	h.advance(60)
	if got := h.status("b"); got != ticket.TimedOut {
		t.Errorf("b: %s after the timeout", got)
	}
	for i, ev := range h.e.Events() {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("event %d has Seq %d: events are numbered 1, 2, …", i, ev.Seq)
		}
	}
}
