package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
)

// hostileID is a player ID a browser would run if the page parsed data as
// HTML: the page must show it as text.
const hostileID = `<img src=x onerror="document.title='pwned'">`

// statusScenario fills an env with what the web page tests look for:
// configuration "ranked" (rule set 1v1, STANDALONE), a completed match of
// alice and the hostile player, carol SEARCHING, dave CANCELLED, erin QUEUED.
func statusScenario(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	ctx := context.Background()
	e.setup(ctx, false)
	start := func(id string, p types.Player) {
		t.Helper()
		if _, err := e.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{TicketId: aws.String(id),
			ConfigurationName: aws.String("ranked"), Players: []types.Player{p}}); err != nil {
			t.Fatal(err)
		}
	}
	start("t-alice", player("alice", 10))
	start("t-hostile", player(hostileID, 11))
	start("t-carol", player("carol", 900)) // too far from everyone
	start("t-dave", player("dave", 12))
	if _, err := e.gl.StopMatchmaking(ctx, &gamelift.StopMatchmakingInput{TicketId: aws.String("t-dave")}); err != nil {
		t.Fatal(err)
	}
	e.advance(1)
	start("t-erin", player("erin", 500))
	return e
}

// getStatus fetches and decodes /_flexsim/status.
func (e *env) getStatus() api.StatusResponse {
	e.t.Helper()
	resp, err := e.srv.Client().Get(e.srv.URL + api.PathStatus)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		e.t.Fatalf("GET %s: %s, Content-Type %q", api.PathStatus, resp.Status, resp.Header.Get("Content-Type"))
	}
	var st api.StatusResponse
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		e.t.Fatal(err)
	}
	return st
}

func TestStatusEndpoint(t *testing.T) {
	e := statusScenario(t)
	st := e.getStatus()
	if st.Clock != "virtual" || !st.Now.Equal(start.Add(time.Second)) {
		t.Errorf("clock %q, now %v; want virtual, %v", st.Clock, st.Now, start.Add(time.Second))
	}
	if want := []string{"QUEUED", "SEARCHING", "REQUIRES_ACCEPTANCE", "PLACING", "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"}; !slices.Equal(st.TicketStatuses, want) {
		t.Errorf("ticketStatuses %v, want %v", st.TicketStatuses, want)
	}
	if len(st.Configurations) != 1 {
		t.Fatalf("%d configurations, want 1", len(st.Configurations))
	}
	c := st.Configurations[0]
	if c.Name != "ranked" || c.RuleSetName != "1v1" || c.FlexMatchMode != "STANDALONE" || c.AcceptanceRequired {
		t.Errorf("configuration %+v", c)
	}
	want := map[string]int{"QUEUED": 1, "SEARCHING": 1, "REQUIRES_ACCEPTANCE": 0, "PLACING": 0, "COMPLETED": 2, "FAILED": 0, "CANCELLED": 1, "TIMED_OUT": 0}
	for s, n := range want {
		if got, ok := c.Tickets[s]; !ok || got != n {
			t.Errorf("tickets[%s] = %d (present %v), want %d", s, got, ok, n)
		}
	}
	if c.MatchesFormed != 1 || len(c.RecentMatches) != 1 {
		t.Fatalf("%d matches formed, %d recent; want 1, 1", c.MatchesFormed, len(c.RecentMatches))
	}
	m := c.RecentMatches[0]
	if m.Status != "COMPLETED" || m.Backfill || !m.Time.Equal(start.Add(time.Second)) || m.MatchID == "" {
		t.Errorf("match %+v", m)
	}
	var teams []string
	for _, tm := range m.Teams {
		teams = append(teams, tm.Name+"="+strings.Join(tm.PlayerIDs, ",")+"/"+strings.Join(tm.TicketIDs, ","))
	}
	slices.Sort(teams)
	if got := strings.Join(teams, " "); got != "blue=alice/t-alice red="+hostileID+"/t-hostile" && got != "blue="+hostileID+"/t-hostile red=alice/t-alice" {
		t.Errorf("teams %s", got)
	}
	if len(c.Rules) != 1 || c.Rules[0].Name != "FairSkill" || c.Rules[0].Passed == 0 {
		t.Errorf("rules %+v, want FairSkill with passes", c.Rules)
	}
	if len(st.Fleets) != 0 {
		t.Errorf("fleets %+v before any was created", st.Fleets)
	}
}

