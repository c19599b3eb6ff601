package engine

import (
	"strings"
)

// partitionCounts counts a tick's candidates (tickets that could join any
// match: see isCandidate) by their values of the string batchDistance
// attributes. The pool is partitioned by those values, so a search never
// sees the candidates of other partitions; the counts tell how many there
// are, for each rule, without looking at them (see partitionFailures).
type partitionCounts struct {
	total int // candidates not matched yet this tick
	// byPrefix[k] counts the candidates by their first k+1 values, keyed
	// as the partition key's prefix, for k below the last attribute (the
	// partitions count their own: partition.candidates).
	byPrefix []map[string]*int
	// split are the candidates whose players disagree on (or lack) one of
	// the values: they are in no partition.
	split []splitParty
}

// partition is the part of the pool with one key: its tickets, in age
// order, and how many of them are candidates not matched yet.
type partition struct {
	entries    []*entry
	candidates int
}

// splitParty is a candidate in no partition, with the counters of the
// values its players do share (the first len(shared) of them).
type splitParty struct {
	en     *entry
	shared []*int
}

// counter returns the counter of the candidates whose first k+1 values
// are the key prefix, made at 0 if need be.
func (pc *partitionCounts) counter(k int, prefix string) *int {
	c, ok := pc.byPrefix[k][prefix]
	if !ok {
		c = new(int)
		pc.byPrefix[k][prefix] = c
	}
	return c
}

// partition splits the pool by the values of the string batchDistance
// attributes, in key order, leaving out the tickets whose players do not
// share every value; it counts the candidates by value (s.parts) and sets
// the counters of each partition (s.partCounters, in the same order). The
// tickets left out are never searched from: each counts, once a tick,
// every other candidate as a failure of the rule whose value its players
// do not share.
func (s *searcher) partition(pool []*entry) [][]*entry {
	last := len(s.strBatch) - 1
	s.parts = partitionCounts{byPrefix: make([]map[string]*int, last)}
	for k := range s.parts.byPrefix {
		s.parts.byPrefix[k] = map[string]*int{}
	}
	byKey := map[string]*partition{}
	var b strings.Builder
	var shared []*int
	for _, en := range pool {
		b.Reset()
		shared = shared[:0]
		cand := s.isCandidate(en)
		ok := true
		for k, a := range s.strBatch {
			v, has := en.party.String(a)
			if !has {
				ok = false
				break
			}
			b.WriteString(v)
			b.WriteByte(0)
			if cand && k < last {
				c := s.parts.counter(k, b.String())
				*c++
				shared = append(shared, c)
			}
		}
		if cand {
			s.parts.total++
		}
		if !ok {
			if cand {
				s.parts.split = append(s.parts.split, splitParty{en, append([]*int(nil), shared...)})
			}
			continue
		}
		p := byKey[b.String()]
		if p == nil {
			p = &partition{}
			byKey[b.String()] = p
		}
		p.entries = append(p.entries, en)
		if cand {
			p.candidates++
		}
	}
	var parts [][]*entry
	s.partCounters = s.partCounters[:0]
	for _, key := range sortedKeys(byKey) {
		p := byKey[key]
		parts = append(parts, p.entries)
		counters := make([]*int, last+1)
		end := 0
		for k := range last {
			end += strings.IndexByte(key[end:], 0) + 1
			counters[k] = s.parts.counter(k, key[:end])
		}
		counters[last] = &p.candidates
		s.partCounters = append(s.partCounters, counters)
	}
	for _, sp := range s.parts.split {
		s.partitionFailures(sp.en, sp.shared, true)
	}
	return parts
}

// partitionFailures counts, for a search from en whose partition has the
// given counters, the candidates in other partitions as failures of the
// string batchDistance rules that keep them out: each of the first rule on
// whose value it differs from en. With fewer counters than rules, en's
// players share no value of the next rule, which then keeps out every
// candidate left (but en itself, when counted is set: it is a candidate).
func (s *searcher) partitionFailures(en *entry, counters []*int, counted bool) {
	if len(s.strRules) == 0 {
		return
	}
	prev := s.parts.total
	for k, c := range counters {
		s.ruledOut(en, s.strRules[k], prev-*c)
		prev = *c
	}
	if len(counters) < len(s.strRules) {
		if counted {
			prev--
		}
		s.ruledOut(en, s.strRules[len(counters)], prev)
	}
}
