package bench_test

import (
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/engine"
)

// clientLoad is what one client did: the tickets it was given, the
// latencies of its calls and its errors.
type clientLoad struct {
	tickets  []string
	pending  []string        // tickets not described yet
	start    []time.Duration // StartMatchmaking
	describe []time.Duration // DescribeMatchmaking of the pending tickets
	errors   int             // failed calls
	lost     int             // failed StartMatchmaking calls
	firstErr error
}

// startTicket is one unit of load of client c: StartMatchmaking for its
// n-th player, then, if its caller says so, DescribeMatchmaking of the
// client's pending tickets. The StartMatchmaking latency counts from
// since, the time the call was due.
func (r *serveRig) startTicket(l *clientLoad, c, n int, since time.Time) {
	id, err := r.callers[c].start(n, playerID(c, n))
	l.start = append(l.start, time.Since(since))
	if err != nil {
		l.fail(err)
		l.lost++
		return
	}
	l.tickets = append(l.tickets, id)
	l.pending = append(l.pending, id)
	if r.callers[c].describeNow(len(l.pending)) {
		r.describePending(l, c)
	}
}

// describePending describes client c's pending tickets, if any, in one
// DescribeMatchmaking call.
func (r *serveRig) describePending(l *clientLoad, c int) {
	if len(l.pending) == 0 {
		return
	}
	t0 := time.Now()
	err := r.callers[c].describe(l.pending)
	l.describe = append(l.describe, time.Since(t0))
	l.pending = l.pending[:0]
	if err != nil {
		l.fail(err)
	}
}

func (l *clientLoad) fail(err error) {
	l.errors++
	if l.firstErr == nil {
		l.firstErr = err
	}
}

// loadRun is a finished run of n StartMatchmaking calls: what each
// client did, the wall time it took, and what the clients and the server
// used meanwhile.
type loadRun struct {
	n       int
	loads   []clientLoad
	elapsed time.Duration
	used    usage
	err     error // from asking the server for its stats
}

// usage is the CPU time this process (the clients, and the server when
// embedded) has used and the server's stats: so far, or, as a difference,
// over a run.
type usage struct {
	process time.Duration
	server  serverStats
}

// usage returns the usage so far.
func (r *serveRig) usage() (usage, error) {
	st, err := getServerStats(r.url)
	return usage{processCPU(), st}, err
}

// since returns the usage from u0 to u. The handling times are u's: the
// server keeps them from one ask to the next.
func (u usage) since(u0 usage) usage {
	st := u.server
	st.CPU, st.Ticks, st.TickTime = st.CPU-u0.server.CPU, st.Ticks-u0.server.Ticks, st.TickTime-u0.server.TickTime
	return usage{u.process - u0.process, st}
}

// measure runs calls and records its wall time and usage in run.
func (r *serveRig) measure(run *loadRun, calls func()) {
	u0, err0 := r.usage()
	t0 := time.Now()
	calls()
	run.elapsed = time.Since(t0)
	u, err := r.usage()
	run.used, run.err = u.since(u0), errors.Join(err0, err)
}

// closedLoop makes n StartMatchmaking calls (and the DescribeMatchmaking
// calls of their tickets), every client calling again as soon as it has
// its answers.
func (r *serveRig) closedLoop(n int) loadRun {
	run := loadRun{n: n, loads: make([]clientLoad, serveClients)}
	var next atomic.Int64
	r.measure(&run, func() {
		forEachClient(func(c int) {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				r.startTicket(&run.loads[c], c, i, time.Now())
			}
			r.describePending(&run.loads[c], c)
		})
	})
	return run
}

