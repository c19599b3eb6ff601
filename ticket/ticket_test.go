package ticket_test

import (
	"strings"
	"testing"

	"github.com/flexsim/flexsim/ticket"
)

func TestAttributeValueValidate(t *testing.T) {
	long := strings.Repeat("x", 101)
	many := make([]string, 101)
	for i := range many {
		many[i] = strings.Repeat("a", i%100+1)
	}
	bigMap := map[string]float64{}
	for i := range 11 {
		bigMap[strings.Repeat("k", i+1)] = 1
	}
	tests := []struct {
		name    string
		v       ticket.AttributeValue
		wantErr string
	}{
		{"string", ticket.String("eu"), ""},
		{"string 100 chars", ticket.String(strings.Repeat("é", 100)), ""},
		{"string 101 chars", ticket.String(long), "1 to 100 characters"},
		{"empty string", ticket.String(""), "1 to 100 characters"},
		{"number", ticket.Number(-3.5), ""},
		{"string list", ticket.StringList("a", "b"), ""},
		{"string list item too long", ticket.StringList("a", long), "SL[1]"},
		{"string list 101 items", ticket.AttributeValue{Type: ticket.TypeStringList, SL: many}, "at most 100"},
		{"map", ticket.StringNumberMap(map[string]float64{"a": 1}), ""},
		{"map 11 entries", ticket.StringNumberMap(bigMap), "at most 10"},
		{"map key too long", ticket.StringNumberMap(map[string]float64{long: 1}), "SDM key"},
		{"no member", ticket.AttributeValue{}, "no member set"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Validate()
			if tc.wantErr == "" && err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestStringListIgnoresDuplicates(t *testing.T) {
	v := ticket.StringList("a", "b", "a", "c", "b")
	if got := strings.Join(v.SL, ","); got != "a,b,c" {
		t.Errorf("SL = %s, want a,b,c (first occurrences kept)", got)
	}
	raw := ticket.AttributeValue{Type: ticket.TypeStringList, SL: []string{"x", "x"}}
	if got := raw.Normalize().SL; len(got) != 1 {
		t.Errorf("Normalize() = %v, want one item", got)
	}
}

func TestAttributeTypeNames(t *testing.T) {
	for _, tc := range []struct {
		name, wire, data string
		typ              ticket.AttributeType
	}{
		{"string", "S", "STRING", ticket.TypeString},
		{"number", "N", "DOUBLE", ticket.TypeNumber},
		{"string_list", "SL", "STRING_LIST", ticket.TypeStringList},
		{"string_number_map", "SDM", "STRING_DOUBLE_MAP", ticket.TypeStringNumberMap},
	} {
		got, ok := ticket.ParseAttributeType(tc.name)
		if !ok || got != tc.typ || got.String() != tc.name || got.WireName() != tc.wire || got.MatchmakerDataName() != tc.data {
			t.Errorf("%s: parsed %v (%v), wire %q, data %q", tc.name, got, ok, got.WireName(), got.MatchmakerDataName())
		}
	}
	if _, ok := ticket.ParseAttributeType("integer"); ok {
		t.Error("ParseAttributeType(integer) succeeded")
	}
}

func TestValidatePlayers(t *testing.T) {
	p := func(id string) ticket.Player { return ticket.Player{PlayerID: id} }
	eleven := make([]ticket.Player, 11)
	for i := range eleven {
		eleven[i] = p(string(rune('a' + i)))
	}
	attrs := map[string]ticket.AttributeValue{}
	for i := range 11 {
		attrs[string(rune('a'+i))] = ticket.Number(1)
	}
	tests := []struct {
		name    string
		players []ticket.Player
		max     int
		wantErr string
	}{
		{"one", []ticket.Player{p("a")}, ticket.MaxPlayersPerTicket, ""},
		{"none", nil, ticket.MaxPlayersPerTicket, "at least one player"},
		{"eleven in a ticket", eleven, ticket.MaxPlayersPerTicket, "at most 10"},
		{"eleven in a backfill", eleven, ticket.MaxPlayersPerBackfill, ""},
		{"duplicate id", []ticket.Player{p("a"), p("a")}, ticket.MaxPlayersPerTicket, "appears twice"},
		{"empty id", []ticket.Player{p("")}, ticket.MaxPlayersPerTicket, "PlayerId"},
		{"eleven attributes", []ticket.Player{{PlayerID: "a", Attributes: attrs}}, ticket.MaxPlayersPerTicket, "11 attributes"},
		{"bad attribute", []ticket.Player{{PlayerID: "a", Attributes: map[string]ticket.AttributeValue{"x": ticket.String("")}}}, ticket.MaxPlayersPerTicket, "attribute x"},
		{"zero latency", []ticket.Player{{PlayerID: "a", LatencyInMs: map[string]int{"us-east-1": 0}}}, ticket.MaxPlayersPerTicket, "at least 1"},
		{"good latency", []ticket.Player{{PlayerID: "a", LatencyInMs: map[string]int{"us-east-1": 40}}}, ticket.MaxPlayersPerTicket, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ticket.ValidatePlayers(tc.players, tc.max)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("ValidatePlayers() = %v, want nil", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("ValidatePlayers() = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestStatuses(t *testing.T) {
	terminal := map[ticket.Status]bool{ticket.Completed: true, ticket.Failed: true, ticket.Cancelled: true, ticket.TimedOut: true}
	if len(ticket.Statuses) != 8 {
		t.Fatalf("%d statuses, want 8", len(ticket.Statuses))
	}
	for _, s := range ticket.Statuses {
		if s.Terminal() != terminal[s] {
			t.Errorf("%s.Terminal() = %v", s, s.Terminal())
		}
		if !s.Valid() {
			t.Errorf("%s.Valid() = false", s)
		}
	}
	if ticket.Status("DONE").Valid() {
		t.Error(`Status("DONE").Valid() = true`)
	}
}

func TestAttributeValueEqual(t *testing.T) {
	a := ticket.StringNumberMap(map[string]float64{"x": 1})
	b := ticket.StringNumberMap(map[string]float64{"x": 1})
	c := ticket.StringNumberMap(map[string]float64{"x": 2})
	if !a.Equal(b) || a.Equal(c) || ticket.Number(1).Equal(ticket.String("1")) || !ticket.StringList("a").Equal(ticket.StringList("a", "a")) {
		t.Error("Equal disagrees with value semantics")
	}
}

func TestTicketPlayerLookup(t *testing.T) {
	tk := &ticket.Ticket{Players: []ticket.Player{{PlayerID: "a"}, {PlayerID: "b"}}}
	if tk.Player("b") == nil || tk.Player("c") != nil || tk.Size() != 2 {
		t.Error("Player lookup or Size is wrong")
	}
}
