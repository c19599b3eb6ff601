package api_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

// TestStartAnswersTheStoredPlayers: StartMatchmaking answers with the
// players exactly as DescribeMatchmaking later shows them (which come from
// the engine's own copy), every kind of attribute value included, over
// both protocols.
func TestStartAnswersTheStoredPlayers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.setup(ctx, false)

	players := []types.Player{{
		PlayerId: aws.String("alice"),
		PlayerAttributes: map[string]types.AttributeValue{
			"skill": {N: aws.Float64(1200.5)},
			"mode":  {S: aws.String("ranked")},
			"modes": {SL: []string{"ranked", "casual"}},
			"elo":   {SDM: map[string]float64{"duel": 1500, "team": 1420.25}},
		},
		LatencyInMs: map[string]int32{"us-east-1": 40, "eu-west-1": 120},
	}, {PlayerId: aws.String("bob")}}
	out, err := e.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{
		TicketId: aws.String("cbor"), ConfigurationName: aws.String("ranked"), Players: players})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{"cbor"}})
	if err != nil || len(d.TicketList) != 1 {
		t.Fatalf("DescribeMatchmaking: %v (%d tickets)", err, len(d.TicketList))
	}
	if got, want := out.MatchmakingTicket.Players, d.TicketList[0].Players; !reflect.DeepEqual(got, want) {
		t.Errorf("RPC v2 CBOR: StartMatchmaking answered players\n%+v\nDescribeMatchmaking shows\n%+v", got, want)
	}
	if !reflect.DeepEqual(out.MatchmakingTicket.Players, players) {
		t.Errorf("RPC v2 CBOR: StartMatchmaking answered players\n%+v\nnot those sent\n%+v", out.MatchmakingTicket.Players, players)
	}

	body := `{"TicketId": "json", "ConfigurationName": "ranked", "Players": [{"PlayerId": "carol",
		"PlayerAttributes": {"skill": {"N": 900}, "mode": {"S": "casual"}, "modes": {"SL": ["casual"]}, "elo": {"SDM": {"duel": 1100}}},
		"LatencyInMs": {"us-east-1": 35}}, {"PlayerId": "dave", "PlayerAttributes": {}}]}`
	_, started := e.postJSON("StartMatchmaking", body)
	_, described := e.postJSON("DescribeMatchmaking", `{"TicketIds": ["json"]}`)
	got := fmt.Sprint(started["MatchmakingTicket"].(map[string]any)["Players"])
	want := fmt.Sprint(described["TicketList"].([]any)[0].(map[string]any)["Players"])
	if got != want {
		t.Errorf("JSON 1.1: StartMatchmaking answered players\n%s\nDescribeMatchmaking shows\n%s", got, want)
	}
}
