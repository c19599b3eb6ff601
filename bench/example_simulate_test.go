package bench_test

import (
	"context"
	"fmt"

	"github.com/flexsim/flexsim/bench"
)

// Simulate two minutes of solo players arriving at 5 per second on the
// 1v1 benchmark rule set, and read the report.
func ExampleSimulate() {
	w, err := bench.ParseWorkload("example.yaml", []byte(`
duration: 2m
arrivals: {rate: 5}
players:
  attributes:
    skill: {type: number, distribution: normal, mean: 1000, stddev: 200, round: 1}
matchmaking: {requestTimeout: 60s}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	report, err := bench.Simulate(context.Background(), bench.Run{
		RuleSetFile: "1v1.json",
		RuleSet:     []byte(bench.RuleSet1v1),
		Workload:    w,
	}, bench.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	// bench.WriteText(os.Stdout, report) prints the summary table;
	// bench.WriteJSON and bench.WriteHTML write the other reports.
	fmt.Println("tickets:", report.Tickets.Arrived)
	fmt.Println("matches:", report.Matches.Formed)
	fmt.Println("wait p90 under 10 s:", report.Wait.Seconds.P90 < 10)

	// Output:
	// tickets: 624
	// matches: 310
	// wait p90 under 10 s: true
}
