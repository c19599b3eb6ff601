package placement

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// queue is a game session queue with what placement derives from it.
type queue struct {
	attrs   GameSessionQueue
	deleted bool // pending placements on it fail on the next tick

	// Derived from attrs by derive.
	custom   bool     // PriorityConfiguration is set
	priority [4]uint8 // the full priority order (prio* values)
	steps    []policyStep
	allowed  map[string]bool // nil: every location
	locOrder []string        // PriorityConfiguration.LocationOrder

	plan     *plan  // candidates, rebuilt when the destinations change
	planTick uint64 // the tick plan was last checked in

	tags []engine.Tag // see tags.go
}

// policyStep is a latency policy placed on the placement's timeline: it caps
// latency at capMs from age from until age to (to < 0: forever).
type policyStep struct {
	capMs    float64
	from, to time.Duration
}

// Priority kinds, in the default order.
const (
	prioLatency uint8 = iota
	prioCost
	prioDestination
	prioLocation
)

var priorityNames = [4]string{PriorityLatency, PriorityCost, PriorityDestination, PriorityLocation}

// derive computes the queue's priority order, policy timeline and filters,
// and drops its candidate plan.
func (q *queue) derive() {
	q.custom = q.attrs.PriorityConfiguration != nil
	q.priority = [4]uint8{prioLatency, prioCost, prioDestination, prioLocation}
	q.locOrder = nil
	if pc := q.attrs.PriorityConfiguration; pc != nil {
		n := 0
		var named [4]bool
		for _, name := range pc.PriorityOrder {
			k := uint8(slices.Index(priorityNames[:], name))
			q.priority[n], named[k] = k, true
			n++
		}
		for k := range uint8(4) {
			if !named[k] {
				q.priority[n] = k
				n++
			}
		}
		q.locOrder = pc.LocationOrder
	}
	q.steps = policySteps(q.attrs.PlayerLatencyPolicies)
	q.allowed = nil
	if fc := q.attrs.FilterConfiguration; fc != nil && len(fc.AllowedLocations) > 0 {
		q.allowed = map[string]bool{}
		for _, l := range fc.AllowedLocations {
			q.allowed[l] = true
		}
	}
	q.plan = nil
}

// policySteps lays the policies out from the lowest cap up, each starting
// where the one before ends; a nil duration lasts forever, so no later
// policy is ever reached.
func policySteps(ps []PlayerLatencyPolicy) []policyStep {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b PlayerLatencyPolicy) int {
		return a.MaximumIndividualPlayerLatencyMilliseconds - b.MaximumIndividualPlayerLatencyMilliseconds
	})
	var steps []policyStep
	var at time.Duration
	for _, p := range sorted {
		st := policyStep{capMs: float64(p.MaximumIndividualPlayerLatencyMilliseconds), from: at, to: -1}
		if p.PolicyDurationSeconds == nil {
			return append(steps, st)
		}
		st.to = at + time.Duration(*p.PolicyDurationSeconds)*time.Second
		at = st.to
		steps = append(steps, st)
	}
	return steps
}

// stepAt returns the index of the policy in force at a placement's age, or
// -1 when none is.
func stepAt(steps []policyStep, age time.Duration) int {
	for i, st := range steps {
		if age >= st.from && (st.to < 0 || age < st.to) {
			return i
		}
	}
	return -1
}

// capAt returns the latency cap in force at a placement's age, or -1.
func capAt(steps []policyStep, age time.Duration) float64 {
	if i := stepAt(steps, age); i >= 0 {
		return steps[i].capMs
	}
	return -1
}

func (q *queue) timeout() time.Duration {
	return time.Duration(q.attrs.TimeoutInSeconds) * time.Second
}

// CreateGameSessionQueue creates a queue. Every destination must name an
// existing fleet or alias (NotFoundException otherwise); they are resolved
// again on every placement attempt, so an alias that later points elsewhere
// (or turns TERMINAL, or a fleet that is deleted) changes where placements
// go (or drops that destination).
func (s *Service) CreateGameSessionQueue(ctx context.Context, in *CreateGameSessionQueueInput) (*CreateGameSessionQueueOutput, error) {
	if err := checkQueueName(in.Name); err != nil {
		return nil, err
	}
	attrs := GameSessionQueue{
		Name:                  in.Name,
		TimeoutInSeconds:      in.TimeoutInSeconds,
		PlayerLatencyPolicies: clonePolicies(in.PlayerLatencyPolicies),
		Destinations:          slices.Clone(in.Destinations),
		FilterConfiguration:   cloneFilter(in.FilterConfiguration),
		PriorityConfiguration: clonePriority(in.PriorityConfiguration),
		CustomEventData:       in.CustomEventData,
		NotificationTarget:    in.NotificationTarget,
	}
	if attrs.TimeoutInSeconds == 0 {
		attrs.TimeoutInSeconds = DefaultQueueTimeoutSeconds
	}
	if err := engine.CheckTags(in.Tags); err != nil {
		return nil, err
	}
	if err := checkQueue(&attrs); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.queues[attrs.Name]; ok {
		return nil, invalidf("a game session queue named %s already exists", attrs.Name)
	}
	if err := s.checkDestinations(attrs.Destinations); err != nil {
		return nil, err
	}
	attrs.GameSessionQueueArn = s.arn("gamesessionqueue", attrs.Name)
	q := &queue{attrs: attrs, tags: newTags(in.Tags)}
	q.derive()
	s.queues[attrs.Name] = q
	out := copyQueue(q.attrs)
	return &CreateGameSessionQueueOutput{GameSessionQueue: &out}, nil
}

