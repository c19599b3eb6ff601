package ruleset_test

// Differential test of the two expression backends: the closures of
// eval.go (Expression.Eval) against the expr-lang reference implementation
// (Expression.EvalExpr), on every expression of the corpus and of a fixture
// that uses every function and path form, over pseudo-random matches.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// differentialScalars (numbers and strings, for a comparison) and
// differentialCollections (strings and string lists, for a collection)
// use every function and path form, on the fixture's teams (a single team,
// a quantity-2 definition, several teams) and every attribute type.
var differentialScalars = []string{
	"5", "-0", "1e21", "0.1",
	"count(teams[*])", "count(teams[red,squad])", "count(teams[red].players)",
	"count(teams[*].players)", "count(teams[squad].players)", "count(flatten(teams[*].players))",
	"count(teams[*].players.attributes[maps])",
	"teams[red].players[playerId]", "teams[*].players.playerId", "flatten(teams[squad].players[playerId])",
	"teams[red].players.attributes[skill]", "teams[*].players.attributes[skill]",
	"teams[red, blue].players.attributes[role]", "teams[squad].players.attributes[maps][dust]",
	"min(teams[*].players.attributes[skill])", "max(teams[blue].players.attributes[skill])",
	"avg(teams[*].players.attributes[skill])", "median(teams[*].players.attributes[skill])",
	"sum(teams[*].players.attributes[skill])", "stddev(teams[*].players.attributes[skill])",
	"median(flatten(teams[*].players.attributes[skill]))", "stddev(flatten(teams[*].players.attributes[skill]))",
	"sum(flatten(teams[*].players.attributes[skill]))", "avg(flatten(teams[*].players.attributes[skill]))",
	"max(avg(teams[*].players.attributes[skill]))",
	"sum(count(teams[*].players))", "avg(flatten(teams[*].players.attributes[maps][dust]))",
	"min(teams[*].players.attributes[maps][dust])", "sum(teams[red].players.attributes[maps][nuke])",
	"flatten(teams[*].players.attributes[role])", "flatten(flatten(teams[*].players.attributes[modes]))",
	"count(flatten(teams[*].players.attributes[modes]))", "count(teams[*].players.attributes[modes])",
	"count(set_intersection(flatten(teams[*].players.attributes[modes])))",
	"count(set_intersection(teams[*].players.attributes[modes]))",
}

var differentialCollections = []string{
	"teams[blue].players.attributes[modes]", "teams[*].players.attributes[role]",
	"flatten(teams[*].players.attributes[modes])", "flatten(teams[red].players.attributes[modes])",
	"set_intersection(teams[*].players.attributes[modes])", "set_intersection(flatten(teams[*].players.attributes[modes]))",
	"set_intersection(teams[blue].players.attributes[modes])", "set_intersection(teams[*].players.attributes[role])",
	"set_intersection(teams[red,squad].players[playerId])",
}

const differentialFixture = `{
	"name": "differential",
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [
		{"name": "skill", "type": "number"},
		{"name": "modes", "type": "string_list", "default": []},
		{"name": "maps", "type": "string_number_map"},
		{"name": "role", "type": "string", "default": "any"}],
	"teams": [
		{"name": "red", "minPlayers": 0, "maxPlayers": 8},
		{"name": "blue", "minPlayers": 0, "maxPlayers": 8},
		{"name": "squad", "minPlayers": 0, "maxPlayers": 4, "quantity": 2}],
	"rules": [
		{"name": "scalars", "type": "comparison", "operation": "=", "measurements": %s},
		{"name": "collections", "type": "collection", "operation": "intersection", "minCount": 0, "measurements": %s}]
}`

// differentialSets returns the corpus rule sets and the fixture by name.
func differentialSets(t *testing.T) map[string]*ruleset.RuleSet {
	t.Helper()
	files, err := filepath.Glob("../testdata/rulesets/corpus/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	sets := map[string]*ruleset.RuleSet{}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, errs := ruleset.Parse(f, body)
		if rs == nil {
			t.Fatalf("%s: %v", f, errs.Err())
		}
		sets[filepath.Base(f)] = rs
	}
	body := fmt.Sprintf(differentialFixture, jsonStrings(differentialScalars), jsonStrings(differentialCollections))
	rs, errs := ruleset.Parse("fixture", []byte(body))
	if rs == nil {
		t.Fatalf("fixture: %v", errs.Err())
	}
	sets["fixture"] = rs
	return sets
}

