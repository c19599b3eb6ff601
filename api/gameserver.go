package api

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// The simulated game server's side, for tests that drive everything over
// HTTP: what a real game server would tell GameLift through the server SDK.
const (
	// PathPlayerConnected accepts a player session (RESERVED → ACTIVE), as
	// the server SDK's AcceptPlayerSession: body {"PlayerSessionId": "…"}.
	PathPlayerConnected = "/_flexsim/player-sessions/connect"
	// PathPlayerLeft ends a player session (→ COMPLETED), as
	// RemovePlayerSession: body {"PlayerSessionId": "…"}.
	PathPlayerLeft = "/_flexsim/player-sessions/leave"
	// PathGameSessionEnded ends a game session (→ TERMINATED, its server
	// process freed), as ProcessEnding: body {"GameSessionId": "…"}.
	PathGameSessionEnded = "/_flexsim/game-sessions/end"
)

// GameServerRequest is the body of the game-server endpoints.
type GameServerRequest struct {
	PlayerSessionId string `json:",omitempty"`
	GameSessionId   string `json:",omitempty"`
}

func isGameServerPath(p string) bool {
	return p == PathPlayerConnected || p == PathPlayerLeft || p == PathGameSessionEnded
}

// serveGameServer answers the game-server endpoints: 200 {} on success,
// the AWS error document (400) otherwise.
func (s *Server) serveGameServer(w http.ResponseWriter, r *http.Request) {
	if !allowPost(w, r) {
		return
	}
	if s.hosting == nil {
		writeAdminError(w, http.StatusNotFound, "the server has no hosting simulation")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 4096))
	if err == nil {
		err = json.Unmarshal(body, new(GameServerRequest))
	}
	if err != nil {
		writeGameServerError(w, invalid("body must be a JSON object: "+err.Error()))
		return
	}
	if s.journal != nil {
		jerr := s.journal.apply(time.Time{}, record{K: recordGameServer, N: r.URL.Path, B: body}, func() {
			err = s.gameServerCall(r.URL.Path, body)
		})
		if jerr != nil {
			err = &engine.Error{Code: engine.CodeInternalService, Message: "the server cannot record the change; nothing was changed"}
		}
	} else {
		err = s.gameServerCall(r.URL.Path, body)
	}
	if err != nil {
		writeGameServerError(w, err)
		return
	}
	writeAdminJSON(w, http.StatusOK, struct{}{})
}

// gameServerCall runs the game-server endpoint path on a JSON body that
// decodes as a GameServerRequest.
func (s *Server) gameServerCall(path string, body []byte) error {
	var req GameServerRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return invalid("body must be a JSON object: " + err.Error())
	}
	switch {
	case path == PathGameSessionEnded && req.GameSessionId != "":
		return s.hosting.EndGameSession(req.GameSessionId)
	case path == PathGameSessionEnded:
		return invalid("GameSessionId is required")
	case req.PlayerSessionId == "":
		return invalid("PlayerSessionId is required")
	case strings.HasSuffix(path, "/connect"):
		return s.hosting.PlayerConnected(req.PlayerSessionId)
	default:
		return s.hosting.PlayerLeft(req.PlayerSessionId)
	}
}

func writeGameServerError(w http.ResponseWriter, err error) {
	code, msg, status := wireError(err)
	writeAdminJSON(w, status, errorBody{Type: code, Message: msg, Message2: msg})
}
