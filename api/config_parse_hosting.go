package api

import (
	"math"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/placement"
)

// Reading the hosting resources of a configuration file: fleets, aliases
// and game session queues.

// fleetSpec is a fleets entry: the CreateFleet input, and the capacity of
// each location (set with UpdateFleetCapacity).
type fleetSpec struct {
	resource
	in       CreateFleetInput
	capacity []locationCapacity
}

// locationCapacity is a fleet location's instance counts, each nil when
// not given.
type locationCapacity struct {
	location          string
	desired, min, max *int
	line, col         int
	path              string
}

// aliasSpec is an aliases entry; fleet is the routing strategy's fleet.
type aliasSpec struct {
	resource
	in    CreateAliasInput
	fleet ref
}

// queueSpec is a queues entry; destinations are fleets or aliases.
type queueSpec struct {
	resource
	in           CreateGameSessionQueueInput
	destinations []ref
}

func (r *yamlReader) fleet(item *yaml.Node, path string) *fleetSpec {
	s := &fleetSpec{}
	in := &s.in
	r.entry(item, path, "a fleet", &s.resource,
		yamlField{"description", func(v *yaml.Node, p string) { in.Description, _ = r.str(v, p, 1, 1024) }},
		yamlField{"ec2InstanceType", func(v *yaml.Node, p string) { in.EC2InstanceType, _ = r.str(v, p, 1, 128) }},
		yamlField{"fleetType", func(v *yaml.Node, p string) { in.FleetType, _ = r.oneOf(v, p, "ON_DEMAND", "SPOT") }},
		yamlField{"newGameSessionProtectionPolicy", func(v *yaml.Node, p string) {
			in.NewGameSessionProtectionPolicy, _ = r.oneOf(v, p, placement.ProtectionNone, placement.ProtectionFull)
		}},
		yamlField{"serverLaunchPath", func(v *yaml.Node, p string) { in.ServerLaunchPath, _ = r.str(v, p, 1, 1024) }},
		yamlField{"runtimeConfiguration", func(v *yaml.Node, p string) { in.RuntimeConfiguration = r.runtime(v, p) }},
		yamlField{"resourceCreationLimitPolicy", func(v *yaml.Node, p string) {
			var pol ResourceCreationLimitPolicy
			if r.mapping(v, p, "a resource creation limit policy",
				yamlField{"newGameSessionsPerCreator", func(v *yaml.Node, p string) {
					pol.NewGameSessionsPerCreator, _ = r.integer(v, p, 0, math.MaxInt32)
				}},
				yamlField{"policyPeriodInMinutes", func(v *yaml.Node, p string) {
					pol.PolicyPeriodInMinutes, _ = r.integer(v, p, 0, math.MaxInt32)
				}},
			) != nil {
				in.ResourceCreationLimitPolicy = &pol
			}
		}},
		yamlField{"locations", func(v *yaml.Node, p string) {
			r.list(v, p, "locations", func(item *yaml.Node, p string) {
				c, ok := r.location(item, p)
				if !ok {
					return
				}
				for _, o := range s.capacity {
					if o.location == c.location {
						r.failAt(c.line, c.col, p, "location %s is listed twice", c.location)
						return
					}
				}
				s.capacity = append(s.capacity, c)
				in.Locations = append(in.Locations, LocationConfiguration{Location: c.location})
			})
		}},
	)
	in.Name = s.name
	return s
}

