package bench_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// Seeds of the engine benchmarks: every iteration of every benchmark sees
// the same population and the same engine random choices.
const (
	engineSeed     = 1
	populationSeed = 42
)

// benchSizes are the pool sizes of the tick benchmarks.
var benchSizes = []int{10_000, 100_000}

var ctx = context.Background()

// parkedRuleSet declares an attribute no generated player sends and that
// has no default, so every ticket is unmatchable under it: a tick on it
// makes the pool SEARCHING without forming a match (BenchmarkTickSearching).
const parkedRuleSet = `{
	"name": "parked",
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "parked", "type": "number"}],
	"teams": [{"name": "solo", "minPlayers": 1, "maxPlayers": 1}]
}`

var (
	popMu       sync.Mutex
	populations = map[int]*bench.Population{}
)

// population returns the shared population of n players: all workloads and
// benchmarks of one size draw the same players.
func population(n int) *bench.Population {
	popMu.Lock()
	defer popMu.Unlock()
	p, ok := populations[n]
	if !ok {
		p = bench.NewPopulation(n, populationSeed)
		populations[n] = p
	}
	return p
}

// collector keeps the PotentialMatchCreated events of a tick. Its handler
// runs inside the timed tick, so it only appends to a preallocated slice;
// the statistics are computed afterwards.
type collector struct{ evs []engine.Event }

func (c *collector) handle(ev engine.Event) {
	if ev.Detail.Type == engine.EventPotentialMatchCreated {
		c.evs = append(c.evs, ev)
	}
}

// reset empties the collector, with room for n events.
func (c *collector) reset(n int) {
	clear(c.evs)
	if cap(c.evs) < n {
		c.evs = make([]engine.Event, 0, n)
	}
	c.evs = c.evs[:0]
}

// setupTick builds a fresh engine for workload w holding one ticket per
// player of pop, all started at bench.Epoch, and returns it with the time to
// pass to the timed Tick. The clock is never advanced: the engine's own tick
// loop never runs, and the caller ticks it directly at Epoch + 1 s, where
// every ticket is 1 s old.
//
// Without searching the tickets are QUEUED, so the timed tick is the pool's
// first: it promotes all N tickets to SEARCHING (one MatchmakingSearching
// event each) and forms matches. With searching the configuration first
// uses parkedRuleSet and is ticked once at Epoch + 1 s (no match can form),
// then switched to w's rule set; the timed tick at Epoch + 2 s then runs on a
// pool of N tickets already SEARCHING, as every later tick of a steady pool
// would.
func setupTick(tb testing.TB, w bench.Target, pop *bench.Population, c *collector, searching bool) (*engine.Engine, time.Time) {
	tb.Helper()
	c.reset(len(pop.Players)/w.MatchSize + 1)
	body := w.RuleSet
	if searching {
		body = parkedRuleSet
	}
	e, clock, err := bench.NewEngine(ctx, body, engineSeed, engine.WithEventHandler(c.handle))
	if err != nil {
		tb.Fatalf("%s: %v", w.Name, err)
	}
	if err := bench.FillPool(ctx, e, bench.ConfigurationName, pop.Players); err != nil {
		tb.Fatalf("%s: %v", w.Name, err)
	}
	now := clock.Now().Add(time.Second)
	if searching {
		e.Tick(now)
		if len(c.evs) != 0 {
			tb.Fatalf("%s: the parked tick formed %d matches", w.Name, len(c.evs))
		}
		name := "workload"
		if _, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: name, RuleSetBody: w.RuleSet}); err != nil {
			tb.Fatalf("%s: %v", w.Name, err)
		}
		if _, err := e.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{Name: bench.ConfigurationName, RuleSetName: &name}); err != nil {
			tb.Fatalf("%s: %v", w.Name, err)
		}
		now = now.Add(time.Second)
	}
	return e, now
}

// matchStats sums the quality of formed matches.
type matchStats struct {
	matches, matched int
	spread           float64 // Σ (max − min skill) per match
	teamDiff         float64 // Σ |avg(team 0) − avg(team 1)| per match
	teams            [][]float64
}

// add records one match given as the skills of each team's players.
func (s *matchStats) add(teams [][]float64) {
	lo, hi := 0.0, 0.0
	first := true
	for _, t := range teams {
		for _, v := range t {
			if first || v < lo {
				lo = v
			}
			if first || v > hi {
				hi = v
			}
			first = false
			s.matched++
		}
	}
	s.matches++
	s.spread += hi - lo
	if len(teams) == 2 && len(teams[0]) > 0 && len(teams[1]) > 0 {
		d := mean(teams[0]) - mean(teams[1])
		if d < 0 {
			d = -d
		}
		s.teamDiff += d
	}
}

