package api_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

// TestSDKHostingOperations sets up a deployment through the Go SDK alone:
// a fleet, an alias, a queue, a placement, game and player sessions.
func TestSDKHostingOperations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	gl := e.gl
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	fl, err := gl.CreateFleet(ctx, &gamelift.CreateFleetInput{Name: aws.String("game"), EC2InstanceType: types.EC2InstanceTypeC5Large,
		Locations:            []types.LocationConfiguration{{Location: aws.String("us-west-2")}},
		RuntimeConfiguration: &types.RuntimeConfiguration{ServerProcesses: []types.ServerProcess{{LaunchPath: aws.String("/game"), ConcurrentExecutions: aws.Int32(2)}}}})
	must(err)
	fleetID := aws.ToString(fl.FleetAttributes.FleetId)
	if fleetID == "" || fl.FleetAttributes.Status != types.FleetStatusActive || !fl.FleetAttributes.CreationTime.Equal(start) {
		t.Fatalf("CreateFleet = %+v", fl.FleetAttributes)
	}
	_, err = gl.CreateFleetLocations(ctx, &gamelift.CreateFleetLocationsInput{FleetId: aws.String(fleetID), Locations: []types.LocationConfiguration{{Location: aws.String("eu-west-1")}}})
	must(err)
	attrs, err := gl.DescribeFleetAttributes(ctx, &gamelift.DescribeFleetAttributesInput{FleetIds: []string{fleetID}})
	must(err)
	if len(attrs.FleetAttributes) != 1 {
		t.Fatalf("DescribeFleetAttributes: %d fleets", len(attrs.FleetAttributes))
	}
	_, err = gl.UpdateFleetCapacity(ctx, &gamelift.UpdateFleetCapacityInput{FleetId: aws.String(fleetID), DesiredInstances: aws.Int32(2), MaxSize: aws.Int32(4)})
	must(err)
	capOut, err := gl.DescribeFleetCapacity(ctx, &gamelift.DescribeFleetCapacityInput{FleetIds: []string{fleetID}})
	must(err)
	if len(capOut.FleetCapacity) != 1 || aws.ToInt32(capOut.FleetCapacity[0].InstanceCounts.DESIRED) != 2 {
		t.Fatalf("DescribeFleetCapacity = %+v", capOut.FleetCapacity)
	}
	loc, err := gl.DescribeFleetLocationCapacity(ctx, &gamelift.DescribeFleetLocationCapacityInput{FleetId: aws.String(fleetID), Location: aws.String("eu-west-1")})
	must(err)
	if aws.ToString(loc.FleetCapacity.Location) != "eu-west-1" {
		t.Errorf("DescribeFleetLocationCapacity = %+v", loc.FleetCapacity)
	}

	al, err := gl.CreateAlias(ctx, &gamelift.CreateAliasInput{Name: aws.String("live"),
		RoutingStrategy: &types.RoutingStrategy{Type: types.RoutingStrategyTypeSimple, FleetId: aws.String(fleetID)}})
	must(err)
	aliasID := aws.ToString(al.Alias.AliasId)
	_, err = gl.UpdateAlias(ctx, &gamelift.UpdateAliasInput{AliasId: aws.String(aliasID), Description: aws.String("the live fleet")})
	must(err)
	da, err := gl.DescribeAlias(ctx, &gamelift.DescribeAliasInput{AliasId: aws.String(aliasID)})
	must(err)
	if aws.ToString(da.Alias.Description) != "the live fleet" {
		t.Errorf("DescribeAlias = %+v", da.Alias)
	}
	ra, err := gl.ResolveAlias(ctx, &gamelift.ResolveAliasInput{AliasId: aws.String(aliasID)})
	must(err)
	if aws.ToString(ra.FleetId) != fleetID {
		t.Errorf("ResolveAlias = %s, want %s", aws.ToString(ra.FleetId), fleetID)
	}
	la, err := gl.ListAliases(ctx, &gamelift.ListAliasesInput{})
	must(err)
	if len(la.Aliases) != 1 {
		t.Errorf("ListAliases: %d", len(la.Aliases))
	}

	q, err := gl.CreateGameSessionQueue(ctx, &gamelift.CreateGameSessionQueueInput{Name: aws.String("main"), TimeoutInSeconds: aws.Int32(60),
		Destinations:          []types.GameSessionQueueDestination{{DestinationArn: al.Alias.AliasArn}},
		PlayerLatencyPolicies: []types.PlayerLatencyPolicy{{MaximumIndividualPlayerLatencyMilliseconds: aws.Int32(100)}}})
	must(err)
	if aws.ToString(q.GameSessionQueue.GameSessionQueueArn) == "" {
		t.Fatalf("CreateGameSessionQueue = %+v", q.GameSessionQueue)
	}
	_, err = gl.UpdateGameSessionQueue(ctx, &gamelift.UpdateGameSessionQueueInput{Name: aws.String("main"), CustomEventData: aws.String("x")})
	must(err)
	qs, err := gl.DescribeGameSessionQueues(ctx, &gamelift.DescribeGameSessionQueuesInput{Names: []string{"main"}})
	must(err)
	if len(qs.GameSessionQueues) != 1 || aws.ToString(qs.GameSessionQueues[0].CustomEventData) != "x" ||
		aws.ToInt32(qs.GameSessionQueues[0].PlayerLatencyPolicies[0].MaximumIndividualPlayerLatencyMilliseconds) != 100 {
		t.Fatalf("DescribeGameSessionQueues = %+v", qs.GameSessionQueues)
	}

	pl, err := gl.StartGameSessionPlacement(ctx, &gamelift.StartGameSessionPlacementInput{PlacementId: aws.String("p1"),
		GameSessionQueueName: aws.String("main"), MaximumPlayerSessionCount: aws.Int32(4),
		PlayerLatencies:       []types.PlayerLatency{{PlayerId: aws.String("alice"), RegionIdentifier: aws.String("us-west-2"), LatencyInMilliseconds: aws.Float32(20)}},
		DesiredPlayerSessions: []types.DesiredPlayerSession{{PlayerId: aws.String("alice")}}})
	must(err)
	if pl.GameSessionPlacement.Status != types.GameSessionPlacementStatePending {
		t.Fatalf("StartGameSessionPlacement status %s", pl.GameSessionPlacement.Status)
	}
	e.advance(1)
	dp, err := gl.DescribeGameSessionPlacement(ctx, &gamelift.DescribeGameSessionPlacementInput{PlacementId: aws.String("p1")})
	must(err)
	gp := dp.GameSessionPlacement
	if gp.Status != types.GameSessionPlacementStateFulfilled || aws.ToString(gp.GameSessionRegion) != "us-west-2" ||
		len(gp.PlacedPlayerSessions) != 1 || aws.ToFloat32(gp.PlayerLatencies[0].LatencyInMilliseconds) != 20 {
		t.Fatalf("DescribeGameSessionPlacement = %+v", gp)
	}
	sessionID := aws.ToString(gp.GameSessionId)

	_, err = gl.StartGameSessionPlacement(ctx, &gamelift.StartGameSessionPlacementInput{PlacementId: aws.String("p2"),
		GameSessionQueueName: aws.String("main"), MaximumPlayerSessionCount: aws.Int32(4)})
	must(err)
	sp, err := gl.StopGameSessionPlacement(ctx, &gamelift.StopGameSessionPlacementInput{PlacementId: aws.String("p2")})
	must(err)
	if sp.GameSessionPlacement.Status != types.GameSessionPlacementStateCancelled {
		t.Errorf("StopGameSessionPlacement status %s", sp.GameSessionPlacement.Status)
	}

	gs, err := gl.CreateGameSession(ctx, &gamelift.CreateGameSessionInput{AliasId: aws.String(aliasID), MaximumPlayerSessionCount: aws.Int32(3),
		Name: aws.String("direct"), GameProperties: []types.GameProperty{{Key: aws.String("mode"), Value: aws.String("ctf")}}})
	must(err)
	direct := aws.ToString(gs.GameSession.GameSessionId)
	_, err = gl.UpdateGameSession(ctx, &gamelift.UpdateGameSessionInput{GameSessionId: aws.String(direct), Name: aws.String("renamed"), ProtectionPolicy: types.ProtectionPolicyFullProtection})
	must(err)
	ds, err := gl.DescribeGameSessions(ctx, &gamelift.DescribeGameSessionsInput{FleetId: aws.String(fleetID)})
	must(err)
	if len(ds.GameSessions) != 2 {
		t.Errorf("DescribeGameSessions: %d sessions, want 2", len(ds.GameSessions))
	}
	dd, err := gl.DescribeGameSessionDetails(ctx, &gamelift.DescribeGameSessionDetailsInput{GameSessionId: aws.String(direct)})
	must(err)
	if len(dd.GameSessionDetails) != 1 || dd.GameSessionDetails[0].ProtectionPolicy != types.ProtectionPolicyFullProtection ||
		aws.ToString(dd.GameSessionDetails[0].GameSession.Name) != "renamed" {
		t.Errorf("DescribeGameSessionDetails = %+v", dd.GameSessionDetails)
	}
	ss, err := gl.SearchGameSessions(ctx, &gamelift.SearchGameSessionsInput{FleetId: aws.String(fleetID), FilterExpression: aws.String("gameSessionProperties.mode = 'ctf'")})
	must(err)
	if len(ss.GameSessions) != 1 || aws.ToString(ss.GameSessions[0].GameSessionId) != direct {
		t.Errorf("SearchGameSessions = %+v", ss.GameSessions)
	}
	ps, err := gl.CreatePlayerSession(ctx, &gamelift.CreatePlayerSessionInput{GameSessionId: aws.String(direct), PlayerId: aws.String("bob")})
	must(err)
	if ps.PlayerSession.Status != types.PlayerSessionStatusReserved {
		t.Errorf("CreatePlayerSession status %s", ps.PlayerSession.Status)
	}
	pss, err := gl.CreatePlayerSessions(ctx, &gamelift.CreatePlayerSessionsInput{GameSessionId: aws.String(direct), PlayerIds: []string{"carol", "dan"},
		PlayerDataMap: map[string]string{"carol": "c"}})
	must(err)
	if len(pss.PlayerSessions) != 2 {
		t.Errorf("CreatePlayerSessions: %d", len(pss.PlayerSessions))
	}
	dps, err := gl.DescribePlayerSessions(ctx, &gamelift.DescribePlayerSessionsInput{GameSessionId: aws.String(direct)})
	must(err)
	if len(dps.PlayerSessions) != 3 {
		t.Errorf("DescribePlayerSessions: %d, want 3", len(dps.PlayerSessions))
	}
	_, err = gl.CreatePlayerSession(ctx, &gamelift.CreatePlayerSessionInput{GameSessionId: aws.String(direct), PlayerId: aws.String("erin")})
	var full *types.GameSessionFullException
	if !errors.As(err, &full) {
		t.Errorf("CreatePlayerSession on a full session: %T %v, want GameSessionFullException", err, err)
	}
	util, err := gl.DescribeFleetUtilization(ctx, &gamelift.DescribeFleetUtilizationInput{FleetIds: []string{fleetID}})
	must(err)
	if len(util.FleetUtilization) != 1 {
		t.Errorf("DescribeFleetUtilization = %+v", util.FleetUtilization)
	}
	_ = sessionID

	// Errors of the hosting operations surface typed.
	_, err = gl.DescribeGameSessionPlacement(ctx, &gamelift.DescribeGameSessionPlacementInput{PlacementId: aws.String("nope")})
	var nf *types.NotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("DescribeGameSessionPlacement unknown: %T %v", err, err)
	}
	_, err = gl.DeleteFleet(ctx, &gamelift.DeleteFleetInput{FleetId: aws.String(fleetID)})
	var inv *types.InvalidRequestException
	if !errors.As(err, &inv) {
		t.Errorf("DeleteFleet with sessions: %T %v, want InvalidRequestException", err, err)
	}
	_, err = gl.UpdateAlias(ctx, &gamelift.UpdateAliasInput{AliasId: aws.String(aliasID), RoutingStrategy: &types.RoutingStrategy{Type: types.RoutingStrategyTypeTerminal, Message: aws.String("closed")}})
	must(err)
	_, err = gl.ResolveAlias(ctx, &gamelift.ResolveAliasInput{AliasId: aws.String(aliasID)})
	var term *types.TerminalRoutingStrategyException
	if !errors.As(err, &term) {
		t.Errorf("ResolveAlias TERMINAL: %T %v", err, err)
	}
	_, err = gl.DeleteGameSessionQueue(ctx, &gamelift.DeleteGameSessionQueueInput{Name: aws.String("main")})
	must(err)
	_, err = gl.DeleteAlias(ctx, &gamelift.DeleteAliasInput{AliasId: aws.String(aliasID)})
	must(err)
}
