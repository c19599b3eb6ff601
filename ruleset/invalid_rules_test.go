package ruleset_test

// Invalid rules, compound statements, large-match restrictions and
// property expressions. The bodies are built by withRules and largeWithRules
// (invalid_test.go); the test is TestInvalid.

var invalidRules = []invalidCase{
	{name: "rules an object", body: stdHeader + `,"rules":{"name":"R"}}`, path: "/rules", msg: "rules must be an array, got an object"},
	{name: "rule not an object", body: withRules(`["SkillGap"]`), path: "/rules/0", msg: "a rule must be an object, got a string"},
	{name: "rule name missing", body: withRules(`[{"type":"latency","maxLatency":50}]`), path: "/rules/0", msg: `missing required key "name"`},
	{name: "rule type missing", body: withRules(`[{"name":"R","maxLatency":50}]`), path: "/rules/0", msg: `missing required key "type"`},
	{name: "rule type misspelt", body: withRules(`[{"name":"R","type":"distanse","measurements":"count(teams[red].players)","maxDistance":1}]`), path: "/rules/0/type", msg: `unsupported rule type "distanse" (want one of batchDistance, comparison, distance, collection, latency, absoluteSort, distanceSort, compound) (did you mean "distance"?)`},
	{name: "duplicate rule name", body: withRules(`[{"name":"R","type":"latency","maxLatency":50},{"name":"R","type":"latency","maxLatency":60}]`), path: "/rules/1/name", msg: `duplicate rule name "R"`},
	{name: "unknown rule property", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red].players)","referenceValu":3,"operation":"="}]`), path: "/rules/0/referenceValu", msg: `unknown key "referenceValu" in a comparison rule (did you mean "referenceValue"?)`},
	{name: "property of another rule type", body: withRules(`[{"name":"R","type":"latency","maxLatency":50,"minCount":1}]`), path: "/rules/0/minCount", msg: `unknown key "minCount" in a latency rule`},

	// comparison
	{name: "comparison without measurements", body: withRules(`[{"name":"R","type":"comparison","referenceValue":3,"operation":"="}]`), path: "/rules/0", msg: `missing required key "measurements"`},
	{name: "comparison without operation", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red].players)","referenceValue":3}]`), path: "/rules/0", msg: `missing required key "operation"`},
	{
		name: "comparison operation between",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}],
  "rules": [{
    "name": "R",
    "type": "comparison",
    "measurements": "count(teams[red].players)",
    "referenceValue": 3,
    "operation": "between"
  }]
}`,
		path: "/rules/0/operation", msg: `unsupported operation "between" for rule type "comparison" (want one of <, <=, =, !=, >, >=)`, line: 9, col: 18,
	},
	{name: "comparison ordering on strings", body: withRules(`[{"name":"R","type":"comparison","measurements":"flatten(teams[*].players.attributes[mode])","referenceValue":"casual","operation":"<"}]`), path: "/rules/0/measurements", msg: `operation "<" cannot compare strings (only = and != can)`},
	{name: "comparison ordering against a string reference", body: withRules(`[{"name":"R","type":"comparison","measurements":"teams[red].players.attributes[mode]","referenceValue":"casual","operation":">="}]`), path: "/rules/0/referenceValue", msg: `operation ">=" cannot compare strings`},
	{name: "comparison < without referenceValue", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[*].players)","operation":"<"}]`), path: "/rules/0/operation", msg: `operation "<" needs a referenceValue; without one only = and != are allowed`},
	{name: "comparison of a list attribute", body: withRules(`[{"name":"R","type":"comparison","measurements":"teams[red].players.attributes[modes]","operation":"="}]`), path: "/rules/0/measurements", msg: "a comparison measures numbers or strings, this expression gives List<string_list>"},
	{name: "comparison reference a list", body: withRules(`[{"name":"R","type":"comparison","measurements":"teams[red].players.attributes[mode]","referenceValue":["a"],"operation":"="}]`), path: "/rules/0/referenceValue", msg: "a comparison referenceValue must be a single number or string, not a list"},
	{name: "comparison number against string", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red].players)","referenceValue":"three","operation":"="}]`), path: "/rules/0/referenceValue", msg: "referenceValue is a string but the measurements are numbers"},
	{name: "referenceValue a boolean", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red].players)","referenceValue":true,"operation":"="}]`), path: "/rules/0/referenceValue", msg: "referenceValue must be a number, a string, a list of strings or a property expression, got a boolean"},

	// distance
	{name: "distance without min or max", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":10}]`), path: "/rules/0", msg: "a distance rule needs minDistance, maxDistance or both"},
	{name: "distance min above max", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":10,"minDistance":5,"maxDistance":2}]`), path: "/rules/0/minDistance", msg: "minDistance (5) is greater than maxDistance (2)"},
	{name: "distance negative maxDistance", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","maxDistance":-5}]`), path: "/rules/0/maxDistance", msg: "must not be negative, got -5"},
	{name: "distance negative minDistance string", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","minDistance":"-1"}]`), path: "/rules/0/minDistance", msg: "must not be negative, got -1"},
	{name: "distance of strings", body: withRules(`[{"name":"R","type":"distance","measurements":"flatten(teams[*].players.attributes[mode])","maxDistance":1}]`), path: "/rules/0/measurements", msg: "a distance rule measures numbers, this expression gives List<string>"},
	{name: "distance reference a list", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":["10"],"maxDistance":1}]`), path: "/rules/0/referenceValue", msg: "a distance referenceValue must be a single number, not a list"},
	{name: "distance reference a word", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":"ten","maxDistance":1}]`), path: "/rules/0/referenceValue", msg: `a distance referenceValue must be a number, got the string "ten"`},
	{name: "distance reference a list expression", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","referenceValue":"avg(teams[*].players.attributes[skill])","maxDistance":1}]`), path: "/rules/0/referenceValue", msg: "a distance referenceValue must give a single number, this expression gives List<number>"},
	{name: "empty measurements array", body: withRules(`[{"name":"R","type":"distance","measurements":[],"maxDistance":1}]`), path: "/rules/0/measurements", msg: "measurements must hold at least one expression"},
	{name: "measurements a number", body: withRules(`[{"name":"R","type":"distance","measurements":5,"maxDistance":1}]`), path: "/rules/0/measurements", msg: "must be a string, got a number"},

	// collection
	{name: "collection negative maxCount", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"intersection","maxCount":-1}]`), path: "/rules/0/maxCount", msg: "must not be negative, got -1"},
	{name: "collection minCount above maxCount", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"intersection","minCount":3,"maxCount":2}]`), path: "/rules/0/minCount", msg: "minCount (3) is greater than maxCount (2)"},
	{name: "collection operation unknown", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"union","minCount":1}]`), path: "/rules/0/operation", msg: `unsupported operation "union" for rule type "collection" (want one of intersection, contains, reference_intersection_count)`},
	{name: "contains with a list reference", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"contains","referenceValue":["ffa","ctf"],"maxCount":5}]`), path: "/rules/0/referenceValue", msg: `operation "contains" needs a single string referenceValue`},
	{name: "intersection with a reference", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"intersection","referenceValue":["ffa"],"minCount":1}]`), path: "/rules/0/referenceValue", msg: `operation "intersection" takes no referenceValue`},
	{name: "reference_intersection_count without reference", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"reference_intersection_count","minCount":1}]`), path: "/rules/0/operation", msg: `operation "reference_intersection_count" needs a referenceValue`},
	{name: "collection with a number reference", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"reference_intersection_count","referenceValue":3,"minCount":1}]`), path: "/rules/0/referenceValue", msg: "a collection referenceValue must be strings, got a number"},
	{name: "collection measuring numbers", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[skill])","operation":"intersection","minCount":1}]`), path: "/rules/0/measurements", msg: "a collection rule measures strings or string lists, this expression gives List<number>"},

	// latency
	{name: "latency without maxLatency", body: withRules(`[{"name":"R","type":"latency","maxDistance":20}]`), path: "/rules/0", msg: `missing required key "maxLatency"`},
	{name: "latency negative maxLatency", body: withRules(`[{"name":"R","type":"latency","maxLatency":-50}]`), path: "/rules/0/maxLatency", msg: "must not be negative, got -50"},
	{name: "latency negative maxDistance", body: withRules(`[{"name":"R","type":"latency","maxLatency":50,"maxDistance":-1}]`), path: "/rules/0/maxDistance", msg: "must not be negative, got -1"},
	{name: "latency distanceReference max", body: withRules(`[{"name":"R","type":"latency","maxLatency":50,"maxDistance":20,"distanceReference":"max"}]`), path: "/rules/0/distanceReference", msg: `unsupported distanceReference "max" (want one of min, avg)`},
	{name: "latency distanceReference a number", body: withRules(`[{"name":"R","type":"latency","maxLatency":50,"maxDistance":20,"distanceReference":10}]`), path: "/rules/0/distanceReference", msg: "must be a string, got a number"},

	// absoluteSort and distanceSort
	{name: "sort without sortDirection", body: withRules(`[{"name":"R","type":"absoluteSort","sortAttribute":"skill"}]`), path: "/rules/0", msg: `missing required key "sortDirection"`},
	{name: "sort without sortAttribute", body: withRules(`[{"name":"R","type":"distanceSort","sortDirection":"ascending"}]`), path: "/rules/0", msg: `missing required key "sortAttribute"`},
	{name: "sort direction up", body: withRules(`[{"name":"R","type":"absoluteSort","sortDirection":"up","sortAttribute":"skill"}]`), path: "/rules/0/sortDirection", msg: `unsupported sortDirection "up" (want one of ascending, descending)`},
	{name: "sort map attribute without mapKey", body: withRules(`[{"name":"R","type":"distanceSort","sortDirection":"ascending","sortAttribute":"maps"}]`), path: "/rules/0", msg: `sortAttribute "maps" is a string_number_map, so mapKey (minValue or maxValue) is required`},
	{name: "sort mapKey on a number", body: withRules(`[{"name":"R","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"skill","mapKey":"minValue"}]`), path: "/rules/0/mapKey", msg: `mapKey only applies to a string_number_map sortAttribute; "skill" is a number`},
	{name: "sort mapKey unknown", body: withRules(`[{"name":"R","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"maps","mapKey":"min"}]`), path: "/rules/0/mapKey", msg: `unsupported mapKey "min" (want one of minValue, maxValue)`},
	{name: "sort on a string attribute", body: withRules(`[{"name":"R","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"mode"}]`), path: "/rules/0/sortAttribute", msg: `sortAttribute "mode" is a string; it must be a number or string_number_map attribute`},
	{name: "sort on an undeclared attribute", body: withRules(`[{"name":"R","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"skills"}]`), path: "/rules/0/sortAttribute", msg: `sortAttribute names attribute "skills", which is not declared in playerAttributes (did you mean "skill"?)`},

	// batchDistance
	{name: "batchDistance number without maxDistance", body: withRules(`[{"name":"R","type":"batchDistance","batchAttribute":"skill"}]`), path: "/rules/0", msg: `missing required key "maxDistance" (batchAttribute "skill" is a number)`},
	{name: "batchDistance string with maxDistance", body: withRules(`[{"name":"R","type":"batchDistance","batchAttribute":"mode","maxDistance":1}]`), path: "/rules/0/maxDistance", msg: `maxDistance does not apply to string batchAttribute "mode"`},
	{name: "batchDistance list attribute", body: withRules(`[{"name":"R","type":"batchDistance","batchAttribute":"modes"}]`), path: "/rules/0/batchAttribute", msg: `batchAttribute "modes" is a string_list; it must be a number or string attribute`},
	{name: "batchDistance without batchAttribute", body: withRules(`[{"name":"R","type":"batchDistance","maxDistance":1}]`), path: "/rules/0", msg: `missing required key "batchAttribute"`},
	{name: "batchDistance negative maxDistance", body: withRules(`[{"name":"R","type":"batchDistance","batchAttribute":"skill","maxDistance":-2}]`), path: "/rules/0/maxDistance", msg: "must not be negative, got -2"},

	// partyAggregation
	{name: "union on a distance rule", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","maxDistance":1,"partyAggregation":"union"}]`), path: "/rules/0/partyAggregation", msg: `unsupported partyAggregation "union" for rule type "distance" (want one of avg, min, max)`},
	{name: "avg on a collection rule", body: withRules(`[{"name":"R","type":"collection","measurements":"flatten(teams[*].players.attributes[modes])","operation":"intersection","minCount":1,"partyAggregation":"avg"}]`), path: "/rules/0/partyAggregation", msg: `unsupported partyAggregation "avg" for rule type "collection" (want one of union, intersection)`},
	{name: "median on a latency rule", body: withRules(`[{"name":"R","type":"latency","maxLatency":50,"partyAggregation":"median"}]`), path: "/rules/0/partyAggregation", msg: `unsupported partyAggregation "median" for rule type "latency" (want one of avg, min, max)`},
	{name: "partyAggregation on a compound rule", body: withRules(`[` + sameMode + `,{"name":"C","type":"compound","statement":"not(SameMode)","partyAggregation":"min"}]`), path: "/rules/1/partyAggregation", msg: `unknown key "partyAggregation" in a compound rule`},
}

