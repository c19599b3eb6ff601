package bench_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// BenchmarkParse reads, validates and compiles each corpus rule set.
func BenchmarkParse(b *testing.B) {
	files, err := filepath.Glob("../testdata/rulesets/corpus/*.json")
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus files: %v", err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if rs, errs := ruleset.Parse(f, body); rs == nil {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}

// benchRuleSet has two teams of five and one rule of each type.
// EqualTeamSizes and FairTeamSkill are also combined by a compound rule.
const benchRuleSet = `{
	"name": "bench",
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [
		{"name": "skill", "type": "number", "default": 1000},
		{"name": "league", "type": "number", "default": 1},
		{"name": "modes", "type": "string_list", "default": []},
		{"name": "maps", "type": "string_number_map", "default": {}}],
	"teams": [
		{"name": "red", "minPlayers": 5, "maxPlayers": 5},
		{"name": "blue", "minPlayers": 5, "maxPlayers": 5}],
	"rules": [{
		"name": "SameLeague", "type": "batchDistance",
		"batchAttribute": "league", "maxDistance": 2
	}, {
		"name": "EqualTeamSizes", "type": "comparison",
		"measurements": ["count(teams[red].players)"],
		"referenceValue": "count(teams[blue].players)", "operation": "="
	}, {
		"name": "SkilledEnough", "type": "comparison",
		"measurements": ["avg(teams[red].players.attributes[skill])"],
		"referenceValue": "min(flatten(teams[*].players.attributes[skill]))", "operation": ">="
	}, {
		"name": "FairTeamSkill", "type": "distance",
		"measurements": ["avg(teams[*].players.attributes[skill])"],
		"referenceValue": "avg(flatten(teams[*].players.attributes[skill]))", "maxDistance": 50
	}, {
		"name": "CommonMode", "type": "collection", "operation": "intersection",
		"measurements": ["flatten(teams[*].players.attributes[modes])"], "minCount": 1
	}, {
		"name": "FastConnection", "type": "latency", "maxLatency": 150
	}, {
		"name": "FairAndEven", "type": "compound",
		"statement": "and(FairTeamSkill, EqualTeamSizes)"
	}, {
		"name": "FavouriteMap", "type": "absoluteSort",
		"sortDirection": "descending", "sortAttribute": "maps", "mapKey": "maxValue"
	}, {
		"name": "CloseSkill", "type": "distanceSort",
		"sortDirection": "ascending", "sortAttribute": "skill"
	}]
}`

var benchRegions = []string{"us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"}

// benchMatch parses the rule set and fills both teams with five solo
// players: skills 1000 to 1090, leagues 1 to 2, two or three game modes
// with "ctf" in common, latencies to four regions.
func benchMatch(b testing.TB) (*ruleset.RuleSet, *ruleset.Match) {
	b.Helper()
	rs, errs := ruleset.Parse("bench.json", []byte(benchRuleSet))
	if rs == nil {
		b.Fatal(errs.Err())
	}
	m := rs.NewMatch()
	for i := range 10 {
		lat := map[string]int{}
		for r, region := range benchRegions {
			lat[region] = 20 + 30*r + i
		}
		modes := []string{"ctf", "dm"}
		if i%3 == 0 {
			modes = append(modes, "koth")
		}
		p := ticket.Player{
			PlayerID: fmt.Sprintf("player-%d", i),
			Attributes: map[string]ticket.AttributeValue{
				"skill":  ticket.Number(1000 + 10*float64(i)),
				"league": ticket.Number(1 + float64(i%2)),
				"modes":  ticket.StringList(modes...),
				"maps":   ticket.StringNumberMap(map[string]float64{"dust": float64(i), "harbor": 5, "peak": float64(10 - i)}),
			},
			LatencyInMs: lat,
		}
		party, err := rs.NewParty(&ticket.Ticket{TicketID: fmt.Sprintf("ticket-%d", i), Players: []ticket.Player{p}})
		if err != nil {
			b.Fatal(err)
		}
		m.Add(i%2, party)
	}
	return rs, m
}

// benchRules are the rules BenchmarkRule evaluates, by benchmark name.
var benchRules = []struct{ name, rule string }{
	{"batchDistance", "SameLeague"},
	{"comparison", "SkilledEnough"},
	{"comparison-count", "EqualTeamSizes"},
	{"distance", "FairTeamSkill"},
	{"collection", "CommonMode"},
	{"latency", "FastConnection"},
	{"compound", "FairAndEven"},
}

// TestBenchFixture keeps the benchmarks honest when they are run as tests:
// every benchmarked rule passes on the bench match, and both expression
// backends agree on every expression.
func TestBenchFixture(t *testing.T) {
	rs, m := benchMatch(t)
	limits := rs.LimitsAt(0)
	for _, c := range benchRules {
		if got := rs.Rule(c.rule).Evaluate(m, limits); got != ruleset.Pass {
			t.Errorf("%s: %s on the bench match, want pass", c.rule, got)
		}
	}
	for _, r := range rs.Rules {
		exprs := r.Measurements
		if r.Reference != nil && r.Reference.Expr != nil {
			exprs = append(exprs[:len(exprs):len(exprs)], r.Reference.Expr)
		}
		for _, x := range exprs {
			if a, b := x.Eval(m, r.PartyAggregation), x.EvalExpr(m, r.PartyAggregation); a != b {
				t.Errorf("%s: closure %s, expr-lang %s", x.Text, a, b)
			}
		}
	}
}

// BenchmarkRule evaluates one rule of each type on a 5v5 candidate match.
// Every rule passes on it (TestBenchFixture), so each evaluation does all
// its work.
func BenchmarkRule(b *testing.B) {
	rs, m := benchMatch(b)
	limits := rs.LimitsAt(0)
	for _, c := range benchRules {
		r := rs.Rule(c.rule)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Evaluate(m, limits)
			}
		})
	}
}

