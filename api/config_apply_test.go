package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// lockedBuffer is a log destination safe for the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the logged records with the given message.
func (b *lockedBuffer) records(t *testing.T, msg string) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

// newConfigEnv is newEnv that also returns the *api.Server, whose logs go
// to the returned buffer as JSON.
func newConfigEnv(t *testing.T) (*env, *api.Server, *lockedBuffer) {
	t.Helper()
	clock := engine.NewVirtualClock(start)
	reg := prometheus.NewRegistry()
	hosting := placement.New(placement.WithClock(clock), placement.WithSeed(1))
	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1), engine.WithPlacer(hosting), engine.WithRegisterer(reg))
	logs := &lockedBuffer{}
	s := api.New(mm, hosting, api.WithVirtualClock(clock), api.WithRegistry(reg), api.WithLogger(slog.New(slog.NewJSONHandler(logs, nil))))
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		srv.Close()
		mm.Close()
		hosting.Close()
	})
	return &env{t: t, clock: clock, engine: mm, hosting: hosting, srv: srv, gl: sdkClient(srv)}, s, logs
}

// TestApplyConfigSample sets up the sample deployment from its file, checks
// it over the SDK, plays one match through the WITH_QUEUE configuration to
// a placed game session, and applies the file again (a restart).
func TestApplyConfigSample(t *testing.T) {
	e, s, logs := newConfigEnv(t)
	ctx := context.Background()
	cfg, err := api.LoadConfig("../testdata/serve/flexsim.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApplyConfig(ctx, cfg); err != nil {
		t.Fatalf("ApplyConfig:\n%v", err)
	}
	e.checkSampleDeployment(ctx)
	e.playCoopMatch(ctx)

	if err := s.ApplyConfig(ctx, cfg); err != nil {
		t.Fatalf("second ApplyConfig:\n%v", err)
	}
	e.checkSampleDeployment(ctx)
	recs := logs.records(t, "configuration file applied")
	if len(recs) != 2 {
		t.Fatalf("%d 'configuration file applied' logs, want 2", len(recs))
	}
	all := []any{"ruleSet ranked-5v5", "ruleSet coop-duo", "fleet fleet-a", "fleet fleet-b", "alias live", "queue main",
		"configuration ranked-5v5", "configuration coop-duo"}
	if got := recs[0]["created"]; !slices.Equal(asList(got), all) || recs[0]["existing"] != nil {
		t.Errorf("first apply: created %v, existing %v", got, recs[0]["existing"])
	}
	if got := recs[1]["existing"]; !slices.Equal(asList(got), all) || recs[1]["created"] != nil {
		t.Errorf("second apply: existing %v, created %v", got, recs[1]["created"])
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// checkSampleDeployment describes what the sample creates, through the SDK.
func (e *env) checkSampleDeployment(ctx context.Context) {
	t := e.t
	t.Helper()
	rs, err := e.gl.DescribeMatchmakingRuleSets(ctx, &gamelift.DescribeMatchmakingRuleSetsInput{})
	if err != nil || len(rs.RuleSets) != 2 {
		t.Fatalf("DescribeMatchmakingRuleSets: %v, %d rule sets", err, len(rs.RuleSets))
	}
	fleets, err := e.gl.DescribeFleetAttributes(ctx, &gamelift.DescribeFleetAttributesInput{})
	if err != nil || len(fleets.FleetAttributes) != 2 {
		t.Fatalf("DescribeFleetAttributes: %v, %d fleets", err, len(fleets.FleetAttributes))
	}
	byName := map[string]types.FleetAttributes{}
	for _, f := range fleets.FleetAttributes {
		byName[aws.ToString(f.Name)] = f
	}
	a, b := byName["fleet-a"], byName["fleet-b"]
	if a.InstanceType != types.EC2InstanceTypeC5Large || b.FleetType != types.FleetTypeSpot {
		t.Errorf("fleets: %+v", fleets.FleetAttributes)
	}
	wantCapacity := []struct {
		fleet           *string
		location        string
		desired, lo, hi int32
	}{
		{a.FleetId, "us-east-1", 2, 0, 10}, {a.FleetId, "us-west-2", 1, 0, 1}, {a.FleetId, "eu-west-1", 1, 0, 1},
		{b.FleetId, "us-east-1", 1, 0, 1}, {b.FleetId, "eu-west-1", 1, 0, 1}, {b.FleetId, "ap-northeast-1", 3, 1, 6},
	}
	for _, w := range wantCapacity {
		c, err := e.gl.DescribeFleetLocationCapacity(ctx, &gamelift.DescribeFleetLocationCapacityInput{FleetId: w.fleet, Location: aws.String(w.location)})
		if err != nil {
			t.Fatalf("DescribeFleetLocationCapacity %s %s: %v", aws.ToString(w.fleet), w.location, err)
		}
		n := c.FleetCapacity.InstanceCounts
		if aws.ToInt32(n.DESIRED) != w.desired || aws.ToInt32(n.MINIMUM) != w.lo || aws.ToInt32(n.MAXIMUM) != w.hi {
			t.Errorf("%s %s: desired %d min %d max %d, want %d %d %d", aws.ToString(w.fleet), w.location,
				aws.ToInt32(n.DESIRED), aws.ToInt32(n.MINIMUM), aws.ToInt32(n.MAXIMUM), w.desired, w.lo, w.hi)
		}
	}
	aliases, err := e.gl.ListAliases(ctx, &gamelift.ListAliasesInput{})
	if err != nil || len(aliases.Aliases) != 1 || aws.ToString(aliases.Aliases[0].RoutingStrategy.FleetId) != aws.ToString(a.FleetId) {
		t.Fatalf("ListAliases: %v, %+v", err, aliases)
	}
	queues, err := e.gl.DescribeGameSessionQueues(ctx, &gamelift.DescribeGameSessionQueuesInput{})
	if err != nil || len(queues.GameSessionQueues) != 1 {
		t.Fatalf("DescribeGameSessionQueues: %v, %+v", err, queues)
	}
	q := queues.GameSessionQueues[0]
	var dests []string
	for _, d := range q.Destinations {
		dests = append(dests, aws.ToString(d.DestinationArn))
	}
	if want := []string{aws.ToString(aliases.Aliases[0].AliasArn), aws.ToString(b.FleetArn)}; !slices.Equal(dests, want) ||
		aws.ToInt32(q.TimeoutInSeconds) != 120 || len(q.PlayerLatencyPolicies) != 2 {
		t.Errorf("queue main: destinations %v (want %v), %+v", dests, want, q)
	}
	confs, err := e.gl.DescribeMatchmakingConfigurations(ctx, &gamelift.DescribeMatchmakingConfigurationsInput{})
	if err != nil || len(confs.Configurations) != 2 {
		t.Fatalf("DescribeMatchmakingConfigurations: %v, %+v", err, confs)
	}
	for _, c := range confs.Configurations {
		switch aws.ToString(c.Name) {
		case "ranked-5v5":
			if c.FlexMatchMode != types.FlexMatchModeStandalone || !aws.ToBool(c.AcceptanceRequired) || aws.ToString(c.CustomEventData) != "ranked" {
				t.Errorf("ranked-5v5: %+v", c)
			}
		case "coop-duo":
			if c.FlexMatchMode != types.FlexMatchModeWithQueue || !slices.Equal(c.GameSessionQueueArns, []string{aws.ToString(q.GameSessionQueueArn)}) ||
				aws.ToString(c.RuleSetName) != "coop-duo" {
				t.Errorf("coop-duo: %+v", c)
			}
		}
	}
}

// playCoopMatch matches two players in one ticket through coop-duo and
// waits (in virtual time) for their game session.
func (e *env) playCoopMatch(ctx context.Context) {
	t := e.t
	t.Helper()
	players := []types.Player{
		{PlayerId: aws.String("ann"), LatencyInMs: map[string]int32{"eu-west-1": 30, "us-east-1": 90}},
		{PlayerId: aws.String("bo"), LatencyInMs: map[string]int32{"eu-west-1": 40, "us-east-1": 80}},
	}
	if _, err := e.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{TicketId: aws.String("coop-1"),
		ConfigurationName: aws.String("coop-duo"), Players: players}); err != nil {
		t.Fatal(err)
	}
	var tk types.MatchmakingTicket
	for range 30 {
		e.clock.Advance(1e9)
		out, err := e.gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{"coop-1"}})
		if err != nil || len(out.TicketList) != 1 {
			t.Fatalf("DescribeMatchmaking: %v", err)
		}
		if tk = out.TicketList[0]; tk.Status == types.MatchmakingConfigurationStatusCompleted {
			break
		}
	}
	if tk.Status != types.MatchmakingConfigurationStatusCompleted || tk.GameSessionConnectionInfo == nil {
		t.Fatalf("ticket: status %s %s, connection %+v", tk.Status, aws.ToString(tk.StatusMessage), tk.GameSessionConnectionInfo)
	}
	gs, err := e.gl.DescribeGameSessions(ctx, &gamelift.DescribeGameSessionsInput{GameSessionId: tk.GameSessionConnectionInfo.GameSessionArn})
	if err != nil || len(gs.GameSessions) != 1 {
		t.Fatalf("DescribeGameSessions: %v", err)
	}
	g := gs.GameSessions[0]
	if aws.ToString(g.Location) != "eu-west-1" || len(g.GameProperties) != 1 || aws.ToString(g.GameProperties[0].Value) != "coop" {
		t.Errorf("game session: location %s, properties %+v", aws.ToString(g.Location), g.GameProperties)
	}
}

