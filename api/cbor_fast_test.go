package api

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// sdkStartBody is a StartMatchmaking body as the AWS SDK for Go v2 sends it.
var sdkStartBody = mustCBOR(map[string]any{"ConfigurationName": "ranked-5v5", "Players": []any{map[string]any{
	"PlayerId": "player-0000000", "LatencyInMs": map[string]any{"us-west-2": 198, "eu-west-1": 62},
	"PlayerAttributes": map[string]any{"skill": map[string]any{"N": 1035.0}}}}})

func mustCBOR(v any) []byte {
	b, err := cbor.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// fastDecodeCases are bodies of both fast inputs; fast says whether the
// fast path must take them.
var fastDecodeCases = []struct {
	name string
	body []byte
	fast bool
}{
	{"SDK StartMatchmaking", sdkStartBody, true},
	{"every member", mustCBOR(map[string]any{"TicketId": "t-1", "ConfigurationName": "c", "Players": []any{
		map[string]any{"PlayerId": "p", "Team": "red", "LatencyInMs": map[string]any{"a": 0, "b": 70000, "c": -5},
			"PlayerAttributes": map[string]any{"s": map[string]any{"S": ""}, "n": map[string]any{"N": float32(1.5)},
				"sl": map[string]any{"SL": []string{"x", strings.Repeat("y", 300)}}, "sdm": map[string]any{"SDM": map[string]float64{"k": -2.25}},
				"two": map[string]any{"S": "x", "N": 1.0}, "none": map[string]any{}}},
		map[string]any{}}}), true},
	{"empty lists and maps", mustCBOR(map[string]any{"Players": []any{map[string]any{"PlayerAttributes": map[string]any{}, "LatencyInMs": map[string]any{}}}}), true},
	{"no players", mustCBOR(map[string]any{"ConfigurationName": "c", "Players": []any{}}), true},
	{"empty map", []byte{0xa0}, true},
	{"DescribeMatchmaking", mustCBOR(map[string]any{"TicketIds": []string{"a", "b"}}), true},
	{"no TicketIds", mustCBOR(map[string]any{"TicketIds": []string{}}), true},

	{"unknown member", mustCBOR(map[string]any{"ConfigurationName": "c", "Extra": 1}), false},
	{"member in another case", mustCBOR(map[string]any{"configurationName": "c", "ticketIds": []string{"a"}}), false},
	{"null member", mustCBOR(map[string]any{"Players": nil, "TicketIds": nil}), false},
	{"repeated member", []byte("\xa2\x68TicketId\x61a\x68TicketId\x61b"), false},
	{"repeated latency", []byte("\xa1\x67Players\x81\xa1\x6bLatencyInMs\xa2\x61a\x01\x61a\x02"), false},
	{"indefinite map", []byte("\xbf\x69TicketIds\x81\x61a\xff"), false},
	{"indefinite text", []byte("\xa1\x69TicketIds\x81\x7f\x61a\xff"), false},
	{"tagged text", []byte("\xa1\x69TicketIds\x81\xc0\x61a"), false},
	{"byte string", []byte("\xa1\x69TicketIds\x81\x41a"), false},
	{"invalid UTF-8", []byte("\xa1\x69TicketIds\x81\x61\xff"), false},
	{"half-precision N", mustCBOR(map[string]any{"Players": []any{map[string]any{"PlayerAttributes": map[string]any{"s": map[string]any{"N": cbor.RawMessage{0xf9, 0x3c, 0x00}}}}}}), false},
	{"integer N", mustCBOR(map[string]any{"Players": []any{map[string]any{"PlayerAttributes": map[string]any{"s": map[string]any{"N": 3}}}}}), false},
	{"NaN N", mustCBOR(map[string]any{"Players": []any{map[string]any{"PlayerAttributes": map[string]any{"s": map[string]any{"N": math.NaN()}}}}}), false},
	{"float latency", mustCBOR(map[string]any{"Players": []any{map[string]any{"LatencyInMs": map[string]any{"a": 1.5}}}}), false},
	{"huge latency", mustCBOR(map[string]any{"Players": []any{map[string]any{"LatencyInMs": map[string]any{"a": uint64(1) << 40}}}}), false},
	{"data after the input", append(mustCBOR(map[string]any{"TicketIds": []string{"a"}}), 0), false},
	{"cut short", sdkStartBody[:len(sdkStartBody)-3], false},
	{"not a map", mustCBOR([]string{"a"}), false},
}

// TestCBORFastDecode checks that the fast path takes the plain bodies and
// decodes them as cborDec does, leaves the rest to cborDec, and leaves its
// destination untouched when it does.
func TestCBORFastDecode(t *testing.T) {
	for _, tc := range fastDecodeCases {
		t.Run(tc.name, func(t *testing.T) {
			took := false
			for _, newInput := range []func() any{func() any { return new(StartMatchmakingInput) }, func() any { return new(DescribeMatchmakingInput) }} {
				fast, slow := newInput(), newInput()
				ok := fastDecode(tc.body, fast)
				took = took || ok
				slowErr := cborDec.Unmarshal(tc.body, slow)
				if ok && (slowErr != nil || !reflect.DeepEqual(fast, slow)) {
					t.Errorf("%T: fast path decoded %+v; cborDec %+v, %v", fast, fast, slow, slowErr)
				}
				if !ok && !reflect.DeepEqual(fast, newInput()) {
					t.Errorf("%T: the fast path gave up but changed its destination: %+v", fast, fast)
				}
			}
			if took != tc.fast {
				t.Errorf("fast path took it: %v, want %v", took, tc.fast)
			}
		})
	}
}

// FuzzCBORFastDecode checks that whatever the fast path takes, cborDec
// takes too and decodes to the same value.
func FuzzCBORFastDecode(f *testing.F) {
	for _, tc := range fastDecodeCases {
		f.Add(tc.body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, newInput := range []func() any{func() any { return new(StartMatchmakingInput) }, func() any { return new(DescribeMatchmakingInput) }} {
			fast, slow := newInput(), newInput()
			if !fastDecode(body, fast) {
				if !reflect.DeepEqual(fast, newInput()) {
					t.Fatalf("%T: the fast path gave up but changed its destination", fast)
				}
				continue
			}
			if err := cborDec.Unmarshal(body, slow); err != nil || !reflect.DeepEqual(fast, slow) {
				t.Fatalf("%T: fast path decoded %+v; cborDec %+v, %v", fast, fast, slow, err)
			}
		}
	})
}

// fastTicket is a ticket with every member set and every map of one entry,
// so that its encoding is one byte string.
func fastTicket() MatchmakingTicket {
	s, n, wait := "text", 12.5, 0
	at := &Timestamp{time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)}
	return MatchmakingTicket{
		TicketId: "t-1", ConfigurationName: "ranked", ConfigurationArn: "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/" + strings.Repeat("r", 300),
		Status: "COMPLETED", StatusReason: "reason", StatusMessage: strings.Repeat("m", 70000),
		StartTime: at, EndTime: &Timestamp{at.Add(90 * time.Second)},
		Players: []Player{
			{PlayerId: "p1", Team: "red", PlayerAttributes: map[string]AttributeValue{"s": {S: &s}}, LatencyInMs: map[string]int{"us-east-1": 30}},
			{PlayerId: "p2", PlayerAttributes: map[string]AttributeValue{"n": {N: &n}}, LatencyInMs: map[string]int{"far": 1 << 20}},
			{PlayerAttributes: map[string]AttributeValue{"sl": {SL: []string{"a", "b"}}}},
			{PlayerAttributes: map[string]AttributeValue{"sdm": {SDM: map[string]float64{"k": -1}}}},
			{PlayerAttributes: map[string]AttributeValue{"all": {S: &s, N: &n, SL: []string{"x"}, SDM: map[string]float64{"y": 0}}}},
			{PlayerAttributes: map[string]AttributeValue{"none": {SL: []string{}, SDM: map[string]float64{}}}, LatencyInMs: map[string]int{}},
			{},
		},
		GameSessionConnectionInfo: &GameSessionConnectionInfo{GameSessionArn: "arn:gs", IpAddress: "10.0.0.1", DnsName: "h.example", Port: 7777,
			MatchedPlayerSessions: []MatchedPlayerSession{{PlayerId: "p1", PlayerSessionId: "psess-1"}, {}}},
		EstimatedWaitTime: &wait,
	}
}

