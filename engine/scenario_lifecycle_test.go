package engine_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// startErr submits a ticket and returns the error.
func (h *harness) startErr(id string, players ...ticket.Player) error {
	_, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: h.cfg, Players: players})
	return err
}

// stop cancels a ticket and fails the test on error.
func (h *harness) stop(id string) {
	h.t.Helper()
	if _, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: id}); err != nil {
		h.t.Fatalf("StopMatchmaking %s: %v", id, err)
	}
}

// eventsOf returns the events of one detail type, in order.
func (h *harness) eventsOf(typ string) []engine.Event {
	var out []engine.Event
	for _, ev := range h.e.Events() {
		if ev.Detail.Type == typ {
			out = append(out, ev)
		}
	}
	return out
}

// ticketEvents lists "type" for every event that names the ticket.
func (h *harness) ticketEvents(id string) []string {
	var out []string
	for _, ev := range h.e.Events() {
		for _, et := range ev.Detail.Tickets {
			if et.TicketID == id {
				out = append(out, ev.Detail.Type)
			}
		}
	}
	return out
}

// wantStatuses checks several tickets' statuses.
func (h *harness) wantStatuses(when string, want map[string]ticket.Status) {
	h.t.Helper()
	for _, id := range sortedIDs(want) {
		if got := h.status(id); got != want[id] {
			h.t.Errorf("%s: ticket %s is %s, want %s", when, id, got, want[id])
		}
	}
}

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// solo is a player with no attributes.
func solo(id string) ticket.Player { return ticket.Player{PlayerID: id} }

// party makes n players prefix-1..prefix-n with a skill.
func party(prefix string, n int, skill float64) []ticket.Player {
	out := make([]ticket.Player, n)
	for i := range out {
		out[i] = player(fmt.Sprintf("%s-%d", prefix, i+1), skill, nil)
	}
	return out
}

func TestTicketQueuedThenSearching(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	h.advance(3)
	out, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: "a", ConfigurationName: "cfg", Players: []ticket.Player{player("pa", 100, nil)}})
	if err != nil {
		t.Fatal(err)
	}
	tk := out.MatchmakingTicket
	if tk.Status != ticket.Queued || !tk.StartTime.Equal(epoch.Add(3*time.Second)) || !tk.EndTime.IsZero() ||
		tk.ConfigurationName != "cfg" || tk.ConfigurationArn != "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/cfg" ||
		tk.EstimatedWaitTime != nil || tk.StatusReason != "" {
		t.Errorf("started ticket %+v", tk)
	}
	if len(h.e.Events()) != 0 {
		t.Errorf("events before the first tick: %v", h.eventTypes())
	}
	h.clock.Advance(999 * time.Millisecond)
	if got := h.status("a"); got != ticket.Queued {
		t.Errorf("before the tick: %s", got)
	}
	h.clock.Advance(time.Millisecond)
	if got := h.status("a"); got != ticket.Searching {
		t.Errorf("after one tick: %s", got)
	}
	if got := h.ticketEvents("a"); !slices.Equal(got, []string{engine.EventMatchmakingSearching}) {
		t.Errorf("events %v", got)
	}
	// Searching is emitted once, not every tick.
	h.advance(5)
	if got := h.ticketEvents("a"); len(got) != 1 {
		t.Errorf("events after more ticks %v", got)
	}
}

func TestStandaloneCompletesOnMatch(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 120, nil))
	h.advance(1)
	for _, id := range []string{"a", "b"} {
		tk := h.ticket(id)
		if tk.Status != ticket.Completed || !tk.EndTime.Equal(epoch.Add(time.Second)) || tk.StatusReason != "" || tk.StatusMessage != "" {
			t.Errorf("%s: %s %q end %v", id, tk.Status, tk.StatusReason, tk.EndTime)
		}
		if tk.GameSessionConnectionInfo != nil {
			t.Errorf("%s: STANDALONE ticket has connection info %+v", id, tk.GameSessionConnectionInfo)
		}
		if tk.EstimatedWaitTime != nil {
			t.Errorf("%s: terminal ticket has an estimated wait", id)
		}
	}
	teams := []string{h.ticket("a").Players[0].Team, h.ticket("b").Players[0].Team}
	slices.Sort(teams)
	if !slices.Equal(teams, []string{"blue", "red"}) {
		t.Errorf("teams %v", teams)
	}
	want := []string{engine.EventMatchmakingSearching, engine.EventMatchmakingSearching, engine.EventPotentialMatchCreated, engine.EventMatchmakingSucceeded}
	if got := h.eventTypes(); !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
}

