package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

const queueArn = "arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/my-queue"

// fakePlacer is a game session placement that knows one queue, records the
// placements it is asked for and reports nothing by itself: the test calls
// Engine.PlacementDone.
type fakePlacer struct {
	mu   sync.Mutex
	reqs []engine.PlacementRequest
	fail error // returned by StartPlacement when set
	// sessions are the game sessions GameSession knows; joins records
	// JoinGameSession calls, which fail with joinErr when it is set.
	sessions map[string]engine.BackfillSession
	joins    []engine.JoinRequest
	joinErr  error
}

func (p *fakePlacer) GameSession(arn string) (engine.BackfillSession, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	gs, ok := p.sessions[arn]
	if !ok {
		return gs, &engine.Error{Code: engine.CodeNotFound, Message: "game session " + arn + " not found"}
	}
	return gs, nil
}

func (p *fakePlacer) JoinGameSession(req engine.JoinRequest) (*engine.GameSessionConnectionInfo, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.joinErr != nil {
		return nil, p.joinErr
	}
	p.joins = append(p.joins, req)
	c := &engine.GameSessionConnectionInfo{GameSessionArn: req.GameSessionArn, IpAddress: "10.0.0.1", Port: 7777}
	for _, pl := range req.Players {
		c.MatchedPlayerSessions = append(c.MatchedPlayerSessions, engine.MatchedPlayerSession{PlayerId: pl.PlayerID, PlayerSessionId: "psess-" + pl.PlayerID})
	}
	return c, nil
}

// addSession makes a FlexMatch game session GameSession knows.
func (p *fakePlacer) addSession(arn string, max int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sessions == nil {
		p.sessions = map[string]engine.BackfillSession{}
	}
	p.sessions[arn] = engine.BackfillSession{GameSessionArn: arn, Status: "ACTIVE", MaximumPlayerSessionCount: max, MatchmakerData: "{}", Location: "us-east-1"}
}

func (p *fakePlacer) joined() []engine.JoinRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.joins)
}

func (p *fakePlacer) ResolveQueue(nameOrArn string) (string, error) {
	if nameOrArn == "my-queue" || nameOrArn == queueArn {
		return queueArn, nil
	}
	return "", &engine.Error{Code: engine.CodeNotFound, Message: "queue " + nameOrArn + " not found"}
}

func (p *fakePlacer) StartPlacement(req engine.PlacementRequest) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail != nil {
		return p.fail
	}
	p.reqs = append(p.reqs, req)
	return nil
}

func (p *fakePlacer) requests() []engine.PlacementRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.reqs)
}

// newQueueHarness is a harness whose configuration is WITH_QUEUE on the
// fake placer's queue.
func newQueueHarness(t testing.TB, body string, change func(*engine.CreateMatchmakingConfigurationInput), opts ...engine.Option) (*harness, *fakePlacer) {
	p := &fakePlacer{}
	h := newHarness(t, body, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.FlexMatchMode = engine.ModeWithQueue
		in.GameSessionQueueArns = []string{"my-queue"}
		if change != nil {
			change(in)
		}
	}, append(opts, engine.WithPlacer(p))...)
	return h, p
}

var (
	isoPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)
	iso        = func(d time.Duration) string { return epoch.Add(d).UTC().Format("2006-01-02T15:04:05.000Z") }
)

// eventTicketIDs lists the ticket IDs of an event.
func eventTicketIDs(ev engine.Event) []string {
	var out []string
	for _, et := range ev.Detail.Tickets {
		out = append(out, et.TicketID)
	}
	return out
}

// jsonKeys marshals v and returns the keys of the object at path (a list of
// object keys).
func jsonKeys(t *testing.T, v any, path ...string) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range path {
		m, _ = m[k].(map[string]any)
	}
	return m
}

// allStandaloneEvents runs a scenario that produces every event type a
// STANDALONE configuration can: a and b match and accept, c times out at
// t=30, d is cancelled.
func allStandaloneEvents(t *testing.T, opts ...engine.Option) *harness {
	h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.RequestTimeoutSeconds = 30
		in.AcceptanceRequired = true
		in.AcceptanceTimeoutSeconds = 10
		in.CustomEventData = "my-custom-data"
	}, opts...)
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 110, nil))
	h.start("c", player("pc", 1000, nil))
	h.start("d", player("pd", 5000, nil))
	h.advance(1)
	h.advance(1)
	h.mustAccept("a", engine.Accept, "pa")
	h.advance(1)
	h.mustAccept("b", engine.Accept, "pb")
	h.advance(1)
	h.stop("d")
	h.advance(26)
	return h
}

