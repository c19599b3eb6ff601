package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// tagScenario tags resources at creation and later, terminates one game
// session by force and starts terminating another, and deletes a fleet
// location; it returns the ARNs and IDs to look at.
func (r *localRun) tagScenario() (arns []string, fleetID string) {
	r.t.Helper()
	rs := r.post("CreateMatchmakingRuleSet", fmt.Sprintf(`{"Name":"1v1","RuleSetBody":%q,"Tags":[{"Key":"env","Value":"dev"}]}`, oneVsOne))
	fleet := r.post("CreateFleet", `{"Name":"game","Locations":[{"Location":"eu-west-1"}],"Tags":[{"Key":"team","Value":"red"}],
		"RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/game","ConcurrentExecutions":3}]}}`)
	fleetID, fleetArn := lookup(fleet, "FleetAttributes.FleetId"), lookup(fleet, "FleetAttributes.FleetArn")
	queue := r.post("CreateGameSessionQueue", fmt.Sprintf(`{"Name":"main","Destinations":[{"DestinationArn":%q}]}`, fleetArn))
	arns = []string{lookup(rs, "RuleSet.RuleSetArn"), fleetArn, lookup(queue, "GameSessionQueue.GameSessionQueueArn")}
	for _, arn := range arns {
		r.post("TagResource", fmt.Sprintf(`{"ResourceARN":%q,"Tags":[{"Key":"cost","Value":"42"},{"Key":"env","Value":"prod"}]}`, arn))
	}
	r.post("UntagResource", fmt.Sprintf(`{"ResourceARN":%q,"TagKeys":["cost"]}`, arns[1]))
	var sessions []string
	for _, loc := range []string{"us-east-1", "us-east-1", "eu-west-1"} {
		gs := r.post("CreateGameSession", fmt.Sprintf(`{"FleetId":%q,"MaximumPlayerSessionCount":4,"Location":%q}`, fleetID, loc))
		sessions = append(sessions, lookup(gs, "GameSession.GameSessionId"))
	}
	r.post("CreatePlayerSessions", fmt.Sprintf(`{"GameSessionId":%q,"PlayerIds":["a","b"]}`, sessions[0]))
	r.post("TerminateGameSession", fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"FORCE_TERMINATE"}`, sessions[0]))
	r.post("TerminateGameSession", fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"TRIGGER_ON_PROCESS_TERMINATE"}`, sessions[1]))
	r.post("DeleteFleetLocations", fmt.Sprintf(`{"FleetId":%q,"Locations":["eu-west-1"]}`, fleetID))
	return arns, fleetID
}

// hostingSnapshot is the tags of arns, the fleet's game and player
// sessions and its remote locations, as a client sees them.
func (r *localRun) hostingSnapshot(arns []string, fleetID string) string {
	r.t.Helper()
	var b strings.Builder
	add := func(op, body string) { r.writeAnswer(&b, op, body) }
	for _, arn := range arns {
		add("ListTagsForResource", fmt.Sprintf(`{"ResourceARN":%q}`, arn))
	}
	sessions := r.post("DescribeGameSessions", fmt.Sprintf(`{"FleetId":%q}`, fleetID))
	j, _ := json.Marshal(sessions)
	b.Write(j)
	b.WriteByte('\n')
	for i := 0; lookup(sessions, fmt.Sprintf("GameSessions.%d", i)) != "<missing>"; i++ {
		add("DescribePlayerSessions", fmt.Sprintf(`{"GameSessionId":%q}`, lookup(sessions, fmt.Sprintf("GameSessions.%d.GameSessionId", i))))
	}
	add("DescribeFleetLocationAttributes", fmt.Sprintf(`{"FleetId":%q}`, fleetID))
	return b.String()
}

// TestLocalRestartKeepsTagsAndTerminations checks that tags, terminated and
// terminating game sessions and deleted fleet locations survive a restart
// on the data directory, and that a TERMINATING session still ends at the
// next tick after it, as on a server that never stopped.
func TestLocalRestartKeepsTagsAndTerminations(t *testing.T) {
	dir := t.TempDir()
	a := openRun(t, dir)
	arns, fleetID := a.tagScenario()
	before := a.hostingSnapshot(arns, fleetID)
	a.close()
	for _, want := range []string{`"Key":"env","Value":"prod"`, `"Key":"team","Value":"red"`, `"Status":"TERMINATING"`,
		`"StatusReason":"FORCE_TERMINATED"`, `"Status":"COMPLETED"`, `"LocationAttributes":[]`} {
		if !strings.Contains(before, want) {
			t.Fatalf("the scenario did not leave %s:\n%s", want, before)
		}
	}
	if !strings.Contains(before, `{"Tags":[{"Key":"team","Value":"red"},{"Key":"env","Value":"prod"}]}`) {
		t.Fatalf("the fleet's tags are not those of CreateFleet, TagResource and UntagResource:\n%s", before)
	}

	b := openRun(t, dir)
	defer b.close()
	if got := b.hostingSnapshot(arns, fleetID); got != before {
		t.Fatalf("restarted state differs:\nbefore %s\nafter  %s", before, got)
	}
	b.advance(1)

	c := openRun(t, "")
	defer c.close()
	c.tagScenario()
	c.advance(1)
	got, want := b.hostingSnapshot(arns, fleetID), c.hostingSnapshot(arns, fleetID)
	if got != want {
		t.Fatalf("restarted run differs from an uninterrupted one:\nrestarted %s\nnever stopped %s", got, want)
	}
	if strings.Contains(got, `"Status":"TERMINATING"`) {
		t.Errorf("a TERMINATING session outlived the next tick:\n%s", got)
	}
}
