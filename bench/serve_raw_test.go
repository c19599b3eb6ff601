package bench_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
	"github.com/fxamacker/cbor/v2"
)

// errCaptured ends an SDK call once captureDo has its request.
var errCaptured = errors.New("captured")

// captureDo is an SDK HTTP client that records the request of a call
// instead of sending it.
type captureDo struct {
	header http.Header
	path   string
	body   []byte
}

func (c *captureDo) Do(r *http.Request) (*http.Response, error) {
	c.header, c.path = r.Header.Clone(), r.URL.Path
	c.body, _ = io.ReadAll(r.Body)
	return nil, errCaptured
}

// sdkRequest returns the request the SDK sends for call, signed.
func sdkRequest(tb testing.TB, call func(gl *gamelift.Client) error) *captureDo {
	tb.Helper()
	return sdkRequestWith(tb, signedCredentials, call)
}

// sdkRequestWith returns the request the SDK sends for call with creds.
func sdkRequestWith(tb testing.TB, creds aws.CredentialsProvider, call func(gl *gamelift.Client) error) *captureDo {
	tb.Helper()
	c := &captureDo{}
	gl := gamelift.New(gamelift.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://127.0.0.1:9080"),
		Credentials: creds, HTTPClient: c, Retryer: aws.NopRetryer{}})
	if err := call(gl); !errors.Is(err, errCaptured) {
		tb.Fatalf("capturing an SDK request: %v", err)
	}
	return c
}

// rawStart is the SDK's StartMatchmaking body for one player template,
// with where its PlayerId (of playerID's length) starts.
type rawStart struct {
	body []byte
	at   int
}

// rawStartBodies captures the SDK's StartMatchmaking body of each player
// template.
func rawStartBodies(tb testing.TB, players []types.Player) []rawStart {
	tb.Helper()
	var out []rawStart
	for _, p := range players {
		p.PlayerId = aws.String(playerID(0, -1))
		c := sdkRequest(tb, func(gl *gamelift.Client) error {
			_, err := gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{
				ConfigurationName: aws.String(serveConfig), Players: []types.Player{p}})
			return err
		})
		at := bytes.Index(c.body, []byte(*p.PlayerId))
		if at < 0 {
			tb.Fatal("no PlayerId in the captured StartMatchmaking body")
		}
		out = append(out, rawStart{c.body, at})
	}
	return out
}

// rawCaller posts the SDK's CBOR bodies with net/http alone, with no
// signing or middleware: the server's capacity when its clients cost
// little, as when they run on other machines.
type rawCaller struct {
	client *http.Client
	url    string
	starts []rawStart
	buf    []byte
	every  int // describe every `every` starts, as sdkCaller
}

func newRawCaller(url string, starts []rawStart, every int) *rawCaller {
	return &rawCaller{client: &http.Client{Transport: &http.Transport{}}, url: url + "/service/GameLift/operation/", starts: starts, every: every}
}

func (r *rawCaller) start(n int, id string) (string, error) {
	t := r.starts[n%len(r.starts)]
	r.buf = append(r.buf[:0], t.body...)
	copy(r.buf[t.at:], id)
	var out struct{ MatchmakingTicket struct{ TicketId string } }
	if err := r.post("StartMatchmaking", r.buf, &out); err != nil {
		return "", err
	}
	return out.MatchmakingTicket.TicketId, nil
}

func (r *rawCaller) describeNow(pending int) bool { return pending >= r.every }

func (r *rawCaller) describe(ids []string) error {
	body, err := cbor.Marshal(map[string][]string{"TicketIds": ids})
	if err != nil {
		return err
	}
	var out struct{ TicketList []struct{ TicketId string } }
	if err := r.post("DescribeMatchmaking", body, &out); err != nil {
		return err
	}
	return checkDescribed(ids, len(out.TicketList), func(i int) string { return out.TicketList[i].TicketId })
}

// post calls operation op with a CBOR body and decodes the answer into out.
func (r *rawCaller) post(op string, body []byte, out any) error {
	req, err := http.NewRequest(http.MethodPost, r.url+op, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/cbor")
	req.Header.Set("Accept", "application/cbor")
	req.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d", op, resp.StatusCode)
	}
	return cbor.Unmarshal(answer, out)
}
