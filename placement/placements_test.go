package placement

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// simpleQueue adds fleet f with the locations and a queue "q" on it.
func simpleQueue(h *ptHarness, timeout int, locs ...ptLoc) {
	h.t.Helper()
	f := h.fleet("f", 1, locs...)
	h.queue(CreateGameSessionQueueInput{Name: "q", TimeoutInSeconds: timeout, Destinations: []GameSessionQueueDestination{{f}}, CustomEventData: "ced"})
}

func TestPlacementFulfilledOnNextTick(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 60, ptLoc{"us-west-2", 1})
	got := h.start(StartGameSessionPlacementInput{
		PlacementId: "p1", GameSessionQueueName: "q", MaximumPlayerSessionCount: 4,
		GameSessionName: "arena", GameProperties: []engine.GameProperty{{Key: "mode", Value: "duel"}},
		DesiredPlayerSessions: []DesiredPlayer{{PlayerId: "a", PlayerData: "x"}, {PlayerId: "b"}},
		GameSessionData:       "map=1",
	})
	if got.Status != PlacementPending || !got.StartTime.Equal(ptEpoch) || !got.EndTime.IsZero() || got.GameSessionArn != "" {
		t.Fatalf("started %+v, want PENDING with no session", got)
	}
	h.at(0.5)
	if st := h.placement("p1").Status; st != PlacementPending {
		t.Fatalf("before the tick: %s", st)
	}
	h.at(1)
	p := h.placement("p1")
	if p.Status != PlacementFulfilled || !p.EndTime.Equal(ptEpoch.Add(time.Second)) {
		t.Fatalf("after the tick: %s ending %v", p.Status, p.EndTime)
	}
	if p.GameSessionRegion != "us-west-2" || p.GameSessionArn == "" || p.GameSessionId != p.GameSessionArn ||
		p.IpAddress == "" || p.DnsName == "" || p.Port < 1 || p.Port > 60000 {
		t.Errorf("connection: %+v", p)
	}
	if len(p.PlacedPlayerSessions) != 2 || p.PlacedPlayerSessions[0].PlayerId != "a" || !strings.HasPrefix(p.PlacedPlayerSessions[1].PlayerSessionId, "psess-") {
		t.Errorf("placed players %+v", p.PlacedPlayerSessions)
	}
	h.s.mu.Lock()
	gs := h.s.sessions[p.GameSessionArn]
	h.s.mu.Unlock()
	if gs == nil || gs.attrs.Name != "arena" || gs.attrs.MaximumPlayerSessionCount != 4 || gs.attrs.CurrentPlayerSessionCount != 2 ||
		gs.attrs.GameSessionData != "map=1" || len(gs.attrs.GameProperties) != 1 || gs.attrs.Location != "us-west-2" {
		t.Errorf("game session %+v", gs)
	}
	if len(h.s.pending) != 0 {
		t.Errorf("%d placements still pending", len(h.s.pending))
	}
}

