package engine

import (
	"slices"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// Tick runs one round of matchmaking at now for every configuration, in name
// order: expire timed-out tickets and acceptances, move QUEUED tickets to
// SEARCHING, then form matches from each pool. The clock calls it every tick
// interval; a harness may also call it directly.
//
// The search itself runs without the engine's lock, so that calls (above
// all StartMatchmaking and DescribeMatchmaking) are answered while a large
// pool is searched; see search for what that allows. Ticks run one at a
// time.
func (e *Engine) Tick(now time.Time) {
	started := time.Now()
	e.ticking.Lock()
	defer e.ticking.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if now.Before(e.lastNow) {
		now = e.lastNow
	}
	e.lastNow = now
	for _, name := range sortedKeys(e.configs) {
		if mm := e.configs[name]; mm != nil {
			e.tickMatchmaker(mm, now)
		}
	}
	e.retire(now)
	e.metrics.tick(time.Since(started))
}

// tickMatchmaker runs one configuration's round. e.mu is held; it is
// released while the pool is searched, and now and then while tickets are
// promoted and matches proposed (yielder), so that calls wait for at most
// a fraction of a millisecond of a tick's work, whatever the pool's size.
func (e *Engine) tickMatchmaker(mm *matchmaker, now time.Time) {
	y := newYielder(&e.mu)
	e.expire(mm, now)
	e.promote(mm, now, y)
	if len(mm.pool) == 0 {
		return
	}
	formed := e.search(mm, now)
	for _, fm := range formed {
		y.maybe()
		if !stillSearching(fm) {
			// A ticket of it ended while the search ran: the others stay
			// in the pool for the next tick.
			for _, en := range fm.entries {
				en.used = false
			}
			continue
		}
		e.propose(mm, now, fm)
	}
	// The matched tickets leave the pool; tickets that ended while it was
	// searched go at the next tick (live).
	mm.pool = slices.DeleteFunc(mm.pool, func(en *entry) bool {
		used := en.used
		en.used = false
		return used
	})
	mm.metrics.pool.Set(float64(len(mm.pool)))
}

// expire times out tickets past the request timeout. Acceptances go first,
// so that a ticket they return to SEARCHING past its request timeout times
// out before it can match.
func (e *Engine) expire(mm *matchmaker, now time.Time) {
	e.expireProposals(mm, now)
	timeout := time.Duration(mm.cfg.RequestTimeoutSeconds) * time.Second
	deadline := now.Add(-timeout).UnixNano() // tickets started by then time out
	expire := func(list []*entry, sorted bool) {
		for _, en := range list {
			if en.start > deadline {
				if sorted {
					break
				}
				continue
			}
			if en.t.Status == ticket.Searching || en.t.Status == ticket.Queued {
				e.timeOut(en, now)
			}
		}
	}
	expire(mm.pool, true) // the pool and the queue are in age order
	expire(mm.queued, true)
	expire(mm.returning, false)
}

// promote moves QUEUED tickets to SEARCHING and merges them, and the
// tickets back from failed acceptances, into the pool. It lets calls in
// (y) between tickets: requests arriving meanwhile wait in mm.queued for
// the next tick.
func (e *Engine) promote(mm *matchmaker, now time.Time, y *yielder) {
	queued := mm.queued
	mm.queued = mm.spare[:0]
	var fresh []*entry
	for _, en := range queued {
		y.maybe()
		if en.t.Status != ticket.Queued {
			continue
		}
		e.setStatus(en, ticket.Searching, "", "")
		e.emitSearching(mm, now, []*entry{en})
		fresh = append(fresh, en)
	}
	clear(queued)
	mm.spare = queued[:0]
	for _, en := range mm.returning {
		if en.t.Status == ticket.Searching {
			fresh = append(fresh, en)
		}
	}
	mm.returning = mm.returning[:0]
	// a fresh ticket may have been cancelled while the lock was yielded
	mm.pool = mergePool(live(mm.pool), live(fresh))
	mm.metrics.pool.Set(float64(len(mm.pool)))
}

// search forms matches from mm's pool with e.mu released, and takes it
// back before it returns. While it runs:
//   - the searcher, and the search's fields of the pool's entries (used,
//     rank, counts), belong to it; Explain, Status and changes of
//     configurations wait for the tick (e.ticking);
//   - the pool and its entries' parties do not change: new tickets go to
//     mm.queued, tickets back from acceptance to mm.returning;
//   - a pool ticket may end (StopMatchmaking, or a new request of one of
//     its players): its status changes at once, its event waits until the
//     search is done (it reports the ticket's rule counts), and a match
//     the search formed with it is dropped.
func (e *Engine) search(mm *matchmaker, now time.Time) []*formedMatch {
	set := searchSettings{
		budget:       e.opts.searchBudget,
		partialDelay: e.opts.partialMatchDelay,
		maxBatch:     e.opts.maxBatchSize,
		shuffle: func(n int, swap func(i, j int)) {
			e.mu.Lock() // the engine's generator also draws ticket IDs
			defer e.mu.Unlock()
			e.rng.Shuffle(n, swap)
		},
	}
	if mm.cfg.FlexMatchMode == ModeWithQueue {
		set.additional = mm.cfg.AdditionalPlayerCount
	}
	set.pause = newYielder(nil).maybe // the search holds no lock: it lets calls have the cores
	mm.searching = true
	e.mu.Unlock()
	formed := mm.search.run(now, mm.pool, set)
	if e.searched != nil {
		e.searched()
	}
	e.mu.Lock()
	mm.searching = false
	for _, end := range e.endedLater {
		e.emitEnded(end.en, end.now, end.typ, end.reason, end.message)
	}
	e.endedLater = e.endedLater[:0]
	return formed
}

// stillSearching reports whether every ticket of a formed match is still
// SEARCHING.
func stillSearching(fm *formedMatch) bool {
	for _, en := range fm.entries {
		if en.t.Status != ticket.Searching {
			return false
		}
	}
	return true
}

// live keeps the SEARCHING tickets of a pool, in order.
func live(pool []*entry) []*entry {
	return slices.DeleteFunc(pool, func(en *entry) bool { return en.t.Status != ticket.Searching })
}

// mergePool merges tickets into a pool, keeping age order.
func mergePool(pool, add []*entry) []*entry {
	if len(add) == 0 {
		return pool
	}
	byAge := func(a, b *entry) int {
		if older(a, b) {
			return -1
		}
		if older(b, a) {
			return 1
		}
		return 0
	}
	if !slices.IsSortedFunc(add, byAge) {
		slices.SortFunc(add, byAge)
	}
	if len(pool) == 0 || older(pool[len(pool)-1], add[0]) {
		return append(pool, add...)
	}
	out := make([]*entry, 0, len(pool)+len(add))
	i, j := 0, 0
	for i < len(pool) && j < len(add) {
		if older(add[j], pool[i]) {
			out = append(out, add[j])
			j++
		} else {
			out = append(out, pool[i])
			i++
		}
	}
	out = append(out, pool[i:]...)
	return append(out, add[j:]...)
}

func (e *Engine) timeOut(en *entry, now time.Time) {
	e.finish(en, now, ticket.TimedOut, reasonTimedOut, messageTimedOut)
	e.emitEnded(en, now, EventMatchmakingTimedOut, reasonTimedOut, messageTimedOut)
}

func (e *Engine) emitSearching(mm *matchmaker, now time.Time, es []*entry) {
	ts, ps := e.eventTickets(es, false, nil)
	var wait any = estimatedWaitNotAvailable
	if w, ok := mm.estimatedWait(); ok {
		wait = w.Milliseconds()
	}
	if e.listening() {
		e.emit(mm, now, EventDetail{
			Type:                EventMatchmakingSearching,
			Tickets:             ts,
			EstimatedWaitMillis: wait,
			GameSessionInfo:     EventSessionInfo{Players: ps},
		})
	}
}

// retire forgets terminal tickets older than the retention period, and
// drops the parties of the tickets that ended since the last tick: only
// the search reads a party, and a terminal ticket, kept for describing for
// the retention period, would otherwise keep memory the collector marks on
// every cycle. (Not when a ticket ends: a search running without the lock
// may still be reading its party. Explain makes it again if asked.)
func (e *Engine) retire(now time.Time) {
	for i := len(e.retired) - 1; i >= 0 && e.retired[i].party != nil; i-- {
		e.retired[i].party = nil
	}
	n := 0
	for _, en := range e.retired {
		if now.Sub(en.t.EndTime) < e.opts.retention {
			break
		}
		for _, p := range en.t.Players {
			if e.players[p.PlayerID] == en {
				delete(e.players, p.PlayerID)
			}
		}
		if bf := en.backfill; bf != nil && e.backfills[bf.sessionArn] == en {
			delete(e.backfills, bf.sessionArn)
		}
		if e.tickets[en.t.TicketID] == en {
			delete(e.tickets, en.t.TicketID)
			en.mm.metrics.status(en.t.Status, "")
		}
		n++
	}
	if n > 0 {
		e.retired = slices.Delete(e.retired, 0, n)
	}
}

// setRuleSet points the matchmaker at a (new) rule set: the tickets it holds
// are prepared for it again.
func (m *matchmaker) setRuleSet(rs *ruleset.RuleSet) {
	if m.rs == rs {
		return
	}
	m.rs = rs
	m.search = newSearcher(rs)
	prepare := func(en *entry, matched bool) {
		en.counts = make([]RuleCount, len(rs.Rules))
		party, err := en.prepare(rs, matched)
		if err != nil {
			party = &ruleset.Party{ID: en.t.TicketID, Ticket: en.t, Unmatchable: err.Error()}
		}
		en.setParty(party)
	}
	for _, list := range [][]*entry{m.queued, m.pool, m.returning} {
		for _, en := range list {
			prepare(en, false)
		}
	}
	// Tickets awaiting acceptance or placement may return to the pool: they
	// must not come back with a party prepared for the old rule set.
	for _, list := range [][]*proposal{m.proposals, m.placing} {
		for _, p := range list {
			for _, en := range p.entries {
				prepare(en, true)
			}
		}
	}
}
