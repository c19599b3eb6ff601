package ruleset

import (
	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// RuleType is a rule's "type".
type RuleType string

// The eight rule types.
const (
	BatchDistance RuleType = "batchDistance"
	Comparison    RuleType = "comparison"
	Distance      RuleType = "distance"
	Collection    RuleType = "collection"
	Latency       RuleType = "latency"
	AbsoluteSort  RuleType = "absoluteSort"
	DistanceSort  RuleType = "distanceSort"
	Compound      RuleType = "compound"
)

// RuleTypes lists the rule types in the order the documentation gives them.
var RuleTypes = []RuleType{BatchDistance, Comparison, Distance, Collection, Latency, AbsoluteSort, DistanceSort, Compound}

// Aggregation is a rule's partyAggregation.
type Aggregation string

// The party aggregations: avg, min and max for numeric rules, union and
// intersection for collection rules.
const (
	AggAvg          Aggregation = "avg"
	AggMin          Aggregation = "min"
	AggMax          Aggregation = "max"
	AggUnion        Aggregation = "union"
	AggIntersection Aggregation = "intersection"
)

// Outcome is the result of evaluating a rule on a candidate match.
type Outcome uint8

const (
	// Pass: the rule holds.
	Pass Outcome = iota
	// Fail: the rule does not hold.
	Fail
	// Unknown: the rule reads a value the candidate does not have yet, such
	// as the average skill of a team that is still empty. It passes while a
	// match is being built and fails the final check.
	Unknown
)

func (o Outcome) String() string {
	return [...]string{"pass", "fail", "unknown"}[o]
}

// OK reports whether the outcome lets a match go on: Unknown is accepted
// while building (final false) and rejected in the final check.
func (o Outcome) OK(final bool) bool { return o == Pass || o == Unknown && !final }

// Rule is one compiled rule.
type Rule struct {
	Index       int
	Name        string
	Description string
	Type        RuleType
	// PartyAggregation is the aggregation in force (defaults applied).
	PartyAggregation Aggregation

	// Operation is the comparison or collection operation.
	Operation string
	// Measurements are the measured property expressions (comparison,
	// distance, collection).
	Measurements []*Expression
	// Reference is the referenceValue, or nil.
	Reference *Reference

	// BatchAttribute is the batchDistance attribute.
	BatchAttribute *Attribute
	// SortAttribute, SortDirection and MapKey configure the sort rules.
	SortAttribute *Attribute
	SortDirection string // ascending or descending
	MapKey        string // minValue or maxValue, for string_number_map
	// DistanceReference is the latency rule's min or avg.
	DistanceReference string
	// Statement is a compound rule's logic.
	Statement *Statement
	// ReferencedBy is the compound rule that uses this rule, or nil. Rules a
	// compound statement refers to are only enforced through it.
	ReferencedBy *Rule

	// Has reports which of the expandable properties the rule sets.
	Has map[string]bool

	base RuleLimits
	at   node
	set  *RuleSet
	// listAttr and listTeams describe a collection rule that measures one
	// string-list attribute of the players of listTeams (the fast path).
	listAttr  *Attribute
	listTeams []int
	eval      func(m *Match, l *Limits) Outcome
}

// Expression is a compiled property expression.
type Expression struct {
	Text string
	AST  propexpr.Expr
	Type propexpr.Type
	eval evaluator
	lang *exprLang // the expr-lang reference backend (exprlang.go)
}

// Reference is a rule's referenceValue: a literal or an expression.
type Reference struct {
	Number   float64
	IsNumber bool
	String   string
	IsString bool
	Strings  []string // a literal list of strings
	IsList   bool
	Expr     *Expression // non-nil for an expression
}

// IsSort reports whether the rule only orders candidates.
func (r *Rule) IsSort() bool { return r.Type == AbsoluteSort || r.Type == DistanceSort }

// Enforced reports whether the engine must check the rule on its own: it is
// neither a sort rule nor referenced by a compound statement.
func (r *Rule) Enforced() bool { return !r.IsSort() && r.ReferencedBy == nil }

// Evaluate checks the rule against a candidate match under the given limits.
// Sort rules always pass. While a match is being built, a Fail is final only
// for a Prunable rule: equal team sizes, minimum counts and the like fail on
// a partial match and may pass once more parties join.
func (r *Rule) Evaluate(m *Match, l *Limits) Outcome {
	if r.eval == nil {
		return Pass
	}
	return r.eval(m, l)
}
