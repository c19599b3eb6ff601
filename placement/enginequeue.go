package placement

import (
	"slices"
	"sort"

	"github.com/flexsim/flexsim/engine"
)

// The engine.Placer side of queues: WITH_QUEUE matchmaking places its
// matches through the Service's queues.

// A Service is the engine's Placer.
var _ engine.Placer = (*Service)(nil)

// ResolveQueue returns the ARN of a game session queue given by name or
// ARN, or a NotFoundException.
func (s *Service) ResolveQueue(nameOrArn string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queueByName(nameOrArn)
	if err != nil {
		return "", err
	}
	return q.attrs.GameSessionQueueArn, nil
}

// StartPlacement starts a placement for a match on req.QueueArn, with the
// match ID as PlacementId, the matched players as DesiredPlayerSessions and
// their latencies (every region each reported) as PlayerLatencies. Like any
// placement it is first tried on the next tick. req.Done receives the
// outcome, whatever it is, from the tick (or StopGameSessionPlacement call)
// that ends it, after the Service's lock is released.
func (s *Service) StartPlacement(req engine.PlacementRequest) error {
	in := &StartGameSessionPlacementInput{
		PlacementId:               req.PlacementId,
		GameSessionQueueName:      req.QueueArn,
		MaximumPlayerSessionCount: req.MaximumPlayers,
		GameProperties:            slices.Clone(req.GameProperties),
		GameSessionData:           req.GameSessionData,
	}
	for _, p := range req.Players {
		in.DesiredPlayerSessions = append(in.DesiredPlayerSessions, DesiredPlayer{PlayerId: p.PlayerID})
		regions := make([]string, 0, len(p.LatencyInMs))
		for r := range p.LatencyInMs {
			regions = append(regions, r)
		}
		sort.Strings(regions)
		for _, r := range regions {
			in.PlayerLatencies = append(in.PlayerLatencies, PlayerLatency{
				PlayerId: p.PlayerID, RegionIdentifier: r, LatencyInMilliseconds: float32(p.LatencyInMs[r]),
			})
		}
	}
	if err := checkPlacementInput(in); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.startPlacement(in, req.MatchmakerData, req.Done)
	return err
}

// placementResult is what the engine learns of p's end.
func placementResult(p *placement) engine.PlacementResult {
	res := engine.PlacementResult{PlacementId: p.attrs.PlacementId, Status: p.attrs.Status}
	if p.attrs.Status == PlacementFulfilled {
		c := &engine.GameSessionConnectionInfo{
			GameSessionArn: p.attrs.GameSessionArn,
			IpAddress:      p.attrs.IpAddress,
			DnsName:        p.attrs.DnsName,
			Port:           p.attrs.Port,
		}
		for _, ps := range p.attrs.PlacedPlayerSessions {
			c.MatchedPlayerSessions = append(c.MatchedPlayerSessions, engine.MatchedPlayerSession{PlayerId: ps.PlayerId, PlayerSessionId: ps.PlayerSessionId})
		}
		res.Connection = c
	}
	return res
}
