package ruleset

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/flexsim/flexsim/ticket"
)

// TestCollectionFastPathMatchesGeneral checks that the per-party fast path
// of collection rules gives the same outcome as evaluating the measurement
// expressions, on random matches for every corpus collection rule.
func TestCollectionFastPathMatchesGeneral(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rulesets/corpus/*.json")
	rng := rand.New(rand.NewPCG(7, 11))
	words := []string{"a", "b", "c", "medic", "Classic", "Practice", "Survival"}
	checked := 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, errs := Parse(f, body)
		if rs == nil {
			t.Fatal(errs)
		}
		for _, r := range rs.Rules {
			if r.listAttr == nil {
				continue
			}
			for i := range 300 {
				m := randomListMatch(t, rs, rng, words, i)
				for _, agg := range []Aggregation{AggUnion, AggIntersection} {
					r.PartyAggregation = agg
					fast := r.evalCollection(m, rs.LimitsAt(0))
					attr, teams := r.listAttr, r.listTeams
					r.listAttr = nil
					general := r.evalCollection(m, rs.LimitsAt(0))
					r.listAttr, r.listTeams = attr, teams
					if fast != general {
						t.Fatalf("%s rule %s (%s): fast path %v, general %v", filepath.Base(f), r.Name, agg, fast, general)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no collection rule took the fast path")
	}
}

func randomListMatch(t *testing.T, rs *RuleSet, rng *rand.Rand, words []string, n int) *Match {
	m := rs.NewMatch()
	for p := range rng.IntN(6) + 1 {
		tk := &ticket.Ticket{TicketID: fmt.Sprint(n, "-", p)}
		for q := range rng.IntN(3) + 1 {
			attrs := map[string]ticket.AttributeValue{}
			for _, a := range rs.Attributes {
				switch a.Type {
				case ticket.TypeStringList:
					var sl []string
					for range rng.IntN(4) {
						sl = append(sl, words[rng.IntN(len(words))])
					}
					attrs[a.Name] = ticket.StringList(sl...)
				case ticket.TypeNumber:
					attrs[a.Name] = ticket.Number(float64(rng.IntN(100)))
				case ticket.TypeString:
					attrs[a.Name] = ticket.String(words[rng.IntN(len(words))])
				case ticket.TypeStringNumberMap:
					attrs[a.Name] = ticket.StringNumberMap(map[string]float64{"a": 1})
				}
			}
			tk.Players = append(tk.Players, ticket.Player{PlayerID: fmt.Sprint(tk.TicketID, "-", q), Attributes: attrs})
		}
		party, err := rs.NewParty(tk)
		if err != nil {
			t.Fatal(err)
		}
		m.Add(rng.IntN(len(rs.Teams)), party)
	}
	return m
}