func TestEventOrderStandalone(t *testing.T) {
	h := allStandaloneEvents(t)
	type step struct {
		typ     string
		tickets []string
		at      time.Duration
	}
	want := []step{
		{engine.EventMatchmakingSearching, []string{"a"}, time.Second},
		{engine.EventMatchmakingSearching, []string{"b"}, time.Second},
		{engine.EventMatchmakingSearching, []string{"c"}, time.Second},
		{engine.EventMatchmakingSearching, []string{"d"}, time.Second},
		{engine.EventPotentialMatchCreated, []string{"a", "b"}, time.Second},
		{engine.EventAcceptMatch, []string{"a", "b"}, 2 * time.Second},
		{engine.EventAcceptMatch, []string{"a", "b"}, 3 * time.Second},
		{engine.EventAcceptMatchCompleted, []string{"a", "b"}, 3 * time.Second},
		{engine.EventMatchmakingSucceeded, []string{"a", "b"}, 3 * time.Second},
		{engine.EventMatchmakingCancelled, []string{"d"}, 4 * time.Second},
		{engine.EventMatchmakingTimedOut, []string{"c"}, 30 * time.Second},
	}
	evs := h.e.Events()
	if len(evs) != len(want) {
		t.Fatalf("%d events %v, want %d", len(evs), h.eventTypes(), len(want))
	}
	for i, w := range want {
		ev := evs[i]
		if ev.Detail.Type != w.typ || !slices.Equal(eventTicketIDs(ev), w.tickets) || ev.Time != iso(w.at) {
			t.Errorf("event %d: %s %v at %s, want %s %v at %s", i, ev.Detail.Type, eventTicketIDs(ev), ev.Time, w.typ, w.tickets, iso(w.at))
		}
	}
	// Seven of the eight types; MatchmakingFailed needs placement.
	types := map[string]bool{}
	for _, ev := range evs {
		types[ev.Detail.Type] = true
	}
	if len(types) != 7 || types[engine.EventMatchmakingFailed] {
		t.Errorf("types %v", types)
	}
}

func TestEventEnvelope(t *testing.T) {
	h := allStandaloneEvents(t, engine.WithRegion("ap-south-1"), engine.WithAccount("999988887777"))
	arn := "arn:aws:gamelift:ap-south-1:999988887777:matchmakingconfiguration/cfg"
	ids := map[string]bool{}
	var lastSeq uint64
	for i, ev := range h.e.Events() {
		if ev.Version != "0" || ev.DetailType != "GameLift Matchmaking Event" || ev.Source != "aws.gamelift" ||
			ev.Account != "999988887777" || ev.Region != "ap-south-1" || !slices.Equal(ev.Resources, []string{arn}) {
			t.Errorf("event %d envelope %+v", i, ev)
		}
		if !uuidPattern.MatchString(ev.ID) || ids[ev.ID] {
			t.Errorf("event %d id %q (repeated: %v)", i, ev.ID, ids[ev.ID])
		}
		ids[ev.ID] = true
		if ev.Seq <= lastSeq {
			t.Errorf("event %d Seq %d after %d", i, ev.Seq, lastSeq)
		}
		lastSeq = ev.Seq
		if !isoPattern.MatchString(ev.Time) {
			t.Errorf("event %d time %q", i, ev.Time)
		}
		if ev.Detail.CustomEventData != "my-custom-data" {
			t.Errorf("event %d (%s) customEventData %q", i, ev.Detail.Type, ev.Detail.CustomEventData)
		}
		if ev.Detail.Tickets == nil || ev.Detail.GameSessionInfo.Players == nil {
			t.Errorf("event %d (%s) has nil tickets or players", i, ev.Detail.Type)
		}
		for _, et := range ev.Detail.Tickets {
			if et.StartTime != iso(0) {
				t.Errorf("event %d ticket %s startTime %q", i, et.TicketID, et.StartTime)
			}
		}
		// The JSON shape of the envelope.
		top := jsonKeys(t, ev)
		for _, k := range []string{"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"} {
			if _, ok := top[k]; !ok {
				t.Errorf("event %d JSON lacks %q", i, k)
			}
		}
		if _, ok := top["Seq"]; ok {
			t.Errorf("event %d JSON carries Seq", i)
		}
		detail := jsonKeys(t, ev, "detail")
		for _, k := range []string{"type", "tickets", "gameSessionInfo", "customEventData"} {
			if _, ok := detail[k]; !ok {
				t.Errorf("event %d detail JSON lacks %q", i, k)
			}
		}
	}
	// Millisecond precision: an event between ticks.
	h.clock.Advance(1234 * time.Millisecond)
	h.start("late", player("pl", 1, nil))
	h.stop("late")
	evs := h.e.Events()
	if got := evs[len(evs)-1].Time; got != "2026-01-01T00:00:31.234Z" {
		t.Errorf("time %q", got)
	}
}

