package engine_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// ruledOutCase is a pool searched for one tick, and the failures of the
// rule set's one rule that Status and Explain must show after it.
type ruledOutCase struct {
	name    string
	body    string
	tickets [][]ticket.Player // ticket i is "t<i+1>", oldest first
	failed  []int             // Explain's failures of the rule, by ticket
}

// run starts the tickets, runs one tick and checks the rule's failures in
// Status (their sum) and in Explain (by ticket).
func (tc ruledOutCase) run(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, tc.body, nil)
	ids := make([]string, len(tc.tickets))
	for i, players := range tc.tickets {
		ids[i] = fmt.Sprintf("t%d", i+1)
		h.start(ids[i], players...)
	}
	h.advance(1)
	total := 0
	for i, id := range ids {
		x, err := h.e.Explain(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Rules) != 1 || x.Rules[0].Failed != tc.failed[i] {
			t.Errorf("Explain(%s) rules %+v, want %d failures", id, x.Rules, tc.failed[i])
		}
		total += tc.failed[i]
	}
	if got := h.configStatus().Rules; len(got) != 1 || got[0].FailedCount != total {
		t.Errorf("Status rules %+v, want %d failures (%v by ticket)", got, total, tc.failed)
	}
	return h
}

// largeBody is a large (42-player) balanced rule set with one rule.
func largeBody(rule string) string {
	return `{"name": "large", "ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	  "algorithm": {"strategy": "balanced", "balancedAttribute": "skill", "batchingPreference": "largestPopulation"},
	  "teams": [{"name": "red", "minPlayers": 21, "maxPlayers": 21}, {"name": "blue", "minPlayers": 21, "maxPlayers": 21}],
	  "rules": [` + rule + `]}`
}

// near is a latency rule of 100 ms.
const near = `{"name": "Near", "type": "latency", "maxLatency": 100}`

// latencies gives a player latencies to us-east-1 and eu-west-1.
func latencies(id string, us, eu int) ticket.Player {
	return ticket.Player{PlayerID: id, LatencyInMs: map[string]int{"us-east-1": us, "eu-west-1": eu}}
}

// TestRuleCountsOfLargeMatches: the large search walks from each anchor to
// its neighbours by value. The tickets beyond the point where the distance
// rule's spread stops it on a side, those it passes over for sharing no
// region with the tickets taken, and those with no acceptable region at
// all are kept out without the rule being evaluated; each counts as one
// failure of the rule for the anchor, and a ticket with no region counts
// the candidates a search from it would have (three near tickets, too few
// to match, and one ticket the rule keeps away).
func TestRuleCountsOfLargeMatches(t *testing.T) {
	skills := func(values ...float64) [][]ticket.Player {
		var out [][]ticket.Player
		for i, v := range values {
			out = append(out, []ticket.Player{player(fmt.Sprintf("p%d", i+1), v, nil)})
		}
		return out
	}
	regions := func(far ticket.Player) [][]ticket.Player {
		return [][]ticket.Player{{latencies("p1", 40, 150)}, {far}, {latencies("p3", 30, 150)}, {latencies("p4", 50, 150)}}
	}
	for _, tc := range []ruledOutCase{
		{"batchDistance: one ticket far above the others",
			largeBody(`{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 100}`),
			skills(1000, 1010, 5000, 1020), []int{1, 1, 3, 1}},
		{"batchDistance: one ticket far below the others",
			largeBody(`{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 100}`),
			skills(1010, -5000, 1000, 1020), []int{1, 3, 1, 1}},
		{"latency: one ticket shares no region with the others",
			largeBody(near), regions(latencies("p2", 200, 40)), []int{1, 3, 1, 1}},
		{"latency: one ticket has no acceptable region",
			largeBody(near), regions(latencies("p2", 200, 200)), []int{1, 3, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.run(t)
			if got := h.configStatus().Rules[0].PassedCount; got != 0 {
				t.Errorf("%d passes, want none (no match was complete enough to check)", got)
			}
		})
	}
}

