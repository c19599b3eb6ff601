package engine

import (
	"slices"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// Placer places the game sessions of WITH_QUEUE matches. The placement
// package provides one; until it is connected (WithPlacer), WITH_QUEUE
// configurations cannot be created, since their queues cannot be found.
type Placer interface {
	// ResolveQueue returns the ARN of a game session queue given by name or
	// ARN, or a NotFoundException.
	ResolveQueue(nameOrArn string) (string, error)
	// StartPlacement begins placing a match. It must not call the engine
	// before returning; it reports the outcome later through
	// Engine.PlacementDone.
	StartPlacement(req PlacementRequest) error
}

// PlacementRequest asks for a game session for a matched group.
type PlacementRequest struct {
	PlacementId      string // the match ID
	QueueArn         string
	ConfigurationArn string
	Players          []ticket.Player // with their teams and latencies
	// Regions are the regions the latency rule allows, best first.
	Regions         []string
	GameProperties  []GameProperty
	GameSessionData string
	MaximumPlayers  int
}

// PlacementResult is the outcome of a placement.
type PlacementResult struct {
	PlacementId string
	// Status is FULFILLED, TIMED_OUT, CANCELLED or FAILED.
	Status     string
	Connection *GameSessionConnectionInfo
}

// place hands an accepted WITH_QUEUE match to the placer.
func (e *Engine) place(p *proposal, now time.Time) {
	mm := p.mm
	req := PlacementRequest{
		PlacementId:      p.id,
		ConfigurationArn: mm.cfg.ConfigurationArn,
		GameProperties:   slices.Clone(mm.cfg.GameProperties),
		GameSessionData:  mm.cfg.GameSessionData,
		MaximumPlayers:   mm.rs.MaxPlayers,
	}
	if len(mm.cfg.GameSessionQueueArns) > 0 {
		req.QueueArn = mm.cfg.GameSessionQueueArns[0]
	}
	if p.region != "" {
		req.Regions = []string{p.region}
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
// FULFILLED completes the tickets with their connection information,
// TIMED_OUT returns them to SEARCHING, anything else fails them.
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
						c := *res.Connection
						en.conn = &c
					}
					e.finish(en, now, ticket.Completed, "", "")
				}
				ts, ps := e.eventTickets(p.entries, true, nil)
				info := EventSessionInfo{Players: ps}
				if c := res.Connection; c != nil {
					info.GameSessionArn, info.IPAddress, info.DNSName, info.Port = c.GameSessionArn, c.IpAddress, c.DnsName, c.Port
				}
				if e.listening() {
					e.emit(mm, now, EventDetail{Type: EventMatchmakingSucceeded, Tickets: ts, MatchID: p.id, GameSessionInfo: info})
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
