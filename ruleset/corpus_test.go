package ruleset_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
)

// parseDir parses every *.json file of dir and requires each to be valid:
// no finding of error severity, and a compiled rule set. Warnings are only
// logged. It returns the compiled rule sets by file name.
func parseDir(t *testing.T, dir string, atLeast int) map[string]*ruleset.RuleSet {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < atLeast {
		t.Fatalf("%s holds %d rule sets, want at least %d", dir, len(files), atLeast)
	}
	out := map[string]*ruleset.RuleSet{}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rs, errs := ruleset.Parse(name, body)
			for _, e := range errs.Errors() {
				t.Errorf("%v", e)
			}
			for _, w := range errs.Warnings() {
				t.Logf("%v", w)
			}
			if rs == nil {
				t.Fatalf("Parse returned a nil RuleSet")
			}
			if len(rs.Teams) == 0 {
				t.Errorf("rule set has no teams")
			}
			for _, e := range errs {
				if e.Pos.Filename != name {
					t.Errorf("finding %v: Pos.Filename = %q, want %q", e, e.Pos.Filename, name)
				}
			}
			out[name] = rs
		})
	}
	return out
}

// TestCorpus parses copies of real published rule sets (see
// testdata/rulesets/corpus/SOURCES.md): FlexMatch accepts all of them, so
// the checker must too.
func TestCorpus(t *testing.T) {
	got := parseDir(t, "../testdata/rulesets/corpus", 31)

	// A few facts about well-known samples, so a checker that accepts
	// everything by compiling nothing does not pass.
	if rs := got["docs-ex8-large-monster-hunters.json"]; rs != nil {
		if !rs.Large || rs.MaxPlayers != 155 {
			t.Errorf("docs example 8: Large=%v MaxPlayers=%d, want a large match of 155 players", rs.Large, rs.MaxPlayers)
		}
		if rs.Algorithm.Strategy != ruleset.Balanced || rs.Algorithm.BalancedAttribute == nil || rs.Algorithm.BalancedAttribute.Name != "monster-kills" {
			t.Errorf("docs example 8: algorithm = %+v, want balanced on monster-kills", rs.Algorithm)
		}
	}
	if rs := got["docs-ex1-aliens-vs-cowboys.json"]; rs != nil {
		if len(rs.Rules) != 2 || rs.Rule("FairTeamSkill") == nil || rs.Rule("EqualTeamSizes") == nil {
			t.Errorf("docs example 1: rules = %d, want FairTeamSkill and EqualTeamSizes", len(rs.Rules))
		}
		if len(rs.Expansions) != 1 || len(rs.Expansions[0].Steps) != 2 {
			t.Errorf("docs example 1: want one expansion of two steps, got %d expansions", len(rs.Expansions))
		}
	}
}

// TestSpecExamples parses the complete rule sets of the behavioural
// specification (/work/shared/flexmatch-spec.md), copied into
// testdata/rulesets/spec and named after the section they come from.
func TestSpecExamples(t *testing.T) {
	got := parseDir(t, "../testdata/rulesets/spec", 2)

	// §1.1: a rule set without rules is valid.
	if rs := got["section-1.1-minimal-no-rules.json"]; rs != nil {
		if len(rs.Rules) != 0 || len(rs.Teams) != 1 || rs.Teams[0].Name != "Players" {
			t.Errorf("§1.1: got %d rules and teams %v", len(rs.Rules), rs.Teams)
		}
	}
	// §4: wait times are absolute; the step values apply from 5 s and 15 s.
	if rs := got["section-4-expansion-fair-team-skill.json"]; rs != nil {
		r := rs.Rule("FairTeamSkill")
		if r == nil {
			t.Fatal("§4: no rule FairTeamSkill")
		}
		for _, c := range []struct {
			age  float64
			want float64
		}{{0, 10}, {4.9, 10}, {5, 50}, {14, 50}, {15, 100}, {200, 100}} {
			l := rs.LimitsAt(ageSeconds(c.age))
			if got := l.Rules[r.Index].MaxDistance; got != c.want {
				t.Errorf("§4: maxDistance at %vs = %v, want %v", c.age, got, c.want)
			}
		}
	}
}
