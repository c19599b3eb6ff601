package placement

import (
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

func (h *host) terminate(id, mode string) (GameSession, error) {
	h.t.Helper()
	out, err := h.s.TerminateGameSession(hostCtx, &TerminateGameSessionInput{GameSessionId: id, TerminationMode: mode})
	if err != nil {
		return GameSession{}, err
	}
	return *out.GameSession, nil
}

// canHost reports whether the fleet's home location has a free process.
func (h *host) canHost(fleetID string) bool {
	h.t.Helper()
	_, err := h.s.CreateGameSession(hostCtx, &CreateGameSessionInput{FleetId: fleetID, MaximumPlayerSessionCount: 2})
	if err != nil && engine.ErrorCode(err) != engine.CodeFleetCapacityExceeded {
		h.t.Fatalf("CreateGameSession: %v", err)
	}
	return err == nil
}

// TestTerminateGameSession checks both termination modes on a session with
// a reserved and a connected player, on a fleet of one process.
func TestTerminateGameSession(t *testing.T) {
	cases := []struct {
		mode, reason string
		now          bool // TERMINATED by the call itself, not by the next tick
	}{
		{TerminationForceTerminate, ReasonForceTerminated, true},
		{TerminationTriggerOnProcessTerminate, ReasonTriggeredOnProcessTerminate, false},
	}
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			h := newHost(t)
			f := h.fleet(1, 1)
			gs := h.session(f.FleetId, 4)
			ps := h.players(gs.GameSessionId, "a", "b")
			if err := h.s.PlayerConnected(ps[1].PlayerSessionId); err != nil {
				t.Fatal(err)
			}
			h.clock.Advance(300 * time.Millisecond)
			callTime := h.clock.Now()
			got, err := h.terminate(gs.GameSessionId, c.mode)
			if err != nil {
				t.Fatal(err)
			}
			if got.StatusReason != c.reason {
				t.Errorf("StatusReason %q, want %q", got.StatusReason, c.reason)
			}
			if !c.now {
				if got.Status != GameSessionTerminating || !got.TerminationTime.IsZero() || got.CurrentPlayerSessionCount != 2 {
					t.Fatalf("after the call: %s, ended %v, %d players; want TERMINATING with its players", got.Status, got.TerminationTime, got.CurrentPlayerSessionCount)
				}
				u, err := h.s.DescribeFleetUtilization(hostCtx, &DescribeFleetUtilizationInput{FleetIds: []string{f.FleetId}})
				if err != nil || u.FleetUtilization[0].ActiveGameSessionCount != 0 {
					t.Errorf("utilization while TERMINATING: %+v, %v; want no active game session", u, err)
				}
				if h.canHost(f.FleetId) {
					t.Error("a TERMINATING session's process hosted another session")
				}
				_, err = h.s.CreatePlayerSession(hostCtx, &CreatePlayerSessionInput{GameSessionId: gs.GameSessionId, PlayerId: "c"})
				wantErr(t, err, engine.CodeInvalidGameSessionStatus)
				_, err = h.s.UpdateGameSession(hostCtx, &UpdateGameSessionInput{GameSessionId: gs.GameSessionId, Name: strPtr("x")})
				wantErr(t, err, engine.CodeInvalidGameSessionStatus)
				if st := h.playerSession(ps[1].PlayerSessionId).Status; st != PlayerSessionActive {
					t.Errorf("a connected player is %s while the session terminates", st)
				}
				h.clock.Advance(700 * time.Millisecond) // the next tick
			}
			end := h.describe(gs.GameSessionId)
			wantEnd := callTime
			if !c.now {
				wantEnd = hostEpoch.Add(time.Second)
			}
			if end.Status != GameSessionTerminated || end.StatusReason != c.reason || !end.TerminationTime.Equal(wantEnd) || end.CurrentPlayerSessionCount != 0 {
				t.Errorf("ended: %s (%s) at %v with %d players; want TERMINATED (%s) at %v", end.Status, end.StatusReason, end.TerminationTime,
					end.CurrentPlayerSessionCount, c.reason, wantEnd)
			}
			for _, p := range ps {
				if got := h.playerSession(p.PlayerSessionId); got.Status != PlayerSessionCompleted || !got.TerminationTime.Equal(wantEnd) {
					t.Errorf("player %s: %s at %v, want COMPLETED", got.PlayerId, got.Status, got.TerminationTime)
				}
			}
			if !h.canHost(f.FleetId) {
				t.Error("the process was not freed")
			}
		})
	}
}

