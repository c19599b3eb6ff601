package api

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// DefaultTopicCacheTTL is how long NotificationTargets trusts what it
// looked up before it asks again.
const DefaultTopicCacheTTL = time.Second

// TopicLookup returns the NotificationTarget (an SNS topic ARN, "" for none)
// of the matchmaking configuration or game session queue whose ARN is
// resource. Sinks call it for every event, from their own goroutines.
type TopicLookup func(ctx context.Context, resource string) string

// NotificationTargets returns the TopicLookup of the configurations of mm
// and the queues of hosting (which may be nil). It asks them with their
// Describe calls (never from inside an event handler: sinks call it from
// their goroutines) and caches each answer for ttl (0: asks every time), so
// that an UpdateMatchmakingConfiguration or UpdateGameSessionQueue that
// changes the NotificationTarget applies within ttl. A resource that no
// longer exists keeps the target it was last seen with, so that its
// events still waiting for delivery go where they would have gone.
//
// The target is the resource's at delivery time, not at the time of the
// event: events of a resource whose target changed while a sink was
// behind go to the new target.
func NotificationTargets(mm *engine.Engine, hosting *placement.Service, ttl time.Duration) TopicLookup {
	c := &topicCache{mm: mm, hosting: hosting, ttl: ttl, m: map[string]topicEntry{}}
	return c.lookup
}

type topicCache struct {
	mm      *engine.Engine
	hosting *placement.Service
	ttl     time.Duration

	mu sync.Mutex
	m  map[string]topicEntry
}

type topicEntry struct {
	target string
	at     time.Time
}

func (c *topicCache) lookup(ctx context.Context, resource string) string {
	now := time.Now()
	c.mu.Lock()
	e, cached := c.m[resource]
	c.mu.Unlock()
	if cached && c.ttl > 0 && now.Sub(e.at) < c.ttl {
		return e.target
	}
	target, exists := c.describe(ctx, resource)
	if !exists {
		return e.target // the last one seen, or none
	}
	c.mu.Lock()
	c.m[resource] = topicEntry{target: target, at: now}
	c.mu.Unlock()
	return target
}

// describe asks the engine or the placement service for resource's
// NotificationTarget, and reports whether the resource exists.
func (c *topicCache) describe(ctx context.Context, resource string) (string, bool) {
	parts := splitARN(resource)
	if parts == nil {
		return "", false
	}
	switch kind, _, _ := strings.Cut(parts[5], "/"); kind {
	case "matchmakingconfiguration":
		out, err := c.mm.DescribeMatchmakingConfigurations(ctx, &engine.DescribeMatchmakingConfigurationsInput{Names: []string{resource}})
		if err != nil || len(out.Configurations) == 0 {
			return "", false
		}
		return out.Configurations[0].NotificationTarget, true
	case "gamesessionqueue":
		if c.hosting == nil {
			return "", false
		}
		out, err := c.hosting.DescribeGameSessionQueues(ctx, &placement.DescribeGameSessionQueuesInput{Names: []string{resource}})
		if err != nil || len(out.GameSessionQueues) == 0 {
			return "", false
		}
		return out.GameSessionQueues[0].NotificationTarget, true
	}
	return "", false
}

// splitARN splits arn:partition:service:region:account:resource into its
// six parts, or returns nil if s is not an ARN.
func splitARN(s string) []string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return nil
	}
	return parts
}
