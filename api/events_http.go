package api

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Paths of the event endpoints.
const (
	PathEvents      = "/_flexsim/events"
	PathEventStream = "/_flexsim/events/stream"
)

// Limits and defaults of the event endpoints.
const (
	// DefaultEventsLimit is how many events GET /_flexsim/events returns
	// when limit is not given; MaxEventsLimit is the most it returns.
	DefaultEventsLimit = 1000
	MaxEventsLimit     = 10_000
	// MaxEventsWait is the longest long poll (the wait parameter).
	MaxEventsWait = 60 * time.Second
	// DefaultEventStreamHeartbeat is how often an idle event stream gets
	// a comment line, which keeps proxies from closing it.
	DefaultEventStreamHeartbeat = 15 * time.Second
	// HeaderLastSeq is the response header of GET /_flexsim/events that
	// holds the Seq of the newest event logged, whatever the list holds.
	HeaderLastSeq = "X-Flexsim-Last-Seq"
	// eventStreamBatch is how many events the stream reads at a time.
	eventStreamBatch = 256
)

// eventsParams are the query parameters of the event endpoints.
type eventsParams struct {
	after uint64
	limit int
	wait  time.Duration
}

// serveEvents answers GET /_flexsim/events?after=&limit=&wait= with a JSON
// list of the events after `after`, each the documented envelope with
// "seq" as its first field. With wait, it long-polls: it answers as soon as
// there is one event, or with [] when wait runs out.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !s.eventsRequest(w, r) {
		return
	}
	p, err := parseEventsParams(r.URL.Query(), "after", "limit", "wait")
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	evs := s.events.After(p.after, p.limit)
	if len(evs) == 0 && p.wait > 0 {
		ctx, cancel := context.WithTimeout(r.Context(), p.wait)
		evs, _ = s.events.Wait(ctx, p.after, p.limit) // none on timeout, client gone or shutdown
		cancel()
	}
	body := make([]byte, 0, 64+len(evs)*512)
	body = append(body, '[')
	for i, ev := range evs {
		if i > 0 {
			body = append(body, ',')
		}
		body = ev.appendWire(body)
	}
	body = append(body, "]\n"...)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set(HeaderLastSeq, strconv.FormatUint(s.events.Last(), 10))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// serveEventStream answers GET /_flexsim/events/stream?after= with a
// Server-Sent Events stream of the events after `after` (or after the
// Last-Event-ID header, which a reconnecting EventSource sends and which
// takes precedence), then of every new event as it is logged: for each,
//
//	id: <seq>
//	event: <detail.type>
//	data: <the envelope with "seq", on one line>
//
// An idle stream gets a comment line every DefaultEventStreamHeartbeat. It
// ends when the client goes away or the event log is closed.
func (s *Server) serveEventStream(w http.ResponseWriter, r *http.Request) {
	if !s.eventsRequest(w, r) {
		return
	}
	p, err := parseEventsParams(r.URL.Query(), "after")
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		if p.after, err = strconv.ParseUint(strings.TrimSpace(id), 10, 64); err != nil {
			writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("Last-Event-ID %q is not an event seq (a non-negative integer)", id))
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	if _, err := w.Write([]byte(": flexsim event stream\n\n")); err != nil || rc.Flush() != nil {
		return
	}
	var buf []byte
	for {
		ctx, cancel := context.WithTimeout(r.Context(), s.events.heartbeat)
		evs, err := s.events.Wait(ctx, p.after, eventStreamBatch)
		cancel()
		switch {
		case errors.Is(err, ErrEventLogClosed) || r.Context().Err() != nil:
			return
		case err != nil: // the heartbeat's timeout
			if _, err := w.Write([]byte(": heartbeat\n\n")); err != nil || rc.Flush() != nil {
				return
			}
			continue
		}
		for _, ev := range evs {
			buf = appendSSE(buf[:0], ev)
			if _, err := w.Write(buf); err != nil || rc.Flush() != nil {
				return
			}
			p.after = ev.Seq
		}
	}
}

// appendSSE appends ev as one Server-Sent Event to dst.
func appendSSE(dst []byte, ev LoggedEvent) []byte {
	dst = append(dst, "id: "...)
	dst = strconv.AppendUint(dst, ev.Seq, 10)
	if ev.Type != "" {
		dst = append(dst, "\nevent: "...)
		dst = append(dst, ev.Type...)
	}
	dst = append(dst, "\ndata: "...)
	dst = ev.appendWire(dst)
	return append(dst, "\n\n"...)
}

// eventsRequest answers the requests the event endpoints refuse: without an
// event log, and other methods than GET. It reports whether to go on.
func (s *Server) eventsRequest(w http.ResponseWriter, r *http.Request) bool {
	if s.events == nil {
		writeAdminError(w, http.StatusNotFound, "the event log is not enabled on this server")
		return false
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeAdminError(w, http.StatusMethodNotAllowed, "use GET")
		return false
	}
	return true
}

// parseEventsParams reads the query parameters named in known (of after,
// limit and wait); any other parameter is an error.
func parseEventsParams(q url.Values, known ...string) (eventsParams, error) {
	p := eventsParams{limit: DefaultEventsLimit}
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if !slices.Contains(known, name) {
			return p, fmt.Errorf("unknown query parameter %q (known: %s)", name, strings.Join(known, ", "))
		}
		vs := q[name]
		if len(vs) > 1 {
			return p, fmt.Errorf("query parameter %q is given %d times", name, len(vs))
		}
		v := vs[0]
		var err error
		switch name {
		case "after":
			if p.after, err = strconv.ParseUint(v, 10, 64); err != nil {
				return p, fmt.Errorf("after=%q is not an event seq (a non-negative integer)", v)
			}
		case "limit":
			if p.limit, err = strconv.Atoi(v); err != nil || p.limit < 1 || p.limit > MaxEventsLimit {
				return p, fmt.Errorf("limit=%q must be an integer from 1 to %d", v, MaxEventsLimit)
			}
		case "wait":
			if p.wait, err = parseWait(v); err != nil {
				return p, fmt.Errorf("wait=%q %v", v, err)
			}
		}
	}
	return p, nil
}

// parseWait reads a wait: seconds (such as 30 or 0.5) or a Go duration
// (such as 30s or 500ms), from 0 to MaxEventsWait.
func parseWait(v string) (time.Duration, error) {
	var d time.Duration
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(secs) || secs < 0 || secs > MaxEventsWait.Seconds() {
			return 0, fmt.Errorf("must be from 0 to %g seconds", MaxEventsWait.Seconds())
		}
		d = time.Duration(secs * float64(time.Second))
	} else if d, err = time.ParseDuration(v); err != nil {
		return 0, errors.New("must be seconds (such as 30) or a duration (such as 30s or 500ms)")
	}
	if d < 0 || d > MaxEventsWait {
		return 0, fmt.Errorf("must be from 0 to %v", MaxEventsWait)
	}
	return d, nil
}
