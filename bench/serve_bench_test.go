package bench_test

import (
	"fmt"
	"testing"

	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/engine"
)

// serveOfferedRate is the open-loop benchmarks' offered load: the issue's
// target of 10,000 StartMatchmaking calls a second.
const serveOfferedRate = 10_000

// BenchmarkServe is the load benchmark of `flexsim serve`: 64 clients
// call one in-process server (api.New over an engine and a placement
// service) on a loopback TCP port. A unit of load is StartMatchmaking of
// one solo player (skill and latencies from the benchmark population, a
// fresh PlayerId every time) in a STANDALONE configuration of the default
// 5v5 rule set (bench/defaults/5v5-skill.json), then DescribeMatchmaking of
// the ticket it returned. b.N is the number of StartMatchmaking calls over
// all clients. The clients and the server share the machine's cores.
//
// Clients:
//   - sdk: 64 AWS SDK for Go v2 clients (so Smithy RPC v2 CBOR), each with
//     its own connections, signing every request, no retries.
//   - raw: 64 net/http clients posting the CBOR bodies the SDK sends,
//     without its signing and middleware: what the server does when its
//     clients cost little, as when they run on other machines.
//
// Loads:
//   - closed: each client calls again as soon as it has its answers, so
//     the figure is the most the server and the clients together get
//     through, and latency includes waiting for a core.
//   - open=10000: StartMatchmaking calls fall due at a fixed 10,000 a second
//     (the target) for as long as b.N lasts (about -benchtime),
//     each taken by whichever client is free; a call's latency counts from
//     when it was due, so a server that falls behind shows it in the tail
//     (no coordinated omission), and starts/s below 10,000 means the rate
//     was not sustained.
//
// Clocks:
//   - clock=virtual: a virtual clock that never moves, so no tick runs and
//     every ticket stays QUEUED: the request path alone.
//   - clock=real: the real clock with `flexsim serve`'s default 1 s tick, so
//     every second the engine promotes and matches the second's tickets
//     while holding its lock, and calls that arrive then wait: the request
//     path under matchmaking load. matched-% is the share of the tickets
//     COMPLETED at the end, tick-ms the mean duration of a tick (from the
//     engine's flexsim_tick_duration_seconds). Run it for several seconds
//     (-benchtime 5s) to see several ticks.
//
// Metrics: starts/s (StartMatchmaking calls per second of wall time),
// start-p50-ms and start-p99-ms (StartMatchmaking latency), describe-p99-ms,
// errors, which must be 0, and cpu-µs/start, the process's CPU time
// (clients and server, user and system) per StartMatchmaking and
// DescribeMatchmaking pair: steadier than the wall-clock figures on a
// machine shared with other work; the cores divided by it bound starts/s.
// After the timed run every acknowledged ticket is described again, 10 IDs
// per call (the API's limit), and must exist.
//
//	go test -run '^$' -bench 'Serve/' -benchtime 5s ./bench/
func BenchmarkServe(b *testing.B) {
	for _, kind := range []string{clientSDK, clientRaw} {
		for _, virtual := range []bool{true, false} {
			b.Run("closed/"+kind+"/"+clockName(virtual), func(b *testing.B) { serveClosedLoop(b, virtual, kind) })
		}
		b.Run(fmt.Sprintf("open=%d/%s/%s", serveOfferedRate, kind, clockName(false)), func(b *testing.B) {
			serveOpenLoop(b, false, kind, serveOfferedRate)
		})
	}
}

func clockName(virtual bool) string {
	if virtual {
		return "clock=virtual"
	}
	return "clock=real"
}

// serveClock is the virtual clock of a rig, or nil for the real one.
func serveClock(virtual bool) *engine.VirtualClock {
	if !virtual {
		return nil
	}
	return engine.NewVirtualClock(bench.Epoch)
}

func serveClosedLoop(b *testing.B, virtual bool, kind string) {
	r := newServeRig(b, serveClock(virtual), kind)
	b.ResetTimer()
	run := r.closedLoop(b.N)
	b.StopTimer()
	r.check(b, run).report(b)
}

func serveOpenLoop(b *testing.B, virtual bool, kind string, rate int) {
	r := newServeRig(b, serveClock(virtual), kind)
	b.ResetTimer()
	run := r.openLoop(b.N, rate)
	b.StopTimer()
	r.check(b, run).report(b)
}

// TestServeLoad runs the load benchmark's rig briefly, as a test (under
// -race in CI): 64 clients of each kind start and describe tickets at
// once, closed and open loop, with no error, and every ticket they were
// given is describable afterwards.
func TestServeLoad(t *testing.T) {
	for _, kind := range []string{clientSDK, clientRaw} {
		t.Run(kind, func(t *testing.T) {
			r := newServeRig(t, serveClock(true), kind)
			r.check(t, r.closedLoop(10*serveClients))
			r.check(t, r.openLoop(4*serveClients, 2000))
		})
	}
}
