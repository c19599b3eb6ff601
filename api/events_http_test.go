package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

func wireSeqs(evs []wireEvent) []uint64 {
	out := []uint64{}
	for _, ev := range evs {
		out = append(out, ev.Seq)
	}
	return out
}

// TestEventsList reads the events of a WITH_QUEUE match (seq 1 to 5) with
// after and limit.
func TestEventsList(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	e.withQueue(ctx)
	e.match(ctx, "t1", "t2")
	tests := []struct {
		query string
		want  []uint64
	}{
		{"", []uint64{1, 2, 3, 4, 5}},
		{"after=0", []uint64{1, 2, 3, 4, 5}},
		{"after=2", []uint64{3, 4, 5}},
		{"after=1&limit=2", []uint64{2, 3}},
		{"limit=1", []uint64{1}},
		{"after=5", []uint64{}},
		{"after=99&wait=0", []uint64{}},
	}
	for _, tt := range tests {
		resp, evs := e.getEvents(tt.query)
		if got := wireSeqs(evs); !slices.Equal(got, tt.want) {
			t.Errorf("?%s: seqs %v, want %v", tt.query, got, tt.want)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("?%s: Content-Type %q", tt.query, ct)
		}
		if last := resp.Header.Get(api.HeaderLastSeq); last != "5" {
			t.Errorf("?%s: %s = %q, want 5", tt.query, api.HeaderLastSeq, last)
		}
	}
	_, evs := e.getEvents("")
	want := []struct{ detailType, typ, resource string }{
		{engine.MatchmakingEventDetailType, engine.EventMatchmakingSearching, "matchmakingconfiguration/ranked"},
		{engine.MatchmakingEventDetailType, engine.EventMatchmakingSearching, "matchmakingconfiguration/ranked"},
		{engine.MatchmakingEventDetailType, engine.EventPotentialMatchCreated, "matchmakingconfiguration/ranked"},
		{placement.QueuePlacementEventDetailType, placement.EventPlacementFulfilled, "gamesessionqueue/main"},
		{engine.MatchmakingEventDetailType, engine.EventMatchmakingSucceeded, "matchmakingconfiguration/ranked"},
	}
	for i, ev := range evs {
		w := want[i]
		if ev.DetailType != w.detailType || ev.Detail.Type != w.typ || len(ev.Resources) != 1 || !strings.HasSuffix(ev.Resources[0], ":"+w.resource) || ev.ID == "" {
			t.Errorf("event %d = %+v, want %s %s of %s", ev.Seq, ev, w.detailType, w.typ, w.resource)
		}
	}
}

// TestEventsErrors checks the answers to what the endpoints refuse.
func TestEventsErrors(t *testing.T) {
	e := newEventsEnv(t)
	noLog := newEnv(t).srv // a server without an event log
	tests := []struct {
		name, server, method, path, lastEventID string
		status                                  int
		message                                 string
	}{
		{"after negative", e.srv.URL, "GET", api.PathEvents + "?after=-1", "", 400, `after="-1" is not an event seq`},
		{"after word", e.srv.URL, "GET", api.PathEvents + "?after=x", "", 400, `after="x" is not an event seq`},
		{"limit zero", e.srv.URL, "GET", api.PathEvents + "?limit=0", "", 400, `limit="0" must be an integer from 1 to 10000`},
		{"limit too big", e.srv.URL, "GET", api.PathEvents + "?limit=10001", "", 400, `limit="10001" must be an integer from 1 to 10000`},
		{"wait negative", e.srv.URL, "GET", api.PathEvents + "?wait=-1", "", 400, `wait="-1" must be from 0 to 60 seconds`},
		{"wait too long", e.srv.URL, "GET", api.PathEvents + "?wait=61", "", 400, `wait="61" must be from 0 to 60 seconds`},
		{"wait duration too long", e.srv.URL, "GET", api.PathEvents + "?wait=2m", "", 400, `wait="2m" must be from 0 to 1m0s`},
		{"wait NaN", e.srv.URL, "GET", api.PathEvents + "?wait=NaN", "", 400, `wait="NaN" must be from 0 to 60 seconds`},
		{"wait word", e.srv.URL, "GET", api.PathEvents + "?wait=soon", "", 400, `wait="soon" must be seconds (such as 30) or a duration`},
		{"unknown parameter", e.srv.URL, "GET", api.PathEvents + "?afer=3", "", 400, `unknown query parameter "afer" (known: after, limit, wait)`},
		{"parameter twice", e.srv.URL, "GET", api.PathEvents + "?after=1&after=2", "", 400, `query parameter "after" is given 2 times`},
		{"stream limit", e.srv.URL, "GET", api.PathEventStream + "?limit=3", "", 400, `unknown query parameter "limit" (known: after)`},
		{"stream after", e.srv.URL, "GET", api.PathEventStream + "?after=x", "", 400, `after="x" is not an event seq`},
		{"stream Last-Event-ID", e.srv.URL, "GET", api.PathEventStream, "abc", 400, `Last-Event-ID "abc" is not an event seq`},
		{"POST", e.srv.URL, "POST", api.PathEvents, "", 405, "use GET"},
		{"stream POST", e.srv.URL, "POST", api.PathEventStream, "", 405, "use GET"},
		{"no event log", noLog.URL, "GET", api.PathEvents, "", 404, "the event log is not enabled on this server"},
		{"stream, no event log", noLog.URL, "GET", api.PathEventStream, "", 404, "the event log is not enabled on this server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, tt.server+tt.path, nil)
			if tt.lastEventID != "" {
				req.Header.Set("Last-Event-ID", tt.lastEventID)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct{ Error string }
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("status %d, body not JSON: %v", resp.StatusCode, err)
			}
			if resp.StatusCode != tt.status || !strings.HasPrefix(body.Error, tt.message) {
				t.Errorf("= %d %q, want %d %q", resp.StatusCode, body.Error, tt.status, tt.message)
			}
		})
	}
}

