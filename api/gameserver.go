package api

import (
	"net/http"
	"strings"
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
	var req GameServerRequest
	if err := readAdminJSON(r, &req); err != nil {
		writeGameServerError(w, invalid("body must be a JSON object: "+err.Error()))
		return
	}
	var err error
	switch {
	case r.URL.Path == PathGameSessionEnded && req.GameSessionId != "":
		err = s.hosting.EndGameSession(req.GameSessionId)
	case r.URL.Path == PathGameSessionEnded:
		err = invalid("GameSessionId is required")
	case req.PlayerSessionId == "":
		err = invalid("PlayerSessionId is required")
	case strings.HasSuffix(r.URL.Path, "/connect"):
		err = s.hosting.PlayerConnected(req.PlayerSessionId)
	default:
		err = s.hosting.PlayerLeft(req.PlayerSessionId)
	}
	if err != nil {
		writeGameServerError(w, err)
		return
	}
	writeAdminJSON(w, http.StatusOK, struct{}{})
}

func writeGameServerError(w http.ResponseWriter, err error) {
	code, msg, status := wireError(err)
	writeAdminJSON(w, status, errorBody{Type: code, Message: msg, Message2: msg})
}
