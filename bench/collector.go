package bench

import (
	"math"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ruleset"
)

// collector holds a run's streaming aggregates: counters, fixed-bucket
// histograms and per-interval buckets, so its memory does not grow with
// the number of tickets.
type collector struct {
	interval int64 // ms
	buckets  []bucket

	arrived, playersArrived           int
	completedTickets, playersMatched  int
	timedOutN, failed                 int
	cancelledByPlayers                int
	cancelledRejected, cancelledAccTO int
	matchesFormed, matchesCompleted   int
	formedPlayers                     int
	proposed, accepted, rejected      int
	acceptanceTimedOut, lateAnswers   int

	wait                                Histogram // ms
	teamSpreads, teamGaps, matchSpreads Histogram // hundredths
	latency                             Histogram // ms
	poolMax, poolSamples                int
	poolSum                             float64
	rules                               []ruleCounts
	ruleIndex                           map[string]int
	stages                              []ruleset.Stage
	stepMatches                         []int

	// WITH_QUEUE: placement outcomes, game sessions by location, the time
	// from PLACING to COMPLETED (ms).
	placementsFulfilled, placementsTimedOut int
	placementsFailed, placementsCancelled   int
	sessionsEnded                           int
	sessionLocations                        map[string]int
	placementWait                           Histogram
}

// ruleCounts are one rule's evaluations in formed matches and in tickets
// that timed out or were cancelled.
type ruleCounts struct {
	name, typ                string
	passed, failed           int
	endedPassed, endedFailed int
}

// bucket is one interval of the timeline.
type bucket struct {
	arrivals, players              int
	formed, matchesCompleted       int
	ticketsCompleted               int
	timedOut, cancelled, accFailed int
	wait                           Histogram
	poolSum                        float64
	poolSamples, poolMax           int
	spreadSum, gapSum              float64
	teams, quality                 int
}

// bucketIntervals are the candidate timeline intervals, smallest first.
var bucketIntervals = []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour}

// maxBuckets is the most timeline buckets the default interval gives.
const maxBuckets = 90

// timelineInterval is the workload's report interval, or the smallest
// candidate giving at most maxBuckets buckets.
func timelineInterval(w *Workload, total time.Duration) time.Duration {
	if w.Report.Interval > 0 {
		return w.Report.Interval
	}
	for _, d := range bucketIntervals {
		if (total+d-1)/d <= maxBuckets {
			return d
		}
	}
	return ((total/maxBuckets + time.Hour - 1) / time.Hour) * time.Hour
}

func newCollector(rs *ruleset.RuleSet, w *Workload, total time.Duration) *collector {
	iv := timelineInterval(w, total)
	n := int((total + iv - 1) / iv)
	c := &collector{
		interval:  iv.Milliseconds(),
		buckets:   make([]bucket, max(n, 1)),
		ruleIndex: map[string]int{},
		stages:    rs.Stages(),

		sessionLocations: map[string]int{},
	}
	c.stepMatches = make([]int, len(c.stages))
	for _, r := range rs.Rules {
		if r.IsSort() {
			continue
		}
		c.ruleIndex[r.Name] = len(c.rules)
		c.rules = append(c.rules, ruleCounts{name: r.Name, typ: string(r.Type)})
	}
	return c
}

func (c *collector) at(now int64) *bucket {
	i := int(now / c.interval)
	return &c.buckets[min(max(i, 0), len(c.buckets)-1)]
}

func (c *collector) arrival(now int64, players int) {
	c.arrived++
	c.playersArrived += players
	b := c.at(now)
	b.arrivals++
	b.players += players
}

// formed counts a potential match, its rule evaluations and the expansion
// step its oldest ticket's age puts it at.
func (c *collector) formed(now int64, metrics []engine.RuleMetric, players int, age time.Duration) {
	c.matchesFormed++
	c.formedPlayers += players
	c.at(now).formed++
	for _, m := range metrics {
		if i, ok := c.ruleIndex[m.RuleName]; ok {
			c.rules[i].passed += m.PassedCount
			c.rules[i].failed += m.FailedCount
		}
	}
	step := 0
	for i, st := range c.stages {
		if st.From <= age {
			step = i
		}
	}
	c.stepMatches[step]++
}

// ended adds the rule evaluations of tickets that timed out or were
// cancelled.
func (c *collector) ended(metrics []engine.RuleMetric) {
	for _, m := range metrics {
		if i, ok := c.ruleIndex[m.RuleName]; ok {
			c.rules[i].endedPassed += m.PassedCount
			c.rules[i].endedFailed += m.FailedCount
		}
	}
}

func (c *collector) teamSpread(now int64, v float64) {
	c.teamSpreads.Add(hundredths(v))
	b := c.at(now)
	b.spreadSum += v
	b.teams++
}

func (c *collector) matchQuality(now int64, span, gap float64) {
	c.matchSpreads.Add(hundredths(span))
	c.teamGaps.Add(hundredths(gap))
	b := c.at(now)
	b.gapSum += gap
	b.quality++
}

func hundredths(v float64) uint64 { return uint64(math.Round(max(v, 0) * 100)) }

// completed records a ticket that completed after waiting wait ms for its
// match.
func (c *collector) completed(now, wait int64, players int) {
	c.completedTickets++
	c.playersMatched += players
	w := uint64(max(wait, 0))
	c.wait.Add(w)
	b := c.at(now)
	b.ticketsCompleted++
	b.wait.Add(w)
}

func (c *collector) matchCompleted(now int64) {
	c.matchesCompleted++
	c.at(now).matchesCompleted++
}

func (c *collector) timedOut(now int64) {
	c.timedOutN++
	c.at(now).timedOut++
}

func (c *collector) cancelled(now int64, reason string) {
	b := c.at(now)
	switch reason {
	case reasonCancelled:
		c.cancelledByPlayers++
		b.cancelled++
	case reasonRejected:
		c.cancelledRejected++
		b.accFailed++
	default:
		c.cancelledAccTO++
		b.accFailed++
	}
}

func (c *collector) acceptanceDone(now int64, acceptance string) {
	switch acceptance {
	case acceptanceAccepted:
		c.accepted++
	case acceptanceRejected:
		c.rejected++
	default:
		c.acceptanceTimedOut++
	}
}

func (c *collector) poolSample(now int64, pool int) {
	c.poolMax = max(c.poolMax, pool)
	c.poolSum += float64(pool)
	c.poolSamples++
	b := c.at(now)
	b.poolSum += float64(pool)
	b.poolSamples++
	b.poolMax = max(b.poolMax, pool)
}
