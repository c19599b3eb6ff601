package engine

import (
	"math/rand/v2"
	"testing"
)

// TestValueOrderAgainstAScan checks, over random groups and ranks unlinked
// at random, that beyond counts what a walk along the links from a rank to
// its group's end would meet, the rank included.
func TestValueOrderAgainstAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		n := 1 + rng.IntN(40)
		order := rng.Perm(n)
		group := make([]int, n) // by rank; order is sorted by group
		g := 0
		for _, r := range order {
			if rng.IntN(6) == 0 {
				g++
			}
			group[r] = g
		}
		o := newValueOrder(order, n, func(a, b int) bool { return group[a] == group[b] })
		linked := make([]bool, n)
		for r := range linked {
			linked[r] = true
		}
		walk := func(c int, next []int) int {
			k := 0
			for ; c >= 0; c = next[c] {
				k++
			}
			return k
		}
		for range 2 * n {
			c := rng.IntN(n)
			if !linked[c] {
				continue
			}
			if got, want := o.beyond(c, true), walk(c, o.prev); got != want {
				t.Fatalf("round %d: %d beyond rank %d on the left, want %d", round, got, c, want)
			}
			if got, want := o.beyond(c, false), walk(c, o.next); got != want {
				t.Fatalf("round %d: %d beyond rank %d on the right, want %d", round, got, c, want)
			}
			if rng.IntN(2) == 0 {
				o.unlink(c)
				linked[c] = false
			}
		}
	}
}
