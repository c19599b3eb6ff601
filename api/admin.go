package api

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"time"
)

// MaxAdvanceSeconds bounds one clock advance, so that one request cannot
// queue an unbounded number of ticks.
const MaxAdvanceSeconds = 7 * 24 * 3600

// AdvanceRequest is the body of POST /_flexsim/clock/advance.
type AdvanceRequest struct {
	Seconds float64 `json:"seconds"`
}

// ClockResponse is the answer of POST /_flexsim/clock/advance.
type ClockResponse struct {
	Now float64 `json:"now"` // epoch seconds
}

// HealthResponse is the answer of GET /_flexsim/health.
type HealthResponse struct {
	Status string  `json:"status"`
	Clock  string  `json:"clock"` // real or virtual
	Now    float64 `json:"now"`   // epoch seconds
}

// serveAdvance moves the virtual clock, running every tick that falls due.
func (s *Server) serveAdvance(w http.ResponseWriter, r *http.Request) {
	if !allowPost(w, r) {
		return
	}
	if s.clock == nil {
		writeAdminError(w, http.StatusConflict, "the server runs on the real clock; start it with --clock virtual to advance time")
		return
	}
	var req AdvanceRequest
	if err := readAdminJSON(r, &req); err != nil {
		writeAdminError(w, http.StatusBadRequest, "body must be {\"seconds\": <number>}: "+err.Error())
		return
	}
	if math.IsNaN(req.Seconds) || req.Seconds < 0 || req.Seconds > MaxAdvanceSeconds {
		writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("seconds must be between 0 and %d", MaxAdvanceSeconds))
		return
	}
	now := s.clock.Advance(time.Duration(math.Round(req.Seconds * float64(time.Second))))
	if s.journal != nil {
		// the clock's new reading, for a restart to resume from
		if err := s.journal.apply(now, record{K: recordClock}, func() {}); err != nil {
			s.log.Error("journal write failed", slog.String("record", recordClock), slog.Any("error", err))
		}
	}
	writeAdminJSON(w, http.StatusOK, ClockResponse{Now: Timestamp{now}.seconds()})
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	h := HealthResponse{Status: "ok", Clock: "real", Now: Timestamp{s.engine.Now()}.seconds()}
	if s.clock != nil {
		h.Clock = "virtual"
	}
	writeAdminJSON(w, http.StatusOK, h)
}

// allowPost answers 405 to anything but POST and reports whether the
// request is a POST.
func allowPost(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodPost {
		return true
	}
	w.Header().Set("Allow", http.MethodPost)
	writeAdminError(w, http.StatusMethodNotAllowed, "use POST")
	return false
}

// readAdminJSON decodes a small JSON request body into v.
func readAdminJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 4096))
	if err != nil {
		return err
	}
	return json.Unmarshal(body, v)
}

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeAdminError(w http.ResponseWriter, status int, msg string) {
	writeAdminJSON(w, status, map[string]string{"error": msg})
}
