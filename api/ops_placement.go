package api

import (
	"context"

	"github.com/flexsim/flexsim/placement"
)

// Inputs and outputs of the hosting operations, and their handlers.

// CreateFleetInput is the wire input of CreateFleet (build, script, network
// and certificate settings are accepted and ignored).
type CreateFleetInput struct {
	Name                           string                       `json:"Name"`
	Description                    string                       `json:"Description,omitempty"`
	EC2InstanceType                string                       `json:"EC2InstanceType,omitempty"`
	FleetType                      string                       `json:"FleetType,omitempty"`
	ComputeType                    string                       `json:"ComputeType,omitempty"`
	Locations                      []LocationConfiguration      `json:"Locations,omitempty"`
	RuntimeConfiguration           *RuntimeConfiguration        `json:"RuntimeConfiguration,omitempty"`
	NewGameSessionProtectionPolicy string                       `json:"NewGameSessionProtectionPolicy,omitempty"`
	ResourceCreationLimitPolicy    *ResourceCreationLimitPolicy `json:"ResourceCreationLimitPolicy,omitempty"`
	ServerLaunchPath               string                       `json:"ServerLaunchPath,omitempty"`
	Tags                           []Tag                        `json:"Tags,omitempty"`
	// CostPerHour is a flexsim extension, not an AWS member (the AWS SDKs
	// cannot send it; raw JSON or CBOR and the configuration file can):
	// see placement.CreateFleetInput.CostPerHour.
	CostPerHour float64 `json:"CostPerHour,omitempty"`
}

// CreateFleetOutput is the wire output of CreateFleet.
type CreateFleetOutput struct {
	FleetAttributes *FleetAttributes `json:"FleetAttributes,omitempty"`
	LocationStates  []LocationState  `json:"LocationStates,omitempty"`
}

// CreateFleetLocationsInput is the wire input of CreateFleetLocations.
type CreateFleetLocationsInput struct {
	FleetId   string                  `json:"FleetId"`
	Locations []LocationConfiguration `json:"Locations"`
}

// CreateFleetLocationsOutput is the wire output of CreateFleetLocations.
type CreateFleetLocationsOutput struct {
	FleetId        string          `json:"FleetId,omitempty"`
	FleetArn       string          `json:"FleetArn,omitempty"`
	LocationStates []LocationState `json:"LocationStates,omitempty"`
}

// FleetIdInput is the input of operations that take one FleetId.
type FleetIdInput struct {
	FleetId string `json:"FleetId"`
}

// FleetsInput is the input of DescribeFleetAttributes, -Capacity and
// -Utilization.
type FleetsInput struct {
	FleetIds  []string `json:"FleetIds,omitempty"`
	Limit     int      `json:"Limit,omitempty"`
	NextToken string   `json:"NextToken,omitempty"`
}

// DescribeFleetAttributesOutput is the wire output of DescribeFleetAttributes.
type DescribeFleetAttributesOutput struct {
	FleetAttributes []FleetAttributes `json:"FleetAttributes"`
	NextToken       string            `json:"NextToken,omitempty"`
}

// DescribeFleetCapacityOutput is the wire output of DescribeFleetCapacity.
type DescribeFleetCapacityOutput struct {
	FleetCapacity []FleetCapacity `json:"FleetCapacity"`
	NextToken     string          `json:"NextToken,omitempty"`
}

// DescribeFleetUtilizationOutput is the wire output of DescribeFleetUtilization.
type DescribeFleetUtilizationOutput struct {
	FleetUtilization []FleetUtilization `json:"FleetUtilization"`
	NextToken        string             `json:"NextToken,omitempty"`
}

// FleetLocationInput is the input of DescribeFleetLocationCapacity.
type FleetLocationInput struct {
	FleetId  string `json:"FleetId"`
	Location string `json:"Location"`
}

// FleetCapacityOutput is the output of DescribeFleetLocationCapacity.
type FleetCapacityOutput struct {
	FleetCapacity *FleetCapacity `json:"FleetCapacity,omitempty"`
}

// UpdateFleetCapacityInput is the wire input of UpdateFleetCapacity.
type UpdateFleetCapacityInput struct {
	FleetId          string `json:"FleetId"`
	DesiredInstances *int   `json:"DesiredInstances,omitempty"`
	MinSize          *int   `json:"MinSize,omitempty"`
	MaxSize          *int   `json:"MaxSize,omitempty"`
	Location         string `json:"Location,omitempty"`
}