// TestCBORFastEncode checks that the fast path writes the bytes cborEnc
// writes, and leaves what it does not write as cborEnc would to cborEnc.
func TestCBORFastEncode(t *testing.T) {
	full, negative := fastTicket(), MatchmakingTicket{TicketId: "t-2", Status: "QUEUED"}
	wait := -3
	negative.EstimatedWaitTime = &wait
	negative.GameSessionConnectionInfo = &GameSessionConnectionInfo{}
	nan := math.Inf(-1)
	odd := MatchmakingTicket{Players: []Player{{PlayerAttributes: map[string]AttributeValue{"x": {N: &nan}}}}}
	for _, tc := range []struct {
		name string
		out  any
		fast bool
	}{
		{"full ticket", &TicketOutput{MatchmakingTicket: &full}, true},
		{"no ticket", &TicketOutput{}, true},
		{"tickets", &DescribeMatchmakingOutput{TicketList: []MatchmakingTicket{full, negative, {}}}, true},
		{"no tickets", &DescribeMatchmakingOutput{TicketList: []MatchmakingTicket{}}, true},
		{"nil ticket list", &DescribeMatchmakingOutput{}, true},
		{"infinity", &TicketOutput{MatchmakingTicket: &odd}, false},
		{"another output", &Empty{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := cborEnc.Marshal(tc.out)
			if err != nil {
				t.Fatal(err)
			}
			buf := bytes.NewBufferString("prefix")
			if got := fastEncode(buf, tc.out); got != tc.fast {
				t.Fatalf("fast path took it: %v, want %v", got, tc.fast)
			}
			if !tc.fast {
				if buf.String() != "prefix" {
					t.Fatalf("the fast path gave up but wrote %q", buf.Bytes())
				}
				return
			}
			if got := bytes.TrimPrefix(buf.Bytes(), []byte("prefix")); !bytes.Equal(got, want) {
				t.Errorf("fast path wrote\n%x\ncborEnc writes\n%x", got, want)
			}
		})
	}
}

