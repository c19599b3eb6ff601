package placement

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

func TestCreateGameSession(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 2, LocationSpec{Location: "eu-west-1", Instances: 1})
	home := h.session(f.FleetId, 8, func(in *CreateGameSessionInput) {
		in.Name, in.CreatorId, in.GameSessionData = "duel", "player-1", "map=arena"
		in.GameProperties = props("mode", "brawl")
	})
	arn := regexp.MustCompile(`^arn:aws:gamelift:us-east-1::gamesession/` + f.FleetId + `/gsess-[0-9a-f-]{36}$`)
	if !arn.MatchString(home.GameSessionId) {
		t.Errorf("home GameSessionId %q", home.GameSessionId)
	}
	want := GameSession{
		GameSessionId: home.GameSessionId, Name: "duel", FleetId: f.FleetId, FleetArn: f.FleetArn,
		CreationTime: hostEpoch, MaximumPlayerSessionCount: 8, Status: GameSessionActive,
		GameProperties: props("mode", "brawl"), IpAddress: home.IpAddress, DnsName: home.DnsName, Port: home.Port,
		PlayerSessionCreationPolicy: PolicyAcceptAll, CreatorId: "player-1", GameSessionData: "map=arena", Location: "us-east-1",
	}
	if !reflect.DeepEqual(home, want) {
		t.Errorf("session\n%+v, want\n%+v", home, want)
	}
	if home.IpAddress == "" || !strings.HasSuffix(home.DnsName, ".us-east-1.compute.amazonaws.com") || home.Port < 1024 || home.Port > 60000 {
		t.Errorf("connection %s %s %d", home.IpAddress, home.DnsName, home.Port)
	}

	remote := h.session(f.FleetId, 8, func(in *CreateGameSessionInput) { in.Location = "eu-west-1"; in.IdempotencyToken = "match-42" })
	if want := "arn:aws:gamelift:us-east-1::gamesession/" + f.FleetId + "/eu-west-1/match-42"; remote.GameSessionId != want {
		t.Errorf("remote GameSessionId %q, want %q", remote.GameSessionId, want)
	}
	if remote.Location != "eu-west-1" {
		t.Errorf("remote Location %q", remote.Location)
	}
	custom := h.session(f.FleetId, 8, func(in *CreateGameSessionInput) { in.GameSessionId = "my-game" })
	if !strings.HasSuffix(custom.GameSessionId, "/"+f.FleetId+"/my-game") {
		t.Errorf("custom GameSessionId %q", custom.GameSessionId)
	}
}