func TestTicketTimesOut(t *testing.T) {
	tests := []struct {
		name     string
		timeout  int
		startAt  time.Duration // when the ticket starts
		wantEnd  time.Duration // when it times out
		searched bool          // whether it reached SEARCHING first
	}{
		{name: "1 s: times out while queued", timeout: 1, wantEnd: time.Second},
		{name: "2 s", timeout: 2, wantEnd: 2 * time.Second, searched: true},
		{name: "60 s", timeout: 60, wantEnd: 60 * time.Second, searched: true},
		{name: "started between ticks", timeout: 5, startAt: 500 * time.Millisecond, wantEnd: 6 * time.Second, searched: true},
		{name: "started on a tick", timeout: 5, startAt: 3 * time.Second, wantEnd: 8 * time.Second, searched: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = tc.timeout })
			h.clock.Advance(tc.startAt)
			h.start("a", player("pa", 1, nil))
			h.clock.Set(epoch.Add(tc.wantEnd - time.Nanosecond))
			if got := h.status("a"); got.Terminal() {
				t.Fatalf("just before %v: %s", tc.wantEnd, got)
			}
			h.clock.Set(epoch.Add(tc.wantEnd))
			tk := h.ticket("a")
			if tk.Status != ticket.TimedOut || tk.StatusReason != "TimedOut" || tk.StatusMessage != "Removed from matchmaking due to timing out." {
				t.Errorf("at %v: %s %q %q", tc.wantEnd, tk.Status, tk.StatusReason, tk.StatusMessage)
			}
			if !tk.EndTime.Equal(epoch.Add(tc.wantEnd)) {
				t.Errorf("EndTime %v, want %v", tk.EndTime, epoch.Add(tc.wantEnd))
			}
			want := []string{engine.EventMatchmakingTimedOut}
			if tc.searched {
				want = append([]string{engine.EventMatchmakingSearching}, want...)
			}
			if got := h.ticketEvents("a"); !slices.Equal(got, want) {
				t.Errorf("events %v, want %v", got, want)
			}
			ev := h.eventsOf(engine.EventMatchmakingTimedOut)[0]
			if ev.Detail.Reason != "TimedOut" || ev.Detail.Message != "Removed from matchmaking due to timing out." || ev.Time != epoch.Add(tc.wantEnd).Format("2006-01-02T15:04:05.000Z") {
				t.Errorf("event %+v", ev)
			}
			// The player is free again.
			if err := h.startErr("again", player("pa", 1, nil)); err != nil {
				t.Errorf("restart after timeout: %v", err)
			}
			if got := h.status("a"); got != ticket.TimedOut {
				t.Errorf("restart changed the old ticket to %s", got)
			}
		})
	}
}

