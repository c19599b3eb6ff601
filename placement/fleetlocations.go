package placement

import (
	"context"
	"slices"
)

// Listing fleets, and describing and deleting their remote locations.

// LocationDeleting is the status DeleteFleetLocations reports for the
// locations it deletes.
const LocationDeleting = "DELETING"

// ListFleetsInput is the input of ListFleets. Simulated fleets run no build
// or script: BuildId and ScriptId are accepted and do not filter.
type ListFleetsInput struct {
	BuildId   string
	ScriptId  string
	Limit     int // 0: all
	NextToken string
}

// ListFleetsOutput is the output of ListFleets.
type ListFleetsOutput struct {
	FleetIds  []string // never nil
	NextToken string
}

// DeleteFleetLocationsInput is the input of DeleteFleetLocations.
type DeleteFleetLocationsInput struct {
	FleetId   string   // ID or ARN
	Locations []string // 1 to 100 remote locations of the fleet
}

// DeleteFleetLocationsOutput is the output of DeleteFleetLocations.
type DeleteFleetLocationsOutput struct {
	FleetId        string
	FleetArn       string
	LocationStates []LocationState // each DELETING
}

// DescribeFleetLocationAttributesInput is the input of
// DescribeFleetLocationAttributes.
type DescribeFleetLocationAttributesInput struct {
	FleetId   string   // ID or ARN
	Locations []string // optional, 1 to 100: these, in this order
	Limit     int      // 0: all
	NextToken string
}

// LocationAttributes is a remote location of a fleet and its state.
// Simulated fleets never suspend actions, so StoppedActions and
// UpdateStatus stay empty.
type LocationAttributes struct {
	LocationState  LocationState
	StoppedActions []string
	UpdateStatus   string
}

// DescribeFleetLocationAttributesOutput is the output of
// DescribeFleetLocationAttributes.
type DescribeFleetLocationAttributesOutput struct {
	FleetId            string
	FleetArn           string
	LocationAttributes []LocationAttributes // never nil
	NextToken          string
}

// ListFleets lists the IDs of every fleet in creation order, a page at a
// time.
func (s *Service) ListFleets(ctx context.Context, in *ListFleetsInput) (*ListFleetsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs, next, err := s.selectFleets(nil, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ListFleetsOutput{FleetIds: make([]string, len(fs)), NextToken: next}
	for i, f := range fs {
		out.FleetIds[i] = f.attrs.FleetId
	}
	return out, nil
}

// DescribeFleetLocationAttributes describes the remote locations of a fleet
// (never its home location, as on AWS): those in Locations, in that order,
// leaving out the ones the fleet lacks, or all of them in the order they
// were added. Each is ACTIVE; a deleted location is no longer listed.
func (s *Service) DescribeFleetLocationAttributes(ctx context.Context, in *DescribeFleetLocationAttributesInput) (*DescribeFleetLocationAttributesOutput, error) {
	if in.Locations != nil {
		if err := checkLocations("Locations", in.Locations, 100); err != nil {
			return nil, err
		}
	}
	if err := checkLimit(in.Limit); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.fleetByID(in.FleetId)
	if err != nil {
		return nil, err
	}
	remote := f.locations[1:]
	var ls []*fleetLocation
	if in.Locations == nil {
		ls = remote
	} else {
		for _, name := range in.Locations {
			if i := slices.IndexFunc(remote, func(l *fleetLocation) bool { return l.location == name }); i >= 0 {
				ls = append(ls, remote[i])
			}
		}
	}
	page, next, err := paginate(ls, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeFleetLocationAttributesOutput{FleetId: f.attrs.FleetId, FleetArn: f.attrs.FleetArn,
		LocationAttributes: make([]LocationAttributes, len(page)), NextToken: next}
	for i, l := range page {
		out.LocationAttributes[i] = LocationAttributes{LocationState: LocationState{Location: l.location, Status: LocationActive}}
	}
	return out, nil
}

// DeleteFleetLocations deletes remote locations of a fleet. The simulated
// deletion completes at once: each location's game sessions end as
// FORCE_TERMINATE ends them (TERMINATED, reason FORCE_TERMINATED unless a
// TerminateGameSession gave one, player sessions COMPLETED), and the
// location and its capacity are gone, so that describing the fleet's
// locations no longer lists it and queues no longer place there. The answer
// reports each location DELETING, as AWS's does. Errors:
// InvalidRequestException for the home location, a location the fleet
// lacks, one listed twice, or a list of other than 1 to 100;
// NotFoundException for an unknown fleet.
func (s *Service) DeleteFleetLocations(ctx context.Context, in *DeleteFleetLocationsInput) (*DeleteFleetLocationsOutput, error) {
	if err := checkLocations("Locations", in.Locations, 100); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	f, err := s.fleetByID(in.FleetId)
	if err != nil {
		return nil, err
	}
	var gone []*fleetLocation
	for _, name := range in.Locations {
		l := f.location(name)
		switch {
		case l == f.locations[0]:
			return nil, invalidf("%s is the home location of fleet %s, which cannot be deleted", name, f.attrs.FleetId)
		case l == nil:
			return nil, invalidf("fleet %s has no location %s", f.attrs.FleetId, name)
		case slices.Contains(gone, l):
			return nil, invalidf("Locations lists %s twice", name)
		}
		gone = append(gone, l)
	}
	for _, gs := range s.sessionOrder {
		if gs.fleet != f || gs.attrs.Status == GameSessionTerminated || !slices.Contains(gone, f.location(gs.attrs.Location)) {
			continue
		}
		if gs.attrs.StatusReason == "" {
			gs.attrs.StatusReason = ReasonForceTerminated
		}
		s.endSession(gs, now)
	}
	f.locations = slices.DeleteFunc(f.locations, func(l *fleetLocation) bool { return slices.Contains(gone, l) })
	f.locVer++
	out := &DeleteFleetLocationsOutput{FleetId: f.attrs.FleetId, FleetArn: f.attrs.FleetArn, LocationStates: make([]LocationState, len(gone))}
	for i, l := range gone {
		out.LocationStates[i] = LocationState{Location: l.location, Status: LocationDeleting}
	}
	return out, nil
}
