package engine_test

import (
	"slices"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// trio is one team of exactly three players.
const trio = `{"ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
  "teams": [{"name": "squad", "minPlayers": 3, "maxPlayers": 3}]}`

// withAcceptance requires acceptance within the given seconds.
func withAcceptance(seconds int) func(*engine.CreateMatchmakingConfigurationInput) {
	return func(in *engine.CreateMatchmakingConfigurationInput) {
		in.AcceptanceRequired = true
		in.AcceptanceTimeoutSeconds = seconds
	}
}

// accept answers for players of a ticket.
func (h *harness) accept(id, typ string, players ...string) error {
	_, err := h.e.AcceptMatch(ctx, &engine.AcceptMatchInput{TicketId: id, PlayerIds: players, AcceptanceType: typ})
	return err
}

func (h *harness) mustAccept(id, typ string, players ...string) {
	h.t.Helper()
	if err := h.accept(id, typ, players...); err != nil {
		h.t.Fatalf("AcceptMatch %s %s %v: %v", id, typ, players, err)
	}
}

// typesSince lists the event types after the first n events.
func (h *harness) typesSince(n int) []string {
	types := h.eventTypes()
	if n > len(types) {
		return nil
	}
	return types[n:]
}

// accepted maps each player of an event to its accepted flag ("" when the
// player has not answered).
func acceptedFlags(ev engine.Event) map[string]string {
	out := map[string]string{}
	for _, et := range ev.Detail.Tickets {
		for _, p := range et.Players {
			switch {
			case p.Accepted == nil:
				out[p.PlayerID] = ""
			case *p.Accepted:
				out[p.PlayerID] = "true"
			default:
				out[p.PlayerID] = "false"
			}
		}
	}
	return out
}

func TestAcceptanceAllAccept(t *testing.T) {
	h := newHarness(t, oneVsOne, withAcceptance(10))
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 110, nil))
	h.advance(1)
	h.wantStatuses("matched", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "b": ticket.RequiresAcceptance})
	pmc := h.eventsOf(engine.EventPotentialMatchCreated)
	if len(pmc) != 1 {
		t.Fatalf("%d potential matches", len(pmc))
	}
	d := pmc[0].Detail
	if d.AcceptanceRequired == nil || !*d.AcceptanceRequired || d.AcceptanceTimeout == nil || *d.AcceptanceTimeout != 10 || d.MatchID == "" {
		t.Errorf("PotentialMatchCreated %+v", d)
	}
	// The team is visible while awaiting acceptance.
	if h.ticket("a").Players[0].Team == "" {
		t.Error("no team while awaiting acceptance")
	}
	h.advance(2)
	n := len(h.e.Events())
	h.mustAccept("a", engine.Accept, "pa")
	if got := h.typesSince(n); !slices.Equal(got, []string{engine.EventAcceptMatch}) {
		t.Errorf("after the first accept: %v", got)
	}
	am := h.eventsOf(engine.EventAcceptMatch)[0]
	if flags := acceptedFlags(am); flags["pa"] != "true" || flags["pb"] != "" || am.Detail.MatchID != d.MatchID {
		t.Errorf("AcceptMatch flags %v match %s", flags, am.Detail.MatchID)
	}
	h.wantStatuses("one accepted", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "b": ticket.RequiresAcceptance})
	h.advance(1)
	h.mustAccept("b", engine.Accept, "pb")
	want := []string{engine.EventAcceptMatch, engine.EventAcceptMatch, engine.EventAcceptMatchCompleted, engine.EventMatchmakingSucceeded}
	if got := h.typesSince(n); !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
	amc := h.eventsOf(engine.EventAcceptMatchCompleted)[0]
	if amc.Detail.Acceptance != "Accepted" || amc.Detail.MatchID != d.MatchID {
		t.Errorf("AcceptMatchCompleted %+v", amc.Detail)
	}
	if flags := acceptedFlags(amc); flags["pa"] != "true" || flags["pb"] != "true" {
		t.Errorf("AcceptMatchCompleted flags %v", flags)
	}
	for _, id := range []string{"a", "b"} {
		tk := h.ticket(id)
		if tk.Status != ticket.Completed || !tk.EndTime.Equal(epoch.Add(4*time.Second)) {
			t.Errorf("%s: %s at %v", id, tk.Status, tk.EndTime)
		}
	}
}

