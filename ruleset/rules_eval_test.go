package ruleset_test

// Rule.Evaluate for the filtering rule types that read property
// expressions or batch attributes (spec §2.2–2.5): comparison, distance,
// collection and batchDistance. Latency and sort rules are in
// rules_eval_latency_sort_test.go, compound rules and party preparation
// in rules_eval_compound_party_test.go.

import (
	"fmt"
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// ruleFixture is a rule set with teams red and blue (0-4 players each) and
// the attributes skill (number), role (string), modes and block (string
// lists, default []), whose only rule is "R" with the given properties.
func ruleFixture(rule string) string {
	return fmt.Sprintf(`{
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [
		{"name": "skill", "type": "number"},
		{"name": "role", "type": "string"},
		{"name": "modes", "type": "string_list", "default": []},
		{"name": "block", "type": "string_list", "default": []}],
	"teams": [
		{"name": "red", "minPlayers": 0, "maxPlayers": 4},
		{"name": "blue", "minPlayers": 0, "maxPlayers": 4}],
	"rules": [{"name": "R", %s}]
}`, rule)
}

// ruleCase evaluates rule R of ruleFixture on a match of solo players.
type ruleCase struct {
	name      string
	rule      string
	red, blue []ticket.Player
	want      ruleset.Outcome
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := mustParseBody(t, ruleFixture(c.rule))
			var placement []any
			placement = append(placement, "red")
			for _, p := range c.red {
				placement = append(placement, soloOf(t, rs, p))
			}
			placement = append(placement, "blue")
			for _, p := range c.blue {
				placement = append(placement, soloOf(t, rs, p))
			}
			m := matchOf(t, rs, placement...)
			if got := mustRule(t, rs, "R").Evaluate(m, rs.LimitsAt(0)); got != c.want {
				t.Errorf("Evaluate = %v, want %v", got, c.want)
			}
		})
	}
}

func TestComparisonWithReference(t *testing.T) {
	redSkill := func(op string, ref float64) string {
		return fmt.Sprintf(`"type": "comparison", "measurements": "teams[red].players.attributes[skill]", "operation": %q, "referenceValue": %v`, op, ref)
	}
	runRuleCases(t, []ruleCase{
		{name: "every element satisfies >=", rule: redSkill(">=", 10), red: skillPlayers(10, 15), want: oPass},
		{name: "one element fails >=", rule: redSkill(">=", 10), red: skillPlayers(15, 9), want: oFail},
		{name: "< pass", rule: redSkill("<", 10), red: skillPlayers(9, 1), want: oPass},
		{name: "< fails on equal", rule: redSkill("<", 10), red: skillPlayers(9, 10), want: oFail},
		{name: "<= pass on equal", rule: redSkill("<=", 10), red: skillPlayers(10), want: oPass},
		{name: "<= fail", rule: redSkill("<=", 10), red: skillPlayers(11), want: oFail},
		{name: "= pass", rule: redSkill("=", 10), red: skillPlayers(10, 10), want: oPass},
		{name: "= fail", rule: redSkill("=", 10), red: skillPlayers(10, 11), want: oFail},
		{name: "!= pass", rule: redSkill("!=", 10), red: skillPlayers(9, 11), want: oPass},
		{name: "!= fail", rule: redSkill("!=", 10), red: skillPlayers(9, 10), want: oFail},
		{name: "> pass", rule: redSkill(">", 10), red: skillPlayers(11), want: oPass},
		{name: "> fails on equal", rule: redSkill(">", 10), red: skillPlayers(10), want: oFail},
		// An empty team measures nothing: vacuously true.
		{name: "empty list passes", rule: redSkill(">=", 10), want: oPass},
		// The average of an empty team does not exist yet.
		{name: "aggregate of empty team is unknown", rule: `"type": "comparison", "measurements": "avg(teams[red].players.attributes[skill])", "operation": ">=", "referenceValue": 10`, blue: skillPlayers(50), want: oUnknown},
		{name: "aggregate pass", rule: `"type": "comparison", "measurements": "avg(teams[red].players.attributes[skill])", "operation": ">=", "referenceValue": 10`, red: skillPlayers(5, 15), want: oPass},
		{name: "nested list: every team average", rule: `"type": "comparison", "measurements": "avg(teams[*].players.attributes[skill])", "operation": "<", "referenceValue": 20`, red: skillPlayers(10, 20), blue: skillPlayers(25), want: oFail},
	})
}

