package placement

import "github.com/flexsim/flexsim/engine"

// Inputs and outputs of the fleet operations.

// Fleet and location statuses. Simulated fleets and their locations are
// ACTIVE from the moment they are created.
const (
	FleetActive    = "ACTIVE"
	LocationActive = "ACTIVE"
)

// LocationConfiguration names a location of a fleet.
type LocationConfiguration struct {
	Location string
}

// LocationState is a fleet location and its status.
type LocationState struct {
	Location string
	Status   string
}

// ServerProcess is one kind of game server process a fleet instance runs,
// and how many of it run at once.
type ServerProcess struct {
	LaunchPath           string
	Parameters           string
	ConcurrentExecutions int
}

// RuntimeConfiguration says which server processes each instance runs. The
// simulator only reads the concurrent executions: their sum is how many
// game sessions one instance hosts.
type RuntimeConfiguration struct {
	ServerProcesses                     []ServerProcess
	MaxConcurrentGameSessionActivations int
	GameSessionActivationTimeoutSeconds int
}

// CreateFleetInput is the input of CreateFleet. Zero numbers and empty
// strings mean the field was not given. Build, script, network and
// certificate settings are not simulated and not asked for.
type CreateFleetInput struct {
	Name                           string
	Description                    string
	EC2InstanceType                string // c5.large when not given
	FleetType                      string // ON_DEMAND (the default) or SPOT
	ComputeType                    string // EC2 (the only one simulated)
	Locations                      []LocationConfiguration
	RuntimeConfiguration           *RuntimeConfiguration // nil: one process per instance
	NewGameSessionProtectionPolicy string
	ResourceCreationLimitPolicy    *ResourceCreationLimitPolicy
	ServerLaunchPath               string
	Tags                           []engine.Tag // see TagResource

	// CostPerHour is a flexsim extension, not an AWS field: the price of
	// one instance per hour, which a queue's COST priority compares. When
	// zero, the price of EC2InstanceType in a small built-in table of
	// approximate on-demand prices is used (InstanceCost), or 0 for an
	// instance type the table does not list.
	CostPerHour float64
	// DesiredInstances is a flexsim extension, not an AWS field: the
	// instances to start with in each location, by location code. A
	// location not listed starts with 1, as a new AWS fleet does.
	DesiredInstances map[string]int
}

// CreateFleetOutput is the output of CreateFleet.
type CreateFleetOutput struct {
	FleetAttributes *FleetAttributes
	LocationStates  []LocationState
}

// DescribeFleetAttributesInput is the input of DescribeFleetAttributes.
// With FleetIds, unknown fleets are left out and Limit and NextToken are
// ignored; without, every fleet is listed in creation order.
type DescribeFleetAttributesInput struct {
	FleetIds  []string // IDs or ARNs
	Limit     int
	NextToken string
}

// DescribeFleetAttributesOutput is the output of DescribeFleetAttributes.
type DescribeFleetAttributesOutput struct {
	FleetAttributes []FleetAttributes
	NextToken       string
}

// UpdateFleetCapacityInput is the input of UpdateFleetCapacity: nil
// numbers are left as they are. Location defaults to the home location.
type UpdateFleetCapacityInput struct {
	FleetId          string
	DesiredInstances *int
	MinSize          *int
	MaxSize          *int
	Location         string
}

// UpdateFleetCapacityOutput is the output of UpdateFleetCapacity.
type UpdateFleetCapacityOutput struct {
	FleetId  string
	FleetArn string
	Location string
}

// CreateFleetLocationsInput is the input of CreateFleetLocations.
type CreateFleetLocationsInput struct {
	FleetId   string
	Locations []LocationConfiguration
}

// CreateFleetLocationsOutput is the output of CreateFleetLocations.
type CreateFleetLocationsOutput struct {
	FleetId        string
	FleetArn       string
	LocationStates []LocationState
}

// EC2InstanceCounts are the instance counts of a fleet location. Simulated
// instances are never PENDING or TERMINATING; instances still hosting game
// sessions after a scale-down stay ACTIVE until those sessions end.
type EC2InstanceCounts struct {
	DESIRED     int
	MINIMUM     int
	MAXIMUM     int
	PENDING     int
	ACTIVE      int
	IDLE        int
	TERMINATING int
}

// FleetCapacity is the capacity of one fleet location.
type FleetCapacity struct {
	FleetId        string
	FleetArn       string
	InstanceType   string
	InstanceCounts *EC2InstanceCounts
	Location       string
}

// DescribeFleetCapacityInput is the input of DescribeFleetCapacity, which,
// as on AWS, reports each fleet's home location.
type DescribeFleetCapacityInput struct {
	FleetIds  []string
	Limit     int
	NextToken string
}

// DescribeFleetCapacityOutput is the output of DescribeFleetCapacity.
type DescribeFleetCapacityOutput struct {
	FleetCapacity []FleetCapacity
	NextToken     string
}

// DescribeFleetLocationCapacityInput is the input of
// DescribeFleetLocationCapacity.
type DescribeFleetLocationCapacityInput struct {
	FleetId  string
	Location string
}

// DescribeFleetLocationCapacityOutput is the output of
// DescribeFleetLocationCapacity.
type DescribeFleetLocationCapacityOutput struct {
	FleetCapacity *FleetCapacity
}

// FleetUtilization is how busy a fleet's home location is.
type FleetUtilization struct {
	FleetId  string
	FleetArn string
	// ActiveServerProcessCount counts every running process, idle or
	// hosting: desired instances × processes per instance.
	ActiveServerProcessCount  int
	ActiveGameSessionCount    int
	CurrentPlayerSessionCount int
	MaximumPlayerSessionCount int
	Location                  string
}

// DescribeFleetUtilizationInput is the input of DescribeFleetUtilization.
type DescribeFleetUtilizationInput struct {
	FleetIds  []string
	Limit     int
	NextToken string
}

// DescribeFleetUtilizationOutput is the output of DescribeFleetUtilization.
type DescribeFleetUtilizationOutput struct {
	FleetUtilization []FleetUtilization
	NextToken        string
}

// DeleteFleetInput is the input of DeleteFleet.
type DeleteFleetInput struct {
	FleetId string
}

// DeleteFleetOutput is the output of DeleteFleet.
type DeleteFleetOutput struct{}

// FleetSpec describes a fleet for AddFleet, a Go shortcut for test setup.
type FleetSpec struct {
	Name         string
	InstanceType string // c5.large when empty
	// Locations with their instance counts. The home location (the
	// Service's region) starts with 1 instance unless it is listed here.
	Locations []LocationSpec
	// ProcessesPerInstance is how many game sessions one instance hosts
	// (1 when 0).
	ProcessesPerInstance int
	CostPerHour          float64 // see CreateFleetInput.CostPerHour
}

// LocationSpec is a fleet location and its number of instances (0 allowed).
type LocationSpec struct {
	Location  string
	Instances int
}