func TestAcceptanceRejected(t *testing.T) {
	h := newHarness(t, trio, withAcceptance(10))
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 1, nil))
	h.start("c", player("pc", 1, nil))
	h.advance(1)
	matchID := h.eventsOf(engine.EventPotentialMatchCreated)[0].Detail.MatchID
	h.mustAccept("a", engine.Accept, "pa")
	n := len(h.e.Events())
	h.mustAccept("b", engine.Reject, "pb") // c never answers
	want := []string{engine.EventAcceptMatch, engine.EventAcceptMatchCompleted, engine.EventMatchmakingCancelled, engine.EventMatchmakingSearching}
	if got := h.typesSince(n); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	evs := h.e.Events()[n:]
	if evs[1].Detail.Acceptance != "Rejected" || evs[1].Detail.MatchID != matchID {
		t.Errorf("AcceptMatchCompleted %+v", evs[1].Detail)
	}
	if flags := acceptedFlags(evs[1]); flags["pa"] != "true" || flags["pb"] != "false" || flags["pc"] != "" {
		t.Errorf("flags %v", flags)
	}
	var cancelled []string
	for _, et := range evs[2].Detail.Tickets {
		cancelled = append(cancelled, et.TicketID)
	}
	if !slices.Equal(cancelled, []string{"b", "c"}) || evs[2].Detail.Reason != "Rejected" || evs[2].Detail.MatchID != matchID {
		t.Errorf("MatchmakingCancelled tickets %v reason %q", cancelled, evs[2].Detail.Reason)
	}
	if len(evs[3].Detail.Tickets) != 1 || evs[3].Detail.Tickets[0].TicketID != "a" {
		t.Errorf("MatchmakingSearching %+v", evs[3].Detail.Tickets)
	}
	a := h.ticket("a")
	if a.Status != ticket.Searching || a.StatusReason != "ACCEPTANCE_FAILED" || a.Players[0].Team != "" || !a.EndTime.IsZero() {
		t.Errorf("a: %s %q team %q", a.Status, a.StatusReason, a.Players[0].Team)
	}
	for _, id := range []string{"b", "c"} {
		tk := h.ticket(id)
		if tk.Status != ticket.Cancelled || tk.StatusReason != "Rejected" || !tk.EndTime.Equal(epoch.Add(time.Second)) {
			t.Errorf("%s: %s %q %v", id, tk.Status, tk.StatusReason, tk.EndTime)
		}
	}
	// The acceptor matches again with new tickets.
	h.start("d", player("pd", 1, nil))
	h.start("e", player("pe", 1, nil))
	h.advance(1)
	h.wantStatuses("rematched", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "d": ticket.RequiresAcceptance, "e": ticket.RequiresAcceptance})
	pmc := h.eventsOf(engine.EventPotentialMatchCreated)
	if len(pmc) != 2 || pmc[1].Detail.MatchID == matchID {
		t.Fatalf("second potential match: %d events", len(pmc))
	}
	// The new match needs new answers: a's old one does not count.
	h.mustAccept("d", engine.Accept, "pd")
	h.mustAccept("e", engine.Accept, "pe")
	if got := h.status("a"); got != ticket.RequiresAcceptance {
		t.Errorf("a completed without accepting the new match: %s", got)
	}
	h.mustAccept("a", engine.Accept, "pa")
	h.wantStatuses("accepted", map[string]ticket.Status{"a": ticket.Completed, "d": ticket.Completed, "e": ticket.Completed})
}

func TestAcceptanceTimeout(t *testing.T) {
	h := newHarness(t, oneVsOne, withAcceptance(10))
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 1, nil))
	h.advance(1) // matched at t=1: the deadline is t=11
	h.advance(1)
	h.mustAccept("a", engine.Accept, "pa")
	h.clock.Set(epoch.Add(11*time.Second - time.Nanosecond))
	h.wantStatuses("just before the deadline", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "b": ticket.RequiresAcceptance})
	n := len(h.e.Events())
	h.clock.Set(epoch.Add(11 * time.Second))
	want := []string{engine.EventAcceptMatchCompleted, engine.EventMatchmakingCancelled, engine.EventMatchmakingSearching}
	if got := h.typesSince(n); !slices.Equal(got, want) {
		t.Fatalf("events at the deadline %v, want %v", got, want)
	}
	evs := h.e.Events()[n:]
	if evs[0].Detail.Acceptance != "TimedOut" || evs[1].Detail.Reason != "AcceptanceTimedOut" {
		t.Errorf("acceptance %q, cancel reason %q", evs[0].Detail.Acceptance, evs[1].Detail.Reason)
	}
	b := h.ticket("b")
	if b.Status != ticket.Cancelled || b.StatusReason != "AcceptanceTimedOut" || !b.EndTime.Equal(epoch.Add(11*time.Second)) {
		t.Errorf("b: %s %q %v", b.Status, b.StatusReason, b.EndTime)
	}
	if a := h.ticket("a"); a.Status != ticket.Searching || a.StatusReason != "ACCEPTANCE_FAILED" {
		t.Errorf("a: %s %q", a.Status, a.StatusReason)
	}
	// Answers after the deadline are refused.
	wantCode(t, h.accept("b", engine.Accept, "pb"), engine.CodeInvalidRequest)
	// a matches again later.
	h.start("c", player("pc", 1, nil))
	h.advance(1)
	h.wantStatuses("rematch", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "c": ticket.RequiresAcceptance})
	h.mustAccept("a", engine.Accept, "pa")
	h.mustAccept("c", engine.Accept, "pc")
	h.wantStatuses("accepted", map[string]ticket.Status{"a": ticket.Completed, "c": ticket.Completed})
}

