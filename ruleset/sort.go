package ruleset

import (
	"math"

	"github.com/flexsim/flexsim/ticket"
)

const typeString = ticket.TypeString

// SortKey returns the key by which a sort rule orders a candidate party
// relative to the anchor: smaller keys are tried first (the sort direction
// is already applied). absoluteSort uses the candidate's own value,
// distanceSort its distance to the anchor's. For a string_number_map
// attribute, mapKey picks the anchor's lowest (minValue) or highest
// (maxValue) key and every party is read at that key. The second result is
// false when the candidate has no value; such candidates sort last.
func (r *Rule) SortKey(anchor, candidate *Party) (float64, bool) {
	if !r.IsSort() {
		return 0, false
	}
	c, ok := r.sortValue(anchor, candidate)
	if !ok {
		return math.Inf(1), false
	}
	if r.Type == DistanceSort {
		a, ok := r.sortValue(anchor, anchor)
		if !ok {
			return math.Inf(1), false
		}
		c = math.Abs(c - a)
	}
	if r.SortDirection == "descending" {
		c = -c
	}
	return c, true
}

func (r *Rule) sortValue(anchor, p *Party) (float64, bool) {
	a := r.SortAttribute
	if a.Type == ticket.TypeNumber {
		return p.Number(a, r.PartyAggregation)
	}
	key, ok := anchorMapKey(anchor, a, r.MapKey)
	if !ok {
		return 0, false
	}
	var vals []float64
	for _, pl := range p.Players {
		v, ok := pl.Values[a.Index].SDM[key]
		if !ok {
			return 0, false
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return 0, false
	}
	agg := numAgg{min: math.Inf(1), max: math.Inf(-1)}
	sum := 0.0
	for _, v := range vals {
		sum += v
		agg.min, agg.max = min(agg.min, v), max(agg.max, v)
	}
	agg.avg = sum / float64(len(vals))
	return agg.get(r.PartyAggregation), true
}

// anchorMapKey picks the key of the anchor's first player's map with the
// lowest or highest value (ties: the lexically smallest key).
func anchorMapKey(anchor *Party, a *Attribute, mode string) (string, bool) {
	if len(anchor.Players) == 0 {
		return "", false
	}
	best, found := "", false
	var bestV float64
	for k, v := range anchor.Players[0].Values[a.Index].SDM {
		better := !found ||
			mode == "minValue" && (v < bestV || v == bestV && k < best) ||
			mode != "minValue" && (v > bestV || v == bestV && k < best)
		if better {
			best, bestV, found = k, v, true
		}
	}
	return best, found
}
