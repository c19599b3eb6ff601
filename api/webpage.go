package api

import (
	_ "embed"
	"net/http"
	"strconv"
)

// PathStatus is the JSON snapshot the web page at / renders.
const PathStatus = "/_flexsim/status"

// webPage is the read-only page a browser gets at GET /: plain HTML, CSS
// and JavaScript, with no external resource, that polls PathStatus.
//
//go:embed webpage.html
var webPage []byte

// webPageCSP lets the page run its own inline script and style and fetch
// from its own origin, and nothing else.
const webPageCSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// serveWebPage answers GET and HEAD / with the web page. Other methods but
// POST (the JSON 1.1 operations, routed before) get 405.
func (s *Server) serveWebPage(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed: GameLift operations are POST /, the web page is GET /", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(webPage)))
	h.Set("Content-Security-Policy", webPageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		w.Write(webPage)
	}
}

// serveStatus answers GET and HEAD /_flexsim/status with a StatusResponse.
func (s *Server) serveStatus(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeAdminError(w, http.StatusMethodNotAllowed, "use GET")
		return
	}
	st, err := s.status(r.Context())
	if err != nil {
		writeAdminError(w, http.StatusInternalServerError, "status: "+err.Error())
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeAdminJSON(w, http.StatusOK, st)
}
