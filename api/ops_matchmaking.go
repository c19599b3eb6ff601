package api

import (
	"context"

	"github.com/flexsim/flexsim/engine"
)

// Inputs and outputs of the matchmaking operations, and their handlers.

// CreateMatchmakingRuleSetInput is the wire input of CreateMatchmakingRuleSet.
type CreateMatchmakingRuleSetInput struct {
	Name        string `json:"Name"`
	RuleSetBody string `json:"RuleSetBody"`
	Tags        []Tag  `json:"Tags,omitempty"`
}

// RuleSetOutput is the output of CreateMatchmakingRuleSet.
type RuleSetOutput struct {
	RuleSet *MatchmakingRuleSet `json:"RuleSet,omitempty"`
}

// DescribeMatchmakingRuleSetsInput is the wire input of DescribeMatchmakingRuleSets.
type DescribeMatchmakingRuleSetsInput struct {
	Names     []string `json:"Names,omitempty"`
	Limit     int      `json:"Limit,omitempty"`
	NextToken string   `json:"NextToken,omitempty"`
}

// DescribeMatchmakingRuleSetsOutput is the wire output of DescribeMatchmakingRuleSets.
type DescribeMatchmakingRuleSetsOutput struct {
	RuleSets  []MatchmakingRuleSet `json:"RuleSets"`
	NextToken string               `json:"NextToken,omitempty"`
}

// NameInput is the input of the operations that take only a Name: the
// deletions of rule sets, configurations and queues.
type NameInput struct {
	Name string `json:"Name"`
}

// Empty is the output of operations that return nothing.
type Empty struct{}

// ValidateMatchmakingRuleSetInput is the wire input of ValidateMatchmakingRuleSet.
type ValidateMatchmakingRuleSetInput struct {
	RuleSetBody string `json:"RuleSetBody"`
}

// ValidateMatchmakingRuleSetOutput is the wire output of ValidateMatchmakingRuleSet.
type ValidateMatchmakingRuleSetOutput struct {
	Valid bool `json:"Valid"`
}

// CreateMatchmakingConfigurationInput is the wire input of
// CreateMatchmakingConfiguration.
type CreateMatchmakingConfigurationInput struct {
	Name                     string         `json:"Name"`
	Description              string         `json:"Description,omitempty"`
	GameSessionQueueArns     []string       `json:"GameSessionQueueArns,omitempty"`
	RequestTimeoutSeconds    int            `json:"RequestTimeoutSeconds,omitempty"`
	AcceptanceTimeoutSeconds int            `json:"AcceptanceTimeoutSeconds,omitempty"`
	AcceptanceRequired       bool           `json:"AcceptanceRequired,omitempty"`
	RuleSetName              string         `json:"RuleSetName"`
	NotificationTarget       string         `json:"NotificationTarget,omitempty"`
	AdditionalPlayerCount    int            `json:"AdditionalPlayerCount,omitempty"`
	CustomEventData          string         `json:"CustomEventData,omitempty"`
	GameProperties           []GameProperty `json:"GameProperties,omitempty"`
	GameSessionData          string         `json:"GameSessionData,omitempty"`
	BackfillMode             string         `json:"BackfillMode,omitempty"`
	FlexMatchMode            string         `json:"FlexMatchMode,omitempty"`
	Tags                     []Tag          `json:"Tags,omitempty"`
}

// UpdateMatchmakingConfigurationInput is the wire input of
// UpdateMatchmakingConfiguration: absent members are left as they are.
type UpdateMatchmakingConfigurationInput struct {
	Name                     string         `json:"Name"`
	Description              *string        `json:"Description,omitempty"`
	GameSessionQueueArns     []string       `json:"GameSessionQueueArns,omitempty"`
	RequestTimeoutSeconds    *int           `json:"RequestTimeoutSeconds,omitempty"`
	AcceptanceTimeoutSeconds *int           `json:"AcceptanceTimeoutSeconds,omitempty"`
	AcceptanceRequired       *bool          `json:"AcceptanceRequired,omitempty"`
	RuleSetName              *string        `json:"RuleSetName,omitempty"`
	NotificationTarget       *string        `json:"NotificationTarget,omitempty"`
	AdditionalPlayerCount    *int           `json:"AdditionalPlayerCount,omitempty"`
	CustomEventData          *string        `json:"CustomEventData,omitempty"`
	GameProperties           []GameProperty `json:"GameProperties,omitempty"`
	GameSessionData          *string        `json:"GameSessionData,omitempty"`
	BackfillMode             *string        `json:"BackfillMode,omitempty"`
	FlexMatchMode            *string        `json:"FlexMatchMode,omitempty"`
}

// ConfigurationOutput is the output of Create- and
// UpdateMatchmakingConfiguration.
type ConfigurationOutput struct {
	Configuration *MatchmakingConfiguration `json:"Configuration,omitempty"`
}