// UpdateFleetCapacityOutput is the wire output of UpdateFleetCapacity.
type UpdateFleetCapacityOutput struct {
	FleetId  string `json:"FleetId,omitempty"`
	FleetArn string `json:"FleetArn,omitempty"`
	Location string `json:"Location,omitempty"`
}

// CreateAliasInput is the wire input of CreateAlias.
type CreateAliasInput struct {
	Name            string           `json:"Name"`
	Description     string           `json:"Description,omitempty"`
	RoutingStrategy *RoutingStrategy `json:"RoutingStrategy"`
	Tags            []Tag            `json:"Tags,omitempty"`
}

// UpdateAliasInput is the wire input of UpdateAlias.
type UpdateAliasInput struct {
	AliasId         string           `json:"AliasId"`
	Name            *string          `json:"Name,omitempty"`
	Description     *string          `json:"Description,omitempty"`
	RoutingStrategy *RoutingStrategy `json:"RoutingStrategy,omitempty"`
}

// AliasIdInput is the input of operations that take one AliasId.
type AliasIdInput struct {
	AliasId string `json:"AliasId"`
}

// AliasOutput is the output of CreateAlias, DescribeAlias and UpdateAlias.
type AliasOutput struct {
	Alias *Alias `json:"Alias,omitempty"`
}

// ListAliasesInput is the wire input of ListAliases.
type ListAliasesInput struct {
	RoutingStrategyType string `json:"RoutingStrategyType,omitempty"`
	Name                string `json:"Name,omitempty"`
	Limit               int    `json:"Limit,omitempty"`
	NextToken           string `json:"NextToken,omitempty"`
}

// ListAliasesOutput is the wire output of ListAliases.
type ListAliasesOutput struct {
	Aliases   []Alias `json:"Aliases"`
	NextToken string  `json:"NextToken,omitempty"`
}

// ResolveAliasOutput is the wire output of ResolveAlias.
type ResolveAliasOutput struct {
	FleetId  string `json:"FleetId,omitempty"`
	FleetArn string `json:"FleetArn,omitempty"`
}

// CreateGameSessionQueueInput is the wire input of CreateGameSessionQueue.
type CreateGameSessionQueueInput struct {
	Name                  string                        `json:"Name"`
	TimeoutInSeconds      int                           `json:"TimeoutInSeconds,omitempty"`
	PlayerLatencyPolicies []PlayerLatencyPolicy         `json:"PlayerLatencyPolicies,omitempty"`
	Destinations          []GameSessionQueueDestination `json:"Destinations,omitempty"`
	FilterConfiguration   *FilterConfiguration          `json:"FilterConfiguration,omitempty"`
	PriorityConfiguration *PriorityConfiguration        `json:"PriorityConfiguration,omitempty"`
	CustomEventData       string                        `json:"CustomEventData,omitempty"`
	NotificationTarget    string                        `json:"NotificationTarget,omitempty"`
	Tags                  []Tag                         `json:"Tags,omitempty"`
}

// UpdateGameSessionQueueInput is the wire input of UpdateGameSessionQueue.
type UpdateGameSessionQueueInput struct {
	Name                  string                        `json:"Name"`
	TimeoutInSeconds      *int                          `json:"TimeoutInSeconds,omitempty"`
	PlayerLatencyPolicies []PlayerLatencyPolicy         `json:"PlayerLatencyPolicies,omitempty"`
	Destinations          []GameSessionQueueDestination `json:"Destinations,omitempty"`
	FilterConfiguration   *FilterConfiguration          `json:"FilterConfiguration,omitempty"`
	PriorityConfiguration *PriorityConfiguration        `json:"PriorityConfiguration,omitempty"`
	CustomEventData       *string                       `json:"CustomEventData,omitempty"`
	NotificationTarget    *string                       `json:"NotificationTarget,omitempty"`
}

// QueueOutput is the output of Create- and UpdateGameSessionQueue.
type QueueOutput struct {
	GameSessionQueue *GameSessionQueue `json:"GameSessionQueue,omitempty"`
}

// DescribeGameSessionQueuesInput is the wire input of DescribeGameSessionQueues.
type DescribeGameSessionQueuesInput struct {
	Names     []string `json:"Names,omitempty"`
	Limit     int      `json:"Limit,omitempty"`
	NextToken string   `json:"NextToken,omitempty"`
}

