package placement_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// A fleet, a game session on it, and two players, one of whom never
// connects, on a virtual clock.
func ExampleService_CreateGameSession() {
	ctx := context.Background()
	clock := engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	hosting := placement.New(placement.WithClock(clock), placement.WithSeed(1))
	defer hosting.Close()

	fleet, _ := hosting.CreateFleet(ctx, &placement.CreateFleetInput{
		Name:      "arena",
		Locations: []placement.LocationConfiguration{{Location: "eu-west-1"}},
		RuntimeConfiguration: &placement.RuntimeConfiguration{ServerProcesses: []placement.ServerProcess{
			{LaunchPath: "/local/game/server", ConcurrentExecutions: 2},
		}},
	})
	fmt.Println(fleet.FleetAttributes.Status, fleet.LocationStates)

	out, _ := hosting.CreateGameSession(ctx, &placement.CreateGameSessionInput{
		FleetId:                   fleet.FleetAttributes.FleetId,
		MaximumPlayerSessionCount: 2,
		Name:                      "duel",
		Location:                  "eu-west-1",
		GameProperties:            []engine.GameProperty{{Key: "mode", Value: "ranked"}},
	})
	gs := out.GameSession
	fmt.Println(gs.Name, gs.Status, gs.Location, strings.HasPrefix(gs.GameSessionId, "arn:aws:gamelift:us-east-1::gamesession/fleet-"))

	seats, _ := hosting.CreatePlayerSessions(ctx, &placement.CreatePlayerSessionsInput{
		GameSessionId: gs.GameSessionId, PlayerIds: []string{"ann", "bob"},
	})
	hosting.PlayerConnected(seats.PlayerSessions[0].PlayerSessionId) // the game server accepts ann
	clock.Advance(time.Minute)                                       // bob's reservation times out
	ps, _ := hosting.DescribePlayerSessions(ctx, &placement.DescribePlayerSessionsInput{GameSessionId: gs.GameSessionId})
	for _, p := range ps.PlayerSessions {
		fmt.Println(p.PlayerId, p.Status)
	}

	found, _ := hosting.SearchGameSessions(ctx, &placement.SearchGameSessionsInput{
		FleetId:          fleet.FleetAttributes.FleetId,
		FilterExpression: "gameSessionProperties.mode = 'ranked' AND hasAvailablePlayerSessions = true",
	})
	fmt.Println(len(found.GameSessions), "open ranked session")
	// Output:
	// ACTIVE [{us-east-1 ACTIVE} {eu-west-1 ACTIVE}]
	// duel ACTIVE eu-west-1 true
	// ann ACTIVE
	// bob TIMEDOUT
	// 1 open ranked session
}

// AddFleet sets up capacity in one call: here 2 instances of 2 processes,
// so 4 game sessions at once.
func ExampleService_AddFleet() {
	ctx := context.Background()
	hosting := placement.New(placement.WithClock(engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))))
	defer hosting.Close()

	fleet, _ := hosting.AddFleet(placement.FleetSpec{
		Name:                 "arena",
		Locations:            []placement.LocationSpec{{Location: "us-east-1", Instances: 2}},
		ProcessesPerInstance: 2,
		CostPerHour:          0.25,
	})
	var first *placement.GameSession
	for i := range 5 {
		out, err := hosting.CreateGameSession(ctx, &placement.CreateGameSessionInput{FleetId: fleet.FleetId, MaximumPlayerSessionCount: 10})
		if err != nil {
			fmt.Println(i+1, engine.ErrorCode(err))
			continue
		}
		if first == nil {
			first = out.GameSession
		}
		fmt.Println(i+1, out.GameSession.Status)
	}
	hosting.EndGameSession(first.GameSessionId)
	_, err := hosting.CreateGameSession(ctx, &placement.CreateGameSessionInput{FleetId: fleet.FleetId, MaximumPlayerSessionCount: 10})
	fmt.Println("after one ended:", err)
	// Output:
	// 1 ACTIVE
	// 2 ACTIVE
	// 3 ACTIVE
	// 4 ACTIVE
	// 5 FleetCapacityExceededException
	// after one ended: <nil>
}
