package placement_test

import (
	"context"
	"fmt"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
	"github.com/flexsim/flexsim/ticket"
)

// A WITH_QUEUE matchmaker placing its matches on a simulated fleet: the
// match is placed at the hosting's next tick and the tickets complete with
// where to connect.
func Example_withQueue() {
	ctx := context.Background()
	clock := engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	hosting := placement.New(placement.WithClock(clock), placement.WithSeed(1))
	defer hosting.Close()
	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1), engine.WithPlacer(hosting))
	defer mm.Close()

	fleet, _ := hosting.AddFleet(placement.FleetSpec{Name: "arena", Locations: []placement.LocationSpec{{Location: "us-east-1", Instances: 1}}})
	hosting.CreateGameSessionQueue(ctx, &placement.CreateGameSessionQueueInput{
		Name:         "duels",
		Destinations: []placement.GameSessionQueueDestination{{DestinationArn: fleet.FleetArn}},
	})
	mm.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "duel", RuleSetBody: `{
		"ruleLanguageVersion": "1.0",
		"teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}]}`})
	mm.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
		Name: "duels", RuleSetName: "duel", RequestTimeoutSeconds: 60,
		FlexMatchMode: engine.ModeWithQueue, GameSessionQueueArns: []string{"duels"},
	})
	for _, id := range []string{"ann", "bob"} {
		mm.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: "duels",
			Players: []ticket.Player{{PlayerID: id, LatencyInMs: map[string]int{"us-east-1": 40}}}})
	}
	clock.Advance(time.Second) // matched
	out, _ := mm.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{"ann"}})
	fmt.Println(out.TicketList[0].Status)
	clock.Advance(time.Second) // placed
	out, _ = mm.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{"ann"}})
	conn := out.TicketList[0].GameSessionConnectionInfo
	fmt.Println(out.TicketList[0].Status, conn.Port > 0, len(conn.MatchedPlayerSessions))
	// Output:
	// PLACING
	// COMPLETED true 1
}
