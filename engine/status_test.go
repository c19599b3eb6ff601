package engine_test

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// sameMode pairs two players of the same mode: a rule the search judges on
// every candidate pair, so that it both passes and fails.
const sameMode = `{
  "name": "samemode", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "mode", "type": "string", "default": "duel"}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
  "rules": [{"name": "SameMode", "type": "comparison", "measurements": ["flatten(teams[*].players.attributes[mode])"], "operation": "="}]
}`

func modePlayer(id, mode string) ticket.Player {
	return ticket.Player{PlayerID: id, Attributes: map[string]ticket.AttributeValue{"mode": ticket.String(mode)}}
}

// configStatus is the Status of the harness's configuration.
func (h *harness) configStatus() engine.ConfigurationStatus {
	h.t.Helper()
	for _, cs := range h.e.Status().Configurations {
		if cs.Name == h.cfg {
			return cs
		}
	}
	h.t.Fatalf("Status has no configuration %s", h.cfg)
	return engine.ConfigurationStatus{}
}

func TestStatusCountsTicketsAndTeams(t *testing.T) {
	h := newHarness(t, sameMode, nil)
	cs := h.configStatus()
	if len(cs.Tickets) != len(ticket.Statuses) || cs.MatchesFormed != 0 || cs.RecentMatches != nil {
		t.Fatalf("empty configuration: %+v", cs)
	}
	if cs.RuleSetName != "rules" || cs.FlexMatchMode != engine.ModeStandalone {
		t.Errorf("configuration fields %+v", cs)
	}
	h.start("a", modePlayer("pa", "ctf"))
	h.start("b", modePlayer("pb", "race"))
	h.start("c", modePlayer("pc", "ctf"))
	h.start("stopped", modePlayer("ps", "ctf"))
	if _, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: "stopped"}); err != nil {
		t.Fatal(err)
	}
	h.advance(1)
	h.start("late", modePlayer("pl", "ctf"))

	cs = h.configStatus()
	want := map[ticket.Status]int{ticket.Queued: 1, ticket.Searching: 1, ticket.Completed: 2, ticket.Cancelled: 1}
	for _, st := range ticket.Statuses {
		if got, ok := cs.Tickets[st]; !ok || got != want[st] {
			t.Errorf("Tickets[%s] = %d (present %v), want %d", st, got, ok, want[st])
		}
	}
	if cs.MatchesFormed != 1 || len(cs.RecentMatches) != 1 {
		t.Fatalf("%d matches formed, %d recent, want 1 and 1", cs.MatchesFormed, len(cs.RecentMatches))
	}
	m := cs.RecentMatches[0]
	if m.Status != string(ticket.Completed) || m.Backfill || m.GameSessionArn != "" || !m.Time.Equal(epoch.Add(1e9)) {
		t.Errorf("match %+v", m)
	}
	if len(m.Teams) != 2 || m.Teams[0].Name != "red" || m.Teams[1].Name != "blue" {
		t.Fatalf("teams %+v, want red then blue", m.Teams)
	}
	players := map[string]string{"pa": "a", "pc": "c"}
	for _, team := range m.Teams {
		if len(team.PlayerIDs) != 1 || len(team.TicketIDs) != 1 {
			t.Fatalf("team %+v, want one player and one ticket", team)
		}
		id := players[team.PlayerIDs[0]]
		if id == "" || team.TicketIDs[0] != id || h.teamOf(id, team.PlayerIDs[0]) != team.Name {
			t.Errorf("team %+v does not agree with DescribeMatchmaking", team)
		}
	}
	if len(cs.Rules) != 1 || cs.Rules[0].RuleName != "SameMode" || cs.Rules[0].PassedCount == 0 || cs.Rules[0].FailedCount == 0 {
		t.Errorf("rules %+v, want rule SameMode with passes (a with c) and failures (a with b)", cs.Rules)
	}
}

