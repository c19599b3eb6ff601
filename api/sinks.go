package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Defaults of event delivery to sinks.
const (
	DefaultSinkBackoffBase = 100 * time.Millisecond
	DefaultSinkMaxBackoff  = 60 * time.Second
	// DefaultSinkTimeout bounds one delivery attempt (one POST).
	DefaultSinkTimeout = 15 * time.Second
	// sinkBatch is how many events a sink reads from the log at a time.
	sinkBatch = 256
)

// SinkConfig (an HTTP endpoint the event log is delivered to: Name,
// URL, TopicArn, MaxBackoff) is declared in config.go, which parses it.

// snsTopicPattern is the shape of an SNS topic ARN.
var snsTopicPattern = regexp.MustCompile(`^arn:aws[a-z0-9-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$`)

// Validate reports what is wrong with c, if anything.
func (c SinkConfig) Validate() error {
	if c.Name == "" {
		return errors.New("name is empty")
	}
	u, err := url.Parse(c.URL)
	switch {
	case c.URL == "":
		return errors.New("url is empty")
	case err != nil:
		return fmt.Errorf("url %q: %v", c.URL, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("url %q must be http:// or https://", c.URL)
	case u.Host == "":
		return fmt.Errorf("url %q has no host", c.URL)
	}
	if c.TopicArn != "" && !snsTopicPattern.MatchString(c.TopicArn) {
		return fmt.Errorf("topicArn %q is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)", c.TopicArn)
	}
	if c.MaxBackoff < 0 {
		return fmt.Errorf("maxBackoff %v is negative", c.MaxBackoff)
	}
	return nil
}

// ValidateSinks checks every sink and that their names are unique. Errors
// name the sink by its index: sinks[2] (name "audit"): url is empty.
func ValidateSinks(sinks []SinkConfig) error {
	var errs []error
	seen := map[string]int{}
	for i, c := range sinks {
		if err := c.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("sinks[%d] (name %q): %w", i, c.Name, err))
		}
		if j, dup := seen[c.Name]; dup && c.Name != "" {
			errs = append(errs, fmt.Errorf("sinks[%d]: name %q is already the name of sinks[%d]", i, c.Name, j))
		} else {
			seen[c.Name] = i
		}
	}
	return errors.Join(errs...)
}

// CursorStore keeps how far each sink has delivered the log, so that a
// restarted server resumes where it stopped. Save is called after each
// delivered event; an error from it is logged and delivery goes on.
type CursorStore interface {
	// Load returns the Seq of the last event sink name delivered or
	// skipped, and whether there is one.
	Load(name string) (uint64, bool)
	// Save records that sink name is done with every event up to seq.
	Save(name string, seq uint64) error
}

// MemoryCursors is a CursorStore in memory, the default.
type MemoryCursors struct {
	mu sync.Mutex
	m  map[string]uint64
}

// Load returns the cursor saved for name.
func (c *MemoryCursors) Load(name string) (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seq, ok := c.m[name]
	return seq, ok
}

// Save records name's cursor.
func (c *MemoryCursors) Save(name string, seq uint64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]uint64{}
	}
	c.m[name] = seq
	return nil
}

// SinkOptions are the settings shared by the sinks of StartSinks. Zero
// values take the defaults noted.
type SinkOptions struct {
	// Cursors keeps each sink's position in the log (a new MemoryCursors).
	Cursors CursorStore
	// Topics finds the NotificationTarget of an event's configuration or
	// queue (see NotificationTargets). Without it, sinks with a TopicArn
	// receive nothing and the others get the default topic ARN.
	Topics TopicLookup
	// Client sends the POSTs (a client with DefaultSinkTimeout).
	Client *http.Client
	// BackoffBase is the wait after a first failed attempt; it doubles
	// after each failure up to the sink's MaxBackoff
	// (DefaultSinkBackoffBase). Each wait is drawn uniformly from its
	// upper half, with a random source seeded by the sink's name.
	BackoffBase time.Duration
	// Registry, if set, gets the sinks' Prometheus counters.
	Registry prometheus.Registerer
	// Logger receives delivery warnings (discards by default).
	Logger *slog.Logger
}

