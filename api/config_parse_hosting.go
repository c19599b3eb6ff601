package api

import (
	"math"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/internal/yamlpos"
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
		yamlpos.Field{Name: "description", Read: func(v *yaml.Node, p string) { in.Description, _ = r.Str(v, p, 1, 1024) }},
		yamlpos.Field{Name: "ec2InstanceType", Read: func(v *yaml.Node, p string) { in.EC2InstanceType, _ = r.Str(v, p, 1, 128) }},
		yamlpos.Field{Name: "fleetType", Read: func(v *yaml.Node, p string) { in.FleetType, _ = r.OneOf(v, p, "ON_DEMAND", "SPOT") }},
		yamlpos.Field{Name: "newGameSessionProtectionPolicy", Read: func(v *yaml.Node, p string) {
			in.NewGameSessionProtectionPolicy, _ = r.OneOf(v, p, placement.ProtectionNone, placement.ProtectionFull)
		}},
		yamlpos.Field{Name: "serverLaunchPath", Read: func(v *yaml.Node, p string) { in.ServerLaunchPath, _ = r.Str(v, p, 1, 1024) }},
		yamlpos.Field{Name: "costPerHour", Read: func(v *yaml.Node, p string) {
			switch f, ok := r.Number(v, p); {
			case ok && f < 0:
				r.Fail(v, p, "a cost per hour must not be negative, got %g", f)
			case ok:
				in.CostPerHour = f
			}
		}},
		yamlpos.Field{Name: "runtimeConfiguration", Read: func(v *yaml.Node, p string) { in.RuntimeConfiguration = r.runtime(v, p) }},
		yamlpos.Field{Name: "resourceCreationLimitPolicy", Read: func(v *yaml.Node, p string) {
			var pol ResourceCreationLimitPolicy
			if r.Mapping(v, p, "a resource creation limit policy",
				yamlpos.Field{Name: "newGameSessionsPerCreator", Read: func(v *yaml.Node, p string) {
					pol.NewGameSessionsPerCreator, _ = r.Integer(v, p, 0, math.MaxInt32)
				}},
				yamlpos.Field{Name: "policyPeriodInMinutes", Read: func(v *yaml.Node, p string) {
					pol.PolicyPeriodInMinutes, _ = r.Integer(v, p, 0, math.MaxInt32)
				}},
			) != nil {
				in.ResourceCreationLimitPolicy = &pol
			}
		}},
		yamlpos.Field{Name: "locations", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "locations", func(item *yaml.Node, p string) {
				c, ok := r.location(item, p)
				if !ok {
					return
				}
				for _, o := range s.capacity {
					if o.location == c.location {
						r.FailAt(c.line, c.col, p, "location %s is listed twice", c.location)
						return
					}
				}
				s.capacity = append(s.capacity, c)
				in.Locations = append(in.Locations, LocationConfiguration{Location: c.location})
			})
		}},
		yamlpos.Field{Name: "tags", Read: func(v *yaml.Node, p string) { in.Tags = r.tags(v, p) }},
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
	n := r.Resolve(item)
	if n == nil {
		return c, false
	}
	if n.Kind == yaml.ScalarNode && !yamlpos.IsNull(n) {
		c.location, _ = r.Str(n, path, 1, 64)
		c.line, c.col = n.Line, n.Column
		return c, c.location != ""
	}
	before := len(r.errs)
	count := func(dst **int) func(v *yaml.Node, p string) {
		return func(v *yaml.Node, p string) {
			if i, ok := r.Integer(v, p, 0, math.MaxInt32); ok {
				*dst = &i
			}
		}
	}
	m := r.Mapping(n, path, "a fleet location (a location code, or {location, desiredInstances, minSize, maxSize})",
		yamlpos.Field{Name: "location", Read: func(v *yaml.Node, p string) { c.location, _ = r.Str(v, p, 1, 64) }},
		yamlpos.Field{Name: "desiredInstances", Read: count(&c.desired)},
		yamlpos.Field{Name: "minSize", Read: count(&c.min)},
		yamlpos.Field{Name: "maxSize", Read: count(&c.max)},
	)
	if m == nil {
		if yamlpos.IsNull(n) {
			r.Fail(n, path, "want a location code or {location, desiredInstances, minSize, maxSize}, got %s", yamlpos.Describe(n))
		}
		return c, false
	}
	c.line, c.col = m.Line, m.Column
	if !hasKey(m, "location") {
		r.Fail(m, yamlpos.Join(path, "location"), "missing: a fleet location needs its location code")
	}
	if len(r.errs) == before {
		desired, lo, hi := c.effective()
		switch {
		case lo > hi:
			r.FailAt(c.line, c.col, path, "minSize %d is above maxSize %d", lo, hi)
		case desired < lo || desired > hi:
			r.FailAt(c.line, c.col, path, "desiredInstances %d must be between minSize %d and maxSize %d", desired, lo, hi)
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
	m := r.Mapping(n, path, "a runtime configuration",
		yamlpos.Field{Name: "serverProcesses", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "server processes", func(item *yaml.Node, p string) {
				var sp ServerProcess
				m := r.Mapping(item, p, "a server process",
					yamlpos.Field{Name: "launchPath", Read: func(v *yaml.Node, p string) { sp.LaunchPath, _ = r.Str(v, p, 1, 1024) }},
					yamlpos.Field{Name: "parameters", Read: func(v *yaml.Node, p string) { sp.Parameters, _ = r.Str(v, p, 1, 1024) }},
					yamlpos.Field{Name: "concurrentExecutions", Read: func(v *yaml.Node, p string) {
						sp.ConcurrentExecutions, _ = r.Integer(v, p, 1, placement.MaxProcessesPerInstance)
					}},
				)
				if m != nil {
					for _, key := range []string{"launchPath", "concurrentExecutions"} {
						if !hasKey(m, key) {
							r.Fail(m, yamlpos.Join(p, key), "missing: a server process needs its %s", key)
						}
					}
				}
				rc.ServerProcesses = append(rc.ServerProcesses, sp)
			})
		}},
		yamlpos.Field{Name: "maxConcurrentGameSessionActivations", Read: func(v *yaml.Node, p string) {
			rc.MaxConcurrentGameSessionActivations, _ = r.Integer(v, p, 1, math.MaxInt32)
		}},
		yamlpos.Field{Name: "gameSessionActivationTimeoutSeconds", Read: func(v *yaml.Node, p string) {
			rc.GameSessionActivationTimeoutSeconds, _ = r.Integer(v, p, 1, 600)
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
		yamlpos.Field{Name: "description", Read: func(v *yaml.Node, p string) { in.Description, _ = r.Str(v, p, 1, 1024) }},
		yamlpos.Field{Name: "routingStrategy", Read: func(v *yaml.Node, p string) {
			rs := &RoutingStrategy{}
			m := r.Mapping(v, p, "a routing strategy",
				yamlpos.Field{Name: "type", Read: func(v *yaml.Node, p string) {
					rs.Type, _ = r.OneOf(v, p, placement.RoutingSimple, placement.RoutingTerminal)
				}},
				yamlpos.Field{Name: "fleet", Read: func(v *yaml.Node, p string) { s.fleet, _ = r.ref(v, p) }},
				yamlpos.Field{Name: "message", Read: func(v *yaml.Node, p string) { rs.Message, _ = r.Str(v, p, 0, 1024) }},
			)
			if m == nil {
				return
			}
			in.RoutingStrategy = rs
			switch {
			case !hasKey(m, "type"):
				r.Fail(m, yamlpos.Join(p, "type"), "missing: a routing strategy needs its type (SIMPLE or TERMINAL)")
			case rs.Type == placement.RoutingSimple && !hasKey(m, "fleet"):
				r.Fail(m, yamlpos.Join(p, "fleet"), "missing: a SIMPLE routing strategy needs its fleet")
			}
		}},
		yamlpos.Field{Name: "tags", Read: func(v *yaml.Node, p string) { in.Tags = r.tags(v, p) }},
	)
	if n != nil && !hasKey(n, "routingStrategy") {
		r.Fail(n, yamlpos.Join(path, "routingStrategy"), "missing: an alias needs its routingStrategy")
	}
	in.Name = s.name
	return s
}

func (r *yamlReader) queue(item *yaml.Node, path string) *queueSpec {
	s := &queueSpec{}
	in := &s.in
	r.entry(item, path, "a game session queue", &s.resource,
		yamlpos.Field{Name: "timeoutInSeconds", Read: func(v *yaml.Node, p string) {
			in.TimeoutInSeconds, _ = r.Integer(v, p, placement.MinQueueTimeoutSeconds, placement.MaxQueueTimeoutSeconds)
		}},
		yamlpos.Field{Name: "destinations", Read: func(v *yaml.Node, p string) { s.destinations = r.refs(v, p) }},
		yamlpos.Field{Name: "playerLatencyPolicies", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "player latency policies", func(item *yaml.Node, p string) {
				var pol PlayerLatencyPolicy
				m := r.Mapping(item, p, "a player latency policy",
					yamlpos.Field{Name: "maximumIndividualPlayerLatencyMilliseconds", Read: func(v *yaml.Node, p string) {
						pol.MaximumIndividualPlayerLatencyMilliseconds, _ = r.Integer(v, p, 0, math.MaxInt32)
					}},
					yamlpos.Field{Name: "policyDurationSeconds", Read: func(v *yaml.Node, p string) {
						if d, ok := r.Integer(v, p, 0, math.MaxInt32); ok {
							pol.PolicyDurationSeconds = &d
						}
					}},
				)
				if m != nil && !hasKey(m, "maximumIndividualPlayerLatencyMilliseconds") {
					r.Fail(m, yamlpos.Join(p, "maximumIndividualPlayerLatencyMilliseconds"), "missing: a player latency policy needs its maximumIndividualPlayerLatencyMilliseconds")
				}
				in.PlayerLatencyPolicies = append(in.PlayerLatencyPolicies, pol)
			})
		}},
		yamlpos.Field{Name: "filterConfiguration", Read: func(v *yaml.Node, p string) {
			var fc FilterConfiguration
			if r.Mapping(v, p, "a filter configuration",
				yamlpos.Field{Name: "allowedLocations", Read: func(v *yaml.Node, p string) { fc.AllowedLocations = r.Strings(v, p, "strings", 1024) }},
			) != nil {
				in.FilterConfiguration = &fc
			}
		}},
		yamlpos.Field{Name: "priorityConfiguration", Read: func(v *yaml.Node, p string) {
			var pc PriorityConfiguration
			if r.Mapping(v, p, "a priority configuration",
				yamlpos.Field{Name: "priorityOrder", Read: func(v *yaml.Node, p string) {
					pc.PriorityOrder = r.Strings(v, p, "strings", 1024, placement.PriorityLatency, placement.PriorityCost, placement.PriorityDestination, placement.PriorityLocation)
				}},
				yamlpos.Field{Name: "locationOrder", Read: func(v *yaml.Node, p string) { pc.LocationOrder = r.Strings(v, p, "strings", 1024) }},
			) != nil {
				in.PriorityConfiguration = &pc
			}
		}},
		yamlpos.Field{Name: "customEventData", Read: func(v *yaml.Node, p string) { in.CustomEventData, _ = r.Str(v, p, 0, 256) }},
		yamlpos.Field{Name: "notificationTarget", Read: func(v *yaml.Node, p string) { in.NotificationTarget = r.topic(v, p) }},
		yamlpos.Field{Name: "tags", Read: func(v *yaml.Node, p string) { in.Tags = r.tags(v, p) }},
	)
	in.Name = s.name
	return s
}