// TestTerminatingSessionEndedEarly checks that a TERMINATING session ends at
// once by EndGameSession (the game server's ProcessEnding) or by
// FORCE_TERMINATE, keeping the reason of the call that ended it.
func TestTerminatingSessionEndedEarly(t *testing.T) {
	for _, by := range []string{"EndGameSession", TerminationForceTerminate} {
		t.Run(by, func(t *testing.T) {
			h := newHost(t)
			f := h.fleet(1, 1)
			gs := h.session(f.FleetId, 4)
			if _, err := h.terminate(gs.GameSessionId, TerminationTriggerOnProcessTerminate); err != nil {
				t.Fatal(err)
			}
			want := ReasonTriggeredOnProcessTerminate
			if by == "EndGameSession" {
				if err := h.s.EndGameSession(gs.GameSessionId); err != nil {
					t.Fatal(err)
				}
			} else {
				want = ReasonForceTerminated
				if _, err := h.terminate(gs.GameSessionId, by); err != nil {
					t.Fatal(err)
				}
			}
			if got := h.describe(gs.GameSessionId); got.Status != GameSessionTerminated || got.StatusReason != want || !got.TerminationTime.Equal(hostEpoch) {
				t.Errorf("%s (%s) at %v, want TERMINATED (%s) now", got.Status, got.StatusReason, got.TerminationTime, want)
			}
			if !h.canHost(f.FleetId) {
				t.Error("the process was not freed")
			}
			h.clock.Advance(time.Second) // the tick finds nothing left to end
			if got := h.describe(gs.GameSessionId); !got.TerminationTime.Equal(hostEpoch) {
				t.Errorf("the tick ended it again at %v", got.TerminationTime)
			}
		})
	}
}

func TestTerminateGameSessionErrors(t *testing.T) {
	h := newHost(t)
	f := h.fleet(3, 1)
	ended := h.session(f.FleetId, 2)
	if err := h.s.EndGameSession(ended.GameSessionId); err != nil {
		t.Fatal(err)
	}
	terminating := h.session(f.FleetId, 2)
	if _, err := h.terminate(terminating.GameSessionId, TerminationTriggerOnProcessTerminate); err != nil {
		t.Fatal(err)
	}
	live := h.session(f.FleetId, 2)
	cases := []struct {
		name, id, mode, code string
	}{
		{"no mode", live.GameSessionId, "", engine.CodeInvalidRequest},
		{"unknown mode", live.GameSessionId, "GENTLY", engine.CodeInvalidRequest},
		{"no ID", "", TerminationForceTerminate, engine.CodeInvalidRequest},
		{"unknown session", "arn:aws:gamelift:us-east-1::gamesession/" + f.FleetId + "/nope", TerminationForceTerminate, engine.CodeNotFound},
		{"already terminated", ended.GameSessionId, TerminationForceTerminate, engine.CodeInvalidGameSessionStatus},
		{"already terminated, trigger", ended.GameSessionId, TerminationTriggerOnProcessTerminate, engine.CodeInvalidGameSessionStatus},
		{"already terminating", terminating.GameSessionId, TerminationTriggerOnProcessTerminate, engine.CodeInvalidGameSessionStatus},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.terminate(c.id, c.mode)
			wantErr(t, err, c.code)
		})
	}
	if got := h.describe(live.GameSessionId); got.Status != GameSessionActive {
		t.Errorf("refused calls changed a live session: %s", got.Status)
	}
}
