package bench

import (
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/internal/yamlpos"
	"github.com/flexsim/flexsim/placement"
)

func (r *reader) placement(n *yaml.Node, path string, w *Workload) {
	p := defaultPlacement()
	if k := r.Resolve(n); k != nil {
		w.pos[path] = pos{k.Line, k.Column}
	}
	r.Mapping(n, path, "the placement settings",
		field{Name: "queue", Read: func(v *yaml.Node, p2 string) { r.queue(v, p2, &p.Queue) }},
		field{Name: "fleets", Read: func(v *yaml.Node, p2 string) { p.Fleets = r.fleets(v, p2) }},
		field{Name: "sessionDuration", Read: func(v *yaml.Node, p2 string) {
			if d, ok := r.dist(v, p2, unitSeconds, "a distribution"); ok {
				p.SessionDuration = d
			}
		}},
	)
	if len(p.Fleets) == 0 {
		r.Fail(r.Resolve(n), yamlpos.Join(path, "fleets"), "missing: a placement needs at least one fleet")
	}
	w.Placement = p
}

func (r *reader) queue(n *yaml.Node, path string, q *QueueSettings) {
	r.Mapping(n, path, "the queue settings",
		field{Name: "timeout", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Seconds(v, p, placement.MinQueueTimeoutSeconds*time.Second, placement.MaxQueueTimeoutSeconds*time.Second); ok {
				q.Timeout = d
			}
		}},
		field{Name: "latencyPolicies", Read: func(v *yaml.Node, p string) { q.LatencyPolicies = r.latencyPolicies(v, p) }},
		field{Name: "priorityOrder", Read: func(v *yaml.Node, p string) {
			q.PriorityOrder = r.Strings(v, p, "", 100, placement.PriorityLatency, placement.PriorityCost, placement.PriorityDestination, placement.PriorityLocation)
		}},
		field{Name: "locationOrder", Read: func(v *yaml.Node, p string) { q.LocationOrder = r.Strings(v, p, "", 100) }},
		field{Name: "allowedLocations", Read: func(v *yaml.Node, p string) { q.AllowedLocations = r.Strings(v, p, "", 100) }},
	)
}

func (r *reader) latencyPolicies(n *yaml.Node, path string) []LatencyPolicy {
	if n = r.Resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.Fail(n, path, "want a list of {maxLatency, duration} policies, got %s", yamlpos.Describe(n))
		return nil
	}
	var out []LatencyPolicy
	for i, item := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		lp := LatencyPolicy{MaxLatency: -1}
		r.Mapping(item, p, "a latency policy",
			field{Name: "maxLatency", Read: func(v *yaml.Node, p string) {
				if ms, ok := r.Integer(v, p, 1, 1_000_000); ok {
					lp.MaxLatency = ms
				}
			}},
			field{Name: "duration", Read: func(v *yaml.Node, p string) {
				if d, ok := r.Seconds(v, p, time.Second, placement.MaxQueueTimeoutSeconds*time.Second); ok {
					lp.Duration = d
				}
			}},
		)
		if lp.MaxLatency < 0 {
			if it := r.Resolve(item); it != nil {
				r.Fail(it, yamlpos.Join(p, "maxLatency"), "missing: a latency policy needs its maxLatency")
			}
			continue
		}
		out = append(out, lp)
	}
	return out
}

func (r *reader) fleets(n *yaml.Node, path string) []FleetSettings {
	if n = r.Resolve(n); n == nil || yamlpos.IsNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want a mapping of fleet name to fleet, got %s", yamlpos.Describe(n))
		return nil
	}
	var out []FleetSettings
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		name, ok := r.Str(k, p, 1, 1024)
		if !ok {
			return
		}
		f := FleetSettings{Name: name, ProcessesPerInstance: 1}
		r.Mapping(v, p, "a fleet",
			field{Name: "instanceType", Read: func(v *yaml.Node, p string) {
				if s, ok := r.Str(v, p, 1, 100); ok {
					f.InstanceType = s
				}
			}},
			field{Name: "processesPerInstance", Read: func(v *yaml.Node, p string) {
				if i, ok := r.Integer(v, p, 1, 50); ok {
					f.ProcessesPerInstance = i
				}
			}},
			field{Name: "costPerHour", Read: func(v *yaml.Node, p string) {
				if c, ok := r.NumberIn(v, p, 0, 1e6); ok {
					f.CostPerHour = c
				}
			}},
			field{Name: "locations", Read: func(v *yaml.Node, p string) {
				if v = r.Resolve(v); v == nil {
					return
				}
				if v.Kind != yaml.MappingNode {
					r.Fail(v, p, "want a mapping of location to instances, got %s", yamlpos.Describe(v))
					return
				}
				r.Entries(v, p, func(k, v *yaml.Node, p string) {
					if n, ok := r.Integer(v, p, 0, 100_000); ok {
						f.Locations = append(f.Locations, placement.LocationSpec{Location: k.Value, Instances: n})
					}
				})
			}},
		)
		out = append(out, f)
	})
	return out
}
