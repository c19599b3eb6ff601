package ruleset

import (
	"slices"

	"github.com/flexsim/flexsim/ruleset/propexpr"
	"github.com/flexsim/flexsim/ticket"
)

// evaluator is a compiled property expression.
type evaluator func(m *Match, agg Aggregation) value

// compileExpression binds an expression to its closure, and to its
// expr-lang reference program, which is only translated and compiled when
// EvalExpr first needs it.
func (rs *RuleSet) compileExpression(x *Expression) {
	x.eval = rs.compileExpr(x.AST, x.Type)
	x.lang = &exprLang{rs: rs}
}

// compileExpr turns a checked AST into a closure. Team selections and
// attribute names are resolved to indexes here, once.
func (rs *RuleSet) compileExpr(e propexpr.Expr, t propexpr.Type) evaluator {
	switch e := e.(type) {
	case *propexpr.Number:
		v := num(e.Value)
		return func(*Match, Aggregation) value { return v }
	case *propexpr.Path:
		return rs.compilePath(e)
	case *propexpr.Call:
		if f := rs.compileFast(e); f != nil {
			return f
		}
		argType := rs.typeOf(e.Arg)
		arg := rs.compileExpr(e.Arg, argType)
		return compileCall(e.Func, arg, argType)
	}
	panic("ruleset: unknown expression node")
}

// typeOf re-derives a sub-expression's type; the whole expression has
// already been checked, so this cannot fail.
func (rs *RuleSet) typeOf(e propexpr.Expr) propexpr.Type {
	t, _ := propexpr.Check(e, envOf(rs))
	return t
}

func compileCall(name string, arg evaluator, at propexpr.Type) evaluator {
	inner := at.Depth - 1 // depth of the lists the function consumes
	switch name {
	case "count":
		if at.Depth == 0 { // count of a string list value
			return func(m *Match, agg Aggregation) value {
				return num(float64(len(arg(m, agg).ss)))
			}
		}
		return func(m *Match, agg Aggregation) value {
			return atDepth(arg(m, agg), inner, func(v value) value { return num(float64(len(v.l))) })
		}
	case "flatten":
		if at.Depth >= 2 {
			return func(m *Match, agg Aggregation) value { return atDepth(arg(m, agg), at.Depth-2, flatten) }
		}
		return func(m *Match, agg Aggregation) value { return flatten(arg(m, agg)) }
	case "set_intersection":
		d := inner
		if at.Kind == propexpr.KindString {
			d = at.Depth - 2
		}
		return func(m *Match, agg Aggregation) value { return atDepth(arg(m, agg), d, intersect) }
	}
	op := numOps[name]
	return func(m *Match, agg Aggregation) value {
		return atDepth(arg(m, agg), inner, func(v value) value {
			var buf [32]float64
			ns, ok := numbers(v, buf[:0])
			if !ok {
				return value{}
			}
			return reduce(op, ns)
		})
	}
}

// compileFast returns a specialised evaluator for the forms rules use most,
// or nil for any other form:
//
//	f(teams[...].players.attributes[n])          f one of min, max, avg,
//	f(flatten(teams[...].players.attributes[n])) median, sum, stddev; n a
//	count(teams[...].players...)                 number attribute
//
// These read the party aggregates straight into a stack buffer instead of
// building lists of values: no allocation for one result, one for a list
// of per-team results. The values, their order and so the results are
// exactly those of the general path.
func (rs *RuleSet) compileFast(c *propexpr.Call) evaluator {
	p, _ := c.Arg.(*propexpr.Path)
	flat := false
	if arg, ok := c.Arg.(*propexpr.Call); ok && arg.Func == "flatten" {
		p, _ = arg.Arg.(*propexpr.Path)
		flat = true
	}
	if p == nil || !p.Players {
		return nil
	}
	teams := rs.teamIndexes(p)
	single := !p.All && len(teams) == 1 // else the path gives a list of teams
	if c.Func == "count" && !flat {
		return eachTeam(teams, single, func(m *Match, t int, _ Aggregation) value {
			return num(float64(m.Players(t)))
		})
	}
	op, ok := numOps[c.Func]
	a := rs.attrs[p.Attribute]
	if !ok || p.PlayerID || a == nil || a.Type != ticket.TypeNumber || flat && single {
		return nil
	}
	i := a.Index
	if flat {
		return func(m *Match, agg Aggregation) value {
			var buf [64]float64
			ns, ok := buf[:0], true
			for _, t := range teams {
				if ns, ok = appendNumbers(ns, m.Teams[t], i, agg); !ok {
					return value{}
				}
			}
			return reduce(op, ns)
		}
	}
	return eachTeam(teams, single, func(m *Match, t int, agg Aggregation) value {
		var buf [64]float64
		ns, ok := appendNumbers(buf[:0], m.Teams[t], i, agg)
		if !ok {
			return value{}
		}
		return reduce(op, ns)
	})
}

