package engine_test

// Scenarios from the spec's matchmaking process (section 5) and the
// questions users ask (section 13).

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// match is one potential match as its PotentialMatchCreated event shows it.
type match struct {
	id      string
	tickets []string
	teamOf  map[string]string // player -> team
}

// matches lists the potential matches formed so far.
func (h *harness) matches() []match {
	var out []match
	for _, ev := range h.eventsOf(engine.EventPotentialMatchCreated) {
		m := match{id: ev.Detail.MatchID, teamOf: map[string]string{}}
		for _, et := range ev.Detail.Tickets {
			m.tickets = append(m.tickets, et.TicketID)
			for _, p := range et.Players {
				m.teamOf[p.PlayerID] = p.Team
			}
		}
		out = append(out, m)
	}
	return out
}

// teamSizes counts a match's players per team.
func (m match) teamSizes() map[string]int {
	out := map[string]int{}
	for _, team := range m.teamOf {
		out[team]++
	}
	return out
}

// sortedTickets is a match's ticket IDs in order, for comparisons.
func (m match) sortedTickets() string {
	ids := slices.Clone(m.tickets)
	slices.Sort(ids)
	return strings.Join(ids, ",")
}

// teamsBody is a rule set of the given teams (JSON objects) and rules.
func teamsBody(teams, rules string) string {
	return `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}, {"name": "mode", "type": "string", "default": "any"}],
	  "teams": [` + teams + `], "rules": [` + rules + `]}`
}

func TestPartyKeptOnOneTeam(t *testing.T) {
	body := teamsBody(`{"name": "red", "minPlayers": 3, "maxPlayers": 3}, {"name": "blue", "minPlayers": 3, "maxPlayers": 3}`, "")
	tests := []struct {
		name  string
		sizes []int // ticket sizes, in age order
		none  bool
	}{
		{name: "party of 2 and 4 solos", sizes: []int{1, 2, 1, 1, 1}},
		{name: "party of 3 and 3 solos", sizes: []int{1, 1, 3, 1}},
		{name: "parties of 2 and 3 and a solo", sizes: []int{2, 3, 1}},
		{name: "two parties of 2 and two solos", sizes: []int{2, 1, 2, 1}},
		// Six players, but no way to make two teams of 3 from parties of 2.
		{name: "three parties of 2 never match", sizes: []int{2, 2, 2}, none: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, body, nil)
			for i, n := range tc.sizes {
				h.start(fmt.Sprint("t", i), party(fmt.Sprint("t", i), n, 10)...)
			}
			h.advance(1)
			ms := h.matches()
			if tc.none {
				if len(ms) != 0 {
					t.Errorf("matches %+v", ms)
				}
				return
			}
			if len(ms) != 1 {
				t.Fatalf("%d matches", len(ms))
			}
			if sizes := ms[0].teamSizes(); sizes["red"] != 3 || sizes["blue"] != 3 {
				t.Errorf("team sizes %v", sizes)
			}
			for i, n := range tc.sizes {
				id := fmt.Sprint("t", i)
				tk := h.ticket(id)
				if tk.Status != ticket.Completed {
					t.Errorf("%s: %s", id, tk.Status)
				}
				for _, p := range tk.Players {
					if p.Team != tk.Players[0].Team || p.Team == "" {
						t.Errorf("party %s (%d players) split: %s on %q, %s on %q", id, n, tk.Players[0].PlayerID, tk.Players[0].Team, p.PlayerID, p.Team)
					}
				}
			}
		})
	}
}

