package ruleset

import (
	"math"
	"sort"
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
	if r.Type != Latency {
		return nil
	}
	var parties []*Party
	m.Parties(func(_ int, p *Party) { parties = append(parties, p) })
	if len(parties) == 0 {
		return nil
	}
	lim := l.Rules[r.Index]
	var out []RegionChoice
	for _, first := range parties[0].latency {
		if c, ok := r.region(parties, first.Region, lim); ok {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].AvgLatency != out[j].AvgLatency {
			return out[i].AvgLatency < out[j].AvgLatency
		}
		return out[i].Region < out[j].Region
	})
	return out
}

// region checks one region for every party: each within maxLatency and,
// with maxDistance, within maxDistance of the reference (min or avg).
func (r *Rule) region(parties []*Party, region string, lim RuleLimits) (RegionChoice, bool) {
	lo, sum := math.Inf(1), 0.0
	lats := make([]float64, 0, len(parties))
	for _, p := range parties {
		rl, ok := p.LatencyTo(region)
		if !ok {
			return RegionChoice{}, false
		}
		v := rl.get(r.PartyAggregation)
		if v > lim.MaxLatency {
			return RegionChoice{}, false
		}
		lats = append(lats, v)
		lo = min(lo, v)
		sum += v
	}
	avg := sum / float64(len(lats))
	if !math.IsInf(lim.MaxDistance, 1) {
		ref := lo
		if r.DistanceReference == "avg" {
			ref = avg
		}
		for _, v := range lats {
			if math.Abs(v-ref) > lim.MaxDistance {
				return RegionChoice{}, false
			}
		}
	}
	return RegionChoice{Region: region, AvgLatency: avg}, true
}

func (r *Rule) evalLatency(m *Match, l *Limits) Outcome {
	var parties []*Party
	m.Parties(func(_ int, p *Party) { parties = append(parties, p) })
	if len(parties) == 0 {
		return Pass
	}
	lim := l.Rules[r.Index]
	for _, rl := range parties[0].latency {
		if _, ok := r.region(parties, rl.Region, lim); ok {
			return Pass
		}
	}
	return Fail
}
