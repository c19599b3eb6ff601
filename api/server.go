package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// DefaultMaxBodyBytes bounds a request body: the largest GameLift inputs
// (GameSessionData, rule set bodies) are well under it.
const DefaultMaxBodyBytes = 4 << 20

// Paths of the CBOR operations and of the operator endpoints.
const (
	cborPrefix   = "/service/GameLift/operation/"
	jsonTarget   = "GameLift."
	PathAdvance  = "/_flexsim/clock/advance"
	PathHealth   = "/_flexsim/health"
	PathMetrics  = "/metrics"
	unknownLabel = "unknown"
)

// Server is the GameLift endpoint: an http.Handler over an engine and,
// optionally, a placement service. It is safe for concurrent use.
type Server struct {
	engine   *engine.Engine
	hosting  *placement.Service
	clock    *engine.VirtualClock
	reg      *prometheus.Registry
	log      *slog.Logger
	maxBody  int64
	ops      map[string]operation // read-only once New returns
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// unknownMetrics are the children of calls of unknown operations
	unknownMetrics opMetrics
	metrics        http.Handler
	events         *EventLog
	journal        *journalClock // set when the state is journaled (OpenLocal with a data directory)
}

// Option configures a Server.
type Option func(*Server)

// WithVirtualClock tells the server the virtual clock the engine and the
// placement service run on, which enables POST /_flexsim/clock/advance.
// Without it the clock is taken to be real and that endpoint answers 409.
func WithVirtualClock(c *engine.VirtualClock) Option { return func(s *Server) { s.clock = c } }

// WithRegistry sets the Prometheus registry GET /metrics serves and the
// server's HTTP metrics are registered on. Pass the same registry to
// engine.WithRegisterer to serve the engine's metrics too. By default the
// server makes a registry of its own.
func WithRegistry(r *prometheus.Registry) Option { return func(s *Server) { s.reg = r } }

// WithLogger sets the logger of request logs (one line per operation call).
// By default nothing is logged.
func WithLogger(l *slog.Logger) Option { return func(s *Server) { s.log = l } }

// WithMaxBodyBytes bounds request bodies (DefaultMaxBodyBytes by default).
func WithMaxBodyBytes(n int64) Option { return func(s *Server) { s.maxBody = n } }

// New returns the endpoint of mm and hosting. hosting may be nil, in which
// case only the matchmaking operations exist.
func New(mm *engine.Engine, hosting *placement.Service, opts ...Option) *Server {
	s := &Server{engine: mm, hosting: hosting, maxBody: DefaultMaxBodyBytes}
	for _, o := range opts {
		o(s)
	}
	if s.reg == nil {
		s.reg = prometheus.NewRegistry()
		s.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "flexsim_http_requests_total",
		Help: "GameLift API requests by operation, protocol and error code (empty for success).",
	}, []string{"operation", "protocol", "code"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "flexsim_http_request_duration_seconds",
		Help:    "GameLift API request latency by operation and protocol.",
		Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
	}, []string{"operation", "protocol"})
	s.reg.MustRegister(s.requests, s.latency)
	s.metrics = promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{Registry: s.reg})
	s.ops = operations(hosting != nil)
	return s
}

// Operations lists the names of the GameLift operations the server serves.
func (s *Server) Operations() []string {
	names := make([]string, 0, len(s.ops))
	for n := range s.ops {
		names = append(names, n)
	}
	return names
}

// ServeHTTP routes a request: JSON 1.1 operations on POST /, CBOR ones
// under /service/GameLift/operation/, and the operator endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/" && r.Method == http.MethodPost:
		name, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), jsonTarget)
		if !ok {
			name = ""
		}
		s.serveOperation(w, r, jsonCodec{}, name)
	case strings.HasPrefix(r.URL.Path, cborPrefix):
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.serveOperation(w, r, cborCodec{}, strings.TrimPrefix(r.URL.Path, cborPrefix))
	case r.URL.Path == PathAdvance:
		s.serveAdvance(w, r)
	case r.URL.Path == PathHealth:
		s.serveHealth(w, r)
	case isGameServerPath(r.URL.Path):
		s.serveGameServer(w, r)
	case r.URL.Path == PathMetrics:
		s.metrics.ServeHTTP(w, r)
	case r.URL.Path == PathEvents:
		s.serveEvents(w, r)
	case r.URL.Path == PathEventStream:
		s.serveEventStream(w, r)
	case r.URL.Path == PathStatus:
		s.serveStatus(w, r)
	case r.URL.Path == "/":
		s.serveWebPage(w, r)
	default:
		http.NotFound(w, r)
	}
}