var invalidCompound = []invalidCase{
	{name: "compound without statement", body: withRules(`[{"name":"C","type":"compound"}]`), path: "/rules/0", msg: `missing required key "statement"`},
	{
		name: "compound unknown rule",
		body: `{
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}],
  "rules": [
    {"name": "SkillGap", "type": "latency", "maxLatency": 50},
    {"name": "C", "type": "compound", "statement": "and(SkillGap, SkilGap)"}
  ]
}`,
		path: "/rules/1/statement", msg: `compound statement refers to rule "SkilGap", which does not exist`, line: 6, col: 67,
	},
	{name: "compound self reference", body: withRules(`[` + sameMode + `,{"name":"C","type":"compound","statement":"or(SameMode, C)"}]`), path: "/rules/1/statement", msg: `compound rule "C" refers to itself`},
	{
		name: "compound cycle",
		body: withRules(`[` + sameMode + `,{"name":"A","type":"compound","statement":"and(SameMode, B)"},{"name":"B","type":"compound","statement":"or(SameMode, A)"}]`),
		path: "/rules/2/statement", msg: `compound rule "B" is part of a cycle of compound rules`,
	},
	{name: "compound uses batchDistance", body: withRules(`[` + sameMode + `,{"name":"Batch","type":"batchDistance","batchAttribute":"mode"},{"name":"C","type":"compound","statement":"and(SameMode, Batch)"}]`), path: "/rules/2/statement", msg: `compound statements cannot use batchDistance rule "Batch"`},
	{name: "compound uses a sort rule", body: withRules(`[` + sameMode + `,{"name":"Sort","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"skill"},{"name":"C","type":"compound","statement":"or(SameMode, Sort)"}]`), path: "/rules/2/statement", msg: `compound statements cannot use sort rule "Sort" (absoluteSort)`},
	{name: "compound not with two arguments", body: withRules(`[` + sameMode + `,` + skillGap + `,{"name":"C","type":"compound","statement":"not(SameMode, SkillGap)"}]`), path: "/rules/2/statement", msg: "not takes 1 argument(s), got 2"},
	{name: "compound and with one argument", body: withRules(`[` + sameMode + `,{"name":"C","type":"compound","statement":"and(SameMode)"}]`), path: "/rules/1/statement", msg: "and takes 2 argument(s), got 1"},
	{name: "compound unknown operator", body: withRules(`[` + sameMode + `,` + skillGap + `,{"name":"C","type":"compound","statement":"nand(SameMode, SkillGap)"}]`), path: "/rules/2/statement", msg: `unknown operator "nand" (want and, or, not or xor)`},
	{name: "compound unclosed call", body: withRules(`[` + sameMode + `,` + skillGap + `,{"name":"C","type":"compound","statement":"and(SameMode, SkillGap"}]`), path: "/rules/2/statement", msg: "invalid compound statement: expected ',' or ')' in and(...)"},
	{name: "compound trailing text", body: withRules(`[` + sameMode + `,` + skillGap + `,{"name":"C","type":"compound","statement":"and(SameMode, SkillGap) SameMode"}]`), path: "/rules/2/statement", msg: `unexpected "SameMode" after the statement`},
	{name: "compound empty statement", body: withRules(`[{"name":"C","type":"compound","statement":""}]`), path: "/rules/0/statement", msg: "found end of statement"},
}