func TestEventDetailFields(t *testing.T) {
	h := allStandaloneEvents(t)
	byType := map[string]engine.Event{}
	for _, ev := range h.e.Events() {
		if _, ok := byType[ev.Detail.Type]; !ok {
			byType[ev.Detail.Type] = ev
		}
	}
	matchID := byType[engine.EventPotentialMatchCreated].Detail.MatchID
	if !uuidPattern.MatchString(matchID) {
		t.Fatalf("matchId %q", matchID)
	}
	tests := []struct {
		typ     string
		present []string // detail JSON keys that must be there
		absent  []string // detail JSON keys that must not
		check   func(t *testing.T, d engine.EventDetail)
	}{
		{
			typ:     engine.EventMatchmakingSearching,
			present: []string{"estimatedWaitMillis"},
			absent:  []string{"matchId", "acceptance", "ruleEvaluationMetrics", "reason"},
			check: func(t *testing.T, d engine.EventDetail) {
				if d.EstimatedWaitMillis != "NOT_AVAILABLE" || d.Tickets[0].Players[0].Team != "" {
					t.Errorf("%+v", d)
				}
			},
		},
		{
			typ:     engine.EventPotentialMatchCreated,
			present: []string{"acceptanceTimeout", "acceptanceRequired", "ruleEvaluationMetrics", "matchId"},
			absent:  []string{"acceptance", "reason", "estimatedWaitMillis"},
			check: func(t *testing.T, d engine.EventDetail) {
				if *d.AcceptanceTimeout != 10 || !*d.AcceptanceRequired {
					t.Errorf("acceptance %d %v", *d.AcceptanceTimeout, *d.AcceptanceRequired)
				}
				if len(d.RuleEvaluationMetrics) != 1 || d.RuleEvaluationMetrics[0].RuleName != "close" || d.RuleEvaluationMetrics[0].PassedCount < 1 {
					t.Errorf("ruleEvaluationMetrics %+v", d.RuleEvaluationMetrics)
				}
				teams := map[string]bool{}
				for _, p := range d.GameSessionInfo.Players {
					teams[p.Team] = true
				}
				if len(d.GameSessionInfo.Players) != 2 || !teams["red"] || !teams["blue"] || d.Tickets[0].Players[0].Team == "" {
					t.Errorf("players %+v", d.GameSessionInfo.Players)
				}
			},
		},
		{
			typ:     engine.EventAcceptMatch,
			present: []string{"matchId"},
			absent:  []string{"acceptance", "ruleEvaluationMetrics"},
			check: func(t *testing.T, d engine.EventDetail) {
				if d.MatchID != matchID {
					t.Errorf("matchId %q", d.MatchID)
				}
			},
		},
		{
			typ:     engine.EventAcceptMatchCompleted,
			present: []string{"matchId", "acceptance"},
			check: func(t *testing.T, d engine.EventDetail) {
				if d.Acceptance != "Accepted" || d.MatchID != matchID {
					t.Errorf("%q %q", d.Acceptance, d.MatchID)
				}
			},
		},
		{
			typ:     engine.EventMatchmakingSucceeded,
			present: []string{"matchId"},
			absent:  []string{"reason", "acceptance"},
			check: func(t *testing.T, d engine.EventDetail) {
				info := jsonKeys(t, d, "gameSessionInfo")
				for _, k := range []string{"gameSessionArn", "ipAddress", "port", "dnsName"} {
					if _, ok := info[k]; ok {
						t.Errorf("STANDALONE gameSessionInfo has %q", k)
					}
				}
				if d.MatchID != matchID || d.Tickets[0].Players[0].Team == "" {
					t.Errorf("%+v", d)
				}
			},
		},
		{
			typ:     engine.EventMatchmakingCancelled,
			present: []string{"reason", "message", "ruleEvaluationMetrics"},
			absent:  []string{"matchId"},
			check: func(t *testing.T, d engine.EventDetail) {
				if d.Reason != "Cancelled" || d.Message != "Cancelled by request." || d.RuleEvaluationMetrics[0].RuleName != "close" {
					t.Errorf("%+v", d)
				}
			},
		},
		{
			typ:     engine.EventMatchmakingTimedOut,
			present: []string{"reason", "message", "ruleEvaluationMetrics"},
			absent:  []string{"matchId"},
			check: func(t *testing.T, d engine.EventDetail) {
				if d.Reason != "TimedOut" || d.Message != "Removed from matchmaking due to timing out." || d.RuleEvaluationMetrics[0].RuleName != "close" {
					t.Errorf("%+v", d)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.typ, func(t *testing.T) {
			ev, ok := byType[tc.typ]
			if !ok {
				t.Fatalf("no %s event", tc.typ)
			}
			keys := jsonKeys(t, ev, "detail")
			if keys["type"] != tc.typ {
				t.Errorf("detail type %v", keys["type"])
			}
			for _, k := range tc.present {
				if _, ok := keys[k]; !ok {
					t.Errorf("detail lacks %q", k)
				}
			}
			for _, k := range tc.absent {
				if _, ok := keys[k]; ok {
					t.Errorf("detail has %q", k)
				}
			}
			tc.check(t, ev.Detail)
		})
	}
}

func TestRuleEvaluationMetricsCounts(t *testing.T) {
	const body = `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}, {"name": "mode", "type": "string", "default": "x"}],
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	  "rules": [
	    {"name": "sameMode", "type": "batchDistance", "batchAttribute": "mode"},
	    {"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 50},
	    {"name": "nearest", "type": "distanceSort", "sortDirection": "ascending", "sortAttribute": "skill"},
	    {"name": "equal", "type": "comparison", "measurements": ["count(teams[red].players)"], "referenceValue": "count(teams[blue].players)", "operation": "="}
	  ]}`
	h := newHarness(t, body, nil)
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 120, nil))
	h.advance(1)
	pmc := h.eventsOf(engine.EventPotentialMatchCreated)
	if len(pmc) != 1 {
		t.Fatalf("%d potential matches", len(pmc))
	}
	var names []string
	for _, m := range pmc[0].Detail.RuleEvaluationMetrics {
		names = append(names, m.RuleName)
		if m.PassedCount < 1 || m.FailedCount != 0 {
			t.Errorf("rule %s: passed %d failed %d", m.RuleName, m.PassedCount, m.FailedCount)
		}
	}
	// Sort rules are left out; the others are listed in rule order.
	if !slices.Equal(names, []string{"sameMode", "close", "equal"}) {
		t.Errorf("rules %v", names)
	}
	// A ticket that never got evaluated shows zeros.
	h.start("c", player("pc", 1, nil))
	h.stop("c")
	c := h.eventsOf(engine.EventMatchmakingCancelled)[0]
	for _, m := range c.Detail.RuleEvaluationMetrics {
		if m.PassedCount != 0 || m.FailedCount != 0 {
			t.Errorf("unevaluated ticket: rule %s %d/%d", m.RuleName, m.PassedCount, m.FailedCount)
		}
	}
	// Tickets that failed a rule show the failures when they time out.
	const never = `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	  "rules": [{"name": "twoReds", "type": "comparison", "measurements": ["count(teams[red].players)"], "referenceValue": 2, "operation": "="}]}`
	h = newHarness(t, never, nil)
	h.start("low", player("pl", 0, nil))
	h.start("high", player("ph", 30, nil))
	h.advance(60)
	to := h.eventsOf(engine.EventMatchmakingTimedOut)
	if len(to) != 2 {
		t.Fatalf("%d timeouts", len(to))
	}
	for _, ev := range to {
		m := ev.Detail.RuleEvaluationMetrics
		if len(m) != 1 || m[0].RuleName != "twoReds" || m[0].FailedCount < 1 || m[0].PassedCount != 0 {
			t.Errorf("%v: metrics %+v", eventTicketIDs(ev), m)
		}
	}
}

