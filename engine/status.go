package engine

import (
	"slices"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// RecentMatchLimit is how many of a configuration's latest potential
// matches Status lists.
const RecentMatchLimit = 20

// MatchDropped is the status of a potential match that fell through: it was
// rejected or not accepted in time, its placement timed out, or its new
// players could not join the backfilled game session.
const MatchDropped = "DROPPED"

// Status is a snapshot of the engine for dashboards.
type Status struct {
	Now            time.Time
	Configurations []ConfigurationStatus // in name order
}

// ConfigurationStatus is one configuration's part of a Status.
type ConfigurationStatus struct {
	Name               string
	RuleSetName        string
	FlexMatchMode      string
	BackfillMode       string
	AcceptanceRequired bool
	// Tickets counts the configuration's tickets by status, with every
	// status present: the live pool, and the terminal tickets still
	// retained (the numbers of the flexsim_tickets metric).
	Tickets map[ticket.Status]int
	// MatchesFormed counts the potential matches formed since the
	// configuration was created.
	MatchesFormed int
	// RecentMatches are the latest potential matches, newest first, at
	// most RecentMatchLimit.
	RecentMatches []MatchSummary
	// Rules are the pass and fail counts of every rule evaluation the
	// search made since the configuration got its current rule set, in
	// rule order (sort rules, which neither pass nor fail, are left out).
	// A candidate a rule kept out of a search without being evaluated on
	// it (a distance rule's window, a string batchDistance rule's
	// partitions, the latency rule's regions) counts as one failure of
	// that rule per search.
	Rules []RuleMetric
}

// MatchSummary is a potential match as Status reports it.
type MatchSummary struct {
	MatchID string
	Time    time.Time // when the potential match was formed
	// Status is the status its tickets share while they are on the match
	// (REQUIRES_ACCEPTANCE, PLACING, COMPLETED or FAILED), or MatchDropped.
	Status   string
	Backfill bool
	// GameSessionArn is the game session the players went to, once known.
	GameSessionArn string
	Teams          []TeamSummary // in the rule set's team order
}

// TeamSummary is one team of a potential match.
type TeamSummary struct {
	Name      string
	PlayerIDs []string
	TicketIDs []string // the tickets with players on the team
}

// matchRecord is a potential match as it was formed. Its tickets are kept
// to tell what became of it.
type matchRecord struct {
	id      string
	at      time.Time
	entries []*entry
	teams   []TeamSummary
}

// matchRing holds a configuration's latest potential matches.
type matchRing struct {
	recent [RecentMatchLimit]*matchRecord
	n      int // matches recorded in all
}

// recordMatch remembers a potential match just formed, once its players
// have their teams.
func (m *matchmaker) recordMatch(p *proposal, now time.Time) {
	rec := &matchRecord{id: p.id, at: now, entries: slices.Clone(p.entries)}
	slot := map[string]int{}
	for _, en := range p.entries {
		for _, pl := range en.t.Players {
			i, ok := slot[pl.Team]
			if !ok {
				i = len(rec.teams)
				slot[pl.Team] = i
				rec.teams = append(rec.teams, TeamSummary{Name: pl.Team})
			}
			ts := &rec.teams[i]
			ts.PlayerIDs = append(ts.PlayerIDs, pl.PlayerID)
			if k := len(ts.TicketIDs); k == 0 || ts.TicketIDs[k-1] != en.t.TicketID {
				ts.TicketIDs = append(ts.TicketIDs, en.t.TicketID)
			}
		}
	}
	rank := func(name string) int {
		for i, t := range m.rs.Teams {
			if t.Name == name {
				return i
			}
		}
		return len(m.rs.Teams)
	}
	slices.SortStableFunc(rec.teams, func(a, b TeamSummary) int { return rank(a.Name) - rank(b.Name) })
	m.recent.recent[m.recent.n%RecentMatchLimit] = rec
	m.recent.n++
}

// summary reports the match with what became of it.
func (r *matchRecord) summary() MatchSummary {
	s := MatchSummary{MatchID: r.id, Time: r.at, Status: MatchDropped, Teams: make([]TeamSummary, len(r.teams))}
	for i, t := range r.teams {
		s.Teams[i] = TeamSummary{Name: t.Name, PlayerIDs: slices.Clone(t.PlayerIDs), TicketIDs: slices.Clone(t.TicketIDs)}
	}
	on := len(r.entries) > 0 // every ticket is still on this match, all in one status
	for _, en := range r.entries {
		on = on && en.matchID == r.id && en.t.Status == r.entries[0].t.Status
		if en.backfill != nil {
			s.Backfill = true
			s.GameSessionArn = en.backfill.sessionArn
		}
		if en.matchID == r.id && en.conn != nil && s.GameSessionArn == "" {
			s.GameSessionArn = en.conn.GameSessionArn
		}
	}
	if on {
		switch st := r.entries[0].t.Status; st {
		case ticket.RequiresAcceptance, ticket.Placing, ticket.Completed, ticket.Failed:
			s.Status = string(st)
		}
	}
	return s
}

// Status returns a snapshot of the configurations: ticket counts by status,
// recent matches and rule counts. Its cost does not grow with the number of
// tickets.
func (e *Engine) Status() Status {
	e.ticking.Lock() // the searchers' rule totals
	defer e.ticking.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	st := Status{Now: e.now(), Configurations: make([]ConfigurationStatus, 0, len(e.configs))}
	for _, name := range sortedKeys(e.configs) {
		st.Configurations = append(st.Configurations, e.configs[name].status())
	}
	return st
}

func (m *matchmaker) status() ConfigurationStatus {
	cs := ConfigurationStatus{
		Name:               m.cfg.Name,
		RuleSetName:        m.cfg.RuleSetName,
		FlexMatchMode:      m.cfg.FlexMatchMode,
		BackfillMode:       m.cfg.BackfillMode,
		AcceptanceRequired: m.cfg.AcceptanceRequired,
		Tickets:            m.metrics.counts(),
		MatchesFormed:      m.recent.n,
	}
	for i := range min(m.recent.n, RecentMatchLimit) {
		rec := m.recent.recent[(m.recent.n-1-i)%RecentMatchLimit]
		cs.RecentMatches = append(cs.RecentMatches, rec.summary())
	}
	var totals []RuleCount
	if m.search != nil {
		totals = m.search.totals
	}
	cs.Rules = ruleMetrics(m, totals)
	return cs
}

// counts returns the configuration's count of tickets by status, kept on
// every status change beside the flexsim_tickets gauges.
func (c *configMetrics) counts() map[ticket.Status]int {
	out := make(map[ticket.Status]int, len(statusOrder))
	for i, st := range statusOrder {
		out[st] = c.count[i]
	}
	return out
}

// tally adds rule evaluations (or candidates a rule ruled out) to the
// search's running totals, which Status reports (the per-match counts
// start afresh for every anchor).
func (s *searcher) tally(rule int, c RuleCount) {
	if s.totals == nil {
		s.totals = make([]RuleCount, len(s.rs.Rules))
	}
	s.totals[rule].Passed += c.Passed
	s.totals[rule].Failed += c.Failed
}