func TestCreateGameSessionErrors(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	for _, c := range []struct {
		name   string
		change func(h *host, in *CreateGameSessionInput)
		code   string
		want   string
	}{
		{"fleet and alias", func(h *host, in *CreateGameSessionInput) { in.AliasId = "alias-1" }, engine.CodeInvalidRequest, "not both"},
		{"neither", func(h *host, in *CreateGameSessionInput) { in.FleetId = "" }, engine.CodeInvalidRequest, "FleetId or AliasId is required"},
		{"unknown fleet", func(h *host, in *CreateGameSessionInput) { in.FleetId = "fleet-x" }, engine.CodeNotFound, "fleet-x"},
		{"unknown alias", func(h *host, in *CreateGameSessionInput) { in.FleetId, in.AliasId = "", "alias-x" }, engine.CodeNotFound, "alias-x"},
		{"negative players", func(h *host, in *CreateGameSessionInput) { in.MaximumPlayerSessionCount = -1 }, engine.CodeInvalidRequest, "0 to 200"},
		{"over 200 players", func(h *host, in *CreateGameSessionInput) { in.MaximumPlayerSessionCount = 201 }, engine.CodeInvalidRequest, "0 to 200, got 201"},
		{"17 properties", func(h *host, in *CreateGameSessionInput) {
			for i := range 17 {
				in.GameProperties = append(in.GameProperties, engine.GameProperty{Key: string(rune('a' + i)), Value: "v"})
			}
		}, engine.CodeInvalidRequest, "at most 16 GameProperties"},
		{"long key", func(h *host, in *CreateGameSessionInput) { in.GameProperties = props(long(33), "v") }, engine.CodeInvalidRequest, "GameProperty key must be 1 to 32"},
		{"long value", func(h *host, in *CreateGameSessionInput) { in.GameProperties = props("k", long(97)) }, engine.CodeInvalidRequest, "at most 96"},
		{"long data", func(h *host, in *CreateGameSessionInput) { in.GameSessionData = long(MaxGameSessionData + 1) }, engine.CodeInvalidRequest, "GameSessionData"},
		{"long name", func(h *host, in *CreateGameSessionInput) { in.Name = long(1025) }, engine.CodeInvalidRequest, "Name must be 1 to 1024"},
		{"bad token", func(h *host, in *CreateGameSessionInput) { in.IdempotencyToken = "a/b" }, engine.CodeInvalidRequest, "IdempotencyToken"},
		{"long token", func(h *host, in *CreateGameSessionInput) { in.GameSessionId = long(49) }, engine.CodeInvalidRequest, "GameSessionId must be 1 to 48"},
		{"foreign location", func(h *host, in *CreateGameSessionInput) { in.Location = "ap-south-1" }, engine.CodeInvalidRequest, "has no location ap-south-1"},
		{"full fleet", func(h *host, in *CreateGameSessionInput) { h.session(in.FleetId, 1) }, engine.CodeFleetCapacityExceeded, "no available server process"},
		{"creation limit", func(h *host, in *CreateGameSessionInput) {
			f, _ := h.s.CreateFleet(hostCtx, &CreateFleetInput{Name: "limited", DesiredInstances: map[string]int{"us-east-1": 5},
				RuntimeConfiguration:        &RuntimeConfiguration{ServerProcesses: []ServerProcess{{LaunchPath: "/a", ConcurrentExecutions: 1}}},
				ResourceCreationLimitPolicy: &ResourceCreationLimitPolicy{NewGameSessionsPerCreator: 2, PolicyPeriodInMinutes: 10}})
			in.FleetId, in.CreatorId = f.FleetAttributes.FleetId, "greedy"
			h.session(in.FleetId, 1, func(c *CreateGameSessionInput) { c.CreatorId = "greedy" })
			h.clock.Advance(5 * time.Minute)
			h.session(in.FleetId, 1, func(c *CreateGameSessionInput) { c.CreatorId = "greedy" })
			h.session(in.FleetId, 1, func(c *CreateGameSessionInput) { c.CreatorId = "modest" })
		}, engine.CodeLimitExceeded, "greedy has created 2 game sessions"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHost(t)
			f := h.fleet(1, 1)
			in := &CreateGameSessionInput{FleetId: f.FleetId, MaximumPlayerSessionCount: 4}
			c.change(h, in)
			_, err := h.s.CreateGameSession(hostCtx, in)
			wantErr(t, err, c.code, c.want)
		})
	}

	// The creation limit counts sessions of the policy period only.
	h := newHost(t)
	f, _ := h.s.CreateFleet(hostCtx, &CreateFleetInput{Name: "limited", DesiredInstances: map[string]int{"us-east-1": 3},
		ResourceCreationLimitPolicy: &ResourceCreationLimitPolicy{NewGameSessionsPerCreator: 1, PolicyPeriodInMinutes: 1}})
	h.session(f.FleetAttributes.FleetId, 1, func(c *CreateGameSessionInput) { c.CreatorId = "p" })
	h.clock.Advance(time.Minute)
	h.session(f.FleetAttributes.FleetId, 1, func(c *CreateGameSessionInput) { c.CreatorId = "p" })
}

func TestCreateGameSessionIdempotency(t *testing.T) {
	h := newHost(t)
	f := h.fleet(2, 1)
	same := func(in *CreateGameSessionInput) { in.IdempotencyToken = "match-1"; in.Name = "a" }
	first := h.session(f.FleetId, 4, same)
	again := h.session(f.FleetId, 4, same)
	if again.GameSessionId != first.GameSessionId {
		t.Errorf("repeat created %s, want %s", again.GameSessionId, first.GameSessionId)
	}
	if u, _ := h.s.DescribeFleetUtilization(hostCtx, &DescribeFleetUtilizationInput{}); u.FleetUtilization[0].ActiveGameSessionCount != 1 {
		t.Errorf("the repeat used a second process")
	}
	_, err := h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId, MaximumPlayerSessionCount: 5, IdempotencyToken: "match-1", Name: "a"})
	wantErr(t, err, engine.CodeIdempotentParameterMismatch, "match-1")
	_, err = h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: f.FleetId, MaximumPlayerSessionCount: 4, GameSessionId: "match-1"})
	wantErr(t, err, engine.CodeIdempotentParameterMismatch)
}

