package placement

import (
	"slices"
	"time"
)

// DefaultGameSessionRetention is how long a TERMINATED game session stays
// describable: AWS retains a game session for 30 days after it ends (and
// its idempotency token can be used again after that).
const DefaultGameSessionRetention = 30 * 24 * time.Hour

// WithGameSessionRetention sets how long TERMINATED game sessions, and
// their player sessions, are kept after they end
// (DefaultGameSessionRetention unless set): the tick after that forgets
// them, so that DescribeGameSessions no longer finds them, a game session
// ID made from the same idempotency token can be created again, and a
// long-running service does not grow without bound. 0 forgets them at the
// next tick, as a simulation that never describes ended sessions wants.
func WithGameSessionRetention(d time.Duration) Option {
	return func(o *options) { o.sessionRetention = max(d, 0) }
}

// forgetEnded forgets the game sessions that ended at least the retention
// period before now, with their player sessions. s.mu is held.
func (s *Service) forgetEnded(now time.Time) {
	n := 0
	for _, gs := range s.ended {
		if now.Sub(gs.attrs.TerminationTime) < s.opts.sessionRetention {
			break
		}
		if s.sessions[gs.attrs.GameSessionId] == gs {
			delete(s.sessions, gs.attrs.GameSessionId)
		}
		for _, ps := range gs.players {
			if s.playerSessions[ps.attrs.PlayerSessionId] == ps {
				delete(s.playerSessions, ps.attrs.PlayerSessionId)
			}
		}
		gs.forgotten = true
		n++
	}
	if n == 0 {
		return
	}
	s.ended = slices.Delete(s.ended, 0, n)
	s.forgottenInOrder += n
	// Drop the forgotten from the creation order once they are half of it,
	// so that the cost is amortised over the sessions that ended.
	if 2*s.forgottenInOrder >= len(s.sessionOrder) {
		s.sessionOrder = slices.DeleteFunc(s.sessionOrder, func(gs *gameSession) bool { return gs.forgotten })
		s.forgottenInOrder = 0
	}
}
