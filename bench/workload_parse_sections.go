package bench

import (
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/internal/yamlpos"
	"github.com/flexsim/flexsim/ticket"
)

func (r *reader) arrivals(n *yaml.Node, path string, a *Arrivals) {
	var shapes []*yaml.Node
	shape := func(v *yaml.Node, p string) bool {
		shapes = append(shapes, v)
		if len(shapes) > 1 {
			r.Fail(r.Resolve(v), p, "give one of rate, ramp and daily")
			return false
		}
		return true
	}
	r.Mapping(n, path, "the arrivals",
		field{Name: "process", Read: func(v *yaml.Node, p string) {
			if s, ok := r.OneOf(v, p, ProcessPoisson, ProcessConstant); ok {
				a.Process = s
			}
		}},
		field{Name: "rate", Read: func(v *yaml.Node, p string) {
			if f, ok := r.NumberIn(v, p, 0, MaxRate); ok && shape(v, p) {
				a.Rate = f
			}
		}},
		field{Name: "ramp", Read: func(v *yaml.Node, p string) {
			if ramp := r.ramp(v, p); ramp != nil && shape(v, p) {
				a.Ramp, a.Rate = ramp, 0
			}
		}},
		field{Name: "daily", Read: func(v *yaml.Node, p string) {
			if d := r.daily(v, p); d != nil && shape(v, p) {
				a.Daily, a.Rate = d, 0
			}
		}},
	)
}

func (r *reader) ramp(n *yaml.Node, path string) []RampPoint {
	if n = r.Resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.Fail(n, path, "want a non-empty list of {at, rate} points, got %s", yamlpos.Describe(n))
		return nil
	}
	before := len(r.errs)
	var out []RampPoint
	for i, item := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		pt := RampPoint{At: -1, Rate: -1}
		r.Mapping(item, p, "a ramp point",
			field{Name: "at", Read: func(v *yaml.Node, p string) {
				if d, ok := r.Duration(v, p, 0, MaxDuration); ok {
					if len(out) > 0 && d <= out[len(out)-1].At {
						r.Fail(r.Resolve(v), p, "must be after the previous point's %v, got %v", out[len(out)-1].At, d)
					}
					pt.At = d
				}
			}},
			field{Name: "rate", Read: func(v *yaml.Node, p string) {
				if f, ok := r.NumberIn(v, p, 0, MaxRate); ok {
					pt.Rate = f
				}
			}},
		)
		if it := r.Resolve(item); it != nil && it.Kind == yaml.MappingNode && (pt.At < 0 || pt.Rate < 0) && len(r.errs) == before {
			r.Fail(it, p, "a ramp point needs both at and rate")
		}
		out = append(out, pt)
	}
	if len(r.errs) > before {
		return nil
	}
	return out
}

func (r *reader) daily(n *yaml.Node, path string) *Daily {
	d := &Daily{PeakAt: 20 * time.Hour, Period: 24 * time.Hour}
	before := len(r.errs)
	hasPeak := false
	var troughNode, peakAtNode, startNode *yaml.Node
	r.Mapping(n, path, "a daily curve",
		field{Name: "peak", Read: func(v *yaml.Node, p string) {
			if f, ok := r.NumberIn(v, p, 0, MaxRate); ok {
				d.Peak, hasPeak = f, true
			}
		}},
		field{Name: "trough", Read: func(v *yaml.Node, p string) {
			if f, ok := r.NumberIn(v, p, 0, MaxRate); ok {
				d.Trough, troughNode = f, v
			}
		}},
		field{Name: "peakAt", Read: func(v *yaml.Node, p string) {
			if t, ok := r.Duration(v, p, 0, MaxDuration); ok {
				d.PeakAt, peakAtNode = t, v
			}
		}},
		field{Name: "start", Read: func(v *yaml.Node, p string) {
			if t, ok := r.Duration(v, p, 0, MaxDuration); ok {
				d.Start, startNode = t, v
			}
		}},
		field{Name: "period", Read: func(v *yaml.Node, p string) {
			if t, ok := r.Duration(v, p, time.Minute, MaxDuration); ok {
				d.Period = t
			}
		}},
	)
	if len(r.errs) > before {
		return nil
	}
	switch {
	case !hasPeak:
		r.Fail(r.Resolve(n), yamlpos.Join(path, "peak"), "missing: a daily curve needs its peak rate")
	case troughNode != nil && d.Trough > d.Peak:
		r.Fail(r.Resolve(troughNode), yamlpos.Join(path, "trough"), "must not be above peak (%g), got %g", d.Peak, d.Trough)
	case peakAtNode != nil && d.PeakAt >= d.Period:
		r.Fail(r.Resolve(peakAtNode), yamlpos.Join(path, "peakAt"), "must be within the period (%v), got %v", d.Period, d.PeakAt)
	case startNode != nil && d.Start >= d.Period:
		r.Fail(r.Resolve(startNode), yamlpos.Join(path, "start"), "must be within the period (%v), got %v", d.Period, d.Start)
	}
	if len(r.errs) > before {
		return nil
	}
	return d
}

