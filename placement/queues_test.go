package placement

import (
	"slices"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

func TestCreateGameSessionQueue(t *testing.T) {
	h := newPT(t)
	f := h.fleet("f", 1, ptLoc{"us-west-2", 1})
	q := h.queue(CreateGameSessionQueueInput{Name: "Mega-Queue-1", Destinations: []GameSessionQueueDestination{{f}}})
	if q.GameSessionQueueArn != "arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/Mega-Queue-1" {
		t.Errorf("ARN %s", q.GameSessionQueueArn)
	}
	if q.TimeoutInSeconds != DefaultQueueTimeoutSeconds || q.FilterConfiguration != nil || q.PriorityConfiguration != nil {
		t.Errorf("defaults: %+v", q)
	}
	if arn, err := h.s.ResolveQueue("Mega-Queue-1"); err != nil || arn != q.GameSessionQueueArn {
		t.Errorf("ResolveQueue by name: %s, %v", arn, err)
	}
	if arn, err := h.s.ResolveQueue(q.GameSessionQueueArn); err != nil || arn != q.GameSessionQueueArn {
		t.Errorf("ResolveQueue by ARN: %s, %v", arn, err)
	}
	_, err := h.s.ResolveQueue("other")
	wantCode(t, err, engine.CodeNotFound)
}

func TestCreateGameSessionQueueErrors(t *testing.T) {
	h := newPT(t)
	f := h.fleet("f", 1, ptLoc{"us-west-2", 1})
	h.queue(CreateGameSessionQueueInput{Name: "taken"})
	ok := func() CreateGameSessionQueueInput {
		return CreateGameSessionQueueInput{Name: "q", Destinations: []GameSessionQueueDestination{{f}}}
	}
	tests := []struct {
		name   string
		change func(*CreateGameSessionQueueInput)
		code   string
	}{
		{"name taken", func(in *CreateGameSessionQueueInput) { in.Name = "taken" }, engine.CodeInvalidRequest},
		{"empty name", func(in *CreateGameSessionQueueInput) { in.Name = "" }, engine.CodeInvalidRequest},
		{"dot in name", func(in *CreateGameSessionQueueInput) { in.Name = "a.b" }, engine.CodeInvalidRequest},
		{"name of 129", func(in *CreateGameSessionQueueInput) { in.Name = strings.Repeat("q", 129) }, engine.CodeInvalidRequest},
		{"timeout 9", func(in *CreateGameSessionQueueInput) { in.TimeoutInSeconds = 9 }, engine.CodeInvalidRequest},
		{"timeout 601", func(in *CreateGameSessionQueueInput) { in.TimeoutInSeconds = 601 }, engine.CodeInvalidRequest},
		{"negative cap", func(in *CreateGameSessionQueueInput) {
			in.PlayerLatencyPolicies = []PlayerLatencyPolicy{{MaximumIndividualPlayerLatencyMilliseconds: -1}}
		}, engine.CodeInvalidRequest},
		{"negative duration", func(in *CreateGameSessionQueueInput) {
			in.PlayerLatencyPolicies = []PlayerLatencyPolicy{{MaximumIndividualPlayerLatencyMilliseconds: 50, PolicyDurationSeconds: new(-1)}}
		}, engine.CodeInvalidRequest},
		{"unknown destination", func(in *CreateGameSessionQueueInput) {
			in.Destinations = append(in.Destinations, GameSessionQueueDestination{"arn:aws:gamelift:us-east-1:123456789012:fleet/fleet-nope"})
		}, engine.CodeNotFound},
		{"malformed destination", func(in *CreateGameSessionQueueInput) { in.Destinations = []GameSessionQueueDestination{{"fleet f"}} }, engine.CodeInvalidRequest},
		{"bad allowed location", func(in *CreateGameSessionQueueInput) {
			in.FilterConfiguration = &FilterConfiguration{AllowedLocations: []string{"us west"}}
		}, engine.CodeInvalidRequest},
		{"empty priority order", func(in *CreateGameSessionQueueInput) { in.PriorityConfiguration = &PriorityConfiguration{} }, engine.CodeInvalidRequest},
		{"unknown priority", func(in *CreateGameSessionQueueInput) {
			in.PriorityConfiguration = &PriorityConfiguration{PriorityOrder: []string{"PRICE"}}
		}, engine.CodeInvalidRequest},
		{"priority twice", func(in *CreateGameSessionQueueInput) {
			in.PriorityConfiguration = &PriorityConfiguration{PriorityOrder: []string{"COST", "LATENCY", "COST"}}
		}, engine.CodeInvalidRequest},
		{"LOCATION without LocationOrder", func(in *CreateGameSessionQueueInput) {
			in.PriorityConfiguration = &PriorityConfiguration{PriorityOrder: []string{"LOCATION"}}
		}, engine.CodeInvalidRequest},
		{"custom event data of 257", func(in *CreateGameSessionQueueInput) { in.CustomEventData = strings.Repeat("c", 257) }, engine.CodeInvalidRequest},
		{"notification target with a space", func(in *CreateGameSessionQueueInput) { in.NotificationTarget = "arn:aws:sns:x y" }, engine.CodeInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := ok()
			tc.change(&in)
			_, err := h.s.CreateGameSessionQueue(ptCtx, &in)
			wantCode(t, err, tc.code)
		})
	}
	if _, err := h.s.ResolveQueue("q"); err == nil {
		t.Error("a rejected queue was created")
	}
}

