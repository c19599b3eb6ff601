package engine

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/flexsim/flexsim/ruleset"
)

// formedMatch is a match the search found, before it becomes a proposal.
type formedMatch struct {
	entries []*entry // anchor first, then in the order they joined
	teams   []int    // generated team index of each entry
	counts  []RuleCount
	regions []ruleset.RegionChoice
	full    bool
}

// searchSettings are the engine and configuration values a search uses.
type searchSettings struct {
	budget       int
	partialDelay time.Duration
	maxBatch     int
	additional   int // AdditionalPlayerCount, 0 for STANDALONE
	shuffle      func(n int, swap func(i, j int))
	// pause, if set, is called before each anchor: the engine lets other
	// goroutines run now and then (yielder), the search being long.
	pause func()
}

// sortCandidateLimit is how many of the oldest eligible candidates a sort
// rule orders around one anchor.
const sortCandidateLimit = 1024

// searcher forms matches for one rule set. It keeps scratch space between
// ticks; it is not safe for concurrent use.
type searcher struct {
	rs       *ruleset.RuleSet
	enforced []*ruleset.Rule
	prunable []*ruleset.Rule
	spread   *ruleset.RuleSpread
	// native is the spread rule check evaluates itself: a batchDistance or
	// distance rule that only bounds max − min of the parties' values.
	native    *ruleset.Rule
	latency   *ruleset.Rule
	sorts     []*ruleset.Rule
	strBatch  []*ruleset.Attribute
	strRules  []int // the index of the rule of each strBatch attribute
	regionBit map[string]uint64
	maxTeam   int // the largest team capacity at any age
	// maxLatency is the loosest maxLatency of the latency rule at any age:
	// region masks computed with it never exclude a possible match.
	maxLatency float64

	// per tick
	now     time.Time
	nowNano int64
	set     searchSettings
	// parts counts the candidates by partition, partCounters are the
	// counters of each batch's partition (partitions.go)
	parts        partitionCounts
	partCounters [][]*int

	// per batch
	batch  []*entry
	values []float64
	masks  []uint64 // acceptable regions by age rank
	idx    candidateIndex
	// next links each age rank to the next rank that may still be live
	// (path-compressed), for batches without a value index.
	next []int32
	// part are the counters of the batch's partition (nil without string
	// batchDistance rules); open counts the batch's candidates not matched
	// yet, unreached those no search reaches for want of an acceptable
	// region (ruledout.go).
	part      []*int
	open      int
	unreached int

	order []int // anchors by age rank

	// per anchor
	m       *ruleset.Match
	anchor  *entry
	chosen  []*entry
	teamOf  []int
	cands   []*entry
	removed []int
	lo, hi  int
	pulls   int
	cursor  int
	rank    int    // the anchor's age rank
	mask    uint64 // regions acceptable to every party so far
	budget  int
	counts  []RuleCount
	found   *formedMatch
	best    *formedMatch
	// firstFull are the tickets of the first full match the final check
	// rejected; banned is the one a repair leaves out.
	firstFull []*entry
	banned    *entry
	// strict makes check reject on any rule failing on the partial match
	strict bool
	// team orders and capacities by search depth
	orderBuf, capsBuf [][]int
	// allPassed says the last check saw every prunable rule pass
	allPassed  bool
	isPrunable []bool
	totals     []RuleCount // every evaluation counted, for Status (status.go)
}

