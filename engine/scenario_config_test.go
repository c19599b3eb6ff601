package engine_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// tinyRuleSet is the smallest useful rule set: one team of one to two
// players and no rules.
const tinyRuleSet = `{"ruleLanguageVersion": "1.0", "teams": [{"name": "players", "minPlayers": 1, "maxPlayers": 2}]}`

// wantCode fails the test unless err is an engine error with the code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := engine.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %s", err, got, code)
	}
}

// newBareEngine is an engine on a virtual clock with no resources.
func newBareEngine(t testing.TB, opts ...engine.Option) (*engine.Engine, *engine.VirtualClock) {
	t.Helper()
	clock := engine.NewVirtualClock(epoch)
	e := engine.New(append([]engine.Option{engine.WithClock(clock), engine.WithSeed(1)}, opts...)...)
	t.Cleanup(func() { e.Close() })
	return e, clock
}

func mustRuleSet(t testing.TB, e *engine.Engine, name, body string) *engine.MatchmakingRuleSet {
	t.Helper()
	out, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: name, RuleSetBody: body})
	if err != nil {
		t.Fatalf("CreateMatchmakingRuleSet %s: %v", name, err)
	}
	return out.RuleSet
}

// standalone is a valid STANDALONE configuration input.
func standalone(name, ruleSet string) *engine.CreateMatchmakingConfigurationInput {
	return &engine.CreateMatchmakingConfigurationInput{
		Name:                  name,
		RuleSetName:           ruleSet,
		RequestTimeoutSeconds: 30,
		FlexMatchMode:         engine.ModeStandalone,
	}
}

func mustConfig(t testing.TB, e *engine.Engine, in *engine.CreateMatchmakingConfigurationInput) *engine.MatchmakingConfiguration {
	t.Helper()
	out, err := e.CreateMatchmakingConfiguration(ctx, in)
	if err != nil {
		t.Fatalf("CreateMatchmakingConfiguration %s: %v", in.Name, err)
	}
	return out.Configuration
}

func ptr[T any](v T) *T { return &v }

func TestConfigCreateDescribeARNs(t *testing.T) {
	e, clock := newBareEngine(t, engine.WithRegion("eu-west-2"), engine.WithAccount("111122223333"))
	clock.Advance(90 * time.Second)
	rs := mustRuleSet(t, e, "my.rules-1", tinyRuleSet)
	if want := "arn:aws:gamelift:eu-west-2:111122223333:matchmakingruleset/my.rules-1"; rs.RuleSetArn != want {
		t.Errorf("RuleSetArn %q, want %q", rs.RuleSetArn, want)
	}
	if !rs.CreationTime.Equal(epoch.Add(90*time.Second)) || rs.RuleSetBody != tinyRuleSet || rs.RuleSetName != "my.rules-1" {
		t.Errorf("rule set %+v", rs)
	}
	// The rule set may be named by its ARN.
	in := standalone("Config-1.a", rs.RuleSetArn)
	in.CustomEventData = "custom"
	in.Description = "a configuration"
	cfg := mustConfig(t, e, in)
	if want := "arn:aws:gamelift:eu-west-2:111122223333:matchmakingconfiguration/Config-1.a"; cfg.ConfigurationArn != want {
		t.Errorf("ConfigurationArn %q, want %q", cfg.ConfigurationArn, want)
	}
	if cfg.RuleSetName != "my.rules-1" || cfg.RuleSetArn != rs.RuleSetArn {
		t.Errorf("configuration rule set %q %q", cfg.RuleSetName, cfg.RuleSetArn)
	}
	if !cfg.CreationTime.Equal(epoch.Add(90*time.Second)) || cfg.BackfillMode != engine.BackfillManual || cfg.FlexMatchMode != engine.ModeStandalone {
		t.Errorf("configuration %+v", cfg)
	}
	// Describe by ARN returns the same configuration.
	out, err := e.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{Names: []string{cfg.ConfigurationArn}})
	if err != nil || len(out.Configurations) != 1 {
		t.Fatalf("describe by ARN: %v, %d", err, len(out.Configurations))
	}
	if got := out.Configurations[0]; got.Name != "Config-1.a" || got.Description != "a configuration" || got.CustomEventData != "custom" || got.RequestTimeoutSeconds != 30 {
		t.Errorf("described %+v", got)
	}
	// Describe rule sets by ARN.
	rss, err := e.DescribeMatchmakingRuleSets(ctx, &engine.DescribeMatchmakingRuleSetsInput{Names: []string{rs.RuleSetArn}})
	if err != nil || len(rss.RuleSets) != 1 || rss.RuleSets[0].RuleSetName != "my.rules-1" {
		t.Fatalf("describe rule set by ARN: %v %+v", err, rss)
	}
	// StartMatchmaking accepts the configuration ARN.
	st, err := e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{ConfigurationName: cfg.ConfigurationArn, Players: []ticket.Player{player("p", 1, nil)}})
	if err != nil {
		t.Fatal(err)
	}
	if st.MatchmakingTicket.ConfigurationName != "Config-1.a" || st.MatchmakingTicket.ConfigurationArn != cfg.ConfigurationArn {
		t.Errorf("ticket configuration %q %q", st.MatchmakingTicket.ConfigurationName, st.MatchmakingTicket.ConfigurationArn)
	}
}

