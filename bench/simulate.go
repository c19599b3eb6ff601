package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// Run is one simulation: a rule set and a workload.
type Run struct {
	// Label names the run in reports. Default: the workload's name.
	Label string
	// RuleSetFile names the rule set in errors and reports.
	RuleSetFile string
	// RuleSet is the rule-set body.
	RuleSet []byte
	// Workload gives the players, their behaviour and the configuration
	// (nil: NewWorkload()).
	Workload *Workload
	// Trace, if not nil, receives every ticket's timeline in TraceFormat.
	Trace       io.Writer
	TraceFormat TraceFormat
}

// Options are the settings every run of a Simulate or Compare call shares.
type Options struct {
	// Duration is the simulated time. Default: the workload's.
	Duration time.Duration
	// Seed seeds the player stream and the engine's random choices.
	Seed uint64
	// Progress, if not nil, is called after every tick with the run's
	// index (0 for Simulate) and how much of the simulated time is done.
	// In Compare it is called from the runs' goroutines, one at a time.
	Progress func(run int, done, total time.Duration)
}

// Simulate runs one simulation in virtual time: it creates an engine on a
// VirtualClock seeded with opt.Seed, stores the rule set and a
// matchmaking configuration from the workload, sends it the workload's
// player stream (NewStream), answers proposed matches and cancels tickets
// as the workload's players would, and measures what happens through the
// engine's events. The same run and options always give the same report.
func Simulate(ctx context.Context, run Run, opt Options) (*Report, error) {
	var mu sync.Mutex
	return simulate(ctx, run, opt, 0, &mu)
}

// Compare runs several simulations with the same options, at most
// GOMAXPROCS at a time, and returns their reports in the order of runs.
// Runs whose workloads have the same arrivals, players, regions,
// acceptance and cancel sections see the identical player stream.
func Compare(ctx context.Context, runs []Run, opt Options) ([]*Report, error) {
	reports := make([]*Report, len(runs))
	errs := make([]error, len(runs))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	var progressMu sync.Mutex
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			reports[i], errs[i] = simulate(ctx, runs[i], opt, i, &progressMu)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", runLabel(runs[i]), err)
		}
	}
	return reports, nil
}

func runLabel(r Run) string {
	switch {
	case r.Label != "":
		return r.Label
	case r.Workload != nil && r.Workload.Name != "":
		return r.Workload.Name
	}
	return r.RuleSetFile
}

// sim is one running simulation.
type sim struct {
	ctx    context.Context
	run    Run
	w      *Workload
	rs     *ruleset.RuleSet
	e      *engine.Engine
	clock  *engine.VirtualClock
	stream *Stream
	end    int64 // ms
	total  time.Duration

	live    map[string]*simTicket
	status  [len(statusOrder)]int
	actions actionHeap
	answers int
	quality string
	stats   *collector
	// hosting places WITH_QUEUE matches; sessions draws game lengths.
	hosting  *placement.Service
	sessions *rand.Rand
	trace    *traceWriter

	index      int
	progress   func(run int, done, total time.Duration)
	progressMu *sync.Mutex
	err        error
}

// simTicket is the simulator's record of a live ticket.
type simTicket struct {
	id        string
	index     int
	start     int64 // ms since the start
	players   []ticket.Player
	status    ticket.Status
	matchID   string
	matchedAt int64
	placingAt int64
	pcg       rand.PCG
	rng       *rand.Rand
	done      bool
	steps     []traceStep
}

func simulate(ctx context.Context, run Run, opt Options, index int, progressMu *sync.Mutex) (*Report, error) {
	s, err := newSim(ctx, run, opt, index, progressMu)
	if err != nil {
		return nil, err
	}
	defer s.close()
	if err := s.loop(); err != nil {
		return nil, err
	}
	return s.report(opt.Seed), nil
}