func TestAcceptanceDeadlineBetweenTicks(t *testing.T) {
	// Ticks every 5 s: the match forms at t=5 with a 7 s deadline (t=12);
	// an answer at t=12.5 comes before the next tick but after the deadline.
	h := newHarness(t, oneVsOne, withAcceptance(7), engine.WithTickInterval(5*time.Second))
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 1, nil))
	h.advance(5)
	h.mustAccept("a", engine.Accept, "pa")
	h.clock.Set(epoch.Add(12500 * time.Millisecond))
	err := h.accept("b", engine.Accept, "pb")
	wantCode(t, err, engine.CodeInvalidRequest)
	h.wantStatuses("late answer", map[string]ticket.Status{"a": ticket.Searching, "b": ticket.Cancelled})
	if b := h.ticket("b"); b.StatusReason != "AcceptanceTimedOut" || !b.EndTime.Equal(epoch.Add(12500*time.Millisecond)) {
		t.Errorf("b: %q %v", b.StatusReason, b.EndTime)
	}
	if amc := h.eventsOf(engine.EventAcceptMatchCompleted); len(amc) != 1 || amc[0].Detail.Acceptance != "TimedOut" {
		t.Errorf("AcceptMatchCompleted %+v", amc)
	}
}

func TestRequestTimeoutWaitsDuringAcceptance(t *testing.T) {
	h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.RequestTimeoutSeconds = 3
		in.AcceptanceRequired = true
		in.AcceptanceTimeoutSeconds = 20
	})
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 1, nil))
	h.advance(10) // well past the 3 s request timeout
	h.wantStatuses("t=10", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "b": ticket.RequiresAcceptance})
	h.mustAccept("a", engine.Accept, "pa")
	h.mustAccept("b", engine.Accept, "pb")
	h.wantStatuses("accepted", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
}

func TestAcceptanceFailureAfterRequestTimeout(t *testing.T) {
	// Once a ticket is back in SEARCHING past its request timeout, it times
	// out before it can join another match.
	tests := []struct {
		name string
		drop func(h *harness) // ends the acceptance phase at t=21
	}{
		{name: "rejected between ticks", drop: func(h *harness) {
			h.clock.Set(epoch.Add(20500 * time.Millisecond))
			h.mustAccept("b", engine.Reject, "pb")
		}},
		{name: "acceptance timed out at a tick", drop: func(h *harness) {}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
				in.RequestTimeoutSeconds = 5
				in.AcceptanceRequired = true
				in.AcceptanceTimeoutSeconds = 20
			})
			h.start("a", player("pa", 1, nil))
			h.start("b", player("pb", 1, nil))
			h.advance(1) // matched at t=1, deadline t=21
			h.mustAccept("a", engine.Accept, "pa")
			h.start("c", player("pc", 1, nil)) // keeps searching on its own
			h.advance(1)
			tc.drop(h)
			h.clock.Set(epoch.Add(21 * time.Second))
			if got := h.status("a"); got != ticket.TimedOut {
				t.Errorf("a (requeued at age 21 s with a 5 s timeout) is %s, want TIMED_OUT", got)
			}
			if got := h.status("c"); got != ticket.TimedOut {
				t.Errorf("c is %s", got)
			}
		})
	}
}

