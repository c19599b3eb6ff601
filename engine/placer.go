package engine

import (
	"slices"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// Placer places the game sessions of WITH_QUEUE matches and adds backfilled
// players to them. The placement package provides one; until one is
// connected (WithPlacer), WITH_QUEUE configurations cannot be created, since
// their queues cannot be found.
//
// The engine calls a Placer while holding its own lock, so a Placer must not
// call back into the engine from these methods; it reports the outcome of a
// placement later, from its own tick, through PlacementRequest.Done.
type Placer interface {
	// ResolveQueue returns the ARN of a game session queue given by name or
	// ARN, or a NotFoundException.
	ResolveQueue(nameOrArn string) (string, error)
	// StartPlacement begins placing a match on a queue. The outcome arrives
	// later through req.Done, exactly once.
	StartPlacement(req PlacementRequest) error
	// GameSession describes a game session for StartMatchBackfill, or
	// returns a NotFoundException.
	GameSession(arn string) (BackfillSession, error)
	// JoinGameSession adds the new players of a backfill match to a game
	// session: it reserves their player sessions and replaces the session's
	// MatchmakerData. It returns the connection information for the new
	// players, or an error (GameSessionFullException,
	// InvalidGameSessionStatusException, NotFoundException) if they cannot
	// join.
	JoinGameSession(req JoinRequest) (*GameSessionConnectionInfo, error)
}

// PlacementRequest asks for a game session for a matched group.
type PlacementRequest struct {
	PlacementId      string // the match ID
	QueueArn         string
	ConfigurationArn string
	Players          []ticket.Player // with their teams and latencies
	GameProperties   []GameProperty
	GameSessionData  string
	// MatchmakerData is the JSON the game session carries (spec §8.3).
	MatchmakerData string
	MaximumPlayers int
	// Done receives the outcome. The placer calls it from its own tick,
	// never from inside StartPlacement, and without holding its own locks.
	Done func(PlacementResult)
}

// PlacementResult is the outcome of a placement.
type PlacementResult struct {
	PlacementId string
	// Status is FULFILLED, TIMED_OUT, CANCELLED or FAILED.
	Status     string
	Connection *GameSessionConnectionInfo
}

// BackfillSession is what the engine needs to know of a game session to
// backfill it.
type BackfillSession struct {
	GameSessionArn            string
	Status                    string // ACTIVE, ACTIVATING, TERMINATED, ...
	MaximumPlayerSessionCount int
	MatchmakerData            string // empty when FlexMatch did not create it
	Location                  string // the region or location it runs in
}

// Running reports whether the game session is ACTIVE or ACTIVATING, the
// statuses in which it takes new players.
func (s BackfillSession) Running() bool { return s.Status == "ACTIVE" || s.Status == "ACTIVATING" }

// JoinRequest adds backfilled players to a game session.
type JoinRequest struct {
	GameSessionArn string
	Players        []ticket.Player // the new players, with their teams
	MatchmakerData string          // the session's new MatchmakerData
}

// place hands an accepted WITH_QUEUE match to the placer. With automatic
// backfill the ID of the session's first backfill ticket is drawn now, since
// the MatchmakerData names it.
func (e *Engine) place(p *proposal, now time.Time) {
	mm := p.mm
	if mm.cfg.BackfillMode == BackfillAutomatic {
		p.autoBackfillID = e.newUUID()
	}
	req := PlacementRequest{
		PlacementId:      p.id,
		ConfigurationArn: mm.cfg.ConfigurationArn,
		GameProperties:   slices.Clone(mm.cfg.GameProperties),
		GameSessionData:  mm.cfg.GameSessionData,
		MatchmakerData:   e.matchmakerData(mm, p.id, p.entries, p.autoBackfillID),
		MaximumPlayers:   mm.rs.MaxPlayers,
		Done:             e.PlacementDone,
	}
	if len(mm.cfg.GameSessionQueueArns) > 0 {
		req.QueueArn = mm.cfg.GameSessionQueueArns[0]
	}
	for _, en := range p.entries {
		req.Players = append(req.Players, en.players()...)
		e.setStatus(en, ticket.Placing, "", "")
	}
	var err error
	if e.opts.placer == nil {
		err = &Error{Code: CodeInternalService, Message: "no game session placement is connected"}
	} else {
		err = e.opts.placer.StartPlacement(req)
	}
	if err != nil {
		e.failPlacement(p, now)
		return
	}
	mm.placing = append(mm.placing, p)
}

// PlacementDone reports the outcome of a placement the engine started:
// FULFILLED completes the tickets with their connection information (and,
// with automatic backfill, starts the session's backfill ticket while it has
// open slots), TIMED_OUT returns them to SEARCHING, anything else fails
// them. The placer calls it through PlacementRequest.Done.
func (e *Engine) PlacementDone(res PlacementResult) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	for _, mm := range e.configs {
		for _, p := range mm.placing {
			if p.id != res.PlacementId {
				continue
			}
			mm.placing = slices.DeleteFunc(mm.placing, func(q *proposal) bool { return q == p })
			switch res.Status {
			case "FULFILLED":
				for _, en := range p.entries {
					if res.Connection != nil {
						en.conn = connectionFor(res.Connection, en)
					}
					e.finish(en, now, ticket.Completed, "", "")
				}
				ts, ps := e.eventTickets(p.entries, true, nil)
				if e.listening() {
					e.emit(mm, now, EventDetail{Type: EventMatchmakingSucceeded, Tickets: ts, MatchID: p.id, GameSessionInfo: sessionInfo(res.Connection, ps)})
				}
				if p.autoBackfillID != "" && res.Connection != nil {
					e.startAutoBackfill(mm, res.Connection.GameSessionArn, p.autoBackfillID, p.entries, now)
				}
			case "TIMED_OUT":
				e.requeue(mm, now, p.entries, "", "")
			default:
				e.failPlacement(p, now)
			}
			return
		}
	}
}

func (e *Engine) failPlacement(p *proposal, now time.Time) {
	for _, en := range p.entries {
		e.finish(en, now, ticket.Failed, reasonUnexpectedError, messageUnexpected)
	}
	ts, ps := e.eventTickets(p.entries, true, nil)
	if e.listening() {
		e.emit(p.mm, now, EventDetail{
			Type:            EventMatchmakingFailed,
			Tickets:         ts,
			Reason:          reasonUnexpectedError,
			Message:         messageUnexpected,
			MatchID:         p.id,
			GameSessionInfo: EventSessionInfo{Players: ps},
		})
	}
}
