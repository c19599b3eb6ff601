package bench_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// The greedy baseline is the one-pass matcher simpler matchmaking tools
// use: walk the tickets in age order; each ticket not yet matched anchors
// a match, and the tickets after it, in age order, join it one by one
// whenever the rules still pass on the partial match (RuleSet.Evaluate,
// not final; a ticket goes on the first team with room, fewest players
// first, on which they pass). When the match is full it must pass every
// rule (final) and the team sizes, or the anchor gives up. There is no
// backtracking (a ticket that joined is never swapped out) and no index
// (every later ticket is looked at), so an anchor that finds no match
// costs a walk over the rest of the pool: O(N²) in the worst case.
//
// It runs over the same parsed rule set, the same population and the same
// ticket age (1 s) as BenchmarkTick, so its figures compare with the
// engine's first tick (which also promotes the tickets, which the
// baseline does not do).

// No case is limited to N = 10,000 (the rule: only where a 100,000-ticket
// run would take over a minute). On the 2-core reference machine the
// slowest, large100 at 100,000 tickets, takes 4–9 s; 1v1 takes 0.7–2.3 s
// (superlinear: the players in the skill tails walk most of the pool) and
// 5v5 0.3–0.6 s.

// greedyCase is a workload's rule set with the population's parties.
type greedyCase struct {
	rs      *ruleset.RuleSet
	pop     *bench.Population
	parties []*ruleset.Party
	limits  *ruleset.Limits
	m       *ruleset.Match
	caps    []int
	order   []int
}

// greedyMatch is a formed match: population indexes and their teams.
type greedyMatch struct {
	members []int
	teams   []int
}

func newGreedyCase(tb testing.TB, w bench.Target, pop *bench.Population) *greedyCase {
	tb.Helper()
	rs := mustParse(tb, w)
	g := &greedyCase{rs: rs, pop: pop, m: rs.NewMatch(), limits: rs.LimitsAt(time.Second)}
	for _, t := range g.limits.Teams {
		g.caps = append(g.caps, t.MaxPlayers)
	}
	g.parties = make([]*ruleset.Party, len(pop.Players))
	for i := range pop.Players {
		t := &ticket.Ticket{
			TicketID:  bench.TicketID(i),
			Status:    ticket.Searching,
			StartTime: bench.Epoch,
			Players:   pop.Players[i : i+1],
		}
		p, err := rs.NewParty(t)
		if err != nil || p.Unmatchable != "" {
			tb.Fatalf("%s: party %d: %v %s", w.Name, i, err, p.Unmatchable)
		}
		g.parties[i] = p
	}
	return g
}

// run forms matches from the whole pool in one pass.
func (g *greedyCase) run() []greedyMatch {
	total := 0
	for _, c := range g.caps {
		total += c
	}
	used := make([]bool, len(g.parties))
	var out []greedyMatch
	var members, teams []int
	for i := range g.parties {
		if used[i] {
			continue
		}
		g.m.Reset()
		members, teams = members[:0], teams[:0]
		t := g.join(i)
		if t < 0 {
			continue
		}
		members, teams = append(members, i), append(teams, t)
		for j := i + 1; j < len(g.parties) && g.m.Size() < total; j++ {
			if used[j] {
				continue
			}
			if t := g.join(j); t >= 0 {
				members, teams = append(members, j), append(teams, t)
			}
		}
		if g.m.Size() == total && g.rs.TeamsFilled(g.m, g.limits) && g.rs.Evaluate(g.m, g.limits, true) == nil {
			for _, k := range members {
				used[k] = true
			}
			out = append(out, greedyMatch{members: append([]int(nil), members...), teams: append([]int(nil), teams...)})
		}
	}
	return out
}

// join puts party k on the first team with room, fewest players first, on
// which the rules pass (not final), and returns the team, or -1 leaving the
// match as it was.
func (g *greedyCase) join(k int) int {
	p := g.parties[k]
	g.order = g.order[:0]
	for t := range g.caps {
		// insertion by player count, stable
		i := len(g.order)
		g.order = append(g.order, t)
		for i > 0 && g.m.Players(g.order[i-1]) > g.m.Players(t) {
			g.order[i] = g.order[i-1]
			i--
		}
		g.order[i] = t
	}
	for _, t := range g.order {
		if g.m.Players(t)+p.Size() > g.caps[t] {
			continue
		}
		g.m.Add(t, p)
		if g.rs.Evaluate(g.m, g.limits, false) == nil {
			return t
		}
		g.m.RemoveLast(t)
	}
	return -1
}

// stats records the matches' quality.
func (g *greedyCase) stats(st *matchStats, found []greedyMatch) {
	st.teams = resize(st.teams, len(g.rs.Teams))
	for _, m := range found {
		for t := range st.teams {
			st.teams[t] = st.teams[t][:0]
		}
		for i, k := range m.members {
			st.teams[m.teams[i]] = append(st.teams[m.teams[i]], g.pop.Skills[k])
		}
		st.add(st.teams)
	}
}

// BenchmarkGreedyBaseline times the greedy one-pass matcher (above) on the
// same workloads and pools as BenchmarkTick, for comparison.
func BenchmarkGreedyBaseline(b *testing.B) {
	for _, w := range bench.Targets {
		b.Run(w.Name, func(b *testing.B) {
			for _, n := range benchSizes {
				b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
					b.StopTimer()
					g := newGreedyCase(b, w, population(n))
					var st matchStats
					for range b.N {
						runtime.GC()
						b.StartTimer()
						found := g.run()
						b.StopTimer()
						g.stats(&st, found)
					}
					st.report(b, b.N, w.MatchSize > 2)
				})
			}
		})
	}
}
