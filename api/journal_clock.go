package api

import (
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// journalClock is the clock of an engine and placement service whose
// changes are journaled. It does four things the plain clocks do not:
//   - while a change is applied it reads the time the change was recorded
//     at (freeze), so a replay sees exactly the readings the first run saw;
//   - before it goes live (during replay) it runs no timers: replayed tick
//     records call them instead;
//   - once live, every tick of every timer is journaled before it runs,
//     unless the timer's owner says the tick would change nothing
//     (skipQuietTicks): such a tick is neither journaled nor run, so that
//     an idle server writes nothing;
//   - once live, it never reads earlier than a change it applied, a tick it
//     passed (run or skipped) or a reading it gave: a real clock may step
//     back, and the time recorded is then the time the change sees.
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
	// floor is the latest time applied, passed by a tick or read: no
	// reading is earlier (no monotonic part, no zone).
	floor  time.Time
	timers []*journalTimer
}

type journalTimer struct {
	interval time.Duration
	f        func(time.Time)
	// quiet, if set, reports that a tick at now would change nothing:
	// such a tick is skipped (skipQuietTicks).
	quiet   func(now time.Time) bool
	stop    func()
	stopped bool
}

// Now returns the frozen reading while a change is applied, the base
// clock's otherwise (never earlier than the floor, which it raises).
func (c *journalClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen || c.base == nil {
		return c.at
	}
	t := c.base.Now()
	if t.Before(c.floor) {
		return c.floor
	}
	c.floor = wallTime(t)
	return t
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

// skipQuietTicks makes timer i skip every tick at which quiet(now)
// reports that the tick would change nothing: neither journaled nor run.
// quiet must be exact in that (engine.Engine.Quiet and
// placement.Service.Quiet are): a skipped tick is skipped in the first run
// and, being absent from the journal, in every replay, so replays stay
// exact, and the first run answers as if the tick had run. It runs under
// the journal's lock, so no change comes between it and the skip. Call it
// before goLive.
func (c *journalClock) skipQuietTicks(i int, quiet func(now time.Time) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timers[i].quiet = quiet
}

// start runs timer i on the base clock, journaling each tick that is not
// quiet. c.mu is held.
func (c *journalClock) start(i int, t *journalTimer) {
	rec := record{K: recordTick, N: strconv.Itoa(i)}
	f, quiet := t.f, t.quiet
	t.stop = c.base.Every(t.interval, func(now time.Time) {
		if err := c.tick(now, rec, f, quiet); err != nil {
			c.log.Error("tick skipped: the journal cannot record it", slog.Any("error", err))
		}
	})
}

// tick journals rec and runs f, both at now (see begin), unless quiet
// reports that f would change nothing at now.
func (c *journalClock) tick(now time.Time, rec record, f func(time.Time), quiet func(time.Time) bool) error {
	c.j.mu.Lock()
	defer c.j.mu.Unlock()
	now = c.begin(now)
	defer c.thaw()
	if quiet != nil && quiet(now) {
		return nil
	}
	rec.T = now.UnixNano()
	if err := c.j.write(rec); err != nil {
		return err
	}
	f(now)
	return nil
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
	if t.After(c.floor) {
		c.floor = t
	}
	c.mu.Unlock()
}

// begin freezes the clock for a change at now (the base clock's reading
// if zero): the time the journal records and a replay reads, without
// monotonic part or zone, and never earlier than the floor, which it
// raises. It returns that time. c.j.mu is held.
func (c *journalClock) begin(now time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.IsZero() {
		now = c.at
		if c.base != nil {
			now = c.base.Now()
		}
	}
	now = wallTime(now)
	if now.Before(c.floor) {
		now = c.floor
	}
	c.floor = now
	c.frozen, c.at = true, now
	return now
}

func (c *journalClock) thaw() {
	c.mu.Lock()
	c.frozen = false
	c.mu.Unlock()
}

// apply journals rec and then runs change, with the clock frozen at the
// change's time (see begin) from before the write to the end of the
// change. Changes are serialised: the journal's order is the order of
// application. Nothing is applied if the record cannot be written.
func (c *journalClock) apply(now time.Time, rec record, change func()) error {
	c.j.mu.Lock()
	defer c.j.mu.Unlock()
	now = c.begin(now)
	defer c.thaw()
	rec.T = now.UnixNano()
	if err := c.j.write(rec); err != nil {
		return err
	}
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

// wallTime is t as the journal keeps it: Unix nanoseconds, UTC, without a
// monotonic reading.
func wallTime(t time.Time) time.Time { return time.Unix(0, t.UnixNano()).UTC() }