func newSim(ctx context.Context, run Run, opt Options, index int, progressMu *sync.Mutex) (*sim, error) {
	w := run.Workload
	if w == nil {
		w = NewWorkload()
	}
	total := opt.Duration
	if total <= 0 {
		total = w.Duration
	}
	if total <= 0 || total > MaxDuration {
		return nil, fmt.Errorf("the duration must be between 1s and %v, got %v", MaxDuration, total)
	}
	rs, err := parseRuleSet(run.RuleSetFile, run.RuleSet, w.Matchmaking.RequestTimeout)
	if err != nil {
		return nil, err
	}
	if err := w.Check(rs); err != nil {
		return nil, err
	}
	s := &sim{
		ctx: ctx, run: run, w: w, rs: rs,
		end:        total.Milliseconds(),
		total:      total,
		live:       map[string]*simTicket{},
		quality:    w.QualityAttributeFor(rs),
		index:      index,
		progress:   opt.Progress,
		progressMu: progressMu,
	}
	s.stats = newCollector(rs, w, total)
	if run.Trace != nil {
		s.trace = newTraceWriter(run.Trace, run.TraceFormat)
	}
	s.stream = NewStream(w, opt.Seed, total)
	s.clock = engine.NewVirtualClock(Epoch)
	var placer []engine.Option
	if w.Matchmaking.Mode == engine.ModeWithQueue {
		hosting, err := s.newHosting(opt.Seed)
		if err != nil {
			if s.hosting != nil {
				s.hosting.Close()
			}
			return nil, err
		}
		placer = append(placer, engine.WithPlacer(hosting))
	}
	s.e = engine.New(append([]engine.Option{
		engine.WithClock(s.clock),
		engine.WithSeed(opt.Seed),
		engine.WithEventLogSize(0),
		engine.WithEventHandler(s.handle),
		engine.WithTicketRetention(0),
		engine.WithTickInterval(w.Engine.TickInterval),
		engine.WithSearchBudget(w.Engine.SearchBudget),
		engine.WithMaxBatchSize(w.Engine.MaxBatchSize),
		engine.WithPartialMatchDelay(w.Engine.PartialMatchDelay),
	}, placer...)...)
	// Registered after the engine's, so it runs after each engine tick.
	s.clock.Every(w.Engine.TickInterval, s.sample)
	if err := s.configure(); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// close stops the engine and the hosting.
func (s *sim) close() {
	s.e.Close()
	if s.hosting != nil {
		s.hosting.Close()
	}
}

// parseRuleSet validates and compiles a rule set, reporting its errors
// (warnings are left to `flexsim validate`).
func parseRuleSet(file string, body []byte, timeout time.Duration) (*ruleset.RuleSet, error) {
	rs, findings := ruleset.Config{Filename: file, RequestTimeout: timeout}.Parse(body)
	if rs != nil {
		return rs, nil
	}
	var msgs []string
	for _, f := range findings {
		if f.Severity == ruleset.SeverityError {
			msgs = append(msgs, f.Error())
		}
	}
	return nil, fmt.Errorf("invalid rule set:\n%s", strings.Join(msgs, "\n"))
}

// Names the simulation gives the rule set and configuration it creates.
const simName = "simulation"

func (s *sim) configure() error {
	if _, err := s.e.CreateMatchmakingRuleSet(s.ctx, &engine.CreateMatchmakingRuleSetInput{Name: simName, RuleSetBody: string(s.run.RuleSet)}); err != nil {
		return fmt.Errorf("creating the rule set: %w", err)
	}
	m := s.w.Matchmaking
	in := &engine.CreateMatchmakingConfigurationInput{
		Name:                  simName,
		RuleSetName:           simName,
		RequestTimeoutSeconds: int(m.RequestTimeout / time.Second),
		AcceptanceRequired:    m.AcceptanceRequired,
		AdditionalPlayerCount: m.AdditionalPlayerCount,
		FlexMatchMode:         m.Mode,
	}
	if m.AcceptanceRequired {
		in.AcceptanceTimeoutSeconds = int(m.AcceptanceTimeout / time.Second)
	}
	if s.hosting != nil {
		in.GameSessionQueueArns = []string{simName}
	}
	if _, err := s.e.CreateMatchmakingConfiguration(s.ctx, in); err != nil {
		return fmt.Errorf("creating the matchmaking configuration: %w", err)
	}
	return nil
}

// loop runs the simulation: each arrival and each player action at its
// time, the clock moved to it first so that every tick due runs before.
func (s *sim) loop() error {
	next, more := s.stream.Next()
	for s.err == nil {
		at := s.end
		if more {
			at = next.At.Milliseconds()
		}
		if a, ok := s.actions.next(); ok && a.at <= at && a.at < s.end {
			a := s.actions.pop()
			if !s.advance(time.Duration(a.at) * time.Millisecond) {
				break
			}
			if err := s.act(a); err != nil {
				s.err = err
			}
			continue
		}
		if at >= s.end {
			break
		}
		if !s.advance(next.At) {
			break
		}
		if err := s.arrive(next); err != nil {
			s.err = err
		}
		next, more = s.stream.Next()
	}
	s.advance(s.total)
	if s.err == nil && s.trace != nil {
		if err := s.flushTrace(); err != nil {
			s.err = err
		}
	}
	return s.err
}

// arrive starts a ticket.
func (s *sim) arrive(a Arrival) error {
	now := a.At.Milliseconds()
	t := &simTicket{id: a.TicketID, index: a.Index, start: now, players: a.Players, pcg: *rand.NewPCG(a.Seed, streamTicket)}
	s.live[t.id] = t
	s.setStatus(t, ticket.Queued, now, "")
	s.stats.arrival(now, len(a.Players))
	if _, err := s.e.StartMatchmaking(s.ctx, &engine.StartMatchmakingInput{
		TicketId:          t.id,
		ConfigurationName: simName,
		Players:           a.Players,
	}); err != nil {
		return fmt.Errorf("ticket %s: %w", t.id, err)
	}
	if a.CancelAfter > 0 {
		s.actions.push(action{at: now + a.CancelAfter.Milliseconds(), kind: actCancel, t: t})
	}
	return nil
}

// act carries out a player's action.
func (s *sim) act(a action) error {
	t := a.t
	switch a.kind {
	case actEndSession:
		return s.endSession(a.matchID)
	case actCancel:
		if t.done || (t.status != ticket.Queued && t.status != ticket.Searching) {
			return nil
		}
		if _, err := s.e.StopMatchmaking(s.ctx, &engine.StopMatchmakingInput{TicketId: t.id}); err != nil {
			return fmt.Errorf("cancelling ticket %s: %w", t.id, err)
		}
	case actAnswer:
		if t.done || t.status != ticket.RequiresAcceptance || t.matchID != a.matchID {
			s.stats.lateAnswers++
			return nil
		}
		typ := engine.Accept
		if !a.accept {
			typ = engine.Reject
		}
		_, err := s.e.AcceptMatch(s.ctx, &engine.AcceptMatchInput{
			TicketId:       t.id,
			PlayerIds:      []string{t.players[a.player].PlayerID},
			AcceptanceType: typ,
		})
		switch {
		case errors.Is(err, engine.ErrInvalidRequest):
			s.stats.lateAnswers++ // the acceptance timed out first
		case err != nil:
			return fmt.Errorf("answering for ticket %s: %w", t.id, err)
		}
	}
	return nil
}
