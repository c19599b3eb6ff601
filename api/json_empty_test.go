package api_test

import (
	"fmt"
	"testing"
)

// TestJSONEmptyListsAreArrays: an answer's list with nothing in it is an
// empty JSON array, as AWS sends it, never null (boto3 and the AWS CLI
// hand null to the caller as None).
func TestJSONEmptyListsAreArrays(t *testing.T) {
	e := newEnv(t)
	_, rs := e.postJSON("CreateMatchmakingRuleSet", fmt.Sprintf(`{"Name":"rs","RuleSetBody":%q}`, oneVsOne))
	rsArn := lookup(rs, "RuleSet.RuleSetArn")
	_, fleet := e.postJSON("CreateFleet", `{"Name":"game"}`)
	fleetID := lookup(fleet, "FleetAttributes.FleetId")
	for _, tc := range []struct{ op, body, list string }{
		{"DescribeMatchmaking", `{"TicketIds":["unknown"]}`, "TicketList"},
		{"DescribeMatchmakingConfigurations", `{}`, "Configurations"},
		{"DescribeMatchmakingConfigurations", `{"RuleSetName":"rs"}`, "Configurations"},
		{"ListAliases", `{}`, "Aliases"},
		{"DescribeGameSessionQueues", `{}`, "GameSessionQueues"},
		{"DescribeGameSessions", fmt.Sprintf(`{"FleetId":%q}`, fleetID), "GameSessions"},
		{"DescribeGameSessionDetails", fmt.Sprintf(`{"FleetId":%q}`, fleetID), "GameSessionDetails"},
		{"SearchGameSessions", fmt.Sprintf(`{"FleetId":%q}`, fleetID), "GameSessions"},
		{"DescribePlayerSessions", `{"PlayerId":"nobody"}`, "PlayerSessions"},
		{"DescribeFleetAttributes", `{"FleetIds":["fleet-00000000-0000-0000-0000-000000000000"]}`, "FleetAttributes"},
		{"DescribeFleetCapacity", `{"FleetIds":["fleet-00000000-0000-0000-0000-000000000000"]}`, "FleetCapacity"},
		{"DescribeFleetUtilization", `{"FleetIds":["fleet-00000000-0000-0000-0000-000000000000"]}`, "FleetUtilization"},
		{"ListTagsForResource", fmt.Sprintf(`{"ResourceARN":%q}`, rsArn), "Tags"},
	} {
		t.Run(tc.op+tc.body, func(t *testing.T) {
			resp, out := e.postJSON(tc.op, tc.body)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %v", resp.StatusCode, out)
			}
			if got, ok := out[tc.list].([]any); !ok || len(got) != 0 {
				t.Errorf("%s: %#v, want []", tc.list, out[tc.list])
			}
		})
	}
}
