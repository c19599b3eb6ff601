package placement

import (
	"regexp"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

func TestCreateFleet(t *testing.T) {
	h := newHost(t)
	out, err := h.s.CreateFleet(hostCtx, &CreateFleetInput{
		Name:            "game",
		EC2InstanceType: "c5.xlarge",
		Locations:       []LocationConfiguration{{Location: "us-east-1"}, {Location: "eu-west-1"}},
		RuntimeConfiguration: &RuntimeConfiguration{ServerProcesses: []ServerProcess{
			{LaunchPath: "/local/game/a", ConcurrentExecutions: 2},
			{LaunchPath: "/local/game/b", ConcurrentExecutions: 3},
		}},
		DesiredInstances: map[string]int{"eu-west-1": 4},
	})
	if err != nil {
		t.Fatal(err)
	}
	a := out.FleetAttributes
	if !regexp.MustCompile(`^fleet-[0-9a-f-]{36}$`).MatchString(a.FleetId) {
		t.Errorf("FleetId %q", a.FleetId)
	}
	if want := "arn:aws:gamelift:us-east-1:123456789012:fleet/" + a.FleetId; a.FleetArn != want {
		t.Errorf("FleetArn %q, want %q", a.FleetArn, want)
	}
	if a.Status != FleetActive || a.FleetType != "ON_DEMAND" || a.ComputeType != "EC2" || a.NewGameSessionProtectionPolicy != ProtectionNone {
		t.Errorf("attributes %+v", a)
	}
	if len(out.LocationStates) != 2 || out.LocationStates[0] != (LocationState{"us-east-1", "ACTIVE"}) || out.LocationStates[1].Location != "eu-west-1" {
		t.Errorf("LocationStates %+v", out.LocationStates)
	}
	f := h.s.fleets[a.FleetId]
	if f.processesPerInstance != 5 || f.costPerHour != InstanceCost("c5.xlarge") || f.costPerHour == 0 {
		t.Errorf("processes %d cost %v", f.processesPerInstance, f.costPerHour)
	}
	for _, c := range []struct {
		loc                  string
		desired, max, active int
	}{{"us-east-1", 1, 1, 1}, {"eu-west-1", 4, 4, 4}} {
		got, err := h.s.DescribeFleetLocationCapacity(hostCtx, &DescribeFleetLocationCapacityInput{FleetId: a.FleetArn, Location: c.loc})
		if err != nil {
			t.Fatal(err)
		}
		want := EC2InstanceCounts{DESIRED: c.desired, MAXIMUM: c.max, ACTIVE: c.active, IDLE: c.active}
		if *got.FleetCapacity.InstanceCounts != want {
			t.Errorf("%s: counts %+v, want %+v", c.loc, *got.FleetCapacity.InstanceCounts, want)
		}
	}

	priced, err := h.s.AddFleet(FleetSpec{Name: "priced", CostPerHour: 2.5})
	if err != nil {
		t.Fatal(err)
	}
	if f := h.s.fleets[priced.FleetId]; f.costPerHour != 2.5 || f.processesPerInstance != 1 || f.locations[0].desired != 1 {
		t.Errorf("AddFleet with defaults: cost %v processes %d instances %d", f.costPerHour, f.processesPerInstance, f.locations[0].desired)
	}
	unknown, _ := h.s.AddFleet(FleetSpec{Name: "odd", InstanceType: "z9.huge"})
	if c := h.s.fleets[unknown.FleetId].costPerHour; c != 0 {
		t.Errorf("cost of an unlisted instance type = %v, want 0", c)
	}
}

func TestCreateFleetErrors(t *testing.T) {
	ok := func() *CreateFleetInput { return &CreateFleetInput{Name: "game"} }
	for _, c := range []struct {
		name   string
		change func(*CreateFleetInput)
		want   string
	}{
		{"no name", func(in *CreateFleetInput) { in.Name = "" }, "Name must be 1 to 1024"},
		{"fleet type", func(in *CreateFleetInput) { in.FleetType = "RESERVED" }, "FleetType must be ON_DEMAND or SPOT"},
		{"compute type", func(in *CreateFleetInput) { in.ComputeType = "ANYWHERE" }, "ANYWHERE is not simulated"},
		{"location twice", func(in *CreateFleetInput) {
			in.Locations = []LocationConfiguration{{Location: "eu-west-1"}, {Location: "eu-west-1"}}
		}, "lists eu-west-1 twice"},
		{"bad location", func(in *CreateFleetInput) { in.Locations = []LocationConfiguration{{Location: "eu west"}} }, "not a location code"},
		{"no processes", func(in *CreateFleetInput) { in.RuntimeConfiguration = &RuntimeConfiguration{} }, "ServerProcesses must hold 1 to 50"},
		{"zero executions", func(in *CreateFleetInput) {
			in.RuntimeConfiguration = &RuntimeConfiguration{ServerProcesses: []ServerProcess{{LaunchPath: "/a"}}}
		}, "ConcurrentExecutions must be at least 1"},
		{"too many executions", func(in *CreateFleetInput) {
			in.RuntimeConfiguration = &RuntimeConfiguration{ServerProcesses: []ServerProcess{
				{LaunchPath: "/a", ConcurrentExecutions: 30}, {LaunchPath: "/b", ConcurrentExecutions: 21}}}
		}, "add up to 51"},
		{"no launch path", func(in *CreateFleetInput) {
			in.RuntimeConfiguration = &RuntimeConfiguration{ServerProcesses: []ServerProcess{{ConcurrentExecutions: 1}}}
		}, "LaunchPath"},
		{"desired elsewhere", func(in *CreateFleetInput) { in.DesiredInstances = map[string]int{"ap-south-1": 2} }, "ap-south-1, which is not a location"},
		{"desired negative", func(in *CreateFleetInput) { in.DesiredInstances = map[string]int{"us-east-1": -1} }, "must not be negative"},
		{"cost negative", func(in *CreateFleetInput) { in.CostPerHour = -1 }, "CostPerHour"},
		{"protection", func(in *CreateFleetInput) { in.NewGameSessionProtectionPolicy = "Some" }, "NoProtection or FullProtection"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHost(t)
			in := ok()
			c.change(in)
			_, err := h.s.CreateFleet(hostCtx, in)
			wantErr(t, err, engine.CodeInvalidRequest, c.want)
			if len(h.s.fleets) != 0 {
				t.Error("a fleet was created")
			}
		})
	}
}

