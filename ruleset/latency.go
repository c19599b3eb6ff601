package ruleset

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// RegionChoice is a region where every party of a match is within the
// latency rule, with the parties' average latency there.
type RegionChoice struct {
	Region     string
	AvgLatency float64
}

// Regions returns the regions that satisfy the latency rule for the whole
// match, lowest average latency first (ties alphabetical). It is empty if
// the rule fails. For a non-latency rule it returns nil.
func (r *Rule) Regions(m *Match, l *Limits) []RegionChoice {
	first := firstParty(m)
	if r.Type != Latency || first == nil {
		return nil
	}
	lim := l.Rules[r.Index]
	var out []RegionChoice
	for _, rl := range first.latency {
		if c, ok := r.region(m, rl.Region, lim); ok {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b RegionChoice) int {
		if a.AvgLatency != b.AvgLatency {
			return cmp.Compare(a.AvgLatency, b.AvgLatency)
		}
		return strings.Compare(a.Region, b.Region)
	})
	return out
}

// firstParty is the first party of the match in team order, or nil.
func firstParty(m *Match) *Party {
	for _, team := range m.Teams {
		if len(team) > 0 {
			return team[0]
		}
	}
	return nil
}

// region checks one region for every party: each within maxLatency and,
// with maxDistance, within maxDistance of the reference (min or avg).
func (r *Rule) region(m *Match, region string, lim RuleLimits) (RegionChoice, bool) {
	lo, sum, n := math.Inf(1), 0.0, 0
	for _, team := range m.Teams {
		for _, p := range team {
			rl, ok := p.LatencyTo(region)
			if !ok {
				return RegionChoice{}, false
			}
			v := rl.get(r.PartyAggregation)
			if v > lim.MaxLatency {
				return RegionChoice{}, false
			}
			lo = min(lo, v)
			sum += v
			n++
		}
	}
	avg := sum / float64(n)
	if !math.IsInf(lim.MaxDistance, 1) {
		ref := lo
		if r.DistanceReference == "avg" {
			ref = avg
		}
		for _, team := range m.Teams {
			for _, p := range team {
				rl, _ := p.LatencyTo(region)
				if math.Abs(rl.get(r.PartyAggregation)-ref) > lim.MaxDistance {
					return RegionChoice{}, false
				}
			}
		}
	}
	return RegionChoice{Region: region, AvgLatency: avg}, true
}

func (r *Rule) evalLatency(m *Match, l *Limits) Outcome {
	first := firstParty(m)
	if first == nil {
		return Pass
	}
	lim := l.Rules[r.Index]
	for _, rl := range first.latency {
		if _, ok := r.region(m, rl.Region, lim); ok {
			return Pass
		}
	}
	return Fail
}
