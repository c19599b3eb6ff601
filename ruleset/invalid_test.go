package ruleset_test

import (
	"strings"
	"testing"

	"github.com/flexsim/flexsim/ruleset"
)

// invalidCase is a rule set FlexMatch must reject, and one error it must
// report: exactly at path, with msg (and also, if set) in its message. When
// line is set, the error must also be positioned at line:col (1-based,
// column in characters).
type invalidCase struct {
	name      string
	body      string
	path      string
	msg, also string
	line, col int
}

// The building blocks of most bodies below: a valid small rule set up to
// its rules. Every attribute has a default, so no lint warning muddles a
// failure report.
const (
	stdAttrs = `"playerAttributes":[` +
		`{"name":"skill","type":"number","default":10},` +
		`{"name":"mode","type":"string","default":"casual"},` +
		`{"name":"modes","type":"string_list","default":["ffa"]},` +
		`{"name":"maps","type":"string_number_map","default":{"dust":1}}]`
	stdTeams  = `"teams":[{"name":"red","minPlayers":1,"maxPlayers":5},{"name":"blue","minPlayers":1,"maxPlayers":5}]`
	stdHeader = `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,` + stdTeams
)

// withRules makes a small rule set with the given rules array.
func withRules(rules string) string { return stdHeader + `,"rules":` + rules + `}` }

// withExpansions makes a small rule set with the given rules and
// expansions arrays.
func withExpansions(rules, expansions string) string {
	return stdHeader + `,"rules":` + rules + `,"expansions":` + expansions + `}`
}

// largeWithRules makes a large rule set (red 45 + blue 5 = 50 players,
// balanced on skill) with the given rules array.
func largeWithRules(rules string) string {
	return `{"ruleLanguageVersion":"1.0",` + stdAttrs +
		`,"algorithm":{"strategy":"balanced","balancedAttribute":"skill"}` +
		`,"teams":[{"name":"red","minPlayers":1,"maxPlayers":45},{"name":"blue","minPlayers":1,"maxPlayers":5}]` +
		`,"rules":` + rules + `}`
}

// The rules the expansion and compound cases refer to.
const (
	skillGap = `{"name":"SkillGap","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":"avg(flatten(teams[*].players.attributes[skill]))","maxDistance":10}`
	sameMode = `{"name":"SameMode","type":"comparison","measurements":"flatten(teams[*].players.attributes[mode])","operation":"="}`
)

