// Package bench owns the simulator's performance work: workload generation,
// the simulation runner, its reports, and the Go benchmarks that keep the
// hot paths fast.
//
// For now only the benchmarks exist (ruleset_bench_test.go): parsing the
// corpus rule sets, evaluating each rule type on a 5v5 candidate match, and
// the two property-expression backends side by side, the Go closures of the
// ruleset package against the expr-lang reference implementation. Run them
// with
//
//	go test -run='^$' -bench=. -benchmem ./bench/
package bench