func TestConfigDefaultARNs(t *testing.T) {
	e, _ := newBareEngine(t)
	rs := mustRuleSet(t, e, "r", tinyRuleSet)
	cfg := mustConfig(t, e, standalone("c", "r"))
	if rs.RuleSetArn != "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/r" {
		t.Errorf("RuleSetArn %q", rs.RuleSetArn)
	}
	if cfg.ConfigurationArn != "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/c" {
		t.Errorf("ConfigurationArn %q", cfg.ConfigurationArn)
	}
	if e.Region() != engine.DefaultRegion || e.Account() != engine.DefaultAccount {
		t.Errorf("region %q account %q", e.Region(), e.Account())
	}
}

func TestDescribeConfigurationsPaging(t *testing.T) {
	e, _ := newBareEngine(t)
	mustRuleSet(t, e, "r1", tinyRuleSet)
	mustRuleSet(t, e, "r2", tinyRuleSet)
	// Created out of order: listings are in name order.
	for _, n := range []string{"e", "b", "d", "a", "c"} {
		rs := "r1"
		if n == "b" || n == "d" {
			rs = "r2"
		}
		mustConfig(t, e, standalone(n, rs))
	}
	names := func(cs []engine.MatchmakingConfiguration) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name      string
		in        engine.DescribeMatchmakingConfigurationsInput
		want      string
		wantToken string
		code      string
	}{
		{name: "all", in: engine.DescribeMatchmakingConfigurationsInput{}, want: "a,b,c,d,e"},
		{name: "first page", in: engine.DescribeMatchmakingConfigurationsInput{Limit: 2}, want: "a,b", wantToken: "2"},
		{name: "second page", in: engine.DescribeMatchmakingConfigurationsInput{Limit: 2, NextToken: "2"}, want: "c,d", wantToken: "4"},
		{name: "last page", in: engine.DescribeMatchmakingConfigurationsInput{Limit: 2, NextToken: "4"}, want: "e"},
		{name: "exact page has no token", in: engine.DescribeMatchmakingConfigurationsInput{Limit: 5}, want: "a,b,c,d,e"},
		{name: "names skip unknown", in: engine.DescribeMatchmakingConfigurationsInput{Names: []string{"d", "nope", "a", "d"}}, want: "d,a"},
		{name: "only unknown names", in: engine.DescribeMatchmakingConfigurationsInput{Names: []string{"nope"}}, want: ""},
		{name: "names paged", in: engine.DescribeMatchmakingConfigurationsInput{Names: []string{"c", "b", "a"}, Limit: 1, NextToken: "1"}, want: "b", wantToken: "2"},
		{name: "by rule set", in: engine.DescribeMatchmakingConfigurationsInput{RuleSetName: "r2"}, want: "b,d"},
		{name: "by rule set ARN", in: engine.DescribeMatchmakingConfigurationsInput{RuleSetName: "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/r1"}, want: "a,c,e"},
		{name: "unknown rule set lists none", in: engine.DescribeMatchmakingConfigurationsInput{RuleSetName: "zz"}, want: ""},
		{name: "limit 11", in: engine.DescribeMatchmakingConfigurationsInput{Limit: 11}, code: engine.CodeInvalidRequest},
		{name: "negative limit", in: engine.DescribeMatchmakingConfigurationsInput{Limit: -1}, code: engine.CodeInvalidRequest},
		{name: "names and rule set", in: engine.DescribeMatchmakingConfigurationsInput{Names: []string{"a"}, RuleSetName: "r1"}, code: engine.CodeInvalidRequest},
		{name: "bad token", in: engine.DescribeMatchmakingConfigurationsInput{NextToken: "x"}, code: engine.CodeInvalidRequest},
		{name: "token past end", in: engine.DescribeMatchmakingConfigurationsInput{NextToken: "6"}, code: engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.DescribeMatchmakingConfigurations(ctx, &tc.in)
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(out.Configurations); got != tc.want || out.NextToken != tc.wantToken {
				t.Errorf("got %q token %q, want %q token %q", got, out.NextToken, tc.want, tc.wantToken)
			}
		})
	}
}

