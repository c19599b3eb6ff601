package placement

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// Service is the simulated hosting of one region and account. It is safe for
// concurrent use.
type Service struct {
	mu    sync.Mutex
	opts  options
	clock engine.Clock
	rng   *rand.Rand
	stop  func()

	fleets     map[string]*fleet // by fleet ID
	fleetOrder []*fleet          // creation order
	aliases    map[string]*alias // by alias ID
	aliasOrder []*alias          // creation order

	sessions       map[string]*gameSession // by game session ID (its ARN)
	sessionOrder   []*gameSession          // creation order
	playerSessions map[string]*playerSession
	reserved       []*playerSession // RESERVED player sessions, oldest first
	terminating    []*gameSession   // TERMINATING game sessions, to end at the next tick
	ended          []*gameSession   // TERMINATED game sessions, in the order they ended, until forgotten
	// forgottenInOrder counts the forgotten game sessions still in
	// sessionOrder (see forgetEnded).
	forgottenInOrder int
	// timedOutOffTick is set when a call, not a tick, timed out
	// reservations (at), until the next tick (see Quiet).
	timedOutOffTick bool

	queues     map[string]*queue     // by name
	placements map[string]*placement // by placement ID, every status
	pending    []*placement          // PENDING placements, oldest first
	place      placementState        // retry bookkeeping and the outbox (placements.go)
}

type options struct {
	clock        engine.Clock
	seed         uint64
	region       string
	account      string
	tickInterval time.Duration
	handler      func(Event)
	// sessionRetention is how long TERMINATED game sessions are kept.
	sessionRetention time.Duration
}

// Option configures a Service.
type Option func(*options)

// WithClock sets the clock (engine.RealClock by default). Give the engine
// and the Service the same clock.
func WithClock(c engine.Clock) Option { return func(o *options) { o.clock = c } }

// WithSeed seeds the generator of IDs, IP addresses and ports.
func WithSeed(seed uint64) Option { return func(o *options) { o.seed = seed } }

// WithRegion sets the home region (us-east-1 by default).
func WithRegion(region string) Option { return func(o *options) { o.region = region } }

// WithAccount sets the account ID in ARNs (123456789012 by default).
func WithAccount(account string) Option { return func(o *options) { o.account = account } }

// WithTickInterval sets how often placements are retried (1 s by default).
func WithTickInterval(d time.Duration) Option { return func(o *options) { o.tickInterval = d } }

// WithEventHandler receives every queue placement event, in order, without
// the Service's lock held (the handler may call the Service). Events are
// delivered by whichever goroutine is delivering at the time, so under
// concurrent use a handler may run on another caller's goroutine.
func WithEventHandler(h func(Event)) Option { return func(o *options) { o.handler = h } }

// New returns a Service with no fleets, queues or sessions, ticking on its
// clock.
func New(opts ...Option) *Service {
	o := options{
		clock:        engine.RealClock{},
		region:       "us-east-1",
		account:      "123456789012",
		tickInterval: time.Second,

		sessionRetention: DefaultGameSessionRetention,
	}
	for _, opt := range opts {
		opt(&o)
	}
	s := &Service{
		opts:           o,
		clock:          o.clock,
		rng:            rand.New(rand.NewPCG(o.seed, 0x243f6a8885a308d3)),
		fleets:         map[string]*fleet{},
		aliases:        map[string]*alias{},
		sessions:       map[string]*gameSession{},
		playerSessions: map[string]*playerSession{},
		queues:         map[string]*queue{},
		placements:     map[string]*placement{},
	}
	s.stop = o.clock.Every(o.tickInterval, s.Tick)
	return s
}

// Close stops the Service's tick.
func (s *Service) Close() error {
	s.stop()
	return nil
}

// Region returns the home region.
func (s *Service) Region() string { return s.opts.region }

// Tick runs one round at now: reserved player sessions older than 60 s time
// out, game sessions TERMINATING since an earlier call of
// TerminateGameSession end and free their processes, TERMINATED game
// sessions past their retention are forgotten, then pending
// placements are retried in the order they started (or time out). The
// clock calls it; tests on a virtual clock call it through Advance.
func (s *Service) Tick(now time.Time) {
	s.mu.Lock()
	s.expirePlayerSessions(now)
	s.timedOutOffTick = false
	s.endTerminating(now)
	s.forgetEnded(now)
	s.retryPlacements(now)
	s.mu.Unlock()
	s.flush()
}

// newUUID draws a version-4 UUID from the seeded generator.
func (s *Service) newUUID() string { return engine.NewUUID(s.rng) }

// arn builds an ARN of this region and account.
func (s *Service) arn(kind, id string) string {
	return "arn:aws:gamelift:" + s.opts.region + ":" + s.opts.account + ":" + kind + "/" + id
}
