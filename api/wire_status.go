package api

import (
	"context"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
	"github.com/flexsim/flexsim/ticket"
)

// StatusResponse is the answer of GET /_flexsim/status: what the web page
// at / shows. Times are RFC 3339, in UTC.
type StatusResponse struct {
	Clock string    `json:"clock"` // real or virtual
	Now   time.Time `json:"now"`
	// TicketStatuses lists every ticket status in lifecycle order: the keys
	// of each configuration's tickets.
	TicketStatuses []string              `json:"ticketStatuses"`
	Configurations []StatusConfiguration `json:"configurations"`
	Fleets         []StatusFleet         `json:"fleets"` // empty without game session placement
}

// StatusConfiguration is one matchmaking configuration in a StatusResponse.
type StatusConfiguration struct {
	Name               string `json:"name"`
	RuleSetName        string `json:"ruleSetName"`
	FlexMatchMode      string `json:"flexMatchMode"`
	BackfillMode       string `json:"backfillMode,omitempty"`
	AcceptanceRequired bool   `json:"acceptanceRequired"`
	// Tickets counts tickets by status: the live pool, and terminal
	// tickets still describable.
	Tickets       map[string]int `json:"tickets"`
	MatchesFormed int            `json:"matchesFormed"`
	// RecentMatches are the latest potential matches, newest first.
	RecentMatches []StatusMatch `json:"recentMatches"`
	// Rules are cumulative rule evaluation counts since the configuration
	// got its rule set.
	Rules []StatusRule `json:"rules"`
}

// StatusMatch is a recent potential match. Status is REQUIRES_ACCEPTANCE,
// PLACING, COMPLETED, FAILED, or DROPPED when it fell through.
type StatusMatch struct {
	MatchID        string       `json:"matchId"`
	Time           time.Time    `json:"time"`
	Status         string       `json:"status"`
	Backfill       bool         `json:"backfill"`
	GameSessionArn string       `json:"gameSessionArn,omitempty"`
	Teams          []StatusTeam `json:"teams"`
}

// StatusTeam is one team of a StatusMatch.
type StatusTeam struct {
	Name      string   `json:"name"`
	PlayerIDs []string `json:"playerIds"`
	TicketIDs []string `json:"ticketIds"`
}

// StatusRule is how often one rule passed and failed.
type StatusRule struct {
	Name   string `json:"name"`
	Passed int    `json:"passed"`
	Failed int    `json:"failed"`
}

// StatusFleet is the home location of a fleet: its instances and sessions.
type StatusFleet struct {
	FleetID               string `json:"fleetId"`
	Location              string `json:"location"`
	InstanceType          string `json:"instanceType"`
	DesiredInstances      int    `json:"desiredInstances"`
	ActiveInstances       int    `json:"activeInstances"`
	IdleInstances         int    `json:"idleInstances"`
	ActiveServerProcesses int    `json:"activeServerProcesses"`
	ActiveGameSessions    int    `json:"activeGameSessions"`
	CurrentPlayerSessions int    `json:"currentPlayerSessions"`
	MaximumPlayerSessions int    `json:"maximumPlayerSessions"`
}

// status builds the StatusResponse of the engine and the placement service.
func (s *Server) status(ctx context.Context) (*StatusResponse, error) {
	st := s.engine.Status()
	out := &StatusResponse{Clock: "real", Now: st.Now.UTC(), Configurations: []StatusConfiguration{}, Fleets: []StatusFleet{}}
	if s.clock != nil {
		out.Clock = "virtual"
	}
	for _, ts := range ticket.Statuses {
		out.TicketStatuses = append(out.TicketStatuses, string(ts))
	}
	for _, cs := range st.Configurations {
		out.Configurations = append(out.Configurations, statusConfiguration(cs))
	}
	if s.hosting == nil {
		return out, nil
	}
	fleets, err := s.fleetStatus(ctx)
	if err != nil {
		return nil, err
	}
	out.Fleets = fleets
	return out, nil
}

func statusConfiguration(cs engine.ConfigurationStatus) StatusConfiguration {
	c := StatusConfiguration{
		Name:               cs.Name,
		RuleSetName:        cs.RuleSetName,
		FlexMatchMode:      cs.FlexMatchMode,
		BackfillMode:       cs.BackfillMode,
		AcceptanceRequired: cs.AcceptanceRequired,
		Tickets:            make(map[string]int, len(cs.Tickets)),
		MatchesFormed:      cs.MatchesFormed,
		RecentMatches:      make([]StatusMatch, 0, len(cs.RecentMatches)),
		Rules:              make([]StatusRule, 0, len(cs.Rules)),
	}
	for st, n := range cs.Tickets {
		c.Tickets[string(st)] = n
	}
	for _, m := range cs.RecentMatches {
		sm := StatusMatch{MatchID: m.MatchID, Time: m.Time.UTC(), Status: m.Status, Backfill: m.Backfill, GameSessionArn: m.GameSessionArn, Teams: make([]StatusTeam, 0, len(m.Teams))}
		for _, t := range m.Teams {
			sm.Teams = append(sm.Teams, StatusTeam{Name: t.Name, PlayerIDs: t.PlayerIDs, TicketIDs: t.TicketIDs})
		}
		c.RecentMatches = append(c.RecentMatches, sm)
	}
	for _, r := range cs.Rules {
		c.Rules = append(c.Rules, StatusRule{Name: r.RuleName, Passed: r.PassedCount, Failed: r.FailedCount})
	}
	return c
}

// fleetStatus reports every fleet's home location, in creation order.
func (s *Server) fleetStatus(ctx context.Context) ([]StatusFleet, error) {
	capacity, err := s.hosting.DescribeFleetCapacity(ctx, &placement.DescribeFleetCapacityInput{})
	if err != nil {
		return nil, err
	}
	use, err := s.hosting.DescribeFleetUtilization(ctx, &placement.DescribeFleetUtilizationInput{})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]placement.FleetUtilization, len(use.FleetUtilization))
	for _, u := range use.FleetUtilization {
		byID[u.FleetId] = u
	}
	out := make([]StatusFleet, 0, len(capacity.FleetCapacity))
	for _, c := range capacity.FleetCapacity {
		u := byID[c.FleetId]
		f := StatusFleet{
			FleetID:               c.FleetId,
			Location:              c.Location,
			InstanceType:          c.InstanceType,
			ActiveServerProcesses: u.ActiveServerProcessCount,
			ActiveGameSessions:    u.ActiveGameSessionCount,
			CurrentPlayerSessions: u.CurrentPlayerSessionCount,
			MaximumPlayerSessions: u.MaximumPlayerSessionCount,
		}
		if ic := c.InstanceCounts; ic != nil {
			f.DesiredInstances, f.ActiveInstances, f.IdleInstances = ic.DESIRED, ic.ACTIVE, ic.IDLE
		}
		out = append(out, f)
	}
	return out, nil
}