func TestStopMatchmaking(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(h *harness) // leaves ticket "x" in some state
		code    string
		id      string
	}{
		{name: "queued", prepare: func(h *harness) { h.start("x", player("px", 1, nil)) }},
		{name: "searching", prepare: func(h *harness) { h.start("x", player("px", 1, nil)); h.advance(1) }},
		{name: "completed", prepare: func(h *harness) {
			h.start("x", player("px", 1, nil))
			h.start("y", player("py", 1, nil))
			h.advance(1)
		}, code: engine.CodeInvalidRequest},
		{name: "cancelled", prepare: func(h *harness) { h.start("x", player("px", 1, nil)); h.stop("x") }, code: engine.CodeInvalidRequest},
		{name: "timed out", prepare: func(h *harness) { h.start("x", player("px", 1, nil)); h.advance(60) }, code: engine.CodeInvalidRequest},
		{name: "unknown", prepare: func(h *harness) {}, code: engine.CodeNotFound},
		{name: "empty id", prepare: func(h *harness) {}, code: engine.CodeInvalidRequest, id: "-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, nil)
			tc.prepare(h)
			id := "x"
			if tc.id == "-" {
				id = ""
			}
			var before ticket.Status
			if tc.code != engine.CodeNotFound && id != "" {
				before = h.status(id)
			}
			_, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: id})
			if tc.code != "" {
				wantCode(t, err, tc.code)
				if before != "" {
					if got := h.status(id); got != before {
						t.Errorf("a failed stop moved %s to %s", before, got)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tk := h.ticket("x")
			if tk.Status != ticket.Cancelled || tk.StatusReason != "Cancelled" || tk.StatusMessage != "Cancelled by request." || !tk.EndTime.Equal(h.clock.Now()) {
				t.Errorf("stopped: %s %q %q %v", tk.Status, tk.StatusReason, tk.StatusMessage, tk.EndTime)
			}
			cancelled := h.eventsOf(engine.EventMatchmakingCancelled)
			if len(cancelled) != 1 || cancelled[0].Detail.Reason != "Cancelled" || cancelled[0].Detail.Tickets[0].TicketID != "x" {
				t.Fatalf("cancel events %+v", cancelled)
			}
			// A later tick neither promotes nor matches it.
			seen := len(h.e.Events())
			h.start("y", player("py", 1, nil))
			h.advance(2)
			if got := h.status("x"); got != ticket.Cancelled {
				t.Errorf("after ticks: %s", got)
			}
			for _, ev := range h.e.Events()[seen:] {
				for _, et := range ev.Detail.Tickets {
					if et.TicketID == "x" {
						t.Errorf("event %s about the cancelled ticket", ev.Detail.Type)
					}
				}
			}
		})
	}
}

func TestOneActiveTicketPerPlayer(t *testing.T) {
	tests := []struct {
		name    string
		advance int // seconds between the two requests
	}{
		{name: "older ticket queued", advance: 0},
		{name: "older ticket searching", advance: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, nil)
			// A 1v1 team cannot take a two-player party: these never match.
			h.start("old", player("p1", 1, nil), player("p2", 1, nil))
			h.start("other", player("p9", 1000, nil), player("p8", 1000, nil))
			h.advance(tc.advance)
			h.start("new", player("p2", 1, nil), player("p3", 1, nil))
			tk := h.ticket("old")
			if tk.Status != ticket.Cancelled || tk.StatusReason != "Cancelled" || tk.StatusMessage == "" || tk.StatusMessage == "Cancelled by request." {
				t.Errorf("old ticket: %s %q %q", tk.Status, tk.StatusReason, tk.StatusMessage)
			}
			if got := h.status("new"); got != ticket.Queued {
				t.Errorf("new ticket: %s", got)
			}
			if got := h.status("other"); got.Terminal() {
				t.Errorf("an unrelated ticket became %s", got)
			}
			if got := h.ticketEvents("old"); got[len(got)-1] != engine.EventMatchmakingCancelled {
				t.Errorf("old ticket events %v", got)
			}
			// p1 is free: a new request does not touch "new".
			h.start("p1-again", player("p1", 1, nil))
			if got := h.status("new"); got != ticket.Queued {
				t.Errorf("new ticket after p1 restarted: %s", got)
			}
			// p3 restarting cancels "new".
			h.start("p3-again", player("p3", 1, nil))
			if got := h.status("new"); got != ticket.Cancelled {
				t.Errorf("new ticket after p3 restarted: %s", got)
			}
		})
	}
}

