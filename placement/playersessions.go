package placement

import (
	"context"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// CreatePlayerSessionInput is the input of CreatePlayerSession.
type CreatePlayerSessionInput struct {
	GameSessionId string
	PlayerId      string
	PlayerData    string
}

// CreatePlayerSessionOutput is the output of CreatePlayerSession.
type CreatePlayerSessionOutput struct {
	PlayerSession *PlayerSession
}

// CreatePlayerSessionsInput is the input of CreatePlayerSessions. Entries
// of PlayerDataMap for players not in PlayerIds are ignored.
type CreatePlayerSessionsInput struct {
	GameSessionId string
	PlayerIds     []string // 1 to 25
	PlayerDataMap map[string]string
}

// CreatePlayerSessionsOutput is the output of CreatePlayerSessions.
type CreatePlayerSessionsOutput struct {
	PlayerSessions []PlayerSession
}

// DescribePlayerSessionsInput is the input of DescribePlayerSessions: give
// exactly one of PlayerSessionId, GameSessionId and PlayerId. As on AWS,
// the status filter only applies to a GameSessionId request, and Limit and
// NextToken are ignored for a PlayerSessionId request.
type DescribePlayerSessionsInput struct {
	PlayerSessionId           string
	GameSessionId             string
	PlayerId                  string
	PlayerSessionStatusFilter string // RESERVED, ACTIVE, COMPLETED or TIMEDOUT
	Limit                     int
	NextToken                 string
}

// DescribePlayerSessionsOutput is the output of DescribePlayerSessions.
type DescribePlayerSessionsOutput struct {
	PlayerSessions []PlayerSession
	NextToken      string
}

// at returns the time now, after timing out the reservations due by then,
// so that every operation sees seats as the tick would leave them. Call it
// with s.mu held.
func (s *Service) at() time.Time {
	now := s.clock.Now()
	if s.expirePlayerSessions(now) > 0 {
		s.timedOutOffTick = true
	}
	return now
}

// expirePlayerSessions times out RESERVED player sessions reserved
// ReservedTimeout or longer before now: they go TIMEDOUT and free their
// seat, and it returns how many. Each ends at CreationTime +
// ReservedTimeout, whichever tick or call notices it (the reads among them
// are not journaled: a replay notices it later). s.reserved is in
// reservation order, so the work stops at the first reservation still
// waiting; sessions at its head that left RESERVED in another way
// (connected, left, session ended) are dropped on the way.
func (s *Service) expirePlayerSessions(now time.Time) int {
	n, timedOut := 0, 0
	for ; n < len(s.reserved); n++ {
		ps := s.reserved[n]
		if ps.attrs.Status == PlayerSessionReserved {
			if now.Sub(ps.attrs.CreationTime) < ReservedTimeout {
				break
			}
			ps.attrs.Status = PlayerSessionTimedOut
			ps.attrs.TerminationTime = ps.attrs.CreationTime.Add(ReservedTimeout)
			ps.session.attrs.CurrentPlayerSessionCount--
			timedOut++
		}
		s.reserved[n] = nil
	}
	s.reserved = s.reserved[n:]
	if len(s.reserved) == 0 {
		s.reserved = nil
	}
	return timedOut
}

func checkPlayer(id, data string) error {
	if err := checkLen("PlayerId", id, 1, 1024); err != nil {
		return err
	}
	return checkOptional("PlayerData", data, MaxPlayerData)
}

// CreatePlayerSession reserves a seat for a player in an ACTIVE game
// session that accepts players. The player session is RESERVED until the
// player connects (PlayerConnected), and times out after ReservedTimeout.
// Errors: NotFoundException, InvalidGameSessionStatusException,
// GameSessionFullException (also when the session's policy is DENY_ALL),
// InvalidRequestException (bad fields, or the player already holds a seat
// in the session).
func (s *Service) CreatePlayerSession(ctx context.Context, in *CreatePlayerSessionInput) (*CreatePlayerSessionOutput, error) {
	if err := checkPlayer(in.PlayerId, in.PlayerData); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	gs, err := s.sessionByID(in.GameSessionId)
	if err != nil {
		return nil, err
	}
	ps, err := s.reserve(gs, []DesiredPlayer{{PlayerId: in.PlayerId, PlayerData: in.PlayerData}}, now)
	if err != nil {
		return nil, err
	}
	out := ps[0].attrs
	return &CreatePlayerSessionOutput{PlayerSession: &out}, nil
}

// CreatePlayerSessions reserves seats for 1 to 25 players, all or none,
// with the errors of CreatePlayerSession.
func (s *Service) CreatePlayerSessions(ctx context.Context, in *CreatePlayerSessionsInput) (*CreatePlayerSessionsOutput, error) {
	if n := len(in.PlayerIds); n < 1 || n > MaxPlayerIdsPerRequest {
		return nil, invalidf("PlayerIds must hold 1 to %d player IDs, got %d", MaxPlayerIdsPerRequest, n)
	}
	players := make([]DesiredPlayer, len(in.PlayerIds))
	for i, id := range in.PlayerIds {
		players[i] = DesiredPlayer{PlayerId: id, PlayerData: in.PlayerDataMap[id]}
		if err := checkPlayer(id, players[i].PlayerData); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	gs, err := s.sessionByID(in.GameSessionId)
	if err != nil {
		return nil, err
	}
	ps, err := s.reserve(gs, players, now)
	if err != nil {
		return nil, err
	}
	out := &CreatePlayerSessionsOutput{PlayerSessions: make([]PlayerSession, len(ps))}
	for i, p := range ps {
		out.PlayerSessions[i] = p.attrs
	}
	return out, nil
}

// DescribePlayerSessions describes a player session, the player sessions
// of a game session, or those of a player, in creation order.
func (s *Service) DescribePlayerSessions(ctx context.Context, in *DescribePlayerSessionsInput) (*DescribePlayerSessionsOutput, error) {
	given := 0
	for _, v := range []string{in.PlayerSessionId, in.GameSessionId, in.PlayerId} {
		if v != "" {
			given++
		}
	}
	if given != 1 {
		return nil, invalidf("give exactly one of PlayerSessionId, GameSessionId and PlayerId")
	}
	switch in.PlayerSessionStatusFilter {
	case "", PlayerSessionReserved, PlayerSessionActive, PlayerSessionCompleted, PlayerSessionTimedOut:
	default:
		return nil, invalidf("PlayerSessionStatusFilter must be RESERVED, ACTIVE, COMPLETED or TIMEDOUT, got %q", in.PlayerSessionStatusFilter)
	}
	if err := checkLimit(in.Limit); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	var match []*playerSession
	switch {
	case in.PlayerSessionId != "":
		ps, err := s.playerSessionByID(in.PlayerSessionId)
		if err != nil {
			return nil, err
		}
		return &DescribePlayerSessionsOutput{PlayerSessions: []PlayerSession{ps.attrs}}, nil
	case in.GameSessionId != "":
		gs, err := s.sessionByID(in.GameSessionId)
		if err != nil {
			return nil, err
		}
		for _, ps := range gs.players {
			if in.PlayerSessionStatusFilter == "" || ps.attrs.Status == in.PlayerSessionStatusFilter {
				match = append(match, ps)
			}
		}
	default:
		for _, gs := range s.sessionOrder {
			for _, ps := range gs.players {
				if ps.attrs.PlayerId == in.PlayerId {
					match = append(match, ps)
				}
			}
		}
	}
	page, next, err := paginate(match, in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribePlayerSessionsOutput{PlayerSessions: make([]PlayerSession, len(page)), NextToken: next}
	for i, ps := range page {
		out.PlayerSessions[i] = ps.attrs
	}
	return out, nil
}

func (s *Service) playerSessionByID(id string) (*playerSession, error) {
	if ps, ok := s.playerSessions[id]; ok {
		return ps, nil
	}
	return nil, notFoundf("player session %s not found", id)
}

// PlayerConnected tells the Service, as a game server would through the
// server SDK's AcceptPlayerSession, that the player of a RESERVED player
// session has connected: it goes ACTIVE. A player session in any other
// status is an InvalidRequestException, as AcceptPlayerSession fails for
// it. It is a flexsim extension, not a GameLift operation.
func (s *Service) PlayerConnected(playerSessionId string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	ps, err := s.playerSessionByID(playerSessionId)
	if err != nil {
		return err
	}
	if ps.attrs.Status != PlayerSessionReserved {
		return invalidf("player session %s is %s, not RESERVED", playerSessionId, ps.attrs.Status)
	}
	ps.attrs.Status = PlayerSessionActive
	return nil
}

// PlayerLeft tells the Service, as a game server would through the server
// SDK's RemovePlayerSession, that a player has left (or will not come): a
// RESERVED or ACTIVE player session goes COMPLETED and frees its seat. A
// player session in any other status is an InvalidRequestException. It is
// a flexsim extension, not a GameLift operation.
func (s *Service) PlayerLeft(playerSessionId string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	ps, err := s.playerSessionByID(playerSessionId)
	if err != nil {
		return err
	}
	if !ps.active() {
		return invalidf("player session %s is %s, not RESERVED or ACTIVE", playerSessionId, ps.attrs.Status)
	}
	ps.attrs.Status = PlayerSessionCompleted
	ps.attrs.TerminationTime = now
	ps.session.attrs.CurrentPlayerSessionCount--
	return nil
}

// EndGameSession tells the Service, as a game server would by calling the
// server SDK's ProcessEnding, that a game session is over: it goes
// TERMINATED, its player sessions COMPLETED, and its server process hosts
// a new session from then on. A session TERMINATING after
// TerminateGameSession ends at once (the game server's ProcessEnding
// concluding the shutdown). Ending a session that is not ACTIVE,
// ACTIVATING or TERMINATING is an InvalidGameSessionStatusException. It is
// a flexsim extension, not a GameLift operation.
func (s *Service) EndGameSession(gameSessionId string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	gs, err := s.sessionByID(gameSessionId)
	if err != nil {
		return err
	}
	if !gs.hosted() && gs.attrs.Status != GameSessionTerminating {
		return errorf(engine.CodeInvalidGameSessionStatus, "game session %s is %s", gameSessionId, gs.attrs.Status)
	}
	s.endSession(gs, now)
	return nil
}
