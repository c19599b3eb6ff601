package engine

import (
	"context"
	"sync"
	"time"
)

// Matchmaking event types (detail.type).
const (
	EventMatchmakingSearching  = "MatchmakingSearching"
	EventPotentialMatchCreated = "PotentialMatchCreated"
	EventAcceptMatch           = "AcceptMatch"
	EventAcceptMatchCompleted  = "AcceptMatchCompleted"
	EventMatchmakingSucceeded  = "MatchmakingSucceeded"
	EventMatchmakingTimedOut   = "MatchmakingTimedOut"
	EventMatchmakingCancelled  = "MatchmakingCancelled"
	EventMatchmakingFailed     = "MatchmakingFailed"
	MatchmakingEventDetailType = "GameLift Matchmaking Event"
	EventSource                = "aws.gamelift"
	estimatedWaitNotAvailable  = "NOT_AVAILABLE"
	messageTimedOut            = "Removed from matchmaking due to timing out."
	messageCancelled           = "Cancelled by request."
	messageRejected            = "A player rejected the proposed match."
	messageAcceptanceTimedOut  = "Not every player accepted the proposed match in time."
	messageReplaced            = "A player of this ticket started a new matchmaking request."
	messageBackfillReplaced    = "A new backfill request for the game session replaced this one."
	messageUnexpected          = "An unexpected error was encountered during match placing."
	reasonTimedOut             = "TimedOut"
	reasonCancelled            = "Cancelled"
	reasonRejected             = "Rejected"
	reasonAcceptanceTimedOut   = "AcceptanceTimedOut"
	reasonAcceptanceFailed     = "ACCEPTANCE_FAILED"
	reasonUnexpectedError      = "UNEXPECTED_ERROR"
	acceptanceAccepted         = "Accepted"
	acceptanceRejected         = "Rejected"
	acceptanceTimedOut         = "TimedOut"
	defaultEventVersion        = "0"
)

// Event is a matchmaking event in the EventBridge envelope FlexMatch uses;
// Seq orders the engine's events (it is not part of the AWS envelope).
type Event struct {
	Seq        uint64      `json:"-"`
	Version    string      `json:"version"`
	ID         string      `json:"id"`
	DetailType string      `json:"detail-type"`
	Source     string      `json:"source"`
	Account    string      `json:"account"`
	Time       string      `json:"time"` // ISO-8601 UTC with milliseconds
	Region     string      `json:"region"`
	Resources  []string    `json:"resources"`
	Detail     EventDetail `json:"detail"`
}

// EventDetail is the detail of a matchmaking event. Which fields are set
// depends on Type, as the FlexMatch documentation lists them.
type EventDetail struct {
	Type                  string           `json:"type"`
	Tickets               []EventTicket    `json:"tickets"`
	EstimatedWaitMillis   any              `json:"estimatedWaitMillis,omitempty"` // number or "NOT_AVAILABLE"
	AcceptanceTimeout     *int             `json:"acceptanceTimeout,omitempty"`
	AcceptanceRequired    *bool            `json:"acceptanceRequired,omitempty"`
	Acceptance            string           `json:"acceptance,omitempty"`
	RuleEvaluationMetrics []RuleMetric     `json:"ruleEvaluationMetrics,omitempty"`
	Reason                string           `json:"reason,omitempty"`
	Message               string           `json:"message,omitempty"`
	MatchID               string           `json:"matchId,omitempty"`
	CustomEventData       string           `json:"customEventData,omitempty"`
	GameSessionInfo       EventSessionInfo `json:"gameSessionInfo"`
}

// EventTicket is a ticket as events list it.
type EventTicket struct {
	TicketID  string        `json:"ticketId"`
	StartTime string        `json:"startTime"`
	Players   []EventPlayer `json:"players"`
}

// EventPlayer is a player as events list it.
type EventPlayer struct {
	PlayerID        string `json:"playerId"`
	Team            string `json:"team,omitempty"`
	PlayerSessionID string `json:"playerSessionId,omitempty"`
	Accepted        *bool  `json:"accepted,omitempty"`
}

// EventSessionInfo is an event's gameSessionInfo. RecommendedRegion is a
// flexsim extension (x-recommendedRegion): the best region of a STANDALONE
// match under its latency rule.
type EventSessionInfo struct {
	GameSessionArn    string        `json:"gameSessionArn,omitempty"`
	IPAddress         string        `json:"ipAddress,omitempty"`
	DNSName           string        `json:"dnsName,omitempty"`
	Port              int           `json:"port,omitempty"`
	Players           []EventPlayer `json:"players"`
	RecommendedRegion string        `json:"x-recommendedRegion,omitempty"`
}

// RuleMetric is how often one rule passed and failed.
type RuleMetric struct {
	RuleName    string `json:"ruleName"`
	PassedCount int    `json:"passedCount"`
	FailedCount int    `json:"failedCount"`
}

// eventLog keeps recent events and wakes waiters when new ones arrive.
type eventLog struct {
	max    int
	buf    []Event
	wakeMu sync.Mutex
	wake   chan struct{}
}

func (l *eventLog) add(ev Event) {
	if l.max > 0 {
		if len(l.buf) >= l.max {
			n := copy(l.buf, l.buf[len(l.buf)-l.max/2:])
			clear(l.buf[n:])
			l.buf = l.buf[:n]
		}
		l.buf = append(l.buf, ev)
	}
	l.wakeMu.Lock()
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
	l.wakeMu.Unlock()
}

func (l *eventLog) after(seq uint64) []Event {
	i := len(l.buf)
	for i > 0 && l.buf[i-1].Seq > seq {
		i--
	}
	return append([]Event(nil), l.buf[i:]...)
}