func TestStartMatchmakingValidation(t *testing.T) {
	const body = `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}, {"name": "mode", "type": "string"}],
	  "teams": [{"name": "t", "minPlayers": 1, "maxPlayers": 10}]}`
	eleven := make([]ticket.Player, 11)
	for i := range eleven {
		eleven[i] = ticket.Player{PlayerID: fmt.Sprintf("p%d", i), Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}}
	}
	m := func(id string) ticket.Player {
		return ticket.Player{PlayerID: id, Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}}
	}
	tests := []struct {
		name    string
		config  string
		id      string
		players []ticket.Player
		code    string
	}{
		{name: "valid", id: "new", players: []ticket.Player{m("a")}},
		{name: "ten players", id: "ten", players: eleven[:10]},
		{name: "undeclared attribute is ignored", id: "extra", players: []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m"), "color": ticket.String("red")}}}},
		{name: "duplicate ticket id", id: "taken", players: []ticket.Player{m("a")}, code: engine.CodeInvalidRequest},
		{name: "ticket id pattern", id: "a b", players: []ticket.Player{m("a")}, code: engine.CodeInvalidRequest},
		{name: "ticket id too long", id: strings.Repeat("t", 129), players: []ticket.Player{m("a")}, code: engine.CodeInvalidRequest},
		{name: "team set", id: "team", players: []ticket.Player{{PlayerID: "a", Team: "t", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}}}, code: engine.CodeInvalidRequest},
		{name: "eleven players", id: "eleven", players: eleven, code: engine.CodeInvalidRequest},
		{name: "no players", id: "none", code: engine.CodeInvalidRequest},
		{name: "duplicate players", id: "dup", players: []ticket.Player{m("a"), m("a")}, code: engine.CodeInvalidRequest},
		{name: "empty player id", id: "noid", players: []ticket.Player{m("")}, code: engine.CodeInvalidRequest},
		{name: "unknown configuration", config: "nope", id: "u", players: []ticket.Player{m("a")}, code: engine.CodeNotFound},
		{name: "no configuration", config: "-", id: "u", players: []ticket.Player{m("a")}, code: engine.CodeInvalidRequest},
		{name: "string for number", id: "type1", players: []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"skill": ticket.String("high"), "mode": ticket.String("m")}}}, code: engine.CodeInvalidRequest},
		{name: "number for string", id: "type2", players: []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"mode": ticket.Number(1)}}}, code: engine.CodeInvalidRequest},
		{name: "list for string", id: "type3", players: []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"mode": ticket.StringList("x")}}}, code: engine.CodeInvalidRequest},
		{name: "latency below 1", id: "lat", players: []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}, LatencyInMs: map[string]int{"us-east-1": 0}}}, code: engine.CodeInvalidRequest},
		{name: "empty string attribute", id: "empty", players: []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("")}}}, code: engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, body, nil)
			h.start("taken", m("owner"))
			h.stop("taken") // terminal tickets keep their ID
			h.start("holder", m("a"))
			cfg := "cfg"
			switch tc.config {
			case "-":
				cfg = ""
			case "":
			default:
				cfg = tc.config
			}
			hasA := slices.ContainsFunc(tc.players, func(p ticket.Player) bool { return p.PlayerID == "a" })
			out, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: tc.id, ConfigurationName: cfg, Players: tc.players})
			if tc.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if out.MatchmakingTicket.TicketId != tc.id || out.MatchmakingTicket.Status != ticket.Queued || len(out.MatchmakingTicket.Players) != len(tc.players) {
					t.Errorf("ticket %+v", out.MatchmakingTicket)
				}
				if want := map[bool]ticket.Status{true: ticket.Cancelled, false: ticket.Queued}[hasA]; h.status("holder") != want {
					t.Errorf("holder ticket is %s, want %s", h.status("holder"), want)
				}
				return
			}
			wantCode(t, err, tc.code)
			if tc.id != "taken" {
				desc, _ := h.e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{tc.id}})
				if len(desc.TicketList) != 0 {
					t.Errorf("a rejected request left ticket %+v", desc.TicketList[0])
				}
			}
			// A rejected request does not cancel the players' other tickets.
			if got := h.status("holder"); got != ticket.Queued {
				t.Errorf("holder ticket is %s after a rejected request", got)
			}
		})
	}
}

