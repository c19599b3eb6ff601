package placement

import (
	"time"

	"github.com/flexsim/flexsim/engine"
)

// The shapes several operations share. Field names are those of the GameLift
// API and the AWS SDK for Go v2.

// Game session statuses.
const (
	GameSessionActivating  = "ACTIVATING"
	GameSessionActive      = "ACTIVE"
	GameSessionTerminating = "TERMINATING"
	GameSessionTerminated  = "TERMINATED"
	GameSessionError       = "ERROR"
)

// Player session statuses.
const (
	PlayerSessionReserved  = "RESERVED"
	PlayerSessionActive    = "ACTIVE"
	PlayerSessionCompleted = "COMPLETED"
	PlayerSessionTimedOut  = "TIMEDOUT"
)

// Player session creation policies.
const (
	PolicyAcceptAll = "ACCEPT_ALL"
	PolicyDenyAll   = "DENY_ALL"
)

// ReservedTimeout is how long a RESERVED player session waits for its player
// to connect before it times out.
const ReservedTimeout = 60 * time.Second

// FleetAttributes describes a fleet as DescribeFleetAttributes returns it.
type FleetAttributes struct {
	FleetId          string
	FleetArn         string
	FleetType        string // ON_DEMAND or SPOT
	InstanceType     string
	Name             string
	Description      string
	Status           string // ACTIVE
	CreationTime     time.Time
	ComputeType      string // EC2
	ServerLaunchPath string
	// NewGameSessionProtectionPolicy is the protection new game sessions
	// get: NoProtection (the default) or FullProtection.
	NewGameSessionProtectionPolicy string
	// ResourceCreationLimitPolicy limits the game sessions one CreatorId
	// may create; nil for none.
	ResourceCreationLimitPolicy *ResourceCreationLimitPolicy
}

// ResourceCreationLimitPolicy limits how many game sessions one creator
// (CreateGameSession's CreatorId) may create in a fleet within a period.
// It applies when both numbers are positive.
type ResourceCreationLimitPolicy struct {
	NewGameSessionsPerCreator int
	PolicyPeriodInMinutes     int
}

// Alias is an alias as DescribeAlias returns it.
type Alias struct {
	AliasId         string
	AliasArn        string
	Name            string
	Description     string
	RoutingStrategy RoutingStrategy
	CreationTime    time.Time
	LastUpdatedTime time.Time
}

// RoutingStrategy is where an alias points: SIMPLE to FleetId, or TERMINAL
// with a Message for clients.
type RoutingStrategy struct {
	Type    string
	FleetId string
	Message string
}

// GameSession is a game session as DescribeGameSessions returns it: a copy.
// GameSessionId is the session's ARN.
type GameSession struct {
	GameSessionId               string
	Name                        string
	FleetId                     string
	FleetArn                    string
	CreationTime                time.Time
	TerminationTime             time.Time
	CurrentPlayerSessionCount   int
	MaximumPlayerSessionCount   int
	Status                      string
	StatusReason                string
	GameProperties              []engine.GameProperty
	IpAddress                   string
	DnsName                     string
	Port                        int
	PlayerSessionCreationPolicy string
	CreatorId                   string
	GameSessionData             string
	MatchmakerData              string
	Location                    string
}

// PlayerSession is a player session as DescribePlayerSessions returns it.
type PlayerSession struct {
	PlayerSessionId string
	PlayerId        string
	GameSessionId   string
	FleetId         string
	FleetArn        string
	CreationTime    time.Time
	TerminationTime time.Time
	Status          string
	IpAddress       string
	DnsName         string
	Port            int
	PlayerData      string
}

// DesiredPlayer is a player to seat in a game session, with optional data
// for the game server.
type DesiredPlayer struct {
	PlayerId   string
	PlayerData string
}
