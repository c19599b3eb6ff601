package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestJSONProtocol drives AWS JSON 1.1 with raw requests, as boto3 and the
// AWS CLI send them.
func TestJSONProtocol(t *testing.T) {
	e := newEnv(t)
	ruleSet, _ := json.Marshal(oneVsOne)
	startSec := json.Number("1767323045.678") // start in epoch seconds
	steps := []struct {
		name       string
		op, body   string
		status     int
		errType    string            // __type of an error answer
		wantFields map[string]string // dotted path -> JSON value as text
	}{
		{name: "create rule set", op: "CreateMatchmakingRuleSet", body: `{"Name":"1v1","RuleSetBody":` + string(ruleSet) + `}`, status: 200,
			wantFields: map[string]string{"RuleSet.RuleSetName": "1v1", "RuleSet.CreationTime": startSec.String()}},
		{name: "create configuration", op: "CreateMatchmakingConfiguration",
			body:   `{"Name":"ranked","RuleSetName":"1v1","RequestTimeoutSeconds":60,"AcceptanceRequired":false,"FlexMatchMode":"STANDALONE"}`,
			status: 200, wantFields: map[string]string{"Configuration.Name": "ranked", "Configuration.AcceptanceRequired": "false"}},
		{name: "start matchmaking", op: "StartMatchmaking",
			body:   `{"TicketId":"t1","ConfigurationName":"ranked","Players":[{"PlayerId":"p1","PlayerAttributes":{"skill":{"N":12}},"LatencyInMs":{"us-east-1":30}}]}`,
			status: 200, wantFields: map[string]string{"MatchmakingTicket.TicketId": "t1", "MatchmakingTicket.Status": "QUEUED",
				"MatchmakingTicket.StartTime": startSec.String(), "MatchmakingTicket.Players.0.PlayerAttributes.skill.N": "12"}},
		{name: "describe matchmaking", op: "DescribeMatchmaking", body: `{"TicketIds":["t1"]}`, status: 200,
			wantFields: map[string]string{"TicketList.0.TicketId": "t1", "TicketList.0.Players.0.LatencyInMs.us-east-1": "30"}},
		{name: "stop matchmaking", op: "StopMatchmaking", body: `{"TicketId":"t1"}`, status: 200},
		{name: "not found", op: "StopMatchmaking", body: `{"TicketId":"nope"}`, status: 400, errType: "NotFoundException"},
		{name: "invalid request", op: "StartMatchmaking", body: `{"ConfigurationName":"ranked","Players":[]}`, status: 400, errType: "InvalidRequestException"},
		{name: "unknown operation", op: "LaunchRocket", body: `{}`, status: 400, errType: "UnknownOperationException"},
		{name: "no target", op: "", body: `{}`, status: 400, errType: "UnknownOperationException"},
		{name: "malformed JSON", op: "DescribeMatchmaking", body: `{"TicketIds":[`, status: 400, errType: "SerializationException"},
		{name: "wrong member type", op: "DescribeMatchmaking", body: `{"TicketIds":"t1"}`, status: 400, errType: "SerializationException"},
		{name: "empty body is empty input", op: "DescribeMatchmakingRuleSets", body: ``, status: 200,
			wantFields: map[string]string{"RuleSets.0.RuleSetName": "1v1"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			resp, body := e.postJSON(st.op, st.body)
			if resp.StatusCode != st.status {
				t.Fatalf("status %d, want %d; body %v", resp.StatusCode, st.status, body)
			}
			if resp.Header.Get("x-amzn-RequestId") == "" {
				t.Error("no x-amzn-RequestId header")
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type %q", ct)
			}
			if st.errType != "" {
				if body["__type"] != st.errType {
					t.Errorf("__type = %v, want %s", body["__type"], st.errType)
				}
				msg, _ := body["message"].(string)
				if msg == "" || body["Message"] != msg {
					t.Errorf("message = %q, Message = %v: want both, equal", msg, body["Message"])
				}
				if resp.Header.Get("x-amzn-ErrorType") != st.errType {
					t.Errorf("x-amzn-ErrorType = %q", resp.Header.Get("x-amzn-ErrorType"))
				}
			}
			for path, want := range st.wantFields {
				if got := lookup(body, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

// lookup follows a dotted path of keys and list indexes.
func lookup(v any, path string) string {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := 0
			for _, c := range k {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return "<missing>"
			}
			v = x[i]
		default:
			return "<missing>"
		}
	}
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

// TestAdminEndpoints checks the clock, health and metrics endpoints.
func TestAdminEndpoints(t *testing.T) {
	e := newEnv(t)
	e.postJSON("DescribeMatchmakingRuleSets", `{}`)
	client := e.srv.Client()
	cases := []struct {
		method, path, body string
		status             int
		contains           string
	}{
		{"POST", "/_flexsim/clock/advance", `{"seconds": 12.5}`, 200, `"now":1767323058.178`},
		{"POST", "/_flexsim/clock/advance", `{"seconds": -1}`, 400, "error"},
		{"POST", "/_flexsim/clock/advance", `{"seconds": `, 400, "error"},
		{"GET", "/_flexsim/clock/advance", ``, 405, "error"},
		{"GET", "/_flexsim/health", ``, 200, `"clock":"virtual"`},
		{"GET", "/metrics", ``, 200, `flexsim_http_requests_total{code="",operation="DescribeMatchmakingRuleSets",protocol="awsjson1.1"} 1`},
		{"GET", "/nowhere", ``, 404, ""},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, e.srv.URL+c.path, strings.NewReader(c.body))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := resp.Body.Read(buf)
			sb.Write(buf[:n])
			if err != nil {
				break
			}
		}
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(sb.String(), c.contains) {
			t.Errorf("%s %s: status %d body %.300s; want %d containing %q", c.method, c.path, resp.StatusCode, sb.String(), c.status, c.contains)
		}
	}
	// The engine's metrics are on the same registry.
	resp, err := client.Get(e.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if !strings.Contains(sb.String(), "flexsim_tick_duration_seconds_count") || !strings.Contains(sb.String(), "flexsim_http_request_duration_seconds") {
		t.Error("metrics lack flexsim series")
	}
}
