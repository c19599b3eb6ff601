package placement

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

func TestPlacementFulfilledEvent(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 60, ptLoc{"us-west-2", 1})
	h.start(StartGameSessionPlacementInput{PlacementId: "p", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2, DesiredPlayerSessions: []DesiredPlayer{{PlayerId: "a"}}})
	h.at(1)
	if len(h.events) != 1 {
		t.Fatalf("%d events", len(h.events))
	}
	p := h.placement("p")
	raw, err := json.Marshal(h.events[0])
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"version": "0", "detail-type": "GameLift Queue Placement Event", "source": "aws.gamelift",
		"account": "123456789012", "region": "us-east-1", "time": "2026-03-01T12:00:01.000Z",
	}
	for k, v := range want {
		if ev[k] != v {
			t.Errorf("%s = %v, want %v", k, ev[k], v)
		}
	}
	if id, _ := ev["id"].(string); len(id) != 36 {
		t.Errorf("id %q is not a UUID", id)
	}
	if rs, _ := ev["resources"].([]any); len(rs) != 1 || rs[0] != "arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/q" {
		t.Errorf("resources %v", ev["resources"])
	}
	d := ev["detail"].(map[string]any)
	wantDetail := map[string]any{
		"type": "PlacementFulfilled", "placementId": "p", "port": strconv.Itoa(p.Port),
		"gameSessionArn": p.GameSessionArn, "ipAddress": p.IpAddress, "dnsName": p.DnsName,
		"startTime": "2026-03-01T12:00:00.000Z", "endTime": "2026-03-01T12:00:01.000Z",
		"gameSessionRegion": "us-west-2", "customEventData": "ced",
	}
	for k, v := range wantDetail {
		if d[k] != v {
			t.Errorf("detail.%s = %v, want %v", k, d[k], v)
		}
	}
	ps, _ := d["placedPlayerSessions"].([]any)
	if len(ps) != 1 || ps[0].(map[string]any)["playerId"] != "a" || ps[0].(map[string]any)["playerSessionId"] != p.PlacedPlayerSessions[0].PlayerSessionId {
		t.Errorf("placedPlayerSessions %v", d["placedPlayerSessions"])
	}
	if _, ok := d["reason"]; ok {
		t.Error("a fulfilled event carries a reason")
	}
}

func TestPlacementEventsInOrder(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 10, ptLoc{"us-west-2", 1})
	for _, id := range []string{"p1", "p2", "p3"} {
		h.start(StartGameSessionPlacementInput{PlacementId: id, GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	}
	h.at(0.5)
	if _, err := h.s.StopGameSessionPlacement(ptCtx, &StopGameSessionPlacementInput{PlacementId: "p3"}); err != nil {
		t.Fatal(err)
	}
	h.at(10)
	var got []string
	for _, ev := range h.events {
		d := ev.Detail
		got = append(got, d.Type+":"+d.PlacementID+"@"+ev.Time)
		if d.Type != EventPlacementFulfilled && (d.Port != "" || d.GameSessionArn != "" || d.PlacedPlayerSessions != nil) {
			t.Errorf("%s carries connection fields: %+v", d.Type, d)
		}
	}
	want := []string{
		"PlacementCancelled:p3@2026-03-01T12:00:00.500Z",
		"PlacementFulfilled:p1@2026-03-01T12:00:01.000Z",
		"PlacementTimedOut:p2@2026-03-01T12:00:10.000Z",
	}
	if len(got) != len(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: %s, want %s", i, got[i], want[i])
		}
	}
}