func TestStatusRuleCountsAccumulate(t *testing.T) {
	h := newHarness(t, sameMode, nil)
	h.start("a", modePlayer("pa", "ctf"))
	h.start("b", modePlayer("pb", "race"))
	h.advance(1)
	first := h.configStatus().Rules
	if len(first) != 1 || first[0].FailedCount == 0 {
		t.Fatalf("after one tick: %+v, want failures of rule SameMode", first)
	}
	h.advance(2)
	// the same pool searched three times over
	if got := h.configStatus().Rules[0]; got.PassedCount != 3*first[0].PassedCount || got.FailedCount != 3*first[0].FailedCount {
		t.Errorf("after three ticks: %+v, want three times %+v", got, first[0])
	}

	other := `{"name": "other", "ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "mode", "type": "string", "default": "duel"}],
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	  "rules": [{"name": "near", "type": "comparison", "measurements": ["flatten(teams[*].players.attributes[mode])"], "operation": "!="}]}`
	if _, err := h.e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "other", RuleSetBody: other}); err != nil {
		t.Fatal(err)
	}
	name := "other"
	if _, err := h.e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "cfg", RuleSetName: &name}); err != nil {
		t.Fatal(err)
	}
	if got := h.configStatus().Rules; len(got) != 1 || got[0] != (engine.RuleMetric{RuleName: "near"}) {
		t.Errorf("after the rule set changed: %+v, want rule near with no counts", got)
	}
}

func TestStatusRecentMatchesAreBoundedNewestFirst(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	const matches = engine.RecentMatchLimit + 5
	for i := range matches {
		h.start(fmt.Sprintf("t%d-a", i), player(fmt.Sprintf("p%d-a", i), 100, nil))
		h.start(fmt.Sprintf("t%d-b", i), player(fmt.Sprintf("p%d-b", i), 100, nil))
		h.advance(1)
	}
	var want []string
	for _, ev := range h.eventsOf(engine.EventPotentialMatchCreated) {
		want = append(want, ev.Detail.MatchID)
	}
	slices.Reverse(want)
	cs := h.configStatus()
	var got []string
	for i, m := range cs.RecentMatches {
		got = append(got, m.MatchID)
		if i > 0 && m.Time.After(cs.RecentMatches[i-1].Time) {
			t.Errorf("match %d is newer than match %d", i, i-1)
		}
	}
	if cs.MatchesFormed != matches || !slices.Equal(got, want[:engine.RecentMatchLimit]) {
		t.Errorf("%d formed, recent %v, want %d and %v", cs.MatchesFormed, got, matches, want[:engine.RecentMatchLimit])
	}
}

// TestStatusConcurrentUse reads Status while tickets arrive and the clock
// moves: run it under -race. Every ticket is counted once.
func TestStatusConcurrentUse(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	const workers, perWorker = 3, 40
	total := func(cs engine.ConfigurationStatus) int {
		n := 0
		for _, c := range cs.Tickets {
			n += c
		}
		return n
	}
	// the reader: tickets are never retired here, so the total only grows
	started, done, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		n, last := 0, 0
		for {
			cs := h.e.Status().Configurations[0]
			if got := total(cs); got < last || got > workers*perWorker {
				t.Errorf("read %d: %d tickets after %d", n, got, last)
			} else {
				last = got
			}
			if n++; n == 1 {
				close(started)
			}
			select {
			case <-done:
				close(finished)
				return
			default:
			}
		}
	}()
	<-started
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				id := fmt.Sprintf("w%d-%d", w, i)
				if _, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: "cfg",
					Players: []ticket.Player{player("p-"+id, float64(100*i), nil)}}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			h.clock.Advance(1e9)
		}
	})
	wg.Wait()
	close(done)
	<-finished
	if got := total(h.configStatus()); got != workers*perWorker {
		t.Errorf("Status counts %d tickets, want %d", got, workers*perWorker)
	}
}

// byMode batches players by mode: a ticket alone in its mode never matches,
// and the search spends nothing on it.
const byMode = `{
  "name": "bymode", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "mode", "type": "string"}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
  "rules": [{"name": "ModeBatch", "type": "batchDistance", "batchAttribute": "mode"}]
}`

