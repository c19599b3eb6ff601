package bench_test

import (
	"fmt"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

// serveOfferedRate is the open-loop benchmarks' offered load: the issue's
// target of 10,000 StartMatchmaking calls a second.
const serveOfferedRate = 10_000

// BenchmarkServe is the load benchmark of `flexsim serve`: 64 clients
// call one server (what api.OpenLocal builds: an engine, a placement
// service and an event log) on a loopback TCP port. A unit of load is
// StartMatchmaking of one solo player (skill and latencies from the
// benchmark population, a fresh PlayerId every time) in a STANDALONE configuration of the default
// 5v5 rule set (bench/defaults/5v5-skill.json), and the describing of the
// ticket it returned with DescribeMatchmaking, each client describing its
// own tickets as its kind does. b.N is the number of StartMatchmaking
// calls over all clients. The clients and the server share the machine's
// cores.
//
// Clients:
//   - sdk: 64 AWS SDK for Go v2 clients (so Smithy RPC v2 CBOR), each with
//     its own connections, signing every request, no retries; each
//     describes every ticket right after its start (one ID a call).
//   - sdk-poll10: the same clients, each describing its tickets as a game
//     backend polls them: one DescribeMatchmaking of its last 10 tickets
//     (the API's limit) after every 10th StartMatchmaking, and of the rest
//     at the end of its run; every ID must come back. A tenth as many
//     DescribeMatchmaking calls as sdk.
//   - raw: 64 net/http clients posting the CBOR bodies the SDK sends,
//     without its signing and middleware, describing as sdk does: what
//     the server does when its clients cost little, as when they run on
//     other machines.
//   - raw-poll10: raw clients polling as sdk-poll10 does.
//
// BenchmarkSDKClient measures what the SDK clients cost by themselves.
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
//     meanwhile: the request path under matchmaking load. matched-% is the
//     share of the tickets COMPLETED at the end, tick-ms the mean duration
//     of a tick during the run (from the engine's
//     flexsim_tick_duration_seconds). Run it for several seconds
//     (-benchtime 5s) to see several ticks.
//
// Servers:
//   - server=embedded: in the clients' process, as a Go test harness runs
//     api.OpenLocal on httptest; the clients' garbage is collected with
//     the server's, at flexsim serve's collector target.
//   - server=process: the test binary started again as the server (see
//     TestMain), as `flexsim serve` runs beside a game backend: two Go
//     runtimes share the cores, and the server's collector (at flexsim
//     serve's target) sees only the server's garbage; the clients' process,
//     a load generator, collects only at a memory limit of 4 GiB.
//   - With GOGC set in the environment, clients and server run at it.
//
// Metrics: starts/s (StartMatchmaking calls per second of wall time),
// start-p50-ms and start-p99-ms (StartMatchmaking latency), describe-p99-ms
// (DescribeMatchmaking latency, per call, whatever its number of IDs),
// errors, which must be 0, and cpu-µs/start, the CPU time of clients and
// server (user and system) per StartMatchmaking with the
// describing of its ticket (a whole DescribeMatchmaking for sdk and raw, a
// tenth of one of 10 IDs for sdk-poll10): steadier than the wall-clock
// figures on a machine shared with other work; the cores divided by it
// bound starts/s. server-start-p50-ms and server-start-p99-ms are the
// server's own StartMatchmaking latency: from net/http handing the
// server a request (its headers read) to the answer written, timed
// around api.Server's handler, so without the network, net/http's reading
// and writing, or the clients' work; what the server's handler adds to the
// clients' latency when the cores are shared with them.
// After the timed run every acknowledged ticket is described again, 10 IDs
// per call (the API's limit), and must exist.
//
//	go test -run '^$' -bench '^BenchmarkServe$' -benchtime 5s ./bench/
func BenchmarkServe(b *testing.B) {
	for _, kind := range clientKinds {
		for _, mode := range serverModes {
			b.Run("closed/"+kind+"/"+mode.String(), func(b *testing.B) { serveClosedLoop(b, mode, kind) })
		}
		for _, mode := range serverModes {
			if !mode.virtual {
				b.Run(fmt.Sprintf("open=%d/%s/%s", serveOfferedRate, kind, mode), func(b *testing.B) {
					serveOpenLoop(b, mode, kind, serveOfferedRate)
				})
			}
		}
	}
}

func serveClosedLoop(b *testing.B, mode serverMode, kind string) {
	r := newServeRig(b, mode, kind)
	b.ResetTimer()
	run := r.closedLoop(b.N)
	b.StopTimer()
	r.check(b, run).report(b)
}

func serveOpenLoop(b *testing.B, mode serverMode, kind string, rate int) {
	r := newServeRig(b, mode, kind)
	b.ResetTimer()
	run := r.openLoop(b.N, rate)
	b.StopTimer()
	r.check(b, run).report(b)
}

// TestServeLoad runs the load benchmark's rig briefly, as a test (under
// -race in CI): 64 clients of each kind start and describe tickets at
// once on an embedded server and on a server process (virtual clock),
// closed and open loop, with no error, every ticket they were given
// is describable afterwards, and each kind makes the DescribeMatchmaking
// calls it should: sdk-poll10 one per 10 tickets and one for a client's
// remainder (the open loop's 4 tickets a client on average leave some);
// and the server timed exactly the run's StartMatchmaking calls.
func TestServeLoad(t *testing.T) {
	for _, kind := range clientKinds {
		for _, mode := range []serverMode{{virtual: true}, {virtual: true, process: true}} {
			t.Run(kind+"/"+mode.String(), func(t *testing.T) {
				r := newServeRig(t, mode, kind)
				for _, run := range []loadRun{r.closedLoop(10 * serveClients), r.openLoop(4*serveClients, 2000)} {
					fig := r.check(t, run)
					if got, want := run.describeCalls(), wantDescribeCalls(kind, run); got != want {
						t.Errorf("%d tickets: %d DescribeMatchmaking calls, want %d", run.n, got, want)
					}
					if got := run.used.server.Starts; got != uint64(run.n) {
						t.Errorf("%d StartMatchmaking calls, %d timed by the server", run.n, got)
					}
					// (where CPU times can be read at all)
					if _, own := fig["server-cpu-µs/start"]; own != mode.process && processCPU() > 0 {
						t.Errorf("server CPU reported: %v, want %v", own, mode.process)
					}
				}
			})
		}
	}
}

// wantDescribeCalls is how many DescribeMatchmaking calls clients of kind
// make in run: one per ticket, or for the poll10 kinds one per 10 tickets of a
// client and one for its remainder.
func wantDescribeCalls(kind string, run loadRun) int {
	if kind != clientSDKPoll && kind != clientRawPoll {
		return run.n
	}
	calls := 0
	for _, l := range run.loads {
		calls += (len(l.tickets) + engine.MaxDescribeTickets - 1) / engine.MaxDescribeTickets
	}
	return calls
}
