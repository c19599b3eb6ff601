package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// Topics of the deployment of withQueue.
const (
	configTopic = "arn:aws:sns:us-east-1:123456789012:matchmaking"
	queueTopic  = "arn:aws:sns:us-east-1:123456789012:placements"
)

// eventsEnv is env with an event log fed by both the engine and the
// placement service, served by the server.
type eventsEnv struct {
	*env
	log *api.EventLog
	// polls receives the query of each GET /_flexsim/events as the server
	// starts to handle it (if there is room).
	polls chan string
}

func newEventsEnv(t *testing.T) *eventsEnv {
	t.Helper()
	clock := engine.NewVirtualClock(start)
	reg := prometheus.NewRegistry()
	log := api.NewEventLog(0)
	hosting := placement.New(placement.WithClock(clock), placement.WithSeed(1), placement.WithEventHandler(log.AddPlacement))
	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1), engine.WithPlacer(hosting), engine.WithRegisterer(reg),
		engine.WithEventHandler(log.AddMatchmaking))
	handler := api.New(mm, hosting, api.WithVirtualClock(clock), api.WithRegistry(reg), api.WithEventLog(log))
	polls := make(chan string, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.PathEvents {
			select {
			case polls <- r.URL.RawQuery:
			default:
			}
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		log.Close() // ends event streams, which srv.Close waits for
		srv.Close()
		mm.Close()
		hosting.Close()
	})
	return &eventsEnv{env: &env{t: t, clock: clock, engine: mm, hosting: hosting, srv: srv, gl: sdkClient(srv)}, log: log, polls: polls}
}

// withQueue creates a fleet, a queue "main" notifying queueTopic, the 1v1
// rule set and a WITH_QUEUE configuration "ranked" notifying configTopic.
func (e *env) withQueue(ctx context.Context) {
	e.t.Helper()
	must := func(_ any, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatal(err)
		}
	}
	fl, err := e.gl.CreateFleet(ctx, &gamelift.CreateFleetInput{Name: aws.String("game"), EC2InstanceType: types.EC2InstanceTypeC5Large,
		RuntimeConfiguration: &types.RuntimeConfiguration{ServerProcesses: []types.ServerProcess{{LaunchPath: aws.String("/game"), ConcurrentExecutions: aws.Int32(4)}}}})
	must(fl, err)
	q, err := e.gl.CreateGameSessionQueue(ctx, &gamelift.CreateGameSessionQueueInput{Name: aws.String("main"), TimeoutInSeconds: aws.Int32(60),
		NotificationTarget: aws.String(queueTopic),
		Destinations:       []types.GameSessionQueueDestination{{DestinationArn: fl.FleetAttributes.FleetArn}}})
	must(q, err)
	must(e.gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{Name: aws.String("1v1"), RuleSetBody: aws.String(oneVsOne)}))
	must(e.gl.CreateMatchmakingConfiguration(ctx, &gamelift.CreateMatchmakingConfigurationInput{
		Name: aws.String("ranked"), RuleSetName: aws.String("1v1"), RequestTimeoutSeconds: aws.Int32(60),
		AcceptanceRequired: aws.Bool(false), FlexMatchMode: types.FlexMatchModeWithQueue,
		GameSessionQueueArns: []string{aws.ToString(q.GameSessionQueue.GameSessionQueueArn)},
		NotificationTarget:   aws.String(configTopic)}))
}

// match starts two tickets of "ranked" and advances the clock until they
// are matched (and, WITH_QUEUE, placed).
func (e *env) match(ctx context.Context, a, b string) {
	e.t.Helper()
	for _, id := range []string{a, b} {
		if _, err := e.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{TicketId: aws.String(id),
			ConfigurationName: aws.String("ranked"), Players: []types.Player{player("p-"+id, 10)}}); err != nil {
			e.t.Fatal(err)
		}
	}
	e.clock.Advance(5e9)
}

// wireEvent is an element of GET /_flexsim/events.
type wireEvent struct {
	Seq        uint64   `json:"seq"`
	ID         string   `json:"id"`
	DetailType string   `json:"detail-type"`
	Resources  []string `json:"resources"`
	Detail     struct {
		Type string `json:"type"`
	} `json:"detail"`
}

// getEvents calls GET /_flexsim/events?query and decodes a 200 answer.
func (e *env) getEvents(query string) (*http.Response, []wireEvent) {
	e.t.Helper()
	resp, err := e.srv.Client().Get(e.srv.URL + api.PathEvents + "?" + query)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET events?%s: %d %s", query, resp.StatusCode, body)
	}
	var evs []wireEvent
	if err := json.Unmarshal(body, &evs); err != nil {
		e.t.Fatalf("GET events?%s: %v in %s", query, err, body)
	}
	return resp, evs
}

// sseEvent is one event of a Server-Sent Events stream.
type sseEvent struct {
	id, event, data string
}

// sseReader reads events, skipping comments, from a stream.
type sseReader struct {
	r        *bufio.Reader
	comments []string
}

// next returns the next event, or an error at the end of the stream.
func (s *sseReader) next() (sseEvent, error) {
	var ev sseEvent
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return ev, err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev != (sseEvent{}) {
				return ev, nil
			}
		case strings.HasPrefix(line, ":"):
			s.comments = append(s.comments, line)
		default:
			field, value, _ := strings.Cut(line, ": ")
			switch field {
			case "id":
				ev.id = value
			case "event":
				ev.event = value
			case "data":
				ev.data = value
			}
		}
	}
}

// openStream opens GET /_flexsim/events/stream?query with lastEventID (if
// not empty); the stream is closed with ctx.
func (e *env) openStream(ctx context.Context, query, lastEventID string) (*http.Response, *sseReader) {
	e.t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.srv.URL+api.PathEventStream+"?"+query, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { resp.Body.Close() })
	return resp, &sseReader{r: bufio.NewReader(resp.Body)}
}

func jsonUnmarshalString(s string, v any) error { return json.Unmarshal([]byte(s), v) }
