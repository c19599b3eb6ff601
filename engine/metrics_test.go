package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// family is a collector over the metrics of one family in a registry whose
// labels include the given ones, so that testutil can read what the
// engine's (unexported) collectors report.
type family struct {
	reg    *prometheus.Registry
	name   string
	labels map[string]string
}

func (f family) Describe(chan<- *prometheus.Desc) {} // unchecked

func (f family) Collect(ch chan<- prometheus.Metric) {
	for _, m := range f.metrics() {
		names, values := []string{}, []string{}
		for _, lp := range m.GetLabel() {
			names = append(names, lp.GetName())
			values = append(values, lp.GetValue())
		}
		desc := prometheus.NewDesc(f.name, "copy", names, nil)
		switch {
		case m.Gauge != nil:
			ch <- prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, m.GetGauge().GetValue(), values...)
		case m.Counter != nil:
			ch <- prometheus.MustNewConstMetric(desc, prometheus.CounterValue, m.GetCounter().GetValue(), values...)
		case m.Histogram != nil:
			buckets := map[float64]uint64{}
			for _, b := range m.GetHistogram().GetBucket() {
				buckets[b.GetUpperBound()] = b.GetCumulativeCount()
			}
			ch <- prometheus.MustNewConstHistogram(desc, m.GetHistogram().GetSampleCount(), m.GetHistogram().GetSampleSum(), buckets, values...)
		}
	}
}

