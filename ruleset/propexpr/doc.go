// Package propexpr parses and type-checks FlexMatch property expressions,
// the small language rules use to read team and player data:
//
//	avg(flatten(teams[*].players.attributes[skill]))
//	count(teams[red,blue].players)
//	set_intersection(flatten(teams[*].players.attributes[preferredOpponents]))
//
// It is the front end of the ruleset package's expression pipeline: Parse
// turns text into an AST (with byte offsets for every error), Check gives
// each expression its static type against the rule set's teams and
// attributes. Evaluation lives in package ruleset, which compiles the checked
// AST into Go closures and, as a reference implementation, into expr-lang
// programs (see ruleset.Expression.EvalExpr).
//
// The language is exactly the documented one: the functions min, max, avg,
// median, sum, count, stddev, flatten and set_intersection, each with one
// argument; paths teams[...] (or team[...]) selecting one team, a list of
// teams or all teams (*), then .players, then .attributes[name] (optionally
// [mapKey]) or [playerId] / .playerId; and number literals. A function
// applied to a nested list works on each innermost list and returns a list.
package propexpr
