package bench

// Kinds of player actions.
const (
	actCancel     uint8 = iota // StopMatchmaking if the ticket is still waiting
	actAnswer                  // AcceptMatch for one player
	actEndSession              // EndGameSession (matchID holds the game session ARN)
)

// action is a player action due at a virtual time.
type action struct {
	at      int64  // ms since the start
	seq     uint64 // scheduling order, for ties
	kind    uint8
	accept  bool
	player  int32
	t       *simTicket
	matchID string
}

// actionHeap is a min-heap of actions by time, then scheduling order.
type actionHeap struct {
	items []action
	seq   uint64
}

// next returns the earliest action, if any.
func (h *actionHeap) next() (*action, bool) {
	if len(h.items) == 0 {
		return nil, false
	}
	return &h.items[0], true
}

func (h *actionHeap) less(i, j int) bool {
	a, b := &h.items[i], &h.items[j]
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

func (h *actionHeap) push(a action) {
	h.seq++
	a.seq = h.seq
	h.items = append(h.items, a)
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *actionHeap) pop() action {
	a := h.items[0]
	n := len(h.items) - 1
	h.items[0] = h.items[n]
	h.items[n] = action{}
	h.items = h.items[:n]
	for i := 0; ; {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h.less(r, l) {
			m = r
		}
		if !h.less(m, i) {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return a
}
