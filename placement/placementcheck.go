package placement

import (
	"regexp"
	"unicode/utf8"
)

var placementIDPat = regexp.MustCompile(`^[a-zA-Z0-9-]+$`)

// checkPlacementInput validates StartGameSessionPlacement's fields against
// the API's limits and rules.
func checkPlacementInput(in *StartGameSessionPlacementInput) error {
	if n := len(in.PlacementId); n < 1 || n > MaxPlacementIdLength || !placementIDPat.MatchString(in.PlacementId) {
		return invalidf("PlacementId must be 1 to %d letters, digits or '-'", MaxPlacementIdLength)
	}
	if in.GameSessionQueueName == "" {
		return invalidf("GameSessionQueueName is required")
	}
	if err := checkMaxPlayers(in.MaximumPlayerSessionCount); err != nil {
		return err
	}
	if utf8.RuneCountInString(in.GameSessionName) > MaxPlacementGameSessionName {
		return invalidf("GameSessionName must be at most %d characters long", MaxPlacementGameSessionName)
	}
	if err := checkGameProperties(in.GameProperties); err != nil {
		return err
	}
	if err := checkLen("GameSessionData", in.GameSessionData, 0, MaxGameSessionData); err != nil {
		return err
	}
	for i, l := range in.PlayerLatencies {
		if n := utf8.RuneCountInString(l.PlayerId); n < 1 || n > MaxPlacementPlayerId {
			return invalidf("PlayerLatencies[%d].PlayerId must be 1 to %d characters long", i, MaxPlacementPlayerId)
		}
		if n := len(l.RegionIdentifier); n < 1 || n > MaxPlacementRegionIdentifier {
			return invalidf("PlayerLatencies[%d].RegionIdentifier must be 1 to %d characters long", i, MaxPlacementRegionIdentifier)
		}
		if !(l.LatencyInMilliseconds >= 0) {
			return invalidf("PlayerLatencies[%d].LatencyInMilliseconds must be at least 0", i)
		}
	}
	if err := checkDesiredPlayers(in.DesiredPlayerSessions, in.MaximumPlayerSessionCount); err != nil {
		return err
	}
	if o := in.PriorityConfigurationOverride; o != nil {
		if len(in.PlayerLatencies) > 0 {
			return invalidf("give either PlayerLatencies or PriorityConfigurationOverride, not both")
		}
		if err := checkLocations("PriorityConfigurationOverride.LocationOrder", o.LocationOrder, MaxPriorityOverrideLocationOrder); err != nil {
			return err
		}
		switch o.PlacementFallbackStrategy {
		case "", FallbackDefaultAfterSinglePass, FallbackNone:
		default:
			return invalidf("PlacementFallbackStrategy %q is not %s or %s", o.PlacementFallbackStrategy, FallbackDefaultAfterSinglePass, FallbackNone)
		}
	}
	return nil
}

// checkDesiredPlayers requires distinct player IDs, valid player data, and
// no more players than the game session holds.
func checkDesiredPlayers(ps []DesiredPlayer, maxPlayers int) error {
	if len(ps) > maxPlayers {
		return invalidf("%d DesiredPlayerSessions do not fit a game session of %d players", len(ps), maxPlayers)
	}
	seen := make(map[string]bool, len(ps))
	for i, p := range ps {
		if n := utf8.RuneCountInString(p.PlayerId); n < 1 || n > MaxPlacementPlayerId {
			return invalidf("DesiredPlayerSessions[%d].PlayerId must be 1 to %d characters long", i, MaxPlacementPlayerId)
		}
		if utf8.RuneCountInString(p.PlayerData) > MaxPlayerData {
			return invalidf("DesiredPlayerSessions[%d].PlayerData must be at most %d characters long", i, MaxPlayerData)
		}
		if seen[p.PlayerId] {
			return invalidf("DesiredPlayerSessions lists player %s twice", p.PlayerId)
		}
		seen[p.PlayerId] = true
	}
	return nil
}
