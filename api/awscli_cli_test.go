package api_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The README's AWS CLI command lines ("Using the AWS CLI and boto3"),
// exactly as printed there; TestAWSCLI runs them with the endpoint replaced.
const (
	readmeCreateRuleSet = `aws gamelift create-matchmaking-rule-set --endpoint-url http://127.0.0.1:9080 --region us-east-1 --name 5v5-skill --rule-set-body file://bench/defaults/5v5-skill.json`
	readmeCreateConfig  = `aws gamelift create-matchmaking-configuration --endpoint-url http://127.0.0.1:9080 --region us-east-1 --name ranked-5v5 --rule-set-name 5v5-skill --request-timeout-seconds 120 --no-acceptance-required --flex-match-mode STANDALONE`
	readmeStart         = `aws gamelift start-matchmaking --endpoint-url http://127.0.0.1:9080 --region us-east-1 --configuration-name ranked-5v5 --ticket-id t1 --players 'PlayerId=alice,PlayerAttributes={skill={N=1000}},LatencyInMs={us-east-1=40}'`
	readmeDescribe      = `aws gamelift describe-matchmaking --endpoint-url http://127.0.0.1:9080 --region us-east-1 --ticket-ids t1`
)

// cliLine is an AWS CLI command line of operation op with arguments args
// (shell syntax), against the README's endpoint.
func cliLine(op, args string) string {
	return "aws gamelift " + op + " --endpoint-url " + readmeEndpoint + " --region us-east-1 " + args
}

// party is the --players argument of players named prefix0.. with skills.
func party(prefix string, skills ...int) string {
	var ps []string
	for i, s := range skills {
		ps = append(ps, fmt.Sprintf("'PlayerId=%s%d,PlayerAttributes={skill={N=%d},modes={SL=[ranked,casual]}},LatencyInMs={us-east-1=40}'", prefix, i, s))
	}
	return strings.Join(ps, " ")
}