// location reads a fleet location: a location code, or a mapping
// {location, desiredInstances, minSize, maxSize}. It reports whether the
// location code could be read (errors in the counts are recorded).
func (r *yamlReader) location(item *yaml.Node, path string) (locationCapacity, bool) {
	var c locationCapacity
	c.path = path
	n := r.resolve(item)
	if n == nil {
		return c, false
	}
	if n.Kind == yaml.ScalarNode && !isYAMLNull(n) {
		c.location, _ = r.str(n, path, 1, 64)
		c.line, c.col = n.Line, n.Column
		return c, c.location != ""
	}
	before := len(r.errs)
	count := func(dst **int) func(v *yaml.Node, p string) {
		return func(v *yaml.Node, p string) {
			if i, ok := r.integer(v, p, 0, math.MaxInt32); ok {
				*dst = &i
			}
		}
	}
	m := r.mapping(n, path, "a fleet location (a location code, or {location, desiredInstances, minSize, maxSize})",
		yamlField{"location", func(v *yaml.Node, p string) { c.location, _ = r.str(v, p, 1, 64) }},
		yamlField{"desiredInstances", count(&c.desired)},
		yamlField{"minSize", count(&c.min)},
		yamlField{"maxSize", count(&c.max)},
	)
	if m == nil {
		if isYAMLNull(n) {
			r.fail(n, path, "want a location code or {location, desiredInstances, minSize, maxSize}, got %s", describeNode(n))
		}
		return c, false
	}
	c.line, c.col = m.Line, m.Column
	if !hasKey(m, "location") {
		r.fail(m, joinKey(path, "location"), "missing: a fleet location needs its location code")
	}
	if len(r.errs) == before {
		desired, lo, hi := c.effective()
		switch {
		case lo > hi:
			r.failAt(c.line, c.col, path, "minSize %d is above maxSize %d", lo, hi)
		case desired < lo || desired > hi:
			r.failAt(c.line, c.col, path, "desiredInstances %d must be between minSize %d and maxSize %d", desired, lo, hi)
		}
	}
	return c, c.location != ""
}

// effective returns the instance counts a location gets: those given, the
// rest as CreateFleet sets them (1 desired instance, minimum 0, maximum
// the desired count and at least 1).
func (c locationCapacity) effective() (desired, lo, hi int) {
	desired, lo = 1, 0
	if c.desired != nil {
		desired = *c.desired
	}
	if c.min != nil {
		lo = *c.min
	}
	hi = max(1, desired)
	if c.max != nil {
		hi = *c.max
	}
	return desired, lo, hi
}

// sets reports whether the location sets any instance count.
func (c locationCapacity) sets() bool { return c.desired != nil || c.min != nil || c.max != nil }

func (r *yamlReader) runtime(n *yaml.Node, path string) *RuntimeConfiguration {
	var rc RuntimeConfiguration
	m := r.mapping(n, path, "a runtime configuration",
		yamlField{"serverProcesses", func(v *yaml.Node, p string) {
			r.list(v, p, "server processes", func(item *yaml.Node, p string) {
				var sp ServerProcess
				m := r.mapping(item, p, "a server process",
					yamlField{"launchPath", func(v *yaml.Node, p string) { sp.LaunchPath, _ = r.str(v, p, 1, 1024) }},
					yamlField{"parameters", func(v *yaml.Node, p string) { sp.Parameters, _ = r.str(v, p, 1, 1024) }},
					yamlField{"concurrentExecutions", func(v *yaml.Node, p string) {
						sp.ConcurrentExecutions, _ = r.integer(v, p, 1, placement.MaxProcessesPerInstance)
					}},
				)
				if m != nil {
					for _, key := range []string{"launchPath", "concurrentExecutions"} {
						if !hasKey(m, key) {
							r.fail(m, joinKey(p, key), "missing: a server process needs its %s", key)
						}
					}
				}
				rc.ServerProcesses = append(rc.ServerProcesses, sp)
			})
		}},
		yamlField{"maxConcurrentGameSessionActivations", func(v *yaml.Node, p string) {
			rc.MaxConcurrentGameSessionActivations, _ = r.integer(v, p, 1, math.MaxInt32)
		}},
		yamlField{"gameSessionActivationTimeoutSeconds", func(v *yaml.Node, p string) {
			rc.GameSessionActivationTimeoutSeconds, _ = r.integer(v, p, 1, 600)
		}},
	)
	if m == nil {
		return nil
	}
	return &rc
}