// DescribeGameSessionQueuesOutput is the wire output of DescribeGameSessionQueues.
type DescribeGameSessionQueuesOutput struct {
	GameSessionQueues []GameSessionQueue `json:"GameSessionQueues"`
	NextToken         string             `json:"NextToken,omitempty"`
}

// StartGameSessionPlacementInput is the wire input of StartGameSessionPlacement.
type StartGameSessionPlacementInput struct {
	PlacementId                   string                         `json:"PlacementId"`
	GameSessionQueueName          string                         `json:"GameSessionQueueName"`
	MaximumPlayerSessionCount     int                            `json:"MaximumPlayerSessionCount"`
	GameSessionName               string                         `json:"GameSessionName,omitempty"`
	GameProperties                []GameProperty                 `json:"GameProperties,omitempty"`
	PlayerLatencies               []PlayerLatency                `json:"PlayerLatencies,omitempty"`
	DesiredPlayerSessions         []DesiredPlayerSession         `json:"DesiredPlayerSessions,omitempty"`
	GameSessionData               string                         `json:"GameSessionData,omitempty"`
	PriorityConfigurationOverride *PriorityConfigurationOverride `json:"PriorityConfigurationOverride,omitempty"`
}

// PlacementIdInput is the input of Describe- and StopGameSessionPlacement.
type PlacementIdInput struct {
	PlacementId string `json:"PlacementId"`
}

// PlacementOutput is the output of the placement operations.
type PlacementOutput struct {
	GameSessionPlacement *GameSessionPlacement `json:"GameSessionPlacement,omitempty"`
}

// CreateGameSessionInput is the wire input of CreateGameSession.
type CreateGameSessionInput struct {
	FleetId                   string         `json:"FleetId,omitempty"`
	AliasId                   string         `json:"AliasId,omitempty"`
	MaximumPlayerSessionCount int            `json:"MaximumPlayerSessionCount"`
	Name                      string         `json:"Name,omitempty"`
	GameProperties            []GameProperty `json:"GameProperties,omitempty"`
	CreatorId                 string         `json:"CreatorId,omitempty"`
	GameSessionId             string         `json:"GameSessionId,omitempty"`
	IdempotencyToken          string         `json:"IdempotencyToken,omitempty"`
	GameSessionData           string         `json:"GameSessionData,omitempty"`
	Location                  string         `json:"Location,omitempty"`
}

// GameSessionOutput is the output of Create- and UpdateGameSession.
type GameSessionOutput struct {
	GameSession *GameSession `json:"GameSession,omitempty"`
}

// DescribeGameSessionsInput is the wire input of DescribeGameSessions and
// DescribeGameSessionDetails.
type DescribeGameSessionsInput struct {
	FleetId       string `json:"FleetId,omitempty"`
	GameSessionId string `json:"GameSessionId,omitempty"`
	AliasId       string `json:"AliasId,omitempty"`
	Location      string `json:"Location,omitempty"`
	StatusFilter  string `json:"StatusFilter,omitempty"`
	Limit         int    `json:"Limit,omitempty"`
	NextToken     string `json:"NextToken,omitempty"`
}

// GameSessionsOutput is the output of DescribeGameSessions and SearchGameSessions.
type GameSessionsOutput struct {
	GameSessions []GameSession `json:"GameSessions"`
	NextToken    string        `json:"NextToken,omitempty"`
}

// DescribeGameSessionDetailsOutput is the wire output of DescribeGameSessionDetails.
type DescribeGameSessionDetailsOutput struct {
	GameSessionDetails []GameSessionDetail `json:"GameSessionDetails"`
	NextToken          string              `json:"NextToken,omitempty"`
}

// UpdateGameSessionInput is the wire input of UpdateGameSession.
type UpdateGameSessionInput struct {
	GameSessionId               string         `json:"GameSessionId"`
	MaximumPlayerSessionCount   *int           `json:"MaximumPlayerSessionCount,omitempty"`
	Name                        *string        `json:"Name,omitempty"`
	PlayerSessionCreationPolicy *string        `json:"PlayerSessionCreationPolicy,omitempty"`
	ProtectionPolicy            *string        `json:"ProtectionPolicy,omitempty"`
	GameProperties              []GameProperty `json:"GameProperties,omitempty"`
}

