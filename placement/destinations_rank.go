package placement

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// latEntry is one player's latency to one location; player is the player's
// ordinal among the request's distinct players.
type latEntry struct {
	player int32
	region string
	ms     float32
}

// locStat is what a request's latencies say of one location of a plan.
type locStat struct {
	max  float32 // the highest latency of any player
	rank uint16  // dense rank by mean latency among the ok locations
	ok   bool    // every player reported a latency for it
}

// rankScratch is the reusable memory of ordering candidates.
type rankScratch struct {
	stats  []locStat // per location of the plan
	mean   []float64 // per location: the players' mean latency
	cnt    []int32   // per location: players that reported it
	seen   []bool    // per player and location
	byMean []int32
	kept   []int32
	out    []int32
	ents   []latEntry
	ids    []string
}

// latencyEntries numbers the distinct players of latencies, in order of
// first appearance, and returns the entries and the players' IDs.
func latencyEntries(latencies []PlayerLatency, ents []latEntry, ids []string) ([]latEntry, []string) {
	ents, ids = ents[:0], ids[:0]
	ord := int32(-1)
	for i, l := range latencies {
		if i == 0 || l.PlayerId != latencies[i-1].PlayerId {
			ord = int32(slices.Index(ids, l.PlayerId))
			if ord < 0 {
				ord = int32(len(ids))
				ids = append(ids, l.PlayerId)
			}
		}
		ents = append(ents, latEntry{player: ord, region: l.RegionIdentifier, ms: l.LatencyInMilliseconds})
	}
	return ents, ids
}

// aggregate computes sc.stats, per location of pl: the players' highest
// latency, whether every player reported it, and its rank by mean latency
// among the locations every player reported. A player's second entry for
// the same location is ignored.
func (sc *rankScratch) aggregate(pl *plan, ents []latEntry, players int) []locStat {
	n := len(pl.locNames)
	sc.stats = resize(sc.stats, n)
	sc.mean = resize(sc.mean, n)
	sc.cnt = resize(sc.cnt, n)
	sc.seen = resize(sc.seen, players*n)
	for _, e := range ents {
		loc, found := slices.BinarySearch(pl.locNames, e.region)
		if !found {
			continue
		}
		k := int(e.player)*n + loc
		if sc.seen[k] {
			continue
		}
		sc.seen[k] = true
		sc.cnt[loc]++
		sc.mean[loc] += float64(e.ms)
		sc.stats[loc].max = max(sc.stats[loc].max, e.ms)
	}
	sc.byMean = sc.byMean[:0]
	for loc := range n {
		if players > 0 && int(sc.cnt[loc]) == players {
			sc.stats[loc].ok = true
			sc.mean[loc] /= float64(players)
			sc.byMean = append(sc.byMean, int32(loc))
		}
	}
	mean := sc.mean
	slices.SortFunc(sc.byMean, func(a, b int32) int { return cmp.Compare(mean[a], mean[b]) })
	r := uint16(0)
	for i, loc := range sc.byMean {
		if i > 0 && mean[sc.byMean[i-1]] != mean[loc] {
			r++
		}
		sc.stats[loc].rank = r
	}
	return sc.stats
}

// resize returns s with length n, zeroed.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// order appends to out the indices of pl's candidates, best first, under
// the static ranks rk. With latency data (stats, per location; nil without)
// it keeps only the locations every player reported and, if capMs >= 0,
// those where no player's latency exceeds capMs, and orders by mean
// latency where the priority order puts LATENCY. No comparison sort is
// needed: rk.static is sorted by (pre, suf), so a stable sort by latency
// rank within each run of equal pre gives (pre, latency, suf).
func (sc *rankScratch) order(pl *plan, rk *ranking, stats []locStat, capMs float64, out []int32) []int32 {
	if stats == nil {
		for _, i := range rk.static {
			if rk.excluded == nil || !rk.excluded[i] {
				out = append(out, i)
			}
		}
		return out
	}
	kept := sc.kept[:0]
	for _, i := range rk.static {
		st := &stats[pl.cands[i].loc]
		if !st.ok || (capMs >= 0 && float64(st.max) > capMs) || (rk.excluded != nil && rk.excluded[i]) {
			continue
		}
		kept = append(kept, i)
	}
	sc.kept = kept
	rank := func(i int32) uint16 { return stats[pl.cands[i].loc].rank }
	for start := 0; start < len(kept); {
		end := start + 1
		for end < len(kept) && rk.pre[kept[end]] == rk.pre[kept[start]] {
			end++
		}
		run := kept[start:end]
		base := len(out)
		out = append(out, run...)
		if len(run) <= 16 {
			sortByRank(out[base:], rank)
		} else {
			sc.countingSort(run, out[base:], len(stats), rank)
		}
		start = end
	}
	return out
}