func TestDescribeRuleSetsPaging(t *testing.T) {
	e, _ := newBareEngine(t)
	for _, n := range []string{"c", "a", "b"} {
		mustRuleSet(t, e, n, tinyRuleSet)
	}
	names := func(rs []engine.MatchmakingRuleSet) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.RuleSetName)
		}
		return strings.Join(out, ",")
	}
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = "a"
	}
	tests := []struct {
		name      string
		in        engine.DescribeMatchmakingRuleSetsInput
		want      string
		wantToken string
		code      string
	}{
		{name: "all", want: "a,b,c"},
		{name: "page 1", in: engine.DescribeMatchmakingRuleSetsInput{Limit: 2}, want: "a,b", wantToken: "2"},
		{name: "page 2", in: engine.DescribeMatchmakingRuleSetsInput{Limit: 2, NextToken: "2"}, want: "c"},
		{name: "names in order asked", in: engine.DescribeMatchmakingRuleSetsInput{Names: []string{"c", "a"}}, want: "c,a"},
		{name: "unknown name", in: engine.DescribeMatchmakingRuleSetsInput{Names: []string{"a", "nope"}}, code: engine.CodeNotFound},
		{name: "eleven names", in: engine.DescribeMatchmakingRuleSetsInput{Names: eleven}, code: engine.CodeInvalidRequest},
		{name: "limit 11", in: engine.DescribeMatchmakingRuleSetsInput{Limit: 11}, code: engine.CodeInvalidRequest},
		{name: "bad token", in: engine.DescribeMatchmakingRuleSetsInput{NextToken: "-1"}, code: engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.DescribeMatchmakingRuleSets(ctx, &tc.in)
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(out.RuleSets); got != tc.want || out.NextToken != tc.wantToken {
				t.Errorf("got %q token %q, want %q token %q", got, out.NextToken, tc.want, tc.wantToken)
			}
		})
	}
}

func TestCreateConfigurationValidation(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name   string
		change func(*engine.CreateMatchmakingConfigurationInput)
		code   string
	}{
		{name: "valid", change: func(*engine.CreateMatchmakingConfigurationInput) {}},
		{name: "valid with acceptance", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.AcceptanceRequired, in.AcceptanceTimeoutSeconds = true, 600
		}},
		{name: "valid limits", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.RequestTimeoutSeconds = 43200
			in.CustomEventData = long(256)
			in.GameSessionData = long(4096)
			in.Description = long(1024)
			in.Name = long(128)
			in.NotificationTarget = "arn:aws:sns:us-east-1:123456789012:topic.fifo"
		}},
		{name: "empty name", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.Name = "" }, code: engine.CodeInvalidRequest},
		{name: "name too long", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.Name = long(129) }, code: engine.CodeInvalidRequest},
		{name: "name with underscore", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.Name = "a_b" }, code: engine.CodeInvalidRequest},
		{name: "name with space", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.Name = "a b" }, code: engine.CodeInvalidRequest},
		{name: "no rule set", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.RuleSetName = "" }, code: engine.CodeInvalidRequest},
		{name: "unknown rule set", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.RuleSetName = "nope" }, code: engine.CodeNotFound},
		{name: "request timeout 0", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 0 }, code: engine.CodeInvalidRequest},
		{name: "request timeout 43201", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.RequestTimeoutSeconds = 43201 }, code: engine.CodeInvalidRequest},
		{name: "acceptance without timeout", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.AcceptanceRequired = true }, code: engine.CodeInvalidRequest},
		{name: "acceptance timeout 601", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.AcceptanceRequired, in.AcceptanceTimeoutSeconds = true, 601
		}, code: engine.CodeInvalidRequest},
		{name: "acceptance timeout negative", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.AcceptanceTimeoutSeconds = -1 }, code: engine.CodeInvalidRequest},
		{name: "negative additional players", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.AdditionalPlayerCount = -1 }, code: engine.CodeInvalidRequest},
		{name: "custom event data 257", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.CustomEventData = long(257) }, code: engine.CodeInvalidRequest},
		{name: "game session data 4097", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.GameSessionData = long(4097) }, code: engine.CodeInvalidRequest},
		{name: "description 1025", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.Description = long(1025) }, code: engine.CodeInvalidRequest},
		{name: "notification target pattern", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.NotificationTarget = "not a topic!" }, code: engine.CodeInvalidRequest},
		{name: "17 game properties", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			for i := 0; i < 17; i++ {
				in.GameProperties = append(in.GameProperties, engine.GameProperty{Key: fmt.Sprint(i), Value: "v"})
			}
		}, code: engine.CodeInvalidRequest},
		{name: "game property key 33", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.GameProperties = []engine.GameProperty{{Key: long(33), Value: "v"}}
		}, code: engine.CodeInvalidRequest},
		{name: "game property value 97", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.GameProperties = []engine.GameProperty{{Key: "k", Value: long(97)}}
		}, code: engine.CodeInvalidRequest},
		{name: "unknown flexmatch mode", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.FlexMatchMode = "SOLO" }, code: engine.CodeInvalidRequest},
		{name: "unknown backfill mode", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.BackfillMode = "SOMETIMES" }, code: engine.CodeInvalidRequest},
		{name: "standalone with queues", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.GameSessionQueueArns = []string{"arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/q"}
		}, code: engine.CodeInvalidRequest},
		{name: "standalone with automatic backfill", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.BackfillMode = engine.BackfillAutomatic }, code: engine.CodeInvalidRequest},
		{name: "with queue without queues", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.FlexMatchMode = engine.ModeWithQueue }, code: engine.CodeInvalidRequest},
		{name: "mode defaults to with queue", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.FlexMatchMode = "" }, code: engine.CodeInvalidRequest},
		{name: "with queue without placer", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.FlexMatchMode = engine.ModeWithQueue
			in.GameSessionQueueArns = []string{"arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/q"}
		}, code: engine.CodeNotFound},
		{name: "invalid queue ARN", change: func(in *engine.CreateMatchmakingConfigurationInput) {
			in.FlexMatchMode = engine.ModeWithQueue
			in.GameSessionQueueArns = []string{"queue name with spaces"}
		}, code: engine.CodeInvalidRequest},
		{name: "too many tags", change: func(in *engine.CreateMatchmakingConfigurationInput) { in.Tags = make([]engine.Tag, 201) }, code: engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newBareEngine(t)
			mustRuleSet(t, e, "r", tinyRuleSet)
			in := standalone("c", "r")
			tc.change(in)
			out, err := e.CreateMatchmakingConfiguration(ctx, in)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if out.Configuration.Name != in.Name {
					t.Errorf("created %q", out.Configuration.Name)
				}
				return
			}
			wantCode(t, err, tc.code)
			// Nothing was created.
			list, _ := e.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{})
			if len(list.Configurations) != 0 {
				t.Errorf("a failed create left %d configurations", len(list.Configurations))
			}
		})
	}
}

