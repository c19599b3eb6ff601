package placement

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

func (h *host) tags(arn string) []engine.Tag {
	h.t.Helper()
	out, err := h.s.ListTagsForResource(hostCtx, &engine.ListTagsForResourceInput{ResourceARN: arn})
	if err != nil {
		h.t.Fatalf("ListTagsForResource %s: %v", arn, err)
	}
	if out.Tags == nil {
		h.t.Fatalf("ListTagsForResource %s: nil Tags", arn)
	}
	return out.Tags
}

// taggedResources creates a fleet, an alias and a queue, each with the
// tags, and returns their ARNs.
func taggedResources(t *testing.T, h *host, tags []engine.Tag) (fleetArn, aliasArn, queueArn string) {
	t.Helper()
	f, err := h.s.CreateFleet(hostCtx, &CreateFleetInput{Name: "f", Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	a, err := h.s.CreateAlias(hostCtx, &CreateAliasInput{Name: "a", Tags: tags,
		RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: f.FleetAttributes.FleetId}})
	if err != nil {
		t.Fatal(err)
	}
	q, err := h.s.CreateGameSessionQueue(hostCtx, &CreateGameSessionQueueInput{Name: "q", Tags: tags,
		Destinations: []GameSessionQueueDestination{{DestinationArn: f.FleetAttributes.FleetArn}}})
	if err != nil {
		t.Fatal(err)
	}
	return f.FleetAttributes.FleetArn, a.Alias.AliasArn, q.GameSessionQueue.GameSessionQueueArn
}

func TestHostingTags(t *testing.T) {
	h := newHost(t)
	created := []engine.Tag{{Key: "env", Value: "dev"}, {Key: "team", Value: "a"}, {Key: "env", Value: "test"}}
	fleetArn, aliasArn, queueArn := taggedResources(t, h, created)
	for _, arn := range []string{fleetArn, aliasArn, queueArn} {
		if got, want := h.tags(arn), []engine.Tag{{Key: "env", Value: "test"}, {Key: "team", Value: "a"}}; !slices.Equal(got, want) {
			t.Errorf("%s: tags at creation %v, want %v", arn, got, want)
		}
		if _, err := h.s.TagResource(hostCtx, &engine.TagResourceInput{ResourceARN: arn, Tags: []engine.Tag{{Key: "cost", Value: "1"}, {Key: "team", Value: "b"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.s.UntagResource(hostCtx, &engine.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"env", "nope"}}); err != nil {
			t.Fatal(err)
		}
		if got, want := h.tags(arn), []engine.Tag{{Key: "team", Value: "b"}, {Key: "cost", Value: "1"}}; !slices.Equal(got, want) {
			t.Errorf("%s: tags %v, want %v", arn, got, want)
		}
	}
}

func TestHostingTagErrors(t *testing.T) {
	h := newHost(t)
	fleetArn, aliasArn, queueArn := taggedResources(t, h, nil)
	many := func(n int) []engine.Tag {
		out := make([]engine.Tag, n)
		for i := range out {
			out[i] = engine.Tag{Key: fmt.Sprint("k", i)}
		}
		return out
	}
	if _, err := h.s.TagResource(hostCtx, &engine.TagResourceInput{ResourceARN: fleetArn, Tags: many(200)}); err != nil {
		t.Fatalf("200 tags: %v", err)
	}
	cases := []struct {
		name string
		arn  string
		tags []engine.Tag
		code string
	}{
		{"malformed ARN", "fleet-1", many(1), engine.CodeInvalidRequest},
		{"unknown fleet", strings.Replace(fleetArn, "fleet/fleet-", "fleet/fleet-0", 1), many(1), engine.CodeNotFound},
		{"fleet ID under the alias type", strings.Replace(fleetArn, ":fleet/", ":alias/", 1), many(1), engine.CodeNotFound},
		{"other region", strings.Replace(aliasArn, "us-east-1", "eu-west-1", 1), many(1), engine.CodeNotFound},
		{"unknown queue", queueArn + "x", many(1), engine.CodeNotFound},
		{"a rule set is not the Service's", "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/r", many(1), engine.CodeNotFound},
		{"one too many on the resource", fleetArn, []engine.Tag{{Key: "new"}}, engine.CodeTaggingFailed},
		{"too many in the request", queueArn, many(201), engine.CodeInvalidRequest},
		{"reserved prefix", queueArn, []engine.Tag{{Key: "aws:x"}}, engine.CodeTaggingFailed},
		{"long value", aliasArn, []engine.Tag{{Key: "k", Value: strings.Repeat("v", 257)}}, engine.CodeInvalidRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.s.TagResource(hostCtx, &engine.TagResourceInput{ResourceARN: c.arn, Tags: c.tags})
			wantErr(t, err, c.code)
		})
	}
	if n := len(h.tags(fleetArn)); n != 200 {
		t.Errorf("the fleet has %d tags after refused calls, want 200", n)
	}
	_, err := h.s.UntagResource(hostCtx, &engine.UntagResourceInput{ResourceARN: queueArn, TagKeys: []string{""}})
	wantErr(t, err, engine.CodeInvalidRequest)
	_, err = h.s.CreateFleet(hostCtx, &CreateFleetInput{Name: "big", Tags: many(201)})
	wantErr(t, err, engine.CodeInvalidRequest)
	_, err = h.s.CreateAlias(hostCtx, &CreateAliasInput{Name: "big", Tags: []engine.Tag{{Key: ""}}, RoutingStrategy: &RoutingStrategy{Type: RoutingTerminal}})
	wantErr(t, err, engine.CodeInvalidRequest)
}

// TestHostingTagsGoWithTheResource checks that deleting a resource deletes
// its tags, and that a queue created again under its name starts bare.
func TestHostingTagsGoWithTheResource(t *testing.T) {
	h := newHost(t)
	fleetArn, aliasArn, queueArn := taggedResources(t, h, []engine.Tag{{Key: "k", Value: "v"}})
	if _, err := h.s.DeleteGameSessionQueue(hostCtx, &DeleteGameSessionQueueInput{Name: "q"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.DeleteAlias(hostCtx, &DeleteAliasInput{AliasId: aliasArn}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.DeleteFleet(hostCtx, &DeleteFleetInput{FleetId: fleetArn}); err != nil {
		t.Fatal(err)
	}
	for _, arn := range []string{fleetArn, aliasArn, queueArn} {
		_, err := h.s.ListTagsForResource(hostCtx, &engine.ListTagsForResourceInput{ResourceARN: arn})
		wantErr(t, err, engine.CodeNotFound)
	}
	if _, err := h.s.CreateGameSessionQueue(hostCtx, &CreateGameSessionQueueInput{Name: "q"}); err != nil {
		t.Fatal(err)
	}
	if got := h.tags(queueArn); len(got) != 0 {
		t.Errorf("re-created queue has tags %v", got)
	}
}
