package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

const (
	rankedArn = "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/ranked"
	casualArn = "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/casual"
	mainArn   = "arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/main"
)

// searching is a MatchmakingSearching event of configuration arn.
func searching(id, arn string) engine.Event {
	return engine.Event{Version: "0", ID: id, DetailType: engine.MatchmakingEventDetailType, Source: engine.EventSource,
		Account: "123456789012", Time: "2026-01-02T03:04:05.678Z", Region: "us-east-1", Resources: []string{arn},
		Detail: engine.EventDetail{Type: engine.EventMatchmakingSearching, EstimatedWaitMillis: "NOT_AVAILABLE",
			Tickets: []engine.EventTicket{{TicketID: "t-" + id, StartTime: "2026-01-02T03:04:05.678Z",
				Players: []engine.EventPlayer{{PlayerID: "p-" + id}}}},
			GameSessionInfo: engine.EventSessionInfo{Players: []engine.EventPlayer{{PlayerID: "p-" + id}}}}}
}

// cancelled is a PlacementCancelled event of queue arn.
func cancelled(id, arn string) placement.Event {
	return placement.Event{Version: "0", ID: id, DetailType: placement.QueuePlacementEventDetailType, Source: engine.EventSource,
		Account: "123456789012", Time: "2026-01-02T03:04:06.000Z", Region: "us-east-1", Resources: []string{arn},
		Detail: placement.PlacementEventDetail{Type: placement.EventPlacementCancelled, PlacementID: "pl-" + id,
			StartTime: "2026-01-02T03:04:05.678Z", EndTime: "2026-01-02T03:04:06.000Z"}}
}

func seqs(evs []api.LoggedEvent) []uint64 {
	out := []uint64{}
	for _, ev := range evs {
		out = append(out, ev.Seq)
	}
	return out
}

func TestEventLogAfter(t *testing.T) {
	log := api.NewEventLog(4)
	for i := range 6 { // 1 and 2 are dropped
		log.AddMatchmaking(searching(fmt.Sprint(i+1), rankedArn))
	}
	tests := []struct {
		after uint64
		limit int
		want  []uint64
	}{
		{0, 0, []uint64{3, 4, 5, 6}},
		{1, 0, []uint64{3, 4, 5, 6}},
		{2, 0, []uint64{3, 4, 5, 6}},
		{3, 0, []uint64{4, 5, 6}},
		{0, 2, []uint64{3, 4}},
		{4, 1, []uint64{5}},
		{5, 10, []uint64{6}},
		{6, 0, []uint64{}},
		{99, 0, []uint64{}},
	}
	for _, tt := range tests {
		if got := seqs(log.After(tt.after, tt.limit)); !slices.Equal(got, tt.want) {
			t.Errorf("After(%d, %d) = %v, want %v", tt.after, tt.limit, got, tt.want)
		}
	}
	if got := log.Last(); got != 6 {
		t.Errorf("Last = %d, want 6", got)
	}
	for _, ev := range log.After(0, 0) {
		if want := fmt.Sprint(ev.Seq); ev.ID != want {
			t.Errorf("event seq %d has id %s, want %s", ev.Seq, ev.ID, want)
		}
	}
	if got := api.NewEventLog(3).After(0, 0); len(got) != 0 {
		t.Errorf("empty log: After = %v", got)
	}
}

// TestLoggedEventJSON checks that JSON is the documented envelope and that
// the wire form is that envelope with seq added first.
func TestLoggedEventJSON(t *testing.T) {
	log := api.NewEventLog(0)
	mm := searching("e1", rankedArn)
	mm.Detail.Tickets[0].Players[0].PlayerID = "<&>" // not HTML-escaped
	log.AddMatchmaking(mm)
	log.AddPlacement(cancelled("e2", mainArn))
	evs := log.After(0, 0)
	for i, src := range []any{mm, cancelled("e2", mainArn)} {
		ev := evs[i]
		want, _ := json.Marshal(src)
		if !jsonEqual(t, ev.JSON, want) {
			t.Errorf("event %d: JSON = %s, want %s", ev.Seq, ev.JSON, want)
		}
		wire, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if prefix := fmt.Sprintf(`{"seq":%d,"version":"0",`, ev.Seq); !bytes.HasPrefix(wire, []byte(prefix)) {
			t.Errorf("wire form %s does not start with %s", wire, prefix)
		}
		var m map[string]any
		json.Unmarshal(wire, &m)
		if m["seq"] != float64(ev.Seq) {
			t.Errorf("wire seq = %v, want %d", m["seq"], ev.Seq)
		}
		delete(m, "seq")
		if b, _ := json.Marshal(m); !jsonEqual(t, b, want) {
			t.Errorf("wire form without seq = %s, want %s", b, want)
		}
	}
	if !bytes.Contains(evs[0].JSON, []byte(`"playerId":"<&>"`)) {
		t.Errorf("JSON escapes HTML: %s", evs[0].JSON)
	}
	want := api.LoggedEvent{Seq: 2, DetailType: placement.QueuePlacementEventDetailType, Type: placement.EventPlacementCancelled,
		ID: "e2", Time: "2026-01-02T03:04:06.000Z", Resource: mainArn}
	got := evs[1]
	got.JSON = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("placement event = %+v, want %+v", got, want)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return reflect.DeepEqual(x, y)
}

