package bench

import (
	"slices"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// maxStep is the longest the clock moves in one go, so that a cancelled
// context stops a run with sparse arrivals promptly.
const maxStep = time.Minute

// advance moves the clock to t since the start, running the ticks due,
// and reports whether the run goes on.
func (s *sim) advance(t time.Duration) bool {
	for s.err == nil {
		now := s.clock.Now().Sub(Epoch)
		if now >= t {
			return true
		}
		s.clock.Set(Epoch.Add(min(t, now+maxStep)))
	}
	return false
}

// sample runs after every engine tick: it records the pool size and
// reports progress.
func (s *sim) sample(now time.Time) {
	ms := now.Sub(Epoch).Milliseconds()
	s.stats.poolSample(ms, s.status[statusIndex(ticket.Queued)]+s.status[statusIndex(ticket.Searching)])
	if s.progress != nil {
		s.progressMu.Lock()
		s.progress(s.index, now.Sub(Epoch), s.total)
		s.progressMu.Unlock()
	}
	if s.err == nil {
		s.err = s.ctx.Err()
	}
}

// nowMs is the clock's time since the start, in milliseconds.
func (s *sim) nowMs() int64 { return s.clock.Now().Sub(Epoch).Milliseconds() }

// statusOrder indexes the statuses in sim.status.
var statusOrder = [...]ticket.Status{ticket.Queued, ticket.Searching, ticket.RequiresAcceptance, ticket.Placing, ticket.Completed, ticket.Failed, ticket.Cancelled, ticket.TimedOut}

func statusIndex(st ticket.Status) int {
	for i, s := range statusOrder {
		if s == st {
			return i
		}
	}
	return 0
}

// setStatus moves a ticket to a status, counting and tracing it.
func (s *sim) setStatus(t *simTicket, st ticket.Status, now int64, reason string) {
	if t.status != "" {
		s.status[statusIndex(t.status)]--
	}
	s.status[statusIndex(st)]++
	t.status = st
	if s.trace != nil {
		t.steps = append(t.steps, traceStep{at: now, status: st, reason: reason})
	}
}

// finish moves a ticket to a terminal status and forgets it.
func (s *sim) finish(t *simTicket, st ticket.Status, now int64, reason string) {
	s.setStatus(t, st, now, reason)
	t.done = true
	delete(s.live, t.id)
	if s.trace != nil {
		s.trace.write(t)
	}
}

// flushTrace writes the tickets still live at the end, in arrival order.
func (s *sim) flushTrace() error {
	rest := make([]*simTicket, 0, len(s.live))
	for _, t := range s.live {
		rest = append(rest, t)
	}
	slices.SortFunc(rest, func(a, b *simTicket) int { return a.index - b.index })
	for _, t := range rest {
		s.trace.write(t)
	}
	return s.trace.flush()
}
