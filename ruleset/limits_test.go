package ruleset_test

// Expansions (spec §4): RuleSet.LimitsAt applies, for every expansion,
// the latest step whose waitTimeSeconds is at most the age; Stages lists
// the distinct limits over age.

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
)

const tick = time.Millisecond

// FairTeamSkill of aliens-vs-cowboys: maxDistance 10, 50 from 5 seconds,
// 100 from 15 seconds.
func TestLimitsAtStepBoundaries(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex1-aliens-vs-cowboys.json")
	fair := mustRule(t, rs, "FairTeamSkill")
	for _, tt := range []struct {
		age  time.Duration
		want float64
	}{
		{0, 10},
		{5*time.Second - tick, 10},
		{5 * time.Second, 50},
		{5*time.Second + tick, 50},
		{15*time.Second - time.Nanosecond, 50},
		{15 * time.Second, 100},
		{15*time.Second + tick, 100},
		{time.Hour, 100},
	} {
		if got := rs.LimitsAt(tt.age).Rules[fair.Index].MaxDistance; got != tt.want {
			t.Errorf("at %v: maxDistance = %v, want %v", tt.age, got, tt.want)
		}
	}
	// Team sizes are not expanded here.
	if l := rs.LimitsAt(time.Hour); l.MinPlayers() != 8 || l.MaxPlayers() != 16 {
		t.Errorf("players %d-%d, want 8-16", l.MinPlayers(), l.MaxPlayers())
	}
}

// The expansion stage decides whether a candidate match passes.
func TestLimitsAtChangesOutcome(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex1-aliens-vs-cowboys.json")
	fair := mustRule(t, rs, "FairTeamSkill")
	// Averages 10 and 70 are 30 from the overall 40.
	m := skillMatch(t, rs, "cowboys", []float64{10}, "aliens", []float64{70})
	for _, tt := range []struct {
		age  time.Duration
		want ruleset.Outcome
	}{{0, oFail}, {5*time.Second - tick, oFail}, {5 * time.Second, oPass}} {
		if got := fair.Evaluate(m, rs.LimitsAt(tt.age)); got != tt.want {
			t.Errorf("at %v: %v, want %v", tt.age, got, tt.want)
		}
	}
}

// interleaved expands three rules whose steps alternate in time.
const interleaved = `{
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "skill", "type": "number"}, {"name": "modes", "type": "string_list"}],
	"teams": [{"name": "red", "minPlayers": 2, "maxPlayers": 4}],
	"rules": [
		{"name": "D", "type": "distance", "measurements": "teams[red].players.attributes[skill]", "referenceValue": 50, "minDistance": 5, "maxDistance": 10},
		{"name": "L", "type": "latency", "maxLatency": 50, "maxDistance": 30},
		{"name": "C", "type": "collection", "operation": "intersection", "measurements": "teams[red].players.attributes[modes]", "minCount": 3}],
	"expansions": [
		{"target": "rules[D].maxDistance", "steps": [{"waitTimeSeconds": 5, "value": 20}, {"waitTimeSeconds": 15, "value": 40}]},
		{"target": "rules[L].maxLatency", "steps": [{"waitTimeSeconds": 10, "value": 100}, {"waitTimeSeconds": 20, "value": 150}]},
		{"target": "rules[C].minCount", "steps": [{"waitTimeSeconds": 12.5, "value": 1}]},
		{"target": "rules[D].minDistance", "steps": [{"waitTimeSeconds": 15, "value": 0}]},
		{"target": "rules[L].maxDistance", "steps": [{"waitTimeSeconds": 20, "value": 60}]}]
}`

// limitsText renders the limits of D, L and C as
// "D 5-10 L 50/30 C 3-+Inf".
func limitsText(rs *ruleset.RuleSet, l *ruleset.Limits) string {
	d := l.Rules[rs.Rule("D").Index]
	lt := l.Rules[rs.Rule("L").Index]
	c := l.Rules[rs.Rule("C").Index]
	return fmt.Sprintf("D %g-%g L %g/%g C %g-%g", d.MinDistance, d.MaxDistance, lt.MaxLatency, lt.MaxDistance, c.MinCount, c.MaxCount)
}