// DescribeGameSessionQueues lists queues by name or ARN, or all of them, in
// name order, a page at a time. Unknown names are skipped.
func (s *Service) DescribeGameSessionQueues(ctx context.Context, in *DescribeGameSessionQueuesInput) (*DescribeGameSessionQueuesOutput, error) {
	limit := in.Limit
	switch {
	case limit == 0:
		limit = MaxDescribeQueuesLimit
	case limit < 1 || limit > MaxDescribeQueuesLimit:
		return nil, invalidf("Limit must be 1 to %d, got %d", MaxDescribeQueuesLimit, limit)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	if len(in.Names) > 0 {
		seen := map[string]bool{}
		for _, n := range in.Names {
			name := resourceID(n)
			if _, ok := s.queues[name]; ok && !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	} else {
		for name := range s.queues {
			names = append(names, name)
		}
		sort.Strings(names)
	}
	page, next, err := paginate(names, limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeGameSessionQueuesOutput{GameSessionQueues: []GameSessionQueue{}, NextToken: next}
	for _, name := range page {
		out.GameSessionQueues = append(out.GameSessionQueues, copyQueue(s.queues[name].attrs))
	}
	return out, nil
}

// UpdateGameSessionQueue changes a queue. Pending placements use the new
// settings from the next tick on.
func (s *Service) UpdateGameSessionQueue(ctx context.Context, in *UpdateGameSessionQueueInput) (*UpdateGameSessionQueueOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queueByName(in.Name)
	if err != nil {
		return nil, err
	}
	attrs := copyQueue(q.attrs)
	if in.TimeoutInSeconds != nil {
		attrs.TimeoutInSeconds = *in.TimeoutInSeconds
	}
	if in.PlayerLatencyPolicies != nil {
		attrs.PlayerLatencyPolicies = clonePolicies(in.PlayerLatencyPolicies)
	}
	if in.Destinations != nil {
		attrs.Destinations = slices.Clone(in.Destinations)
	}
	if fc := in.FilterConfiguration; fc != nil {
		attrs.FilterConfiguration = cloneFilter(fc)
		if len(fc.AllowedLocations) == 0 {
			attrs.FilterConfiguration = nil
		}
	}
	if pc := in.PriorityConfiguration; pc != nil {
		attrs.PriorityConfiguration = clonePriority(pc)
		if len(pc.PriorityOrder) == 0 && len(pc.LocationOrder) == 0 {
			attrs.PriorityConfiguration = nil
		}
	}
	if in.CustomEventData != nil {
		attrs.CustomEventData = *in.CustomEventData
	}
	if in.NotificationTarget != nil {
		attrs.NotificationTarget = *in.NotificationTarget
	}
	if err := checkQueue(&attrs); err != nil {
		return nil, err
	}
	if err := s.checkDestinations(attrs.Destinations); err != nil {
		return nil, err
	}
	q.attrs = attrs
	q.derive()
	out := copyQueue(q.attrs)
	return &UpdateGameSessionQueueOutput{GameSessionQueue: &out}, nil
}

// DeleteGameSessionQueue removes a queue. Its pending placements fail on
// the next tick, as GameLift documents; its name can be used again at once.
func (s *Service) DeleteGameSessionQueue(ctx context.Context, in *DeleteGameSessionQueueInput) (*DeleteGameSessionQueueOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queueByName(in.Name)
	if err != nil {
		return nil, err
	}
	q.deleted = true
	delete(s.queues, q.attrs.Name)
	return &DeleteGameSessionQueueOutput{}, nil
}

// queueByName finds a queue by name or ARN.
func (s *Service) queueByName(nameOrArn string) (*queue, error) {
	if nameOrArn == "" {
		return nil, invalidf("a game session queue name is required")
	}
	q, ok := s.queues[resourceID(nameOrArn)]
	if !ok {
		return nil, notFoundf("game session queue %s not found", nameOrArn)
	}
	return q, nil
}

func copyQueue(a GameSessionQueue) GameSessionQueue {
	a.PlayerLatencyPolicies = clonePolicies(a.PlayerLatencyPolicies)
	a.Destinations = slices.Clone(a.Destinations)
	a.FilterConfiguration = cloneFilter(a.FilterConfiguration)
	a.PriorityConfiguration = clonePriority(a.PriorityConfiguration)
	return a
}

func clonePolicies(ps []PlayerLatencyPolicy) []PlayerLatencyPolicy {
	if ps == nil {
		return nil
	}
	out := make([]PlayerLatencyPolicy, len(ps))
	for i, p := range ps {
		out[i] = p
		if p.PolicyDurationSeconds != nil {
			d := *p.PolicyDurationSeconds
			out[i].PolicyDurationSeconds = &d
		}
	}
	return out
}

func cloneFilter(fc *FilterConfiguration) *FilterConfiguration {
	if fc == nil {
		return nil
	}
	return &FilterConfiguration{AllowedLocations: slices.Clone(fc.AllowedLocations)}
}

func clonePriority(pc *PriorityConfiguration) *PriorityConfiguration {
	if pc == nil {
		return nil
	}
	return &PriorityConfiguration{PriorityOrder: slices.Clone(pc.PriorityOrder), LocationOrder: slices.Clone(pc.LocationOrder)}
}
