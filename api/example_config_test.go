package api_test

import (
	"context"
	"fmt"
	"time"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// A configuration file sets up a whole simulated deployment: here the
// sample's rule sets, fleets, alias, queue and configurations.
func ExampleServer_ApplyConfig() {
	cfg, err := api.LoadConfig("../testdata/serve/flexsim.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("region", cfg.Region, "account", cfg.Account)
	for _, s := range cfg.Sinks {
		fmt.Println("sink", s.Name, s.URL, s.TopicArn, s.MaxBackoff)
	}

	clock := engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	hosting := placement.New(placement.WithClock(clock), placement.WithRegion(cfg.Region), placement.WithAccount(cfg.Account))
	defer hosting.Close()
	mm := engine.New(engine.WithClock(clock), engine.WithPlacer(hosting), engine.WithRegion(cfg.Region), engine.WithAccount(cfg.Account))
	defer mm.Close()
	srv := api.New(mm, hosting)
	ctx := context.Background()
	if err := srv.ApplyConfig(ctx, cfg); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := mm.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{})
	for _, c := range out.Configurations {
		fmt.Println(c.Name, c.FlexMatchMode, c.RuleSetName, c.GameSessionQueueArns)
	}

	// Every problem of a file is reported, at its line and column.
	_, err = api.ParseConfig("deploy.yaml", []byte(`configurations:
  - name: ranked
    ruleSet: rankd
    requestTimeout: 60
`), nil)
	fmt.Println(err)
	// Output:
	// region us-east-1 account 123456789012
	// sink local http://127.0.0.1:8081/events arn:aws:sns:us-east-1:123456789012:matchmaking 30s
	// coop-duo WITH_QUEUE coop-duo [arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/main]
	// ranked-5v5 STANDALONE ranked-5v5 []
	// deploy.yaml:2:5: configurations[0].requestTimeoutSeconds: missing: a matchmaking configuration needs its requestTimeoutSeconds
	// deploy.yaml:3:14: configurations[0].ruleSet: no rule set named "rankd" in this file (give a name defined here, or an ARN)
	// deploy.yaml:4:5: configurations[0].requestTimeout: unknown field "requestTimeout" in a matchmaking configuration (did you mean "requestTimeoutSeconds"?) (want one of name, description, ruleSet, flexMatchMode, queues, requestTimeoutSeconds, acceptanceRequired, acceptanceTimeoutSeconds, additionalPlayerCount, backfillMode, notificationTarget, customEventData, gameProperties, gameSessionData, tags)
}
