package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/bench"
)

const simData = "../../testdata/simulate/"

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"simulate"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestSimulateDefaultRun runs `flexsim simulate` with the embedded rule set
// and workload, in process, and checks that it completes with sane
// figures. (How long it takes is measured by BenchmarkSimulateDefault, not
// asserted here.)
func TestSimulateDefaultRun(t *testing.T) {
	dir := t.TempDir()
	out, page, trace := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html"), filepath.Join(dir, "t.csv")
	code, stdout, stderr := runCmd(t, "--out", out, "--html", page, "--trace", trace)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	for _, row := range []string{"tickets", "wait p50 / p90 / p99", "matches at step 5", "rule FairTeams pass / fail"} {
		if !strings.Contains(stdout, row) {
			t.Errorf("the summary has no %q row:\n%s", row, stdout)
		}
	}
	body, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r bench.Report
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	// 5 minutes at 30 tickets per second
	if r.DurationSeconds != 300 || r.Tickets.Arrived < 8500 || r.Tickets.Arrived > 9500 {
		t.Errorf("%g s, %d tickets", r.DurationSeconds, r.Tickets.Arrived)
	}
	if r.Tickets.CompletedShare < 0.6 || r.Tickets.TimedOutShare > 0.1 {
		t.Errorf("completed %g, timed out %g", r.Tickets.CompletedShare, r.Tickets.TimedOutShare)
	}
	if w := r.Wait.Seconds; w.P50 <= 0 || w.P50 > w.P90 || w.P90 > w.P99 || w.P99 > 90 {
		t.Errorf("wait %+v", w)
	}
	if r.Matches.MeanPlayers != 10 || r.Matches.Completed > r.Matches.Formed {
		t.Errorf("matches %+v", r.Matches)
	}
	if len(r.Expansion) != 6 || len(r.Rules) != 4 || r.Quality == nil || r.Latency == nil || r.Acceptance == nil {
		t.Errorf("%d steps, %d rules, quality %v, latency %v", len(r.Expansion), len(r.Rules), r.Quality, r.Latency)
	}
	sum := 0.0
	for _, st := range r.Expansion {
		sum += st.Share
	}
	if sum < 0.99 || sum > 1.01 {
		t.Errorf("expansion shares add up to %g", sum)
	}
	if r.Quality.TeamGap.P90 > 200 || r.Latency.Milliseconds.P50 > 150 {
		t.Errorf("team gap p90 %g, latency p50 %g", r.Quality.TeamGap.P90, r.Latency.Milliseconds.P50)
	}
	html, err := os.ReadFile(page)
	if err != nil || strings.Count(string(html), "<svg ") != len(bench.ChartIDs()) {
		t.Errorf("the HTML report has %d charts (%v)", strings.Count(string(html), "<svg "), err)
	}
	csv, err := os.ReadFile(trace)
	if err != nil || !strings.HasPrefix(string(csv), "ticket,players,start,at,status,reason,matchId\n") {
		t.Errorf("trace: %.80q (%v)", csv, err)
	}
}

// TestSimulateGoldenCLI checks the command's summary against the golden
// files the bench package's tests write for the same runs.
func TestSimulateGoldenCLI(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"single", []string{"--workload", simData + "small.yaml", "--ruleset", simData + "small-1v1.json"}, "small.txt.golden"},
		{"compare", []string{"--workload", simData + "small.yaml", "--compare", simData + "small-1v1.json," + simData + "small-1v1-wide.json"}, "small-compare.txt.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit status %d: %s", code, stderr)
			}
			want, err := os.ReadFile(simData + tc.golden)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s:\n--- got\n%s--- want\n%s", tc.golden, stdout, want)
			}
		})
	}
}

// TestSimulateCompareVariant compares a rule set with a configuration
// variant on the same players, writing a trace per run.
func TestSimulateCompareVariant(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "trace.jsonl")
	code, stdout, stderr := runCmd(t, "--workload", simData+"small.yaml", "--ruleset", simData+"small-1v1.json", "--duration", "20s",
		"--format", "json", "--trace", trace, "--compare", simData+"small-1v1-wide.json,"+simData+"acceptance-30s.yaml")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	var reports []bench.Report
	if err := json.Unmarshal([]byte(stdout), &reports); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || reports[0].Label != "small-1v1-wide" || reports[1].Label != "acceptance-30s" {
		t.Fatalf("runs %+v", reports)
	}
	if reports[1].RuleSet != "small-1v1" || reports[1].Config.AcceptanceTimeoutSeconds != 30 || reports[1].Config.SearchBudget != 512 {
		t.Errorf("the variant ran %s with %+v", reports[1].RuleSet, reports[1].Config)
	}
	if reports[0].Tickets.Arrived != reports[1].Tickets.Arrived || reports[0].DurationSeconds != 20 {
		t.Errorf("arrivals %d and %d over %g s", reports[0].Tickets.Arrived, reports[1].Tickets.Arrived, reports[0].DurationSeconds)
	}
	for _, name := range []string{"trace.small-1v1-wide.jsonl", "trace.acceptance-30s.jsonl"} {
		if body, err := os.ReadFile(filepath.Join(dir, name)); err != nil || bytes.Count(body, []byte("\n")) != reports[0].Tickets.Arrived {
			t.Errorf("%s: %d lines (%v)", name, bytes.Count(body, []byte("\n")), err)
		}
	}
}

// TestSimulateWorkloadRuleSet runs a workload naming its rule set.
func TestSimulateWorkloadRuleSet(t *testing.T) {
	code, stdout, stderr := runCmd(t, "--workload", simData+"launch-day.yaml", "--duration", "15s", "--format", "json")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	var r bench.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.RuleSet != "ranked-5v5" || r.Workload != "launch-day" || r.Timeline.IntervalSeconds != 60 {
		t.Errorf("rule set %s, workload %s, interval %g", r.RuleSet, r.Workload, r.Timeline.IntervalSeconds)
	}
}

// TestSimulateUsage checks bad invocations and bad input.
func TestSimulateUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("arrivals:\n  rate: fast\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"format", []string{"--format", "xml"}, 2, "--format must be text or json"},
		{"flag", []string{"--speed", "2"}, 2, "flag provided but not defined"},
		{"argument", []string{"extra"}, 2, `unexpected argument "extra"`},
		{"duration", []string{"--duration", "-1s"}, 2, "--duration must be between"},
		{"missing workload", []string{"--workload", filepath.Join(dir, "none.yaml")}, 2, "no such file"},
		{"missing rule set", []string{"--ruleset", filepath.Join(dir, "none.json")}, 2, "no such file"},
		{"bad workload", []string{"--workload", bad}, 1, bad + `:2:9: arrivals.rate: want a number, got "fast"`},
		{"bad rule set", []string{"--ruleset", bad}, 1, "invalid rule set"},
		{"one to compare", []string{"--compare", simData + "small-1v1.json"}, 2, "--compare needs at least two files"},
		{"bad variant", []string{"--compare", simData + "small-1v1.json," + simData + "small.yaml"}, 1, "may set only name, ruleSet, matchmaking, placement, engine, report"},
		{"help", []string{"-h"}, 0, "Usage: flexsim simulate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit status %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
}