func (l *eventLog) waiter() <-chan struct{} {
	l.wakeMu.Lock()
	defer l.wakeMu.Unlock()
	if l.wake == nil {
		l.wake = make(chan struct{})
	}
	return l.wake
}

// Events returns the events the engine still keeps, oldest first, so that
// `for ev := range mm.Events()` walks them.
func (e *Engine) Events() []Event { return e.EventsAfter(0) }

// EventsAfter returns the kept events whose Seq is greater than seq.
func (e *Engine) EventsAfter(seq uint64) []Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.events.after(seq)
}

// WaitEvents returns the events after seq, waiting until there is at least
// one or ctx ends (then it returns what it has, possibly none, and ctx's
// error).
func (e *Engine) WaitEvents(ctx context.Context, seq uint64) ([]Event, error) {
	for {
		e.mu.Lock()
		evs := e.events.after(seq)
		var wake <-chan struct{}
		if len(evs) == 0 {
			wake = e.events.waiter()
		}
		e.mu.Unlock()
		if len(evs) > 0 {
			return evs, nil
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// emit records an event for the matchmaker's configuration.
func (e *Engine) emit(mm *matchmaker, now time.Time, d EventDetail) {
	e.seq++
	if mm.cfg.CustomEventData != "" {
		d.CustomEventData = mm.cfg.CustomEventData
	}
	if d.Tickets == nil {
		d.Tickets = []EventTicket{}
	}
	if d.GameSessionInfo.Players == nil {
		d.GameSessionInfo.Players = []EventPlayer{}
	}
	ev := Event{
		Seq:        e.seq,
		Version:    defaultEventVersion,
		ID:         e.newUUID(),
		DetailType: MatchmakingEventDetailType,
		Source:     EventSource,
		Account:    e.opts.account,
		Time:       e.isoNow(now),
		Region:     e.opts.region,
		Resources:  []string{mm.cfg.ConfigurationArn},
		Detail:     d,
	}
	e.events.add(ev)
	if e.opts.handler != nil {
		e.opts.handler(ev)
	}
}

// EventTime formats t as events carry times: ISO-8601 UTC with
// milliseconds, such as 2017-08-08T21:15:36.421Z. It is
// t.UTC().Format("2006-01-02T15:04:05.000Z"), written out by hand for the
// years 0 to 9999, because every ticket and event needs one.
func EventTime(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format("2006-01-02T15:04:05.000Z")
	}
	hour, minute, sec := t.Clock()
	var b [24]byte
	put := func(i, v, width int) {
		for j := i + width - 1; j >= i; j-- {
			b[j] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, year, 4)
	b[4] = '-'
	put(5, int(month), 2)
	b[7] = '-'
	put(8, day, 2)
	b[10] = 'T'
	put(11, hour, 2)
	b[13] = ':'
	put(14, minute, 2)
	b[16] = ':'
	put(17, sec, 2)
	b[19] = '.'
	put(20, t.Nanosecond()/int(time.Millisecond), 3)
	b[23] = 'Z'
	return string(b[:])
}

// eventTickets lists tickets and their players for an event; withTeam adds
// each player's team, accepted each player's answer (if any).
func (e *Engine) eventTickets(es []*entry, withTeam bool, accepted func(*entry, string) *bool) ([]EventTicket, []EventPlayer) {
	if !e.listening() {
		return nil, nil
	}
	n := 0
	for _, en := range es {
		n += len(en.t.Players)
	}
	tickets := make([]EventTicket, len(es))
	// one backing array: each ticket's players, then all players again
	players := make([]EventPlayer, 2*n)
	all := players[n : n : 2*n]
	for i, en := range es {
		et := &tickets[i]
		et.TicketID, et.StartTime = en.t.TicketID, en.startISO()
		et.Players = players[:0:len(en.t.Players)]
		players = players[len(en.t.Players):]
		for _, p := range en.t.Players {
			ep := EventPlayer{PlayerID: p.PlayerID}
			if withTeam {
				ep.Team = p.Team
			}
			if accepted != nil {
				ep.Accepted = accepted(en, p.PlayerID)
			}
			if en.conn != nil {
				for _, s := range en.conn.MatchedPlayerSessions {
					if s.PlayerId == p.PlayerID {
						ep.PlayerSessionID = s.PlayerSessionId
					}
				}
			}
			et.Players = append(et.Players, ep)
			all = append(all, ep)
		}
	}
	return tickets, all
}

// ruleMetrics sums the rule counts of entries into event metrics, in rule
// order, listing enforced and compound-referenced rules alike.
func ruleMetrics(mm *matchmaker, counts []RuleCount) []RuleMetric {
	out := make([]RuleMetric, 0, len(mm.rs.Rules))
	for _, r := range mm.rs.Rules {
		if r.IsSort() {
			continue
		}
		var c RuleCount
		if r.Index < len(counts) {
			c = counts[r.Index]
		}
		out = append(out, RuleMetric{RuleName: r.Name, PassedCount: c.Passed, FailedCount: c.Failed})
	}
	return out
}

// listening reports whether anyone receives events; when no one does, the
// engine does not build them.
func (e *Engine) listening() bool { return e.opts.handler != nil || e.events.max > 0 }

// isoNow formats a time for events, reusing the last result: every event
// of a tick shares its time, and tickets started together their start.
func (e *Engine) isoNow(now time.Time) string {
	if !now.Equal(e.isoAt) || e.isoText == "" {
		e.isoAt, e.isoText = now, EventTime(now)
	}
	return e.isoText
}

// startISO is the ticket's StartTime as events show it, formatted once.
func (en *entry) startISO() string {
	if en.startText == "" {
		en.startText = EventTime(en.t.StartTime)
	}
	return en.startText
}
