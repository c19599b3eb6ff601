package engine

import (
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// storedRuleSet is a rule set resource with its compiled form.
type storedRuleSet struct {
	MatchmakingRuleSet
	rs   *ruleset.RuleSet
	tags []Tag // see tags.go
}

// matchmaker is a configuration with its rule set and ticket pool.
type matchmaker struct {
	cfg MatchmakingConfiguration
	rs  *ruleset.RuleSet
	// queued are tickets waiting for their first tick, in arrival order;
	// spare is the array the last tick promoted from, reused next time.
	queued, spare []*entry
	// pool holds the SEARCHING tickets in age order (StartTime, TicketId).
	pool []*entry
	// returning are tickets back from a failed acceptance, to merge into
	// the pool at the next tick.
	returning []*entry
	// proposals are matches waiting for acceptance, in creation order.
	proposals []*proposal
	// placing are accepted matches waiting for game session placement.
	placing []*proposal
	// waits are the most recent times to match, for EstimatedWaitTime.
	waits  [waitSamples]time.Duration
	nwaits int
	search *searcher
	// searching is set while the tick searches the pool without the
	// engine's lock (Engine.search).
	searching bool
	metrics   *configMetrics
	recent    matchRing // the latest potential matches, for Status (status.go)
	tags      []Tag     // see tags.go
}

// Estimated wait time: the mean of the last waitSamples matched tickets'
// waits, reported once minWaitSamples exist.
const (
	waitSamples    = 20
	minWaitSamples = 5
)

func (m *matchmaker) recordWait(d time.Duration) {
	m.waits[m.nwaits%waitSamples] = d
	m.nwaits++
}

// estimatedWait returns the mean recent wait, or false when too few tickets
// have matched.
func (m *matchmaker) estimatedWait() (time.Duration, bool) {
	if m.nwaits < minWaitSamples {
		return 0, false
	}
	n := min(m.nwaits, waitSamples)
	var sum time.Duration
	for _, w := range m.waits[:n] {
		sum += w
	}
	return sum / time.Duration(n), true
}

// entry is the engine's record of one ticket.
type entry struct {
	t *ticket.Ticket // points at ticket
	// ticket is stored in the entry, so that the search's reads of both
	// touch one allocation.
	ticket ticket.Ticket
	party  *ruleset.Party
	// compact holds the players' attributes and latencies (see compactPlayer).
	compact []compactPlayer
	mm      *matchmaker
	// start is StartTime in Unix nanoseconds, for ordering.
	start     int64
	startText string
	// counts are the rule evaluations involving this ticket, by rule index,
	// and as failures the candidates rules kept out of its searches
	// without being evaluated (ruledout.go).
	counts []RuleCount
	// proposal is the match awaiting acceptance the ticket is in.
	proposal *proposal
	matchID  string
	conn     *GameSessionConnectionInfo
	// used marks a ticket taken by a match during the current tick.
	used bool
	// size and matchable cache the party's size and whether it can match
	// at all, next to the search's other per-ticket data.
	size      int32
	matchable bool
	// rank is the ticket's age rank in its batch during a search.
	rank int32
	// backfill is set on backfill tickets.
	backfill *backfillInfo
}

// RuleCount is how often a rule passed and failed.
type RuleCount struct {
	Passed, Failed int
}

// older reports whether a is ahead of b in age order: earlier StartTime,
// then smaller TicketId.
func older(a, b *entry) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	return a.t.TicketID < b.t.TicketID
}

// prepare makes the ticket's party for rs (and, for a backfill ticket, the
// parties of its teams). matched says the players' teams are a match's, to
// be ignored, rather than the request's.
func (en *entry) prepare(rs *ruleset.RuleSet, matched bool) (*ruleset.Party, error) {
	t := en.fullTicket()
	if matched && en.backfill == nil {
		for j := range t.Players {
			t.Players[j].Team = ""
		}
	}
	party, err := en.partyOf(rs, t)
	if err != nil {
		return nil, err
	}
	if en.backfill != nil {
		if err := en.backfill.split(rs, t, party); err != nil {
			return nil, err
		}
	}
	return party, nil
}

// prepareAdmitted is prepare for a ticket being admitted with the
// caller's players. When they hold only strings and numbers the party is
// made from them directly: it copies such values, so it keeps nothing of
// the caller's (lists and maps it would share). Otherwise, and for backfill
// tickets, it is made from the engine's own copy, as prepare does.
func (en *entry) prepareAdmitted(rs *ruleset.RuleSet, players []ticket.Player) (*ruleset.Party, error) {
	if en.backfill != nil || !scalarsOnly(players) {
		return en.prepare(rs, false)
	}
	t := *en.t
	t.Players = players
	return en.partyOf(rs, &t)
}

// partyOf makes the party of t, a copy of the ticket with its players'
// values, tied to the ticket itself.
func (en *entry) partyOf(rs *ruleset.RuleSet, t *ticket.Ticket) (*ruleset.Party, error) {
	party, err := rs.NewParty(t)
	if err != nil {
		return nil, err
	}
	party.Ticket = en.t
	return party, nil
}

// scalarsOnly reports whether every attribute of the players is a string
// or a number.
func scalarsOnly(players []ticket.Player) bool {
	for _, p := range players {
		for _, v := range p.Attributes {
			if v.Type != ticket.TypeString && v.Type != ticket.TypeNumber {
				return false
			}
		}
	}
	return true
}

// setParty prepares the ticket's party and the search's cached facts.
func (en *entry) setParty(p *ruleset.Party) {
	en.party = p
	en.size = int32(p.Size())
	en.matchable = p.Unmatchable == ""
}
