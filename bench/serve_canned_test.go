package bench_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
)

// rpcPath is the path of RPC v2 CBOR operations, the operation's name
// appended.
const rpcPath = "/service/GameLift/operation/"

// cannedAnswer is the answer api.New gave to one RPC v2 CBOR call.
type cannedAnswer struct {
	op     string      // the operation
	header http.Header // without Date and Content-Length, which net/http sets
	body   []byte
}

// recordedAnswers are api.New's answers to the calls BenchmarkSDKClient
// makes: StartMatchmaking of one player, DescribeMatchmaking of the ticket
// it started, and DescribeMatchmaking of that ticket and 9 more.
type recordedAnswers struct {
	start, describe1, describe10 cannedAnswer
	ids                          []string // the 10 tickets' IDs, the started one first
}

// recordAnswers starts the load benchmark's server (virtual clock, so the
// tickets stay QUEUED) and records its answers to the SDK.
func recordAnswers(tb testing.TB) *recordedAnswers {
	tb.Helper()
	r := newServeRig(tb, serverMode{virtual: true}, clientSDK)
	rec := &recordingDo{}
	gl := gamelift.New(gamelift.Options{Region: "us-east-1", BaseEndpoint: aws.String(r.url),
		Credentials: signedCredentials, HTTPClient: rec, Retryer: aws.NopRetryer{}})
	cl := sdkCaller{gl, serveTemplates(), 1}
	a := &recordedAnswers{}
	for n := range 10 {
		id, err := cl.start(n, playerID(0, n))
		if err != nil {
			tb.Fatal(err)
		}
		if n == 0 {
			a.start = rec.last
		}
		a.ids = append(a.ids, id)
	}
	for _, d := range []struct {
		ids []string
		to  *cannedAnswer
	}{{a.ids[:1], &a.describe1}, {a.ids, &a.describe10}} {
		if err := cl.describe(d.ids); err != nil {
			tb.Fatal(err)
		}
		*d.to = rec.last
	}
	for _, c := range []cannedAnswer{a.start, a.describe1, a.describe10} {
		if got := c.header.Get("Smithy-Protocol"); got != "rpc-v2-cbor" {
			tb.Fatalf("%s answered with smithy-protocol %q, want rpc-v2-cbor", c.op, got)
		}
	}
	return a
}

// recordingDo is an SDK HTTP client that keeps the last answer it got.
type recordingDo struct {
	client http.Client
	last   cannedAnswer
}

func (d *recordingDo) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	h := resp.Header.Clone()
	h.Del("Date")
	h.Del("Content-Length")
	d.last = cannedAnswer{op: path.Base(req.URL.Path), header: h, body: body}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// cannedServer answers every request for its operation with its canned
// answer, and nothing else: the least any server does.
type cannedServer struct {
	*httptest.Server
	answer   cannedAnswer
	requests atomic.Int64 // requests served
	signed   atomic.Int64 // of which with an Authorization header
}

// newCannedServer starts a canned server of answer on loopback, closed
// when tb ends.
func newCannedServer(tb testing.TB, answer cannedAnswer) *cannedServer {
	s := &cannedServer{answer: answer}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

func (s *cannedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if r.Header.Get("Authorization") != "" {
		s.signed.Add(1)
	}
	if _, err := io.Copy(io.Discard, r.Body); err != nil || r.URL.Path != rpcPath+s.answer.op {
		http.Error(w, "not "+s.answer.op, http.StatusNotFound)
		return
	}
	h := w.Header()
	for k, v := range s.answer.header {
		h[k] = v
	}
	w.Write(s.answer.body)
}