// DescribeMatchmakingConfigurationsInput is the wire input of
// DescribeMatchmakingConfigurations.
type DescribeMatchmakingConfigurationsInput struct {
	Names       []string `json:"Names,omitempty"`
	RuleSetName string   `json:"RuleSetName,omitempty"`
	Limit       int      `json:"Limit,omitempty"`
	NextToken   string   `json:"NextToken,omitempty"`
}

// DescribeMatchmakingConfigurationsOutput is the wire output of
// DescribeMatchmakingConfigurations.
type DescribeMatchmakingConfigurationsOutput struct {
	Configurations []MatchmakingConfiguration `json:"Configurations"`
	NextToken      string                     `json:"NextToken,omitempty"`
}

// StartMatchmakingInput is the wire input of StartMatchmaking.
type StartMatchmakingInput struct {
	TicketId          string   `json:"TicketId,omitempty"`
	ConfigurationName string   `json:"ConfigurationName"`
	Players           []Player `json:"Players"`
}

// StartMatchBackfillInput is the wire input of StartMatchBackfill.
type StartMatchBackfillInput struct {
	TicketId          string   `json:"TicketId,omitempty"`
	ConfigurationName string   `json:"ConfigurationName"`
	GameSessionArn    string   `json:"GameSessionArn,omitempty"`
	Players           []Player `json:"Players"`
}

// TicketOutput is the output of StartMatchmaking and StartMatchBackfill.
type TicketOutput struct {
	MatchmakingTicket *MatchmakingTicket `json:"MatchmakingTicket,omitempty"`
}

// DescribeMatchmakingInput is the wire input of DescribeMatchmaking.
type DescribeMatchmakingInput struct {
	TicketIds []string `json:"TicketIds"`
}

// DescribeMatchmakingOutput is the wire output of DescribeMatchmaking.
type DescribeMatchmakingOutput struct {
	TicketList []MatchmakingTicket `json:"TicketList"`
}

// StopMatchmakingInput is the wire input of StopMatchmaking.
type StopMatchmakingInput struct {
	TicketId string `json:"TicketId"`
}

// AcceptMatchInput is the wire input of AcceptMatch.
type AcceptMatchInput struct {
	TicketId       string   `json:"TicketId"`
	PlayerIds      []string `json:"PlayerIds"`
	AcceptanceType string   `json:"AcceptanceType"`
}