func TestEventsAfterAndWaitEvents(t *testing.T) {
	h := allStandaloneEvents(t)
	all := h.e.Events()
	if len(all) < 5 {
		t.Fatalf("%d events", len(all))
	}
	if got := h.e.EventsAfter(0); len(got) != len(all) {
		t.Errorf("EventsAfter(0): %d events", len(got))
	}
	after := h.e.EventsAfter(all[2].Seq)
	if len(after) != len(all)-3 || after[0].ID != all[3].ID {
		t.Errorf("EventsAfter(third): %d events", len(after))
	}
	last := all[len(all)-1].Seq
	if got := h.e.EventsAfter(last); len(got) != 0 {
		t.Errorf("EventsAfter(last): %d events", len(got))
	}

	// Pending events come back at once, even with a dead context.
	dead, cancel := context.WithCancel(ctx)
	cancel()
	got, err := h.e.WaitEvents(dead, all[0].Seq)
	if err != nil || len(got) != len(all)-1 {
		t.Errorf("WaitEvents with pending events: %d, %v", len(got), err)
	}
	// No pending events and a cancelled context: the context's error.
	got, err = h.e.WaitEvents(dead, last)
	if !errors.Is(err, context.Canceled) || len(got) != 0 {
		t.Errorf("WaitEvents on a cancelled context: %d, %v", len(got), err)
	}
	// A deadline ends the wait too.
	short, cancelShort := context.WithDeadline(ctx, time.Now())
	defer cancelShort()
	if _, err := h.e.WaitEvents(short, last); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitEvents past its deadline: %v", err)
	}

	// A waiter is woken by new events.
	type result struct {
		evs []engine.Event
		err error
	}
	done := make(chan result, 1)
	go func() {
		evs, err := h.e.WaitEvents(ctx, last)
		done <- result{evs, err}
	}()
	h.start("new", player("pn", 1, nil))
	h.advance(1) // MatchmakingSearching
	r := <-done
	if r.err != nil || len(r.evs) == 0 || r.evs[0].Detail.Type != engine.EventMatchmakingSearching || r.evs[0].Detail.Tickets[0].TicketID != "new" {
		t.Errorf("woken waiter: %v %+v", r.err, r.evs)
	}

	// A waiter whose context is cancelled while it waits returns.
	last = h.e.Events()[len(h.e.Events())-1].Seq
	waitCtx, stop := context.WithCancel(ctx)
	go func() {
		evs, err := h.e.WaitEvents(waitCtx, last)
		done <- result{evs, err}
	}()
	stop()
	r = <-done
	if !errors.Is(r.err, context.Canceled) || len(r.evs) != 0 {
		t.Errorf("cancelled waiter: %v, %d events", r.err, len(r.evs))
	}
}

