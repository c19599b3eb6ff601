package placement

import (
	"strconv"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// Queue placement event types (detail.type) and the event's detail-type.
const (
	EventPlacementFulfilled       = "PlacementFulfilled"
	EventPlacementCancelled       = "PlacementCancelled"
	EventPlacementTimedOut        = "PlacementTimedOut"
	EventPlacementFailed          = "PlacementFailed"
	QueuePlacementEventDetailType = "GameLift Queue Placement Event"
)

// Event is a queue placement event ("GameLift Queue Placement Event") in the
// EventBridge envelope GameLift uses, the same as engine.Event's.
type Event struct {
	Version    string               `json:"version"`
	ID         string               `json:"id"`
	DetailType string               `json:"detail-type"`
	Source     string               `json:"source"`
	Account    string               `json:"account"`
	Time       string               `json:"time"` // ISO-8601 UTC with milliseconds
	Region     string               `json:"region"`
	Resources  []string             `json:"resources"` // the queue's ARN
	Detail     PlacementEventDetail `json:"detail"`
}

// PlacementEventDetail is the detail of a queue placement event. The
// connection fields, gameSessionRegion and placedPlayerSessions are set in
// PlacementFulfilled only; reason in PlacementFailed only. Port is a string,
// as in GameLift's documented example. CustomEventData is the queue's.
type PlacementEventDetail struct {
	Type                 string                 `json:"type"`
	PlacementID          string                 `json:"placementId"`
	Port                 string                 `json:"port,omitempty"`
	GameSessionArn       string                 `json:"gameSessionArn,omitempty"`
	IPAddress            string                 `json:"ipAddress,omitempty"`
	DNSName              string                 `json:"dnsName,omitempty"`
	StartTime            string                 `json:"startTime"`
	EndTime              string                 `json:"endTime"`
	GameSessionRegion    string                 `json:"gameSessionRegion,omitempty"`
	PlacedPlayerSessions []PlacementEventPlayer `json:"placedPlayerSessions,omitzero"`
	Reason               string                 `json:"reason,omitempty"`
	CustomEventData      string                 `json:"customEventData,omitempty"`
}

// PlacementEventPlayer is a placed player session in a PlacementFulfilled
// event.
type PlacementEventPlayer struct {
	PlayerID        string `json:"playerId"`
	PlayerSessionID string `json:"playerSessionId"`
}

var placementEventTypes = map[string]string{
	PlacementFulfilled: EventPlacementFulfilled,
	PlacementCancelled: EventPlacementCancelled,
	PlacementTimedOut:  EventPlacementTimedOut,
	PlacementFailed:    EventPlacementFailed,
}

// placementEvent queues the event of p's end, if anyone listens.
func (s *Service) placementEvent(p *placement, now time.Time, reason string) {
	h := s.opts.handler
	if h == nil {
		return
	}
	a := &p.attrs
	d := PlacementEventDetail{
		Type:            placementEventTypes[a.Status],
		PlacementID:     a.PlacementId,
		StartTime:       engine.EventTime(a.StartTime),
		EndTime:         engine.EventTime(a.EndTime),
		CustomEventData: p.q.attrs.CustomEventData,
	}
	switch a.Status {
	case PlacementFulfilled:
		d.Port = strconv.Itoa(a.Port)
		d.GameSessionArn, d.IPAddress, d.DNSName = a.GameSessionArn, a.IpAddress, a.DnsName
		d.GameSessionRegion = a.GameSessionRegion
		d.PlacedPlayerSessions = make([]PlacementEventPlayer, len(a.PlacedPlayerSessions))
		for i, ps := range a.PlacedPlayerSessions {
			d.PlacedPlayerSessions[i] = PlacementEventPlayer{PlayerID: ps.PlayerId, PlayerSessionID: ps.PlayerSessionId}
		}
	case PlacementFailed:
		d.Reason = reason
	}
	ev := Event{
		Version:    "0",
		ID:         s.newUUID(),
		DetailType: QueuePlacementEventDetailType,
		Source:     engine.EventSource,
		Account:    s.opts.account,
		Time:       engine.EventTime(now),
		Region:     s.opts.region,
		Resources:  []string{p.q.attrs.GameSessionQueueArn},
		Detail:     d,
	}
	s.place.outbox.add(func() { h(ev) })
}

// outbox holds the event deliveries and engine callbacks that state changes
// made under Service.mu queued, to run in order once the lock is released.
// One goroutine at a time delivers; a call made from inside a delivery (an
// event handler that stops a placement, say) queues behind it, so a handler
// may call back into the Service.
type outbox struct {
	mu         sync.Mutex
	fs         []func()
	delivering bool
}

// add queues f. The caller holds Service.mu.
func (o *outbox) add(f func()) {
	o.mu.Lock()
	o.fs = append(o.fs, f)
	o.mu.Unlock()
}

// flush runs the queued callbacks in order, unless another goroutine is
// already doing so (it then runs them too). The caller must not hold
// Service.mu.
func (s *Service) flush() {
	o := &s.place.outbox
	o.mu.Lock()
	if o.delivering {
		o.mu.Unlock()
		return
	}
	o.delivering = true
	defer func() {
		if r := recover(); r != nil {
			o.mu.Lock()
			o.delivering = false
			o.mu.Unlock()
			panic(r)
		}
	}()
	for len(o.fs) > 0 {
		fs := o.fs
		o.fs = nil
		o.mu.Unlock()
		for _, f := range fs {
			f()
		}
		o.mu.Lock()
	}
	o.delivering = false
	o.mu.Unlock()
}
