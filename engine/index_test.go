package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCandidateIndexAgainstAScan checks the index against a scan of the
// values, over random values (NaN among them) and windows, as the search
// uses it: ranks retired for good, an anchor taken out during its search,
// candidates pulled out oldest first and put back. It checks the window,
// the oldest live rank in it and the count of live candidates outside it.
func TestCandidateIndexAgainstAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var x candidateIndex
	for round := range 300 {
		n := 1 + rng.IntN(40)
		values, retired := make([]float64, n), make([]bool, n)
		for i := range values {
			values[i] = float64(rng.IntN(20))
			if rng.IntN(10) == 0 {
				values[i] = math.NaN()
			}
		}
		x.reset(values)
		for range 20 {
			if r := rng.IntN(n); rng.IntN(3) == 0 {
				retired[r] = true
				x.retire(r)
			}
			anchor := rng.IntN(n)
			x.set(anchor, false)
			from := float64(rng.IntN(24) - 2)
			if rng.IntN(5) == 0 {
				from = values[anchor] // NaN, or the anchor's own window
			}
			to := from + float64(rng.IntN(10))
			lo, hi := x.window(from, to)
			var inWindow []int
			outside := 0
			for r, v := range values {
				if retired[r] || r == anchor {
					continue
				}
				if v >= from && v <= to {
					inWindow = append(inWindow, r)
				} else {
					outside++
				}
			}
			if got := x.outside(lo, hi, anchor); got != outside {
				t.Fatalf("round %d: %d live outside [%v, %v], want %d", round, got, from, to, outside)
			}
			var pulled []int
			for _, want := range inWindow { // oldest first, as ranks are ages
				got := x.oldest(lo, hi)
				if got != want {
					t.Fatalf("round %d: oldest in [%v, %v] = %d, want %d", round, from, to, got, want)
				}
				if rng.IntN(4) == 0 {
					break
				}
				x.set(got, false)
				pulled = append(pulled, got)
			}
			if len(pulled) == len(inWindow) {
				if got := x.oldest(lo, hi); got != -1 {
					t.Fatalf("round %d: oldest in an exhausted window = %d", round, got)
				}
			}
			for _, r := range pulled {
				x.set(r, true)
			}
			if !retired[anchor] {
				x.set(anchor, true)
			}
		}
	}
}
