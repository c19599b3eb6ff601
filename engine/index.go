package engine

import (
	"math"
	"slices"
)

// candidateIndex finds the oldest unused tickets of a batch whose value of
// one number attribute lies in a range. Batch positions are age ranks (the
// batch is in age order); the index sorts them by value and keeps a segment
// tree of the smallest live rank over each span of values, so the next
// oldest candidate in a window costs O(log n). It also counts the ranks
// retired for the rest of the tick (matched or unable to match), so that
// how many live tickets lie outside a window costs O(log n) too.
type candidateIndex struct {
	vals  []float64 // values in ascending order
	ranks []int32   // ranks[i] is the age rank at value position i
	pos   []int32   // pos[rank] is the value position of a rank
	tree  []int32   // min live rank per node; leaves from size
	size  int
	// retired counts the retired ranks by value position, isRetired by
	// rank.
	retired   positionCounter
	isRetired []bool
}

const deadRank = math.MaxInt32

// reset rebuilds the index over n tickets with the given values (by age
// rank); a NaN value sorts last and never falls in a window.
func (x *candidateIndex) reset(values []float64) {
	n := len(values)
	type pair struct {
		v float64
		r int32
	}
	pairs := make([]pair, n)
	for i, v := range values {
		pairs[i] = pair{v, int32(i)}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		switch {
		case a.v < b.v || !math.IsNaN(a.v) && math.IsNaN(b.v):
			return -1
		case a.v > b.v || math.IsNaN(a.v) && !math.IsNaN(b.v):
			return 1
		}
		return int(a.r - b.r)
	})
	x.ranks = slices.Grow(x.ranks[:0], n)[:n]
	x.vals = slices.Grow(x.vals[:0], n)[:n]
	x.pos = slices.Grow(x.pos[:0], n)[:n]
	for i, p := range pairs {
		x.ranks[i], x.vals[i] = p.r, p.v
		x.pos[p.r] = int32(i)
	}
	x.size = 1
	for x.size < n {
		x.size <<= 1
	}
	x.tree = slices.Grow(x.tree[:0], 2*x.size)[:2*x.size]
	for i := range x.tree[x.size:] {
		x.tree[x.size+i] = deadRank
		if i < n {
			x.tree[x.size+i] = x.ranks[i]
		}
	}
	for i := x.size - 1; i >= 1; i-- {
		x.tree[i] = min(x.tree[2*i], x.tree[2*i+1])
	}
	x.retired.reset(n)
	x.isRetired = slices.Grow(x.isRetired[:0], n)[:n]
	clear(x.isRetired)
}

// retire makes a rank dead for the rest of the tick.
func (x *candidateIndex) retire(rank int) {
	x.set(rank, false)
	if x.isRetired[rank] {
		return
	}
	x.isRetired[rank] = true
	x.retired.mark(int(x.pos[rank]))
}

// outside returns how many ranks other than anchor and not retired lie
// outside value positions [lo, hi): when no rank is pulled out of the
// index meanwhile (set dead without being retired), the live candidates a
// search from anchor in that window never sees.
func (x *candidateIndex) outside(lo, hi, anchor int) int {
	n := len(x.vals) - (hi - lo) - (x.retired.n - x.retired.in(lo, hi))
	if p := int(x.pos[anchor]); (p < lo || p >= hi) && !x.isRetired[anchor] {
		n--
	}
	return n
}

// set makes a rank live (its own rank) or dead.
func (x *candidateIndex) set(rank int, live bool) {
	i := x.size + int(x.pos[rank])
	x.tree[i] = deadRank
	if live {
		x.tree[i] = int32(rank)
	}
	for i >>= 1; i >= 1; i >>= 1 {
		x.tree[i] = min(x.tree[2*i], x.tree[2*i+1])
	}
}

// window returns the value positions [lo, hi) whose values lie within
// [from, to].
func (x *candidateIndex) window(from, to float64) (lo, hi int) {
	// Not slices.BinarySearch: cmp.Compare orders NaN first, and NaNs
	// sort last here.
	lo, _ = slices.BinarySearchFunc(x.vals, from, func(v, f float64) int {
		if v < f {
			return -1
		}
		return 1
	})
	hi = len(x.vals)
	if !math.IsInf(to, 1) {
		hi, _ = slices.BinarySearchFunc(x.vals, to, func(v, t float64) int {
			if v <= t {
				return -1
			}
			return 1
		})
	}
	for hi > lo && math.IsNaN(x.vals[hi-1]) {
		hi--
	}
	return lo, hi
}

// oldest returns the smallest live rank at value positions [lo, hi), or -1.
func (x *candidateIndex) oldest(lo, hi int) int {
	best := int32(deadRank)
	for l, r := lo+x.size, hi+x.size; l < r; l, r = l>>1, r>>1 {
		if l&1 == 1 {
			best = min(best, x.tree[l])
			l++
		}
		if r&1 == 1 {
			r--
			best = min(best, x.tree[r])
		}
	}
	if best == deadRank {
		return -1
	}
	return int(best)
}

// positionCounter counts marked positions among n (a Fenwick tree): how
// many lie in a range of positions costs O(log n), and so does marking one.
type positionCounter struct {
	tree []int32 // 1-based
	n    int     // marked positions in all
}

// reset unmarks every position of n.
func (c *positionCounter) reset(n int) {
	c.tree = slices.Grow(c.tree[:0], n+1)[:n+1]
	clear(c.tree)
	c.n = 0
}

// mark marks position p, which must not be marked yet.
func (c *positionCounter) mark(p int) {
	for i := p + 1; i < len(c.tree); i += i & -i {
		c.tree[i]++
	}
	c.n++
}

// before is how many marked positions lie in [0, p).
func (c *positionCounter) before(p int) int {
	n := int32(0)
	for ; p > 0; p -= p & -p {
		n += c.tree[p]
	}
	return int(n)
}

// in is how many marked positions lie in [lo, hi).
func (c *positionCounter) in(lo, hi int) int { return c.before(hi) - c.before(lo) }