func matchmakingOps(t map[string]operation) {
	t["CreateMatchmakingRuleSet"] = op(func(ctx context.Context, s *Server, in *CreateMatchmakingRuleSetInput) (*RuleSetOutput, error) {
		out, err := s.engine.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: in.Name, RuleSetBody: in.RuleSetBody, Tags: tagsToEngine(in.Tags)})
		if err != nil {
			return nil, err
		}
		rs := ruleSetFromEngine(*out.RuleSet)
		return &RuleSetOutput{RuleSet: &rs}, nil
	})
	t["DescribeMatchmakingRuleSets"] = op(func(ctx context.Context, s *Server, in *DescribeMatchmakingRuleSetsInput) (*DescribeMatchmakingRuleSetsOutput, error) {
		out, err := s.engine.DescribeMatchmakingRuleSets(ctx, &engine.DescribeMatchmakingRuleSetsInput{Names: in.Names, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		w := &DescribeMatchmakingRuleSetsOutput{RuleSets: []MatchmakingRuleSet{}, NextToken: out.NextToken}
		for _, r := range out.RuleSets {
			w.RuleSets = append(w.RuleSets, ruleSetFromEngine(r))
		}
		return w, nil
	})
	t["DeleteMatchmakingRuleSet"] = op(func(ctx context.Context, s *Server, in *NameInput) (*Empty, error) {
		_, err := s.engine.DeleteMatchmakingRuleSet(ctx, &engine.DeleteMatchmakingRuleSetInput{Name: in.Name})
		return &Empty{}, err
	})
	t["ValidateMatchmakingRuleSet"] = op(func(ctx context.Context, s *Server, in *ValidateMatchmakingRuleSetInput) (*ValidateMatchmakingRuleSetOutput, error) {
		out, err := s.engine.ValidateMatchmakingRuleSet(ctx, &engine.ValidateMatchmakingRuleSetInput{RuleSetBody: in.RuleSetBody})
		if err != nil {
			return nil, err
		}
		return &ValidateMatchmakingRuleSetOutput{Valid: out.Valid}, nil
	})
	t["CreateMatchmakingConfiguration"] = op(func(ctx context.Context, s *Server, in *CreateMatchmakingConfigurationInput) (*ConfigurationOutput, error) {
		out, err := s.engine.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
			Name: in.Name, Description: in.Description, GameSessionQueueArns: in.GameSessionQueueArns,
			RequestTimeoutSeconds: in.RequestTimeoutSeconds, AcceptanceTimeoutSeconds: in.AcceptanceTimeoutSeconds,
			AcceptanceRequired: in.AcceptanceRequired, RuleSetName: in.RuleSetName,
			NotificationTarget: in.NotificationTarget, AdditionalPlayerCount: in.AdditionalPlayerCount,
			CustomEventData: in.CustomEventData, GameProperties: propsToEngine(in.GameProperties),
			GameSessionData: in.GameSessionData, BackfillMode: in.BackfillMode, FlexMatchMode: in.FlexMatchMode,
			Tags: tagsToEngine(in.Tags),
		})
		if err != nil {
			return nil, err
		}
		c := configFromEngine(*out.Configuration)
		return &ConfigurationOutput{Configuration: &c}, nil
	})
	t["UpdateMatchmakingConfiguration"] = op(func(ctx context.Context, s *Server, in *UpdateMatchmakingConfigurationInput) (*ConfigurationOutput, error) {
		out, err := s.engine.UpdateMatchmakingConfiguration(ctx, &engine.UpdateMatchmakingConfigurationInput{
			Name: in.Name, Description: in.Description, GameSessionQueueArns: in.GameSessionQueueArns,
			RequestTimeoutSeconds: in.RequestTimeoutSeconds, AcceptanceTimeoutSeconds: in.AcceptanceTimeoutSeconds,
			AcceptanceRequired: in.AcceptanceRequired, RuleSetName: in.RuleSetName,
			NotificationTarget: in.NotificationTarget, AdditionalPlayerCount: in.AdditionalPlayerCount,
			CustomEventData: in.CustomEventData, GameProperties: propsToEngine(in.GameProperties),
			GameSessionData: in.GameSessionData, BackfillMode: in.BackfillMode, FlexMatchMode: in.FlexMatchMode,
		})
		if err != nil {
			return nil, err
		}
		c := configFromEngine(*out.Configuration)
		return &ConfigurationOutput{Configuration: &c}, nil
	})
	t["DescribeMatchmakingConfigurations"] = op(func(ctx context.Context, s *Server, in *DescribeMatchmakingConfigurationsInput) (*DescribeMatchmakingConfigurationsOutput, error) {
		out, err := s.engine.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{
			Names: in.Names, RuleSetName: in.RuleSetName, Limit: in.Limit, NextToken: in.NextToken})
		if err != nil {
			return nil, err
		}
		w := &DescribeMatchmakingConfigurationsOutput{Configurations: []MatchmakingConfiguration{}, NextToken: out.NextToken}
		for _, c := range out.Configurations {
			w.Configurations = append(w.Configurations, configFromEngine(c))
		}
		return w, nil
	})
	t["DeleteMatchmakingConfiguration"] = op(func(ctx context.Context, s *Server, in *NameInput) (*Empty, error) {
		_, err := s.engine.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: in.Name})
		return &Empty{}, err
	})
	t["StartMatchmaking"] = op(func(ctx context.Context, s *Server, in *StartMatchmakingInput) (*TicketOutput, error) {
		players, err := playersToTicket(in.Players)
		if err != nil {
			return nil, err
		}
		out, err := s.engine.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: in.TicketId, ConfigurationName: in.ConfigurationName, Players: players})
		if err != nil {
			return nil, err
		}
		// The engine answers with the request's players (no team yet),
		// which are in.Players on the wire: no need to convert them back.
		out.MatchmakingTicket.Players = nil
		w := ticketFromEngine(out.MatchmakingTicket)
		w.Players = in.Players
		return &TicketOutput{MatchmakingTicket: w}, nil
	})
	t["StartMatchBackfill"] = op(func(ctx context.Context, s *Server, in *StartMatchBackfillInput) (*TicketOutput, error) {
		players, err := playersToTicket(in.Players)
		if err != nil {
			return nil, err
		}
		out, err := s.engine.StartMatchBackfill(ctx, &engine.StartMatchBackfillInput{
			TicketId: in.TicketId, ConfigurationName: in.ConfigurationName, GameSessionArn: in.GameSessionArn, Players: players})
		if err != nil {
			return nil, err
		}
		return &TicketOutput{MatchmakingTicket: ticketFromEngine(out.MatchmakingTicket)}, nil
	})
	t["DescribeMatchmaking"] = op(func(ctx context.Context, s *Server, in *DescribeMatchmakingInput) (*DescribeMatchmakingOutput, error) {
		out, err := s.engine.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: in.TicketIds})
		if err != nil {
			return nil, err
		}
		w := &DescribeMatchmakingOutput{TicketList: make([]MatchmakingTicket, len(out.TicketList))}
		for i := range out.TicketList {
			ticketInto(&w.TicketList[i], &out.TicketList[i])
		}
		return w, nil
	})
	t["StopMatchmaking"] = op(func(ctx context.Context, s *Server, in *StopMatchmakingInput) (*Empty, error) {
		_, err := s.engine.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: in.TicketId})
		return &Empty{}, err
	})
	t["AcceptMatch"] = op(func(ctx context.Context, s *Server, in *AcceptMatchInput) (*Empty, error) {
		_, err := s.engine.AcceptMatch(ctx, &engine.AcceptMatchInput{TicketId: in.TicketId, PlayerIds: in.PlayerIds, AcceptanceType: in.AcceptanceType})
		return &Empty{}, err
	})
}