var invalidStructure = []invalidCase{
	{
		name: "trailing comma",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [
    {"name": "red", "minPlayers": 1, "maxPlayers": 5},
  ]
}`,
		path: "", msg: "invalid JSON", line: 5, col: 3,
	},
	{
		name: "unterminated block comment",
		body: `{
  "ruleLanguageVersion": "1.0", /* the version
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}]
}`,
		path: "", msg: "unterminated /* comment", line: 2, col: 33,
	},
	{name: "empty body", body: "  \n", path: "", msg: "rule set body is empty"},
	{name: "root is an array", body: `[{"ruleLanguageVersion":"1.0"}]`, path: "", msg: "must be a JSON object, got an array"},
	{name: "root is a string", body: ` "1.0"`, path: "", msg: "must be a JSON object, got a string", line: 1, col: 2},
	{name: "two values", body: `{} {}`, path: "", msg: "invalid JSON"},
	{
		name: "body over 65535 characters",
		body: `{"ruleLanguageVersion":"1.0","description":"` + strings.Repeat("x", 65500) + `",` + stdTeams + `}`,
		path: "", msg: "at most 65535 are allowed",
	},
	{name: "ruleLanguageVersion missing", body: `{` + stdTeams + `}`, path: "", msg: `missing required key "ruleLanguageVersion"`},
	{name: "ruleLanguageVersion 2.0", body: `{"ruleLanguageVersion":"2.0",` + stdTeams + `}`, path: "/ruleLanguageVersion", msg: `unsupported ruleLanguageVersion "2.0" (want "1.0")`},
	{name: "ruleLanguageVersion a number", body: `{"ruleLanguageVersion":1.0,` + stdTeams + `}`, path: "/ruleLanguageVersion", msg: "must be a string, got a number"},
	{
		name: "unknown top-level key",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}],
  "rule": []
}`,
		path: "/rule", msg: `unknown key "rule" in the rule set (did you mean "rules"?)`, line: 4, col: 3,
	},
	{name: "name not a string", body: `{"name":7,"ruleLanguageVersion":"1.0",` + stdTeams + `}`, path: "/name", msg: "must be a string, got a number"},
}

var invalidTeams = []invalidCase{
	{name: "teams missing", body: `{"ruleLanguageVersion":"1.0"}`, path: "", msg: `missing required key "teams"`},
	{name: "teams empty", body: `{"ruleLanguageVersion":"1.0","teams":[]}`, path: "/teams", msg: "at least one team"},
	{name: "teams an object", body: `{"ruleLanguageVersion":"1.0","teams":{"name":"red","minPlayers":1,"maxPlayers":5}}`, path: "/teams", msg: "teams must be an array, got an object"},
	{name: "team not an object", body: `{"ruleLanguageVersion":"1.0","teams":["red"]}`, path: "/teams/0", msg: "a team must be an object, got a string"},
	{name: "team name missing", body: `{"ruleLanguageVersion":"1.0","teams":[{"minPlayers":1,"maxPlayers":5}]}`, path: "/teams/0", msg: `missing required key "name"`},
	{name: "team name empty", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":" ","minPlayers":1,"maxPlayers":5}]}`, path: "/teams/0/name", msg: "must not be empty"},
	{
		name: "duplicate team name",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [
    {"name": "red", "minPlayers": 1, "maxPlayers": 5},
    {"name": "red", "minPlayers": 1, "maxPlayers": 5}
  ]
}`,
		path: "/teams/1/name", msg: `duplicate team name "red"`, line: 5, col: 14,
	},
	{
		name: "team name clashes with a generated name",
		body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","quantity":2,"minPlayers":1,"maxPlayers":5},{"name":"red_2","minPlayers":1,"maxPlayers":5}]}`,
		path: "/teams/1/name", msg: `team "red_2" clashes with a team generated by /teams/0/name`,
	},
	{
		name: "generated name clashes with an earlier team",
		body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red_1","minPlayers":1,"maxPlayers":5},{"name":"red","quantity":2,"minPlayers":1,"maxPlayers":5}]}`,
		path: "/teams/1/name", msg: `team "red_1" clashes with a team generated by /teams/0/name`,
	},
	{
		name: "minPlayers above maxPlayers",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [
    {"name": "red",
     "minPlayers": 6,
     "maxPlayers": 5}
  ]
}`,
		path: "/teams/0/minPlayers", msg: "minPlayers (6) is greater than maxPlayers (5)", line: 5, col: 20,
	},
	{name: "maxPlayers beyond float64", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":0,"maxPlayers":1e400}]}`, path: "/teams/0/maxPlayers", msg: "must be a finite number"},
	{name: "maxPlayers 0", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":0,"maxPlayers":0}]}`, path: "/teams/0/maxPlayers", msg: "must be between 1 and 200, got 0"},
	{name: "maxPlayers missing", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":0}]}`, path: "/teams/0", msg: `missing required key "maxPlayers"`},
	{name: "minPlayers negative", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":-1,"maxPlayers":5}]}`, path: "/teams/0/minPlayers", msg: "must be between 0 and 200, got -1"},
	{name: "quantity 0", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","quantity":0,"minPlayers":1,"maxPlayers":5}]}`, path: "/teams/0/quantity", msg: "must be between 1 and 200, got 0"},
	{name: "maxPlayers not an integer", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":1,"maxPlayers":4.5}]}`, path: "/teams/0/maxPlayers", msg: "must be a whole number, got 4.5"},
	{name: "minPlayers a word", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":"two","maxPlayers":5}]}`, path: "/teams/0/minPlayers", msg: `must be a number, got the string "two"`},
	{name: "quantity a boolean", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","quantity":true,"minPlayers":1,"maxPlayers":5}]}`, path: "/teams/0/quantity", msg: "must be a number, got a boolean"},
	{
		name: "more than 200 players",
		body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"skill","type":"number","default":1}],"algorithm":{"strategy":"balanced","balancedAttribute":"skill"},"teams":[{"name":"red","quantity":3,"minPlayers":1,"maxPlayers":70}]}`,
		path: "/teams", msg: "the teams hold 210 players in all (maxPlayers × quantity); a match holds at most 200",
	},
	{name: "unknown team key", body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":1,"maxPlayers":5,"maxplayer":6}]}`, path: "/teams/0/maxplayer", msg: `unknown key "maxplayer" in a team (did you mean "maxPlayers"?)`},
}

var invalidAttributes = []invalidCase{
	{name: "playerAttributes an object", body: `{"ruleLanguageVersion":"1.0","playerAttributes":{"skill":"number"},` + stdTeams + `}`, path: "/playerAttributes", msg: "playerAttributes must be an array, got an object"},
	{
		name: "duplicate attribute name",
		body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"skill","type":"number"},{"name":"skill","type":"string"}],` + stdTeams + `}`,
		path: "/playerAttributes/1/name", msg: `duplicate attribute name "skill"`,
	},
	{name: "attribute type missing", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"skill"}],` + stdTeams + `}`, path: "/playerAttributes/0", msg: `missing required key "type"`},
	{
		name: "attribute type misspelt",
		body: `{
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "numbr"}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}]
}`,
		path: "/playerAttributes/0/type",
		msg:  `unsupported attribute type "numbr" (want one of string, number, string_list, string_number_map) (did you mean "number"?)`,
		line: 3, col: 50,
	},
	{name: "attribute type integer", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"level","type":"integer"}],` + stdTeams + `}`, path: "/playerAttributes/0/type", msg: `unsupported attribute type "integer"`},
	{name: "number default a word", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"skill","type":"number","default":"high"}],` + stdTeams + `}`, path: "/playerAttributes/0/default", msg: `must be a number, got the string "high"`},
	{name: "string default a number", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"mode","type":"string","default":3}],` + stdTeams + `}`, path: "/playerAttributes/0/default", msg: "must be a string, got a number"},
	{name: "string_list default a string", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"modes","type":"string_list","default":"ffa"}],` + stdTeams + `}`, path: "/playerAttributes/0/default", msg: "a string_list default must be an array, got a string"},
	{name: "string_list default holding a number", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"modes","type":"string_list","default":["ffa",2]}],` + stdTeams + `}`, path: "/playerAttributes/0/default/1", msg: "must be a string, got a number"},
	{name: "map default an array", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"maps","type":"string_number_map","default":[1]}],` + stdTeams + `}`, path: "/playerAttributes/0/default", msg: "a string_number_map default must be an object, got an array"},
	{name: "map default value a word", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"maps","type":"string_number_map","default":{"dust":"x"}}],` + stdTeams + `}`, path: "/playerAttributes/0/default/dust", msg: `must be a number, got the string "x"`},
	{
		name: "string default over 100 characters",
		body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"mode","type":"string","default":"` + strings.Repeat("m", 101) + `"}],` + stdTeams + `}`,
		path: "/playerAttributes/0/default", msg: "invalid default: S must be 1 to 100 characters long, got 101",
	},
	{name: "string default empty", body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"mode","type":"string","default":""}],` + stdTeams + `}`, path: "/playerAttributes/0/default", msg: "S must be 1 to 100 characters long, got 0"},
	{
		name: "string_list default over 100 items",
		body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"modes","type":"string_list","default":[` + numberedStrings(101) + `]}],` + stdTeams + `}`,
		path: "/playerAttributes/0/default", msg: "invalid default: SL has 101 items, at most 100 are allowed",
	},
	{
		name: "map default over 10 entries",
		body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"maps","type":"string_number_map","default":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11}}],` + stdTeams + `}`,
		path: "/playerAttributes/0/default", msg: "invalid default: SDM has 11 entries, at most 10 are allowed",
	},
}

var invalidAlgorithm = []invalidCase{
	{name: "algorithm an array", body: `{"ruleLanguageVersion":"1.0","algorithm":[],` + stdTeams + `}`, path: "/algorithm", msg: "algorithm must be an object, got an array"},
	{name: "unknown algorithm key", body: `{"ruleLanguageVersion":"1.0","algorithm":{"stratgy":"balanced"},` + stdTeams + `}`, path: "/algorithm/stratgy", msg: `unknown key "stratgy" in algorithm (did you mean "strategy"?)`},
	{name: "strategy misspelt", body: `{"ruleLanguageVersion":"1.0","algorithm":{"strategy":"exhaustive"},` + stdTeams + `}`, path: "/algorithm/strategy", msg: `unsupported strategy "exhaustive" (want one of exhaustiveSearch, balanced) (did you mean "exhaustiveSearch"?)`},
	{
		name: "largestPopulation with exhaustiveSearch",
		body: `{"ruleLanguageVersion":"1.0","algorithm":{"strategy":"exhaustiveSearch","batchingPreference":"largestPopulation"},` + stdTeams + `}`,
		path: "/algorithm/batchingPreference", msg: `unsupported batchingPreference "largestPopulation" with strategy "exhaustiveSearch" (want one of random, sorted)`,
	},
	{
		name: "fastestRegion with the default strategy",
		body: `{"ruleLanguageVersion":"1.0","algorithm":{"batchingPreference":"fastestRegion"},` + stdTeams + `}`,
		path: "/algorithm/batchingPreference", msg: `unsupported batchingPreference "fastestRegion" with strategy "exhaustiveSearch"`,
	},
	{
		name: "sorted with balanced",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skill","batchingPreference":"sorted"},` + stdTeams + `}`,
		path: "/algorithm/batchingPreference", msg: `unsupported batchingPreference "sorted" with strategy "balanced" (want one of largestPopulation, fastestRegion)`,
	},
	{name: "2019 layout batchingPreference balanced", body: `{"ruleLanguageVersion":"1.0","algorithm":{"batchingPreference":"balanced"},` + stdTeams + `}`, path: "/algorithm/batchingPreference", msg: `unsupported batchingPreference "balanced"`},
	{name: "expansionAgeSelection unknown", body: `{"ruleLanguageVersion":"1.0","algorithm":{"expansionAgeSelection":"youngest"},` + stdTeams + `}`, path: "/algorithm/expansionAgeSelection", msg: `unsupported expansionAgeSelection "youngest" (want one of newest, oldest)`},
	{name: "backfillPriority unknown", body: `{"ruleLanguageVersion":"1.0","algorithm":{"backfillPriority":"urgent"},` + stdTeams + `}`, path: "/algorithm/backfillPriority", msg: `unsupported backfillPriority "urgent" (want one of normal, low, high)`},
	{
		name: "large match without algorithm",
		body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":1,"maxPlayers":41}]}`,
		path: "", msg: `a large match (41 players, more than 40) needs algorithm.strategy "balanced"`,
	},
	{
		name: "large match with exhaustiveSearch",
		body: `{"ruleLanguageVersion":"1.0","algorithm":{"strategy":"exhaustiveSearch"},"teams":[{"name":"red","quantity":5,"minPlayers":1,"maxPlayers":10}]}`,
		path: "/algorithm/strategy", msg: `a large match (50 players, more than 40) needs algorithm.strategy "balanced"`,
	},
	{
		name: "balanced without balancedAttribute",
		body: `{
  "ruleLanguageVersion": "1.0",
  "algorithm": {"strategy": "balanced"},
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 50}]
}`,
		path: "/algorithm/strategy", msg: `strategy "balanced" needs a balancedAttribute (a number attribute)`, line: 3, col: 29,
	},
	{
		name: "balancedAttribute undeclared",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skil"},` + stdTeams + `}`,
		path: "/algorithm/balancedAttribute", msg: `balancedAttribute names attribute "skil", which is not declared in playerAttributes (did you mean "skill"?)`,
	},
	{
		name: "balancedAttribute a string attribute",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"mode"},` + stdTeams + `}`,
		path: "/algorithm/balancedAttribute", msg: `balancedAttribute "mode" must be a number attribute, it is a string`,
	},
	{
		name: "sortByAttributes undeclared",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"batchingPreference":"sorted","sortByAttributes":["skill","rank"]},` + stdTeams + `}`,
		path: "/algorithm/sortByAttributes/1", msg: `sortByAttributes names attribute "rank", which is not declared in playerAttributes`,
	},
	{
		name: "sortByAttributes a list attribute",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"batchingPreference":"sorted","sortByAttributes":["modes"]},` + stdTeams + `}`,
		path: "/algorithm/sortByAttributes/0", msg: `cannot sort by string_list attribute "modes" (want a number or string attribute)`,
	},
	{
		name: "sortByAttributes a string",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"batchingPreference":"sorted","sortByAttributes":"skill"},` + stdTeams + `}`,
		path: "/algorithm/sortByAttributes", msg: "sortByAttributes must be an array, got a string",
	},
}

// numberedStrings renders n distinct JSON strings separated by commas.
func numberedStrings(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = `"m` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `"`
	}
	return strings.Join(items, ",")
}

// allInvalid gathers every table of invalid rule sets.
func allInvalid() []invalidCase {
	var all []invalidCase
	for _, table := range [][]invalidCase{
		invalidStructure, invalidTeams, invalidAttributes, invalidAlgorithm,
		invalidRules, invalidCompound, invalidLarge, invalidExpressions, invalidExpansions,
	} {
		all = append(all, table...)
	}
	return all
}

func TestInvalid(t *testing.T) {
	all := allInvalid()
	if len(all) < 70 {
		t.Fatalf("only %d invalid rule sets", len(all))
	}
	names := map[string]bool{}
	positioned := 0
	for _, c := range all {
		if names[c.name] {
			t.Fatalf("two cases are named %q", c.name)
		}
		names[c.name] = true
		if c.line > 0 {
			positioned++
		}
		t.Run(c.name, func(t *testing.T) {
			rs, errs := ruleset.Config{Filename: "case.json"}.Parse([]byte(c.body))
			if rs != nil {
				t.Errorf("Parse returned a RuleSet for an invalid body")
			}
			if errs.Err() == nil {
				t.Fatalf("no error reported; findings:\n%s", dumpFindings(errs))
			}
			e := findFinding(errs, ruleset.SeverityError, c.path, c.msg)
			if e == nil {
				t.Fatalf("no error at %q containing %q; findings:\n%s", c.path, c.msg, dumpFindings(errs))
			}
			if !strings.Contains(e.Msg, c.also) {
				t.Errorf("error %v does not contain %q", e, c.also)
			}
			checkSorted(t, errs)
			checkPosition(t, c.body, e)
			if c.line > 0 && (e.Pos.Line != c.line || e.Pos.Column != c.col) {
				t.Errorf("error at %d:%d, want %d:%d: %v", e.Pos.Line, e.Pos.Column, c.line, c.col, e)
			}
		})
	}
	if positioned < 10 {
		t.Errorf("only %d cases check line:column, want at least 10", positioned)
	}
}

// checkPosition verifies that a finding's line, column and file agree with
// its byte offset in body.
func checkPosition(t *testing.T, body string, e *ruleset.Error) {
	t.Helper()
	if e.Pos.Filename != "case.json" {
		t.Errorf("Pos.Filename = %q, want case.json", e.Pos.Filename)
	}
	if e.Pos.Offset < 0 || e.Pos.Offset > len(body) {
		t.Fatalf("offset %d is outside the body (%d bytes)", e.Pos.Offset, len(body))
	}
	before := body[:e.Pos.Offset]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndex(before, "\n")+1:])) + 1
	if e.Pos.Line != line || e.Pos.Column != col {
		t.Errorf("offset %d is at %d:%d, but the error says %d:%d", e.Pos.Offset, line, col, e.Pos.Line, e.Pos.Column)
	}
}

// TestBodyLengthCountsCharacters: the 65535 limit is in characters, so a
// body of multi-byte characters may be longer in bytes.
func TestBodyLengthCountsCharacters(t *testing.T) {
	prefix := `{"ruleLanguageVersion":"1.0","description":"`
	suffix := `",` + stdTeams + `}`
	fill := ruleset.MaxBodyLength - len(prefix) - len(suffix)
	ok := prefix + strings.Repeat("é", fill) + suffix
	if n := len([]rune(ok)); n != ruleset.MaxBodyLength {
		t.Fatalf("test body is %d characters", n)
	}
	if _, errs := ruleset.Parse("", []byte(ok)); errs.Err() != nil {
		t.Errorf("a body of exactly %d characters (%d bytes) is rejected: %v", ruleset.MaxBodyLength, len(ok), errs)
	}
	over := prefix + strings.Repeat("é", fill+1) + suffix
	rs, errs := ruleset.Parse("", []byte(over))
	if rs != nil || findFinding(errs, ruleset.SeverityError, "", "is 65536 characters long; at most 65535 are allowed") == nil {
		t.Errorf("a body of %d characters is not rejected:\n%s", ruleset.MaxBodyLength+1, dumpFindings(errs))
	}
}

// TestInvalidReportsEveryError: independent problems in different parts of
// one body are all reported, in position order, not only the first.
func TestInvalidReportsEveryError(t *testing.T) {
	body := `{
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "numbr"}],
  "teams": [
    {"name": "red", "minPlayers": 6, "maxPlayers": 5},
    {"name": "blue", "minPlayers": 1, "maxPlayers": 5}
  ],
  "rules": [
    {"name": "Gap", "type": "distance", "measurements": "avg(teams[blue].players.attributes[mode])", "maxDistance": -1},
    {"name": "Cmp", "type": "comparison", "measurements": "count(teams[blue].players)", "operation": "between"}
  ],
  "expansions": [
    {"target": "rules[Gap].maxDistance", "steps": [{"waitTimeSeconds": 10, "value": 5}, {"waitTimeSeconds": 5, "value": 6}]}
  ]
}`
	rs, errs := ruleset.Parse("many.json", []byte(body))
	if rs != nil {
		t.Errorf("Parse returned a RuleSet for an invalid body")
	}
	want := []struct{ path, msg string }{
		{"/playerAttributes/0/type", `unsupported attribute type "numbr"`},
		{"/teams/0/minPlayers", "minPlayers (6) is greater than maxPlayers (5)"},
		{"/rules/0/measurements", `attribute "mode" is not declared`},
		{"/rules/0/maxDistance", "must not be negative"},
		{"/rules/1/operation", `unsupported operation "between"`},
		{"/expansions/0/steps/1/waitTimeSeconds", "must increase"},
	}
	last := -1
	for _, w := range want {
		e := findFinding(errs, ruleset.SeverityError, w.path, w.msg)
		if e == nil {
			t.Errorf("missing error at %s containing %q", w.path, w.msg)
			continue
		}
		if e.Pos.Offset <= last {
			t.Errorf("error %v is not after the previous one (offset %d)", e, last)
		}
		last = e.Pos.Offset
	}
	checkSorted(t, errs)
	if t.Failed() {
		t.Logf("findings:\n%s", dumpFindings(errs))
	}
	if got := errs.Error(); !strings.HasPrefix(got, "many.json:3:") || !strings.Contains(got, "more errors") {
		t.Errorf("ErrorList.Error() = %q, want the first error and a count of the rest", got)
	}
}