func TestPartyLargerThanEveryTeam(t *testing.T) {
	body := teamsBody(`{"name": "red", "minPlayers": 7, "maxPlayers": 7}, {"name": "blue", "minPlayers": 7, "maxPlayers": 7}`, "")
	h := newHarness(t, body, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 10 })
	// Fourteen players cannot even be one ticket.
	wantCode(t, h.startErr("fourteen", party("big", 14, 10)...), engine.CodeInvalidRequest)
	// Eight players are one too many for a team of 7.
	h.start("eight", party("eight", 8, 10)...)
	for i := 0; i < 14; i++ {
		h.start(fmt.Sprintf("solo%02d", i), player(fmt.Sprint("s", i), 10, nil))
	}
	h.advance(1)
	if got := h.status("eight"); got != ticket.Searching {
		t.Errorf("the party of 8: %s", got)
	}
	ms := h.matches()
	if len(ms) != 1 || len(ms[0].tickets) != 14 || slices.Contains(ms[0].tickets, "eight") {
		t.Fatalf("matches %+v", ms)
	}
	// More solos arrive: still no match for the party.
	for i := 14; i < 20; i++ {
		h.start(fmt.Sprintf("solo%02d", i), player(fmt.Sprint("s", i), 10, nil))
	}
	h.advance(9)
	if got := h.status("eight"); got != ticket.TimedOut {
		t.Errorf("the party of 8 at its timeout: %s", got)
	}
	// A party of 7 fills one team.
	h.start("seven", party("seven", 7, 10)...)
	for i := 0; i < 7; i++ {
		h.start(fmt.Sprint("late", i), player(fmt.Sprint("l", i), 10, nil))
	}
	h.advance(1)
	if got := h.status("seven"); got != ticket.Completed {
		t.Errorf("the party of 7: %s", got)
	}
}

func TestEqualTeamSizesRule(t *testing.T) {
	const equal = `{"name": "EqualTeamSizes", "type": "comparison", "measurements": ["count(teams[red].players)"], "referenceValue": "count(teams[blue].players)", "operation": "="}`
	teams := `{"name": "red", "minPlayers": 1, "maxPlayers": 2}, {"name": "blue", "minPlayers": 1, "maxPlayers": 2}`
	tests := []struct {
		name      string
		rule      string
		sizes     []int
		wantSizes map[string]int // team sizes of the one match
		searching int            // tickets left searching
	}{
		{name: "4 solos form a 2v2", rule: equal, sizes: []int{1, 1, 1, 1}, wantSizes: map[string]int{"red": 2, "blue": 2}},
		{name: "3 solos form a 1v1", rule: equal, sizes: []int{1, 1, 1}, wantSizes: map[string]int{"red": 1, "blue": 1}, searching: 1},
		{name: "3 solos without the rule form a 2v1", sizes: []int{1, 1, 1}, wantSizes: map[string]int{"red": 2, "blue": 1}},
		// Section 13.1: AWS users saw a 2-player party and two solos not
		// form a 2v2 under this rule. flexsim checks rules that later tickets
		// could repair (such as this one) only on the complete match, so it
		// forms the 2v2.
		{name: "party of 2 and 2 solos form a 2v2", rule: equal, sizes: []int{2, 1, 1}, wantSizes: map[string]int{"red": 2, "blue": 2}},
		{name: "2 solos and a party of 2 form a 2v2", rule: equal, sizes: []int{1, 1, 2}, wantSizes: map[string]int{"red": 2, "blue": 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, teamsBody(teams, tc.rule), nil)
			for i, n := range tc.sizes {
				h.start(fmt.Sprint("t", i), party(fmt.Sprint("t", i), n, 10)...)
			}
			h.advance(1)
			ms := h.matches()
			if len(ms) != 1 {
				t.Fatalf("%d matches", len(ms))
			}
			if got := ms[0].teamSizes(); got["red"] != tc.wantSizes["red"] || got["blue"] != tc.wantSizes["blue"] {
				t.Errorf("team sizes %v, want %v", got, tc.wantSizes)
			}
			searching := 0
			for i := range tc.sizes {
				if h.status(fmt.Sprint("t", i)) == ticket.Searching {
					searching++
				}
			}
			if searching != tc.searching {
				t.Errorf("%d tickets searching, want %d", searching, tc.searching)
			}
		})
	}
}

