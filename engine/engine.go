package engine

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Defaults of the engine options.
const (
	DefaultRegion          = "us-east-1"
	DefaultAccount         = "123456789012"
	DefaultTickInterval    = time.Second
	DefaultSearchBudget    = 256
	DefaultMaxRuleSets     = 100
	DefaultMaxConfigs      = 100
	DefaultEventLogSize    = 100_000
	DefaultTicketRetention = 24 * time.Hour
)

// Engine is a FlexMatch matchmaker: rule sets, configurations, a ticket pool
// per configuration and the tick loop that forms matches. Each GameLift
// matchmaking operation is a method with the operation's input and output.
// Its methods are safe for concurrent use.
type Engine struct {
	// ticking is held by a tick from start to end, and by what must not
	// run while a pool is searched without mu (see Engine.search). It is
	// taken before mu.
	ticking sync.Mutex
	mu      sync.Mutex
	opts    options
	clock   Clock
	rng     *rand.Rand
	stop    func()
	closed  bool
	lastNow time.Time

	ruleSets map[string]*storedRuleSet
	configs  map[string]*matchmaker
	tickets  map[string]*entry
	// players maps a player ID to the latest ticket holding the player; it
	// is the player's active ticket unless that ticket is terminal (the
	// entry goes when the ticket is retired).
	players map[string]*entry
	// backfills maps a game session ARN to its latest backfill ticket.
	backfills map[string]*entry
	// retired lists terminal tickets in the order they ended, for retention.
	retired []*entry
	seq     uint64 // the last event's Seq
	// endedLater are the events of tickets that ended while their pool
	// was searched, emitted when the search is done.
	endedLater []endedEvent
	// searched, when set (by tests), runs after each search, before the
	// engine's lock is taken back.
	searched func()

	events  eventLog
	isoAt   time.Time
	isoText string
	metrics *metrics
}

type options struct {
	clock             Clock
	seed              uint64
	region, account   string
	tickInterval      time.Duration
	registerer        prometheus.Registerer
	handler           func(Event)
	eventLogSize      int
	partialMatchDelay time.Duration
	searchBudget      int
	maxBatchSize      int
	retention         time.Duration
	maxRuleSets       int
	maxConfigs        int
	placer            Placer
}

// Option configures an Engine.
type Option func(*options)

// WithClock sets the clock. The default is RealClock.
func WithClock(c Clock) Option { return func(o *options) { o.clock = c } }

// WithSeed seeds every random choice (ticket, match and event IDs, random
// batching). The same seed and the same calls give the same results.
func WithSeed(seed uint64) Option { return func(o *options) { o.seed = seed } }

// WithRegion sets the AWS Region in ARNs and events (default us-east-1).
func WithRegion(region string) Option { return func(o *options) { o.region = region } }

// WithAccount sets the AWS account ID in ARNs and events.
func WithAccount(account string) Option { return func(o *options) { o.account = account } }

// WithTickInterval sets how often the matchmaker runs (default 1 s).
func WithTickInterval(d time.Duration) Option { return func(o *options) { o.tickInterval = d } }

// WithRegisterer registers the engine's Prometheus metrics with r.
func WithRegisterer(r prometheus.Registerer) Option {
	return func(o *options) { o.registerer = r }
}

// WithEventHandler calls h with every event, in order, as it happens. h runs
// while the engine is locked: it must not call the engine.
func WithEventHandler(h func(Event)) Option { return func(o *options) { o.handler = h } }

// WithEventLogSize sets how many recent events the engine keeps for Events
// and EventsAfter (default 100,000; 0 keeps none).
func WithEventLogSize(n int) Option { return func(o *options) { o.eventLogSize = n } }

// WithPartialMatchDelay makes a match that is complete but not full wait
// until its anchor has searched this long (default 0). AWS waits a few
// seconds before it settles for fewer players.
func WithPartialMatchDelay(d time.Duration) Option {
	return func(o *options) { o.partialMatchDelay = d }
}

// WithSearchBudget bounds the candidate matches tried around one anchor per
// tick (default 256).
func WithSearchBudget(n int) Option { return func(o *options) { o.searchBudget = n } }

// WithMaxBatchSize splits each pool partition into batches of at most n
// tickets (default 0: one batch per partition).
func WithMaxBatchSize(n int) Option { return func(o *options) { o.maxBatchSize = n } }

// WithTicketRetention sets how long terminal tickets stay describable
// (default 24 h).
func WithTicketRetention(d time.Duration) Option { return func(o *options) { o.retention = d } }

// WithQuotas sets the most rule sets and configurations the account may
// hold (default 100 each); more is a LimitExceededException.
func WithQuotas(ruleSets, configurations int) Option {
	return func(o *options) { o.maxRuleSets, o.maxConfigs = ruleSets, configurations }
}

// WithPlacer connects WITH_QUEUE configurations to game session placement.
// Without one, such configurations cannot be created (their queues are not
// found).
func WithPlacer(p Placer) Option { return func(o *options) { o.placer = p } }

// New returns an engine whose tick loop runs on its clock until Close.
func New(opts ...Option) *Engine {
	o := options{
		clock:        RealClock{},
		region:       DefaultRegion,
		account:      DefaultAccount,
		tickInterval: DefaultTickInterval,
		eventLogSize: DefaultEventLogSize,
		searchBudget: DefaultSearchBudget,
		retention:    DefaultTicketRetention,
		maxRuleSets:  DefaultMaxRuleSets,
		maxConfigs:   DefaultMaxConfigs,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if o.tickInterval <= 0 {
		o.tickInterval = DefaultTickInterval
	}
	if o.searchBudget <= 0 {
		o.searchBudget = DefaultSearchBudget
	}
	e := &Engine{
		opts:      o,
		clock:     o.clock,
		rng:       rand.New(rand.NewPCG(o.seed, 0x9e3779b97f4a7c15)),
		ruleSets:  map[string]*storedRuleSet{},
		configs:   map[string]*matchmaker{},
		tickets:   map[string]*entry{},
		players:   map[string]*entry{},
		backfills: map[string]*entry{},
		metrics:   newMetrics(o.registerer),
	}
	e.events.max = o.eventLogSize
	e.stop = o.clock.Every(o.tickInterval, e.Tick)
	return e
}

// Close stops the tick loop. The engine still answers calls.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.closed {
		e.closed = true
		e.stop()
	}
	return nil
}

// Now is the engine's clock reading.
func (e *Engine) Now() time.Time { return e.clock.Now() }

// Region is the AWS Region the engine reports in ARNs and events.
func (e *Engine) Region() string { return e.opts.region }

// Account is the AWS account ID the engine reports in ARNs and events.
func (e *Engine) Account() string { return e.opts.account }

// now reads the clock, never going backwards (a real clock may).
func (e *Engine) now() time.Time {
	t := e.clock.Now()
	if t.Before(e.lastNow) {
		return e.lastNow
	}
	e.lastNow = t
	return t
}