func TestErrorsIsSentinels(t *testing.T) {
	e, _ := newBareEngine(t)
	_, err := e.CreateMatchmakingConfiguration(ctx, standalone("c", "missing"))
	if !errors.Is(err, engine.ErrNotFound) || errors.Is(err, engine.ErrInvalidRequest) {
		t.Errorf("errors.Is on %v", err)
	}
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Code != engine.CodeNotFound || ee.Message == "" {
		t.Errorf("errors.As on %v", err)
	}
	_, err = e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "bad name", RuleSetBody: tinyRuleSet})
	if !errors.Is(err, engine.ErrInvalidRequest) {
		t.Errorf("bad rule set name: %v", err)
	}
	if engine.ErrorCode(errors.New("plain")) != "" || engine.ErrorCode(nil) != "" {
		t.Error("ErrorCode of a non-engine error is not empty")
	}
}

func TestDuplicateNamesAndQuotas(t *testing.T) {
	e, _ := newBareEngine(t, engine.WithQuotas(2, 1))
	mustRuleSet(t, e, "r", tinyRuleSet)
	_, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "r", RuleSetBody: tinyRuleSet})
	wantCode(t, err, engine.CodeInvalidRequest)
	mustRuleSet(t, e, "r2", tinyRuleSet)
	_, err = e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "r3", RuleSetBody: tinyRuleSet})
	wantCode(t, err, engine.CodeLimitExceeded)
	if !errors.Is(err, engine.ErrLimitExceeded) {
		t.Errorf("errors.Is(%v, ErrLimitExceeded) is false", err)
	}

	mustConfig(t, e, standalone("c", "r"))
	_, err = e.CreateMatchmakingConfiguration(ctx, standalone("c", "r"))
	wantCode(t, err, engine.CodeInvalidRequest) // duplicate before quota
	_, err = e.CreateMatchmakingConfiguration(ctx, standalone("c2", "r"))
	wantCode(t, err, engine.CodeLimitExceeded)

	// Deleting frees quota.
	if _, err := e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "c"}); err != nil {
		t.Fatal(err)
	}
	mustConfig(t, e, standalone("c2", "r"))
	if _, err := e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "r2"}); err != nil {
		t.Fatal(err)
	}
	mustRuleSet(t, e, "r3", tinyRuleSet)
}

