package placement

import (
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// TestQuiet checks when the Service reports that a tick would change
// nothing: not when a reservation is due or the head of the reservations
// left RESERVED, a call timed out a reservation since the last tick, a
// game session is TERMINATING, an ended session is due to be forgotten, a
// placement is PENDING or an event waits for delivery; otherwise always.
func TestQuiet(t *testing.T) {
	const retention = time.Hour
	type at struct {
		after time.Duration // from the clock's reading after setup
		quiet bool
	}
	// session starts a game session of up to 4 players on a new fleet.
	session := func(h *host) string {
		return h.session(h.fleet(1, 2).FleetId, 4).GameSessionId
	}
	for _, tc := range []struct {
		name  string
		setup func(h *host)
		want  []at
	}{
		{"nothing", func(h *host) {}, []at{{0, true}, {100 * retention, true}}},
		{"a game session without players", func(h *host) { session(h) }, []at{{0, true}, {100 * retention, true}}},
		{"a reserved seat, until it times out", func(h *host) {
			h.players(session(h), "a")
		}, []at{{0, true}, {ReservedTimeout - time.Nanosecond, true}, {ReservedTimeout, false}}},
		{"a seat taken at the head of the reservations, until the next tick", func(h *host) {
			ps := h.players(session(h), "a", "b")
			if err := h.s.PlayerConnected(ps[0].PlayerSessionId); err != nil {
				t.Fatal(err)
			}
		}, []at{{0, false}}},
		{"after that tick", func(h *host) {
			ps := h.players(session(h), "a", "b")
			if err := h.s.PlayerConnected(ps[0].PlayerSessionId); err != nil {
				t.Fatal(err)
			}
			h.clock.Advance(time.Second)
		}, []at{{0, true}, {ReservedTimeout - time.Second, false}}},
		{"a reservation a call timed out, until the next tick", func(h *host) {
			h.clock.Advance(time.Second / 2) // between ticks
			seat := h.players(session(h), "a")[0].PlayerSessionId
			h.clock.Advance(ReservedTimeout + time.Second/4) // its time is up, the tick that times it out is to come
			if got := h.playerSession(seat); got.Status != PlayerSessionTimedOut || !got.TerminationTime.Equal(got.CreationTime.Add(ReservedTimeout)) {
				t.Fatalf("read after its time: %s at %v", got.Status, got.TerminationTime)
			}
		}, []at{{0, false}, {time.Second / 4, false}}},
		{"after that tick", func(h *host) {
			h.clock.Advance(time.Second / 2)
			h.players(session(h), "a")
			h.clock.Advance(ReservedTimeout + time.Second/4)
			h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{})
			h.clock.Advance(time.Second / 4)
		}, []at{{0, true}}},
		{"a TERMINATING game session, until the next tick", func(h *host) {
			in := &TerminateGameSessionInput{GameSessionId: session(h), TerminationMode: TerminationTriggerOnProcessTerminate}
			if _, err := h.s.TerminateGameSession(hostCtx, in); err != nil {
				t.Fatal(err)
			}
		}, []at{{0, false}}},
		{"an ended game session, until its retention", func(h *host) {
			if err := h.s.EndGameSession(session(h)); err != nil {
				t.Fatal(err)
			}
		}, []at{{0, true}, {retention - time.Nanosecond, true}, {retention, false}}},
		{"a PENDING placement", func(h *host) {
			q := CreateGameSessionQueueInput{Name: "q", Destinations: []GameSessionQueueDestination{{h.fleet(1, 1).FleetArn}}}
			if _, err := h.s.CreateGameSessionQueue(hostCtx, &q); err != nil {
				t.Fatal(err)
			}
			if _, err := h.s.StartGameSessionPlacement(hostCtx, &StartGameSessionPlacementInput{PlacementId: "p", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2}); err != nil {
				t.Fatal(err)
			}
		}, []at{{0, false}}},
		{"an event waiting for delivery", func(h *host) {
			h.s.mu.Lock()
			h.s.place.outbox.add(func() {})
			h.s.mu.Unlock()
		}, []at{{0, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := engine.NewVirtualClock(hostEpoch)
			h := &host{t: t, clock: clock, s: New(WithClock(clock), WithSeed(7), WithGameSessionRetention(retention))}
			t.Cleanup(func() { h.s.Close() })
			tc.setup(h)
			for _, w := range tc.want {
				if got := h.s.Quiet(h.clock.Now().Add(w.after)); got != w.quiet {
					t.Errorf("Quiet %v after setup: %v, want %v", w.after, got, w.quiet)
				}
			}
		})
	}
}
