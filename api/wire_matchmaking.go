package api

import (
	"github.com/flexsim/flexsim/engine"
)

// Wire types of the matchmaking operations, named as in the GameLift API.

// Tag is a resource tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// GameProperty is a game session property.
type GameProperty struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// MatchmakingRuleSet is a stored rule set.
type MatchmakingRuleSet struct {
	RuleSetName  string     `json:"RuleSetName,omitempty"`
	RuleSetArn   string     `json:"RuleSetArn,omitempty"`
	RuleSetBody  string     `json:"RuleSetBody"`
	CreationTime *Timestamp `json:"CreationTime,omitempty"`
}

// MatchmakingConfiguration is a stored matchmaking configuration.
type MatchmakingConfiguration struct {
	Name                     string         `json:"Name,omitempty"`
	ConfigurationArn         string         `json:"ConfigurationArn,omitempty"`
	Description              string         `json:"Description,omitempty"`
	GameSessionQueueArns     []string       `json:"GameSessionQueueArns,omitempty"`
	RequestTimeoutSeconds    int            `json:"RequestTimeoutSeconds,omitempty"`
	AcceptanceTimeoutSeconds int            `json:"AcceptanceTimeoutSeconds,omitempty"`
	AcceptanceRequired       bool           `json:"AcceptanceRequired"`
	RuleSetName              string         `json:"RuleSetName,omitempty"`
	RuleSetArn               string         `json:"RuleSetArn,omitempty"`
	NotificationTarget       string         `json:"NotificationTarget,omitempty"`
	AdditionalPlayerCount    int            `json:"AdditionalPlayerCount"`
	CustomEventData          string         `json:"CustomEventData,omitempty"`
	CreationTime             *Timestamp     `json:"CreationTime,omitempty"`
	GameProperties           []GameProperty `json:"GameProperties,omitempty"`
	GameSessionData          string         `json:"GameSessionData,omitempty"`
	BackfillMode             string         `json:"BackfillMode,omitempty"`
	FlexMatchMode            string         `json:"FlexMatchMode,omitempty"`
}

// MatchmakingTicket is a ticket as DescribeMatchmaking returns it.
type MatchmakingTicket struct {
	TicketId                  string                     `json:"TicketId,omitempty"`
	ConfigurationName         string                     `json:"ConfigurationName,omitempty"`
	ConfigurationArn          string                     `json:"ConfigurationArn,omitempty"`
	Status                    string                     `json:"Status,omitempty"`
	StatusReason              string                     `json:"StatusReason,omitempty"`
	StatusMessage             string                     `json:"StatusMessage,omitempty"`
	StartTime                 *Timestamp                 `json:"StartTime,omitempty"`
	EndTime                   *Timestamp                 `json:"EndTime,omitempty"`
	Players                   []Player                   `json:"Players,omitempty"`
	GameSessionConnectionInfo *GameSessionConnectionInfo `json:"GameSessionConnectionInfo,omitempty"`
	EstimatedWaitTime         *int                       `json:"EstimatedWaitTime,omitempty"`
}

// GameSessionConnectionInfo tells matched players where their game is.
type GameSessionConnectionInfo struct {
	GameSessionArn        string                 `json:"GameSessionArn,omitempty"`
	IpAddress             string                 `json:"IpAddress,omitempty"`
	DnsName               string                 `json:"DnsName,omitempty"`
	Port                  int                    `json:"Port,omitempty"`
	MatchedPlayerSessions []MatchedPlayerSession `json:"MatchedPlayerSessions,omitempty"`
}

// MatchedPlayerSession pairs a player with a player session.
type MatchedPlayerSession struct {
	PlayerId        string `json:"PlayerId,omitempty"`
	PlayerSessionId string `json:"PlayerSessionId,omitempty"`
}

func tagsToEngine(in []Tag) []engine.Tag {
	if in == nil {
		return nil
	}
	out := make([]engine.Tag, len(in))
	for i, t := range in {
		out[i] = engine.Tag{Key: t.Key, Value: t.Value}
	}
	return out
}

func propsToEngine(in []GameProperty) []engine.GameProperty {
	if in == nil {
		return nil
	}
	out := make([]engine.GameProperty, len(in))
	for i, p := range in {
		out[i] = engine.GameProperty{Key: p.Key, Value: p.Value}
	}
	return out
}

func propsFromEngine(in []engine.GameProperty) []GameProperty {
	if len(in) == 0 {
		return nil
	}
	out := make([]GameProperty, len(in))
	for i, p := range in {
		out[i] = GameProperty{Key: p.Key, Value: p.Value}
	}
	return out
}

func ruleSetFromEngine(r engine.MatchmakingRuleSet) MatchmakingRuleSet {
	return MatchmakingRuleSet{RuleSetName: r.RuleSetName, RuleSetArn: r.RuleSetArn, RuleSetBody: r.RuleSetBody, CreationTime: ts(r.CreationTime)}
}

func configFromEngine(c engine.MatchmakingConfiguration) MatchmakingConfiguration {
	return MatchmakingConfiguration{
		Name: c.Name, ConfigurationArn: c.ConfigurationArn, Description: c.Description,
		GameSessionQueueArns:     c.GameSessionQueueArns,
		RequestTimeoutSeconds:    c.RequestTimeoutSeconds,
		AcceptanceTimeoutSeconds: c.AcceptanceTimeoutSeconds,
		AcceptanceRequired:       c.AcceptanceRequired,
		RuleSetName:              c.RuleSetName, RuleSetArn: c.RuleSetArn,
		NotificationTarget:    c.NotificationTarget,
		AdditionalPlayerCount: c.AdditionalPlayerCount,
		CustomEventData:       c.CustomEventData,
		CreationTime:          ts(c.CreationTime),
		GameProperties:        propsFromEngine(c.GameProperties),
		GameSessionData:       c.GameSessionData,
		BackfillMode:          c.BackfillMode, FlexMatchMode: c.FlexMatchMode,
	}
}

func ticketFromEngine(t *engine.MatchmakingTicket) *MatchmakingTicket {
	if t == nil {
		return nil
	}
	w := new(MatchmakingTicket)
	ticketInto(w, t)
	return w
}

// ticketInto converts t, which the caller gives away, into *w: a slice of
// wire tickets is filled in place rather than from copies.
func ticketInto(w *MatchmakingTicket, t *engine.MatchmakingTicket) {
	*w = MatchmakingTicket{
		TicketId: t.TicketId, ConfigurationName: t.ConfigurationName, ConfigurationArn: t.ConfigurationArn,
		Status: string(t.Status), StatusReason: t.StatusReason, StatusMessage: t.StatusMessage,
		StartTime: ts(t.StartTime), EndTime: ts(t.EndTime),
		Players:           playersFromTicket(t.Players),
		EstimatedWaitTime: t.EstimatedWaitTime,
	}
	if c := t.GameSessionConnectionInfo; c != nil {
		w.GameSessionConnectionInfo = &GameSessionConnectionInfo{
			GameSessionArn: c.GameSessionArn, IpAddress: c.IpAddress, DnsName: c.DnsName, Port: c.Port,
		}
		for _, m := range c.MatchedPlayerSessions {
			w.GameSessionConnectionInfo.MatchedPlayerSessions = append(w.GameSessionConnectionInfo.MatchedPlayerSessions,
				MatchedPlayerSession{PlayerId: m.PlayerId, PlayerSessionId: m.PlayerSessionId})
		}
	}
}