func newSearcher(rs *ruleset.RuleSet) *searcher {
	s := &searcher{rs: rs, m: rs.NewMatch(), regionBit: map[string]uint64{}, counts: make([]RuleCount, len(rs.Rules)), isPrunable: make([]bool, len(rs.Rules))}
	for _, r := range rs.Rules {
		switch {
		case r.IsSort():
			s.sorts = append(s.sorts, r)
		case r.Enforced():
			s.enforced = append(s.enforced, r)
			if r.Prunable() {
				s.isPrunable[r.Index] = true
				s.prunable = append(s.prunable, r)
			}
			if r.Type == ruleset.Latency && s.latency == nil {
				s.latency = r
			}
			if r.Type == ruleset.BatchDistance && r.BatchAttribute.Type.String() == "string" {
				s.strBatch = append(s.strBatch, r.BatchAttribute)
				s.strRules = append(s.strRules, r.Index)
			}
		}
	}
	if s.latency != nil {
		for _, st := range rs.Stages() {
			s.maxLatency = max(s.maxLatency, st.Limits.Rules[s.latency.Index].MaxLatency)
		}
	}
	for _, sp := range rs.Spreads() {
		if sp.Rule.Prunable() {
			sp := sp
			s.spread = &sp
			if sp.Factor == 1 && !sp.Rule.Has[ruleset.PropMinDistance] {
				s.native = sp.Rule
			}
			break
		}
	}
	for _, st := range rs.Stages() {
		for _, t := range st.Limits.Teams {
			s.maxTeam = max(s.maxTeam, t.MaxPlayers)
		}
	}
	return s
}

// run forms every match it can from a pool in age order.
func (s *searcher) run(now time.Time, pool []*entry, set searchSettings) []*formedMatch {
	s.now, s.nowNano, s.set = now, now.UnixNano(), set
	var out []*formedMatch
	for i, batch := range s.batches(pool) {
		s.part = nil
		if len(s.strBatch) > 0 {
			s.part = s.partCounters[i]
		}
		if s.rs.Large {
			// backfill tickets always go first in large matches; they
			// are filled by the small search around each of them
			if hasBackfill(batch) {
				out = s.small(batch, out, backfillOnly)
			}
			out = s.large(batch, out)
		} else {
			out = s.small(batch, out, anchorPriority(s.rs.Algorithm.BackfillPriority))
		}
	}
	return out
}

// anchorOrder says in which order the small search takes its anchors.
type anchorOrder int

const (
	byAge         anchorOrder = iota // oldest first, backfill or not
	backfillFirst                    // backfill tickets oldest first, then the others
	backfillLast                     // the others oldest first, then backfill tickets
	backfillOnly                     // backfill tickets only
)

func anchorPriority(p ruleset.Priority) anchorOrder {
	switch p {
	case ruleset.PriorityHigh:
		return backfillFirst
	case ruleset.PriorityLow:
		return backfillLast
	}
	return byAge
}

func hasBackfill(batch []*entry) bool {
	for _, en := range batch {
		if en.backfill != nil {
			return true
		}
	}
	return false
}

// anchors lists the age ranks of a batch in the order they anchor a match.
func (s *searcher) anchors(batch []*entry, order anchorOrder) []int {
	s.order = s.order[:0]
	pass := func(backfill bool) {
		for r, en := range batch {
			if (en.backfill != nil) == backfill {
				s.order = append(s.order, r)
			}
		}
	}
	switch order {
	case backfillFirst:
		pass(true)
		pass(false)
	case backfillLast:
		pass(false)
		pass(true)
	case backfillOnly:
		pass(true)
	default:
		for r := range batch {
			s.order = append(s.order, r)
		}
	}
	return s.order
}

// batches partitions the pool by the values of string batchDistance rules,
// splits partitions larger than the batch size, and returns each batch in
// age order. With such rules, s.partCounters ends up with the counters of
// each batch's partition, in batch order.
func (s *searcher) batches(pool []*entry) [][]*entry {
	parts := [][]*entry{pool}
	if len(s.strBatch) > 0 {
		parts = s.partition(pool)
	}
	if s.set.maxBatch <= 0 {
		return parts
	}
	var out [][]*entry
	var counters [][]*int // of each batch of out
	for i, p := range parts {
		if len(p) <= s.set.maxBatch {
			out = append(out, p)
			if len(s.strBatch) > 0 {
				counters = append(counters, s.partCounters[i])
			}
			continue
		}
		p = slices.Clone(p)
		if s.rs.Algorithm.BatchingPreference == ruleset.BatchSorted {
			slices.SortStableFunc(p, s.compareSortAttributes)
		} else if s.set.shuffle != nil {
			s.set.shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
		}
		for len(p) > 0 {
			n := min(len(p), s.set.maxBatch)
			b := slices.Clone(p[:n])
			slices.SortFunc(b, func(x, y *entry) int {
				if older(x, y) {
					return -1
				}
				return 1
			})
			out = append(out, b)
			if len(s.strBatch) > 0 {
				counters = append(counters, s.partCounters[i])
			}
			p = p[n:]
		}
	}
	s.partCounters = counters
	return out
}

