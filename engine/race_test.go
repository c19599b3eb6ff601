package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// TestConcurrentUse hammers one engine from several goroutines while
// another moves the virtual clock, then checks that what happened is a
// valid history: run it under -race.
func TestConcurrentUse(t *testing.T) {
	const (
		workers   = 6
		ops       = 250
		players   = 80 // shared, so requests replace each other's tickets
		clockRuns = 200
	)
	clock := engine.NewVirtualClock(epoch)
	placer := &fakePlacer{}
	e := engine.New(engine.WithClock(clock), engine.WithSeed(7), engine.WithPlacer(placer))
	defer e.Close()
	if _, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "rules", RuleSetBody: oneVsOne}); err != nil {
		t.Fatal(err)
	}
	configs := []string{"free", "acc", "queue"}
	for _, name := range configs {
		in := &engine.CreateMatchmakingConfigurationInput{Name: name, RuleSetName: "rules", RequestTimeoutSeconds: 20, FlexMatchMode: engine.ModeStandalone}
		switch name {
		case "acc":
			in.AcceptanceRequired, in.AcceptanceTimeoutSeconds = true, 3
		case "queue":
			in.FlexMatchMode, in.GameSessionQueueArns = engine.ModeWithQueue, []string{"my-queue"}
		}
		if _, err := e.CreateMatchmakingConfiguration(ctx, in); err != nil {
			t.Fatal(err)
		}
	}

	var (
		mu      sync.Mutex
		started []string // every ticket StartMatchmaking accepted
		badErrs []error  // errors of an unexpected kind
	)
	record := func(err error) {
		if err == nil {
			return
		}
		if c := engine.ErrorCode(err); c != engine.CodeInvalidRequest && c != engine.CodeNotFound {
			mu.Lock()
			badErrs = append(badErrs, err)
			mu.Unlock()
		}
	}
	pick := func(r *rand.Rand) string {
		mu.Lock()
		defer mu.Unlock()
		if len(started) == 0 {
			return "none"
		}
		return started[r.IntN(len(started))]
	}

	// An event consumer on WaitEvents: it must see every event once, in order.
	waitCtx, stopWaiting := context.WithCancel(ctx)
	var consumed []engine.Event
	consumerDone := make(chan struct{})
	go func() {
		defer close(consumerDone)
		var seq uint64
		for {
			evs, err := e.WaitEvents(waitCtx, seq)
			consumed = append(consumed, evs...)
			if len(evs) > 0 {
				seq = evs[len(evs)-1].Seq
			}
			if err != nil {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			for i := 0; i < ops; i++ {
				switch op := r.IntN(10); {
				case op < 4: // start a ticket of one or two players
					cfg := configs[r.IntN(len(configs))]
					ps := []ticket.Player{player(fmt.Sprint("p", r.IntN(players)), float64(r.IntN(100)), nil)}
					if r.IntN(4) == 0 {
						if q := fmt.Sprint("p", r.IntN(players)); q != ps[0].PlayerID {
							ps = append(ps, player(q, float64(r.IntN(100)), nil))
						}
					}
					id := fmt.Sprintf("w%d-%d", w, i)
					_, err := e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: cfg, Players: ps})
					record(err)
					if err == nil {
						mu.Lock()
						started = append(started, id)
						mu.Unlock()
					}
				case op < 6:
					ids := []string{pick(r), pick(r), "unknown"}
					out, err := e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: ids})
					record(err)
					if err == nil && len(out.TicketList) < 1 && ids[0] != "none" {
						mu.Lock()
						badErrs = append(badErrs, fmt.Errorf("ticket %s not describable", ids[0]))
						mu.Unlock()
					}
				case op < 7:
					_, err := e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: pick(r)})
					record(err)
				case op < 9:
					id := pick(r)
					out, err := e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{id}})
					record(err)
					if err != nil || len(out.TicketList) == 0 {
						continue
					}
					var ids []string
					for _, p := range out.TicketList[0].Players {
						ids = append(ids, p.PlayerID)
					}
					typ := engine.Accept
					if r.IntN(5) == 0 {
						typ = engine.Reject
					}
					_, err = e.AcceptMatch(ctx, &engine.AcceptMatchInput{TicketId: id, PlayerIds: ids, AcceptanceType: typ})
					record(err)
				default:
					_ = e.EventsAfter(uint64(r.IntN(100)))
				}
			}
		}(w)
	}
	clockDone := make(chan struct{})
	go func() {
		defer close(clockDone)
		for i := 0; i < clockRuns; i++ {
			clock.Advance(500 * time.Millisecond)
		}
	}()
	// Placements end in every way, in their own time.
	placed := 0
	outcomes := []string{"FULFILLED", "FAILED", "TIMED_OUT"}
	resolve := func() {
		reqs := placer.requests()
		for ; placed < len(reqs); placed++ {
			e.PlacementDone(engine.PlacementResult{PlacementId: reqs[placed].PlacementId, Status: outcomes[placed%len(outcomes)]})
		}
	}
	placerDone := make(chan struct{})
	go func() {
		defer close(placerDone)
		for i := 0; i < 4*ops; i++ {
			resolve()
		}
	}()
	wg.Wait()
	<-clockDone
	<-placerDone
	resolve()

	// Every ticket is describable, and no player is in two active tickets.
	active := map[string]string{}
	final := map[string]engine.MatchmakingTicket{}
	for i := 0; i < len(started); i += engine.MaxDescribeTickets {
		ids := started[i:min(i+engine.MaxDescribeTickets, len(started))]
		out, err := e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: ids})
		if err != nil || len(out.TicketList) != len(ids) {
			t.Fatalf("describe %v: %v, %d tickets", ids, err, len(out.TicketList))
		}
		for _, tk := range out.TicketList {
			if tk.Status.Terminal() {
				continue
			}
			for _, p := range tk.Players {
				if other, ok := active[p.PlayerID]; ok {
					t.Errorf("player %s is in active tickets %s and %s", p.PlayerID, other, tk.TicketId)
				}
				active[p.PlayerID] = tk.TicketId
			}
		}
	}
	// Let every ticket end: placements, request and acceptance timeouts.
	for i := 0; i < 3; i++ {
		clock.Advance(30 * time.Second)
		resolve()
	}
	clock.Advance(30 * time.Second)
	for i := 0; i < len(started); i += engine.MaxDescribeTickets {
		ids := started[i:min(i+engine.MaxDescribeTickets, len(started))]
		out, _ := e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: ids})
		for _, tk := range out.TicketList {
			final[tk.TicketId] = tk
			if !tk.Status.Terminal() {
				t.Errorf("ticket %s is %s after every timeout", tk.TicketId, tk.Status)
			}
		}
	}
	stopWaiting()
	<-consumerDone
	for _, err := range badErrs {
		t.Errorf("unexpected: %v", err)
	}
	if len(started) < workers*ops/10 {
		t.Fatalf("only %d tickets started", len(started))
	}

	// The history of every ticket follows the lifecycle, no ticket is in
	// two matches at once or succeeds twice, and it ends as described.
	evs := e.Events()
	end := checkHistory(t, evs)
	succeeded := 0
	for id, tk := range final {
		want, ok := end[id]
		if !ok {
			want = ticket.Cancelled // stopped or replaced before its first tick
			if tk.Status != ticket.Cancelled {
				t.Errorf("ticket %s has no events and is %s", id, tk.Status)
			}
			continue
		}
		if tk.Status != want {
			t.Errorf("ticket %s is %s, its events say %s", id, tk.Status, want)
		}
		if tk.Status == ticket.Completed {
			succeeded++
			for _, p := range tk.Players {
				if p.Team != "red" && p.Team != "blue" {
					t.Errorf("completed ticket %s: player %s on team %q", id, p.PlayerID, p.Team)
				}
			}
		}
	}
	if succeeded == 0 {
		t.Error("no ticket completed: the test exercised nothing")
	}
	if len(placer.requests()) == 0 {
		t.Error("nothing was placed: the test exercised nothing")
	}
	t.Logf("%d tickets, %d completed, %d placements, %d events", len(started), succeeded, len(placer.requests()), len(evs))

	// The WaitEvents consumer saw the same events, in order.
	if len(consumed) != len(evs) {
		t.Errorf("the waiter saw %d events of %d", len(consumed), len(evs))
	}
	for i := range min(len(consumed), len(evs)) {
		if consumed[i].ID != evs[i].ID || consumed[i].Seq != evs[i].Seq {
			t.Fatalf("waiter event %d differs", i)
		}
	}
}

