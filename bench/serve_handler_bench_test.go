package bench_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// playerIDTemplate is the PlayerId of the captured StartMatchmaking body;
// the benchmark writes each call's own ID of the same length over it.
const playerIDTemplate = "player-0000000"

// BenchmarkServeHandler is the server's side of one call alone: the
// handler of api.New run on the SDK's request (captured from the AWS SDK
// for Go v2, so RPC v2 CBOR), without the network or the client. Start is
// StartMatchmaking of one solo player (a fresh PlayerId each time) in a
// STANDALONE configuration of the default 5v5 rule set on a virtual clock
// that does not move; Describe is DescribeMatchmaking of one QUEUED
// ticket. StartJSON and DescribeJSON are the same calls in AWS JSON 1.1,
// as boto3 and the AWS CLI send them.
//
//	go test -run '^$' -bench 'ServeHandler' -benchmem ./bench/
func BenchmarkServeHandler(b *testing.B) {
	p := population(1).Players[0]
	lat := map[string]int32{}
	for region, ms := range p.LatencyInMs {
		lat[region] = int32(ms)
	}
	start := sdkRequest(b, func(gl *gamelift.Client) error {
		_, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{ConfigurationName: aws.String(serveConfig),
			Players: []types.Player{{PlayerId: aws.String(playerIDTemplate), LatencyInMs: lat,
				PlayerAttributes: map[string]types.AttributeValue{"skill": {N: aws.Float64(p.Attributes["skill"].N)}}}}})
		return err
	})
	startJSON := jsonRequest(b, "StartMatchmaking", map[string]any{"ConfigurationName": serveConfig,
		"Players": []any{map[string]any{"PlayerId": playerIDTemplate, "LatencyInMs": lat,
			"PlayerAttributes": map[string]any{"skill": map[string]any{"N": p.Attributes["skill"].N}}}}})
	b.Run("Start", func(b *testing.B) { benchStart(b, start) })
	b.Run("Describe", func(b *testing.B) {
		benchDescribe(b, sdkRequest(b, func(gl *gamelift.Client) error {
			_, err := gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{bench.TicketID(0)}})
			return err
		}))
	})
	b.Run("StartJSON", func(b *testing.B) { benchStart(b, startJSON) })
	b.Run("DescribeJSON", func(b *testing.B) {
		benchDescribe(b, jsonRequest(b, "DescribeMatchmaking", map[string]any{"TicketIds": []string{bench.TicketID(0)}}))
	})
}

// benchStart serves start, a StartMatchmaking request holding
// playerIDTemplate, with a fresh PlayerId each time.
func benchStart(b *testing.B, start *captureDo) {
	at := bytes.Index(start.body, []byte(playerIDTemplate))
	if at < 0 {
		b.Fatal("no PlayerId in the StartMatchmaking body")
	}
	h := newHandler(b)
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i] = bytes.Clone(start.body)
		copy(bodies[i][at:], fmt.Sprintf("player-%07d", i%10_000_000))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		serveCaptured(b, h, start, bodies[i])
	}
}

// benchDescribe serves describe, a DescribeMatchmaking request of ticket
// bench.TicketID(0), once that ticket is QUEUED.
func benchDescribe(b *testing.B, describe *captureDo) {
	h := newHandler(b)
	named := sdkRequest(b, func(gl *gamelift.Client) error {
		_, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{ConfigurationName: aws.String(serveConfig),
			TicketId: aws.String(bench.TicketID(0)), Players: []types.Player{{PlayerId: aws.String(bench.PlayerID(0))}}})
		return err
	})
	serveCaptured(b, h, named, named.body)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		serveCaptured(b, h, describe, describe.body)
	}
}

// jsonRequest is the AWS JSON 1.1 request of operation op with input in.
func jsonRequest(b *testing.B, op string, in any) *captureDo {
	body, err := json.Marshal(in)
	if err != nil {
		b.Fatal(err)
	}
	header := http.Header{}
	header.Set("Content-Type", "application/x-amz-json-1.1")
	header.Set("X-Amz-Target", "GameLift."+op)
	return &captureDo{header: header, path: "/", body: body}
}

// newHandler is the server of the load benchmarks without the network.
func newHandler(b *testing.B) http.Handler {
	b.Helper()
	clock := engine.NewVirtualClock(bench.Epoch)
	hosting := placement.New(placement.WithClock(clock), placement.WithSeed(1))
	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1), engine.WithPlacer(hosting))
	b.Cleanup(func() { mm.Close(); hosting.Close() })
	if _, err := mm.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "5v5-skill", RuleSetBody: bench.DefaultRuleSet}); err != nil {
		b.Fatal(err)
	}
	if _, err := mm.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{Name: serveConfig,
		RuleSetName: "5v5-skill", RequestTimeoutSeconds: 120, FlexMatchMode: engine.ModeStandalone}); err != nil {
		b.Fatal(err)
	}
	return api.New(mm, hosting, api.WithVirtualClock(clock))
}

// serveCaptured runs the handler on a captured request with body. The
// request is built by hand, not with httptest.NewRequest, whose 4 KiB
// reader would outweigh a small handler.
func serveCaptured(b *testing.B, h http.Handler, c *captureDo, body []byte) {
	r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: c.path}, Header: c.header,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Host: "127.0.0.1:9080"}
	var w statusWriter
	h.ServeHTTP(&w, r)
	if w.status != http.StatusOK {
		b.Fatalf("%s: status %d: %s", c.path, w.status, w.body)
	}
}

// statusWriter is a ResponseWriter that keeps the status and the body.
type statusWriter struct {
	header http.Header
	status int
	body   []byte
}

func (w *statusWriter) Header() http.Header {
	if w.header == nil {
		w.header = http.Header{}
	}
	return w.header
}

func (w *statusWriter) WriteHeader(status int) { w.status = status }

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body = append(w.body, p...)
	return len(p), nil
}
