package engine_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// twoVsTwo has teams red and blue of exactly two, players within 50 skill.
const twoVsTwo = `{
  "name": "twovtwo", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 100}],
  "teams": [{"name": "red", "minPlayers": 2, "maxPlayers": 2}, {"name": "blue", "minPlayers": 2, "maxPlayers": 2}],
  "rules": [{"name": "close", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 50}]
}`

// upToTwo has teams red and blue of one or two.
const upToTwo = `{
  "name": "uptotwo", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 100}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 2}, {"name": "blue", "minPlayers": 1, "maxPlayers": 2}]
}`

// duelTeams has teams red and blue of exactly one.
const duelTeams = `{
  "name": "onevone", "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 100}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 1}, {"name": "blue", "minPlayers": 1, "maxPlayers": 1}]
  %s
}`

func onTeam(p ticket.Player, team string) ticket.Player {
	p.Team = team
	return p
}

func (h *harness) backfill(id, session string, players ...ticket.Player) error {
	_, err := h.e.StartMatchBackfill(ctx, &engine.StartMatchBackfillInput{TicketId: id, ConfigurationName: h.cfg, GameSessionArn: session, Players: players})
	return err
}

func (h *harness) teamOf(id, player string) string {
	h.t.Helper()
	for _, p := range h.ticket(id).Players {
		if p.PlayerID == player {
			return p.Team
		}
	}
	h.t.Fatalf("ticket %s has no player %s", id, player)
	return ""
}

func TestBackfillFillsOpenSlotOnItsTeam(t *testing.T) {
	h := newHarness(t, twoVsTwo, nil)
	if err := h.backfill("bf", "", onTeam(player("r1", 100, nil), "red"), onTeam(player("r2", 100, nil), "red"), onTeam(player("b1", 100, nil), "blue")); err != nil {
		t.Fatal(err)
	}
	if st := h.status("bf"); st != ticket.Queued {
		t.Fatalf("backfill ticket is %s, want QUEUED", st)
	}
	h.advance(1)
	h.wantStatuses("alone", map[string]ticket.Status{"bf": ticket.Searching})
	h.start("far", player("x", 400, nil)) // outside maxDistance: never joins
	h.advance(2)
	h.wantStatuses("nobody close", map[string]ticket.Status{"bf": ticket.Searching, "far": ticket.Searching})
	if why, err := h.e.Explain(ctx, "bf"); err != nil || why.Unmatchable != "" {
		t.Errorf("Explain(backfill) = %+v, %v: the game's three players fit their teams", why, err)
	}
	if why, err := h.e.Explain(ctx, "far"); err != nil || why.Candidates != 0 {
		t.Errorf("Explain(far) = %+v, %v: a backfill ticket is no candidate", why, err)
	}
	h.start("new", player("n", 110, nil))
	h.advance(2)
	h.wantStatuses("filled", map[string]ticket.Status{"bf": ticket.Completed, "new": ticket.Completed, "far": ticket.Searching})
	if team := h.teamOf("new", "n"); team != "blue" {
		t.Errorf("new player on %q, want blue (the open slot)", team)
	}
	for p, want := range map[string]string{"r1": "red", "r2": "red", "b1": "blue"} {
		if team := h.teamOf("bf", p); team != want {
			t.Errorf("backfill player %s on %q, want %s", p, team, want)
		}
	}
	succ := h.eventsOf(engine.EventMatchmakingSucceeded)
	if len(succ) != 1 || len(succ[0].Detail.Tickets) != 2 || succ[0].Detail.Tickets[0].TicketID != "bf" {
		t.Errorf("succeeded events %+v", succ)
	}
}