// appendNumbers appends the number attribute i of every player of the
// parties, as the aggregation sees it; false if a party has no value.
func appendNumbers(ns []float64, parties []*Party, i int, agg Aggregation) ([]float64, bool) {
	for _, party := range parties {
		if len(party.Players) == 0 {
			continue
		}
		n := party.aggs[i].num
		if !n.ok {
			return ns, false
		}
		v := n.get(agg)
		for range party.Players {
			ns = append(ns, v)
		}
	}
	return ns, true
}

// eachTeam evaluates a per-team function on the single team of a selection,
// or else on each team into a list.
func eachTeam(teams []int, single bool, f func(m *Match, team int, agg Aggregation) value) evaluator {
	if single {
		t := teams[0]
		return func(m *Match, agg Aggregation) value { return f(m, t, agg) }
	}
	return func(m *Match, agg Aggregation) value {
		out := make([]value, len(teams))
		for i, t := range teams {
			out[i] = f(m, t, agg)
		}
		return list(out)
	}
}

// teamIndexes resolves a path's team selection to generated team indexes,
// in team order.
func (rs *RuleSet) teamIndexes(p *propexpr.Path) []int {
	if p.All {
		idx := make([]int, len(rs.Teams))
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	var idx []int
	for _, name := range p.Teams {
		idx = append(idx, rs.teams[name].Teams...)
	}
	slices.Sort(idx)
	return idx
}

func (rs *RuleSet) compilePath(p *propexpr.Path) evaluator {
	teams := rs.teamIndexes(p)
	return eachTeam(teams, !p.All && len(teams) == 1, rs.teamValues(p))
}

// teamValues returns a function giving one team's value of the path: the
// team itself (as its name), or the list of its players' values.
func (rs *RuleSet) teamValues(p *propexpr.Path) func(m *Match, team int, agg Aggregation) value {
	if !p.Players {
		return func(_ *Match, team int, _ Aggregation) value { return str(rs.Teams[team].Name) }
	}
	var read func(party *Party, pl *PartyPlayer, agg Aggregation) value
	switch {
	case p.PlayerID || p.Attribute == "":
		read = func(_ *Party, pl *PartyPlayer, _ Aggregation) value { return str(pl.ID) }
	default:
		a := rs.attrs[p.Attribute]
		read = attributeReader(a, p.MapKey, p.HasMapKey)
	}
	return func(m *Match, team int, agg Aggregation) value {
		out := make([]value, 0, m.Players(team))
		for _, party := range m.Teams[team] {
			for i := range party.Players {
				out = append(out, read(party, &party.Players[i], agg))
			}
		}
		return list(out)
	}
}

// attributeReader reads one player's attribute as a rule with the given
// party aggregation sees it: numbers and string lists are replaced by the
// party's aggregate, strings and maps are the player's own.
func attributeReader(a *Attribute, key string, hasKey bool) func(*Party, *PartyPlayer, Aggregation) value {
	i := a.Index
	switch a.Type {
	case ticket.TypeNumber:
		return func(party *Party, _ *PartyPlayer, agg Aggregation) value {
			n := party.aggs[i].num
			if !n.ok {
				return value{}
			}
			return num(n.get(agg))
		}
	case ticket.TypeStringList:
		return func(party *Party, pl *PartyPlayer, agg Aggregation) value {
			switch agg {
			case AggUnion:
				return strs(party.aggs[i].lists[0])
			case AggIntersection:
				return strs(party.aggs[i].lists[1])
			}
			return strs(pl.Values[i].SL)
		}
	case ticket.TypeString:
		return func(_ *Party, pl *PartyPlayer, _ Aggregation) value {
			if pl.Values[i].Type != ticket.TypeString {
				return value{}
			}
			return str(pl.Values[i].S)
		}
	}
	return func(_ *Party, pl *PartyPlayer, _ Aggregation) value {
		if !hasKey {
			return value{}
		}
		v, ok := pl.Values[i].SDM[key]
		if !ok {
			return value{}
		}
		return num(v)
	}
}

// Eval evaluates the expression on a candidate match under a party
// aggregation, and returns its value rendered as text (for explanations and
// tests): numbers, quoted strings, [lists], or "none" for no value.
func (e *Expression) Eval(m *Match, agg Aggregation) string { return e.eval(m, agg).String() }
