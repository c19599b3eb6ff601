package placement

// Event is a queue placement event ("GameLift Queue Placement Event").
type Event struct {
	// TODO(P2)
}
