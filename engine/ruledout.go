package engine

// The searches keep some candidates away from an anchor without evaluating
// the rule that keeps them away: a numeric batchDistance or spread-bounding
// distance rule's window (search.go, large.go), a string batchDistance
// rule's partitions (partitions.go), the latency rule's region masks for
// tickets with no acceptable region at all and, in the large search, for
// tickets sharing none with those taken. Each such candidate counts as one
// failure of that rule per search from the anchor, for the anchor and the
// search's totals, so that a ticket a rule keeps waiting shows it in
// Explain and Status. The counts come from counters and index positions,
// never from a pass over candidates the search would not visit anyway,
// and stay out of a match's own counts. (The small search's comparisons of region masks with the
// anchor's and the match's, in admits and dfs, stand for evaluations of
// the latency rule and count as such: for the candidate and the match too.)

// ruledOut counts n failures of rule for en, the ticket a search is (or
// would be) from, and the search's totals: n candidates the rule kept out
// of the search without being evaluated on them.
func (s *searcher) ruledOut(en *entry, rule, n int) {
	if n == 0 {
		return
	}
	s.tally(rule, RuleCount{Failed: n})
	en.counts[rule].Failed += n
}

// isCandidate reports whether a ticket could join a match this tick, as
// far as the partitioning goes: usable, small enough for a team and not a
// backfill ticket (which is only ever an anchor).
func (s *searcher) isCandidate(en *entry) bool {
	return usable(en) && int(en.size) <= s.maxTeam && en.backfill == nil
}

// regionless reports whether a ticket of the small search's batch would
// take part in it but for the latency rule: no region is within the
// rule's loosest maxLatency for its players.
func (s *searcher) regionless(en *entry) bool {
	return !en.used && en.matchable && (int(en.size) <= s.maxTeam || en.backfill != nil) && s.masks[en.rank] == 0
}

// ruledOutBeforeSearch counts, for an anchor about to be searched from,
// the candidates the search will not see: those of other partitions, kept
// out by the string batchDistance rules, and those of the batch with no
// acceptable region (s.unreached), kept out by the latency rule.
func (s *searcher) ruledOutBeforeSearch(a *entry) {
	s.partitionFailures(a, s.part, false)
	if s.unreached > 0 {
		s.ruledOut(a, s.latency.Index, s.unreached)
	}
}

// notSearched counts, for a ticket of the batch with no acceptable region,
// which is never searched from, what a search from it would rule out: the
// candidates of other partitions, as ruledOutBeforeSearch does, and every
// other candidate of the batch, kept out by the latency rule.
func (s *searcher) notSearched(a *entry) {
	s.partitionFailures(a, s.part, false)
	n := s.open + s.unreached
	if a.backfill == nil {
		n-- // a is one of the unreached
	}
	s.ruledOut(a, s.latency.Index, n)
}

// matched takes the tickets of a match just formed out of the counts of
// candidates: the batch's open ones and, with string batchDistance rules,
// those of the current partition.
func (s *searcher) matched(entries []*entry) {
	for _, en := range entries {
		if en.backfill != nil {
			continue
		}
		s.open--
		if s.part != nil {
			s.parts.total--
			for _, c := range s.part {
				*c--
			}
		}
	}
}
