package ticket

import "time"

// Ticket is a matchmaking request (StartMatchmaking) or a backfill request
// (StartMatchBackfill) as the engine keeps it. Its exported fields mirror the
// API's MatchmakingTicket.
type Ticket struct {
	TicketID          string
	ConfigurationName string
	ConfigurationArn  string
	Status            Status
	StatusReason      string
	StatusMessage     string
	StartTime         time.Time
	EndTime           time.Time // zero until the ticket reaches a terminal status
	Players           []Player
	// IsBackfill marks a StartMatchBackfill request.
	IsBackfill bool
	// GameSessionArn is the session a backfill ticket fills (WITH_QUEUE).
	GameSessionArn string
	// EstimatedWaitTime is in whole seconds; negative when not available.
	EstimatedWaitTime int
}

// Age is how long the ticket has existed at now.
func (t *Ticket) Age(now time.Time) time.Duration { return now.Sub(t.StartTime) }

// Size is the number of players on the ticket.
func (t *Ticket) Size() int { return len(t.Players) }

// Player returns the player with the given ID, or nil.
func (t *Ticket) Player(id string) *Player {
	for i := range t.Players {
		if t.Players[i].PlayerID == id {
			return &t.Players[i]
		}
	}
	return nil
}