// TestApplyConfigErrors applies files that parse but that the operations
// reject: each failure names its resource at its line, resources that
// depend on a failed one are not attempted, and the rest are created.
func TestApplyConfigErrors(t *testing.T) {
	yaml := `ruleSets:
  - {name: duo, body: '` + duo + `'}
fleets:
  - name: bad-fleet
    locations: [eu_west]
aliases:
  - {name: live, routingStrategy: {type: SIMPLE, fleet: bad-fleet}}
queues:
  - {name: main.q}
configurations:
  - {name: solo, ruleSet: duo, requestTimeoutSeconds: 60}
  - {name: queued, ruleSet: duo, requestTimeoutSeconds: 60, queues: [main.q]}
  - {name: fine, ruleSet: duo, requestTimeoutSeconds: 60, flexMatchMode: STANDALONE}
`
	cfg, err := api.ParseConfig("deploy.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	e, s, logs := newConfigEnv(t)
	ctx := context.Background()
	err = s.ApplyConfig(ctx, cfg)
	want := `deploy.yaml:4: fleet "bad-fleet": InvalidRequestException: Locations "eu_west" is not a location code such as us-west-2
deploy.yaml:9: queue "main.q": InvalidRequestException: Name "main.q" may only hold letters, digits and '-'
deploy.yaml:11: configuration "solo": InvalidRequestException: GameSessionQueueArns is required when FlexMatchMode is WITH_QUEUE`
	if err == nil || err.Error() != want {
		t.Fatalf("ApplyConfig error:\n%v\nwant:\n%s", err, want)
	}
	confs, err := e.gl.DescribeMatchmakingConfigurations(ctx, &gamelift.DescribeMatchmakingConfigurationsInput{})
	if err != nil || len(confs.Configurations) != 1 || aws.ToString(confs.Configurations[0].Name) != "fine" {
		t.Errorf("configurations: %v %+v", err, confs)
	}
	recs := logs.records(t, "configuration file applied")
	if len(recs) != 1 || !slices.Equal(asList(recs[0]["not_attempted"]), []any{"alias live", "configuration queued"}) {
		t.Errorf("log: %+v", recs)
	}
}

// TestApplyConfigHostingTags applies the tags of fleets and aliases as it
// does a queue's: each resource has its own from its creation on, as
// ListTagsForResource lists them (a key given twice keeps its first place
// and takes the last value), and tags the operation rejects (a reserved
// aws: key, more than engine.MaxTags) fail the resource at its line, with
// the resources that depend on it not attempted.
func TestApplyConfigHostingTags(t *testing.T) {
	var crowded strings.Builder
	for i := range engine.MaxTags + 1 {
		fmt.Fprintf(&crowded, "{key: k%d}, ", i)
	}
	yaml := `fleets:
  - name: game
    tags: [{key: env, value: dev}, {key: owner, value: ''}]
  - name: reserved
    tags: [{key: 'AWS:team', value: x}]
  - {name: crowded, tags: [` + crowded.String() + `]}
aliases:
  - name: live
    routingStrategy: {type: SIMPLE, fleet: game}
    tags: [{key: env, value: prod}, {key: tier, value: gold}, {key: env, value: staging}]
  - {name: closed, routingStrategy: {type: TERMINAL}}
  - {name: stale, routingStrategy: {type: SIMPLE, fleet: reserved}, tags: [{key: env, value: dev}]}
queues:
  - {name: main, destinations: [live, game], tags: [{key: env, value: dev}]}
`
	cfg, err := api.ParseConfig("deploy.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	e, s, logs := newConfigEnv(t)
	ctx := context.Background()
	err = s.ApplyConfig(ctx, cfg)
	want := `deploy.yaml:4: fleet "reserved": TaggingFailedException: tag key AWS:team uses the prefix aws:, which is reserved for AWS
deploy.yaml:6: fleet "crowded": InvalidRequestException: at most 200 Tags are allowed, got 201`
	if err == nil || err.Error() != want {
		t.Fatalf("ApplyConfig error:\n%v\nwant:\n%s", err, want)
	}
	recs := logs.records(t, "configuration file applied")
	if len(recs) != 1 || !slices.Equal(asList(recs[0]["not_attempted"]), []any{"alias stale"}) {
		t.Errorf("log: %+v", recs)
	}

	// Through the api (the SDK's ListTagsForResource)…
	fleets, err := e.gl.DescribeFleetAttributes(ctx, &gamelift.DescribeFleetAttributesInput{})
	if err != nil || len(fleets.FleetAttributes) != 1 || aws.ToString(fleets.FleetAttributes[0].Name) != "game" {
		t.Fatalf("DescribeFleetAttributes: %v, %+v", err, fleets)
	}
	aliases, err := e.gl.ListAliases(ctx, &gamelift.ListAliasesInput{})
	if err != nil || len(aliases.Aliases) != 2 {
		t.Fatalf("ListAliases: %v, %+v", err, aliases)
	}
	arns := map[string]string{"fleet game": aws.ToString(fleets.FleetAttributes[0].FleetArn)}
	for _, al := range aliases.Aliases {
		arns["alias "+aws.ToString(al.Name)] = aws.ToString(al.AliasArn)
	}
	queues, err := e.gl.DescribeGameSessionQueues(ctx, &gamelift.DescribeGameSessionQueuesInput{})
	if err != nil || len(queues.GameSessionQueues) != 1 {
		t.Fatalf("DescribeGameSessionQueues: %v, %+v", err, queues)
	}
	arns["queue main"] = aws.ToString(queues.GameSessionQueues[0].GameSessionQueueArn)
	wantTags := map[string]string{
		"fleet game":   "env=dev;owner=;",
		"alias live":   "env=staging;tier=gold;",
		"alias closed": "",
		"queue main":   "env=dev;",
	}
	for name, want := range wantTags {
		if got := listTagText(t, e.gl, arns[name]); got != want {
			t.Errorf("%s: tags %q, want %q", name, got, want)
		}
	}

	// …and in the placement service itself.
	out, err := e.hosting.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: arns["alias live"]})
	if err != nil || !slices.Equal(out.Tags, []engine.Tag{{Key: "env", Value: "staging"}, {Key: "tier", Value: "gold"}}) {
		t.Errorf("placement ListTagsForResource of alias live: %v, %+v", err, out)
	}

	// A restart leaves the resources, their tags included, as they are.
	if _, err := e.gl.UntagResource(ctx, &gamelift.UntagResourceInput{ResourceARN: aws.String(arns["fleet game"]), TagKeys: []string{"owner"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.ApplyConfig(ctx, cfg); err == nil || err.Error() != want {
		t.Fatalf("second ApplyConfig error:\n%v\nwant:\n%s", err, want)
	}
	if got := listTagText(t, e.gl, arns["fleet game"]); got != "env=dev;" {
		t.Errorf("fleet game after a second apply: tags %q, want %q", got, "env=dev;")
	}
}

// TestApplyConfigWithoutHosting applies hosting resources to a server that
// has no placement service.
func TestApplyConfigWithoutHosting(t *testing.T) {
	clock := engine.NewVirtualClock(start)
	mm := engine.New(engine.WithClock(clock))
	t.Cleanup(func() { mm.Close() })
	s := api.New(mm, nil)
	cfg, err := api.ParseConfig("deploy.yaml", []byte("ruleSets:\n  - {name: duo, body: '"+duo+"'}\nfleets:\n  - name: f\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = s.ApplyConfig(context.Background(), cfg)
	want := `deploy.yaml:4: fleet "f": this server has no placement service: fleets, aliases and queues cannot be created`
	if err == nil || err.Error() != want {
		t.Fatalf("ApplyConfig error:\n%v\nwant:\n%s", err, want)
	}
	if _, err := mm.DescribeMatchmakingRuleSets(context.Background(), &engine.DescribeMatchmakingRuleSetsInput{Names: []string{"duo"}}); err != nil {
		t.Errorf("the rule set was not created: %v", err)
	}
}
