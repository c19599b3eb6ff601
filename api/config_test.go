package api_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/api"
)

// files is a readFile over an in-memory set of rule-set files.
func files(m map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		body, ok := m[name]
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return []byte(body), nil
	}
}

// duo is a small valid rule set: one team of two.
const duo = `{"name": "duo", "ruleLanguageVersion": "1.0", "teams": [{"name": "crew", "minPlayers": 2, "maxPlayers": 2}]}`

// base is a valid configuration the error cases add to.
const base = `ruleSets:
  - name: ranked
    path: rules/duo.json
`

func TestParseConfigErrors(t *testing.T) {
	rules := map[string]string{
		"rules/duo.json": duo,
		"rules/bad.json": "{\n  \"name\": \"bad\",\n  \"ruleLanguageVersion\": \"1.0\",\n  \"teams\": [{\"name\": \"a\", \"minPlayers\": 3, \"maxPlayers\": 2}]\n}\n",
	}
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown top-level key with suggestion", "ruleSet: []\n",
			[]string{`deploy.yaml:1:1: ruleSet: unknown field "ruleSet" in a configuration file (did you mean "ruleSets"?) (want one of region, account, ruleSets, fleets, aliases, queues, configurations, eventSinks)`}},
		{"unknown key in a configuration", base + "configurations:\n  - name: c\n    ruleSet: ranked\n    requestTimeout: 60\n",
			[]string{
				`deploy.yaml:5:5: configurations[0].requestTimeoutSeconds: missing: a matchmaking configuration needs its requestTimeoutSeconds`,
				`deploy.yaml:7:5: configurations[0].requestTimeout: unknown field "requestTimeout" in a matchmaking configuration (did you mean "requestTimeoutSeconds"?) (want one of name, description, ruleSet, flexMatchMode, queues, requestTimeoutSeconds, acceptanceRequired, acceptanceTimeoutSeconds, additionalPlayerCount, backfillMode, notificationTarget, customEventData, gameProperties, gameSessionData, tags)`,
			}},
		{"wrong type", base + "configurations:\n  - {name: c, ruleSet: ranked, requestTimeoutSeconds: soon}\n",
			[]string{`deploy.yaml:5:55: configurations[0].requestTimeoutSeconds: want a whole number, got "soon"`}},
		{"a list where a mapping is wanted", "fleets:\n  - name: f\n    runtimeConfiguration: [a]\n",
			[]string{`deploy.yaml:3:27: fleets[0].runtimeConfiguration: want a runtime configuration (a mapping), got a list`}},
		{"missing name and required fields", "aliases:\n  - description: x\n",
			[]string{
				`deploy.yaml:2:5: aliases[0].name: missing: an alias needs its name`,
				`deploy.yaml:2:5: aliases[0].routingStrategy: missing: an alias needs its routingStrategy`,
			}},
		{"enum with suggestion", base + "configurations:\n  - {name: c, ruleSet: ranked, requestTimeoutSeconds: 60, flexMatchMode: WITH_QEUE}\n",
			[]string{`deploy.yaml:5:74: configurations[0].flexMatchMode: unknown value "WITH_QEUE" (did you mean "WITH_QUEUE"?) (want one of STANDALONE, WITH_QUEUE)`}},
		{"duplicate names", base + "  - name: ranked\n    body: '" + duo + "'\n",
			[]string{`deploy.yaml:4:11: ruleSets[1].name: duplicate rule set name "ranked" (first used at line 2)`}},
		{"duplicate key", "region: us-east-1\nregion: eu-west-1\n",
			[]string{`deploy.yaml:2:1: region: duplicate key "region"`}},
		{"dangling references", base + "queues:\n  - {name: q, destinations: [fleet-a]}\nconfigurations:\n  - {name: c, ruleSet: rankd, requestTimeoutSeconds: 60, queues: [q, r]}\n",
			[]string{
				`deploy.yaml:5:30: queues[0].destinations[0]: no fleet or alias named "fleet-a" in this file (give a name defined here, or an ARN)`,
				`deploy.yaml:7:24: configurations[0].ruleSet: no rule set named "rankd" in this file (did you mean "ranked"?) (give a name defined here, or an ARN)`,
				`deploy.yaml:7:70: configurations[0].queues[1]: no game session queue named "r" in this file (did you mean "q"?) (give a name defined here, or an ARN)`,
			}},
		{"references by ARN are not checked", base + "queues:\n  - {name: q, destinations: ['arn:aws:gamelift:us-east-1:123456789012:fleet/fleet-1']}\n", nil},
		{"alias named like a fleet", "fleets:\n  - name: live\naliases:\n  - {name: live, routingStrategy: {type: SIMPLE, fleet: live}}\n",
			[]string{`deploy.yaml:4:12: aliases[0].name: an alias may not have the name of a fleet (line 2): a queue's destinations could not tell them apart`}},
		{"SIMPLE alias without fleet", "aliases:\n  - {name: a, routingStrategy: {type: SIMPLE}}\n",
			[]string{`deploy.yaml:2:32: aliases[0].routingStrategy.fleet: missing: a SIMPLE routing strategy needs its fleet`}},
		{"rule set invalid inline (literal block)", "ruleSets:\n  - name: x\n    body: |\n      {\"name\": \"x\",\n       \"ruleLanguageVersion\": \"2.0\",\n       \"teams\": [{\"name\": \"a\", \"maxPlayers\": 2}]}\n",
			[]string{
				`deploy.yaml:5:31: ruleSets[0].body: /ruleLanguageVersion: unsupported ruleLanguageVersion "2.0" (want "1.0")`,
				`deploy.yaml:6:18: ruleSets[0].body: /teams/0: missing required key "minPlayers"`,
			}},
		{"rule set invalid inline (quoted)", "ruleSets:\n  - {name: x, body: '{\"name\": \"x\"}'}\n",
			[]string{
				`deploy.yaml:2:21: ruleSets[0].body: rule set line 1, column 1: missing required key "ruleLanguageVersion"`,
				`deploy.yaml:2:21: ruleSets[0].body: rule set line 1, column 1: missing required key "teams"`,
			}},
		{"rule set invalid by path", "ruleSets:\n  - name: bad\n    path: rules/bad.json\n",
			[]string{`rules/bad.json:4:41: /teams/0/minPlayers: minPlayers (3) is greater than maxPlayers (2)`}},
		{"rule set file missing", "ruleSets:\n  - name: x\n    path: rules/none.json\n",
			[]string{`deploy.yaml:3:11: ruleSets[0].path: cannot read the rule set: open rules/none.json: file does not exist`}},
		{"rule set with path and body", "ruleSets:\n  - name: x\n    path: rules/duo.json\n    body: '{}'\n",
			[]string{`deploy.yaml:4:11: ruleSets[0].body: give one of path and body`}},
		{"rule set without source", "ruleSets:\n  - name: x\n",
			[]string{`deploy.yaml:2:5: ruleSets[0]: missing: a rule set needs path (a rule-set file) or body (the rule set inline)`}},
		{"rule set body as a mapping", "ruleSets:\n  - name: x\n    body: {name: x}\n",
			[]string{`deploy.yaml:3:11: ruleSets[0].body: want the rule set's JSON as a string (a literal block: body: |), got a mapping`}},
		{"bad sink URL", "eventSinks:\n  - url: ftp://example.com/x\n  - url: 'http://'\n",
			[]string{
				`deploy.yaml:2:10: eventSinks[0].url: want an http:// or https:// URL with a host, got "ftp://example.com/x"`,
				`deploy.yaml:3:10: eventSinks[1].url: want an http:// or https:// URL with a host, got "http://"`,
			}},
		{"sink without url, bad backoff, duplicate name", "eventSinks:\n  - {name: a, url: 'http://h/'}\n  - {name: a, url: 'http://h/'}\n  - {maxBackoff: -1s, topicArn: 'not an arn'}\n",
			[]string{
				`deploy.yaml:3:5: eventSinks[1]: duplicate event sink name "a" (first used at line 2)`,
				`deploy.yaml:4:5: eventSinks[2].url: missing: an event sink needs its url`,
				`deploy.yaml:4:18: eventSinks[2].maxBackoff: must be between 1ms and 24h0m0s, got -1s`,
				`deploy.yaml:4:33: eventSinks[2].topicArn: "not an arn" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)`,
			}},
		{"negative cost", "fleets:\n  - {name: f, costPerHour: -0.5}\n  - {name: g, costPerHour: cheap}\n",
			[]string{
				`deploy.yaml:2:28: fleets[0].costPerHour: a cost per hour must not be negative, got -0.5`,
				`deploy.yaml:3:28: fleets[1].costPerHour: want a number, got "cheap"`,
			}},
		{"negative capacity", "fleets:\n  - name: f\n    locations:\n      - {location: us-east-1, desiredInstances: -1}\n",
			[]string{`deploy.yaml:4:49: fleets[0].locations[0].desiredInstances: must be between 0 and 2147483647, got -1`}},
		{"capacity out of range", "fleets:\n  - name: f\n    locations:\n      - {location: us-east-1, desiredInstances: 5, maxSize: 3}\n      - {location: eu-west-1, minSize: 4, maxSize: 2}\n      - us-east-1\n",
			[]string{
				`deploy.yaml:4:9: fleets[0].locations[0]: desiredInstances 5 must be between minSize 0 and maxSize 3`,
				`deploy.yaml:5:9: fleets[0].locations[1]: minSize 4 is above maxSize 2`,
				`deploy.yaml:6:9: fleets[0].locations[2]: location us-east-1 is listed twice`,
			}},
		{"queue timeout out of range, unknown priority", "queues:\n  - name: q\n    timeoutInSeconds: 5\n    priorityConfiguration: {priorityOrder: [LATENCY, COSTS]}\n",
			[]string{
				`deploy.yaml:3:23: queues[0].timeoutInSeconds: must be between 10 and 600, got 5`,
				`deploy.yaml:4:54: queues[0].priorityConfiguration.priorityOrder[1]: unknown value "COSTS" (did you mean "COST"?) (want one of LATENCY, COST, DESTINATION, LOCATION)`,
			}},
		{"fleet and alias tags, checked as a queue's", "fleets:\n  - name: f\n    tags: [{value: x}, {key: " + strings.Repeat("k", 129) + "}]\n  - {name: g, tags: {key: a}}\n" +
			"aliases:\n  - name: a\n    routingStrategy: {type: TERMINAL}\n    tags: [{key: t, value: " + strings.Repeat("v", 257) + "}, [a], {key: z, colour: red}]\n",
			[]string{
				`deploy.yaml:3:12: fleets[0].tags[0].key: missing: a tag needs its key`,
				`deploy.yaml:3:30: fleets[0].tags[1].key: must be 1 to 128 characters long, got 129`,
				`deploy.yaml:4:21: fleets[1].tags: want a list of {key, value} pairs, got a mapping`,
				`deploy.yaml:8:28: aliases[0].tags[0].value: must be 0 to 256 characters long, got 257`,
				`deploy.yaml:8:288: aliases[0].tags[1]: want a tag (a mapping), got a list`,
				`deploy.yaml:8:302: aliases[0].tags[2].colour: unknown field "colour" in a tag (want one of key, value)`,
			}},
		{"unknown key in a fleet and an alias lists tags", "fleets:\n  - {name: f, tag: []}\naliases:\n  - {name: a, routingStrategy: {type: TERMINAL}, tag: []}\n",
			[]string{
				`deploy.yaml:2:15: fleets[0].tag: unknown field "tag" in a fleet (did you mean "tags"?) (want one of name, description, ec2InstanceType, fleetType, newGameSessionProtectionPolicy, serverLaunchPath, costPerHour, runtimeConfiguration, resourceCreationLimitPolicy, locations, tags)`,
				`deploy.yaml:4:50: aliases[0].tag: unknown field "tag" in an alias (did you mean "tags"?) (want one of name, description, routingStrategy, tags)`,
			}},
		{"region and account", "region: US East\naccount: 1234\n",
			[]string{
				`deploy.yaml:1:9: region: "US East" is not a region code such as us-east-1`,
				`deploy.yaml:2:10: account: "1234" is not an account ID of 12 digits`,
			}},
		{"more wrong types", base + "configurations:\n  - name: c\n    ruleSet: ranked\n    requestTimeoutSeconds: 60\n    acceptanceRequired: yes\n    description: [a]\n    tags: {key: a}\n  -\n",
			[]string{
				`deploy.yaml:8:25: configurations[0].acceptanceRequired: want true or false, got "yes"`,
				`deploy.yaml:9:18: configurations[0].description: want a string, got a list`,
				`deploy.yaml:10:11: configurations[0].tags: want a list of {key, value} pairs, got a mapping`,
				`deploy.yaml:11:4: configurations[1]: want a matchmaking configuration (a mapping), got nothing (null)`,
			}},
		{"merge keys and keys that are not plain", "defaults: &d {fleetType: SPOT}\nfleets:\n  - {name: f, <<: *d}\n  - {name: g, [a]: b}\n",
			[]string{
				`deploy.yaml:1:1: defaults: unknown field "defaults" in a configuration file (want one of region, account, ruleSets, fleets, aliases, queues, configurations, eventSinks)`,
				`deploy.yaml:3:15: fleets[0].<<: merge keys (<<) are not supported; write the fields out`,
				`deploy.yaml:4:15: fleets[1]: a key must be a plain value, got a list`,
			}},
		{"invalid YAML", "region: us-east-1\nfleets:\n\t- name: f\n",
			[]string{`deploy.yaml:3:2: invalid YAML: found character that cannot start any token`}},
		{"two documents", "region: us-east-1\n---\nregion: eu-west-1\n",
			[]string{`deploy.yaml:2:1: a configuration file holds one YAML document; this is a second one`}},
		{"errors of every kind together, in file order", "region: 7\nruleSets:\n  - name: bad\n    path: rules/bad.json\nfleets:\n  - {name: f, fleetType: RESERVED}\n",
			[]string{
				`deploy.yaml:1:9: region: "7" is not a region code such as us-east-1`,
				`rules/bad.json:4:41: /teams/0/minPlayers: minPlayers (3) is greater than maxPlayers (2)`,
				`deploy.yaml:6:26: fleets[0].fleetType: unknown value "RESERVED" (want one of ON_DEMAND, SPOT)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := api.ParseConfig("deploy.yaml", []byte(tt.yaml), files(rules))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error:\n%v", err)
				}
				return
			}
			if c != nil || err == nil {
				t.Fatalf("got a config and error %v; want errors", err)
			}
			var list api.ConfigErrors
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not ConfigErrors", err)
			}
			if first := (*api.ConfigError)(nil); !errors.As(err, &first) || first != list[0] {
				t.Errorf("errors.As gives %v, want the first error %v", first, list[0])
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(list) != len(tt.want) {
				t.Errorf("%d errors in the list, want %d", len(list), len(tt.want))
			}
		})
	}
}

// TestLoadConfigSample reads the documented sample and checks what the
// serve command takes from it.
func TestLoadConfigSample(t *testing.T) {
	c, err := api.LoadConfig("../testdata/serve/flexsim.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Region != "us-east-1" || c.Account != "123456789012" {
		t.Errorf("region %q account %q", c.Region, c.Account)
	}
	want := []api.SinkConfig{{Name: "local", URL: "http://127.0.0.1:8081/events",
		TopicArn: "arn:aws:sns:us-east-1:123456789012:matchmaking", MaxBackoff: 30 * time.Second, Line: 78}}
	if len(c.Sinks) != 1 || c.Sinks[0] != want[0] {
		t.Errorf("sinks = %+v, want %+v", c.Sinks, want)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings:\n%v", c.Warnings)
	}
	if _, err := api.LoadConfig("../testdata/serve/none.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadConfig of a missing file: %v", err)
	}
}

// TestParseConfigDefaults checks the values a file may leave out.
func TestParseConfigDefaults(t *testing.T) {
	yaml := "eventSinks:\n  - url: http://a/\n  - {name: named, url: 'https://b/'}\n  - url: http://c/\n"
	c, err := api.ParseConfig("deploy.yaml", []byte(yaml), files(nil))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range c.Sinks {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "sink-0,named,sink-2" {
		t.Errorf("sink names %s, want sink-0,named,sink-2", got)
	}
	if c.Region != "" || c.Account != "" || c.Sinks[0].MaxBackoff != 0 || c.Sinks[0].TopicArn != "" {
		t.Errorf("defaults: %+v", c)
	}
	empty, err := api.ParseConfig("empty.yaml", nil, nil)
	if err != nil || empty.Region != "" || len(empty.Sinks) != 0 {
		t.Errorf("empty file: %+v, %v", empty, err)
	}
}

// TestParseConfigWarnings checks that a rule set's lint findings and a
// sink topic nothing notifies are warnings, not errors.
func TestParseConfigWarnings(t *testing.T) {
	yaml := "eventSinks:\n  - {url: 'http://a/', topicArn: 'arn:aws:sns:us-east-1:123456789012:t'}\n"
	c, err := api.ParseConfig("deploy.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "deploy.yaml:2: eventSinks[0].topicArn: no configuration or queue of this file has notificationTarget arn:aws:sns:us-east-1:123456789012:t; the sink gets only the events of resources created otherwise"
	if c.Warnings.Error() != want {
		t.Errorf("warnings:\n%v\nwant:\n%s", c.Warnings, want)
	}
}
