package placement

import (
	"context"
	"math"
	"slices"

	"github.com/flexsim/flexsim/engine"
)

// defaultInstanceType is the instance type of a fleet created without one.
const defaultInstanceType = "c5.large"

// instanceCosts are approximate on-demand prices in US dollars per hour of
// a few common instance types, Linux, us-east-1. They exist so that a
// queue's COST priority has something plausible to compare when a fleet
// sets no CostPerHour; they are not AWS quotes.
var instanceCosts = map[string]float64{
	"c4.large":   0.105,
	"c4.xlarge":  0.209,
	"c5.large":   0.109,
	"c5.xlarge":  0.218,
	"c5.2xlarge": 0.436,
	"c5.4xlarge": 0.872,
	"c6i.large":  0.109,
	"c6g.large":  0.087,
	"m5.large":   0.124,
	"m5.xlarge":  0.248,
	"r5.large":   0.163,
	"r5.xlarge":  0.326,
}

// InstanceCost returns the built-in approximate hourly price of an instance
// type, or 0 if the table does not list it.
func InstanceCost(instanceType string) float64 { return instanceCosts[instanceType] }

// CreateFleet creates a fleet whose instances are ACTIVE at once, in the
// home location (the Service's region) and every location in Locations.
// Each location starts with 1 desired instance (or DesiredInstances), a
// minimum of 0 and a maximum of at least 1. An instance hosts as many game
// sessions as the runtime configuration's concurrent executions add up to.
func (s *Service) CreateFleet(ctx context.Context, in *CreateFleetInput) (*CreateFleetOutput, error) {
	ppi, err := checkFleet(in)
	if err != nil {
		return nil, err
	}
	for loc := range in.DesiredInstances {
		if loc != s.opts.region && !slices.Contains(in.Locations, LocationConfiguration{Location: loc}) {
			return nil, invalidf("DesiredInstances names %s, which is not a location of the fleet", loc)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	id := "fleet-" + s.newUUID()
	f := &fleet{
		processesPerInstance: ppi,
		costPerHour:          in.CostPerHour,
		tags:                 newTags(in.Tags),
		attrs: FleetAttributes{
			FleetId:                        id,
			FleetArn:                       s.arn("fleet", id),
			FleetType:                      or(in.FleetType, "ON_DEMAND"),
			InstanceType:                   or(in.EC2InstanceType, defaultInstanceType),
			Name:                           in.Name,
			Description:                    in.Description,
			Status:                         FleetActive,
			CreationTime:                   now,
			ComputeType:                    "EC2",
			ServerLaunchPath:               in.ServerLaunchPath,
			NewGameSessionProtectionPolicy: or(in.NewGameSessionProtectionPolicy, ProtectionNone),
		},
	}
	if p := in.ResourceCreationLimitPolicy; p != nil {
		c := *p
		f.attrs.ResourceCreationLimitPolicy = &c
	}
	if f.costPerHour == 0 {
		f.costPerHour = InstanceCost(f.attrs.InstanceType)
	}
	f.locations = append(f.locations, newLocation(s.opts.region, in.DesiredInstances))
	for _, lc := range in.Locations {
		if lc.Location != s.opts.region {
			f.locations = append(f.locations, newLocation(lc.Location, in.DesiredInstances))
		}
	}
	s.fleets[id] = f
	s.fleetOrder = append(s.fleetOrder, f)
	attrs := f.attrs
	return &CreateFleetOutput{FleetAttributes: &attrs, LocationStates: locationStates(f.locations)}, nil
}

// checkFleet validates a CreateFleet input and returns the processes per
// instance.
func checkFleet(in *CreateFleetInput) (int, error) {
	if err := checkLen("Name", in.Name, 1, 1024); err != nil {
		return 0, err
	}
	if err := checkLen("Description", in.Description, 0, 1024); err != nil {
		return 0, err
	}
	switch {
	case in.FleetType != "" && in.FleetType != "ON_DEMAND" && in.FleetType != "SPOT":
		return 0, invalidf("FleetType must be ON_DEMAND or SPOT, got %q", in.FleetType)
	case in.ComputeType != "" && in.ComputeType != "EC2":
		return 0, invalidf("ComputeType %s is not simulated; use EC2", in.ComputeType)
	case in.NewGameSessionProtectionPolicy != "" && in.NewGameSessionProtectionPolicy != ProtectionNone &&
		in.NewGameSessionProtectionPolicy != ProtectionFull:
		return 0, invalidf("NewGameSessionProtectionPolicy must be NoProtection or FullProtection, got %q", in.NewGameSessionProtectionPolicy)
	case in.CostPerHour < 0 || math.IsNaN(in.CostPerHour) || math.IsInf(in.CostPerHour, 0):
		return 0, invalidf("CostPerHour must be a non-negative number, got %v", in.CostPerHour)
	}
	if err := engine.CheckTags(in.Tags); err != nil {
		return 0, err
	}
	if p := in.ResourceCreationLimitPolicy; p != nil && (p.NewGameSessionsPerCreator < 0 || p.PolicyPeriodInMinutes < 0) {
		return 0, invalidf("ResourceCreationLimitPolicy values must not be negative")
	}
	var seen []string
	for _, lc := range in.Locations {
		if err := checkLocation("Locations", lc.Location); err != nil {
			return 0, err
		}
		if slices.Contains(seen, lc.Location) {
			return 0, invalidf("Locations lists %s twice", lc.Location)
		}
		seen = append(seen, lc.Location)
	}
	for loc, n := range in.DesiredInstances {
		if n < 0 {
			return 0, invalidf("DesiredInstances for %s must not be negative, got %d", loc, n)
		}
	}
	return processesPerInstance(in.RuntimeConfiguration)
}

// processesPerInstance adds up a runtime configuration's concurrent
// executions (1 without a runtime configuration).
func processesPerInstance(rc *RuntimeConfiguration) (int, error) {
	if rc == nil {
		return 1, nil
	}
	if n := len(rc.ServerProcesses); n < 1 || n > MaxProcessesPerInstance {
		return 0, invalidf("RuntimeConfiguration.ServerProcesses must hold 1 to %d entries, got %d", MaxProcessesPerInstance, n)
	}
	total := 0
	for i, sp := range rc.ServerProcesses {
		if err := checkLen("ServerProcesses LaunchPath", sp.LaunchPath, 1, 1024); err != nil {
			return 0, err
		}
		if sp.ConcurrentExecutions < 1 {
			return 0, invalidf("ServerProcesses[%d].ConcurrentExecutions must be at least 1, got %d", i, sp.ConcurrentExecutions)
		}
		total += sp.ConcurrentExecutions
	}
	if total > MaxProcessesPerInstance {
		return 0, invalidf("the server processes add up to %d concurrent executions per instance; at most %d are allowed", total, MaxProcessesPerInstance)
	}
	return total, nil
}

func newLocation(name string, desired map[string]int) *fleetLocation {
	n, ok := desired[name]
	if !ok {
		n = 1
	}
	return &fleetLocation{location: name, desired: n, max: max(1, n)}
}

func locationStates(ls []*fleetLocation) []LocationState {
	out := make([]LocationState, len(ls))
	for i, l := range ls {
		out[i] = LocationState{Location: l.location, Status: LocationActive}
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// AddFleet creates a fleet from a short description, through CreateFleet.
// It is a Go convenience for test setup, not a GameLift operation.
func (s *Service) AddFleet(spec FleetSpec) (FleetAttributes, error) {
	ppi := max(spec.ProcessesPerInstance, 1)
	in := &CreateFleetInput{
		Name:             spec.Name,
		EC2InstanceType:  spec.InstanceType,
		CostPerHour:      spec.CostPerHour,
		DesiredInstances: map[string]int{},
		RuntimeConfiguration: &RuntimeConfiguration{ServerProcesses: []ServerProcess{
			{LaunchPath: "/local/game/server", ConcurrentExecutions: ppi},
		}},
	}
	for _, l := range spec.Locations {
		in.Locations = append(in.Locations, LocationConfiguration{Location: l.Location})
		in.DesiredInstances[l.Location] = l.Instances
	}
	out, err := s.CreateFleet(context.Background(), in)
	if err != nil {
		return FleetAttributes{}, err
	}
	return *out.FleetAttributes, nil
}

// fleetByID finds a fleet by ID or ARN, or returns a NotFoundException.
func (s *Service) fleetByID(idOrArn string) (*fleet, error) {
	if idOrArn == "" {
		return nil, invalidf("FleetId is required")
	}
	if f, ok := s.fleets[resourceID(idOrArn)]; ok {
		return f, nil
	}
	return nil, notFoundf("fleet %s not found", idOrArn)
}

// selectFleets returns the fleets given by ID or ARN (unknown ones left
// out), or a page of all fleets in creation order.
func (s *Service) selectFleets(ids []string, limit int, token string) ([]*fleet, string, error) {
	if err := checkLimit(limit); err != nil {
		return nil, "", err
	}
	if len(ids) == 0 {
		return paginate(s.fleetOrder, limit, token)
	}
	var out []*fleet
	for _, id := range ids {
		if f, ok := s.fleets[resourceID(id)]; ok && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out, "", nil
}

// DescribeFleetAttributes describes fleets.
func (s *Service) DescribeFleetAttributes(ctx context.Context, in *DescribeFleetAttributesInput) (*DescribeFleetAttributesOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs, next, err := s.selectFleets(in.FleetIds, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeFleetAttributesOutput{FleetAttributes: []FleetAttributes{}, NextToken: next}
	for _, f := range fs {
		out.FleetAttributes = append(out.FleetAttributes, f.attrs)
	}
	return out, nil
}

// UpdateFleetCapacity changes the desired, minimum and maximum instances
// of a fleet location (the home location by default). The new numbers must
// satisfy minimum ≤ desired ≤ maximum. Going below the instances in use
// ends no game session: the location just hosts no new one until enough
// have ended.
func (s *Service) UpdateFleetCapacity(ctx context.Context, in *UpdateFleetCapacityInput) (*UpdateFleetCapacityOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.fleetByID(in.FleetId)
	if err != nil {
		return nil, err
	}
	l, err := fleetLocationOf(f, in.Location)
	if err != nil {
		return nil, err
	}
	desired, lo, hi := l.desired, l.min, l.max
	set := func(dst *int, src *int, field string) error {
		if src == nil {
			return nil
		}
		if *src < 0 {
			return invalidf("%s must not be negative, got %d", field, *src)
		}
		*dst = *src
		return nil
	}
	if err := set(&desired, in.DesiredInstances, "DesiredInstances"); err != nil {
		return nil, err
	}
	if err := set(&lo, in.MinSize, "MinSize"); err != nil {
		return nil, err
	}
	if err := set(&hi, in.MaxSize, "MaxSize"); err != nil {
		return nil, err
	}
	if lo > hi {
		return nil, invalidf("MinSize %d is above MaxSize %d", lo, hi)
	}
	if desired < lo || desired > hi {
		return nil, invalidf("DesiredInstances %d must be between MinSize %d and MaxSize %d", desired, lo, hi)
	}
	l.desired, l.min, l.max = desired, lo, hi
	return &UpdateFleetCapacityOutput{FleetId: f.attrs.FleetId, FleetArn: f.attrs.FleetArn, Location: l.location}, nil
}

// fleetLocationOf returns the location of f named loc, or the home
// location when loc is empty.
func fleetLocationOf(f *fleet, loc string) (*fleetLocation, error) {
	if loc == "" {
		return f.locations[0], nil
	}
	if l := f.location(loc); l != nil {
		return l, nil
	}
	return nil, invalidf("fleet %s has no location %s", f.attrs.FleetId, loc)
}

// CreateFleetLocations adds remote locations to a fleet, each ACTIVE at
// once with 1 desired instance. A location the fleet already has, or one
// listed twice, is an InvalidRequestException.
func (s *Service) CreateFleetLocations(ctx context.Context, in *CreateFleetLocationsInput) (*CreateFleetLocationsOutput, error) {
	if n := len(in.Locations); n < 1 || n > 100 {
		return nil, invalidf("Locations must hold 1 to 100 locations, got %d", n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.fleetByID(in.FleetId)
	if err != nil {
		return nil, err
	}
	var added []*fleetLocation
	for _, lc := range in.Locations {
		if err := checkLocation("Locations", lc.Location); err != nil {
			return nil, err
		}
		if f.location(lc.Location) != nil || slices.ContainsFunc(added, func(l *fleetLocation) bool { return l.location == lc.Location }) {
			return nil, invalidf("fleet %s already has location %s", f.attrs.FleetId, lc.Location)
		}
		added = append(added, newLocation(lc.Location, nil))
	}
	f.locations = append(f.locations, added...)
	return &CreateFleetLocationsOutput{FleetId: f.attrs.FleetId, FleetArn: f.attrs.FleetArn, LocationStates: locationStates(added)}, nil
}

// DeleteFleet deletes a fleet. A fleet still hosting game sessions cannot
// be deleted (InvalidRequestException): end them, or wait for them to end,
// first. Aliases that point at it stay, and resolve to a
// NotFoundException.
func (s *Service) DeleteFleet(ctx context.Context, in *DeleteFleetInput) (*DeleteFleetOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.fleetByID(in.FleetId)
	if err != nil {
		return nil, err
	}
	hosting := 0
	for _, l := range f.locations {
		hosting += l.inUse
	}
	if hosting > 0 {
		return nil, invalidf("fleet %s still hosts %d active game sessions", f.attrs.FleetId, hosting)
	}
	delete(s.fleets, f.attrs.FleetId)
	s.fleetOrder = slices.DeleteFunc(s.fleetOrder, func(g *fleet) bool { return g == f })
	f.attrs.Status = "TERMINATED"
	return &DeleteFleetOutput{}, nil
}