func TestEventLogWait(t *testing.T) {
	ctx := context.Background()
	log := api.NewEventLog(0)
	log.AddMatchmaking(searching("1", rankedArn))
	if evs, err := log.Wait(ctx, 0, 0); err != nil || !slices.Equal(seqs(evs), []uint64{1}) {
		t.Errorf("Wait with an event there = %v, %v", seqs(evs), err)
	}

	got := make(chan []api.LoggedEvent)
	go func() {
		evs, _ := log.Wait(ctx, 1, 0)
		got <- evs
	}()
	log.AddPlacement(cancelled("2", mainArn))
	if evs := <-got; !slices.Equal(seqs(evs), []uint64{2}) {
		t.Errorf("Wait woken by an event = %v, want [2]", seqs(evs))
	}

	short, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	if evs, err := log.Wait(short, 2, 0); len(evs) != 0 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait past its deadline = %v, %v", seqs(evs), err)
	}

	errc := make(chan error)
	go func() {
		_, err := log.Wait(ctx, 2, 0)
		errc <- err
	}()
	log.Close()
	if err := <-errc; !errors.Is(err, api.ErrEventLogClosed) {
		t.Errorf("Wait on a closed log = %v, want ErrEventLogClosed", err)
	}
	log.AddMatchmaking(searching("3", rankedArn))
	if evs, err := log.Wait(ctx, 2, 0); err != nil || !slices.Equal(seqs(evs), []uint64{3}) {
		t.Errorf("Wait on a closed log with events left = %v, %v", seqs(evs), err)
	}
}

// TestEventLogConcurrent adds from several goroutines while a reader
// follows: every event is read once, numbered without gaps.
func TestEventLogConcurrent(t *testing.T) {
	const writers, each = 4, 500
	log := api.NewEventLog(0)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("%d-%d", w, i)
				if i%2 == 0 {
					log.AddMatchmaking(searching(id, rankedArn))
				} else {
					log.AddPlacement(cancelled(id, mainArn))
				}
			}
		})
	}
	seen := map[string]bool{}
	var cursor uint64
	for cursor < writers*each {
		evs, err := log.Wait(context.Background(), cursor, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Seq != cursor+1 || seen[ev.ID] {
				t.Fatalf("event %s with seq %d after %d", ev.ID, ev.Seq, cursor)
			}
			seen[ev.ID], cursor = true, ev.Seq
		}
	}
	wg.Wait()
}

// TestEventLogInterleavesSources runs a WITH_QUEUE match: the engine's and
// the placement service's events share one sequence, in causal order.
func TestEventLogInterleavesSources(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	e.withQueue(ctx)
	e.match(ctx, "t1", "t2")
	var types []string
	for i, ev := range e.log.After(0, 0) {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
		var env struct {
			DetailType string   `json:"detail-type"`
			Resources  []string `json:"resources"`
			Detail     struct{ Type string }
		}
		if err := json.Unmarshal(ev.JSON, &env); err != nil {
			t.Fatal(err)
		}
		if env.DetailType != ev.DetailType || env.Detail.Type != ev.Type || env.Resources[0] != ev.Resource {
			t.Errorf("event %d: fields %q %q %q disagree with its JSON %s", ev.Seq, ev.DetailType, ev.Type, ev.Resource, ev.JSON)
		}
		types = append(types, ev.Type)
	}
	want := []string{engine.EventMatchmakingSearching, engine.EventMatchmakingSearching, engine.EventPotentialMatchCreated,
		placement.EventPlacementFulfilled, engine.EventMatchmakingSucceeded}
	if !slices.Equal(types, want) {
		t.Errorf("event types %v, want %v", types, want)
	}
}

// BenchmarkEventLogAdd measures what an event costs the engine, which
// calls AddMatchmaking under its lock.
func BenchmarkEventLogAdd(b *testing.B) {
	log := api.NewEventLog(0)
	ev := searching("0b6e2b4c-9d43-4bde-8c5a-2f0ad1d0f6e1", rankedArn)
	b.ReportAllocs()
	for b.Loop() {
		log.AddMatchmaking(ev)
	}
}

func TestLoggedEventZero(t *testing.T) {
	for _, tt := range []struct {
		ev   api.LoggedEvent
		want string
	}{
		{api.LoggedEvent{Seq: 7}, `{"seq":7}`},
		{api.LoggedEvent{Seq: 8, JSON: []byte("{}")}, `{"seq":8}`},
		{api.LoggedEvent{Seq: 9, JSON: []byte(`{"a":1}`)}, `{"seq":9,"a":1}`},
	} {
		if got, err := json.Marshal(tt.ev); err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.ev, got, err, tt.want)
		}
	}
}
