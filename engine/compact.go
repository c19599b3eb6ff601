package engine

import (
	"slices"
	"strings"

	"github.com/flexsim/flexsim/ticket"
)

// compactPlayer is how the engine stores a player's attributes and
// latencies: sorted slices instead of maps, a fraction of their size. A
// waiting ticket's ticket.Player keeps only PlayerID and Team; players()
// rebuilds the maps when a caller needs them.
type compactPlayer struct {
	attrs   []namedValue
	latency []regionMs
}

type namedValue struct {
	name  string
	value ticket.AttributeValue
}

type regionMs struct {
	region string
	ms     int
}

// compactPlayers deep-copies the callers' players into compact storage and
// returns the players reduced to PlayerID and Team.
func compactPlayers(ps []ticket.Player) ([]ticket.Player, []compactPlayer) {
	slim := make([]ticket.Player, len(ps))
	cs := make([]compactPlayer, len(ps))
	for i, p := range ps {
		slim[i] = ticket.Player{PlayerID: p.PlayerID, Team: p.Team}
		if len(p.Attributes) > 0 {
			cs[i].attrs = make([]namedValue, 0, len(p.Attributes))
			for name, v := range p.Attributes {
				cs[i].attrs = append(cs[i].attrs, namedValue{name, v.Clone()})
			}
			slices.SortFunc(cs[i].attrs, func(a, b namedValue) int { return strings.Compare(a.name, b.name) })
		}
		if len(p.LatencyInMs) > 0 {
			cs[i].latency = make([]regionMs, 0, len(p.LatencyInMs))
			for region, ms := range p.LatencyInMs {
				cs[i].latency = append(cs[i].latency, regionMs{region, ms})
			}
			slices.SortFunc(cs[i].latency, func(a, b regionMs) int { return strings.Compare(a.region, b.region) })
		}
	}
	return slim, cs
}

// players returns full copies of the ticket's players, safe to hand out.
func (en *entry) players() []ticket.Player {
	out := make([]ticket.Player, len(en.t.Players))
	for i, p := range en.t.Players {
		out[i] = ticket.Player{PlayerID: p.PlayerID, Team: p.Team}
		if i >= len(en.compact) {
			continue
		}
		c := en.compact[i]
		if len(c.attrs) > 0 {
			out[i].Attributes = make(map[string]ticket.AttributeValue, len(c.attrs))
			for _, a := range c.attrs {
				out[i].Attributes[a.name] = a.value.Clone()
			}
		}
		if len(c.latency) > 0 {
			out[i].LatencyInMs = make(map[string]int, len(c.latency))
			for _, r := range c.latency {
				out[i].LatencyInMs[r.region] = r.ms
			}
		}
	}
	return out
}

// fullTicket is a copy of the ticket with its players' attributes and
// latencies, for preparing it under a rule set.
func (en *entry) fullTicket() *ticket.Ticket {
	t := *en.t
	t.Players = en.players()
	return &t
}