// TestLargeRuleCountsLeaveMatchedTicketsOut: the tickets beyond where the
// spread stops a walk are counted by their positions in value order, less
// the tickets matched earlier in the tick: 42 tickets at 150 match first,
// and the three left, at 100, 500 and 1000, are too far apart to meet.
func TestLargeRuleCountsLeaveMatchedTicketsOut(t *testing.T) {
	h := newHarness(t, largeBody(`{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 100}`), nil)
	for i := range 42 {
		h.start(fmt.Sprintf("m%02d", i), player(fmt.Sprintf("pm%02d", i), 150, nil))
	}
	left := map[string]float64{"n1": 100, "n2": 500, "n3": 1000}
	for _, id := range []string{"n1", "n2", "n3"} {
		h.start(id, player("p"+id, left[id], nil))
	}
	h.advance(1)
	if got := h.status("m00"); got != ticket.Completed {
		t.Fatalf("m00: %s, want COMPLETED", got)
	}
	for _, id := range []string{"n1", "n2", "n3"} {
		x, err := h.e.Explain(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if x.Status != ticket.Searching || x.Rules[0].Failed != 2 {
			t.Errorf("Explain(%s): %s, rules %+v; want SEARCHING, 2 failures (the other two)", id, x.Status, x.Rules)
		}
	}
}

// TestLargeMatchCountsOnlyItsEvaluations: a ticket the large search passes
// over for sharing no region counts against the anchor, not in the
// ruleEvaluationMetrics of the match the anchor forms without it.
func TestLargeMatchCountsOnlyItsEvaluations(t *testing.T) {
	h := newHarness(t, largeBody(near), nil)
	h.start("a-eu", latencies("eu", 200, 40)) // oldest: anchors first, alone
	for i := range 42 {
		h.start(fmt.Sprintf("us-%02d", i), latencies(fmt.Sprintf("us%02d", i), 40, 200))
	}
	h.advance(1)
	pmc := h.eventsOf(engine.EventPotentialMatchCreated)
	if len(pmc) != 1 || slices.Contains(eventTicketIDs(pmc[0]), "a-eu") {
		t.Fatalf("%d matches, want one of the 42 us tickets", len(pmc))
	}
	if got, want := pmc[0].Detail.RuleEvaluationMetrics, []engine.RuleMetric{{RuleName: "Near", PassedCount: 1}}; !slices.Equal(got, want) {
		t.Errorf("match metrics %+v, want %+v (its final check only)", got, want)
	}
	x, err := h.e.Explain(ctx, "a-eu")
	if err != nil {
		t.Fatal(err)
	}
	if x.Rules[0].Failed != 42 {
		t.Errorf("Explain(a-eu) rules %+v, want 42 failures (one per us ticket)", x.Rules)
	}
	// the match's anchor passed over a-eu once
	if got := h.configStatus().Rules; !slices.Equal(got, []engine.RuleMetric{{RuleName: "Near", PassedCount: 1, FailedCount: 43}}) {
		t.Errorf("Status rules %+v, want 1 pass and 43 failures", got)
	}
}

// TestRuleCountsOfTicketsNoSearchReaches: the small search never looks at
// a ticket with no region within the latency rule's loosest limit, nor
// across the partitions of a string batchDistance rule; each ticket so
// kept out counts as a failure of the rule for every anchor, and the
// ticket itself, never searched from, counts every candidate a search
// from it would have had.
func TestRuleCountsOfTicketsNoSearchReaches(t *testing.T) {
	duel := `[{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}]`
	pairs := `[{"name": "red", "minPlayers": 1, "maxPlayers": 2}, {"name": "blue", "minPlayers": 1, "maxPlayers": 2}]`
	small := func(teams, attributes, rule string) string {
		return `{"name": "small", "ruleLanguageVersion": "1.0", "playerAttributes": [` + attributes + `],
		  "teams": ` + teams + `, "rules": [` + rule + `]}`
	}
	mode := `{"name": "mode", "type": "string"}`
	modeBatch := `{"name": "ModeBatch", "type": "batchDistance", "batchAttribute": "mode"}`
	for _, tc := range []ruledOutCase{
		// t1 counts t2 and t3; t2, matched with t3, counts t1
		{"latency: the oldest ticket has no acceptable region", small(duel, "", near),
			[][]ticket.Player{{latencies("p1", 200, 300)}, {latencies("p2", 40, 150)}, {latencies("p3", 60, 150)}}, []int{2, 1, 0}},
		// t1 counts t2 and t3; t2, matched with t3, counts t1
		{"string batchDistance: the oldest ticket alone in its mode", small(duel, mode, modeBatch),
			[][]ticket.Player{{modePlayer("p1", "ctf")}, {modePlayer("p2", "race")}, {modePlayer("p3", "race")}}, []int{2, 1, 0}},
		// t1's players disagree: it counts t2 and t3; t2, matched with t3, counts t1
		{"string batchDistance: a party whose players disagree", small(pairs, mode, modeBatch),
			[][]ticket.Player{{modePlayer("p1a", "ctf"), modePlayer("p1b", "race")}, {modePlayer("p2", "ctf")}, {modePlayer("p3", "ctf")}}, []int{2, 1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.run(t)
			if got := h.status("t2"); got != ticket.Completed {
				t.Errorf("t2: %s, want COMPLETED", got)
			}
			if got := h.status("t1"); got != ticket.Searching {
				t.Errorf("t1: %s, want SEARCHING", got)
			}
		})
	}
}

// TestRuleCountsOfStringBatchRulesEach: with two string batchDistance
// rules, a candidate of another partition counts against the first rule
// on whose value it differs from the anchor. t2 matches t4; t1 sees t3 of
// another mode and t2, t4 of another map; t2 sees t3 and t1; t3, after the
// match, sees t1 of another mode.
func TestRuleCountsOfStringBatchRulesEach(t *testing.T) {
	const body = `{"name": "modes", "ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "mode", "type": "string"}, {"name": "map", "type": "string"}],
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	  "rules": [{"name": "SameMode", "type": "batchDistance", "batchAttribute": "mode"},
	            {"name": "SameMap", "type": "batchDistance", "batchAttribute": "map"}]}`
	h := newHarness(t, body, nil)
	play := func(id, mode, m string) ticket.Player {
		return ticket.Player{PlayerID: id, Attributes: map[string]ticket.AttributeValue{"mode": ticket.String(mode), "map": ticket.String(m)}}
	}
	h.start("t1", play("p1", "ctf", "a"))
	h.start("t2", play("p2", "ctf", "b"))
	h.start("t3", play("p3", "race", "a"))
	h.start("t4", play("p4", "ctf", "b"))
	h.advance(1)
	want := map[string][2]int{"t1": {1, 2}, "t2": {1, 1}, "t3": {1, 0}, "t4": {0, 0}}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		x, err := h.e.Explain(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Rules) != 2 || x.Rules[0].Failed != want[id][0] || x.Rules[1].Failed != want[id][1] {
			t.Errorf("Explain(%s) rules %+v, want SameMode and SameMap failing %v times", id, x.Rules, want[id])
		}
	}
	if got := h.configStatus().Rules; len(got) != 2 || got[0].FailedCount != 3 || got[1].FailedCount != 3 {
		t.Errorf("Status rules %+v, want 3 failures each", got)
	}
}