func TestDefaultQuotas(t *testing.T) {
	e, _ := newBareEngine(t)
	for i := 0; i < engine.DefaultMaxRuleSets; i++ {
		mustRuleSet(t, e, fmt.Sprintf("r%d", i), tinyRuleSet)
	}
	_, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "one-more", RuleSetBody: tinyRuleSet})
	wantCode(t, err, engine.CodeLimitExceeded)
	for i := 0; i < engine.DefaultMaxConfigs; i++ {
		mustConfig(t, e, standalone(fmt.Sprintf("c%d", i), "r0"))
	}
	_, err = e.CreateMatchmakingConfiguration(ctx, standalone("one-more", "r0"))
	wantCode(t, err, engine.CodeLimitExceeded)
}

func TestRuleSetValidation(t *testing.T) {
	const team = `"teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 2}]`
	tests := []struct {
		name string
		body string
		path string // JSON pointer the message names; "" for a valid body
	}{
		{name: "minimal", body: `{"ruleLanguageVersion": "1.0", ` + team + `}`},
		{name: "with rules and expansions", body: `{"ruleLanguageVersion": "1.0",
			"playerAttributes": [{"name": "skill", "type": "number", "default": 1}],
			` + team + `,
			"rules": [{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 10}],
			"expansions": [{"target": "rules[close].maxDistance", "steps": [{"waitTimeSeconds": 5, "value": 20}]}]}`},
		{name: "not JSON", body: `{`, path: "/"},
		{name: "trailing comma", body: `{"ruleLanguageVersion": "1.0", ` + team + `,}`, path: "/"},
		// The spec (section 11) says comments are invalid; the ruleset package
		// deliberately accepts them with a warning, as AWS's own samples carry
		// them. Pin that choice.
		{name: "comments are only a warning", body: "{\"ruleLanguageVersion\": \"1.0\", // AWS samples do this\n" + team + `}`},
		{name: "array", body: `[]`, path: "/"},
		{name: "no version", body: `{` + team + `}`, path: "/"},
		{name: "wrong version", body: `{"ruleLanguageVersion": "2.0", ` + team + `}`, path: "/ruleLanguageVersion"},
		{name: "no teams", body: `{"ruleLanguageVersion": "1.0"}`, path: "/"},
		{name: "empty teams", body: `{"ruleLanguageVersion": "1.0", "teams": []}`, path: "/teams"},
		{name: "min above max", body: `{"ruleLanguageVersion": "1.0", "teams": [{"name": "a", "minPlayers": 3, "maxPlayers": 2}]}`, path: "/teams/0"},
		{name: "duplicate teams", body: `{"ruleLanguageVersion": "1.0", "teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 2}, {"name": "a", "minPlayers": 1, "maxPlayers": 2}]}`, path: "/teams/1"},
		{name: "more than 200 players", body: `{"ruleLanguageVersion": "1.0", "algorithm": {"strategy": "balanced", "balancedAttribute": "skill"},
			"playerAttributes": [{"name": "skill", "type": "number"}],
			"teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 101, "quantity": 2}]}`, path: "/"},
		{name: "unknown key", body: `{"ruleLanguageVersion": "1.0", "bogus": 1, ` + team + `}`, path: "/bogus"},
		{name: "undeclared attribute", body: `{"ruleLanguageVersion": "1.0", ` + team + `,
			"rules": [{"name": "x", "type": "comparison", "measurements": ["avg(teams[*].players.attributes[skill])"], "operation": ">", "referenceValue": 1}]}`, path: "/rules/0"},
		{name: "bad operation", body: `{"ruleLanguageVersion": "1.0", "playerAttributes": [{"name": "skill", "type": "number"}], ` + team + `,
			"rules": [{"name": "x", "type": "comparison", "measurements": ["avg(teams[*].players.attributes[skill])"], "operation": "between", "referenceValue": 1}]}`, path: "/rules/0"},
		{name: "unknown rule type", body: `{"ruleLanguageVersion": "1.0", ` + team + `, "rules": [{"name": "x", "type": "magic"}]}`, path: "/rules/0"},
		{name: "duplicate rule names", body: `{"ruleLanguageVersion": "1.0", "playerAttributes": [{"name": "m", "type": "string"}], ` + team + `,
			"rules": [{"name": "x", "type": "batchDistance", "batchAttribute": "m"}, {"name": "x", "type": "batchDistance", "batchAttribute": "m"}]}`, path: "/rules/1"},
		{name: "bad attribute type", body: `{"ruleLanguageVersion": "1.0", "playerAttributes": [{"name": "m", "type": "float"}], ` + team + `}`, path: "/playerAttributes/0"},
		{name: "balanced in small without attribute", body: `{"ruleLanguageVersion": "1.0", "algorithm": {"strategy": "balanced"}, ` + team + `}`, path: "/algorithm"},
		{name: "large without balanced", body: `{"ruleLanguageVersion": "1.0", "teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 41}]}`, path: "/"},
		{name: "expansion of unknown rule", body: `{"ruleLanguageVersion": "1.0", ` + team + `,
			"expansions": [{"target": "rules[nope].maxDistance", "steps": [{"waitTimeSeconds": 5, "value": 20}]}]}`, path: "/expansions/0"},
		{name: "expansion steps not increasing", body: `{"ruleLanguageVersion": "1.0", ` + team + `,
			"expansions": [{"target": "teams[a].minPlayers", "steps": [{"waitTimeSeconds": 5, "value": 1}, {"waitTimeSeconds": 5, "value": 0}]}]}`, path: "/expansions/0"},
	}
	e, _ := newBareEngine(t)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.ValidateMatchmakingRuleSet(ctx, &engine.ValidateMatchmakingRuleSetInput{RuleSetBody: tc.body})
			_, cerr := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: fmt.Sprintf("rs%d", i), RuleSetBody: tc.body})
			if tc.path == "" {
				if err != nil || !out.Valid {
					t.Fatalf("valid body rejected: %v", err)
				}
				if cerr != nil {
					t.Fatalf("CreateMatchmakingRuleSet: %v", cerr)
				}
				return
			}
			wantCode(t, err, engine.CodeInvalidRequest)
			wantCode(t, cerr, engine.CodeInvalidRequest)
			msg := err.(*engine.Error).Message
			if !strings.HasPrefix(msg, "Rule set is invalid: /") {
				t.Errorf("message %q lacks the prefix", msg)
			}
			if !strings.HasPrefix(msg, "Rule set is invalid: "+tc.path) {
				t.Errorf("message %q does not point at %s", msg, tc.path)
			}
			if cerr.Error() != err.Error() {
				t.Errorf("create says %q, validate says %q", cerr, err)
			}
		})
	}
	// A failed create stores nothing.
	list, err := e.DescribeMatchmakingRuleSets(ctx, &engine.DescribeMatchmakingRuleSetsInput{})
	if err != nil || len(list.RuleSets) != 3 {
		t.Errorf("%d rule sets stored (%v), want the 3 valid ones", len(list.RuleSets), err)
	}
	// An empty or oversized body is invalid without the rule-set prefix.
	for _, body := range []string{"", strings.Repeat(" ", 65536)} {
		_, err := e.ValidateMatchmakingRuleSet(ctx, &engine.ValidateMatchmakingRuleSetInput{RuleSetBody: body})
		wantCode(t, err, engine.CodeInvalidRequest)
	}
}