func TestBackfillValidation(t *testing.T) {
	h, p := newQueueHarness(t, twoVsTwo, nil)
	const arn = "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1"
	p.addSession(arn, 4)
	p.mu.Lock()
	p.sessions["plain"] = engine.BackfillSession{GameSessionArn: "plain", Status: "ACTIVE", MaximumPlayerSessionCount: 4}
	p.sessions["ended"] = engine.BackfillSession{GameSessionArn: "ended", Status: "TERMINATED", MaximumPlayerSessionCount: 4, MatchmakerData: "{}"}
	p.mu.Unlock()
	red := onTeam(player("r1", 100, nil), "red")
	many := make([]ticket.Player, 200)
	for i := range many {
		many[i] = onTeam(player("m"+string(rune('a'+i/26))+string(rune('a'+i%26)), 100, nil), "red")
	}
	tests := []struct {
		name    string
		session string
		players []ticket.Player
		code    string
	}{
		{"no team", arn, []ticket.Player{player("r1", 100, nil)}, engine.CodeInvalidRequest},
		{"unknown team", arn, []ticket.Player{onTeam(player("r1", 100, nil), "green")}, engine.CodeInvalidRequest},
		{"no players", arn, nil, engine.CodeInvalidRequest},
		{"200 players", arn, many, engine.CodeInvalidRequest},
		{"no game session", "", []ticket.Player{red}, engine.CodeInvalidRequest},
		{"unknown game session", "arn:aws:gamelift:us-east-1::gamesession/fleet-1/nope", []ticket.Player{red}, engine.CodeNotFound},
		{"not made by FlexMatch", "plain", []ticket.Player{red}, engine.CodeInvalidRequest},
		{"terminated", "ended", []ticket.Player{red}, engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantCode(t, h.backfill("", tc.session, tc.players...), tc.code)
		})
	}
	if err := h.backfill("ok", arn, red); err != nil {
		t.Fatalf("valid backfill: %v", err)
	}
	wantCode(t, h.backfill("ok", arn, red), engine.CodeInvalidRequest) // ticket ID taken

	sa := newHarness(t, twoVsTwo, nil)
	wantCode(t, sa.backfill("", arn, red), engine.CodeInvalidRequest) // STANDALONE takes no session
	_, err := sa.e.StartMatchBackfill(ctx, &engine.StartMatchBackfillInput{ConfigurationName: "nope", Players: []ticket.Player{red}})
	wantCode(t, err, engine.CodeNotFound)
}

func TestBackfillReplacesEarlierRequestForSession(t *testing.T) {
	h, p := newQueueHarness(t, twoVsTwo, nil)
	const arn = "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1"
	p.addSession(arn, 4)
	red := onTeam(player("r1", 100, nil), "red")
	if err := h.backfill("first", arn, red); err != nil {
		t.Fatal(err)
	}
	h.advance(1)
	if err := h.backfill("second", arn, red, onTeam(player("r2", 100, nil), "red")); err != nil {
		t.Fatal(err)
	}
	tk := h.ticket("first")
	if tk.Status != ticket.Cancelled || tk.StatusReason != "Cancelled" {
		t.Errorf("first: %s %s, want CANCELLED", tk.Status, tk.StatusReason)
	}
	if _, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: "second"}); err != nil {
		t.Fatal(err)
	}
	h.wantStatuses("stopped", map[string]ticket.Status{"second": ticket.Cancelled})
}

func TestBackfillNeverTwoInOneMatch(t *testing.T) {
	h := newHarness(t, twoVsTwo, nil)
	// each backfill ticket is one player short; together they would fit
	if err := h.backfill("bf1", "", onTeam(player("a1", 100, nil), "red"), onTeam(player("a2", 100, nil), "red"), onTeam(player("a3", 100, nil), "blue")); err != nil {
		t.Fatal(err)
	}
	if err := h.backfill("bf2", "", onTeam(player("b1", 100, nil), "blue")); err != nil {
		t.Fatal(err)
	}
	h.advance(5)
	h.wantStatuses("two backfills alone", map[string]ticket.Status{"bf1": ticket.Searching, "bf2": ticket.Searching})
	h.start("n", player("n", 100, nil))
	h.advance(2)
	h.wantStatuses("one new ticket", map[string]ticket.Status{"bf1": ticket.Completed, "n": ticket.Completed, "bf2": ticket.Searching})
}

func TestBackfillNeedsNewTicket(t *testing.T) {
	h := newHarness(t, twoVsTwo, nil)
	// a full game: the rules pass without anyone new, yet no match forms
	full := []ticket.Player{onTeam(player("a", 100, nil), "red"), onTeam(player("b", 100, nil), "red"), onTeam(player("c", 100, nil), "blue"), onTeam(player("d", 100, nil), "blue")}
	if err := h.backfill("bf", "", full...); err != nil {
		t.Fatal(err)
	}
	h.start("n", player("n", 100, nil))
	h.advance(5)
	h.wantStatuses("full game", map[string]ticket.Status{"bf": ticket.Searching, "n": ticket.Searching})
}

