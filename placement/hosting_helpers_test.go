package placement

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// Helpers of the hosting tests (fleets, aliases, game and player sessions).

var hostCtx = context.Background()

// hostEpoch is the virtual clock's start in the hosting tests.
var hostEpoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// host is a Service on a virtual clock.
type host struct {
	t     *testing.T
	clock *engine.VirtualClock
	s     *Service
}

func newHost(t *testing.T) *host {
	t.Helper()
	clock := engine.NewVirtualClock(hostEpoch)
	s := New(WithClock(clock), WithSeed(7))
	t.Cleanup(func() { s.Close() })
	return &host{t: t, clock: clock, s: s}
}

// fleet adds a fleet of instances × processes in us-east-1 and any other
// locations given.
func (h *host) fleet(instances, processes int, more ...LocationSpec) FleetAttributes {
	h.t.Helper()
	spec := FleetSpec{Name: "game", ProcessesPerInstance: processes,
		Locations: append([]LocationSpec{{Location: "us-east-1", Instances: instances}}, more...)}
	f, err := h.s.AddFleet(spec)
	if err != nil {
		h.t.Fatalf("AddFleet: %v", err)
	}
	return f
}

// session creates a game session on a fleet, changed by change.
func (h *host) session(fleetID string, maxPlayers int, change ...func(*CreateGameSessionInput)) GameSession {
	h.t.Helper()
	in := &CreateGameSessionInput{FleetId: fleetID, MaximumPlayerSessionCount: maxPlayers}
	for _, c := range change {
		c(in)
	}
	out, err := h.s.CreateGameSession(hostCtx, in)
	if err != nil {
		h.t.Fatalf("CreateGameSession: %v", err)
	}
	return *out.GameSession
}

// describe returns a game session as DescribeGameSessions reports it.
func (h *host) describe(id string) GameSession {
	h.t.Helper()
	out, err := h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{GameSessionId: id})
	if err != nil {
		h.t.Fatalf("DescribeGameSessions: %v", err)
	}
	return out.GameSessions[0]
}

// players reserves seats for the players, failing the test on an error.
func (h *host) players(gameSessionID string, ids ...string) []PlayerSession {
	h.t.Helper()
	out, err := h.s.CreatePlayerSessions(hostCtx, &CreatePlayerSessionsInput{GameSessionId: gameSessionID, PlayerIds: ids})
	if err != nil {
		h.t.Fatalf("CreatePlayerSessions: %v", err)
	}
	return out.PlayerSessions
}

// playerSession describes one player session.
func (h *host) playerSession(id string) PlayerSession {
	h.t.Helper()
	out, err := h.s.DescribePlayerSessions(hostCtx, &DescribePlayerSessionsInput{PlayerSessionId: id})
	if err != nil {
		h.t.Fatalf("DescribePlayerSessions: %v", err)
	}
	return out.PlayerSessions[0]
}

// wantErr checks that err is an *engine.Error of the code whose message
// holds every fragment.
func wantErr(t *testing.T, err error, code string, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := engine.ErrorCode(err); got != code {
		t.Fatalf("got %v, want a %s", err, code)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not say %q", err, f)
		}
	}
}

func intPtr(n int) *int       { return &n }
func strPtr(s string) *string { return &s }
func props(kv ...string) []engine.GameProperty {
	var out []engine.GameProperty
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, engine.GameProperty{Key: kv[i], Value: kv[i+1]})
	}
	return out
}
