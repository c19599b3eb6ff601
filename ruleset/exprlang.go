package ruleset

// The expr-lang (github.com/expr-lang/expr) reference backend of property
// expressions: see Expression.EvalExpr.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"github.com/flexsim/flexsim/ruleset/propexpr"
	"github.com/flexsim/flexsim/ticket"
)

// exprEnv is what a program sees: the teams in order, their players, and the
// attributes it reads as the rule's partyAggregation sees them: a float64,
// a string, a []string (one string-list value: lists the program builds are
// []any) or a map[string]any (string_number_map); nil for no value.
type exprEnv struct {
	Teams []exprTeam `expr:"teams"`
}

type exprTeam struct {
	Name    string       `expr:"name"`
	Players []exprPlayer `expr:"players"`
}

type exprPlayer struct {
	ID         string         `expr:"playerId"`
	Attributes map[string]any `expr:"attributes"`
}

// exprLang is an Expression's program, translated and compiled on first use.
type exprLang struct {
	rs    *RuleSet
	once  sync.Once
	src   string
	attrs []*Attribute // the attributes the program reads
	prog  *vm.Program
	err   error
}

// exprFunctions work on one flat list; see perSubList for nested lists.
var exprFunctions = []expr.Option{
	exprNumeric("min", nil, func(ns []float64) any { return slices.Min(ns) }),
	exprNumeric("max", nil, func(ns []float64) any { return slices.Max(ns) }),
	exprNumeric("avg", nil, func(ns []float64) any { return exprMean(ns) }),
	exprNumeric("median", nil, exprMedian),
	exprNumeric("stddev", nil, exprStddev),
	exprNumeric("sum", 0.0, exprSum),
	expr.Function("count", exprCount),
	expr.Function("flatten", exprFlatten),
	expr.Function("set_intersection", exprIntersection),
}

// EvalExpr evaluates the expression like Eval, with the expr-lang reference
// backend, and renders the result the same way, so the two backends can be
// compared value for value. A translation, compile or run error, which
// would be a bug, is returned as "error: …", which no value renders as.
//
// EvalExpr is the reference implementation: the translated program (see
// ExprSource) spells out the language's semantics in a general engine,
// with the per-sub-list rule written as map(...) over the list levels the
// type checker found. The engine's hot path uses the closures of eval.go
// instead, because expr-lang is 14 to 40 times slower. Per run on a 5v5
// match (bench package, BenchmarkExpression, rendering the result included):
//
//	                                    expr-lang            closure
//	avg(flatten(teams[*]...[skill]))    4.2 µs, 77 allocs    0.11 µs, 1 alloc
//	avg(teams[*]...[skill])             4.5 µs, 83 allocs    0.33 µs, 5 allocs
//
// Half of the expr-lang time is building the environment; before rendering,
// the first closure takes about 60 ns and allocates nothing.
func (e *Expression) EvalExpr(m *Match, agg Aggregation) string {
	x := e.lang
	if x == nil {
		return "error: expression was not compiled"
	}
	x.once.Do(func() { x.compile(e) })
	out, err := any(nil), x.err
	if err == nil {
		out, err = expr.Run(x.prog, x.env(m, agg))
	}
	v := value{}
	if err == nil {
		v, err = fromExpr(out)
	}
	if err != nil {
		return "error: " + err.Error()
	}
	return v.String()
}

// ExprSource returns the expr-lang source EvalExpr runs.
func (e *Expression) ExprSource() string {
	if e.lang == nil {
		return ""
	}
	e.lang.once.Do(func() { e.lang.compile(e) })
	return e.lang.src
}

func (x *exprLang) compile(e *Expression) {
	x.src = x.translate(e.AST)
	x.prog, x.err = expr.Compile(x.src, append([]expr.Option{expr.Env(exprEnv{})}, exprFunctions...)...)
}