// BenchmarkStatus reads Status of a configuration with a full ring of
// recent matches and a pool of n SEARCHING tickets: its cost should not
// grow with n.
func BenchmarkStatus(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		b.Run(fmt.Sprintf("pool=%d", n), func(b *testing.B) {
			h := newHarness(b, byMode, nil)
			for i := range engine.RecentMatchLimit + 5 {
				h.start(fmt.Sprintf("m%d-a", i), modePlayer(fmt.Sprintf("pm%d-a", i), fmt.Sprintf("pair-%d", i)))
				h.start(fmt.Sprintf("m%d-b", i), modePlayer(fmt.Sprintf("pm%d-b", i), fmt.Sprintf("pair-%d", i)))
			}
			for i := range n {
				h.start(fmt.Sprintf("s%d", i), modePlayer(fmt.Sprintf("ps%d", i), fmt.Sprintf("solo-%d", i)))
			}
			h.advance(1)
			if cs := h.configStatus(); cs.Tickets[ticket.Searching] != n || len(cs.RecentMatches) != engine.RecentMatchLimit {
				b.Fatalf("setup: %d searching, %d recent matches", cs.Tickets[ticket.Searching], len(cs.RecentMatches))
			}
			b.ReportAllocs()
			for b.Loop() {
				h.e.Status()
			}
		})
	}
}

// TestRuleCountsIncludeCandidatesTheIndexRulesOut: a distance rule on one
// number is searched through an index that never hands the anchor a ticket
// outside its window, yet each such ticket counts as one failure of the
// rule per search from the anchor, for the anchor and in Status, so that a
// ticket kept waiting by the rule shows why. (The passes are the anchor
// alone on each team.)
func TestRuleCountsIncludeCandidatesTheIndexRulesOut(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 400, nil))
	h.start("c", player("pc", 700, nil))
	h.advance(1)
	if got, want := h.configStatus().Rules, []engine.RuleMetric{{RuleName: "close", PassedCount: 6, FailedCount: 6}}; !slices.Equal(got, want) {
		t.Errorf("Status after one tick: %+v, want %+v (each of 3 anchors rules out 2)", got, want)
	}
	x, err := h.e.Explain(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Rules) != 1 || x.Rules[0].Failed != 2 {
		t.Errorf("Explain(a) rules %+v, want close failed twice", x.Rules)
	}
	h.advance(60)
	timedOut := h.eventsOf(engine.EventMatchmakingTimedOut)
	if len(timedOut) != 3 {
		t.Fatalf("%d MatchmakingTimedOut events, want 3", len(timedOut))
	}
	for _, ev := range timedOut {
		if m := ev.Detail.RuleEvaluationMetrics; len(m) != 1 || m[0].FailedCount < 2 || m[0].FailedCount%2 != 0 {
			t.Errorf("%s: rule metrics %+v, want close failing twice a tick", ev.Detail.Tickets[0].TicketID, m)
		}
	}
}

// TestRuleCountsIncludeRegionMismatches: the search skips a candidate that
// shares no region within the latency rule's limit with the anchor, or
// with the match so far, without evaluating the rule (regions are compared
// as bit masks); each such skip counts as a failure of the latency rule.
func TestRuleCountsIncludeRegionMismatches(t *testing.T) {
	const near = `"rules": [{"name": "Near", "type": "latency", "maxLatency": 100}]`
	latency := func(us, eu int) map[string]int { return map[string]int{"us-east-1": us, "eu-west-1": eu} }
	tests := []struct {
		name    string
		teams   string
		players map[string]map[string]int // ticket ID → latencies
		failing []string                  // tickets whose Explain must show Near failing
	}{
		{"with the anchor: a and b share no region under 100 ms",
			`[{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}]`,
			map[string]map[string]int{"a": latency(40, 150), "b": latency(180, 30)}, []string{"a", "b"}},
		{"with the match so far: b and c each share one with a, not with each other",
			`[{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 2, "maxPlayers": 2}]`,
			map[string]map[string]int{"a": latency(40, 40), "b": latency(40, 150), "c": latency(150, 40)}, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, `{"name": "near", "ruleLanguageVersion": "1.0", "teams": `+tt.teams+`, `+near+`}`, nil)
			for _, id := range slices.Sorted(maps.Keys(tt.players)) {
				h.start(id, ticket.Player{PlayerID: "p" + id, LatencyInMs: tt.players[id]})
			}
			h.advance(1)
			if got := h.configStatus().Rules; len(got) != 1 || got[0].FailedCount == 0 {
				t.Errorf("Status after one tick: %+v, want Near failing", got)
			}
			for _, id := range tt.failing {
				x, err := h.e.Explain(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if len(x.Rules) != 1 || x.Rules[0].Failed == 0 {
					t.Errorf("Explain(%s) rules %+v, want Near failing", id, x.Rules)
				}
			}
		})
	}
}
