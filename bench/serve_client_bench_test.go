package bench_test

import (
	"cmp"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
)

// BenchmarkSDKClient is the AWS SDK for Go v2 GameLift client's own cost
// per call, the part of BenchmarkServe's CPU that no server can save. 64
// goroutines, each with its own client (its own connections, no retries),
// call in a closed loop a canned server on loopback: an httptest server
// whose handler reads the request and answers, with the header
// smithy-protocol: rpc-v2-cbor, a fixed RPC v2 CBOR body recorded from
// api.New at setup (so the client decodes a real QUEUED ticket), and does
// nothing else. b.N is the number of calls over all clients.
//
// Operations:
//   - StartMatchmaking: of one solo player, as in BenchmarkServe (a fresh
//     PlayerId each call).
//   - DescribeMatchmaking: of 1 ticket, as BenchmarkServe's sdk clients
//     call it.
//   - DescribeMatchmaking10: of 10 tickets (the API's limit), as its
//     sdk-poll10 clients call it.
//
// Clients:
//   - signed: static credentials, so SigV4 signs every request, as
//     BenchmarkServe's sdk clients.
//   - anonymous: aws.AnonymousCredentials{}, with which the SDK does not
//     sign: the run fails if a request arrives with an Authorization
//     header (and a signed one if a request arrives without).
//   - raw: BenchmarkServe's raw client, net/http posting the SDK's CBOR
//     bodies and decoding the ticket IDs alone: the baseline of a cheap
//     client and a minimal HTTP server.
//
// Metrics: calls/s, and cpu-µs/call, the process's CPU time (the clients
// and the canned server, user and system) per call.
//
// What it bounds: the canned server does less than any server can (no
// routing, decoding or matchmaking), so on C cores no server can get more
// than C / (cpu-µs/call of StartMatchmaking + of DescribeMatchmaking)
// StartMatchmaking calls a second from clients that describe each ticket
// after its start (BenchmarkServe's sdk), nor more than C /
// (StartMatchmaking + DescribeMatchmaking10 / 10) from clients that poll
// 10 tickets a call (sdk-poll10), when the clients share its cores. On
// this machine C is 2.
//
//	go test -run '^$' -bench 'SDKClient' -benchtime 3s ./bench/
func BenchmarkSDKClient(b *testing.B) {
	answers := recordAnswers(b)
	for _, op := range clientOps {
		for _, kind := range clientCaseKinds {
			b.Run(op.name+"/"+kind, func(b *testing.B) {
				cc := newClientCase(b, answers, op, kind)
				b.ResetTimer()
				elapsed, cpu := cc.run(b.N)
				b.StopTimer()
				cc.check(b)
				b.ReportMetric(float64(b.N)/elapsed.Seconds(), "calls/s")
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/call")
			})
		}
	}
}

// TestSDKClient runs BenchmarkSDKClient's every case briefly, as a test
// (under -race in CI): every call answered as it should be, signed
// exactly when its client signs.
func TestSDKClient(t *testing.T) {
	answers := recordAnswers(t)
	for _, op := range clientOps {
		for _, kind := range clientCaseKinds {
			t.Run(op.name+"/"+kind, func(t *testing.T) {
				cc := newClientCase(t, answers, op, kind)
				cc.run(4 * serveClients)
				cc.check(t)
				if got, want := cc.srv.requests.Load(), int64(5*serveClients); got != want {
					t.Errorf("the canned server had %d requests, want %d", got, want)
				}
			})
		}
	}
}

// TestSDKClientSigning checks what BenchmarkSDKClient's signed and
// anonymous clients send: SigV4's headers, or none of them.
func TestSDKClientSigning(t *testing.T) {
	for _, tc := range []struct {
		creds  aws.CredentialsProvider
		signed bool
	}{{signedCredentials, true}, {aws.AnonymousCredentials{}, false}} {
		req := sdkRequestWith(t, tc.creds, func(gl *gamelift.Client) error {
			_, err := gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: []string{"t-1"}})
			return err
		})
		for _, h := range []string{"Authorization", "X-Amz-Date"} {
			if got := req.header.Get(h) != ""; got != tc.signed {
				t.Errorf("%T: %s header present %v, want %v", tc.creds, h, got, tc.signed)
			}
		}
		if auth := req.header.Get("Authorization"); tc.signed && !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") {
			t.Errorf("signed request's Authorization %q, want AWS4-HMAC-SHA256 …", auth)
		}
	}
}