func TestComparisonStrings(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "= reference pass", rule: `"type": "comparison", "measurements": "teams[red].players.attributes[role]", "operation": "=", "referenceValue": "tank"`, red: rolePlayers("tank", "tank"), want: oPass},
		{name: "= reference fail", rule: `"type": "comparison", "measurements": "teams[red].players.attributes[role]", "operation": "=", "referenceValue": "tank"`, red: rolePlayers("tank", "dps"), want: oFail},
		{name: "!= reference pass", rule: `"type": "comparison", "measurements": "teams[red].players.attributes[role]", "operation": "!=", "referenceValue": "tank"`, red: rolePlayers("dps", "healer"), want: oPass},
		{name: "!= reference fail", rule: `"type": "comparison", "measurements": "teams[red].players.attributes[role]", "operation": "!=", "referenceValue": "tank"`, red: rolePlayers("dps", "tank"), want: oFail},
		{name: "all equal pass", rule: `"type": "comparison", "measurements": "flatten(teams[*].players.attributes[role])", "operation": "="`, red: rolePlayers("eu"), blue: rolePlayers("eu", "eu"), want: oPass},
		{name: "all equal fail", rule: `"type": "comparison", "measurements": "flatten(teams[*].players.attributes[role])", "operation": "="`, red: rolePlayers("eu"), blue: rolePlayers("eu", "us"), want: oFail},
		{name: "all distinct pass", rule: `"type": "comparison", "measurements": "flatten(teams[*].players.attributes[role])", "operation": "!="`, red: rolePlayers("tank", "dps"), blue: rolePlayers("healer"), want: oPass},
		{name: "all distinct fail across teams", rule: `"type": "comparison", "measurements": "flatten(teams[*].players.attributes[role])", "operation": "!="`, red: rolePlayers("tank", "dps"), blue: rolePlayers("tank"), want: oFail},
	})
}

func TestComparisonWithoutReference(t *testing.T) {
	allSkills := func(op string) string {
		return fmt.Sprintf(`"type": "comparison", "measurements": "flatten(teams[*].players.attributes[skill])", "operation": %q`, op)
	}
	runRuleCases(t, []ruleCase{
		{name: "= all equal", rule: allSkills("="), red: skillPlayers(5, 5), blue: skillPlayers(5), want: oPass},
		{name: "= one differs", rule: allSkills("="), red: skillPlayers(5), blue: skillPlayers(5, 6), want: oFail},
		{name: "!= pairwise distinct", rule: allSkills("!="), red: skillPlayers(1, 2), blue: skillPlayers(3), want: oPass},
		// != means all distinct, not "not all equal".
		{name: "!= one pair equal", rule: allSkills("!="), red: skillPlayers(1, 2), blue: skillPlayers(1), want: oFail},
		{name: "= single value", rule: allSkills("="), red: skillPlayers(7), want: oPass},
		{name: "= nothing measured", rule: allSkills("="), want: oPass},
		{name: "= team averages", rule: `"type": "comparison", "measurements": "avg(teams[*].players.attributes[skill])", "operation": "="`, red: skillPlayers(10, 30), blue: skillPlayers(20), want: oPass},
		{name: "= team average unknown", rule: `"type": "comparison", "measurements": "avg(teams[*].players.attributes[skill])", "operation": "="`, red: skillPlayers(10, 30), want: oUnknown},
	})
}

