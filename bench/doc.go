// Package bench owns the simulator's performance work: workload generation,
// the simulation runner, its reports, and the Go benchmarks that keep the
// hot paths fast.
//
// Workloads (pool.go) are exported for the simulator: the rule sets of the
// three benchmark targets (Workloads: "1v1", "5v5", "large100"), a seeded
// population of solo players with a Normal(1000, 200) skill and latencies
// to four Regions (NewPopulation), an engine on a virtual clock with one
// STANDALONE configuration (NewEngine), and FillPool to submit one ticket
// per player.
//
// The benchmarks:
//
//   - ruleset_bench_test.go: parsing the corpus rule sets, evaluating each
//     rule type on a 5v5 candidate match, and the two property-expression
//     backends side by side, the Go closures of the ruleset package against
//     the expr-lang reference implementation.
//   - engine_bench_test.go: BenchmarkTick/<workload>/N=<n> times one
//     Engine.Tick on a fresh pool of n QUEUED tickets (the first tick:
//     promotion to SEARCHING and matching); BenchmarkTickSearching the same
//     on a pool already SEARCHING (matching alone). Both report matches
//     and players matched per tick, the mean skill spread of a match and,
//     for teams of more than one, the mean difference of the two teams'
//     average skill. BenchmarkPoolMemory/N=100000 reports the live heap per
//     QUEUED ticket.
//   - greedy_test.go: BenchmarkGreedyBaseline, the one-pass greedy matcher
//     simpler tools use, on the same workloads and pools, for comparison.
//
// Run them with
//
//	go test -run='^$' -bench=. -benchmem ./bench/
//	go test -run='^$' -bench='Tick|PoolMemory|Greedy' -benchtime=3x -timeout=30m ./bench/
package bench
