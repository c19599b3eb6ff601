package ruleset_test

// Property-expression functions and path forms (spec §3), checked through
// Expression.Eval, which renders a value as text: numbers, "quoted"
// strings, [lists], and none for "no value".

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
)

// exprTeams are the teams of the expression fixture: red and blue, and
// squad generating squad_1 and squad_2. teams[*] is red, blue, squad_1,
// squad_2 in that order.
const exprTeams = `[
	{"name": "red", "minPlayers": 0, "maxPlayers": 8},
	{"name": "blue", "minPlayers": 0, "maxPlayers": 8},
	{"name": "squad", "minPlayers": 0, "maxPlayers": 4, "quantity": 2}]`

// exprRuleSet compiles the expression fixture with one rule, "probe", that
// measures every given expression: a comparison (numbers and strings), or
// with lists set a collection (string lists).
func exprRuleSet(t *testing.T, lists bool, exprs ...string) *ruleset.RuleSet {
	t.Helper()
	rule := `"type": "comparison", "operation": "="`
	if lists {
		rule = `"type": "collection", "operation": "intersection", "minCount": 0`
	}
	body := fmt.Sprintf(`{
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [
		{"name": "skill", "type": "number"},
		{"name": "modes", "type": "string_list", "default": []},
		{"name": "maps", "type": "string_number_map", "default": {}},
		{"name": "role", "type": "string", "default": "any"}],
	"teams": %s,
	"rules": [{"name": "probe", %s, "measurements": [%s]}]
}`, exprTeams, rule, quoteJSONList(exprs))
	return mustParseBody(t, body)
}

// exprCase is one expression and the value it must render.
type exprCase struct {
	expr string
	want string
}

// checkExprs evaluates every case on the match under the party
// aggregation agg and compares the rendering.
func checkExprs(t *testing.T, rs *ruleset.RuleSet, m *ruleset.Match, agg ruleset.Aggregation, cases []exprCase) {
	t.Helper()
	for _, c := range cases {
		if got := findExpr(t, rs, c.expr).Eval(m, agg); got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
	}
}

func exprTexts(cases []exprCase) []string {
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = c.expr
	}
	return out
}

func TestNumericFunctions(t *testing.T) {
	tests := []struct {
		name  string
		red   []float64
		blue  []float64
		cases []exprCase
	}{{
		name: "odd length, unsorted input",
		red:  []float64{5, 1, 3},
		cases: []exprCase{
			{"min(teams[red].players.attributes[skill])", "1"},
			{"max(teams[red].players.attributes[skill])", "5"},
			{"avg(teams[red].players.attributes[skill])", "3"},
			{"median(teams[red].players.attributes[skill])", "3"},
			{"sum(teams[red].players.attributes[skill])", "9"},
			{"count(teams[red].players.attributes[skill])", "3"},
			{"count(teams[red].players)", "3"},
		},
	}, {
		name: "even length median is the mean of the middle two",
		red:  []float64{11, 1, 6, 2},
		cases: []exprCase{
			{"median(teams[red].players.attributes[skill])", "4"},
			{"avg(teams[red].players.attributes[skill])", "5"},
		},
	}, {
		name: "stddev is the population standard deviation",
		red:  []float64{2, 4, 4, 4, 5, 5, 7, 9},
		cases: []exprCase{
			// The sample standard deviation would be 2.138….
			{"stddev(teams[red].players.attributes[skill])", "2"},
		},
	}, {
		name: "one value",
		red:  []float64{7},
		cases: []exprCase{
			{"stddev(teams[red].players.attributes[skill])", "0"},
			{"median(teams[red].players.attributes[skill])", "7"},
			{"min(teams[red].players.attributes[skill])", "7"},
		},
	}, {
		name: "fractions render exactly",
		red:  []float64{1, 2},
		blue: []float64{0.5},
		cases: []exprCase{
			{"avg(teams[red].players.attributes[skill])", "1.5"},
			{"sum(flatten(teams[*].players.attributes[skill]))", "3.5"},
		},
	}, {
		name: "empty teams: aggregates have no value, count and sum are 0",
		cases: []exprCase{
			{"min(teams[red].players.attributes[skill])", "none"},
			{"max(teams[red].players.attributes[skill])", "none"},
			{"avg(teams[red].players.attributes[skill])", "none"},
			{"median(teams[red].players.attributes[skill])", "none"},
			{"stddev(teams[red].players.attributes[skill])", "none"},
			{"sum(teams[red].players.attributes[skill])", "0"},
			{"count(teams[red].players)", "0"},
			{"count(teams[red].players.attributes[skill])", "0"},
			{"teams[red].players.attributes[skill]", "[]"},
			{"avg(flatten(teams[*].players.attributes[skill]))", "none"},
			{"count(flatten(teams[*].players))", "0"},
		},
	}, {
		name: "functions apply per team on nested lists",
		red:  []float64{10, 20},
		blue: []float64{40},
		cases: []exprCase{
			{"teams[*].players.attributes[skill]", "[[10 20] [40] [] []]"},
			{"avg(teams[*].players.attributes[skill])", "[15 40 none none]"},
			{"sum(teams[*].players.attributes[skill])", "[30 40 0 0]"},
			{"count(teams[*].players)", "[2 1 0 0]"},
			{"min(teams[red,blue].players.attributes[skill])", "[10 40]"},
			{"max(avg(teams[red,blue].players.attributes[skill]))", "40"},
			{"min(avg(teams[red,blue].players.attributes[skill]))", "15"},
			// One empty team has no average, so neither has the max.
			{"max(avg(teams[*].players.attributes[skill]))", "none"},
			{"max(count(teams[*].players))", "2"},
			{"avg(flatten(teams[*].players.attributes[skill]))", "23.333333333333332"},
			{"flatten(teams[*].players.attributes[skill])", "[10 20 40]"},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := exprRuleSet(t, false, exprTexts(tt.cases)...)
			m := skillMatch(t, rs, "red", tt.red, "blue", tt.blue)
			checkExprs(t, rs, m, ruleset.AggAvg, tt.cases)
		})
	}
}

