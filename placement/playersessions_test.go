package placement

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

func TestCreatePlayerSessions(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 3)
	out, err := h.s.CreatePlayerSessions(hostCtx, &CreatePlayerSessionsInput{GameSessionId: gs.GameSessionId,
		PlayerIds: []string{"ann", "bob"}, PlayerDataMap: map[string]string{"ann": "lvl=3", "zed": "ignored"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := out.PlayerSessions[0]
	if !regexp.MustCompile(`^psess-[0-9a-f-]{36}$`).MatchString(ann.PlayerSessionId) {
		t.Errorf("PlayerSessionId %q", ann.PlayerSessionId)
	}
	want := PlayerSession{PlayerSessionId: ann.PlayerSessionId, PlayerId: "ann", GameSessionId: gs.GameSessionId,
		FleetId: f.FleetId, FleetArn: f.FleetArn, CreationTime: hostEpoch, Status: PlayerSessionReserved,
		IpAddress: gs.IpAddress, DnsName: gs.DnsName, Port: gs.Port, PlayerData: "lvl=3"}
	if ann != want {
		t.Errorf("player session\n%+v, want\n%+v", ann, want)
	}
	if out.PlayerSessions[1].PlayerData != "" || h.describe(gs.GameSessionId).CurrentPlayerSessionCount != 2 {
		t.Errorf("bob %+v", out.PlayerSessions[1])
	}

	// A full game session: all or none.
	_, err = h.s.CreatePlayerSessions(hostCtx, &CreatePlayerSessionsInput{GameSessionId: gs.GameSessionId, PlayerIds: []string{"cat", "dan"}})
	wantErr(t, err, engine.CodeGameSessionFull, "is full")
	if n := h.describe(gs.GameSessionId).CurrentPlayerSessionCount; n != 2 {
		t.Errorf("%d seats taken after a refused request, want 2", n)
	}
	one, err := h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs.GameSessionId, PlayerId: "cat", PlayerData: "x"})
	if err != nil || one.PlayerSession.PlayerId != "cat" || one.PlayerSession.PlayerData != "x" {
		t.Fatalf("CreatePlayerSession = %+v, %v", one, err)
	}
	_, err = h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs.GameSessionId, PlayerId: "dan"})
	wantErr(t, err, engine.CodeGameSessionFull)

	many := make([]string, 26)
	for i := range many {
		many[i] = string(rune('a'+i%26)) + "-player"
	}
	for _, c := range []struct {
		name string
		in   CreatePlayerSessionsInput
		code string
		want string
	}{
		{"no players", CreatePlayerSessionsInput{}, engine.CodeInvalidRequest, "1 to 25"},
		{"26 players", CreatePlayerSessionsInput{PlayerIds: many}, engine.CodeInvalidRequest, "got 26"},
		{"empty id", CreatePlayerSessionsInput{PlayerIds: []string{""}}, engine.CodeInvalidRequest, "PlayerId"},
		{"long data", CreatePlayerSessionsInput{PlayerIds: []string{"q"}, PlayerDataMap: map[string]string{"q": strings.Repeat("d", 2049)}}, engine.CodeInvalidRequest, "PlayerData"},
		{"unknown session", CreatePlayerSessionsInput{GameSessionId: "arn:none", PlayerIds: []string{"q"}}, engine.CodeNotFound, "arn:none"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			if in.GameSessionId == "" {
				in.GameSessionId = gs.GameSessionId
			}
			_, err := h.s.CreatePlayerSessions(hostCtx, &in)
			wantErr(t, err, c.code, c.want)
		})
	}

	g2, _ := h.s.CreateFleet(hostCtx, &CreateFleetInput{Name: "more"})
	gs2 := h.session(g2.FleetAttributes.FleetId, 10)
	_, err = h.s.CreatePlayerSessions(hostCtx, &CreatePlayerSessionsInput{GameSessionId: gs2.GameSessionId, PlayerIds: []string{"eve", "eve"}})
	wantErr(t, err, engine.CodeInvalidRequest, "Duplicate player ID eve")
	h.players(gs2.GameSessionId, "eve")
	_, err = h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs2.GameSessionId, PlayerId: "eve"})
	wantErr(t, err, engine.CodeInvalidRequest, "already has a player session")
}

