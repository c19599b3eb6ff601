package placement

import "time"

// Quiet reports whether Tick(now) would change nothing: a caller that
// keeps a record of every tick (the server's journal) may then neither
// run nor record it, and no answer, event or later tick comes out
// differently than if it had run. It takes the Service's lock as Tick
// does.
//
// It holds when, at now:
//
//   - no RESERVED player session is due: the oldest reservation still
//     listed is RESERVED and was made less than ReservedTimeout before now
//     (or none is listed). Tick times out, oldest first, the reservations
//     past it (TIMEDOUT, TerminationTime, a seat freed), drops from the
//     list those at its head that left RESERVED another way, and stops at
//     the first one still waiting;
//   - no game session is TERMINATING (TerminateGameSession with
//     TRIGGER_ON_PROCESS_TERMINATE): Tick ends them (TERMINATED, player
//     sessions COMPLETED, the process freed);
//   - the game session that ended first among those retained ended less
//     than the retention (WithGameSessionRetention) before now (or none is
//     retained): Tick forgets, oldest first, the sessions past it, with
//     their player sessions, and stops at the first one that is not;
//   - no placement is PENDING: Tick tries each (a game session, player
//     sessions, IDs, IP addresses and ports from the generator, capacity,
//     plan caches), or times it out or fails it (an event, the engine's
//     callback);
//   - no event or engine callback is waiting for delivery: Tick delivers
//     them after its round;
//   - no call has timed out a reservation since the last tick (a mark
//     Tick clears). Calls time out the reservations due by their own time,
//     so that each sees the seats as a tick would leave them, and a
//     journal records no read among them: the tick after such a read is
//     journaled, so that a replay, which repeats no read, times them out
//     by then too, with the same TerminationTime (CreationTime +
//     ReservedTimeout, whoever notices).
//
// Tick also counts its rounds (and sets, then clears, a mark of being in
// one). The count is only compared, for equality, with counts recorded in
// earlier rounds or between rounds (a queue's plan is checked once a
// round; which candidates have a free process is worked out once a
// round), and each round that runs still makes it larger than any of
// those, so a skipped round changes no comparison. The Service keeps no
// metrics of its ticks.
func (s *Service) Quiet(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reserved) > 0 {
		ps := s.reserved[0]
		if ps.attrs.Status != PlayerSessionReserved || now.Sub(ps.attrs.CreationTime) >= ReservedTimeout {
			return false
		}
	}
	if len(s.terminating) > 0 || len(s.pending) > 0 || s.timedOutOffTick {
		return false
	}
	if len(s.ended) > 0 && now.Sub(s.ended[0].attrs.TerminationTime) >= s.opts.sessionRetention {
		return false
	}
	o := &s.place.outbox
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.fs) == 0 && !o.delivering
}