func TestSingleTicketFillsTheMatch(t *testing.T) {
	tests := []struct {
		name  string
		teams string
		size  int
		want  ticket.Status
	}{
		{name: "one player, one seat", teams: `{"name": "solo", "minPlayers": 1, "maxPlayers": 1}`, size: 1, want: ticket.Completed},
		{name: "a full team of 4", teams: `{"name": "squad", "minPlayers": 4, "maxPlayers": 4}`, size: 4, want: ticket.Completed},
		{name: "a full team of 10", teams: `{"name": "squad", "minPlayers": 10, "maxPlayers": 10}`, size: 10, want: ticket.Completed},
		{name: "3 of 4", teams: `{"name": "squad", "minPlayers": 4, "maxPlayers": 4}`, size: 3, want: ticket.Searching},
		{name: "a team of 4 for two teams", teams: `{"name": "a", "minPlayers": 4, "maxPlayers": 4}, {"name": "b", "minPlayers": 4, "maxPlayers": 4}`, size: 4, want: ticket.Searching},
		// Complete but not full: a partial match, which waits (below).
		{name: "minPlayers 0 on the other team", teams: `{"name": "a", "minPlayers": 4, "maxPlayers": 4}, {"name": "b", "minPlayers": 0, "maxPlayers": 4}`, size: 4, want: ticket.Searching},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Partial matches wait an hour: a match on the first tick is full.
			h := newHarness(t, teamsBody(tc.teams, ""), nil, engine.WithPartialMatchDelay(time.Hour))
			h.start("only", party("p", tc.size, 10)...)
			h.advance(1)
			if got := h.status("only"); got != tc.want {
				t.Errorf("after the first tick: %s, want %s", got, tc.want)
			}
		})
	}
}

func TestMinPlayersZeroTeamWaitsForPartialDelay(t *testing.T) {
	body := teamsBody(`{"name": "a", "minPlayers": 4, "maxPlayers": 4}, {"name": "b", "minPlayers": 0, "maxPlayers": 4}`, "")
	h := newHarness(t, body, nil, engine.WithPartialMatchDelay(2*time.Second))
	h.start("only", party("p", 4, 10)...)
	h.advance(1)
	if got := h.status("only"); got != ticket.Searching {
		t.Errorf("t=1: %s (team b could still fill)", got)
	}
	h.advance(1)
	if got := h.ticket("only"); got.Status != ticket.Completed || got.Players[0].Team != "a" {
		t.Errorf("t=2: %s on %q", got.Status, got.Players[0].Team)
	}
}

func TestLatencyRule(t *testing.T) {
	body := teamsBody(`{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}`,
		`{"name": "ping", "type": "latency", "maxLatency": 150}`)
	east := map[string]int{"us-east-1": 40}
	tests := []struct {
		name   string
		a, b   map[string]int
		match  bool
		region string
	}{
		{name: "shared region", a: east, b: map[string]int{"us-east-1": 100, "eu-west-1": 20}, match: true, region: "us-east-1"},
		{name: "best of two regions", a: map[string]int{"us-east-1": 100, "us-west-2": 30}, b: map[string]int{"us-east-1": 20, "us-west-2": 50}, match: true, region: "us-west-2"},
		{name: "no latency on one ticket", a: east, b: nil, match: false},
		{name: "no latency at all", a: nil, b: nil, match: false},
		{name: "no common region", a: east, b: map[string]int{"eu-west-1": 20}, match: false},
		{name: "over maxLatency", a: east, b: map[string]int{"us-east-1": 151}, match: false},
		{name: "at maxLatency", a: east, b: map[string]int{"us-east-1": 150}, match: true, region: "us-east-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, body, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 5 })
			h.start("a", player("pa", 10, tc.a))
			h.start("b", player("pb", 10, tc.b))
			h.advance(1)
			if !tc.match {
				h.wantStatuses("t=1", map[string]ticket.Status{"a": ticket.Searching, "b": ticket.Searching})
				h.advance(4)
				h.wantStatuses("timeout", map[string]ticket.Status{"a": ticket.TimedOut, "b": ticket.TimedOut})
				return
			}
			h.wantStatuses("t=1", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
			succ := h.eventsOf(engine.EventMatchmakingSucceeded)[0]
			if got := succ.Detail.GameSessionInfo.RecommendedRegion; got != tc.region {
				t.Errorf("x-recommendedRegion %q, want %q", got, tc.region)
			}
			if keys := jsonKeys(t, succ, "detail", "gameSessionInfo"); keys["x-recommendedRegion"] != tc.region {
				t.Errorf("JSON gameSessionInfo %v", keys)
			}
		})
	}
}

