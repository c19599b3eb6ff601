package placement

import (
	"cmp"
	"context"
	"slices"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"github.com/flexsim/flexsim/engine"
)

// SearchGameSessions lists the ACTIVE game sessions of one fleet (FleetId,
// or AliasId through a SIMPLE alias), in all its locations or in Location,
// that match FilterExpression, ordered by SortExpression, at most 20 at a
// time whatever Limit says.
//
// A filter is conditions `operand comparator value` joined with AND, OR,
// NOT and parentheses (tightest first: comparisons, parentheses, NOT, AND,
// OR). The operands and what they compare with:
//
//	gameSessionId, gameSessionName  a string, with = or <>
//	gameSessionProperties.<key>     a string, with = or <>; all property values are strings
//	maximumSessions, playerSessionCount, creationTimeMillis
//	                                a number, with =, <>, <, >, <= or >=
//	hasAvailablePlayerSessions      true or false, with = or <>
//
// Strings go in single quotes (double quotes, which one AWS example uses,
// are accepted too); a backslash escapes the next character, as in
// 'Matt\'s game'. String values and operand names are case-sensitive;
// AND, OR, NOT, true, false, ASC and DESC are not. A property key in an
// expression may hold letters, digits, '_', '-' and '.'. A session without
// the property fails an = condition on it and passes a <> one.
// playerSessionCount counts RESERVED and ACTIVE player sessions, and
// hasAvailablePlayerSessions says whether it is below maximumSessions.
//
// A sort expression is an operand and ASC or DESC (ASC when left out);
// sessions without the sorted property come last. Without one, sessions
// come in creation order (AWS documents a random order). Mistakes in either
// expression are InvalidRequestExceptions that say what is wrong and at
// which character position.
func (s *Service) SearchGameSessions(ctx context.Context, in *SearchGameSessionsInput) (*SearchGameSessionsOutput, error) {
	if err := checkLimit(in.Limit); err != nil {
		return nil, err
	}
	limit := MaxSearchResults
	if in.Limit > 0 && in.Limit < limit {
		limit = in.Limit
	}
	var filter *searchFilter
	var order *searchSort
	var err error
	if in.FilterExpression != "" {
		if filter, err = compileFilter(in.FilterExpression); err != nil {
			return nil, err
		}
	}
	if in.SortExpression != "" {
		if order, err = parseSort(in.SortExpression); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at()
	f, err := s.fleetOrAlias(in.FleetId, in.AliasId)
	if err != nil {
		return nil, err
	}
	if in.Location != "" {
		if _, err := fleetLocationOf(f, in.Location); err != nil {
			return nil, err
		}
	}
	var match []*gameSession
	for _, gs := range s.sessionOrder {
		if gs.fleet != f || gs.attrs.Status != GameSessionActive || in.Location != "" && gs.attrs.Location != in.Location {
			continue
		}
		if filter != nil {
			ok, err := filter.match(gs)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		match = append(match, gs)
	}
	if order != nil {
		slices.SortStableFunc(match, order.compare)
	}
	page, next, err := paginate(match, limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &SearchGameSessionsOutput{GameSessions: make([]GameSession, len(page)), NextToken: next}
	for i, gs := range page {
		out.GameSessions[i] = *gs.view()
	}
	return out, nil
}

// searchEnv is what a compiled filter reads: one game session's operands,
// and the filter's constants.
type searchEnv struct {
	GameSessionId      string         `expr:"gameSessionId"`
	GameSessionName    string         `expr:"gameSessionName"`
	Props              map[string]any `expr:"props"`
	MaximumSessions    float64        `expr:"maximumSessions"`
	CreationTimeMillis float64        `expr:"creationTimeMillis"`
	PlayerSessionCount float64        `expr:"playerSessionCount"`
	HasAvailable       bool           `expr:"hasAvailablePlayerSessions"`
	S                  []string       `expr:"S"`
	N                  []float64      `expr:"N"`
	B                  []bool         `expr:"B"`
}

// searchFilter is a compiled filter expression.
type searchFilter struct {
	prog   *vm.Program
	consts searchConsts
	props  bool
}

// compileFilter parses a filter expression and compiles it with expr.
func compileFilter(src string) (*searchFilter, error) {
	if err := checkLen("FilterExpression", src, 1, maxExpression); err != nil {
		return nil, err
	}
	code, p, err := parseFilter(src)
	if err != nil {
		return nil, err
	}
	prog, err := expr.Compile(code, expr.Env(searchEnv{}), expr.AsBool(), expr.DisableAllBuiltins())
	if err != nil {
		return nil, errorf(engine.CodeInternalService, "FilterExpression could not be compiled: %v", err)
	}
	return &searchFilter{prog: prog, consts: p.consts, props: p.props}, nil
}

// match evaluates the filter on a game session.
func (f *searchFilter) match(gs *gameSession) (bool, error) {
	a := &gs.attrs
	env := searchEnv{
		GameSessionId:      a.GameSessionId,
		GameSessionName:    a.Name,
		MaximumSessions:    float64(a.MaximumPlayerSessionCount),
		CreationTimeMillis: float64(a.CreationTime.UnixMilli()),
		PlayerSessionCount: float64(a.CurrentPlayerSessionCount),
		HasAvailable:       a.CurrentPlayerSessionCount < a.MaximumPlayerSessionCount,
		S:                  f.consts.S,
		N:                  f.consts.N,
		B:                  f.consts.B,
	}
	if f.props {
		env.Props = make(map[string]any, len(a.GameProperties))
		for _, p := range a.GameProperties {
			if _, dup := env.Props[p.Key]; !dup {
				env.Props[p.Key] = p.Value
			}
		}
	}
	out, err := expr.Run(f.prog, env)
	if err != nil {
		return false, errorf(engine.CodeInternalService, "FilterExpression could not be evaluated: %v", err)
	}
	ok, _ := out.(bool)
	return ok, nil
}

// value returns a session's value of the sorted operand, or false when the
// session lacks the sorted property.
func (o *searchSort) value(gs *gameSession) (any, bool) {
	a := &gs.attrs
	switch o.env {
	case "gameSessionId":
		return a.GameSessionId, true
	case "gameSessionName":
		return a.Name, true
	case "maximumSessions":
		return float64(a.MaximumPlayerSessionCount), true
	case "creationTimeMillis":
		return float64(a.CreationTime.UnixMilli()), true
	case "playerSessionCount":
		return float64(a.CurrentPlayerSessionCount), true
	case "hasAvailablePlayerSessions":
		return a.CurrentPlayerSessionCount < a.MaximumPlayerSessionCount, true
	}
	for _, p := range a.GameProperties {
		if p.Key == o.key {
			return p.Value, true
		}
	}
	return nil, false
}

// compare orders two sessions by the sort expression, sessions without a
// value last in either direction.
func (o *searchSort) compare(x, y *gameSession) int {
	vx, okx := o.value(x)
	vy, oky := o.value(y)
	switch {
	case !okx || !oky:
		return cmp.Compare(boolRank(!okx), boolRank(!oky))
	}
	var c int
	switch vx := vx.(type) {
	case string:
		c = cmp.Compare(vx, vy.(string))
	case float64:
		c = cmp.Compare(vx, vy.(float64))
	case bool:
		c = cmp.Compare(boolRank(vx), boolRank(vy.(bool)))
	}
	if o.desc {
		return -c
	}
	return c
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