// TestAWSCLI is a STANDALONE 5v5 flow with each AWS CLI installed: the
// README's lines, two more tickets to fill the match, a clock advance, the
// tickets COMPLETED on opposite teams, a StopMatchmaking, and errors that
// show their AWS error code.
func TestAWSCLI(t *testing.T) {
	clis := findInstalls(t, "aws", []string{"/usr/bin/aws"}, "--version")
	if len(clis) == 0 {
		t.Skip("the AWS CLI is not installed (apt-get install awscli; .ci/run installs it where apt is usable)")
	}
	rulesBody, err := os.ReadFile(filepath.Join(repoRoot(t), "bench", "defaults", "5v5-skill.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, cli := range clis {
		t.Run(subtestName(cli.version), func(t *testing.T) {
			t.Logf("%s: %s", cli.path, cli.version)
			e := newEnv(t)
			ok := func(line string) map[string]any {
				t.Helper()
				r := runCLI(t, cli.path, e.srv.URL, line)
				if r.code != 0 {
					t.Fatalf("%s: exit %d: %s", line, r.code, r.stderr)
				}
				return r.out
			}
			fails := func(line, code, op, msg string) {
				t.Helper()
				r := runCLI(t, cli.path, e.srv.URL, line)
				want := fmt.Sprintf("An error occurred (%s) when calling the %s operation: %s", code, op, msg)
				if r.code == 0 || r.out != nil || !strings.Contains(r.stderr, want) {
					t.Errorf("%s: exit %d, stdout %v, stderr %q; want a failure with %q", line, r.code, r.out, r.stderr, want)
				}
			}

			if v := field(t, ok(cliLine("validate-matchmaking-rule-set", "--rule-set-body file://bench/defaults/5v5-skill.json")), "Valid"); v != true {
				t.Errorf("ValidateMatchmakingRuleSet: Valid = %v", v)
			}
			fails(cliLine("validate-matchmaking-rule-set", `--rule-set-body '{"ruleLanguageVersion": "1.0"}'`),
				"InvalidRequestException", "ValidateMatchmakingRuleSet", `Rule set is invalid: /: missing required key "teams"`)

			rs := ok(readmeCreateRuleSet)
			wantFields(t, rs, map[string]any{
				"RuleSet.RuleSetName": "5v5-skill",
				"RuleSet.RuleSetArn":  "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/5v5-skill",
				"RuleSet.RuleSetBody": string(rulesBody),
			})
			wantTime(t, rs, "RuleSet.CreationTime", start)
			cfg := ok(readmeCreateConfig)
			wantFields(t, cfg, map[string]any{
				"Configuration.Name": "ranked-5v5", "Configuration.FlexMatchMode": "STANDALONE", "Configuration.AcceptanceRequired": false,
				"Configuration.RequestTimeoutSeconds": json.Number("120"), "Configuration.RuleSetName": "5v5-skill",
				"Configuration.ConfigurationArn": "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/ranked-5v5",
			})
			wantTime(t, cfg, "Configuration.CreationTime", start)

			tk := ok(readmeStart)
			wantFields(t, tk, map[string]any{
				"MatchmakingTicket.TicketId": "t1", "MatchmakingTicket.Status": "QUEUED",
				"MatchmakingTicket.ConfigurationName":                  "ranked-5v5",
				"MatchmakingTicket.Players.0.PlayerId":                 "alice",
				"MatchmakingTicket.Players.0.PlayerAttributes.skill.N": json.Number("1000"),
				"MatchmakingTicket.Players.0.LatencyInMs.us-east-1":    json.Number("40"),
			})
			wantTime(t, tk, "MatchmakingTicket.StartTime", start)
			ok(cliLine("start-matchmaking", "--configuration-name ranked-5v5 --ticket-id four --players "+party("f", 1010, 990, 1005, 995)))
			gen := ok(cliLine("start-matchmaking", "--configuration-name ranked-5v5 --players "+party("v", 1000, 1010, 990, 1005, 995)))
			five, _ := field(t, gen, "MatchmakingTicket.TicketId").(string)
			if !uuidPattern.MatchString(five) {
				t.Errorf("StartMatchmaking without --ticket-id: TicketId %q, want a UUID", five)
			}
			wantFields(t, ok(readmeDescribe), map[string]any{"TicketList.0.TicketId": "t1", "TicketList.0.Status": "QUEUED"})

			e.advance(5)
			teams := map[string]map[string]int{} // team: ticket ID: players
			list, _ := field(t, ok(cliLine("describe-matchmaking", "--ticket-ids t1 four "+five)), "TicketList").([]any)
			if len(list) != 3 {
				t.Fatalf("DescribeMatchmaking: %d tickets, want 3", len(list))
			}
			for i, id := range []string{"t1", "four", five} {
				tkt := map[string]any{"T": list[i]}
				wantFields(t, tkt, map[string]any{"T.TicketId": id, "T.Status": "COMPLETED"})
				wantTime(t, tkt, "T.StartTime", start)
				if end := parseTime(t, field(t, tkt, "T.EndTime")); !end.After(start) || end.After(start.Add(5*time.Second)) {
					t.Errorf("ticket %s: EndTime %v, want within 5 s after %v", id, end, start)
				}
				ps, _ := field(t, tkt, "T.Players").([]any)
				for _, p := range ps {
					team, _ := p.(map[string]any)["Team"].(string)
					if teams[team] == nil {
						teams[team] = map[string]int{}
					}
					teams[team][id]++
				}
			}
			// alice's ticket and the party of four make one team, the party of five the other.
			want := []map[string]int{{"t1": 1, "four": 4}, {five: 5}}
			if len(teams) != 2 || teams["red"] == nil || teams["blue"] == nil ||
				!slices.ContainsFunc(want, func(m map[string]int) bool { return maps.Equal(m, teams["red"]) }) ||
				maps.Equal(teams["red"], teams["blue"]) ||
				!slices.ContainsFunc(want, func(m map[string]int) bool { return maps.Equal(m, teams["blue"]) }) {
				t.Errorf("teams (team: ticket: players) = %v, want one of t1 and four, one of %s", teams, five)
			}

			ok(cliLine("start-matchmaking", "--configuration-name ranked-5v5 --ticket-id late --players "+party("l", 1000)))
			if out := ok(cliLine("stop-matchmaking", "--ticket-id late")); out != nil {
				t.Errorf("StopMatchmaking printed %v, want nothing", out)
			}
			wantFields(t, ok(cliLine("describe-matchmaking", "--ticket-ids late")), map[string]any{"TicketList.0.Status": "CANCELLED"})
			fails(cliLine("stop-matchmaking", "--ticket-id no-such-ticket"), "NotFoundException", "StopMatchmaking", "")
			fails(cliLine("start-matchmaking", "--configuration-name ranked-5v5 --ticket-id t1 --players "+party("x", 1)),
				"InvalidRequestException", "StartMatchmaking", "")
		})
	}
}
