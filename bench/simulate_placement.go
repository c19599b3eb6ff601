package bench

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// streamSessions seeds the game session durations of a WITH_QUEUE run.
const streamSessions = 0x73657373696f6e // session

// newHosting creates the placement service of a WITH_QUEUE run, on the
// run's clock, with its fleets and queue. It is created before the engine,
// so that at each tick the hosting tries its pending placements first.
func (s *sim) newHosting(seed uint64) (*placement.Service, error) {
	p := s.w.Placement
	s.hosting = placement.New(
		placement.WithClock(s.clock),
		placement.WithSeed(seed),
		placement.WithTickInterval(s.w.Engine.TickInterval),
		placement.WithEventHandler(s.placementEvent),
		// ended game sessions are never described: forget them at once, so
		// that memory stays flat however long the run (as tickets, with
		// engine.WithTicketRetention(0))
		placement.WithGameSessionRetention(0),
	)
	s.sessions = rand.New(rand.NewPCG(seed, streamSessions))
	in := &placement.CreateGameSessionQueueInput{Name: simName, TimeoutInSeconds: int(p.Queue.Timeout / time.Second)}
	for _, f := range p.Fleets {
		attrs, err := s.hosting.AddFleet(placement.FleetSpec{
			Name:                 f.Name,
			InstanceType:         f.InstanceType,
			Locations:            f.Locations,
			ProcessesPerInstance: f.ProcessesPerInstance,
			CostPerHour:          f.CostPerHour,
		})
		if err != nil {
			return nil, fmt.Errorf("fleet %s: %w", f.Name, err)
		}
		in.Destinations = append(in.Destinations, placement.GameSessionQueueDestination{DestinationArn: attrs.FleetArn})
	}
	for _, lp := range p.Queue.LatencyPolicies {
		pol := placement.PlayerLatencyPolicy{MaximumIndividualPlayerLatencyMilliseconds: lp.MaxLatency}
		if lp.Duration > 0 {
			secs := int(lp.Duration / time.Second)
			pol.PolicyDurationSeconds = &secs
		}
		in.PlayerLatencyPolicies = append(in.PlayerLatencyPolicies, pol)
	}
	if len(p.Queue.AllowedLocations) > 0 {
		in.FilterConfiguration = &placement.FilterConfiguration{AllowedLocations: p.Queue.AllowedLocations}
	}
	if len(p.Queue.PriorityOrder) > 0 || len(p.Queue.LocationOrder) > 0 {
		in.PriorityConfiguration = &placement.PriorityConfiguration{PriorityOrder: p.Queue.PriorityOrder, LocationOrder: p.Queue.LocationOrder}
	}
	if _, err := s.hosting.CreateGameSessionQueue(s.ctx, in); err != nil {
		return nil, fmt.Errorf("creating the game session queue: %w", err)
	}
	return s.hosting, nil
}

// placementEvent counts the queue's placement outcomes.
func (s *sim) placementEvent(ev placement.Event) {
	c := s.stats
	switch ev.Detail.Type {
	case placement.EventPlacementFulfilled:
		c.placementsFulfilled++
		c.sessionLocations[ev.Detail.GameSessionRegion]++
	case placement.EventPlacementTimedOut:
		c.placementsTimedOut++
	case placement.EventPlacementFailed:
		c.placementsFailed++
	case placement.EventPlacementCancelled:
		c.placementsCancelled++
	}
}

// sessionLocation is where a game session runs, from its ARN:
// arn:aws:gamelift:<home>::gamesession/<fleet>[/<location>]/<id>.
func sessionLocation(arn string) string {
	home := arnRegion(arn)
	_, path, _ := strings.Cut(arn, "::gamesession/")
	if parts := strings.Split(path, "/"); len(parts) == 3 {
		return parts[1]
	}
	return home
}

// sessionPlaced schedules the end of a placed match's game session.
func (s *sim) sessionPlaced(arn string, now int64) {
	secs := max(s.w.Placement.SessionDuration.Sample(s.sessions, s.stats.placementsFulfilled), 1)
	s.actions.push(action{at: now + int64(secs*1000), kind: actEndSession, matchID: arn})
}

// endSession ends a game, freeing its server process.
func (s *sim) endSession(arn string) error {
	err := s.hosting.EndGameSession(arn)
	if err != nil && !errors.Is(err, &engine.Error{Code: engine.CodeInvalidGameSessionStatus}) {
		return fmt.Errorf("ending game session %s: %w", arn, err)
	}
	s.stats.sessionsEnded++
	return nil
}