func TestBackfillPriority(t *testing.T) {
	// X and Y can form a new 1v1; the backfill ticket (red taken) can take
	// either. Who gets X depends on backfillPriority and on ages.
	tests := []struct {
		priority      string
		backfillFirst bool // the backfill ticket is older than X and Y
		wantBackfill  bool // the backfill ticket is matched
	}{
		{"normal", false, false},
		{"normal", true, true},
		{"high", false, true},
		{"high", true, true},
		{"low", false, false},
		{"low", true, false},
	}
	for _, tc := range tests {
		name := tc.priority
		if tc.backfillFirst {
			name += "/backfill oldest"
		}
		t.Run(name, func(t *testing.T) {
			body := `, "algorithm": {"backfillPriority": "` + tc.priority + `"}`
			h := newHarness(t, fmt.Sprintf(duelTeams, body), nil)
			bf := func() {
				if err := h.backfill("bf", "", onTeam(player("r", 100, nil), "red")); err != nil {
					t.Fatal(err)
				}
			}
			// all three are promoted and searched at the same tick (1 s)
			if tc.backfillFirst {
				bf()
				h.clock.Advance(500 * time.Millisecond)
			}
			h.start("x", player("x", 100, nil))
			h.start("y", player("y", 100, nil))
			if !tc.backfillFirst {
				h.clock.Advance(500 * time.Millisecond)
				bf()
			}
			h.advance(1)
			gotBackfill := h.status("bf") == ticket.Completed
			if gotBackfill != tc.wantBackfill {
				t.Errorf("backfill matched = %v, want %v (bf %s, x %s, y %s)", gotBackfill, tc.wantBackfill, h.status("bf"), h.status("x"), h.status("y"))
			}
			if tc.wantBackfill && (h.status("x") != ticket.Completed || h.status("y") != ticket.Searching) {
				t.Errorf("x %s, y %s: the oldest new ticket joins the backfill", h.status("x"), h.status("y"))
			}
		})
	}
}

func TestBackfillOnlyNewPlayersAccept(t *testing.T) {
	accept := func(in *engine.CreateMatchmakingConfigurationInput) {
		in.AcceptanceRequired, in.AcceptanceTimeoutSeconds = true, 10
	}
	t.Run("accepted", func(t *testing.T) {
		h := newHarness(t, fmt.Sprintf(duelTeams, ""), accept)
		if err := h.backfill("bf", "", onTeam(player("r", 100, nil), "red")); err != nil {
			t.Fatal(err)
		}
		h.start("n", player("n", 100, nil))
		h.advance(2)
		h.wantStatuses("proposed", map[string]ticket.Status{"bf": ticket.RequiresAcceptance, "n": ticket.RequiresAcceptance})
		h.mustAccept("n", engine.Accept, "n")
		h.wantStatuses("new player accepted", map[string]ticket.Status{"bf": ticket.Completed, "n": ticket.Completed})
	})
	t.Run("rejected", func(t *testing.T) {
		h := newHarness(t, fmt.Sprintf(duelTeams, ""), accept)
		if err := h.backfill("bf", "", onTeam(player("r", 100, nil), "red")); err != nil {
			t.Fatal(err)
		}
		h.start("n", player("n", 100, nil))
		h.advance(2)
		h.mustAccept("n", engine.Reject, "n")
		h.wantStatuses("rejected", map[string]ticket.Status{"bf": ticket.Searching, "n": ticket.Cancelled})
		if team := h.teamOf("bf", "r"); team != "red" {
			t.Errorf("backfill player back in the pool on %q, want red", team)
		}
		h.start("m", player("m", 100, nil))
		h.advance(2)
		h.mustAccept("m", engine.Accept, "m")
		h.wantStatuses("second try", map[string]ticket.Status{"bf": ticket.Completed, "m": ticket.Completed})
	})
}

