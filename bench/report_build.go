package bench

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// Histogram bins of the report's charts.
const (
	waitBins    = 60
	latencyBins = 40
)

// report builds the run's report from its aggregates.
func (s *sim) report(seed uint64) *Report {
	c, w := s.stats, s.w
	m := w.Matchmaking
	r := &Report{
		Label:           runLabel(s.run),
		RuleSet:         s.rs.Name,
		RuleSetFile:     s.run.RuleSetFile,
		Workload:        w.Name,
		Seed:            seed,
		DurationSeconds: secondsOf(s.total),
		Config: ReportConfig{
			Mode:                  m.Mode,
			RequestTimeoutSeconds: int(m.RequestTimeout / time.Second),
			AcceptanceRequired:    m.AcceptanceRequired,
			AdditionalPlayerCount: m.AdditionalPlayerCount,
			TickIntervalSeconds:   secondsOf(w.Engine.TickInterval),
			SearchBudget:          w.Engine.SearchBudget,
			MaxBatchSize:          w.Engine.MaxBatchSize,
			ArrivalProcess:        w.Arrivals.Process,
			QualityAttribute:      s.quality,
		},
	}
	if m.AcceptanceRequired {
		r.Config.AcceptanceTimeoutSeconds = int(m.AcceptanceTimeout / time.Second)
	}
	active := 0
	for _, st := range []ticket.Status{ticket.Queued, ticket.Searching, ticket.RequiresAcceptance, ticket.Placing} {
		active += s.status[statusIndex(st)]
	}
	r.Tickets = TicketCounts{
		Arrived:                     c.arrived,
		Players:                     c.playersArrived,
		Completed:                   c.completedTickets,
		TimedOut:                    c.timedOutN,
		CancelledByPlayers:          c.cancelledByPlayers,
		CancelledRejected:           c.cancelledRejected,
		CancelledAcceptanceTimedOut: c.cancelledAccTO,
		Failed:                      c.failed,
		ActiveAtEnd:                 active,
		CompletedShare:              share(c.completedTickets, c.arrived),
		TimedOutShare:               share(c.timedOutN, c.arrived),
	}
	r.Matches = MatchCounts{
		Formed:         c.matchesFormed,
		Completed:      c.matchesCompleted,
		PlayersMatched: c.playersMatched,
		PerMinute:      round(float64(c.matchesFormed)/s.total.Minutes(), 2),
	}
	if c.matchesFormed > 0 {
		r.Matches.MeanPlayers = round(float64(c.formedPlayers)/float64(c.matchesFormed), 2)
	}
	r.Wait = WaitFigures{
		Seconds:   summary(&c.wait, 1000, 3),
		Histogram: bins(&c.wait, 1000, m.RequestTimeout.Seconds(), waitBins),
	}
	if c.poolSamples > 0 {
		r.Pool = PoolFigures{Mean: round(c.poolSum/float64(c.poolSamples), 2), Max: c.poolMax}
	}
	if m.AcceptanceRequired {
		r.Acceptance = &AcceptanceFigures{
			Proposed:      c.proposed,
			Accepted:      c.accepted,
			Rejected:      c.rejected,
			TimedOut:      c.acceptanceTimedOut,
			LateAnswers:   c.lateAnswers,
			AcceptedShare: share(c.accepted, c.proposed),
		}
	}
	if s.quality != "" {
		r.Quality = &QualityFigures{
			Attribute:   s.quality,
			TeamSpread:  summary(&c.teamSpreads, 100, 2),
			TeamGap:     summary(&c.teamGaps, 100, 2),
			MatchSpread: summary(&c.matchSpreads, 100, 2),
		}
	}
	if c.latency.Count() > 0 {
		source := "recommended region"
		if s.hosting != nil {
			source = "game session location"
		}
		r.Latency = &LatencyFigures{
			Source:       source,
			Milliseconds: summary(&c.latency, 1, 2),
			Histogram:    bins(&c.latency, 1, float64(c.latency.Quantile(0.99)), latencyBins),
		}
	}
	if s.hosting != nil {
		pf := &PlacementFigures{
			Fulfilled:     c.placementsFulfilled,
			TimedOut:      c.placementsTimedOut,
			Failed:        c.placementsFailed,
			Cancelled:     c.placementsCancelled,
			SessionsEnded: c.sessionsEnded,
			WaitSeconds:   summary(&c.placementWait, 1000, 3),
			Locations:     []LocationCount{},
		}
		for _, loc := range slices.Sorted(maps.Keys(c.sessionLocations)) {
			pf.Locations = append(pf.Locations, LocationCount{Location: loc, Sessions: c.sessionLocations[loc]})
		}
		r.Placement = pf
	}
	r.Rules = make([]RuleFigures, len(c.rules))
	for i, rc := range c.rules {
		r.Rules[i] = RuleFigures{Name: rc.name, Type: rc.typ, Passed: rc.passed, Failed: rc.failed, EndedPassed: rc.endedPassed, EndedFailed: rc.endedFailed}
	}
	r.Expansion = make([]StepFigures, len(c.stages))
	for i, st := range c.stages {
		r.Expansion[i] = StepFigures{
			Step:        i,
			FromSeconds: secondsOf(st.From),
			Label:       stepLabel(s.rs, st.From, i),
			Matches:     c.stepMatches[i],
			Share:       share(c.stepMatches[i], c.matchesFormed),
		}
	}
	r.Timeline = s.timeline()
	return r
}

