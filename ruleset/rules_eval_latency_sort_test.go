package ruleset_test

// Latency rules (Rule.Evaluate and Rule.Regions, spec §2.6) and sort rules
// (Rule.SortKey, spec §2.7).

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// latencyFixture is ruleFixture's shape with a latency rule "L".
func latencyFixture(props string) string {
	return fmt.Sprintf(`{
	"ruleLanguageVersion": "1.0",
	"teams": [
		{"name": "red", "minPlayers": 0, "maxPlayers": 4},
		{"name": "blue", "minPlayers": 0, "maxPlayers": 4}],
	"rules": [{"name": "L", "type": "latency", %s}]
}`, props)
}

// regionsText renders Regions as "region:avg region:avg …".
func regionsText(rc []ruleset.RegionChoice) string {
	parts := make([]string, len(rc))
	for i, c := range rc {
		parts[i] = fmt.Sprintf("%s:%g", c.Region, c.AvgLatency)
	}
	return strings.Join(parts, " ")
}

func TestLatency(t *testing.T) {
	type ms = map[string]int
	tests := []struct {
		name    string
		props   string
		parties [][]ticket.Player // alternately on red and blue
		want    ruleset.Outcome
		regions string // Regions, best first
	}{{
		name:    "shared region within maxLatency",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 50, "eu": 120})}, {lat("b", ms{"us": 80, "eu": 40})}},
		want:    oPass, regions: "us:65",
	}, {
		name:    "maxLatency is inclusive",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 100})}},
		want:    oPass, regions: "us:100",
	}, {
		name:    "no region acceptable to everyone",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 150, "eu": 90})}, {lat("b", ms{"us": 80, "eu": 101})}},
		want:    oFail, regions: "",
	}, {
		name:  "regions by average latency, ties by name",
		props: `"maxLatency": 100`,
		parties: [][]ticket.Player{
			{lat("a", ms{"c": 40, "b": 20, "a": 30, "d": 10, "far": 101})},
			{lat("b", ms{"c": 20, "b": 40, "a": 30, "d": 10, "far": 1})},
		},
		want: oPass, regions: "d:10 a:30 b:30 c:30",
	}, {
		name:    "a player without latency data fails",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 50})}, {plr("b")}},
		want:    oFail, regions: "",
	}, {
		name:    "alone without latency data",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{plr("b")}},
		want:    oFail, regions: "",
	}, {
		name:  "empty match",
		props: `"maxLatency": 100`,
		want:  oPass, regions: "",
	}, {
		// The party has only us: b reported no eu.
		name:    "a region missing for one party member is dropped",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 50, "eu": 40}), lat("b", ms{"us": 60})}, {lat("c", ms{"us": 70, "eu": 10})}},
		want:    oPass, regions: "us:62.5",
	}, {
		name:    "missing region leaves nothing shared",
		props:   `"maxLatency": 100`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 50, "eu": 40}), lat("b", ms{"us": 60})}, {lat("c", ms{"eu": 10})}},
		want:    oFail, regions: "",
	}, {
		// Latencies 20, 50, 45 in us: within 30 of the minimum 20.
		name:    "maxDistance from min",
		props:   `"maxLatency": 200, "maxDistance": 30, "distanceReference": "min"`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 20})}, {lat("b", ms{"us": 50})}, {lat("c", ms{"us": 45})}},
		want:    oPass, regions: "us:38.333333333333336",
	}, {
		name:    "beyond maxDistance from min",
		props:   `"maxLatency": 200, "maxDistance": 30`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 20})}, {lat("b", ms{"us": 51})}},
		want:    oFail, regions: "",
	}, {
		// Latencies 20, 50, 80: 60 from the minimum, 30 from the average.
		name:    "maxDistance from avg",
		props:   `"maxLatency": 200, "maxDistance": 30, "distanceReference": "avg"`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 20})}, {lat("b", ms{"us": 50})}, {lat("c", ms{"us": 80})}},
		want:    oPass, regions: "us:50",
	}, {
		name:    "same latencies fail from min",
		props:   `"maxLatency": 200, "maxDistance": 30, "distanceReference": "min"`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 20})}, {lat("b", ms{"us": 50})}, {lat("c", ms{"us": 80})}},
		want:    oFail, regions: "",
	}, {
		name:    "maxDistance filters regions one by one",
		props:   `"maxLatency": 200, "maxDistance": 10`,
		parties: [][]ticket.Player{{lat("a", ms{"us": 20, "eu": 90})}, {lat("b", ms{"us": 50, "eu": 95})}},
		want:    oPass, regions: "eu:92.5",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := mustParseBody(t, latencyFixture(tt.props))
			m := rs.NewMatch()
			for i, players := range tt.parties {
				m.Add(i%2, partyOf(t, rs, fmt.Sprintf("t%d", i), players...))
			}
			rule := mustRule(t, rs, "L")
			l := rs.LimitsAt(0)
			if got := rule.Evaluate(m, l); got != tt.want {
				t.Errorf("Evaluate = %v, want %v", got, tt.want)
			}
			if got := regionsText(rule.Regions(m, l)); got != tt.regions {
				t.Errorf("Regions = %q, want %q", got, tt.regions)
			}
		})
	}
}

