package ruleset_test

import (
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
)

// warningCase is a rule set FlexMatch accepts but that is almost certainly
// a mistake: it must compile, with a warning at path whose message holds
// msg. timeout, when set, is the Config.RequestTimeout; line, when set,
// pins the warning's position; check, when set, inspects the result.
type warningCase struct {
	name      string
	timeout   time.Duration
	body      string
	path, msg string
	line, col int
	check     func(t *testing.T, rs *ruleset.RuleSet)
}

const distanceRule = `{"name":"Gap","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":"avg(flatten(teams[*].players.attributes[skill]))","maxDistance":10}`

var warningCases = []warningCase{
	{
		name: "line comment",
		body: `{
  // FlexMatch's own samples carry comments
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}]
}`,
		path: "", msg: "comment: the GameLift API reference does not allow comments", line: 2, col: 3,
	},
	{
		name: "block comment",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", /* at least one */ "minPlayers": 1, "maxPlayers": 5}]
}`,
		path: "", msg: "does not allow comments", line: 3, col: 29,
		check: func(t *testing.T, rs *ruleset.RuleSet) {
			if d := rs.TeamDef("red"); d == nil || d.MinPlayers != 1 || d.MaxPlayers != 5 {
				t.Errorf("team red = %+v, want 1..5", d)
			}
		},
	},
	{
		name: "comment markers inside a string are not comments",
		body: `{"ruleLanguageVersion":"1.0","name":"http://x/*y*/",` + stdTeams + ` // real
}`,
		path: "", msg: "does not allow comments", line: 1, col: 154,
		check: func(t *testing.T, rs *ruleset.RuleSet) {
			if rs.Name != "http://x/*y*/" {
				t.Errorf("Name = %q, the string was altered", rs.Name)
			}
		},
	},
	{
		name: "duplicate key in a team",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 3, "maxPlayers": 6}]
}`,
		path: "/teams/0/maxPlayers", msg: `duplicate key "maxPlayers": the last value is used`, line: 3, col: 63,
		check: func(t *testing.T, rs *ruleset.RuleSet) {
			if d := rs.TeamDef("red"); d == nil || d.MaxPlayers != 6 {
				t.Errorf("team red = %+v, want maxPlayers 6 (the last value)", d)
			}
			if rs.MaxPlayers != 6 {
				t.Errorf("MaxPlayers = %d, want 6", rs.MaxPlayers)
			}
		},
	},
	{
		name: "duplicate key in a rule",
		body: withRules(`[{"name":"Fast","type":"latency","maxLatency":50,"maxLatency":150}]`),
		path: "/rules/0/maxLatency", msg: `duplicate key "maxLatency"`,
		check: func(t *testing.T, rs *ruleset.RuleSet) {
			r := rs.Rule("Fast")
			if got := rs.LimitsAt(0).Rules[r.Index].MaxLatency; got != 150 {
				t.Errorf("maxLatency = %v, want 150 (the last value)", got)
			}
		},
	},
	{
		name:    "expansion step at the request timeout",
		timeout: 60 * time.Second,
		body:    withExpansions(`[`+distanceRule+`]`, `[{"target":"rules[Gap].maxDistance","steps":[{"waitTimeSeconds":59,"value":20},{"waitTimeSeconds":60,"value":30}]}]`),
		path:    "/expansions/0/steps/1", msg: "step at 1m0s can never be reached: tickets time out after 1m0s",
	},
	{
		name: "expansion step past the default request timeout",
		body: withExpansions(`[`+distanceRule+`]`, `[{"target":"rules[Gap].maxDistance","steps":[{"waitTimeSeconds":301,"value":20}]}]`),
		path: "/expansions/0/steps/0", msg: "can never be reached: tickets time out after 5m0s",
	},
	{
		name: "expansion tightens maxDistance",
		body: withExpansions(`[`+distanceRule+`]`, `[{"target":"rules[Gap].maxDistance","steps":[{"waitTimeSeconds":5,"value":20},{"waitTimeSeconds":10,"value":5}]}]`),
		path: "/expansions/0/steps/1", msg: "expansion of rules[Gap].maxDistance tightens from 20 to 5",
	},
	{
		name: "expansion tightens below the rule's own value",
		body: withExpansions(`[`+distanceRule+`]`, `[{"target":"rules[Gap].maxDistance","steps":[{"waitTimeSeconds":5,"value":8}]}]`),
		path: "/expansions/0/steps/0", msg: "tightens from 10 to 8",
	},
	{
		name: "expansion raises minPlayers",
		body: withExpansions(`[]`, `[{"target":"teams[red].minPlayers","steps":[{"waitTimeSeconds":5,"value":3}]}]`),
		path: "/expansions/0/steps/0", msg: "expansion of teams[red].minPlayers tightens from 1 to 3",
	},
	{
		name: "expansion makes minPlayers exceed maxPlayers",
		body: withExpansions(`[]`, `[{"target":"teams[red].maxPlayers","steps":[{"waitTimeSeconds":10,"value":4}]},{"target":"teams[red].minPlayers","steps":[{"waitTimeSeconds":20,"value":5},{"waitTimeSeconds":30,"value":6}]}]`),
		path: "/expansions/1", msg: `team "red" can never fill from 20s on: minPlayers 5 is above maxPlayers 4`,
	},
	{
		name: "comparison on a count the team cannot reach",
		body: withRules(`[{"name":"SevenRed","type":"comparison","measurements":"count(teams[red].players)","referenceValue":7,"operation":"="}]`),
		path: "/rules/0", msg: `team "red" can never fill: rule "SevenRed" needs count = 7, but the team holds 1 to 5 players`,
	},
	{
		name: "rule reads an attribute with no default",
		body: `{
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number"}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}],
  "rules": [
    {"name": "Gap", "type": "distance", "measurements": "avg(teams[*].players.attributes[skill])", "maxDistance": 10}
  ]
}`,
		path: "/rules/0", msg: `rule "Gap" reads attribute "skill", which has no default`, line: 6, col: 5,
	},
	{
		name: "batch attribute with no default",
		body: `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"mode","type":"string"}],` + stdTeams + `,"rules":[{"name":"SameMode","type":"batchDistance","batchAttribute":"mode"}]}`,
		path: "/rules/0", msg: `rule "SameMode" reads attribute "mode", which has no default`,
	},
	{
		name: "balanced small rule set with a distance rule",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skill"},` + stdTeams + `,"rules":[` + distanceRule + `]}`,
		path: "/rules/0/type", msg: `rule type "distance" is not allowed with strategy "balanced" (the large-match algorithm)`,
		check: func(t *testing.T, rs *ruleset.RuleSet) {
			if rs.Large || rs.Algorithm.Strategy != ruleset.Balanced {
				t.Errorf("Large=%v Strategy=%q, want a small balanced rule set", rs.Large, rs.Algorithm.Strategy)
			}
		},
	},
	{
		name: "balanced small rule set with latency maxDistance",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skill"},` + stdTeams + `,"rules":[{"name":"Fast","type":"latency","maxLatency":100,"maxDistance":20}]}`,
		path: "/rules/0/maxDistance", msg: `latency property "maxDistance" is not allowed with strategy "balanced"`,
	},
	{
		name: "latency maxLatency 0",
		body: withRules(`[{"name":"Fast","type":"latency","maxLatency":0}]`),
		path: "/rules/0", msg: `no match can form: latency rule "Fast" allows less than 1 ms`,
	},
	{
		name: "latency maxLatency 0 in a large match",
		body: largeWithRules(`[{"name":"Fast","type":"latency","maxLatency":0}]`),
		path: "/rules/0", msg: `this large match can never fill: latency rule "Fast" allows less than 1 ms`,
	},
	{
		name: "UTF-8 byte-order mark",
		body: "\xEF\xBB\xBF" + `{"ruleLanguageVersion":"1.0","teams":[{"name":"red","minPlayers":1,"maxPlayers":2}]}`,
		path: "", msg: "byte-order mark", line: 1, col: 1,
	},
	{
		name: "collection without minCount or maxCount",
		body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"intersection"}]`),
		path: "/rules/0", msg: "a collection rule with neither minCount nor maxCount never fails",
	},
	{
		name: "distanceReference without maxDistance",
		body: withRules(`[{"name":"Fast","type":"latency","maxLatency":100,"distanceReference":"avg"}]`),
		path: "/rules/0/distanceReference", msg: "distanceReference has no effect without maxDistance",
	},
	{
		name: "team name unusable in expressions",
		body: `{"ruleLanguageVersion":"1.0","teams":[{"name":"red[1]","minPlayers":1,"maxPlayers":5}]}`,
		path: "/teams/0/name", msg: `team name "red[1]" cannot be used in property expressions`,
	},
	{
		name: "sortByAttributes without sorted batching",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"sortByAttributes":["skill"]},` + stdTeams + `}`,
		path: "/algorithm/sortByAttributes", msg: `sortByAttributes is only used with batchingPreference "sorted"`,
	},
	{
		name: "balancedAttribute without balanced",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"balancedAttribute":"skill"},` + stdTeams + `}`,
		path: "/algorithm/balancedAttribute", msg: `balancedAttribute is only used with strategy "balanced"`,
	},
	{
		name: "backfillPriority with balanced",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skill","backfillPriority":"high"},` + stdTeams + `}`,
		path: "/algorithm/backfillPriority", msg: `backfillPriority needs strategy "exhaustiveSearch"`,
	},
}