// Capacity is instances × processes per instance; each game session holds
// a process until it ends.
func TestFleetCapacityExhaustedThenFreed(t *testing.T) {
	h := newHost(t)
	f := h.fleet(2, 3)
	var sessions []GameSession
	for range 6 {
		sessions = append(sessions, h.session(f.FleetId, 4))
	}
	_, err := h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId, MaximumPlayerSessionCount: 4})
	wantErr(t, err, engine.CodeFleetCapacityExceeded, f.FleetId, "us-east-1")

	util, _ := h.s.DescribeFleetUtilization(hostCtx, &DescribeFleetUtilizationInput{FleetIds: []string{f.FleetId}})
	if u := util.FleetUtilization[0]; u.ActiveServerProcessCount != 6 || u.ActiveGameSessionCount != 6 || u.MaximumPlayerSessionCount != 24 {
		t.Errorf("utilization %+v", u)
	}
	capOut, _ := h.s.DescribeFleetCapacity(hostCtx, &DescribeFleetCapacityInput{})
	if c := capOut.FleetCapacity[0].InstanceCounts; c.ACTIVE != 2 || c.IDLE != 0 {
		t.Errorf("counts %+v", *c)
	}

	if err := h.s.EndGameSession(sessions[2].GameSessionId); err != nil {
		t.Fatal(err)
	}
	h.session(f.FleetId, 4) // the freed process
	_, err = h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId})
	wantErr(t, err, engine.CodeFleetCapacityExceeded)

	if _, err := h.s.UpdateFleetCapacity(hostCtx, &UpdateFleetCapacityInput{FleetId: f.FleetId, MaxSize: intPtr(3), DesiredInstances: intPtr(3)}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		h.session(f.FleetId, 4)
	}
	_, err = h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId})
	wantErr(t, err, engine.CodeFleetCapacityExceeded)
}

func TestUpdateFleetCapacity(t *testing.T) {
	for _, c := range []struct {
		name string
		in   UpdateFleetCapacityInput
		want string // error fragment; "" for success
	}{
		{"grow", UpdateFleetCapacityInput{DesiredInstances: intPtr(5), MaxSize: intPtr(10)}, ""},
		{"above max", UpdateFleetCapacityInput{DesiredInstances: intPtr(5)}, "DesiredInstances 5 must be between MinSize 0 and MaxSize 2"},
		{"below min", UpdateFleetCapacityInput{MinSize: intPtr(2), DesiredInstances: intPtr(1)}, "between MinSize 2"},
		{"min above max", UpdateFleetCapacityInput{MinSize: intPtr(3)}, "MinSize 3 is above MaxSize 2"},
		{"negative", UpdateFleetCapacityInput{DesiredInstances: intPtr(-1)}, "must not be negative"},
		{"unknown location", UpdateFleetCapacityInput{Location: "sa-east-1", DesiredInstances: intPtr(1)}, "has no location sa-east-1"},
		{"remote location", UpdateFleetCapacityInput{Location: "eu-west-1", DesiredInstances: intPtr(0)}, ""},
		{"shrink below use", UpdateFleetCapacityInput{DesiredInstances: intPtr(0)}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHost(t)
			f := h.fleet(2, 1, LocationSpec{Location: "eu-west-1", Instances: 1})
			gs := h.session(f.FleetId, 2)
			in := c.in
			in.FleetId = f.FleetArn
			_, err := h.s.UpdateFleetCapacity(hostCtx, &in)
			if c.want != "" {
				wantErr(t, err, engine.CodeInvalidRequest, c.want)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			loc := or(in.Location, "us-east-1")
			out, _ := h.s.DescribeFleetLocationCapacity(hostCtx, &DescribeFleetLocationCapacityInput{FleetId: f.FleetId, Location: loc})
			counts := out.FleetCapacity.InstanceCounts
			if counts.DESIRED != *in.DesiredInstances {
				t.Errorf("DESIRED %d, want %d", counts.DESIRED, *in.DesiredInstances)
			}
			if got := h.describe(gs.GameSessionId).Status; got != GameSessionActive {
				t.Errorf("the game session is %s after the update", got)
			}
			if c.name == "shrink below use" {
				if counts.ACTIVE != 1 || counts.IDLE != 0 {
					t.Errorf("an instance hosting a session should stay ACTIVE: %+v", *counts)
				}
				_, err := h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId})
				wantErr(t, err, engine.CodeFleetCapacityExceeded)
			}
		})
	}
	h := newHost(t)
	_, err := h.s.UpdateFleetCapacity(hostCtx, &UpdateFleetCapacityInput{FleetId: "fleet-nope", DesiredInstances: intPtr(1)})
	wantErr(t, err, engine.CodeNotFound, "fleet-nope")
}