// SearchGameSessionsInput is the wire input of SearchGameSessions.
type SearchGameSessionsInput struct {
	FleetId          string `json:"FleetId,omitempty"`
	AliasId          string `json:"AliasId,omitempty"`
	Location         string `json:"Location,omitempty"`
	FilterExpression string `json:"FilterExpression,omitempty"`
	SortExpression   string `json:"SortExpression,omitempty"`
	Limit            int    `json:"Limit,omitempty"`
	NextToken        string `json:"NextToken,omitempty"`
}

// CreatePlayerSessionInput is the wire input of CreatePlayerSession.
type CreatePlayerSessionInput struct {
	GameSessionId string `json:"GameSessionId"`
	PlayerId      string `json:"PlayerId"`
	PlayerData    string `json:"PlayerData,omitempty"`
}

// PlayerSessionOutput is the output of CreatePlayerSession.
type PlayerSessionOutput struct {
	PlayerSession *PlayerSession `json:"PlayerSession,omitempty"`
}

// CreatePlayerSessionsInput is the wire input of CreatePlayerSessions.
type CreatePlayerSessionsInput struct {
	GameSessionId string            `json:"GameSessionId"`
	PlayerIds     []string          `json:"PlayerIds"`
	PlayerDataMap map[string]string `json:"PlayerDataMap,omitempty"`
}

// DescribePlayerSessionsInput is the wire input of DescribePlayerSessions.
type DescribePlayerSessionsInput struct {
	PlayerSessionId           string `json:"PlayerSessionId,omitempty"`
	GameSessionId             string `json:"GameSessionId,omitempty"`
	PlayerId                  string `json:"PlayerId,omitempty"`
	PlayerSessionStatusFilter string `json:"PlayerSessionStatusFilter,omitempty"`
	Limit                     int    `json:"Limit,omitempty"`
	NextToken                 string `json:"NextToken,omitempty"`
}

// PlayerSessionsOutput is the output of CreatePlayerSessions and
// DescribePlayerSessions.
type PlayerSessionsOutput struct {
	PlayerSessions []PlayerSession `json:"PlayerSessions"`
	NextToken      string          `json:"NextToken,omitempty"`
}

func locationsToPlacement(in []LocationConfiguration) []placement.LocationConfiguration {
	return conv(in, func(l LocationConfiguration) placement.LocationConfiguration {
		return placement.LocationConfiguration{Location: l.Location}
	})
}

func placementOps(t map[string]operation) {
	fleetOps(t)
	aliasOps(t)
	queueOps(t)
	sessionOps(t)
}