func jsonStrings(ss []string) string {
	quoted := make([]string, len(ss))
	for i, s := range ss {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// expressionsOf lists every measurement and reference expression.
func expressionsOf(rs *ruleset.RuleSet) []*ruleset.Expression {
	var out []*ruleset.Expression
	for _, r := range rs.Rules {
		out = append(out, r.Measurements...)
		if r.Reference != nil && r.Reference.Expr != nil {
			out = append(out, r.Reference.Expr)
		}
	}
	return out
}

var differentialWords = []string{"medic", "peasant", "dust", "nuke", "red", "any", "tank"}

// randomValue makes a value of the attribute's type.
func randomValue(rng *rand.Rand, typ ticket.AttributeType) ticket.AttributeValue {
	switch typ {
	case ticket.TypeNumber:
		return ticket.Number(float64(rng.IntN(200)-50) / float64(1+rng.IntN(4)))
	case ticket.TypeString:
		return ticket.String(differentialWords[rng.IntN(3)])
	case ticket.TypeStringList:
		var items []string
		for range rng.IntN(4) {
			items = append(items, differentialWords[rng.IntN(3)])
		}
		return ticket.StringList(items...)
	}
	m := map[string]float64{}
	for range rng.IntN(3) {
		m[differentialWords[2+rng.IntN(2)]] = float64(rng.IntN(100))
	}
	return ticket.StringNumberMap(m)
}

// randomMatch fills each team with 0 to 3 parties of 1 to 3 players (rarely
// none), some teams left empty; in one match of four, now and then a player lacks an
// attribute.
func randomMatch(t *testing.T, rng *rand.Rand, rs *ruleset.RuleSet, n *int) *ruleset.Match {
	t.Helper()
	m := rs.NewMatch()
	missing := 0
	if rng.IntN(4) == 0 {
		missing = 20
	}
	for team := range rs.Teams {
		if rng.IntN(4) == 0 {
			continue
		}
		for range rng.IntN(4) {
			*n++
			tk := &ticket.Ticket{TicketID: fmt.Sprintf("t%d", *n)}
			size := 1 + rng.IntN(3)
			if rng.IntN(50) == 0 {
				size = 0 // a party of no players adds no values
			}
			for i := range size {
				p := ticket.Player{PlayerID: fmt.Sprintf("p%d-%d", *n, i), Attributes: map[string]ticket.AttributeValue{}}
				for _, a := range rs.Attributes {
					if missing == 0 || rng.IntN(missing) > 0 {
						p.Attributes[a.Name] = randomValue(rng, a.Type)
					}
				}
				tk.Players = append(tk.Players, p)
			}
			party, err := rs.NewParty(tk)
			if err != nil {
				t.Fatal(err)
			}
			m.Add(team, party)
		}
	}
	return m
}

func TestExprLangMatchesClosures(t *testing.T) {
	sets := differentialSets(t)
	names := make([]string, 0, len(sets))
	for name := range sets {
		names = append(names, name)
	}
	sort.Strings(names)
	aggs := []ruleset.Aggregation{ruleset.AggAvg, ruleset.AggMin, ruleset.AggMax, ruleset.AggUnion, ruleset.AggIntersection}
	rng := rand.New(rand.NewPCG(20251121, 1))
	matches := 150
	if testing.Short() {
		matches = 20
	}
	compared, tickets := 0, 0
	for _, name := range names {
		rs := sets[name]
		exprs := expressionsOf(rs)
		for i := range matches {
			m := randomMatch(t, rng, rs, &tickets)
			for _, x := range exprs {
				for _, agg := range aggs {
					want, got := x.Eval(m, agg), x.EvalExpr(m, agg)
					compared++
					if got != want {
						t.Fatalf("%s, match %d, %s under %s:\nclosure  %s\nexpr-lang %s\nexpr-lang source: %s",
							name, i, x.Text, agg, want, got, x.ExprSource())
					}
				}
			}
		}
	}
	t.Logf("%d evaluations agree over %d rule sets", compared, len(sets))
}

// TestExprLangSource pins the translation of the per-sub-list rule.
func TestExprLangSource(t *testing.T) {
	rs := differentialSets(t)["fixture"]
	want := map[string]string{
		"avg(teams[*].players.attributes[skill])":             `map(map(teams, map(.players, .attributes["skill"])), avg(#))`,
		"avg(flatten(teams[*].players.attributes[skill]))":    `avg(flatten(map(teams, map(.players, .attributes["skill"]))))`,
		"count(teams[red].players)":                           `count(map(teams[0].players, .playerId))`,
		"set_intersection(teams[*].players.attributes[role])": `set_intersection(map(teams, map(.players, .attributes["role"])))`,
		"count(teams[red,squad])":                             `count(map([teams[0], teams[2], teams[3]], .name))`,
	}
	for _, x := range expressionsOf(rs) {
		if w, ok := want[x.Text]; ok {
			if got := x.ExprSource(); got != w {
				t.Errorf("%s translates to\n%s\nwant\n%s", x.Text, got, w)
			}
			delete(want, x.Text)
		}
	}
	for text := range want {
		t.Errorf("%s is not in the fixture", text)
	}
}
