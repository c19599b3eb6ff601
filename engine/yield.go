package engine

import (
	"runtime"
	"sync"
	"time"
)

// yieldAfter is how long a tick holds the engine's lock at a stretch while
// it promotes tickets and proposes matches.
const yieldAfter = 500 * time.Microsecond

// yieldCheckEvery is how many steps pass between readings of the time.
const yieldCheckEvery = 64

// yielder lets other goroutines take a lock the caller holds for long
// work: once the lock has been held for yieldAfter it unlocks, lets them
// run and locks again. Without a lock (mu nil) it only lets them run, so
// that long work does not keep a core from calls waiting for one. Work done between two maybe calls must leave the
// state consistent, and what the caller iterates over must not be changed
// by others meanwhile.
type yielder struct {
	mu    sync.Locker
	now   func() time.Time
	steps int
	since time.Time
}

// newYielder returns a yielder of mu, which the caller holds, or nil.
func newYielder(mu sync.Locker) *yielder {
	return &yielder{mu: mu, now: time.Now, since: time.Now()}
}

// maybe yields if the lock has been held for yieldAfter. It reads the
// time every yieldCheckEvery calls.
func (y *yielder) maybe() {
	y.steps++
	if y.steps%yieldCheckEvery != 0 || y.now().Sub(y.since) < yieldAfter {
		return
	}
	if y.mu == nil {
		runtime.Gosched()
	} else {
		y.mu.Unlock()
		runtime.Gosched()
		y.mu.Lock()
	}
	y.since = y.now()
}