// A RESERVED player session times out at exactly 60 s and frees its seat.
func TestPlayerSessionTimeout(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 2)
	ps := h.players(gs.GameSessionId, "ann", "bob")
	if err := h.s.PlayerConnected(ps[1].PlayerSessionId); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(59 * time.Second)
	if got := h.playerSession(ps[0].PlayerSessionId); got.Status != PlayerSessionReserved {
		t.Fatalf("at 59 s: %s, want RESERVED", got.Status)
	}
	if n := h.describe(gs.GameSessionId).CurrentPlayerSessionCount; n != 2 {
		t.Fatalf("at 59 s: %d seats taken", n)
	}
	h.clock.Advance(time.Second)
	got := h.playerSession(ps[0].PlayerSessionId)
	if got.Status != PlayerSessionTimedOut || !got.TerminationTime.Equal(hostEpoch.Add(60*time.Second)) {
		t.Fatalf("at 60 s: %s ended %v, want TIMEDOUT at 60 s", got.Status, got.TerminationTime)
	}
	if got := h.playerSession(ps[1].PlayerSessionId); got.Status != PlayerSessionActive {
		t.Errorf("the connected player is %s", got.Status)
	}
	if n := h.describe(gs.GameSessionId).CurrentPlayerSessionCount; n != 1 {
		t.Errorf("at 60 s: %d seats taken, want 1", n)
	}
	if len(h.s.reserved) != 0 {
		t.Errorf("%d reservations still tracked", len(h.s.reserved))
	}
	h.players(gs.GameSessionId, "cat") // the freed seat
	err := h.s.PlayerConnected(ps[0].PlayerSessionId)
	wantErr(t, err, engine.CodeInvalidRequest, "TIMEDOUT, not RESERVED")
}

// Reservations are timed out between ticks too: any operation sees the
// seats as of its own time.
func TestPlayerSessionTimeoutBetweenTicks(t *testing.T) {
	h := newHost(t)
	h.s.Close() // no ticks at all
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 1)
	ps := h.players(gs.GameSessionId, "ann")
	h.clock.Advance(time.Minute)
	out := h.players(gs.GameSessionId, "bob")
	if h.playerSession(ps[0].PlayerSessionId).Status != PlayerSessionTimedOut || out[0].Status != PlayerSessionReserved {
		t.Error("the expired reservation still held the seat")
	}
}

func TestPlayerConnectedAndLeft(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 1)
	ps := h.players(gs.GameSessionId, "ann")[0]
	if err := h.s.PlayerConnected(ps.PlayerSessionId); err != nil || h.playerSession(ps.PlayerSessionId).Status != PlayerSessionActive {
		t.Fatalf("PlayerConnected: %v", err)
	}
	err := h.s.PlayerConnected(ps.PlayerSessionId)
	wantErr(t, err, engine.CodeInvalidRequest, "ACTIVE, not RESERVED")
	h.clock.Advance(2 * time.Minute)
	if h.playerSession(ps.PlayerSessionId).Status != PlayerSessionActive {
		t.Fatal("an ACTIVE player session timed out")
	}
	_, err = h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs.GameSessionId, PlayerId: "bob"})
	wantErr(t, err, engine.CodeGameSessionFull)

	if err := h.s.PlayerLeft(ps.PlayerSessionId); err != nil {
		t.Fatal(err)
	}
	if left := h.playerSession(ps.PlayerSessionId); left.Status != PlayerSessionCompleted || !left.TerminationTime.Equal(h.clock.Now()) {
		t.Fatalf("after PlayerLeft: %+v", left)
	}
	bob := h.players(gs.GameSessionId, "bob")[0] // the freed seat
	if err := h.s.PlayerLeft(bob.PlayerSessionId); err != nil {
		t.Errorf("a RESERVED player cannot leave: %v", err)
	}
	err = h.s.PlayerLeft(ps.PlayerSessionId)
	wantErr(t, err, engine.CodeInvalidRequest, "COMPLETED")
	err = h.s.PlayerConnected(ps.PlayerSessionId)
	wantErr(t, err, engine.CodeInvalidRequest, "COMPLETED")
	err = h.s.PlayerLeft("psess-unknown")
	wantErr(t, err, engine.CodeNotFound)
	if n := h.describe(gs.GameSessionId).CurrentPlayerSessionCount; n != 0 {
		t.Errorf("%d seats taken, want 0", n)
	}
}

