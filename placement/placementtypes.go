package placement

import (
	"time"

	"github.com/flexsim/flexsim/engine"
)

// The shapes of the game session placement operations. Field names are
// those of the GameLift API and the AWS SDK for Go v2.

// Placement statuses.
const (
	PlacementPending   = "PENDING"
	PlacementFulfilled = "FULFILLED"
	PlacementCancelled = "CANCELLED"
	PlacementTimedOut  = "TIMED_OUT"
	PlacementFailed    = "FAILED"
)

// Limits of StartGameSessionPlacement, besides those of check.go.
const (
	MaxPlacementIdLength             = 48
	MaxPlacementGameSessionName      = 1024
	MaxPlacementPlayerId             = 1024
	MaxPlacementRegionIdentifier     = 64
	MaxPriorityOverrideLocationOrder = 10
)

// PlayerLatency is one player's latency to one location (a region code).
type PlayerLatency struct {
	PlayerId              string
	RegionIdentifier      string
	LatencyInMilliseconds float32
}

// PlacedPlayerSession pairs a player with the player session a placement
// created for them.
type PlacedPlayerSession struct {
	PlayerId        string
	PlayerSessionId string
}

// PriorityConfigurationOverride replaces, for one placement, the queue's
// LocationOrder: its locations are tried first, in its order, then (with
// DEFAULT_AFTER_SINGLE_PASS, the default) the queue's other locations.
type PriorityConfigurationOverride struct {
	LocationOrder             []string
	PlacementFallbackStrategy string
}

// GameSessionPlacement is a placement as DescribeGameSessionPlacement
// returns it: a copy. GameSessionId and GameSessionArn are both the game
// session's ARN (the ID DescribeGameSessions takes), set once FULFILLED.
type GameSessionPlacement struct {
	PlacementId                   string
	GameSessionQueueName          string
	Status                        string
	GameProperties                []engine.GameProperty
	MaximumPlayerSessionCount     int
	GameSessionName               string
	GameSessionId                 string
	GameSessionArn                string
	GameSessionRegion             string
	PlayerLatencies               []PlayerLatency
	StartTime                     time.Time
	EndTime                       time.Time // zero while PENDING
	IpAddress                     string
	DnsName                       string
	Port                          int
	PlacedPlayerSessions          []PlacedPlayerSession
	GameSessionData               string
	MatchmakerData                string
	PriorityConfigurationOverride *PriorityConfigurationOverride
}

// StartGameSessionPlacementInput is the input of StartGameSessionPlacement.
// GameSessionQueueName is the queue's name or ARN.
type StartGameSessionPlacementInput struct {
	PlacementId                   string
	GameSessionQueueName          string
	MaximumPlayerSessionCount     int
	GameSessionName               string
	GameProperties                []engine.GameProperty
	PlayerLatencies               []PlayerLatency
	DesiredPlayerSessions         []DesiredPlayer
	GameSessionData               string
	PriorityConfigurationOverride *PriorityConfigurationOverride
}

// StartGameSessionPlacementOutput is the output of
// StartGameSessionPlacement.
type StartGameSessionPlacementOutput struct {
	GameSessionPlacement *GameSessionPlacement
}

// DescribeGameSessionPlacementInput is the input of
// DescribeGameSessionPlacement.
type DescribeGameSessionPlacementInput struct {
	PlacementId string
}

// DescribeGameSessionPlacementOutput is the output of
// DescribeGameSessionPlacement.
type DescribeGameSessionPlacementOutput struct {
	GameSessionPlacement *GameSessionPlacement
}

// StopGameSessionPlacementInput is the input of StopGameSessionPlacement.
type StopGameSessionPlacementInput struct {
	PlacementId string
}

// StopGameSessionPlacementOutput is the output of StopGameSessionPlacement.
type StopGameSessionPlacementOutput struct {
	GameSessionPlacement *GameSessionPlacement
}