func TestLimitsAtInterleavedExpansions(t *testing.T) {
	rs := mustParseBody(t, interleaved)
	for _, tt := range []struct {
		age  time.Duration
		want string
	}{
		{0, "D 5-10 L 50/30 C 3-+Inf"},
		{5 * time.Second, "D 5-20 L 50/30 C 3-+Inf"},
		{10*time.Second - tick, "D 5-20 L 50/30 C 3-+Inf"},
		{10 * time.Second, "D 5-20 L 100/30 C 3-+Inf"},
		{12 * time.Second, "D 5-20 L 100/30 C 3-+Inf"},
		{12500 * tick, "D 5-20 L 100/30 C 1-+Inf"},
		{15 * time.Second, "D 0-40 L 100/30 C 1-+Inf"},
		{20 * time.Second, "D 0-40 L 150/60 C 1-+Inf"},
		{24 * time.Hour, "D 0-40 L 150/60 C 1-+Inf"},
	} {
		if got := limitsText(rs, rs.LimitsAt(tt.age)); got != tt.want {
			t.Errorf("at %v: %s, want %s", tt.age, got, tt.want)
		}
	}
}

func TestStages(t *testing.T) {
	rs := mustParseBody(t, interleaved)
	var got []string
	for _, st := range rs.Stages() {
		got = append(got, fmt.Sprintf("%v: %s", st.From, limitsText(rs, st.Limits)))
		// Every stage is what LimitsAt gives from its start.
		if at := limitsText(rs, rs.LimitsAt(st.From)); at != limitsText(rs, st.Limits) {
			t.Errorf("LimitsAt(%v) = %s, stage says %s", st.From, at, limitsText(rs, st.Limits))
		}
	}
	want := []string{
		"0s: D 5-10 L 50/30 C 3-+Inf",
		"5s: D 5-20 L 50/30 C 3-+Inf",
		"10s: D 5-20 L 100/30 C 3-+Inf",
		"12.5s: D 5-20 L 100/30 C 1-+Inf",
		"15s: D 0-40 L 100/30 C 1-+Inf",
		"20s: D 0-40 L 150/60 C 1-+Inf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Stages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Radiant vs Dire: four expansions sharing wait times.
	rs = mustParseCorpus(t, "sim-radiant-dire-all.json")
	var froms []string
	for _, st := range rs.Stages() {
		froms = append(froms, st.From.String())
	}
	if got, want := strings.Join(froms, " "), "0s 20s 30s 40s 2m0s"; got != want {
		t.Errorf("radiant-dire stages from %s, want %s", got, want)
	}

	// Without expansions there is one stage.
	rs = mustParseCorpus(t, "viz-blocklist.json")
	if st := rs.Stages(); len(st) != 1 || st[0].From != 0 || st[0].Limits != rs.LimitsAt(time.Hour) {
		t.Errorf("blocklist stages = %+v, want one from 0", st)
	}
}

// A step at 0 seconds replaces the written value from the start.
func TestLimitsStepAtZero(t *testing.T) {
	rs := mustParseBody(t, `{"ruleLanguageVersion": "1.0",
		"teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 4}],
		"rules": [{"name": "L", "type": "latency", "maxLatency": 50}],
		"expansions": [{"target": "rules[L].maxLatency", "steps": [{"waitTimeSeconds": 0, "value": 70}, {"waitTimeSeconds": 1, "value": 90}]}]}`)
	st := rs.Stages()
	if len(st) != 2 || st[0].From != 0 || st[1].From != time.Second {
		t.Fatalf("stages from %v, want 0s and 1s", st)
	}
	if got := rs.LimitsAt(0).Rules[0].MaxLatency; got != 70 {
		t.Errorf("maxLatency at 0 = %v, want 70", got)
	}
}

// A team definition with quantity expands all of its generated teams.
func TestLimitsTeamExpansionOnQuantityTeams(t *testing.T) {
	rs := mustParseBody(t, `{"ruleLanguageVersion": "1.0",
		"teams": [
			{"name": "squad", "minPlayers": 4, "maxPlayers": 4, "quantity": 3},
			{"name": "boss", "minPlayers": 1, "maxPlayers": 1}],
		"expansions": [
			{"target": "teams[squad].minPlayers", "steps": [{"waitTimeSeconds": 10, "value": 3}, {"waitTimeSeconds": 20, "value": 2}]},
			{"target": "teams[squad].maxPlayers", "steps": [{"waitTimeSeconds": 15, "value": 6}]}]}`)
	teamsText := func(l *ruleset.Limits) string {
		var parts []string
		for _, tm := range rs.Teams {
			parts = append(parts, fmt.Sprintf("%s %d-%d", tm.Name, l.Teams[tm.Index].MinPlayers, l.Teams[tm.Index].MaxPlayers))
		}
		return fmt.Sprintf("%s (%d-%d)", strings.Join(parts, ", "), l.MinPlayers(), l.MaxPlayers())
	}
	for _, tt := range []struct {
		age  time.Duration
		want string
	}{
		{0, "squad_1 4-4, squad_2 4-4, squad_3 4-4, boss 1-1 (13-13)"},
		{10 * time.Second, "squad_1 3-4, squad_2 3-4, squad_3 3-4, boss 1-1 (10-13)"},
		{15 * time.Second, "squad_1 3-6, squad_2 3-6, squad_3 3-6, boss 1-1 (10-19)"},
		{20 * time.Second, "squad_1 2-6, squad_2 2-6, squad_3 2-6, boss 1-1 (7-19)"},
	} {
		if got := teamsText(rs.LimitsAt(tt.age)); got != tt.want {
			t.Errorf("at %v: %s, want %s", tt.age, got, tt.want)
		}
	}
	// TeamsFilled follows the expanded sizes.
	m := rs.NewMatch()
	for i := range 3 {
		m.Add(i, partyOf(t, rs, fmt.Sprintf("s%d", i), plr(fmt.Sprintf("a%d", i)), plr(fmt.Sprintf("b%d", i))))
	}
	m.Add(3, soloOf(t, rs, plr("boss")))
	if rs.TeamsFilled(m, rs.LimitsAt(19*time.Second)) {
		t.Error("2-player squads filled before the 20 s step")
	}
	if !rs.TeamsFilled(m, rs.LimitsAt(20*time.Second)) {
		t.Error("2-player squads not filled after the 20 s step")
	}
}

// docs-ex2: the players team needs 5, then 4 after 30 s, 3 after 60 s.
func TestLimitsCorpusTeamExpansion(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex2-players-vs-monster.json")
	players := rs.Team("players").Index
	for _, tt := range []struct {
		age  time.Duration
		want int
	}{{0, 5}, {30*time.Second - tick, 5}, {30 * time.Second, 4}, {60 * time.Second, 3}} {
		if got := rs.LimitsAt(tt.age).Teams[players].MinPlayers; got != tt.want {
			t.Errorf("at %v: players minPlayers = %d, want %d", tt.age, got, tt.want)
		}
	}
}

// A numeric literal referenceValue can be expanded.
func TestLimitsReferenceValueExpansion(t *testing.T) {
	rs := mustParseBody(t, `{"ruleLanguageVersion": "1.0",
		"playerAttributes": [{"name": "skill", "type": "number"}],
		"teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 8}],
		"rules": [
			{"name": "Skilled", "type": "comparison", "measurements": "avg(teams[red].players.attributes[skill])", "operation": ">=", "referenceValue": 40},
			{"name": "Near", "type": "distance", "measurements": "teams[red].players.attributes[skill]", "referenceValue": 50, "maxDistance": 5},
			{"name": "Spread", "type": "distance", "measurements": "teams[red].players.attributes[skill]", "maxDistance": 5}],
		"expansions": [
			{"target": "rules[Skilled].referenceValue", "steps": [{"waitTimeSeconds": 10, "value": 30}, {"waitTimeSeconds": 20, "value": -5}]},
			{"target": "rules[Near].referenceValue", "steps": [{"waitTimeSeconds": 10, "value": 35}]}]}`)
	skilled, near, spread := mustRule(t, rs, "Skilled"), mustRule(t, rs, "Near"), mustRule(t, rs, "Spread")
	for _, tt := range []struct {
		age         time.Duration
		skilled     float64
		near        float64
		wantSkilled ruleset.Outcome
		wantNear    ruleset.Outcome
	}{
		{0, 40, 50, oFail, oFail},
		{10 * time.Second, 30, 35, oPass, oPass},
		{20 * time.Second, -5, 35, oPass, oPass},
	} {
		l := rs.LimitsAt(tt.age)
		if got := l.Rules[skilled.Index].Reference; got != tt.skilled {
			t.Errorf("at %v: Skilled reference = %v, want %v", tt.age, got, tt.skilled)
		}
		if got := l.Rules[near.Index].Reference; got != tt.near {
			t.Errorf("at %v: Near reference = %v, want %v", tt.age, got, tt.near)
		}
		m := skillMatch(t, rs, "red", []float64{32, 36})
		if got := skilled.Evaluate(m, l); got != tt.wantSkilled {
			t.Errorf("at %v: Skilled = %v, want %v", tt.age, got, tt.wantSkilled)
		}
		if got := near.Evaluate(m, l); got != tt.wantNear {
			t.Errorf("at %v: Near = %v, want %v", tt.age, got, tt.wantNear)
		}
	}
	// A rule without a literal reference has NaN; unset bounds are open.
	l := rs.LimitsAt(0).Rules[spread.Index]
	if !math.IsNaN(l.Reference) || l.MinDistance != 0 || !math.IsInf(l.MaxCount, 1) || !math.IsInf(l.MaxLatency, 1) {
		t.Errorf("Spread limits = %+v, want NaN reference and open bounds", l)
	}
}
