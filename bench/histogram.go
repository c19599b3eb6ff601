package bench

import (
	"math"
	"math/bits"
)

// Histogram counts non-negative integer values (milliseconds, hundredths)
// in log-linear buckets: exact below 512, then 256 buckets per power of
// two, so a quantile is within 0.4 % of the true value, and memory stays
// bounded (at most 256 buckets per power of two up to the largest value)
// however many values are added. The mean, minimum and maximum are exact.
type Histogram struct {
	counts   []uint64
	n        uint64
	sum      float64
	min, max uint64
}

// Bucket layout: values below 2·histSub are their own bucket; above, each
// power of two is split into histSub buckets.
const (
	histSubBits = 8
	histSub     = 1 << histSubBits
)

func histIndex(v uint64) int {
	if v < 2*histSub {
		return int(v)
	}
	shift := bits.Len64(v) - (histSubBits + 1)
	top := v >> shift
	return 2*histSub + (shift-1)*histSub + int(top-histSub)
}

// histLower is the smallest value of bucket i.
func histLower(i int) uint64 {
	if i < 2*histSub {
		return uint64(i)
	}
	shift := (i-2*histSub)/histSub + 1
	top := uint64((i-2*histSub)%histSub + histSub)
	return top << shift
}

// Add counts one value.
func (h *Histogram) Add(v uint64) {
	i := histIndex(v)
	if i >= len(h.counts) {
		grown := make([]uint64, i+1, max(i+1, 2*len(h.counts)))
		copy(grown, h.counts)
		h.counts = grown
	}
	h.counts[i]++
	if h.n == 0 || v < h.min {
		h.min = v
	}
	if v > h.max {
		h.max = v
	}
	h.n++
	h.sum += float64(v)
}

// Count is the number of values added.
func (h *Histogram) Count() uint64 { return h.n }

// Mean is the exact mean (0 when empty).
func (h *Histogram) Mean() float64 {
	if h.n == 0 {
		return 0
	}
	return h.sum / float64(h.n)
}

// Min and Max are the exact extremes (0 when empty).
func (h *Histogram) Min() uint64 { return h.min }

// Max is the largest value added (0 when empty).
func (h *Histogram) Max() uint64 { return h.max }

// Quantile returns the nearest-rank q-quantile (0 < q ≤ 1): the lower
// bound of the bucket holding the ⌈q·n⌉-th smallest value, kept within the
// exact minimum and maximum. It is 0 when the histogram is empty.
func (h *Histogram) Quantile(q float64) uint64 {
	if h.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return min(max(histLower(i), h.min), h.max)
		}
	}
	return h.max
}

// Bins spreads the counts over fixed bins of width w starting at 0, each
// bucket counted in the bin of its lower bound; the last bin also takes
// everything beyond it. It returns nbins counts.
func (h *Histogram) Bins(w uint64, nbins int) []uint64 {
	out := make([]uint64, nbins)
	if w == 0 || nbins == 0 {
		return out
	}
	for i, c := range h.counts {
		if c == 0 {
			continue
		}
		b := histLower(i) / w
		out[min(b, uint64(nbins-1))] += c
	}
	return out
}