// TestEventHandlerMayCallBack: the handler runs without the lock held, so it
// can call the Service; what it causes is delivered after it, in order.
func TestEventHandlerMayCallBack(t *testing.T) {
	clock := engine.NewVirtualClock(ptEpoch)
	var s *Service
	var got []string
	s = New(WithClock(clock), WithEventHandler(func(ev Event) {
		got = append(got, ev.Detail.Type+":"+ev.Detail.PlacementID)
		if ev.Detail.PlacementID == "p1" {
			if _, err := s.StopGameSessionPlacement(ptCtx, &StopGameSessionPlacementInput{PlacementId: "p2"}); err != nil {
				t.Error(err)
			}
			got = append(got, "stopped p2")
		}
	}))
	defer s.Close()
	h := &ptHarness{t: t, clock: clock, s: s}
	simpleQueue(h, 60, ptLoc{"us-west-2", 1})
	h.start(StartGameSessionPlacementInput{PlacementId: "p1", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	h.start(StartGameSessionPlacementInput{PlacementId: "p2", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2})
	h.at(1)
	want := []string{"PlacementFulfilled:p1", "stopped p2", "PlacementCancelled:p2"}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("deliveries %v, want %v", got, want)
	}
}

func TestStartPlacementFromEngine(t *testing.T) {
	player := func(id string, lat map[string]int) ticket.Player {
		return ticket.Player{PlayerID: id, Team: "red", LatencyInMs: lat}
	}
	tests := []struct {
		name       string
		procs      int
		wantStatus string
		wantAt     time.Duration
	}{
		{"fulfilled", 1, PlacementFulfilled, time.Second},
		{"timed out", 0, PlacementTimedOut, 10 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newPT(t)
			simpleQueue(h, 10, ptLoc{"us-west-2", tc.procs}, ptLoc{"eu-west-1", tc.procs})
			var results []engine.PlacementResult
			var when []time.Time
			req := engine.PlacementRequest{
				PlacementId: "match-1", QueueArn: h.s.arn("gamesessionqueue", "q"),
				Players: []ticket.Player{
					player("a", map[string]int{"us-west-2": 80, "eu-west-1": 20}),
					player("b", map[string]int{"us-west-2": 90, "eu-west-1": 40}),
				},
				GameProperties: []engine.GameProperty{{Key: "k", Value: "v"}}, GameSessionData: "data",
				MatchmakerData: `{"matchId":"match-1"}`, MaximumPlayers: 4,
				Done: func(res engine.PlacementResult) {
					// The lock is not held: the Service can be called.
					p, err := h.s.DescribeGameSessionPlacement(ptCtx, &DescribeGameSessionPlacementInput{PlacementId: res.PlacementId})
					if err != nil || p.GameSessionPlacement.Status != res.Status {
						t.Errorf("Describe from Done: %v, %v", p, err)
					}
					results = append(results, res)
					when = append(when, h.clock.Now())
				},
			}
			if err := h.s.StartPlacement(req); err != nil {
				t.Fatal(err)
			}
			if len(results) != 0 {
				t.Fatal("Done called from StartPlacement")
			}
			p := h.placement("match-1")
			if len(p.PlayerLatencies) != 4 || p.PlayerLatencies[0] != (PlayerLatency{"a", "eu-west-1", 20}) || p.MaximumPlayerSessionCount != 4 || p.MatchmakerData == "" {
				t.Errorf("placement %+v", p)
			}
			h.at(20)
			if len(results) != 1 {
				t.Fatalf("Done called %d times", len(results))
			}
			res := results[0]
			if res.PlacementId != "match-1" || res.Status != tc.wantStatus || !when[0].Equal(ptEpoch.Add(tc.wantAt)) {
				t.Errorf("result %+v at %v", res, when[0])
			}
			if tc.wantStatus != PlacementFulfilled {
				if res.Connection != nil {
					t.Errorf("connection %+v on %s", res.Connection, res.Status)
				}
				return
			}
			p = h.placement("match-1")
			c := res.Connection
			if c == nil || c.GameSessionArn != p.GameSessionArn || c.IpAddress != p.IpAddress || c.DnsName != p.DnsName || c.Port != p.Port ||
				len(c.MatchedPlayerSessions) != 2 || c.MatchedPlayerSessions[1].PlayerId != "b" || c.MatchedPlayerSessions[1].PlayerSessionId != p.PlacedPlayerSessions[1].PlayerSessionId ||
				p.MaximumPlayerSessionCount != 4 {
				t.Errorf("result %+v, connection %+v", res, c)
			}
			if p.GameSessionRegion != "eu-west-1" {
				t.Errorf("placed in %s, want eu-west-1 (lowest mean latency)", p.GameSessionRegion)
			}
			h.s.mu.Lock()
			gs := h.s.sessions[p.GameSessionArn]
			h.s.mu.Unlock()
			if gs.attrs.MatchmakerData != `{"matchId":"match-1"}` || gs.attrs.GameSessionData != "data" {
				t.Errorf("session %+v", gs.attrs)
			}
		})
	}
}

func TestStartPlacementFromEngineErrors(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 10, ptLoc{"us-west-2", 1})
	done := func(engine.PlacementResult) { t.Error("Done called for a placement that never started") }
	err := h.s.StartPlacement(engine.PlacementRequest{PlacementId: "m", QueueArn: "nope", MaximumPlayers: 2, Done: done})
	wantCode(t, err, engine.CodeNotFound)
	if err := h.s.StartPlacement(engine.PlacementRequest{PlacementId: "m", QueueArn: "q", MaximumPlayers: 2, Done: func(engine.PlacementResult) {}}); err != nil {
		t.Fatal(err)
	}
	err = h.s.StartPlacement(engine.PlacementRequest{PlacementId: "m", QueueArn: "q", MaximumPlayers: 2, Done: done})
	wantCode(t, err, engine.CodeInvalidRequest)
	h.at(2)
}
