package ruleset

import (
	"github.com/flexsim/flexsim/ruleset/propexpr"
	"github.com/flexsim/flexsim/ticket"
)

// compile turns every checked expression into a closure and binds each
// rule to its evaluator. It runs only on a rule set without errors.
func (rs *RuleSet) compile() {
	for _, r := range rs.Rules {
		r.set = rs
		for _, m := range r.Measurements {
			rs.compileExpression(m)
		}
		if r.Reference != nil && r.Reference.Expr != nil {
			rs.compileExpression(r.Reference.Expr)
		}
		switch r.Type {
		case BatchDistance:
			r.eval = r.evalBatchDistance
		case Comparison:
			r.eval = r.evalComparison
		case Distance:
			r.eval = r.evalDistance
		case Collection:
			r.listAttr, r.listTeams = rs.measuredList(r)
			r.eval = r.evalCollection
		case Latency:
			r.eval = r.evalLatency
		case Compound:
			r.eval = r.Statement.eval
		}
	}
}

// Evaluate checks every enforced rule (see Rule.Enforced) against a
// candidate match, in rule order, and returns the first rule that does not
// let the match go on (Outcome.OK with final), or nil when all do.
func (rs *RuleSet) Evaluate(m *Match, l *Limits, final bool) *Rule {
	for _, r := range rs.Rules {
		if r.Enforced() && !r.Evaluate(m, l).OK(final) {
			return r
		}
	}
	return nil
}

// TeamsFilled reports whether every team of the match holds at least its
// effective minPlayers and at most its effective maxPlayers.
func (rs *RuleSet) TeamsFilled(m *Match, l *Limits) bool {
	for i, t := range l.Teams {
		n := m.Players(i)
		if n < t.MinPlayers || n > t.MaxPlayers {
			return false
		}
	}
	return true
}

// measuredList recognises a collection rule whose one measurement is a
// string-list attribute of the players of some teams, flattened or not.
func (rs *RuleSet) measuredList(r *Rule) (*Attribute, []int) {
	if len(r.Measurements) != 1 {
		return nil, nil
	}
	e := r.Measurements[0].AST
	if c, ok := e.(*propexpr.Call); ok && c.Func == "flatten" {
		e = c.Arg
	}
	p, ok := e.(*propexpr.Path)
	if !ok || !p.Players || p.Attribute == "" || p.HasMapKey {
		return nil, nil
	}
	a := rs.attrs[p.Attribute]
	if a.Type != ticket.TypeStringList {
		return nil, nil
	}
	return a, rs.teamIndexes(p)
}
