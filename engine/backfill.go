package engine

import (
	"context"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// StartMatchBackfillInput asks for new players for a running game.
type StartMatchBackfillInput struct {
	TicketId          string // optional; a UUID is drawn when empty
	ConfigurationName string // name or ARN
	// GameSessionArn is the game session to fill: required for a
	// WITH_QUEUE configuration, not allowed for a STANDALONE one.
	GameSessionArn string
	// Players are every current player of the game, each with Team set.
	Players []ticket.Player
}

// StartMatchBackfillOutput is the new backfill ticket, QUEUED.
type StartMatchBackfillOutput struct {
	MatchmakingTicket *MatchmakingTicket
}

// backfillInfo marks a backfill ticket.
type backfillInfo struct {
	sessionArn string // "" for STANDALONE
	// parties are the ticket's players grouped by their given team, in team
	// order: the search places each on its team.
	parties []teamParty
}

type teamParty struct {
	team  int
	party *ruleset.Party
}

// split groups the players of a backfill ticket t by team into parties of
// rs. A player whose team rs does not have is an error.
func (b *backfillInfo) split(rs *ruleset.RuleSet, t *ticket.Ticket, whole *ruleset.Party) error {
	groups := make([][]ticket.Player, len(rs.Teams))
	for _, p := range t.Players {
		ti := teamIndex(rs, p.Team)
		if ti < 0 {
			return invalid("player %s: team %q is not a team of rule set %s", p.PlayerID, p.Team, rs.Name)
		}
		groups[ti] = append(groups[ti], p)
	}
	b.parties = b.parties[:0]
	for ti, g := range groups {
		if len(g) == 0 {
			continue
		}
		sub := *t
		sub.Players = g
		party, err := rs.NewParty(&sub)
		if err != nil {
			return err
		}
		party.Ticket = whole.Ticket
		b.parties = append(b.parties, teamParty{team: ti, party: party})
	}
	return nil
}

func teamIndex(rs *ruleset.RuleSet, name string) int {
	for i, t := range rs.Teams {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// StartMatchBackfill puts a backfill ticket in a configuration's pool: the
// game's current players with their teams. The search keeps them on their
// teams and adds at least one new ticket to fill open slots; only the new
// players are asked to accept. A game session has one active backfill
// ticket: a new one cancels the one before.
func (e *Engine) StartMatchBackfill(ctx context.Context, in *StartMatchBackfillInput) (*StartMatchBackfillOutput, error) {
	if in.TicketId != "" {
		if err := checkTicketID(in.TicketId); err != nil {
			return nil, err
		}
	}
	if err := ticket.ValidatePlayers(in.Players, ticket.MaxPlayersPerBackfill); err != nil {
		return nil, invalid("%v", err)
	}
	for _, p := range in.Players {
		if p.Team == "" {
			return nil, invalid("player %s: Team is required in StartMatchBackfill", p.PlayerID)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	mm, err := e.matchmaker(in.ConfigurationName)
	if err != nil {
		return nil, err
	}
	bf := &backfillInfo{sessionArn: in.GameSessionArn}
	if mm.cfg.FlexMatchMode == ModeWithQueue {
		if err := e.checkBackfillSession(in.GameSessionArn); err != nil {
			return nil, err
		}
	} else if in.GameSessionArn != "" {
		return nil, invalid("GameSessionArn must not be set for configuration %s, which is STANDALONE", mm.cfg.Name)
	}
	en, err := e.admit(mm, in.TicketId, in.Players, bf)
	if err != nil {
		return nil, err
	}
	e.replaceBackfill(en)
	return &StartMatchBackfillOutput{MatchmakingTicket: e.describe(en)}, nil
}

// checkBackfillSession checks that a game session exists, was created by
// FlexMatch and is running.
func (e *Engine) checkBackfillSession(arn string) error {
	if arn == "" {
		return invalid("GameSessionArn is required to backfill a WITH_QUEUE configuration")
	}
	if e.opts.placer == nil {
		return notFound("game session %s not found", arn)
	}
	gs, err := e.opts.placer.GameSession(arn)
	if err != nil {
		return err
	}
	if gs.MatchmakerData == "" {
		return invalid("game session %s was not created by FlexMatch and cannot be backfilled", arn)
	}
	if !gs.Running() {
		return invalid("game session %s is %s and cannot be backfilled", arn, gs.Status)
	}
	return nil
}

// replaceBackfill makes en the game session's active backfill ticket,
// cancelling the one before.
func (e *Engine) replaceBackfill(en *entry) {
	arn := en.backfill.sessionArn
	if arn == "" {
		return
	}
	if old := e.backfills[arn]; old != nil && old != en && !old.t.Status.Terminal() && old.t.Status != ticket.Placing {
		e.cancel(old, e.now(), reasonCancelled, messageBackfillReplaced)
	}
	e.backfills[arn] = en
}

// backfillOf returns the backfill ticket of a match, or nil.
func backfillOf(p *proposal) *entry {
	for _, en := range p.entries {
		if en.backfill != nil {
			return en
		}
	}
	return nil
}

// completeBackfill ends an accepted backfill match. With a game session the
// new players join it (its MatchmakerData now lists them) and every ticket
// completes with its connection information; if they cannot join, the
// backfill ticket fails and the new tickets search again. Automatic backfill
// then asks again while the session has open slots.
func (e *Engine) completeBackfill(p *proposal, bfEntry *entry, now time.Time) {
	mm := p.mm
	var conn *GameSessionConnectionInfo
	var autoID string
	if arn := bfEntry.backfill.sessionArn; arn != "" {
		if mm.cfg.BackfillMode == BackfillAutomatic {
			autoID = e.newUUID()
		}
		var fresh []ticket.Player
		for _, en := range p.entries {
			if en != bfEntry {
				fresh = append(fresh, en.players()...)
			}
		}
		var err error
		if e.opts.placer == nil {
			err = notFound("game session %s not found", arn)
		} else {
			conn, err = e.opts.placer.JoinGameSession(JoinRequest{
				GameSessionArn: arn,
				Players:        fresh,
				MatchmakerData: e.matchmakerData(mm, p.id, p.entries, autoID),
			})
		}
		if err != nil {
			e.failBackfill(p, bfEntry, now, err)
			return
		}
	}
	for _, en := range p.entries {
		if conn != nil {
			en.conn = connectionFor(conn, en)
		}
		e.finish(en, now, ticket.Completed, "", "")
	}
	ts, ps := e.eventTickets(p.entries, true, nil)
	if e.listening() {
		e.emit(mm, now, EventDetail{Type: EventMatchmakingSucceeded, Tickets: ts, MatchID: p.id, GameSessionInfo: sessionInfo(conn, ps)})
	}
	if autoID != "" && conn != nil {
		e.startAutoBackfill(mm, conn.GameSessionArn, autoID, p.entries, now)
	}
}

// failBackfill ends a backfill match whose players could not join: the
// backfill ticket fails, the new tickets return to SEARCHING.
func (e *Engine) failBackfill(p *proposal, bfEntry *entry, now time.Time, cause error) {
	message := "The new players could not join the game session: " + cause.Error()
	e.finish(bfEntry, now, ticket.Failed, reasonUnexpectedError, message)
	if e.listening() {
		ts, ps := e.eventTickets([]*entry{bfEntry}, true, nil)
		e.emit(p.mm, now, EventDetail{Type: EventMatchmakingFailed, Tickets: ts, Reason: reasonUnexpectedError, Message: message, MatchID: p.id, GameSessionInfo: EventSessionInfo{Players: ps}})
	}
	var back []*entry
	for _, en := range p.entries {
		if en != bfEntry {
			back = append(back, en)
		}
	}
	e.requeue(p.mm, now, back, "", "")
}

// connectionFor is a game session's connection information with the player
// sessions of en's players only (all of them for a backfill ticket).
func connectionFor(conn *GameSessionConnectionInfo, en *entry) *GameSessionConnectionInfo {
	c := *conn
	c.MatchedPlayerSessions = nil
	for _, ps := range conn.MatchedPlayerSessions {
		if en.backfill != nil || en.t.Player(ps.PlayerId) != nil {
			c.MatchedPlayerSessions = append(c.MatchedPlayerSessions, ps)
		}
	}
	return &c
}

func sessionInfo(conn *GameSessionConnectionInfo, ps []EventPlayer) EventSessionInfo {
	info := EventSessionInfo{Players: ps}
	if conn != nil {
		info.GameSessionArn, info.IPAddress, info.DNSName, info.Port = conn.GameSessionArn, conn.IpAddress, conn.DnsName, conn.Port
	}
	return info
}

// startAutoBackfill creates the automatic backfill ticket of a game session
// whose players are those of entries, with the ID its MatchmakerData names.
// Nothing is created when the session is full.
func (e *Engine) startAutoBackfill(mm *matchmaker, arn, id string, entries []*entry, now time.Time) {
	if e.opts.placer == nil {
		return
	}
	gs, err := e.opts.placer.GameSession(arn)
	if err != nil || !gs.Running() {
		return
	}
	region := gs.Location
	var players []ticket.Player
	for _, en := range entries {
		for _, p := range en.players() {
			ms, ok := p.LatencyInMs[region]
			p.LatencyInMs = nil
			if ok {
				p.LatencyInMs = map[string]int{region: ms}
			}
			players = append(players, p)
		}
	}
	if len(players) >= gs.MaximumPlayerSessionCount || len(players) > ticket.MaxPlayersPerBackfill {
		return
	}
	en, err := e.admit(mm, id, players, &backfillInfo{sessionArn: arn})
	if err != nil {
		return
	}
	e.replaceBackfill(en)
}
