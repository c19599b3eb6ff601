package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// DefaultEventLogSize is how many events an EventLog keeps by default.
const DefaultEventLogSize = 100_000

// ErrEventLogClosed is what Wait returns, once every event is read, after
// the log is closed.
var ErrEventLogClosed = errors.New("event log closed")

// EventLog is the server's log of matchmaking and placement events, in the
// order they happened, numbered from 1 by Seq. It merges the engine's and
// the placement service's events into one sequence: pass AddMatchmaking to
// engine.WithEventHandler and AddPlacement to placement.WithEventHandler.
//
// It keeps only the newest events (DefaultEventLogSize unless NewEventLog
// is told otherwise): older ones are dropped, and a reader that falls that
// far behind sees a gap in Seq. It is safe for concurrent use.
type EventLog struct {
	heartbeat time.Duration // between comments on an idle SSE stream

	mu     sync.Mutex
	buf    []LoggedEvent // a ring of at most max events once full
	max    int
	start  int    // index in buf of the oldest event
	last   uint64 // Seq of the newest event; 0 before the first
	wake   chan struct{}
	closed bool
}

// LoggedEvent is one event of an EventLog.
type LoggedEvent struct {
	Seq uint64
	// JSON is the event exactly as AWS documents it (the EventBridge
	// envelope, without seq), marshalled once when it was logged. It must
	// not be modified.
	JSON       json.RawMessage
	DetailType string // "GameLift Matchmaking Event" or "GameLift Queue Placement Event"
	Type       string // detail.type, such as MatchmakingSucceeded
	ID         string // the envelope's id
	Time       string // the envelope's time (ISO-8601 UTC with milliseconds)
	Resource   string // resources[0]: the configuration's or the queue's ARN
}

// MarshalJSON returns the event as the event endpoints serve it: the
// envelope with "seq" as its first field.
func (ev LoggedEvent) MarshalJSON() ([]byte, error) {
	return ev.appendWire(nil), nil
}

// appendWire appends {"seq":N, ...envelope} to dst.
func (ev LoggedEvent) appendWire(dst []byte) []byte {
	dst = append(dst, `{"seq":`...)
	dst = strconv.AppendUint(dst, ev.Seq, 10)
	if len(ev.JSON) <= 2 { // "{}", or none
		return append(dst, '}')
	}
	dst = append(dst, ',')
	return append(dst, ev.JSON[1:]...)
}

// NewEventLog returns an empty log that keeps the newest max events
// (DefaultEventLogSize if max <= 0).
func NewEventLog(max int) *EventLog {
	if max <= 0 {
		max = DefaultEventLogSize
	}
	return &EventLog{max: max, heartbeat: DefaultEventStreamHeartbeat}
}

// AddMatchmaking logs a matchmaking event. The engine calls it under its
// lock: it only marshals the event and appends it.
func (l *EventLog) AddMatchmaking(ev engine.Event) {
	l.add(LoggedEvent{DetailType: ev.DetailType, Type: ev.Detail.Type, ID: ev.ID, Time: ev.Time,
		Resource: firstResource(ev.Resources)}, ev)
}

// AddPlacement logs a queue placement event.
func (l *EventLog) AddPlacement(ev placement.Event) {
	l.add(LoggedEvent{DetailType: ev.DetailType, Type: ev.Detail.Type, ID: ev.ID, Time: ev.Time,
		Resource: firstResource(ev.Resources)}, ev)
}

func firstResource(rs []string) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[0]
}

var encodeBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// add marshals v into le.JSON, numbers le and appends it.
func (l *EventLog) add(le LoggedEvent, v any) {
	b := encodeBuffers.Get().(*bytes.Buffer)
	b.Reset()
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// The event types marshal without error; should one ever fail,
		// the log still holds a well-formed entry in its place.
		b.Reset()
		b.WriteString(`{"error":`)
		q, _ := json.Marshal("flexsim could not marshal the event: " + err.Error())
		b.Write(q)
		b.WriteString("}\n")
	}
	le.JSON = bytes.Clone(bytes.TrimSuffix(b.Bytes(), []byte{'\n'}))
	encodeBuffers.Put(b)

	l.mu.Lock()
	l.last++
	le.Seq = l.last
	if len(l.buf) < l.max {
		l.buf = append(l.buf, le)
	} else {
		l.buf[l.start] = le
		l.start = (l.start + 1) % l.max
	}
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
	l.mu.Unlock()
}

// Last returns the Seq of the newest event, 0 if there is none yet.
func (l *EventLog) Last() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last
}

// After returns, oldest first, at most limit of the kept events whose Seq
// is greater than seq (every one of them if limit <= 0). If events after
// seq were dropped, the first one returned is the oldest kept.
func (l *EventLog) After(seq uint64, limit int) []LoggedEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.afterLocked(seq, limit)
}

func (l *EventLog) afterLocked(seq uint64, limit int) []LoggedEvent {
	n := uint64(len(l.buf))
	if seq >= l.last || n == 0 {
		return nil
	}
	first := l.last - n + 1
	from := max(seq+1, first)
	count := l.last - from + 1
	if limit > 0 && count > uint64(limit) {
		count = uint64(limit)
	}
	out := make([]LoggedEvent, 0, count)
	i := (l.start + int(from-first)) % len(l.buf)
	for range count {
		out = append(out, l.buf[i])
		if i++; i == len(l.buf) {
			i = 0
		}
	}
	return out
}

// Wait is After that waits, until ctx ends, for at least one event after
// seq. When ctx ends first it returns no events and ctx's error; when the
// log is closed and has nothing after seq, ErrEventLogClosed.
func (l *EventLog) Wait(ctx context.Context, seq uint64, limit int) ([]LoggedEvent, error) {
	for {
		l.mu.Lock()
		evs := l.afterLocked(seq, limit)
		closed := l.closed
		if len(evs) == 0 && !closed && l.wake == nil {
			l.wake = make(chan struct{})
		}
		wake := l.wake
		l.mu.Unlock()
		switch {
		case len(evs) > 0:
			return evs, nil
		case closed:
			return nil, ErrEventLogClosed
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Close wakes every Wait and makes waits on an exhausted log return
// ErrEventLogClosed at once, which ends the long polls and event streams
// of the HTTP endpoints: call it when the server shuts down (for instance
// with http.Server.RegisterOnShutdown). Events added after Close are still
// logged.
func (l *EventLog) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
}

// WithEventLog makes the server serve l at GET /_flexsim/events and
// GET /_flexsim/events/stream. Without it both answer 404. The server only
// reads l: pass l.AddMatchmaking and l.AddPlacement to the engine and the
// placement service as their event handlers.
func WithEventLog(l *EventLog) Option { return func(s *Server) { s.events = l } }