func TestExpansionTiming(t *testing.T) {
	// A 1v1 whose distance limit grows from 10 to 100 after 5 s.
	body := teamsBody(`{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}`,
		`{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 10}],
		"expansions": [{"target": "rules[close].maxDistance", "steps": [{"waitTimeSeconds": 5, "value": 100}]}`)
	tests := []struct {
		name   string
		bStart int // when b starts; a starts at 0
		gap    float64
		want   int // tick at which they match; 0 = never within 20 s
	}{
		{name: "50 apart, same start", gap: 50, want: 5},
		{name: "50 apart, b 2 s younger", bStart: 2, gap: 50, want: 5},
		{name: "5 apart match at once", gap: 5, want: 1},
		{name: "10 apart match at once", gap: 10, want: 1},
		{name: "101 apart never", gap: 101, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, body, nil)
			h.start("a", player("pa", 0, nil))
			h.advance(tc.bStart)
			h.start("b", player("pb", tc.gap, nil))
			for now := tc.bStart + 1; now <= 20; now++ {
				h.clock.Set(epoch.Add(time.Duration(now) * time.Second))
				done := h.status("a") == ticket.Completed
				if done != (tc.want != 0 && now >= tc.want) {
					t.Fatalf("t=%d: a is %s, want a match at t=%d", now, h.status("a"), tc.want)
				}
				if done {
					break
				}
			}
		})
	}
}

func TestExpansionAgeSelection(t *testing.T) {
	// One team of three; the limit grows from 10 to 100 after 5 s. a (0) is
	// 3 s older than b (5) and c (50): under "oldest" the match's age is a's,
	// under "newest" it is b's or c's, once one of them has joined.
	for _, tc := range []struct {
		selection string
		want      int
	}{
		{selection: "oldest", want: 5},
		{selection: "newest", want: 8},
		{selection: "", want: 8}, // newest is the default
	} {
		t.Run("selection="+tc.selection, func(t *testing.T) {
			algorithm := ""
			if tc.selection != "" {
				algorithm = `"algorithm": {"expansionAgeSelection": "` + tc.selection + `"},`
			}
			body := `{"ruleLanguageVersion": "1.0", ` + algorithm + `
			  "playerAttributes": [{"name": "skill", "type": "number"}],
			  "teams": [{"name": "trio", "minPlayers": 3, "maxPlayers": 3}],
			  "rules": [{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 10}],
			  "expansions": [{"target": "rules[close].maxDistance", "steps": [{"waitTimeSeconds": 5, "value": 100}]}]}`
			h := newHarness(t, body, nil)
			h.start("a", player("pa", 0, nil))
			h.advance(3)
			h.start("b", player("pb", 5, nil))
			h.start("c", player("pc", 50, nil))
			for now := 4; now <= 12; now++ {
				h.clock.Set(epoch.Add(time.Duration(now) * time.Second))
				if done := h.status("a") == ticket.Completed; done != (now >= tc.want) {
					t.Fatalf("t=%d: a is %s, want the match at t=%d", now, h.status("a"), tc.want)
				}
			}
			h.wantStatuses("end", map[string]ticket.Status{"b": ticket.Completed, "c": ticket.Completed})
		})
	}
}

func TestTeamSizeExpansion(t *testing.T) {
	// A team of 4 that settles for 2 after 3 s.
	body := `{"ruleLanguageVersion": "1.0",
	  "teams": [{"name": "squad", "minPlayers": 4, "maxPlayers": 4}],
	  "expansions": [{"target": "teams[squad].minPlayers", "steps": [{"waitTimeSeconds": 3, "value": 2}]}]}`
	h := newHarness(t, body, nil)
	h.start("a", solo("pa"))
	h.start("b", solo("pb"))
	h.advance(2)
	h.wantStatuses("t=2", map[string]ticket.Status{"a": ticket.Searching, "b": ticket.Searching})
	h.advance(1)
	h.wantStatuses("t=3", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
}

func TestPartialMatchDelay(t *testing.T) {
	body := teamsBody(`{"name": "all", "minPlayers": 1, "maxPlayers": 4}`, "")
	tests := []struct {
		name    string
		delay   time.Duration
		starts  []int // start second of each ticket
		want    int   // tick of the match
		players int
	}{
		{name: "no delay: alone at once", delay: 0, starts: []int{0}, want: 1, players: 1},
		{name: "3 s: alone after 3 s", delay: 3 * time.Second, starts: []int{0}, want: 3, players: 1},
		{name: "3 s: a later ticket joins", delay: 3 * time.Second, starts: []int{0, 1}, want: 3, players: 2},
		{name: "3 s: a full match does not wait", delay: 3 * time.Second, starts: []int{0, 0, 0, 0}, want: 1, players: 4},
		{name: "3 s: started between ticks", delay: 3 * time.Second, starts: []int{0}, want: 3, players: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, body, nil, engine.WithPartialMatchDelay(tc.delay))
			for i, s := range tc.starts {
				h.clock.Set(epoch.Add(time.Duration(s) * time.Second))
				h.start(fmt.Sprint("t", i), solo(fmt.Sprint("p", i)))
			}
			for now := tc.starts[len(tc.starts)-1] + 1; now <= tc.want; now++ {
				h.clock.Set(epoch.Add(time.Duration(now) * time.Second))
				if ms := h.matches(); (len(ms) > 0) != (now == tc.want) {
					t.Fatalf("t=%d: %d matches, want the first at t=%d", now, len(ms), tc.want)
				}
			}
			ms := h.matches()
			if len(ms) != 1 || len(ms[0].teamOf) != tc.players {
				t.Errorf("matches %+v, want one of %d players", ms, tc.players)
			}
		})
	}
	// The delay counts from the anchor's start, not from a tick.
	h := newHarness(t, body, nil, engine.WithPartialMatchDelay(3*time.Second))
	h.clock.Advance(500 * time.Millisecond)
	h.start("x", solo("px"))
	h.advance(3) // t=3: 2.5 s
	if got := h.status("x"); got != ticket.Searching {
		t.Errorf("after 2.5 s: %s", got)
	}
	h.advance(1) // t=4: 3.5 s
	if got := h.status("x"); got != ticket.Completed {
		t.Errorf("after 3.5 s: %s", got)
	}
}