func TestMissingAttributeWithoutDefaultNeverMatches(t *testing.T) {
	const body = `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "mode", "type": "string"}],
	  "teams": [{"name": "t", "minPlayers": 2, "maxPlayers": 2}]}`
	h := newHarness(t, body, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 10 })
	h.start("has", ticket.Player{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}})
	h.start("lacks", solo("b"))
	h.advance(4)
	// The two are a full team but for the missing attribute.
	h.wantStatuses("t=4", map[string]ticket.Status{"has": ticket.Searching, "lacks": ticket.Searching})
	h.start("has2", ticket.Player{PlayerID: "c", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}})
	h.advance(1)
	h.wantStatuses("t=5", map[string]ticket.Status{"has": ticket.Completed, "has2": ticket.Completed, "lacks": ticket.Searching})
	h.start("has3", ticket.Player{PlayerID: "d", Attributes: map[string]ticket.AttributeValue{"mode": ticket.String("m")}})
	h.advance(5)
	h.wantStatuses("t=10", map[string]ticket.Status{"has3": ticket.Searching, "lacks": ticket.TimedOut})
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestGeneratedTicketID(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		out, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{ConfigurationName: "cfg", Players: []ticket.Player{player(fmt.Sprint("p", i), 1, nil)}})
		if err != nil {
			t.Fatal(err)
		}
		id := out.MatchmakingTicket.TicketId
		if !uuidPattern.MatchString(id) || seen[id] {
			t.Errorf("generated TicketId %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
		if got := h.status(id); got != ticket.Queued {
			t.Errorf("%s: %s", id, got)
		}
	}
}