// TestEventsLongPoll starts a long poll, then makes an event: the poll
// answers with it.
func TestEventsLongPoll(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	e.setup(ctx, false)
	type answer struct {
		evs  []wireEvent
		last string
	}
	got := make(chan answer, 1)
	go func() {
		resp, evs := e.getEvents("after=0&wait=60")
		got <- answer{evs, resp.Header.Get(api.HeaderLastSeq)}
	}()
	<-e.polls // the server has the poll
	if _, err := e.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{TicketId: aws.String("t1"),
		ConfigurationName: aws.String("ranked"), Players: []types.Player{player("alice", 10)}}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(1e9) // the ticket starts searching on the next tick
	a := <-got
	if len(a.evs) != 1 || a.evs[0].Seq != 1 || a.evs[0].Detail.Type != engine.EventMatchmakingSearching || a.last != "1" {
		t.Errorf("long poll = %+v (last %s), want the MatchmakingSearching of seq 1", a.evs, a.last)
	}
}

// TestEventsLongPollTimeout: a long poll that sees no event answers [].
func TestEventsLongPollTimeout(t *testing.T) {
	e := newEventsEnv(t)
	for _, wait := range []string{"0.05", "50ms"} {
		resp, evs := e.getEvents("wait=" + wait)
		if len(evs) != 0 || resp.Header.Get(api.HeaderLastSeq) != "0" {
			t.Errorf("wait=%s: %v, last %q; want [] and 0", wait, evs, resp.Header.Get(api.HeaderLastSeq))
		}
	}
}

// TestEventStream follows the stream through two matches, then reconnects
// with Last-Event-ID as an EventSource does.
func TestEventStream(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	e.withQueue(ctx)
	e.match(ctx, "t1", "t2")

	sctx, cancel := context.WithCancel(ctx)
	resp, stream := e.openStream(sctx, "after=0", "")
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("stream: %d %q", resp.StatusCode, ct)
	}
	check := func(stream *sseReader, from, to uint64) {
		t.Helper()
		for seq := from; seq <= to; seq++ {
			ev, err := stream.next()
			if err != nil {
				t.Fatalf("reading event %d: %v", seq, err)
			}
			var data wireEvent
			if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
				t.Fatalf("event %d: data %q: %v", seq, ev.data, err)
			}
			logged := e.log.After(seq-1, 1)
			if ev.id != fmt.Sprint(seq) || data.Seq != seq || ev.event != data.Detail.Type || len(logged) != 1 || data.ID != logged[0].ID {
				t.Errorf("event %d: id %q, event %q, data %s", seq, ev.id, ev.event, ev.data)
			}
		}
	}
	check(stream, 1, 5)
	e.match(ctx, "t3", "t4") // while the stream is open
	check(stream, 6, 10)
	if len(stream.comments) != 1 || stream.comments[0] != ": flexsim event stream" {
		t.Errorf("comments %q", stream.comments)
	}
	cancel()

	_, again := e.openStream(ctx, "after=0", "7") // Last-Event-ID wins
	check(again, 8, 10)
}

// TestEventStreamEnds: closing the log (server shutdown) ends the stream.
func TestEventStreamEnds(t *testing.T) {
	e := newEventsEnv(t)
	_, stream := e.openStream(context.Background(), "", "")
	if _, err := stream.r.ReadString('\n'); err != nil { // the opening comment
		t.Fatal(err)
	}
	e.log.Close()
	if ev, err := stream.next(); !errors.Is(err, io.EOF) {
		t.Errorf("after Close: %+v, %v; want EOF", ev, err)
	}
}

// TestEventStreamHeartbeat: an idle stream gets heartbeat comments.
func TestEventStreamHeartbeat(t *testing.T) {
	e := newEventsEnv(t)
	api.SetEventStreamHeartbeat(e.log, 10e6)
	_, stream := e.openStream(context.Background(), "", "")
	for range 2 {
		for {
			line, err := stream.r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if line == ": heartbeat\n" {
				break
			}
		}
	}
}
