package placement

import "github.com/flexsim/flexsim/engine"

// The shapes of the game session queue operations. Field names are those of
// the GameLift API and the AWS SDK for Go v2.

// Priority types of PriorityConfiguration.PriorityOrder.
const (
	PriorityLatency     = "LATENCY"
	PriorityCost        = "COST"
	PriorityDestination = "DESTINATION"
	PriorityLocation    = "LOCATION"
)

// Fallback strategies of PriorityConfigurationOverride.
const (
	// FallbackDefaultAfterSinglePass tries the override's locations first,
	// then the queue's other locations.
	FallbackDefaultAfterSinglePass = "DEFAULT_AFTER_SINGLE_PASS"
	// FallbackNone places only in the override's locations.
	FallbackNone = "NONE"
)

// Limits of a game session queue.
const (
	// DefaultQueueTimeoutSeconds is a queue's TimeoutInSeconds when
	// CreateGameSessionQueue leaves it out (PROPOSED: the documented maximum).
	DefaultQueueTimeoutSeconds = 600
	MinQueueTimeoutSeconds     = 10
	MaxQueueTimeoutSeconds     = 600
	MaxQueueNameLength         = 128
	MaxQueueLocations          = 100 // AllowedLocations and LocationOrder
	MaxQueueCustomEventData    = 256
	MaxQueueNotificationTarget = 300
	// MaxDescribeQueuesLimit is the largest (and default) Limit of
	// DescribeGameSessionQueues.
	MaxDescribeQueuesLimit = 50
)

// GameSessionQueue is a game session queue as DescribeGameSessionQueues
// returns it: a copy.
type GameSessionQueue struct {
	Name                  string
	GameSessionQueueArn   string
	TimeoutInSeconds      int
	PlayerLatencyPolicies []PlayerLatencyPolicy
	Destinations          []GameSessionQueueDestination
	FilterConfiguration   *FilterConfiguration
	PriorityConfiguration *PriorityConfiguration
	CustomEventData       string
	NotificationTarget    string
}

// PlayerLatencyPolicy caps every player's latency to the placement's
// location for a while. Policies apply from the lowest cap up, each for its
// PolicyDurationSeconds counted from the end of the one before; a nil
// duration lasts until the placement times out.
type PlayerLatencyPolicy struct {
	MaximumIndividualPlayerLatencyMilliseconds int
	PolicyDurationSeconds                      *int
}

// GameSessionQueueDestination is a fleet or alias ARN (or ID) a queue places
// game sessions on.
type GameSessionQueueDestination struct {
	DestinationArn string
}

// FilterConfiguration restricts where a queue places game sessions.
type FilterConfiguration struct {
	AllowedLocations []string
}

// PriorityConfiguration replaces a queue's default ordering of its
// (destination, location) candidates. Priority types it does not name follow
// in the default order: LATENCY, COST, DESTINATION, LOCATION. LocationOrder
// ranks locations for LOCATION; unlisted locations come after, in
// alphabetical order.
type PriorityConfiguration struct {
	PriorityOrder []string
	LocationOrder []string
}

// CreateGameSessionQueueInput is the input of CreateGameSessionQueue.
// TimeoutInSeconds 0 means DefaultQueueTimeoutSeconds.
type CreateGameSessionQueueInput struct {
	Name                  string
	TimeoutInSeconds      int
	PlayerLatencyPolicies []PlayerLatencyPolicy
	Destinations          []GameSessionQueueDestination
	FilterConfiguration   *FilterConfiguration
	PriorityConfiguration *PriorityConfiguration
	CustomEventData       string
	NotificationTarget    string
	Tags                  []engine.Tag
}

// CreateGameSessionQueueOutput is the output of CreateGameSessionQueue.
type CreateGameSessionQueueOutput struct {
	GameSessionQueue *GameSessionQueue
}

// DescribeGameSessionQueuesInput is the input of DescribeGameSessionQueues.
// Names are queue names or ARNs; none lists every queue. Limit is 1 to 50
// (0 means 50).
type DescribeGameSessionQueuesInput struct {
	Names     []string
	Limit     int
	NextToken string
}

// DescribeGameSessionQueuesOutput is the output of
// DescribeGameSessionQueues.
type DescribeGameSessionQueuesOutput struct {
	GameSessionQueues []GameSessionQueue
	NextToken         string
}

// UpdateGameSessionQueueInput is the input of UpdateGameSessionQueue. Name
// is the queue's name or ARN. A nil field is left unchanged; an empty
// non-nil list clears PlayerLatencyPolicies or Destinations; a
// FilterConfiguration with no AllowedLocations, or a PriorityConfiguration
// with neither PriorityOrder nor LocationOrder, removes it.
type UpdateGameSessionQueueInput struct {
	Name                  string
	TimeoutInSeconds      *int
	PlayerLatencyPolicies []PlayerLatencyPolicy
	Destinations          []GameSessionQueueDestination
	FilterConfiguration   *FilterConfiguration
	PriorityConfiguration *PriorityConfiguration
	CustomEventData       *string
	NotificationTarget    *string
}

// UpdateGameSessionQueueOutput is the output of UpdateGameSessionQueue.
type UpdateGameSessionQueueOutput struct {
	GameSessionQueue *GameSessionQueue
}

// DeleteGameSessionQueueInput is the input of DeleteGameSessionQueue. Name
// is the queue's name or ARN.
type DeleteGameSessionQueueInput struct {
	Name string
}

// DeleteGameSessionQueueOutput is the output of DeleteGameSessionQueue.
type DeleteGameSessionQueueOutput struct{}
