package api

import (
	"context"

	"github.com/flexsim/flexsim/placement"
)

// Inputs and outputs of ListFleets, DescribeFleetLocationAttributes,
// DeleteFleetLocations and TerminateGameSession, and their handlers.

// ListFleetsInput is the wire input of ListFleets. BuildId and ScriptId are
// accepted and do not filter: simulated fleets run neither.
type ListFleetsInput struct {
	BuildId   string `json:"BuildId,omitempty"`
	ScriptId  string `json:"ScriptId,omitempty"`
	Limit     int    `json:"Limit,omitempty"`
	NextToken string `json:"NextToken,omitempty"`
}

// ListFleetsOutput is the wire output of ListFleets.
type ListFleetsOutput struct {
	FleetIds  []string `json:"FleetIds"`
	NextToken string   `json:"NextToken,omitempty"`
}

// DescribeFleetLocationAttributesInput is the wire input of
// DescribeFleetLocationAttributes.
type DescribeFleetLocationAttributesInput struct {
	FleetId   string   `json:"FleetId"`
	Locations []string `json:"Locations,omitempty"`
	Limit     int      `json:"Limit,omitempty"`
	NextToken string   `json:"NextToken,omitempty"`
}

// LocationAttributes is a remote fleet location and its state.
type LocationAttributes struct {
	LocationState  *LocationState `json:"LocationState,omitempty"`
	StoppedActions []string       `json:"StoppedActions,omitempty"`
	UpdateStatus   string         `json:"UpdateStatus,omitempty"`
}

// DescribeFleetLocationAttributesOutput is the wire output of
// DescribeFleetLocationAttributes.
type DescribeFleetLocationAttributesOutput struct {
	FleetId            string               `json:"FleetId,omitempty"`
	FleetArn           string               `json:"FleetArn,omitempty"`
	LocationAttributes []LocationAttributes `json:"LocationAttributes"`
	NextToken          string               `json:"NextToken,omitempty"`
}

// DeleteFleetLocationsInput is the wire input of DeleteFleetLocations.
type DeleteFleetLocationsInput struct {
	FleetId   string   `json:"FleetId"`
	Locations []string `json:"Locations"`
}

// DeleteFleetLocationsOutput is the wire output of DeleteFleetLocations.
type DeleteFleetLocationsOutput struct {
	FleetId        string          `json:"FleetId,omitempty"`
	FleetArn       string          `json:"FleetArn,omitempty"`
	LocationStates []LocationState `json:"LocationStates,omitempty"`
}

// TerminateGameSessionInput is the wire input of TerminateGameSession.
type TerminateGameSessionInput struct {
	GameSessionId   string `json:"GameSessionId"`
	TerminationMode string `json:"TerminationMode"`
}

func lifecycleOps(t map[string]operation) {
	t["ListFleets"] = op(func(ctx context.Context, s *Server, in *ListFleetsInput) (*ListFleetsOutput, error) {
		out, err := s.hosting.ListFleets(ctx, &placement.ListFleetsInput{BuildId: in.BuildId, ScriptId: in.ScriptId, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &ListFleetsOutput{FleetIds: out.FleetIds, NextToken: out.NextToken}, nil
	})
	t["DescribeFleetLocationAttributes"] = op(func(ctx context.Context, s *Server, in *DescribeFleetLocationAttributesInput) (*DescribeFleetLocationAttributesOutput, error) {
		out, err := s.hosting.DescribeFleetLocationAttributes(ctx, &placement.DescribeFleetLocationAttributesInput{FleetId: in.FleetId,
			Locations: in.Locations, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		w := &DescribeFleetLocationAttributesOutput{FleetId: out.FleetId, FleetArn: out.FleetArn, NextToken: out.NextToken,
			LocationAttributes: make([]LocationAttributes, len(out.LocationAttributes))}
		for i, a := range out.LocationAttributes {
			w.LocationAttributes[i] = LocationAttributes{LocationState: &LocationState{a.LocationState.Location, a.LocationState.Status},
				StoppedActions: a.StoppedActions, UpdateStatus: a.UpdateStatus}
		}
		return w, nil
	})
	t["DeleteFleetLocations"] = op(func(ctx context.Context, s *Server, in *DeleteFleetLocationsInput) (*DeleteFleetLocationsOutput, error) {
		out, err := s.hosting.DeleteFleetLocations(ctx, &placement.DeleteFleetLocationsInput{FleetId: in.FleetId, Locations: in.Locations})
		if err != nil {
			return nil, err
		}
		return &DeleteFleetLocationsOutput{FleetId: out.FleetId, FleetArn: out.FleetArn, LocationStates: locationStatesFromPlacement(out.LocationStates)}, nil
	})
	t["TerminateGameSession"] = op(func(ctx context.Context, s *Server, in *TerminateGameSessionInput) (*GameSessionOutput, error) {
		out, err := s.hosting.TerminateGameSession(ctx, &placement.TerminateGameSessionInput{GameSessionId: in.GameSessionId, TerminationMode: in.TerminationMode})
		if err != nil {
			return nil, err
		}
		return &GameSessionOutput{GameSession: gameSessionPtr(out.GameSession)}, nil
	})
}
