package api

import (
	"github.com/flexsim/flexsim/placement"
)

// Wire types of the hosting operations (fleets, aliases, queues,
// placements, game sessions, player sessions), named as in the GameLift API.

// conv converts a list element by element; an empty list stays nil, so
// that it is left out.
func conv[S, D any](in []S, f func(S) D) []D {
	if len(in) == 0 {
		return nil
	}
	out := make([]D, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// convList is conv for a list an answer always carries: empty, not nil,
// when there is nothing in it, so that it goes on the wire as [] (AWS
// sends empty lists, never null).
func convList[S, D any](in []S, f func(S) D) []D {
	if out := conv(in, f); out != nil {
		return out
	}
	return []D{}
}

// LocationConfiguration names a fleet location.
type LocationConfiguration struct {
	Location string `json:"Location"`
}

// LocationState is a fleet location and its status.
type LocationState struct {
	Location string `json:"Location,omitempty"`
	Status   string `json:"Status,omitempty"`
}

// ServerProcess is one kind of server process of a fleet instance.
type ServerProcess struct {
	LaunchPath           string `json:"LaunchPath"`
	Parameters           string `json:"Parameters,omitempty"`
	ConcurrentExecutions int    `json:"ConcurrentExecutions"`
}

// RuntimeConfiguration says which server processes each instance runs.
type RuntimeConfiguration struct {
	ServerProcesses                     []ServerProcess `json:"ServerProcesses,omitempty"`
	MaxConcurrentGameSessionActivations int             `json:"MaxConcurrentGameSessionActivations,omitempty"`
	GameSessionActivationTimeoutSeconds int             `json:"GameSessionActivationTimeoutSeconds,omitempty"`
}

// ResourceCreationLimitPolicy limits game sessions per creator.
type ResourceCreationLimitPolicy struct {
	NewGameSessionsPerCreator int `json:"NewGameSessionsPerCreator,omitempty"`
	PolicyPeriodInMinutes     int `json:"PolicyPeriodInMinutes,omitempty"`
}

// FleetAttributes describes a fleet.
type FleetAttributes struct {
	FleetId                        string                       `json:"FleetId,omitempty"`
	FleetArn                       string                       `json:"FleetArn,omitempty"`
	FleetType                      string                       `json:"FleetType,omitempty"`
	InstanceType                   string                       `json:"InstanceType,omitempty"`
	Name                           string                       `json:"Name,omitempty"`
	Description                    string                       `json:"Description,omitempty"`
	Status                         string                       `json:"Status,omitempty"`
	CreationTime                   *Timestamp                   `json:"CreationTime,omitempty"`
	ComputeType                    string                       `json:"ComputeType,omitempty"`
	ServerLaunchPath               string                       `json:"ServerLaunchPath,omitempty"`
	NewGameSessionProtectionPolicy string                       `json:"NewGameSessionProtectionPolicy,omitempty"`
	ResourceCreationLimitPolicy    *ResourceCreationLimitPolicy `json:"ResourceCreationLimitPolicy,omitempty"`
}

// EC2InstanceCounts are the instance counts of a fleet location.
type EC2InstanceCounts struct {
	DESIRED     int `json:"DESIRED"`
	MINIMUM     int `json:"MINIMUM"`
	MAXIMUM     int `json:"MAXIMUM"`
	PENDING     int `json:"PENDING"`
	ACTIVE      int `json:"ACTIVE"`
	IDLE        int `json:"IDLE"`
	TERMINATING int `json:"TERMINATING"`
}

// FleetCapacity is the capacity of one fleet location.
type FleetCapacity struct {
	FleetId        string             `json:"FleetId,omitempty"`
	FleetArn       string             `json:"FleetArn,omitempty"`
	InstanceType   string             `json:"InstanceType,omitempty"`
	InstanceCounts *EC2InstanceCounts `json:"InstanceCounts,omitempty"`
	Location       string             `json:"Location,omitempty"`
}

// FleetUtilization is how busy a fleet location is.
type FleetUtilization struct {
	FleetId                   string `json:"FleetId,omitempty"`
	FleetArn                  string `json:"FleetArn,omitempty"`
	ActiveServerProcessCount  int    `json:"ActiveServerProcessCount"`
	ActiveGameSessionCount    int    `json:"ActiveGameSessionCount"`
	CurrentPlayerSessionCount int    `json:"CurrentPlayerSessionCount"`
	MaximumPlayerSessionCount int    `json:"MaximumPlayerSessionCount"`
	Location                  string `json:"Location,omitempty"`
}

// RoutingStrategy is where an alias points.
type RoutingStrategy struct {
	Type    string `json:"Type,omitempty"`
	FleetId string `json:"FleetId,omitempty"`
	Message string `json:"Message,omitempty"`
}

// Alias is a fleet alias.
type Alias struct {
	AliasId         string           `json:"AliasId,omitempty"`
	AliasArn        string           `json:"AliasArn,omitempty"`
	Name            string           `json:"Name,omitempty"`
	Description     string           `json:"Description,omitempty"`
	RoutingStrategy *RoutingStrategy `json:"RoutingStrategy,omitempty"`
	CreationTime    *Timestamp       `json:"CreationTime,omitempty"`
	LastUpdatedTime *Timestamp       `json:"LastUpdatedTime,omitempty"`
}

// PlayerLatencyPolicy caps player latency for a while.
type PlayerLatencyPolicy struct {
	MaximumIndividualPlayerLatencyMilliseconds int  `json:"MaximumIndividualPlayerLatencyMilliseconds"`
	PolicyDurationSeconds                      *int `json:"PolicyDurationSeconds,omitempty"`
}

// GameSessionQueueDestination is a fleet or alias of a queue.
type GameSessionQueueDestination struct {
	DestinationArn string `json:"DestinationArn"`
}

// FilterConfiguration restricts a queue's locations.
type FilterConfiguration struct {
	AllowedLocations []string `json:"AllowedLocations,omitempty"`
}

// PriorityConfiguration orders a queue's candidates.
type PriorityConfiguration struct {
	PriorityOrder []string `json:"PriorityOrder,omitempty"`
	LocationOrder []string `json:"LocationOrder,omitempty"`
}

// PriorityConfigurationOverride overrides LocationOrder for one placement.
type PriorityConfigurationOverride struct {
	LocationOrder             []string `json:"LocationOrder,omitempty"`
	PlacementFallbackStrategy string   `json:"PlacementFallbackStrategy,omitempty"`
}

// GameSessionQueue is a game session queue.
type GameSessionQueue struct {
	Name                  string                        `json:"Name,omitempty"`
	GameSessionQueueArn   string                        `json:"GameSessionQueueArn,omitempty"`
	TimeoutInSeconds      int                           `json:"TimeoutInSeconds,omitempty"`
	PlayerLatencyPolicies []PlayerLatencyPolicy         `json:"PlayerLatencyPolicies,omitempty"`
	Destinations          []GameSessionQueueDestination `json:"Destinations,omitempty"`
	FilterConfiguration   *FilterConfiguration          `json:"FilterConfiguration,omitempty"`
	PriorityConfiguration *PriorityConfiguration        `json:"PriorityConfiguration,omitempty"`
	CustomEventData       string                        `json:"CustomEventData,omitempty"`
	NotificationTarget    string                        `json:"NotificationTarget,omitempty"`
}

// PlayerLatency is one player's latency to one location. It is a float32
// on the wire: the Go SDK refuses a CBOR float64 there.
type PlayerLatency struct {
	PlayerId              string  `json:"PlayerId,omitempty"`
	RegionIdentifier      string  `json:"RegionIdentifier,omitempty"`
	LatencyInMilliseconds float32 `json:"LatencyInMilliseconds"`
}

// DesiredPlayerSession is a player to seat by a placement.
type DesiredPlayerSession struct {
	PlayerId   string `json:"PlayerId,omitempty"`
	PlayerData string `json:"PlayerData,omitempty"`
}

// PlacedPlayerSession is a player session a placement created.
type PlacedPlayerSession struct {
	PlayerId        string `json:"PlayerId,omitempty"`
	PlayerSessionId string `json:"PlayerSessionId,omitempty"`
}

// GameSessionPlacement is a game session placement.
type GameSessionPlacement struct {
	PlacementId                   string                         `json:"PlacementId,omitempty"`
	GameSessionQueueName          string                         `json:"GameSessionQueueName,omitempty"`
	Status                        string                         `json:"Status,omitempty"`
	GameProperties                []GameProperty                 `json:"GameProperties,omitempty"`
	MaximumPlayerSessionCount     int                            `json:"MaximumPlayerSessionCount,omitempty"`
	GameSessionName               string                         `json:"GameSessionName,omitempty"`
	GameSessionId                 string                         `json:"GameSessionId,omitempty"`
	GameSessionArn                string                         `json:"GameSessionArn,omitempty"`
	GameSessionRegion             string                         `json:"GameSessionRegion,omitempty"`
	PlayerLatencies               []PlayerLatency                `json:"PlayerLatencies,omitempty"`
	StartTime                     *Timestamp                     `json:"StartTime,omitempty"`
	EndTime                       *Timestamp                     `json:"EndTime,omitempty"`
	IpAddress                     string                         `json:"IpAddress,omitempty"`
	DnsName                       string                         `json:"DnsName,omitempty"`
	Port                          int                            `json:"Port,omitempty"`
	PlacedPlayerSessions          []PlacedPlayerSession          `json:"PlacedPlayerSessions,omitempty"`
	GameSessionData               string                         `json:"GameSessionData,omitempty"`
	MatchmakerData                string                         `json:"MatchmakerData,omitempty"`
	PriorityConfigurationOverride *PriorityConfigurationOverride `json:"PriorityConfigurationOverride,omitempty"`
}

// GameSession is a game session.
type GameSession struct {
	GameSessionId               string         `json:"GameSessionId,omitempty"`
	Name                        string         `json:"Name,omitempty"`
	FleetId                     string         `json:"FleetId,omitempty"`
	FleetArn                    string         `json:"FleetArn,omitempty"`
	CreationTime                *Timestamp     `json:"CreationTime,omitempty"`
	TerminationTime             *Timestamp     `json:"TerminationTime,omitempty"`
	CurrentPlayerSessionCount   int            `json:"CurrentPlayerSessionCount"`
	MaximumPlayerSessionCount   int            `json:"MaximumPlayerSessionCount"`
	Status                      string         `json:"Status,omitempty"`
	StatusReason                string         `json:"StatusReason,omitempty"`
	GameProperties              []GameProperty `json:"GameProperties,omitempty"`
	IpAddress                   string         `json:"IpAddress,omitempty"`
	DnsName                     string         `json:"DnsName,omitempty"`
	Port                        int            `json:"Port,omitempty"`
	PlayerSessionCreationPolicy string         `json:"PlayerSessionCreationPolicy,omitempty"`
	CreatorId                   string         `json:"CreatorId,omitempty"`
	GameSessionData             string         `json:"GameSessionData,omitempty"`
	MatchmakerData              string         `json:"MatchmakerData,omitempty"`
	Location                    string         `json:"Location,omitempty"`
}

// GameSessionDetail is a game session with its protection policy.
type GameSessionDetail struct {
	GameSession      *GameSession `json:"GameSession,omitempty"`
	ProtectionPolicy string       `json:"ProtectionPolicy,omitempty"`
}

// PlayerSession is a player session.
type PlayerSession struct {
	PlayerSessionId string     `json:"PlayerSessionId,omitempty"`
	PlayerId        string     `json:"PlayerId,omitempty"`
	GameSessionId   string     `json:"GameSessionId,omitempty"`
	FleetId         string     `json:"FleetId,omitempty"`
	FleetArn        string     `json:"FleetArn,omitempty"`
	CreationTime    *Timestamp `json:"CreationTime,omitempty"`
	TerminationTime *Timestamp `json:"TerminationTime,omitempty"`
	Status          string     `json:"Status,omitempty"`
	IpAddress       string     `json:"IpAddress,omitempty"`
	DnsName         string     `json:"DnsName,omitempty"`
	Port            int        `json:"Port,omitempty"`
	PlayerData      string     `json:"PlayerData,omitempty"`
}

func fleetFromPlacement(f placement.FleetAttributes) FleetAttributes {
	w := FleetAttributes{FleetId: f.FleetId, FleetArn: f.FleetArn, FleetType: f.FleetType, InstanceType: f.InstanceType,
		Name: f.Name, Description: f.Description, Status: f.Status, CreationTime: ts(f.CreationTime), ComputeType: f.ComputeType,
		ServerLaunchPath: f.ServerLaunchPath, NewGameSessionProtectionPolicy: f.NewGameSessionProtectionPolicy}
	if p := f.ResourceCreationLimitPolicy; p != nil {
		w.ResourceCreationLimitPolicy = &ResourceCreationLimitPolicy{p.NewGameSessionsPerCreator, p.PolicyPeriodInMinutes}
	}
	return w
}

func capacityFromPlacement(c placement.FleetCapacity) FleetCapacity {
	w := FleetCapacity{FleetId: c.FleetId, FleetArn: c.FleetArn, InstanceType: c.InstanceType, Location: c.Location}
	if n := c.InstanceCounts; n != nil {
		w.InstanceCounts = &EC2InstanceCounts{n.DESIRED, n.MINIMUM, n.MAXIMUM, n.PENDING, n.ACTIVE, n.IDLE, n.TERMINATING}
	}
	return w
}

func locationStatesFromPlacement(in []placement.LocationState) []LocationState {
	return conv(in, func(l placement.LocationState) LocationState { return LocationState{l.Location, l.Status} })
}

func aliasFromPlacement(a placement.Alias) Alias {
	rs := a.RoutingStrategy
	return Alias{AliasId: a.AliasId, AliasArn: a.AliasArn, Name: a.Name, Description: a.Description,
		RoutingStrategy: &RoutingStrategy{rs.Type, rs.FleetId, rs.Message},
		CreationTime:    ts(a.CreationTime), LastUpdatedTime: ts(a.LastUpdatedTime)}
}

func routingToPlacement(r *RoutingStrategy) *placement.RoutingStrategy {
	if r == nil {
		return nil
	}
	return &placement.RoutingStrategy{Type: r.Type, FleetId: r.FleetId, Message: r.Message}
}

func policiesToPlacement(in []PlayerLatencyPolicy) []placement.PlayerLatencyPolicy {
	if in == nil {
		return nil
	}
	out := make([]placement.PlayerLatencyPolicy, len(in))
	for i, p := range in {
		out[i] = placement.PlayerLatencyPolicy{MaximumIndividualPlayerLatencyMilliseconds: p.MaximumIndividualPlayerLatencyMilliseconds, PolicyDurationSeconds: p.PolicyDurationSeconds}
	}
	return out
}

func destinationsToPlacement(in []GameSessionQueueDestination) []placement.GameSessionQueueDestination {
	if in == nil {
		return nil
	}
	out := make([]placement.GameSessionQueueDestination, len(in))
	for i, d := range in {
		out[i] = placement.GameSessionQueueDestination{DestinationArn: d.DestinationArn}
	}
	return out
}

func filterToPlacement(f *FilterConfiguration) *placement.FilterConfiguration {
	if f == nil {
		return nil
	}
	return &placement.FilterConfiguration{AllowedLocations: f.AllowedLocations}
}

func priorityToPlacement(p *PriorityConfiguration) *placement.PriorityConfiguration {
	if p == nil {
		return nil
	}
	return &placement.PriorityConfiguration{PriorityOrder: p.PriorityOrder, LocationOrder: p.LocationOrder}
}

func queueFromPlacement(q placement.GameSessionQueue) GameSessionQueue {
	w := GameSessionQueue{Name: q.Name, GameSessionQueueArn: q.GameSessionQueueArn, TimeoutInSeconds: q.TimeoutInSeconds,
		PlayerLatencyPolicies: conv(q.PlayerLatencyPolicies, func(p placement.PlayerLatencyPolicy) PlayerLatencyPolicy {
			return PlayerLatencyPolicy{p.MaximumIndividualPlayerLatencyMilliseconds, p.PolicyDurationSeconds}
		}),
		Destinations: conv(q.Destinations, func(d placement.GameSessionQueueDestination) GameSessionQueueDestination {
			return GameSessionQueueDestination{d.DestinationArn}
		}),
		CustomEventData: q.CustomEventData, NotificationTarget: q.NotificationTarget}
	if f := q.FilterConfiguration; f != nil {
		w.FilterConfiguration = &FilterConfiguration{f.AllowedLocations}
	}
	if p := q.PriorityConfiguration; p != nil {
		w.PriorityConfiguration = &PriorityConfiguration{p.PriorityOrder, p.LocationOrder}
	}
	return w
}

func placementFromPlacement(p *placement.GameSessionPlacement) *GameSessionPlacement {
	if p == nil {
		return nil
	}
	w := &GameSessionPlacement{PlacementId: p.PlacementId, GameSessionQueueName: p.GameSessionQueueName, Status: p.Status,
		GameProperties: propsFromEngine(p.GameProperties), MaximumPlayerSessionCount: p.MaximumPlayerSessionCount,
		GameSessionName: p.GameSessionName, GameSessionId: p.GameSessionId, GameSessionArn: p.GameSessionArn,
		GameSessionRegion: p.GameSessionRegion,
		PlayerLatencies: conv(p.PlayerLatencies, func(l placement.PlayerLatency) PlayerLatency {
			return PlayerLatency{l.PlayerId, l.RegionIdentifier, l.LatencyInMilliseconds}
		}),
		StartTime: ts(p.StartTime), EndTime: ts(p.EndTime), IpAddress: p.IpAddress, DnsName: p.DnsName, Port: p.Port,
		PlacedPlayerSessions: conv(p.PlacedPlayerSessions, func(s placement.PlacedPlayerSession) PlacedPlayerSession {
			return PlacedPlayerSession{s.PlayerId, s.PlayerSessionId}
		}),
		GameSessionData: p.GameSessionData, MatchmakerData: p.MatchmakerData}
	if o := p.PriorityConfigurationOverride; o != nil {
		w.PriorityConfigurationOverride = &PriorityConfigurationOverride{o.LocationOrder, o.PlacementFallbackStrategy}
	}
	return w
}

func gameSessionFromPlacement(g placement.GameSession) GameSession {
	return GameSession{GameSessionId: g.GameSessionId, Name: g.Name, FleetId: g.FleetId, FleetArn: g.FleetArn,
		CreationTime: ts(g.CreationTime), TerminationTime: ts(g.TerminationTime),
		CurrentPlayerSessionCount: g.CurrentPlayerSessionCount, MaximumPlayerSessionCount: g.MaximumPlayerSessionCount,
		Status: g.Status, StatusReason: g.StatusReason, GameProperties: propsFromEngine(g.GameProperties),
		IpAddress: g.IpAddress, DnsName: g.DnsName, Port: g.Port, PlayerSessionCreationPolicy: g.PlayerSessionCreationPolicy,
		CreatorId: g.CreatorId, GameSessionData: g.GameSessionData, MatchmakerData: g.MatchmakerData, Location: g.Location}
}

func gameSessionPtr(g *placement.GameSession) *GameSession {
	if g == nil {
		return nil
	}
	w := gameSessionFromPlacement(*g)
	return &w
}

func playerSessionFromPlacement(p placement.PlayerSession) PlayerSession {
	return PlayerSession{PlayerSessionId: p.PlayerSessionId, PlayerId: p.PlayerId, GameSessionId: p.GameSessionId,
		FleetId: p.FleetId, FleetArn: p.FleetArn, CreationTime: ts(p.CreationTime), TerminationTime: ts(p.TerminationTime),
		Status: p.Status, IpAddress: p.IpAddress, DnsName: p.DnsName, Port: p.Port, PlayerData: p.PlayerData}
}
