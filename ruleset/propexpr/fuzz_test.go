package propexpr_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/flexsim/flexsim/ruleset/propexpr"
	"github.com/flexsim/flexsim/ticket"
)

// fuzzEnv is a rule set with teams red (one team) and squad (quantity 3),
// and one attribute of each type.
type fuzzEnv struct{}

func (fuzzEnv) TeamCount(name string) int {
	return map[string]int{"red": 1, "squad": 3}[name]
}
func (fuzzEnv) TeamNames() []string { return []string{"red", "squad"} }
func (fuzzEnv) Attribute(name string) (ticket.AttributeType, bool) {
	t, ok := map[string]ticket.AttributeType{
		"skill": ticket.TypeNumber, "role": ticket.TypeString,
		"modes": ticket.TypeStringList, "maps": ticket.TypeStringNumberMap,
	}[name]
	return t, ok
}
func (fuzzEnv) AttributeNames() []string { return []string{"skill", "role", "modes", "maps"} }

// corpusExpressions returns every string measurement and referenceValue
// of the corpus rule sets (literal strings included: they are seeds too).
func corpusExpressions(f *testing.F) []string {
	files, err := filepath.Glob("../../testdata/rulesets/corpus/*.json")
	if err != nil || len(files) == 0 {
		f.Fatalf("no corpus files: %v", err)
	}
	var out []string
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var rs struct {
			Rules []struct {
				Measurements   []string
				ReferenceValue any
			}
		}
		if err := json.Unmarshal(body, &rs); err != nil {
			continue // some bodies carry // comments
		}
		for _, r := range rs.Rules {
			out = append(out, r.Measurements...)
			if s, ok := r.ReferenceValue.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// FuzzParseExpression checks that parsing and checking never panic, and
// that a parsed expression's canonical String() parses back to the same
// String().
func FuzzParseExpression(f *testing.F) {
	for _, s := range corpusExpressions(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"", "avg(", "teams[*", "teams[a,,b]", "teams[*,a]", "count(teams[red].players[playerId])",
		"teams[red].players.playerId", "sum(teams[squad].players.attributes[maps][dust])",
		"set_intersection(teams[*].players.attributes[role])", "-1.5e3", "avg(1, 2)", "team [ red ] . players",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := propexpr.Parse(src)
		if err != nil {
			if pe, ok := err.(*propexpr.Error); !ok || pe.Offset < 0 || pe.Offset > len(src) {
				t.Fatalf("Parse(%q): error %v is not at an offset of the text", src, err)
			}
			return
		}
		canon := e.String()
		again, err := propexpr.Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q) = %s, which does not parse: %v", src, canon, err)
		}
		if again.String() != canon {
			t.Fatalf("Parse(%q) = %s, which parses to %s", src, canon, again.String())
		}
		typ, err := propexpr.Check(e, fuzzEnv{})
		typ2, err2 := propexpr.Check(again, fuzzEnv{})
		if typ != typ2 || (err == nil) != (err2 == nil) {
			t.Fatalf("%s checks as %v (%v), its canonical form as %v (%v)", src, typ, err, typ2, err2)
		}
	})
}