func TestComparisonExpressionReference(t *testing.T) {
	equalSizes := `"type": "comparison", "measurements": "count(teams[red].players)", "operation": "=", "referenceValue": "count(teams[blue].players)"`
	strongerRed := `"type": "comparison", "measurements": "avg(teams[red].players.attributes[skill])", "operation": ">=", "referenceValue": "max(teams[blue].players.attributes[skill])"`
	runRuleCases(t, []ruleCase{
		{name: "equal team sizes", rule: equalSizes, red: skillPlayers(1, 2), blue: skillPlayers(3, 4), want: oPass},
		{name: "unequal team sizes", rule: equalSizes, red: skillPlayers(1, 2), blue: skillPlayers(3), want: oFail},
		{name: "empty teams count 0", rule: equalSizes, want: oPass},
		{name: "stronger red", rule: strongerRed, red: skillPlayers(20, 30), blue: skillPlayers(25, 10), want: oPass},
		{name: "weaker red", rule: strongerRed, red: skillPlayers(20, 30), blue: skillPlayers(26), want: oFail},
		{name: "reference of empty team is unknown", rule: strongerRed, red: skillPlayers(20), want: oUnknown},
		{name: "measurement of empty team is unknown", rule: strongerRed, blue: skillPlayers(20), want: oUnknown},
	})
}

func TestDistance(t *testing.T) {
	avgTeams := `"measurements": "avg(teams[*].players.attributes[skill])"`
	redSkill := `"measurements": "teams[red].players.attributes[skill]"`
	runRuleCases(t, []ruleCase{
		{name: "literal reference within max", rule: `"type": "distance", ` + avgTeams + `, "referenceValue": 50, "maxDistance": 10`, red: skillPlayers(40, 50), blue: skillPlayers(58), want: oPass},
		{name: "literal reference beyond max", rule: `"type": "distance", ` + avgTeams + `, "referenceValue": 50, "maxDistance": 10`, red: skillPlayers(40, 50), blue: skillPlayers(61), want: oFail},
		{name: "max is inclusive", rule: `"type": "distance", ` + redSkill + `, "referenceValue": 50, "maxDistance": 10`, red: skillPlayers(40, 60), want: oPass},
		{name: "numeric string reference", rule: `"type": "distance", ` + redSkill + `, "referenceValue": "50", "maxDistance": 10`, red: skillPlayers(61), want: oFail},
		{name: "min distance pass", rule: `"type": "distance", ` + redSkill + `, "referenceValue": 50, "minDistance": 5`, red: skillPlayers(40, 60), want: oPass},
		{name: "min distance fail", rule: `"type": "distance", ` + redSkill + `, "referenceValue": 50, "minDistance": 5`, red: skillPlayers(40, 52), want: oFail},
		{name: "min is inclusive", rule: `"type": "distance", ` + redSkill + `, "referenceValue": 50, "minDistance": 5, "maxDistance": 10`, red: skillPlayers(45, 55, 40, 60), want: oPass},
		{name: "band: too far", rule: `"type": "distance", ` + redSkill + `, "referenceValue": 50, "minDistance": 5, "maxDistance": 10`, red: skillPlayers(45, 39), want: oFail},
		{name: "band: too close", rule: `"type": "distance", ` + redSkill + `, "referenceValue": 50, "minDistance": 5, "maxDistance": 10`, red: skillPlayers(46), want: oFail},
		{name: "expression reference unknown", rule: `"type": "distance", ` + redSkill + `, "referenceValue": "avg(teams[blue].players.attributes[skill])", "maxDistance": 10`, red: skillPlayers(40), want: oUnknown},
		{name: "expression reference", rule: `"type": "distance", ` + redSkill + `, "referenceValue": "avg(teams[blue].players.attributes[skill])", "maxDistance": 10`, red: skillPlayers(40, 45), blue: skillPlayers(30, 40), want: oPass},
		// Without a reference the distance is max - min of the values.
		{name: "spread within max", rule: `"type": "distance", ` + avgTeams + `, "maxDistance": 10`, red: skillPlayers(20), blue: skillPlayers(29), want: oPass},
		{name: "spread beyond max", rule: `"type": "distance", ` + avgTeams + `, "maxDistance": 10`, red: skillPlayers(20), blue: skillPlayers(31), want: oFail},
		{name: "spread below min", rule: `"type": "distance", ` + avgTeams + `, "minDistance": 5`, red: skillPlayers(20), blue: skillPlayers(22), want: oFail},
		{name: "spread unknown", rule: `"type": "distance", ` + avgTeams + `, "maxDistance": 10`, red: skillPlayers(20), want: oUnknown},
		{name: "spread of nothing", rule: `"type": "distance", ` + redSkill + `, "maxDistance": 10`, want: oPass},
	})
}

