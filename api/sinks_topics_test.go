package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// resourceArns returns the ARNs of configuration "ranked" and queue "main".
func (e *env) resourceArns(ctx context.Context) (config, queue string) {
	e.t.Helper()
	c, err := e.gl.DescribeMatchmakingConfigurations(ctx, &gamelift.DescribeMatchmakingConfigurationsInput{Names: []string{"ranked"}})
	if err != nil || len(c.Configurations) != 1 {
		e.t.Fatalf("DescribeMatchmakingConfigurations: %v", err)
	}
	q, err := e.gl.DescribeGameSessionQueues(ctx, &gamelift.DescribeGameSessionQueuesInput{Names: []string{"main"}})
	if err != nil || len(q.GameSessionQueues) != 1 {
		e.t.Fatalf("DescribeGameSessionQueues: %v", err)
	}
	return aws.ToString(c.Configurations[0].ConfigurationArn), aws.ToString(q.GameSessionQueues[0].GameSessionQueueArn)
}

func TestNotificationTargets(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	e.withQueue(ctx)
	configArn, queueArn := e.resourceArns(ctx)
	live := api.NotificationTargets(e.engine, e.hosting, 0)
	cached := api.NotificationTargets(e.engine, e.hosting, time.Hour)
	noHosting := api.NotificationTargets(e.engine, nil, 0)
	tests := []struct {
		lookup   api.TopicLookup
		resource string
		want     string
	}{
		{live, configArn, configTopic},
		{live, queueArn, queueTopic},
		{cached, configArn, configTopic},
		{cached, queueArn, queueTopic},
		{noHosting, configArn, configTopic},
		{noHosting, queueArn, ""},
		{live, rankedArn[:len(rankedArn)-len("ranked")] + "casual", ""},
		{live, "arn:aws:gamelift:us-east-1:123456789012:fleet/fleet-1", ""},
		{live, "ranked", ""},
		{live, "", ""},
	}
	for _, tt := range tests {
		if got := tt.lookup(ctx, tt.resource); got != tt.want {
			t.Errorf("lookup(%q) = %q, want %q", tt.resource, got, tt.want)
		}
	}

	const moved = "arn:aws:sns:us-east-1:123456789012:moved"
	if _, err := e.gl.UpdateMatchmakingConfiguration(ctx, &gamelift.UpdateMatchmakingConfigurationInput{Name: aws.String("ranked"), NotificationTarget: aws.String(moved)}); err != nil {
		t.Fatal(err)
	}
	if got := live(ctx, configArn); got != moved {
		t.Errorf("after the update: %q, want %q", got, moved)
	}
	if got := cached(ctx, configArn); got != configTopic {
		t.Errorf("after the update, cached for an hour: %q, want %q", got, configTopic)
	}
	if _, err := e.gl.DeleteMatchmakingConfiguration(ctx, &gamelift.DeleteMatchmakingConfigurationInput{Name: aws.String("ranked")}); err != nil {
		t.Fatal(err)
	}
	if got := live(ctx, configArn); got != moved {
		t.Errorf("after the delete: %q, want the last seen %q", got, moved)
	}
}

// TestSinksOfNotificationTargets delivers a WITH_QUEUE match to a sink per
// topic of its configuration and its queue.
func TestSinksOfNotificationTargets(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	e.withQueue(ctx)
	rcConfig, rcQueue := newReceiver(t, 0), newReceiver(t, 0)
	for _, rc := range []*receiver{rcConfig, rcQueue} {
		rc.Start()
		defer rc.Close()
	}
	cursors := newSavedCursors()
	opts := fastRetries(nil, api.NotificationTargets(e.engine, e.hosting, api.DefaultTopicCacheTTL))
	opts.Cursors = cursors
	sinks := api.StartSinks(e.log, []api.SinkConfig{
		{Name: "matchmaking", URL: rcConfig.URL, TopicArn: configTopic},
		{Name: "placements", URL: rcQueue.URL, TopicArn: queueTopic},
	}, opts)
	defer sinks.Close()
	e.match(ctx, "t1", "t2")
	cursors.waitFor(t, "matchmaking", 5)
	cursors.waitFor(t, "placements", 5)
	want := map[*receiver][]string{
		rcConfig: {engine.EventMatchmakingSearching, engine.EventMatchmakingSearching, engine.EventPotentialMatchCreated, engine.EventMatchmakingSucceeded},
		rcQueue:  {placement.EventPlacementFulfilled},
	}
	for rc, types := range want {
		got := rc.notifications()
		if len(got) != len(types) {
			t.Fatalf("%d notifications, want %d", len(got), len(types))
		}
		for i, n := range got {
			var ev wireEvent
			if err := jsonUnmarshalString(n.body["Message"], &ev); err != nil || ev.Detail.Type != types[i] || ev.Seq != 0 {
				t.Errorf("notification %d: Message %s, want a %s event without seq", i, n.body["Message"], types[i])
			}
		}
	}
}
