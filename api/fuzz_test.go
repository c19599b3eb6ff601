package api_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// fuzzServer is a server on a virtual clock with a rule set and a
// configuration, so that fuzzed inputs reach the engine.
func fuzzServer(f *testing.F) http.Handler {
	clock := engine.NewVirtualClock(start)
	hosting := placement.New(placement.WithClock(clock))
	mm := engine.New(engine.WithClock(clock), engine.WithPlacer(hosting))
	f.Cleanup(func() { mm.Close(); hosting.Close() })
	h := api.New(mm, hosting, api.WithVirtualClock(clock))
	for _, req := range []struct{ op, body string }{
		{"CreateMatchmakingRuleSet", `{"Name":"1v1","RuleSetBody":` + quote(oneVsOne) + `}`},
		{"CreateMatchmakingConfiguration", `{"Name":"ranked","RuleSetName":"1v1","RequestTimeoutSeconds":60,"AcceptanceRequired":false,"FlexMatchMode":"STANDALONE"}`},
	} {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewBufferString(req.body))
		r.Header.Set("X-Amz-Target", "GameLift."+req.op)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			f.Fatalf("%s: %d %s", req.op, w.Code, w.Body)
		}
	}
	return h
}

func quote(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// checkAnswer fails on a fault: no input may make an operation answer 500.
func checkAnswer(t *testing.T, w *httptest.ResponseRecorder) {
	if w.Code >= 500 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if w.Header().Get("x-amzn-RequestId") == "" {
		t.Fatal("no x-amzn-RequestId")
	}
}

// FuzzJSONRequest sends arbitrary JSON 1.1 bodies to the operations.
func FuzzJSONRequest(f *testing.F) {
	h := fuzzServer(f)
	f.Add("StartMatchmaking", []byte(`{"ConfigurationName":"ranked","Players":[{"PlayerId":"p","PlayerAttributes":{"skill":{"N":1}},"LatencyInMs":{"us-east-1":10}}]}`))
	f.Add("DescribeMatchmaking", []byte(`{"TicketIds":["a"]}`))
	f.Add("StartMatchBackfill", []byte(`{"ConfigurationName":"ranked","Players":[{"PlayerId":"p","Team":"red","PlayerAttributes":{"skill":{"SDM":{"a":1}}}}]}`))
	f.Add("CreateGameSessionQueue", []byte(`{"Name":"q","TimeoutInSeconds":60}`))
	f.Add("UpdateMatchmakingConfiguration", []byte(`{"Name":"ranked","AcceptanceRequired":null}`))
	f.Add("CreateFleet", []byte(`{"Name":"f","Locations":[{"Location":"us-west-2"}]}`))
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("X-Amz-Target", "GameLift."+op)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		checkAnswer(t, w)
	})
}

// FuzzCBORRequest sends arbitrary RPC v2 CBOR bodies to the operations.
func FuzzCBORRequest(f *testing.F) {
	h := fuzzServer(f)
	seed := func(op string, v any) {
		b, err := cbor.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(op, b)
	}
	seed("StartMatchmaking", map[string]any{"ConfigurationName": "ranked", "Players": []any{map[string]any{
		"PlayerId": "p", "PlayerAttributes": map[string]any{"skill": map[string]any{"N": 1.5}}, "LatencyInMs": map[string]any{"us-east-1": 10}}}})
	seed("DescribeMatchmaking", map[string]any{"TicketIds": []string{"a"}})
	seed("DescribeGameSessionPlacement", map[string]any{"PlacementId": "p"})
	seed("CreateMatchmakingRuleSet", map[string]any{"Name": "x", "RuleSetBody": "{}", "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}})
	seed("AcceptMatch", cbor.Tag{Number: 1, Content: 1.5})
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/service/GameLift/operation/x", bytes.NewReader(body))
		r.URL.Path = "/service/GameLift/operation/" + op // any bytes, as a raw request could carry
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		checkAnswer(t, w)
		if w.Header().Get("smithy-protocol") != "rpc-v2-cbor" {
			t.Fatal("no smithy-protocol header")
		}
	})
}