// TestStatusEndpointWire checks the JSON itself: camelCase names, RFC 3339
// times, fleets once there is one.
func TestStatusEndpointWire(t *testing.T) {
	e := statusScenario(t)
	ctx := context.Background()
	if _, err := e.gl.CreateFleet(ctx, &gamelift.CreateFleetInput{Name: aws.String("game"), EC2InstanceType: types.EC2InstanceTypeC5Large,
		RuntimeConfiguration: &types.RuntimeConfiguration{ServerProcesses: []types.ServerProcess{{LaunchPath: aws.String("/game"), ConcurrentExecutions: aws.Int32(2)}}}}); err != nil {
		t.Fatal(err)
	}
	resp, err := e.srv.Client().Get(e.srv.URL + api.PathStatus)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw struct {
		Now            string `json:"now"`
		Configurations []struct {
			RecentMatches []map[string]any `json:"recentMatches"`
			Rules         []map[string]any `json:"rules"`
		} `json:"configurations"`
		Fleets []map[string]any `json:"fleets"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	if raw.Now != "2026-01-02T03:04:06.678Z" {
		t.Errorf("now %q, want RFC 3339 in UTC", raw.Now)
	}
	if cs := raw.Configurations; len(cs) != 1 || len(cs[0].RecentMatches) != 1 || len(cs[0].Rules) != 1 {
		t.Fatalf("configurations %+v", cs)
	}
	m := raw.Configurations[0].RecentMatches[0]
	if _, err := time.Parse(time.RFC3339, m["time"].(string)); err != nil {
		t.Errorf("match time: %v", err)
	}
	for _, k := range []string{"matchId", "status", "backfill", "teams"} {
		if _, ok := m[k]; !ok {
			t.Errorf("match has no %q: %v", k, m)
		}
	}
	if r := raw.Configurations[0].Rules[0]; r["name"] != "FairSkill" || r["passed"] == nil || r["failed"] == nil {
		t.Errorf("rule %v", r)
	}
	if len(raw.Fleets) != 1 {
		t.Fatalf("fleets %v, want the one created", raw.Fleets)
	}
	f := raw.Fleets[0]
	if f["instanceType"] != "c5.large" || f["desiredInstances"] != 1.0 || f["activeServerProcesses"] != 2.0 || f["activeGameSessions"] != 0.0 {
		t.Errorf("fleet %v: want c5.large, 1 desired instance, 2 processes, no game session", f)
	}
}

func TestStatusEndpointRealClock(t *testing.T) {
	mm := engine.New(engine.WithSeed(1))
	defer mm.Close()
	srv := httptest.NewServer(api.New(mm, nil))
	defer srv.Close()
	before := time.Now()
	st := (&env{t: t, srv: srv}).getStatus()
	if st.Clock != "real" || st.Now.Before(before.Add(-time.Second)) || st.Now.Location() != time.UTC {
		t.Errorf("clock %q, now %v; want real, about %v in UTC", st.Clock, st.Now, before)
	}
	if st.Configurations == nil || st.Fleets == nil || len(st.Configurations)+len(st.Fleets) != 0 {
		t.Errorf("configurations %v, fleets %v: want empty lists", st.Configurations, st.Fleets)
	}
}

// TestWebPageRoutes checks methods on / and on the status path. POST / is
// still the JSON 1.1 protocol.
func TestWebPageRoutes(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		method, path string
		status       int
		contentType  string
		allow        string
		body         string // a substring of the body
	}{
		{method: "GET", path: "/", status: 200, contentType: "text/html; charset=utf-8", body: "<title>flexsim</title>"},
		{method: "HEAD", path: "/", status: 200, contentType: "text/html; charset=utf-8"},
		{method: "PUT", path: "/", status: 405, allow: "GET, HEAD, POST"},
		{method: "DELETE", path: "/", status: 405, allow: "GET, HEAD, POST"},
		{method: "POST", path: "/", status: 400, contentType: "application/x-amz-json-1.1", body: "UnknownOperationException"},
		{method: "GET", path: api.PathStatus, status: 200, contentType: "application/json", body: `"configurations":[]`},
		{method: "HEAD", path: api.PathStatus, status: 200, contentType: "application/json"},
		{method: "POST", path: api.PathStatus, status: 405, allow: "GET, HEAD"},
		{method: "GET", path: "/index.html", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.srv.URL+tt.path, nil)
			resp, err := e.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s)", resp.StatusCode, tt.status, body)
			}
			if tt.contentType != "" && resp.Header.Get("Content-Type") != tt.contentType {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tt.contentType)
			}
			if resp.Header.Get("Allow") != tt.allow {
				t.Errorf("Allow %q, want %q", resp.Header.Get("Allow"), tt.allow)
			}
			if !strings.Contains(string(body), tt.body) || (tt.method == "HEAD" && len(body) != 0) {
				t.Errorf("body %.200q, want one holding %q (none for HEAD)", body, tt.body)
			}
		})
	}
}

// TestWebPageIsSelfContained guards the page's promises: it loads nothing
// from elsewhere, and its script never parses data as HTML.
func TestWebPageIsSelfContained(t *testing.T) {
	e := newEnv(t)
	resp, err := e.srv.Client().Get(e.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("Content-Security-Policy %q, want default-src 'none' and connect-src 'self'", csp)
	}
	for _, bad := range []string{"http://", "https://", "src=", "<link rel=\"stylesheet\"", "@import", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(string(page), bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, want := range []string{"textContent", "_flexsim/status", "setTimeout(poll"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page does not hold %q", want)
		}
	}
}
