package bench_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/engine"
)

// serveClients is how many clients call the server at once.
const serveClients = 64

// serveConfig is the configuration the load benchmarks start tickets in.
const serveConfig = "ranked-5v5"

// serveRig is `flexsim serve` (what api.OpenLocal builds for it: engine,
// placement service, event log, without a data directory) on a loopback
// port, embedded or in a process of its own, and serveClients clients of
// one kind, each with its own HTTP connections.
type serveRig struct {
	url     string             // the server's
	sdk     []*gamelift.Client // one per client, for checking after the run
	callers []caller           // the load's clients
}

// A caller makes one client's calls. The rig starts tickets one call
// each, asks the caller after each start whether to describe the tickets
// it has started and not yet described, and describes the rest at the end
// of the client's run.
type caller interface {
	// start starts a ticket of one player: the n-th player template
	// under playerID. It returns the ticket's ID.
	start(n int, playerID string) (string, error)
	// describeNow reports whether the client describes its tickets now,
	// pending of them (at least 1) being undescribed.
	describeNow(pending int) bool
	// describe describes tickets ids (1 to engine.MaxDescribeTickets) in
	// one DescribeMatchmaking call and checks the answer holds each once.
	describe(ids []string) error
}

// Client kinds of the load benchmarks.
const (
	clientSDK     = "sdk"        // the AWS SDK for Go v2, describing each ticket after its start
	clientSDKPoll = "sdk-poll10" // the AWS SDK for Go v2, describing the last 10 tickets every 10 starts
	clientRaw     = "raw"        // net/http posting the SDK's CBOR bodies
	clientRawPoll = "raw-poll10" // raw, describing as sdk-poll10 does
)

// clientKinds are the client kinds of the load benchmarks, in the order
// they run.
var clientKinds = []string{clientSDK, clientSDKPoll, clientRaw, clientRawPoll}

// newServeRig starts the server in mode, makes the rule set
// bench.DefaultRuleSet and a STANDALONE configuration of it, makes the
// clients of kind and warms every client's connection up with one call.
func newServeRig(tb testing.TB, mode serverMode, kind string) *serveRig {
	tb.Helper()
	r := &serveRig{url: startLoadServer(tb, mode)}
	for range serveClients {
		r.sdk = append(r.sdk, newSDKClient(r.url, signedCredentials))
	}
	gl := r.sdk[0]
	if _, err := gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{
		Name: aws.String("5v5-skill"), RuleSetBody: aws.String(bench.DefaultRuleSet)}); err != nil {
		tb.Fatal(err)
	}
	if _, err := gl.CreateMatchmakingConfiguration(ctx, &gamelift.CreateMatchmakingConfigurationInput{
		Name: aws.String(serveConfig), RuleSetName: aws.String("5v5-skill"), RequestTimeoutSeconds: aws.Int32(120),
		AcceptanceRequired: aws.Bool(false), FlexMatchMode: types.FlexMatchModeStandalone}); err != nil {
		tb.Fatal(err)
	}
	templates := serveTemplates()
	var starts []rawStart
	if kind == clientRaw || kind == clientRawPoll {
		starts = rawStartBodies(tb, templates)
	}
	for c := range serveClients {
		switch kind {
		case clientRaw:
			r.callers = append(r.callers, newRawCaller(r.url, starts, 1))
		case clientRawPoll:
			r.callers = append(r.callers, newRawCaller(r.url, starts, engine.MaxDescribeTickets))
		case clientSDK:
			r.callers = append(r.callers, sdkCaller{r.sdk[c], templates, 1})
		case clientSDKPoll:
			r.callers = append(r.callers, sdkCaller{r.sdk[c], templates, engine.MaxDescribeTickets})
		default:
			tb.Fatalf("unknown client kind %q", kind)
		}
	}
	forEachClient(func(c int) {
		if _, err := r.callers[c].start(c, playerID(c, -1)); err != nil {
			tb.Error(err)
		}
	})
	return r
}

// serveTemplates are the players of the load: skills and latencies of the
// benchmark population, PlayerId unset.
func serveTemplates() []types.Player {
	var ps []types.Player
	for _, p := range population(256).Players {
		lat := map[string]int32{}
		for region, ms := range p.LatencyInMs {
			lat[region] = int32(ms)
		}
		ps = append(ps, types.Player{
			PlayerAttributes: map[string]types.AttributeValue{"skill": {N: aws.Float64(p.Attributes["skill"].N)}},
			LatencyInMs:      lat,
		})
	}
	return ps
}

// playerID is the PlayerId of client c's n-th ticket: all of the same
// length, so that the raw client can write it into a template body.
func playerID(c, n int) string { return fmt.Sprintf("c%02d-p%010d", c, n+1) }

// forEachClient runs f for every client, each on its own goroutine, and
// waits for them.
func forEachClient(f func(c int)) {
	var wg sync.WaitGroup
	for c := range serveClients {
		wg.Go(func() { f(c) })
	}
	wg.Wait()
}
