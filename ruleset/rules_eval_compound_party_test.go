package ruleset_test

// Compound rules (spec §2.8): Kleene three-valued logic, nesting, which
// rules are enforced on their own, and RuleSet.Evaluate. Then party
// preparation (spec §1.2, §2.1): aggregates, defaults, missing and
// mistyped attributes, string-list duplicates.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// logicFixture has two independent rules whose outcome a test controls:
// A reads team ta, B team tb; each passes when the team's average x is
// 1, fails when it is 0 and is unknown while the team is empty.
const logicFixture = `{
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "x", "type": "number", "default": 0}],
	"teams": [
		{"name": "ta", "minPlayers": 0, "maxPlayers": 2},
		{"name": "tb", "minPlayers": 0, "maxPlayers": 2}],
	"rules": [
		{"name": "A", "type": "comparison", "measurements": "avg(teams[ta].players.attributes[x])", "operation": "=", "referenceValue": 1},
		{"name": "B", "type": "comparison", "measurements": "avg(teams[tb].players.attributes[x])", "operation": "=", "referenceValue": 1},
		{"name": "Sizes", "type": "comparison", "measurements": "count(teams[ta].players)", "operation": "<=", "referenceValue": 2},
		{"name": "AND", "type": "compound", "statement": "and(A, B)"},
		{"name": "OR", "type": "compound", "statement": "or(A, B)"},
		{"name": "XOR", "type": "compound", "statement": "xor(A, B)"},
		{"name": "NOT", "type": "compound", "statement": "not(A)"},
		{"name": "IMPLIES", "type": "compound", "statement": "not(and(A, not(B)))"},
		{"name": "DEEP", "type": "compound", "statement": "or(and(A, B), and(not(A), not(B)))"}]
}`

// logicMatch makes a match in which A and B have the given outcomes.
func logicMatch(t *testing.T, rs *ruleset.RuleSet, a, b ruleset.Outcome) *ruleset.Match {
	t.Helper()
	m := rs.NewMatch()
	for team, o := range []ruleset.Outcome{a, b} {
		switch o {
		case ruleset.Pass:
			m.Add(team, soloOf(t, rs, plr(fmt.Sprintf("p%d", team), "x", vNum(1))))
		case ruleset.Fail:
			m.Add(team, soloOf(t, rs, plr(fmt.Sprintf("p%d", team), "x", vNum(0))))
		}
	}
	return m
}

func TestCompoundTruthTables(t *testing.T) {
	const P, F, U = ruleset.Pass, ruleset.Fail, ruleset.Unknown
	rs := mustParseBody(t, logicFixture)
	tests := []struct {
		a, b                                 ruleset.Outcome
		and, or, xor, not, implies, equality ruleset.Outcome
	}{
		{P, P, P, P, F, F, P, P},
		{P, F, F, P, P, F, F, F},
		{P, U, U, P, U, F, U, U},
		{F, P, F, P, P, P, P, F},
		{F, F, F, F, F, P, P, P},
		{F, U, F, U, U, P, P, U},
		{U, P, U, P, U, U, P, U},
		{U, F, F, U, U, U, U, U},
		{U, U, U, U, U, U, U, U},
	}
	l := rs.LimitsAt(0)
	for _, tt := range tests {
		m := logicMatch(t, rs, tt.a, tt.b)
		if a, b := mustRule(t, rs, "A").Evaluate(m, l), mustRule(t, rs, "B").Evaluate(m, l); a != tt.a || b != tt.b {
			t.Fatalf("fixture: A = %v, B = %v, want %v, %v", a, b, tt.a, tt.b)
		}
		for name, want := range map[string]ruleset.Outcome{
			"AND": tt.and, "OR": tt.or, "XOR": tt.xor, "NOT": tt.not, "IMPLIES": tt.implies, "DEEP": tt.equality,
		} {
			if got := mustRule(t, rs, name).Evaluate(m, l); got != want {
				t.Errorf("A=%v B=%v: %s = %v, want %v", tt.a, tt.b, name, got, want)
			}
		}
	}
}

