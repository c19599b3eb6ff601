package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// requestIDPattern is a version 4 UUID, as AWS request IDs are.
var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// pathServer is a handler with a rule set and a configuration "ranked",
// its registry and its request log.
func pathServer(t *testing.T, opts ...api.Option) (http.Handler, *prometheus.Registry, *recordLog) {
	t.Helper()
	clock := engine.NewVirtualClock(start)
	reg := prometheus.NewRegistry()
	hosting := placement.New(placement.WithClock(clock))
	mm := engine.New(engine.WithClock(clock), engine.WithPlacer(hosting))
	t.Cleanup(func() { mm.Close(); hosting.Close() })
	logs := &recordLog{}
	h := api.New(mm, hosting, append([]api.Option{api.WithVirtualClock(clock), api.WithRegistry(reg), api.WithLogger(slog.New(logs))}, opts...)...)
	for _, req := range []struct{ op, body string }{
		{"CreateMatchmakingRuleSet", `{"Name":"1v1","RuleSetBody":` + quote(oneVsOne) + `}`},
		{"CreateMatchmakingConfiguration", `{"Name":"ranked","RuleSetName":"1v1","RequestTimeoutSeconds":60,"AcceptanceRequired":false,"FlexMatchMode":"STANDALONE"}`},
	} {
		if w := serveJSON(h, req.op, strings.NewReader(req.body), -2); w.Code != 200 {
			t.Fatalf("%s: %d %s", req.op, w.Code, w.Body)
		}
	}
	return h, reg, logs
}

// serveJSON runs a JSON 1.1 request of operation op in process. length is
// the Content-Length: -1 for unknown, -2 for the body's own.
func serveJSON(h http.Handler, op string, body io.Reader, length int64) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/", body)
	if length != -2 {
		r.ContentLength = length
	}
	r.Header.Set("X-Amz-Target", "GameLift."+op)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestRequestBodies checks bodies at and over the limit, with and without
// a Content-Length, and a body that cannot be read.
func TestRequestBodies(t *testing.T) {
	const limit = 1024 // room for pathServer's rule set
	h, _, _ := pathServer(t, api.WithMaxBodyBytes(limit))
	fits := `{"TicketIds":["t"]}` + strings.Repeat(" ", limit-19)
	tooLarge := "reading the request body: http: request body too large"
	for _, tc := range []struct {
		name   string
		body   io.Reader
		length int64
		status int
		code   string // of the error, if any, and its message
		msg    string
	}{
		{"at the limit", strings.NewReader(fits), -2, 200, "", ""},
		{"at the limit, length unknown", strings.NewReader(fits), -1, 200, "", ""},
		{"shorter than its Content-Length", strings.NewReader(fits), 1000, 200, "", ""},
		{"over the limit", strings.NewReader(fits + " "), -2, 400, api.CodeSerialization, tooLarge},
		{"over the limit, length unknown", strings.NewReader(fits + " "), -1, 400, api.CodeSerialization, tooLarge},
		{"longer than its Content-Length", strings.NewReader(fits + " "), 10, 400, api.CodeSerialization, tooLarge},
		{"far over the limit", strings.NewReader(strings.Repeat(" ", 1<<20)), -2, 400, api.CodeSerialization, tooLarge},
		{"empty", strings.NewReader(""), -2, 400, engine.CodeInvalidRequest, "TicketIds must hold 1 to 10 IDs, got 0"},
		{"unreadable", failingReader{}, -1, 400, api.CodeSerialization, "reading the request body: connection reset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serveJSON(h, "DescribeMatchmaking", tc.body, tc.length)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if got := w.Header().Get("x-amzn-ErrorType"); got != tc.code {
				t.Errorf("x-amzn-ErrorType %q, want %q", got, tc.code)
			}
			if tc.code == "" {
				return
			}
			want := fmt.Sprintf(`{"__type":"%s","message":%q,"Message":%q}`, tc.code, tc.msg, tc.msg)
			if w.Body.String() != want {
				t.Errorf("body %s, want %s", w.Body, want)
			}
		})
	}
}