func TestDescribeGameSessionQueues(t *testing.T) {
	h := newPT(t)
	for _, name := range []string{"c", "a", "b"} {
		h.queue(CreateGameSessionQueueInput{Name: name})
	}
	names := func(qs []GameSessionQueue) []string {
		var out []string
		for _, q := range qs {
			out = append(out, q.Name)
		}
		return out
	}
	out, err := h.s.DescribeGameSessionQueues(ptCtx, &DescribeGameSessionQueuesInput{Names: []string{"b", "nope", h.s.arn("gamesessionqueue", "a"), "b"}})
	if err != nil || !slices.Equal(names(out.GameSessionQueues), []string{"b", "a"}) {
		t.Errorf("by name and ARN: %v, %v", out, err)
	}
	var pages [][]string
	token := ""
	for {
		out, err := h.s.DescribeGameSessionQueues(ptCtx, &DescribeGameSessionQueuesInput{Limit: 2, NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, names(out.GameSessionQueues))
		if token = out.NextToken; token == "" {
			break
		}
	}
	if len(pages) != 2 || !slices.Equal(pages[0], []string{"a", "b"}) || !slices.Equal(pages[1], []string{"c"}) {
		t.Errorf("pages %v", pages)
	}
	for _, in := range []DescribeGameSessionQueuesInput{{Limit: 51}, {Limit: -1}, {NextToken: "x"}} {
		_, err := h.s.DescribeGameSessionQueues(ptCtx, &in)
		wantCode(t, err, engine.CodeInvalidRequest)
	}
}

func TestUpdateGameSessionQueue(t *testing.T) {
	h := newPT(t)
	f := h.fleet("f", 1, ptLoc{"us-west-2", 1}, ptLoc{"eu-west-1", 1})
	h.queue(CreateGameSessionQueueInput{
		Name: "q", Destinations: []GameSessionQueueDestination{{f}}, CustomEventData: "keep",
		FilterConfiguration: &FilterConfiguration{AllowedLocations: []string{"us-west-2"}},
	})
	if got := h.rank("q", nil, 0); !slices.Equal(got, []string{"f/us-west-2"}) {
		t.Fatalf("before: %v", got)
	}
	out, err := h.s.UpdateGameSessionQueue(ptCtx, &UpdateGameSessionQueueInput{
		Name: h.s.arn("gamesessionqueue", "q"), TimeoutInSeconds: new(30),
		FilterConfiguration:   &FilterConfiguration{},
		PriorityConfiguration: &PriorityConfiguration{PriorityOrder: []string{"LOCATION"}, LocationOrder: []string{"us-west-2"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	q := out.GameSessionQueue
	if q.TimeoutInSeconds != 30 || q.FilterConfiguration != nil || q.CustomEventData != "keep" || len(q.Destinations) != 1 {
		t.Errorf("updated %+v", q)
	}
	if got := h.rank("q", nil, 0); !slices.Equal(got, []string{"f/us-west-2", "f/eu-west-1"}) {
		t.Errorf("after: %v", got)
	}
	for _, tc := range []struct {
		in   UpdateGameSessionQueueInput
		code string
	}{
		{UpdateGameSessionQueueInput{Name: "nope"}, engine.CodeNotFound},
		{UpdateGameSessionQueueInput{Name: "q", TimeoutInSeconds: new(0)}, engine.CodeInvalidRequest},
		{UpdateGameSessionQueueInput{Name: "q", Destinations: []GameSessionQueueDestination{{"fleet-gone"}}}, engine.CodeNotFound},
	} {
		_, err := h.s.UpdateGameSessionQueue(ptCtx, &tc.in)
		wantCode(t, err, tc.code)
	}
	if got, _ := h.s.DescribeGameSessionQueues(ptCtx, &DescribeGameSessionQueuesInput{Names: []string{"q"}}); got.GameSessionQueues[0].TimeoutInSeconds != 30 {
		t.Errorf("a rejected update changed the queue: %+v", got.GameSessionQueues[0])
	}
	if _, err := h.s.UpdateGameSessionQueue(ptCtx, &UpdateGameSessionQueueInput{Name: "q", Destinations: []GameSessionQueueDestination{}, PriorityConfiguration: &PriorityConfiguration{}}); err != nil {
		t.Fatal(err)
	}
	if got := h.rank("q", nil, 0); len(got) != 0 {
		t.Errorf("no destinations, yet candidates %v", got)
	}
}

func TestDeleteGameSessionQueue(t *testing.T) {
	h := newPT(t)
	h.queue(CreateGameSessionQueueInput{Name: "q"})
	if _, err := h.s.DeleteGameSessionQueue(ptCtx, &DeleteGameSessionQueueInput{Name: "q"}); err != nil {
		t.Fatal(err)
	}
	_, err := h.s.DeleteGameSessionQueue(ptCtx, &DeleteGameSessionQueueInput{Name: "q"})
	wantCode(t, err, engine.CodeNotFound)
	out, err := h.s.DescribeGameSessionQueues(ptCtx, &DescribeGameSessionQueuesInput{})
	if err != nil || len(out.GameSessionQueues) != 0 {
		t.Errorf("after delete: %v, %v", out, err)
	}
	h.queue(CreateGameSessionQueueInput{Name: "q"}) // the name is free again
}
