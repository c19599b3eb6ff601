package placement_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
	"github.com/flexsim/flexsim/ticket"
)

func (p *pipeline) terminate(arn, mode string) placement.GameSession {
	p.t.Helper()
	out, err := p.hosting.TerminateGameSession(context.Background(), &placement.TerminateGameSessionInput{GameSessionId: arn, TerminationMode: mode})
	if err != nil {
		p.t.Fatalf("TerminateGameSession %s: %v", arn, err)
	}
	return *out.GameSession
}

var modes = []struct{ mode, status string }{
	{placement.TerminationForceTerminate, placement.GameSessionTerminated},
	{placement.TerminationTriggerOnProcessTerminate, placement.GameSessionTerminating},
}

// TestWithQueueCapacityFreedByTerminatedGame checks that the server process
// of a terminated game hosts the next match's game by the next tick, in both
// modes.
func TestWithQueueCapacityFreedByTerminatedGame(t *testing.T) {
	for _, m := range modes {
		t.Run(m.mode, func(t *testing.T) {
			p := newPipeline(t, duel, 1, 60, nil)
			p.start("a", gamer("pa"))
			p.start("b", gamer("pb"))
			p.advance(2)
			p.start("c", gamer("pc"))
			p.start("d", gamer("pd"))
			p.advance(5)
			p.want("no server free", map[string]ticket.Status{"c": ticket.Placing, "d": ticket.Placing})
			if gs := p.terminate(p.ticket("a").GameSessionConnectionInfo.GameSessionArn, m.mode); gs.Status != m.status {
				t.Fatalf("TerminateGameSession left the session %s, want %s", gs.Status, m.status)
			}
			p.advance(1)
			p.want("server freed", map[string]ticket.Status{"c": ticket.Completed, "d": ticket.Completed})
		})
	}
}

// TestWithQueueBackfillOfTerminatedGame checks that the engine's backfill
// bookkeeping treats a terminated game as an ended one: StartMatchBackfill
// refuses it, and the session's automatic backfill ticket fails when it
// finds new players, who go back to searching.
func TestWithQueueBackfillOfTerminatedGame(t *testing.T) {
	body := `{"name": "squads", "ruleLanguageVersion": "1.0",
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 2}, {"name": "blue", "minPlayers": 1, "maxPlayers": 2}]}`
	for _, m := range modes {
		t.Run(m.mode, func(t *testing.T) {
			p := newPipeline(t, body, 1, 60, func(in *engine.CreateMatchmakingConfigurationInput) {
				in.BackfillMode = engine.BackfillAutomatic
				in.AdditionalPlayerCount = 2
			})
			p.start("a", gamer("pa"))
			p.start("b", gamer("pb"))
			p.advance(2)
			arn := p.ticket("a").GameSessionConnectionInfo.GameSessionArn
			var data engine.MatchmakerData
			if err := json.Unmarshal([]byte(p.session(arn).MatchmakerData), &data); err != nil || data.AutoBackfillTicketID == "" {
				t.Fatalf("no automatic backfill ticket: %v %s", err, p.session(arn).MatchmakerData)
			}
			p.terminate(arn, m.mode)

			_, err := p.mm.StartMatchBackfill(context.Background(), &engine.StartMatchBackfillInput{ConfigurationName: "cfg", GameSessionArn: arn,
				Players: []ticket.Player{{PlayerID: "pa", Team: "red"}, {PlayerID: "pb", Team: "blue"}}})
			if engine.ErrorCode(err) != engine.CodeInvalidRequest {
				t.Errorf("StartMatchBackfill of a terminated game: %v, want InvalidRequestException", err)
			}
			p.start("c", gamer("pc"))
			p.advance(2)
			p.want("after the backfill try", map[string]ticket.Status{data.AutoBackfillTicketID: ticket.Failed, "c": ticket.Searching})
			if gs := p.session(arn); gs.Status != placement.GameSessionTerminated || gs.CurrentPlayerSessionCount != 0 {
				t.Errorf("the terminated game is %s with %d players", gs.Status, gs.CurrentPlayerSessionCount)
			}
		})
	}
}
