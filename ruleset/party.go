package ruleset

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// Party is a ticket's players as a rule set sees them: declared attributes
// resolved by index with defaults applied, and the party aggregates every
// rule needs computed once. The engine makes one per ticket with NewParty.
type Party struct {
	ID        string
	Ticket    *ticket.Ticket // the source ticket, if made from one
	StartTime time.Time
	Players   []PartyPlayer
	// Unmatchable says why the party can never match (a declared attribute
	// missing with no default), or is "".
	Unmatchable string

	aggs    []attrAggregate // by attribute index
	latency []RegionLatency
}

// attrAggregate is what a party's players have together in one attribute:
// one slice of them, so that a party takes one allocation for all.
type attrAggregate struct {
	num   numAgg      // number attributes
	lists [2][]string // string_list attributes: union, intersection
	str   string      // string attributes: the shared value
	strOK bool        // whether every player has the same string
}

// PartyPlayer is one player of a party.
type PartyPlayer struct {
	ID string
	// Values are the declared attributes by Attribute.Index (defaults
	// applied); Type is TypeNone for a missing attribute without default.
	Values []ticket.AttributeValue
	// Team is the player's team in a backfill ticket, or "".
	Team string
}

type numAgg struct {
	avg, min, max float64
	ok            bool
}

func (a numAgg) get(agg Aggregation) float64 {
	switch agg {
	case AggMin:
		return a.min
	case AggMax:
		return a.max
	}
	return a.avg
}

// RegionLatency is a party's latency to one region, aggregated over its
// players. Only regions every player reported appear.
type RegionLatency struct {
	Region        string
	Avg, Min, Max float64
}

func (r RegionLatency) get(agg Aggregation) float64 {
	return numAgg{avg: r.Avg, min: r.Min, max: r.Max}.get(agg)
}

// NewParty prepares a ticket for this rule set. It returns an error when a
// player sends a declared attribute with a different type (the API rejects
// such a request). A missing attribute without a default is not an error:
// the party is marked Unmatchable.
func (rs *RuleSet) NewParty(t *ticket.Ticket) (*Party, error) {
	p := &Party{ID: t.TicketID, Ticket: t, StartTime: t.StartTime}
	for _, pl := range t.Players {
		pp := PartyPlayer{ID: pl.PlayerID, Team: pl.Team, Values: make([]ticket.AttributeValue, len(rs.Attributes))}
		for _, a := range rs.Attributes {
			v, ok := pl.Attributes[a.Name]
			switch {
			case ok && v.Type != a.Type:
				return nil, fmt.Errorf("player %s: attribute %s must be %s (%s), got %s", pl.PlayerID, a.Name, a.Type, a.Type.WireName(), v.Type.WireName())
			case ok:
				pp.Values[a.Index] = v.Normalize()
			case a.Default != nil:
				pp.Values[a.Index] = *a.Default
			case p.Unmatchable == "":
				p.Unmatchable = fmt.Sprintf("player %s has no value for attribute %s, which has no default", pl.PlayerID, a.Name)
			}
		}
		p.Players = append(p.Players, pp)
	}
	p.aggregate(rs)
	p.latency = aggregateLatency(t.Players)
	return p, nil
}

func (p *Party) aggregate(rs *RuleSet) {
	n := len(rs.Attributes)
	p.aggs = make([]attrAggregate, n)
	for _, a := range rs.Attributes {
		i := a.Index
		switch a.Type {
		case ticket.TypeNumber:
			agg := numAgg{min: math.Inf(1), max: math.Inf(-1), ok: true}
			sum, count := 0.0, 0
			for _, pl := range p.Players {
				v := pl.Values[i]
				if v.Type != ticket.TypeNumber {
					agg.ok = false
					continue
				}
				sum += v.N
				count++
				agg.min = min(agg.min, v.N)
				agg.max = max(agg.max, v.N)
			}
			if count > 0 {
				agg.avg = sum / float64(count)
			}
			agg.ok = agg.ok && count > 0
			p.aggs[i].num = agg
		case ticket.TypeStringList:
			var union, inter []string
			for j, pl := range p.Players {
				sl := pl.Values[i].SL
				for _, s := range sl {
					if !slices.Contains(union, s) {
						union = append(union, s)
					}
				}
				if j == 0 {
					inter = slices.Clone(sl)
				} else {
					inter = slices.DeleteFunc(inter, func(s string) bool { return !slices.Contains(sl, s) })
				}
			}
			p.aggs[i].lists = [2][]string{union, inter}
		case ticket.TypeString:
			same := len(p.Players) > 0
			for _, pl := range p.Players {
				v := pl.Values[i]
				same = same && v.Type == ticket.TypeString && v.S == p.Players[0].Values[i].S
			}
			p.aggs[i].strOK = same
			if same {
				p.aggs[i].str = p.Players[0].Values[i].S
			}
		}
	}
}

