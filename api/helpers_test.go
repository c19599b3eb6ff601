package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// start is 2026-01-02T03:04:05.678Z, the virtual clock's start in tests.
var start = time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)

// oneVsOne is a rule set of two teams of one player, with a skill rule.
const oneVsOne = `{
  "name": "1v1",
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
  "rules": [{"name": "FairSkill", "type": "distance", "measurements": ["avg(teams[*].players.attributes[skill])"], "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))", "maxDistance": 50}]
}`

// env is an in-process server on a virtual clock.
type env struct {
	t       *testing.T
	clock   *engine.VirtualClock
	engine  *engine.Engine
	hosting *placement.Service
	srv     *httptest.Server
	gl      *gamelift.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := engine.NewVirtualClock(start)
	reg := prometheus.NewRegistry()
	hosting := placement.New(placement.WithClock(clock), placement.WithSeed(1))
	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1), engine.WithPlacer(hosting), engine.WithRegisterer(reg))
	srv := httptest.NewServer(api.New(mm, hosting, api.WithVirtualClock(clock), api.WithRegistry(reg)))
	t.Cleanup(func() {
		srv.Close()
		mm.Close()
		hosting.Close()
	})
	return &env{t: t, clock: clock, engine: mm, hosting: hosting, srv: srv, gl: sdkClient(srv)}
}

// sdkClient is a GameLift client of the AWS SDK for Go v2 pointed at srv.
// It is built without config.LoadDefaultConfig, which fails with a custom
// HTTP client where AWS_CA_BUNDLE is set.
func sdkClient(srv *httptest.Server) *gamelift.Client {
	return gamelift.New(gamelift.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		HTTPClient:   srv.Client(),
	})
}

// postJSON sends a JSON 1.1 request for operation op and returns the
// response and its decoded body.
func (e *env) postJSON(op, body string) (*http.Response, map[string]any) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/", bytes.NewBufferString(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	if op != "" {
		req.Header.Set("X-Amz-Target", "GameLift."+op)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	d := json.NewDecoder(resp.Body)
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		e.t.Fatalf("%s: decode answer: %v", op, err)
	}
	return resp, m
}

// advance moves the clock through the admin endpoint.
func (e *env) advance(seconds float64) float64 {
	e.t.Helper()
	body, _ := json.Marshal(api.AdvanceRequest{Seconds: seconds})
	resp, err := e.srv.Client().Post(e.srv.URL+api.PathAdvance, "application/json", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("advance: status %d", resp.StatusCode)
	}
	var out api.ClockResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		e.t.Fatal(err)
	}
	return out.Now
}