var invalidLarge = []invalidCase{
	{name: "distance rule in a large match", body: largeWithRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skill])","maxDistance":5}]`), path: "/rules/0/type", msg: `rule type "distance" is not allowed in a large match (50 players); only batchDistance and latency rules are`},
	{name: "latency maxDistance in a large match", body: largeWithRules(`[{"name":"R","type":"latency","maxLatency":150,"maxDistance":20}]`), path: "/rules/0/maxDistance", msg: `latency property "maxDistance" is not allowed in a large match (50 players); only maxLatency and partyAggregation are`},
	{name: "latency distanceReference in a large match", body: largeWithRules(`[{"name":"R","type":"latency","maxLatency":150,"distanceReference":"avg"}]`), path: "/rules/0/distanceReference", msg: `latency property "distanceReference" is not allowed in a large match`},
	{name: "compound in a large match", body: largeWithRules(`[{"name":"L","type":"latency","maxLatency":150},{"name":"C","type":"compound","statement":"not(L)"}]`), path: "/rules/1/type", msg: `rule type "compound" is not allowed in a large match (50 players)`},
	{name: "sort rule in a large match", body: largeWithRules(`[{"name":"S","type":"absoluteSort","sortDirection":"ascending","sortAttribute":"skill"}]`), path: "/rules/0/type", msg: `rule type "absoluteSort" is not allowed in a large match`},
	{
		name: "expansion of latency maxDistance in a large match",
		body: `{"ruleLanguageVersion":"1.0",` + stdAttrs + `,"algorithm":{"strategy":"balanced","balancedAttribute":"skill"},"teams":[{"name":"red","minPlayers":1,"maxPlayers":50}],` +
			`"rules":[{"name":"Fast","type":"latency","maxLatency":100}],"expansions":[{"target":"rules[Fast].maxDistance","steps":[{"waitTimeSeconds":10,"value":50}]}]}`,
		path: "/expansions/0/target", msg: `rule "Fast" has no property "maxDistance"`, also: "a latency rule can expand maxLatency",
	},
}