func TestEventHandlerAndLogSize(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	handler := func(ev engine.Event) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, ev.Detail.Type+" "+strings.Join(eventTicketIDs(ev), ","))
	}
	logged := allStandaloneEvents(t, engine.WithEventHandler(handler))
	var want []string
	for _, ev := range logged.e.Events() {
		want = append(want, ev.Detail.Type+" "+strings.Join(eventTicketIDs(ev), ","))
	}
	mu.Lock()
	if !slices.Equal(seen, want) {
		t.Errorf("handler saw %v, log has %v", seen, want)
	}
	seen = nil
	mu.Unlock()

	// Without a log the handler still sees everything.
	unlogged := allStandaloneEvents(t, engine.WithEventHandler(handler), engine.WithEventLogSize(0))
	if n := len(unlogged.e.Events()); n != 0 {
		t.Errorf("WithEventLogSize(0) kept %d events", n)
	}
	mu.Lock()
	if !slices.Equal(seen, want) {
		t.Errorf("handler without log saw %v", seen)
	}
	mu.Unlock()

	// A small log keeps the newest events, in order.
	small := allStandaloneEvents(t, engine.WithEventLogSize(4))
	evs := small.e.Events()
	if len(evs) == 0 || len(evs) > 4 {
		t.Fatalf("log of 4 kept %d events", len(evs))
	}
	if evs[len(evs)-1].Detail.Type != engine.EventMatchmakingTimedOut {
		t.Errorf("newest kept event %s", evs[len(evs)-1].Detail.Type)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Seq != evs[i-1].Seq+1 {
			t.Errorf("kept events are not consecutive: %d then %d", evs[i-1].Seq, evs[i].Seq)
		}
	}
}

func TestDeterministicIDs(t *testing.T) {
	run := func(opts ...engine.Option) (events, matches, tickets []string) {
		h := newHarness(t, oneVsOne, withAcceptance(5), opts...)
		for i := 0; i < 6; i++ {
			out, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{ConfigurationName: "cfg", Players: []ticket.Player{player(fmt.Sprint("p", i), float64(i*10), nil)}})
			if err != nil {
				t.Fatal(err)
			}
			tickets = append(tickets, out.MatchmakingTicket.TicketId)
		}
		h.advance(1)
		h.mustAccept(tickets[0], engine.Accept, "p0")
		h.advance(10)
		for _, ev := range h.e.Events() {
			events = append(events, ev.ID)
			if ev.Detail.Type == engine.EventPotentialMatchCreated {
				matches = append(matches, ev.Detail.MatchID)
			}
		}
		return events, matches, tickets
	}
	e1, m1, t1 := run()
	e2, m2, t2 := run()
	if len(m1) < 3 || len(e1) < 10 {
		t.Fatalf("scenario too small: %d matches, %d events", len(m1), len(e1))
	}
	if !slices.Equal(e1, e2) || !slices.Equal(m1, m2) || !slices.Equal(t1, t2) {
		t.Errorf("same seed, different IDs:\n%v\n%v\n%v\n%v", e1, e2, m1, m2)
	}
	e3, m3, t3 := run(engine.WithSeed(2))
	if slices.Equal(e1, e3) || slices.Equal(m1, m3) || slices.Equal(t1, t3) {
		t.Error("a different seed gave the same IDs")
	}
	// Every ID is distinct.
	seen := map[string]bool{}
	for _, id := range slices.Concat(e1, m1, t1) {
		if seen[id] {
			t.Errorf("ID %s used twice", id)
		}
		seen[id] = true
	}
}