// TestAnswerHeaders reads raw answers off the connection: the header keys
// are written as they always were, and Content-Length is the body's.
func TestAnswerHeaders(t *testing.T) {
	h, _, _ := pathServer(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	startBody, _ := cbor.Marshal(map[string]any{"ConfigurationName": "ranked", "Players": []any{map[string]any{"PlayerId": "p"}}})
	for _, tc := range []struct {
		name, request string
		headers       []string // in the order net/http writes them
	}{
		{"CBOR", "POST /service/GameLift/operation/StartMatchmaking HTTP/1.1\r\nHost: x\r\nContent-Length: " + strconv.Itoa(len(startBody)) + "\r\n\r\n" + string(startBody),
			[]string{"HTTP/1.1 200 OK", "Content-Length: ", "Content-Type: application/cbor", "Smithy-Protocol: rpc-v2-cbor", "X-Amzn-Requestid: ", "Date: "}},
		{"JSON error", "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: GameLift.StopMatchmaking\r\nContent-Length: 17\r\n\r\n{\"TicketId\":\"no\"}",
			[]string{"HTTP/1.1 400 Bad Request", "Content-Length: ", "Content-Type: application/x-amz-json-1.1", "X-Amzn-Errortype: NotFoundException", "X-Amzn-Requestid: ", "Date: "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, tc.request); err != nil {
				t.Fatal(err)
			}
			br := bufio.NewReader(conn)
			var lines []string
			length := -1
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					t.Fatal(err)
				}
				line = strings.TrimSuffix(line, "\r\n")
				if line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					length, _ = strconv.Atoi(v)
				}
				if v, ok := strings.CutPrefix(line, "X-Amzn-Requestid: "); ok && !requestIDPattern.MatchString(v) {
					t.Errorf("request ID %q is not a version 4 UUID", v)
				}
				lines = append(lines, line)
			}
			if len(lines) != len(tc.headers) {
				t.Fatalf("header lines %q, want %q", lines, tc.headers)
			}
			for i, want := range tc.headers {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("line %d is %q, want %q...", i, lines[i], want)
				}
			}
			// the answer is the body that follows, length bytes: one that
			// decodes, and nothing after it (a close on the server's side)
			conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			body := make([]byte, length)
			if _, err := io.ReadFull(br, body); err != nil {
				t.Fatalf("reading a body of Content-Length %d: %v", length, err)
			}
			var v any
			if err := cbor.Unmarshal(body, &v); err != nil && json.Unmarshal(body, &v) != nil {
				t.Errorf("body %q is neither CBOR nor JSON", body)
			}
			if br.Buffered() != 0 {
				t.Errorf("%d bytes after the body", br.Buffered())
			}
		})
	}
}

// TestConcurrentCalls runs calls of both protocols at once (run it with
// -race): each answer is its own request's, though the calls share pooled
// buffers and header values.
func TestConcurrentCalls(t *testing.T) {
	h, _, _ := pathServer(t)
	var wg sync.WaitGroup
	ids := sync.Map{}
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				ticket := fmt.Sprintf("t-%d-%d", g, i)
				player := fmt.Sprintf("player-%d-%d-%s", g, i, strings.Repeat("x", i*7))
				body, _ := cbor.Marshal(map[string]any{"TicketId": ticket, "ConfigurationName": "ranked", "Players": []any{
					map[string]any{"PlayerId": player, "LatencyInMs": map[string]any{"us-east-1": i + 1}}}})
				r := httptest.NewRequest(http.MethodPost, "/service/GameLift/operation/StartMatchmaking", bytes.NewReader(body))
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				var out map[string]map[string]any
				if err := cbor.Unmarshal(w.Body.Bytes(), &out); err != nil || w.Code != 200 {
					t.Errorf("StartMatchmaking %s: %d %v %x", ticket, w.Code, err, w.Body.Bytes())
					return
				}
				if got := out["MatchmakingTicket"]["TicketId"]; got != ticket || !strings.Contains(w.Body.String(), player) {
					t.Errorf("StartMatchmaking %s answered ticket %v: %x", ticket, got, w.Body.Bytes())
				}
				w = serveJSON(h, "DescribeMatchmaking", strings.NewReader(`{"TicketIds":["`+ticket+`"]}`), -2)
				if w.Code != 200 || !strings.Contains(w.Body.String(), `"TicketId":"`+ticket+`"`) || !strings.Contains(w.Body.String(), player) {
					t.Errorf("DescribeMatchmaking %s: %d %s", ticket, w.Code, w.Body)
				}
				if n, _ := strconv.Atoi(w.Header().Get("Content-Length")); n != w.Body.Len() {
					t.Errorf("Content-Length %d, body of %d bytes", n, w.Body.Len())
				}
				if _, dup := ids.LoadOrStore(w.Header().Get("x-amzn-RequestId"), true); dup {
					t.Errorf("request ID %s given twice", w.Header().Get("x-amzn-RequestId"))
				}
			}
		}()
	}
	wg.Wait()
}

