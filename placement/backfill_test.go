package placement

import (
	"testing"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

func TestGameSessionForBackfill(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 4)
	h.s.sessions[gs.GameSessionId].attrs.MatchmakerData = `{"matchId":"m1"}`
	got, err := h.s.GameSession(gs.GameSessionId)
	want := engine.BackfillSession{GameSessionArn: gs.GameSessionId, Status: GameSessionActive, MaximumPlayerSessionCount: 4, MatchmakerData: `{"matchId":"m1"}`, Location: "us-east-1"}
	if err != nil || got != want {
		t.Errorf("GameSession = %+v, %v; want %+v", got, err, want)
	}
	_, err = h.s.GameSession("arn:aws:gamelift:us-east-1::gamesession/fleet-x/none")
	wantErr(t, err, engine.CodeNotFound)
}

func TestJoinGameSession(t *testing.T) {
	h := newHost(t)
	f := h.fleet(1, 1)
	gs := h.session(f.FleetId, 3)
	h.players(gs.GameSessionId, "old")
	join := func(data string, ids ...string) (*engine.GameSessionConnectionInfo, error) {
		req := engine.JoinRequest{GameSessionArn: gs.GameSessionId, MatchmakerData: data}
		for _, id := range ids {
			req.Players = append(req.Players, ticket.Player{PlayerID: id, Team: "red"})
		}
		return h.s.JoinGameSession(req)
	}

	_, err := join(`{"v":2}`, "a", "b", "c")
	wantErr(t, err, engine.CodeGameSessionFull)
	if got := h.describe(gs.GameSessionId); got.CurrentPlayerSessionCount != 1 || got.MatchmakerData != "" {
		t.Fatalf("a refused join changed the session: %d seats, data %q", got.CurrentPlayerSessionCount, got.MatchmakerData)
	}

	info, err := join(`{"v":3}`, "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if info.GameSessionArn != gs.GameSessionId || info.IpAddress != gs.IpAddress || info.DnsName != gs.DnsName || info.Port != gs.Port {
		t.Errorf("connection %+v", info)
	}
	if len(info.MatchedPlayerSessions) != 2 || info.MatchedPlayerSessions[1].PlayerId != "b" {
		t.Fatalf("MatchedPlayerSessions %+v", info.MatchedPlayerSessions)
	}
	for _, m := range info.MatchedPlayerSessions {
		if ps := h.playerSession(m.PlayerSessionId); ps.PlayerId != m.PlayerId || ps.Status != PlayerSessionReserved {
			t.Errorf("player session of %s: %+v", m.PlayerId, ps)
		}
	}
	if got := h.describe(gs.GameSessionId); got.CurrentPlayerSessionCount != 3 || got.MatchmakerData != `{"v":3}` {
		t.Errorf("after the join: %d seats, data %q", got.CurrentPlayerSessionCount, got.MatchmakerData)
	}

	h.s.EndGameSession(gs.GameSessionId)
	_, err = join(`{"v":4}`, "d")
	wantErr(t, err, engine.CodeInvalidGameSessionStatus)
	_, err = h.s.JoinGameSession(engine.JoinRequest{GameSessionArn: "arn:none", Players: []ticket.Player{{PlayerID: "d"}}})
	wantErr(t, err, engine.CodeNotFound)
}
