package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/api"
)

// localRun is a Local served over HTTP, driven with raw JSON 1.1 requests.
type localRun struct {
	t       *testing.T
	l       *api.Local
	srv     *httptest.Server
	tickets []string
}

func openRun(t *testing.T, dir string) *localRun {
	t.Helper()
	l, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return &localRun{t: t, l: l, srv: httptest.NewServer(l.Server)}
}

func (r *localRun) close() {
	r.t.Helper()
	r.srv.Close()
	if err := r.l.Close(); err != nil {
		r.t.Fatal(err)
	}
}

// post sends a request to path (an operation name for "/" when it has no
// slash) and returns the decoded answer.
func (r *localRun) post(target, body string) map[string]any {
	r.t.Helper()
	url := r.srv.URL + "/"
	if strings.HasPrefix(target, "/") {
		url = r.srv.URL + target
	}
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewBufferString(body))
	if !strings.HasPrefix(target, "/") {
		req.Header.Set("X-Amz-Target", "GameLift."+target)
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	}
	res, err := r.srv.Client().Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return out
}

// start starts a ticket of players, each with skill 10 + the length of
// their ID.
func (r *localRun) start(config string, players ...string) {
	skills := make([]int, len(players))
	for i, p := range players {
		skills[i] = 10 + len(p)
	}
	r.startSkilled(config, players, skills)
}

// startSkilled starts a ticket of players with the given skills, each
// 40 ms from us-west-2.
func (r *localRun) startSkilled(config string, players []string, skills []int) {
	r.t.Helper()
	var ps []string
	for i, p := range players {
		ps = append(ps, fmt.Sprintf(`{"PlayerId":%q,"PlayerAttributes":{"skill":{"N":%d}},"LatencyInMs":{"us-west-2":40}}`, p, skills[i]))
	}
	out := r.post("StartMatchmaking", fmt.Sprintf(`{"ConfigurationName":%q,"Players":[%s]}`, config, strings.Join(ps, ",")))
	id := lookup(out, "MatchmakingTicket.TicketId")
	if id == "" || id == "<missing>" {
		r.t.Fatalf("StartMatchmaking %s: %v", config, out)
	}
	r.tickets = append(r.tickets, id)
}

// stateBefore sets up a rule set, a fleet, a queue, a STANDALONE
// configuration with acceptance and a WITH_QUEUE one, and starts tickets.
func (r *localRun) stateBefore() {
	r.post("CreateMatchmakingRuleSet", fmt.Sprintf(`{"Name":"1v1","RuleSetBody":%q}`, oneVsOne))
	fleet := r.post("CreateFleet", `{"Name":"game","EC2InstanceType":"c5.large","Locations":[{"Location":"us-west-2"}],
		"RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/game","ConcurrentExecutions":2}]}}`)
	queue := r.post("CreateGameSessionQueue", fmt.Sprintf(`{"Name":"main","Destinations":[{"DestinationArn":%q}]}`, lookup(fleet, "FleetAttributes.FleetArn")))
	r.post("CreateMatchmakingConfiguration", `{"Name":"solo","RuleSetName":"1v1","FlexMatchMode":"STANDALONE","RequestTimeoutSeconds":60,"AcceptanceRequired":true,"AcceptanceTimeoutSeconds":10}`)
	r.post("CreateMatchmakingConfiguration", fmt.Sprintf(`{"Name":"queued","RuleSetName":"1v1","FlexMatchMode":"WITH_QUEUE","RequestTimeoutSeconds":60,"AcceptanceRequired":false,"GameSessionQueueArns":[%q]}`, lookup(queue, "GameSessionQueue.GameSessionQueueArn")))
	r.start("solo", "a1")
	r.start("solo", "a2")
	r.start("queued", "q1")
	r.start("queued", "q2")
	r.start("queued", "q3")
	r.advance(2)
	r.post("AcceptMatch", fmt.Sprintf(`{"TicketId":%q,"PlayerIds":["a1"],"AcceptanceType":"ACCEPT"}`, r.tickets[0]))
	r.advance(1)
}