func TestAdditionalPlayerCount(t *testing.T) {
	// The documented example: one 12-player team with 2 additional players
	// yields matches of 10, but only with a queue.
	body := teamsBody(`{"name": "all", "minPlayers": 10, "maxPlayers": 12}`, "")
	for _, mode := range []string{engine.ModeStandalone, engine.ModeWithQueue} {
		t.Run(mode, func(t *testing.T) {
			change := func(in *engine.CreateMatchmakingConfigurationInput) { in.AdditionalPlayerCount = 2 }
			var h *harness
			var p *fakePlacer
			if mode == engine.ModeStandalone {
				h = newHarness(t, body, change)
			} else {
				h, p = newQueueHarness(t, body, change)
			}
			for i := 0; i < 12; i++ {
				h.start(fmt.Sprintf("t%02d", i), solo(fmt.Sprint("p", i)))
			}
			h.advance(1)
			ms := h.matches()
			want := 12
			if mode == engine.ModeWithQueue {
				want = 10
			}
			if len(ms) != 1 || len(ms[0].teamOf) != want {
				t.Fatalf("matches %+v, want one of %d players", ms, want)
			}
			if p != nil {
				// The game session still has room for all 12.
				if req := p.requests()[0]; req.MaximumPlayers != 12 || len(req.Players) != 10 {
					t.Errorf("placement for %d of %d players", len(req.Players), req.MaximumPlayers)
				}
			}
		})
	}
}

func TestQuantityTeamNames(t *testing.T) {
	body := teamsBody(`{"name": "squad", "minPlayers": 1, "maxPlayers": 2, "quantity": 3}`, "")
	h := newHarness(t, body, nil)
	for i := 0; i < 6; i++ {
		h.start(fmt.Sprint("t", i), solo(fmt.Sprint("p", i)))
	}
	h.advance(1)
	ms := h.matches()
	if len(ms) != 1 {
		t.Fatalf("%d matches", len(ms))
	}
	sizes := ms[0].teamSizes()
	want := map[string]int{"squad_1": 2, "squad_2": 2, "squad_3": 2}
	if len(sizes) != 3 || sizes["squad_1"] != 2 || sizes["squad_2"] != 2 || sizes["squad_3"] != 2 {
		t.Errorf("teams %v, want %v", sizes, want)
	}
	if got := h.ticket("t0").Players[0].Team; !strings.HasPrefix(got, "squad_") {
		t.Errorf("ticket team %q", got)
	}
}

