package placement

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// Helpers of the queue and placement tests.

var ptEpoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

var ptCtx = context.Background()

// ptHarness is a Service on a virtual clock that records its events.
type ptHarness struct {
	t      *testing.T
	clock  *engine.VirtualClock
	s      *Service
	events []Event
}

func newPT(t *testing.T) *ptHarness {
	t.Helper()
	h := &ptHarness{t: t, clock: engine.NewVirtualClock(ptEpoch)}
	h.s = New(WithClock(h.clock), WithSeed(7), WithEventHandler(func(ev Event) { h.events = append(h.events, ev) }))
	t.Cleanup(func() { h.s.Close() })
	return h
}

// ptLoc is a fleet location with its number of server processes.
type ptLoc struct {
	name  string
	procs int
}

// fleet adds a fleet with one process per instance straight to the model,
// so that it has exactly the locations given, and returns its ARN.
func (h *ptHarness) fleet(id string, cost float64, locs ...ptLoc) string {
	h.t.Helper()
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	f := &fleet{
		attrs:                FleetAttributes{FleetId: id, FleetArn: s.arn("fleet", id), Name: id, Status: "ACTIVE", CreationTime: ptEpoch},
		processesPerInstance: 1,
		costPerHour:          cost,
	}
	for _, l := range locs {
		f.locations = append(f.locations, &fleetLocation{location: l.name, desired: l.procs, max: max(l.procs, 1)})
	}
	s.fleets[id] = f
	s.fleetOrder = append(s.fleetOrder, f)
	return f.attrs.FleetArn
}

// setProcs changes the number of processes of a fleet location.
func (h *ptHarness) setProcs(id, loc string, procs int) {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	h.s.fleets[id].location(loc).desired = procs
}

func (h *ptHarness) queue(in CreateGameSessionQueueInput) GameSessionQueue {
	h.t.Helper()
	out, err := h.s.CreateGameSessionQueue(ptCtx, &in)
	if err != nil {
		h.t.Fatalf("CreateGameSessionQueue: %v", err)
	}
	return *out.GameSessionQueue
}

func (h *ptHarness) start(in StartGameSessionPlacementInput) GameSessionPlacement {
	h.t.Helper()
	out, err := h.s.StartGameSessionPlacement(ptCtx, &in)
	if err != nil {
		h.t.Fatalf("StartGameSessionPlacement %s: %v", in.PlacementId, err)
	}
	return *out.GameSessionPlacement
}

func (h *ptHarness) placement(id string) GameSessionPlacement {
	h.t.Helper()
	out, err := h.s.DescribeGameSessionPlacement(ptCtx, &DescribeGameSessionPlacementInput{PlacementId: id})
	if err != nil {
		h.t.Fatalf("DescribeGameSessionPlacement %s: %v", id, err)
	}
	return *out.GameSessionPlacement
}

// at moves the clock to the given number of seconds after ptEpoch.
func (h *ptHarness) at(seconds float64) {
	h.clock.Set(ptEpoch.Add(time.Duration(seconds * float64(time.Second))))
}

// rank orders the queue's candidates for the latencies at an age, as
// "fleet/location" strings.
func (h *ptHarness) rank(queue string, lats []PlayerLatency, age time.Duration) []string {
	h.t.Helper()
	pp, err := h.s.PlacementPlan(queue)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, c := range pp.Rank(lats, age, nil) {
		out = append(out, c.FleetId+"/"+c.Location)
	}
	return out
}

// pl builds one player's PlayerLatencies from location, milliseconds
// pairs, in the order given.
func pl(player string, locMs ...any) []PlayerLatency {
	var out []PlayerLatency
	for i := 0; i+1 < len(locMs); i += 2 {
		out = append(out, PlayerLatency{PlayerId: player, RegionIdentifier: locMs[i].(string), LatencyInMilliseconds: float32(locMs[i+1].(int))})
	}
	return out
}

// wantCode fails unless err is an *engine.Error of the code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *engine.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("error %v, want %s", err, code)
	}
}
