package bench_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

const simData = "../testdata/simulate/"

// TestParseWorkloadFull reads the example launch-day workload, which sets
// most fields, and checks what it reads.
func TestParseWorkloadFull(t *testing.T) {
	body, err := os.ReadFile(simData + "launch-day.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, err := bench.ParseWorkload("launch-day.yaml", body)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	check("name", w.Name, "launch-day")
	check("ruleSet", w.RuleSet, "ranked-5v5.json")
	check("duration", w.Duration, time.Hour)
	check("ramp", w.Arrivals.Ramp, []bench.RampPoint{{At: 0, Rate: 20}, {At: 30 * time.Minute, Rate: 120}})
	check("rate at 15m", w.Arrivals.RateAt(15*time.Minute), 70.0)
	check("party sizes", w.Players.PartySize, []bench.Weighted[int]{{Value: 1, Weight: 75}, {Value: 2, Weight: 15}, {Value: 3, Weight: 6}, {Value: 5, Weight: 4}})
	check("attributes", len(w.Players.Attributes), 3)
	skill := w.Players.Attributes[0]
	check("skill", skill.Number, bench.Dist{Kind: bench.DistNormal, Mean: 1200, StdDev: 300, Min: 0, Max: 3000, HasMin: true, HasMax: true, Round: 1})
	check("modes", w.Players.Attributes[1].Values, []bench.Weighted[string]{{Value: "ranked", Weight: 0.9}, {Value: "casual", Weight: 0.5}})
	check("level missing", w.Players.Attributes[2].Missing, 0.1)
	check("regions", len(w.Regions), 2)
	check("eu latency", w.Regions[1].Latency, bench.Dist{Kind: bench.DistNormal, Mean: 35, StdDev: 10, Min: 5, HasMin: true})
	check("eu to", w.Regions[1].To, []bench.RegionRTT{{Region: "us-east-1", Extra: bench.Dist{Kind: bench.DistNormal, Mean: 75, StdDev: 10}}})
	check("acceptance", w.Acceptance, bench.Acceptance{Probability: 0.98, Delay: bench.Dist{Kind: bench.DistExponential, Mean: 3, Max: 20, HasMax: true}, Decline: bench.DeclineIgnore})
	check("cancel after", w.Cancel.After, bench.Dist{Kind: bench.DistUniform, Min: 30, Max: 180})
	check("matchmaking", w.Matchmaking, bench.Matchmaking{RequestTimeout: 120 * time.Second, AcceptanceRequired: true, AcceptanceTimeout: 15 * time.Second, Mode: "STANDALONE"})
	check("report", w.Report, bench.ReportSettings{QualityAttribute: "skill", Interval: time.Minute})
}

// TestParseWorkloadDefaults checks that an empty file is NewWorkload.
func TestParseWorkloadDefaults(t *testing.T) {
	for _, text := range []string{"", "# nothing\n", "arrivals:\nplayers:\n"} {
		w, err := bench.ParseWorkload("dir/empty.yaml", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		def := bench.NewWorkload()
		if w.Name != "empty" || w.File != "dir/empty.yaml" {
			t.Errorf("name %q, file %q", w.Name, w.File)
		}
		if !reflect.DeepEqual(w.Arrivals, def.Arrivals) || !reflect.DeepEqual(w.Players, def.Players) ||
			!reflect.DeepEqual(w.Regions, def.Regions) || !reflect.DeepEqual(w.Matchmaking, def.Matchmaking) ||
			!reflect.DeepEqual(w.Acceptance, def.Acceptance) || !reflect.DeepEqual(w.Cancel, def.Cancel) ||
			!reflect.DeepEqual(w.Engine, def.Engine) || w.Duration != def.Duration {
			t.Errorf("%q: the workload differs from NewWorkload()", text)
		}
	}
}

// TestWorkloadErrors checks that bad files fail with every problem at its
// file:line:column.
func TestWorkloadErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arivals: {rate: 5}\n", `w.yaml:1:1: arivals: unknown field "arivals" in a workload (did you mean "arrivals"?) (want one of name, ruleSet, duration, arrivals, players, regions, acceptance, cancel, matchmaking, placement, engine, report)`},
		{"arrivals: {rate: -5}\n", "w.yaml:1:18: arrivals.rate: must be between 0 and 100000, got -5"},
		{"arrivals: {rate: 5, ramp: [{at: 0, rate: 1}]}\n", "w.yaml:1:27: arrivals.ramp: give one of rate, ramp and daily"},
		{"arrivals:\n  ramp:\n    - {at: 10s, rate: 1}\n    - {at: 5s, rate: 2}\n", "w.yaml:4:12: arrivals.ramp[1].at: must be after the previous point's 10s, got 5s"},
		{"arrivals:\n  ramp:\n    - {at: 10s}\n", "w.yaml:3:7: arrivals.ramp[0]: a ramp point needs both at and rate"},
		{"arrivals: {process: poison}\n", `w.yaml:1:21: arrivals.process: unknown value "poison" (did you mean "poisson"?) (want one of poisson, constant)`},
		{"arrivals: {daily: {trough: 5}}\n", "w.yaml:1:19: arrivals.daily.peak: missing: a daily curve needs its peak rate"},
		{"arrivals: {daily: {peak: 5, trough: 9}}\n", "w.yaml:1:37: arrivals.daily.trough: must not be above peak (5), got 9"},
		{"duration: 5 minutes\n", `w.yaml:1:11: duration: want a duration such as 30s, 5m or 1h30m, or a number of seconds; got "5 minutes"`},
		{"duration: 0s\n", "w.yaml:1:11: duration: must be between 1s and 168h0m0s, got 0s"},
		{"players:\n  partySize: {0: 1, 11: 2}\n", "w.yaml:2:15: players.partySize.0: must be between 1 and 10, got 0\nw.yaml:2:21: players.partySize.11: must be between 1 and 10, got 11"},
		{"players:\n  partySize: {1: 0}\n", "w.yaml:2:14: players.partySize: the weights must not all be 0"},
		{"players:\n  attributes:\n    skill: {type: number, distribution: normal, mean: 1000}\n", "w.yaml:3:12: players.attributes.skill.stddev: missing: a normal distribution needs mean and stddev"},
		{"players:\n  attributes:\n    skill: {type: number, distribution: uniform, min: 5, max: 1, stddev: 3}\n",
			"w.yaml:3:63: players.attributes.skill.max: must not be below min (5), got 1\nw.yaml:3:74: players.attributes.skill.stddev: does not apply to a uniform distribution (it takes min, max)"},
		{"players:\n  attributes:\n    skill: {distribution: uniform, min: 5, max: 10}\n", "w.yaml:3:12: players.attributes.skill.type: missing (want one of string, number, string_list, string_number_map)"},
		{"players:\n  attributes:\n    skill: {type: number, distrib: normal}\n", `w.yaml:3:27: players.attributes.skill.distrib: unknown field "distrib" in a number attribute (did you mean "distribution"?) (want one of distribution, value, mean, stddev, min, max, values, round, type, missing)`},
		{"players:\n  attributes:\n    role: {type: string}\n", "w.yaml:3:11: players.attributes.role.values: missing: a string attribute needs its values"},
		{"players:\n  attributes:\n    role: {type: strin, values: {a: 1}}\n", `w.yaml:3:18: players.attributes.role.type: unknown value "strin" (did you mean "string"?) (want one of string, number, string_list, string_number_map)`},
		{"players:\n  attributes:\n    modes: {type: string_list, values: {a: 1.5}}\n", "w.yaml:3:44: players.attributes.modes.values.a: must be between 0 and 1, got 1.5"},
		{"players:\n  attributes:\n    maps: {type: string_number_map, keys: [a, a], value: 1}\n", `w.yaml:3:47: players.attributes.maps.keys[1]: duplicate key "a"`},
		{"matchmaking: {mode: WITH_QUEUE}\n", "w.yaml:1:21: matchmaking.mode: WITH_QUEUE places matches on fleets: give the placement section (queue, fleets)"},
		{"placement: {fleets: {a: {locations: {us-east-1: 1}}}}\n", "w.yaml:1:12: placement: placement applies to matchmaking.mode WITH_QUEUE only"},
		{"matchmaking: {mode: WITH_QUEUE}\nplacement: {queue: {timeout: 5s}}\n", "w.yaml:2:12: placement.fleets: missing: a placement needs at least one fleet\nw.yaml:2:30: placement.queue.timeout: must be between 10s and 10m0s, got 5s"},
		{"matchmaking: {mode: WITH_QUEUE}\nplacement:\n  fleets: {a: {locations: {us-east-1: -1}}}\n  queue: {latencyPolicies: [{duration: 60s}], priorityOrder: [SPEED]}\n",
			"w.yaml:3:39: placement.fleets.a.locations.us-east-1: must be between 0 and 100000, got -1\nw.yaml:4:29: placement.queue.latencyPolicies[0].maxLatency: missing: a latency policy needs its maxLatency\nw.yaml:4:63: placement.queue.priorityOrder[0]: unknown value \"SPEED\" (want one of LATENCY, COST, DESTINATION, LOCATION)"},
		{"matchmaking: {requestTimeout: 1.5s}\n", "w.yaml:1:31: matchmaking.requestTimeout: must be a whole number of seconds, got 1.5s"},
		{"matchmaking: {acceptanceRequired: yes}\n", `w.yaml:1:35: matchmaking.acceptanceRequired: want true or false, got "yes"`},
		{"acceptance: {delay: {distribution: uniform, min: -1, max: 3}}\n", "w.yaml:1:50: acceptance.delay.min: must not be negative, got -1"},
		{"acceptance: {decline: later}\n", "w.yaml:1:23: acceptance.decline: unknown value \"later\" (want one of reject, ignore)"},
		{"cancel: {probability: 2}\n", "w.yaml:1:23: cancel.probability: must be between 0 and 1, got 2"},
		{"cancel: {after: {distribution: exponential, mean: 0}}\n", "w.yaml:1:51: cancel.after.mean: must be positive, got 0"},
		{"regions:\n  eu: {to: {eu: 5}}\n", "w.yaml:2:13: regions.eu.to.eu: a region's latency to itself is its latency field, not an entry of to"},
		{"regions:\n  eu: {share: 0}\n", "w.yaml:2:3: regions: the regions' shares must not all be 0"},
		{"engine: {searchBudget: 1.5}\n", "w.yaml:1:24: engine.searchBudget: want a whole number, got the number 1.5"},
		{"report: {interval: 0.5s}\n", "w.yaml:1:20: report.interval: must be between 1s and 168h0m0s, got 500ms"},
		{"a: [\n", "w.yaml:1:1: invalid YAML: did not find expected node content"},
		{"name: x\nname: y\n", `w.yaml:2:1: name: duplicate key "name"`},
		{"- 1\n- 2\n", "w.yaml:1:1: want a workload (a mapping), got a list"},
		{"---\nname: a\n---\nname: b\n", "w.yaml:3:1: a workload file holds one YAML document; this is a second one"},
		{"arrivals:\n  <<: {rate: 5}\n", "w.yaml:2:3: arrivals.<<: merge keys (<<) are not supported; write the fields out"},
		{"arrivals: {rate: .nan}\n", "w.yaml:1:18: arrivals.rate: want a finite number, got .nan"},
	}
	for _, tc := range tests {
		_, err := bench.ParseWorkload("w.yaml", []byte(tc.in))
		var list bench.WorkloadErrors
		if !errors.As(err, &list) {
			t.Errorf("%q: error %v, want WorkloadErrors", tc.in, err)
			continue
		}
		if got := err.Error(); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// TestWorkloadAliasBomb checks that nested aliases cannot make reading a
// file explode.
func TestWorkloadAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("players:\n  attributes:\n    x: *a8\n")
	_, err := bench.ParseWorkload("bomb.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("no error")
	}
}

// TestParseVariant checks comparison variants: they change only the
// configuration and keep the base's players.
func TestParseVariant(t *testing.T) {
	base := mustWorkload(t, "arrivals: {rate: 42}\nmatchmaking: {requestTimeout: 60s, acceptanceRequired: true}\n")
	v, err := bench.ParseVariant(base, "dir/longer.yaml", []byte("matchmaking: {acceptanceTimeout: 20s}\nengine: {searchBudget: 64}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "longer" || v.Arrivals.Rate != 42 || v.Matchmaking.RequestTimeout != 60*time.Second ||
		!v.Matchmaking.AcceptanceRequired || v.Matchmaking.AcceptanceTimeout != 20*time.Second || v.Engine.SearchBudget != 64 {
		t.Errorf("variant = %+v", v)
	}
	if base.Matchmaking.AcceptanceTimeout != 30*time.Second || base.Engine.SearchBudget != 256 {
		t.Error("the variant changed its base")
	}
	_, err = bench.ParseVariant(base, "v.yaml", []byte("name: v\narrivals: {rate: 5}\n"))
	if err == nil || err.Error() != "v.yaml:2:1: arrivals: a comparison's workload file may set only name, ruleSet, matchmaking, placement, engine, report, so that every run sees the same players" {
		t.Errorf("error %v", err)
	}
}

// TestExampleWorkloads checks that every workload in testdata/simulate
// (and the embedded default) reads and fits its rule set.
func TestExampleWorkloads(t *testing.T) {
	files, err := filepath.Glob(simData + "*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	defRS, _ := ruleset.Parse(bench.DefaultRuleSetName, []byte(bench.DefaultRuleSet))
	base := mustWorkload(t, bench.DefaultWorkloadFile)
	if err := base.Check(defRS); err != nil {
		t.Errorf("the default workload does not fit the default rule set: %v", err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, err := bench.ParseWorkload(f, body)
		if err != nil {
			if w, err = bench.ParseVariant(base, f, body); err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
		}
		rs := defRS
		if w.RuleSet != "" {
			body, err := os.ReadFile(filepath.Join(filepath.Dir(f), w.RuleSet))
			if err != nil {
				t.Fatal(err)
			}
			var findings ruleset.ErrorList
			if rs, findings = ruleset.Parse(w.RuleSet, body); rs == nil {
				t.Fatalf("%s: %v", w.RuleSet, findings)
			}
		}
		if strings.Contains(f, "small") {
			continue // for small-1v1.json, by the golden test
		}
		if err := w.Check(rs); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if q := w.QualityAttributeFor(rs); q == "" || w.Players.Attributes[0].Type != ticket.TypeNumber {
			t.Errorf("%s: quality attribute %q", f, q)
		}
	}
}