func mean(vs []float64) float64 {
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}

// addEvents records the matches of PotentialMatchCreated events, teams in
// the order of rs.Teams.
func (s *matchStats) addEvents(tb testing.TB, rs *ruleset.RuleSet, pop *bench.Population, evs []engine.Event) {
	tb.Helper()
	s.teams = resize(s.teams, len(rs.Teams))
	for i := range evs {
		for t := range s.teams {
			s.teams[t] = s.teams[t][:0]
		}
		for _, p := range evs[i].Detail.GameSessionInfo.Players {
			skill, ok := pop.Skill(p.PlayerID)
			team := rs.Team(p.Team)
			if !ok || team == nil {
				tb.Fatalf("match %s: player %s on team %q is not from the population", evs[i].Detail.MatchID, p.PlayerID, p.Team)
			}
			s.teams[team.Index] = append(s.teams[team.Index], skill)
		}
		s.add(s.teams)
	}
}

func resize(teams [][]float64, n int) [][]float64 {
	for len(teams) < n {
		teams = append(teams, nil)
	}
	return teams[:n]
}

// report reports the per-iteration averages: matches and players matched
// per tick, mean skill spread per match and, for matches of more than two
// players, mean team-average difference.
func (s *matchStats) report(b *testing.B, iters int, teamDiff bool) {
	b.ReportMetric(float64(s.matches)/float64(iters), "matches")
	b.ReportMetric(float64(s.matched)/float64(iters), "matched")
	if s.matches > 0 {
		b.ReportMetric(s.spread/float64(s.matches), "spread")
		if teamDiff {
			b.ReportMetric(s.teamDiff/float64(s.matches), "teamdiff")
		}
	}
}

func mustParse(tb testing.TB, w bench.Target) *ruleset.RuleSet {
	tb.Helper()
	rs, errs := ruleset.Parse(w.Name+".json", []byte(w.RuleSet))
	if rs == nil {
		tb.Fatalf("%s: %v", w.Name, errs.Err())
	}
	return rs
}

// BenchmarkTick times the pool's first tick: N QUEUED tickets of solo
// players become SEARCHING and matches form, in one Engine.Tick. Setting
// up the engine and its pool is not timed (see setupTick).
func BenchmarkTick(b *testing.B) { benchTick(b, false) }

// BenchmarkTickSearching times one tick of a pool of N tickets that are
// already SEARCHING: the matching alone, without the promotion and its N
// MatchmakingSearching events.
func BenchmarkTickSearching(b *testing.B) { benchTick(b, true) }

func benchTick(b *testing.B, searching bool) {
	for _, w := range bench.Targets {
		rs := mustParse(b, w)
		b.Run(w.Name, func(b *testing.B) {
			for _, n := range benchSizes {
				b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
					b.StopTimer()
					pop := population(n)
					var c collector
					var st matchStats
					for range b.N {
						e, now := setupTick(b, w, pop, &c, searching)
						runtime.GC() // the previous iteration's engine is garbage: collect it untimed
						b.StartTimer()
						e.Tick(now)
						b.StopTimer()
						st.addEvents(b, rs, pop, c.evs)
						e.Close()
					}
					st.report(b, b.N, w.MatchSize > 2)
				})
			}
		})
	}
}