func TestDescribeMatchmakingLimits(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	for i := 0; i < 5; i++ {
		h.start(fmt.Sprint("t", i), player(fmt.Sprint("p", i), float64(i*1000), nil))
	}
	ids := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprint("t", i)
		}
		return out
	}
	tests := []struct {
		name string
		ids  []string
		want []string
		code string
	}{
		{name: "none", ids: nil, code: engine.CodeInvalidRequest},
		{name: "empty list", ids: []string{}, code: engine.CodeInvalidRequest},
		{name: "eleven", ids: ids(11), code: engine.CodeInvalidRequest},
		{name: "ten with unknown omitted", ids: ids(10), want: ids(5)},
		{name: "order kept", ids: []string{"t3", "nope", "t1"}, want: []string{"t3", "t1"}},
		{name: "all unknown", ids: []string{"x", "y"}, want: []string{}},
		{name: "repeated id", ids: []string{"t2", "t2"}, want: []string{"t2", "t2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := h.e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: tc.ids})
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, tk := range out.TicketList {
				got = append(got, tk.TicketId)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDescribeReturnsCopies(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	p := player("pa", 100, map[string]int{"us-east-1": 20})
	h.start("a", p)
	// Changing the request after the call changes nothing.
	p.Attributes["skill"] = ticket.Number(5)
	p.LatencyInMs["us-east-1"] = 999
	tk := h.ticket("a")
	if tk.Players[0].Attributes["skill"].N != 100 || tk.Players[0].LatencyInMs["us-east-1"] != 20 {
		t.Fatalf("the engine kept the caller's maps: %+v", tk.Players[0])
	}
	// Changing a described ticket changes nothing either.
	tk.Players[0].PlayerID = "mallory"
	tk.Players[0].Attributes["skill"] = ticket.Number(7)
	if again := h.ticket("a"); again.Players[0].PlayerID != "pa" || again.Players[0].Attributes["skill"].N != 100 {
		t.Fatalf("describe handed out the engine's ticket: %+v", again.Players[0])
	}
}

// TestMatchingIgnoresCallerChanges: what a caller does to its players
// after StartMatchmaking does not reach the matchmaker.
func TestMatchingIgnoresCallerChanges(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	a, b := player("pa", 100, nil), player("pb", 120, nil)
	h.start("a", a)
	h.start("b", b)
	a.Attributes["skill"] = ticket.Number(1000) // 880 apart: no match
	h.advance(1)
	if got := h.status("a"); got != ticket.Completed {
		t.Fatalf("a is %s: the match saw the caller's change", got)
	}
}

func TestTicketRetention(t *testing.T) {
	h := newHarness(t, oneVsOne, nil, engine.WithTicketRetention(10*time.Second))
	h.start("a", player("pa", 1, nil))
	h.stop("a") // ends at t=0
	h.advance(9)
	if got := h.status("a"); got != ticket.Cancelled {
		t.Fatalf("t=9: %s", got)
	}
	if err := h.startErr("a", player("pz", 1, nil)); engine.ErrorCode(err) != engine.CodeInvalidRequest {
		t.Errorf("reusing a retained ticket ID: %v", err)
	}
	h.advance(1)
	out, err := h.e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{"a"}})
	if err != nil || len(out.TicketList) != 0 {
		t.Errorf("t=10: still describable (%v, %d)", err, len(out.TicketList))
	}
}

func TestEstimatedWaitTime(t *testing.T) {
	h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 600 })
	// watcher never matches (its skill is far from everyone's).
	h.start("watcher", player("w", 1e6, nil))
	wait := func() *int { return h.ticket("watcher").EstimatedWaitTime }
	pair := func(id string) {
		h.start(id+"1", player(id+"-p1", 0, nil))
		h.start(id+"2", player(id+"-p2", 0, nil))
	}
	// Two pairs that wait 1 s each: 4 samples.
	pair("a")
	h.advance(1)
	pair("b")
	h.advance(1)
	if w := wait(); w != nil {
		t.Fatalf("4 samples: estimated wait %d", *w)
	}
	if ev := h.eventsOf(engine.EventMatchmakingSearching)[0]; ev.Detail.EstimatedWaitMillis != "NOT_AVAILABLE" {
		t.Errorf("searching event estimatedWaitMillis %v", ev.Detail.EstimatedWaitMillis)
	}
	// c1 waits 40 s for c2: samples 40 and 1.
	h.start("c1", player("c-p1", 0, nil))
	h.advance(39)
	h.start("c2", player("c-p2", 0, nil))
	h.advance(1)
	if got := h.status("c1"); got != ticket.Completed {
		t.Fatalf("c1: %s", got)
	}
	// 6 samples: 1+1+1+1+40+1 = 45 s / 6 = 7.5 s.
	if w := wait(); w == nil || *w != 7 {
		t.Fatalf("6 samples: estimated wait %v, want 7", w)
	}
	// A new ticket's searching event reports the estimate in milliseconds.
	h.start("late", player("late", -1e6, nil))
	h.advance(1)
	evs := h.eventsOf(engine.EventMatchmakingSearching)
	last := evs[len(evs)-1]
	if last.Detail.Tickets[0].TicketID != "late" || fmt.Sprint(last.Detail.EstimatedWaitMillis) != "7500" {
		t.Errorf("searching event for %s: estimatedWaitMillis %v", last.Detail.Tickets[0].TicketID, last.Detail.EstimatedWaitMillis)
	}
	// Twenty more samples of 1 s push the 40 s one out of the window of 20.
	for i := 0; i < 10; i++ {
		pair(fmt.Sprint("d", i))
		h.advance(1)
	}
	if w := wait(); w == nil || *w != 1 {
		t.Fatalf("after 26 samples: estimated wait %v, want 1 (the mean of the last 20)", w)
	}
}

func TestCloseStopsTheTickLoop(t *testing.T) {
	h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 600 })
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 2, nil))
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	h.advance(120)
	h.wantStatuses("closed", map[string]ticket.Status{"a": ticket.Queued, "b": ticket.Queued})
	// The engine still answers, and Close is idempotent.
	h.stop("a")
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	if !h.e.Now().Equal(epoch.Add(120 * time.Second)) {
		t.Errorf("Now %v", h.e.Now())
	}
	// A harness may still tick by hand.
	h.e.Tick(h.e.Now())
	if got := h.status("b"); got != ticket.Searching {
		t.Errorf("after a manual tick: %s", got)
	}
}
