package bench

import (
	"math"
	"time"
)

// Report is everything a simulation measured. Its JSON form (WriteJSON)
// has a fixed field order and rounded numbers, so the same run and seed
// give byte-identical JSON. Times are in seconds, latencies in
// milliseconds, quality in the quality attribute's units.
type Report struct {
	Label           string       `json:"label"`
	RuleSet         string       `json:"ruleSet"` // the rule set's name field
	RuleSetFile     string       `json:"ruleSetFile"`
	Workload        string       `json:"workload"`
	Seed            uint64       `json:"seed"`
	DurationSeconds float64      `json:"durationSeconds"`
	Config          ReportConfig `json:"configuration"`
	Tickets         TicketCounts `json:"tickets"`
	Matches         MatchCounts  `json:"matches"`
	// Wait is the time from a completed ticket's start to the forming of
	// the match it completed with.
	Wait       WaitFigures        `json:"wait"`
	Pool       PoolFigures        `json:"pool"`
	Acceptance *AcceptanceFigures `json:"acceptance,omitempty"`
	Quality    *QualityFigures    `json:"quality,omitempty"`
	Latency    *LatencyFigures    `json:"latency,omitempty"`
	Placement  *PlacementFigures  `json:"placement,omitempty"`
	Rules      []RuleFigures      `json:"rules"`
	Expansion  []StepFigures      `json:"expansionSteps"`
	Timeline   Timeline           `json:"timeline"`
}

// ReportConfig is the configuration a run used.
type ReportConfig struct {
	Mode                     string  `json:"mode"`
	RequestTimeoutSeconds    int     `json:"requestTimeoutSeconds"`
	AcceptanceRequired       bool    `json:"acceptanceRequired"`
	AcceptanceTimeoutSeconds int     `json:"acceptanceTimeoutSeconds"`
	AdditionalPlayerCount    int     `json:"additionalPlayerCount"`
	TickIntervalSeconds      float64 `json:"tickIntervalSeconds"`
	SearchBudget             int     `json:"searchBudget"`
	MaxBatchSize             int     `json:"maxBatchSize"`
	ArrivalProcess           string  `json:"arrivalProcess"`
	QualityAttribute         string  `json:"qualityAttribute"`
}

// TicketCounts counts tickets by how they ended.
type TicketCounts struct {
	Arrived            int `json:"arrived"`
	Players            int `json:"players"`
	Completed          int `json:"completed"`
	TimedOut           int `json:"timedOut"`
	CancelledByPlayers int `json:"cancelledByPlayers"`
	// CancelledRejected and CancelledAcceptanceTimedOut are tickets
	// cancelled because a player rejected the match or did not answer.
	CancelledRejected           int `json:"cancelledRejected"`
	CancelledAcceptanceTimedOut int `json:"cancelledAcceptanceTimedOut"`
	Failed                      int `json:"failed"`
	// ActiveAtEnd were still queued, searching or awaiting acceptance.
	ActiveAtEnd    int     `json:"activeAtEnd"`
	CompletedShare float64 `json:"completedShare"` // of arrived tickets
	TimedOutShare  float64 `json:"timedOutShare"`
}

// MatchCounts counts matches.
type MatchCounts struct {
	Formed         int     `json:"formed"` // potential matches, accepted or not
	Completed      int     `json:"completed"`
	PlayersMatched int     `json:"playersMatched"` // in completed matches
	MeanPlayers    float64 `json:"meanPlayers"`    // per formed match
	PerMinute      float64 `json:"perMinute"`      // formed, over the run
}

// Summary describes a distribution.
type Summary struct {
	Count uint64  `json:"count"`
	Mean  float64 `json:"mean"`
	Min   float64 `json:"min"`
	P50   float64 `json:"p50"`
	P90   float64 `json:"p90"`
	P99   float64 `json:"p99"`
	Max   float64 `json:"max"`
}

// Bins is a histogram with fixed bins of Width from 0; the last bin also
// holds everything beyond it.
type Bins struct {
	Width  float64  `json:"width"`
	Counts []uint64 `json:"counts"`
}

// WaitFigures are the wait times of completed tickets, in seconds.
type WaitFigures struct {
	Seconds   Summary `json:"seconds"`
	Histogram Bins    `json:"histogram"`
}

// PoolFigures describe the tickets waiting (QUEUED or SEARCHING) after
// each tick.
type PoolFigures struct {
	Mean float64 `json:"mean"`
	Max  int     `json:"max"`
}

// AcceptanceFigures count the answers to proposed matches.
type AcceptanceFigures struct {
	Proposed int `json:"proposed"`
	Accepted int `json:"accepted"`
	Rejected int `json:"rejected"`
	TimedOut int `json:"timedOut"`
	// LateAnswers came after the match had timed out or fallen through.
	LateAnswers   int     `json:"lateAnswers"`
	AcceptedShare float64 `json:"acceptedShare"`
}