// BenchmarkPoolMemory measures the heap a waiting (QUEUED) ticket of one
// player costs the engine: the live heap after submitting N tickets to the
// 5v5 workload minus the live heap before, over N (both after a GC). The
// players are generated beforehand and kept throughout, so only the
// engine's copies count. The timed part is submitting the N tickets.
func BenchmarkPoolMemory(b *testing.B) {
	const n = 100_000
	for _, matched := range []bool{false, true} {
		name := fmt.Sprintf("N=%d", n)
		if matched {
			name += "/matched"
		}
		b.Run(name, func(b *testing.B) {
			b.StopTimer()
			pop := population(n)
			var perTicket float64
			for range b.N {
				e, clock, err := bench.NewEngine(ctx, bench.RuleSet5v5, engineSeed)
				if err != nil {
					b.Fatal(err)
				}
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				if err := bench.FillPool(ctx, e, bench.ConfigurationName, pop.Players); err != nil {
					b.Fatal(err)
				}
				if matched {
					clock.Advance(engine.DefaultTickInterval)
				}
				b.StopTimer()
				if matched {
					if done := e.Status().Configurations[0].Tickets[ticket.Completed]; done < n*9/10 {
						b.Fatalf("%d of %d tickets completed, want at least 90 %%", done, n)
					}
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				perTicket = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / n
				runtime.KeepAlive(e)
				runtime.KeepAlive(pop)
				e.Close()
			}
			b.ReportMetric(perTicket, "B/ticket")
		})
	}
}

// checkMatches fails unless there is at least one match, every match is
// full and no player is in two matches.
func checkMatches(t *testing.T, name string, matches [][]string, size int) {
	t.Helper()
	if len(matches) == 0 {
		t.Errorf("%s: no match formed", name)
	}
	seen := map[string]int{}
	for i, m := range matches {
		if len(m) != size {
			t.Errorf("%s: match %d has %d players, want %d", name, i, len(m), size)
		}
		for _, p := range m {
			if j, dup := seen[p]; dup {
				t.Errorf("%s: player %s is in matches %d and %d", name, p, j, i)
			}
			seen[p] = i
		}
	}
}

// TestEngineWorkloads runs each benchmark setup once at N = 2,000, both
// the first tick and the tick of a SEARCHING pool, and the greedy
// baseline: each forms matches, full ones, with no player twice.
func TestEngineWorkloads(t *testing.T) {
	const n = 2_000
	pop := population(n)
	for _, w := range bench.Targets {
		rs := mustParse(t, w)
		for _, searching := range []bool{false, true} {
			name := fmt.Sprintf("%s/searching=%v", w.Name, searching)
			var c collector
			e, now := setupTick(t, w, pop, &c, searching)
			e.Tick(now)
			e.Close()
			var matches [][]string
			for _, ev := range c.evs {
				var ids []string
				for _, p := range ev.Detail.GameSessionInfo.Players {
					ids = append(ids, p.PlayerID)
				}
				matches = append(matches, ids)
			}
			checkMatches(t, name, matches, w.MatchSize)
			var st matchStats
			st.addEvents(t, rs, pop, c.evs)
			t.Logf("%s: %d matches, %d players, mean spread %.1f, mean team difference %.1f",
				name, st.matches, st.matched, st.spread/float64(max(st.matches, 1)), st.teamDiff/float64(max(st.matches, 1)))
		}

		g := newGreedyCase(t, w, pop)
		found := g.run()
		var matches [][]string
		var st matchStats
		for _, m := range found {
			var ids []string
			for _, i := range m.members {
				ids = append(ids, pop.Players[i].PlayerID)
			}
			matches = append(matches, ids)
		}
		checkMatches(t, w.Name+"/greedy", matches, w.MatchSize)
		g.stats(&st, found)
		t.Logf("%s/greedy: %d matches, %d players, mean spread %.1f, mean team difference %.1f",
			w.Name, st.matches, st.matched, st.spread/float64(max(st.matches, 1)), st.teamDiff/float64(max(st.matches, 1)))
	}
}

// TestWorkloadRuleSets checks the workload rule sets parse without
// warnings and the population has the documented shape: skill around
// 1000 ± 200 and, under 150 ms, at least one region for every player and
// 1 to 3 for at least 90% of them (about 5% reach all four).
func TestWorkloadRuleSets(t *testing.T) {
	for _, w := range bench.Targets {
		rs, errs := ruleset.Parse(w.Name+".json", []byte(w.RuleSet))
		if rs == nil || len(errs) > 0 {
			t.Errorf("%s: %v", w.Name, errs)
			continue
		}
		n := 0
		for _, td := range rs.TeamDefs {
			n += td.MaxPlayers * td.Quantity
		}
		if n != w.MatchSize {
			t.Errorf("%s: MatchSize %d, rule set holds %d players", w.Name, w.MatchSize, n)
		}
	}
	pop := bench.NewPopulation(20_000, populationSeed)
	regions := make([]int, len(bench.Regions)+1)
	sum, sq := 0.0, 0.0
	for i, p := range pop.Players {
		k := 0
		for _, ms := range p.LatencyInMs {
			if ms <= 150 {
				k++
			}
		}
		regions[k]++
		s := pop.Skills[i]
		sum += s
		sq += s * s
	}
	m := sum / float64(len(pop.Players))
	sd := sq/float64(len(pop.Players)) - m*m
	t.Logf("skill mean %.1f, variance %.0f; players by regions under 150 ms: %v", m, sd, regions)
	if m < 990 || m > 1010 || sd < 190*190 || sd > 210*210 {
		t.Errorf("skill mean %.1f, variance %.0f: want about 1000 and 200²", m, sd)
	}
	if regions[0] > 0 || float64(regions[1]+regions[2]+regions[3]) < 0.9*float64(len(pop.Players)) {
		t.Errorf("players by regions under 150 ms: %v, want at least 1 and mostly 1 to 3", regions)
	}
	for i := range 3 {
		if got, ok := pop.Skill(bench.PlayerID(i)); !ok || got != pop.Skills[i] {
			t.Errorf("Skill(%s) = %v, %v", bench.PlayerID(i), got, ok)
		}
	}
}
