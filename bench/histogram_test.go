package bench_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/flexsim/flexsim/bench"
)

// TestHistogramQuantiles compares the histogram's quantiles with exact
// ones on a million log-normal values: within 0.4 % (the bucket width).
func TestHistogramQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var h bench.Histogram
	vals := make([]uint64, 1_000_000)
	for i := range vals {
		vals[i] = uint64(math.Exp(8 + 2*rng.NormFloat64()))
		h.Add(vals[i])
	}
	slices.Sort(vals)
	for _, q := range []float64{0.01, 0.5, 0.9, 0.99, 0.999, 1} {
		exact := vals[int(math.Ceil(q*float64(len(vals))))-1]
		got := h.Quantile(q)
		if got > exact || float64(exact-got) > 0.004*float64(exact)+1 {
			t.Errorf("q%g = %d, exact %d", q, got, exact)
		}
	}
	if h.Min() != vals[0] || h.Max() != vals[len(vals)-1] || h.Count() != uint64(len(vals)) {
		t.Errorf("min %d max %d count %d", h.Min(), h.Max(), h.Count())
	}
}

// TestHistogramSmall checks exact values below 512 and the bins.
func TestHistogramSmall(t *testing.T) {
	var h bench.Histogram
	if h.Quantile(0.5) != 0 || h.Mean() != 0 {
		t.Error("an empty histogram is not all zero")
	}
	for _, v := range []uint64{5, 5, 10, 400, 1000, 2000} {
		h.Add(v)
	}
	if got := h.Quantile(0.5); got != 10 {
		t.Errorf("median %d, want 10", got)
	}
	if got := h.Quantile(1); got != 2000 {
		t.Errorf("max quantile %d, want 2000", got)
	}
	if got := h.Mean(); got != 570 {
		t.Errorf("mean %g, want 570", got)
	}
	if got := h.Bins(500, 3); !slices.Equal(got, []uint64{4, 0, 2}) {
		t.Errorf("bins %v, want [4 0 2]", got)
	}
}
