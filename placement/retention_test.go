package placement

import (
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// TestGameSessionRetention: a TERMINATED game session and its player
// sessions stay describable for the retention period (30 days by default,
// as AWS keeps them) and are forgotten at the first tick after it; its
// idempotency token can then be used again. Sessions still running are
// never forgotten.
func TestGameSessionRetention(t *testing.T) {
	for _, tc := range []struct {
		name      string
		retention time.Duration // 0: the default
		opts      []Option
	}{
		{name: "default 30 days", retention: DefaultGameSessionRetention},
		{name: "1 hour", retention: time.Hour, opts: []Option{WithGameSessionRetention(time.Hour)}},
		{name: "none", retention: 0, opts: []Option{WithGameSessionRetention(0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := engine.NewVirtualClock(hostEpoch)
			h := &host{t: t, clock: clock, s: New(append([]Option{WithClock(clock), WithSeed(7)}, tc.opts...)...)}
			t.Cleanup(func() { h.s.Close() })
			f := h.fleet(1, 2)
			token := func(in *CreateGameSessionInput) { in.IdempotencyToken = "match-1" }
			ended := h.session(f.FleetId, 4, token)
			running := h.session(f.FleetId, 4)
			ps := h.players(ended.GameSessionId, "a")[0]
			if err := h.s.EndGameSession(ended.GameSessionId); err != nil {
				t.Fatal(err)
			}
			found := func(id string) bool {
				out, err := h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{GameSessionId: id})
				return err == nil && len(out.GameSessions) == 1
			}
			seat := func() bool {
				out, err := h.s.DescribePlayerSessions(hostCtx, &DescribePlayerSessionsInput{PlayerSessionId: ps.PlayerSessionId})
				return err == nil && len(out.PlayerSessions) == 1
			}
			if tc.retention > 0 {
				clock.Advance(tc.retention - time.Second) // ticks every second up to a second short of it
				if !found(ended.GameSessionId) || !seat() {
					t.Fatalf("forgotten %v after it ended, before its retention of %v", tc.retention-time.Second, tc.retention)
				}
				h.session(f.FleetId, 4, token) // the same session again: idempotent
			}
			clock.Advance(time.Second)
			if found(ended.GameSessionId) || seat() {
				t.Errorf("still describable %v after it ended", tc.retention)
			}
			if !found(running.GameSessionId) {
				t.Errorf("a running session was forgotten")
			}
			all, err := h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{FleetId: f.FleetId})
			if err != nil || len(all.GameSessions) != 1 || all.GameSessions[0].GameSessionId != running.GameSessionId {
				t.Errorf("the fleet's sessions: %+v, %v; want only the running one", all, err)
			}
			again := h.session(f.FleetId, 4, token)
			if again.GameSessionId != ended.GameSessionId || again.Status != GameSessionActive {
				t.Errorf("the token used again: %s %s, want a new ACTIVE %s", again.GameSessionId, again.Status, ended.GameSessionId)
			}
		})
	}
}
