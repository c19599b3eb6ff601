package bench

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// Values of the acceptance field of AcceptMatchCompleted events and of the
// reason of MatchmakingCancelled events.
const (
	acceptanceAccepted = "Accepted"
	acceptanceRejected = "Rejected"
	reasonCancelled    = "Cancelled"
	reasonRejected     = "Rejected"
	reasonAcceptTimout = "AcceptanceTimedOut"
	reasonAcceptFailed = "ACCEPTANCE_FAILED"
	// reasonPlacementTimedOut marks, in traces, tickets back to SEARCHING
	// after their game session placement timed out.
	reasonPlacementTimedOut = "PLACEMENT_TIMED_OUT"
)

// handle observes one engine event. It runs while the engine is locked, so
// it never calls the engine: answers are scheduled as actions.
func (s *sim) handle(ev engine.Event) {
	now := s.nowMs()
	d := &ev.Detail
	switch d.Type {
	case engine.EventMatchmakingSearching:
		for i := range d.Tickets {
			if t := s.live[d.Tickets[i].TicketID]; t != nil {
				reason := ""
				switch t.status {
				case ticket.RequiresAcceptance:
					reason = reasonAcceptFailed
				case ticket.Placing:
					reason = reasonPlacementTimedOut
				}
				s.setStatus(t, ticket.Searching, now, reason)
			}
		}
	case engine.EventPotentialMatchCreated:
		s.potentialMatch(d, now)
	case engine.EventAcceptMatchCompleted:
		s.stats.acceptanceDone(now, d.Acceptance)
		if d.Acceptance == acceptanceAccepted && s.hosting != nil {
			s.placing(d, now)
		}
	case engine.EventMatchmakingSucceeded:
		s.succeeded(d, now)
	case engine.EventMatchmakingTimedOut:
		s.stats.ended(d.RuleEvaluationMetrics)
		for i := range d.Tickets {
			if t := s.live[d.Tickets[i].TicketID]; t != nil {
				s.stats.timedOut(now)
				s.finish(t, ticket.TimedOut, now, d.Reason)
			}
		}
	case engine.EventMatchmakingCancelled:
		s.stats.ended(d.RuleEvaluationMetrics)
		for i := range d.Tickets {
			if t := s.live[d.Tickets[i].TicketID]; t != nil {
				s.stats.cancelled(now, d.Reason)
				s.finish(t, ticket.Cancelled, now, d.Reason)
			}
		}
	case engine.EventMatchmakingFailed:
		for i := range d.Tickets {
			if t := s.live[d.Tickets[i].TicketID]; t != nil {
				s.stats.failed++
				s.finish(t, ticket.Failed, now, d.Reason)
			}
		}
	}
}

// potentialMatch records a formed match: rule counts, expansion step,
// quality; and schedules the players' answers when acceptance is required.
func (s *sim) potentialMatch(d *engine.EventDetail, now int64) {
	var oldest int64 = now
	var tickets []*simTicket
	for i := range d.Tickets {
		t := s.live[d.Tickets[i].TicketID]
		if t == nil {
			continue
		}
		tickets = append(tickets, t)
		oldest = min(oldest, t.start)
		t.matchID, t.matchedAt = d.MatchID, now
	}
	s.stats.formed(now, d.RuleEvaluationMetrics, len(d.GameSessionInfo.Players), time.Duration(now-oldest)*time.Millisecond)
	if s.quality != "" {
		s.measureQuality(d, now)
	}
	required := d.AcceptanceRequired != nil && *d.AcceptanceRequired
	if !required {
		if s.hosting != nil {
			s.placing(d, now)
		}
		return
	}
	s.stats.proposed++
	acc := &s.w.Acceptance
	for _, t := range tickets {
		s.setStatus(t, ticket.RequiresAcceptance, now, "")
		if t.rng == nil {
			t.rng = rand.New(&t.pcg)
		}
		for j := range t.players {
			accept := t.rng.Float64() < acc.Probability
			delay := max(acc.Delay.Sample(t.rng, s.answers), 0)
			s.answers++
			if !accept && acc.Decline == DeclineIgnore {
				continue
			}
			s.actions.push(action{
				at:      now + int64(delay*1000+0.5),
				kind:    actAnswer,
				accept:  accept,
				player:  int32(j),
				t:       t,
				matchID: d.MatchID,
			})
		}
	}
}