func TestStringBatchDistance(t *testing.T) {
	body := teamsBody(`{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}`,
		`{"name": "sameMode", "type": "batchDistance", "batchAttribute": "mode"}`)
	withMode := func(id, mode string) ticket.Player {
		return ticket.Player{PlayerID: id, Attributes: map[string]ticket.AttributeValue{"mode": ticket.String(mode)}}
	}
	h := newHarness(t, body, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 5 })
	// Age order alternates modes, so age alone would pair across modes.
	h.start("t1", withMode("p1", "ranked"))
	h.start("t2", withMode("p2", "casual"))
	h.start("t3", withMode("p3", "ranked"))
	h.start("t4", withMode("p4", "casual"))
	h.start("t5", withMode("p5", "ranked"))
	h.start("t6", withMode("p6", "arcade"))
	// A party that disagrees on the mode cannot match at all.
	h.start("t7", withMode("p7", "casual"), withMode("p7b", "ranked"))
	h.advance(1)
	got := map[string]bool{}
	for _, m := range h.matches() {
		got[m.sortedTickets()] = true
	}
	if len(got) != 2 || !got["t1,t3"] || !got["t2,t4"] {
		t.Errorf("matches %v, want t1,t3 and t2,t4", got)
	}
	h.advance(4)
	h.wantStatuses("timeout", map[string]ticket.Status{"t5": ticket.TimedOut, "t6": ticket.TimedOut, "t7": ticket.TimedOut})
}

func TestNumericBatchDistance(t *testing.T) {
	body := teamsBody(`{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}`,
		`{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 100}`)
	h := newHarness(t, body, nil)
	h.start("a", player("pa", 1000, nil))
	h.start("b", player("pb", 1500, nil))
	h.start("c", player("pc", 1100, nil))
	h.start("d", player("pd", 1450, nil))
	h.advance(1)
	got := map[string]bool{}
	for _, m := range h.matches() {
		got[m.sortedTickets()] = true
	}
	if len(got) != 2 || !got["a,c"] || !got["b,d"] {
		t.Errorf("matches %v, want a,c and b,d", got)
	}
}

func TestSortRules(t *testing.T) {
	teams := `{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}`
	tests := []struct {
		name    string
		rule    string
		partner string // who the anchor a (skill 50) gets
	}{
		{name: "no sort: the oldest candidate", partner: "b"},
		{name: "distanceSort: the closest skill", rule: `{"name": "nearest", "type": "distanceSort", "sortDirection": "ascending", "sortAttribute": "skill"}`, partner: "c"},
		{name: "distanceSort descending: the farthest skill", rule: `{"name": "farthest", "type": "distanceSort", "sortDirection": "descending", "sortAttribute": "skill"}`, partner: "e"},
		{name: "absoluteSort descending: the highest skill", rule: `{"name": "best", "type": "absoluteSort", "sortDirection": "descending", "sortAttribute": "skill"}`, partner: "d"},
		{name: "absoluteSort ascending: the lowest skill", rule: `{"name": "worst", "type": "absoluteSort", "sortDirection": "ascending", "sortAttribute": "skill"}`, partner: "e"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, teamsBody(teams, tc.rule), nil)
			h.start("a", player("pa", 50, nil))
			h.clock.Advance(100 * time.Millisecond)
			h.start("b", player("pb", 20, nil))
			h.start("c", player("pc", 48, nil))
			h.start("d", player("pd", 90, nil))
			h.start("e", player("pe", -100, nil))
			h.advance(1)
			ms := h.matches()
			if len(ms) < 1 || ms[0].tickets[0] != "a" {
				t.Fatalf("matches %+v", ms)
			}
			if got := ms[0].tickets[1]; got != tc.partner {
				t.Errorf("a was matched with %s, want %s", got, tc.partner)
			}
		})
	}
}