// pathMatch is the fixture match of TestPathForms:
//
//	red:     p1 (skill 10, modes [a b], maps {x:1 y:5}, role tank)
//	         p2 (skill 20, modes [b c], maps {x:3},     role healer)
//	blue:    p3 (skill 30, modes [b],   maps {y:2},     role dps)
//	squad_1: p4 (skill 40, modes [d],   role default "any")
//	squad_2: empty
func pathMatch(t *testing.T, rs *ruleset.RuleSet) *ruleset.Match {
	p1 := plr("p1", "skill", vNum(10), "modes", vList("a", "b"), "maps", vMap(map[string]float64{"x": 1, "y": 5}), "role", vStr("tank"))
	p2 := plr("p2", "skill", vNum(20), "modes", vList("b", "c"), "maps", vMap(map[string]float64{"x": 3}), "role", vStr("healer"))
	p3 := plr("p3", "skill", vNum(30), "modes", vList("b"), "maps", vMap(map[string]float64{"y": 2}), "role", vStr("dps"))
	p4 := plr("p4", "skill", vNum(40), "modes", vList("d"))
	return matchOf(t, rs,
		"red", soloOf(t, rs, p1), soloOf(t, rs, p2),
		"blue", soloOf(t, rs, p3),
		"squad_1", soloOf(t, rs, p4))
}

func TestPathForms(t *testing.T) {
	cases := []exprCase{
		// Team selections.
		{"count(teams[*])", "4"},
		{"count(teams[red,blue])", "2"},
		{"count(teams[ red , blue ])", "2"},
		{"count(teams[squad])", "2"}, // a quantity definition selects all its teams
		{"count(teams[red,squad])", "3"},
		{"count(team[*])", "4"},
		// One team gives a flat list; several give one list per team.
		{"teams[red].players.attributes[skill]", "[10 20]"},
		{"team[red].players.attributes[skill]", "[10 20]"},
		{"teams[blue,red].players.attributes[skill]", "[[10 20] [30]]"}, // team order, not written order
		{"teams[squad].players.attributes[skill]", "[[40] []]"},
		{"count(teams[squad].players)", "[1 0]"},
		{"teams[*].players.attributes[skill]", "[[10 20] [30] [40] []]"},
		// Player IDs, both spellings.
		{"teams[red].players[playerId]", `["p1" "p2"]`},
		{"teams[red].players.playerId", `["p1" "p2"]`},
		{"flatten(teams[*].players[playerId])", `["p1" "p2" "p3" "p4"]`},
		{"teams[red,blue].players.playerId", `[["p1" "p2"] ["p3"]]`},
		// Strings, with a default for the player who has none.
		{"teams[red].players.attributes[role]", `["tank" "healer"]`},
		{"flatten(teams[*].players.attributes[role])", `["tank" "healer" "dps" "any"]`},
		// Map values by key: a player without the key has no value.
		{"teams[red].players.attributes[maps][x]", "[1 3]"},
		{"teams[red].players.attributes[maps][y]", "[5 none]"},
		{"max(teams[red].players.attributes[maps][x])", "3"},
		{"max(teams[red].players.attributes[maps][y])", "none"},
		{"teams[*].players.attributes[maps][y]", "[[5 none] [2] [none] []]"},
		// count of string lists counts players; of one string list, strings.
		{"count(teams[red].players.attributes[modes])", "2"},
		{"count(set_intersection(flatten(teams[red,blue].players.attributes[modes])))", "1"},
		{"count(set_intersection(teams[red].players.attributes[modes]))", "1"},
		// Numbers alone are expressions too.
		{"4", "4"},
	}
	rs := exprRuleSet(t, false, exprTexts(cases)...)
	checkExprs(t, rs, pathMatch(t, rs), ruleset.AggAvg, cases)
}

