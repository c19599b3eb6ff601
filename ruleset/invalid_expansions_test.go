package ruleset_test

// Invalid expansions. The bodies are built by withExpansions
// (invalid_test.go); the test is TestInvalid.

// withSkillGap makes a small rule set with the SkillGap, SameMode, a sort
// rule and a compound rule, and the given expansions array.
func withSkillGap(expansions string) string {
	return withExpansions(`[`+skillGap+`,`+sameMode+`,`+
		`{"name":"Sort","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"skill"},`+
		`{"name":"Both","type":"compound","statement":"and(SkillGap, SameMode)"},`+
		`{"name":"Fast","type":"latency","maxLatency":100},`+
		`{"name":"FiveRed","type":"comparison","measurements":"count(teams[red].players)","referenceValue":5,"operation":"<="}]`,
		expansions)
}

var invalidExpansions = []invalidCase{
	{name: "expansions an object", body: withSkillGap(`{"target":"rules[SkillGap].maxDistance"}`), path: "/expansions", msg: "expansions must be an array, got an object"},
	{name: "expansion not an object", body: withSkillGap(`["rules[SkillGap].maxDistance"]`), path: "/expansions/0", msg: "an expansion must be an object, got a string"},
	{name: "expansion unknown key", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","step":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0/step", msg: `unknown key "step" in an expansion (did you mean "steps"?)`},
	{name: "expansion without steps", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance"}]`), path: "/expansions/0", msg: `missing required key "steps"`},
	{name: "expansion without target", body: withSkillGap(`[{"steps":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0", msg: `missing required key "target"`},
	{name: "target syntax", body: withSkillGap(`[{"target":"rules.SkillGap.maxDistance","steps":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0/target", msg: `invalid expansion target "rules.SkillGap.maxDistance" (want rules[<rule>].<property> or teams[<team>].minPlayers|maxPlayers)`},
	{name: "target in the algorithm", body: withSkillGap(`[{"target":"algorithm.batchingPreference","steps":[{"waitTimeSeconds":5,"value":1}]}]`), path: "/expansions/0/target", msg: "invalid expansion target"},
	{name: "target unknown rule", body: withSkillGap(`[{"target":"rules[SkilGap].maxDistance","steps":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0/target", msg: `expansion target names rule "SkilGap", which does not exist (did you mean "SkillGap"?)`},
	{name: "target unknown team", body: withSkillGap(`[{"target":"teams[green].minPlayers","steps":[{"waitTimeSeconds":5,"value":1}]}]`), path: "/expansions/0/target", msg: `expansion target names team "green", which does not exist`},
	{name: "target team quantity", body: withSkillGap(`[{"target":"teams[red].quantity","steps":[{"waitTimeSeconds":5,"value":2}]}]`), path: "/expansions/0/target", msg: `team "red" has no expandable property "quantity" (want minPlayers or maxPlayers)`},
	{name: "target compound rule", body: withSkillGap(`[{"target":"rules[Both].maxDistance","steps":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0/target", msg: `compound rule "Both" cannot be an expansion target (expand the rules it refers to)`},
	{
		name: "target property misspelt",
		body: `{
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 1}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}],
  "rules": [{"name": "SkillGap", "type": "distance", "measurements": "avg(teams[*].players.attributes[skill])", "maxDistance": 10}],
  "expansions": [{
    "target": "rules[SkillGap].maxDistanse",
    "steps": [{"waitTimeSeconds": 5, "value": 20}]
  }]
}`,
		path: "/expansions/0/target", msg: `has no property "maxDistanse"`, also: `did you mean "maxDistance"`, line: 7, col: 32,
	},
	{name: "target property of another rule type", body: withSkillGap(`[{"target":"rules[SameMode].maxDistance","steps":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0/target", msg: `rule "SameMode" has no property "maxDistance"`, also: "a comparison rule can expand referenceValue"},
	{name: "target latency minCount", body: withSkillGap(`[{"target":"rules[Fast].minCount","steps":[{"waitTimeSeconds":5,"value":1}]}]`), path: "/expansions/0/target", msg: `rule "Fast" has no property "minCount"`, also: "a latency rule can expand maxLatency, maxDistance"},
	{name: "target sort rule", body: withSkillGap(`[{"target":"rules[Sort].sortDirection","steps":[{"waitTimeSeconds":5,"value":1}]}]`), path: "/expansions/0/target", msg: `absoluteSort rule "Sort" has no expandable property`},
	{name: "referenceValue expansion of an expression", body: withSkillGap(`[{"target":"rules[SkillGap].referenceValue","steps":[{"waitTimeSeconds":5,"value":20}]}]`), path: "/expansions/0/target", msg: `only a numeric literal referenceValue can be expanded, and rule "SkillGap" has none`},
	{name: "steps empty", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[]}]`), path: "/expansions/0/steps", msg: "an expansion needs at least one step"},
	{name: "steps an object", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":{"waitTimeSeconds":5,"value":20}}]`), path: "/expansions/0/steps", msg: "steps must be an array, got an object"},
	{name: "step unknown key", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTime":5,"value":20}]}]`), path: "/expansions/0/steps/0/waitTime", msg: `unknown key "waitTime" in an expansion step`},
	{name: "step without value", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":5}]}]`), path: "/expansions/0/steps/0", msg: `missing required key "value"`},
	{name: "wait times not increasing", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":10,"value":20},{"waitTimeSeconds":10,"value":30}]}]`), path: "/expansions/0/steps/1/waitTimeSeconds", msg: "waitTimeSeconds must increase from step to step (10 follows 10); wait times are absolute, not cumulative"},
	{name: "wait times decreasing", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":10,"value":20},{"waitTimeSeconds":20,"value":30},{"waitTimeSeconds":15,"value":40}]}]`), path: "/expansions/0/steps/2/waitTimeSeconds", msg: "(15 follows 20)"},
	{name: "negative wait", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":-5,"value":20}]}]`), path: "/expansions/0/steps/0/waitTimeSeconds", msg: "must not be negative, got -5"},
	{name: "wait a word", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":"soon","value":20}]}]`), path: "/expansions/0/steps/0/waitTimeSeconds", msg: `must be a number, got the string "soon"`},
	{name: "negative rule value", body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":5,"value":-20}]}]`), path: "/expansions/0/steps/0/value", msg: "must not be negative, got -20"},
	{name: "team size not an integer", body: withSkillGap(`[{"target":"teams[red].minPlayers","steps":[{"waitTimeSeconds":5,"value":2.5}]}]`), path: "/expansions/0/steps/0/value", msg: "must be a whole number, got 2.5"},
	{name: "team maxPlayers expanded to 0", body: withSkillGap(`[{"target":"teams[red].maxPlayers","steps":[{"waitTimeSeconds":5,"value":0}]}]`), path: "/expansions/0/steps/0/value", msg: "must be between 1 and 200, got 0"},
	{name: "team minPlayers expanded below 0", body: withSkillGap(`[{"target":"teams[red].minPlayers","steps":[{"waitTimeSeconds":5,"value":-1}]}]`), path: "/expansions/0/steps/0/value", msg: "must be between 0 and 200, got -1"},
	{
		name: "same target expanded twice",
		body: withSkillGap(`[{"target":"rules[SkillGap].maxDistance","steps":[{"waitTimeSeconds":5,"value":20}]},{"target":"rules[ SkillGap ].maxDistance","steps":[{"waitTimeSeconds":10,"value":30}]}]`),
		path: "/expansions/1/target", msg: "rules[ SkillGap ].maxDistance is already expanded by /expansions/0",
	},
	{
		name: "maxPlayers expanded past 200",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skill"},` +
			`"teams":[{"name":"red","quantity":2,"minPlayers":1,"maxPlayers":90},{"name":"blue","minPlayers":1,"maxPlayers":10}],` +
			`"expansions":[{"target":"teams[red].maxPlayers","steps":[{"waitTimeSeconds":5,"value":95},{"waitTimeSeconds":10,"value":100}]}]}`,
		path: "/expansions/0/steps/1/value", msg: "expanding teams[red].maxPlayers to 100 makes the match hold 210 players; a match holds at most 200",
	},
	{
		name: "maxPlayers expanded from small to large",
		body: withSkillGap(`[{"target":"teams[red].maxPlayers","steps":[{"waitTimeSeconds":5,"value":36}]}]`),
		path: "/expansions/0/steps/0/value", msg: "expanding teams[red].maxPlayers to 36 changes the match between small and large (41 players)",
	},
}
