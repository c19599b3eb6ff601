package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCandidateIndexAgainstAScan checks the index's window, oldest live
// rank and count of live ranks outside a window against a scan of the
// values, over random values (NaN among them), random windows and ranks
// going dead and live again.
func TestCandidateIndexAgainstAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var x candidateIndex
	for round := range 200 {
		n := rng.IntN(40)
		values, live := make([]float64, n), make([]bool, n)
		for i := range values {
			values[i], live[i] = float64(rng.IntN(20)), true
			if rng.IntN(10) == 0 {
				values[i] = math.NaN()
			}
		}
		x.reset(values)
		for range 20 {
			if n > 0 {
				r := rng.IntN(n)
				live[r] = !live[r]
				x.set(r, live[r])
			}
			from := float64(rng.IntN(24) - 2)
			to := from + float64(rng.IntN(10))
			lo, hi := x.window(from, to)
			oldest, outside := -1, 0
			for r, v := range values {
				in := v >= from && v <= to
				if live[r] && in && oldest < 0 {
					oldest = r
				}
				if live[r] && !in {
					outside++
				}
			}
			if got := x.oldest(lo, hi); got != oldest {
				t.Fatalf("round %d: oldest in [%v, %v] = %d, want %d (values %v live %v window %d,%d)", round, from, to, got, oldest, values, live, lo, hi)
			}
			if got := x.outside(lo, hi); got != outside {
				t.Fatalf("round %d: %d live outside [%v, %v], want %d", round, got, from, to, outside)
			}
		}
	}
}
