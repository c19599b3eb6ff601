package engine_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// TestPropertyBackfill mixes backfill tickets (games missing one to three
// players) with new tickets of one or two players, under each
// backfillPriority, and checks every potential match: at most one backfill
// ticket, at least one new ticket beside it, the game's players on the teams
// they came with, no team over its maxPlayers; and that every ticket ends in
// exactly one terminal status.
func TestPropertyBackfill(t *testing.T) {
	for _, priority := range []string{"normal", "high", "low"} {
		for seed := uint64(1); seed <= 5; seed++ {
			t.Run(fmt.Sprintf("%s/seed=%d", priority, seed), func(t *testing.T) {
				body := `{"name": "p", "ruleLanguageVersion": "1.0",
				  "playerAttributes": [{"name": "skill", "type": "number", "default": 100}],
				  "algorithm": {"backfillPriority": "` + priority + `"},
				  "teams": [{"name": "red", "minPlayers": 2, "maxPlayers": 3}, {"name": "blue", "minPlayers": 2, "maxPlayers": 3}],
				  "rules": [{"name": "band", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 40}]}`
				h := newHarness(t, body, nil, engine.WithSeed(seed))
				rng := rand.New(rand.NewPCG(seed, 7))
				backfill := map[string]map[string]string{} // ticket → player → team
				ends := map[string]int{}
				var ids []string
				n := 0
				for tick := 0; tick < 60; tick++ {
					for range rng.IntN(4) {
						n++
						id := fmt.Sprintf("t%03d", n)
						if rng.IntN(4) == 0 {
							teams := map[string]string{}
							var ps []ticket.Player
							for i := range 2 + rng.IntN(3) {
								team := []string{"red", "blue"}[i%2]
								pid := fmt.Sprintf("%s-g%d", id, i)
								teams[pid] = team
								ps = append(ps, onTeam(player(pid, float64(80+rng.IntN(60)), nil), team))
							}
							if err := h.backfill(id, "", ps...); err != nil {
								t.Fatal(err)
							}
							backfill[id] = teams
						} else {
							var ps []ticket.Player
							for i := range 1 + rng.IntN(2) {
								ps = append(ps, player(fmt.Sprintf("%s-p%d", id, i), float64(80+rng.IntN(60)), nil))
							}
							h.start(id, ps...)
						}
						ids = append(ids, id)
					}
					h.advance(1)
				}
				h.advance(120) // everything times out or matched
				for _, ev := range h.e.Events() {
					d := ev.Detail
					switch d.Type {
					case engine.EventPotentialMatchCreated:
						var nb int
						size := map[string]int{}
						for _, tk := range d.Tickets {
							teams, isBackfill := backfill[tk.TicketID]
							if isBackfill {
								nb++
							}
							for _, p := range tk.Players {
								size[p.Team]++
								if isBackfill && teams[p.PlayerID] != p.Team {
									t.Errorf("match %s: backfill player %s moved to %s", d.MatchID, p.PlayerID, p.Team)
								}
							}
						}
						if nb > 1 || nb == 1 && len(d.Tickets) < 2 {
							t.Errorf("match %s: %d backfill tickets among %d", d.MatchID, nb, len(d.Tickets))
						}
						for team, n := range size {
							if n > 3 {
								t.Errorf("match %s: team %s has %d players", d.MatchID, team, n)
							}
						}
					case engine.EventMatchmakingSucceeded, engine.EventMatchmakingTimedOut, engine.EventMatchmakingCancelled, engine.EventMatchmakingFailed:
						for _, tk := range d.Tickets {
							ends[tk.TicketID]++
						}
					}
				}
				var matchedBackfill int
				for _, id := range ids {
					if ends[id] != 1 {
						t.Errorf("ticket %s ended %d times", id, ends[id])
					}
					if st := h.status(id); !st.Terminal() {
						t.Errorf("ticket %s still %s", id, st)
					} else if _, ok := backfill[id]; ok && st == ticket.Completed {
						matchedBackfill++
					}
				}
				if matchedBackfill == 0 {
					t.Errorf("no backfill ticket matched: the property is vacuous (%s)", strings.Join(ids, ","))
				}
			})
		}
	}
}
