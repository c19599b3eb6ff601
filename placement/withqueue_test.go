package placement_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
	"github.com/flexsim/flexsim/ticket"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// duel is a 1v1 rule set.
const duel = `{"name": "duel", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 100}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}]}`

// pipeline is a matchmaker and its hosting on one virtual clock.
type pipeline struct {
	t       *testing.T
	clock   *engine.VirtualClock
	hosting *placement.Service
	mm      *engine.Engine
	fleet   placement.FleetAttributes
	events  []placement.Event
}

// newPipeline sets up a fleet in us-east-1 with instances game servers, a
// queue with the given timeout on it, the rule set body and a WITH_QUEUE
// configuration "cfg" changed by change.
func newPipeline(t *testing.T, body string, instances, queueTimeout int, change func(*engine.CreateMatchmakingConfigurationInput)) *pipeline {
	t.Helper()
	ctx := context.Background()
	p := &pipeline{t: t, clock: engine.NewVirtualClock(epoch)}
	p.hosting = placement.New(placement.WithClock(p.clock), placement.WithSeed(1), placement.WithEventHandler(func(ev placement.Event) { p.events = append(p.events, ev) }))
	p.mm = engine.New(engine.WithClock(p.clock), engine.WithSeed(1), engine.WithPlacer(p.hosting))
	t.Cleanup(func() { p.mm.Close(); p.hosting.Close() })
	var err error
	p.fleet, err = p.hosting.AddFleet(placement.FleetSpec{Name: "game", Locations: []placement.LocationSpec{{Location: "us-east-1", Instances: instances}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.hosting.CreateGameSessionQueue(ctx, &placement.CreateGameSessionQueueInput{
		Name: "queue", TimeoutInSeconds: queueTimeout,
		Destinations: []placement.GameSessionQueueDestination{{DestinationArn: p.fleet.FleetArn}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.mm.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "rules", RuleSetBody: body}); err != nil {
		t.Fatal(err)
	}
	in := &engine.CreateMatchmakingConfigurationInput{
		Name: "cfg", RuleSetName: "rules", RequestTimeoutSeconds: 120,
		FlexMatchMode: engine.ModeWithQueue, GameSessionQueueArns: []string{"queue"},
		GameProperties: []engine.GameProperty{{Key: "mode", Value: "duel"}}, GameSessionData: "map=arena",
	}
	if change != nil {
		change(in)
	}
	if _, err := p.mm.CreateMatchmakingConfiguration(ctx, in); err != nil {
		t.Fatal(err)
	}
	return p
}

func (p *pipeline) start(id string, players ...ticket.Player) {
	p.t.Helper()
	if _, err := p.mm.StartMatchmaking(context.Background(), &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: "cfg", Players: players}); err != nil {
		p.t.Fatal(err)
	}
}

func (p *pipeline) ticket(id string) engine.MatchmakingTicket {
	p.t.Helper()
	out, err := p.mm.DescribeMatchmaking(context.Background(), &engine.DescribeMatchmakingInput{TicketIds: []string{id}})
	if err != nil || len(out.TicketList) != 1 {
		p.t.Fatalf("DescribeMatchmaking %s: %v", id, err)
	}
	return out.TicketList[0]
}

func (p *pipeline) want(when string, statuses map[string]ticket.Status) {
	p.t.Helper()
	for id, st := range statuses {
		if got := p.ticket(id).Status; got != st {
			p.t.Errorf("%s: ticket %s is %s, want %s", when, id, got, st)
		}
	}
}

func (p *pipeline) advance(seconds int) { p.clock.Advance(time.Duration(seconds) * time.Second) }

func gamer(id string) ticket.Player {
	return ticket.Player{PlayerID: id, Attributes: map[string]ticket.AttributeValue{"skill": ticket.Number(100)}, LatencyInMs: map[string]int{"us-east-1": 30}}
}

func (p *pipeline) session(arn string) placement.GameSession {
	p.t.Helper()
	out, err := p.hosting.DescribeGameSessions(context.Background(), &placement.DescribeGameSessionsInput{GameSessionId: arn})
	if err != nil || len(out.GameSessions) != 1 {
		p.t.Fatalf("DescribeGameSessions %s: %v", arn, err)
	}
	return out.GameSessions[0]
}

func TestWithQueueEndToEnd(t *testing.T) {
	for _, acceptance := range []bool{false, true} {
		name := "no acceptance"
		if acceptance {
			name = "acceptance"
		}
		t.Run(name, func(t *testing.T) {
			p := newPipeline(t, duel, 1, 60, func(in *engine.CreateMatchmakingConfigurationInput) {
				in.AcceptanceRequired = acceptance
				if acceptance {
					in.AcceptanceTimeoutSeconds = 30
				}
			})
			p.start("a", gamer("pa"))
			p.start("b", gamer("pb"))
			p.advance(1)
			if acceptance {
				p.want("proposed", map[string]ticket.Status{"a": ticket.RequiresAcceptance, "b": ticket.RequiresAcceptance})
				for id, pl := range map[string]string{"a": "pa", "b": "pb"} {
					if _, err := p.mm.AcceptMatch(context.Background(), &engine.AcceptMatchInput{TicketId: id, PlayerIds: []string{pl}, AcceptanceType: engine.Accept}); err != nil {
						t.Fatal(err)
					}
				}
			}
			p.want("matched", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
			p.advance(1) // the placement is tried at the hosting's next tick
			p.want("placed", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
			a := p.ticket("a")
			c := a.GameSessionConnectionInfo
			if c == nil || c.GameSessionArn == "" || c.IpAddress == "" || c.Port == 0 || len(c.MatchedPlayerSessions) != 1 || c.MatchedPlayerSessions[0].PlayerId != "pa" {
				t.Fatalf("connection %+v", c)
			}
			gs := p.session(c.GameSessionArn)
			if gs.CurrentPlayerSessionCount != 2 || gs.MaximumPlayerSessionCount != 2 || gs.GameSessionData != "map=arena" || len(gs.GameProperties) != 1 || gs.Location != "us-east-1" {
				t.Errorf("game session %+v", gs)
			}
			var data engine.MatchmakerData
			if err := json.Unmarshal([]byte(gs.MatchmakerData), &data); err != nil || len(data.Teams) != 2 || data.MatchmakingConfigurationArn != a.ConfigurationArn {
				t.Errorf("MatchmakerData %q: %v", gs.MatchmakerData, err)
			}
			pl, err := p.hosting.DescribeGameSessionPlacement(context.Background(), &placement.DescribeGameSessionPlacementInput{PlacementId: data.MatchID})
			if err != nil || pl.GameSessionPlacement.Status != placement.PlacementFulfilled {
				t.Errorf("placement of match %s: %+v, %v", data.MatchID, pl, err)
			}
			ps, err := p.hosting.DescribePlayerSessions(context.Background(), &placement.DescribePlayerSessionsInput{PlayerSessionId: c.MatchedPlayerSessions[0].PlayerSessionId})
			if err != nil || len(ps.PlayerSessions) != 1 || ps.PlayerSessions[0].Status != placement.PlayerSessionReserved {
				t.Errorf("player session: %+v, %v", ps, err)
			}
		})
	}
}

func TestWithQueuePlacementTimeoutReturnsTicketsToPool(t *testing.T) {
	p := newPipeline(t, duel, 0, 10, nil) // no game servers at all
	p.start("a", gamer("pa"))
	p.start("b", gamer("pb"))
	p.advance(1)
	p.want("matched", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
	p.advance(9)
	p.want("placing for 9 s", map[string]ticket.Status{"a": ticket.Placing, "b": ticket.Placing})
	p.advance(2)
	// the placement timed out; the tickets searched again and were matched
	// again at once, so they are placing anew
	var searching int
	for _, ev := range p.mm.Events() {
		if ev.Detail.Type == engine.EventMatchmakingSearching {
			searching++
		}
	}
	if searching != 3 { // a and b at first, then both together
		t.Errorf("%d MatchmakingSearching events, want 3", searching)
	}
	var timedOut int
	for _, ev := range p.events {
		if ev.Detail.Type == "PlacementTimedOut" {
			timedOut++
		}
	}
	if timedOut != 1 {
		t.Errorf("%d PlacementTimedOut events, want 1", timedOut)
	}
	// capacity appears: the second placement is fulfilled
	if _, err := p.hosting.UpdateFleetCapacity(context.Background(), &placement.UpdateFleetCapacityInput{FleetId: p.fleet.FleetId, DesiredInstances: ptr(1), MaxSize: ptr(1)}); err != nil {
		t.Fatal(err)
	}
	p.advance(1)
	p.want("capacity", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
}

func TestWithQueueCapacityFreedByEndedGame(t *testing.T) {
	p := newPipeline(t, duel, 1, 60, nil)
	p.start("a", gamer("pa"))
	p.start("b", gamer("pb"))
	p.advance(2)
	p.want("first game", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
	p.start("c", gamer("pc"))
	p.start("d", gamer("pd"))
	p.advance(5)
	p.want("no server free", map[string]ticket.Status{"c": ticket.Placing, "d": ticket.Placing})
	if err := p.hosting.EndGameSession(p.ticket("a").GameSessionConnectionInfo.GameSessionArn); err != nil {
		t.Fatal(err)
	}
	p.advance(1)
	p.want("server freed", map[string]ticket.Status{"c": ticket.Completed, "d": ticket.Completed})
}

func TestWithQueueAutomaticBackfill(t *testing.T) {
	body := `{"name": "squads", "ruleLanguageVersion": "1.0",
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 2}, {"name": "blue", "minPlayers": 1, "maxPlayers": 2}]}`
	p := newPipeline(t, body, 1, 60, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.BackfillMode = engine.BackfillAutomatic
		in.AdditionalPlayerCount = 2
	})
	p.start("a", gamer("pa"))
	p.start("b", gamer("pb"))
	p.advance(2)
	p.want("placed", map[string]ticket.Status{"a": ticket.Completed, "b": ticket.Completed})
	arn := p.ticket("a").GameSessionConnectionInfo.GameSessionArn
	if gs := p.session(arn); gs.MaximumPlayerSessionCount != 4 || gs.CurrentPlayerSessionCount != 2 {
		t.Fatalf("session %+v", gs)
	}
	p.start("c", gamer("pc"))
	p.advance(2)
	c := p.ticket("c")
	if c.Status != ticket.Completed || c.GameSessionConnectionInfo == nil || c.GameSessionConnectionInfo.GameSessionArn != arn {
		t.Fatalf("backfilled ticket %+v", c)
	}
	gs := p.session(arn)
	var data engine.MatchmakerData
	if err := json.Unmarshal([]byte(gs.MatchmakerData), &data); err != nil {
		t.Fatal(err)
	}
	if gs.CurrentPlayerSessionCount != 3 || len(data.Teams[0].Players)+len(data.Teams[1].Players) != 3 || data.AutoBackfillTicketID == "" {
		t.Errorf("after backfill: %d players, MatchmakerData %s", gs.CurrentPlayerSessionCount, gs.MatchmakerData)
	}
	if st := p.ticket(data.AutoBackfillTicketID).Status; st.Terminal() {
		t.Errorf("the next automatic backfill ticket is %s; the session still has a slot", st)
	}
}

func ptr[T any](v T) *T { return &v }