func TestDescribeGameSessions(t *testing.T) {
	h := newHost(t)
	f := h.fleet(3, 1, LocationSpec{Location: "eu-west-1", Instances: 1})
	other := h.fleet(1, 1)
	a := h.session(f.FleetId, 2)
	b := h.session(f.FleetId, 2, func(in *CreateGameSessionInput) { in.Location = "eu-west-1" })
	c := h.session(f.FleetId, 2)
	h.session(other.FleetId, 2)
	if err := h.s.EndGameSession(c.GameSessionId); err != nil {
		t.Fatal(err)
	}
	alias, _ := h.s.CreateAlias(hostCtx, &CreateAliasInput{Name: "x", RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: f.FleetId}})
	ids := func(gs []GameSession) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.GameSessionId)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		in   DescribeGameSessionsInput
		want []string
	}{
		{"one", DescribeGameSessionsInput{GameSessionId: b.GameSessionId}, []string{b.GameSessionId}},
		{"fleet", DescribeGameSessionsInput{FleetId: f.FleetArn}, []string{a.GameSessionId, b.GameSessionId, c.GameSessionId}},
		{"alias", DescribeGameSessionsInput{AliasId: alias.Alias.AliasId}, []string{a.GameSessionId, b.GameSessionId, c.GameSessionId}},
		{"location", DescribeGameSessionsInput{FleetId: f.FleetId, Location: "eu-west-1"}, []string{b.GameSessionId}},
		{"active", DescribeGameSessionsInput{FleetId: f.FleetId, StatusFilter: GameSessionActive}, []string{a.GameSessionId, b.GameSessionId}},
		{"terminated", DescribeGameSessionsInput{FleetId: f.FleetId, StatusFilter: GameSessionTerminated}, []string{c.GameSessionId}},
	} {
		out, err := h.s.DescribeGameSessions(hostCtx, &tc.in)
		if err != nil || !slices.Equal(ids(out.GameSessions), tc.want) {
			t.Errorf("%s: %v, %v; want %v", tc.name, ids(out.GameSessions), err, tc.want)
		}
	}
	page, _ := h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{FleetId: f.FleetId, Limit: 2})
	rest, _ := h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{FleetId: f.FleetId, Limit: 2, NextToken: page.NextToken})
	if got := append(ids(page.GameSessions), ids(rest.GameSessions)...); len(got) != 3 || got[2] != c.GameSessionId || rest.NextToken != "" {
		t.Errorf("pages %v, last token %q", got, rest.NextToken)
	}
	for _, tc := range []struct {
		in   DescribeGameSessionsInput
		code string
	}{
		{DescribeGameSessionsInput{}, engine.CodeInvalidRequest},
		{DescribeGameSessionsInput{GameSessionId: "arn:aws:gamelift:us-east-1::gamesession/fleet-x/y"}, engine.CodeNotFound},
		{DescribeGameSessionsInput{FleetId: f.FleetId, StatusFilter: "RUNNING"}, engine.CodeInvalidRequest},
		{DescribeGameSessionsInput{FleetId: f.FleetId, Limit: -1}, engine.CodeInvalidRequest},
	} {
		_, err := h.s.DescribeGameSessions(hostCtx, &tc.in)
		wantErr(t, err, tc.code)
	}
	det, err := h.s.DescribeGameSessionDetails(hostCtx, &DescribeGameSessionDetailsInput{FleetId: f.FleetId, StatusFilter: GameSessionActive})
	if err != nil || len(det.GameSessionDetails) != 2 || det.GameSessionDetails[0].ProtectionPolicy != ProtectionNone ||
		det.GameSessionDetails[1].GameSession.GameSessionId != b.GameSessionId {
		t.Errorf("details %+v, %v", det, err)
	}
}

