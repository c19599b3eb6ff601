package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/api"
)

// everyKey is a configuration file that sets every key.
const everyKey = `region: us-east-1
account: "123456789012"
ruleSets:
  - name: duo
    body: '` + duo + `'
    tags: [{key: team, value: mm}]
fleets:
  - name: f
    description: every key
    ec2InstanceType: c5.xlarge
    fleetType: ON_DEMAND
    newGameSessionProtectionPolicy: FullProtection
    serverLaunchPath: /local/game/server
    runtimeConfiguration:
      serverProcesses: [{launchPath: /local/game/server, parameters: -x, concurrentExecutions: 2}]
      maxConcurrentGameSessionActivations: 2
      gameSessionActivationTimeoutSeconds: 300
    resourceCreationLimitPolicy: {newGameSessionsPerCreator: 3, policyPeriodInMinutes: 15}
    locations: [{location: eu-west-1, desiredInstances: 0, minSize: 0, maxSize: 0}]
    tags: [{key: team, value: fleet}]
aliases:
  - {name: gone, description: retired, routingStrategy: {type: TERMINAL, message: closed}, tags: [{key: team, value: alias}]}
queues:
  - name: q
    timeoutInSeconds: 30
    destinations: [f, gone]
    playerLatencyPolicies: [{maximumIndividualPlayerLatencyMilliseconds: 50, policyDurationSeconds: 5}]
    filterConfiguration: {allowedLocations: [eu-west-1, us-east-1]}
    priorityConfiguration: {priorityOrder: [LOCATION, LATENCY], locationOrder: [eu-west-1]}
    customEventData: q-data
    notificationTarget: arn:aws:sns:us-east-1:123456789012:q
    tags: [{key: team, value: hosting}]
configurations:
  - name: c
    description: every key
    ruleSet: duo
    flexMatchMode: WITH_QUEUE
    queues: [q]
    requestTimeoutSeconds: 30
    acceptanceRequired: true
    acceptanceTimeoutSeconds: 10
    additionalPlayerCount: 2
    backfillMode: AUTOMATIC
    notificationTarget: arn:aws:sns:us-east-1:123456789012:c
    customEventData: c-data
    gameProperties: [{key: mode, value: duo}]
    gameSessionData: data
    tags: [{key: team, value: mm}]
eventSinks:
  - {name: s, url: 'https://example.com/sns', topicArn: 'arn:aws:sns:us-east-1:123456789012:c', maxBackoff: 2}
`

