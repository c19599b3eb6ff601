package engine

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/ticket"
)

// metrics are the engine's Prometheus collectors. They are always kept;
// they are registered only when the caller passes a registerer.
type metrics struct {
	tickets     *prometheus.GaugeVec
	matches     *prometheus.CounterVec
	players     *prometheus.CounterVec
	timeToMatch *prometheus.HistogramVec
	poolSize    *prometheus.GaugeVec
	tickSeconds prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		tickets: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: "flexsim", Name: "tickets",
			Help: "Matchmaking tickets by configuration and status (terminal statuses count tickets still retained).",
		}, []string{"configuration", "status"}),
		matches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "flexsim", Name: "matches_formed_total",
			Help: "Potential matches formed, by configuration.",
		}, []string{"configuration"}),
		players: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "flexsim", Name: "matched_players_total",
			Help: "Players in potential matches formed, by configuration.",
		}, []string{"configuration"}),
		timeToMatch: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "flexsim", Name: "time_to_match_seconds",
			Help:    "Time from StartMatchmaking to an accepted match, in engine-clock seconds.",
			Buckets: []float64{1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600},
		}, []string{"configuration"}),
		poolSize: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: "flexsim", Name: "pool_size",
			Help: "SEARCHING tickets in the pool, by configuration.",
		}, []string{"configuration"}),
		tickSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "flexsim", Name: "tick_duration_seconds",
			Help:    "Wall-clock time one tick of every configuration took.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 10),
		}),
	}
	if reg != nil {
		reg.MustRegister(m.tickets, m.matches, m.players, m.timeToMatch, m.poolSize, m.tickSeconds)
	}
	return m
}

// configMetrics are one configuration's collectors, resolved once.
type configMetrics struct {
	byStatus [len(statusOrder)]prometheus.Gauge
	count    [len(statusOrder)]int // what byStatus holds, for Status
	matches  prometheus.Counter
	players  prometheus.Counter
	wait     prometheus.Observer
	pool     prometheus.Gauge
}

// statusOrder indexes configMetrics.byStatus.
var statusOrder = [...]ticket.Status{
	ticket.Queued, ticket.Searching, ticket.RequiresAcceptance, ticket.Placing,
	ticket.Completed, ticket.Failed, ticket.Cancelled, ticket.TimedOut,
}

func statusIndex(st ticket.Status) int {
	for i, s := range statusOrder {
		if s == st {
			return i
		}
	}
	return -1
}

func (m *metrics) addConfiguration(name string) *configMetrics {
	c := &configMetrics{
		matches: m.matches.WithLabelValues(name),
		players: m.players.WithLabelValues(name),
		wait:    m.timeToMatch.WithLabelValues(name),
		pool:    m.poolSize.WithLabelValues(name),
	}
	for i, st := range statusOrder {
		c.byStatus[i] = m.tickets.WithLabelValues(name, string(st))
	}
	return c
}

func (m *metrics) removeConfiguration(name string) {
	for _, st := range statusOrder {
		m.tickets.DeleteLabelValues(name, string(st))
	}
	m.matches.DeleteLabelValues(name)
	m.players.DeleteLabelValues(name)
	m.timeToMatch.DeleteLabelValues(name)
	m.poolSize.DeleteLabelValues(name)
}

// status moves one ticket from one status ("" for new) to another.
func (c *configMetrics) status(from, to ticket.Status) {
	if i := statusIndex(from); i >= 0 {
		c.byStatus[i].Dec()
		c.count[i]--
	}
	if i := statusIndex(to); i >= 0 {
		c.byStatus[i].Inc()
		c.count[i]++
	}
}

func (c *configMetrics) matched(fm *formedMatch) {
	c.matches.Inc()
	n := 0
	for _, en := range fm.entries {
		n += len(en.t.Players)
	}
	c.players.Add(float64(n))
}

func (m *metrics) tick(d time.Duration) { m.tickSeconds.Observe(d.Seconds()) }
