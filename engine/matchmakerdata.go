package engine

import (
	"encoding/json"
	"slices"

	"github.com/flexsim/flexsim/ticket"
)

// MatchmakerData is the JSON a game session made by FlexMatch carries
// (GameSession.MatchmakerData): the match, its configuration, and every
// player with their team and attributes. Latencies are not included.
type MatchmakerData struct {
	MatchID                     string           `json:"matchId"`
	MatchmakingConfigurationArn string           `json:"matchmakingConfigurationArn"`
	Teams                       []MatchmakerTeam `json:"teams"`
	// AutoBackfillTicketID and AutoBackfillMode are set when the
	// configuration's BackfillMode is AUTOMATIC.
	AutoBackfillTicketID string `json:"autoBackfillTicketId,omitempty"`
	AutoBackfillMode     string `json:"autoBackfillMode,omitempty"`
}

// MatchmakerTeam is a team of MatchmakerData.
type MatchmakerTeam struct {
	Name    string             `json:"name"`
	Players []MatchmakerPlayer `json:"players"`
}

// MatchmakerPlayer is a player of MatchmakerData.
type MatchmakerPlayer struct {
	PlayerID   string                         `json:"playerId"`
	Attributes map[string]MatchmakerAttribute `json:"attributes,omitempty"`
}

// MatchmakerAttribute is an attribute value as MatchmakerData spells it:
// attributeType STRING, DOUBLE, STRING_LIST or STRING_DOUBLE_MAP.
type MatchmakerAttribute struct {
	AttributeType  string `json:"attributeType"`
	ValueAttribute any    `json:"valueAttribute"`
}

// matchmakerData builds the MatchmakerData of a match: teams in the rule
// set's order, players in ticket order.
func (e *Engine) matchmakerData(mm *matchmaker, matchID string, entries []*entry, autoBackfillID string) string {
	d := MatchmakerData{MatchID: matchID, MatchmakingConfigurationArn: mm.cfg.ConfigurationArn}
	if autoBackfillID != "" {
		d.AutoBackfillTicketID, d.AutoBackfillMode = autoBackfillID, BackfillAutomatic
	}
	for _, t := range mm.rs.Teams {
		d.Teams = append(d.Teams, MatchmakerTeam{Name: t.Name, Players: []MatchmakerPlayer{}})
	}
	for _, en := range entries {
		for _, p := range en.players() {
			ti := teamIndex(mm.rs, p.Team)
			if ti < 0 {
				continue
			}
			mp := MatchmakerPlayer{PlayerID: p.PlayerID}
			if len(p.Attributes) > 0 {
				mp.Attributes = make(map[string]MatchmakerAttribute, len(p.Attributes))
				for name, v := range p.Attributes {
					mp.Attributes[name] = matchmakerAttribute(v)
				}
			}
			d.Teams[ti].Players = append(d.Teams[ti].Players, mp)
		}
	}
	b, err := json.Marshal(d)
	if err != nil { // cannot happen: every value is a string, number, list or map
		return ""
	}
	return string(b)
}

func matchmakerAttribute(v ticket.AttributeValue) MatchmakerAttribute {
	switch v.Type {
	case ticket.TypeNumber:
		return MatchmakerAttribute{"DOUBLE", v.N}
	case ticket.TypeStringList:
		return MatchmakerAttribute{"STRING_LIST", slices.Clone(v.SL)}
	case ticket.TypeStringNumberMap:
		return MatchmakerAttribute{"STRING_DOUBLE_MAP", v.SDM}
	}
	return MatchmakerAttribute{"STRING", v.S}
}
