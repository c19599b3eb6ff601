package engine

import (
	"sync"
	"time"
)

// A Clock tells the engine the time and runs its tick loop. The engine reads
// Now for every timestamp it records and asks Every to call its tick at a
// fixed interval. RealClock is the default; a VirtualClock moves only when
// the caller advances it.
type Clock interface {
	Now() time.Time
	// Every calls f every interval, first at Now()+interval, with the time
	// the call falls due. Calls never overlap. stop ends them.
	Every(interval time.Duration, f func(now time.Time)) (stop func())
}

// RealClock is wall-clock time with tickers.
type RealClock struct{}

// Now returns time.Now.
func (RealClock) Now() time.Time { return time.Now() }

// Every runs f on a time.Ticker in its own goroutine.
func (RealClock) Every(interval time.Duration, f func(now time.Time)) func() {
	t := time.NewTicker(interval)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case now := <-t.C:
				f(now)
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { t.Stop(); close(done) }) }
}

// VirtualClock is a clock that stands still until Advance or Set moves it.
// Moving it runs every scheduled call that falls due, in time order (ties in
// the order they were scheduled), each seeing Now equal to its due time. It is
// safe for concurrent use; calls run on the goroutine that moves the clock,
// one Advance at a time.
type VirtualClock struct {
	move   sync.Mutex // serialises Advance and Set
	mu     sync.Mutex // guards now and timers
	now    time.Time
	timers []*virtualTimer
	seq    int
}

type virtualTimer struct {
	next     time.Time
	interval time.Duration
	f        func(time.Time)
	seq      int
	stopped  bool
}

// NewVirtualClock returns a virtual clock reading start.
func NewVirtualClock(start time.Time) *VirtualClock { return &VirtualClock{now: start} }

// Now returns the clock's current time.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Every schedules f every interval from now.
func (c *VirtualClock) Every(interval time.Duration, f func(now time.Time)) func() {
	if interval <= 0 {
		panic("engine: VirtualClock.Every with a non-positive interval")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &virtualTimer{next: c.now.Add(interval), interval: interval, f: f, seq: c.seq}
	c.timers = append(c.timers, t)
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		t.stopped = true
	}
}

// Advance moves the clock forward by d, running every call that falls due
// on the way, and returns the new time.
func (c *VirtualClock) Advance(d time.Duration) time.Time {
	return c.Set(c.Now().Add(d))
}

// Set moves the clock to t (never backwards), running every call that falls
// due on the way, and returns the new time.
func (c *VirtualClock) Set(t time.Time) time.Time {
	c.move.Lock()
	defer c.move.Unlock()
	for {
		c.mu.Lock()
		next := c.due(t)
		if next == nil {
			if t.After(c.now) {
				c.now = t
			}
			now := c.now
			c.mu.Unlock()
			return now
		}
		at := next.next
		if at.After(c.now) {
			c.now = at
		}
		next.next = at.Add(next.interval)
		f := next.f
		c.mu.Unlock()
		f(at)
	}
}

// due returns the earliest live timer due at or before t, or nil: the
// first in time order, ties in the order they were scheduled. It drops
// stopped timers on the way. (A scan, not a sort: it runs once per call
// that falls due, and a long advance makes millions.)
func (c *VirtualClock) due(t time.Time) *virtualTimer {
	live := c.timers[:0]
	var next *virtualTimer
	for _, tm := range c.timers {
		if tm.stopped {
			continue
		}
		live = append(live, tm)
		if next == nil || tm.next.Before(next.next) || (tm.next.Equal(next.next) && tm.seq < next.seq) {
			next = tm
		}
	}
	clear(c.timers[len(live):])
	c.timers = live
	if next == nil || next.next.After(t) {
		return nil
	}
	return next
}