// FairTeamSkill of the documentation's aliens-vs-cowboys example: every
// team's average within 10 of the average over all players.
func TestDistanceCorpusFairTeamSkill(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex1-aliens-vs-cowboys.json")
	fair, equal := mustRule(t, rs, "FairTeamSkill"), mustRule(t, rs, "EqualTeamSizes")
	tests := []struct {
		name           string
		cowboys, alien []float64
		fair, equal    ruleset.Outcome
	}{
		// Averages 20 and 30, overall 70/3: distances 3.3 and 6.7.
		{"fair", []float64{10, 30}, []float64{30}, oPass, oFail},
		// Averages 5 and 40, overall 50/3: distance 11.7.
		{"unfair", []float64{0, 10}, []float64{40}, oFail, oFail},
		{"fair and even", []float64{10, 30}, []float64{25, 25}, oPass, oPass},
		{"one team empty", []float64{10, 30}, nil, oUnknown, oFail},
	}
	for _, tt := range tests {
		m := skillMatch(t, rs, "cowboys", tt.cowboys, "aliens", tt.alien)
		l := rs.LimitsAt(0)
		if got := fair.Evaluate(m, l); got != tt.fair {
			t.Errorf("%s: FairTeamSkill = %v, want %v", tt.name, got, tt.fair)
		}
		if got := equal.Evaluate(m, l); got != tt.equal {
			t.Errorf("%s: EqualTeamSizes = %v, want %v", tt.name, got, tt.equal)
		}
	}
}

func TestCollection(t *testing.T) {
	shared := `"type": "collection", "operation": "intersection", "measurements": "flatten(teams[*].players.attributes[modes])"`
	medics := `"type": "collection", "operation": "contains", "measurements": "flatten(teams[*].players.attributes[role])", "referenceValue": "medic"`
	runRuleCases(t, []ruleCase{
		{name: "intersection min pass", rule: shared + `, "minCount": 1`, red: modePlayers([]string{"dm", "coop"}, []string{"coop"}), blue: modePlayers([]string{"ctf", "coop"}), want: oPass},
		{name: "intersection min fail", rule: shared + `, "minCount": 1`, red: modePlayers([]string{"dm", "coop"}, []string{"coop"}), blue: modePlayers([]string{"ctf"}), want: oFail},
		{name: "intersection max", rule: shared + `, "maxCount": 1`, red: modePlayers([]string{"a", "b"}), blue: modePlayers([]string{"b", "a"}), want: oFail},
		{name: "intersection of one list", rule: shared + `, "minCount": 2, "maxCount": 2`, red: modePlayers([]string{"a", "b"}), want: oPass},
		{name: "intersection of nothing is unknown", rule: shared + `, "minCount": 1`, want: oUnknown},
		// Each string is a one-element collection.
		{name: "contains within max", rule: medics + `, "maxCount": 1`, red: rolePlayers("medic", "tank"), blue: rolePlayers("dps"), want: oPass},
		{name: "contains beyond max", rule: medics + `, "maxCount": 1`, red: rolePlayers("medic"), blue: rolePlayers("medic"), want: oFail},
		{name: "contains below min", rule: medics + `, "minCount": 1`, red: rolePlayers("tank"), want: oFail},
		{name: "contains in string lists", rule: `"type": "collection", "operation": "contains", "measurements": "flatten(teams[*].players.attributes[modes])", "referenceValue": "coop", "minCount": 2`, red: modePlayers([]string{"coop", "dm"}), blue: modePlayers([]string{"dm"}, []string{"coop"}), want: oPass},
		// reference_intersection_count: every collection on its own.
		{name: "reference list each within", rule: `"type": "collection", "operation": "reference_intersection_count", "measurements": "flatten(teams[*].players.attributes[modes])", "referenceValue": ["a", "b"], "minCount": 1`, red: modePlayers([]string{"a", "x"}), blue: modePlayers([]string{"b"}), want: oPass},
		{name: "reference list one outside", rule: `"type": "collection", "operation": "reference_intersection_count", "measurements": "flatten(teams[*].players.attributes[modes])", "referenceValue": ["a", "b"], "minCount": 1`, red: modePlayers([]string{"a", "b"}), blue: modePlayers([]string{"x"}), want: oFail},
		{name: "reference list count per collection", rule: `"type": "collection", "operation": "reference_intersection_count", "measurements": "flatten(teams[*].players.attributes[modes])", "referenceValue": ["a", "b"], "maxCount": 1`, red: modePlayers([]string{"a"}, []string{"a", "b"}), want: oFail},
	})
}

