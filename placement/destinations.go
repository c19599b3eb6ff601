package placement

import (
	"cmp"
	"slices"
)

// Destination choice. A queue's plan lists its candidates, the (fleet,
// location) pairs of its destinations that pass its location filter, with
// everything about their order that does not depend on the request
// precomputed as small integer ranks. Ordering the candidates for a request
// then costs one pass over the request's latencies, a sort of the distinct
// locations by mean latency, and a sort of one uint64 key per candidate.

// plan is a queue's candidates. It is immutable once built: a change of the
// queue or of its destinations builds a new one (with a new ver).
type plan struct {
	ver      uint64
	cands    []cand
	info     []Candidate // what Rank returns, per candidate
	locNames []string    // the distinct locations of cands, sorted
	locRank  []int       // per location: rank under the queue's LocationOrder
	withLat  ranking     // the static ranks of requests with latency data
	noLat    ranking     // ... and without
	sig      []destSig   // what the destinations resolved to
	priority [4]uint8

	// Capacity bookkeeping of the tick (guarded by Service.mu).
	freeTick, freeGen uint64
	free              bool
}

// cand is one (fleet, location) pair of a queue.
type cand struct {
	f    *fleet
	l    *fleetLocation
	dest int // index in the queue's Destinations
	loc  int // index in plan.locNames
	cost float64
}

// destSig is what a destination resolved to when the plan was built; the
// plan is rebuilt when any of it changes.
type destSig struct {
	f      *fleet
	nloc   int
	locVer uint64
	first  *fleetLocation
	cost   float64
}

// ranking holds, per candidate, its rank under the priority types before
// LATENCY (pre) and after it (suf), and the candidates sorted by (pre,
// suf): the order without latency data, from which the order with it
// follows by a stable sort on mean latency within each run of equal pre.
// Excluded candidates are never placed on.
type ranking struct {
	pre, suf []uint16
	static   []int32
	excluded []bool // nil: none
}

// maxCandidates bounds a plan so that ranks and indices fit in 16 bits.
const maxCandidates = 1<<16 - 1

// signature resolves the queue's destinations.
func (s *Service) signature(q *queue, into []destSig) []destSig {
	into = into[:0]
	for _, d := range q.attrs.Destinations {
		var sg destSig
		if f, _ := s.destinationFleet(d.DestinationArn); f != nil {
			sg = destSig{f: f, nloc: len(f.locations), locVer: f.locVer, cost: f.costPerHour}
			if len(f.locations) > 0 {
				sg.first = f.locations[0]
			}
		}
		into = append(into, sg)
	}
	return into
}

// queuePlan returns q's plan, rebuilt if its destinations resolve
// differently than when it was built. Within one tick it is checked once;
// outside ticks, on every call.
func (s *Service) queuePlan(q *queue) *plan {
	st := &s.place
	if q.plan != nil && st.inTick && q.planTick == st.tick {
		return q.plan
	}
	st.sig = s.signature(q, st.sig)
	if q.plan == nil || !slices.Equal(q.plan.sig, st.sig) {
		st.planSeq++
		q.plan = buildPlan(q, slices.Clone(st.sig), st.planSeq)
	}
	q.planTick = st.tick
	return q.plan
}

func buildPlan(q *queue, sig []destSig, ver uint64) *plan {
	pl := &plan{ver: ver, sig: sig, priority: q.priority}
	seen := map[*fleetLocation]bool{}
	locs := map[string]int{}
	for di, sg := range sig {
		if sg.f == nil {
			continue
		}
		for _, l := range sg.f.locations {
			if (q.allowed != nil && !q.allowed[l.location]) || seen[l] || len(pl.cands) == maxCandidates {
				continue
			}
			seen[l] = true
			locs[l.location] = 0
			pl.cands = append(pl.cands, cand{f: sg.f, l: l, dest: di, cost: sg.cost})
			pl.info = append(pl.info, Candidate{
				DestinationArn: q.attrs.Destinations[di].DestinationArn,
				FleetId:        sg.f.attrs.FleetId,
				FleetArn:       sg.f.attrs.FleetArn,
				Location:       l.location,
			})
		}
	}
	for name := range locs {
		pl.locNames = append(pl.locNames, name)
	}
	slices.Sort(pl.locNames)
	for i, name := range pl.locNames {
		locs[name] = i
	}
	for i := range pl.cands {
		pl.cands[i].loc = locs[pl.info[i].Location]
	}
	pl.locRank = locationRanks(pl.locNames, q.locOrder)
	if q.custom {
		pl.withLat = pl.ranking(q.priority[:], pl.locRank, nil)
		pl.noLat = pl.withLat
	} else {
		pl.withLat = pl.ranking(q.priority[:], pl.locRank, nil)
		pl.noLat = pl.ranking([]uint8{prioDestination, prioLocation}, pl.locRank, nil)
	}
	return pl
}

