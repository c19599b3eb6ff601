package api_test

import (
	"fmt"
	"testing"
)

// TestJSONTagsAndLifecycle drives the tag, fleet location and termination
// operations with raw AWS JSON 1.1 requests, as boto3 and the AWS CLI send
// them.
func TestJSONTagsAndLifecycle(t *testing.T) {
	e := newEnv(t)
	_, fleet := e.postJSON("CreateFleet", `{"Name":"game","Locations":[{"Location":"eu-west-1"}],"Tags":[{"Key":"env","Value":"dev"}]}`)
	fleetID, fleetArn := lookup(fleet, "FleetAttributes.FleetId"), lookup(fleet, "FleetAttributes.FleetArn")
	_, gs := e.postJSON("CreateGameSession", fmt.Sprintf(`{"FleetId":%q,"MaximumPlayerSessionCount":2}`, fleetID))
	session := lookup(gs, "GameSession.GameSessionId")
	_, q := e.postJSON("CreateGameSessionQueue", fmt.Sprintf(`{"Name":"main","Destinations":[{"DestinationArn":%q}]}`, fleetArn))
	queueArn := lookup(q, "GameSessionQueue.GameSessionQueueArn")
	steps := []struct {
		name, op, body string
		errType        string            // __type of an error answer (status 400)
		wantFields     map[string]string // dotted path -> JSON value as text
	}{
		{name: "tags at creation", op: "ListTagsForResource", body: fmt.Sprintf(`{"ResourceARN":%q}`, fleetArn),
			wantFields: map[string]string{"Tags.0.Key": "env", "Tags.0.Value": "dev", "Tags.1": "<missing>"}},
		{name: "no tags is an empty list", op: "ListTagsForResource", body: fmt.Sprintf(`{"ResourceARN":%q}`, queueArn),
			wantFields: map[string]string{"Tags": "[]"}},
		{name: "tag", op: "TagResource", body: fmt.Sprintf(`{"ResourceARN":%q,"Tags":[{"Key":"env","Value":"prod"},{"Key":"team","Value":""}]}`, fleetArn)},
		{name: "untag", op: "UntagResource", body: fmt.Sprintf(`{"ResourceARN":%q,"TagKeys":["env"]}`, fleetArn)},
		{name: "tags after", op: "ListTagsForResource", body: fmt.Sprintf(`{"ResourceARN":%q}`, fleetArn),
			wantFields: map[string]string{"Tags.0.Key": "team", "Tags.0.Value": "", "Tags.1": "<missing>"}},
		{name: "reserved tag key", op: "TagResource", body: fmt.Sprintf(`{"ResourceARN":%q,"Tags":[{"Key":"aws:x","Value":"y"}]}`, queueArn),
			errType: "TaggingFailedException"},
		{name: "malformed ARN", op: "TagResource", body: `{"ResourceARN":"main","Tags":[]}`, errType: "InvalidRequestException"},
		{name: "unknown resource", op: "UntagResource", body: `{"ResourceARN":"arn:aws:gamelift:us-east-1:123456789012:alias/alias-1","TagKeys":[]}`,
			errType: "NotFoundException"},
		{name: "list fleets", op: "ListFleets", body: `{"BuildId":"build-1"}`, wantFields: map[string]string{"FleetIds.0": fleetID, "FleetIds.1": "<missing>"}},
		{name: "location attributes", op: "DescribeFleetLocationAttributes", body: fmt.Sprintf(`{"FleetId":%q}`, fleetID),
			wantFields: map[string]string{"FleetArn": fleetArn, "LocationAttributes.0.LocationState.Location": "eu-west-1",
				"LocationAttributes.0.LocationState.Status": "ACTIVE", "LocationAttributes.1": "<missing>"}},
		{name: "delete home location", op: "DeleteFleetLocations", body: fmt.Sprintf(`{"FleetId":%q,"Locations":["us-east-1"]}`, fleetID),
			errType: "InvalidRequestException"},
		{name: "delete location", op: "DeleteFleetLocations", body: fmt.Sprintf(`{"FleetId":%q,"Locations":["eu-west-1"]}`, fleetArn),
			wantFields: map[string]string{"FleetId": fleetID, "LocationStates.0.Location": "eu-west-1", "LocationStates.0.Status": "DELETING"}},
		{name: "location gone", op: "DescribeFleetLocationAttributes", body: fmt.Sprintf(`{"FleetId":%q}`, fleetID),
			wantFields: map[string]string{"LocationAttributes": "[]"}},
		{name: "terminate", op: "TerminateGameSession", body: fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"TRIGGER_ON_PROCESS_TERMINATE"}`, session),
			wantFields: map[string]string{"GameSession.GameSessionId": session, "GameSession.Status": "TERMINATING",
				"GameSession.StatusReason": "TRIGGERED_ON_PROCESS_TERMINATE"}},
		{name: "terminate again", op: "TerminateGameSession", body: fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"TRIGGER_ON_PROCESS_TERMINATE"}`, session),
			errType: "InvalidGameSessionStatusException"},
		{name: "force", op: "TerminateGameSession", body: fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"FORCE_TERMINATE"}`, session),
			wantFields: map[string]string{"GameSession.Status": "TERMINATED", "GameSession.StatusReason": "FORCE_TERMINATED"}},
		{name: "no mode", op: "TerminateGameSession", body: fmt.Sprintf(`{"GameSessionId":%q}`, session), errType: "InvalidRequestException"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			resp, body := e.postJSON(st.op, st.body)
			want := 200
			if st.errType != "" {
				want = 400
			}
			if resp.StatusCode != want {
				t.Fatalf("status %d, want %d; body %v", resp.StatusCode, want, body)
			}
			if st.errType != "" && (body["__type"] != st.errType || body["message"] == "") {
				t.Errorf("error %v, want a %s with a message", body, st.errType)
			}
			for path, want := range st.wantFields {
				if got := lookup(body, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}
