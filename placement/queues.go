package placement

// queue is a game session queue.
type queue struct {
	// TODO(P2)
}
