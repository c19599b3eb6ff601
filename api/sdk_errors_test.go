package api_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

// TestSDKMatchmakingOperations calls every matchmaking operation through
// the Go SDK (RPC v2 CBOR) and checks answers and typed errors.
func TestSDKMatchmakingOperations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.setup(ctx, true)
	gl := e.gl

	valid, err := gl.ValidateMatchmakingRuleSet(ctx, &gamelift.ValidateMatchmakingRuleSetInput{RuleSetBody: aws.String(oneVsOne)})
	if err != nil || !aws.ToBool(valid.Valid) {
		t.Fatalf("ValidateMatchmakingRuleSet(valid) = %+v, %v", valid, err)
	}
	rs, err := gl.DescribeMatchmakingRuleSets(ctx, &gamelift.DescribeMatchmakingRuleSetsInput{Names: []string{"1v1"}})
	if err != nil || len(rs.RuleSets) != 1 || aws.ToString(rs.RuleSets[0].RuleSetName) != "1v1" ||
		aws.ToString(rs.RuleSets[0].RuleSetBody) != oneVsOne || !rs.RuleSets[0].CreationTime.Equal(start) {
		t.Fatalf("DescribeMatchmakingRuleSets = %+v, %v", rs, err)
	}
	cfgs, err := gl.DescribeMatchmakingConfigurations(ctx, &gamelift.DescribeMatchmakingConfigurationsInput{RuleSetName: aws.String("1v1")})
	if err != nil || len(cfgs.Configurations) != 1 {
		t.Fatalf("DescribeMatchmakingConfigurations = %+v, %v", cfgs, err)
	}
	c := cfgs.Configurations[0]
	if aws.ToString(c.Name) != "ranked" || !aws.ToBool(c.AcceptanceRequired) || aws.ToInt32(c.AcceptanceTimeoutSeconds) != 10 ||
		c.FlexMatchMode != types.FlexMatchModeStandalone || aws.ToString(c.ConfigurationArn) == "" {
		t.Errorf("configuration = %+v", c)
	}
	up, err := gl.UpdateMatchmakingConfiguration(ctx, &gamelift.UpdateMatchmakingConfigurationInput{
		Name: aws.String("ranked"), Description: aws.String("ranked 1v1"), RequestTimeoutSeconds: aws.Int32(30)})
	if err != nil || aws.ToString(up.Configuration.Description) != "ranked 1v1" || aws.ToInt32(up.Configuration.RequestTimeoutSeconds) != 30 ||
		!aws.ToBool(up.Configuration.AcceptanceRequired) {
		t.Fatalf("UpdateMatchmakingConfiguration = %+v, %v", up, err)
	}

	// Two tickets match and wait for acceptance; alice accepts, bob rejects.
	for _, id := range []string{"alice", "bob"} {
		if _, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{TicketId: aws.String("t-" + id),
			ConfigurationName: aws.String("ranked"), Players: []types.Player{player(id, 10)}}); err != nil {
			t.Fatal(err)
		}
	}
	e.advance(2)
	status := func(id string) types.MatchmakingConfigurationStatus {
		out, err := gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{id}})
		if err != nil || len(out.TicketList) != 1 {
			t.Fatalf("DescribeMatchmaking(%s) = %+v, %v", id, out, err)
		}
		return out.TicketList[0].Status
	}
	if s := status("t-alice"); s != types.MatchmakingConfigurationStatusRequiresAcceptance {
		t.Fatalf("t-alice: %s, want REQUIRES_ACCEPTANCE", s)
	}
	if _, err := gl.AcceptMatch(ctx, &gamelift.AcceptMatchInput{TicketId: aws.String("t-alice"), PlayerIds: []string{"alice"},
		AcceptanceType: types.AcceptanceTypeAccept}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.AcceptMatch(ctx, &gamelift.AcceptMatchInput{TicketId: aws.String("t-bob"), PlayerIds: []string{"bob"},
		AcceptanceType: types.AcceptanceTypeReject}); err != nil {
		t.Fatal(err)
	}
	if s := status("t-bob"); s != types.MatchmakingConfigurationStatusCancelled {
		t.Errorf("t-bob after REJECT: %s, want CANCELLED", s)
	}

	// StopMatchmaking on a searching ticket.
	if _, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{TicketId: aws.String("t-carol"),
		ConfigurationName: aws.String("ranked"), Players: []types.Player{player("carol", 10)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.StopMatchmaking(ctx, &gamelift.StopMatchmakingInput{TicketId: aws.String("t-carol")}); err != nil {
		t.Fatal(err)
	}
	if s := status("t-carol"); s != types.MatchmakingConfigurationStatusCancelled {
		t.Errorf("t-carol after StopMatchmaking: %s, want CANCELLED", s)
	}

	// A STANDALONE backfill: the current player with a team.
	bf := player("dave", 10)
	bf.Team = aws.String("red")
	bout, err := gl.StartMatchBackfill(ctx, &gamelift.StartMatchBackfillInput{TicketId: aws.String("bf-1"),
		ConfigurationName: aws.String("ranked"), Players: []types.Player{bf}})
	if err != nil || aws.ToString(bout.MatchmakingTicket.TicketId) != "bf-1" || bout.MatchmakingTicket.Status != types.MatchmakingConfigurationStatusQueued {
		t.Fatalf("StartMatchBackfill = %+v, %v", bout, err)
	}

	// A configuration with active tickets cannot go; stop them first.
	for _, id := range []string{"t-alice", "bf-1"} {
		if _, err := gl.StopMatchmaking(ctx, &gamelift.StopMatchmakingInput{TicketId: aws.String(id)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := gl.DeleteMatchmakingConfiguration(ctx, &gamelift.DeleteMatchmakingConfigurationInput{Name: aws.String("ranked")}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.DeleteMatchmakingRuleSet(ctx, &gamelift.DeleteMatchmakingRuleSetInput{Name: aws.String("1v1")}); err != nil {
		t.Fatal(err)
	}
}

// TestSDKTypedErrors checks that each error code reaches the SDK as its
// typed error, with the message.
func TestSDKTypedErrors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.setup(ctx, false)
	gl := e.gl
	asInvalid := func(err error) bool {
		var x *types.InvalidRequestException
		return errors.As(err, &x) && x.ErrorMessage() != ""
	}
	asNotFound := func(err error) bool {
		var x *types.NotFoundException
		return errors.As(err, &x) && x.ErrorMessage() != ""
	}
	cases := []struct {
		name string
		call func() error
		is   func(error) bool
	}{
		{"StartMatchmaking unknown configuration", func() error {
			_, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{ConfigurationName: aws.String("nope"), Players: []types.Player{player("a", 1)}})
			return err
		}, asNotFound},
		{"StartMatchmaking attribute with two members", func() error {
			p := player("a", 1)
			p.PlayerAttributes["skill"] = types.AttributeValue{N: aws.Float64(1), S: aws.String("x")}
			_, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{ConfigurationName: aws.String("ranked"), Players: []types.Player{p}})
			return err
		}, asInvalid},
		{"StartMatchmaking no players", func() error {
			_, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{ConfigurationName: aws.String("ranked"), Players: []types.Player{}})
			return err
		}, asInvalid},
		{"CreateMatchmakingRuleSet bad body", func() error {
			_, err := gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{Name: aws.String("bad"), RuleSetBody: aws.String(`{"teams": 3}`)})
			return err
		}, asInvalid},
		{"ValidateMatchmakingRuleSet bad body", func() error {
			_, err := gl.ValidateMatchmakingRuleSet(ctx, &gamelift.ValidateMatchmakingRuleSetInput{RuleSetBody: aws.String(`not json`)})
			return err
		}, asInvalid},
		{"CreateMatchmakingConfiguration unknown rule set", func() error {
			_, err := gl.CreateMatchmakingConfiguration(ctx, &gamelift.CreateMatchmakingConfigurationInput{Name: aws.String("x"),
				RuleSetName: aws.String("nope"), RequestTimeoutSeconds: aws.Int32(10), AcceptanceRequired: aws.Bool(false), FlexMatchMode: types.FlexMatchModeStandalone})
			return err
		}, asNotFound},
		{"UpdateMatchmakingConfiguration unknown", func() error {
			_, err := gl.UpdateMatchmakingConfiguration(ctx, &gamelift.UpdateMatchmakingConfigurationInput{Name: aws.String("nope")})
			return err
		}, asNotFound},
		{"DeleteMatchmakingConfiguration unknown", func() error {
			_, err := gl.DeleteMatchmakingConfiguration(ctx, &gamelift.DeleteMatchmakingConfigurationInput{Name: aws.String("nope")})
			return err
		}, asNotFound},
		{"DeleteMatchmakingRuleSet unknown", func() error {
			_, err := gl.DeleteMatchmakingRuleSet(ctx, &gamelift.DeleteMatchmakingRuleSetInput{Name: aws.String("nope")})
			return err
		}, asNotFound},
		{"DeleteMatchmakingRuleSet in use", func() error {
			_, err := gl.DeleteMatchmakingRuleSet(ctx, &gamelift.DeleteMatchmakingRuleSetInput{Name: aws.String("1v1")})
			return err
		}, asInvalid},
		{"DescribeMatchmaking too many tickets", func() error {
			_, err := gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}})
			return err
		}, asInvalid},
		{"StopMatchmaking unknown ticket", func() error {
			_, err := gl.StopMatchmaking(ctx, &gamelift.StopMatchmakingInput{TicketId: aws.String("nope")})
			return err
		}, asNotFound},
		{"AcceptMatch unknown ticket", func() error {
			_, err := gl.AcceptMatch(ctx, &gamelift.AcceptMatchInput{TicketId: aws.String("nope"), PlayerIds: []string{"a"}, AcceptanceType: types.AcceptanceTypeAccept})
			return err
		}, asNotFound},
		{"StartMatchBackfill without team", func() error {
			_, err := gl.StartMatchBackfill(ctx, &gamelift.StartMatchBackfillInput{ConfigurationName: aws.String("ranked"), Players: []types.Player{player("a", 1)}})
			return err
		}, asInvalid},
		{"DescribeMatchmakingRuleSets bad limit", func() error {
			_, err := gl.DescribeMatchmakingRuleSets(ctx, &gamelift.DescribeMatchmakingRuleSetsInput{Limit: aws.Int32(11)})
			return err
		}, asInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if !tc.is(err) {
				t.Errorf("got %T %v", err, err)
			}
		})
	}
}
