package placement

import "time"

// expirePlayerSessions times out RESERVED player sessions older than
// ReservedTimeout.
func (s *Service) expirePlayerSessions(now time.Time) {
	// TODO(P1)
	_ = now
}