// A party's latency per region is its members' avg, min or max, as the
// rule's partyAggregation says.
func TestLatencyPartyAggregation(t *testing.T) {
	for _, tt := range []struct {
		agg     string
		want    ruleset.Outcome
		regions string
	}{
		{"avg", oPass, "us:55"},
		{"min", oPass, "us:50"},
		{"max", oFail, ""},
	} {
		rs := mustParseBody(t, latencyFixture(`"maxLatency": 55, "partyAggregation": "`+tt.agg+`"`))
		duo := partyOf(t, rs, "duo", lat("a", map[string]int{"us": 50}), lat("b", map[string]int{"us": 60}))
		m := matchOf(t, rs, "red", duo)
		rule := mustRule(t, rs, "L")
		if got := rule.Evaluate(m, rs.LimitsAt(0)); got != tt.want {
			t.Errorf("%s: Evaluate = %v, want %v", tt.agg, got, tt.want)
		}
		if got := regionsText(rule.Regions(m, rs.LimitsAt(0))); got != tt.regions {
			t.Errorf("%s: Regions = %q, want %q", tt.agg, got, tt.regions)
		}
	}
}

func TestPartyLatencies(t *testing.T) {
	rs := mustParseBody(t, latencyFixture(`"maxLatency": 100`))
	p := partyOf(t, rs, "trio",
		lat("a", map[string]int{"us": 30, "eu": 40, "ap": 5}),
		lat("b", map[string]int{"us": 60, "eu": 20}),
		lat("c", map[string]int{"us": 90, "eu": 30, "sa": 1}))
	want := []ruleset.RegionLatency{
		{Region: "eu", Avg: 30, Min: 20, Max: 40},
		{Region: "us", Avg: 60, Min: 30, Max: 90},
	}
	if got := p.Latencies(); !reflect.DeepEqual(got, want) {
		t.Errorf("Latencies = %+v, want %+v", got, want)
	}
	if _, ok := p.LatencyTo("ap"); ok {
		t.Error("LatencyTo(ap) found a region only one member reported")
	}
	if got, ok := p.LatencyTo("us"); !ok || got != want[1] {
		t.Errorf("LatencyTo(us) = %+v, %v", got, ok)
	}
}

// FastConnection of the Radiant-vs-Dire rule set: 80 ms, 120 ms after 30
// seconds, 2000 ms after 120.
func TestLatencyCorpusExpansion(t *testing.T) {
	rs := mustParseCorpus(t, "sim-radiant-dire-all.json")
	rule := mustRule(t, rs, "FastConnection")
	m := matchOf(t, rs,
		"Radiant", soloOf(t, rs, lat("a", map[string]int{"us-east-1": 70, "eu-west-1": 150})),
		"Dire", soloOf(t, rs, lat("b", map[string]int{"us-east-1": 110, "eu-west-1": 100})))
	for _, tt := range []struct {
		age     time.Duration
		want    ruleset.Outcome
		regions string
	}{
		{0, oFail, ""},
		{29 * time.Second, oFail, ""},
		{30 * time.Second, oPass, "us-east-1:90"},
		{120 * time.Second, oPass, "us-east-1:90 eu-west-1:125"},
	} {
		l := rs.LimitsAt(tt.age)
		if got := rule.Evaluate(m, l); got != tt.want {
			t.Errorf("at %v: Evaluate = %v, want %v", tt.age, got, tt.want)
		}
		if got := regionsText(rule.Regions(m, l)); got != tt.regions {
			t.Errorf("at %v: Regions = %q, want %q", tt.age, got, tt.regions)
		}
	}
	if got := mustRule(t, rs, "EqualTeamSizes").Regions(m, rs.LimitsAt(0)); got != nil {
		t.Errorf("Regions of a comparison rule = %v, want nil", got)
	}
}