func TestWarnings(t *testing.T) {
	for _, c := range warningCases {
		t.Run(c.name, func(t *testing.T) {
			rs, errs := ruleset.Config{Filename: "case.json", RequestTimeout: c.timeout}.Parse([]byte(c.body))
			if errs.Err() != nil {
				t.Fatalf("a valid body is rejected:\n%s", dumpFindings(errs))
			}
			if rs == nil {
				t.Fatal("Parse returned a nil RuleSet with no error")
			}
			w := findFinding(errs, ruleset.SeverityWarning, c.path, c.msg)
			if w == nil {
				t.Fatalf("no warning at %q containing %q; findings:\n%s", c.path, c.msg, dumpFindings(errs))
			}
			checkSorted(t, errs)
			checkPosition(t, c.body, w)
			if c.line > 0 && (w.Pos.Line != c.line || w.Pos.Column != c.col) {
				t.Errorf("warning at %d:%d, want %d:%d: %v", w.Pos.Line, w.Pos.Column, c.line, c.col, w)
			}
			if got := len(errs.Warnings()); got != len(errs) {
				t.Errorf("Warnings() holds %d of %d findings", got, len(errs))
			}
			if c.check != nil {
				c.check(t, rs)
			}

			strict := errs.Strict()
			if len(strict) != len(errs) {
				t.Fatalf("Strict() has %d findings, want %d", len(strict), len(errs))
			}
			for i, e := range strict {
				if e.Severity != ruleset.SeverityError {
					t.Errorf("Strict()[%d] is still a %v: %v", i, e.Severity, e)
				}
				if e.Pos != errs[i].Pos || e.Path != errs[i].Path || e.Msg != errs[i].Msg {
					t.Errorf("Strict()[%d] = %v, want %v as an error", i, e, errs[i])
				}
			}
			if strict.Err() == nil {
				t.Errorf("Strict().Err() is nil")
			}
			if findFinding(strict, ruleset.SeverityError, c.path, c.msg) == nil {
				t.Errorf("Strict() lost the warning at %q", c.path)
			}
			if errs.Err() != nil || w.Severity != ruleset.SeverityWarning {
				t.Errorf("Strict() changed the original list")
			}
		})
	}
}

// TestNoWarnings is the control: a careful rule set draws no finding at
// all, so the warnings above are not raised regardless of the body.
func TestNoWarnings(t *testing.T) {
	body := withExpansions(`[`+distanceRule+`,{"name":"Fast","type":"latency","maxLatency":50,"maxDistance":20,"distanceReference":"avg"},`+
		`{"name":"EvenTeams","type":"comparison","measurements":"count(teams[red].players)","referenceValue":"count(teams[blue].players)","operation":"="}]`,
		`[{"target":"rules[Gap].maxDistance","steps":[{"waitTimeSeconds":5,"value":20},{"waitTimeSeconds":299,"value":30}]},`+
			`{"target":"teams[red].minPlayers","steps":[{"waitTimeSeconds":30,"value":0}]}]`)
	rs, errs := ruleset.Parse("clean.json", []byte(body))
	if rs == nil || len(errs) != 0 {
		t.Errorf("want no findings, got:\n%s", dumpFindings(errs))
	}
	if len(errs.Strict()) != 0 || errs.Strict().Err() != nil {
		t.Errorf("Strict() of an empty list is not empty")
	}
}
