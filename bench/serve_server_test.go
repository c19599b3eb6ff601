package bench_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/bench"
)

// A serverMode is how the load benchmarks run the server.
type serverMode struct {
	// virtual: on a virtual clock that never moves, so no tick runs;
	// else on the real clock ticking every second, flexsim serve's default.
	virtual bool
	// process: in a process of its own, as flexsim serve runs; else
	// embedded in the clients' process, as a Go test harness runs
	// api.OpenLocal on httptest.
	process bool
}

// serverModes are the server modes of the load benchmarks, in the order
// they run.
var serverModes = []serverMode{{true, false}, {false, false}, {true, true}, {false, true}}

func (m serverMode) String() string {
	if m.process {
		return m.clock() + "/server=process"
	}
	return m.clock() + "/server=embedded"
}

// clock names the mode's clock: "clock=virtual" or "clock=real".
func (m serverMode) clock() string {
	if m.virtual {
		return "clock=virtual"
	}
	return "clock=real"
}

// serverProcessEnv, set to a serverMode's clock ("clock=virtual" or
// "clock=real"), turns the test binary into the load benchmarks' server
// process (see TestMain).
const serverProcessEnv = "FLEXSIM_BENCH_SERVER"

// serverProfileEnv, set to a file name, makes the server process write its
// CPU profile there (go tool pprof reads it with the test binary).
const serverProfileEnv = "FLEXSIM_BENCH_SERVER_CPUPROFILE"

// serverStatsPath is where the load benchmarks' server answers with its
// serverStats, beside the GameLift endpoint.
const serverStatsPath = "/_bench/stats"

// TestMain runs the tests, or, with serverProcessEnv set, is the load
// benchmarks' server process.
func TestMain(m *testing.M) {
	if clock := os.Getenv(serverProcessEnv); clock != "" {
		os.Exit(runServerProcess(clock == serverMode{virtual: true}.clock(), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// serverStats is what the load benchmarks' server reports of itself: the
// CPU time (user and system) of its process so far when that is its own,
// the engine's ticks, from its flexsim_tick_duration_seconds histogram,
// and how long it took to handle the StartMatchmaking calls it answered
// since it was last asked (see handlingTimes).
type serverStats struct {
	CPU      time.Duration `json:"cpu"`
	Ticks    uint64        `json:"ticks"`
	TickTime time.Duration `json:"tickTime"` // the ticks' total duration
	Starts   uint64        `json:"starts"`   // StartMatchmaking calls handled since the last ask
	StartP50 time.Duration `json:"startP50"`
	StartP99 time.Duration `json:"startP99"`
}

// handlingTimes are the server's own latencies of StartMatchmaking: from
// net/http handing it the request (headers read) to the answer written to
// net/http's buffer, in µs. What the clients measure adds the network,
// net/http on both sides and the clients' own work; the gap between the
// two is what the shared cores cost the calls outside the server's
// handler.
type handlingTimes struct {
	mu sync.Mutex
	h  bench.Histogram
}

func (ht *handlingTimes) add(d time.Duration) {
	ht.mu.Lock()
	ht.h.Add(uint64(d.Microseconds()))
	ht.mu.Unlock()
}

// take returns the count, median and 99th percentile of the times added
// since the last take, and starts afresh.
func (ht *handlingTimes) take() (n uint64, p50, p99 time.Duration) {
	ht.mu.Lock()
	defer ht.mu.Unlock()
	n = ht.h.Count()
	p50 = time.Duration(ht.h.Quantile(0.50)) * time.Microsecond
	p99 = time.Duration(ht.h.Quantile(0.99)) * time.Microsecond
	ht.h = bench.Histogram{}
	return n, p50, p99
}

// isStartMatchmaking reports whether r calls StartMatchmaking, over
// either protocol.
func isStartMatchmaking(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, "/StartMatchmaking") || r.Header.Get("X-Amz-Target") == "GameLift.StartMatchmaking"
}

// openLoadServer is what `flexsim serve` without a configuration file
// serves: what api.OpenLocal builds, on the virtual clock or the real one
// ticking every second, timing its StartMatchmaking calls, and
// serverStatsPath, where cpu is the process's CPU time to report.
func openLoadServer(virtual bool, cpu func() time.Duration) (*api.Local, http.Handler, error) {
	reg := prometheus.NewRegistry()
	local, err := api.OpenLocal(api.LocalOptions{Virtual: virtual, Start: bench.Epoch, Seed: 1, Registry: reg})
	if err != nil {
		return nil, nil, err
	}
	var starts handlingTimes
	return local, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case isStartMatchmaking(r):
			t0 := time.Now()
			local.Server.ServeHTTP(w, r)
			starts.add(time.Since(t0))
		case r.URL.Path != serverStatsPath:
			local.Server.ServeHTTP(w, r)
		default:
			st := serverStats{CPU: cpu()}
			st.Ticks, st.TickTime = tickTotals(reg)
			st.Starts, st.StartP50, st.StartP99 = starts.take()
			json.NewEncoder(w).Encode(st)
		}
	}), nil
}

