package engine

import (
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// The input and output types of the matchmaking operations. Field names are
// those of the GameLift API (and of the AWS SDK for Go v2), so that a caller
// who knows one knows the other.

// Tag is a resource tag.
type Tag struct {
	Key   string
	Value string
}

// GameProperty is a key-value pair copied onto new game sessions.
type GameProperty struct {
	Key   string
	Value string
}

// FlexMatch modes and backfill modes of a configuration.
const (
	ModeStandalone = "STANDALONE"
	ModeWithQueue  = "WITH_QUEUE"

	BackfillAutomatic = "AUTOMATIC"
	BackfillManual    = "MANUAL"
)

// Acceptance types of AcceptMatch.
const (
	Accept = "ACCEPT"
	Reject = "REJECT"
)

// MatchmakingRuleSet is a stored rule set.
type MatchmakingRuleSet struct {
	RuleSetName  string
	RuleSetArn   string
	RuleSetBody  string
	CreationTime time.Time
}

// MatchmakingConfiguration is a stored matchmaking configuration.
type MatchmakingConfiguration struct {
	Name                     string
	ConfigurationArn         string
	Description              string
	GameSessionQueueArns     []string
	RequestTimeoutSeconds    int
	AcceptanceTimeoutSeconds int
	AcceptanceRequired       bool
	RuleSetName              string
	RuleSetArn               string
	NotificationTarget       string
	AdditionalPlayerCount    int
	CustomEventData          string
	CreationTime             time.Time
	GameProperties           []GameProperty
	GameSessionData          string
	BackfillMode             string
	FlexMatchMode            string
}

// CreateMatchmakingRuleSetInput is the input of CreateMatchmakingRuleSet.
type CreateMatchmakingRuleSetInput struct {
	Name        string
	RuleSetBody string
	Tags        []Tag
}

// CreateMatchmakingRuleSetOutput is the output of CreateMatchmakingRuleSet.
type CreateMatchmakingRuleSetOutput struct {
	RuleSet *MatchmakingRuleSet
}

// DescribeMatchmakingRuleSetsInput is the input of DescribeMatchmakingRuleSets.
type DescribeMatchmakingRuleSetsInput struct {
	Names     []string // names or ARNs; empty lists every rule set
	Limit     int      // 1..10; 0 means 10
	NextToken string
}

// DescribeMatchmakingRuleSetsOutput is the output of DescribeMatchmakingRuleSets.
type DescribeMatchmakingRuleSetsOutput struct {
	RuleSets  []MatchmakingRuleSet
	NextToken string
}

// DeleteMatchmakingRuleSetInput is the input of DeleteMatchmakingRuleSet.
type DeleteMatchmakingRuleSetInput struct {
	Name string // name or ARN
}

// DeleteMatchmakingRuleSetOutput is the (empty) output of DeleteMatchmakingRuleSet.
type DeleteMatchmakingRuleSetOutput struct{}

// ValidateMatchmakingRuleSetInput is the input of ValidateMatchmakingRuleSet.
type ValidateMatchmakingRuleSetInput struct {
	RuleSetBody string
}

// ValidateMatchmakingRuleSetOutput is the output of ValidateMatchmakingRuleSet.
type ValidateMatchmakingRuleSetOutput struct {
	Valid bool
}

// CreateMatchmakingConfigurationInput is the input of
// CreateMatchmakingConfiguration. Zero numbers and empty strings mean the
// field was not given.
type CreateMatchmakingConfigurationInput struct {
	Name                     string
	Description              string
	GameSessionQueueArns     []string
	RequestTimeoutSeconds    int
	AcceptanceTimeoutSeconds int
	AcceptanceRequired       bool
	RuleSetName              string // name or ARN
	NotificationTarget       string
	AdditionalPlayerCount    int
	CustomEventData          string
	GameProperties           []GameProperty
	GameSessionData          string
	BackfillMode             string
	FlexMatchMode            string // STANDALONE or WITH_QUEUE (the default)
	Tags                     []Tag
}

// CreateMatchmakingConfigurationOutput is the output of CreateMatchmakingConfiguration.
type CreateMatchmakingConfigurationOutput struct {
	Configuration *MatchmakingConfiguration
}

// UpdateMatchmakingConfigurationInput is the input of
// UpdateMatchmakingConfiguration: nil fields are left as they are.
type UpdateMatchmakingConfigurationInput struct {
	Name                     string // name or ARN
	Description              *string
	GameSessionQueueArns     []string // nil leaves them; an empty non-nil list clears them
	RequestTimeoutSeconds    *int
	AcceptanceTimeoutSeconds *int
	AcceptanceRequired       *bool
	RuleSetName              *string
	NotificationTarget       *string
	AdditionalPlayerCount    *int
	CustomEventData          *string
	GameProperties           []GameProperty // nil leaves them
	GameSessionData          *string
	BackfillMode             *string
	FlexMatchMode            *string
}

// UpdateMatchmakingConfigurationOutput is the output of UpdateMatchmakingConfiguration.
type UpdateMatchmakingConfigurationOutput struct {
	Configuration *MatchmakingConfiguration
}

// DescribeMatchmakingConfigurationsInput is the input of
// DescribeMatchmakingConfigurations.
type DescribeMatchmakingConfigurationsInput struct {
	Names       []string // names or ARNs; unknown ones are skipped
	RuleSetName string   // only configurations using this rule set
	Limit       int      // 1..10; 0 means 10
	NextToken   string
}

// DescribeMatchmakingConfigurationsOutput is the output of
// DescribeMatchmakingConfigurations.
type DescribeMatchmakingConfigurationsOutput struct {
	Configurations []MatchmakingConfiguration
	NextToken      string
}

// DeleteMatchmakingConfigurationInput is the input of DeleteMatchmakingConfiguration.
type DeleteMatchmakingConfigurationInput struct {
	Name string // name or ARN
}

// DeleteMatchmakingConfigurationOutput is the (empty) output of
// DeleteMatchmakingConfiguration.
type DeleteMatchmakingConfigurationOutput struct{}

// StartMatchmakingInput is the input of StartMatchmaking.
type StartMatchmakingInput struct {
	TicketId          string // optional: a UUID is generated when empty
	ConfigurationName string // name or ARN
	Players           []ticket.Player
}

// StartMatchmakingOutput is the output of StartMatchmaking.
type StartMatchmakingOutput struct {
	MatchmakingTicket *MatchmakingTicket
}

// DescribeMatchmakingInput is the input of DescribeMatchmaking.
type DescribeMatchmakingInput struct {
	TicketIds []string // 1..10
}

// DescribeMatchmakingOutput is the output of DescribeMatchmaking.
type DescribeMatchmakingOutput struct {
	TicketList []MatchmakingTicket
}

// StopMatchmakingInput is the input of StopMatchmaking.
type StopMatchmakingInput struct {
	TicketId string
}

// StopMatchmakingOutput is the (empty) output of StopMatchmaking.
type StopMatchmakingOutput struct{}

// AcceptMatchInput is the input of AcceptMatch.
type AcceptMatchInput struct {
	TicketId       string
	PlayerIds      []string
	AcceptanceType string // ACCEPT or REJECT
}

// AcceptMatchOutput is the (empty) output of AcceptMatch.
type AcceptMatchOutput struct{}

// MatchmakingTicket is a ticket as DescribeMatchmaking returns it: a copy,
// safe to keep.
type MatchmakingTicket struct {
	TicketId                  string
	ConfigurationName         string
	ConfigurationArn          string
	Status                    ticket.Status
	StatusReason              string
	StatusMessage             string
	StartTime                 time.Time
	EndTime                   time.Time // zero until terminal
	Players                   []ticket.Player
	GameSessionConnectionInfo *GameSessionConnectionInfo
	// EstimatedWaitTime is in seconds; nil when there is not enough data.
	EstimatedWaitTime *int
}

// GameSessionConnectionInfo tells matched players where their game is.
type GameSessionConnectionInfo struct {
	GameSessionArn        string
	IpAddress             string
	DnsName               string
	Port                  int
	MatchedPlayerSessions []MatchedPlayerSession
}

// MatchedPlayerSession pairs a player with a player session.
type MatchedPlayerSession struct {
	PlayerId        string
	PlayerSessionId string
}