func TestStopDuringAcceptance(t *testing.T) {
	tests := []struct {
		name      string
		bAccepted bool
		wantB     ticket.Status
		wantBWhy  string
	}{
		{name: "other ticket accepted", bAccepted: true, wantB: ticket.Searching, wantBWhy: "ACCEPTANCE_FAILED"},
		{name: "other ticket silent", bAccepted: false, wantB: ticket.Cancelled, wantBWhy: "Rejected"},
	}
	for _, tc := range tests {
		for _, how := range []string{"StopMatchmaking", "new request"} {
			t.Run(tc.name+" by "+how, func(t *testing.T) {
				h := newHarness(t, oneVsOne, withAcceptance(10))
				h.start("a", player("pa", 1, nil))
				h.start("b", player("pb", 1, nil))
				h.advance(1)
				if tc.bAccepted {
					h.mustAccept("b", engine.Accept, "pb")
				} else {
					h.mustAccept("a", engine.Accept, "pa") // the cause is cancelled even so
				}
				n := len(h.e.Events())
				wantReason, wantMsg := "Cancelled", "Cancelled by request."
				if how == "StopMatchmaking" {
					h.stop("a")
				} else {
					h.start("a2", player("pa", 1, nil))
					wantMsg = ""
				}
				a := h.ticket("a")
				if a.Status != ticket.Cancelled || a.StatusReason != wantReason || wantMsg != "" && a.StatusMessage != wantMsg {
					t.Errorf("a: %s %q %q", a.Status, a.StatusReason, a.StatusMessage)
				}
				b := h.ticket("b")
				if b.Status != tc.wantB || b.StatusReason != tc.wantBWhy {
					t.Errorf("b: %s %q, want %s %q", b.Status, b.StatusReason, tc.wantB, tc.wantBWhy)
				}
				types := h.typesSince(n)
				if len(types) == 0 || types[0] != engine.EventAcceptMatchCompleted || types[len(types)-1] != engine.EventMatchmakingCancelled {
					t.Errorf("events %v", types)
				}
				if amc := h.eventsOf(engine.EventAcceptMatchCompleted); len(amc) != 1 || amc[0].Detail.Acceptance != "Rejected" {
					t.Errorf("AcceptMatchCompleted %+v", amc)
				}
				// a's answers are void: the match cannot complete any more.
				wantCode(t, h.accept("b", engine.Accept, "pb"), engine.CodeInvalidRequest)
			})
		}
	}
}

func TestAcceptMatchErrors(t *testing.T) {
	h := newHarness(t, oneVsOne, withAcceptance(10))
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 1, nil))
	h.start("lonely", player("pl", 1e6, nil))
	h.start("queued", player("pq", -1e6, nil))
	h.advance(1)
	h.start("fresh", player("pf", 5e6, nil))
	tests := []struct {
		name    string
		id      string
		players []string
		typ     string
		code    string
	}{
		{name: "unknown ticket", id: "nope", players: []string{"pa"}, typ: engine.Accept, code: engine.CodeNotFound},
		{name: "searching ticket", id: "lonely", players: []string{"pl"}, typ: engine.Accept, code: engine.CodeInvalidRequest},
		{name: "queued ticket", id: "fresh", players: []string{"pf"}, typ: engine.Accept, code: engine.CodeInvalidRequest},
		{name: "player not on ticket", id: "a", players: []string{"zz"}, typ: engine.Accept, code: engine.CodeInvalidRequest},
		{name: "player of the other ticket", id: "a", players: []string{"pb"}, typ: engine.Accept, code: engine.CodeInvalidRequest},
		{name: "one good one bad player", id: "a", players: []string{"pa", "zz"}, typ: engine.Accept, code: engine.CodeInvalidRequest},
		{name: "no players", id: "a", typ: engine.Accept, code: engine.CodeInvalidRequest},
		{name: "bad type", id: "a", players: []string{"pa"}, typ: "MAYBE", code: engine.CodeInvalidRequest},
		{name: "lower-case type", id: "a", players: []string{"pa"}, typ: "accept", code: engine.CodeInvalidRequest},
		{name: "empty type", id: "a", players: []string{"pa"}, code: engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantCode(t, h.accept(tc.id, tc.typ, tc.players...), tc.code)
		})
	}
	// None of that recorded an answer or emitted an event.
	if evs := h.eventsOf(engine.EventAcceptMatch); len(evs) != 0 {
		t.Errorf("%d AcceptMatch events after failed calls", len(evs))
	}
	h.mustAccept("b", engine.Accept, "pb")
	if got := h.status("a"); got != ticket.RequiresAcceptance {
		t.Errorf("a failed call accepted pa: a is %s", got)
	}
	// Completed tickets refuse answers.
	h.mustAccept("a", engine.Accept, "pa")
	wantCode(t, h.accept("a", engine.Accept, "pa"), engine.CodeInvalidRequest)
}