func TestCompoundEnforced(t *testing.T) {
	rs := mustParseBody(t, logicFixture)
	for name, want := range map[string]bool{
		"A": false, "B": false, "Sizes": true,
		"AND": true, "OR": true, "XOR": true, "NOT": true, "IMPLIES": true, "DEEP": true,
	} {
		if got := mustRule(t, rs, name).Enforced(); got != want {
			t.Errorf("%s.Enforced() = %v, want %v", name, got, want)
		}
	}
	if by := mustRule(t, rs, "A").ReferencedBy; by == nil || by.Type != ruleset.Compound {
		t.Errorf("A.ReferencedBy = %v, want a compound rule", by)
	}
	if by := mustRule(t, rs, "Sizes").ReferencedBy; by != nil {
		t.Errorf("Sizes.ReferencedBy = %s, want nil", by.Name)
	}
}

// RuleSet.Evaluate checks only enforced rules: a rule referenced by a
// compound may fail as long as the compound holds.
func TestRuleSetEvaluateWithCompound(t *testing.T) {
	rs := mustParseBody(t, `{
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "x", "type": "number", "default": 0}],
	"teams": [{"name": "ta", "minPlayers": 0, "maxPlayers": 2}, {"name": "tb", "minPlayers": 0, "maxPlayers": 2}],
	"rules": [
		{"name": "A", "type": "comparison", "measurements": "avg(teams[ta].players.attributes[x])", "operation": "=", "referenceValue": 1},
		{"name": "B", "type": "comparison", "measurements": "avg(teams[tb].players.attributes[x])", "operation": "=", "referenceValue": 1},
		{"name": "Either", "type": "compound", "statement": "or(A, B)"}]
}`)
	const P, F, U = ruleset.Pass, ruleset.Fail, ruleset.Unknown
	l := rs.LimitsAt(0)
	for _, tt := range []struct {
		a, b            ruleset.Outcome
		building, final string // name of the blocking rule, "" for none
	}{
		{P, F, "", ""},
		{F, P, "", ""},
		{F, F, "Either", "Either"},
		{U, F, "", "Either"}, // unknown lets a match go on only while building
		{U, P, "", ""},
	} {
		m := logicMatch(t, rs, tt.a, tt.b)
		for _, final := range []bool{false, true} {
			want := tt.building
			if final {
				want = tt.final
			}
			got := ""
			if r := rs.Evaluate(m, l, final); r != nil {
				got = r.Name
			}
			if got != want {
				t.Errorf("A=%v B=%v final=%v: Evaluate blocks on %q, want %q", tt.a, tt.b, final, got, want)
			}
		}
	}
}

func TestOutcome(t *testing.T) {
	for _, tt := range []struct {
		o               ruleset.Outcome
		text            string
		building, final bool
	}{
		{ruleset.Pass, "pass", true, true},
		{ruleset.Fail, "fail", false, false},
		{ruleset.Unknown, "unknown", true, false},
	} {
		if tt.o.String() != tt.text || tt.o.OK(false) != tt.building || tt.o.OK(true) != tt.final {
			t.Errorf("%v: String %q OK(false) %v OK(true) %v, want %q %v %v",
				tt.o, tt.o.String(), tt.o.OK(false), tt.o.OK(true), tt.text, tt.building, tt.final)
		}
	}
}

