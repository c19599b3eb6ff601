package ruleset_test

import (
	"fmt"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
)

func hintRule(t *testing.T, rule string) *ruleset.Rule {
	t.Helper()
	body := fmt.Sprintf(`{"ruleLanguageVersion":"1.0",
		"playerAttributes":[{"name":"skill","type":"number","default":1},{"name":"league","type":"number","default":1},
			{"name":"map","type":"string","default":"a"},{"name":"modes","type":"string_list","default":["a"]}],
		"teams":[{"name":"red","minPlayers":1,"maxPlayers":5},{"name":"blue","minPlayers":1,"maxPlayers":5}],
		"rules":[%s]}`, rule)
	rs, errs := ruleset.Parse("", []byte(body))
	if rs == nil {
		t.Fatalf("invalid rule set: %v", errs)
	}
	return rs.Rules[0]
}

func TestSpreadAndPrunable(t *testing.T) {
	tests := []struct {
		name     string
		rule     string
		attr     string // "" when the rule bounds no spread
		factor   float64
		prunable bool
	}{
		{"batchDistance number", `{"name":"r","type":"batchDistance","batchAttribute":"skill","maxDistance":10}`, "skill", 1, true},
		{"batchDistance string", `{"name":"r","type":"batchDistance","batchAttribute":"map"}`, "", 0, true},
		{"distance spread no reference", `{"name":"r","type":"distance","measurements":"flatten(teams[*].players.attributes[skill])","maxDistance":10}`, "skill", 1, true},
		{"distance max from min", `{"name":"r","type":"distance","measurements":"max(flatten(teams[*].players.attributes[league]))","referenceValue":"min(flatten(teams[*].players.attributes[league]))","maxDistance":2}`, "league", 1, true},
		{"distance max from min of other attribute", `{"name":"r","type":"distance","measurements":"max(flatten(teams[*].players.attributes[league]))","referenceValue":"min(flatten(teams[*].players.attributes[skill]))","maxDistance":2}`, "", 0, false},
		{"distance from mean", `{"name":"r","type":"distance","measurements":"flatten(teams[*].players.attributes[skill])","referenceValue":"avg(flatten(teams[*].players.attributes[skill]))","maxDistance":10}`, "skill", 2, false},
		{"team averages", `{"name":"r","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":"avg(flatten(teams[*].players.attributes[skill]))","maxDistance":10}`, "", 0, false},
		{"distance with minDistance", `{"name":"r","type":"distance","measurements":"flatten(teams[*].players.attributes[skill])","minDistance":1,"maxDistance":10}`, "skill", 1, false},
		{"distance from literal", `{"name":"r","type":"distance","measurements":"flatten(teams[*].players.attributes[skill])","referenceValue":50,"maxDistance":10}`, "", 0, true},
		{"comparison per player literal", `{"name":"r","type":"comparison","measurements":"flatten(teams[*].players.attributes[skill])","referenceValue":5,"operation":"<"}`, "", 0, true},
		{"comparison all equal", `{"name":"r","type":"comparison","measurements":"flatten(teams[*].players.attributes[map])","operation":"="}`, "", 0, true},
		{"comparison team counts", `{"name":"r","type":"comparison","measurements":"count(teams[red].players)","referenceValue":"count(teams[blue].players)","operation":"="}`, "", 0, false},
		{"collection intersection min", `{"name":"r","type":"collection","operation":"intersection","measurements":"flatten(teams[*].players.attributes[modes])","minCount":1}`, "", 0, true},
		{"collection intersection max", `{"name":"r","type":"collection","operation":"intersection","measurements":"flatten(teams[*].players.attributes[modes])","maxCount":1}`, "", 0, false},
		{"collection contains max", `{"name":"r","type":"collection","operation":"contains","measurements":"flatten(teams[*].players.attributes[modes])","referenceValue":"a","maxCount":2}`, "", 0, true},
		{"collection contains min", `{"name":"r","type":"collection","operation":"contains","measurements":"flatten(teams[*].players.attributes[modes])","referenceValue":"a","minCount":2}`, "", 0, false},
		{"reference_intersection_count against every player", `{"name":"r","type":"collection","operation":"reference_intersection_count","measurements":"flatten(teams[*].players.attributes[modes])","referenceValue":"flatten(teams[*].players[playerId])","maxCount":0}`, "", 0, true},
		{"reference_intersection_count with minCount", `{"name":"r","type":"collection","operation":"reference_intersection_count","measurements":"flatten(teams[*].players.attributes[modes])","referenceValue":"flatten(teams[*].players[playerId])","minCount":1}`, "", 0, false},
		{"reference_intersection_count against a set intersection", `{"name":"r","type":"collection","operation":"reference_intersection_count","measurements":"flatten(teams[*].players.attributes[modes])","referenceValue":"set_intersection(flatten(teams[*].players.attributes[modes]))","maxCount":1}`, "", 0, false},
		{"latency", `{"name":"r","type":"latency","maxLatency":100}`, "", 0, true},
		{"latency avg reference", `{"name":"r","type":"latency","maxLatency":100,"maxDistance":20,"distanceReference":"avg"}`, "", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := hintRule(t, tc.rule)
			s, ok := r.Spread()
			switch {
			case tc.attr == "" && ok:
				t.Errorf("Spread() = %s ×%v, want none", s.Attribute.Name, s.Factor)
			case tc.attr != "" && !ok:
				t.Errorf("Spread() = none, want %s", tc.attr)
			case ok && (s.Attribute.Name != tc.attr || s.Factor != tc.factor):
				t.Errorf("Spread() = %s ×%v, want %s ×%v", s.Attribute.Name, s.Factor, tc.attr, tc.factor)
			}
			if got := r.Prunable(); got != tc.prunable {
				t.Errorf("Prunable() = %v, want %v", got, tc.prunable)
			}
		})
	}
}

