package bench

import (
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// Workload describes the players a simulation sends to the matchmaker and
// the configuration it matches them with. ParseWorkload reads it from a
// YAML file; every field has a default (DefaultWorkload gives them all).
// The field comments give each YAML key and its default.
type Workload struct {
	// Name (name) labels reports. Default: the file's base name without
	// its extension.
	Name string
	// RuleSet (ruleSet) is the path of a rule-set file, relative to the
	// workload file. Default: none (the command's --ruleset, or its
	// embedded default rule set).
	RuleSet string
	// Duration (duration) is the simulated time. Default 5m.
	Duration time.Duration
	// Arrivals (arrivals) is when tickets arrive.
	Arrivals Arrivals
	// Players (players) is who is on a ticket.
	Players Players
	// Regions (regions) are where players live and their latencies.
	// Default: DefaultRegions. An empty mapping ({}) means players report
	// no latencies.
	Regions []Region
	// Acceptance (acceptance) is how players answer a proposed match when
	// the configuration requires acceptance.
	Acceptance Acceptance
	// Cancel (cancel) is how many players give up waiting, and when.
	Cancel Cancel
	// Matchmaking (matchmaking) is the matchmaking configuration.
	Matchmaking Matchmaking
	// Placement (placement) is the game session placement of a WITH_QUEUE
	// configuration; nil for STANDALONE.
	Placement *PlacementSettings
	// Engine (engine) holds the matchmaker's own settings.
	Engine EngineSettings
	// Report (report) shapes the report.
	Report ReportSettings

	// File is the file the workload was read from ("" when built in code).
	File string
	pos  map[string]pos // positions of fields, for errors found later
}

// Arrival processes.
const (
	ProcessPoisson  = "poisson"  // exponential gaps: a Poisson process at the rate
	ProcessConstant = "constant" // evenly spaced at the rate
)

// Arrivals is the arrival rate over time: a constant Rate, a piecewise
// linear Ramp or a Daily curve (exactly one; default rate 10), and the
// Process that turns the rate into arrival times.
type Arrivals struct {
	// Process (process) is poisson (default) or constant.
	Process string
	// Rate (rate) is a constant rate in tickets per second. Default 10
	// when neither ramp nor daily is given.
	Rate float64
	// Ramp (ramp) is a list of {at, rate} points: the rate is interpolated
	// linearly between them and held before the first and after the last.
	Ramp []RampPoint
	// Daily (daily) is a daily curve.
	Daily *Daily
}

// RampPoint is a point of a ramp: the rate at a time.
type RampPoint struct {
	// At (at) is the time since the start, a duration.
	At time.Duration
	// Rate (rate) is tickets per second at At.
	Rate float64
}

// Daily is a daily curve: a cosine between Trough and Peak over Period,
// highest at PeakAt, with the simulation starting at time of day Start.
type Daily struct {
	// Peak (peak) is the rate at the busiest time, in tickets per second.
	// Required.
	Peak float64
	// Trough (trough) is the rate at the quietest time. Default 0.
	Trough float64
	// PeakAt (peakAt) is the time of day of the peak. Default 20h.
	PeakAt time.Duration
	// Start (start) is the time of day the simulation starts. Default 0
	// (midnight).
	Start time.Duration
	// Period (period) is the length of a day. Default 24h (shorter days
	// compress a day's curve into a short run).
	Period time.Duration
}

// Players describes the players of a ticket.
type Players struct {
	// PartySize (partySize) is the number of players per ticket: a
	// mapping of size (1 to 10) to weight, or a single size. Default 1.
	PartySize []Weighted[int]
	// Attributes (attributes) are the attributes players send, by name in
	// file order. Default: skill, a number ~ Normal(1000, 200) clamped to
	// [0, 3000] and rounded to 1.
	Attributes []AttributeSpec
}

// AttributeSpec is how one player attribute is drawn.
type AttributeSpec struct {
	// Name is the attribute's name (the key in attributes).
	Name string
	// Type (type) is number, string, string_list or string_number_map.
	// Required.
	Type ticket.AttributeType
	// Missing (missing) is the share of players who do not send the
	// attribute (so the rule set's default applies). Default 0.
	Missing float64
	// Number is a number attribute's distribution, written inline
	// (distribution, mean, stddev, min, max, value, values, round).
	Number Dist
	// Values (values) are a string attribute's choices with relative
	// weights, or a string list's items with the probability (0..1) that
	// a player's list holds each.
	Values []Weighted[string]
	// Keys (keys) are a string_number_map's keys; Value (value) is the
	// distribution of each key's number.
	Keys  []string
	Value Dist

	at pos
}

// Region is a region players live in and report latencies from.
type Region struct {
	// Name is the region (the key in regions), as players report it in
	// LatencyInMs.
	Name string
	// Share (share) is the relative weight of the players living there.
	// Default 1.
	Share float64
	// Latency (latency) is the distribution of a resident's latency to this
	// region, in milliseconds. Default uniform(15, 75).
	Latency Dist
	// To (to) is, for each other region a resident reports, the extra round
	// trip added to the resident's own latency, in milliseconds (a
	// distribution). Regions not listed are not reported. Default: none.
	To []RegionRTT
}

// RegionRTT is the extra latency from one region to another.
type RegionRTT struct {
	Region string
	Extra  Dist
}

// Decline behaviours of players who do not accept a match.
const (
	DeclineReject = "reject" // answer REJECT after the delay
	DeclineIgnore = "ignore" // never answer, so the acceptance times out
)

// Acceptance is how players answer proposed matches (only when
// matchmaking.acceptanceRequired is true). Each player answers on their own.
type Acceptance struct {
	// Probability (probability) is the chance a player accepts. Default 1.
	Probability float64
	// Delay (delay) is the time a player takes to answer, in seconds (or a
	// duration). Default uniform(1, 5).
	Delay Dist
	// Decline (decline) is what a player who does not accept does: reject
	// (default) or ignore.
	Decline string
}

// Cancel is how many tickets are cancelled by their players (StopMatchmaking)
// after waiting, if still searching by then.
type Cancel struct {
	// Probability (probability) is the share of tickets whose players
	// would give up. Default 0.
	Probability float64
	// After (after) is how long they wait before giving up, in seconds (or
	// a duration). Default exponential(mean 60 s).
	After Dist
}

// Matchmaking is the matchmaking configuration the simulation creates.
type Matchmaking struct {
	// RequestTimeout (requestTimeout) is RequestTimeoutSeconds, 1 s to
	// 12 h. Default 120s.
	RequestTimeout time.Duration
	// AcceptanceRequired (acceptanceRequired). Default false.
	AcceptanceRequired bool
	// AcceptanceTimeout (acceptanceTimeout) is AcceptanceTimeoutSeconds,
	// 1 s to 600 s. Default 30s.
	AcceptanceTimeout time.Duration
	// AdditionalPlayerCount (additionalPlayerCount). Default 0. FlexMatch
	// applies it in WITH_QUEUE mode only.
	AdditionalPlayerCount int
	// Mode (mode) is the FlexMatchMode: STANDALONE (default) or
	// WITH_QUEUE, which needs the placement section.
	Mode string
}

// EngineSettings are the matchmaker's settings (engine options).
type EngineSettings struct {
	// TickInterval (tickInterval) is how often the matchmaker runs.
	// Default 1s.
	TickInterval time.Duration
	// SearchBudget (searchBudget) bounds the candidate placements per anchor
	// and tick. Default 256.
	SearchBudget int
	// MaxBatchSize (maxBatchSize) splits the pool into batches of at most
	// this many tickets. Default 0 (one batch).
	MaxBatchSize int
	// PartialMatchDelay (partialMatchDelay) is how long an anchor waits
	// before a complete but not full match is taken. Default 0.
	PartialMatchDelay time.Duration
}

// ReportSettings shape the report.
type ReportSettings struct {
	// QualityAttribute (qualityAttribute) is the number attribute whose
	// spread within teams and difference between team means measure match
	// quality. Default: the first number attribute the workload generates
	// that the rule set declares.
	QualityAttribute string
	// Interval (interval) is the width of the report's time buckets.
	// Default: the smallest of 10s, 1m, 5m, 15m, 1h that gives at most 90
	// buckets.
	Interval time.Duration
}

// pos is a line and column in a workload file.
type pos struct{ line, col int }
