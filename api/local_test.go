package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

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

func (r *localRun) start(config string, players ...string) {
	var ps []string
	for _, p := range players {
		ps = append(ps, fmt.Sprintf(`{"PlayerId":%q,"PlayerAttributes":{"skill":{"N":%d}},"LatencyInMs":{"us-west-2":40}}`, p, 10+len(p)))
	}
	out := r.post("StartMatchmaking", fmt.Sprintf(`{"ConfigurationName":%q,"Players":[%s]}`, config, strings.Join(ps, ",")))
	id := lookup(out, "MatchmakingTicket.TicketId")
	if id == "" {
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
	res, err := r.srv.Client().Get(r.srv.URL + "/_flexsim/events")
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

// TestLocalRestart checks that a server restarted on its data directory
// answers exactly as before, and goes on exactly as a server that never
// stopped.
func TestLocalRestart(t *testing.T) {
	dir := t.TempDir()
	a := openRun(t, dir)
	a.stateBefore()
	before := a.snapshot()
	tickets := a.tickets
	a.close()

	b := openRun(t, dir)
	defer b.close()
	if b.l.Replayed == 0 {
		t.Fatal("nothing replayed")
	}
	b.tickets = tickets
	if got := b.snapshot(); got != before {
		t.Fatalf("restarted state differs:\nbefore %s\nafter  %s", before, got)
	}
	b.stateAfter()

	c := openRun(t, "")
	defer c.close()
	c.stateBefore()
	c.stateAfter()
	if got, want := b.snapshot(), c.snapshot(); got != want {
		t.Fatalf("restarted run differs from an uninterrupted one:\nrestarted %s\nnever stopped %s", got, want)
	}
	if !strings.Contains(before, "MatchmakingSucceeded") || !strings.Contains(before, "PlacementFulfilled") {
		t.Errorf("the scenario made no match or placement:\n%s", before)
	}
}

// TestJournalDamage checks a torn last record is cut off and any other
// damage or a change of settings refuses to start with the file named.
func TestJournalDamage(t *testing.T) {
	dir := t.TempDir()
	a := openRun(t, dir)
	a.stateBefore()
	a.close()
	path := filepath.Join(dir, api.JournalFile)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	os.WriteFile(path, append(append([]byte{}, good...), `{"k":"op","t":1,"n":"StartMatchm`...), 0o644)
	b := openRun(t, dir)
	b.close()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, good) {
		t.Errorf("torn record not cut off: %d bytes, want %d", len(after), len(good))
	}

	lines := bytes.SplitAfter(good, []byte("\n"))
	lines[3] = []byte("garbage\n")
	os.WriteFile(path, bytes.Join(lines, nil), 0o644)
	if _, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7}); err == nil || !strings.Contains(err.Error(), api.JournalFile+":4: unreadable record") {
		t.Errorf("damaged journal: %v", err)
	}

	os.WriteFile(path, good, 0o644)
	if _, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7, Region: "eu-west-1"}); err == nil || !strings.Contains(err.Error(), "--region us-east-1 (now eu-west-1)") {
		t.Errorf("other region: %v", err)
	}
}

// TestLocalSinkRestart checks that a sink restarted on a data directory
// goes on where it stopped: every event delivered once across a restart.
func TestLocalSinkRestart(t *testing.T) {
	rc := newReceiver(t, 0)
	rc.Start()
	defer rc.Close()
	dir := t.TempDir()
	var reg *prometheus.Registry
	open := func() *localRun {
		reg = prometheus.NewRegistry()
		l, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7, Registry: reg,
			Sinks: []api.SinkConfig{{Name: "hook", URL: rc.URL}}})
		if err != nil {
			t.Fatal(err)
		}
		return &localRun{t: t, l: l, srv: httptest.NewServer(l.Server)}
	}
	a := open()
	a.stateBefore()
	first := a.l.Events.Last()
	rc.wait(t, int(first))
	// the receiver has them; wait until the sink has seen its answers too,
	// or the restart sends the last again (at least once)
	waitDelivered(t, reg, first)
	a.close()

	b := open()
	b.tickets = a.tickets
	b.stateAfter()
	last := b.l.Events.Last()
	rc.wait(t, int(last-first))
	waitDelivered(t, reg, last-first)
	b.close()
	seen := map[string]int{}
	for _, n := range rc.notifications() {
		seen[n.body["MessageId"]]++
	}
	if len(seen) != int(last) {
		t.Errorf("%d distinct events delivered, want %d", len(seen), last)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("event %s delivered %d times", id, n)
		}
	}
}

// waitDelivered waits until the sinks' delivered counter reaches n.
func waitDelivered(t *testing.T, reg *prometheus.Registry, n uint64) {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for {
		mfs, _ := reg.Gather()
		got := 0.0
		for _, mf := range mfs {
			if mf.GetName() == "flexsim_sink_events_delivered_total" {
				for _, m := range mf.GetMetric() {
					got += m.GetCounter().GetValue()
				}
			}
		}
		if got >= float64(n) {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("the sink delivered %v events, want %d", got, n)
		}
	}
}