// sortByRank sorts a short run stably by rank (insertion sort).
func sortByRank(run []int32, rank func(int32) uint16) {
	for i := 1; i < len(run); i++ {
		for j := i; j > 0 && rank(run[j]) < rank(run[j-1]); j-- {
			run[j], run[j-1] = run[j-1], run[j]
		}
	}
}

// countingSort writes run into dst stably sorted by rank (below n).
func (sc *rankScratch) countingSort(run, dst []int32, n int, rank func(int32) uint16) {
	cnt := resize(sc.cnt, n+1)
	for _, i := range run {
		cnt[rank(i)+1]++
	}
	for r := 1; r <= n; r++ {
		cnt[r] += cnt[r-1]
	}
	for _, i := range run {
		r := rank(i)
		dst[cnt[r]] = i
		cnt[r]++
	}
	sc.cnt = cnt
}

// Candidate is a place a queue can put a game session: one location of the
// fleet a destination resolves to.
type Candidate struct {
	DestinationArn string // as the queue lists it
	FleetId        string
	FleetArn       string
	Location       string
}

// PlacementPlan is a snapshot of a queue's candidates, ready to be ordered
// for placement requests: the queue's destinations resolved to fleets, their
// locations filtered by the queue's AllowedLocations, and every part of the
// ordering that does not depend on the request computed. It does not follow
// later changes of the queue or its fleets, holds no lock, and is safe for
// concurrent use.
type PlacementPlan struct {
	pl    *plan
	steps []policyStep
}

// PlacementPlan returns a snapshot of the candidates of a queue, given by
// name or ARN (NotFoundException if there is no such queue).
func (s *Service) PlacementPlan(queueNameOrArn string) (*PlacementPlan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queueByName(queueNameOrArn)
	if err != nil {
		return nil, err
	}
	return &PlacementPlan{pl: s.queuePlan(q), steps: q.steps}, nil
}

// Len returns the number of candidates, the (fleet, location) pairs of the
// queue's destinations that its AllowedLocations let through.
func (p *PlacementPlan) Len() int { return len(p.pl.cands) }

var scratchPool = sync.Pool{New: func() any { return new(rankScratch) }}

// Rank appends to dst the candidates a placement with these player
// latencies tries at the given age, best first, and returns the extended
// slice. It is the order placements use:
//
//   - With latency data, a location is a candidate only if every player
//     reported a latency for it, and only if no player's latency there
//     exceeds the cap of the latency policy in force at that age (none
//     after the policies run out). Without latency data the policies do
//     not apply.
//   - The candidates are sorted by the queue's priority order: LATENCY by
//     the players' mean latency, COST by the fleet's cost, DESTINATION by
//     the queue's list order, LOCATION by LocationOrder (others after it,
//     alphabetically). Without a PriorityConfiguration the order is
//     LATENCY, COST, DESTINATION, LOCATION with latency data, and
//     DESTINATION then LOCATION (alphabetical) without.
//
// Capacity is not considered: a placement takes the first candidate with a
// free server process.
func (p *PlacementPlan) Rank(latencies []PlayerLatency, age time.Duration, dst []Candidate) []Candidate {
	sc := scratchPool.Get().(*rankScratch)
	defer scratchPool.Put(sc)
	sc.ents, sc.ids = latencyEntries(latencies, sc.ents, sc.ids)
	rk, capMs := &p.pl.noLat, -1.0
	var stats []locStat
	if len(sc.ids) > 0 {
		stats = sc.aggregate(p.pl, sc.ents, len(sc.ids))
		rk, capMs = &p.pl.withLat, capAt(p.steps, age)
	}
	sc.out = sc.order(p.pl, rk, stats, capMs, sc.out[:0])
	for _, i := range sc.out {
		dst = append(dst, p.pl.info[i])
	}
	return dst
}
