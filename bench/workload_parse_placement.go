package bench

import (
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/placement"
)

func (r *reader) placement(n *yaml.Node, path string, w *Workload) {
	p := defaultPlacement()
	if k := r.resolve(n); k != nil {
		w.pos[path] = pos{k.Line, k.Column}
	}
	r.mapping(n, path, "the placement settings",
		field{"queue", func(v *yaml.Node, p2 string) { r.queue(v, p2, &p.Queue) }},
		field{"fleets", func(v *yaml.Node, p2 string) { p.Fleets = r.fleets(v, p2) }},
		field{"sessionDuration", func(v *yaml.Node, p2 string) {
			if d, ok := r.dist(v, p2, unitSeconds, "a distribution"); ok {
				p.SessionDuration = d
			}
		}},
	)
	if len(p.Fleets) == 0 {
		r.fail(r.resolve(n), join(path, "fleets"), "missing: a placement needs at least one fleet")
	}
	w.Placement = p
}

func (r *reader) queue(n *yaml.Node, path string, q *QueueSettings) {
	r.mapping(n, path, "the queue settings",
		field{"timeout", func(v *yaml.Node, p string) {
			if d, ok := r.seconds(v, p, placement.MinQueueTimeoutSeconds*time.Second, placement.MaxQueueTimeoutSeconds*time.Second); ok {
				q.Timeout = d
			}
		}},
		field{"latencyPolicies", func(v *yaml.Node, p string) { q.LatencyPolicies = r.latencyPolicies(v, p) }},
		field{"priorityOrder", func(v *yaml.Node, p string) {
			q.PriorityOrder = r.strings(v, p, placement.PriorityLatency, placement.PriorityCost, placement.PriorityDestination, placement.PriorityLocation)
		}},
		field{"locationOrder", func(v *yaml.Node, p string) { q.LocationOrder = r.strings(v, p) }},
		field{"allowedLocations", func(v *yaml.Node, p string) { q.AllowedLocations = r.strings(v, p) }},
	)
}

// strings reads a list of distinct strings, each one of choices if any
// are given.
func (r *reader) strings(n *yaml.Node, path string, choices ...string) []string {
	if n = r.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.fail(n, path, "want a list, got %s", describe(n))
		return nil
	}
	var out []string
	for i, v := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		var s string
		var ok bool
		if len(choices) > 0 {
			s, ok = r.oneOf(v, p, choices...)
		} else {
			s, ok = r.str(v, p, 100)
		}
		if !ok {
			continue
		}
		for _, o := range out {
			if o == s {
				r.fail(r.resolve(v), p, "%q is listed twice", s)
			}
		}
		out = append(out, s)
	}
	return out
}

func (r *reader) latencyPolicies(n *yaml.Node, path string) []LatencyPolicy {
	if n = r.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.fail(n, path, "want a list of {maxLatency, duration} policies, got %s", describe(n))
		return nil
	}
	var out []LatencyPolicy
	for i, item := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		lp := LatencyPolicy{MaxLatency: -1}
		r.mapping(item, p, "a latency policy",
			field{"maxLatency", func(v *yaml.Node, p string) {
				if ms, ok := r.integer(v, p, 1, 1_000_000); ok {
					lp.MaxLatency = ms
				}
			}},
			field{"duration", func(v *yaml.Node, p string) {
				if d, ok := r.seconds(v, p, time.Second, placement.MaxQueueTimeoutSeconds*time.Second); ok {
					lp.Duration = d
				}
			}},
		)
		if lp.MaxLatency < 0 {
			if it := r.resolve(item); it != nil {
				r.fail(it, join(p, "maxLatency"), "missing: a latency policy needs its maxLatency")
			}
			continue
		}
		out = append(out, lp)
	}
	return out
}

func (r *reader) fleets(n *yaml.Node, path string) []FleetSettings {
	if n = r.resolve(n); n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.fail(n, path, "want a mapping of fleet name to fleet, got %s", describe(n))
		return nil
	}
	var out []FleetSettings
	r.entries(n, path, func(k, v *yaml.Node, p string) {
		name, ok := r.str(k, p, 1024)
		if !ok {
			return
		}
		f := FleetSettings{Name: name, ProcessesPerInstance: 1}
		r.mapping(v, p, "a fleet",
			field{"instanceType", func(v *yaml.Node, p string) {
				if s, ok := r.str(v, p, 100); ok {
					f.InstanceType = s
				}
			}},
			field{"processesPerInstance", func(v *yaml.Node, p string) {
				if i, ok := r.integer(v, p, 1, 50); ok {
					f.ProcessesPerInstance = i
				}
			}},
			field{"costPerHour", func(v *yaml.Node, p string) {
				if c, ok := r.numberIn(v, p, 0, 1e6); ok {
					f.CostPerHour = c
				}
			}},
			field{"locations", func(v *yaml.Node, p string) {
				if v = r.resolve(v); v == nil {
					return
				}
				if v.Kind != yaml.MappingNode {
					r.fail(v, p, "want a mapping of location to instances, got %s", describe(v))
					return
				}
				r.entries(v, p, func(k, v *yaml.Node, p string) {
					if n, ok := r.integer(v, p, 0, 100_000); ok {
						f.Locations = append(f.Locations, placement.LocationSpec{Location: k.Value, Instances: n})
					}
				})
			}},
		)
		out = append(out, f)
	})
	return out
}
