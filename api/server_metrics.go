package api

import (
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/engine"
)

// opMetrics holds the metric children of one operation label, one per
// codec, so that a call does not hash its labels: WithLabelValues is paid
// once per (operation, protocol), and again on every call only for error
// codes, which are rare. A child is resolved on its first use, not when
// the server is made, so /metrics lists the same series as if every call
// went through WithLabelValues.
type opMetrics struct {
	ok      [numCodecs]atomic.Pointer[okCounter]
	latency [numCodecs]atomic.Pointer[latencyObserver]
}

type okCounter struct{ prometheus.Counter }

type latencyObserver struct{ prometheus.Observer }

// observe counts a call of operation label with codec c that answered code
// ("" for success) after d.
func (s *Server) observe(m *opMetrics, label string, c codec, code string, d time.Duration) {
	i := c.id()
	if code != "" {
		s.requests.WithLabelValues(label, c.name(), code).Inc()
	} else {
		ok := m.ok[i].Load()
		if ok == nil {
			// two first calls may both resolve it: they get the same child
			ok = &okCounter{s.requests.WithLabelValues(label, c.name(), "")}
			m.ok[i].Store(ok)
		}
		ok.Inc()
	}
	lat := m.latency[i].Load()
	if lat == nil {
		lat = &latencyObserver{s.latency.WithLabelValues(label, c.name())}
		m.latency[i].Store(lat)
	}
	lat.Observe(d.Seconds())
}

// newRequestID returns a random (version 4) UUID for x-amzn-RequestId.
// Its bits come from math/rand/v2's runtime generator (ChaCha8 per thread,
// seeded from the system) rather than crypto/rand: a request ID must be
// unique, not secret, and this takes no system call or lock.
func newRequestID() string { return engine.NewUUID(requestIDs) }

// requestIDs draws from the runtime's generator; a rand.Rand keeps no
// state of its own, so it is safe for concurrent use over this source.
var requestIDs = rand.New(runtimeSource{})

type runtimeSource struct{}

func (runtimeSource) Uint64() uint64 { return rand.Uint64() }