func (r *yamlReader) alias(item *yaml.Node, path string) *aliasSpec {
	s := &aliasSpec{}
	in := &s.in
	n := r.entry(item, path, "an alias", &s.resource,
		yamlField{"description", func(v *yaml.Node, p string) { in.Description, _ = r.str(v, p, 1, 1024) }},
		yamlField{"routingStrategy", func(v *yaml.Node, p string) {
			rs := &RoutingStrategy{}
			m := r.mapping(v, p, "a routing strategy",
				yamlField{"type", func(v *yaml.Node, p string) {
					rs.Type, _ = r.oneOf(v, p, placement.RoutingSimple, placement.RoutingTerminal)
				}},
				yamlField{"fleet", func(v *yaml.Node, p string) { s.fleet, _ = r.ref(v, p) }},
				yamlField{"message", func(v *yaml.Node, p string) { rs.Message, _ = r.str(v, p, 0, 1024) }},
			)
			if m == nil {
				return
			}
			in.RoutingStrategy = rs
			switch {
			case !hasKey(m, "type"):
				r.fail(m, joinKey(p, "type"), "missing: a routing strategy needs its type (SIMPLE or TERMINAL)")
			case rs.Type == placement.RoutingSimple && !hasKey(m, "fleet"):
				r.fail(m, joinKey(p, "fleet"), "missing: a SIMPLE routing strategy needs its fleet")
			}
		}},
	)
	if n != nil && !hasKey(n, "routingStrategy") {
		r.fail(n, joinKey(path, "routingStrategy"), "missing: an alias needs its routingStrategy")
	}
	in.Name = s.name
	return s
}

func (r *yamlReader) queue(item *yaml.Node, path string) *queueSpec {
	s := &queueSpec{}
	in := &s.in
	r.entry(item, path, "a game session queue", &s.resource,
		yamlField{"timeoutInSeconds", func(v *yaml.Node, p string) {
			in.TimeoutInSeconds, _ = r.integer(v, p, placement.MinQueueTimeoutSeconds, placement.MaxQueueTimeoutSeconds)
		}},
		yamlField{"destinations", func(v *yaml.Node, p string) { s.destinations = r.refs(v, p) }},
		yamlField{"playerLatencyPolicies", func(v *yaml.Node, p string) {
			r.list(v, p, "player latency policies", func(item *yaml.Node, p string) {
				var pol PlayerLatencyPolicy
				m := r.mapping(item, p, "a player latency policy",
					yamlField{"maximumIndividualPlayerLatencyMilliseconds", func(v *yaml.Node, p string) {
						pol.MaximumIndividualPlayerLatencyMilliseconds, _ = r.integer(v, p, 0, math.MaxInt32)
					}},
					yamlField{"policyDurationSeconds", func(v *yaml.Node, p string) {
						if d, ok := r.integer(v, p, 0, math.MaxInt32); ok {
							pol.PolicyDurationSeconds = &d
						}
					}},
				)
				if m != nil && !hasKey(m, "maximumIndividualPlayerLatencyMilliseconds") {
					r.fail(m, joinKey(p, "maximumIndividualPlayerLatencyMilliseconds"), "missing: a player latency policy needs its maximumIndividualPlayerLatencyMilliseconds")
				}
				in.PlayerLatencyPolicies = append(in.PlayerLatencyPolicies, pol)
			})
		}},
		yamlField{"filterConfiguration", func(v *yaml.Node, p string) {
			var fc FilterConfiguration
			if r.mapping(v, p, "a filter configuration",
				yamlField{"allowedLocations", func(v *yaml.Node, p string) { fc.AllowedLocations = r.strings(v, p) }},
			) != nil {
				in.FilterConfiguration = &fc
			}
		}},
		yamlField{"priorityConfiguration", func(v *yaml.Node, p string) {
			var pc PriorityConfiguration
			if r.mapping(v, p, "a priority configuration",
				yamlField{"priorityOrder", func(v *yaml.Node, p string) {
					pc.PriorityOrder = r.strings(v, p, placement.PriorityLatency, placement.PriorityCost, placement.PriorityDestination, placement.PriorityLocation)
				}},
				yamlField{"locationOrder", func(v *yaml.Node, p string) { pc.LocationOrder = r.strings(v, p) }},
			) != nil {
				in.PriorityConfiguration = &pc
			}
		}},
		yamlField{"customEventData", func(v *yaml.Node, p string) { in.CustomEventData, _ = r.str(v, p, 0, 256) }},
		yamlField{"notificationTarget", func(v *yaml.Node, p string) { in.NotificationTarget = r.topic(v, p) }},
		yamlField{"tags", func(v *yaml.Node, p string) { in.Tags = r.tags(v, p) }},
	)
	in.Name = s.name
	return s
}
