package placement

import (
	"context"
	"slices"
	"strings"

	"github.com/flexsim/flexsim/engine"
)

// Routing strategy types of an alias.
const (
	RoutingSimple   = "SIMPLE"
	RoutingTerminal = "TERMINAL"
)

// CreateAliasInput is the input of CreateAlias.
type CreateAliasInput struct {
	Name            string // need not be unique
	Description     string
	RoutingStrategy *RoutingStrategy
	Tags            []engine.Tag // see TagResource
}

// CreateAliasOutput is the output of CreateAlias.
type CreateAliasOutput struct {
	Alias *Alias
}

// DescribeAliasInput is the input of DescribeAlias.
type DescribeAliasInput struct {
	AliasId string // ID or ARN
}

// DescribeAliasOutput is the output of DescribeAlias.
type DescribeAliasOutput struct {
	Alias *Alias
}

// ResolveAliasInput is the input of ResolveAlias.
type ResolveAliasInput struct {
	AliasId string // ID or ARN
}

// ResolveAliasOutput is the output of ResolveAlias.
type ResolveAliasOutput struct {
	FleetId  string
	FleetArn string
}

// ListAliasesInput is the input of ListAliases: both filters are optional.
type ListAliasesInput struct {
	RoutingStrategyType string // SIMPLE or TERMINAL
	Name                string // exact name
	Limit               int
	NextToken           string
}

// ListAliasesOutput is the output of ListAliases.
type ListAliasesOutput struct {
	Aliases   []Alias
	NextToken string
}

// UpdateAliasInput is the input of UpdateAlias: nil fields are left as
// they are.
type UpdateAliasInput struct {
	AliasId         string
	Name            *string
	Description     *string
	RoutingStrategy *RoutingStrategy
}

// UpdateAliasOutput is the output of UpdateAlias.
type UpdateAliasOutput struct {
	Alias *Alias
}

// DeleteAliasInput is the input of DeleteAlias.
type DeleteAliasInput struct {
	AliasId string
}

// DeleteAliasOutput is the output of DeleteAlias.
type DeleteAliasOutput struct{}

// CreateAlias creates an alias: SIMPLE, pointing at an existing fleet, or
// TERMINAL, carrying a message for clients.
func (s *Service) CreateAlias(ctx context.Context, in *CreateAliasInput) (*CreateAliasOutput, error) {
	if err := checkAliasText(&in.Name, &in.Description); err != nil {
		return nil, err
	}
	if err := engine.CheckTags(in.Tags); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, err := s.checkRouting(in.RoutingStrategy)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	id := "alias-" + s.newUUID()
	a := &alias{attrs: Alias{
		AliasId:         id,
		AliasArn:        s.arn("alias", id),
		Name:            in.Name,
		Description:     in.Description,
		RoutingStrategy: rs,
		CreationTime:    now,
		LastUpdatedTime: now,
	}, tags: newTags(in.Tags)}
	s.aliases[id] = a
	s.aliasOrder = append(s.aliasOrder, a)
	out := a.attrs
	return &CreateAliasOutput{Alias: &out}, nil
}

func checkAliasText(name, description *string) error {
	if name != nil {
		if err := checkLen("Name", *name, 1, 1024); err != nil {
			return err
		}
		if strings.TrimSpace(*name) == "" {
			return invalidf("Name must not be blank")
		}
	}
	if description != nil {
		return checkLen("Description", *description, 0, 1024)
	}
	return nil
}

// checkRouting validates a routing strategy and returns it with the fleet
// given by its ID. The FleetId of a TERMINAL strategy is dropped.
func (s *Service) checkRouting(rs *RoutingStrategy) (RoutingStrategy, error) {
	if rs == nil {
		return RoutingStrategy{}, invalidf("RoutingStrategy is required")
	}
	switch rs.Type {
	case RoutingSimple:
		if rs.FleetId == "" {
			return RoutingStrategy{}, invalidf("RoutingStrategy.FleetId is required for a SIMPLE alias")
		}
		f, ok := s.fleets[resourceID(rs.FleetId)]
		if !ok {
			return RoutingStrategy{}, invalidf("RoutingStrategy.FleetId: fleet %s not found", rs.FleetId)
		}
		return RoutingStrategy{Type: RoutingSimple, FleetId: f.attrs.FleetId, Message: rs.Message}, nil
	case RoutingTerminal:
		return RoutingStrategy{Type: RoutingTerminal, Message: rs.Message}, nil
	}
	return RoutingStrategy{}, invalidf("RoutingStrategy.Type must be SIMPLE or TERMINAL, got %q", rs.Type)
}

// aliasByID finds an alias by ID or ARN, or returns a NotFoundException.
func (s *Service) aliasByID(idOrArn string) (*alias, error) {
	if idOrArn == "" {
		return nil, invalidf("AliasId is required")
	}
	if a, ok := s.aliases[resourceID(idOrArn)]; ok {
		return a, nil
	}
	return nil, notFoundf("alias %s not found", idOrArn)
}