func TestUpdateGameSession(t *testing.T) {
	h := newHost(t)
	f := h.fleet(2, 1)
	gs := h.session(f.FleetId, 4, func(in *CreateGameSessionInput) { in.GameProperties = props("mode", "brawl", "map", "arena") })
	out, err := h.s.UpdateGameSession(hostCtx, &UpdateGameSessionInput{
		GameSessionId:             gs.GameSessionId,
		MaximumPlayerSessionCount: intPtr(6),
		Name:                      strPtr("renamed"),
		ProtectionPolicy:          strPtr(ProtectionFull),
		GameProperties:            props("map", "docks", "difficulty", "hard"),
	})
	if err != nil {
		t.Fatal(err)
	}
	u := out.GameSession
	if u.MaximumPlayerSessionCount != 6 || u.Name != "renamed" || !slices.Equal(u.GameProperties, props("mode", "brawl", "map", "docks", "difficulty", "hard")) {
		t.Errorf("updated %+v", u)
	}
	det, _ := h.s.DescribeGameSessionDetails(hostCtx, &DescribeGameSessionDetailsInput{GameSessionId: gs.GameSessionId})
	if det.GameSessionDetails[0].ProtectionPolicy != ProtectionFull {
		t.Errorf("protection %q", det.GameSessionDetails[0].ProtectionPolicy)
	}
	u.GameProperties[0].Value = "changed by the caller"
	if h.describe(gs.GameSessionId).GameProperties[0].Value != "brawl" {
		t.Error("an output shares the session's properties")
	}

	// DENY_ALL refuses new players; ACCEPT_ALL takes them again.
	if _, err := h.s.UpdateGameSession(hostCtx, &UpdateGameSessionInput{GameSessionId: gs.GameSessionId, PlayerSessionCreationPolicy: strPtr(PolicyDenyAll)}); err != nil {
		t.Fatal(err)
	}
	_, err = h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs.GameSessionId, PlayerId: "p1"})
	wantErr(t, err, engine.CodeGameSessionFull, "not accepting new players")
	if _, err := h.s.UpdateGameSession(hostCtx, &UpdateGameSessionInput{GameSessionId: gs.GameSessionId, PlayerSessionCreationPolicy: strPtr(PolicyAcceptAll)}); err != nil {
		t.Fatal(err)
	}
	h.players(gs.GameSessionId, "p1")

	for _, c := range []struct {
		name string
		in   UpdateGameSessionInput
		want string
	}{
		{"too many players", UpdateGameSessionInput{MaximumPlayerSessionCount: intPtr(201)}, "0 to 200"},
		{"empty name", UpdateGameSessionInput{Name: strPtr("")}, "Name must be 1 to 1024"},
		{"bad policy", UpdateGameSessionInput{PlayerSessionCreationPolicy: strPtr("ALLOW")}, "ACCEPT_ALL or DENY_ALL"},
		{"bad protection", UpdateGameSessionInput{ProtectionPolicy: strPtr("Full")}, "NoProtection or FullProtection"},
		{"17 properties", UpdateGameSessionInput{GameProperties: props("a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6", "g", "7",
			"h", "8", "i", "9", "j", "10", "k", "11", "l", "12", "m", "13", "n", "14")}, "would have 17 GameProperties"},
	} {
		in := c.in
		in.GameSessionId = gs.GameSessionId
		_, err := h.s.UpdateGameSession(hostCtx, &in)
		wantErr(t, err, engine.CodeInvalidRequest, c.want)
	}
	_, err = h.s.UpdateGameSession(hostCtx, &UpdateGameSessionInput{GameSessionId: "nope", Name: strPtr("x")})
	wantErr(t, err, engine.CodeNotFound)
	h.s.EndGameSession(gs.GameSessionId)
	_, err = h.s.UpdateGameSession(hostCtx, &UpdateGameSessionInput{GameSessionId: gs.GameSessionId, Name: strPtr("x")})
	wantErr(t, err, engine.CodeInvalidGameSessionStatus, "TERMINATED")
}
