package api_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

// sdkFleet creates, through the SDK, a fleet of two processes per location
// in us-east-1 and the remote locations.
func sdkFleet(t *testing.T, gl *gamelift.Client, remote ...string) string {
	t.Helper()
	in := &gamelift.CreateFleetInput{Name: aws.String("game"),
		RuntimeConfiguration: &types.RuntimeConfiguration{ServerProcesses: []types.ServerProcess{{LaunchPath: aws.String("/game"), ConcurrentExecutions: aws.Int32(2)}}}}
	for _, l := range remote {
		in.Locations = append(in.Locations, types.LocationConfiguration{Location: aws.String(l)})
	}
	out, err := gl.CreateFleet(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.FleetAttributes.FleetId)
}

func sdkSession(t *testing.T, gl *gamelift.Client, fleetID, location string) string {
	t.Helper()
	in := &gamelift.CreateGameSessionInput{FleetId: aws.String(fleetID), MaximumPlayerSessionCount: aws.Int32(4)}
	if location != "" {
		in.Location = aws.String(location)
	}
	out, err := gl.CreateGameSession(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.GameSession.GameSessionId)
}

func sdkSessionStatus(t *testing.T, gl *gamelift.Client, id string) (types.GameSessionStatus, types.GameSessionStatusReason) {
	t.Helper()
	out, err := gl.DescribeGameSessions(context.Background(), &gamelift.DescribeGameSessionsInput{GameSessionId: aws.String(id)})
	if err != nil || len(out.GameSessions) != 1 {
		t.Fatalf("DescribeGameSessions %s: %v", id, err)
	}
	return out.GameSessions[0].Status, out.GameSessions[0].StatusReason
}