// A compound statement is prunable when it is an and/or of prunable rules.
func TestCompoundPrunable(t *testing.T) {
	const rules = `{"name":"Spread","type":"distance","measurements":"flatten(teams[*].players.attributes[skill])","maxDistance":10},
		{"name":"SameMap","type":"comparison","measurements":"flatten(teams[*].players.attributes[map])","operation":"="},
		{"name":"Even","type":"comparison","measurements":"count(teams[red].players)","referenceValue":"count(teams[blue].players)","operation":"="}`
	for statement, want := range map[string]bool{
		"or(and(Spread, SameMap), SameMap)": true,
		"and(Spread, Even)":                 false,
		"not(Spread)":                       false,
		"xor(Spread, SameMap)":              false,
	} {
		body := fmt.Sprintf(`{"ruleLanguageVersion":"1.0",
			"playerAttributes":[{"name":"skill","type":"number","default":1},{"name":"map","type":"string","default":"a"}],
			"teams":[{"name":"red","minPlayers":1,"maxPlayers":5},{"name":"blue","minPlayers":1,"maxPlayers":5}],
			"rules":[%s, {"name":"C","type":"compound","statement":%q}]}`, rules, statement)
		rs, errs := ruleset.Parse("", []byte(body))
		if rs == nil {
			t.Fatalf("%s: %v", statement, errs)
		}
		if got := rs.Rule("C").Prunable(); got != want {
			t.Errorf("%s: Prunable() = %v, want %v", statement, got, want)
		}
	}
}

func TestSpreadsWidthFollowsExpansions(t *testing.T) {
	b := []byte(`{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"skill","type":"number","default":1}],
		"teams":[{"name":"a","minPlayers":2,"maxPlayers":2}],
		"rules":[{"name":"close","type":"batchDistance","batchAttribute":"skill","maxDistance":10}],
		"expansions":[{"target":"rules[close].maxDistance","steps":[{"waitTimeSeconds":5,"value":25}]}]}`)
	rs, errs := ruleset.Parse("", b)
	if rs == nil {
		t.Fatal(errs)
	}
	spreads := rs.Spreads()
	if len(spreads) != 1 {
		t.Fatalf("Spreads() has %d entries, want 1", len(spreads))
	}
	s := spreads[0]
	if w := s.Width(s.Rule, rs.LimitsAt(0)); w != 10 {
		t.Errorf("width at 0s = %v, want 10", w)
	}
	if w := s.Width(s.Rule, rs.LimitsAt(5e9)); w != 25 {
		t.Errorf("width at 5s = %v, want 25", w)
	}
}