// tickTotals are the number and total duration of the engine's ticks so
// far, from reg's flexsim_tick_duration_seconds histogram.
func tickTotals(reg *prometheus.Registry) (uint64, time.Duration) {
	families, err := reg.Gather()
	if err != nil {
		return 0, 0
	}
	for _, f := range families {
		if f.GetName() == "flexsim_tick_duration_seconds" && len(f.GetMetric()) > 0 {
			h := f.GetMetric()[0].GetHistogram()
			return h.GetSampleCount(), time.Duration(h.GetSampleSum() * float64(time.Second))
		}
	}
	return 0, 0
}

// clientMemoryLimit is the clients' process's memory limit while a server
// process of its own serves them: their collector runs only at it.
const clientMemoryLimit = 4 << 30

// startLoadServer starts the server in mode and returns its URL; tb's
// cleanup ends it. Unless GOGC is set in the environment (then everything
// runs at it), the server runs its collector at flexsim serve's target;
// an embedded server shares it with the clients, while clients that have
// their process to themselves, a load generator's, collect only at
// clientMemoryLimit, so that they do not spend the cores the server
// shares with them on their own garbage (at Go's default target the SDK
// clients' small heap is collected many times a second).
func startLoadServer(tb testing.TB, mode serverMode) string {
	tb.Helper()
	if os.Getenv("GOGC") == "" {
		percent, limit := api.GCPercent, debug.SetMemoryLimit(-1)
		if mode.process {
			percent = -1
			debug.SetMemoryLimit(clientMemoryLimit)
		}
		old := debug.SetGCPercent(percent)
		tb.Cleanup(func() {
			debug.SetGCPercent(old)
			debug.SetMemoryLimit(limit)
		})
	}
	if mode.process {
		return startServerProcess(tb, mode)
	}
	// The process's CPU time is counted as the clients'.
	local, h, err := openLoadServer(mode.virtual, func() time.Duration { return 0 })
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(h)
	tb.Cleanup(func() {
		srv.Close()
		local.Close()
	})
	return srv.URL
}

// runServerProcess is the server process: openLoadServer served by
// net/http on a loopback port, at flexsim serve's collector target unless
// GOGC is set. It writes the URL as the first line of stdout and serves
// until stdin ends.
func runServerProcess(virtual bool, stdin io.Reader, stdout, stderr io.Writer) int {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(api.GCPercent)
	}
	if name := os.Getenv(serverProfileEnv); name != "" {
		f, err := os.Create(name)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	local, h, err := openLoadServer(virtual, processCPU)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer local.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())
	io.Copy(io.Discard, stdin)
	return 0
}

// startServerProcess starts the test binary again as the server process
// in mode, waits for its URL and returns it; tb's cleanup closes the
// process's stdin, so that it ends, and kills it if it has not within 10 s.
func startServerProcess(tb testing.TB, mode serverMode) string {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), serverProcessEnv+"="+mode.clock())
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() {
			cmd.Wait()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		tb.Fatalf("the server process ended before serving: %v", err)
	}
	go io.Copy(io.Discard, stdout)
	return strings.TrimSpace(line)
}

// getServerStats asks the load benchmarks' server at url for its stats.
func getServerStats(url string) (serverStats, error) {
	var st serverStats
	resp, err := http.Get(url + serverStatsPath)
	if err != nil {
		return st, err
	}
	defer resp.Body.Close()
	return st, json.NewDecoder(resp.Body).Decode(&st)
}
