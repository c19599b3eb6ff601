package bench_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
)

// rules1v1 pairs two players whose skills are at most maxDistance apart.
func rules1v1(maxDistance string) []byte {
	return []byte(`{"name": "1v1", "ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	"teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	"rules": [{"name": "CloseSkill", "type": "distance",
		"measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": ` + maxDistance + `}]}`)
}

// handWorkload sends a solo player every half second (at 0.5 s, 1 s, ...)
// with skills 1000, 2000, 1010, 2030 in turn, no latencies, for 20 s.
const handWorkload = `
duration: 20s
arrivals: {process: constant, rate: 2}
players:
  attributes:
    skill: {type: number, distribution: cycle, values: [1000, 2000, 1010, 2030]}
regions: {}
`

func mustWorkload(t testing.TB, text string) *bench.Workload {
	t.Helper()
	w, err := bench.ParseWorkload("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func simulate(t testing.TB, run bench.Run, opt bench.Options) *bench.Report {
	t.Helper()
	r, err := bench.Simulate(context.Background(), run, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSimulateByHand checks a run whose every match is known by hand.
// Ticket k (from 1) arrives at k/2 s; a ticket arriving at a tick joins
// the pool at the next one. The 1000 and 1010 players can only pair with
// each other, the 2000 and 2030 ones too. Tick 1 holds ticket 1 alone;
// from tick 2 on each tick adds two tickets and forms exactly one match:
// at even ticks t the 1000 player of t-1.5 s with the 1010 one of t-0.5 s
// (waits 1.5 s and 0.5 s), at odd ticks the 2000 player of t-2 s with the
// 2030 one of t-1 s (waits 2 s and 1 s). So 39 tickets arrive (the 40th
// is due at the end), ticks 2 to 20 form 19 matches, and ticket 38 is
// left waiting.
func TestSimulateByHand(t *testing.T) {
	var trace bytes.Buffer
	r := simulate(t, bench.Run{RuleSetFile: "1v1.json", RuleSet: rules1v1("50"), Workload: mustWorkload(t, handWorkload), Trace: &trace}, bench.Options{Seed: 7})
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("arrived", r.Tickets.Arrived, 39)
	check("completed", r.Tickets.Completed, 38)
	check("active at end", r.Tickets.ActiveAtEnd, 1)
	check("timed out", r.Tickets.TimedOut, 0)
	check("matches formed", r.Matches.Formed, 19)
	check("matches completed", r.Matches.Completed, 19)
	check("matches per minute", r.Matches.PerMinute, 57.0)
	// waits: ten each of 0.5 and 1.5 s, nine each of 1 and 2 s
	want := bench.Summary{Count: 38, Mean: 1.237, Min: 0.5, P50: 1, P90: 2, P99: 2, Max: 2}
	check("wait", r.Wait.Seconds, want)
	check("pool mean", r.Pool.Mean, 1.0)
	check("pool max", r.Pool.Max, 1)
	// team gaps: ten matches of 10, nine of 30
	check("gap count", r.Quality.TeamGap.Count, uint64(19))
	check("gap mean", r.Quality.TeamGap.Mean, 19.47)
	check("gap max", r.Quality.TeamGap.Max, 30.0)
	check("team spread max", r.Quality.TeamSpread.Max, 0.0)
	check("steps", len(r.Expansion), 1)
	check("step share", r.Expansion[0].Share, 1.0)
	check("latency", r.Latency == nil, true)
	if len(r.Timeline.Buckets) != 2 {
		t.Fatalf("%d buckets, want 2", len(r.Timeline.Buckets))
	}
	b0, b1 := r.Timeline.Buckets[0], r.Timeline.Buckets[1]
	check("bucket 0 arrivals", b0.Arrivals, 19)
	check("bucket 1 arrivals", b1.Arrivals, 20)
	check("bucket 0 matches", b0.MatchesFormed, 8)  // ticks 2..9
	check("bucket 1 matches", b1.MatchesFormed, 11) // ticks 10..20

	// The trace: each ticket's exact timeline.
	timelines := map[string]bench.TraceTicket{}
	sc := bufio.NewScanner(&trace)
	for sc.Scan() {
		var tt bench.TraceTicket
		if err := json.Unmarshal(sc.Bytes(), &tt); err != nil {
			t.Fatal(err)
		}
		timelines[tt.Ticket] = tt
	}
	check("traced tickets", len(timelines), 39)
	steps := func(id string) string {
		var parts []string
		for _, s := range timelines[id].Steps {
			parts = append(parts, string(s.Status)+"@"+strings.TrimSuffix(strings.TrimSuffix(jsonNum(s.At), ".0"), ".000"))
		}
		return strings.Join(parts, " ")
	}
	check("ticket 1", steps(bench.StreamTicketID(0)), "QUEUED@0.5 SEARCHING@1 COMPLETED@2")
	check("ticket 3", steps(bench.StreamTicketID(2)), "QUEUED@1.5 SEARCHING@2 COMPLETED@2")
	check("ticket 2", steps(bench.StreamTicketID(1)), "QUEUED@1 SEARCHING@2 COMPLETED@3")
	check("ticket 4", steps(bench.StreamTicketID(3)), "QUEUED@2 SEARCHING@3 COMPLETED@3")
	check("ticket 38", steps(bench.StreamTicketID(37)), "QUEUED@19 SEARCHING@20")
	if a, b := timelines[bench.StreamTicketID(0)].MatchID, timelines[bench.StreamTicketID(2)].MatchID; a == "" || a != b {
		t.Errorf("tickets 1 and 3 have match IDs %q and %q, want the same", a, b)
	}
}

func jsonNum(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// TestSimulateDeterministic runs the embedded default workload (shortened)
// twice per seed: the same seed gives byte-identical JSON, another seed
// different JSON.
func TestSimulateDeterministic(t *testing.T) {
	w := mustWorkload(t, bench.DefaultWorkloadFile)
	run := bench.Run{RuleSetFile: bench.DefaultRuleSetName, RuleSet: []byte(bench.DefaultRuleSet), Workload: w}
	report := func(seed uint64) string {
		var buf bytes.Buffer
		if err := bench.WriteJSON(&buf, simulate(t, run, bench.Options{Seed: seed, Duration: 90 * time.Second})); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	a, b, c := report(3), report(3), report(4)
	if a != b {
		t.Error("two runs with seed 3 gave different JSON")
	}
	if a == c {
		t.Error("seeds 3 and 4 gave the same JSON")
	}
}

// TestCompareSameStream runs two rule sets side by side and checks, from
// their traces, that both saw the same tickets with the same players at
// the same times, and that they matched them differently.
func TestCompareSameStream(t *testing.T) {
	w := mustWorkload(t, `
duration: 60s
arrivals: {rate: 20}
players: {partySize: {1: 3, 2: 1}}
cancel: {probability: 0.2, after: 5s}
`)
	var ta, tb bytes.Buffer
	reports, err := bench.Compare(context.Background(), []bench.Run{
		{Label: "tight", RuleSetFile: "tight.json", RuleSet: rules1v1("5"), Workload: w, Trace: &ta},
		{Label: "loose", RuleSetFile: "loose.json", RuleSet: rules1v1("200"), Workload: w, Trace: &tb},
	}, bench.Options{Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	stream := func(trace *bytes.Buffer) map[string]string {
		out := map[string]string{}
		sc := bufio.NewScanner(trace)
		for sc.Scan() {
			var tt bench.TraceTicket
			if err := json.Unmarshal(sc.Bytes(), &tt); err != nil {
				t.Fatal(err)
			}
			out[tt.Ticket] = strings.Join(tt.Players, ",") + "@" + jsonNum(tt.Start)
		}
		return out
	}
	a, b := stream(&ta), stream(&tb)
	if len(a) == 0 || len(a) != reports[0].Tickets.Arrived {
		t.Fatalf("trace has %d tickets, report %d", len(a), reports[0].Tickets.Arrived)
	}
	if len(a) != len(b) {
		t.Fatalf("the runs saw %d and %d tickets", len(a), len(b))
	}
	for id, s := range a {
		if b[id] != s {
			t.Errorf("ticket %s: %s in one run, %s in the other", id, s, b[id])
		}
	}
	ra, rb := reports[0], reports[1]
	if ra.Tickets.Players != rb.Tickets.Players {
		t.Errorf("players %d and %d", ra.Tickets.Players, rb.Tickets.Players)
	}
	if ra.Matches.Formed >= rb.Matches.Formed {
		t.Errorf("the tight rule formed %d matches, the loose one %d: want fewer", ra.Matches.Formed, rb.Matches.Formed)
	}
	if ra.Tickets.CancelledByPlayers <= rb.Tickets.CancelledByPlayers {
		t.Errorf("cancellations: tight %d, loose %d: want more with the tight rule", ra.Tickets.CancelledByPlayers, rb.Tickets.CancelledByPlayers)
	}
}

// TestSimulateAcceptance checks the acceptance behaviour: everyone
// accepting completes every match; nobody answering times every one out.
func TestSimulateAcceptance(t *testing.T) {
	base := handWorkload + `
matchmaking: {acceptanceRequired: true, acceptanceTimeout: 5s}
`
	tests := []struct {
		name                         string
		acceptance                   string
		completed, rejected, ignored int
	}{
		// matches at ticks 2..19 complete at t+0.2 s; the one of tick 20 waits
		{"all accept", "acceptance: {probability: 1, delay: 0.2}", 36, 0, 0},
		// the first REJECT cancels both tickets of each match
		{"all reject", "acceptance: {probability: 0, delay: 0.2}", 0, 36, 0},
		// matches of ticks 2..15 time out at t+5 s; those of 16..20 wait
		{"nobody answers", "acceptance: {probability: 0, decline: ignore}", 0, 0, 28},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := simulate(t, bench.Run{RuleSet: rules1v1("50"), Workload: mustWorkload(t, base+tc.acceptance)}, bench.Options{Seed: 1})
			a := r.Acceptance
			if a == nil {
				t.Fatal("no acceptance figures")
			}
			if r.Tickets.Completed != tc.completed || r.Tickets.CancelledRejected != tc.rejected || r.Tickets.CancelledAcceptanceTimedOut != tc.ignored {
				t.Errorf("completed %d, rejected %d, not answered %d; want %d, %d, %d",
					r.Tickets.Completed, r.Tickets.CancelledRejected, r.Tickets.CancelledAcceptanceTimedOut, tc.completed, tc.rejected, tc.ignored)
			}
			if a.Proposed != a.Accepted+a.Rejected+a.TimedOut+pending(r) {
				t.Errorf("proposed %d != accepted %d + rejected %d + timed out %d + pending", a.Proposed, a.Accepted, a.Rejected, a.TimedOut)
			}
		})
	}
}

// pending is the number of proposals still awaiting answers at the end.
func pending(r *bench.Report) int {
	return (r.Tickets.ActiveAtEnd - 1) / 2 // the one unmatched ticket aside, two per proposal
}

// TestSimulateTimeoutAndCancel checks request timeouts and cancellations:
// with no partner ever, every ticket times out or is cancelled first.
func TestSimulateTimeoutAndCancel(t *testing.T) {
	w := mustWorkload(t, `
duration: 60s
arrivals: {process: constant, rate: 1}
players:
  attributes:
    skill: {type: number, distribution: cycle, values: [0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
      1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900]}
regions: {}
cancel: {probability: 0.5, after: 7s}
matchmaking: {requestTimeout: 10s}
`)
	r := simulate(t, bench.Run{RuleSet: rules1v1("50"), Workload: w}, bench.Options{Seed: 2})
	if r.Matches.Formed != 0 {
		t.Fatalf("%d matches formed, want none", r.Matches.Formed)
	}
	ended := r.Tickets.TimedOut + r.Tickets.CancelledByPlayers
	if ended+r.Tickets.ActiveAtEnd != r.Tickets.Arrived || r.Tickets.Arrived != 59 {
		t.Errorf("arrived %d, timed out %d, cancelled %d, active %d", r.Tickets.Arrived, r.Tickets.TimedOut, r.Tickets.CancelledByPlayers, r.Tickets.ActiveAtEnd)
	}
	if r.Tickets.CancelledByPlayers < 15 || r.Tickets.TimedOut < 15 {
		t.Errorf("timed out %d, cancelled %d: want about half each", r.Tickets.TimedOut, r.Tickets.CancelledByPlayers)
	}
	// tickets starting by 49 s have ended by 60 s (timeout at 10 s, checked at ticks)
	if r.Tickets.ActiveAtEnd > 11 {
		t.Errorf("%d tickets still active at the end, want at most 11", r.Tickets.ActiveAtEnd)
	}
	timedOut := 0
	for _, b := range r.Timeline.Buckets {
		timedOut += b.TimedOut
	}
	if timedOut != r.Tickets.TimedOut {
		t.Errorf("timeline counts %d timeouts, the total is %d", timedOut, r.Tickets.TimedOut)
	}
}

// TestSimulateErrors checks that bad input fails with a clear error.
func TestSimulateErrors(t *testing.T) {
	tests := []struct {
		name, rules, workload, want string
	}{
		{"invalid rule set", `{"ruleLanguageVersion": "1.0"}`, "", "rules.json:1:1"},
		{"attribute type", string(rules1v1("50")), `
players:
  attributes:
    skill: {type: string, values: {a: 1}}
`, "test.yaml:4:5: players.attributes.skill: the rule set declares skill as number, the workload generates string"},
		{"missing attribute", `{"ruleLanguageVersion": "1.0", "playerAttributes": [{"name": "level", "type": "number"}],
			"teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 2}]}`, "", "attribute level has no default and the workload does not generate it"},
		{"quality attribute", string(rules1v1("50")), "report: {qualityAttribute: rank}\n", "test.yaml:1:28: report.qualityAttribute: rank is not a number attribute"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bench.Simulate(context.Background(), bench.Run{RuleSetFile: "rules.json", RuleSet: []byte(tc.rules), Workload: mustWorkload(t, tc.workload)}, bench.Options{Seed: 1})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestSimulateCancelledContext stops a run through its context.
func TestSimulateCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ticks := 0
	_, err := bench.Simulate(ctx, bench.Run{RuleSet: []byte(bench.RuleSet1v1), Workload: bench.NewWorkload()}, bench.Options{
		Seed: 1,
		Progress: func(_ int, done, _ time.Duration) {
			if ticks++; ticks == 3 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if ticks != 3 {
		t.Errorf("%d ticks ran, want 3", ticks)
	}
}

// TestTraceCSV checks the CSV trace: a header, then a row per status
// change.
func TestTraceCSV(t *testing.T) {
	var trace bytes.Buffer
	simulate(t, bench.Run{RuleSet: rules1v1("50"), Workload: mustWorkload(t, handWorkload), Trace: &trace, TraceFormat: bench.TraceFormatFor("t.CSV")}, bench.Options{Seed: 7})
	lines := strings.Split(strings.TrimSpace(trace.String()), "\n")
	want := []string{
		"ticket,players,start,at,status,reason,matchId",
		"t-000000000,p-000000000,0.5,0.5,QUEUED,,",
		"t-000000000,p-000000000,0.5,1,SEARCHING,,",
	}
	for i, w := range want {
		if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
			t.Fatalf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	// 39 tickets: QUEUED and SEARCHING each, COMPLETED for 38
	if len(lines) != 1+39*2+38 {
		t.Errorf("%d lines, want %d", len(lines), 1+39*2+38)
	}
}

// TestSimulateWithQueue runs the hand-computed 1v1 stream on a WITH_QUEUE
// configuration. With room for every game, each match formed at tick t is
// placed at the hosting's tick t+1 (one second PLACING); the match of tick
// 20 is still placing at the end. With a single server process and games
// longer than the run, one match is placed and the others' placements
// time out, their tickets going back to SEARCHING.
func TestSimulateWithQueue(t *testing.T) {
	tests := []struct {
		name, placement              string
		completed, fulfilled, placed int
		timedOut                     bool
	}{
		{"room for all", "{fleets: {arena: {locations: {us-east-1: 50}}}, sessionDuration: 5s}", 36, 18, 18, false},
		{"one server", "{fleets: {arena: {locations: {us-east-1: 1}}}, queue: {timeout: 10s}, sessionDuration: 10m}", 2, 1, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := mustWorkload(t, handWorkload+"matchmaking: {mode: WITH_QUEUE}\nplacement: "+tc.placement+"\n")
			var trace bytes.Buffer
			r := simulate(t, bench.Run{RuleSet: rules1v1("50"), Workload: w, Trace: &trace}, bench.Options{Seed: 3})
			p := r.Placement
			if p == nil {
				t.Fatal("no placement figures")
			}
			if r.Tickets.Completed != tc.completed || p.Fulfilled != tc.fulfilled || len(p.Locations) != 1 || p.Locations[0].Sessions != tc.placed {
				t.Errorf("completed %d, placement %+v", r.Tickets.Completed, p)
			}
			if (p.TimedOut > 0) != tc.timedOut || strings.Contains(trace.String(), "PLACEMENT_TIMED_OUT") != tc.timedOut {
				t.Errorf("%d placements timed out", p.TimedOut)
			}
			if p.WaitSeconds.Max != 1 || p.WaitSeconds.Min != 1 {
				t.Errorf("placing took %+v, want 1 s each", p.WaitSeconds)
			}
			if first := strings.SplitN(trace.String(), "\n", 2)[0]; !strings.Contains(first, `{"at":2,"status":"PLACING"},{"at":3,"status":"COMPLETED"}`) {
				t.Errorf("ticket 1: %s", first)
			}
		})
	}
}
