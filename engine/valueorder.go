package engine

// valueOrder holds the large search's candidates in value order: each
// linked to its neighbours by value within its group, and unlinked once a
// match takes it. Position arithmetic tells how many candidates lie beyond
// one on a side of its group without walking to them.
type valueOrder struct {
	prev, next []int   // by rank: the neighbours, -1 at a group's ends
	at         []int32 // by rank: the value position (in order)
	// first and last are, by value position, the positions of the group's
	// first and last tickets.
	first, last []int32
	gone        positionCounter // the value positions unlinked
}

// newValueOrder links the ranks of order, sorted by group and value, to
// their neighbours in the same group; n is the batch's size.
func newValueOrder(order []int, n int, sameGroup func(a, b int) bool) *valueOrder {
	o := &valueOrder{
		prev: make([]int, n), next: make([]int, n), at: make([]int32, n),
		first: make([]int32, len(order)), last: make([]int32, len(order)),
	}
	for i := range o.prev {
		o.prev[i], o.next[i] = -1, -1
	}
	start := 0
	for k, r := range order {
		o.at[r] = int32(k)
		if k > 0 && sameGroup(order[k-1], r) {
			o.prev[r] = order[k-1]
		} else {
			start = k
		}
		o.first[k] = int32(start)
		if k+1 < len(order) && sameGroup(order[k+1], r) {
			o.next[r] = order[k+1]
		}
	}
	end := len(order) - 1
	for k := len(order) - 1; k >= 0; k-- {
		if o.next[order[k]] < 0 {
			end = k
		}
		o.last[k] = int32(end)
	}
	o.gone.reset(len(order))
	return o
}

// unlink takes rank r out of the order.
func (o *valueOrder) unlink(r int) {
	if o.prev[r] >= 0 {
		o.next[o.prev[r]] = o.next[r]
	}
	if o.next[r] >= 0 {
		o.prev[o.next[r]] = o.prev[r]
	}
	o.prev[r], o.next[r] = -1, -1
	o.gone.mark(int(o.at[r]))
}

// beyond is how many linked ranks of c's group lie from c (included) to
// the group's end on the left side, or on the right side; c is linked.
func (o *valueOrder) beyond(c int, left bool) int {
	p := int(o.at[c])
	lo, hi := p, int(o.last[p])+1
	if left {
		lo, hi = int(o.first[p]), p+1
	}
	return hi - lo - o.gone.in(lo, hi)
}