// placing moves a match's tickets to PLACING.
func (s *sim) placing(d *engine.EventDetail, now int64) {
	for i := range d.Tickets {
		if t := s.live[d.Tickets[i].TicketID]; t != nil {
			t.placingAt = now
			s.setStatus(t, ticket.Placing, now, "")
		}
	}
}

// succeeded records completed tickets: their waits and, where the match
// has a region, the latency of each player there (the game session's
// location when placed, else the recommended region).
func (s *sim) succeeded(d *engine.EventDetail, now int64) {
	region := d.GameSessionInfo.RecommendedRegion
	if arn := d.GameSessionInfo.GameSessionArn; arn != "" {
		region = sessionLocation(arn)
		s.sessionPlaced(arn, now)
	}
	players := 0
	for i := range d.Tickets {
		t := s.live[d.Tickets[i].TicketID]
		if t == nil {
			continue
		}
		players += len(t.players)
		s.stats.completed(now, t.matchedAt-t.start, len(t.players))
		if t.status == ticket.Placing {
			s.stats.placementWait.Add(uint64(max(now-t.placingAt, 0)))
		}
		if region != "" {
			for _, p := range t.players {
				if ms, ok := p.LatencyInMs[region]; ok {
					s.stats.latency.Add(uint64(ms))
				}
			}
		}
		s.finish(t, ticket.Completed, now, "")
	}
	s.stats.matchCompleted(now)
}

// arnRegion is the region of an ARN (arn:aws:gamelift:REGION:...), or "".
func arnRegion(arn string) string {
	parts := strings.SplitN(arn, ":", 5)
	if len(parts) < 5 || parts[0] != "arn" {
		return ""
	}
	return parts[3]
}

// teamAgg accumulates one team's values of the quality attribute.
type teamAgg struct {
	name     string
	min, max float64
	sum      float64
	n        int
}

// measureQuality records the spread of the quality attribute within each
// team, the gap between the highest and lowest team mean, and the spread
// over the whole match. A player without the attribute counts with the
// rule set's default, or not at all if there is none.
func (s *sim) measureQuality(d *engine.EventDetail, now int64) {
	var teams [8]teamAgg
	list := teams[:0]
	var def *float64
	if a := s.rs.Attribute(s.quality); a != nil && a.Default != nil && a.Default.Type == ticket.TypeNumber {
		def = &a.Default.N
	}
	for i := range d.Tickets {
		et := &d.Tickets[i]
		t := s.live[et.TicketID]
		if t == nil {
			continue
		}
		for j := range et.Players {
			var v float64
			if av, ok := t.players[min(j, len(t.players)-1)].Attributes[s.quality]; ok && av.Type == ticket.TypeNumber {
				v = av.N
			} else if def != nil {
				v = *def
			} else {
				continue
			}
			k := 0
			for k < len(list) && list[k].name != et.Players[j].Team {
				k++
			}
			if k == len(list) {
				list = append(list, teamAgg{name: et.Players[j].Team, min: v, max: v})
			}
			ta := &list[k]
			ta.min, ta.max = min(ta.min, v), max(ta.max, v)
			ta.sum += v
			ta.n++
		}
	}
	if len(list) == 0 {
		return
	}
	lo, hi := list[0].min, list[0].max
	loMean, hiMean := list[0].sum/float64(list[0].n), list[0].sum/float64(list[0].n)
	for _, ta := range list {
		lo, hi = min(lo, ta.min), max(hi, ta.max)
		m := ta.sum / float64(ta.n)
		loMean, hiMean = min(loMean, m), max(hiMean, m)
		s.stats.teamSpread(now, ta.max-ta.min)
	}
	s.stats.matchQuality(now, hi-lo, hiMean-loMean)
}