// stateAfter goes on: acceptance, a player connecting, a game ending,
// a cancelled ticket, time-outs.
func (r *localRun) stateAfter() {
	r.post("AcceptMatch", fmt.Sprintf(`{"TicketId":%q,"PlayerIds":["a2"],"AcceptanceType":"ACCEPT"}`, r.tickets[1]))
	r.start("queued", "q4")
	r.start("solo", "b1")
	r.post("StopMatchmaking", fmt.Sprintf(`{"TicketId":%q}`, r.tickets[len(r.tickets)-1]))
	r.advance(3)
	d := r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, r.tickets[2]))
	if s := lookup(d, "TicketList.0.GameSessionConnectionInfo.MatchedPlayerSessions.0.PlayerSessionId"); s != "" {
		r.post(api.PathPlayerConnected, fmt.Sprintf(`{"PlayerSessionId":%q}`, s))
	}
	if arn := lookup(d, "TicketList.0.GameSessionConnectionInfo.GameSessionArn"); arn != "" {
		r.post(api.PathGameSessionEnded, fmt.Sprintf(`{"GameSessionId":%q}`, arn))
	}
	r.start("solo", "c1")
	r.advance(90)
}

func (r *localRun) advance(seconds float64) {
	r.post(api.PathAdvance, fmt.Sprintf(`{"seconds":%g}`, seconds))
}

// snapshot is everything a client can see: every ticket, the game
// sessions, the event log and the clock.
func (r *localRun) snapshot() string {
	r.t.Helper()
	var b strings.Builder
	for _, id := range r.tickets {
		d := r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, id))
		j, _ := json.Marshal(d)
		b.Write(j)
		b.WriteByte('\n')
	}
	j, _ := json.Marshal(r.post("DescribeGameSessions", `{"FleetId":"`+r.fleetID()+`"}`))
	b.Write(j)
	res, err := r.srv.Client().Get(r.srv.URL + "/_flexsim/events?limit=10000")
	if err != nil {
		r.t.Fatal(err)
	}
	var events bytes.Buffer
	events.ReadFrom(res.Body)
	res.Body.Close()
	fmt.Fprintf(&b, "\nevents %s\n", events.String())
	res, err = r.srv.Client().Get(r.srv.URL + api.PathHealth)
	if err != nil {
		r.t.Fatal(err)
	}
	var h api.HealthResponse
	json.NewDecoder(res.Body).Decode(&h)
	res.Body.Close()
	fmt.Fprintf(&b, "now %v\n", h.Now)
	return b.String()
}

func (r *localRun) fleetID() string {
	return lookup(r.post("DescribeFleetAttributes", `{}`), "FleetAttributes.0.FleetId")
}

// everything is all a client can see: the fleets' utilization and
// capacity, snapshot (the tickets started, the event log, the clock),
// every ticket and placement the events name, and every fleet's game and
// player sessions.
func (r *localRun) everything() string {
	r.t.Helper()
	var b strings.Builder
	add := func(op, body string) { r.writeAnswer(&b, op, body) }
	// first, as these do not time out due reservations, as other calls do
	add("DescribeFleetUtilization", `{}`)
	add("DescribeFleetCapacity", `{}`)
	b.WriteString(r.snapshot())
	var tickets, placements []string
	for _, ev := range r.l.Events.After(0, 1<<30) {
		var e struct {
			Detail struct {
				Tickets     []struct{ TicketID string }
				PlacementID string
			}
		}
		if err := json.Unmarshal(ev.JSON, &e); err != nil {
			r.t.Fatal(err)
		}
		for _, tk := range e.Detail.Tickets {
			if !slices.Contains(tickets, tk.TicketID) {
				tickets = append(tickets, tk.TicketID)
			}
		}
		if id := e.Detail.PlacementID; id != "" && !slices.Contains(placements, id) {
			placements = append(placements, id)
		}
	}
	for _, id := range tickets {
		add("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, id))
	}
	for _, id := range placements {
		add("DescribeGameSessionPlacement", fmt.Sprintf(`{"PlacementId":%q}`, id))
	}
	fleets := r.post("DescribeFleetAttributes", `{}`)
	for i := 0; lookup(fleets, fmt.Sprintf("FleetAttributes.%d", i)) != "<missing>"; i++ {
		b.WriteString(r.hostingSnapshot(nil, lookup(fleets, fmt.Sprintf("FleetAttributes.%d.FleetId", i))))
	}
	return b.String()
}

// writeAnswer calls op with body and writes its answer to b as one line of
// JSON.
func (r *localRun) writeAnswer(b *strings.Builder, op, body string) {
	r.t.Helper()
	j, _ := json.Marshal(r.post(op, body))
	b.Write(j)
	b.WriteByte('\n')
}
