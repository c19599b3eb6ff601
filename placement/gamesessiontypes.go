package placement

import "github.com/flexsim/flexsim/engine"

// Inputs and outputs of the game session operations.

// CreateGameSessionInput is the input of CreateGameSession. Zero numbers
// and empty strings mean the field was not given; MaximumPlayerSessionCount,
// which AWS requires, is therefore 0 when left out.
type CreateGameSessionInput struct {
	FleetId                   string // ID or ARN; this or AliasId
	AliasId                   string // ID or ARN; this or FleetId
	MaximumPlayerSessionCount int    // 0 to 200
	Name                      string
	GameProperties            []engine.GameProperty
	CreatorId                 string
	// GameSessionId is the older name of IdempotencyToken: a custom ID
	// string that ends the new session's ARN. IdempotencyToken wins when
	// both are given.
	GameSessionId    string
	IdempotencyToken string
	GameSessionData  string
	Location         string // the fleet's home location when empty
}

// CreateGameSessionOutput is the output of CreateGameSession.
type CreateGameSessionOutput struct {
	GameSession *GameSession
}

// DescribeGameSessionsInput is the input of DescribeGameSessions: a game
// session by GameSessionId, or the game sessions of a fleet (FleetId or
// AliasId), optionally of one location and one status, in creation order.
type DescribeGameSessionsInput struct {
	FleetId       string
	GameSessionId string
	AliasId       string
	Location      string
	StatusFilter  string // ACTIVE, ACTIVATING, TERMINATING or TERMINATED
	Limit         int
	NextToken     string
}

// DescribeGameSessionsOutput is the output of DescribeGameSessions.
type DescribeGameSessionsOutput struct {
	GameSessions []GameSession
	NextToken    string
}

// DescribeGameSessionDetailsInput is the input of
// DescribeGameSessionDetails; it selects as DescribeGameSessionsInput does.
type DescribeGameSessionDetailsInput DescribeGameSessionsInput

// GameSessionDetail is a game session with its protection policy.
type GameSessionDetail struct {
	GameSession      *GameSession
	ProtectionPolicy string // NoProtection or FullProtection
}

// DescribeGameSessionDetailsOutput is the output of
// DescribeGameSessionDetails.
type DescribeGameSessionDetailsOutput struct {
	GameSessionDetails []GameSessionDetail
	NextToken          string
}

// UpdateGameSessionInput is the input of UpdateGameSession: nil fields are
// left as they are. GameProperties adds new keys and changes the values of
// existing ones; none is ever removed.
type UpdateGameSessionInput struct {
	GameSessionId               string
	MaximumPlayerSessionCount   *int
	Name                        *string
	PlayerSessionCreationPolicy *string // ACCEPT_ALL or DENY_ALL
	ProtectionPolicy            *string // NoProtection or FullProtection
	GameProperties              []engine.GameProperty
}

// UpdateGameSessionOutput is the output of UpdateGameSession.
type UpdateGameSessionOutput struct {
	GameSession *GameSession
}

// SearchGameSessionsInput is the input of SearchGameSessions.
type SearchGameSessionsInput struct {
	FleetId          string // this or AliasId
	AliasId          string
	Location         string // all the fleet's locations when empty
	FilterExpression string // see SearchGameSessions
	SortExpression   string // "<operand> ASC" or "<operand> DESC"
	Limit            int    // at most 20 results are returned, whatever it says
	NextToken        string
}

// SearchGameSessionsOutput is the output of SearchGameSessions.
type SearchGameSessionsOutput struct {
	GameSessions []GameSession
	NextToken    string
}
