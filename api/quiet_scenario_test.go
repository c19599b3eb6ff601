package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/api"
)

// expanding is a rule set of two teams of one or two players whose skill
// rule allows a distance of 5 at first and of 100 once the oldest ticket
// has waited 10 s.
const expanding = `{
  "name": "expanding",
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 2}, {"name": "blue", "minPlayers": 1, "maxPlayers": 2}],
  "rules": [{"name": "FairSkill", "type": "distance", "measurements": ["avg(teams[*].players.attributes[skill])"], "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))", "maxDistance": 5}],
  "expansions": [{"target": "rules[FairSkill].maxDistance", "steps": [{"waitTimeSeconds": 10, "value": 100}]}]
}`

const day = 24 * 3600

// quietStep is one step of quietScenario: calls, then time passing.
// check, if set, says what the step failed to do ("" if nothing).
type quietStep struct {
	name  string
	do    func(r *localRun)
	check func(r *localRun) string
}

// quietScenario is activity with idle time between: matches with and
// without acceptance (accepted, lapsed), expansions, request timeouts,
// placements that succeed and placements that wait for capacity until
// they time out, automatic backfill, player sessions connected and timed
// out, a game session terminated, then days of nothing, past the ticket
// retention (24 h) and the game session retention (30 days), and
// matchmaking again. Every step moves the clock by whole seconds, so that
// what is read after it is read on the ticks' phase.
var quietScenario = []quietStep{
	{"matches, acceptance, a placement", (*localRun).stateBefore, nil},
	{"a game ends, tickets time out", (*localRun).stateAfter, nil},
	{"idle 10 minutes", func(r *localRun) { r.advance(600) }, nil},
	{"an expanding rule set, a fleet without capacity, automatic backfill", (*localRun).quietSetup, nil},
	{"an expansion makes a match no one accepts; a lone ticket times out", func(r *localRun) {
		r.startSkilled("wide", []string{"x1"}, []int{10})
		r.startSkilled("wide", []string{"x2"}, []int{40})
		r.startSkilled("wide", []string{"z1"}, []int{900})
		r.advance(90)
	}, func(r *localRun) string {
		return r.wantTickets(-3, "CANCELLED AcceptanceTimedOut", "CANCELLED AcceptanceTimedOut", "TIMED_OUT TimedOut")
	}},
	{"placements wait for capacity and time out", func(r *localRun) {
		r.start("starving", "s1")
		r.start("starving", "s2")
		r.advance(120)
	}, func(r *localRun) string {
		if !slices.ContainsFunc(r.l.Events.After(0, 1<<30), func(ev api.LoggedEvent) bool { return ev.Type == "PlacementTimedOut" }) {
			return "no placement timed out"
		}
		return r.wantTickets(-2, "TIMED_OUT TimedOut", "TIMED_OUT TimedOut")
	}},
	{"a placement with automatic backfill", func(r *localRun) {
		r.startSkilled("filling", []string{"f1"}, []int{10})
		r.startSkilled("filling", []string{"f2"}, []int{12})
		r.advance(5)
	}, func(r *localRun) string { return r.wantTickets(-2, "COMPLETED ", "COMPLETED ") }},
	// the home location's seats show in DescribeFleetUtilization, which
	// does not time out reservations itself
	{"a player connects, other seats time out, one in the fleet's home location", func(r *localRun) {
		seats := r.seatsOf(r.tickets[len(r.tickets)-2])
		r.post(api.PathPlayerConnected, fmt.Sprintf(`{"PlayerSessionId":%q}`, seats.player))
		r.post("CreatePlayerSession", fmt.Sprintf(`{"GameSessionId":%q,"PlayerId":"late"}`, seats.session))
		home := r.post("CreateGameSession", fmt.Sprintf(`{"FleetId":%q,"Location":"us-east-1","MaximumPlayerSessionCount":2}`, r.fleetID()))
		r.post("CreatePlayerSession", fmt.Sprintf(`{"GameSessionId":%q,"PlayerId":"home"}`, lookup(home, "GameSession.GameSessionId")))
		r.advance(70)
	}, func(r *localRun) string {
		d := r.post("DescribePlayerSessions", fmt.Sprintf(`{"GameSessionId":%q}`, r.seatsOf(r.tickets[len(r.tickets)-1]).session))
		return want("seats", lookup(d, "PlayerSessions.0.Status")+" "+lookup(d, "PlayerSessions.1.Status")+" "+lookup(d, "PlayerSessions.2.Status"), "ACTIVE TIMEDOUT TIMEDOUT")
	}},
	// a tick times out a reservation at its first tick 60 s or more after
	// it was made; a read between the two times it out first
	{"a seat is read after its time is up, before the tick that would time it out", func(r *localRun) {
		home := lookup(r.post("DescribeGameSessions", fmt.Sprintf(`{"FleetId":%q,"Location":"us-east-1"}`, r.fleetID())), "GameSessions.0.GameSessionId")
		r.advance(0.5)
		r.post("CreatePlayerSession", fmt.Sprintf(`{"GameSessionId":%q,"PlayerId":"early"}`, home))
		r.advance(60.25)
		r.post("DescribePlayerSessions", fmt.Sprintf(`{"GameSessionId":%q}`, home))
		r.advance(0.25)
	}, func(r *localRun) string {
		home := lookup(r.post("DescribeGameSessions", fmt.Sprintf(`{"FleetId":%q,"Location":"us-east-1"}`, r.fleetID())), "GameSessions.0.GameSessionId")
		d := r.post("DescribePlayerSessions", fmt.Sprintf(`{"GameSessionId":%q}`, home))
		return want("the seat read late", lookup(d, "PlayerSessions.1.PlayerId")+" "+lookup(d, "PlayerSessions.1.Status"), "early TIMEDOUT")
	}},
	{"the game session is terminated", func(r *localRun) {
		session := r.seatsOf(r.tickets[len(r.tickets)-1]).session
		r.post("TerminateGameSession", fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"TRIGGER_ON_PROCESS_TERMINATE"}`, session))
		r.advance(2)
	}, func(r *localRun) string { return want("game session", r.sessionStatus(-1), "TERMINATED") }},
	{"idle a day", func(r *localRun) { r.advance(day) }, nil},
	{"idle another day: past the ticket retention", func(r *localRun) { r.advance(day) }, func(r *localRun) string {
		return want("first ticket", lookup(r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, r.tickets[0])), "TicketList"), "[]")
	}},
	{"idle a week", func(r *localRun) { r.advance(7 * day) }, nil},
	{"idle a second week", func(r *localRun) { r.advance(7 * day) }, nil},
	{"idle a third week", func(r *localRun) { r.advance(7 * day) }, nil},
	{"idle 6 days: a day short of the game session retention", func(r *localRun) { r.advance(6 * day) }, func(r *localRun) string {
		return want("game session", r.sessionStatus(-1), "TERMINATED")
	}},
	{"idle 2 days: past the game session retention", func(r *localRun) { r.advance(2 * day) }, func(r *localRun) string {
		return want("game session", r.sessionStatus(-1), "<missing>")
	}},
	{"matchmaking again", func(r *localRun) {
		r.start("queued", "q5")
		r.start("queued", "q6")
		r.start("solo", "a9")
		r.start("solo", "b9")
		r.advance(23)
	}, func(r *localRun) string {
		return r.wantTickets(-4, "COMPLETED ", "COMPLETED ", "CANCELLED AcceptanceTimedOut", "CANCELLED AcceptanceTimedOut")
	}},
}

// want says how got differs from what was wanted of what, or "".
func want(what, got, wanted string) string {
	if got != wanted {
		return fmt.Sprintf("%s: %s, want %s", what, got, wanted)
	}
	return ""
}

// wantTickets checks the "STATUS REASON" of the tickets started from
// index from (from the end if negative) on.
func (r *localRun) wantTickets(from int, statuses ...string) string {
	if from < 0 {
		from += len(r.tickets)
	}
	var got []string
	for _, id := range r.tickets[from : from+len(statuses)] {
		d := r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, id))
		reason := lookup(d, "TicketList.0.StatusReason")
		if reason == "null" {
			reason = ""
		}
		got = append(got, lookup(d, "TicketList.0.Status")+" "+reason)
	}
	return want("tickets", strings.Join(got, ", "), strings.Join(statuses, ", "))
}

// sessionStatus is the status of the game session of the ticket at index
// i (from the end if negative), "<missing>" once it is forgotten. The
// ticket's session is read from the event log, which outlives the ticket.
func (r *localRun) sessionStatus(i int) string {
	if i < 0 {
		i += len(r.tickets)
	}
	var session string
	for _, ev := range r.l.Events.After(0, 1<<30) {
		if ev.Type == "MatchmakingSucceeded" && strings.Contains(string(ev.JSON), r.tickets[i]) {
			var v any
			json.Unmarshal(ev.JSON, &v)
			session = lookup(v, "detail.gameSessionInfo.gameSessionArn")
		}
	}
	return lookup(r.post("DescribeGameSessions", fmt.Sprintf(`{"GameSessionId":%q}`, session)), "GameSessions.0.Status")
}

// quietSetup adds a rule set with an expansion, a fleet without capacity
// and its queue (placements time out after 20 s), and three
// configurations: "wide" (STANDALONE, expanding, acceptance within 10 s),
// "starving" (WITH_QUEUE on the fleet without capacity) and "filling"
// (WITH_QUEUE on the main queue, expanding, automatic backfill).
func (r *localRun) quietSetup() {
	r.post("CreateMatchmakingRuleSet", fmt.Sprintf(`{"Name":"expanding","RuleSetBody":%q}`, expanding))
	empty := r.post("CreateFleet", `{"Name":"empty","EC2InstanceType":"c5.large","Locations":[{"Location":"us-west-2"}],
		"RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/game","ConcurrentExecutions":1}]}}`)
	r.post("UpdateFleetCapacity", fmt.Sprintf(`{"FleetId":%q,"Location":"us-west-2","DesiredInstances":0,"MinSize":0}`, lookup(empty, "FleetAttributes.FleetId")))
	starved := r.post("CreateGameSessionQueue", fmt.Sprintf(`{"Name":"starved","TimeoutInSeconds":20,"Destinations":[{"DestinationArn":%q}]}`,
		lookup(empty, "FleetAttributes.FleetArn")))
	main := lookup(r.post("DescribeGameSessionQueues", `{"Names":["main"]}`), "GameSessionQueues.0.GameSessionQueueArn")
	r.post("CreateMatchmakingConfiguration", `{"Name":"wide","RuleSetName":"expanding","FlexMatchMode":"STANDALONE","RequestTimeoutSeconds":60,"AcceptanceRequired":true,"AcceptanceTimeoutSeconds":10}`)
	r.post("CreateMatchmakingConfiguration", fmt.Sprintf(`{"Name":"starving","RuleSetName":"1v1","FlexMatchMode":"WITH_QUEUE","RequestTimeoutSeconds":60,"AcceptanceRequired":false,"GameSessionQueueArns":[%q]}`,
		lookup(starved, "GameSessionQueue.GameSessionQueueArn")))
	r.post("CreateMatchmakingConfiguration", fmt.Sprintf(`{"Name":"filling","RuleSetName":"expanding","FlexMatchMode":"WITH_QUEUE","RequestTimeoutSeconds":30,"AcceptanceRequired":false,"BackfillMode":"AUTOMATIC","GameSessionQueueArns":[%q]}`, main))
	r.advance(1)
}

// seats is a ticket's game session and its first player's seat.
type seats struct{ session, player string }

func (r *localRun) seatsOf(ticketID string) seats {
	r.t.Helper()
	d := r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, ticketID))
	s := seats{
		session: lookup(d, "TicketList.0.GameSessionConnectionInfo.GameSessionArn"),
		player:  lookup(d, "TicketList.0.GameSessionConnectionInfo.MatchedPlayerSessions.0.PlayerSessionId"),
	}
	if s.session == "<missing>" || s.player == "<missing>" {
		r.t.Fatalf("ticket %s has no game session: %v", ticketID, d)
	}
	return s
}

// runQuietScenario runs quietScenario on runs, step by step: each step on
// every run, each checked, then after with the step (which may replace
// runs' elements: a restart).
func runQuietScenario(t *testing.T, runs []*localRun, after func(step quietStep)) {
	t.Helper()
	for _, s := range quietScenario {
		for _, r := range runs {
			s.do(r)
			if s.check == nil {
				continue
			}
			if problem := s.check(r); problem != "" {
				t.Fatalf("%s: %s", s.name, problem)
			}
		}
		after(s)
	}
}