// compareSortAttributes orders parties by sortByAttributes: numbers
// ascending, strings lexicographically, missing values last.
func (s *searcher) compareSortAttributes(x, y *entry) int {
	for _, a := range s.rs.Algorithm.SortByAttributes {
		var c int
		if a.Type.String() == "string" {
			vx, okx := x.party.String(a)
			vy, oky := y.party.String(a)
			c = compareMissing(okx, oky, strings.Compare(vx, vy))
		} else {
			vx, okx := x.party.Number(a, ruleset.AggAvg)
			vy, oky := y.party.Number(a, ruleset.AggAvg)
			c = compareMissing(okx, oky, cmpFloat(vx, vy))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func compareMissing(okx, oky bool, c int) int {
	switch {
	case okx && oky:
		return c
	case okx:
		return -1
	case oky:
		return 1
	}
	return 0
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// usable reports whether a ticket can take part in a match this tick.
func usable(en *entry) bool { return !en.used && en.matchable }

// age is how long a ticket has waited.
func (s *searcher) age(en *entry) time.Duration { return time.Duration(s.nowNano - en.start) }

// small runs the exhaustive search on one batch, taking anchors in the
// given order. Backfill tickets are never candidates: a match holds at most
// one, as its anchor.
func (s *searcher) small(batch []*entry, out []*formedMatch, order anchorOrder) []*formedMatch {
	s.prepare(batch)
	if s.spread != nil {
		s.idx.reset(s.values)
	}
	s.next = slices.Grow(s.next[:0], len(batch)+1)[:len(batch)+1]
	for i := range s.next {
		s.next[i] = int32(i)
	}
	s.open, s.unreached = 0, 0
	for i, en := range batch {
		if s.live(en) && en.backfill == nil {
			s.open++
			continue
		}
		s.kill(i)
		if en.backfill == nil && s.regionless(en) {
			s.unreached++
		}
	}
	for _, rank := range s.anchors(batch, order) {
		a := batch[rank]
		if !s.live(a) {
			if s.regionless(a) {
				s.notSearched(a)
			}
			continue
		}
		if s.set.pause != nil {
			s.set.pause()
		}
		if s.spread != nil {
			s.idx.set(rank, false)
		}
		fm := s.around(rank)
		if fm != nil {
			for _, en := range fm.entries {
				en.used = true
				s.kill(int(en.rank))
			}
			s.matched(fm.entries)
			out = append(out, fm)
		} else if s.spread != nil && a.backfill == nil {
			s.idx.set(rank, true)
		}
		s.restore()
	}
	return out
}

// prepare computes the per-batch values: index values, region masks and
// age ranks.
func (s *searcher) prepare(batch []*entry) {
	s.batch = batch
	n := len(batch)
	s.values = slices.Grow(s.values[:0], n)[:n]
	s.masks = slices.Grow(s.masks[:0], n)[:n]
	for i, en := range batch {
		en.rank = int32(i)
		v := math.NaN()
		if s.spread == nil {
			v = 0
		} else if en.party != nil {
			if x, ok := en.party.Number(s.spread.Attribute, s.spread.Aggregation); ok {
				v = x
			}
		}
		s.values[i] = v
		s.masks[i] = ^uint64(0)
		if s.latency != nil && en.party != nil {
			s.masks[i] = s.regionMask(en.party, s.maxLatency)
		}
	}
}

// live reports whether a ticket can still join a match this tick.
func (s *searcher) live(en *entry) bool {
	return !en.used && en.matchable && (int(en.size) <= s.maxTeam || en.backfill != nil) && s.masks[en.rank] != 0
}

// kill takes an age rank out of the candidates for the rest of the tick.
func (s *searcher) kill(rank int) {
	if s.spread != nil {
		s.idx.retire(rank)
	}
	s.next[rank] = int32(rank + 1)
}

// nextLive returns the first rank at or after r not killed.
func (s *searcher) nextLive(r int) int {
	root := r
	for int(s.next[root]) != root {
		root = int(s.next[root])
	}
	for int(s.next[r]) != root {
		s.next[r], r = int32(root), int(s.next[r])
	}
	return root
}

// restore makes the candidates pulled from the index for an anchor live
// again, except those a match took.
func (s *searcher) restore() {
	for _, r := range s.removed {
		if !s.batch[r].used {
			s.idx.set(r, true)
		}
	}
	s.removed = s.removed[:0]
}

// pull returns the next oldest candidate rank in the anchor's window, or -1.
func (s *searcher) pull() int {
	if s.spread != nil {
		r := s.idx.oldest(s.lo, s.hi)
		if r >= 0 {
			s.idx.set(r, false)
			s.removed = append(s.removed, r)
		}
		return r
	}
	for {
		r := s.nextLive(s.cursor)
		if r >= len(s.batch) {
			return -1
		}
		s.cursor = r + 1
		if r != s.rank {
			return r
		}
	}
}

// around searches for a match whose anchor is the ticket of age rank rank.
func (s *searcher) around(rank int) *formedMatch {
	a := s.batch[rank]
	s.anchor, s.found, s.best, s.banned = a, nil, nil, nil
	s.rank, s.cursor = rank, 0
	s.chosen = append(s.chosen[:0], a)
	s.cands = s.cands[:0]
	s.firstFull = s.firstFull[:0]
	s.pulls = 0
	clear(s.counts)
	l := s.rs.LimitsAt(s.age(a))
	s.lo, s.hi = 0, len(s.batch)
	if s.spread != nil {
		w := s.spread.Width(s.spread.Rule, l)
		v := s.values[rank]
		s.lo, s.hi = s.idx.window(v-w, v+w)
		s.ruledOut(a, s.spread.Rule.Index, s.idx.outside(s.lo, s.hi, rank))
	}
	s.ruledOutBeforeSearch(a)
	if len(s.sorts) > 0 {
		s.pullSorted()
	}
	// A depth-first search, in three rounds when some rules can only be
	// judged on a complete match (rules that are not Prunable). Such a rule
	// can fail deep under an early candidate that conflicts with the rest
	// (a blocked player, say), where backtracking from the bottom does not
	// reach within the budget. So a third of the budget first goes to a
	// strict search that also rejects a ticket when such a rule fails on the
	// partial match (the spec's §2.9 reading, quick where the rule behaves
	// like a filter), a third to the search proper, and the rest to
	// repairs: the search again without one of the tickets of the first
	// complete match the final check rejected, oldest first.
	s.budget = s.set.budget
	loose := len(s.enforced) > len(s.prunable)
	if loose {
		s.budget = s.set.budget / 3
		s.strict = true
		found := s.fromAnchor(l)
		s.strict = false
		if found {
			return s.found
		}
		s.firstFull = s.firstFull[:0]
		s.budget += s.set.budget / 3
	}
	if s.fromAnchor(l) {
		return s.found
	}
	if loose && len(s.firstFull) > 1 {
		rest := s.set.budget - 2*(s.set.budget/3) + max(s.budget, 0)
		suspects := slices.Clone(s.firstFull[1:])
		for i, x := range suspects {
			if rest <= 0 {
				break
			}
			s.banned = x
			s.budget = rest / (len(suspects) - i)
			rest -= s.budget
			found := s.fromAnchor(l)
			rest += max(s.budget, 0)
			if found {
				return s.found
			}
		}
	}
	if s.best != nil && s.age(a) >= s.set.partialDelay {
		return s.best
	}
	return nil
}

// fromAnchor starts the search over: the anchor on each team in turn, then
// the depth-first search from the first candidate.
func (s *searcher) fromAnchor(l *ruleset.Limits) bool {
	a := s.anchor
	s.m.Reset()
	s.chosen = s.chosen[:1]
	s.teamOf = s.teamOf[:0]
	s.mask = s.masks[s.rank]
	caps := s.capacities(l, 0)
	if bf := a.backfill; bf != nil {
		// the game's players stay on their teams
		for _, tp := range bf.parties {
			s.m.Add(tp.team, tp.party)
		}
		for t, c := range caps {
			if s.m.Players(t) > c {
				return false
			}
		}
		s.teamOf = append(s.teamOf, -1)
		return s.check(nil, l) && s.dfs(0, l)
	}
	for _, t := range s.teamOrder(l, caps, 0) {
		if int(a.size) > caps[t] {
			continue
		}
		s.m.Add(t, a.party)
		s.teamOf = append(s.teamOf, t)
		if s.check(nil, l) && s.dfs(0, l) {
			return true
		}
		s.teamOf = s.teamOf[:0]
		s.m.RemoveLast(t)
		if s.budget <= 0 {
			break
		}
	}
	return false
}

// dfs extends the current match with candidates from index k on. lFinal
// are the limits under which the last party joined; it reports whether it
// found a full match (in s.found).
func (s *searcher) dfs(k int, lFinal *ruleset.Limits) bool {
	fresh := s.allPassed
	l := s.limits()
	depth := len(s.chosen)
	caps := s.capacities(l, depth)
	if s.full(caps) {
		if len(s.chosen) == 1 && s.anchor.backfill != nil {
			return false // a backfill match needs a new ticket
		}
		s.budget--
		if s.final(lFinal, fresh) {
			s.found = s.snapshot(lFinal, true)
			return true
		}
		if len(s.firstFull) == 0 {
			s.firstFull = append(s.firstFull, s.chosen...)
		}
		return false
	}
	for j := k; s.budget > 0; j++ {
		c := s.candidate(j)
		if c == nil {
			break
		}
		if c == s.banned {
			continue
		}
		cmask := s.masks[c.rank]
		if cmask&s.mask == 0 {
			// no region within the latency rule's loosest limit suits all:
			// the rule fails, judged on the masks instead of evaluated
			s.count(c, s.latency.Index, true)
			continue
		}
		mask := s.mask
		s.mask &= cmask
		for _, t := range s.teamOrder(l, caps, depth) {
			if int(c.size) > caps[t]-s.m.Players(t) {
				continue
			}
			s.budget--
			s.m.Add(t, c.party)
			if s.check(c, l) {
				s.chosen = append(s.chosen, c)
				s.teamOf = append(s.teamOf, t)
				if s.dfs(j+1, l) {
					return true
				}
				s.chosen = s.chosen[:len(s.chosen)-1]
				s.teamOf = s.teamOf[:len(s.teamOf)-1]
			}
			s.m.RemoveLast(t)
			if s.budget <= 0 {
				break
			}
		}
		s.mask = mask
	}
	if s.m.Size() > s.bestSize() && (len(s.chosen) > 1 || s.anchor.backfill == nil) && s.rs.TeamsFilled(s.m, lFinal) {
		s.budget--
		if s.final(lFinal, false) {
			s.best = s.snapshot(lFinal, false)
		}
	}
	return false
}

func (s *searcher) bestSize() int {
	if s.best == nil {
		return 0
	}
	n := 0
	for _, en := range s.best.entries {
		n += int(en.size)
	}
	return n
}

// limits are the effective values for the current match: its age is that
// of its newest or oldest ticket, per expansionAgeSelection.
func (s *searcher) limits() *ruleset.Limits {
	ref := s.anchor.start
	newest := s.rs.Algorithm.ExpansionAgeSelection != ruleset.AgeOldest
	for _, en := range s.chosen {
		if newest && en.start > ref || !newest && en.start < ref {
			ref = en.start
		}
	}
	return s.rs.LimitsAt(time.Duration(s.nowNano - ref))
}

// candidate returns the j-th candidate, pulling it from the batch if
// needed, or nil when there are no more.
func (s *searcher) candidate(j int) *entry {
	for j >= len(s.cands) {
		if len(s.sorts) > 0 || s.pulls >= 8*s.set.budget {
			return nil
		}
		r := s.pull()
		if r < 0 {
			return nil
		}
		s.pulls++
		if s.admits(r) {
			s.cands = append(s.cands, s.batch[r])
		}
	}
	return s.cands[j]
}

// admits reports whether the ticket of rank r, pulled for the anchor, is
// a candidate. One that shares no region with the anchor within the
// latency rule's loosest limit is not, and counts as a failure of that
// rule: judged on the region masks, not evaluated.
func (s *searcher) admits(r int) bool {
	c := s.batch[r]
	if c.used {
		return false
	}
	if s.masks[r]&s.masks[s.rank] == 0 {
		s.count(c, s.latency.Index, true)
		return false
	}
	return true
}

// pullSorted takes up to sortCandidateLimit of the oldest candidates and
// orders them by the sort rules, then age.
func (s *searcher) pullSorted() {
	for len(s.cands) < sortCandidateLimit {
		r := s.pull()
		if r < 0 {
			break
		}
		if s.admits(r) {
			s.cands = append(s.cands, s.batch[r])
		}
	}
	type keyed struct {
		en   *entry
		keys []float64
	}
	ks := make([]keyed, len(s.cands))
	for i, c := range s.cands {
		ks[i].en = c
		for _, r := range s.sorts {
			k, ok := r.SortKey(s.anchor.party, c.party)
			if !ok {
				k = math.Inf(1)
			}
			ks[i].keys = append(ks[i].keys, k)
		}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		for n := range ks[i].keys {
			if ks[i].keys[n] != ks[j].keys[n] {
				return ks[i].keys[n] < ks[j].keys[n]
			}
		}
		return false
	})
	for i := range ks {
		s.cands[i] = ks[i].en
	}
}

// check evaluates the rules whose failure no later party can repair,
// counting passes and failures for the match, the anchor and the
// candidate (nil when checking the anchor alone).
func (s *searcher) check(c *entry, l *ruleset.Limits) bool {
	if s.strict {
		// a heuristic probe, not a verdict: not counted in the metrics
		for _, r := range s.enforced {
			if !s.isPrunable[r.Index] && r.Evaluate(s.m, l) == ruleset.Fail {
				return false
			}
		}
	}
	s.allPassed = true
	for _, r := range s.prunable {
		var o ruleset.Outcome
		if r == s.native && s.anchor.backfill == nil {
			o = s.spreadOutcome(c, l)
		} else {
			o = r.Evaluate(s.m, l)
		}
		s.allPassed = s.allPassed && o == ruleset.Pass
		s.count(c, r.Index, o == ruleset.Fail)
		if o == ruleset.Fail {
			return false
		}
	}
	return true
}

func (s *searcher) count(c *entry, rule int, failed bool) {
	if failed {
		s.tally(rule, RuleCount{Failed: 1})
		s.counts[rule].Failed++
		s.anchor.counts[rule].Failed++
		if c != nil {
			c.counts[rule].Failed++
		}
		return
	}
	s.tally(rule, RuleCount{Passed: 1})
	s.counts[rule].Passed++
	s.anchor.counts[rule].Passed++
	if c != nil {
		c.counts[rule].Passed++
	}
}

// final checks a complete match: team sizes and every enforced rule with
// missing values counting as failures. skipPrunable skips the rules check
// just saw pass (not merely unknown) on this very match.
func (s *searcher) final(l *ruleset.Limits, skipPrunable bool) bool {
	if !s.rs.TeamsFilled(s.m, l) {
		return false
	}
	for _, r := range s.enforced {
		if skipPrunable && s.isPrunable[r.Index] {
			continue
		}
		failed := !r.Evaluate(s.m, l).OK(true)
		s.count(nil, r.Index, failed)
		if failed {
			return false
		}
	}
	return true
}

// full reports whether every team is at capacity.
func (s *searcher) full(caps []int) bool {
	for t, c := range caps {
		if s.m.Players(t) < c {
			return false
		}
	}
	return true
}

// capacities are the team sizes to fill under l: maxPlayers, less the
// configuration's AdditionalPlayerCount taken one slot at a time from the
// team with the most room (ties: the last team), never below minPlayers.
func (s *searcher) capacities(l *ruleset.Limits, depth int) []int {
	for len(s.capsBuf) <= depth {
		s.capsBuf = append(s.capsBuf, make([]int, len(l.Teams)))
	}
	caps := s.capsBuf[depth]
	for i, t := range l.Teams {
		caps[i] = t.MaxPlayers
	}
	additional := s.set.additional
	if s.anchor != nil && s.anchor.backfill != nil {
		additional = 0 // the reserved slots are the ones backfill fills
	}
	for n := additional; n > 0; n-- {
		best := -1
		for i := len(caps) - 1; i >= 0; i-- {
			if caps[i] > l.Teams[i].MinPlayers && (best < 0 || caps[i] > caps[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		caps[best]--
	}
	return caps
}

// teamOrder lists the teams to try a party on: teams below minPlayers
// first, then those with the most open slots, then definition order.
func (s *searcher) teamOrder(l *ruleset.Limits, caps []int, depth int) []int {
	for len(s.orderBuf) <= depth {
		s.orderBuf = append(s.orderBuf, make([]int, 0, len(caps)))
	}
	order := s.orderBuf[depth][:0]
	for t := range caps {
		order = append(order, t)
	}
	below := func(t int) bool { return s.m.Players(t) < l.Teams[t].MinPlayers }
	slices.SortStableFunc(order, func(a, b int) int {
		if ba, bb := below(a), below(b); ba != bb {
			if ba {
				return -1
			}
			return 1
		}
		return (caps[b] - s.m.Players(b)) - (caps[a] - s.m.Players(a))
	})
	s.orderBuf[depth] = order
	return order
}

// snapshot copies the current match.
func (s *searcher) snapshot(l *ruleset.Limits, full bool) *formedMatch {
	fm := &formedMatch{
		entries: slices.Clone(s.chosen),
		teams:   slices.Clone(s.teamOf),
		counts:  slices.Clone(s.counts),
		full:    full,
	}
	if s.latency != nil {
		fm.regions = s.latency.Regions(s.m, l)
	}
	return fm
}

// regionMask is the set of regions (as bits) where a party is within the
// latency rule's maxLatency; all bits when there are too many
// regions to tell.
func (s *searcher) regionMask(p *ruleset.Party, maxLatency float64) uint64 {
	var mask uint64
	for _, rl := range p.Latencies() {
		v := rl.Avg
		switch s.latency.PartyAggregation {
		case ruleset.AggMin:
			v = rl.Min
		case ruleset.AggMax:
			v = rl.Max
		}
		if v > maxLatency {
			continue
		}
		bit, ok := s.regionBit[rl.Region]
		if !ok {
			if len(s.regionBit) >= 64 {
				return ^uint64(0)
			}
			bit = 1 << len(s.regionBit)
			s.regionBit[rl.Region] = bit
		}
		mask |= bit
	}
	return mask
}

// spreadOutcome evaluates the native spread rule on the chosen parties and
// c: their aggregated values (from the index) must lie within maxDistance
// of each other. It is what the rule's own evaluator computes, without
// building the list of values.
func (s *searcher) spreadOutcome(c *entry, l *ruleset.Limits) ruleset.Outcome {
	lo, hi := math.Inf(1), math.Inf(-1)
	if c != nil {
		lo, hi = s.values[c.rank], s.values[c.rank]
	}
	for _, en := range s.chosen {
		v := s.values[en.rank]
		lo, hi = min(lo, v), max(hi, v)
	}
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ruleset.Unknown
	}
	if hi-lo <= l.Rules[s.native.Index].MaxDistance || math.IsInf(lo, 1) {
		return ruleset.Pass
	}
	return ruleset.Fail
}