// A clientOp is an operation BenchmarkSDKClient calls.
type clientOp struct {
	name   string
	answer func(a *recordedAnswers) cannedAnswer
	// call makes client c's n-th call, which should get answer a.
	call func(cl caller, c, n int, a *recordedAnswers) error
}

// clientOps are BenchmarkSDKClient's operations.
var clientOps = []clientOp{
	{"StartMatchmaking", func(a *recordedAnswers) cannedAnswer { return a.start },
		func(cl caller, c, n int, a *recordedAnswers) error {
			id, err := cl.start(n, playerID(c, n))
			if err == nil && id != a.ids[0] {
				err = fmt.Errorf("StartMatchmaking: ticket %q, want %q", id, a.ids[0])
			}
			return err
		}},
	{"DescribeMatchmaking", func(a *recordedAnswers) cannedAnswer { return a.describe1 },
		func(cl caller, _, _ int, a *recordedAnswers) error { return cl.describe(a.ids[:1]) }},
	{"DescribeMatchmaking10", func(a *recordedAnswers) cannedAnswer { return a.describe10 },
		func(cl caller, _, _ int, a *recordedAnswers) error { return cl.describe(a.ids) }},
}

// BenchmarkSDKClient's client kinds.
const (
	clientSigned    = "signed"
	clientAnonymous = "anonymous"
)

var clientCaseKinds = []string{clientSigned, clientAnonymous, clientRaw}

// clientCase is serveClients clients of one kind calling one operation
// of a canned server.
type clientCase struct {
	srv     *cannedServer
	op      clientOp
	kind    string
	answers *recordedAnswers
	callers []caller
	errs    []error // each client's first error
	calls   []int   // each client's calls
}

// newClientCase starts a canned server answering op and makes the clients
// of kind, each of which calls once to open its connection.
func newClientCase(tb testing.TB, answers *recordedAnswers, op clientOp, kind string) *clientCase {
	tb.Helper()
	cc := &clientCase{srv: newCannedServer(tb, op.answer(answers)), op: op, kind: kind, answers: answers}
	templates := serveTemplates()
	var starts []rawStart
	if kind == clientRaw {
		starts = rawStartBodies(tb, templates)
	}
	for range serveClients {
		switch kind {
		case clientSigned:
			cc.callers = append(cc.callers, sdkCaller{newSDKClient(cc.srv.URL, signedCredentials), templates, 1})
		case clientAnonymous:
			cc.callers = append(cc.callers, sdkCaller{newSDKClient(cc.srv.URL, aws.AnonymousCredentials{}), templates, 1})
		case clientRaw:
			cc.callers = append(cc.callers, newRawCaller(cc.srv.URL, starts, 1))
		default:
			tb.Fatalf("unknown client kind %q", kind)
		}
	}
	cc.errs, cc.calls = make([]error, serveClients), make([]int, serveClients)
	forEachClient(func(c int) { cc.call(c, c) })
	return cc
}

// call makes client c's n-th call and keeps its first error.
func (cc *clientCase) call(c, n int) {
	cc.calls[c]++
	if err := cc.op.call(cc.callers[c], c, n, cc.answers); err != nil && cc.errs[c] == nil {
		cc.errs[c] = err
	}
}

// run makes n calls, each client calling again as soon as it has its
// answer, and returns the wall and the process's CPU time they took.
func (cc *clientCase) run(n int) (elapsed, cpu time.Duration) {
	var next atomic.Int64
	t0, cpu0 := time.Now(), processCPU()
	forEachClient(func(c int) {
		for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
			cc.call(c, i)
		}
	})
	return time.Since(t0), processCPU() - cpu0
}

// check fails tb if a call failed or the server had a request signed
// when its client should not sign, or unsigned when it should.
func (cc *clientCase) check(tb testing.TB) {
	tb.Helper()
	failed, first := 0, error(nil)
	for _, err := range cc.errs {
		if err != nil {
			failed++
			first = cmp.Or(first, err)
		}
	}
	if failed > 0 {
		tb.Errorf("%d of %d clients had errors; the first: %v", failed, serveClients, first)
	}
	requests, signed := cc.srv.requests.Load(), cc.srv.signed.Load()
	if want := map[bool]int64{true: requests, false: 0}[cc.kind == clientSigned]; signed != want {
		tb.Errorf("%s clients: %d of %d requests had an Authorization header, want %d", cc.kind, signed, requests, want)
	}
	if calls := int64(sum(cc.calls)); requests != calls {
		tb.Errorf("%d calls, %d requests", calls, requests)
	}
}