// TestSDKTerminateGameSession terminates game sessions through the Go SDK in
// both modes, and checks the typed errors.
func TestSDKTerminateGameSession(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	gl := e.gl
	fleetID := sdkFleet(t, gl)
	graceful, forced := sdkSession(t, gl, fleetID, ""), sdkSession(t, gl, fleetID, "")
	ps, err := gl.CreatePlayerSession(ctx, &gamelift.CreatePlayerSessionInput{GameSessionId: aws.String(graceful), PlayerId: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}

	out, err := gl.TerminateGameSession(ctx, &gamelift.TerminateGameSessionInput{GameSessionId: aws.String(graceful), TerminationMode: types.TerminationModeTriggerOnProcessTerminate})
	if err != nil {
		t.Fatal(err)
	}
	if gs := out.GameSession; gs.Status != types.GameSessionStatusTerminating || gs.StatusReason != types.GameSessionStatusReasonTriggeredOnProcessTerminate ||
		aws.ToString(gs.GameSessionId) != graceful {
		t.Errorf("TRIGGER_ON_PROCESS_TERMINATE answered %s (%s) for %s", gs.Status, gs.StatusReason, aws.ToString(gs.GameSessionId))
	}
	out, err = gl.TerminateGameSession(ctx, &gamelift.TerminateGameSessionInput{GameSessionId: aws.String(forced), TerminationMode: types.TerminationModeForceTerminate})
	if err != nil {
		t.Fatal(err)
	}
	if gs := out.GameSession; gs.Status != types.GameSessionStatusTerminated || gs.StatusReason != types.GameSessionStatusReasonForceTerminated || gs.TerminationTime == nil {
		t.Errorf("FORCE_TERMINATE answered %s (%s), ended %v", gs.Status, gs.StatusReason, gs.TerminationTime)
	}
	// The fleet's two processes: one still held by the TERMINATING session.
	if _, err := gl.CreateGameSession(ctx, &gamelift.CreateGameSessionInput{FleetId: aws.String(fleetID), MaximumPlayerSessionCount: aws.Int32(2)}); err != nil {
		t.Fatalf("the forced session's process is not free: %v", err)
	}
	var full *types.FleetCapacityExceededException
	if _, err := gl.CreateGameSession(ctx, &gamelift.CreateGameSessionInput{FleetId: aws.String(fleetID), MaximumPlayerSessionCount: aws.Int32(2)}); !errors.As(err, &full) {
		t.Errorf("the TERMINATING session's process hosted a game: %v", err)
	}
	e.advance(1)
	if st, reason := sdkSessionStatus(t, gl, graceful); st != types.GameSessionStatusTerminated || reason != types.GameSessionStatusReasonTriggeredOnProcessTerminate {
		t.Errorf("after the tick: %s (%s), want TERMINATED", st, reason)
	}
	dps, err := gl.DescribePlayerSessions(ctx, &gamelift.DescribePlayerSessionsInput{PlayerSessionId: ps.PlayerSession.PlayerSessionId})
	if err != nil || dps.PlayerSessions[0].Status != types.PlayerSessionStatusCompleted {
		t.Errorf("the player session: %+v, %v", dps, err)
	}

	var status *types.InvalidGameSessionStatusException
	_, err = gl.TerminateGameSession(ctx, &gamelift.TerminateGameSessionInput{GameSessionId: aws.String(forced), TerminationMode: types.TerminationModeForceTerminate})
	if !errors.As(err, &status) {
		t.Errorf("terminating a TERMINATED session: %T %v, want InvalidGameSessionStatusException", err, err)
	}
	var nf *types.NotFoundException
	_, err = gl.TerminateGameSession(ctx, &gamelift.TerminateGameSessionInput{GameSessionId: aws.String(forced + "x"), TerminationMode: types.TerminationModeForceTerminate})
	if !errors.As(err, &nf) {
		t.Errorf("unknown session: %T %v, want NotFoundException", err, err)
	}
	var inv *types.InvalidRequestException
	_, err = gl.TerminateGameSession(ctx, &gamelift.TerminateGameSessionInput{GameSessionId: aws.String(forced), TerminationMode: "LATER"})
	if !errors.As(err, &inv) {
		t.Errorf("unknown mode: %T %v, want InvalidRequestException", err, err)
	}
}

// TestSDKFleetLocations lists fleets and describes and deletes remote
// locations through the Go SDK, with the paginators.
func TestSDKFleetLocations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	gl := e.gl
	first := sdkFleet(t, gl, "eu-west-1", "ap-south-1")
	second := sdkFleet(t, gl)

	var ids []string
	for pg := gamelift.NewListFleetsPaginator(gl, &gamelift.ListFleetsInput{Limit: aws.Int32(1)}); pg.HasMorePages(); {
		out, err := pg.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, out.FleetIds...)
	}
	if !slices.Equal(ids, []string{first, second}) {
		t.Errorf("ListFleets pages: %v, want %v", ids, []string{first, second})
	}

	locations := func() []string {
		t.Helper()
		var names []string
		pg := gamelift.NewDescribeFleetLocationAttributesPaginator(gl, &gamelift.DescribeFleetLocationAttributesInput{FleetId: aws.String(first), Limit: aws.Int32(1)})
		for pg.HasMorePages() {
			out, err := pg.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if aws.ToString(out.FleetId) != first {
				t.Errorf("FleetId %s", aws.ToString(out.FleetId))
			}
			for _, a := range out.LocationAttributes {
				if a.LocationState.Status != types.FleetStatusActive {
					t.Errorf("%s is %s", aws.ToString(a.LocationState.Location), a.LocationState.Status)
				}
				names = append(names, aws.ToString(a.LocationState.Location))
			}
		}
		return names
	}
	if got := locations(); !slices.Equal(got, []string{"eu-west-1", "ap-south-1"}) {
		t.Errorf("DescribeFleetLocationAttributes: %v", got)
	}

	doomed := sdkSession(t, gl, first, "eu-west-1")
	del, err := gl.DeleteFleetLocations(ctx, &gamelift.DeleteFleetLocationsInput{FleetId: aws.String(first), Locations: []string{"eu-west-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(del.FleetId) != first || aws.ToString(del.FleetArn) == "" || len(del.LocationStates) != 1 ||
		aws.ToString(del.LocationStates[0].Location) != "eu-west-1" || del.LocationStates[0].Status != types.FleetStatusDeleting {
		t.Errorf("DeleteFleetLocations = %+v", del)
	}
	if got := locations(); !slices.Equal(got, []string{"ap-south-1"}) {
		t.Errorf("after the deletion: %v", got)
	}
	if st, reason := sdkSessionStatus(t, gl, doomed); st != types.GameSessionStatusTerminated || reason != types.GameSessionStatusReasonForceTerminated {
		t.Errorf("the game in the deleted location: %s (%s)", st, reason)
	}

	var inv *types.InvalidRequestException
	_, err = gl.DeleteFleetLocations(ctx, &gamelift.DeleteFleetLocationsInput{FleetId: aws.String(first), Locations: []string{"us-east-1"}})
	if !errors.As(err, &inv) {
		t.Errorf("deleting the home location: %T %v, want InvalidRequestException", err, err)
	}
	var nf *types.NotFoundException
	_, err = gl.DeleteFleetLocations(ctx, &gamelift.DeleteFleetLocationsInput{FleetId: aws.String("fleet-nope"), Locations: []string{"eu-west-1"}})
	if !errors.As(err, &nf) {
		t.Errorf("unknown fleet: %T %v, want NotFoundException", err, err)
	}
	_, err = gl.DescribeFleetLocationAttributes(ctx, &gamelift.DescribeFleetLocationAttributesInput{FleetId: aws.String("fleet-nope")})
	if !errors.As(err, &nf) {
		t.Errorf("DescribeFleetLocationAttributes of an unknown fleet: %T %v, want NotFoundException", err, err)
	}
}
