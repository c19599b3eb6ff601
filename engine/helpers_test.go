package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// epoch is the virtual clock's start in tests.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var ctx = context.Background()

// harness is an engine on a virtual clock with one configuration.
type harness struct {
	t     testing.TB
	e     *engine.Engine
	clock *engine.VirtualClock
	cfg   string
}

// newHarness creates an engine with the rule set body and a STANDALONE
// configuration "cfg" (request timeout 60 s unless change says otherwise).
func newHarness(t testing.TB, body string, change func(*engine.CreateMatchmakingConfigurationInput), opts ...engine.Option) *harness {
	t.Helper()
	clock := engine.NewVirtualClock(epoch)
	e := engine.New(append([]engine.Option{engine.WithClock(clock), engine.WithSeed(1)}, opts...)...)
	t.Cleanup(func() { e.Close() })
	if _, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "rules", RuleSetBody: body}); err != nil {
		t.Fatalf("CreateMatchmakingRuleSet: %v", err)
	}
	in := &engine.CreateMatchmakingConfigurationInput{
		Name:                  "cfg",
		RuleSetName:           "rules",
		RequestTimeoutSeconds: 60,
		FlexMatchMode:         engine.ModeStandalone,
	}
	if change != nil {
		change(in)
	}
	if _, err := e.CreateMatchmakingConfiguration(ctx, in); err != nil {
		t.Fatalf("CreateMatchmakingConfiguration: %v", err)
	}
	return &harness{t: t, e: e, clock: clock, cfg: "cfg"}
}

// start submits a ticket and fails the test on error.
func (h *harness) start(id string, players ...ticket.Player) {
	h.t.Helper()
	if _, err := h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: h.cfg, Players: players}); err != nil {
		h.t.Fatalf("StartMatchmaking %s: %v", id, err)
	}
}

// ticket describes one ticket.
func (h *harness) ticket(id string) engine.MatchmakingTicket {
	h.t.Helper()
	out, err := h.e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{id}})
	if err != nil || len(out.TicketList) != 1 {
		h.t.Fatalf("DescribeMatchmaking %s: %v (%d tickets)", id, err, len(out.TicketList))
	}
	return out.TicketList[0]
}

// status is the ticket's status.
func (h *harness) status(id string) ticket.Status { return h.ticket(id).Status }

// advance moves the virtual clock by whole seconds.
func (h *harness) advance(seconds int) { h.clock.Advance(time.Duration(seconds) * time.Second) }

// eventTypes lists the events' detail types.
func (h *harness) eventTypes() []string {
	var out []string
	for _, ev := range h.e.Events() {
		out = append(out, ev.Detail.Type)
	}
	return out
}

// player makes a player with a numeric skill and latencies.
func player(id string, skill float64, latency map[string]int) ticket.Player {
	return ticket.Player{
		PlayerID:    id,
		Attributes:  map[string]ticket.AttributeValue{"skill": ticket.Number(skill)},
		LatencyInMs: latency,
	}
}