func TestLargeBalancedMatch(t *testing.T) {
	body := `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	  "algorithm": {"strategy": "balanced", "balancedAttribute": "skill", "batchingPreference": "largestPopulation"},
	  "teams": [{"name": "red", "minPlayers": 25, "maxPlayers": 25}, {"name": "blue", "minPlayers": 25, "maxPlayers": 25}],
	  "rules": [{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 500}]}`
	h := newHarness(t, body, nil)
	skill := map[string]float64{}
	n := 0
	add := func(size int, s float64) {
		id := fmt.Sprintf("t%02d", n)
		n++
		ps := party(id, size, s)
		for _, p := range ps {
			skill[p.PlayerID] = s
		}
		h.start(id, ps...)
	}
	// 44 solos and two parties of 3, skills spread over 1000..1430.
	for i := 0; i < 44; i++ {
		add(1, 1000+float64((i*37)%44)*10)
	}
	add(3, 1200)
	add(3, 1050)
	// Far outside the band: never in this match.
	h.start("far", player("far", 5000, nil))
	h.advance(1)
	ms := h.matches()
	if len(ms) != 1 {
		t.Fatalf("%d matches", len(ms))
	}
	m := ms[0]
	if len(m.teamOf) != 50 || slices.Contains(m.tickets, "far") {
		t.Fatalf("match of %d players (far included: %v)", len(m.teamOf), slices.Contains(m.tickets, "far"))
	}
	sizes := m.teamSizes()
	if sizes["red"] != 25 || sizes["blue"] != 25 {
		t.Errorf("team sizes %v", sizes)
	}
	sums := map[string]float64{}
	for p, team := range m.teamOf {
		sums[team] += skill[p]
	}
	// Balanced within 1% of a team's total (the greedy balancing gets
	// within one ticket's value; here that is much less).
	if diff := math.Abs(sums["red"] - sums["blue"]); diff > 0.01*sums["red"] {
		t.Errorf("team skill totals %v differ by %v", sums, diff)
	}
	for _, id := range []string{"t44", "t45"} {
		tk := h.ticket(id)
		for _, p := range tk.Players {
			if p.Team != tk.Players[0].Team {
				t.Errorf("party %s split", id)
			}
		}
	}
	if got := h.status("far"); got != ticket.Searching {
		t.Errorf("far: %s", got)
	}
}

func TestFillOrder(t *testing.T) {
	const small = `{"name": "Red", "minPlayers": 5, "maxPlayers": 10}, {"name": "Blue", "minPlayers": 5, "maxPlayers": 10}, {"name": "Green", "minPlayers": 2, "maxPlayers": 3}`
	const large = `{"name": "Red", "minPlayers": 10, "maxPlayers": 20}, {"name": "Blue", "minPlayers": 10, "maxPlayers": 20}, {"name": "Green", "minPlayers": 4, "maxPlayers": 6}`
	largeBody := `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
	  "algorithm": {"strategy": "balanced", "balancedAttribute": "skill"},
	  "teams": [` + large + `]}`
	tests := []struct {
		name    string
		body    string
		players int
		want    [3]int // Red, Blue, Green
	}{
		// The documented example: 23 players fill 10/10/3.
		{name: "small, full", body: teamsBody(small, ""), players: 23, want: [3]int{10, 10, 3}},
		// 10 alternate Red/Blue, 2 to Green, 8 alternate Red/Blue.
		{name: "small, 20 players", body: teamsBody(small, ""), players: 20, want: [3]int{9, 9, 2}},
		{name: "small, 12 players", body: teamsBody(small, ""), players: 12, want: [3]int{5, 5, 2}},
		{name: "large, full", body: largeBody, players: 46, want: [3]int{20, 20, 6}},
		{name: "large, 40 players", body: largeBody, players: 40, want: [3]int{18, 18, 4}},
		{name: "large, 24 players", body: largeBody, players: 24, want: [3]int{10, 10, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.body, nil)
			for i := 0; i < tc.players; i++ {
				h.start(fmt.Sprintf("t%02d", i), player(fmt.Sprint("p", i), float64(10+i%7), nil))
			}
			h.advance(1)
			ms := h.matches()
			if len(ms) != 1 {
				t.Fatalf("%d matches", len(ms))
			}
			s := ms[0].teamSizes()
			if got := [3]int{s["Red"], s["Blue"], s["Green"]}; got != tc.want {
				t.Errorf("Red/Blue/Green %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAnchorIsOldestTicket(t *testing.T) {
	// Pool order is (StartTime, TicketId): "z" started first and anchors.
	h := newHarness(t, teamsBody(`{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}`, ""), nil)
	h.start("z", solo("pz"))
	h.clock.Advance(100 * time.Millisecond)
	h.start("y", solo("py"))
	h.start("x", solo("px"))
	h.advance(1)
	ms := h.matches()
	if len(ms) != 1 || !slices.Equal(ms[0].tickets, []string{"z", "x"}) {
		t.Errorf("matches %+v, want z (oldest) with x (smaller ID at the same age)", ms)
	}
	if got := h.status("y"); got != ticket.Searching {
		t.Errorf("y: %s", got)
	}
}