// checkHistory follows every ticket through the events against the
// lifecycle of spec section 7.3 and returns the status each ticket ended in.
func checkHistory(t *testing.T, evs []engine.Event) map[string]ticket.Status {
	t.Helper()
	type state int
	const (
		queued state = iota
		searching
		proposed  // in a potential match
		decided   // acceptance completed, outcome pending
		completed // terminal states from here on
		cancelled
		timedOut
		failed
	)
	st := map[string]state{}
	inMatch := map[string]string{}
	seenMatch := map[string]bool{}
	succeeded := map[string]int{}
	var lastSeq uint64
	for i, ev := range evs {
		if ev.Seq <= lastSeq && i > 0 {
			t.Errorf("event %d: Seq %d after %d", i, ev.Seq, lastSeq)
		}
		lastSeq = ev.Seq
		d := ev.Detail
		if d.Type == engine.EventPotentialMatchCreated {
			if seenMatch[d.MatchID] {
				t.Errorf("match %s created twice", d.MatchID)
			}
			seenMatch[d.MatchID] = true
			if len(d.Tickets) != 2 {
				t.Errorf("match %s of %d tickets in a 1v1", d.MatchID, len(d.Tickets))
			}
		}
		for _, et := range d.Tickets {
			id := et.TicketID
			s, known := st[id]
			bad := func() { t.Errorf("event %d: %s for ticket %s in state %d", i, d.Type, id, s) }
			if known && s >= completed {
				bad()
				continue
			}
			switch d.Type {
			case engine.EventMatchmakingSearching:
				// new, back from acceptance, or back from placement
				if known && s != queued && s != decided && s != proposed {
					bad()
				}
				st[id] = searching
				delete(inMatch, id)
			case engine.EventPotentialMatchCreated:
				if s != searching || !known {
					bad()
				}
				if m, ok := inMatch[id]; ok {
					t.Errorf("ticket %s joins match %s while in match %s", id, d.MatchID, m)
				}
				inMatch[id] = d.MatchID
				st[id] = proposed
			case engine.EventAcceptMatch:
				if s != proposed || inMatch[id] != d.MatchID {
					bad()
				}
			case engine.EventAcceptMatchCompleted:
				if s != proposed || inMatch[id] != d.MatchID {
					bad()
				}
				st[id] = decided
			case engine.EventMatchmakingSucceeded:
				if s != proposed && s != decided || inMatch[id] != d.MatchID {
					bad()
				}
				succeeded[id]++
				st[id] = completed
			case engine.EventMatchmakingCancelled:
				st[id] = cancelled // from any active state
			case engine.EventMatchmakingFailed:
				if s != proposed && s != decided || inMatch[id] != d.MatchID {
					bad()
				}
				st[id] = failed
			case engine.EventMatchmakingTimedOut:
				if known && s != queued && s != searching {
					bad()
				}
				st[id] = timedOut
			default:
				t.Errorf("event %d: unexpected %s", i, d.Type)
			}
		}
	}
	end := map[string]ticket.Status{}
	for id, s := range st {
		switch s {
		case completed:
			end[id] = ticket.Completed
		case cancelled:
			end[id] = ticket.Cancelled
		case timedOut:
			end[id] = ticket.TimedOut
		case failed:
			end[id] = ticket.Failed
		default:
			end[id] = ticket.Searching // not terminal: the caller reports it
		}
	}
	for id, n := range succeeded {
		if n > 1 {
			t.Errorf("ticket %s succeeded %d times", id, n)
		}
	}
	return end
}