func aggregateLatency(players []ticket.Player) []RegionLatency {
	if len(players) == 0 {
		return nil
	}
	out := make([]RegionLatency, 0, len(players[0].LatencyInMs))
	for region, ms := range players[0].LatencyInMs {
		r := RegionLatency{Region: region, Min: float64(ms), Max: float64(ms)}
		sum, all := 0.0, true
		for _, pl := range players {
			v, ok := pl.LatencyInMs[region]
			if !ok {
				all = false
				break
			}
			sum += float64(v)
			r.Min = min(r.Min, float64(v))
			r.Max = max(r.Max, float64(v))
		}
		if all {
			r.Avg = sum / float64(len(players))
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b RegionLatency) int { return strings.Compare(a.Region, b.Region) })
	return out
}

// Size is the number of players in the party.
func (p *Party) Size() int { return len(p.Players) }

// Number returns the party's aggregated value of a number attribute, as a
// rule with the given partyAggregation sees it.
func (p *Party) Number(a *Attribute, agg Aggregation) (float64, bool) {
	n := p.aggs[a.Index].num
	return n.get(agg), n.ok
}

// String returns the string attribute value the whole party shares; false
// if the players disagree or lack it.
func (p *Party) String(a *Attribute) (string, bool) {
	return p.aggs[a.Index].str, p.aggs[a.Index].strOK
}

// Latencies returns the party's latency per region, sorted by region.
func (p *Party) Latencies() []RegionLatency { return p.latency }

// LatencyTo returns the party's latency to one region.
func (p *Party) LatencyTo(region string) (RegionLatency, bool) {
	i := sort.Search(len(p.latency), func(i int) bool { return p.latency[i].Region >= region })
	if i < len(p.latency) && p.latency[i].Region == region {
		return p.latency[i], true
	}
	return RegionLatency{}, false
}

// Match is a candidate match: the parties on each generated team, indexed as
// RuleSet.Teams.
type Match struct {
	Teams [][]*Party
}

// NewMatch returns an empty candidate match with the rule set's teams.
func (rs *RuleSet) NewMatch() *Match { return &Match{Teams: make([][]*Party, len(rs.Teams))} }

// Players returns the number of players on a team.
func (m *Match) Players(team int) int {
	n := 0
	for _, p := range m.Teams[team] {
		n += p.Size()
	}
	return n
}

// Size returns the number of players in the match.
func (m *Match) Size() int {
	n := 0
	for t := range m.Teams {
		n += m.Players(t)
	}
	return n
}

// Add puts a party on a team.
func (m *Match) Add(team int, p *Party) { m.Teams[team] = append(m.Teams[team], p) }

// RemoveLast takes the last party added to a team off again.
func (m *Match) RemoveLast(team int) { m.Teams[team] = m.Teams[team][:len(m.Teams[team])-1] }

// Reset empties every team, keeping the allocated space.
func (m *Match) Reset() {
	for i := range m.Teams {
		m.Teams[i] = m.Teams[i][:0]
	}
}

// Parties calls fn for every party in team order.
func (m *Match) Parties(fn func(team int, p *Party)) {
	for t, ps := range m.Teams {
		for _, p := range ps {
			fn(t, p)
		}
	}
}