func TestRuleSetNameValidation(t *testing.T) {
	e, _ := newBareEngine(t)
	for _, name := range []string{"", "a b", "a_b", "a/b", strings.Repeat("r", 129)} {
		_, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: name, RuleSetBody: tinyRuleSet})
		wantCode(t, err, engine.CodeInvalidRequest)
	}
	for _, name := range []string{"A-b.9", strings.Repeat("r", 128)} {
		mustRuleSet(t, e, name, tinyRuleSet)
	}
}

func TestDeleteRuleSetAndConfiguration(t *testing.T) {
	e, clock := newBareEngine(t)
	mustRuleSet(t, e, "r", tinyRuleSet)
	mustRuleSet(t, e, "unused", tinyRuleSet)
	mustConfig(t, e, standalone("c", "r"))

	_, err := e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "r"})
	wantCode(t, err, engine.CodeInvalidRequest)
	_, err = e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "nope"})
	wantCode(t, err, engine.CodeNotFound)
	if _, err := e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/unused"}); err != nil {
		t.Fatalf("delete by ARN: %v", err)
	}
	_, err = e.DescribeMatchmakingRuleSets(ctx, &engine.DescribeMatchmakingRuleSetsInput{Names: []string{"unused"}})
	wantCode(t, err, engine.CodeNotFound)

	// A queued ticket (a one-player team needs 1..2: it would match alone
	// only after the first tick) blocks deletion.
	if _, err := e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: "t", ConfigurationName: "c", Players: []ticket.Player{player("p", 1, nil)}}); err != nil {
		t.Fatal(err)
	}
	_, err = e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "c"})
	wantCode(t, err, engine.CodeInvalidRequest)
	if _, err := e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: "t"}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	if _, err := e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/c"}); err != nil {
		t.Fatalf("delete after the ticket ended: %v", err)
	}
	_, err = e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "c"})
	wantCode(t, err, engine.CodeNotFound)
	_, err = e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{ConfigurationName: "c", Players: []ticket.Player{player("q", 1, nil)}})
	wantCode(t, err, engine.CodeNotFound)
	// Now the rule set is free.
	if _, err := e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "r"}); err != nil {
		t.Fatalf("delete a rule set no longer used: %v", err)
	}
}

