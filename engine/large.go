package engine

import (
	"math"
	"slices"
	"time"

	"github.com/flexsim/flexsim/ruleset"
)

// large forms matches of a large (balanced) rule set from one batch. The
// pool is sorted by the batchDistance attribute (or, without one, by the
// balanced attribute) and, for fastestRegion, grouped by each ticket's
// fastest acceptable region. Around each anchor, oldest first, the match
// takes the nearest tickets by that value on both sides while the spread
// stays within maxDistance and a region stays acceptable to all; then the
// documented fill order sets the team sizes and the post-match balancing
// deals tickets to the team with the lowest balanced-attribute total.
func (s *searcher) large(batch []*entry, out []*formedMatch) []*formedMatch {
	key := s.rs.Algorithm.BalancedAttribute
	agg := ruleset.AggAvg
	if s.spread != nil {
		key, agg = s.spread.Attribute, s.spread.Aggregation
	}
	s.batch = batch
	n := len(batch)
	vals := make([]float64, n)
	group := make([]string, n)
	masks := make([]uint64, n)
	var regionless []int // ranks with no acceptable region, in order
	for i, en := range batch {
		vals[i] = math.NaN()
		if !usable(en) || int(en.size) > s.maxTeam || en.backfill != nil {
			continue
		}
		v, ok := en.party.Number(key, agg)
		if !ok {
			continue
		}
		masks[i] = ^uint64(0)
		if s.latency != nil {
			l := s.rs.LimitsAt(s.age(en))
			if masks[i] = s.regionMask(en.party, l.Rules[s.latency.Index].MaxLatency); masks[i] == 0 {
				regionless = append(regionless, i)
				continue
			}
		}
		if s.rs.Algorithm.BatchingPreference == ruleset.FastestRegion {
			group[i] = s.fastestRegion(en.party, masks[i])
		}
		vals[i] = v
	}
	// order: live tickets by (group, value, age rank), linked both ways
	order := make([]int, 0, n)
	for i := range batch {
		if !math.IsNaN(vals[i]) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if group[a] != group[b] {
			if group[a] < group[b] {
				return -1
			}
			return 1
		}
		return cmpFloat(vals[a], vals[b])
	})
	o := newValueOrder(order, n, func(a, b int) bool { return group[a] == group[b] })
	s.open, s.unreached = len(order), len(regionless)
	for rank, a := range batch {
		if len(regionless) > 0 && regionless[0] == rank {
			regionless = regionless[1:]
			s.notSearched(a)
			continue
		}
		if math.IsNaN(vals[rank]) || a.used {
			continue
		}
		if s.set.pause != nil {
			s.set.pause()
		}
		picked := s.gather(rank, vals, masks, o)
		if fm := s.assembleLarge(picked); fm != nil {
			for _, r := range picked {
				batch[r].used = true
				o.unlink(r)
			}
			s.matched(fm.entries)
			out = append(out, fm)
		}
	}
	return out
}

// gather walks outward from the anchor in value order, nearest value first,
// and returns the ranks it takes, anchor first. The candidates it passes
// over for sharing no acceptable region with the tickets taken, and those
// beyond where the spread rule stops it on a side, count as failures of
// those rules (ruledout.go).
func (s *searcher) gather(rank int, vals []float64, masks []uint64, o *valueOrder) []int {
	a := s.batch[rank]
	s.anchor = a
	s.ruledOutBeforeSearch(a)
	s.chosen = append(s.chosen[:0], a)
	l := s.rs.LimitsAt(s.age(a))
	capacity := 0
	for _, c := range s.capacities(l, 0) {
		capacity += c
	}
	picked := []int{rank}
	players := int(a.size)
	lo, hi := vals[rank], vals[rank]
	mask := masks[rank]
	left, right := o.prev[rank], o.next[rank]
	skips := 0
	ref := a.start
	newest := s.rs.Algorithm.ExpansionAgeSelection != ruleset.AgeOldest
	for players < capacity && (left >= 0 || right >= 0) && skips <= 4*capacity {
		width := math.Inf(1)
		if s.spread != nil {
			width = s.spread.Width(s.spread.Rule, s.rs.LimitsAt(time.Duration(s.nowNano-ref)))
		}
		side := &right
		if right < 0 || left >= 0 && vals[rank]-vals[left] <= vals[right]-vals[rank] {
			side = &left
		}
		c := *side
		if side == &left {
			*side = o.prev[c]
		} else {
			*side = o.next[c]
		}
		v := vals[c]
		if math.Max(hi, v)-math.Min(lo, v) > width {
			// values only get further on this side: the rule rules out c
			// and every candidate beyond it
			s.ruledOut(a, s.spread.Rule.Index, o.beyond(c, side == &left))
			*side = -1
			continue
		}
		en := s.batch[c]
		if en.used || int(en.size) > capacity-players || mask&masks[c] == 0 {
			if !en.used && mask&masks[c] == 0 {
				s.ruledOut(a, s.latency.Index, 1)
			}
			skips++
			continue
		}
		picked = append(picked, c)
		s.chosen = append(s.chosen, en)
		if newest && en.start > ref || !newest && en.start < ref {
			ref = en.start
		}
		players += int(en.size)
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		mask &= masks[c]
	}
	return picked
}

