package ruleset

import (
	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// Spread is what a rule guarantees about one number attribute: in a match
// that passes it, the parties' aggregated values lie within Factor × the
// rule's effective maxDistance of each other. The search can sort parties
// by the attribute and only consider windows of that width.
type Spread struct {
	Attribute   *Attribute
	Aggregation Aggregation
	// Factor is 1 when the rule bounds the spread itself, 2 when it bounds
	// every value's distance to a central reference (the mean, say).
	Factor float64
}

// Width returns the widest spread the rule allows under l.
func (s Spread) Width(r *Rule, l *Limits) float64 { return s.Factor * l.Rules[r.Index].MaxDistance }

// Spread reports the attribute spread the rule bounds, if it bounds one:
//
//   - batchDistance on a number attribute;
//   - distance over every player's value with no reference (max − min);
//   - distance of max(all values) from min(all values), or the reverse;
//   - distance of every player's value from avg, median, min or max of all
//     values (Factor 2).
func (r *Rule) Spread() (Spread, bool) {
	switch {
	case r.Type == BatchDistance && r.BatchAttribute.Type != typeString:
		return Spread{r.BatchAttribute, r.PartyAggregation, 1}, true
	case r.Type != Distance || len(r.Measurements) != 1 || !r.Has[PropMaxDistance]:
		return Spread{}, false
	}
	m := r.Measurements[0].AST
	attr := func(name string) *Attribute { return r.set.attrs[name] }
	if a, ok := allPlayers(m); ok {
		if r.Reference == nil {
			return Spread{attr(a), r.PartyAggregation, 1}, true
		}
		if ref := r.Reference.Expr; ref != nil {
			if c, ok := ref.AST.(*propexpr.Call); ok && isCentral(c.Func) {
				if b, ok := allPlayers(c.Arg); ok && b == a {
					return Spread{attr(a), r.PartyAggregation, 2}, true
				}
			}
		}
		return Spread{}, false
	}
	if r.Reference == nil || r.Reference.Expr == nil {
		return Spread{}, false
	}
	mc, ok1 := m.(*propexpr.Call)
	rc, ok2 := r.Reference.Expr.AST.(*propexpr.Call)
	if !ok1 || !ok2 || !(mc.Func == "max" && rc.Func == "min" || mc.Func == "min" && rc.Func == "max") {
		return Spread{}, false
	}
	a, ok1 := allPlayers(mc.Arg)
	b, ok2 := allPlayers(rc.Arg)
	if ok1 && ok2 && a == b {
		return Spread{attr(a), r.PartyAggregation, 1}, true
	}
	return Spread{}, false
}

func isCentral(f string) bool { return f == "avg" || f == "median" || f == "min" || f == "max" }

// allPlayers recognises flatten(teams[*].players.attributes[a]) (and the
// single-team form when the rule set has one team): every player's value of
// a number attribute.
func allPlayers(e propexpr.Expr) (string, bool) {
	if c, ok := e.(*propexpr.Call); ok && c.Func == "flatten" {
		if p, ok := c.Arg.(*propexpr.Path); ok && p.All && p.Players && p.Attribute != "" && !p.HasMapKey {
			return p.Attribute, true
		}
	}
	return "", false
}

// Prunable reports whether a failure of the rule on a candidate match is
// permanent: adding more parties can never make it pass again, so the
// search may abandon that branch. It is conservative: false when unsure.
func (r *Rule) Prunable() bool {
	switch r.Type {
	case BatchDistance:
		return true
	case Latency:
		// Adding a party only removes regions and lowers the min reference.
		return r.DistanceReference == "min" || !r.Has[PropMaxDistance]
	case Distance:
		if r.Has[PropMinDistance] {
			return false
		}
		s, ok := r.Spread()
		return ok && s.Factor == 1 || r.Reference != nil && r.Reference.Expr == nil && r.perPlayer()
	case Comparison:
		return (r.Reference == nil || r.Reference.Expr == nil) && r.perPlayer()
	case Collection:
		if !r.perPlayer() {
			return false
		}
		switch r.Operation {
		case "intersection":
			return !r.Has[PropMaxCount]
		case "contains":
			return !r.Has[PropMinCount]
		}
		// reference_intersection_count: each count only grows when the
		// reference set does, and it only grows if it lists every player's
		// values
		return r.Reference != nil && !r.Has[PropMinCount] &&
			(r.Reference.Expr == nil || perPlayerExpr(r.Reference.Expr.AST))
	case Compound:
		return r.Statement.prunable()
	}
	return false
}

// prunable reports whether a failure of the statement is permanent: and
// and or of prunable rules are (each failing part stays failed).
func (st *Statement) prunable() bool {
	switch st.Op {
	case "":
		return st.Rule.Prunable()
	case "and", "or":
		for _, a := range st.Args {
			if !a.prunable() {
				return false
			}
		}
		return true
	}
	return false
}

// perPlayer reports whether every measurement is a list of per-player
// values, so adding parties only adds values.
func (r *Rule) perPlayer() bool {
	for _, m := range r.Measurements {
		if !perPlayerExpr(m.AST) {
			return false
		}
	}
	return len(r.Measurements) > 0
}

// perPlayerExpr recognises a path to every player's attribute or ID,
// flattened or not: its values only grow as parties join.
func perPlayerExpr(e propexpr.Expr) bool {
	if c, ok := e.(*propexpr.Call); ok && c.Func == "flatten" {
		e = c.Arg
	}
	p, ok := e.(*propexpr.Path)
	return ok && p.Players && (p.Attribute != "" || p.PlayerID)
}

// Spreads lists the spread bounds of the rules that are enforced on their
// own (see Rule.Enforced), for the search to partition and prune by.
func (rs *RuleSet) Spreads() []RuleSpread {
	var out []RuleSpread
	for _, r := range rs.Rules {
		if s, ok := r.Spread(); ok && r.Enforced() {
			out = append(out, RuleSpread{Rule: r, Spread: s})
		}
	}
	return out
}

// RuleSpread pairs a rule with the spread it bounds.
type RuleSpread struct {
	Rule *Rule
	Spread
}
