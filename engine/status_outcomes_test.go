package engine_test

import (
	"fmt"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

func TestStatusMatchOutcomes(t *testing.T) {
	const session = "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1"
	accept := func(h *harness, id, playerID, answer string) {
		h.t.Helper()
		if _, err := h.e.AcceptMatch(ctx, &engine.AcceptMatchInput{TicketId: id, PlayerIds: []string{playerID}, AcceptanceType: answer}); err != nil {
			h.t.Fatal(err)
		}
	}
	placed := func(status string) func(h *harness, p *fakePlacer) {
		return func(h *harness, p *fakePlacer) {
			reqs := p.requests()
			res := engine.PlacementResult{PlacementId: reqs[len(reqs)-1].PlacementId, Status: status}
			if status == "FULFILLED" {
				res.Connection = &engine.GameSessionConnectionInfo{GameSessionArn: session, IpAddress: "10.0.0.1", Port: 7777}
			}
			h.e.PlacementDone(res)
		}
	}
	acceptance := func(in *engine.CreateMatchmakingConfigurationInput) {
		in.AcceptanceRequired, in.AcceptanceTimeoutSeconds = true, 10
	}
	tests := []struct {
		name      string
		withQueue bool
		change    func(*engine.CreateMatchmakingConfigurationInput)
		then      func(h *harness, p *fakePlacer)
		status    string
		arn       string
		matches   int // formed in all (the first is checked); 0 means 1
	}{
		{name: "standalone", status: "COMPLETED"},
		{name: "awaiting acceptance", change: acceptance, status: "REQUIRES_ACCEPTANCE"},
		{name: "accepted", change: acceptance, status: "COMPLETED", then: func(h *harness, _ *fakePlacer) {
			accept(h, "a", "pa", engine.Accept)
			accept(h, "b", "pb", engine.Accept)
		}},
		{name: "rejected", change: acceptance, status: engine.MatchDropped, then: func(h *harness, _ *fakePlacer) {
			accept(h, "a", "pa", engine.Reject)
		}},
		{name: "rejected, then rematched", change: acceptance, status: engine.MatchDropped, matches: 2, then: func(h *harness, _ *fakePlacer) {
			accept(h, "b", "pb", engine.Accept) // b returns to the pool and matches again
			accept(h, "a", "pa", engine.Reject)
			h.start("c", player("pc", 120, nil))
			h.advance(1)
		}},
		{name: "acceptance timed out", change: acceptance, status: engine.MatchDropped, then: func(h *harness, _ *fakePlacer) {
			h.advance(10)
		}},
		{name: "placing", withQueue: true, status: "PLACING"},
		{name: "placed", withQueue: true, status: "COMPLETED", arn: session, then: placed("FULFILLED")},
		{name: "placement failed", withQueue: true, status: "FAILED", then: placed("FAILED")},
		{name: "placement timed out", withQueue: true, status: engine.MatchDropped, then: placed("TIMED_OUT")},
		{name: "placement timed out, then matched again", withQueue: true, status: engine.MatchDropped, matches: 2, then: func(h *harness, p *fakePlacer) {
			placed("TIMED_OUT")(h, p)
			h.advance(1) // the same two tickets match again
			placed("FULFILLED")(h, p)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h *harness
			var p *fakePlacer
			if tt.withQueue {
				h, p = newQueueHarness(t, oneVsOne, tt.change)
			} else {
				h = newHarness(t, oneVsOne, tt.change)
			}
			h.start("a", player("pa", 100, nil))
			h.start("b", player("pb", 110, nil))
			h.advance(1)
			if tt.then != nil {
				tt.then(h, p)
			}
			cs := h.configStatus()
			if want := max(tt.matches, 1); len(cs.RecentMatches) != want {
				t.Fatalf("%d recent matches, want %d", len(cs.RecentMatches), want)
			}
			if m := cs.RecentMatches[len(cs.RecentMatches)-1]; m.Status != tt.status || m.GameSessionArn != tt.arn || m.Backfill {
				t.Errorf("match status %q, session %q, backfill %v; want %q, %q, false", m.Status, m.GameSessionArn, m.Backfill, tt.status, tt.arn)
			}
		})
	}
}

func TestStatusBackfillMatch(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	if err := h.backfill("bf", "", onTeam(player("r1", 100, nil), "red")); err != nil {
		t.Fatal(err)
	}
	h.start("new", player("n1", 110, nil))
	h.advance(1)
	cs := h.configStatus()
	if len(cs.RecentMatches) != 1 {
		t.Fatalf("%d recent matches, want 1", len(cs.RecentMatches))
	}
	m := cs.RecentMatches[0]
	want := []engine.TeamSummary{{Name: "red", PlayerIDs: []string{"r1"}, TicketIDs: []string{"bf"}}, {Name: "blue", PlayerIDs: []string{"n1"}, TicketIDs: []string{"new"}}}
	if !m.Backfill || m.Status != "COMPLETED" || fmt.Sprint(m.Teams) != fmt.Sprint(want) {
		t.Errorf("backfill match %+v, want a completed backfill with teams %v", m, want)
	}
}