// fleetOf returns the fleet an alias routes to: a
// TerminalRoutingStrategyException with the alias's message for a TERMINAL
// alias, a NotFoundException if its fleet was deleted.
func (s *Service) fleetOf(a *alias) (*fleet, error) {
	rs := a.attrs.RoutingStrategy
	if rs.Type == RoutingTerminal {
		return nil, errorf(engine.CodeTerminalRoutingStrategy, "%s", rs.Message)
	}
	if f, ok := s.fleets[rs.FleetId]; ok {
		return f, nil
	}
	return nil, notFoundf("fleet %s of alias %s not found", rs.FleetId, a.attrs.AliasId)
}

// resolveDestination returns the fleet that a fleet ID or ARN, or an alias
// ID or ARN, stands for. An unknown one is a NotFoundException; a TERMINAL
// alias is a TerminalRoutingStrategyException.
func (s *Service) resolveDestination(arn string) (*fleet, error) {
	id := resourceID(arn)
	if strings.HasPrefix(id, "alias-") || strings.Contains(arn, ":alias/") {
		a, err := s.aliasByID(arn)
		if err != nil {
			return nil, err
		}
		return s.fleetOf(a)
	}
	return s.fleetByID(arn)
}

// fleetOrAlias resolves the FleetId-or-AliasId pair of an input, of which
// exactly one must be given.
func (s *Service) fleetOrAlias(fleetID, aliasID string) (*fleet, error) {
	switch {
	case fleetID != "" && aliasID != "":
		return nil, invalidf("give either FleetId or AliasId, not both")
	case fleetID != "":
		return s.fleetByID(fleetID)
	case aliasID != "":
		a, err := s.aliasByID(aliasID)
		if err != nil {
			return nil, err
		}
		return s.fleetOf(a)
	}
	return nil, invalidf("FleetId or AliasId is required")
}

// DescribeAlias describes an alias.
func (s *Service) DescribeAlias(ctx context.Context, in *DescribeAliasInput) (*DescribeAliasOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.aliasByID(in.AliasId)
	if err != nil {
		return nil, err
	}
	out := a.attrs
	return &DescribeAliasOutput{Alias: &out}, nil
}

// ResolveAlias returns the fleet an alias points at. A TERMINAL alias
// raises TerminalRoutingStrategyException with the alias's message.
func (s *Service) ResolveAlias(ctx context.Context, in *ResolveAliasInput) (*ResolveAliasOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.aliasByID(in.AliasId)
	if err != nil {
		return nil, err
	}
	f, err := s.fleetOf(a)
	if err != nil {
		return nil, err
	}
	return &ResolveAliasOutput{FleetId: f.attrs.FleetId, FleetArn: f.attrs.FleetArn}, nil
}

// ListAliases lists aliases in creation order, optionally only those of a
// routing type or name.
func (s *Service) ListAliases(ctx context.Context, in *ListAliasesInput) (*ListAliasesOutput, error) {
	if t := in.RoutingStrategyType; t != "" && t != RoutingSimple && t != RoutingTerminal {
		return nil, invalidf("RoutingStrategyType must be SIMPLE or TERMINAL, got %q", t)
	}
	if err := checkLimit(in.Limit); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var match []*alias
	for _, a := range s.aliasOrder {
		if (in.RoutingStrategyType == "" || a.attrs.RoutingStrategy.Type == in.RoutingStrategyType) &&
			(in.Name == "" || a.attrs.Name == in.Name) {
			match = append(match, a)
		}
	}
	page, next, err := paginate(match, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ListAliasesOutput{Aliases: []Alias{}, NextToken: next}
	for _, a := range page {
		out.Aliases = append(out.Aliases, a.attrs)
	}
	return out, nil
}

// UpdateAlias changes an alias's name, description or routing strategy.
func (s *Service) UpdateAlias(ctx context.Context, in *UpdateAliasInput) (*UpdateAliasOutput, error) {
	if err := checkAliasText(in.Name, in.Description); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.aliasByID(in.AliasId)
	if err != nil {
		return nil, err
	}
	attrs := a.attrs
	if in.RoutingStrategy != nil {
		if attrs.RoutingStrategy, err = s.checkRouting(in.RoutingStrategy); err != nil {
			return nil, err
		}
	}
	if in.Name != nil {
		attrs.Name = *in.Name
	}
	if in.Description != nil {
		attrs.Description = *in.Description
	}
	attrs.LastUpdatedTime = s.clock.Now()
	a.attrs = attrs
	return &UpdateAliasOutput{Alias: &attrs}, nil
}

// DeleteAlias deletes an alias.
func (s *Service) DeleteAlias(ctx context.Context, in *DeleteAliasInput) (*DeleteAliasOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.aliasByID(in.AliasId)
	if err != nil {
		return nil, err
	}
	delete(s.aliases, a.attrs.AliasId)
	s.aliasOrder = slices.DeleteFunc(s.aliasOrder, func(b *alias) bool { return b == a })
	return &DeleteAliasOutput{}, nil
}
