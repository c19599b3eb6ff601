package engine_test

import (
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// TestQuiet checks when the engine reports that a tick would change
// nothing: never while a ticket waits for its first tick or searches,
// while a match's acceptance is running out or after a ticket ended until
// the tick that drops its party, nor when a ticket is due to be
// forgotten; otherwise always.
func TestQuiet(t *testing.T) {
	const retention = time.Hour
	type at struct {
		after time.Duration // from the clock's reading after setup
		quiet bool
	}
	for _, tc := range []struct {
		name       string
		acceptance int // seconds, 0: none
		setup      func(h *harness)
		want       []at
	}{
		{"no ticket", 0, func(h *harness) {}, []at{{0, true}, {100 * retention, true}}},
		{"a QUEUED ticket", 0, func(h *harness) {
			h.start("a", player("pa", 10, nil))
		}, []at{{0, false}}},
		{"a SEARCHING ticket", 0, func(h *harness) {
			h.start("a", player("pa", 10, nil))
			h.advance(1)
		}, []at{{0, false}, {time.Hour, false}}},
		{"a ticket stopped between ticks, until the next drops its party", 0, func(h *harness) {
			h.start("a", player("pa", 10, nil))
			h.advance(1)
			if _, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: "a"}); err != nil {
				t.Fatal(err)
			}
		}, []at{{0, false}}},
		// the 60th tick times it out and drops its party
		{"a timed-out ticket, until the retention forgets it", 0, func(h *harness) {
			h.start("a", player("pa", 10, nil))
			h.advance(60)
		}, []at{{0, true}, {retention - time.Nanosecond, true}, {retention, false}}},
		{"a match awaiting acceptance, until its deadline", 10, func(h *harness) {
			h.start("a", player("pa", 10, nil))
			h.start("b", player("pb", 10, nil))
			h.advance(1)
		}, []at{{0, true}, {10*time.Second - time.Nanosecond, true}, {10 * time.Second, false}}},
		{"an accepted match, until the next tick drops the parties", 10, func(h *harness) {
			h.start("a", player("pa", 10, nil))
			h.start("b", player("pb", 10, nil))
			h.advance(1)
			h.mustAccept("a", engine.Accept, "pa")
			h.mustAccept("b", engine.Accept, "pb")
		}, []at{{0, false}}},
		{"an accepted match after that tick", 10, func(h *harness) {
			h.start("a", player("pa", 10, nil))
			h.start("b", player("pb", 10, nil))
			h.advance(1)
			h.mustAccept("a", engine.Accept, "pa")
			h.mustAccept("b", engine.Accept, "pb")
			h.advance(1)
			// they ended a second ago
		}, []at{{0, true}, {retention - time.Second - time.Nanosecond, true}, {retention - time.Second, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
				if tc.acceptance > 0 {
					withAcceptance(tc.acceptance)(in)
				}
			}, engine.WithTicketRetention(retention))
			tc.setup(h)
			for _, w := range tc.want {
				if got := h.e.Quiet(h.clock.Now().Add(w.after)); got != w.quiet {
					t.Errorf("Quiet %v after setup: %v, want %v", w.after, got, w.quiet)
				}
			}
		})
	}
}

// TestQuietNeverBeforeLastReading checks that Quiet judges a time before
// the engine's latest reading at that reading, as Tick runs it.
func TestQuietNeverBeforeLastReading(t *testing.T) {
	retention := time.Hour + 500*time.Millisecond
	h := newHarness(t, oneVsOne, nil, engine.WithTicketRetention(retention))
	h.start("a", player("pa", 10, nil))
	h.advance(60)                                     // a timed out at the 60th tick
	h.clock.Advance(time.Hour + 700*time.Millisecond) // no tick since a's retention ran out
	h.e.Status()                                      // the engine reads the clock
	lastTick := epoch.Add(60*time.Second + time.Hour)
	if h.e.Quiet(lastTick) {
		t.Errorf("Quiet(%v) judged the tick at that time, not at the engine's latest reading, when a is due to be forgotten", lastTick)
	}
}

// TestQuietWhilePlacing checks that a match awaiting its placement leaves
// the engine's tick nothing to do, and that the tickets back from a
// placement that timed out do not.
func TestQuietWhilePlacing(t *testing.T) {
	h, p := newQueueHarness(t, oneVsOne, nil)
	h.start("a", player("pa", 10, nil))
	h.start("b", player("pb", 10, nil))
	h.advance(1)
	if !h.e.Quiet(h.clock.Now()) {
		t.Errorf("not quiet while the match awaits its placement (%s)", h.status("a"))
	}
	h.e.PlacementDone(engine.PlacementResult{PlacementId: p.requests()[0].PlacementId, Status: "TIMED_OUT"})
	if h.e.Quiet(h.clock.Now()) {
		t.Errorf("quiet with tickets back from a placement that timed out (%s)", h.status("a"))
	}
}
