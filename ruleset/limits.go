package ruleset

import (
	"math"
	"slices"
	"time"
)

// Limits are the effective numeric values of a rule set at one ticket age,
// expansions applied. Unset bounds are open: 0 for minimums, +Inf for
// maximums.
type Limits struct {
	Rules []RuleLimits // by Rule.Index
	Teams []TeamLimits // by Team.Index
}

// RuleLimits are the expandable values of one rule.
type RuleLimits struct {
	MinDistance float64
	MaxDistance float64
	MaxLatency  float64
	MinCount    float64
	MaxCount    float64
	// Reference is a numeric literal referenceValue (NaN if the rule has
	// none or it is not a number).
	Reference float64
}

// TeamLimits are the effective player counts of one generated team.
type TeamLimits struct {
	MinPlayers int
	MaxPlayers int
}

// MinPlayers is the least number of players a match needs under l.
func (l *Limits) MinPlayers() int {
	n := 0
	for _, t := range l.Teams {
		n += t.MinPlayers
	}
	return n
}

// MaxPlayers is the most players a match can hold under l.
func (l *Limits) MaxPlayers() int {
	n := 0
	for _, t := range l.Teams {
		n += t.MaxPlayers
	}
	return n
}

func (l *Limits) clone() *Limits {
	return &Limits{Rules: slices.Clone(l.Rules), Teams: slices.Clone(l.Teams)}
}

// Property names an expansion can target.
const (
	PropMinDistance    = "minDistance"
	PropMaxDistance    = "maxDistance"
	PropMaxLatency     = "maxLatency"
	PropMinCount       = "minCount"
	PropMaxCount       = "maxCount"
	PropReferenceValue = "referenceValue"
	PropMinPlayers     = "minPlayers"
	PropMaxPlayers     = "maxPlayers"
)

// Expansion relaxes one rule or team property as tickets wait.
type Expansion struct {
	Target   string   // as written, e.g. rules[FairTeamSkill].maxDistance
	Rule     *Rule    // the target rule, or nil for a team target
	TeamDef  *TeamDef // the target team definition, or nil for a rule target
	Property string
	Steps    []Step
	at       node
}

// Step is one expansion step.
type Step struct {
	WaitTime time.Duration
	Value    float64
	at       node
}

// apply sets the expansion's property to v in l.
func (e *Expansion) apply(l *Limits, v float64) {
	if e.TeamDef != nil {
		for _, t := range e.TeamDef.Teams {
			if e.Property == PropMinPlayers {
				l.Teams[t].MinPlayers = int(v)
			} else {
				l.Teams[t].MaxPlayers = int(v)
			}
		}
		return
	}
	r := &l.Rules[e.Rule.Index]
	switch e.Property {
	case PropMinDistance:
		r.MinDistance = v
	case PropMaxDistance:
		r.MaxDistance = v
	case PropMaxLatency:
		r.MaxLatency = v
	case PropMinCount:
		r.MinCount = v
	case PropMaxCount:
		r.MaxCount = v
	case PropReferenceValue:
		r.Reference = v
	}
}

// buildStages precomputes the limits for every span of age between
// expansion wait times, so LimitsAt is a short scan with no allocation.
func (rs *RuleSet) buildStages() {
	base := &Limits{Rules: make([]RuleLimits, len(rs.Rules)), Teams: make([]TeamLimits, len(rs.Teams))}
	for _, r := range rs.Rules {
		base.Rules[r.Index] = r.base
	}
	for _, t := range rs.Teams {
		base.Teams[t.Index] = TeamLimits{MinPlayers: t.Def.MinPlayers, MaxPlayers: t.Def.MaxPlayers}
	}
	var waits []time.Duration
	for _, e := range rs.Expansions {
		for _, s := range e.Steps {
			waits = append(waits, s.WaitTime)
		}
	}
	slices.Sort(waits)
	waits = slices.Compact(waits)
	rs.stages = []stage{{from: 0, limits: base}}
	for _, w := range waits {
		l := base.clone()
		for _, e := range rs.Expansions {
			for _, s := range e.Steps {
				if s.WaitTime <= w {
					e.apply(l, s.Value)
				}
			}
		}
		if w == 0 {
			rs.stages[0].limits = l
			continue
		}
		rs.stages = append(rs.stages, stage{from: w, limits: l})
	}
}

func openRuleLimits() RuleLimits {
	return RuleLimits{MaxDistance: math.Inf(1), MaxLatency: math.Inf(1), MaxCount: math.Inf(1), Reference: math.NaN()}
}
