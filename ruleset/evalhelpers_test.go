package ruleset_test

// Shared helpers of the evaluator tests (functions_test.go,
// rules_eval*_test.go, limits_test.go): parsing bodies, building players,
// parties and candidate matches.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// mustParseBody compiles an inline rule-set body; any error fails the test.
func mustParseBody(t testing.TB, body string) *ruleset.RuleSet {
	t.Helper()
	rs, errs := ruleset.Parse("", []byte(body))
	if err := errs.Err(); err != nil {
		t.Fatalf("rule set does not compile: %v\n%s", errs, body)
	}
	return rs
}

// mustParseCorpus compiles testdata/rulesets/corpus/<name>.
func mustParseCorpus(t testing.TB, name string) *ruleset.RuleSet {
	t.Helper()
	path := filepath.Join("..", "testdata", "rulesets", "corpus", name)
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rs, errs := ruleset.Parse(name, body)
	if err := errs.Err(); err != nil {
		t.Fatalf("%s does not compile: %v", name, errs)
	}
	return rs
}

// mustRule returns the named rule of the rule set.
func mustRule(t testing.TB, rs *ruleset.RuleSet, name string) *ruleset.Rule {
	t.Helper()
	r := rs.Rule(name)
	if r == nil {
		t.Fatalf("rule set has no rule %q", name)
	}
	return r
}

// plr builds a player from alternating attribute names and values:
// plr("p1", "skill", vNum(10), "role", vStr("tank")).
func plr(id string, kv ...any) ticket.Player {
	if len(kv)%2 != 0 {
		panic("plr: odd number of name/value arguments")
	}
	p := ticket.Player{PlayerID: id, Attributes: map[string]ticket.AttributeValue{}}
	for i := 0; i < len(kv); i += 2 {
		p.Attributes[kv[i].(string)] = kv[i+1].(ticket.AttributeValue)
	}
	return p
}

// withLatency returns the player with its LatencyInMs set.
func withLatency(p ticket.Player, ms map[string]int) ticket.Player {
	p.LatencyInMs = ms
	return p
}

// vNum, vStr, vList and vMap shorten attribute values in tables.
func vNum(v float64) ticket.AttributeValue               { return ticket.Number(v) }
func vStr(v string) ticket.AttributeValue                { return ticket.String(v) }
func vList(items ...string) ticket.AttributeValue        { return ticket.StringList(items...) }
func vMap(m map[string]float64) ticket.AttributeValue    { return ticket.StringNumberMap(m) }
func skillPlayer(id string, skill float64) ticket.Player { return plr(id, "skill", vNum(skill)) }

// newTicket makes a ticket of the players, started at a fixed time.
func newTicket(id string, players ...ticket.Player) *ticket.Ticket {
	return &ticket.Ticket{
		TicketID:  id,
		Status:    ticket.Searching,
		StartTime: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Players:   players,
	}
}

// partyOf prepares a ticket of the players as a party; an error from
// NewParty fails the test.
func partyOf(t testing.TB, rs *ruleset.RuleSet, id string, players ...ticket.Player) *ruleset.Party {
	t.Helper()
	p, err := rs.NewParty(newTicket(id, players...))
	if err != nil {
		t.Fatalf("NewParty(%s): %v", id, err)
	}
	return p
}

// soloOf is partyOf for a one-player ticket named after the player.
func soloOf(t testing.TB, rs *ruleset.RuleSet, p ticket.Player) *ruleset.Party {
	t.Helper()
	return partyOf(t, rs, "t-"+p.PlayerID, p)
}

// matchOf builds a candidate match. Arguments are generated team names,
// each followed by the parties to put on that team:
// matchOf(t, rs, "red", p1, p2, "blue", p3).
func matchOf(t testing.TB, rs *ruleset.RuleSet, placement ...any) *ruleset.Match {
	t.Helper()
	m := rs.NewMatch()
	team := -1
	for _, x := range placement {
		switch x := x.(type) {
		case string:
			tm := rs.Team(x)
			if tm == nil {
				t.Fatalf("rule set has no generated team %q", x)
			}
			team = tm.Index
		case *ruleset.Party:
			if team < 0 {
				t.Fatal("matchOf: a party comes before any team name")
			}
			m.Add(team, x)
		default:
			t.Fatalf("matchOf: unexpected %T", x)
		}
	}
	return m
}

// skillMatch puts one solo party per skill value on each named team; the
// players are named p1, p2, … in team order. teams alternates team names
// and []float64 skill lists.
func skillMatch(t testing.TB, rs *ruleset.RuleSet, teams ...any) *ruleset.Match {
	t.Helper()
	var placement []any
	id := 0
	for _, x := range teams {
		switch x := x.(type) {
		case string:
			placement = append(placement, x)
		case []float64:
			for _, v := range x {
				id++
				placement = append(placement, soloOf(t, rs, skillPlayer(fmt.Sprintf("p%d", id), v)))
			}
		}
	}
	return matchOf(t, rs, placement...)
}

// findExpr returns the measurement or reference expression of the rule
// set whose text is exactly text.
func findExpr(t testing.TB, rs *ruleset.RuleSet, text string) *ruleset.Expression {
	t.Helper()
	for _, r := range rs.Rules {
		for _, x := range r.Measurements {
			if x.Text == text {
				return x
			}
		}
		if r.Reference != nil && r.Reference.Expr != nil && r.Reference.Expr.Text == text {
			return r.Reference.Expr
		}
	}
	t.Fatalf("no expression %q in the rule set", text)
	return nil
}

// quoteJSONList renders strings as the elements of a JSON array.
func quoteJSONList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// skillPlayers makes players with those skills, named s1, s2, ….
func skillPlayers(vals ...float64) []ticket.Player {
	out := make([]ticket.Player, len(vals))
	for i, v := range vals {
		out[i] = skillPlayer(fmt.Sprintf("s%d", i+1), v)
	}
	return out
}

// rolePlayers makes players with those roles, named r1, r2, ….
func rolePlayers(vals ...string) []ticket.Player {
	out := make([]ticket.Player, len(vals))
	for i, v := range vals {
		out[i] = plr(fmt.Sprintf("r%d", i+1), "role", vStr(v))
	}
	return out
}

// modePlayers makes players with those modes lists, named m1, m2, ….
func modePlayers(lists ...[]string) []ticket.Player {
	out := make([]ticket.Player, len(lists))
	for i, l := range lists {
		out[i] = plr(fmt.Sprintf("m%d", i+1), "modes", vList(l...))
	}
	return out
}

// Short names for the outcomes in tables.
const (
	oPass    = ruleset.Pass
	oFail    = ruleset.Fail
	oUnknown = ruleset.Unknown
)

// mapPlayers makes players with those maps attributes, named m1, m2, ….
func mapPlayers(maps ...map[string]float64) []ticket.Player {
	out := make([]ticket.Player, len(maps))
	for i, m := range maps {
		out[i] = plr(fmt.Sprintf("m%d", i+1), "maps", vMap(m))
	}
	return out
}

// lat is a player with latencies and no attributes.
func lat(id string, ms map[string]int) ticket.Player {
	return withLatency(plr(id), ms)
}