// The Radiant-vs-Dire rule set: one compound chooses between three game
// modes, each with its own skill rule.
func TestCompoundCorpusRadiantDire(t *testing.T) {
	rs := mustParseCorpus(t, "sim-radiant-dire-all.json")
	enforced := map[string]bool{}
	for _, r := range rs.Rules {
		if r.Enforced() {
			enforced[r.Name] = true
		}
	}
	want := map[string]bool{"EqualTeamSizes": true, "SharedMode": true, "FastConnection": true, "GameModeRule": true}
	if fmt.Sprint(enforced) != fmt.Sprint(want) {
		t.Errorf("enforced rules = %v, want %v", enforced, want)
	}

	team := func(prefix, mode string, skills ...float64) []any {
		var out []any
		for i, s := range skills {
			p := withLatency(plr(fmt.Sprintf("%s%d", prefix, i), "skill", vNum(s), "GameMode", vList(mode)), map[string]int{"us-east-1": 40})
			out = append(out, soloOf(t, rs, p))
		}
		return out
	}
	build := func(mode string, radiant, dire []float64) *ruleset.Match {
		placement := append([]any{"Radiant"}, team("r", mode, radiant...)...)
		placement = append(placement, "Dire")
		placement = append(placement, team("d", mode, dire...)...)
		return matchOf(t, rs, placement...)
	}
	for _, tt := range []struct {
		name  string
		m     *ruleset.Match
		age   time.Duration
		block string
	}{
		{"practice 4v4", build("Practice", []float64{10, 12, 14, 16}, []float64{11, 13, 15, 17}), 0, ""},
		{"survival 2v2", build("Survival", []float64{10, 20}, []float64{15, 15}), 0, ""},
		// Classic needs at least 8 players.
		{"classic 2v2", build("Classic", []float64{10, 20}, []float64{15, 15}), 0, "GameModeRule"},
		{"classic 4v4", build("Classic", []float64{10, 20, 10, 20}, []float64{15, 15, 15, 15}), 0, ""},
		{"survival 4v3", build("Survival", []float64{10, 20, 10, 20}, []float64{15, 15, 15}), 0, "EqualTeamSizes"},
		// Team averages 10 and 100 are 45 from the overall 55; the skill
		// rules allow 20, and 200 after 20 seconds.
		{"unfair practice", build("Practice", []float64{10, 10}, []float64{100, 100}), 0, "GameModeRule"},
		{"unfair practice at 19s", build("Practice", []float64{10, 10}, []float64{100, 100}), 19 * time.Second, "GameModeRule"},
		{"unfair practice at 20s", build("Practice", []float64{10, 10}, []float64{100, 100}), 20 * time.Second, ""},
	} {
		got := ""
		if r := rs.Evaluate(tt.m, rs.LimitsAt(tt.age), true); r != nil {
			got = r.Name
		}
		if got != tt.block {
			t.Errorf("%s: blocked by %q, want %q", tt.name, got, tt.block)
		}
	}
}

// partyFixture declares one attribute of each type; only rank and modes
// have defaults.
const partyFixture = `{
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [
		{"name": "skill", "type": "number"},
		{"name": "rank", "type": "number", "default": 7},
		{"name": "region", "type": "string"},
		{"name": "modes", "type": "string_list", "default": ["ffa"]},
		{"name": "maps", "type": "string_number_map"}],
	"teams": [{"name": "red", "minPlayers": 0, "maxPlayers": 8}]
}`

func TestPartyNumberAggregates(t *testing.T) {
	rs := mustParseBody(t, partyFixture)
	skill, rank := rs.Attribute("skill"), rs.Attribute("rank")
	full := func(id string, skill float64) ticket.Player {
		return plr(id, "skill", vNum(skill), "region", vStr("eu"), "maps", vMap(nil))
	}
	trio := partyOf(t, rs, "trio", full("a", 10), full("b", 20), full("c", 60))
	if trio.Size() != 3 || trio.Unmatchable != "" {
		t.Fatalf("Size %d, Unmatchable %q", trio.Size(), trio.Unmatchable)
	}
	for _, tt := range []struct {
		attr *ruleset.Attribute
		agg  ruleset.Aggregation
		want float64
	}{
		{skill, ruleset.AggAvg, 30},
		{skill, ruleset.AggMin, 10},
		{skill, ruleset.AggMax, 60},
		{rank, ruleset.AggAvg, 7}, // the default, for everyone
		{rank, ruleset.AggMax, 7},
	} {
		if got, ok := trio.Number(tt.attr, tt.agg); !ok || got != tt.want {
			t.Errorf("Number(%s, %s) = %v, %v, want %v", tt.attr.Name, tt.agg, got, ok, tt.want)
		}
	}
	// The default fills in for the one player who has no rank.
	mixed := partyOf(t, rs, "mixed", plr("a", "skill", vNum(1), "rank", vNum(1), "region", vStr("eu"), "maps", vMap(nil)), full("b", 1))
	if got, _ := mixed.Number(rank, ruleset.AggAvg); got != 4 {
		t.Errorf("avg rank with one default = %v, want 4", got)
	}
	if got, _ := mixed.Number(rank, ruleset.AggMin); got != 1 {
		t.Errorf("min rank with one default = %v, want 1", got)
	}
	if got := mixed.Players[1].Values[rs.Attribute("modes").Index]; !got.Equal(vList("ffa")) {
		t.Errorf("default modes = %v, want [ffa]", got)
	}
	if v, ok := trio.String(rs.Attribute("region")); !ok || v != "eu" {
		t.Errorf("String(region) = %q, %v, want eu, true", v, ok)
	}
	split := partyOf(t, rs, "split", plr("a", "skill", vNum(1), "region", vStr("eu"), "maps", vMap(nil)), plr("b", "skill", vNum(1), "region", vStr("us"), "maps", vMap(nil)))
	if v, ok := split.String(rs.Attribute("region")); ok {
		t.Errorf("String(region) of a split party = %q, true, want false", v)
	}
}

