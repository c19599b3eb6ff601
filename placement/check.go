package placement

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flexsim/flexsim/engine"
)

// Field limits of the hosting operations, from the API model.
const (
	MaxGameProperties       = 16     // GameProperties per game session
	MaxGamePropertyKey      = 32     // characters in a GameProperty key
	MaxGamePropertyValue    = 96     // characters in a GameProperty value
	MaxGameSessionData      = 262144 // characters of GameSessionData
	MaxPlayersPerSession    = 200    // MaximumPlayerSessionCount; not adjustable
	MaxPlayerIdsPerRequest  = 25     // PlayerIds in CreatePlayerSessions
	MaxPlayerData           = 2048   // characters of PlayerData
	MaxSearchResults        = 20     // SearchGameSessions page size
	MaxProcessesPerInstance = 50     // concurrent server processes on one instance
)

// Protection policies of game sessions.
const (
	ProtectionNone = "NoProtection"
	ProtectionFull = "FullProtection"
)

// errorf returns an *engine.Error of the AWS code.
func errorf(code, format string, args ...any) error {
	return &engine.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func invalidf(format string, args ...any) error {
	return errorf(engine.CodeInvalidRequest, format, args...)
}

func notFoundf(format string, args ...any) error {
	return errorf(engine.CodeNotFound, format, args...)
}

// resourceID returns the ID in an ID-or-ARN field: the part after the last
// slash of an ARN, or the value itself.
func resourceID(idOrArn string) string {
	if strings.HasPrefix(idOrArn, "arn:") {
		if i := strings.LastIndexByte(idOrArn, '/'); i >= 0 {
			return idOrArn[i+1:]
		}
	}
	return idOrArn
}

// checkLen checks that s holds min to max characters.
func checkLen(field, s string, minLen, maxLen int) error {
	if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
		if minLen == 0 {
			return invalidf("%s must be at most %d characters long, got %d", field, maxLen, n)
		}
		return invalidf("%s must be %d to %d characters long, got %d", field, minLen, maxLen, n)
	}
	return nil
}

// checkOptional checks s like checkLen unless it is empty (not given).
func checkOptional(field, s string, maxLen int) error {
	if s == "" {
		return nil
	}
	return checkLen(field, s, 1, maxLen)
}

var (
	locationPat = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	customIDPat = regexp.MustCompile(`^[a-zA-Z0-9-]+$`)
)

// checkLocation checks a location (region or local zone) code.
func checkLocation(field, loc string) error {
	if err := checkLen(field, loc, 1, 64); err != nil {
		return err
	}
	if !locationPat.MatchString(loc) {
		return invalidf("%s %q is not a location code such as us-west-2", field, loc)
	}
	return nil
}

// checkGameProperties applies the limits on a game session's properties.
func checkGameProperties(props []engine.GameProperty) error {
	if len(props) > MaxGameProperties {
		return invalidf("at most %d GameProperties are allowed, got %d", MaxGameProperties, len(props))
	}
	for _, p := range props {
		if err := checkLen("GameProperty key", p.Key, 1, MaxGamePropertyKey); err != nil {
			return err
		}
		if err := checkLen("GameProperty value of "+p.Key, p.Value, 0, MaxGamePropertyValue); err != nil {
			return err
		}
	}
	return nil
}

// checkMaxPlayers checks a MaximumPlayerSessionCount.
func checkMaxPlayers(n int) error {
	if n < 0 || n > MaxPlayersPerSession {
		return invalidf("MaximumPlayerSessionCount must be 0 to %d, got %d", MaxPlayersPerSession, n)
	}
	return nil
}

// checkLimit checks a page size: 0 (not given) or positive.
func checkLimit(limit int) error {
	if limit < 0 {
		return invalidf("Limit must be at least 1, got %d", limit)
	}
	return nil
}

// paginate returns the page of items that starts at token (an offset) and
// holds up to limit items (all of them when limit is 0), with the token of
// the next page ("" on the last).
func paginate[T any](items []T, limit int, token string) ([]T, string, error) {
	start := 0
	if token != "" {
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 || n > len(items) {
			return nil, "", invalidf("NextToken %q is not valid", token)
		}
		start = n
	}
	end := len(items)
	if limit > 0 {
		end = min(start+limit, len(items))
	}
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[start:end], next, nil
}
