package engine

import "time"

// Quiet reports whether Tick(now) would change nothing: a caller that
// keeps a record of every tick (the server's journal) may then neither
// run nor record it, and no answer, event or later tick comes out
// differently than if it had run. It takes the engine's locks as Tick
// does. A skipped tick is not counted in the flexsim_tick_duration_seconds
// histogram (metrics are not state).
//
// It holds when, at now (raised to the latest reading, as Tick raises it):
//
//   - every configuration's queue of new tickets (QUEUED), pool
//     (SEARCHING) and list of tickets back from a failed acceptance or
//     placement are empty: backfill tickets included, and tickets that
//     ended while listed there (Tick drops them). Tick would otherwise
//     promote (a MatchmakingSearching event, its ID from the generator),
//     time out (the request timeout; an event, the ticket retired), search
//     (rule counts, the generator's shuffle, the expansions, which go by a
//     ticket's age at the search) and propose matches (match IDs, events,
//     acceptance deadlines, placements, the estimated wait). With all
//     three empty, it only swaps the two empty arrays it promotes from and
//     sets the pool gauge to 0, which it already is;
//   - every match awaiting acceptance has its deadline after now: Tick
//     drops those whose deadline has come (AcceptMatchCompleted, tickets
//     cancelled or back to SEARCHING). Matches awaiting placement are not
//     Tick's: the placement service's tick reports their outcome
//     (PlacementDone);
//   - the ticket that ended last no longer holds its prepared party (or no
//     ticket has ended): Tick drops the parties of the tickets that ended
//     since the tick before, newest first, until it meets one without;
//   - the ticket that ended first among those retained ended less than the
//     ticket retention (WithTicketRetention) before now (or none is
//     retained): Tick forgets, oldest first, the tickets past it (from
//     the tickets, players and backfills indexes and the status counts)
//     and stops at the first one that is not.
//
// Nothing else is written by Tick: event sequence numbers, event, match
// and ticket IDs and the generator are touched only by the steps above;
// searches that hold no lock end before Tick returns, with their put-off
// events.
//
// One field is left out: Tick raises the engine's latest reading (which
// keeps times from going backwards when a real clock does) to now. A
// skipped tick leaves it lower, which no one can tell as long as no later
// reading of the clock is earlier than now; a caller that skips ticks must
// make sure of that (the server's journal clock never reads earlier than
// a tick it has passed, run or skipped).
func (e *Engine) Quiet(now time.Time) bool {
	e.ticking.Lock()
	defer e.ticking.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if now.Before(e.lastNow) {
		now = e.lastNow
	}
	for _, mm := range e.configs {
		if mm != nil && !mm.quiet(now) {
			return false
		}
	}
	if n := len(e.retired); n > 0 {
		if e.retired[n-1].party != nil {
			return false
		}
		if now.Sub(e.retired[0].t.EndTime) >= e.opts.retention {
			return false
		}
	}
	return true
}

// quiet reports whether the configuration's round at now would change
// nothing (see Engine.Quiet). e.mu is held.
func (m *matchmaker) quiet(now time.Time) bool {
	if len(m.queued) > 0 || len(m.pool) > 0 || len(m.returning) > 0 {
		return false
	}
	for _, p := range m.proposals {
		if !now.Before(p.deadline) {
			return false
		}
	}
	return true
}
