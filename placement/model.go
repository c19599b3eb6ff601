package placement

import (
	"fmt"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// The internal model every operation shares. Fleets own per-location
// capacity in server processes; each ACTIVE or ACTIVATING game session holds
// one process of its fleet location until it ends.

// fleet is a simulated fleet. Its instances are ACTIVE as soon as it exists.
type fleet struct {
	attrs     FleetAttributes
	locations []*fleetLocation // home location first, then in the order added
	// processesPerInstance is the runtime configuration's total concurrent
	// executions: how many game sessions one instance hosts.
	processesPerInstance int
	// costPerHour is the price of one instance, used by the COST priority.
	costPerHour float64
	// locVer counts the changes of locations, so that queue plans built
	// on the old list are rebuilt (destinations.go).
	locVer uint64
	tags   []engine.Tag // see tags.go
}

// fleetLocation is one location of a fleet and its capacity.
type fleetLocation struct {
	location string
	desired  int // desired (and, simulated, active) instances
	min, max int
	inUse    int // processes hosting an ACTIVE, ACTIVATING or TERMINATING game session
}

// capacity is how many game sessions the location can host at once.
func (l *fleetLocation) capacity(f *fleet) int { return l.desired * f.processesPerInstance }

// available is how many more game sessions the location can host now.
func (l *fleetLocation) available(f *fleet) int { return max(0, l.capacity(f)-l.inUse) }

func (f *fleet) location(name string) *fleetLocation {
	for _, l := range f.locations {
		if l.location == name {
			return l
		}
	}
	return nil
}

// alias points at a fleet (SIMPLE) or at nothing (TERMINAL).
type alias struct {
	attrs Alias
	tags  []engine.Tag // see tags.go
}

// gameSession is a game session with its player sessions.
type gameSession struct {
	attrs   GameSession
	fleet   *fleet
	players []*playerSession // creation order
	// protection is the ProtectionPolicy: NoProtection or FullProtection.
	protection string
	// forgotten is set once the session, TERMINATED, is past its retention
	// (see forgetEnded).
	forgotten bool
}

// hosted reports whether the game session holds a server process.
func (gs *gameSession) hosted() bool {
	return gs.attrs.Status == GameSessionActive || gs.attrs.Status == GameSessionActivating
}

// playerSession is a player's seat in a game session.
type playerSession struct {
	attrs   PlayerSession
	session *gameSession
}

// sessionSpec is what a new game session is made of.
type sessionSpec struct {
	Name                      string
	GameSessionId             string // custom ID part; empty for a generated one
	MaximumPlayerSessionCount int
	GameProperties            []engine.GameProperty
	GameSessionData           string
	MatchmakerData            string
	CreatorId                 string
}

// openSession starts a game session on a process of fleet f at location l,
// which must have one available. The session is ACTIVE at once.
func (s *Service) openSession(f *fleet, l *fleetLocation, spec sessionSpec, now time.Time) *gameSession {
	l.inUse++
	id := spec.GameSessionId
	if id == "" {
		id = "gsess-" + s.newUUID()
	}
	arn := sessionArn(f, l.location, id)
	ip := fmt.Sprintf("10.%d.%d.%d", s.rng.IntN(256), s.rng.IntN(256), 1+s.rng.IntN(254))
	gs := &gameSession{fleet: f, protection: or(f.attrs.NewGameSessionProtectionPolicy, ProtectionNone), attrs: GameSession{
		GameSessionId:               arn,
		Name:                        spec.Name,
		FleetId:                     f.attrs.FleetId,
		FleetArn:                    f.attrs.FleetArn,
		CreationTime:                now,
		MaximumPlayerSessionCount:   spec.MaximumPlayerSessionCount,
		Status:                      GameSessionActive,
		GameProperties:              append([]engine.GameProperty(nil), spec.GameProperties...),
		IpAddress:                   ip,
		DnsName:                     "ec2-" + dashed(ip) + "." + l.location + ".compute.amazonaws.com",
		Port:                        1024 + s.rng.IntN(60000-1024),
		PlayerSessionCreationPolicy: PolicyAcceptAll,
		CreatorId:                   spec.CreatorId,
		GameSessionData:             spec.GameSessionData,
		MatchmakerData:              spec.MatchmakerData,
		Location:                    l.location,
	}}
	s.sessions[arn] = gs
	s.sessionOrder = append(s.sessionOrder, gs)
	return gs
}

// sessionArn is the ID of a game session: its ARN, in the home region of
// its fleet, with the location as an extra path element for a remote
// location (the documented format of GameSession.GameSessionId):
//
//	arn:aws:gamelift:<home region>::gamesession/<fleet ID>/<ID string>
//	arn:aws:gamelift:<home region>::gamesession/<fleet ID>/<location>/<ID string>
func sessionArn(f *fleet, location, id string) string {
	home := f.locations[0].location
	if location == home {
		return "arn:aws:gamelift:" + home + "::gamesession/" + f.attrs.FleetId + "/" + id
	}
	return "arn:aws:gamelift:" + home + "::gamesession/" + f.attrs.FleetId + "/" + location + "/" + id
}

func dashed(ip string) string {
	b := []byte(ip)
	for i, c := range b {
		if c == '.' {
			b[i] = '-'
		}
	}
	return string(b)
}

// reserve creates RESERVED player sessions in gs for players, all or none:
// InvalidGameSessionStatusException unless gs is ACTIVE,
// GameSessionFullException if they do not all fit or the session denies new
// players, InvalidRequestException if a player already has an active seat in
// it.
func (s *Service) reserve(gs *gameSession, players []DesiredPlayer, now time.Time) ([]*playerSession, error) {
	if gs.attrs.Status != GameSessionActive && gs.attrs.Status != GameSessionActivating {
		return nil, &engine.Error{Code: engine.CodeInvalidGameSessionStatus,
			Message: "Game session " + gs.attrs.GameSessionId + " is in status " + gs.attrs.Status + "."}
	}
	if gs.attrs.PlayerSessionCreationPolicy == PolicyDenyAll {
		return nil, &engine.Error{Code: engine.CodeGameSessionFull,
			Message: "Game session " + gs.attrs.GameSessionId + " is not accepting new players."}
	}
	if gs.attrs.CurrentPlayerSessionCount+len(players) > gs.attrs.MaximumPlayerSessionCount {
		return nil, &engine.Error{Code: engine.CodeGameSessionFull,
			Message: "Game session " + gs.attrs.GameSessionId + " is full."}
	}
	for i, p := range players {
		for _, q := range players[:i] {
			if q.PlayerId == p.PlayerId {
				return nil, &engine.Error{Code: engine.CodeInvalidRequest, Message: "Duplicate player ID " + p.PlayerId + "."}
			}
		}
		for _, ps := range gs.players {
			if ps.attrs.PlayerId == p.PlayerId && ps.active() {
				return nil, &engine.Error{Code: engine.CodeInvalidRequest,
					Message: "Player " + p.PlayerId + " already has a player session in this game session."}
			}
		}
	}
	out := make([]*playerSession, 0, len(players))
	for _, p := range players {
		ps := &playerSession{session: gs, attrs: PlayerSession{
			PlayerSessionId: "psess-" + s.newUUID(),
			PlayerId:        p.PlayerId,
			GameSessionId:   gs.attrs.GameSessionId,
			FleetId:         gs.attrs.FleetId,
			FleetArn:        gs.attrs.FleetArn,
			CreationTime:    now,
			Status:          PlayerSessionReserved,
			IpAddress:       gs.attrs.IpAddress,
			DnsName:         gs.attrs.DnsName,
			Port:            gs.attrs.Port,
			PlayerData:      p.PlayerData,
		}}
		gs.players = append(gs.players, ps)
		s.playerSessions[ps.attrs.PlayerSessionId] = ps
		s.reserved = append(s.reserved, ps)
		out = append(out, ps)
	}
	gs.attrs.CurrentPlayerSessionCount += len(players)
	return out, nil
}

// active reports whether the player session holds a seat.
func (ps *playerSession) active() bool {
	return ps.attrs.Status == PlayerSessionReserved || ps.attrs.Status == PlayerSessionActive
}

// endSession terminates gs: its player sessions complete and its process is
// freed.
func (s *Service) endSession(gs *gameSession, now time.Time) {
	if gs.attrs.Status == GameSessionTerminated {
		return
	}
	gs.attrs.Status = GameSessionTerminated
	gs.attrs.TerminationTime = now
	s.ended = append(s.ended, gs)
	for _, ps := range gs.players {
		if ps.active() {
			ps.attrs.Status = PlayerSessionCompleted
			ps.attrs.TerminationTime = now
		}
	}
	gs.attrs.CurrentPlayerSessionCount = 0
	if l := gs.fleet.location(gs.attrs.Location); l != nil {
		l.inUse--
	}
}