func TestReacceptIsNoOp(t *testing.T) {
	h := newHarness(t, oneVsOne, withAcceptance(10))
	h.start("a", player("pa", 1, nil))
	h.start("b", player("pb", 1, nil))
	h.advance(1)
	h.mustAccept("a", engine.Accept, "pa")
	h.mustAccept("a", engine.Accept, "pa")
	h.mustAccept("a", engine.Accept, "pa", "pa")
	h.wantStatuses("re-accepted", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "b": ticket.RequiresAcceptance})
	if n := len(h.eventsOf(engine.EventAcceptMatchCompleted)); n != 0 {
		t.Errorf("%d AcceptMatchCompleted events", n)
	}
	h.mustAccept("b", engine.Accept, "pb")
	h.wantStatuses("all accepted", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
	if n := len(h.eventsOf(engine.EventMatchmakingSucceeded)); n != 1 {
		t.Errorf("%d MatchmakingSucceeded events", n)
	}
}

func TestPartyAcceptance(t *testing.T) {
	tests := []struct {
		name   string
		answer func(h *harness)
		want   map[string]ticket.Status
		reason string // the party ticket's StatusReason
	}{
		{
			name: "every party member accepts, one call each",
			answer: func(h *harness) {
				h.mustAccept("solo", engine.Accept, "ps")
				h.mustAccept("party", engine.Accept, "party-1")
				if got := h.status("party"); got != ticket.RequiresAcceptance {
					h.t.Errorf("after one of two party players accepted: %s", got)
				}
				h.mustAccept("party", engine.Accept, "party-2")
			},
			want: map[string]ticket.Status{"party": ticket.Completed, "solo": ticket.Completed},
		},
		{
			name: "the party accepts in one call",
			answer: func(h *harness) {
				h.mustAccept("party", engine.Accept, "party-1", "party-2")
				h.mustAccept("solo", engine.Accept, "ps")
			},
			want: map[string]ticket.Status{"party": ticket.Completed, "solo": ticket.Completed},
		},
		{
			name: "one party member never answers",
			answer: func(h *harness) {
				h.mustAccept("solo", engine.Accept, "ps")
				h.mustAccept("party", engine.Accept, "party-1")
				h.advance(10)
			},
			want:   map[string]ticket.Status{"party": ticket.Cancelled, "solo": ticket.Searching},
			reason: "AcceptanceTimedOut",
		},
		{
			name: "one party member rejects",
			answer: func(h *harness) {
				h.mustAccept("party", engine.Accept, "party-1")
				h.mustAccept("party", engine.Reject, "party-2")
			},
			want:   map[string]ticket.Status{"party": ticket.Cancelled, "solo": ticket.Cancelled},
			reason: "Rejected",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, trio, withAcceptance(10))
			h.start("party", party("party", 2, 1)...)
			h.start("solo", player("ps", 1, nil))
			h.advance(1)
			h.wantStatuses("matched", map[string]ticket.Status{"party": ticket.RequiresAcceptance, "solo": ticket.RequiresAcceptance})
			tc.answer(h)
			h.wantStatuses("answered", tc.want)
			if got := h.ticket("party").StatusReason; got != tc.reason {
				t.Errorf("party StatusReason %q, want %q", got, tc.reason)
			}
		})
	}
}

func TestNewRequestTakesPlayersFromBothTicketsOfAMatch(t *testing.T) {
	tests := []struct {
		name    string
		accept  []string // tickets whose players accepted before the new request
		players []string // players of the new request
	}{
		{name: "nobody answered", players: []string{"pa", "pb"}},
		{name: "nobody answered, other order", players: []string{"pb", "pa"}},
		{name: "both accepted but one", accept: []string{"b"}, players: []string{"pa", "pb"}},
		{name: "the first accepted", accept: []string{"a"}, players: []string{"pa", "pb"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, withAcceptance(10))
			h.start("a", player("pa", 1, nil))
			h.start("b", player("pb", 1, nil))
			h.advance(1)
			for _, id := range tc.accept {
				h.mustAccept(id, engine.Accept, "p"+id)
			}
			var ps []ticket.Player
			for _, p := range tc.players {
				ps = append(ps, player(p, 1, nil))
			}
			h.start("new", ps...)
			h.wantStatuses("after the new request", map[string]ticket.Status{"a": ticket.Cancelled, "b": ticket.Cancelled, "new": ticket.Queued})
			for _, id := range []string{"a", "b"} {
				var cancels int
				for _, typ := range h.ticketEvents(id) {
					if typ == engine.EventMatchmakingCancelled {
						cancels++
					}
				}
				if cancels != 1 {
					t.Errorf("ticket %s: %d MatchmakingCancelled events (%v)", id, cancels, h.ticketEvents(id))
				}
			}
			if n := len(h.eventsOf(engine.EventAcceptMatchCompleted)); n != 1 {
				t.Errorf("%d AcceptMatchCompleted events", n)
			}
		})
	}
}
