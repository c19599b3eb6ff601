package placement

import "context"

// The fleet capacity and utilization reports.

// capacityOf reports the capacity of one fleet location.
func capacityOf(f *fleet, l *fleetLocation) FleetCapacity {
	busy := (l.inUse + f.processesPerInstance - 1) / f.processesPerInstance // instances hosting a session
	active := max(l.desired, busy)
	return FleetCapacity{
		FleetId:      f.attrs.FleetId,
		FleetArn:     f.attrs.FleetArn,
		InstanceType: f.attrs.InstanceType,
		Location:     l.location,
		InstanceCounts: &EC2InstanceCounts{
			DESIRED: l.desired,
			MINIMUM: l.min,
			MAXIMUM: l.max,
			ACTIVE:  active,
			IDLE:    active - busy,
		},
	}
}

// DescribeFleetCapacity reports the capacity of fleets' home locations.
func (s *Service) DescribeFleetCapacity(ctx context.Context, in *DescribeFleetCapacityInput) (*DescribeFleetCapacityOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs, next, err := s.selectFleets(in.FleetIds, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeFleetCapacityOutput{FleetCapacity: []FleetCapacity{}, NextToken: next}
	for _, f := range fs {
		out.FleetCapacity = append(out.FleetCapacity, capacityOf(f, f.locations[0]))
	}
	return out, nil
}

// DescribeFleetLocationCapacity reports the capacity of one fleet location.
func (s *Service) DescribeFleetLocationCapacity(ctx context.Context, in *DescribeFleetLocationCapacityInput) (*DescribeFleetLocationCapacityOutput, error) {
	if in.Location == "" {
		return nil, invalidf("Location is required")
	}
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
	c := capacityOf(f, l)
	return &DescribeFleetLocationCapacityOutput{FleetCapacity: &c}, nil
}

// DescribeFleetUtilization reports how busy fleets' home locations are.
func (s *Service) DescribeFleetUtilization(ctx context.Context, in *DescribeFleetUtilizationInput) (*DescribeFleetUtilizationOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs, next, err := s.selectFleets(in.FleetIds, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeFleetUtilizationOutput{FleetUtilization: []FleetUtilization{}, NextToken: next}
	for _, f := range fs {
		home := f.locations[0]
		u := FleetUtilization{
			FleetId:                  f.attrs.FleetId,
			FleetArn:                 f.attrs.FleetArn,
			ActiveServerProcessCount: home.capacity(f),
			Location:                 home.location,
		}
		for _, gs := range s.sessionOrder { // a TERMINATING session holds a process but is not active
			if gs.fleet == f && gs.attrs.Location == home.location && gs.hosted() {
				u.ActiveGameSessionCount++
				u.CurrentPlayerSessionCount += gs.attrs.CurrentPlayerSessionCount
				u.MaximumPlayerSessionCount += gs.attrs.MaximumPlayerSessionCount
			}
		}
		out.FleetUtilization = append(out.FleetUtilization, u)
	}
	return out, nil
}
