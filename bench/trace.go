package bench

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/flexsim/flexsim/ticket"
)

// TraceFormat is the format of a ticket trace.
type TraceFormat int

// Trace formats.
const (
	// TraceJSON writes one JSON object per ticket and line:
	// {"ticket","players","start","steps":[{"at","status","reason"}],"matchId"}.
	TraceJSON TraceFormat = iota
	// TraceCSV writes one row per status change, after a header:
	// ticket,players,start,at,status,reason,matchId (players space-separated).
	TraceCSV
)

// TraceFormatFor picks the format by file name: CSV for .csv, JSON lines
// otherwise.
func TraceFormatFor(name string) TraceFormat {
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return TraceCSV
	}
	return TraceJSON
}

// traceStep is one status change of a ticket.
type traceStep struct {
	at     int64 // ms since the start
	status ticket.Status
	reason string
}

// TraceTicket is one ticket's timeline as a JSON trace line holds it.
// Times are seconds since the start of the simulation.
type TraceTicket struct {
	Ticket  string      `json:"ticket"`
	Players []string    `json:"players"`
	Start   float64     `json:"start"`
	Steps   []TraceStep `json:"steps"`
	MatchID string      `json:"matchId,omitempty"`
}

// TraceStep is one status change in a trace.
type TraceStep struct {
	At     float64       `json:"at"`
	Status ticket.Status `json:"status"`
	Reason string        `json:"reason,omitempty"`
}

// traceWriter writes ticket timelines as they end, keeping the first
// write error.
type traceWriter struct {
	buf    *bufio.Writer
	csv    *csv.Writer
	enc    *json.Encoder
	err    error
	header bool
}

func newTraceWriter(w io.Writer, f TraceFormat) *traceWriter {
	tw := &traceWriter{buf: bufio.NewWriterSize(w, 1<<16)}
	if f == TraceCSV {
		tw.csv = csv.NewWriter(tw.buf)
	} else {
		tw.enc = json.NewEncoder(tw.buf)
		tw.enc.SetEscapeHTML(false)
	}
	return tw
}

func seconds(ms int64) float64 { return float64(ms) / 1000 }

func (tw *traceWriter) write(t *simTicket) {
	if tw.err != nil {
		return
	}
	ids := make([]string, len(t.players))
	for i, p := range t.players {
		ids[i] = p.PlayerID
	}
	if tw.csv != nil {
		if !tw.header {
			tw.header = true
			tw.err = tw.csv.Write([]string{"ticket", "players", "start", "at", "status", "reason", "matchId"})
		}
		players, start := strings.Join(ids, " "), formatSeconds(t.start)
		for _, s := range t.steps {
			if tw.err == nil {
				tw.err = tw.csv.Write([]string{t.id, players, start, formatSeconds(s.at), string(s.status), s.reason, t.matchID})
			}
		}
		return
	}
	tt := TraceTicket{Ticket: t.id, Players: ids, Start: seconds(t.start), Steps: make([]TraceStep, len(t.steps)), MatchID: t.matchID}
	for i, s := range t.steps {
		tt.Steps[i] = TraceStep{At: seconds(s.at), Status: s.status, Reason: s.reason}
	}
	tw.err = tw.enc.Encode(tt)
}

func formatSeconds(ms int64) string { return strconv.FormatFloat(seconds(ms), 'f', -1, 64) }

func (tw *traceWriter) flush() error {
	if tw.csv != nil {
		tw.csv.Flush()
		if tw.err == nil {
			tw.err = tw.csv.Error()
		}
	}
	if err := tw.buf.Flush(); tw.err == nil {
		tw.err = err
	}
	return tw.err
}
