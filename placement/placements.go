package placement

import "time"

// placement is a game session placement of any status.
type placement struct {
	// TODO(P2)
}

// retryPlacements tries every PENDING placement in start order, and times
// out those past their queue's timeout. It returns the callbacks to run once
// the lock is released (engine notifications, events).
func (s *Service) retryPlacements(now time.Time) []func() {
	// TODO(P2)
	_ = now
	return nil
}