func (r *reader) players(n *yaml.Node, path string, pl *Players) {
	r.Mapping(n, path, "the players",
		field{Name: "partySize", Read: func(v *yaml.Node, p string) {
			if ws := r.partySize(v, p); ws != nil {
				pl.PartySize = ws
			}
		}},
		field{Name: "attributes", Read: func(v *yaml.Node, p string) { pl.Attributes = r.attributes(v, p) }},
	)
}

// partySize reads a size or a mapping of size to weight.
func (r *reader) partySize(n *yaml.Node, path string) []Weighted[int] {
	if n = r.Resolve(n); n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if size, ok := r.Integer(n, path, 1, ticket.MaxPlayersPerTicket); ok {
			return []Weighted[int]{{Value: size, Weight: 1}}
		}
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want a party size or a mapping of party size to weight, got %s", yamlpos.Describe(n))
		return nil
	}
	var out []Weighted[int]
	total := 0.0
	before := len(r.errs)
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		size, ok := r.Integer(k, p, 1, ticket.MaxPlayersPerTicket)
		w, ok2 := r.NumberIn(v, p, 0, 1e12)
		if ok && ok2 {
			out = append(out, Weighted[int]{Value: size, Weight: w})
			total += w
		}
	})
	if len(r.errs) == before && total <= 0 {
		r.Fail(n, path, "the weights must not all be 0")
	}
	if len(r.errs) > before {
		return nil
	}
	return out
}

// regions reads the regions mapping. A null value keeps the default
// regions; an empty mapping means none.
func (r *reader) regions(n *yaml.Node, path string, w *Workload) {
	if n = r.Resolve(n); n == nil || yamlpos.IsNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want a mapping of region name to region, got %s", yamlpos.Describe(n))
		return
	}
	var out []Region
	total := 0.0
	before := len(r.errs)
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		name, ok := r.Str(k, p, 1, ticket.MaxLatencyKeyLen)
		if !ok {
			return
		}
		reg := Region{Name: name, Share: 1, Latency: Dist{Kind: DistUniform, Min: 15, Max: 75}}
		r.Mapping(v, p, "a region",
			field{Name: "share", Read: func(v *yaml.Node, p string) {
				if f, ok := r.NumberIn(v, p, 0, 1e12); ok {
					reg.Share = f
				}
			}},
			field{Name: "latency", Read: func(v *yaml.Node, p string) {
				if d, ok := r.dist(v, p, unitMillis, "a distribution"); ok {
					reg.Latency = d
				}
			}},
			field{Name: "to", Read: func(v *yaml.Node, p string) { reg.To = r.regionRTTs(v, p, name) }},
		)
		total += reg.Share
		out = append(out, reg)
	})
	if len(r.errs) == before && len(out) > 0 && total <= 0 {
		r.Fail(n, path, "the regions' shares must not all be 0")
	}
	w.Regions = out
	if w.Regions == nil {
		w.Regions = []Region{}
	}
}

func (r *reader) regionRTTs(n *yaml.Node, path, self string) []RegionRTT {
	if n = r.Resolve(n); n == nil || yamlpos.IsNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want a mapping of region name to extra latency, got %s", yamlpos.Describe(n))
		return nil
	}
	var out []RegionRTT
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		name, ok := r.Str(k, p, 1, ticket.MaxLatencyKeyLen)
		if !ok {
			return
		}
		if name == self {
			r.Fail(k, p, "a region's latency to itself is its latency field, not an entry of to")
			return
		}
		if d, ok := r.dist(v, p, unitMillis, "a distribution"); ok {
			out = append(out, RegionRTT{Region: name, Extra: d})
		}
	})
	return out
}