func TestPlacementWaitsForCapacity(t *testing.T) {
	for _, free := range []string{"session ends", "capacity raised"} {
		t.Run(free, func(t *testing.T) {
			h := newPT(t)
			simpleQueue(h, 60, ptLoc{"us-west-2", 1})
			h.start(StartGameSessionPlacementInput{PlacementId: "first", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
			h.start(StartGameSessionPlacementInput{PlacementId: "second", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
			h.at(1)
			first := h.placement("first")
			if first.Status != PlacementFulfilled || h.placement("second").Status != PlacementPending {
				t.Fatalf("first %s, second %s: want FULFILLED, PENDING", first.Status, h.placement("second").Status)
			}
			h.at(5)
			if st := h.placement("second").Status; st != PlacementPending {
				t.Fatalf("no capacity, yet second is %s", st)
			}
			if free == "session ends" {
				h.s.mu.Lock()
				h.s.endSession(h.s.sessions[first.GameSessionArn], h.clock.Now())
				h.s.mu.Unlock()
			} else {
				h.setProcs("f", "us-west-2", 2)
			}
			h.at(5.5)
			if st := h.placement("second").Status; st != PlacementPending {
				t.Fatalf("between ticks second is %s", st)
			}
			h.at(6)
			second := h.placement("second")
			if second.Status != PlacementFulfilled || !second.EndTime.Equal(ptEpoch.Add(6*time.Second)) || second.GameSessionArn == first.GameSessionArn {
				t.Errorf("second %s at %v on %s", second.Status, second.EndTime, second.GameSessionArn)
			}
		})
	}
}

func TestPlacementTimesOut(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 10, ptLoc{"us-west-2", 0})
	h.start(StartGameSessionPlacementInput{PlacementId: "p", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	h.at(9)
	if st := h.placement("p").Status; st != PlacementPending {
		t.Fatalf("at 9 s: %s", st)
	}
	h.at(10)
	p := h.placement("p")
	if p.Status != PlacementTimedOut || !p.EndTime.Equal(ptEpoch.Add(10*time.Second)) {
		t.Fatalf("at 10 s: %s ending %v", p.Status, p.EndTime)
	}
	h.setProcs("f", "us-west-2", 1)
	h.at(11)
	if st := h.placement("p").Status; st != PlacementTimedOut || len(h.s.pending) != 0 {
		t.Errorf("after capacity appears: %s, %d pending", st, len(h.s.pending))
	}
	if len(h.events) != 1 || h.events[0].Detail.Type != EventPlacementTimedOut {
		t.Errorf("events %+v", h.events)
	}
}

// TestPlacementPolicyBoundary places a request whose only usable capacity
// is where the worst latency is 200 ms: it waits through the 50 and 100 ms
// policies and is placed on the tick at 240 s.
func TestPlacementPolicyBoundary(t *testing.T) {
	h := newPT(t)
	f := h.fleet("f", 1, ptLoc{"near", 0}, ptLoc{"far", 1})
	h.queue(CreateGameSessionQueueInput{
		Name: "q", TimeoutInSeconds: 600, Destinations: []GameSessionQueueDestination{{f}},
		PlayerLatencyPolicies: []PlayerLatencyPolicy{
			{MaximumIndividualPlayerLatencyMilliseconds: 50, PolicyDurationSeconds: new(120)},
			{MaximumIndividualPlayerLatencyMilliseconds: 100, PolicyDurationSeconds: new(120)},
			{MaximumIndividualPlayerLatencyMilliseconds: 200},
		},
	})
	h.start(StartGameSessionPlacementInput{
		PlacementId: "p", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2,
		PlayerLatencies: slices.Concat(pl("a", "near", 20, "far", 150), pl("b", "near", 30, "far", 200)),
	})
	h.at(239)
	if st := h.placement("p").Status; st != PlacementPending {
		t.Fatalf("at 239 s: %s", st)
	}
	h.at(240)
	if p := h.placement("p"); p.Status != PlacementFulfilled || p.GameSessionRegion != "far" {
		t.Fatalf("at 240 s: %s in %q", p.Status, p.GameSessionRegion)
	}
}

func TestPlacementOverride(t *testing.T) {
	tests := []struct {
		name     string
		override *PriorityConfigurationOverride
		apsProcs int
		want     string // region, or "" for still PENDING
	}{
		{"no override: queue's LocationOrder", nil, 1, "us-west-2"},
		{"override first", &PriorityConfigurationOverride{LocationOrder: []string{"ap-south-1"}}, 1, "ap-south-1"},
		{"default fallback to the queue's order", &PriorityConfigurationOverride{LocationOrder: []string{"ap-south-1"}}, 0, "us-west-2"},
		{"NONE: override locations only", &PriorityConfigurationOverride{LocationOrder: []string{"ap-south-1"}, PlacementFallbackStrategy: FallbackNone}, 0, ""},
		{"NONE with capacity", &PriorityConfigurationOverride{LocationOrder: []string{"ap-south-1"}, PlacementFallbackStrategy: FallbackNone}, 1, "ap-south-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newPT(t)
			f := h.fleet("f", 1, ptLoc{"eu-west-1", 1}, ptLoc{"us-west-2", 1}, ptLoc{"ap-south-1", tc.apsProcs})
			h.queue(CreateGameSessionQueueInput{
				Name: "q", Destinations: []GameSessionQueueDestination{{f}},
				PriorityConfiguration: &PriorityConfiguration{PriorityOrder: []string{"LOCATION"}, LocationOrder: []string{"us-west-2", "eu-west-1"}},
			})
			h.start(StartGameSessionPlacementInput{PlacementId: "p", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2, PriorityConfigurationOverride: tc.override})
			h.at(3)
			p := h.placement("p")
			if tc.want == "" {
				if p.Status != PlacementPending {
					t.Errorf("%s in %s, want PENDING", p.Status, p.GameSessionRegion)
				}
			} else if p.Status != PlacementFulfilled || p.GameSessionRegion != tc.want {
				t.Errorf("%s in %q, want FULFILLED in %s", p.Status, p.GameSessionRegion, tc.want)
			}
			if tc.override != nil && (p.PriorityConfigurationOverride == nil || p.PriorityConfigurationOverride.PlacementFallbackStrategy == "") {
				t.Errorf("override %+v not described with its strategy", p.PriorityConfigurationOverride)
			}
		})
	}
}

func TestStopPlacement(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 60, ptLoc{"us-west-2", 1})
	h.start(StartGameSessionPlacementInput{PlacementId: "stopped", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	h.start(StartGameSessionPlacementInput{PlacementId: "placed", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	h.at(0.5)
	out, err := h.s.StopGameSessionPlacement(ptCtx, &StopGameSessionPlacementInput{PlacementId: "stopped"})
	if err != nil {
		t.Fatal(err)
	}
	if p := out.GameSessionPlacement; p.Status != PlacementCancelled || !p.EndTime.Equal(ptEpoch.Add(500*time.Millisecond)) {
		t.Fatalf("stopped: %s at %v", p.Status, p.EndTime)
	}
	if len(h.s.pending) != 1 {
		t.Errorf("%d pending after the stop, want 1", len(h.s.pending))
	}
	h.at(1)
	// The cancelled placement, first in line, did not take the process.
	if a, b := h.placement("stopped").Status, h.placement("placed").Status; a != PlacementCancelled || b != PlacementFulfilled {
		t.Fatalf("stopped %s, placed %s", a, b)
	}
	for _, tc := range []struct{ id, code string }{
		{"stopped", engine.CodeInvalidRequest},
		{"placed", engine.CodeInvalidRequest},
		{"nobody", engine.CodeNotFound},
	} {
		_, err := h.s.StopGameSessionPlacement(ptCtx, &StopGameSessionPlacementInput{PlacementId: tc.id})
		wantCode(t, err, tc.code)
	}
	var types []string
	for _, ev := range h.events {
		types = append(types, ev.Detail.Type+":"+ev.Detail.PlacementID)
	}
	if want := []string{"PlacementCancelled:stopped", "PlacementFulfilled:placed"}; !slices.Equal(types, want) {
		t.Errorf("events %v, want %v", types, want)
	}
}

func TestQueueDeletedFailsPlacements(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 60, ptLoc{"us-west-2", 0})
	h.start(StartGameSessionPlacementInput{PlacementId: "p", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	h.at(1)
	if _, err := h.s.DeleteGameSessionQueue(ptCtx, &DeleteGameSessionQueueInput{Name: "q"}); err != nil {
		t.Fatal(err)
	}
	h.at(2)
	if p := h.placement("p"); p.Status != PlacementFailed || p.GameSessionQueueName != "q" {
		t.Errorf("after the queue's deletion: %s", p.Status)
	}
	if len(h.events) != 1 || h.events[0].Detail.Type != EventPlacementFailed || h.events[0].Detail.Reason == "" {
		t.Errorf("events %+v", h.events)
	}
}

func TestStartPlacementErrors(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 60, ptLoc{"us-west-2", 1})
	f := h.fleet("g", 1, ptLoc{"us-west-2", 1})
	h.queue(CreateGameSessionQueueInput{
		Name: "byLocation", Destinations: []GameSessionQueueDestination{{f}},
		PriorityConfiguration: &PriorityConfiguration{PriorityOrder: []string{"LOCATION"}, LocationOrder: []string{"us-west-2"}},
	})
	h.start(StartGameSessionPlacementInput{PlacementId: "used", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	ok := func() StartGameSessionPlacementInput {
		return StartGameSessionPlacementInput{PlacementId: "new", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2}
	}
	override := &PriorityConfigurationOverride{LocationOrder: []string{"us-west-2"}}
	tests := []struct {
		name   string
		change func(*StartGameSessionPlacementInput)
		code   string
	}{
		{"ID reused", func(in *StartGameSessionPlacementInput) { in.PlacementId = "used" }, engine.CodeInvalidRequest},
		{"ID empty", func(in *StartGameSessionPlacementInput) { in.PlacementId = "" }, engine.CodeInvalidRequest},
		{"ID with a dot", func(in *StartGameSessionPlacementInput) { in.PlacementId = "a.b" }, engine.CodeInvalidRequest},
		{"ID too long", func(in *StartGameSessionPlacementInput) { in.PlacementId = strings.Repeat("x", 49) }, engine.CodeInvalidRequest},
		{"no queue name", func(in *StartGameSessionPlacementInput) { in.GameSessionQueueName = "" }, engine.CodeInvalidRequest},
		{"unknown queue", func(in *StartGameSessionPlacementInput) { in.GameSessionQueueName = "nope" }, engine.CodeNotFound},
		{"negative maximum", func(in *StartGameSessionPlacementInput) { in.MaximumPlayerSessionCount = -1 }, engine.CodeInvalidRequest},
		{"more players than seats", func(in *StartGameSessionPlacementInput) {
			in.DesiredPlayerSessions = []DesiredPlayer{{PlayerId: "a"}, {PlayerId: "b"}, {PlayerId: "c"}}
		}, engine.CodeInvalidRequest},
		{"player twice", func(in *StartGameSessionPlacementInput) {
			in.DesiredPlayerSessions = []DesiredPlayer{{PlayerId: "a"}, {PlayerId: "a"}}
		}, engine.CodeInvalidRequest},
		{"17 game properties", func(in *StartGameSessionPlacementInput) {
			in.GameProperties = make([]engine.GameProperty, 17)
			for i := range in.GameProperties {
				in.GameProperties[i].Key = string(rune('a' + i))
			}
		}, engine.CodeInvalidRequest},
		{"negative latency", func(in *StartGameSessionPlacementInput) { in.PlayerLatencies = pl("a", "us-west-2", -1) }, engine.CodeInvalidRequest},
		{"latencies and override", func(in *StartGameSessionPlacementInput) {
			in.GameSessionQueueName, in.PlayerLatencies, in.PriorityConfigurationOverride = "byLocation", pl("a", "us-west-2", 10), override
		}, engine.CodeInvalidRequest},
		{"override on a queue without LOCATION", func(in *StartGameSessionPlacementInput) { in.PriorityConfigurationOverride = override }, engine.CodeInvalidRequest},
		{"override with 11 locations", func(in *StartGameSessionPlacementInput) {
			in.GameSessionQueueName = "byLocation"
			in.PriorityConfigurationOverride = &PriorityConfigurationOverride{LocationOrder: slices.Repeat([]string{"us-west-2"}, 11)}
		}, engine.CodeInvalidRequest},
		{"unknown fallback", func(in *StartGameSessionPlacementInput) {
			in.GameSessionQueueName = "byLocation"
			in.PriorityConfigurationOverride = &PriorityConfigurationOverride{LocationOrder: []string{"us-west-2"}, PlacementFallbackStrategy: "LATER"}
		}, engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := ok()
			tc.change(&in)
			_, err := h.s.StartGameSessionPlacement(ptCtx, &in)
			wantCode(t, err, tc.code)
		})
	}
	// The queue by ARN, and an override on a LOCATION queue, are fine.
	in := ok()
	in.GameSessionQueueName = h.s.arn("gamesessionqueue", "byLocation")
	in.PriorityConfigurationOverride = override
	if _, err := h.s.StartGameSessionPlacement(ptCtx, &in); err != nil {
		t.Fatal(err)
	}
	// An ended placement's ID stays taken.
	h.at(1)
	if _, err := h.s.StopGameSessionPlacement(ptCtx, &StopGameSessionPlacementInput{PlacementId: "used"}); err == nil {
		t.Fatal("stopping a FULFILLED placement succeeded")
	}
	in = ok()
	in.PlacementId = "used"
	_, err := h.s.StartGameSessionPlacement(ptCtx, &in)
	wantCode(t, err, engine.CodeInvalidRequest)
	_, err = h.s.DescribeGameSessionPlacement(ptCtx, &DescribeGameSessionPlacementInput{PlacementId: "nobody"})
	wantCode(t, err, engine.CodeNotFound)
}

func TestPendingStaysCompact(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 10, ptLoc{"us-west-2", 3})
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		h.start(StartGameSessionPlacementInput{PlacementId: id, GameSessionQueueName: "q", MaximumPlayerSessionCount: 1})
	}
	if _, err := h.s.StopGameSessionPlacement(ptCtx, &StopGameSessionPlacementInput{PlacementId: "b"}); err != nil {
		t.Fatal(err)
	}
	h.at(1)
	var ids []string
	for _, p := range h.s.pending {
		ids = append(ids, p.attrs.PlacementId)
	}
	if want := []string{"e", "f"}; !slices.Equal(ids, want) {
		t.Errorf("pending %v, want %v (a, c, d placed in start order, b stopped)", ids, want)
	}
	h.at(10)
	if len(h.s.pending) != 0 || cap(h.s.pending) > 8 {
		t.Errorf("after the timeout: %d pending", len(h.s.pending))
	}
}