// sortKeyText renders a SortKey result: the key, or "last" when the
// candidate has no value.
func sortKeyText(r *ruleset.Rule, anchor, candidate *ruleset.Party) string {
	k, ok := r.SortKey(anchor, candidate)
	if !ok {
		if !math.IsInf(k, 1) {
			return fmt.Sprintf("no value but key %g, not +Inf", k)
		}
		return "last"
	}
	return fmt.Sprintf("%g", k)
}

// sortedIDs orders candidates by the rule's key, as the engine tries them.
func sortedIDs(r *ruleset.Rule, anchor *ruleset.Party, candidates ...*ruleset.Party) []string {
	c := slices.Clone(candidates)
	slices.SortStableFunc(c, func(a, b *ruleset.Party) int {
		ka, _ := r.SortKey(anchor, a)
		kb, _ := r.SortKey(anchor, b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	ids := make([]string, len(c))
	for i, p := range c {
		ids[i] = p.ID
	}
	return ids
}

// The multi-map example: MapPreference sorts by the candidates' value of
// the anchor's favourite map, highest first; ExperienceAffinity by
// closeness to the anchor's experience.
func TestSortCorpusMultiMap(t *testing.T) {
	rs := mustParseCorpus(t, "docs-ex4-multi-map-game.json")
	maps := mustRule(t, rs, "MapPreference")
	exp := mustRule(t, rs, "ExperienceAffinity")
	p := func(id string, experience float64, prefs map[string]float64) *ruleset.Party {
		return partyOf(t, rs, id, plr(id, "experience", vNum(experience), "mapPreference", vMap(prefs)))
	}
	anchor := p("anchor", 50, map[string]float64{"dust": 10, "nuke": 90, "mirage": 50})
	near := p("near", 45, map[string]float64{"nuke": 70})
	keen := p("keen", 60, map[string]float64{"nuke": 95, "dust": 100})
	lacks := p("lacks", 50, map[string]float64{"dust": 100})
	def := partyOf(t, rs, "default", plr("default")) // experience 50, {defaultMap: 100}

	for _, tt := range []struct {
		rule      *ruleset.Rule
		candidate *ruleset.Party
		want      string
	}{
		// Descending: the anchor's best map is nuke; higher is better.
		{maps, anchor, "-90"},
		{maps, near, "-70"},
		{maps, keen, "-95"},
		{maps, lacks, "last"},
		{maps, def, "last"},
		// Ascending distance to the anchor's experience 50.
		{exp, near, "5"},
		{exp, keen, "10"},
		{exp, lacks, "0"},
		{exp, def, "0"},
	} {
		if got := sortKeyText(tt.rule, anchor, tt.candidate); got != tt.want {
			t.Errorf("%s.SortKey(%s) = %s, want %s", tt.rule.Name, tt.candidate.ID, got, tt.want)
		}
	}
	if got, want := sortedIDs(maps, anchor, lacks, near, keen), []string{"keen", "near", "lacks"}; !slices.Equal(got, want) {
		t.Errorf("MapPreference order = %v, want %v", got, want)
	}
	if got, want := sortedIDs(exp, anchor, keen, near, lacks), []string{"lacks", "near", "keen"}; !slices.Equal(got, want) {
		t.Errorf("ExperienceAffinity order = %v, want %v", got, want)
	}
	// A default anchor's only key is defaultMap.
	if got := sortKeyText(maps, def, lacks); got != "last" {
		t.Errorf("SortKey(lacks) around the default anchor = %s, want last", got)
	}
	if got := sortKeyText(maps, def, def); got != "-100" {
		t.Errorf("SortKey(default) around the default anchor = %s, want -100", got)
	}
	// Sort rules never block a match; other rules have no sort key.
	if got := maps.Evaluate(matchOf(t, rs, "red", lacks), rs.LimitsAt(0)); got != oPass {
		t.Errorf("sort rule Evaluate = %v, want pass", got)
	}
	if k, ok := mustRule(t, rs, "SharedMode").SortKey(anchor, near); ok || k != 0 {
		t.Errorf("SortKey of a collection rule = %g, %v, want 0, false", k, ok)
	}
}

func TestSortKeys(t *testing.T) {
	body := func(rule string) string {
		return `{"ruleLanguageVersion": "1.0",
		"playerAttributes": [{"name": "skill", "type": "number"}, {"name": "maps", "type": "string_number_map"}],
		"teams": [{"name": "red", "minPlayers": 0, "maxPlayers": 8}],
		"rules": [{"name": "S", ` + rule + `}]}`
	}
	anchorMaps := map[string]float64{"dust": 10, "nuke": 90, "mirage": 10}
	tests := []struct {
		name      string
		rule      string
		anchor    []ticket.Player
		candidate []ticket.Player
		want      string
	}{
		{"absolute ascending", `"type": "absoluteSort", "sortDirection": "ascending", "sortAttribute": "skill"`,
			skillPlayers(50), skillPlayers(30), "30"},
		{"absolute descending", `"type": "absoluteSort", "sortDirection": "descending", "sortAttribute": "skill"`,
			skillPlayers(50), skillPlayers(30), "-30"},
		{"distance ascending", `"type": "distanceSort", "sortDirection": "ascending", "sortAttribute": "skill"`,
			skillPlayers(50), skillPlayers(30), "20"},
		{"distance descending", `"type": "distanceSort", "sortDirection": "descending", "sortAttribute": "skill"`,
			skillPlayers(50), skillPlayers(70), "-20"},
		{"party avg", `"type": "absoluteSort", "sortDirection": "ascending", "sortAttribute": "skill"`,
			skillPlayers(50), skillPlayers(10, 30, 80), "40"},
		{"party min", `"type": "absoluteSort", "sortDirection": "ascending", "sortAttribute": "skill", "partyAggregation": "min"`,
			skillPlayers(50), skillPlayers(10, 30, 80), "10"},
		{"party max on both sides", `"type": "distanceSort", "sortDirection": "ascending", "sortAttribute": "skill", "partyAggregation": "max"`,
			skillPlayers(50, 55), skillPlayers(10, 30, 80), "25"},
		// minValue: the anchor's lowest key, ties by name: dust, not mirage.
		{"mapKey minValue", `"type": "absoluteSort", "sortDirection": "ascending", "sortAttribute": "maps", "mapKey": "minValue"`,
			mapPlayers(anchorMaps), mapPlayers(map[string]float64{"dust": 3, "mirage": 1}), "3"},
		{"mapKey maxValue", `"type": "absoluteSort", "sortDirection": "ascending", "sortAttribute": "maps", "mapKey": "maxValue"`,
			mapPlayers(anchorMaps), mapPlayers(map[string]float64{"dust": 3, "nuke": 7}), "7"},
		{"mapKey distance", `"type": "distanceSort", "sortDirection": "ascending", "sortAttribute": "maps", "mapKey": "maxValue"`,
			mapPlayers(anchorMaps), mapPlayers(map[string]float64{"nuke": 70}), "20"},
		{"mapKey candidate lacks the key", `"type": "distanceSort", "sortDirection": "descending", "sortAttribute": "maps", "mapKey": "maxValue"`,
			mapPlayers(anchorMaps), mapPlayers(map[string]float64{"dust": 70}), "last"},
		{"mapKey party avg", `"type": "absoluteSort", "sortDirection": "descending", "sortAttribute": "maps", "mapKey": "maxValue"`,
			mapPlayers(anchorMaps), mapPlayers(map[string]float64{"nuke": 20}, map[string]float64{"nuke": 40}), "-30"},
		{"mapKey one party member lacks the key", `"type": "absoluteSort", "sortDirection": "descending", "sortAttribute": "maps", "mapKey": "maxValue"`,
			mapPlayers(anchorMaps), mapPlayers(map[string]float64{"nuke": 20}, map[string]float64{"dust": 40}), "last"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := mustParseBody(t, body(tt.rule))
			anchor := partyOf(t, rs, "anchor", tt.anchor...)
			candidate := partyOf(t, rs, "candidate", tt.candidate...)
			if got := sortKeyText(mustRule(t, rs, "S"), anchor, candidate); got != tt.want {
				t.Errorf("SortKey = %s, want %s", got, tt.want)
			}
		})
	}
}