// TestApplyConfigEveryKey applies a file that sets every key and checks
// that each reaches its API member.
func TestApplyConfigEveryKey(t *testing.T) {
	cfg, err := api.ParseConfig("deploy.yaml", []byte(everyKey), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 0 || cfg.Sinks[0].MaxBackoff != 2e9 {
		t.Errorf("warnings %v, sinks %+v", cfg.Warnings, cfg.Sinks)
	}
	e, s, _ := newConfigEnv(t)
	ctx := context.Background()
	if err := s.ApplyConfig(ctx, cfg); err != nil {
		t.Fatalf("ApplyConfig:\n%v", err)
	}
	fleets, err := e.gl.DescribeFleetAttributes(ctx, &gamelift.DescribeFleetAttributesInput{})
	if err != nil || len(fleets.FleetAttributes) != 1 {
		t.Fatalf("DescribeFleetAttributes: %v", err)
	}
	f := fleets.FleetAttributes[0]
	if f.NewGameSessionProtectionPolicy != types.ProtectionPolicyFullProtection || aws.ToString(f.Description) != "every key" ||
		f.ResourceCreationLimitPolicy == nil || aws.ToInt32(f.ResourceCreationLimitPolicy.PolicyPeriodInMinutes) != 15 {
		t.Errorf("fleet: %+v", f)
	}
	c, err := e.gl.DescribeFleetLocationCapacity(ctx, &gamelift.DescribeFleetLocationCapacityInput{FleetId: f.FleetId, Location: aws.String("eu-west-1")})
	if err != nil || aws.ToInt32(c.FleetCapacity.InstanceCounts.MAXIMUM) != 0 {
		t.Errorf("eu-west-1 capacity: %v %+v", err, c)
	}
	qs, err := e.gl.DescribeGameSessionQueues(ctx, &gamelift.DescribeGameSessionQueuesInput{})
	if err != nil || len(qs.GameSessionQueues) != 1 {
		t.Fatalf("DescribeGameSessionQueues: %v", err)
	}
	q := qs.GameSessionQueues[0]
	if len(q.Destinations) != 2 || q.FilterConfiguration == nil || len(q.FilterConfiguration.AllowedLocations) != 2 ||
		q.PriorityConfiguration == nil || q.PriorityConfiguration.PriorityOrder[0] != types.PriorityTypeLocation ||
		aws.ToString(q.CustomEventData) != "q-data" || aws.ToString(q.NotificationTarget) != "arn:aws:sns:us-east-1:123456789012:q" {
		t.Errorf("queue: %+v", q)
	}
	confs, err := e.gl.DescribeMatchmakingConfigurations(ctx, &gamelift.DescribeMatchmakingConfigurationsInput{})
	if err != nil || len(confs.Configurations) != 1 {
		t.Fatalf("DescribeMatchmakingConfigurations: %v", err)
	}
	m := confs.Configurations[0]
	if m.BackfillMode != types.BackfillModeAutomatic || aws.ToInt32(m.AdditionalPlayerCount) != 2 || aws.ToString(m.GameSessionData) != "data" ||
		aws.ToInt32(m.AcceptanceTimeoutSeconds) != 10 || len(m.GameProperties) != 1 || aws.ToString(m.CustomEventData) != "c-data" {
		t.Errorf("configuration: %+v", m)
	}
	aliases, err := e.gl.ListAliases(ctx, &gamelift.ListAliasesInput{})
	if err != nil || len(aliases.Aliases) != 1 {
		t.Fatalf("ListAliases: %v", err)
	}
	rs, err := e.gl.DescribeMatchmakingRuleSets(ctx, &gamelift.DescribeMatchmakingRuleSetsInput{})
	if err != nil || len(rs.RuleSets) != 1 {
		t.Fatalf("DescribeMatchmakingRuleSets: %v", err)
	}
	for arn, want := range map[string]string{
		aws.ToString(rs.RuleSets[0].RuleSetArn):   "team=mm;",
		aws.ToString(f.FleetArn):                  "team=fleet;",
		aws.ToString(aliases.Aliases[0].AliasArn): "team=alias;",
		aws.ToString(q.GameSessionQueueArn):       "team=hosting;",
		aws.ToString(m.ConfigurationArn):          "team=mm;",
	} {
		if got := listTagText(t, e.gl, arn); got != want {
			t.Errorf("tags of %s: %s, want %s", arn, got, want)
		}
	}
}

// TestApplyConfigRuleSetChanged applies a file whose rule set the server
// holds with another body (an edit between restarts): it is left as it is,
// with a warning.
func TestApplyConfigRuleSetChanged(t *testing.T) {
	e, s, logs := newConfigEnv(t)
	ctx := context.Background()
	if _, err := e.gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{Name: aws.String("duo"), RuleSetBody: aws.String(oneVsOne)}); err != nil {
		t.Fatal(err)
	}
	cfg, err := api.ParseConfig("deploy.yaml", []byte("ruleSets:\n  - {name: duo, body: '"+duo+"'}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApplyConfig(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	rs, err := e.gl.DescribeMatchmakingRuleSets(ctx, &gamelift.DescribeMatchmakingRuleSetsInput{Names: []string{"duo"}})
	if err != nil || aws.ToString(rs.RuleSets[0].RuleSetBody) != oneVsOne {
		t.Errorf("the rule set changed: %v %+v", err, rs)
	}
	warn := logs.records(t, "configuration file: the server holds this rule set with another body; rule sets cannot change, so it is left as it is (give the new one a new name)")
	if len(warn) != 1 || warn[0]["rule_set"] != "duo" || warn[0]["line"] != float64(2) {
		t.Errorf("warnings: %+v", warn)
	}
}

// TestApplyConfigCostPerHour: a fleet's costPerHour (a flexsim extension)
// is what a queue's COST priority compares: the file's dearer fleet comes
// first in the queue's destinations and its instance type is the cheaper
// one in the built-in price table, yet the placement goes to the other.
func TestApplyConfigCostPerHour(t *testing.T) {
	const file = `
fleets:
  - {name: dear, ec2InstanceType: c5.large, costPerHour: 2.5}
  - {name: cheap, ec2InstanceType: c5.4xlarge, costPerHour: 0.01}
queues:
  - name: q
    destinations: [dear, cheap]
    priorityConfiguration: {priorityOrder: [COST, DESTINATION]}
`
	cfg, err := api.ParseConfig("deploy.yaml", []byte(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	e, s, _ := newConfigEnv(t)
	ctx := context.Background()
	if err := s.ApplyConfig(ctx, cfg); err != nil {
		t.Fatalf("ApplyConfig:\n%v", err)
	}
	if _, err := e.gl.StartGameSessionPlacement(ctx, &gamelift.StartGameSessionPlacementInput{PlacementId: aws.String("p"),
		GameSessionQueueName: aws.String("q"), MaximumPlayerSessionCount: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	e.advance(1)
	p, err := e.gl.DescribeGameSessionPlacement(ctx, &gamelift.DescribeGameSessionPlacementInput{PlacementId: aws.String("p")})
	if err != nil {
		t.Fatal(err)
	}
	fleets, err := e.gl.DescribeFleetAttributes(ctx, &gamelift.DescribeFleetAttributesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var cheap string
	for _, f := range fleets.FleetAttributes {
		if aws.ToString(f.Name) == "cheap" {
			cheap = aws.ToString(f.FleetId)
		}
	}
	if gp := p.GameSessionPlacement; gp.Status != types.GameSessionPlacementStateFulfilled || !strings.Contains(aws.ToString(gp.GameSessionArn), "/"+cheap+"/") {
		t.Errorf("placement %s on %s, want it FULFILLED on fleet cheap (%s)", gp.Status, aws.ToString(gp.GameSessionArn), cheap)
	}
}