func TestDeleteConfigurationWithSearchingTicket(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	h.start("lonely", player("p", 1, nil))
	h.advance(1)
	if got := h.status("lonely"); got != "SEARCHING" {
		t.Fatalf("status %s", got)
	}
	_, err := h.e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "cfg"})
	wantCode(t, err, engine.CodeInvalidRequest)
	h.advance(60) // times out
	if _, err := h.e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "cfg"}); err != nil {
		t.Fatalf("delete after timeout: %v", err)
	}
}

func TestUpdateConfiguration(t *testing.T) {
	e, clock := newBareEngine(t)
	mustRuleSet(t, e, "r", oneVsOne)
	mustRuleSet(t, e, "solo", `{"ruleLanguageVersion": "1.0", "teams": [{"name": "only", "minPlayers": 1, "maxPlayers": 1}]}`)
	mustConfig(t, e, standalone("c", "r"))

	tests := []struct {
		name string
		in   engine.UpdateMatchmakingConfigurationInput
		code string
	}{
		{name: "unknown", in: engine.UpdateMatchmakingConfigurationInput{Name: "nope"}, code: engine.CodeNotFound},
		{name: "empty name", in: engine.UpdateMatchmakingConfigurationInput{}, code: engine.CodeInvalidRequest},
		{name: "unknown rule set", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", RuleSetName: ptr("nope")}, code: engine.CodeNotFound},
		{name: "timeout out of range", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", RequestTimeoutSeconds: ptr(0)}, code: engine.CodeInvalidRequest},
		{name: "acceptance without timeout", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", AcceptanceRequired: ptr(true)}, code: engine.CodeInvalidRequest},
		{name: "queues on standalone", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", GameSessionQueueArns: []string{"arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/q"}}, code: engine.CodeInvalidRequest},
		{name: "with queue without queues", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", FlexMatchMode: ptr(engine.ModeWithQueue)}, code: engine.CodeInvalidRequest},
		{name: "with queue without placer", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", FlexMatchMode: ptr(engine.ModeWithQueue), GameSessionQueueArns: []string{"q"}}, code: engine.CodeNotFound},
		{name: "automatic backfill on standalone", in: engine.UpdateMatchmakingConfigurationInput{Name: "c", BackfillMode: ptr(engine.BackfillAutomatic)}, code: engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.UpdateMatchmakingConfiguration(ctx, &tc.in)
			wantCode(t, err, tc.code)
			// A failed update changes nothing.
			out, _ := e.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{Names: []string{"c"}})
			if c := out.Configurations[0]; c.RequestTimeoutSeconds != 30 || c.RuleSetName != "r" || c.FlexMatchMode != engine.ModeStandalone || c.AcceptanceRequired {
				t.Errorf("configuration changed: %+v", c)
			}
		})
	}

	// A searching ticket picks up a new timeout and rule set at the next tick.
	if _, err := e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: "t", ConfigurationName: "c", Players: []ticket.Player{player("p", 1, nil)}}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	out, err := e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{
		Name:                  "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/c",
		RequestTimeoutSeconds: ptr(7),
		Description:           ptr("updated"),
		CustomEventData:       ptr("ced"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if c := out.Configuration; c.RequestTimeoutSeconds != 7 || c.Description != "updated" || c.CustomEventData != "ced" || c.RuleSetName != "r" {
		t.Errorf("updated configuration %+v", c)
	}
	clock.Advance(time.Second) // t=6: still searching
	tk := describeOne(t, e, "t")
	if tk.Status != "SEARCHING" {
		t.Fatalf("t=6: %s", tk.Status)
	}
	clock.Advance(time.Second) // t=7: the new 7 s timeout
	if tk := describeOne(t, e, "t"); tk.Status != "TIMED_OUT" || !tk.EndTime.Equal(epoch.Add(7*time.Second)) {
		t.Fatalf("t=7: %s ended %v", tk.Status, tk.EndTime)
	}

	// A new rule set: a lone player matches under the one-player team.
	if _, err := e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: "u", ConfigurationName: "c", Players: []ticket.Player{player("p", 1, nil)}}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	if got := describeOne(t, e, "u").Status; got != "SEARCHING" {
		t.Fatalf("u under the 1v1 rule set: %s", got)
	}
	out, err = e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "c", RuleSetName: ptr("solo")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Configuration.RuleSetArn != "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/solo" {
		t.Errorf("RuleSetArn %q", out.Configuration.RuleSetArn)
	}
	clock.Advance(time.Second)
	if got := describeOne(t, e, "u"); got.Status != "COMPLETED" || got.Players[0].Team != "only" {
		t.Fatalf("u under the solo rule set: %s team %q", got.Status, got.Players[0].Team)
	}
	// Rule sets in use by the updated configuration cannot be deleted; the
	// old one can.
	_, err = e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "solo"})
	wantCode(t, err, engine.CodeInvalidRequest)
	if _, err := e.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: "r"}); err != nil {
		t.Errorf("delete the replaced rule set: %v", err)
	}
}