// translate renders a checked expression as expr-lang source.
func (x *exprLang) translate(e propexpr.Expr) string {
	switch e := e.(type) {
	case *propexpr.Number:
		s := strconv.FormatFloat(e.Value, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0" // a float literal, not an int
		}
		return s
	case *propexpr.Path:
		return x.translatePath(e)
	case *propexpr.Call:
		at := x.rs.typeOf(e.Arg)
		return perSubList(callDepth(e.Func, at), e.Func, x.translate(e.Arg))
	}
	panic("ruleset: unknown expression node")
}

// callDepth is how many list levels down a function applies to its
// argument of type at: functions consume the innermost list, flatten the
// innermost list of lists, set_intersection the innermost list of
// collections (string lists, or lists of strings).
func callDepth(name string, at propexpr.Type) int {
	if name == "flatten" || name == "set_intersection" && at.Kind == propexpr.KindString {
		return max(at.Depth-2, 0)
	}
	return max(at.Depth-1, 0)
}

// perSubList applies fn to the lists depth levels down in arg:
// fn(arg), map(arg, fn(#)), map(arg, map(#, fn(#))), ...
func perSubList(depth int, fn, arg string) string {
	inner := fn + "(#)"
	for range depth - 1 {
		inner = "map(#, " + inner + ")"
	}
	if depth == 0 {
		return fn + "(" + arg + ")"
	}
	return "map(" + arg + ", " + inner + ")"
}

// translatePath selects teams by index: one team is that team, several
// are a list in team order (generated teams of a definition in a row). A
// whole map is not a value: it is left out of the environment (reads nil).
func (x *exprLang) translatePath(p *propexpr.Path) string {
	idx := x.rs.teamIndexes(p)
	sel := make([]string, len(idx))
	for i, t := range idx {
		sel[i] = fmt.Sprintf("teams[%d]", t)
	}
	single := !p.All && len(idx) == 1
	teams := "[" + strings.Join(sel, ", ") + "]"
	if p.All {
		teams = "teams"
	}
	if !p.Players {
		if single {
			return sel[0] + ".name"
		}
		return "map(" + teams + ", .name)"
	}
	read := ".playerId"
	if a := x.rs.attrs[p.Attribute]; a != nil && !p.PlayerID {
		read = ".attributes[" + strconv.Quote(a.Name) + "]"
		switch {
		case a.Type != ticket.TypeStringNumberMap:
			x.attrs = append(x.attrs, a)
		case p.HasMapKey:
			read += "[" + strconv.Quote(p.MapKey) + "]"
			x.attrs = append(x.attrs, a)
		}
	}
	if single {
		return "map(" + sel[0] + ".players, " + read + ")"
	}
	return "map(" + teams + ", map(.players, " + read + "))"
}

// env builds the environment of one run.
func (x *exprLang) env(m *Match, agg Aggregation) exprEnv {
	env := exprEnv{Teams: make([]exprTeam, len(m.Teams))}
	for t, parties := range m.Teams {
		team := exprTeam{Name: x.rs.Teams[t].Name, Players: make([]exprPlayer, 0, m.Players(t))}
		for _, party := range parties {
			for i := range party.Players {
				pl := &party.Players[i]
				attrs := make(map[string]any, len(x.attrs))
				for _, a := range x.attrs {
					attrs[a.Name] = exprAttribute(party, pl, a, agg)
				}
				team.Players = append(team.Players, exprPlayer{ID: pl.ID, Attributes: attrs})
			}
		}
		env.Teams[t] = team
	}
	return env
}

// exprAttribute is a player's attribute as a rule sees it: party
// aggregates replace numbers (avg, min or max) and string lists (union or
// intersection); strings and maps are the player's own.
func exprAttribute(party *Party, pl *PartyPlayer, a *Attribute, agg Aggregation) any {
	v := pl.Values[a.Index]
	switch a.Type {
	case ticket.TypeNumber:
		if n, ok := party.Number(a, agg); ok {
			return n
		}
	case ticket.TypeStringList:
		switch agg {
		case AggUnion:
			return party.aggs[a.Index].lists[0]
		case AggIntersection:
			return party.aggs[a.Index].lists[1]
		}
		return v.SL
	case ticket.TypeString:
		if v.Type == ticket.TypeString {
			return v.S
		}
	case ticket.TypeStringNumberMap:
		out := make(map[string]any, len(v.SDM))
		for k, n := range v.SDM {
			out[k] = n
		}
		return out
	}
	return nil
}