// assembleLarge assigns the gathered tickets to teams and checks the
// result; nil when it is not a match.
func (s *searcher) assembleLarge(picked []int) *formedMatch {
	l := s.limits()
	caps := s.capacities(l, 0)
	size := func(r int) int { return int(s.batch[r].size) }
	// fill order: team sizes as the documented order would reach them
	target := make([]int, len(caps))
	for _, r := range picked {
		t := s.fillTeam(l, caps, target, size(r))
		if t < 0 {
			return nil
		}
		target[t] += size(r)
	}
	// balancing: highest balanced value first, to the lowest total
	bal := s.rs.Algorithm.BalancedAttribute
	byValue := slices.Clone(picked)
	value := func(r int) float64 {
		v, _ := s.batch[r].party.Number(bal, ruleset.AggAvg)
		return v
	}
	slices.SortStableFunc(byValue, func(a, b int) int { return cmpFloat(value(b), value(a)) })
	sums := make([]float64, len(caps))
	s.m.Reset()
	teamOf := map[int]int{}
	for _, r := range byValue {
		best := -1
		for t := range caps {
			if target[t]-s.m.Players(t) >= size(r) && (best < 0 || sums[t] < sums[best]) {
				best = t
			}
		}
		if best < 0 {
			for t := range caps {
				if caps[t]-s.m.Players(t) >= size(r) && (best < 0 || sums[t] < sums[best]) {
					best = t
				}
			}
		}
		if best < 0 {
			return nil
		}
		s.m.Add(best, s.batch[r].party)
		sums[best] += value(r) * float64(size(r))
		teamOf[r] = best
	}
	full := s.full(caps)
	if !full && s.age(s.anchor) < s.set.partialDelay {
		return nil
	}
	clear(s.counts)
	if !s.final(l, false) {
		return nil
	}
	fm := &formedMatch{counts: slices.Clone(s.counts), full: full}
	for _, r := range picked {
		fm.entries = append(fm.entries, s.batch[r])
		fm.teams = append(fm.teams, teamOf[r])
	}
	if s.latency != nil {
		fm.regions = s.latency.Regions(s.m, l)
	}
	return fm
}

// fillTeam picks the team the documented fill order gives the next ticket:
// among teams below minPlayers the one with the most open slots, else the
// team with the most open slots; ties go to the earlier team.
func (s *searcher) fillTeam(l *ruleset.Limits, caps, filled []int, size int) int {
	best, bestBelow := -1, false
	for t := range caps {
		open := caps[t] - filled[t]
		if open < size {
			continue
		}
		below := filled[t] < l.Teams[t].MinPlayers
		switch {
		case best < 0, below && !bestBelow:
			best, bestBelow = t, below
		case below == bestBelow && open > caps[best]-filled[best]:
			best = t
		}
	}
	return best
}

// fastestRegion is the acceptable region where the party's latency is
// lowest (ties alphabetical), or "" without latency data.
func (s *searcher) fastestRegion(p *ruleset.Party, mask uint64) string {
	best, bestV := "", math.Inf(1)
	for _, rl := range p.Latencies() {
		if bit, ok := s.regionBit[rl.Region]; ok && mask&bit == 0 {
			continue
		}
		if rl.Avg < bestV {
			best, bestV = rl.Region, rl.Avg
		}
	}
	return best
}
