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
	// per configuration: gauges by status, resolved once
	byStatus map[string]map[ticket.Status]prometheus.Gauge
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
		byStatus: map[string]map[ticket.Status]prometheus.Gauge{},
	}
	if reg != nil {
		reg.MustRegister(m.tickets, m.matches, m.players, m.timeToMatch, m.poolSize, m.tickSeconds)
	}
	return m
}

func (m *metrics) addConfiguration(name string) {
	g := map[ticket.Status]prometheus.Gauge{}
	for _, st := range ticket.Statuses {
		g[st] = m.tickets.WithLabelValues(name, string(st))
	}
	m.byStatus[name] = g
}

func (m *metrics) removeConfiguration(name string) {
	for _, st := range ticket.Statuses {
		m.tickets.DeleteLabelValues(name, string(st))
	}
	m.matches.DeleteLabelValues(name)
	m.players.DeleteLabelValues(name)
	m.timeToMatch.DeleteLabelValues(name)
	m.poolSize.DeleteLabelValues(name)
	delete(m.byStatus, name)
}

// status moves one ticket from one status ("" for new) to another.
func (m *metrics) status(config string, from, to ticket.Status) {
	g := m.byStatus[config]
	if g == nil {
		return
	}
	if from != "" {
		g[from].Dec()
	}
	g[to].Inc()
}

func (m *metrics) retired(config string, st ticket.Status) {
	if g := m.byStatus[config]; g != nil {
		g[st].Dec()
	}
}

func (m *metrics) matched(config string, fm *formedMatch) {
	m.matches.WithLabelValues(config).Inc()
	n := 0
	for _, en := range fm.entries {
		n += len(en.t.Players)
	}
	m.players.WithLabelValues(config).Add(float64(n))
}

func (m *metrics) waited(config string, d time.Duration) {
	m.timeToMatch.WithLabelValues(config).Observe(d.Seconds())
}

func (m *metrics) pool(config string, n int) { m.poolSize.WithLabelValues(config).Set(float64(n)) }

func (m *metrics) tick(d time.Duration) { m.tickSeconds.Observe(d.Seconds()) }