// fromExpr converts a program's result to a value, for rendering.
func fromExpr(v any) (value, error) {
	switch v := v.(type) {
	case nil:
		return value{}, nil
	case float64:
		return num(v), nil
	case string:
		return str(v), nil
	case []string:
		return strs(v), nil
	case []any:
		out, err := make([]value, len(v)), error(nil)
		for i, e := range v {
			if out[i], err = fromExpr(e); err != nil {
				return value{}, err
			}
		}
		return list(out), nil
	}
	return value{}, fmt.Errorf("unexpected %T in an expression result", v)
}

// The functions each take one flat list.

func oneList(params []any) ([]any, error) {
	if len(params) == 1 {
		if l, ok := params[0].([]any); ok {
			return l, nil
		}
	}
	return nil, fmt.Errorf("want one list argument, got %#v", params)
}

// exprNumeric is a numeric function: nil if an element has no value, empty
// over no elements, f of the numbers otherwise.
func exprNumeric(name string, empty any, f func([]float64) any) expr.Option {
	return expr.Function(name, func(params ...any) (any, error) {
		l, err := oneList(params)
		ns := make([]float64, 0, len(l))
		for _, e := range l {
			switch e := e.(type) {
			case nil:
				return nil, nil
			case float64:
				ns = append(ns, e)
			default:
				return nil, fmt.Errorf("want numbers, got %T", e)
			}
		}
		if err != nil || len(ns) == 0 {
			return empty, err
		}
		return f(ns), nil
	})
}

func exprSum(ns []float64) any {
	total := 0.0
	for _, n := range ns {
		total += n
	}
	return total
}

func exprMean(ns []float64) float64 { return exprSum(ns).(float64) / float64(len(ns)) }

func exprMedian(ns []float64) any {
	slices.Sort(ns) // ns is the function's own copy
	h := len(ns) / 2
	if len(ns)%2 == 0 {
		return (ns[h-1] + ns[h]) / 2
	}
	return ns[h]
}

// exprStddev is the population standard deviation.
func exprStddev(ns []float64) any {
	m, ss := exprMean(ns), 0.0
	for _, n := range ns {
		ss += (n - m) * (n - m)
	}
	return math.Sqrt(ss / float64(len(ns)))
}

// exprCount counts a list's elements or a string list's strings.
func exprCount(params ...any) (any, error) {
	if len(params) == 1 {
		if ss, ok := params[0].([]string); ok {
			return float64(len(ss)), nil
		}
	}
	l, err := oneList(params)
	return float64(len(l)), err
}

// exprFlatten removes one level of nesting; a string list element gives
// its strings.
func exprFlatten(params ...any) (any, error) {
	l, err := oneList(params)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, e := range l {
		switch e := e.(type) {
		case []any:
			out = append(out, e...)
		case []string:
			for _, s := range e {
				out = append(out, s)
			}
		default:
			out = append(out, e)
		}
	}
	return out, nil
}

// exprIntersection returns the strings in every collection of the list, in
// the order of the first, once each.
func exprIntersection(params ...any) (any, error) {
	l, err := oneList(params)
	out := []string{}
	for i, e := range l {
		set := collectionOf(e)
		if i > 0 {
			out = slices.DeleteFunc(out, func(s string) bool { return !slices.Contains(set, s) })
			continue
		}
		for _, s := range set {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out, err
}

// collectionOf reads a string list, a string, or a list of them as strings.
func collectionOf(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, collectionOf(e)...)
		}
		return out
	}
	return nil
}