// TestCBORFastEncodeMaps checks maps of several entries, whose order is
// Go's map order in both encoders: the decoded answers must be equal.
func TestCBORFastEncodeMaps(t *testing.T) {
	a, b := 1.0, "x"
	out := &TicketOutput{MatchmakingTicket: &MatchmakingTicket{Players: []Player{{
		PlayerAttributes: map[string]AttributeValue{"a": {N: &a}, "b": {S: &b}, "c": {SDM: map[string]float64{"x": 1, "y": 2, "z": 3}}},
		LatencyInMs:      map[string]int{"r1": 1, "r2": 200, "r3": 70000},
	}}}}
	var buf bytes.Buffer
	if !fastEncode(&buf, out) {
		t.Fatal("the fast path did not take it")
	}
	want, err := cborEnc.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	var got, wantV any
	if err := cbor.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if err := cbor.Unmarshal(want, &wantV); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, wantV) || buf.Len() != len(want) {
		t.Errorf("fast path wrote %v (%d bytes), cborEnc %v (%d bytes)", got, buf.Len(), wantV, len(want))
	}
}

// FuzzCBORFastEncode encodes tickets of the players of arbitrary
// StartMatchmaking bodies both ways: the answers must be the same bytes,
// up to the order of map entries.
func FuzzCBORFastEncode(f *testing.F) {
	for _, tc := range fastDecodeCases {
		f.Add(tc.body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in StartMatchmakingInput
		if cborDec.Unmarshal(body, &in) != nil {
			return
		}
		wait := len(in.TicketId) - 10
		out := &DescribeMatchmakingOutput{TicketList: []MatchmakingTicket{{TicketId: in.TicketId, Status: in.ConfigurationName,
			Players: in.Players, EstimatedWaitTime: &wait, StartTime: &Timestamp{time.UnixMilli(int64(len(body)) * 1e9)}}}}
		var buf bytes.Buffer
		if !fastEncode(&buf, out) {
			return
		}
		want, err := cborEnc.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		var got, wantV any
		if err := cbor.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("the fast path wrote bad CBOR %x: %v", buf.Bytes(), err)
		}
		if err := cbor.Unmarshal(want, &wantV); err != nil {
			t.Fatal(err)
		}
		if buf.Len() != len(want) || !reflect.DeepEqual(got, wantV) {
			t.Fatalf("fast path wrote\n%x\ncborEnc writes\n%x", buf.Bytes(), want)
		}
	})
}
