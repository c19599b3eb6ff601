package ticket

// Status is a matchmaking ticket's status, spelled as the API spells it.
type Status string

// The eight ticket statuses of the API.
const (
	Queued             Status = "QUEUED"
	Searching          Status = "SEARCHING"
	RequiresAcceptance Status = "REQUIRES_ACCEPTANCE"
	Placing            Status = "PLACING"
	Completed          Status = "COMPLETED"
	Failed             Status = "FAILED"
	Cancelled          Status = "CANCELLED"
	TimedOut           Status = "TIMED_OUT"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Queued, Searching, RequiresAcceptance, Placing, Completed, Failed, Cancelled, TimedOut}

// Terminal reports whether a ticket in this status is finished for good:
// COMPLETED, FAILED, CANCELLED or TIMED_OUT.
func (s Status) Terminal() bool {
	switch s {
	case Completed, Failed, Cancelled, TimedOut:
		return true
	}
	return false
}

// Valid reports whether s is one of the eight documented statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}
