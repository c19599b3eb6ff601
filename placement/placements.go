package placement

import (
	"context"
	"slices"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// placement is a game session placement of any status.
type placement struct {
	attrs    GameSessionPlacement
	q        *queue
	desired  []DesiredPlayer
	lat      []latEntry // PlayerLatencies with player ordinals
	players  int        // distinct players in lat; 0: no latency data
	override *PriorityConfigurationOverride
	done     func(engine.PlacementResult) // the engine's callback, if it started it

	// Caches, kept until the queue's plan changes (planVer): what the
	// latencies say of each location of the plan, the ranking of an
	// override, and the candidates the latency policy in force (step)
	// allows, best first.
	planVer uint64
	stats   []locStat
	ovr     *ranking
	step    int
	order   []int32
}

// placementState is the Service's bookkeeping of queues and placements.
type placementState struct {
	tick    uint64 // retry rounds so far
	inTick  bool   // retryPlacements is running
	capGen  uint64 // bumped whenever a placement takes a process
	planSeq uint64 // versions of queue plans
	sig     []destSig
	scratch rankScratch
	outbox  outbox
}

// StartGameSessionPlacement queues a request for a new game session. The
// placement starts PENDING and is first tried on the Service's next tick
// (never inside this call), then on every tick, in start order with the
// other pending placements: it goes to the first candidate of its queue
// (see PlacementPlan.Rank; the latency policies relax as it ages) with a
// free server process, and is FULFILLED with the game session's connection
// details and the player sessions of DesiredPlayerSessions. At the first
// tick at or past StartTime + the queue's TimeoutInSeconds it is TIMED_OUT;
// if its queue is deleted, FAILED. A PlacementId is never reusable.
func (s *Service) StartGameSessionPlacement(ctx context.Context, in *StartGameSessionPlacementInput) (*StartGameSessionPlacementOutput, error) {
	if err := checkPlacementInput(in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.startPlacement(in, "", nil)
	if err != nil {
		return nil, err
	}
	out := copyPlacement(p.attrs)
	return &StartGameSessionPlacementOutput{GameSessionPlacement: &out}, nil
}

// startPlacement creates a PENDING placement from a checked input.
func (s *Service) startPlacement(in *StartGameSessionPlacementInput, matchmakerData string, done func(engine.PlacementResult)) (*placement, error) {
	if _, ok := s.placements[in.PlacementId]; ok {
		return nil, invalidf("placement ID %s has already been used", in.PlacementId)
	}
	q, err := s.queueByName(in.GameSessionQueueName)
	if err != nil {
		return nil, err
	}
	if in.PriorityConfigurationOverride != nil {
		pc := q.attrs.PriorityConfiguration
		if pc == nil || !slices.Contains(pc.PriorityOrder, PriorityLocation) {
			return nil, invalidf("PriorityConfigurationOverride needs a queue whose PriorityOrder includes LOCATION; %s does not", q.attrs.Name)
		}
	}
	p := &placement{
		q:       q,
		desired: slices.Clone(in.DesiredPlayerSessions),
		done:    done,
		attrs: GameSessionPlacement{
			PlacementId:               in.PlacementId,
			GameSessionQueueName:      q.attrs.Name,
			Status:                    PlacementPending,
			GameProperties:            slices.Clone(in.GameProperties),
			MaximumPlayerSessionCount: in.MaximumPlayerSessionCount,
			GameSessionName:           in.GameSessionName,
			PlayerLatencies:           slices.Clone(in.PlayerLatencies),
			StartTime:                 s.clock.Now(),
			GameSessionData:           in.GameSessionData,
			MatchmakerData:            matchmakerData,
		},
	}
	if o := in.PriorityConfigurationOverride; o != nil {
		p.override = &PriorityConfigurationOverride{LocationOrder: slices.Clone(o.LocationOrder), PlacementFallbackStrategy: o.PlacementFallbackStrategy}
		if p.override.PlacementFallbackStrategy == "" {
			p.override.PlacementFallbackStrategy = FallbackDefaultAfterSinglePass
		}
		p.attrs.PriorityConfigurationOverride = p.override
	}
	var ids []string
	p.lat, ids = latencyEntries(in.PlayerLatencies, nil, nil)
	p.players = len(ids)
	s.placements[p.attrs.PlacementId] = p
	s.pending = append(s.pending, p)
	return p, nil
}

// DescribeGameSessionPlacement returns a placement of any status, or a
// NotFoundException.
func (s *Service) DescribeGameSessionPlacement(ctx context.Context, in *DescribeGameSessionPlacementInput) (*DescribeGameSessionPlacementOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.placements[in.PlacementId]
	if !ok {
		return nil, &engine.Error{Code: engine.CodeNotFound, Message: "game session placement " + in.PlacementId + " not found"}
	}
	out := copyPlacement(p.attrs)
	return &DescribeGameSessionPlacementOutput{GameSessionPlacement: &out}, nil
}

// StopGameSessionPlacement cancels a PENDING placement; any other status is
// an InvalidRequestException. It returns the placement, CANCELLED.
func (s *Service) StopGameSessionPlacement(ctx context.Context, in *StopGameSessionPlacementInput) (*StopGameSessionPlacementOutput, error) {
	s.mu.Lock()
	p, ok := s.placements[in.PlacementId]
	if !ok {
		s.mu.Unlock()
		return nil, &engine.Error{Code: engine.CodeNotFound, Message: "game session placement " + in.PlacementId + " not found"}
	}
	if p.attrs.Status != PlacementPending {
		s.mu.Unlock()
		return nil, invalidf("game session placement %s is %s; only a PENDING placement can be stopped", in.PlacementId, p.attrs.Status)
	}
	s.finish(p, PlacementCancelled, s.clock.Now(), "")
	if i := slices.Index(s.pending, p); i >= 0 {
		s.pending = slices.Delete(s.pending, i, i+1)
	}
	out := copyPlacement(p.attrs)
	s.mu.Unlock()
	s.flush()
	return &StopGameSessionPlacementOutput{GameSessionPlacement: &out}, nil
}

// retryPlacements tries every PENDING placement in start order, and times
// out those past their queue's timeout. Engine notifications and events
// go to the outbox, which the caller flushes once the lock is released.
func (s *Service) retryPlacements(now time.Time) {
	st := &s.place
	st.tick++
	st.inTick = true
	defer func() { st.inTick = false }()
	kept := s.pending[:0]
	for _, p := range s.pending {
		if p.attrs.Status == PlacementPending {
			s.try(p, now)
		}
		if p.attrs.Status == PlacementPending {
			kept = append(kept, p)
		}
	}
	clear(s.pending[len(kept):])
	s.pending = kept
}

// try places p on the first of its candidates with a free process, unless
// its queue is gone (FAILED) or its time is up (TIMED_OUT).
func (s *Service) try(p *placement, now time.Time) {
	q := p.q
	if q.deleted {
		s.finish(p, PlacementFailed, now, "The game session queue was deleted.")
		return
	}
	age := now.Sub(p.attrs.StartTime)
	if age >= q.timeout() {
		s.finish(p, PlacementTimedOut, now, "")
		return
	}
	pl := s.queuePlan(q)
	if !s.anyFree(pl) {
		return
	}
	step := -1
	if p.players > 0 {
		step = stepAt(q.steps, age)
	}
	if p.planVer != pl.ver || p.step != step {
		s.prepare(p, pl, step)
	}
	for _, i := range p.order {
		if c := &pl.cands[i]; c.l.available(c.f) > 0 {
			s.fulfill(p, c, now)
			return
		}
	}
}

// anyFree reports whether any candidate of pl has a free process. It is
// computed once per tick, and again after a placement takes a process.
func (s *Service) anyFree(pl *plan) bool {
	st := &s.place
	if pl.freeTick == st.tick && pl.freeGen == st.capGen {
		return pl.free
	}
	pl.freeTick, pl.freeGen, pl.free = st.tick, st.capGen, false
	for i := range pl.cands {
		if c := &pl.cands[i]; c.l.available(c.f) > 0 {
			pl.free = true
			break
		}
	}
	return pl.free
}

// prepare orders the candidates of plan pl p may use under latency policy
// step (-1: none).
func (s *Service) prepare(p *placement, pl *plan, step int) {
	sc := &s.place.scratch
	if p.planVer != pl.ver {
		p.planVer, p.ovr, p.stats = pl.ver, nil, p.stats[:0]
		if p.players > 0 {
			p.stats = append(p.stats, sc.aggregate(pl, p.lat, p.players)...)
		}
		if p.override != nil {
			r := pl.overrideRanking(p.override)
			p.ovr = &r
		}
	}
	rk, capMs := &pl.noLat, -1.0
	var stats []locStat
	if p.players > 0 {
		rk, stats = &pl.withLat, p.stats
		if step >= 0 {
			capMs = p.q.steps[step].capMs
		}
	}
	if p.ovr != nil {
		rk = p.ovr
	}
	p.order = sc.order(pl, rk, stats, capMs, p.order[:0])
	p.step = step
}

// fulfill starts p's game session on candidate c and seats its players.
func (s *Service) fulfill(p *placement, c *cand, now time.Time) {
	gs := s.openSession(c.f, c.l, sessionSpec{
		Name:                      p.attrs.GameSessionName,
		MaximumPlayerSessionCount: p.attrs.MaximumPlayerSessionCount,
		GameProperties:            p.attrs.GameProperties,
		GameSessionData:           p.attrs.GameSessionData,
		MatchmakerData:            p.attrs.MatchmakerData,
	}, now)
	s.place.capGen++
	seats, err := s.reserve(gs, p.desired, now)
	if err != nil {
		s.endSession(gs, now)
		s.finish(p, PlacementFailed, now, err.Error())
		return
	}
	a := &p.attrs
	a.GameSessionId = gs.attrs.GameSessionId
	a.GameSessionArn = gs.attrs.GameSessionId
	a.GameSessionRegion = gs.attrs.Location
	a.IpAddress, a.DnsName, a.Port = gs.attrs.IpAddress, gs.attrs.DnsName, gs.attrs.Port
	a.PlacedPlayerSessions = make([]PlacedPlayerSession, len(seats))
	for i, ps := range seats {
		a.PlacedPlayerSessions[i] = PlacedPlayerSession{PlayerId: ps.attrs.PlayerId, PlayerSessionId: ps.attrs.PlayerSessionId}
	}
	s.finish(p, PlacementFulfilled, now, "")
}

// finish ends p with status at now and queues its event and its engine
// callback.
func (s *Service) finish(p *placement, status string, now time.Time, reason string) {
	p.attrs.Status, p.attrs.EndTime = status, now
	p.order, p.stats, p.lat, p.ovr = nil, nil, nil, nil
	s.placementEvent(p, now, reason)
	if p.done != nil {
		res := placementResult(p)
		done := p.done
		s.place.outbox.add(func() { done(res) })
	}
}

func copyPlacement(a GameSessionPlacement) GameSessionPlacement {
	a.GameProperties = slices.Clone(a.GameProperties)
	a.PlayerLatencies = slices.Clone(a.PlayerLatencies)
	a.PlacedPlayerSessions = slices.Clone(a.PlacedPlayerSessions)
	if o := a.PriorityConfigurationOverride; o != nil {
		a.PriorityConfigurationOverride = &PriorityConfigurationOverride{LocationOrder: slices.Clone(o.LocationOrder), PlacementFallbackStrategy: o.PlacementFallbackStrategy}
	}
	return a
}
