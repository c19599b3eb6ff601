package api

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// GCPercent is the garbage collector's target (GOGC) that `flexsim serve`
// runs with unless the environment sets GOGC. A server under load
// allocates for every call while its pool of tickets grows; at 400 the
// collector takes about a fifth less CPU per call than at Go's default of
// 100, for a heap up to five times the live data. OpenLocal does not set
// it: the process's owner does (runtime/debug.SetGCPercent).
const GCPercent = 400

// LocalOptions are the settings of a whole local GameLift, what
// `flexsim serve` runs. Zero values take the defaults noted.
type LocalOptions struct {
	Region  string // engine.DefaultRegion
	Account string // engine.DefaultAccount
	// Virtual puts the engine and the placement service on a virtual clock
	// that moves only on POST /_flexsim/clock/advance.
	Virtual bool
	// Start is the virtual clock's first reading (default: now, to the
	// millisecond). A data directory keeps the clock of its first run.
	Start time.Time
	Tick  time.Duration // tick interval of matchmaker and queues: engine.DefaultTickInterval
	Seed  uint64        // seed of generated IDs
	// DataDir, if set, keeps the state in a journal there: a restarted
	// server (even after SIGKILL) replays it and answers as before.
	DataDir      string
	EventLogSize int          // DefaultEventLogSize
	Sinks        []SinkConfig // HTTP endpoints events are delivered to
	Logger       *slog.Logger // discards by default
	// Registry receives the engine's, the server's and the sinks' metrics;
	// a new one (with Go and process collectors) by default.
	Registry *prometheus.Registry
}

// Local is a running local GameLift: an engine and a placement service on
// one clock, their event log, the endpoint serving them, the sinks events
// are delivered to and, with a data directory, the journal that keeps it
// all across restarts. Serve Server with net/http or httptest.
type Local struct {
	Server  *Server
	Engine  *engine.Engine
	Hosting *placement.Service
	Events  *EventLog
	// Clock is the virtual clock, nil on the real clock.
	Clock *engine.VirtualClock
	// Replayed is how many journal records were replayed at start.
	Replayed int

	journal *journal
	sinks   *Sinks
	cursors *fileCursors
}

