package ruleset_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
)

// fuzzBrokenBodies are seeds the corpus does not cover: bodies that are not
// JSON, not an object, truncated, commented, or wrong in one place.
var fuzzBrokenBodies = []string{
	``,
	` `,
	`[]`,
	`{`,
	`{"name": "x", "ruleLanguageVersion": "1.0"`,
	`/* never closed`,
	"{\n// a comment\n\"ruleLanguageVersion\": \"1.0\", \"teams\": []}",
	`{"ruleLanguageVersion": "1.0", "teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 1}],
	  "rules": [{"name": "r", "type": "comparison", "operation": "=", "measurements": ["avg(teams[b].players.attributes[skill]"]}]}`,
	`{"ruleLanguageVersion": "1.0", "playerAttributes": [{"name": "s", "type": "number"}],
	  "teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 2, "quantity": 2}],
	  "rules": [{"name": "r", "type": "distance", "measurements": ["avg(teams[*].players.attributes[s])"],
	             "referenceValue": "avg(flatten(teams[*].players.attributes[s]))", "maxDistance": 1},
	            {"name": "c", "type": "compound", "statement": "and(r, not(r))"}],
	  "expansions": [{"target": "rules[r].maxDistance", "steps": [{"waitTimeSeconds": 5, "value": 2}]}]}`,
	`{"ruleLanguageVersion": "1.0", "teams": [{"name": "ü", "minPlayers": "1", "maxPlayers": 1e999}], "name": "\ud800"}`,
}

// FuzzParse checks that reading any body neither panics nor breaks the
// contract of Parse: a rule set only without errors, an error list with at
// least one error otherwise, every finding at a real position of the body,
// findings sorted. A rule set that compiles is also evaluated on an empty
// match, with both expression backends.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("../testdata/rulesets/corpus/*.json")
	if err != nil || len(files) == 0 {
		f.Fatalf("no corpus files: %v", err)
	}
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	for _, body := range fuzzBrokenBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		rs, errs := ruleset.Parse("fuzz.json", body)
		switch n := len(errs.Errors()); {
		case rs != nil && n > 0:
			t.Fatalf("a rule set came with %d errors: %v", n, errs.Err())
		case rs == nil && n == 0:
			t.Fatalf("no rule set and no error (findings: %v)", errs)
		}
		for _, e := range errs {
			p := e.Pos
			if p.Line < 1 || p.Column < 1 || p.Offset < 0 || p.Offset > len(body) {
				t.Fatalf("finding at an invalid position %+v (body is %d bytes): %v", p, len(body), e)
			}
		}
		if !sort.IsSorted(errs) {
			t.Fatalf("findings are not sorted: %v", errs)
		}
		if rs != nil {
			fuzzEvaluate(t, rs)
		}
	})
}

// fuzzEvaluate runs every rule and expression of a compiled rule set on an
// empty match under every stage's limits.
func fuzzEvaluate(t *testing.T, rs *ruleset.RuleSet) {
	m := rs.NewMatch()
	for _, st := range rs.Stages() {
		for _, r := range rs.Rules {
			r.Evaluate(m, st.Limits)
			r.Regions(m, st.Limits)
		}
	}
	for _, r := range rs.Rules {
		exprs := r.Measurements
		if r.Reference != nil && r.Reference.Expr != nil {
			exprs = append(exprs[:len(exprs):len(exprs)], r.Reference.Expr)
		}
		for _, x := range exprs {
			if a, b := x.Eval(m, r.PartyAggregation), x.EvalExpr(m, r.PartyAggregation); a != b {
				t.Fatalf("%s on an empty match: closure %s, expr-lang %s", x.Text, a, b)
			}
		}
	}
}
