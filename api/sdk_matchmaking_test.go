package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

func player(id string, skill float64) types.Player {
	return types.Player{
		PlayerId:         aws.String(id),
		PlayerAttributes: map[string]types.AttributeValue{"skill": {N: aws.Float64(skill)}},
		LatencyInMs:      map[string]int32{"us-east-1": 40},
	}
}

// setup creates the 1v1 rule set and a STANDALONE configuration "ranked".
func (e *env) setup(ctx context.Context, acceptance bool) {
	e.t.Helper()
	if _, err := e.gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{
		Name: aws.String("1v1"), RuleSetBody: aws.String(oneVsOne)}); err != nil {
		e.t.Fatal(err)
	}
	in := &gamelift.CreateMatchmakingConfigurationInput{
		Name: aws.String("ranked"), RuleSetName: aws.String("1v1"), RequestTimeoutSeconds: aws.Int32(60),
		AcceptanceRequired: aws.Bool(acceptance), FlexMatchMode: types.FlexMatchModeStandalone,
	}
	if acceptance {
		in.AcceptanceTimeoutSeconds = aws.Int32(10)
	}
	if _, err := e.gl.CreateMatchmakingConfiguration(ctx, in); err != nil {
		e.t.Fatal(err)
	}
}

// TestSDKScenario is the whole matchmaking flow over the Go SDK on the
// virtual clock: two tickets, a clock advance, both COMPLETED.
func TestSDKScenario(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.setup(ctx, false)
	for i, id := range []string{"t1", "t2"} {
		out, err := e.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{
			TicketId: aws.String(id), ConfigurationName: aws.String("ranked"),
			Players: []types.Player{player([]string{"alice", "bob"}[i], 10+float64(i))},
		})
		if err != nil {
			t.Fatal(err)
		}
		tk := out.MatchmakingTicket
		if aws.ToString(tk.TicketId) != id || tk.Status != types.MatchmakingConfigurationStatusQueued {
			t.Fatalf("StartMatchmaking: ticket %s status %s", aws.ToString(tk.TicketId), tk.Status)
		}
		if !tk.StartTime.Equal(start) {
			t.Errorf("StartTime = %v, want %v", tk.StartTime, start)
		}
	}
	now := e.advance(5)
	if want := float64(start.Add(5e9).UnixMilli()) / 1000; now != want {
		t.Errorf("advance answered now=%v, want %v", now, want)
	}
	out, err := e.gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{"t1", "t2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.TicketList) != 2 {
		t.Fatalf("DescribeMatchmaking: %d tickets", len(out.TicketList))
	}
	teams := map[string]bool{}
	for _, tk := range out.TicketList {
		if tk.Status != types.MatchmakingConfigurationStatusCompleted {
			t.Errorf("ticket %s: status %s, want COMPLETED", aws.ToString(tk.TicketId), tk.Status)
		}
		if tk.EndTime == nil || !tk.EndTime.After(start) {
			t.Errorf("ticket %s: EndTime %v", aws.ToString(tk.TicketId), tk.EndTime)
		}
		if len(tk.Players) != 1 || tk.Players[0].PlayerAttributes["skill"].N == nil {
			t.Fatalf("ticket %s: players %+v", aws.ToString(tk.TicketId), tk.Players)
		}
		teams[aws.ToString(tk.Players[0].Team)] = true
	}
	if !teams["red"] || !teams["blue"] {
		t.Errorf("teams = %v, want red and blue", teams)
	}
}