func TestBackfillWithQueueJoinsSession(t *testing.T) {
	h, p := newQueueHarness(t, twoVsTwo, nil)
	const arn = "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1"
	p.addSession(arn, 4)
	if err := h.backfill("bf", arn, onTeam(player("r1", 100, nil), "red"), onTeam(player("r2", 100, nil), "red"), onTeam(player("b1", 100, nil), "blue")); err != nil {
		t.Fatal(err)
	}
	h.start("n", player("n", 120, nil))
	h.advance(2)
	h.wantStatuses("joined", map[string]ticket.Status{"bf": ticket.Completed, "n": ticket.Completed})
	if len(p.requests()) != 0 {
		t.Errorf("a backfill match started a placement")
	}
	joins := p.joined()
	if len(joins) != 1 || joins[0].GameSessionArn != arn || len(joins[0].Players) != 1 || joins[0].Players[0].PlayerID != "n" || joins[0].Players[0].Team != "blue" {
		t.Fatalf("joins %+v", joins)
	}
	var data engine.MatchmakerData
	if err := json.Unmarshal([]byte(joins[0].MatchmakerData), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Teams) != 2 || len(data.Teams[0].Players) != 2 || len(data.Teams[1].Players) != 2 || data.Teams[1].Players[1].PlayerID != "n" {
		t.Errorf("MatchmakerData teams %+v", data.Teams)
	}
	c := h.ticket("n").GameSessionConnectionInfo
	if c == nil || c.GameSessionArn != arn || !slices.Equal(c.MatchedPlayerSessions, []engine.MatchedPlayerSession{{PlayerId: "n", PlayerSessionId: "psess-n"}}) {
		t.Errorf("new ticket connection %+v", c)
	}

	// a session that cannot take the players fails the backfill ticket and
	// returns the new ticket to the pool
	p.mu.Lock()
	p.joinErr = &engine.Error{Code: engine.CodeGameSessionFull, Message: "full"}
	p.mu.Unlock()
	if err := h.backfill("bf2", arn, onTeam(player("r1", 100, nil), "red"), onTeam(player("r2", 100, nil), "red"), onTeam(player("b1", 100, nil), "blue")); err != nil {
		t.Fatal(err)
	}
	h.start("n2", player("n2", 100, nil))
	h.advance(2)
	h.wantStatuses("cannot join", map[string]ticket.Status{"bf2": ticket.Failed, "n2": ticket.Searching})
	if got := h.eventsOf(engine.EventMatchmakingFailed); len(got) != 1 || got[0].Detail.Tickets[0].TicketID != "bf2" {
		t.Errorf("failed events %+v", got)
	}
}

func TestAutomaticBackfillAfterMatch(t *testing.T) {
	h, p := newQueueHarness(t, upToTwo, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.BackfillMode = engine.BackfillAutomatic
		in.AdditionalPlayerCount = 1 // matches of 3, one slot left for backfill
	})
	lat := map[string]int{"us-east-1": 30, "eu-west-1": 90}
	h.start("a", player("a", 100, lat))
	h.start("b", player("b", 100, lat))
	h.start("c", player("c", 100, lat))
	h.advance(2)
	reqs := p.requests()
	if len(reqs) != 1 || len(reqs[0].Players) != 3 || reqs[0].MaximumPlayers != 4 {
		t.Fatalf("placement requests %+v", reqs)
	}
	var data engine.MatchmakerData
	if err := json.Unmarshal([]byte(reqs[0].MatchmakerData), &data); err != nil {
		t.Fatal(err)
	}
	if data.AutoBackfillTicketID == "" || data.AutoBackfillMode != engine.BackfillAutomatic {
		t.Fatalf("MatchmakerData %s names no automatic backfill ticket", reqs[0].MatchmakerData)
	}
	const arn = "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1"
	p.addSession(arn, 4)
	h.e.PlacementDone(engine.PlacementResult{PlacementId: reqs[0].PlacementId, Status: "FULFILLED",
		Connection: &engine.GameSessionConnectionInfo{GameSessionArn: arn, IpAddress: "10.0.0.1", Port: 7777}})
	auto := h.ticket(data.AutoBackfillTicketID)
	if auto.Status != ticket.Queued || len(auto.Players) != 3 {
		t.Fatalf("automatic backfill ticket %+v", auto)
	}
	for _, pl := range auto.Players {
		if pl.Team == "" || len(pl.LatencyInMs) != 1 || pl.LatencyInMs["us-east-1"] != 30 {
			t.Errorf("auto ticket player %+v: want its team and only the session's region latency", pl)
		}
	}
	h.start("d", player("d", 100, nil))
	h.advance(2)
	h.wantStatuses("backfilled", map[string]ticket.Status{data.AutoBackfillTicketID: ticket.Completed, "d": ticket.Completed})
	joins := p.joined()
	if len(joins) != 1 {
		t.Fatalf("joins %+v", joins)
	}
	var after engine.MatchmakerData
	if err := json.Unmarshal([]byte(joins[0].MatchmakerData), &after); err != nil {
		t.Fatal(err)
	}
	// the session is now full (4 of 4): no new automatic ticket
	if after.AutoBackfillTicketID == "" {
		t.Fatalf("updated MatchmakerData has no automatic ticket ID")
	}
	if out, _ := h.e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: []string{after.AutoBackfillTicketID}}); len(out.TicketList) != 0 {
		t.Errorf("a full session got another automatic backfill ticket")
	}
}

