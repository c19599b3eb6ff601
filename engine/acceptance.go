package engine

import (
	"context"
	"slices"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// proposal is a potential match awaiting acceptance.
type proposal struct {
	id       string
	mm       *matchmaker
	entries  []*entry
	deadline time.Time
	// answers holds each player's answer; a missing key is no answer yet.
	answers map[string]bool
	region  string
	// autoBackfillID is the ID of the game session's first automatic
	// backfill ticket, drawn when the match goes to placement.
	autoBackfillID string
}

// propose turns a formed match into a potential match: teams are set on the
// players, PotentialMatchCreated is emitted, and the tickets go on to
// acceptance, placement or completion.
func (e *Engine) propose(mm *matchmaker, now time.Time, fm *formedMatch) {
	p := &proposal{id: e.newUUID(), mm: mm, entries: fm.entries}
	if len(fm.regions) > 0 {
		p.region = fm.regions[0].Region
	}
	for i, en := range fm.entries {
		if fm.teams[i] >= 0 { // a backfill ticket's players keep their teams
			team := mm.rs.Teams[fm.teams[i]].Name
			for j := range en.t.Players {
				en.t.Players[j].Team = team
			}
		}
		en.matchID = p.id
		en.proposal = p
	}
	mm.recordMatch(p, now)
	mm.metrics.matched(fm)
	ts, ps := e.eventTickets(p.entries, true, nil)
	timeout := mm.cfg.AcceptanceTimeoutSeconds
	required := mm.cfg.AcceptanceRequired
	if e.listening() {
		e.emit(mm, now, EventDetail{
			Type:                  EventPotentialMatchCreated,
			Tickets:               ts,
			AcceptanceTimeout:     &timeout,
			AcceptanceRequired:    &required,
			RuleEvaluationMetrics: ruleMetrics(mm, fm.counts),
			MatchID:               p.id,
			GameSessionInfo:       EventSessionInfo{Players: ps},
		})
	}
	if required {
		p.deadline = now.Add(time.Duration(timeout) * time.Second)
		p.answers = map[string]bool{}
		for _, en := range p.entries {
			e.setStatus(en, ticket.RequiresAcceptance, "", "")
			if en.backfill != nil { // only new players accept
				for _, pl := range en.t.Players {
					p.answers[pl.PlayerID] = true
				}
			}
		}
		mm.proposals = append(mm.proposals, p)
		return
	}
	e.proceed(p, now, ts, ps)
}

// proceed takes an accepted (or acceptance-free) match on: STANDALONE
// tickets complete, WITH_QUEUE tickets go to placement.
// ts and ps are the match's event tickets and players, if the caller has
// them (events are read-only, so two events may share them).
func (e *Engine) proceed(p *proposal, now time.Time, ts []EventTicket, ps []EventPlayer) {
	mm := p.mm
	for _, en := range p.entries {
		en.proposal = nil
		mm.recordWait(now.Sub(en.t.StartTime))
		mm.metrics.wait.Observe(now.Sub(en.t.StartTime).Seconds())
	}
	if bf := backfillOf(p); bf != nil {
		e.completeBackfill(p, bf, now)
		return
	}
	if mm.cfg.FlexMatchMode == ModeWithQueue {
		e.place(p, now)
		return
	}
	for _, en := range p.entries {
		e.finish(en, now, ticket.Completed, "", "")
	}
	if ts == nil {
		ts, ps = e.eventTickets(p.entries, true, nil)
	}
	if e.listening() {
		e.emit(mm, now, EventDetail{
			Type:            EventMatchmakingSucceeded,
			Tickets:         ts,
			MatchID:         p.id,
			GameSessionInfo: EventSessionInfo{Players: ps, RecommendedRegion: p.region},
		})
	}
}

// AcceptMatch records players' answers to a potential match. Once every
// player accepted, the match goes on; a rejection drops it at once.
func (e *Engine) AcceptMatch(ctx context.Context, in *AcceptMatchInput) (*AcceptMatchOutput, error) {
	if in.AcceptanceType != Accept && in.AcceptanceType != Reject {
		return nil, invalid("AcceptanceType must be ACCEPT or REJECT, got %q", in.AcceptanceType)
	}
	if len(in.PlayerIds) == 0 {
		return nil, invalid("PlayerIds must name at least one player")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	en, ok := e.tickets[in.TicketId]
	if !ok {
		return nil, notFound("ticket %s not found", in.TicketId)
	}
	now := e.now()
	if p := en.proposal; p != nil && en.t.Status == ticket.RequiresAcceptance && !now.Before(p.deadline) {
		e.dropProposal(p, now, acceptanceTimedOut, nil)
	}
	if en.t.Status != ticket.RequiresAcceptance {
		return nil, invalid("ticket %s is in %s status, not REQUIRES_ACCEPTANCE", in.TicketId, en.t.Status)
	}
	for _, id := range in.PlayerIds {
		if en.t.Player(id) == nil {
			return nil, invalid("player %s is not on ticket %s", id, in.TicketId)
		}
	}
	p := en.proposal
	for _, id := range in.PlayerIds {
		p.answers[id] = in.AcceptanceType == Accept
	}
	ts, ps := e.eventTickets(p.entries, true, p.answer)
	if e.listening() {
		e.emit(p.mm, now, EventDetail{Type: EventAcceptMatch, Tickets: ts, MatchID: p.id, GameSessionInfo: EventSessionInfo{Players: ps}})
	}
	switch {
	case in.AcceptanceType == Reject:
		e.dropProposal(p, now, acceptanceRejected, nil)
	case p.allAccepted():
		e.completeAcceptance(p, now)
	}
	return &AcceptMatchOutput{}, nil
}

func (p *proposal) answer(en *entry, player string) *bool {
	v, ok := p.answers[player]
	if !ok {
		return nil
	}
	return &v
}

func (p *proposal) accepted(en *entry) bool {
	for _, pl := range en.t.Players {
		if !p.answers[pl.PlayerID] {
			return false
		}
	}
	return true
}

func (p *proposal) allAccepted() bool {
	for _, en := range p.entries {
		if !p.accepted(en) {
			return false
		}
	}
	return true
}

func (e *Engine) completeAcceptance(p *proposal, now time.Time) {
	e.removeProposal(p)
	ts, ps := e.eventTickets(p.entries, true, p.answer)
	if e.listening() {
		e.emit(p.mm, now, EventDetail{Type: EventAcceptMatchCompleted, Tickets: ts, Acceptance: acceptanceAccepted, MatchID: p.id, GameSessionInfo: EventSessionInfo{Players: ps}})
	}
	e.proceed(p, now, nil, nil)
}

func (e *Engine) removeProposal(p *proposal) {
	p.mm.proposals = slices.DeleteFunc(p.mm.proposals, func(q *proposal) bool { return q == p })
}

// dropProposal ends a potential match that was not accepted: tickets whose
// players all accepted return to SEARCHING, the others are cancelled. The
// cause, if any, is a ticket being cancelled by request; the caller ends it.
func (e *Engine) dropProposal(p *proposal, now time.Time, acceptance string, cause *entry) {
	e.removeProposal(p)
	ts, ps := e.eventTickets(p.entries, true, p.answer)
	if e.listening() {
		e.emit(p.mm, now, EventDetail{Type: EventAcceptMatchCompleted, Tickets: ts, Acceptance: acceptance, MatchID: p.id, GameSessionInfo: EventSessionInfo{Players: ps}})
	}
	var back, cancelled []*entry
	for _, en := range p.entries {
		en.proposal = nil
		switch {
		case en == cause:
		case p.accepted(en):
			back = append(back, en)
		default:
			cancelled = append(cancelled, en)
		}
	}
	reason, message := reasonRejected, messageRejected
	if acceptance == acceptanceTimedOut {
		reason, message = reasonAcceptanceTimedOut, messageAcceptanceTimedOut
	}
	for _, en := range cancelled {
		e.finish(en, now, ticket.Cancelled, reason, message)
	}
	if len(cancelled) > 0 {
		ts, ps := e.eventTickets(cancelled, false, nil)
		if e.listening() {
			e.emit(p.mm, now, EventDetail{
				Type:                  EventMatchmakingCancelled,
				Tickets:               ts,
				RuleEvaluationMetrics: ruleMetrics(p.mm, sumCounts(cancelled)),
				Reason:                reason,
				Message:               message,
				MatchID:               p.id,
				GameSessionInfo:       EventSessionInfo{Players: ps},
			})
		}
	}
	e.requeue(p.mm, now, back, reasonAcceptanceFailed, "")
}

// requeue returns tickets to SEARCHING after a match fell through.
func (e *Engine) requeue(mm *matchmaker, now time.Time, back []*entry, reason, message string) {
	if len(back) == 0 {
		return
	}
	for _, en := range back {
		e.setStatus(en, ticket.Searching, reason, message)
		if en.backfill == nil { // a backfill ticket's players keep their teams
			for j := range en.t.Players {
				en.t.Players[j].Team = ""
			}
		}
		en.proposal = nil
		mm.returning = append(mm.returning, en)
	}
	e.emitSearching(mm, now, back)
}

func sumCounts(es []*entry) []RuleCount {
	if len(es) == 0 {
		return nil
	}
	out := make([]RuleCount, len(es[0].counts))
	for _, en := range es {
		for i, c := range en.counts {
			if i < len(out) {
				out[i].Passed += c.Passed
				out[i].Failed += c.Failed
			}
		}
	}
	return out
}

// expireProposals drops the matches whose acceptance time is up.
func (e *Engine) expireProposals(mm *matchmaker, now time.Time) {
	for _, p := range slices.Clone(mm.proposals) {
		if !now.Before(p.deadline) {
			e.dropProposal(p, now, acceptanceTimedOut, nil)
		}
	}
}