// placing starts a and b, lets them match and returns the placement.
func placing(t *testing.T, h *harness, p *fakePlacer) engine.PlacementRequest {
	t.Helper()
	h.start("a", player("pa", 100, map[string]int{"us-east-1": 20}))
	h.start("b", player("pb", 110, map[string]int{"us-east-1": 40}))
	h.advance(1)
	h.wantStatuses("matched", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
	reqs := p.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d placements", len(reqs))
	}
	return reqs[0]
}

func TestWithQueuePlacement(t *testing.T) {
	h, p := newQueueHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.GameProperties = []engine.GameProperty{{Key: "map", Value: "dust"}}
		in.GameSessionData = "session-data"
		in.CustomEventData = "ced"
	})
	out, _ := h.e.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{Names: []string{"cfg"}})
	if got := out.Configurations[0].GameSessionQueueArns; !slices.Equal(got, []string{queueArn}) {
		t.Errorf("queue ARNs %v", got)
	}
	req := placing(t, h, p)
	pmc := h.eventsOf(engine.EventPotentialMatchCreated)[0].Detail
	if *pmc.AcceptanceRequired || req.PlacementId != pmc.MatchID || req.QueueArn != queueArn || req.ConfigurationArn != "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/cfg" ||
		req.GameSessionData != "session-data" || !slices.Equal(req.GameProperties, []engine.GameProperty{{Key: "map", Value: "dust"}}) || req.MaximumPlayers != 2 || len(req.Players) != 2 {
		t.Errorf("placement request %+v", req)
	}
	for _, pl := range req.Players {
		if pl.Team == "" || pl.LatencyInMs["us-east-1"] == 0 {
			t.Errorf("placed player %+v", pl)
		}
	}
	if n := len(h.eventsOf(engine.EventMatchmakingSucceeded)); n != 0 {
		t.Errorf("%d succeeded events while placing", n)
	}

	// PLACING tickets cannot be stopped, replaced or have their configuration deleted.
	_, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: "a"})
	wantCode(t, err, engine.CodeInvalidRequest)
	if msg := err.(*engine.Error).Message; msg != "Matchmaking ticket is in PLACING status and cannot be canceled." {
		t.Errorf("message %q", msg)
	}
	wantCode(t, h.startErr("a2", player("pa", 1, nil)), engine.CodeInvalidRequest)
	_, err = h.e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "cfg"})
	wantCode(t, err, engine.CodeInvalidRequest)
	// The request timeout does not apply while placing.
	h.advance(100)
	h.wantStatuses("placing for 100 s", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})

	// An unknown placement is ignored.
	h.e.PlacementDone(engine.PlacementResult{PlacementId: "nope", Status: "FULFILLED"})
	h.wantStatuses("unknown placement", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})

	conn := &engine.GameSessionConnectionInfo{
		GameSessionArn: "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1",
		IpAddress:      "10.0.0.1",
		DnsName:        "gs-1.example",
		Port:           7777,
		MatchedPlayerSessions: []engine.MatchedPlayerSession{
			{PlayerId: "pa", PlayerSessionId: "psess-a"},
			{PlayerId: "pb", PlayerSessionId: "psess-b"},
		},
	}
	h.e.PlacementDone(engine.PlacementResult{PlacementId: req.PlacementId, Status: "FULFILLED", Connection: conn})
	// each ticket lists the player sessions of its own players
	for _, id := range []string{"a", "b"} {
		tk := h.ticket(id)
		if tk.Status != ticket.Completed || tk.GameSessionConnectionInfo == nil || tk.GameSessionConnectionInfo.GameSessionArn != conn.GameSessionArn ||
			tk.GameSessionConnectionInfo.Port != 7777 || !slices.Equal(tk.GameSessionConnectionInfo.MatchedPlayerSessions, []engine.MatchedPlayerSession{{PlayerId: "p" + id, PlayerSessionId: "psess-" + id}}) || !tk.EndTime.Equal(epoch.Add(101*time.Second)) {
			t.Errorf("%s: %+v", id, tk)
		}
	}
	succ := h.eventsOf(engine.EventMatchmakingSucceeded)
	if len(succ) != 1 {
		t.Fatalf("%d succeeded events", len(succ))
	}
	d := succ[0].Detail
	if d.MatchID != req.PlacementId || d.GameSessionInfo.GameSessionArn != conn.GameSessionArn || d.GameSessionInfo.IPAddress != "10.0.0.1" ||
		d.GameSessionInfo.DNSName != "gs-1.example" || d.GameSessionInfo.Port != 7777 || d.CustomEventData != "ced" {
		t.Errorf("succeeded %+v", d)
	}
	for _, pl := range d.GameSessionInfo.Players {
		if pl.PlayerSessionID != "psess-"+strings.TrimPrefix(pl.PlayerID, "p") || pl.Team == "" {
			t.Errorf("succeeded player %+v", pl)
		}
	}
	// A second report of the same placement changes nothing.
	h.e.PlacementDone(engine.PlacementResult{PlacementId: req.PlacementId, Status: "FAILED"})
	if got := h.status("a"); got != ticket.Completed {
		t.Errorf("after a late FAILED: %s", got)
	}
}

