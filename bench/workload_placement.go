package bench

import (
	"time"

	"github.com/flexsim/flexsim/placement"
)

// PlacementSettings are the game session placement of a WITH_QUEUE
// configuration (placement in a workload file): the queue the matches are
// placed on, its fleets, and how long games last. Required with mode
// WITH_QUEUE, not allowed otherwise.
type PlacementSettings struct {
	// Queue (queue) is the game session queue.
	Queue QueueSettings
	// Fleets (fleets) are the queue's destinations, by name in file order.
	// At least one is required.
	Fleets []FleetSettings
	// SessionDuration (sessionDuration) is how long a game lasts, in
	// seconds (or a duration); then its server process hosts the next one.
	// Default normal(mean 1200, stddev 300, min 60).
	SessionDuration Dist
}

// QueueSettings are the game session queue's settings.
type QueueSettings struct {
	// Timeout (timeout) is TimeoutInSeconds, 10 s to 600 s. Default 600s.
	Timeout time.Duration
	// LatencyPolicies (latencyPolicies) are the PlayerLatencyPolicies as
	// {maxLatency (ms), duration} from the lowest cap up; a policy without
	// a duration lasts until the timeout. Default: none.
	LatencyPolicies []LatencyPolicy
	// PriorityOrder (priorityOrder) of LATENCY, COST, DESTINATION,
	// LOCATION. Default: that order.
	PriorityOrder []string
	// LocationOrder (locationOrder) ranks locations for LOCATION.
	LocationOrder []string
	// AllowedLocations (allowedLocations) restricts where games are
	// placed. Default: anywhere.
	AllowedLocations []string
}

// LatencyPolicy is one player latency policy.
type LatencyPolicy struct {
	MaxLatency int           // maxLatency, ms
	Duration   time.Duration // duration; 0 until the queue's timeout
}

// FleetSettings are one fleet's settings.
type FleetSettings struct {
	// Name is the fleet's name (the key in fleets).
	Name string
	// InstanceType (instanceType). Default c5.large.
	InstanceType string
	// ProcessesPerInstance (processesPerInstance) is how many games one
	// instance hosts at a time. Default 1.
	ProcessesPerInstance int
	// CostPerHour (costPerHour) of an instance, for the COST priority.
	// Default: the instance type's price.
	CostPerHour float64
	// Locations (locations) maps each location to its number of instances.
	// The home location, us-east-1, has 1 instance unless listed.
	Locations []placement.LocationSpec
}

// defaultPlacement is a placement section's defaults.
func defaultPlacement() *PlacementSettings {
	return &PlacementSettings{
		Queue:           QueueSettings{Timeout: placement.DefaultQueueTimeoutSeconds * time.Second},
		SessionDuration: Dist{Kind: DistNormal, Mean: 1200, StdDev: 300, Min: 60, HasMin: true},
	}
}
