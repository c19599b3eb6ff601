package placement

import (
	"context"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// Termination modes of TerminateGameSession, and the StatusReason each
// leaves on the game session.
const (
	TerminationTriggerOnProcessTerminate = "TRIGGER_ON_PROCESS_TERMINATE"
	TerminationForceTerminate            = "FORCE_TERMINATE"

	ReasonTriggeredOnProcessTerminate = "TRIGGERED_ON_PROCESS_TERMINATE"
	ReasonForceTerminated             = "FORCE_TERMINATED"
)

// TerminateGameSessionInput is the input of TerminateGameSession.
type TerminateGameSessionInput struct {
	GameSessionId   string // the game session's ARN
	TerminationMode string // TRIGGER_ON_PROCESS_TERMINATE or FORCE_TERMINATE
}

// TerminateGameSessionOutput is the output of TerminateGameSession.
type TerminateGameSessionOutput struct {
	GameSession *GameSession
}

// TerminateGameSession ends a game session that is in progress, as its
// server process would be told to:
//
//   - TRIGGER_ON_PROCESS_TERMINATE: the session goes TERMINATING (reason
//     TRIGGERED_ON_PROCESS_TERMINATE) and takes no new player sessions; at
//     the Service's next tick, standing in for the game server's
//     OnProcessTerminate callback calling ProcessEnding, it goes TERMINATED
//     as EndGameSession leaves it: its player sessions COMPLETED and its
//     process free. EndGameSession before then ends it at once.
//   - FORCE_TERMINATE: the session goes TERMINATED at once (reason
//     FORCE_TERMINATED), its player sessions COMPLETED and its process
//     free; this also ends a session already TERMINATING.
//
// It returns the session as the call leaves it. The engine learns of the
// end as it does of EndGameSession's: its backfill tickets for the session
// fail when their players cannot join, and a new StartMatchBackfill for it
// is refused. Errors: InvalidRequestException for a missing ID or an
// unknown mode; NotFoundException; InvalidGameSessionStatusException for a
// session already TERMINATED, or TERMINATING with
// TRIGGER_ON_PROCESS_TERMINATE again.
func (s *Service) TerminateGameSession(ctx context.Context, in *TerminateGameSessionInput) (*TerminateGameSessionOutput, error) {
	switch in.TerminationMode {
	case TerminationTriggerOnProcessTerminate, TerminationForceTerminate:
	case "":
		return nil, invalidf("TerminationMode is required")
	default:
		return nil, invalidf("TerminationMode must be TRIGGER_ON_PROCESS_TERMINATE or FORCE_TERMINATE, got %q", in.TerminationMode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.at()
	gs, err := s.sessionByID(in.GameSessionId)
	if err != nil {
		return nil, err
	}
	st := gs.attrs.Status
	if !gs.hosted() && !(st == GameSessionTerminating && in.TerminationMode == TerminationForceTerminate) {
		return nil, errorf(engine.CodeInvalidGameSessionStatus, "game session %s is %s", gs.attrs.GameSessionId, st)
	}
	if in.TerminationMode == TerminationForceTerminate {
		gs.attrs.StatusReason = ReasonForceTerminated
		s.endSession(gs, now)
	} else {
		gs.attrs.Status = GameSessionTerminating
		gs.attrs.StatusReason = ReasonTriggeredOnProcessTerminate
		s.terminating = append(s.terminating, gs)
	}
	return &TerminateGameSessionOutput{GameSession: gs.view()}, nil
}

// endTerminating ends the game sessions still TERMINATING: the tick's part
// of TRIGGER_ON_PROCESS_TERMINATE.
func (s *Service) endTerminating(now time.Time) {
	for i, gs := range s.terminating {
		if gs.attrs.Status == GameSessionTerminating {
			s.endSession(gs, now)
		}
		s.terminating[i] = nil
	}
	s.terminating = s.terminating[:0]
}
