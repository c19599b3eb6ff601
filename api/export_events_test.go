package api

import "time"

// SetEventStreamHeartbeat sets how often l's idle event streams get a
// heartbeat comment.
func SetEventStreamHeartbeat(l *EventLog, d time.Duration) { l.heartbeat = d }