// describeOne describes a ticket that must exist.
func describeOne(t testing.TB, e *engine.Engine, id string) engine.MatchmakingTicket {
	t.Helper()
	out, err := e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{id}})
	if err != nil || len(out.TicketList) != 1 {
		t.Fatalf("DescribeMatchmaking %s: %v (%d tickets)", id, err, len(out.TicketList))
	}
	return out.TicketList[0]
}

func TestUpdateRuleSetWhileMatched(t *testing.T) {
	// Tickets away in acceptance or placement when the rule set changes come
	// back prepared for the new rule set, whose attributes differ.
	const newRules = `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "mode", "type": "string", "default": "x"}, {"name": "level", "type": "number", "default": 3}, {"name": "skill", "type": "number", "default": 10}],
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	  "rules": [{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 50},
	            {"name": "low", "type": "comparison", "measurements": ["flatten(teams[*].players.attributes[level])"], "referenceValue": 5, "operation": "<"}]}`
	tests := []struct {
		name    string
		queue   bool
		requeue func(h *harness, p *fakePlacer) // sends a back to SEARCHING
	}{
		{name: "acceptance rejected", requeue: func(h *harness, _ *fakePlacer) {
			h.mustAccept("a", engine.Accept, "pa")
			h.mustAccept("b", engine.Reject, "pb")
		}},
		{name: "placement timed out", queue: true, requeue: func(h *harness, p *fakePlacer) {
			h.e.PlacementDone(engine.PlacementResult{PlacementId: p.requests()[0].PlacementId, Status: "TIMED_OUT"})
			h.stop("b")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var h *harness
			var p *fakePlacer
			if tc.queue {
				h, p = newQueueHarness(t, oneVsOne, nil)
			} else {
				h = newHarness(t, oneVsOne, withAcceptance(10))
			}
			mustRuleSet(t, h.e, "new", newRules)
			h.start("a", player("pa", 100, nil))
			h.start("b", player("pb", 110, nil))
			h.advance(1)
			if _, err := h.e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: "cfg", RuleSetName: ptr("new")}); err != nil {
				t.Fatal(err)
			}
			tc.requeue(h, p)
			if got := h.status("a"); got != ticket.Searching {
				t.Fatalf("a: %s", got)
			}
			h.start("c", player("pc", 120, nil))
			h.advance(1)
			ms := h.eventsOf(engine.EventPotentialMatchCreated)
			if len(ms) != 2 || !slices.Equal(eventTicketIDs(ms[1]), []string{"a", "c"}) {
				t.Fatalf("a did not match again under the new rule set: %v", h.eventTypes())
			}
			var rules []string
			for _, m := range ms[1].Detail.RuleEvaluationMetrics {
				rules = append(rules, m.RuleName)
			}
			if !slices.Equal(rules, []string{"close", "low"}) {
				t.Errorf("rules of the second match %v", rules)
			}
		})
	}
}

func TestDescribeDefaultLimitIsTen(t *testing.T) {
	e, _ := newBareEngine(t)
	for i := 0; i < 12; i++ {
		mustRuleSet(t, e, fmt.Sprintf("r%02d", i), tinyRuleSet)
		mustConfig(t, e, standalone(fmt.Sprintf("c%02d", i), fmt.Sprintf("r%02d", i)))
	}
	cs, err := e.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{})
	if err != nil || len(cs.Configurations) != 10 || cs.NextToken == "" || cs.Configurations[9].Name != "c09" {
		t.Fatalf("first page: %v, %d, token %q", err, len(cs.Configurations), cs.NextToken)
	}
	cs, err = e.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{NextToken: cs.NextToken})
	if err != nil || len(cs.Configurations) != 2 || cs.NextToken != "" || cs.Configurations[0].Name != "c10" {
		t.Fatalf("second page: %v, %d, token %q", err, len(cs.Configurations), cs.NextToken)
	}
	rs, err := e.DescribeMatchmakingRuleSets(ctx, &engine.DescribeMatchmakingRuleSetsInput{})
	if err != nil || len(rs.RuleSets) != 10 || rs.NextToken == "" {
		t.Fatalf("rule sets first page: %v, %d, token %q", err, len(rs.RuleSets), rs.NextToken)
	}
	rs, err = e.DescribeMatchmakingRuleSets(ctx, &engine.DescribeMatchmakingRuleSetsInput{NextToken: rs.NextToken})
	if err != nil || len(rs.RuleSets) != 2 || rs.NextToken != "" || rs.RuleSets[1].RuleSetName != "r11" {
		t.Fatalf("rule sets second page: %v, %d, token %q", err, len(rs.RuleSets), rs.NextToken)
	}
}