// PlayerIdNotInBlockList: no player's block list may name a player in the
// match, whichever team either is on.
func TestCollectionCorpusBlocklist(t *testing.T) {
	rs := mustParseCorpus(t, "viz-blocklist.json")
	rule := mustRule(t, rs, "PlayerIdNotInBlockList")
	block := func(id string, ids ...string) *ruleset.Party {
		return soloOf(t, rs, plr(id, "BlockList", vList(ids...)))
	}
	tests := []struct {
		name string
		m    *ruleset.Match
		want ruleset.Outcome
	}{
		{"nobody blocked", matchOf(t, rs, "red", block("ann"), block("bob", "zed"), "blue", block("cat", "yan")), oPass},
		{"blocked on the other team", matchOf(t, rs, "red", block("ann"), block("bob", "zed"), "blue", block("cat", "ann")), oFail},
		{"blocked on the same team", matchOf(t, rs, "red", block("ann", "bob"), block("bob")), oFail},
		{"empty match", rs.NewMatch(), oPass},
	}
	for _, tt := range tests {
		if got := rule.Evaluate(tt.m, rs.LimitsAt(0)); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	ref := rule.Reference.Expr.Eval(tests[1].m, rule.PartyAggregation)
	if want := `["ann" "bob" "cat"]`; ref != want {
		t.Errorf("reference = %s, want %s", ref, want)
	}
}

// OpponentMatch of the preferred-characters example: every player's
// character is on every player's preferred-opponents list.
func TestCollectionCorpusPreferredOpponents(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex5-preferred-characters.json")
	rule := mustRule(t, rs, "OpponentMatch")
	p := func(id, char string, opponents ...string) *ruleset.Party {
		return soloOf(t, rs, plr(id, "myCharacter", vList(char), "preferredOpponents", vList(opponents...)))
	}
	ok := matchOf(t, rs, "red", p("a", "elf", "elf", "orc"), p("b", "orc", "orc", "elf", "imp"))
	if got := rule.Evaluate(ok, rs.LimitsAt(0)); got != oPass {
		t.Errorf("mutually preferred: %v, want pass", got)
	}
	bad := matchOf(t, rs, "red", p("a", "elf", "elf", "orc"), p("b", "imp", "orc", "elf", "imp"))
	if got := rule.Evaluate(bad, rs.LimitsAt(0)); got != oFail {
		t.Errorf("imp not preferred by a: %v, want fail", got)
	}
	// After 15 seconds minCount expands to 0 and anything goes.
	if got := rule.Evaluate(bad, rs.LimitsAt(15*time.Second)); got != oPass {
		t.Errorf("after expansion: %v, want pass", got)
	}
}

// SharedMode of the multi-map example, with the declared default
// ["deathmatch", "coop"] for a player who sends no gameMode.
func TestCollectionCorpusSharedMode(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex4-multi-map-game.json")
	rule := mustRule(t, rs, "SharedMode")
	withMode := func(id string, m ...string) *ruleset.Party { return soloOf(t, rs, plr(id, "gameMode", vList(m...))) }
	noMode := soloOf(t, rs, plr("d"))
	tests := []struct {
		name string
		m    *ruleset.Match
		want ruleset.Outcome
	}{
		{"default overlaps", matchOf(t, rs, "red", withMode("a", "coop"), noMode), oPass},
		{"default does not overlap", matchOf(t, rs, "red", withMode("a", "ctf"), "blue", noMode), oFail},
		{"no common mode", matchOf(t, rs, "red", withMode("a", "coop", "ctf"), withMode("b", "ctf"), "blue", withMode("c", "coop")), oFail},
	}
	for _, tt := range tests {
		if got := rule.Evaluate(tt.m, rs.LimitsAt(0)); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A collection rule reads a party's string lists through its aggregation:
// union (default) gives every member the union of the party's lists,
// intersection their intersection.
func TestCollectionPartyAggregation(t *testing.T) {
	for _, tt := range []struct {
		agg  string
		want ruleset.Outcome
	}{{"union", oPass}, {"intersection", oFail}} {
		rs := mustParseBody(t, ruleFixture(`"type": "collection", "operation": "intersection",
			"measurements": "flatten(teams[*].players.attributes[modes])", "minCount": 1, "partyAggregation": "`+tt.agg+`"`))
		duo := partyOf(t, rs, "duo", plr("a", "modes", vList("x", "y")), plr("b", "modes", vList("y", "z")))
		m := matchOf(t, rs, "red", duo, "blue", soloOf(t, rs, plr("c", "modes", vList("x"))))
		// union: [x y z] [x y z] [x] share x; intersection: [y] [y] [x] share nothing.
		if got := mustRule(t, rs, "R").Evaluate(m, rs.LimitsAt(0)); got != tt.want {
			t.Errorf("partyAggregation %s: %v, want %v", tt.agg, got, tt.want)
		}
	}
}

func TestBatchDistance(t *testing.T) {
	numeric := func(agg string) string {
		return `"type": "batchDistance", "batchAttribute": "skill", "maxDistance": 10, "partyAggregation": "` + agg + `"`
	}
	byRole := `"type": "batchDistance", "batchAttribute": "role"`
	tests := []struct {
		name    string
		rule    string
		parties [][]ticket.Player // one party per element, alternately on red and blue
		want    ruleset.Outcome
	}{
		{"spread within", numeric("avg"), [][]ticket.Player{skillPlayers(10), skillPlayers(20)}, oPass},
		{"spread beyond", numeric("avg"), [][]ticket.Player{skillPlayers(10), skillPlayers(21)}, oFail},
		{"across teams too", numeric("avg"), [][]ticket.Player{skillPlayers(10), skillPlayers(15), skillPlayers(21)}, oFail},
		{"empty match", numeric("avg"), nil, oPass},
		// A party of 10 and 30 is 20 (avg), 10 (min) or 30 (max).
		{"party avg", numeric("avg"), [][]ticket.Player{skillPlayers(10, 30), skillPlayers(28)}, oPass},
		{"party min", numeric("min"), [][]ticket.Player{skillPlayers(10, 30), skillPlayers(28)}, oFail},
		{"party max", numeric("max"), [][]ticket.Player{skillPlayers(10, 30), skillPlayers(28)}, oPass},
		{"same string", byRole, [][]ticket.Player{rolePlayers("eu"), rolePlayers("eu", "eu")}, oPass},
		{"different strings", byRole, [][]ticket.Player{rolePlayers("eu"), rolePlayers("us")}, oFail},
		{"party members disagree", byRole, [][]ticket.Player{rolePlayers("eu", "us")}, oFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := mustParseBody(t, ruleFixture(tt.rule))
			m := rs.NewMatch()
			for i, players := range tt.parties {
				m.Add(i%2, partyOf(t, rs, fmt.Sprintf("t%d", i), players...))
			}
			if got := mustRule(t, rs, "R").Evaluate(m, rs.LimitsAt(0)); got != tt.want {
				t.Errorf("Evaluate = %v, want %v", got, tt.want)
			}
		})
	}
}
