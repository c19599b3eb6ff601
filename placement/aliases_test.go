package placement

import (
	"regexp"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

func TestAliasRouting(t *testing.T) {
	h := newHost(t)
	f, g := h.fleet(1, 1), h.fleet(1, 1)
	simple, err := h.s.CreateAlias(hostCtx, &CreateAliasInput{Name: "live",
		RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: f.FleetArn}})
	if err != nil {
		t.Fatal(err)
	}
	a := simple.Alias
	if !regexp.MustCompile(`^alias-[0-9a-f-]{36}$`).MatchString(a.AliasId) ||
		a.AliasArn != "arn:aws:gamelift:us-east-1:123456789012:alias/"+a.AliasId ||
		a.RoutingStrategy.FleetId != f.FleetId {
		t.Errorf("alias %+v", a)
	}
	for _, id := range []string{a.AliasId, a.AliasArn} {
		res, err := h.s.ResolveAlias(hostCtx, &ResolveAliasInput{AliasId: id})
		if err != nil || res.FleetId != f.FleetId || res.FleetArn != f.FleetArn {
			t.Errorf("ResolveAlias(%s) = %+v, %v", id, res, err)
		}
	}
	gs := h.session("", 2, func(in *CreateGameSessionInput) { in.AliasId = a.AliasArn })
	if gs.FleetId != f.FleetId {
		t.Errorf("session through the alias is on %s", gs.FleetId)
	}

	terminal, err := h.s.CreateAlias(hostCtx, &CreateAliasInput{Name: "retired",
		RoutingStrategy: &RoutingStrategy{Type: RoutingTerminal, Message: "Version 1 is retired; please update.", FleetId: g.FleetId}})
	if err != nil {
		t.Fatal(err)
	}
	tid := terminal.Alias.AliasId
	if terminal.Alias.RoutingStrategy.FleetId != "" {
		t.Errorf("a TERMINAL alias keeps FleetId %q", terminal.Alias.RoutingStrategy.FleetId)
	}
	const msg = "Version 1 is retired; please update."
	_, err = h.s.ResolveAlias(hostCtx, &ResolveAliasInput{AliasId: tid})
	wantErr(t, err, engine.CodeTerminalRoutingStrategy, msg)
	_, err = h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{AliasId: tid, MaximumPlayerSessionCount: 2})
	wantErr(t, err, engine.CodeTerminalRoutingStrategy, msg)
	_, err = h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{AliasId: tid})
	wantErr(t, err, engine.CodeTerminalRoutingStrategy, msg)
	_, err = h.s.DescribeGameSessions(hostCtx, &DescribeGameSessionsInput{AliasId: tid})
	wantErr(t, err, engine.CodeTerminalRoutingStrategy, msg)

	// resolveDestination, for queue destinations.
	for _, c := range []struct {
		dest, fleet, code string
	}{
		{f.FleetArn, f.FleetId, ""},
		{g.FleetId, g.FleetId, ""},
		{a.AliasArn, f.FleetId, ""},
		{a.AliasId, f.FleetId, ""},
		{terminal.Alias.AliasArn, "", engine.CodeTerminalRoutingStrategy},
		{"arn:aws:gamelift:us-east-1:123456789012:fleet/fleet-gone", "", engine.CodeNotFound},
		{"arn:aws:gamelift:us-east-1:123456789012:alias/alias-gone", "", engine.CodeNotFound},
	} {
		got, err := h.s.resolveDestination(c.dest)
		switch {
		case c.code != "":
			wantErr(t, err, c.code)
		case err != nil || got.attrs.FleetId != c.fleet:
			t.Errorf("resolveDestination(%s) = %v, %v; want %s", c.dest, got, err, c.fleet)
		}
	}

	// Repointing the SIMPLE alias to TERMINAL, and listing.
	up, err := h.s.UpdateAlias(hostCtx, &UpdateAliasInput{AliasId: a.AliasId, Description: strPtr("now closed"),
		RoutingStrategy: &RoutingStrategy{Type: RoutingTerminal, Message: "closed"}})
	if err != nil || up.Alias.Name != "live" || up.Alias.Description != "now closed" || up.Alias.RoutingStrategy.Type != RoutingTerminal {
		t.Fatalf("UpdateAlias = %+v, %v", up, err)
	}
	_, err = h.s.ResolveAlias(hostCtx, &ResolveAliasInput{AliasId: a.AliasId})
	wantErr(t, err, engine.CodeTerminalRoutingStrategy, "closed")
	list, _ := h.s.ListAliases(hostCtx, &ListAliasesInput{RoutingStrategyType: RoutingTerminal})
	if len(list.Aliases) != 2 || list.Aliases[0].AliasId != a.AliasId {
		t.Errorf("TERMINAL aliases %+v", list.Aliases)
	}
	list, _ = h.s.ListAliases(hostCtx, &ListAliasesInput{Name: "retired"})
	if len(list.Aliases) != 1 || list.Aliases[0].AliasId != tid {
		t.Errorf("aliases named retired %+v", list.Aliases)
	}

	if _, err := h.s.DeleteAlias(hostCtx, &DeleteAliasInput{AliasId: tid}); err != nil {
		t.Fatal(err)
	}
	_, err = h.s.DescribeAlias(hostCtx, &DescribeAliasInput{AliasId: tid})
	wantErr(t, err, engine.CodeNotFound, tid)
}

func TestAliasErrors(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	for _, c := range []struct {
		name string
		in   CreateAliasInput
		want string
	}{
		{"no strategy", CreateAliasInput{Name: "a"}, "RoutingStrategy is required"},
		{"bad type", CreateAliasInput{Name: "a", RoutingStrategy: &RoutingStrategy{Type: "ROUND_ROBIN"}}, "SIMPLE or TERMINAL"},
		{"no fleet", CreateAliasInput{Name: "a", RoutingStrategy: &RoutingStrategy{Type: RoutingSimple}}, "FleetId is required"},
		{"unknown fleet", CreateAliasInput{Name: "a", RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: "fleet-x"}}, "fleet fleet-x not found"},
		{"blank name", CreateAliasInput{Name: "  ", RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: f.FleetId}}, "blank"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.s.CreateAlias(hostCtx, &c.in)
			wantErr(t, err, engine.CodeInvalidRequest, c.want)
		})
	}
	_, err := h.s.ListAliases(hostCtx, &ListAliasesInput{RoutingStrategyType: "simple"})
	wantErr(t, err, engine.CodeInvalidRequest)
	_, err = h.s.UpdateAlias(hostCtx, &UpdateAliasInput{AliasId: "alias-x"})
	wantErr(t, err, engine.CodeNotFound)

	// An alias whose fleet was deleted resolves to NotFound.
	a, _ := h.s.CreateAlias(hostCtx, &CreateAliasInput{Name: "a", RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: f.FleetId}})
	if _, err := h.s.DeleteFleet(hostCtx, &DeleteFleetInput{FleetId: f.FleetId}); err != nil {
		t.Fatal(err)
	}
	_, err = h.s.ResolveAlias(hostCtx, &ResolveAliasInput{AliasId: a.Alias.AliasId})
	wantErr(t, err, engine.CodeNotFound, f.FleetId)
}