// locationRanks ranks the (sorted) locations: those in order by their
// position in it, the others after them, alphabetically.
func locationRanks(names, order []string) []int {
	ranks := make([]int, len(names))
	for i, name := range names {
		if j := slices.Index(order, name); j >= 0 {
			ranks[i] = j
		} else {
			ranks[i] = len(order) + i
		}
	}
	return ranks
}

// ranking computes the static ranks of the candidates under a priority
// order. pass, if not nil, is a key above all others (the override's first
// pass); a pass of -1 excludes the candidate.
func (pl *plan) ranking(order []uint8, locRank []int, pass []int) ranking {
	li := slices.Index(order, prioLatency)
	if li < 0 {
		li = len(order)
	}
	pre, suf := order[:li], order[min(li+1, len(order)):]
	key := func(c int, k uint8) float64 {
		switch k {
		case prioCost:
			return pl.cands[c].cost
		case prioDestination:
			return float64(pl.cands[c].dest)
		default:
			return float64(locRank[pl.cands[c].loc])
		}
	}
	rk := ranking{pre: make([]uint16, len(pl.cands)), suf: make([]uint16, len(pl.cands))}
	denseRank(rk.pre, func(a, b int) int {
		if pass != nil {
			if c := cmp.Compare(pass[a], pass[b]); c != 0 {
				return c
			}
		}
		for _, k := range pre {
			if c := cmp.Compare(key(a, k), key(b, k)); c != 0 {
				return c
			}
		}
		return 0
	})
	denseRank(rk.suf, func(a, b int) int {
		for _, k := range suf {
			if c := cmp.Compare(key(a, k), key(b, k)); c != 0 {
				return c
			}
		}
		return 0
	})
	rk.static = make([]int32, len(pl.cands))
	for i := range rk.static {
		rk.static[i] = int32(i)
	}
	slices.SortFunc(rk.static, func(a, b int32) int {
		if c := cmp.Compare(rk.pre[a], rk.pre[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(rk.suf[a], rk.suf[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if pass != nil {
		rk.excluded = make([]bool, len(pl.cands))
		for i, p := range pass {
			rk.excluded[i] = p < 0
		}
	}
	return rk
}

// denseRank sets ranks[i] to the number of distinct keys below candidate i's.
func denseRank(ranks []uint16, compare func(a, b int) int) {
	idx := make([]int, len(ranks))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, compare)
	r := uint16(0)
	for i, c := range idx {
		if i > 0 && compare(idx[i-1], c) != 0 {
			r++
		}
		ranks[c] = r
	}
}

// overrideRanking is the ranking of a placement with a
// PriorityConfigurationOverride: the override's locations first, in its
// order, then (unless the fallback is NONE) the queue's other locations.
func (pl *plan) overrideRanking(o *PriorityConfigurationOverride) ranking {
	locRank := make([]int, len(pl.locNames))
	for i := range pl.locNames {
		if j := slices.Index(o.LocationOrder, pl.locNames[i]); j >= 0 {
			locRank[i] = j
		} else {
			locRank[i] = len(o.LocationOrder) + pl.locRank[i]
		}
	}
	pass := make([]int, len(pl.cands))
	for i, c := range pl.cands {
		if !slices.Contains(o.LocationOrder, pl.locNames[c.loc]) {
			pass[i] = 1
			if o.PlacementFallbackStrategy == FallbackNone {
				pass[i] = -1
			}
		}
	}
	return pl.ranking(pl.priority[:], locRank, pass)
}
