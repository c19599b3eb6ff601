package bench_test

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
)

// simulateRate is the arrival rate of the simulation benchmarks: 500
// tickets per second, 1.8 million an hour.
const simulateRate = 500

// simulateWorkload is the benchmark workload: solo players of the default
// population (skill ~ Normal(1000, 200), four regions) arriving as a
// Poisson process at simulateRate, matched by bench.RuleSet5v5.
func simulateWorkload(d time.Duration) *bench.Workload {
	w := bench.NewWorkload()
	w.Name = "5v5-500/s"
	w.Arrivals.Rate = simulateRate
	w.Duration = d
	return w
}

// BenchmarkSimulate5v5Hour simulates one hour of 500 tickets per second
// (1.8 million tickets) on bench.RuleSet5v5. Run it alone for a clean
// peak-RSS figure:
//
//	go test -run '^$' -bench Simulate5v5Hour -benchtime 1x ./bench/
func BenchmarkSimulate5v5Hour(b *testing.B) { benchSimulate(b, time.Hour) }

// BenchmarkSimulate5v5TenMinutes is the same at a sixth of the duration,
// to show the cost is linear in the simulated time.
func BenchmarkSimulate5v5TenMinutes(b *testing.B) { benchSimulate(b, 10*time.Minute) }

func benchSimulate(b *testing.B, d time.Duration) {
	run := bench.Run{RuleSetFile: "bench-5v5", RuleSet: []byte(bench.RuleSet5v5), Workload: simulateWorkload(d)}
	var r *bench.Report
	for b.Loop() {
		var err error
		if r, err = bench.Simulate(ctx, run, bench.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(r.Tickets.Arrived), "tickets")
	b.ReportMetric(float64(r.Matches.Formed), "matches")
	b.ReportMetric(r.Wait.Seconds.P99, "wait-p99-s")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
	if hwm, ok := peakRSS(); ok {
		b.ReportMetric(hwm, "peak-RSS-MiB")
	}
}

// peakRSS reads the process's peak resident set (VmHWM) on Linux.
func peakRSS() (float64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024, err == nil
		}
	}
	return 0, false
}

// BenchmarkSimulateDefault runs what `flexsim simulate` runs with no flags:
// the embedded 5v5 skill rule set and workload (5 minutes of 30 tickets per
// second, acceptance, cancellations).
func BenchmarkSimulateDefault(b *testing.B) {
	w, err := bench.ParseWorkload(bench.DefaultWorkloadName, []byte(bench.DefaultWorkloadFile))
	if err != nil {
		b.Fatal(err)
	}
	run := bench.Run{RuleSetFile: bench.DefaultRuleSetName, RuleSet: []byte(bench.DefaultRuleSet), Workload: w}
	for b.Loop() {
		if _, err := bench.Simulate(ctx, run, bench.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
