package api

import (
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// journalClock is the clock of an engine and placement service whose
// changes are journaled. It does three things the plain clocks do not:
//   - while a change is applied it reads the time the change was recorded
//     at (freeze), so a replay sees exactly the readings the first run saw;
//   - before it goes live (during replay) it runs no timers: replayed tick
//     records call them instead;
//   - once live, every tick of every timer is journaled before it runs.
//
// Timers are numbered in the order Every is called, which the constructor
// of Local keeps fixed, so that a tick record names its timer.
type journalClock struct {
	j   *journal
	log *slog.Logger

	mu     sync.Mutex
	base   engine.Clock // nil until live
	frozen bool
	at     time.Time
	timers []*journalTimer
}

type journalTimer struct {
	interval time.Duration
	f        func(time.Time)
	stop     func()
	stopped  bool
}

// Now returns the frozen reading while a change is applied, the base
// clock's otherwise.
func (c *journalClock) Now() time.Time {
	c.mu.Lock()
	if c.frozen || c.base == nil {
		t := c.at
		c.mu.Unlock()
		return t
	}
	base := c.base
	c.mu.Unlock()
	return base.Now()
}

// Every registers f; it runs on the base clock once the clock is live.
func (c *journalClock) Every(interval time.Duration, f func(now time.Time)) func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &journalTimer{interval: interval, f: f}
	c.timers = append(c.timers, t)
	if c.base != nil {
		c.start(len(c.timers)-1, t)
	}
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		t.stopped = true
		if t.stop != nil {
			t.stop()
		}
	}
}

// start runs timer i on the base clock, journaling each tick. c.mu is held.
func (c *journalClock) start(i int, t *journalTimer) {
	name := strconv.Itoa(i)
	t.stop = c.base.Every(t.interval, func(now time.Time) {
		err := c.apply(now, record{K: recordTick, N: name}, func() { t.f(now) })
		if err != nil {
			c.log.Error("tick skipped: the journal cannot record it", slog.Any("error", err))
		}
	})
}

// goLive makes base the clock's time source and starts the timers on it.
func (c *journalClock) goLive(base engine.Clock) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = base
	for i, t := range c.timers {
		if !t.stopped {
			c.start(i, t)
		}
	}
}

// freeze makes Now read t until thaw.
func (c *journalClock) freeze(t time.Time) {
	c.mu.Lock()
	c.frozen, c.at = true, t
	c.mu.Unlock()
}

func (c *journalClock) thaw() {
	c.mu.Lock()
	c.frozen = false
	c.mu.Unlock()
}

// apply journals rec at time now and then runs change with the clock
// frozen at now. Changes are serialised: the journal's order is the order
// of application. Nothing is applied if the record cannot be written.
func (c *journalClock) apply(now time.Time, rec record, change func()) error {
	c.j.mu.Lock()
	defer c.j.mu.Unlock()
	if now.IsZero() {
		now = c.Now()
	}
	// the reading a replay will see: no monotonic part, no zone
	now = time.Unix(0, now.UnixNano()).UTC()
	rec.T = now.UnixNano()
	if err := c.j.write(rec); err != nil {
		return err
	}
	c.freeze(now)
	defer c.thaw()
	change()
	return nil
}

// replay applies one record read back from the journal: the clock frozen
// at its time, then the record's change.
func (c *journalClock) replay(rec record, change func()) {
	c.freeze(time.Unix(0, rec.T).UTC())
	defer c.thaw()
	change()
}

// timer returns the function of timer i, or nil.
func (c *journalClock) timer(i int) func(time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i < 0 || i >= len(c.timers) {
		return nil
	}
	return c.timers[i].f
}