var invalidExpressions = []invalidCase{
	{name: "unknown function", body: withRules(`[{"name":"R","type":"distance","measurements":"avgg(teams[*].players.attributes[skill])","maxDistance":1}]`), path: "/rules/0/measurements", msg: `unknown function "avgg" (want one of min, max, avg, median, sum, count, stddev, flatten, set_intersection) (did you mean "avg"?)`},
	{name: "function with two arguments", body: withRules(`[{"name":"R","type":"comparison","measurements":"max(teams[red].players.attributes[skill], 3)","referenceValue":50,"operation":"<"}]`), path: "/rules/0/measurements", msg: "function max takes exactly one argument"},
	{name: "function with no argument", body: withRules(`[{"name":"R","type":"comparison","measurements":"count()","referenceValue":1,"operation":"="}]`), path: "/rules/0/measurements", msg: "function count takes one argument, got none"},
	{
		name: "unknown team",
		body: `{
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 1}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 5}],
  "rules": [{"name": "R", "type": "comparison", "operation": "=",
    "measurements": "avg(teams[green].players.attributes[skill])"}]
}`,
		path: "/rules/0/measurements", msg: `unknown team "green"`, line: 6, col: 32,
	},
	{name: "unknown team with suggestion in a reference", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red].players)","referenceValue":"count(teams[blu].players)","operation":"="}]`), path: "/rules/0/referenceValue", msg: `unknown team "blu" (did you mean "blue"?)`},
	{name: "unknown attribute", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[*].players.attributes[skil])","maxDistance":1}]`), path: "/rules/0/measurements", msg: `attribute "skil" is not declared in playerAttributes (did you mean "skill"?)`},
	{name: "avg over strings", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[red].players.attributes[mode])","maxDistance":1}]`), path: "/rules/0/measurements", msg: "avg needs a list of numbers, got List<string>"},
	{name: "flatten of a flat list", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(flatten(teams[red].players.attributes[skill]))","maxDistance":1}]`), path: "/rules/0/measurements", msg: "flatten needs a list of lists, got List<number>"},
	{name: "trailing garbage", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red].players) + 1","referenceValue":1,"operation":">"}]`), path: "/rules/0/measurements", msg: `unexpected "+ 1" after the expression`},
	{name: "map key on a number attribute", body: withRules(`[{"name":"R","type":"distance","measurements":"avg(teams[red].players.attributes[skill][dust])","maxDistance":1}]`), path: "/rules/0/measurements", msg: `attribute "skill" is a number, only a string_number_map takes a [key]`},
	{name: "players without count", body: withRules(`[{"name":"R","type":"comparison","measurements":"teams[red].players","referenceValue":5,"operation":"<="}]`), path: "/rules/0/measurements", msg: `expression "teams[red].players" gives List<player>, not values: use count(...) or .attributes[...]`},
	{name: "bare team", body: withRules(`[{"name":"R","type":"comparison","measurements":"teams[red]","referenceValue":5,"operation":"<="}]`), path: "/rules/0/measurements", msg: "gives team, not values"},
	{name: "unknown players member", body: withRules(`[{"name":"R","type":"comparison","measurements":"teams[red].players.attribute[skill]","referenceValue":5,"operation":"<="}]`), path: "/rules/0/measurements", msg: `players has no member "attribute" (want attributes or playerId) (did you mean "attributes"?)`},
	{name: "star with a team name", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[*,red].players)","referenceValue":5,"operation":"<="}]`), path: "/rules/0/measurements", msg: "'*' must stand alone in teams[...]"},
	{name: "missing bracket", body: withRules(`[{"name":"R","type":"comparison","measurements":"count(teams[red.players)","referenceValue":5,"operation":"<="}]`), path: "/rules/0/measurements", msg: "invalid property expression"},
	{name: "second measurement invalid", body: withRules(`[{"name":"R","type":"distance","measurements":["avg(teams[*].players.attributes[skill])","avg(teams[*].players.attributes[nope])"],"maxDistance":1}]`), path: "/rules/0/measurements/1", msg: `attribute "nope" is not declared`},
}