// TestRequestMetricsAndLogs checks the series the calls leave (a series
// appears on its first use only) and their log lines.
func TestRequestMetricsAndLogs(t *testing.T) {
	h, reg, logs := pathServer(t)
	logs.reset()
	serveJSON(h, "LaunchRocket", strings.NewReader(`{}`), -2)
	serveJSON(h, "DescribeMatchmaking", strings.NewReader(`{"TicketIds":["a"]}`), -2)
	w := serveJSON(h, "DescribeMatchmaking", strings.NewReader(`{"TicketIds":["a"]}`), -2)
	serveJSON(h, "DescribeMatchmaking", strings.NewReader(`{`), -2)

	var text strings.Builder
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			switch f.GetName() {
			case "flexsim_http_requests_total":
				fmt.Fprintf(&text, "requests %s %s %q %v\n", labels["operation"], labels["protocol"], labels["code"], m.GetCounter().GetValue())
			case "flexsim_http_request_duration_seconds":
				fmt.Fprintf(&text, "latency %s %s %d\n", labels["operation"], labels["protocol"], m.GetHistogram().GetSampleCount())
			}
		}
	}
	want := `latency CreateMatchmakingConfiguration awsjson1.1 1
latency CreateMatchmakingRuleSet awsjson1.1 1
latency DescribeMatchmaking awsjson1.1 3
latency unknown awsjson1.1 1
requests CreateMatchmakingConfiguration awsjson1.1 "" 1
requests CreateMatchmakingRuleSet awsjson1.1 "" 1
requests DescribeMatchmaking awsjson1.1 "" 2
requests DescribeMatchmaking awsjson1.1 "SerializationException" 1
requests unknown awsjson1.1 "UnknownOperationException" 1
`
	if text.String() != want {
		t.Errorf("metrics:\n%s\nwant:\n%s", text.String(), want)
	}

	recs := logs.records()
	if len(recs) != 4 {
		t.Fatalf("%d log records, want 4: %v", len(recs), recs)
	}
	if got, want := recs[2], fmt.Sprintf("INFO request operation=DescribeMatchmaking protocol=awsjson1.1 status=200 error= request_id=%s", w.Header().Get("x-amzn-RequestId")); got != want {
		t.Errorf("log record %q, want %q", got, want)
	}
	if got := recs[0]; !strings.HasPrefix(got, "INFO request operation=LaunchRocket protocol=awsjson1.1 status=400 error=UnknownOperationException ") {
		t.Errorf("log record %q", got)
	}
}

// recordLog is a slog.Handler that keeps records as text, without their
// durations.
type recordLog struct {
	mu   sync.Mutex
	recs []string
}

func (l *recordLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *recordLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *recordLog) WithGroup(string) slog.Handler            { return l }

func (l *recordLog) Handle(_ context.Context, r slog.Record) error {
	s := r.Level.String() + " " + r.Message
	r.Attrs(func(a slog.Attr) bool {
		if a.Key != "duration" {
			s += " " + a.Key + "=" + a.Value.String()
		}
		return true
	})
	l.mu.Lock()
	l.recs = append(l.recs, s)
	l.mu.Unlock()
	return nil
}

func (l *recordLog) records() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.recs...)
}

func (l *recordLog) reset() {
	l.mu.Lock()
	l.recs = nil
	l.mu.Unlock()
}
