package ticket

import (
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Player is one player in a matchmaking or backfill request.
type Player struct {
	// PlayerID identifies the player: 1..1024 characters.
	PlayerID string
	// Attributes are the player's attribute values by name (at most 10).
	Attributes map[string]AttributeValue
	// Team is the team the player is on. It is set by the matchmaker once
	// the player is matched, and by the caller only in backfill requests.
	Team string
	// LatencyInMs maps a region or location to the player's latency there,
	// in milliseconds (each at least 1).
	LatencyInMs map[string]int
}

// Validate checks the player against the limits of the API model.
func (p Player) Validate() error {
	if n := utf8.RuneCountInString(p.PlayerID); n < 1 || n > MaxPlayerIDLen {
		return fmt.Errorf("PlayerId must be 1 to %d characters long", MaxPlayerIDLen)
	}
	if len(p.Attributes) > MaxAttributes {
		return fmt.Errorf("player %s has %d attributes, at most %d are allowed", p.PlayerID, len(p.Attributes), MaxAttributes)
	}
	// Names are checked in order, so that the error is always the same
	// one; sorting is only worth it when there is an error to report.
	if p.attributesValid() {
		return nil
	}
	for _, name := range sortedKeys(p.Attributes) {
		if n := utf8.RuneCountInString(name); n < 1 || n > MaxAttributeKey {
			return fmt.Errorf("player %s: attribute name must be 1 to %d characters long", p.PlayerID, MaxAttributeKey)
		}
		if err := p.Attributes[name].Validate(); err != nil {
			return fmt.Errorf("player %s: attribute %s: %w", p.PlayerID, name, err)
		}
	}
	for _, region := range sortedKeys(p.LatencyInMs) {
		if n := utf8.RuneCountInString(region); n < 1 || n > MaxLatencyKeyLen {
			return fmt.Errorf("player %s: LatencyInMs region must be 1 to %d characters long", p.PlayerID, MaxLatencyKeyLen)
		}
		if ms := p.LatencyInMs[region]; ms < 1 {
			return fmt.Errorf("player %s: LatencyInMs[%s] must be at least 1, got %d", p.PlayerID, region, ms)
		}
	}
	return nil
}

// attributesValid reports whether every attribute and latency is valid,
// in map order.
func (p Player) attributesValid() bool {
	for name, v := range p.Attributes {
		if n := utf8.RuneCountInString(name); n < 1 || n > MaxAttributeKey || v.Validate() != nil {
			return false
		}
	}
	for region, ms := range p.LatencyInMs {
		if n := utf8.RuneCountInString(region); n < 1 || n > MaxLatencyKeyLen || ms < 1 {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Limits on players per request, from the API model.
const (
	MaxPlayersPerTicket   = 10  // StartMatchmaking
	MaxPlayersPerBackfill = 199 // StartMatchBackfill
)

// ValidatePlayers checks a request's player list: 1..max players, each
// valid, no PlayerId twice. Pass MaxPlayersPerTicket or MaxPlayersPerBackfill.
func ValidatePlayers(players []Player, max int) error {
	if len(players) == 0 {
		return errors.New("at least one player is required")
	}
	if len(players) > max {
		return fmt.Errorf("%d players in one request, at most %d are allowed", len(players), max)
	}
	seen := make(map[string]bool, len(players))
	for _, p := range players {
		if err := p.Validate(); err != nil {
			return err
		}
		if seen[p.PlayerID] {
			return fmt.Errorf("player %s appears twice in the request", p.PlayerID)
		}
		seen[p.PlayerID] = true
	}
	return nil
}