func (f family) metrics() []*dto.Metric {
	mfs, err := f.reg.Gather()
	if err != nil {
		panic(err)
	}
	var out []*dto.Metric
	for _, mf := range mfs {
		if mf.GetName() != f.name {
			continue
		}
	next:
		for _, m := range mf.GetMetric() {
			have := map[string]string{}
			for _, lp := range m.GetLabel() {
				have[lp.GetName()] = lp.GetValue()
			}
			for k, v := range f.labels {
				if have[k] != v {
					continue next
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// histogramCount is the sample count of the one histogram of the family.
func (f family) histogramCount(t *testing.T) uint64 {
	t.Helper()
	ms := f.metrics()
	if len(ms) != 1 || ms[0].Histogram == nil {
		t.Fatalf("%s %v: %d metrics", f.name, f.labels, len(ms))
	}
	return ms[0].GetHistogram().GetSampleCount()
}

// metricsHarness is a harness with its metrics on a fresh registry.
type metricsHarness struct {
	*harness
	reg *prometheus.Registry
}

func newMetricsHarness(t *testing.T, change func(*engine.CreateMatchmakingConfigurationInput), opts ...engine.Option) *metricsHarness {
	reg := prometheus.NewRegistry()
	h := newHarness(t, oneVsOne, change, append(opts, engine.WithRegisterer(reg))...)
	return &metricsHarness{harness: h, reg: reg}
}

func (m *metricsHarness) tickets(cfg string, st ticket.Status) float64 {
	return testutil.ToFloat64(family{m.reg, "flexsim_tickets", map[string]string{"configuration": cfg, "status": string(st)}})
}

func (m *metricsHarness) value(name, cfg string) float64 {
	return testutil.ToFloat64(family{m.reg, name, map[string]string{"configuration": cfg}})
}

// wantTickets checks the ticket gauges of configuration cfg; statuses not
// listed must be 0.
func (m *metricsHarness) wantTickets(when, cfg string, want map[ticket.Status]float64) {
	m.t.Helper()
	for _, st := range ticket.Statuses {
		if got := m.tickets(cfg, st); got != want[st] {
			m.t.Errorf("%s: flexsim_tickets{configuration=%q,status=%q} = %v, want %v", when, cfg, st, got, want[st])
		}
	}
}

func TestMetricsTicketLifecycle(t *testing.T) {
	m := newMetricsHarness(t, nil, engine.WithTicketRetention(30*time.Second))
	// Every status has a series from the start.
	if n := testutil.CollectAndCount(family{m.reg, "flexsim_tickets", map[string]string{"configuration": "cfg"}}); n != len(ticket.Statuses) {
		t.Errorf("%d flexsim_tickets series, want %d", n, len(ticket.Statuses))
	}
	m.wantTickets("new", "cfg", nil)
	if got := m.value("flexsim_matches_formed_total", "cfg"); got != 0 {
		t.Errorf("matches before any: %v", got)
	}

	m.start("a", player("pa", 100, nil))
	m.start("b", player("pb", 110, nil))
	m.start("c", player("pc", 1e6, nil))
	m.wantTickets("started", "cfg", map[ticket.Status]float64{ticket.Queued: 3})
	if n := testutil.CollectAndCount(family{m.reg, "flexsim_tick_duration_seconds", nil}); n != 1 {
		t.Errorf("%d tick duration histograms", n)
	}
	if got := (family{m.reg, "flexsim_tick_duration_seconds", nil}).histogramCount(t); got != 0 {
		t.Errorf("%d ticks before the first", got)
	}

	m.advance(1)
	m.wantTickets("t=1", "cfg", map[ticket.Status]float64{ticket.Searching: 1, ticket.Completed: 2})
	if got := m.value("flexsim_matches_formed_total", "cfg"); got != 1 {
		t.Errorf("matches formed %v", got)
	}
	if got := m.value("flexsim_matched_players_total", "cfg"); got != 2 {
		t.Errorf("matched players %v", got)
	}
	if got := m.value("flexsim_pool_size", "cfg"); got != 1 {
		t.Errorf("pool size %v", got)
	}
	ttm := family{m.reg, "flexsim_time_to_match_seconds", map[string]string{"configuration": "cfg"}}
	if got := ttm.histogramCount(t); got != 2 {
		t.Errorf("time to match: %d samples, want one per matched ticket", got)
	}
	if sum := ttm.metrics()[0].GetHistogram().GetSampleSum(); sum != 2 {
		t.Errorf("time to match: sum %v s, want 2", sum)
	}

	m.advance(4)
	if got := (family{m.reg, "flexsim_tick_duration_seconds", nil}).histogramCount(t); got != 5 {
		t.Errorf("tick duration: %d samples after 5 ticks", got)
	}
	m.stop("c")
	m.wantTickets("c stopped", "cfg", map[ticket.Status]float64{ticket.Completed: 2, ticket.Cancelled: 1})
	m.advance(1)
	if got := m.value("flexsim_pool_size", "cfg"); got != 0 {
		t.Errorf("pool size after the stop %v", got)
	}
	// A timeout.
	m.start("d", player("pd", -1e6, nil))
	m.advance(60)
	m.wantTickets("d timed out", "cfg", map[ticket.Status]float64{ticket.Completed: 0, ticket.Cancelled: 0, ticket.TimedOut: 1})
	// Retired tickets leave the gauges; counters stay.
	if got := m.value("flexsim_matches_formed_total", "cfg"); got != 1 {
		t.Errorf("matches formed after retirement %v", got)
	}

	// The exposition, for the record.
	const want = `
# HELP flexsim_pool_size SEARCHING tickets in the pool, by configuration.
# TYPE flexsim_pool_size gauge
flexsim_pool_size{configuration="cfg"} 0
`
	if err := testutil.GatherAndCompare(m.reg, strings.NewReader(want), "flexsim_pool_size"); err != nil {
		t.Error(err)
	}
}

func TestMetricsAcceptanceAndPlacement(t *testing.T) {
	reg := prometheus.NewRegistry()
	h, p := newQueueHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.AcceptanceRequired = true
		in.AcceptanceTimeoutSeconds = 10
	}, engine.WithRegisterer(reg))
	m := &metricsHarness{harness: h, reg: reg}
	ttm := family{reg, "flexsim_time_to_match_seconds", map[string]string{"configuration": "cfg"}}
	m.start("a", player("pa", 100, nil))
	m.start("b", player("pb", 110, nil))
	m.advance(1)
	m.wantTickets("proposed", "cfg", map[ticket.Status]float64{ticket.RequiresAcceptance: 2})
	if got := m.value("flexsim_matches_formed_total", "cfg"); got != 1 {
		t.Errorf("potential matches formed %v", got)
	}
	if got := ttm.histogramCount(t); got != 0 {
		t.Errorf("time to match observed before acceptance: %d", got)
	}
	m.advance(2)
	m.mustAccept("a", engine.Accept, "pa")
	m.mustAccept("b", engine.Accept, "pb")
	m.wantTickets("accepted", "cfg", map[ticket.Status]float64{ticket.Placing: 2})
	if got := ttm.histogramCount(t); got != 2 {
		t.Errorf("time to match after acceptance: %d samples", got)
	}
	if sum := ttm.metrics()[0].GetHistogram().GetSampleSum(); sum != 6 {
		t.Errorf("time to match: sum %v s, want 2 × 3 s", sum)
	}
	m.e.PlacementDone(engine.PlacementResult{PlacementId: p.requests()[0].PlacementId, Status: "FAILED"})
	m.wantTickets("placement failed", "cfg", map[ticket.Status]float64{ticket.Failed: 2})

	// A rejected match counts as formed too; the acceptor returns to
	// SEARCHING.
	m.start("c", player("pc", 100, nil))
	m.start("d", player("pd", 110, nil))
	m.advance(1)
	m.mustAccept("c", engine.Accept, "pc")
	m.mustAccept("d", engine.Reject, "pd")
	m.wantTickets("rejected", "cfg", map[ticket.Status]float64{ticket.Failed: 2, ticket.Searching: 1, ticket.Cancelled: 1})
	if got := m.value("flexsim_matches_formed_total", "cfg"); got != 2 {
		t.Errorf("potential matches formed %v", got)
	}
}

func TestMetricsPerConfigurationAndDelete(t *testing.T) {
	m := newMetricsHarness(t, nil)
	if _, err := m.e.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
		Name: "other", RuleSetName: "rules", RequestTimeoutSeconds: 60, FlexMatchMode: engine.ModeStandalone,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: "o", ConfigurationName: "other", Players: []ticket.Player{player("po", 1, nil)}}); err != nil {
		t.Fatal(err)
	}
	m.start("a", player("pa", 1, nil))
	m.start("b", player("pb", 2, nil))
	m.wantTickets("cfg", "cfg", map[ticket.Status]float64{ticket.Queued: 2})
	m.wantTickets("other", "other", map[ticket.Status]float64{ticket.Queued: 1})
	if n, err := testutil.GatherAndCount(m.reg, "flexsim_tickets"); err != nil || n != 2*len(ticket.Statuses) {
		t.Errorf("%d flexsim_tickets series (%v)", n, err)
	}
	m.advance(1)
	if got, other := m.value("flexsim_matches_formed_total", "cfg"), m.value("flexsim_matches_formed_total", "other"); got != 1 || other != 0 {
		t.Errorf("matches formed: cfg %v, other %v", got, other)
	}
	if got := m.value("flexsim_pool_size", "other"); got != 1 {
		t.Errorf("other pool %v", got)
	}
	m.stop("o")
	if _, err := m.e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "other"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"flexsim_tickets", "flexsim_pool_size", "flexsim_matches_formed_total", "flexsim_time_to_match_seconds"} {
		if n := testutil.CollectAndCount(family{m.reg, name, map[string]string{"configuration": "other"}}); n != 0 {
			t.Errorf("%s: %d series left for the deleted configuration", name, n)
		}
	}
	if n := testutil.CollectAndCount(family{m.reg, "flexsim_tickets", map[string]string{"configuration": "cfg"}}); n != len(ticket.Statuses) {
		t.Errorf("cfg lost series: %d", n)
	}
	// A recreated configuration starts from zero.
	if _, err := m.e.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
		Name: "other", RuleSetName: "rules", RequestTimeoutSeconds: 60, FlexMatchMode: engine.ModeStandalone,
	}); err != nil {
		t.Fatal(err)
	}
	m.wantTickets("recreated", "other", nil)
}

func TestMetricsWithoutRegisterer(t *testing.T) {
	// Two engines without a registerer do not clash, and run fine.
	for i := 0; i < 2; i++ {
		h := newHarness(t, oneVsOne, nil)
		h.start("a", player("pa", 1, nil))
		h.start("b", player("pb", 2, nil))
		h.advance(1)
		if got := h.status("a"); got != ticket.Completed {
			t.Errorf("engine %d: %s", i, got)
		}
	}
	// Two engines on one registry do clash: the second registration panics.
	reg := prometheus.NewRegistry()
	newHarness(t, oneVsOne, nil, engine.WithRegisterer(reg))
	defer func() {
		if recover() == nil {
			t.Error("a second engine registered the same metrics")
		}
	}()
	newHarness(t, oneVsOne, nil, engine.WithRegisterer(reg))
}