func TestEndGameSession(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 4)
	ps := h.players(gs.GameSessionId, "ann", "bob")
	h.s.PlayerConnected(ps[0].PlayerSessionId)
	h.clock.Advance(10 * time.Second)
	if err := h.s.EndGameSession(gs.GameSessionId); err != nil {
		t.Fatal(err)
	}
	if ended := h.describe(gs.GameSessionId); ended.Status != GameSessionTerminated || !ended.TerminationTime.Equal(h.clock.Now()) || ended.CurrentPlayerSessionCount != 0 {
		t.Fatalf("after EndGameSession: %+v", ended)
	}
	for _, p := range ps {
		if got := h.playerSession(p.PlayerSessionId); got.Status != PlayerSessionCompleted {
			t.Errorf("%s is %s", p.PlayerId, got.Status)
		}
	}
	h.clock.Advance(time.Minute) // the reservation must not time out a second time
	if got := h.describe(gs.GameSessionId); got.CurrentPlayerSessionCount != 0 || h.playerSession(ps[1].PlayerSessionId).Status != PlayerSessionCompleted {
		t.Errorf("after the end: %d seats, bob %s", got.CurrentPlayerSessionCount, h.playerSession(ps[1].PlayerSessionId).Status)
	}
	_, err := h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs.GameSessionId, PlayerId: "cat"})
	wantErr(t, err, engine.CodeInvalidGameSessionStatus, "TERMINATED")
	err = h.s.EndGameSession(gs.GameSessionId)
	wantErr(t, err, engine.CodeInvalidGameSessionStatus)
	err = h.s.EndGameSession("arn:none")
	wantErr(t, err, engine.CodeNotFound)
	h.session(f.FleetId, 4) // the process hosts a new session
}

func TestDescribePlayerSessions(t *testing.T) {
	h := newHost(t)
	f := h.fleet(2, 1)
	g1, g2 := h.session(f.FleetId, 5), h.session(f.FleetId, 5)
	a := h.players(g1.GameSessionId, "ann", "bob")
	b := h.players(g2.GameSessionId, "ann")
	h.s.PlayerConnected(a[1].PlayerSessionId)
	h.s.PlayerLeft(a[0].PlayerSessionId)
	ids := func(ps []PlayerSession) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.PlayerSessionId)
		}
		return strings.Join(out, ",")
	}
	for _, c := range []struct {
		name string
		in   DescribePlayerSessionsInput
		want []PlayerSession
	}{
		{"by id", DescribePlayerSessionsInput{PlayerSessionId: b[0].PlayerSessionId}, b},
		{"by game session", DescribePlayerSessionsInput{GameSessionId: g1.GameSessionId}, a},
		{"by game session, ACTIVE", DescribePlayerSessionsInput{GameSessionId: g1.GameSessionId, PlayerSessionStatusFilter: PlayerSessionActive}, a[1:]},
		{"by player", DescribePlayerSessionsInput{PlayerId: "ann"}, []PlayerSession{a[0], b[0]}},
		{"by player, filter ignored", DescribePlayerSessionsInput{PlayerId: "ann", PlayerSessionStatusFilter: PlayerSessionActive}, []PlayerSession{a[0], b[0]}},
		{"by player, page", DescribePlayerSessionsInput{PlayerId: "ann", Limit: 1, NextToken: "1"}, b},
	} {
		out, err := h.s.DescribePlayerSessions(hostCtx, &c.in)
		if err != nil || ids(out.PlayerSessions) != ids(c.want) {
			t.Errorf("%s: %s, %v; want %s", c.name, ids(out.PlayerSessions), err, ids(c.want))
		}
	}
	for _, c := range []struct {
		in   DescribePlayerSessionsInput
		code string
	}{
		{DescribePlayerSessionsInput{}, engine.CodeInvalidRequest},
		{DescribePlayerSessionsInput{PlayerId: "ann", GameSessionId: g1.GameSessionId}, engine.CodeInvalidRequest},
		{DescribePlayerSessionsInput{GameSessionId: g1.GameSessionId, PlayerSessionStatusFilter: "GONE"}, engine.CodeInvalidRequest},
		{DescribePlayerSessionsInput{PlayerSessionId: "psess-x"}, engine.CodeNotFound},
		{DescribePlayerSessionsInput{GameSessionId: "arn:x"}, engine.CodeNotFound},
	} {
		_, err := h.s.DescribePlayerSessions(hostCtx, &c.in)
		wantErr(t, err, c.code)
	}
}
