package engine

import (
	"context"
	"fmt"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// MaxExplainCandidates is how many of the oldest other tickets in the pool
// Explain pairs a ticket with.
const MaxExplainCandidates = 1000

// maxExamples is how many candidate ticket IDs Explain lists per rule.
const maxExamples = 5

// Explanation says why a ticket has not matched (yet).
type Explanation struct {
	TicketId string
	Status   ticket.Status
	// Summary is one sentence for a person.
	Summary string
	// Unmatchable is set when the ticket can never match under the rule
	// set, whatever else is in the pool.
	Unmatchable string
	// Candidates is how many other SEARCHING tickets of its pool were paired
	// with it; Compatible how many of those passed every rule that can be
	// judged on a pair (see RuleExplanation).
	Candidates int
	Compatible int
	Rules      []RuleExplanation
}

// RuleExplanation is one rule's record for a ticket: how often the rule
// passed and failed in the matches the engine tried with the ticket (and,
// as failures, the candidates the rule kept out of its searches without
// being evaluated on them, one per search), and
// against how many of the current candidates it fails when the ticket is
// paired with each (only rules whose failure cannot be repaired by more
// tickets joining are judged on pairs; the others show 0 there).
type RuleExplanation struct {
	Rule   string
	Type   ruleset.RuleType
	Passed int
	Failed int
	// FailedCandidates counts the candidates the rule rejects on every team
	// placement; Examples lists some of their ticket IDs, oldest first.
	FailedCandidates int
	Examples         []string
}

// Explain tells why a ticket has not matched: its accumulated rule counts,
// reasons it can never match, and which rules reject which of the tickets
// now in its pool. It does not change the engine's state.
func (e *Engine) Explain(ctx context.Context, ticketID string) (*Explanation, error) {
	e.ticking.Lock() // the ticket's rule counts
	defer e.ticking.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	en, ok := e.tickets[ticketID]
	if !ok {
		return nil, notFound("ticket %s not found", ticketID)
	}
	mm, rs := en.mm, en.mm.rs
	x := &Explanation{TicketId: ticketID, Status: en.t.Status}
	byRule := map[int]*RuleExplanation{}
	for _, r := range rs.Rules {
		if r.IsSort() {
			continue
		}
		var c RuleCount
		if r.Index < len(en.counts) {
			c = en.counts[r.Index]
		}
		x.Rules = append(x.Rules, RuleExplanation{Rule: r.Name, Type: r.Type, Passed: c.Passed, Failed: c.Failed})
		byRule[r.Index] = &x.Rules[len(x.Rules)-1]
	}
	x.Unmatchable = unmatchableReason(en, explainedParty(en, rs), mm)
	if en.t.Status == ticket.Searching && x.Unmatchable == "" && en.backfill == nil {
		e.pairWithPool(en, byRule, x)
	}
	x.Summary = summarize(x, en)
	return x, nil
}

// explainedParty is the ticket's party, or for a terminal ticket, which
// no longer keeps one (see finish), its party made again for rs; nil if it
// does not fit rs.
func explainedParty(en *entry, rs *ruleset.RuleSet) *ruleset.Party {
	if en.party != nil || !en.t.Status.Terminal() {
		return en.party
	}
	party, err := en.partyOf(rs, en.fullTicket()) // (not prepare, which would split a backfill ticket's teams anew)
	if err != nil {
		return nil
	}
	return party
}

// unmatchableReason finds what makes a ticket, whose party is party, unable
// to ever match.
func unmatchableReason(en *entry, party *ruleset.Party, mm *matchmaker) string {
	rs := mm.rs
	if party == nil {
		return "the ticket does not fit the rule set"
	}
	if party.Unmatchable != "" {
		return party.Unmatchable
	}
	biggest := 0
	for _, st := range rs.Stages() {
		for _, t := range st.Limits.Teams {
			biggest = max(biggest, t.MaxPlayers)
		}
	}
	if en.backfill != nil {
		// a backfill ticket's players are on their teams already
		for _, tp := range en.backfill.parties {
			if n := tp.party.Size(); n > biggest {
				return fmt.Sprintf("team %s has %d players, more than the largest team holds (%d)", rs.Teams[tp.team].Name, n, biggest)
			}
		}
	} else if party.Size() > biggest {
		return fmt.Sprintf("the ticket's %d players do not fit on any team (the largest holds %d)", party.Size(), biggest)
	}
	for _, r := range rs.Rules {
		if r.Type == ruleset.Latency && r.Enforced() && len(party.Latencies()) == 0 {
			return fmt.Sprintf("rule %s needs latency data and the ticket's players report none for a common region", r.Name)
		}
	}
	return ""
}

// pairWithPool pairs the ticket with each of the oldest other tickets of
// its pool that could match at all, and records which rules reject each
// pair.
func (e *Engine) pairWithPool(en *entry, byRule map[int]*RuleExplanation, x *Explanation) {
	mm, rs := en.mm, en.mm.rs
	m := rs.NewMatch()
	l := rs.LimitsAt(e.now().Sub(en.t.StartTime))
	for _, c := range mm.pool {
		if x.Candidates >= MaxExplainCandidates {
			break
		}
		if c == en || c.backfill != nil || c.t.Status != ticket.Searching || unmatchableReason(c, c.party, mm) != "" {
			continue
		}
		x.Candidates++
		failing := map[int]bool{}
		anyOK := false
		for ta := range rs.Teams {
			for tc := range rs.Teams {
				m.Reset()
				if en.party.Size()+c.party.Size()*b2i(ta == tc) > l.Teams[ta].MaxPlayers || c.party.Size() > l.Teams[tc].MaxPlayers {
					continue
				}
				m.Add(ta, en.party)
				m.Add(tc, c.party)
				ok := true
				for _, r := range rs.Rules {
					if r.Enforced() && r.Prunable() && r.Evaluate(m, l) == ruleset.Fail {
						failing[r.Index] = true
						ok = false
					}
				}
				anyOK = anyOK || ok
			}
		}
		if anyOK {
			x.Compatible++
			continue
		}
		for idx := range failing {
			re := byRule[idx]
			re.FailedCandidates++
			if len(re.Examples) < maxExamples {
				re.Examples = append(re.Examples, c.t.TicketID)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func summarize(x *Explanation, en *entry) string {
	switch {
	case en.t.Status.Terminal():
		return fmt.Sprintf("The ticket is %s.", en.t.Status)
	case x.Unmatchable != "":
		return "The ticket can never match: " + x.Unmatchable + "."
	case en.t.Status != ticket.Searching:
		return fmt.Sprintf("The ticket is %s.", en.t.Status)
	case x.Candidates == 0:
		return "No other ticket is searching in this pool."
	case x.Compatible == 0:
		worst := ""
		most := 0
		for _, r := range x.Rules {
			if r.FailedCandidates > most {
				worst, most = r.Rule, r.FailedCandidates
			}
		}
		return fmt.Sprintf("None of the %d candidates passes every rule with this ticket; rule %s rejects %d of them.", x.Candidates, worst, most)
	}
	return fmt.Sprintf("%d of %d candidates are compatible with this ticket in pairs; the pool lacks enough of them to fill a match under the other rules and team sizes.", x.Compatible, x.Candidates)
}