func TestStringListExpressions(t *testing.T) {
	cases := []exprCase{
		{"teams[red].players.attributes[modes]", `[["a" "b"] ["b" "c"]]`},
		{"teams[*].players.attributes[modes]", `[[["a" "b"] ["b" "c"]] [["b"]] [["d"]] []]`},
		// flatten removes exactly one level: one list per player.
		{"flatten(teams[*].players.attributes[modes])", `[["a" "b"] ["b" "c"] ["b"] ["d"]]`},
		// ...and once more gives the strings.
		{"flatten(flatten(teams[red,blue].players.attributes[modes]))", `["a" "b" "b" "c" "b"]`},
		{"set_intersection(teams[red].players.attributes[modes])", `["b"]`},
		{"set_intersection(flatten(teams[red,blue].players.attributes[modes]))", `["b"]`},
		{"set_intersection(flatten(teams[*].players.attributes[modes]))", `[]`},
		// Per team on a nested list.
		{"set_intersection(teams[red,blue].players.attributes[modes])", `[["b"] ["b"]]`},
	}
	rs := exprRuleSet(t, true, exprTexts(cases)...)
	checkExprs(t, rs, pathMatch(t, rs), ruleset.AggUnion, cases)
}

func TestExpressionsOnEmptyMatch(t *testing.T) {
	numbers := []exprCase{
		{"count(teams[*].players)", "[0 0 0 0]"},
		{"avg(teams[*].players.attributes[skill])", "[none none none none]"},
		{"sum(teams[*].players.attributes[skill])", "[0 0 0 0]"},
		{"max(avg(teams[*].players.attributes[skill]))", "none"},
		{"flatten(teams[*].players[playerId])", "[]"},
		{"count(teams[*])", "4"},
	}
	rs := exprRuleSet(t, false, exprTexts(numbers)...)
	checkExprs(t, rs, rs.NewMatch(), ruleset.AggAvg, numbers)

	lists := []exprCase{
		{"flatten(teams[*].players.attributes[modes])", "[]"},
		{"set_intersection(flatten(teams[*].players.attributes[modes]))", "[]"},
	}
	rs = exprRuleSet(t, true, exprTexts(lists)...)
	checkExprs(t, rs, rs.NewMatch(), ruleset.AggUnion, lists)
}

// A party's members all read the party's aggregate of a number (spec
// §2.1), so expressions see the substituted value once per player.
func TestExpressionsSeePartyAggregates(t *testing.T) {
	numbers := []exprCase{
		{"teams[red].players.attributes[skill]", ""},
		{"avg(teams[red].players.attributes[skill])", ""},
		{"count(teams[red].players)", ""},
	}
	want := map[ruleset.Aggregation][]string{
		ruleset.AggAvg: {"[30 30 30 4]", "23.5", "4"},
		ruleset.AggMin: {"[10 10 10 4]", "8.5", "4"},
		ruleset.AggMax: {"[60 60 60 4]", "46", "4"},
	}
	rs := exprRuleSet(t, false, exprTexts(numbers)...)
	party := partyOf(t, rs, "trio", skillPlayer("a", 10), skillPlayer("b", 20), skillPlayer("c", 60))
	m := matchOf(t, rs, "red", party, soloOf(t, rs, skillPlayer("d", 4)))
	for agg, values := range want {
		for i, c := range numbers {
			c.want = values[i]
			checkExprs(t, rs, m, agg, []exprCase{c})
		}
	}

	lists := []exprCase{{"teams[red].players.attributes[modes]", ""}}
	rs = exprRuleSet(t, true, exprTexts(lists)...)
	party = partyOf(t, rs, "duo", plr("a", "skill", vNum(1), "modes", vList("x", "y")), plr("b", "skill", vNum(1), "modes", vList("y", "z")))
	m = matchOf(t, rs, "red", party)
	for agg, w := range map[ruleset.Aggregation]string{
		ruleset.AggUnion:        `[["x" "y" "z"] ["x" "y" "z"]]`,
		ruleset.AggIntersection: `[["y"] ["y"]]`,
	} {
		lists[0].want = w
		checkExprs(t, rs, m, agg, lists)
	}
}

// Expressions compile only for the rule set's own teams and attributes,
// and functions take only what the spec lets them take.
func TestExpressionTypeErrors(t *testing.T) {
	for _, expr := range []string{
		"avg(teams[red].players)",                  // players are not numbers
		"count(teams[red])",                        // one team is not a list
		"avg(teams[red].players.attributes[role])", // strings are not numbers
		"flatten(teams[red].players.attributes[skill])",
		"teams[green].players.attributes[skill]",
		"teams[red].players.attributes[rank]",
		"teams[red].players.attributes[skill][x]", // only maps take a key
		"mean(teams[red].players.attributes[skill])",
	} {
		body := fmt.Sprintf(`{"ruleLanguageVersion": "1.0",
			"playerAttributes": [{"name": "skill", "type": "number"}, {"name": "role", "type": "string"}],
			"teams": %s,
			"rules": [{"name": "probe", "type": "comparison", "operation": "=", "measurements": [%q]}]}`, exprTeams, expr)
		rs, errs := ruleset.Parse("", []byte(body))
		if rs != nil || errs.Err() == nil {
			t.Errorf("%s: compiled, want an error", expr)
			continue
		}
		if !strings.Contains(errs.Error(), "/rules/0/measurements/0") {
			t.Errorf("%s: error %q does not point at the measurement", expr, errs.Error())
		}
	}
}
