package engine

import (
	"context"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/flexsim/flexsim/ticket"
)

// MaxDescribeTickets is the most TicketIds one DescribeMatchmaking takes.
const MaxDescribeTickets = 10

// NewUUID draws a version-4 UUID from rng, so that runs with the same seed
// repeat their IDs. The placement package draws its IDs the same way.
func NewUUID(rng *rand.Rand) string {
	var u uuid.UUID
	binary.LittleEndian.PutUint64(u[:8], rng.Uint64())
	binary.LittleEndian.PutUint64(u[8:], rng.Uint64())
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

// newUUID draws a version-4 UUID from the engine's seeded generator.
func (e *Engine) newUUID() string { return NewUUID(e.rng) }

// StartMatchmaking puts a ticket in a configuration's pool. The ticket is
// QUEUED until the next tick makes it SEARCHING. The returned ticket's
// players share their attribute and latency maps with in.Players; the
// engine keeps a copy of its own. Any older active ticket
// holding one of its players is cancelled (a player is in one request at a
// time); a player whose ticket is PLACING cannot start another.
func (e *Engine) StartMatchmaking(ctx context.Context, in *StartMatchmakingInput) (*StartMatchmakingOutput, error) {
	if in.TicketId != "" {
		if err := checkTicketID(in.TicketId); err != nil {
			return nil, err
		}
	}
	if err := ticket.ValidatePlayers(in.Players, ticket.MaxPlayersPerTicket); err != nil {
		return nil, invalid("%v", err)
	}
	for _, p := range in.Players {
		if p.Team != "" {
			return nil, invalid("player %s: Team must not be set in StartMatchmaking (it is for backfill)", p.PlayerID)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	mm, err := e.matchmaker(in.ConfigurationName)
	if err != nil {
		return nil, err
	}
	en, err := e.admit(mm, in.TicketId, in.Players, nil)
	if err != nil {
		return nil, err
	}
	// The players are the caller's: the engine keeps its own copy.
	return &StartMatchmakingOutput{MatchmakingTicket: e.describeWith(en, slices.Clone(in.Players))}, nil
}

// admit creates a QUEUED ticket for players in mm's pool: it draws an ID
// if id is empty, prepares the party (and, for a backfill ticket, the
// parties of its teams), cancels the players' older active tickets and
// indexes the new one. e.mu is held.
func (e *Engine) admit(mm *matchmaker, id string, players []ticket.Player, bf *backfillInfo) (*entry, error) {
	if id == "" {
		id = e.newUUID()
	}
	if _, ok := e.tickets[id]; ok {
		return nil, invalid("a ticket with TicketId %s already exists", id)
	}
	now := e.now()
	en := &entry{mm: mm, backfill: bf}
	en.t = &en.ticket
	t := en.t
	*t = ticket.Ticket{
		TicketID:          id,
		ConfigurationName: mm.cfg.Name,
		ConfigurationArn:  mm.cfg.ConfigurationArn,
		Status:            ticket.Queued,
		StartTime:         now,
	}
	slim, compact := compactPlayers(players)
	en.compact = compact
	t.Players = slim
	party, err := en.prepareAdmitted(mm.rs, players)
	if err != nil {
		return nil, invalid("%v", err)
	}
	var replaced []*entry
	for _, p := range t.Players {
		if bf != nil {
			break // a backfill ticket lists players already in a game
		}
		if old := e.players[p.PlayerID]; old != nil && !old.t.Status.Terminal() && !slices.Contains(replaced, old) {
			if old.t.Status == ticket.Placing {
				return nil, invalid("player %s is in ticket %s, which is in PLACING status", p.PlayerID, old.t.TicketID)
			}
			replaced = append(replaced, old)
		}
	}
	for _, old := range replaced {
		// Cancelling one may already have ended another of its match.
		if !old.t.Status.Terminal() {
			e.cancel(old, now, reasonCancelled, messageReplaced)
		}
	}
	en.setParty(party)
	en.start, en.counts = now.UnixNano(), make([]RuleCount, len(mm.rs.Rules))
	en.startText = e.isoNow(now)
	e.tickets[id] = en
	for _, p := range t.Players {
		// A player with an active request stays with it; a later request
		// of a backfill ticket's player cancels the backfill ticket.
		if old := e.players[p.PlayerID]; bf == nil || old == nil || old.t.Status.Terminal() {
			e.players[p.PlayerID] = en
		}
	}
	mm.queued = append(mm.queued, en)
	mm.metrics.status("", ticket.Queued)
	return en, nil
}

func checkTicketID(id string) error {
	if len(id) > 128 || !isName(id) {
		return invalid("TicketId %q must be at most 128 letters, digits, '-' and '.'", id)
	}
	return nil
}

// DescribeMatchmaking returns the tickets that exist among the IDs, in the
// order asked; unknown IDs are left out.
func (e *Engine) DescribeMatchmaking(ctx context.Context, in *DescribeMatchmakingInput) (*DescribeMatchmakingOutput, error) {
	if len(in.TicketIds) < 1 || len(in.TicketIds) > MaxDescribeTickets {
		return nil, invalid("TicketIds must hold 1 to %d IDs, got %d", MaxDescribeTickets, len(in.TicketIds))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	out := &DescribeMatchmakingOutput{TicketList: []MatchmakingTicket{}}
	for _, id := range in.TicketIds {
		if en, ok := e.tickets[id]; ok {
			out.TicketList = append(out.TicketList, *e.describe(en))
		}
	}
	return out, nil
}

// describe copies a ticket for the API.
func (e *Engine) describe(en *entry) *MatchmakingTicket { return e.describeWith(en, en.players()) }

// describeWith is describe with the ticket's players given.
func (e *Engine) describeWith(en *entry, players []ticket.Player) *MatchmakingTicket {
	t := en.t
	mt := &MatchmakingTicket{
		TicketId:          t.TicketID,
		ConfigurationName: t.ConfigurationName,
		ConfigurationArn:  t.ConfigurationArn,
		Status:            t.Status,
		StatusReason:      t.StatusReason,
		StatusMessage:     t.StatusMessage,
		StartTime:         t.StartTime,
		EndTime:           t.EndTime,
		Players:           players,
	}
	if en.conn != nil {
		c := *en.conn
		c.MatchedPlayerSessions = slices.Clone(c.MatchedPlayerSessions)
		mt.GameSessionConnectionInfo = &c
	}
	if !t.Status.Terminal() {
		if w, ok := en.mm.estimatedWait(); ok {
			secs := int(w / time.Second)
			mt.EstimatedWaitTime = &secs
		}
	}
	return mt
}

// StopMatchmaking cancels a ticket. A ticket in PLACING cannot be
// cancelled; stopping one that awaits acceptance drops its match.
func (e *Engine) StopMatchmaking(ctx context.Context, in *StopMatchmakingInput) (*StopMatchmakingOutput, error) {
	if in.TicketId == "" {
		return nil, invalid("TicketId is required")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	en, ok := e.tickets[in.TicketId]
	if !ok {
		return nil, notFound("ticket %s not found", in.TicketId)
	}
	switch st := en.t.Status; {
	case st == ticket.Placing:
		return nil, invalid("Matchmaking ticket is in PLACING status and cannot be canceled.")
	case st.Terminal():
		return nil, invalid("Matchmaking ticket %s is in %s status and cannot be canceled.", in.TicketId, st)
	}
	e.cancel(en, e.now(), reasonCancelled, messageCancelled)
	return &StopMatchmakingOutput{}, nil
}

// cancel ends an active ticket as CANCELLED. A ticket awaiting acceptance
// takes its match down with it: the other tickets follow the rejection path.
func (e *Engine) cancel(en *entry, now time.Time, reason, message string) {
	if p := en.proposal; p != nil {
		e.dropProposal(p, now, acceptanceRejected, en)
		if en.t.Status.Terminal() {
			return
		}
	}
	searched := en.mm.searching && en.t.Status == ticket.Searching
	e.finish(en, now, ticket.Cancelled, reason, message)
	if searched {
		e.endedLater = append(e.endedLater, endedEvent{en, now, EventMatchmakingCancelled, reason, message})
		return
	}
	e.emitEnded(en, now, EventMatchmakingCancelled, reason, message)
}

// endedEvent is an emitEnded call put off until a search is done.
type endedEvent struct {
	en                   *entry
	now                  time.Time
	typ, reason, message string
}

// emitEnded emits the event of one ticket ending on its own (timed out or
// cancelled), with the rule counts of the evaluations that involved it.
func (e *Engine) emitEnded(en *entry, now time.Time, typ, reason, message string) {
	if !e.listening() {
		return
	}
	ts, ps := e.eventTickets([]*entry{en}, false, nil)
	e.emit(en.mm, now, EventDetail{
		Type:                  typ,
		Tickets:               ts,
		RuleEvaluationMetrics: ruleMetrics(en.mm, en.counts),
		Reason:                reason,
		Message:               message,
		MatchID:               en.matchID,
		GameSessionInfo:       EventSessionInfo{Players: ps},
	})
}

// finish moves a ticket to a terminal status. Its players are free at once
// (StartMatchmaking ignores terminal tickets); retire drops the references.
func (e *Engine) finish(en *entry, now time.Time, st ticket.Status, reason, message string) {
	en.mm.metrics.status(en.t.Status, st)
	en.t.Status, en.t.StatusReason, en.t.StatusMessage = st, reason, message
	en.t.EndTime = now
	en.proposal = nil
	e.retired = append(e.retired, en)
}

// setStatus moves a ticket between active statuses.
func (e *Engine) setStatus(en *entry, st ticket.Status, reason, message string) {
	en.mm.metrics.status(en.t.Status, st)
	en.t.Status, en.t.StatusReason, en.t.StatusMessage = st, reason, message
}

// active counts a matchmaker's tickets that are not terminal.
func (m *matchmaker) active() int {
	n := 0
	for _, list := range [][]*entry{m.queued, m.returning, m.pool} {
		for _, en := range list {
			if en.t.Status == ticket.Searching || en.t.Status == ticket.Queued {
				n++
			}
		}
	}
	for _, p := range append(slices.Clone(m.proposals), m.placing...) {
		n += len(p.entries)
	}
	return n
}
