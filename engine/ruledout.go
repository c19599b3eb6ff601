package engine

// The searches keep some candidates away from an anchor without evaluating
// the rule that keeps them away: a numeric batchDistance or spread-bounding
// distance rule's window (search.go, large.go), and in the large search the
// latency rule's region masks for tickets sharing no region with those
// taken. Each such candidate counts as one failure of that rule per search
// from the anchor, for the anchor and the search's totals, so that a
// ticket a rule keeps waiting shows it in Explain and Status. The counts
// come from index positions, never from a pass over candidates the search
// would not visit anyway, and stay out of a match's own counts. (The small
// search's comparisons of region masks with the anchor's and the match's,
// in admits and dfs, stand for evaluations of the latency rule and count as
// such: for the candidate and the match too.)

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
