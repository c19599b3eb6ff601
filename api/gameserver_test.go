package api_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/api"
)

// TestGameServerEndpoints drives a game session's life over HTTP: players
// connect and leave, the session ends and frees its server process.
func TestGameServerEndpoints(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	fleet, err := e.gl.CreateFleet(ctx, &gamelift.CreateFleetInput{Name: aws.String("arena"), EC2InstanceType: types.EC2InstanceTypeC5Large})
	if err != nil {
		t.Fatal(err)
	}
	gs, err := e.gl.CreateGameSession(ctx, &gamelift.CreateGameSessionInput{FleetId: fleet.FleetAttributes.FleetId, MaximumPlayerSessionCount: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	gsID := aws.ToString(gs.GameSession.GameSessionId)
	seats, err := e.gl.CreatePlayerSessions(ctx, &gamelift.CreatePlayerSessionsInput{GameSessionId: aws.String(gsID), PlayerIds: []string{"ann", "bob"}})
	if err != nil {
		t.Fatal(err)
	}
	ann, bob := aws.ToString(seats.PlayerSessions[0].PlayerSessionId), aws.ToString(seats.PlayerSessions[1].PlayerSessionId)
	post := func(path, body string) (int, string) {
		resp, err := e.srv.Client().Post(e.srv.URL+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	steps := []struct {
		path, body string
		status     int
		contains   string
	}{
		{api.PathPlayerConnected, `{"PlayerSessionId": "` + ann + `"}`, 200, "{}"},
		{api.PathPlayerConnected, `{"PlayerSessionId": "` + ann + `"}`, 400, "InvalidRequestException"}, // already ACTIVE
		{api.PathPlayerLeft, `{"PlayerSessionId": "` + bob + `"}`, 200, "{}"},
		{api.PathPlayerLeft, `{"PlayerSessionId": "psess-nope"}`, 400, "NotFoundException"},
		{api.PathPlayerLeft, `{}`, 400, "PlayerSessionId is required"},
		{api.PathPlayerLeft, `not json`, 400, "InvalidRequestException"},
		{api.PathGameSessionEnded, `{"GameSessionId": "` + gsID + `"}`, 200, "{}"},
		{api.PathGameSessionEnded, `{"GameSessionId": "` + gsID + `"}`, 400, "InvalidGameSessionStatusException"},
	}
	for _, s := range steps {
		status, body := post(s.path, s.body)
		if status != s.status || !strings.Contains(body, s.contains) {
			t.Errorf("POST %s %s: %d %s; want %d containing %q", s.path, s.body, status, body, s.status, s.contains)
		}
	}
	if resp, err := e.srv.Client().Get(e.srv.URL + api.PathGameSessionEnded); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET %s: %v %v", api.PathGameSessionEnded, resp.StatusCode, err)
	}
	out, err := e.gl.DescribePlayerSessions(ctx, &gamelift.DescribePlayerSessionsInput{GameSessionId: aws.String(gsID)})
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range out.PlayerSessions {
		if ps.Status != types.PlayerSessionStatusCompleted {
			t.Errorf("player session %s is %s after the game ended", aws.ToString(ps.PlayerId), ps.Status)
		}
	}
	// the server process is free again
	if _, err := e.gl.CreateGameSession(ctx, &gamelift.CreateGameSessionInput{FleetId: fleet.FleetAttributes.FleetId, MaximumPlayerSessionCount: aws.Int32(2)}); err != nil {
		t.Errorf("a new game session after the first ended: %v", err)
	}
}
