package placement

import (
	"slices"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

func (h *host) locationNames(fleetID string, locs ...string) []string {
	h.t.Helper()
	out, err := h.s.DescribeFleetLocationAttributes(hostCtx, &DescribeFleetLocationAttributesInput{FleetId: fleetID, Locations: locs})
	if err != nil {
		h.t.Fatalf("DescribeFleetLocationAttributes: %v", err)
	}
	names := []string{}
	for _, a := range out.LocationAttributes {
		if a.LocationState.Status != LocationActive {
			h.t.Errorf("location %s is %s", a.LocationState.Location, a.LocationState.Status)
		}
		names = append(names, a.LocationState.Location)
	}
	return names
}

func TestListFleets(t *testing.T) {
	h := newHost(t)
	var ids []string
	for range 3 {
		ids = append(ids, h.fleet(1, 1).FleetId)
	}
	out, err := h.s.ListFleets(hostCtx, &ListFleetsInput{BuildId: "build-1"})
	if err != nil || !slices.Equal(out.FleetIds, ids) || out.NextToken != "" {
		t.Fatalf("ListFleets = %+v, %v; want %v", out, err, ids)
	}
	page, err := h.s.ListFleets(hostCtx, &ListFleetsInput{Limit: 2})
	if err != nil || !slices.Equal(page.FleetIds, ids[:2]) || page.NextToken == "" {
		t.Fatalf("first page %+v, %v", page, err)
	}
	page, err = h.s.ListFleets(hostCtx, &ListFleetsInput{Limit: 2, NextToken: page.NextToken})
	if err != nil || !slices.Equal(page.FleetIds, ids[2:]) || page.NextToken != "" {
		t.Fatalf("second page %+v, %v", page, err)
	}
	if _, err := h.s.DeleteFleet(hostCtx, &DeleteFleetInput{FleetId: ids[1]}); err != nil {
		t.Fatal(err)
	}
	if out, _ := h.s.ListFleets(hostCtx, &ListFleetsInput{}); !slices.Equal(out.FleetIds, []string{ids[0], ids[2]}) {
		t.Errorf("after DeleteFleet: %v", out.FleetIds)
	}
	_, err = h.s.ListFleets(hostCtx, &ListFleetsInput{NextToken: "x"})
	wantErr(t, err, engine.CodeInvalidRequest)
	empty, err := newHost(t).s.ListFleets(hostCtx, &ListFleetsInput{})
	if err != nil || empty.FleetIds == nil || len(empty.FleetIds) != 0 {
		t.Errorf("no fleets: %+v, %v", empty, err)
	}
}

func TestDescribeFleetLocationAttributes(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1, LocationSpec{Location: "eu-west-1", Instances: 1}, LocationSpec{Location: "ap-south-1", Instances: 1})
	cases := []struct {
		name string
		locs []string
		want []string
	}{
		{"all remote ones, in the order added", nil, []string{"eu-west-1", "ap-south-1"}},
		{"in the order asked, unknown and home left out", []string{"ap-south-1", "us-east-1", "sa-east-1", "eu-west-1"}, []string{"ap-south-1", "eu-west-1"}},
	}
	for _, c := range cases {
		if got := h.locationNames(f.FleetArn, c.locs...); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	out, err := h.s.DescribeFleetLocationAttributes(hostCtx, &DescribeFleetLocationAttributesInput{FleetId: f.FleetId, Limit: 1})
	if err != nil || out.FleetId != f.FleetId || out.FleetArn != f.FleetArn || len(out.LocationAttributes) != 1 || out.NextToken == "" {
		t.Errorf("first page %+v, %v", out, err)
	}
	_, err = h.s.DescribeFleetLocationAttributes(hostCtx, &DescribeFleetLocationAttributesInput{FleetId: "fleet-nope"})
	wantErr(t, err, engine.CodeNotFound)
	_, err = h.s.DescribeFleetLocationAttributes(hostCtx, &DescribeFleetLocationAttributesInput{FleetId: f.FleetId, Locations: []string{}})
	wantErr(t, err, engine.CodeInvalidRequest)
}

// TestDeleteFleetLocations deletes a remote location hosting a game: the
// game ends, the location and its capacity are gone, the rest stays.
func TestDeleteFleetLocations(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1, LocationSpec{Location: "eu-west-1", Instances: 2}, LocationSpec{Location: "ap-south-1", Instances: 1})
	home := h.session(f.FleetId, 4)
	inEU := h.session(f.FleetId, 4, func(in *CreateGameSessionInput) { in.Location = "eu-west-1" })
	ps := h.players(inEU.GameSessionId, "a")
	out, err := h.s.DeleteFleetLocations(hostCtx, &DeleteFleetLocationsInput{FleetId: f.FleetArn, Locations: []string{"eu-west-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.FleetId != f.FleetId || out.FleetArn != f.FleetArn || !slices.Equal(out.LocationStates, []LocationState{{Location: "eu-west-1", Status: LocationDeleting}}) {
		t.Errorf("DeleteFleetLocations = %+v", out)
	}
	if gs := h.describe(inEU.GameSessionId); gs.Status != GameSessionTerminated || gs.StatusReason != ReasonForceTerminated || !gs.TerminationTime.Equal(hostEpoch) {
		t.Errorf("game in the deleted location: %s (%s) at %v", gs.Status, gs.StatusReason, gs.TerminationTime)
	}
	if st := h.playerSession(ps[0].PlayerSessionId).Status; st != PlayerSessionCompleted {
		t.Errorf("its player is %s", st)
	}
	if gs := h.describe(home.GameSessionId); gs.Status != GameSessionActive {
		t.Errorf("game at home is %s", gs.Status)
	}
	if got := h.locationNames(f.FleetId); !slices.Equal(got, []string{"ap-south-1"}) {
		t.Errorf("locations left: %v", got)
	}
	_, err = h.s.DescribeFleetLocationCapacity(hostCtx, &DescribeFleetLocationCapacityInput{FleetId: f.FleetId, Location: "eu-west-1"})
	wantErr(t, err, engine.CodeInvalidRequest)
	_, err = h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId, MaximumPlayerSessionCount: 2, Location: "eu-west-1"})
	wantErr(t, err, engine.CodeInvalidRequest)
	if _, err := h.s.CreateFleetLocations(hostCtx, &CreateFleetLocationsInput{FleetId: f.FleetId, Locations: []LocationConfiguration{{Location: "eu-west-1"}}}); err != nil {
		t.Errorf("adding the location back: %v", err)
	}
}