// QualityFigures measure formed matches on the quality attribute.
type QualityFigures struct {
	Attribute string `json:"attribute"`
	// TeamSpread is max − min within each team (one value per team).
	TeamSpread Summary `json:"teamSpread"`
	// TeamGap is the difference between the highest and the lowest team
	// mean of each match.
	TeamGap Summary `json:"teamGap"`
	// MatchSpread is max − min over each match's players.
	MatchSpread Summary `json:"matchSpread"`
}

// LatencyFigures are the latencies of completed players to their match's
// region, in milliseconds: the location of the game session a WITH_QUEUE
// match was placed in, or the recommended region of a STANDALONE match
// (Source says which).
type LatencyFigures struct {
	Source       string  `json:"source"`
	Milliseconds Summary `json:"milliseconds"`
	Histogram    Bins    `json:"histogram"`
}

// PlacementFigures describe the game session placements of a WITH_QUEUE
// run.
type PlacementFigures struct {
	Fulfilled     int `json:"fulfilled"`
	TimedOut      int `json:"timedOut"`
	Failed        int `json:"failed"`
	Cancelled     int `json:"cancelled"`
	SessionsEnded int `json:"sessionsEnded"`
	// WaitSeconds is the time completed tickets spent PLACING.
	WaitSeconds Summary `json:"waitSeconds"`
	// Locations are the game sessions started per location, by name.
	Locations []LocationCount `json:"locations"`
}

// LocationCount is the number of game sessions placed in a location.
type LocationCount struct {
	Location string `json:"location"`
	Sessions int    `json:"sessions"`
}

// RuleFigures count one rule's evaluations, from the events'
// ruleEvaluationMetrics: while building formed matches, and for tickets
// that timed out or were cancelled.
type RuleFigures struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Passed      int    `json:"passed"`
	Failed      int    `json:"failed"`
	EndedPassed int    `json:"endedPassed"`
	EndedFailed int    `json:"endedFailed"`
}

// StepFigures is the share of formed matches made at one expansion step:
// the step in force at the age of the match's oldest ticket.
type StepFigures struct {
	Step        int     `json:"step"`
	FromSeconds float64 `json:"fromSeconds"`
	Label       string  `json:"label"`
	Matches     int     `json:"matches"`
	Share       float64 `json:"share"`
}

// Timeline is the run in intervals.
type Timeline struct {
	IntervalSeconds float64          `json:"intervalSeconds"`
	Buckets         []TimelineBucket `json:"buckets"`
}

// TimelineBucket is one interval: what arrived, matched and ended in it,
// the wait percentiles of the tickets that completed in it, and the pool
// size after its ticks.
type TimelineBucket struct {
	Start            float64 `json:"start"`
	Arrivals         int     `json:"arrivals"`
	Players          int     `json:"players"`
	MatchesFormed    int     `json:"matchesFormed"`
	MatchesPerMinute float64 `json:"matchesPerMinute"`
	TicketsCompleted int     `json:"ticketsCompleted"`
	WaitP50          float64 `json:"waitP50"`
	WaitP90          float64 `json:"waitP90"`
	WaitP99          float64 `json:"waitP99"`
	PoolMean         float64 `json:"poolMean"`
	PoolMax          int     `json:"poolMax"`
	TimedOut         int     `json:"timedOut"`
	Cancelled        int     `json:"cancelled"`
	AcceptanceFailed int     `json:"acceptanceFailed"`
	TeamSpreadMean   float64 `json:"teamSpreadMean"`
	TeamGapMean      float64 `json:"teamGapMean"`
}

// round rounds x to d decimals.
func round(x float64, d int) float64 {
	p := math.Pow10(d)
	return math.Round(x*p) / p
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return round(float64(n)/float64(of), 4)
}

// summary describes a histogram whose values are in units of 1/scale,
// rounded to d decimals.
func summary(h *Histogram, scale float64, d int) Summary {
	f := func(v uint64) float64 { return round(float64(v)/scale, d) }
	return Summary{
		Count: h.Count(),
		Mean:  round(h.Mean()/scale, d),
		Min:   f(h.Min()),
		P50:   f(h.Quantile(0.5)),
		P90:   f(h.Quantile(0.9)),
		P99:   f(h.Quantile(0.99)),
		Max:   f(h.Max()),
	}
}

// niceWidth returns a bin width of 1, 2 or 5 times a power of ten giving
// at most n bins over span.
func niceWidth(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow10(int(math.Floor(math.Log10(raw))))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// bins spreads a histogram (values in 1/scale units) over nice bins in
// report units covering [0, span].
func bins(h *Histogram, scale, span float64, n int) Bins {
	w := niceWidth(span, n)
	count := int(math.Ceil(span/w)) + 1
	if span <= 0 {
		count = 1
	}
	return Bins{Width: w, Counts: h.Bins(uint64(math.Round(w*scale)), count)}
}

func secondsOf(d time.Duration) float64 { return round(d.Seconds(), 3) }
