package placement

import "github.com/flexsim/flexsim/engine"

// The engine.Placer methods that backfill uses. Like every Placer method
// they run under the engine's lock and never call back into the engine.

// GameSession describes a game session for the engine's StartMatchBackfill,
// or returns a NotFoundException.
func (s *Service) GameSession(arn string) (engine.BackfillSession, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	gs, err := s.sessionByID(arn)
	if err != nil {
		return engine.BackfillSession{}, err
	}
	return engine.BackfillSession{
		GameSessionArn:            gs.attrs.GameSessionId,
		Status:                    gs.attrs.Status,
		MaximumPlayerSessionCount: gs.attrs.MaximumPlayerSessionCount,
		MatchmakerData:            gs.attrs.MatchmakerData,
		Location:                  gs.attrs.Location,
	}, nil
}

// JoinGameSession seats the new players of a backfill match in a game
// session: it reserves a player session for each, all or none, and then
// replaces the session's MatchmakerData. It returns the session's
// connection information with the new players' player sessions. Errors:
// NotFoundException, InvalidGameSessionStatusException,
// GameSessionFullException, InvalidRequestException (a player already
// seated).
func (s *Service) JoinGameSession(req engine.JoinRequest) (*engine.GameSessionConnectionInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	gs, err := s.sessionByID(req.GameSessionArn)
	if err != nil {
		return nil, err
	}
	players := make([]DesiredPlayer, len(req.Players))
	for i, p := range req.Players {
		players[i] = DesiredPlayer{PlayerId: p.PlayerID}
	}
	seats, err := s.reserve(gs, players, now)
	if err != nil {
		return nil, err
	}
	gs.attrs.MatchmakerData = req.MatchmakerData
	info := &engine.GameSessionConnectionInfo{
		GameSessionArn:        gs.attrs.GameSessionId,
		IpAddress:             gs.attrs.IpAddress,
		DnsName:               gs.attrs.DnsName,
		Port:                  gs.attrs.Port,
		MatchedPlayerSessions: make([]engine.MatchedPlayerSession, len(seats)),
	}
	for i, ps := range seats {
		info.MatchedPlayerSessions[i] = engine.MatchedPlayerSession{PlayerId: ps.attrs.PlayerId, PlayerSessionId: ps.attrs.PlayerSessionId}
	}
	return info, nil
}
