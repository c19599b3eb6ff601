package engine

import (
	"slices"
	"testing"
	"time"
)

// lockLog records a Locker's calls.
type lockLog []string

func (l *lockLog) Lock()   { *l = append(*l, "lock") }
func (l *lockLog) Unlock() { *l = append(*l, "unlock") }

func TestYielder(t *testing.T) {
	now := time.Unix(0, 0)
	var log lockLog
	y := &yielder{mu: &log, now: func() time.Time { return now }, since: now}
	steps := func(n int) {
		for range n {
			y.maybe()
		}
	}
	steps(10 * yieldCheckEvery)
	if len(log) != 0 {
		t.Fatalf("yielded before yieldAfter: %v", log)
	}
	now = now.Add(yieldAfter)
	steps(yieldCheckEvery - 1)
	if len(log) != 0 {
		t.Fatalf("yielded between time checks: %v", log)
	}
	steps(1)
	if want := []string{"unlock", "lock"}; !slices.Equal(log, want) {
		t.Fatalf("after yieldAfter: %v, want %v", log, want)
	}
	steps(yieldCheckEvery)
	if len(log) != 2 {
		t.Fatalf("yielded again without time passing: %v", log)
	}
}