// openLoop makes n StartMatchmaking calls (and the DescribeMatchmaking
// calls of their tickets) falling due at rate a second from its start, each
// taken by whichever client is free; latencies count from when a call was
// due.
func (r *serveRig) openLoop(n, rate int) loadRun {
	run := loadRun{n: n, loads: make([]clientLoad, serveClients)}
	interval := time.Second / time.Duration(rate)
	due := make(chan int, n) // call i falls due at t0 + i·interval
	r.measure(&run, func() {
		t0 := time.Now()
		go func() {
			tick := time.NewTicker(interval * 5)
			defer tick.Stop()
			for i := 0; i < n; {
				for last := min(n, int(time.Since(t0)/interval)+1); i < last; i++ {
					due <- i
				}
				<-tick.C
			}
			close(due)
		}()
		forEachClient(func(c int) {
			for i := range due {
				r.startTicket(&run.loads[c], c, i, t0.Add(time.Duration(i)*interval))
			}
			r.describePending(&run.loads[c], c)
		})
	})
	return run
}

// loadFigures are the figures of a run, named as the benchmark reports
// them.
type loadFigures map[string]float64

// check fails tb unless run had no errors and every ticket it was given is
// describable afterwards (DescribeMatchmaking of 10 IDs at a time, the
// API's limit), and returns its figures.
func (r *serveRig) check(tb testing.TB, run loadRun) loadFigures {
	tb.Helper()
	var starts, describes []time.Duration
	errs, acked, lost := 0, 0, 0
	for _, l := range run.loads {
		starts, describes = append(starts, l.start...), append(describes, l.describe...)
		errs += l.errors
		acked += len(l.tickets)
		lost += l.lost
		if l.firstErr != nil {
			tb.Errorf("%d errors; the first: %v", l.errors, l.firstErr)
		}
	}
	fig := loadFigures{
		"starts/s":        float64(len(starts)) / run.elapsed.Seconds(),
		"start-p50-ms":    ms(quantile(starts, 0.50)),
		"start-p99-ms":    ms(quantile(starts, 0.99)),
		"describe-p99-ms": ms(quantile(describes, 0.99)),
		"errors":          float64(errs),
		"cpu-µs/start":    perStart(run.used.process+run.used.server.CPU, run.n),
	}
	if st := run.used.server; st.Starts > 0 {
		fig["server-start-p50-ms"], fig["server-start-p99-ms"] = ms(st.StartP50), ms(st.StartP99)
	}
	if run.used.server.CPU > 0 { // a server process of its own
		fig["server-cpu-µs/start"] = perStart(run.used.server.CPU, run.n)
	}
	if run.err != nil {
		tb.Errorf("asking the server process for its stats: %v", run.err)
	}
	missing, completed := make([]int, serveClients), make([]int, serveClients)
	forEachClient(func(c int) {
		for ids := range slices.Chunk(run.loads[c].tickets, engine.MaxDescribeTickets) {
			out, err := r.sdk[c].DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: ids})
			if err != nil {
				tb.Errorf("describing acknowledged tickets: %v", err)
				return
			}
			missing[c] += len(ids) - len(out.TicketList)
			for _, t := range out.TicketList {
				if t.Status == types.MatchmakingConfigurationStatusCompleted {
					completed[c]++
				}
			}
		}
	})
	if gone := sum(missing); gone > 0 || acked+lost != run.n {
		tb.Errorf("%d of %d acknowledged tickets not describable; %d acknowledged + %d failed of %d calls", gone, acked, acked, lost, run.n)
	}
	if acked > 0 {
		fig["matched-%"] = 100 * float64(sum(completed)) / float64(acked)
	}
	if st := run.used.server; st.Ticks > 0 {
		fig["tick-ms"] = ms(st.TickTime / time.Duration(st.Ticks))
	}
	return fig
}

// report reports the figures as the benchmark's metrics.
func (f loadFigures) report(b *testing.B) {
	for name, v := range f {
		b.ReportMetric(v, name)
	}
}

// quantile returns the q-quantile of ds, which it sorts.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(q*float64(len(ds))))]
}

// perStart is d per StartMatchmaking call of n, in µs.
func perStart(d time.Duration, n int) float64 { return float64(d.Microseconds()) / float64(n) }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// describeCalls is how many DescribeMatchmaking calls the run made.
func (run loadRun) describeCalls() int {
	calls := 0
	for _, l := range run.loads {
		calls += len(l.describe)
	}
	return calls
}