func TestDeleteFleetLocationsErrors(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1, LocationSpec{Location: "eu-west-1", Instances: 1})
	cases := []struct {
		name  string
		fleet string
		locs  []string
		code  string
	}{
		{"home location", f.FleetId, []string{"us-east-1"}, engine.CodeInvalidRequest},
		{"home location among others", f.FleetId, []string{"eu-west-1", "us-east-1"}, engine.CodeInvalidRequest},
		{"location the fleet lacks", f.FleetId, []string{"ap-south-1"}, engine.CodeInvalidRequest},
		{"listed twice", f.FleetId, []string{"eu-west-1", "eu-west-1"}, engine.CodeInvalidRequest},
		{"no locations", f.FleetId, nil, engine.CodeInvalidRequest},
		{"not a location code", f.FleetId, []string{"eu west"}, engine.CodeInvalidRequest},
		{"no fleet", "", []string{"eu-west-1"}, engine.CodeInvalidRequest},
		{"unknown fleet", "fleet-nope", []string{"eu-west-1"}, engine.CodeNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.s.DeleteFleetLocations(hostCtx, &DeleteFleetLocationsInput{FleetId: c.fleet, Locations: c.locs})
			wantErr(t, err, c.code)
		})
	}
	if got := h.locationNames(f.FleetId); !slices.Equal(got, []string{"eu-west-1"}) {
		t.Errorf("refused calls changed the locations: %v", got)
	}
}

// TestPlacementAfterDeleteFleetLocations checks that a queue stops placing
// in a deleted location, even when a location is added in its place (the
// same number of locations as the queue's plan was built on).
func TestPlacementAfterDeleteFleetLocations(t *testing.T) {
	h := newPT(t)
	simpleQueue(h, 60, ptLoc{"us-east-1", 5}, ptLoc{"eu-west-1", 5})
	lats := pl("a", "eu-west-1", 10, "us-east-1", 50)
	h.start(StartGameSessionPlacementInput{PlacementId: "before", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2, PlayerLatencies: lats})
	h.at(1)
	if p := h.placement("before"); p.Status != PlacementFulfilled || p.GameSessionRegion != "eu-west-1" {
		t.Fatalf("before: %s in %s, want FULFILLED in eu-west-1", p.Status, p.GameSessionRegion)
	}
	if _, err := h.s.DeleteFleetLocations(ptCtx, &DeleteFleetLocationsInput{FleetId: "f", Locations: []string{"eu-west-1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.CreateFleetLocations(ptCtx, &CreateFleetLocationsInput{FleetId: "f", Locations: []LocationConfiguration{{Location: "ap-south-1"}}}); err != nil {
		t.Fatal(err)
	}
	h.start(StartGameSessionPlacementInput{PlacementId: "after", GameSessionQueueName: "q", MaximumPlayerSessionCount: 2, PlayerLatencies: lats})
	h.at(2)
	if p := h.placement("after"); p.Status != PlacementFulfilled || p.GameSessionRegion != "us-east-1" {
		t.Fatalf("after: %s in %s, want FULFILLED in us-east-1", p.Status, p.GameSessionRegion)
	}
}
