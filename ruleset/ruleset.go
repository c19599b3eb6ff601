package ruleset

import (
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// Limits of the rule-set language.
const (
	MaxBodyLength     = 65535 // characters in a rule-set body
	MaxMatchPlayers   = 200   // Σ maxPlayers × quantity over all teams
	MaxSmallMatch     = 40    // a match of more players is a large match
	LanguageVersion   = "1.0" // the only ruleLanguageVersion
	TeamNameSeparator = "_"   // generated team names: <name>_<n>, n from 1
)

// RuleSet is a validated, compiled rule set.
type RuleSet struct {
	// Name is the rule set's own "name" field (not the API resource name).
	Name string
	// Attributes are the declared player attributes in declaration order.
	Attributes []*Attribute
	Algorithm  Algorithm
	// TeamDefs are the team definitions as written.
	TeamDefs []*TeamDef
	// Teams are the generated teams: one per definition, or quantity of
	// them named <name>_1 … <name>_n. Matches index teams by position here.
	Teams []*Team
	// Rules are all rules in definition order.
	Rules      []*Rule
	Expansions []*Expansion
	// Large is true when the teams hold more than 40 players in all.
	Large bool
	// MaxPlayers is Σ maxPlayers over the generated teams, before expansions.
	MaxPlayers int

	attrs  map[string]*Attribute
	rules  map[string]*Rule
	teams  map[string]*TeamDef
	stages []stage
}

// Attribute is a declared player attribute.
type Attribute struct {
	Index   int
	Name    string
	Type    ticket.AttributeType
	Default *ticket.AttributeValue // nil when there is none
}

// Strategy is algorithm.strategy.
type Strategy string

// Batching is algorithm.batchingPreference.
type Batching string

// AgeSelection is algorithm.expansionAgeSelection.
type AgeSelection string

// Priority is algorithm.backfillPriority.
type Priority string

// The algorithm enums.
const (
	ExhaustiveSearch  Strategy     = "exhaustiveSearch"
	Balanced          Strategy     = "balanced"
	BatchRandom       Batching     = "random"
	BatchSorted       Batching     = "sorted"
	LargestPopulation Batching     = "largestPopulation"
	FastestRegion     Batching     = "fastestRegion"
	AgeNewest         AgeSelection = "newest"
	AgeOldest         AgeSelection = "oldest"
	PriorityNormal    Priority     = "normal"
	PriorityLow       Priority     = "low"
	PriorityHigh      Priority     = "high"
)

// Algorithm is the algorithm block with defaults filled in.
type Algorithm struct {
	Strategy              Strategy
	BatchingPreference    Batching
	SortByAttributes      []*Attribute
	ExpansionAgeSelection AgeSelection
	BackfillPriority      Priority
	BalancedAttribute     *Attribute // nil unless set
}

// TeamDef is a team definition as written.
type TeamDef struct {
	Name       string
	MinPlayers int
	MaxPlayers int
	Quantity   int
	// Teams are the indexes in RuleSet.Teams of the teams it generates.
	Teams []int
}

// Team is one generated team.
type Team struct {
	Index int
	Name  string
	Def   *TeamDef
	// Instance is 1..quantity for generated teams, 0 when quantity is 1.
	Instance int
}

// Attribute returns the declared attribute with that name, or nil.
func (rs *RuleSet) Attribute(name string) *Attribute { return rs.attrs[name] }

// Rule returns the rule with that name, or nil.
func (rs *RuleSet) Rule(name string) *Rule { return rs.rules[name] }

// TeamDef returns the team definition with that name, or nil.
func (rs *RuleSet) TeamDef(name string) *TeamDef { return rs.teams[name] }

// Team returns the generated team with that name, or nil.
func (rs *RuleSet) Team(name string) *Team {
	for _, t := range rs.Teams {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// LimitsAt returns the effective rule and team values for a potential match
// whose age (per expansionAgeSelection) is age: each expansion's latest step
// with waitTimeSeconds ≤ age applies. The result is shared; do not modify it.
func (rs *RuleSet) LimitsAt(age time.Duration) *Limits {
	i := 0
	for i+1 < len(rs.stages) && rs.stages[i+1].from <= age {
		i++
	}
	return rs.stages[i].limits
}

// Stages returns the distinct effective limits over ticket age: the first
// applies from age 0, each later one from the wait time that starts it.
func (rs *RuleSet) Stages() []Stage {
	out := make([]Stage, len(rs.stages))
	for i, s := range rs.stages {
		out[i] = Stage{From: s.from, Limits: s.limits}
	}
	return out
}

// Stage is a span of ticket age over which the limits do not change.
type Stage struct {
	From   time.Duration
	Limits *Limits
}

type stage struct {
	from   time.Duration
	limits *Limits
}