func TestWithQueuePlacementOutcomes(t *testing.T) {
	tests := []struct {
		status     string
		want       ticket.Status
		reason     string
		wantEvents []string // after the placement result
	}{
		{status: "FAILED", want: ticket.Failed, reason: "UNEXPECTED_ERROR", wantEvents: []string{engine.EventMatchmakingFailed}},
		{status: "CANCELLED", want: ticket.Failed, reason: "UNEXPECTED_ERROR", wantEvents: []string{engine.EventMatchmakingFailed}},
		{status: "TIMED_OUT", want: ticket.Searching, reason: "", wantEvents: []string{engine.EventMatchmakingSearching}},
	}
	for _, tc := range tests {
		t.Run(tc.status, func(t *testing.T) {
			h, p := newQueueHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) { in.CustomEventData = "ced" })
			req := placing(t, h, p)
			h.advance(2)
			n := len(h.e.Events())
			h.e.PlacementDone(engine.PlacementResult{PlacementId: req.PlacementId, Status: tc.status})
			if got := h.typesSince(n); !slices.Equal(got, tc.wantEvents) {
				t.Errorf("events %v, want %v", got, tc.wantEvents)
			}
			for _, id := range []string{"a", "b"} {
				tk := h.ticket(id)
				if tk.Status != tc.want || tk.StatusReason != tc.reason {
					t.Errorf("%s: %s %q", id, tk.Status, tk.StatusReason)
				}
				if tc.want.Terminal() != !tk.EndTime.IsZero() {
					t.Errorf("%s: EndTime %v", id, tk.EndTime)
				}
			}
			ev := h.e.Events()[n]
			if !slices.Equal(eventTicketIDs(ev), []string{"a", "b"}) || ev.Detail.CustomEventData != "ced" {
				t.Errorf("event tickets %v", eventTicketIDs(ev))
			}
			if tc.status != "TIMED_OUT" {
				if ev.Detail.Reason != "UNEXPECTED_ERROR" || ev.Detail.Message != "An unexpected error was encountered during match placing." || ev.Detail.MatchID != req.PlacementId {
					t.Errorf("failed event %+v", ev.Detail)
				}
				if tk := h.ticket("a"); tk.StatusMessage != "An unexpected error was encountered during match placing." {
					t.Errorf("StatusMessage %q", tk.StatusMessage)
				}
				return
			}
			// Placement timed out: the tickets search again and match anew.
			h.advance(1)
			h.wantStatuses("rematched", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
			reqs := p.requests()
			if len(reqs) != 2 || reqs[1].PlacementId == req.PlacementId {
				t.Errorf("placements %d", len(reqs))
			}
		})
	}
}

func TestPlacementTimeoutThenRequestTimeout(t *testing.T) {
	h, p := newQueueHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 10 })
	req := placing(t, h, p)
	h.advance(20) // past the request timeout, still placing
	h.wantStatuses("placing", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
	h.e.PlacementDone(engine.PlacementResult{PlacementId: req.PlacementId, Status: "TIMED_OUT"})
	h.wantStatuses("placement timed out", map[string]ticket.Status{"a": ticket.Searching, "b": ticket.Searching})
	h.advance(1)
	h.wantStatuses("next tick", map[string]ticket.Status{"a": ticket.TimedOut, "b": ticket.TimedOut})
	if n := len(p.requests()); n != 1 {
		t.Errorf("%d placements: a timed-out ticket was placed again", n)
	}
}

func TestStartPlacementError(t *testing.T) {
	h, p := newQueueHarness(t, oneVsOne, nil)
	p.fail = errors.New("queue unavailable")
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 110, nil))
	h.advance(1)
	h.wantStatuses("placement refused", map[string]ticket.Status{"a": ticket.Failed, "b": ticket.Failed})
	want := []string{engine.EventMatchmakingSearching, engine.EventMatchmakingSearching, engine.EventPotentialMatchCreated, engine.EventMatchmakingFailed}
	if got := h.eventTypes(); !slices.Equal(got, want) {
		t.Errorf("events %v", got)
	}
}