// Sinks delivers an EventLog to HTTP endpoints: one goroutine per sink
// reads the log from the sink's cursor, in order, and POSTs each event
// until the endpoint answers 2xx, waiting with exponential backoff between
// attempts. An endpoint that is down holds its sink back but loses nothing
// the log still holds; events dropped from the log before they were
// delivered are counted and logged. Delivery is at least once: an event
// whose delivery was cut short (by Close, or a crash before its cursor was
// saved) is sent again.
type Sinks struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// StartSinks starts delivering log to each sink of configs and returns at
// once. Configs should have passed ValidateSinks: an invalid one is logged
// and not started. Start the sinks after the log is restored (journal
// replay), so that their saved cursors match its Seq numbers; a cursor
// beyond the log's last event is taken to be stale and delivery starts over
// from the oldest event kept.
func StartSinks(log *EventLog, configs []SinkConfig, opts SinkOptions) *Sinks {
	if opts.Cursors == nil {
		opts.Cursors = &MemoryCursors{}
	}
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: DefaultSinkTimeout}
	}
	if opts.BackoffBase <= 0 {
		opts.BackoffBase = DefaultSinkBackoffBase
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	m := newSinkMetrics(opts.Registry)
	ctx, cancel := context.WithCancel(context.Background())
	s := &Sinks{cancel: cancel}
	seen := map[string]bool{}
	for i, c := range configs {
		err := c.Validate()
		if err == nil && seen[c.Name] {
			err = errors.New("the name is taken by an earlier sink")
		}
		if err != nil {
			opts.Logger.Error("event sink not started", slog.Int("index", i), slog.String("sink", c.Name), slog.Any("error", err))
			continue
		}
		seen[c.Name] = true
		if c.TopicArn != "" && opts.Topics == nil {
			opts.Logger.Warn("event sink has a topicArn but the server looks up no NotificationTargets: it receives nothing",
				slog.String("sink", c.Name))
		}
		sk := newSink(c, log, opts, m)
		s.wg.Go(func() { sk.run(ctx) })
	}
	return s
}

// Close stops every sink, cutting short any attempt in flight, and returns
// once they have stopped. The event being delivered is sent again by the
// next StartSinks on the same cursors.
func (s *Sinks) Close() {
	s.once.Do(func() {
		s.cancel()
		s.wg.Wait()
	})
}

// sinkMetrics are the sinks' Prometheus counters, by sink name.
type sinkMetrics struct {
	delivered, failed, dropped *prometheus.CounterVec
}

func newSinkMetrics(reg prometheus.Registerer) *sinkMetrics {
	m := &sinkMetrics{
		delivered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "flexsim_sink_events_delivered_total",
			Help: "Events delivered to an event sink (answered 2xx), by sink.",
		}, []string{"sink"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "flexsim_sink_attempts_failed_total",
			Help: "Failed attempts to deliver an event to an event sink (no answer or not 2xx), by sink.",
		}, []string{"sink"}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "flexsim_sink_events_dropped_total",
			Help: "Events dropped from the event log before an event sink delivered them, by sink.",
		}, []string{"sink"}),
	}
	if reg != nil {
		m.delivered = registerCounterVec(reg, m.delivered)
		m.failed = registerCounterVec(reg, m.failed)
		m.dropped = registerCounterVec(reg, m.dropped)
	}
	return m
}

// registerCounterVec registers c, or returns the identical collector
// already registered (when sinks are started twice on one registry).
func registerCounterVec(reg prometheus.Registerer, c *prometheus.CounterVec) *prometheus.CounterVec {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(*prometheus.CounterVec); ok {
				return existing
			}
		}
	}
	return c
}
