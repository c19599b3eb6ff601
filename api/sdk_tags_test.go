package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
)

func sdkTags(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func tagText(tags []types.Tag) string {
	var b strings.Builder
	for _, t := range tags {
		fmt.Fprintf(&b, "%s=%s;", aws.ToString(t.Key), aws.ToString(t.Value))
	}
	return b.String()
}

func listTagText(t *testing.T, gl *gamelift.Client, arn string) string {
	t.Helper()
	out, err := gl.ListTagsForResource(context.Background(), &gamelift.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
	if err != nil {
		t.Fatalf("ListTagsForResource %s: %v", arn, err)
	}
	return tagText(out.Tags)
}

// TestSDKTags tags every kind of resource flexsim has ARNs for through the
// Go SDK: Tags at creation, TagResource, UntagResource, ListTagsForResource.
func TestSDKTags(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	gl := e.gl
	created := sdkTags("env", "dev", "owner", "")
	rs, err := gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{Name: aws.String("1v1"), RuleSetBody: aws.String(oneVsOne), Tags: created})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := gl.CreateMatchmakingConfiguration(ctx, &gamelift.CreateMatchmakingConfigurationInput{Name: aws.String("solo"), RuleSetName: aws.String("1v1"),
		RequestTimeoutSeconds: aws.Int32(60), AcceptanceRequired: aws.Bool(false), FlexMatchMode: types.FlexMatchModeStandalone, Tags: created})
	if err != nil {
		t.Fatal(err)
	}
	fl, err := gl.CreateFleet(ctx, &gamelift.CreateFleetInput{Name: aws.String("game"), Tags: created})
	if err != nil {
		t.Fatal(err)
	}
	al, err := gl.CreateAlias(ctx, &gamelift.CreateAliasInput{Name: aws.String("live"), Tags: created,
		RoutingStrategy: &types.RoutingStrategy{Type: types.RoutingStrategyTypeSimple, FleetId: fl.FleetAttributes.FleetId}})
	if err != nil {
		t.Fatal(err)
	}
	q, err := gl.CreateGameSessionQueue(ctx, &gamelift.CreateGameSessionQueueInput{Name: aws.String("main"), Tags: created,
		Destinations: []types.GameSessionQueueDestination{{DestinationArn: fl.FleetAttributes.FleetArn}}})
	if err != nil {
		t.Fatal(err)
	}
	arns := map[string]string{
		"rule set": aws.ToString(rs.RuleSet.RuleSetArn), "configuration": aws.ToString(cfg.Configuration.ConfigurationArn),
		"fleet": aws.ToString(fl.FleetAttributes.FleetArn), "alias": aws.ToString(al.Alias.AliasArn), "queue": aws.ToString(q.GameSessionQueue.GameSessionQueueArn),
	}
	for kind, arn := range arns {
		t.Run(kind, func(t *testing.T) {
			if got := listTagText(t, gl, arn); got != "env=dev;owner=;" {
				t.Errorf("tags at creation: %q", got)
			}
			if _, err := gl.TagResource(ctx, &gamelift.TagResourceInput{ResourceARN: aws.String(arn), Tags: sdkTags("team", "red", "env", "prod")}); err != nil {
				t.Fatal(err)
			}
			if _, err := gl.UntagResource(ctx, &gamelift.UntagResourceInput{ResourceARN: aws.String(arn), TagKeys: []string{"owner", "absent"}}); err != nil {
				t.Fatal(err)
			}
			if got := listTagText(t, gl, arn); got != "env=prod;team=red;" {
				t.Errorf("tags after TagResource and UntagResource: %q", got)
			}
		})
	}

	many := make([]types.Tag, 199)
	for i := range many {
		many[i] = types.Tag{Key: aws.String(fmt.Sprint("k", i)), Value: aws.String("v")}
	}
	var tf *types.TaggingFailedException
	_, err = gl.TagResource(ctx, &gamelift.TagResourceInput{ResourceARN: aws.String(arns["queue"]), Tags: many})
	if !errors.As(err, &tf) {
		t.Errorf("201 tags on a queue: %T %v, want TaggingFailedException", err, err)
	}
	var inv *types.InvalidRequestException
	_, err = gl.TagResource(ctx, &gamelift.TagResourceInput{ResourceARN: aws.String(arns["fleet"]), Tags: append(many, many[:2]...)})
	if !errors.As(err, &inv) {
		t.Errorf("201 tags in one request: %T %v, want InvalidRequestException", err, err)
	}
	_, err = gl.ListTagsForResource(ctx, &gamelift.ListTagsForResourceInput{ResourceARN: aws.String("main")})
	if !errors.As(err, &inv) {
		t.Errorf("malformed ARN: %T %v, want InvalidRequestException", err, err)
	}
	var nf *types.NotFoundException
	_, err = gl.UntagResource(ctx, &gamelift.UntagResourceInput{ResourceARN: aws.String(arns["configuration"] + "x"), TagKeys: []string{"env"}})
	if !errors.As(err, &nf) {
		t.Errorf("unknown configuration: %T %v, want NotFoundException", err, err)
	}
	if _, err := gl.DeleteGameSessionQueue(ctx, &gamelift.DeleteGameSessionQueueInput{Name: aws.String("main")}); err != nil {
		t.Fatal(err)
	}
	_, err = gl.ListTagsForResource(ctx, &gamelift.ListTagsForResourceInput{ResourceARN: aws.String(arns["queue"])})
	if !errors.As(err, &nf) {
		t.Errorf("deleted queue: %T %v, want NotFoundException", err, err)
	}
	_, err = gl.CreateFleet(ctx, &gamelift.CreateFleetInput{Name: aws.String("bad"), Tags: sdkTags("aws:reserved", "x")})
	if !errors.As(err, &tf) {
		t.Errorf("CreateFleet with an aws: tag: %T %v, want TaggingFailedException", err, err)
	}
}

// TestSDKTagsWithoutHosting checks that a server without a placement
// service tags rule sets and answers NotFoundException for hosting ARNs.
func TestSDKTagsWithoutHosting(t *testing.T) {
	mm := engine.New(engine.WithClock(engine.NewVirtualClock(start)))
	srv := httptest.NewServer(api.New(mm, nil))
	t.Cleanup(func() { srv.Close(); mm.Close() })
	gl := sdkClient(srv)
	ctx := context.Background()
	rs, err := gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{Name: aws.String("1v1"), RuleSetBody: aws.String(oneVsOne)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gl.TagResource(ctx, &gamelift.TagResourceInput{ResourceARN: rs.RuleSet.RuleSetArn, Tags: sdkTags("a", "b")}); err != nil {
		t.Fatal(err)
	}
	if got := listTagText(t, gl, aws.ToString(rs.RuleSet.RuleSetArn)); got != "a=b;" {
		t.Errorf("tags %q", got)
	}
	var nf *types.NotFoundException
	_, err = gl.ListTagsForResource(ctx, &gamelift.ListTagsForResourceInput{ResourceARN: aws.String("arn:aws:gamelift:us-east-1:123456789012:fleet/fleet-1")})
	if !errors.As(err, &nf) {
		t.Errorf("fleet ARN without hosting: %T %v, want NotFoundException", err, err)
	}
}