// BenchmarkSortKey computes a sort rule's key for one candidate relative to
// the anchor (the first party of the bench match).
func BenchmarkSortKey(b *testing.B) {
	rs, m := benchMatch(b)
	anchor, candidate := m.Teams[0][0], m.Teams[1][2]
	for _, name := range []string{"absoluteSort", "distanceSort"} {
		var r *ruleset.Rule
		for _, x := range rs.Rules {
			if string(x.Type) == name {
				r = x
			}
		}
		if _, ok := r.SortKey(anchor, candidate); !ok {
			b.Fatalf("%s: no key for the candidate", r.Name)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.SortKey(anchor, candidate)
			}
		})
	}
}

// BenchmarkExpression compares the two expression backends on the same
// expressions and match: the compiled Go closure (Expression.Eval) and the
// expr-lang reference program (Expression.EvalExpr). Both render the
// result as text, which the closure figures include.
func BenchmarkExpression(b *testing.B) {
	rs, m := benchMatch(b)
	fair := rs.Rule("FairTeamSkill")
	exprs := []struct {
		name string
		x    *ruleset.Expression
	}{
		{"avg-flatten", fair.Reference.Expr},   // avg(flatten(teams[*].players.attributes[skill]))
		{"avg-per-team", fair.Measurements[0]}, // avg(teams[*].players.attributes[skill])
	}
	backends := []struct {
		name string
		eval func(x *ruleset.Expression) string
	}{
		{"closure", func(x *ruleset.Expression) string { return x.Eval(m, ruleset.AggAvg) }},
		{"exprlang", func(x *ruleset.Expression) string { return x.EvalExpr(m, ruleset.AggAvg) }},
	}
	for _, be := range backends {
		for _, e := range exprs {
			b.Run(be.name+"/"+e.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					be.eval(e.x)
				}
			})
		}
	}
}
