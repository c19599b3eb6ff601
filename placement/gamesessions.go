package placement

import (
	"context"
	"slices"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// CreateGameSession starts a game session on an available server process
// of a fleet (given by FleetId, or by AliasId through a SIMPLE alias) in
// one of its locations. The session is ACTIVE at once.
//
// Errors: InvalidRequestException for bad fields or a location the fleet
// lacks; NotFoundException for an unknown fleet or alias;
// TerminalRoutingStrategyException for a TERMINAL alias;
// FleetCapacityExceededException when the location has no free process;
// LimitExceededException when CreatorId has used up the fleet's resource
// creation limit; IdempotentParameterMismatchException when the custom ID
// (IdempotencyToken or GameSessionId) is taken in the fleet by a session
// created with other parameters. A repeated request with the same custom
// ID and parameters returns the original session.
func (s *Service) CreateGameSession(ctx context.Context, in *CreateGameSessionInput) (*CreateGameSessionOutput, error) {
	if err := checkNewSession(in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	f, err := s.fleetOrAlias(in.FleetId, in.AliasId)
	if err != nil {
		return nil, err
	}
	l, err := fleetLocationOf(f, in.Location)
	if err != nil {
		return nil, err
	}
	spec := sessionSpec{
		Name:                      in.Name,
		GameSessionId:             or(in.IdempotencyToken, in.GameSessionId),
		MaximumPlayerSessionCount: in.MaximumPlayerSessionCount,
		GameProperties:            in.GameProperties,
		GameSessionData:           in.GameSessionData,
		CreatorId:                 in.CreatorId,
	}
	if gs := s.sessionWithCustomID(f, spec.GameSessionId); gs != nil {
		if gs.attrs.Location != l.location || !sameSpec(gs, spec) {
			return nil, errorf(engine.CodeIdempotentParameterMismatch,
				"a game session with custom ID %s already exists in fleet %s", spec.GameSessionId, f.attrs.FleetId)
		}
		return &CreateGameSessionOutput{GameSession: gs.view()}, nil
	}
	if err := s.checkCreationLimit(f, in.CreatorId, now); err != nil {
		return nil, err
	}
	if l.available(f) == 0 {
		return nil, errorf(engine.CodeFleetCapacityExceeded,
			"fleet %s has no available server process in %s", f.attrs.FleetId, l.location)
	}
	gs := s.openSession(f, l, spec, now)
	return &CreateGameSessionOutput{GameSession: gs.view()}, nil
}

func checkNewSession(in *CreateGameSessionInput) error {
	if err := checkMaxPlayers(in.MaximumPlayerSessionCount); err != nil {
		return err
	}
	for _, c := range []struct {
		field, value string
		max          int
	}{
		{"Name", in.Name, 1024},
		{"CreatorId", in.CreatorId, 1024},
		{"GameSessionData", in.GameSessionData, MaxGameSessionData},
		{"GameSessionId", in.GameSessionId, 48},
		{"IdempotencyToken", in.IdempotencyToken, 48},
	} {
		if err := checkOptional(c.field, c.value, c.max); err != nil {
			return err
		}
	}
	for _, c := range [][2]string{{"GameSessionId", in.GameSessionId}, {"IdempotencyToken", in.IdempotencyToken}} {
		if c[1] != "" && !customIDPat.MatchString(c[1]) {
			return invalidf("%s %q may only hold letters, digits and '-'", c[0], c[1])
		}
	}
	if in.Location != "" {
		if err := checkLocation("Location", in.Location); err != nil {
			return err
		}
	}
	return checkGameProperties(in.GameProperties)
}

// sessionWithCustomID finds the session of f whose ARN ends in the custom
// ID, in any of its locations.
func (s *Service) sessionWithCustomID(f *fleet, id string) *gameSession {
	if id == "" {
		return nil
	}
	for _, l := range f.locations {
		if gs, ok := s.sessions[sessionArn(f, l.location, id)]; ok {
			return gs
		}
	}
	return nil
}

// sameSpec reports whether a repeated CreateGameSession asks for what gs
// was created with.
func sameSpec(gs *gameSession, spec sessionSpec) bool {
	a := gs.attrs
	return a.MaximumPlayerSessionCount == spec.MaximumPlayerSessionCount && a.Name == spec.Name &&
		a.GameSessionData == spec.GameSessionData && a.CreatorId == spec.CreatorId &&
		slices.Equal(a.GameProperties, spec.GameProperties)
}

// checkCreationLimit applies the fleet's resource creation limit policy to
// a creator.
func (s *Service) checkCreationLimit(f *fleet, creator string, now time.Time) error {
	p := f.attrs.ResourceCreationLimitPolicy
	if creator == "" || p == nil || p.NewGameSessionsPerCreator <= 0 || p.PolicyPeriodInMinutes <= 0 {
		return nil
	}
	since := now.Add(-time.Duration(p.PolicyPeriodInMinutes) * time.Minute)
	n := 0
	for _, gs := range s.sessionOrder {
		if gs.fleet == f && gs.attrs.CreatorId == creator && gs.attrs.CreationTime.After(since) {
			n++
		}
	}
	if n >= p.NewGameSessionsPerCreator {
		return errorf(engine.CodeLimitExceeded, "creator %s has created %d game sessions in fleet %s in the last %d minutes, the most its policy allows",
			creator, n, f.attrs.FleetId, p.PolicyPeriodInMinutes)
	}
	return nil
}

// view returns a copy of the session's attributes for an output.
func (gs *gameSession) view() *GameSession {
	a := gs.attrs
	a.GameProperties = slices.Clone(a.GameProperties)
	return &a
}

// sessionByID finds a game session by its ID (ARN), or returns a
// NotFoundException.
func (s *Service) sessionByID(id string) (*gameSession, error) {
	if id == "" {
		return nil, invalidf("GameSessionId is required")
	}
	if gs, ok := s.sessions[id]; ok {
		return gs, nil
	}
	return nil, notFoundf("game session %s not found", id)
}

// selectSessions returns the game sessions a DescribeGameSessions input
// asks for, a page at a time.
func (s *Service) selectSessions(in *DescribeGameSessionsInput) ([]*gameSession, string, error) {
	switch in.StatusFilter {
	case "", GameSessionActive, GameSessionActivating, GameSessionTerminating, GameSessionTerminated:
	default:
		return nil, "", invalidf("StatusFilter must be ACTIVE, ACTIVATING, TERMINATING or TERMINATED, got %q", in.StatusFilter)
	}
	if err := checkLimit(in.Limit); err != nil {
		return nil, "", err
	}
	if in.GameSessionId != "" {
		gs, err := s.sessionByID(in.GameSessionId)
		if err != nil {
			return nil, "", err
		}
		return []*gameSession{gs}, "", nil
	}
	f, err := s.fleetOrAlias(in.FleetId, in.AliasId)
	if err != nil {
		return nil, "", err
	}
	var match []*gameSession
	for _, gs := range s.sessionOrder {
		if gs.fleet == f && (in.Location == "" || gs.attrs.Location == in.Location) &&
			(in.StatusFilter == "" || gs.attrs.Status == in.StatusFilter) {
			match = append(match, gs)
		}
	}
	return paginate(match, in.Limit, in.NextToken)
}

// DescribeGameSessions describes one game session, or the game sessions of
// a fleet in every status, in creation order.
func (s *Service) DescribeGameSessions(ctx context.Context, in *DescribeGameSessionsInput) (*DescribeGameSessionsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	page, next, err := s.selectSessions(in)
	if err != nil {
		return nil, err
	}
	out := &DescribeGameSessionsOutput{GameSessions: []GameSession{}, NextToken: next}
	for _, gs := range page {
		out.GameSessions = append(out.GameSessions, *gs.view())
	}
	return out, nil
}

// DescribeGameSessionDetails is DescribeGameSessions with each session's
// protection policy.
func (s *Service) DescribeGameSessionDetails(ctx context.Context, in *DescribeGameSessionDetailsInput) (*DescribeGameSessionDetailsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	page, next, err := s.selectSessions((*DescribeGameSessionsInput)(in))
	if err != nil {
		return nil, err
	}
	out := &DescribeGameSessionDetailsOutput{GameSessionDetails: []GameSessionDetail{}, NextToken: next}
	for _, gs := range page {
		out.GameSessionDetails = append(out.GameSessionDetails, GameSessionDetail{GameSession: gs.view(), ProtectionPolicy: gs.protection})
	}
	return out, nil
}

// UpdateGameSession changes an ACTIVE (or ACTIVATING) game session:
// InvalidGameSessionStatusException otherwise. Lowering
// MaximumPlayerSessionCount below the players seated removes nobody; the
// session is full until enough leave.
func (s *Service) UpdateGameSession(ctx context.Context, in *UpdateGameSessionInput) (*UpdateGameSessionOutput, error) {
	if err := checkSessionUpdate(in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	gs, err := s.sessionByID(in.GameSessionId)
	if err != nil {
		return nil, err
	}
	if !gs.hosted() {
		return nil, errorf(engine.CodeInvalidGameSessionStatus, "game session %s is %s", gs.attrs.GameSessionId, gs.attrs.Status)
	}
	props := mergeProperties(gs.attrs.GameProperties, in.GameProperties)
	if len(props) > MaxGameProperties {
		return nil, invalidf("the game session would have %d GameProperties; at most %d are allowed", len(props), MaxGameProperties)
	}
	gs.attrs.GameProperties = props
	if in.MaximumPlayerSessionCount != nil {
		gs.attrs.MaximumPlayerSessionCount = *in.MaximumPlayerSessionCount
	}
	if in.Name != nil {
		gs.attrs.Name = *in.Name
	}
	if in.PlayerSessionCreationPolicy != nil {
		gs.attrs.PlayerSessionCreationPolicy = *in.PlayerSessionCreationPolicy
	}
	if in.ProtectionPolicy != nil {
		gs.protection = *in.ProtectionPolicy
	}
	return &UpdateGameSessionOutput{GameSession: gs.view()}, nil
}

func checkSessionUpdate(in *UpdateGameSessionInput) error {
	if in.MaximumPlayerSessionCount != nil {
		if err := checkMaxPlayers(*in.MaximumPlayerSessionCount); err != nil {
			return err
		}
	}
	if in.Name != nil {
		if err := checkLen("Name", *in.Name, 1, 1024); err != nil {
			return err
		}
	}
	if p := in.PlayerSessionCreationPolicy; p != nil && *p != PolicyAcceptAll && *p != PolicyDenyAll {
		return invalidf("PlayerSessionCreationPolicy must be ACCEPT_ALL or DENY_ALL, got %q", *p)
	}
	if p := in.ProtectionPolicy; p != nil && *p != ProtectionNone && *p != ProtectionFull {
		return invalidf("ProtectionPolicy must be NoProtection or FullProtection, got %q", *p)
	}
	return checkGameProperties(in.GameProperties)
}

// mergeProperties returns a new list: old with the values of upd set, and
// upd's new keys appended in order.
func mergeProperties(old, upd []engine.GameProperty) []engine.GameProperty {
	out := slices.Clone(old)
	for _, p := range upd {
		if i := slices.IndexFunc(out, func(q engine.GameProperty) bool { return q.Key == p.Key }); i >= 0 {
			out[i].Value = p.Value
		} else {
			out = append(out, p)
		}
	}
	return out
}