// stepLabel names an expansion step by the values that change at it.
func stepLabel(rs *ruleset.RuleSet, from time.Duration, i int) string {
	if i == 0 && from == 0 {
		var parts []string
		for _, e := range rs.Expansions {
			for _, st := range e.Steps {
				if st.WaitTime == 0 {
					parts = append(parts, fmt.Sprintf("%s = %g", e.Target, st.Value))
				}
			}
		}
		if len(parts) == 0 {
			return "base"
		}
		return "base, " + strings.Join(parts, ", ")
	}
	var parts []string
	for _, e := range rs.Expansions {
		for _, st := range e.Steps {
			if st.WaitTime == from {
				parts = append(parts, fmt.Sprintf("%s = %g", e.Target, st.Value))
			}
		}
	}
	return fmt.Sprintf("after %v: %s", from, strings.Join(parts, ", "))
}

// timeline renders the buckets.
func (s *sim) timeline() Timeline {
	c := s.stats
	t := Timeline{IntervalSeconds: seconds(c.interval), Buckets: make([]TimelineBucket, len(c.buckets))}
	for i := range c.buckets {
		b := &c.buckets[i]
		start := int64(i) * c.interval
		width := min(c.interval, s.end-start)
		tb := TimelineBucket{
			Start:            seconds(start),
			Arrivals:         b.arrivals,
			Players:          b.players,
			MatchesFormed:    b.formed,
			TicketsCompleted: b.ticketsCompleted,
			WaitP50:          round(float64(b.wait.Quantile(0.5))/1000, 3),
			WaitP90:          round(float64(b.wait.Quantile(0.9))/1000, 3),
			WaitP99:          round(float64(b.wait.Quantile(0.99))/1000, 3),
			PoolMax:          b.poolMax,
			TimedOut:         b.timedOut,
			Cancelled:        b.cancelled,
			AcceptanceFailed: b.accFailed,
		}
		if width > 0 {
			tb.MatchesPerMinute = round(float64(b.formed)*60000/float64(width), 2)
		}
		if b.poolSamples > 0 {
			tb.PoolMean = round(b.poolSum/float64(b.poolSamples), 2)
		}
		if b.teams > 0 {
			tb.TeamSpreadMean = round(b.spreadSum/float64(b.teams), 2)
		}
		if b.quality > 0 {
			tb.TeamGapMean = round(b.gapSum/float64(b.quality), 2)
		}
		t.Buckets[i] = tb
	}
	return t
}
