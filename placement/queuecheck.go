package placement

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/flexsim/flexsim/engine"
)

var (
	queueNamePat   = regexp.MustCompile(`^[a-zA-Z0-9-]+$`)
	destinationPat = regexp.MustCompile(`^[a-zA-Z0-9:/-]+$`)
	snsTargetPat   = regexp.MustCompile(`^[a-zA-Z0-9:_/-]*(\.fifo)?$`)
)

func checkQueueName(name string) error {
	if n := utf8.RuneCountInString(name); n < 1 || n > MaxQueueNameLength {
		return invalidf("Name must be 1 to %d characters long", MaxQueueNameLength)
	}
	if !queueNamePat.MatchString(name) {
		return invalidf("Name %q may only hold letters, digits and '-'", name)
	}
	return nil
}

// checkQueue validates a queue's fields against the API's limits, and
// drops an empty FilterConfiguration.
func checkQueue(q *GameSessionQueue) error {
	if t := q.TimeoutInSeconds; t < MinQueueTimeoutSeconds || t > MaxQueueTimeoutSeconds {
		return invalidf("TimeoutInSeconds must be %d to %d, got %d", MinQueueTimeoutSeconds, MaxQueueTimeoutSeconds, t)
	}
	for i, p := range q.PlayerLatencyPolicies {
		if p.MaximumIndividualPlayerLatencyMilliseconds < 0 {
			return invalidf("PlayerLatencyPolicies[%d].MaximumIndividualPlayerLatencyMilliseconds must be at least 0", i)
		}
		if d := p.PolicyDurationSeconds; d != nil && *d < 0 {
			return invalidf("PlayerLatencyPolicies[%d].PolicyDurationSeconds must be at least 0", i)
		}
	}
	for i, d := range q.Destinations {
		if n := len(d.DestinationArn); n < 1 || n > 256 || !destinationPat.MatchString(d.DestinationArn) {
			return invalidf("Destinations[%d].DestinationArn %q is not a fleet or alias ARN", i, d.DestinationArn)
		}
	}
	if fc := q.FilterConfiguration; fc != nil {
		if len(fc.AllowedLocations) == 0 {
			q.FilterConfiguration = nil
		} else if err := checkLocations("FilterConfiguration.AllowedLocations", fc.AllowedLocations, MaxQueueLocations); err != nil {
			return err
		}
	}
	if pc := q.PriorityConfiguration; pc != nil {
		if err := checkPriority(pc); err != nil {
			return err
		}
	}
	if utf8.RuneCountInString(q.CustomEventData) > MaxQueueCustomEventData {
		return invalidf("CustomEventData must be at most %d characters long", MaxQueueCustomEventData)
	}
	if len(q.NotificationTarget) > MaxQueueNotificationTarget || !snsTargetPat.MatchString(q.NotificationTarget) {
		return invalidf("NotificationTarget %q is not an SNS topic ARN", q.NotificationTarget)
	}
	return nil
}

func checkPriority(pc *PriorityConfiguration) error {
	if n := len(pc.PriorityOrder); n < 1 || n > 4 {
		return invalidf("PriorityConfiguration.PriorityOrder must list 1 to 4 priority types, got %d", n)
	}
	for i, p := range pc.PriorityOrder {
		if !slices.Contains(priorityNames[:], p) {
			return invalidf("PriorityConfiguration.PriorityOrder[%d] %q is not one of %s", i, p, strings.Join(priorityNames[:], ", "))
		}
		if slices.Contains(pc.PriorityOrder[:i], p) {
			return invalidf("PriorityConfiguration.PriorityOrder lists %s twice", p)
		}
	}
	if len(pc.LocationOrder) > 0 {
		if err := checkLocations("PriorityConfiguration.LocationOrder", pc.LocationOrder, MaxQueueLocations); err != nil {
			return err
		}
	} else if slices.Contains(pc.PriorityOrder, PriorityLocation) {
		return invalidf("PriorityConfiguration.LocationOrder is required when PriorityOrder includes LOCATION")
	}
	return nil
}

func checkLocations(field string, locs []string, most int) error {
	if len(locs) < 1 || len(locs) > most {
		return invalidf("%s must list 1 to %d locations, got %d", field, most, len(locs))
	}
	for i, l := range locs {
		if err := checkLocation(fmt.Sprintf("%s[%d]", field, i), l); err != nil {
			return err
		}
	}
	return nil
}

// checkDestinations requires every destination to name an existing fleet
// or alias (a TERMINAL alias included).
func (s *Service) checkDestinations(ds []GameSessionQueueDestination) error {
	for _, d := range ds {
		if _, known := s.destinationFleet(d.DestinationArn); !known {
			return notFoundf("destination %s is neither a fleet nor an alias", d.DestinationArn)
		}
	}
	return nil
}

// destinationFleet resolves a destination (a fleet or alias ARN or ID) to
// the fleet placements go to: nil for a TERMINAL alias, an alias whose
// fleet is gone, or an unknown destination. known reports whether the
// destination names an existing fleet or a TERMINAL alias.
func (s *Service) destinationFleet(arn string) (f *fleet, known bool) {
	f, err := s.resolveDestination(arn)
	if err != nil {
		return nil, engine.ErrorCode(err) == engine.CodeTerminalRoutingStrategy
	}
	return f, true
}
