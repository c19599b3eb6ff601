package api

import (
	"fmt"

	"github.com/flexsim/flexsim/ticket"
)

// AttributeValue is a player attribute on the wire: exactly one of S, N,
// SL and SDM.
type AttributeValue struct {
	S   *string            `json:"S,omitempty"`
	N   *float64           `json:"N,omitempty"`
	SL  []string           `json:"SL,omitempty"`
	SDM map[string]float64 `json:"SDM,omitempty"`
}

// Player is a player in StartMatchmaking, StartMatchBackfill and tickets.
type Player struct {
	PlayerId         string                    `json:"PlayerId,omitempty"`
	PlayerAttributes map[string]AttributeValue `json:"PlayerAttributes,omitempty"`
	Team             string                    `json:"Team,omitempty"`
	LatencyInMs      map[string]int            `json:"LatencyInMs,omitempty"`
}

// toTicket converts a wire attribute value; one that sets no member, or
// more than one, is an InvalidRequestException.
func (a AttributeValue) toTicket(name string) (ticket.AttributeValue, error) {
	var v ticket.AttributeValue
	set := 0
	if a.S != nil {
		v, set = ticket.String(*a.S), set+1
	}
	if a.N != nil {
		v, set = ticket.Number(*a.N), set+1
	}
	if a.SL != nil {
		v, set = ticket.StringList(a.SL...), set+1
	}
	if a.SDM != nil {
		v, set = ticket.StringNumberMap(a.SDM), set+1
	}
	if set != 1 {
		return v, invalid(fmt.Sprintf("player attribute %q must set exactly one of S, N, SL and SDM (it sets %d)", name, set))
	}
	return v, nil
}

// attributeFromTicket converts an attribute value the caller gives away:
// its list and map are used as they are, not copied.
func attributeFromTicket(v ticket.AttributeValue) AttributeValue {
	switch v.Type {
	case ticket.TypeString:
		s := v.S
		return AttributeValue{S: &s}
	case ticket.TypeNumber:
		n := v.N
		return AttributeValue{N: &n}
	case ticket.TypeStringList:
		return AttributeValue{SL: v.SL}
	case ticket.TypeStringNumberMap:
		return AttributeValue{SDM: v.SDM}
	}
	return AttributeValue{}
}

func playersToTicket(in []Player) ([]ticket.Player, error) {
	if in == nil {
		return nil, nil
	}
	out := make([]ticket.Player, len(in))
	for i, p := range in {
		tp := ticket.Player{PlayerID: p.PlayerId, Team: p.Team, LatencyInMs: p.LatencyInMs}
		if p.PlayerAttributes != nil {
			tp.Attributes = make(map[string]ticket.AttributeValue, len(p.PlayerAttributes))
			for name, a := range p.PlayerAttributes {
				v, err := a.toTicket(name)
				if err != nil {
					return nil, err
				}
				tp.Attributes[name] = v
			}
		}
		out[i] = tp
	}
	return out, nil
}

// playersFromTicket converts players the caller gives away, such as the
// copies the engine's outputs hold: their maps and lists become the wire
// players' without being copied again.
func playersFromTicket(in []ticket.Player) []Player {
	if len(in) == 0 {
		return nil
	}
	out := make([]Player, len(in))
	for i, p := range in {
		wp := Player{PlayerId: p.PlayerID, Team: p.Team, LatencyInMs: p.LatencyInMs}
		if len(p.Attributes) > 0 {
			wp.PlayerAttributes = make(map[string]AttributeValue, len(p.Attributes))
			for name, v := range p.Attributes {
				wp.PlayerAttributes[name] = attributeFromTicket(v)
			}
		}
		out[i] = wp
	}
	return out
}
