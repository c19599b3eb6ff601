package engine_test

import (
	"context"
	"fmt"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// duelRules matches two players whose skills are at most 50 apart.
const duelRules = `{"ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number"}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
  "rules": [{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 50}]}`

// A harness embeds the matchmaker on a virtual clock: nothing happens until
// the clock is advanced, and then every tick that falls due runs in order.
func Example() {
	ctx := context.Background()
	clock := engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1))
	defer mm.Close()

	mm.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "duel", RuleSetBody: duelRules})
	mm.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
		Name: "ranked", RuleSetName: "duel", RequestTimeoutSeconds: 30, FlexMatchMode: engine.ModeStandalone,
	})
	for i, skill := range []float64{1000, 1300, 1040} {
		mm.StartMatchmaking(ctx, &engine.StartMatchmakingInput{
			TicketId:          fmt.Sprint("ticket-", i),
			ConfigurationName: "ranked",
			Players:           []ticket.Player{{PlayerID: fmt.Sprint("player-", i), Attributes: map[string]ticket.AttributeValue{"skill": ticket.Number(skill)}}},
		})
	}
	clock.Advance(time.Second)
	out, _ := mm.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{"ticket-0", "ticket-1", "ticket-2"}})
	for _, t := range out.TicketList {
		fmt.Println(t.TicketId, t.Status, "team:"+t.Players[0].Team)
	}
	clock.Advance(30 * time.Second)
	fmt.Println("ticket-1", mm.Events()[len(mm.Events())-1].Detail.Type)
	// Output:
	// ticket-0 COMPLETED team:red
	// ticket-1 SEARCHING team:
	// ticket-2 COMPLETED team:blue
	// ticket-1 MatchmakingTimedOut
}

// Explain says why a ticket is still searching.
func ExampleEngine_Explain() {
	ctx := context.Background()
	clock := engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	mm := engine.New(engine.WithClock(clock))
	defer mm.Close()
	mm.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "duel", RuleSetBody: duelRules})
	mm.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
		Name: "ranked", RuleSetName: "duel", RequestTimeoutSeconds: 30, FlexMatchMode: engine.ModeStandalone,
	})
	for i, skill := range []float64{1000, 1300} {
		mm.StartMatchmaking(ctx, &engine.StartMatchmakingInput{
			TicketId:          fmt.Sprint("ticket-", i),
			ConfigurationName: "ranked",
			Players:           []ticket.Player{{PlayerID: fmt.Sprint("player-", i), Attributes: map[string]ticket.AttributeValue{"skill": ticket.Number(skill)}}},
		})
	}
	clock.Advance(time.Second)
	x, _ := mm.Explain(ctx, "ticket-0")
	fmt.Println(x.Summary)
	fmt.Println(x.Rules[0].Rule, x.Rules[0].FailedCandidates, x.Rules[0].Examples)
	// Output:
	// None of the 1 candidates passes every rule with this ticket; rule close rejects 1 of them.
	// close 1 [ticket-1]
}

// A VirtualClock runs the calls scheduled on it as it is moved.
func ExampleVirtualClock() {
	clock := engine.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	clock.Every(2*time.Second, func(now time.Time) { fmt.Println("tick at", now.Format("15:04:05")) })
	clock.Advance(5 * time.Second)
	// Output:
	// tick at 00:00:02
	// tick at 00:00:04
}