func TestAutomaticBackfillReissuedAndStopped(t *testing.T) {
	body := `{"name": "big", "ruleLanguageVersion": "1.0",
	  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 3}, {"name": "blue", "minPlayers": 1, "maxPlayers": 3}]}`
	h, p := newQueueHarness(t, body, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.BackfillMode = engine.BackfillAutomatic
		in.AdditionalPlayerCount = 4
	})
	h.start("a", player("a", 100, nil))
	h.start("b", player("b", 100, nil))
	h.advance(2)
	req := p.requests()[0]
	const arn = "arn:aws:gamelift:us-east-1::gamesession/fleet-1/gs-1"
	p.addSession(arn, 6)
	h.e.PlacementDone(engine.PlacementResult{PlacementId: req.PlacementId, Status: "FULFILLED",
		Connection: &engine.GameSessionConnectionInfo{GameSessionArn: arn}})
	h.start("c", player("c", 100, nil))
	h.advance(2)
	joins := p.joined()
	if len(joins) != 1 {
		t.Fatalf("joins %+v", joins)
	}
	var data engine.MatchmakerData
	if err := json.Unmarshal([]byte(joins[0].MatchmakerData), &data); err != nil {
		t.Fatal(err)
	}
	next := h.ticket(data.AutoBackfillTicketID)
	if next.Status.Terminal() || len(next.Players) != 3 {
		t.Fatalf("re-issued automatic ticket %+v", next)
	}
	// StopMatchmaking on the automatic ticket ends automatic backfill
	if _, err := h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: data.AutoBackfillTicketID}); err != nil {
		t.Fatal(err)
	}
	h.start("d", player("d", 100, nil))
	h.advance(3)
	if st := h.status("d"); st != ticket.Searching {
		t.Errorf("d is %s after automatic backfill was stopped", st)
	}
	// a player of the game who starts a new request cancels its backfill
	if err := h.backfill("manual", arn, onTeam(player("a", 100, nil), "red"), onTeam(player("b", 100, nil), "blue")); err != nil {
		t.Fatal(err)
	}
	h.start("a-again", player("a", 100, nil))
	if st := h.status("manual"); st != ticket.Cancelled {
		t.Errorf("backfill ticket is %s after its player started a new request, want CANCELLED", st)
	}
}

func TestMatchmakerDataGolden(t *testing.T) {
	h, p := newQueueHarness(t, twoVsTwo, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.BackfillMode = engine.BackfillAutomatic
	})
	skilled := func(id string, skill float64) ticket.Player {
		pl := player(id, skill, map[string]int{"us-east-1": 20})
		pl.Attributes["mode"] = ticket.String("ranked")
		pl.Attributes["roles"] = ticket.StringList("tank", "healer")
		pl.Attributes["scores"] = ticket.StringNumberMap(map[string]float64{"kills": 12, "deaths": 3})
		return pl
	}
	h.start("t1", skilled("p1", 100), skilled("p2", 110))
	h.start("t2", skilled("p3", 105))
	h.start("t4", skilled("p4", 95))
	h.advance(2)
	reqs := p.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d placements", len(reqs))
	}
	// the exact bytes the game server gets, indented
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(reqs[0].MatchmakerData), "", "  "); err != nil {
		t.Fatal(err)
	}
	got := append(buf.Bytes(), '\n')
	const golden = "../testdata/golden/matchmakerdata.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("MatchmakerData differs from %s (go test -run MatchmakerDataGolden -update to rewrite):\n%s", golden, got)
	}
}

func TestBackfillLargeMatch(t *testing.T) {
	body := `{"name": "large", "ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	  "algorithm": {"strategy": "balanced", "balancedAttribute": "skill", "batchingPreference": "largestPopulation"},
	  "teams": [{"name": "red", "minPlayers": 25, "maxPlayers": 25}, {"name": "blue", "minPlayers": 25, "maxPlayers": 25}],
	  "rules": [{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 100}]}`
	h := newHarness(t, body, nil)
	var game []ticket.Player
	for i := range 49 {
		team := "red"
		if i >= 25 {
			team = "blue"
		}
		game = append(game, onTeam(player(fmt.Sprintf("g%02d", i), 1000, nil), team))
	}
	if err := h.backfill("bf", "", game...); err != nil {
		t.Fatal(err)
	}
	h.start("far", player("far", 1500, nil)) // outside the skill band
	h.start("n", player("n", 1050, nil))
	h.advance(2)
	h.wantStatuses("large backfill", map[string]ticket.Status{"bf": ticket.Completed, "n": ticket.Completed, "far": ticket.Searching})
	if team := h.teamOf("n", "n"); team != "blue" {
		t.Errorf("new player on %q, want blue", team)
	}
}