// serveOperation runs one GameLift operation with codec c. It is the hot
// path of the server under load: the request body and the answer share a
// pooled buffer, metrics are pre-resolved per operation, and headers are
// written into the map directly (see codec.go).
func (s *Server) serveOperation(w http.ResponseWriter, r *http.Request, c codec, name string) {
	start := time.Now()
	reqID := newRequestID()
	label, metrics := unknownLabel, &s.unknownMetrics
	op, known := s.ops[name]
	if known {
		label, metrics = name, op.metrics
	}
	cb := getCallBuffer()
	defer cb.release()
	out, err := s.call(r, cb, c, name, op, known)
	status := http.StatusOK
	code := ""
	cb.buf.Reset() // the request body is done with: the buffer takes the answer
	if err == nil {
		if err = c.encode(&cb.buf, out); err != nil {
			err = fmt.Errorf("encode %s output: %w", name, err)
		}
	}
	h := w.Header()
	if err != nil {
		var msg string
		code, msg, status = wireError(err)
		cb.buf.Reset()
		c.encode(&cb.buf, errorBody{Type: code, Message: msg, Message2: msg})
		h[headerErrorType] = []string{code}
	}
	c.header(h)
	// one allocation for both per-call values; each slice is capped at
	// one element, so that an append to either cannot reach the other
	vals := []string{reqID, strconv.Itoa(cb.buf.Len())}
	h[headerRequestID] = vals[0:1:1]
	h[headerContentLength] = vals[1:2:2]
	w.WriteHeader(status)
	w.Write(cb.buf.Bytes())

	d := time.Since(start)
	s.observe(metrics, label, c, code, d)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	if ctx := r.Context(); s.log.Enabled(ctx, level) {
		s.log.LogAttrs(ctx, level, "request",
			slog.String("operation", name), slog.String("protocol", c.name()),
			slog.Int("status", status), slog.String("error", code),
			slog.Duration("duration", d), slog.String("request_id", reqID))
	}
}

// call reads the request body into cb and invokes operation name (op,
// if known) on it.
func (s *Server) call(r *http.Request, cb *callBuffer, c codec, name string, op operation, known bool) (any, error) {
	if !known {
		return s.invoke(r.Context(), c, name, nil) // the UnknownOperationException
	}
	body, err := cb.readBody(r, s.maxBody)
	if err != nil {
		return nil, &engine.Error{Code: CodeSerialization, Message: "reading the request body: " + err.Error()}
	}
	return s.run(r.Context(), c, name, op, body)
}

// invoke decodes body with codec c and runs operation name on it: the one
// path every GameLift operation takes, from HTTP or from the configuration
// file.
func (s *Server) invoke(ctx context.Context, c codec, name string, body []byte) (out any, err error) {
	op, known := s.ops[name]
	if !known && name == "" {
		return nil, &engine.Error{Code: CodeUnknownOperation, Message: "no GameLift operation named (X-Amz-Target must be GameLift.<Operation>)"}
	}
	if !known {
		return nil, &engine.Error{Code: CodeUnknownOperation, Message: fmt.Sprintf("unknown operation %q", name)}
	}
	return s.run(ctx, c, name, op, body)
}

// run is invoke of an operation known to be op. A panic in an operation is
// an InternalServiceException, not a dropped connection. body is not used
// after run returns.
func (s *Server) run(ctx context.Context, c codec, name string, op operation, body []byte) (out any, err error) {
	in := op.newInput()
	if err := c.decode(body, in); err != nil {
		return nil, &engine.Error{Code: CodeSerialization, Message: fmt.Sprintf("malformed %s input: %v", name, err)}
	}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in operation", slog.String("operation", name), slog.Any("panic", p))
			out, err = nil, &engine.Error{Code: engine.CodeInternalService, Message: "internal error"}
		}
	}()
	if s.journal != nil && op.mutates {
		jerr := s.journal.apply(time.Time{}, record{K: recordOperation, N: name, C: c.name(), B: body}, func() {
			out, err = op.call(ctx, s, in)
		})
		if jerr != nil {
			s.log.Error("journal write failed", slog.String("operation", name), slog.Any("error", jerr))
			return nil, &engine.Error{Code: engine.CodeInternalService, Message: "the server cannot record the change; nothing was changed"}
		}
		return out, err
	}
	return op.call(ctx, s, in)
}

// mutates reports whether operation name may change the state: everything
// but the Describe, List, Search, Validate and Resolve operations.
func mutates(name string) bool {
	for _, p := range []string{"Describe", "List", "Search", "Validate", "Resolve"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	return true
}

// operation is one entry of the operation table: how to make its wire
// input, and the typed handler behind an untyped call, and what is worked
// out once from the operation's name rather than on every call.
type operation struct {
	newInput func() any
	call     func(ctx context.Context, s *Server, in any) (any, error)
	// set by operations, from the name:
	mutates bool       // the journal records it
	metrics *opMetrics // its metric children
}

// op makes a table entry from a typed handler of wire input I and output O.
func op[I, O any](f func(ctx context.Context, s *Server, in *I) (*O, error)) operation {
	return operation{
		newInput: func() any { return new(I) },
		call: func(ctx context.Context, s *Server, in any) (any, error) {
			out, err := f(ctx, s, in.(*I))
			if err != nil {
				return nil, err
			}
			if out == nil {
				out = new(O)
			}
			return out, nil
		},
	}
}
