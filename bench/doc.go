// Package bench is the simulator behind `flexsim simulate` and the Go
// benchmarks that keep the hot paths fast.
//
// # The simulator
//
// A Workload (ParseWorkload reads it from YAML, with errors at
// file:line:column) describes the players a run sends to the matchmaker:
// the arrival rate over time (constant, a ramp or a daily curve, as a
// Poisson or an evenly spaced process), party sizes, each attribute's
// distribution, home regions with latencies, how players answer proposed
// matches and when they give up; and the matchmaking configuration and
// engine settings it runs with. NewStream turns a workload and a seed into
// the player stream, ticket by ticket.
//
// Simulate runs one rule set on one workload in virtual time: one engine
// per run on an engine.VirtualClock, the stream's tickets started at their
// arrival times, AcceptMatch and StopMatchmaking called as the players
// would, everything observed through engine.WithEventHandler and kept in
// streaming aggregates (log-linear histograms and per-interval buckets) so
// that memory does not grow with the number of tickets. Compare runs
// several on the same stream. The Report holds every figure; WriteText,
// WriteJSON and WriteHTML (one self-contained page with inline SVG charts)
// render it, and a Run's Trace receives each ticket's timeline. The same
// run and seed always give the same report, byte for byte.
//
// # Benchmark workloads
//
// pool.go holds the engine benchmarks' workloads: the rule sets of the
// three targets (Targets: "1v1", "5v5", "large100"), a seeded population
// of solo players with a Normal(1000, 200) skill and latencies to four
// Regions (NewPopulation; DefaultRegions gives the same model as workload
// regions), an engine on a virtual clock with one STANDALONE configuration
// (NewEngine), and FillPool to submit one ticket per player.
//
// # The benchmarks
//
//   - ruleset_bench_test.go: parsing the corpus rule sets, evaluating each
//     rule type on a 5v5 candidate match, and the two property-expression
//     backends side by side.
//   - engine_bench_test.go: BenchmarkTick/<target>/N=<n> times one
//     Engine.Tick on a fresh pool of n QUEUED tickets; BenchmarkTickSearching
//     the same on a pool already SEARCHING; BenchmarkPoolMemory the live heap
//     per QUEUED ticket.
//   - greedy_test.go: BenchmarkGreedyBaseline, the one-pass greedy matcher
//     simpler tools use, on the same workloads and pools.
//   - simulate_bench_test.go: BenchmarkSimulate5v5Hour (one hour of 500
//     tickets per second, 1.8 million tickets, on RuleSet5v5),
//     BenchmarkSimulate5v5TenMinutes (the same for ten minutes, to show the
//     cost is linear in the duration) and BenchmarkSimulateDefault (the
//     default run of `flexsim simulate`), reporting peak RSS.
//   - serve_bench_test.go: BenchmarkServe, 64 clients (AWS SDK for Go v2,
//     or plain net/http posting the SDK's CBOR bodies) calling
//     StartMatchmaking then DescribeMatchmaking on one in-process `flexsim
//     serve` endpoint over loopback, closed loop and at a fixed offered
//     rate, on a virtual or a real clock, reporting starts/s, p50/p99
//     latency, errors and CPU per call pair; TestServeLoad runs it briefly
//     under the tests. serve_handler_bench_test.go: BenchmarkServeHandler,
//     the server's handler alone on the SDK's captured requests.
//
// Run them with
//
//	go test -run='^$' -bench=. -benchmem ./bench/
//	go test -run='^$' -bench='Tick|PoolMemory|Greedy' -benchtime=3x -timeout=30m ./bench/
//	go test -run='^$' -bench='Simulate' -benchtime=1x ./bench/
//	go test -run='^$' -bench='Serve' -benchtime=5s ./bench/
package bench