func TestWithQueueConfigurationQueues(t *testing.T) {
	p := &fakePlacer{}
	e, _ := newBareEngine(t, engine.WithPlacer(p))
	mustRuleSet(t, e, "r", oneVsOne)
	in := standalone("c", "r")
	in.FlexMatchMode = engine.ModeWithQueue
	in.GameSessionQueueArns = []string{"other-queue"}
	_, err := e.CreateMatchmakingConfiguration(ctx, in)
	wantCode(t, err, engine.CodeNotFound)
	in.GameSessionQueueArns = []string{queueArn}
	mustConfig(t, e, in)
	_, err = e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "c", GameSessionQueueArns: []string{"other-queue"}})
	wantCode(t, err, engine.CodeNotFound)
	_, err = e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "c", GameSessionQueueArns: []string{}})
	wantCode(t, err, engine.CodeInvalidRequest) // WITH_QUEUE needs a queue
	// Switching to STANDALONE needs the queues cleared.
	_, err = e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "c", FlexMatchMode: ptr(engine.ModeStandalone)})
	wantCode(t, err, engine.CodeInvalidRequest)
	out, err := e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "c", FlexMatchMode: ptr(engine.ModeStandalone), GameSessionQueueArns: []string{}})
	if err != nil || out.Configuration.FlexMatchMode != engine.ModeStandalone || len(out.Configuration.GameSessionQueueArns) != 0 {
		t.Errorf("switch to STANDALONE: %v %+v", err, out)
	}
	// AUTOMATIC backfill is fine with a queue.
	in2 := standalone("auto", "r")
	in2.FlexMatchMode = engine.ModeWithQueue
	in2.GameSessionQueueArns = []string{"my-queue"}
	in2.BackfillMode = engine.BackfillAutomatic
	mustConfig(t, e, in2)
}

func TestAllEightEventTypesWithQueue(t *testing.T) {
	// acceptance, success by placement, failure by placement, cancel and
	// timeout, in one WITH_QUEUE configuration.
	h, p := newQueueHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.AcceptanceRequired = true
		in.AcceptanceTimeoutSeconds = 10
		in.RequestTimeoutSeconds = 30
	})
	h.start("a", player("pa", 100, nil))
	h.start("b", player("pb", 110, nil))
	h.advance(1)
	h.mustAccept("a", engine.Accept, "pa")
	h.mustAccept("b", engine.Accept, "pb")
	h.wantStatuses("accepted", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
	h.e.PlacementDone(engine.PlacementResult{PlacementId: p.requests()[0].PlacementId, Status: "FULFILLED"})
	h.start("c", player("pc", 500, nil))
	h.start("d", player("pd", 510, nil))
	h.advance(1)
	h.mustAccept("c", engine.Accept, "pc")
	h.mustAccept("d", engine.Accept, "pd")
	h.e.PlacementDone(engine.PlacementResult{PlacementId: p.requests()[1].PlacementId, Status: "FAILED"})
	h.start("e", player("pe", 5000, nil))
	h.start("f", player("pf", 9000, nil))
	h.advance(1)
	h.stop("e")
	h.advance(30)
	h.wantStatuses("end", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed, "c": ticket.Failed, "d": ticket.Failed, "e": ticket.Cancelled, "f": ticket.TimedOut})
	want := []string{
		"MatchmakingSearching a", "MatchmakingSearching b", "PotentialMatchCreated a,b",
		"AcceptMatch a,b", "AcceptMatch a,b", "AcceptMatchCompleted a,b", "MatchmakingSucceeded a,b",
		"MatchmakingSearching c", "MatchmakingSearching d", "PotentialMatchCreated c,d",
		"AcceptMatch c,d", "AcceptMatch c,d", "AcceptMatchCompleted c,d", "MatchmakingFailed c,d",
		"MatchmakingSearching e", "MatchmakingSearching f", "MatchmakingCancelled e", "MatchmakingTimedOut f",
	}
	var got []string
	types := map[string]bool{}
	for _, ev := range h.e.Events() {
		got = append(got, ev.Detail.Type+" "+strings.Join(eventTicketIDs(ev), ","))
		types[ev.Detail.Type] = true
	}
	if !slices.Equal(got, want) {
		t.Errorf("events\n%v\nwant\n%v", got, want)
	}
	if len(types) != 8 {
		t.Errorf("%d event types", len(types))
	}
}