func fleetOps(t map[string]operation) {
	t["CreateFleet"] = op(func(ctx context.Context, s *Server, in *CreateFleetInput) (*CreateFleetOutput, error) {
		pin := &placement.CreateFleetInput{Name: in.Name, Description: in.Description, EC2InstanceType: in.EC2InstanceType,
			FleetType: in.FleetType, ComputeType: in.ComputeType, Locations: locationsToPlacement(in.Locations),
			NewGameSessionProtectionPolicy: in.NewGameSessionProtectionPolicy, ServerLaunchPath: in.ServerLaunchPath,
			CostPerHour: in.CostPerHour, Tags: tagsToEngine(in.Tags)}
		if r := in.RuntimeConfiguration; r != nil {
			pin.RuntimeConfiguration = &placement.RuntimeConfiguration{
				ServerProcesses: conv(r.ServerProcesses, func(p ServerProcess) placement.ServerProcess {
					return placement.ServerProcess{LaunchPath: p.LaunchPath, Parameters: p.Parameters, ConcurrentExecutions: p.ConcurrentExecutions}
				}),
				MaxConcurrentGameSessionActivations: r.MaxConcurrentGameSessionActivations,
				GameSessionActivationTimeoutSeconds: r.GameSessionActivationTimeoutSeconds}
		}
		if p := in.ResourceCreationLimitPolicy; p != nil {
			pin.ResourceCreationLimitPolicy = &placement.ResourceCreationLimitPolicy{NewGameSessionsPerCreator: p.NewGameSessionsPerCreator, PolicyPeriodInMinutes: p.PolicyPeriodInMinutes}
		}
		out, err := s.hosting.CreateFleet(ctx, pin)
		if err != nil {
			return nil, err
		}
		f := fleetFromPlacement(*out.FleetAttributes)
		return &CreateFleetOutput{FleetAttributes: &f, LocationStates: locationStatesFromPlacement(out.LocationStates)}, nil
	})
	t["CreateFleetLocations"] = op(func(ctx context.Context, s *Server, in *CreateFleetLocationsInput) (*CreateFleetLocationsOutput, error) {
		out, err := s.hosting.CreateFleetLocations(ctx, &placement.CreateFleetLocationsInput{FleetId: in.FleetId, Locations: locationsToPlacement(in.Locations)})
		if err != nil {
			return nil, err
		}
		return &CreateFleetLocationsOutput{FleetId: out.FleetId, FleetArn: out.FleetArn, LocationStates: locationStatesFromPlacement(out.LocationStates)}, nil
	})
	t["DeleteFleet"] = op(func(ctx context.Context, s *Server, in *FleetIdInput) (*Empty, error) {
		_, err := s.hosting.DeleteFleet(ctx, &placement.DeleteFleetInput{FleetId: in.FleetId})
		return &Empty{}, err
	})
	t["DescribeFleetAttributes"] = op(func(ctx context.Context, s *Server, in *FleetsInput) (*DescribeFleetAttributesOutput, error) {
		out, err := s.hosting.DescribeFleetAttributes(ctx, &placement.DescribeFleetAttributesInput{FleetIds: in.FleetIds, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &DescribeFleetAttributesOutput{FleetAttributes: convList(out.FleetAttributes, fleetFromPlacement), NextToken: out.NextToken}, nil
	})
	t["DescribeFleetCapacity"] = op(func(ctx context.Context, s *Server, in *FleetsInput) (*DescribeFleetCapacityOutput, error) {
		out, err := s.hosting.DescribeFleetCapacity(ctx, &placement.DescribeFleetCapacityInput{FleetIds: in.FleetIds, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &DescribeFleetCapacityOutput{FleetCapacity: convList(out.FleetCapacity, capacityFromPlacement), NextToken: out.NextToken}, nil
	})
	t["DescribeFleetUtilization"] = op(func(ctx context.Context, s *Server, in *FleetsInput) (*DescribeFleetUtilizationOutput, error) {
		out, err := s.hosting.DescribeFleetUtilization(ctx, &placement.DescribeFleetUtilizationInput{FleetIds: in.FleetIds, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &DescribeFleetUtilizationOutput{NextToken: out.NextToken, FleetUtilization: convList(out.FleetUtilization, func(u placement.FleetUtilization) FleetUtilization {
			return FleetUtilization{u.FleetId, u.FleetArn, u.ActiveServerProcessCount, u.ActiveGameSessionCount, u.CurrentPlayerSessionCount, u.MaximumPlayerSessionCount, u.Location}
		})}, nil
	})
	t["DescribeFleetLocationCapacity"] = op(func(ctx context.Context, s *Server, in *FleetLocationInput) (*FleetCapacityOutput, error) {
		out, err := s.hosting.DescribeFleetLocationCapacity(ctx, &placement.DescribeFleetLocationCapacityInput{FleetId: in.FleetId, Location: in.Location})
		if err != nil || out.FleetCapacity == nil {
			return nil, err
		}
		c := capacityFromPlacement(*out.FleetCapacity)
		return &FleetCapacityOutput{FleetCapacity: &c}, nil
	})
	t["UpdateFleetCapacity"] = op(func(ctx context.Context, s *Server, in *UpdateFleetCapacityInput) (*UpdateFleetCapacityOutput, error) {
		out, err := s.hosting.UpdateFleetCapacity(ctx, &placement.UpdateFleetCapacityInput{FleetId: in.FleetId,
			DesiredInstances: in.DesiredInstances, MinSize: in.MinSize, MaxSize: in.MaxSize, Location: in.Location})
		if err != nil {
			return nil, err
		}
		return &UpdateFleetCapacityOutput{FleetId: out.FleetId, FleetArn: out.FleetArn, Location: out.Location}, nil
	})
}

func aliasOps(t map[string]operation) {
	aliasOut := func(a *placement.Alias, err error) (*AliasOutput, error) {
		if err != nil || a == nil {
			return nil, err
		}
		w := aliasFromPlacement(*a)
		return &AliasOutput{Alias: &w}, nil
	}
	t["CreateAlias"] = op(func(ctx context.Context, s *Server, in *CreateAliasInput) (*AliasOutput, error) {
		out, err := s.hosting.CreateAlias(ctx, &placement.CreateAliasInput{Name: in.Name, Description: in.Description, RoutingStrategy: routingToPlacement(in.RoutingStrategy), Tags: tagsToEngine(in.Tags)})
		if err != nil {
			return nil, err
		}
		return aliasOut(out.Alias, nil)
	})
	t["DescribeAlias"] = op(func(ctx context.Context, s *Server, in *AliasIdInput) (*AliasOutput, error) {
		out, err := s.hosting.DescribeAlias(ctx, &placement.DescribeAliasInput{AliasId: in.AliasId})
		if err != nil {
			return nil, err
		}
		return aliasOut(out.Alias, nil)
	})
	t["UpdateAlias"] = op(func(ctx context.Context, s *Server, in *UpdateAliasInput) (*AliasOutput, error) {
		out, err := s.hosting.UpdateAlias(ctx, &placement.UpdateAliasInput{AliasId: in.AliasId, Name: in.Name, Description: in.Description, RoutingStrategy: routingToPlacement(in.RoutingStrategy)})
		if err != nil {
			return nil, err
		}
		return aliasOut(out.Alias, nil)
	})
	t["DeleteAlias"] = op(func(ctx context.Context, s *Server, in *AliasIdInput) (*Empty, error) {
		_, err := s.hosting.DeleteAlias(ctx, &placement.DeleteAliasInput{AliasId: in.AliasId})
		return &Empty{}, err
	})
	t["ListAliases"] = op(func(ctx context.Context, s *Server, in *ListAliasesInput) (*ListAliasesOutput, error) {
		out, err := s.hosting.ListAliases(ctx, &placement.ListAliasesInput{RoutingStrategyType: in.RoutingStrategyType, Name: in.Name, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &ListAliasesOutput{Aliases: convList(out.Aliases, aliasFromPlacement), NextToken: out.NextToken}, nil
	})
	t["ResolveAlias"] = op(func(ctx context.Context, s *Server, in *AliasIdInput) (*ResolveAliasOutput, error) {
		out, err := s.hosting.ResolveAlias(ctx, &placement.ResolveAliasInput{AliasId: in.AliasId})
		if err != nil {
			return nil, err
		}
		return &ResolveAliasOutput{FleetId: out.FleetId, FleetArn: out.FleetArn}, nil
	})
}

func queueOps(t map[string]operation) {
	queueOut := func(q *placement.GameSessionQueue) *QueueOutput {
		if q == nil {
			return &QueueOutput{}
		}
		w := queueFromPlacement(*q)
		return &QueueOutput{GameSessionQueue: &w}
	}
	t["CreateGameSessionQueue"] = op(func(ctx context.Context, s *Server, in *CreateGameSessionQueueInput) (*QueueOutput, error) {
		out, err := s.hosting.CreateGameSessionQueue(ctx, &placement.CreateGameSessionQueueInput{Name: in.Name, TimeoutInSeconds: in.TimeoutInSeconds,
			PlayerLatencyPolicies: policiesToPlacement(in.PlayerLatencyPolicies), Destinations: destinationsToPlacement(in.Destinations),
			FilterConfiguration: filterToPlacement(in.FilterConfiguration), PriorityConfiguration: priorityToPlacement(in.PriorityConfiguration),
			CustomEventData: in.CustomEventData, NotificationTarget: in.NotificationTarget, Tags: tagsToEngine(in.Tags)})
		if err != nil {
			return nil, err
		}
		return queueOut(out.GameSessionQueue), nil
	})
	t["UpdateGameSessionQueue"] = op(func(ctx context.Context, s *Server, in *UpdateGameSessionQueueInput) (*QueueOutput, error) {
		out, err := s.hosting.UpdateGameSessionQueue(ctx, &placement.UpdateGameSessionQueueInput{Name: in.Name, TimeoutInSeconds: in.TimeoutInSeconds,
			PlayerLatencyPolicies: policiesToPlacement(in.PlayerLatencyPolicies), Destinations: destinationsToPlacement(in.Destinations),
			FilterConfiguration: filterToPlacement(in.FilterConfiguration), PriorityConfiguration: priorityToPlacement(in.PriorityConfiguration),
			CustomEventData: in.CustomEventData, NotificationTarget: in.NotificationTarget})
		if err != nil {
			return nil, err
		}
		return queueOut(out.GameSessionQueue), nil
	})
	t["DescribeGameSessionQueues"] = op(func(ctx context.Context, s *Server, in *DescribeGameSessionQueuesInput) (*DescribeGameSessionQueuesOutput, error) {
		out, err := s.hosting.DescribeGameSessionQueues(ctx, &placement.DescribeGameSessionQueuesInput{Names: in.Names, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &DescribeGameSessionQueuesOutput{GameSessionQueues: convList(out.GameSessionQueues, queueFromPlacement), NextToken: out.NextToken}, nil
	})
	t["DeleteGameSessionQueue"] = op(func(ctx context.Context, s *Server, in *NameInput) (*Empty, error) {
		_, err := s.hosting.DeleteGameSessionQueue(ctx, &placement.DeleteGameSessionQueueInput{Name: in.Name})
		return &Empty{}, err
	})
	t["StartGameSessionPlacement"] = op(func(ctx context.Context, s *Server, in *StartGameSessionPlacementInput) (*PlacementOutput, error) {
		pin := &placement.StartGameSessionPlacementInput{PlacementId: in.PlacementId, GameSessionQueueName: in.GameSessionQueueName,
			MaximumPlayerSessionCount: in.MaximumPlayerSessionCount, GameSessionName: in.GameSessionName,
			GameProperties: propsToEngine(in.GameProperties), GameSessionData: in.GameSessionData,
			PlayerLatencies: conv(in.PlayerLatencies, func(l PlayerLatency) placement.PlayerLatency {
				return placement.PlayerLatency{PlayerId: l.PlayerId, RegionIdentifier: l.RegionIdentifier, LatencyInMilliseconds: l.LatencyInMilliseconds}
			}),
			DesiredPlayerSessions: conv(in.DesiredPlayerSessions, func(d DesiredPlayerSession) placement.DesiredPlayer {
				return placement.DesiredPlayer{PlayerId: d.PlayerId, PlayerData: d.PlayerData}
			})}
		if o := in.PriorityConfigurationOverride; o != nil {
			pin.PriorityConfigurationOverride = &placement.PriorityConfigurationOverride{LocationOrder: o.LocationOrder, PlacementFallbackStrategy: o.PlacementFallbackStrategy}
		}
		out, err := s.hosting.StartGameSessionPlacement(ctx, pin)
		if err != nil {
			return nil, err
		}
		return &PlacementOutput{GameSessionPlacement: placementFromPlacement(out.GameSessionPlacement)}, nil
	})
	t["DescribeGameSessionPlacement"] = op(func(ctx context.Context, s *Server, in *PlacementIdInput) (*PlacementOutput, error) {
		out, err := s.hosting.DescribeGameSessionPlacement(ctx, &placement.DescribeGameSessionPlacementInput{PlacementId: in.PlacementId})
		if err != nil {
			return nil, err
		}
		return &PlacementOutput{GameSessionPlacement: placementFromPlacement(out.GameSessionPlacement)}, nil
	})
	t["StopGameSessionPlacement"] = op(func(ctx context.Context, s *Server, in *PlacementIdInput) (*PlacementOutput, error) {
		out, err := s.hosting.StopGameSessionPlacement(ctx, &placement.StopGameSessionPlacementInput{PlacementId: in.PlacementId})
		if err != nil {
			return nil, err
		}
		return &PlacementOutput{GameSessionPlacement: placementFromPlacement(out.GameSessionPlacement)}, nil
	})
}

func sessionOps(t map[string]operation) {
	describeIn := func(in *DescribeGameSessionsInput) placement.DescribeGameSessionsInput {
		return placement.DescribeGameSessionsInput{FleetId: in.FleetId, GameSessionId: in.GameSessionId, AliasId: in.AliasId,
			Location: in.Location, StatusFilter: in.StatusFilter, Limit: in.Limit, NextToken: in.NextToken}
	}
	t["CreateGameSession"] = op(func(ctx context.Context, s *Server, in *CreateGameSessionInput) (*GameSessionOutput, error) {
		out, err := s.hosting.CreateGameSession(ctx, &placement.CreateGameSessionInput{FleetId: in.FleetId, AliasId: in.AliasId,
			MaximumPlayerSessionCount: in.MaximumPlayerSessionCount, Name: in.Name, GameProperties: propsToEngine(in.GameProperties),
			CreatorId: in.CreatorId, GameSessionId: in.GameSessionId, IdempotencyToken: in.IdempotencyToken,
			GameSessionData: in.GameSessionData, Location: in.Location})
		if err != nil {
			return nil, err
		}
		return &GameSessionOutput{GameSession: gameSessionPtr(out.GameSession)}, nil
	})
	t["DescribeGameSessions"] = op(func(ctx context.Context, s *Server, in *DescribeGameSessionsInput) (*GameSessionsOutput, error) {
		pin := describeIn(in)
		out, err := s.hosting.DescribeGameSessions(ctx, &pin)
		if err != nil {
			return nil, err
		}
		return &GameSessionsOutput{GameSessions: convList(out.GameSessions, gameSessionFromPlacement), NextToken: out.NextToken}, nil
	})
	t["DescribeGameSessionDetails"] = op(func(ctx context.Context, s *Server, in *DescribeGameSessionsInput) (*DescribeGameSessionDetailsOutput, error) {
		pin := placement.DescribeGameSessionDetailsInput(describeIn(in))
		out, err := s.hosting.DescribeGameSessionDetails(ctx, &pin)
		if err != nil {
			return nil, err
		}
		return &DescribeGameSessionDetailsOutput{NextToken: out.NextToken, GameSessionDetails: convList(out.GameSessionDetails, func(d placement.GameSessionDetail) GameSessionDetail {
			return GameSessionDetail{GameSession: gameSessionPtr(d.GameSession), ProtectionPolicy: d.ProtectionPolicy}
		})}, nil
	})
	t["UpdateGameSession"] = op(func(ctx context.Context, s *Server, in *UpdateGameSessionInput) (*GameSessionOutput, error) {
		out, err := s.hosting.UpdateGameSession(ctx, &placement.UpdateGameSessionInput{GameSessionId: in.GameSessionId,
			MaximumPlayerSessionCount: in.MaximumPlayerSessionCount, Name: in.Name, PlayerSessionCreationPolicy: in.PlayerSessionCreationPolicy,
			ProtectionPolicy: in.ProtectionPolicy, GameProperties: propsToEngine(in.GameProperties)})
		if err != nil {
			return nil, err
		}
		return &GameSessionOutput{GameSession: gameSessionPtr(out.GameSession)}, nil
	})
	t["SearchGameSessions"] = op(func(ctx context.Context, s *Server, in *SearchGameSessionsInput) (*GameSessionsOutput, error) {
		out, err := s.hosting.SearchGameSessions(ctx, &placement.SearchGameSessionsInput{FleetId: in.FleetId, AliasId: in.AliasId,
			Location: in.Location, FilterExpression: in.FilterExpression, SortExpression: in.SortExpression, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &GameSessionsOutput{GameSessions: convList(out.GameSessions, gameSessionFromPlacement), NextToken: out.NextToken}, nil
	})
	t["CreatePlayerSession"] = op(func(ctx context.Context, s *Server, in *CreatePlayerSessionInput) (*PlayerSessionOutput, error) {
		out, err := s.hosting.CreatePlayerSession(ctx, &placement.CreatePlayerSessionInput{GameSessionId: in.GameSessionId, PlayerId: in.PlayerId, PlayerData: in.PlayerData})
		if err != nil || out.PlayerSession == nil {
			return nil, err
		}
		w := playerSessionFromPlacement(*out.PlayerSession)
		return &PlayerSessionOutput{PlayerSession: &w}, nil
	})
	t["CreatePlayerSessions"] = op(func(ctx context.Context, s *Server, in *CreatePlayerSessionsInput) (*PlayerSessionsOutput, error) {
		out, err := s.hosting.CreatePlayerSessions(ctx, &placement.CreatePlayerSessionsInput{GameSessionId: in.GameSessionId, PlayerIds: in.PlayerIds, PlayerDataMap: in.PlayerDataMap})
		if err != nil {
			return nil, err
		}
		return &PlayerSessionsOutput{PlayerSessions: convList(out.PlayerSessions, playerSessionFromPlacement)}, nil
	})
	t["DescribePlayerSessions"] = op(func(ctx context.Context, s *Server, in *DescribePlayerSessionsInput) (*PlayerSessionsOutput, error) {
		out, err := s.hosting.DescribePlayerSessions(ctx, &placement.DescribePlayerSessionsInput{PlayerSessionId: in.PlayerSessionId,
			GameSessionId: in.GameSessionId, PlayerId: in.PlayerId, PlayerSessionStatusFilter: in.PlayerSessionStatusFilter, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		return &PlayerSessionsOutput{PlayerSessions: convList(out.PlayerSessions, playerSessionFromPlacement), NextToken: out.NextToken}, nil
	})
}