// OpenLocal builds a local GameLift from o. With a data directory it
// replays the journal there before it returns, so that the state is the
// one the last run acknowledged; the error of an unreadable journal or of a
// journal made with other settings names the file.
func OpenLocal(o LocalOptions) (*Local, error) {
	if o.Region == "" {
		o.Region = engine.DefaultRegion
	}
	if o.Account == "" {
		o.Account = engine.DefaultAccount
	}
	if o.Tick <= 0 {
		o.Tick = engine.DefaultTickInterval
	}
	if o.Start.IsZero() {
		o.Start = time.Now()
	}
	o.Start = o.Start.UTC().Truncate(time.Millisecond)
	if o.EventLogSize <= 0 {
		o.EventLogSize = DefaultEventLogSize
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Registry == nil {
		o.Registry = prometheus.NewRegistry()
		o.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	l := &Local{Events: NewEventLog(o.EventLogSize)}
	var recs []record
	var base engine.Clock = engine.RealClock{}
	clock := base // what engine and placement run on
	var jc *journalClock
	if o.DataDir != "" {
		j, rs, err := openJournal(o.DataDir, journalHeader{
			Region: o.Region, Account: o.Account, Clock: clockName(o.Virtual),
			Tick: o.Tick.String(), Seed: o.Seed, Start: o.Start.UnixNano(),
		})
		if err != nil {
			return nil, err
		}
		l.journal, recs = j, rs
		o.Start = time.Unix(0, j.header.Start).UTC()
		jc = &journalClock{j: j, log: o.Logger, at: o.Start}
		clock = jc // its base clock is made after the replay
	} else if o.Virtual {
		l.Clock = engine.NewVirtualClock(o.Start)
		base, clock = l.Clock, l.Clock
	}

	l.Hosting = placement.New(placement.WithClock(clock), placement.WithTickInterval(o.Tick),
		placement.WithRegion(o.Region), placement.WithAccount(o.Account), placement.WithSeed(o.Seed),
		placement.WithEventHandler(l.Events.AddPlacement))
	l.Engine = engine.New(engine.WithClock(clock), engine.WithTickInterval(o.Tick),
		engine.WithRegion(o.Region), engine.WithAccount(o.Account), engine.WithSeed(o.Seed),
		engine.WithPlacer(l.Hosting), engine.WithRegisterer(o.Registry),
		engine.WithEventHandler(l.Events.AddMatchmaking), engine.WithEventLogSize(0)) // the server's log keeps them
	if jc != nil {
		// placement.New registered timer 0 and engine.New timer 1: ticks
		// that would change nothing are neither journaled nor run
		jc.skipQuietTicks(0, l.Hosting.Quiet)
		jc.skipQuietTicks(1, l.Engine.Quiet)
	}
	opts := []Option{WithRegistry(o.Registry), WithLogger(o.Logger), WithEventLog(l.Events)}
	if l.Clock != nil {
		opts = append(opts, WithVirtualClock(l.Clock))
	}
	l.Server = New(l.Engine, l.Hosting, opts...)

	if jc != nil {
		if err := l.replay(jc, recs); err != nil {
			l.Close()
			return nil, err
		}
		last := jc.Now()
		if o.Virtual {
			// a clock whose timers fall due at start + k·tick, as in the
			// first run, moved to the last reading without running any
			l.Clock = engine.NewVirtualClock(tickPhase(o.Start, last, o.Tick))
			l.Server.clock = l.Clock
			base = l.Clock
		}
		jc.goLive(base)
		if l.Clock != nil {
			l.Clock.Set(last)
		}
		l.Server.journal = jc
	}
	sinkOpts := SinkOptions{Logger: o.Logger, Registry: o.Registry, Topics: NotificationTargets(l.Engine, l.Hosting, DefaultTopicCacheTTL)}
	if o.DataDir != "" {
		l.cursors = openFileCursors(o.DataDir)
		sinkOpts.Cursors = l.cursors
	}
	l.sinks = StartSinks(l.Events, o.Sinks, sinkOpts)
	return l, nil
}

// replay applies the journal's records in order.
func (l *Local) replay(jc *journalClock, recs []record) error {
	for i, rec := range recs {
		switch rec.K {
		case recordOperation:
			c, ok := codecNamed(rec.C)
			if !ok {
				return fmt.Errorf("%s: record %d: unknown codec %q", jc.j.path, i+2, rec.C)
			}
			jc.replay(rec, func() { l.Server.invoke(context.Background(), c, rec.N, rec.B) })
		case recordTick:
			var f func(time.Time)
			if idx, err := strconv.Atoi(rec.N); err == nil {
				f = jc.timer(idx)
			}
			if f == nil {
				return fmt.Errorf("%s: record %d: no timer %q", jc.j.path, i+2, rec.N)
			}
			jc.replay(rec, func() { f(time.Unix(0, rec.T).UTC()) })
		case recordGameServer:
			jc.replay(rec, func() { l.Server.gameServerCall(rec.N, rec.B) })
		case recordClock:
			jc.replay(rec, func() {})
		default:
			return fmt.Errorf("%s: record %d: unknown kind %q", jc.j.path, i+2, rec.K)
		}
	}
	l.Replayed = len(recs)
	return nil
}

// tickPhase returns the last time start + k·tick at or before now.
func tickPhase(start, now time.Time, tick time.Duration) time.Time {
	if !now.After(start) {
		return start
	}
	return start.Add(now.Sub(start) / tick * tick)
}

func clockName(virtual bool) string {
	if virtual {
		return "virtual"
	}
	return "real"
}

// Close stops the sinks, the engine and the placement service and closes
// the journal.
func (l *Local) Close() error {
	if l.sinks != nil {
		l.sinks.Close()
	}
	if l.cursors != nil {
		l.cursors.flush()
	}
	l.Engine.Close()
	l.Hosting.Close()
	if l.journal != nil {
		return l.journal.close()
	}
	return nil
}