func TestPartyMissingAttribute(t *testing.T) {
	rs := mustParseBody(t, partyFixture)
	p := partyOf(t, rs, "t1",
		plr("a", "skill", vNum(10), "region", vStr("eu"), "maps", vMap(nil)),
		plr("b", "region", vStr("eu"), "maps", vMap(nil)))
	if p.Unmatchable == "" {
		t.Fatal("a missing attribute without default left the party matchable")
	}
	for _, word := range []string{"skill", "b"} {
		if !strings.Contains(p.Unmatchable, word) {
			t.Errorf("Unmatchable %q does not name %q", p.Unmatchable, word)
		}
	}
	if got, ok := p.Number(rs.Attribute("skill"), ruleset.AggAvg); ok {
		t.Errorf("Number(skill) = %v, true; want no value", got)
	}
	if got := p.Players[1].Values[rs.Attribute("skill").Index].Type; got != ticket.TypeNone {
		t.Errorf("missing value has type %v, want none", got)
	}
	// Undeclared attributes are ignored.
	q := partyOf(t, rs, "t2", plr("c", "skill", vNum(1), "region", vStr("eu"), "maps", vMap(nil), "extra", vStr("x")))
	if q.Unmatchable != "" || len(q.Players[0].Values) != len(rs.Attributes) {
		t.Errorf("undeclared attribute: Unmatchable %q, %d values", q.Unmatchable, len(q.Players[0].Values))
	}
}

func TestPartyTypeMismatch(t *testing.T) {
	rs := mustParseBody(t, partyFixture)
	for _, tt := range []struct {
		attr string
		v    ticket.AttributeValue
	}{
		{"skill", vStr("10")},
		{"rank", vList("7")},
		{"region", vNum(1)},
		{"modes", vStr("ffa")},
		{"maps", vNum(1)},
	} {
		_, err := rs.NewParty(newTicket("t", plr("a", tt.attr, tt.v)))
		if err == nil {
			t.Errorf("%s as %s: no error", tt.attr, tt.v.Type.WireName())
			continue
		}
		if !strings.Contains(err.Error(), tt.attr) {
			t.Errorf("%s as %s: error %q does not name the attribute", tt.attr, tt.v.Type.WireName(), err)
		}
	}
}

// A string list's duplicates are ignored, even when the value was built
// without ticket.StringList.
func TestPartyStringListDuplicates(t *testing.T) {
	rs := exprRuleSet(t, true, "teams[red].players.attributes[modes]")
	raw := ticket.AttributeValue{Type: ticket.TypeStringList, SL: []string{"x", "y", "x", "y", "z"}}
	p := partyOf(t, rs, "t", plr("a", "skill", vNum(1), "modes", raw))
	if got := p.Players[0].Values[rs.Attribute("modes").Index].SL; strings.Join(got, ",") != "x,y,z" {
		t.Errorf("modes = %v, want [x y z]", got)
	}
	got := findExpr(t, rs, "teams[red].players.attributes[modes]").Eval(matchOf(t, rs, "red", p), ruleset.AggUnion)
	if want := `[["x" "y" "z"]]`; got != want {
		t.Errorf("modes read as %s, want %s", got, want)
	}
	// Counted once by a collection rule.
	rs = mustParseBody(t, ruleFixture(`"type": "collection", "operation": "reference_intersection_count",
		"measurements": "flatten(teams[*].players.attributes[modes])", "referenceValue": ["x"], "maxCount": 1`))
	p = partyOf(t, rs, "t", plr("a", "modes", raw))
	if got := mustRule(t, rs, "R").Evaluate(matchOf(t, rs, "red", p), rs.LimitsAt(0)); got != ruleset.Pass {
		t.Errorf("duplicate x counted twice: %v", got)
	}
}