func TestCreateFleetLocations(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	out, err := h.s.CreateFleetLocations(hostCtx, &CreateFleetLocationsInput{FleetId: f.FleetId,
		Locations: []LocationConfiguration{{Location: "eu-west-1"}, {Location: "ap-northeast-1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.LocationStates) != 2 || out.LocationStates[1] != (LocationState{"ap-northeast-1", "ACTIVE"}) {
		t.Errorf("LocationStates %+v", out.LocationStates)
	}
	gs := h.session(f.FleetId, 2, func(in *CreateGameSessionInput) { in.Location = "ap-northeast-1" })
	if gs.Location != "ap-northeast-1" {
		t.Errorf("Location %q", gs.Location)
	}
	for _, c := range []struct {
		name string
		locs []LocationConfiguration
		want string
	}{
		{"existing", []LocationConfiguration{{Location: "eu-west-1"}}, "already has location eu-west-1"},
		{"home", []LocationConfiguration{{Location: "us-east-1"}}, "already has location us-east-1"},
		{"twice", []LocationConfiguration{{Location: "sa-east-1"}, {Location: "sa-east-1"}}, "already has location sa-east-1"},
		{"none", nil, "1 to 100"},
	} {
		_, err := h.s.CreateFleetLocations(hostCtx, &CreateFleetLocationsInput{FleetId: f.FleetId, Locations: c.locs})
		wantErr(t, err, engine.CodeInvalidRequest, c.want)
	}
	if n := len(h.s.fleets[f.FleetId].locations); n != 3 {
		t.Errorf("%d locations after the failed calls, want 3", n)
	}
}

func TestDescribeFleetAttributes(t *testing.T) {
	h := newHost(t)
	a, b, c := h.fleet(1, 1), h.fleet(1, 1), h.fleet(1, 1)
	out, err := h.s.DescribeFleetAttributes(hostCtx, &DescribeFleetAttributesInput{FleetIds: []string{c.FleetArn, "fleet-unknown", a.FleetId}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.FleetAttributes) != 2 || out.FleetAttributes[0].FleetId != c.FleetId || out.FleetAttributes[1].FleetId != a.FleetId {
		t.Errorf("by ID: %+v", out.FleetAttributes)
	}
	var got []string
	token := ""
	for {
		page, err := h.s.DescribeFleetAttributes(hostCtx, &DescribeFleetAttributesInput{Limit: 2, NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page.FleetAttributes {
			got = append(got, f.FleetId)
		}
		if token = page.NextToken; token == "" {
			break
		}
	}
	if len(got) != 3 || got[0] != a.FleetId || got[1] != b.FleetId || got[2] != c.FleetId {
		t.Errorf("pages: %v", got)
	}
	_, err = h.s.DescribeFleetAttributes(hostCtx, &DescribeFleetAttributesInput{NextToken: "x"})
	wantErr(t, err, engine.CodeInvalidRequest, "NextToken")
}

func TestDeleteFleet(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 2)
	_, err := h.s.DeleteFleet(hostCtx, &DeleteFleetInput{FleetId: f.FleetId})
	wantErr(t, err, engine.CodeInvalidRequest, "still hosts 1 active game sessions")
	if err := h.s.EndGameSession(gs.GameSessionId); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.DeleteFleet(hostCtx, &DeleteFleetInput{FleetId: f.FleetArn}); err != nil {
		t.Fatal(err)
	}
	_, err = h.s.DeleteFleet(hostCtx, &DeleteFleetInput{FleetId: f.FleetId})
	wantErr(t, err, engine.CodeNotFound)
	out, _ := h.s.DescribeFleetAttributes(hostCtx, &DescribeFleetAttributesInput{})
	if len(out.FleetAttributes) != 0 {
		t.Errorf("deleted fleet still listed")
	}
	_, err = h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId})
	wantErr(t, err, engine.CodeNotFound)
}
