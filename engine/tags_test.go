package engine_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/flexsim/flexsim/engine"
)

const (
	ruleSetArn = "arn:aws:gamelift:us-east-1:123456789012:matchmakingruleset/rules"
	configArn  = "arn:aws:gamelift:us-east-1:123456789012:matchmakingconfiguration/cfg"
)

func manyTags(n int, prefix string) []engine.Tag {
	out := make([]engine.Tag, n)
	for i := range out {
		out[i] = engine.Tag{Key: fmt.Sprintf("%s%d", prefix, i), Value: "v"}
	}
	return out
}

func listTags(t *testing.T, e *engine.Engine, arn string) []engine.Tag {
	t.Helper()
	out, err := e.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: arn})
	if err != nil {
		t.Fatalf("ListTagsForResource %s: %v", arn, err)
	}
	if out.Tags == nil {
		t.Fatalf("ListTagsForResource %s: nil Tags", arn)
	}
	return out.Tags
}

// TestTagsAtCreation checks that the Tags of CreateMatchmakingRuleSet and
// CreateMatchmakingConfiguration are kept and listed, duplicates merged.
func TestTagsAtCreation(t *testing.T) {
	h := newHarness(t, oneVsOne, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.Tags = []engine.Tag{{Key: "team", Value: "a"}, {Key: "env", Value: "dev"}, {Key: "team", Value: "b"}}
	})
	if got := listTags(t, h.e, ruleSetArn); len(got) != 0 {
		t.Errorf("rule set created without tags lists %v", got)
	}
	want := []engine.Tag{{Key: "team", Value: "b"}, {Key: "env", Value: "dev"}}
	if got := listTags(t, h.e, configArn); !slices.Equal(got, want) {
		t.Errorf("configuration tags = %v, want %v", got, want)
	}
	if _, err := h.e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "tagged", RuleSetBody: oneVsOne,
		Tags: []engine.Tag{{Key: "k", Value: ""}}}); err != nil {
		t.Fatal(err)
	}
	if got := listTags(t, h.e, strings.Replace(ruleSetArn, "/rules", "/tagged", 1)); !slices.Equal(got, []engine.Tag{{Key: "k"}}) {
		t.Errorf("rule set tags = %v", got)
	}
}

// TestTagResource checks adding, replacing and removing tags.
func TestTagResource(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	steps := []struct {
		name  string
		tag   []engine.Tag
		untag []string
		want  []engine.Tag
	}{
		{name: "add", tag: []engine.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}, want: []engine.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}},
		{name: "replace in place and append", tag: []engine.Tag{{Key: "c", Value: "3"}, {Key: "a", Value: "9"}},
			want: []engine.Tag{{Key: "a", Value: "9"}, {Key: "b", Value: "2"}, {Key: "c", Value: "3"}}},
		{name: "empty list changes nothing", tag: []engine.Tag{}, want: []engine.Tag{{Key: "a", Value: "9"}, {Key: "b", Value: "2"}, {Key: "c", Value: "3"}}},
		{name: "untag, unknown keys ignored", untag: []string{"b", "nope"}, want: []engine.Tag{{Key: "a", Value: "9"}, {Key: "c", Value: "3"}}},
	}
	for _, arn := range []string{ruleSetArn, configArn} {
		for _, st := range steps {
			var err error
			if st.untag != nil {
				_, err = h.e.UntagResource(ctx, &engine.UntagResourceInput{ResourceARN: arn, TagKeys: st.untag})
			} else {
				_, err = h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: arn, Tags: st.tag})
			}
			if err != nil {
				t.Fatalf("%s %s: %v", arn, st.name, err)
			}
			if got := listTags(t, h.e, arn); !slices.Equal(got, st.want) {
				t.Errorf("%s %s: tags = %v, want %v", arn, st.name, got, st.want)
			}
		}
	}
}

// TestTagErrors checks the errors of the three tag operations.
func TestTagErrors(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	if _, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: manyTags(150, "x")}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		op   func() error
		code string
	}{
		{"malformed ARN", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: "cfg", Tags: manyTags(1, "a")})
			return err
		}, engine.CodeInvalidRequest},
		{"another service's ARN", func() error {
			_, err := h.e.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: "arn:aws:s3:us-east-1:123456789012:bucket/x"})
			return err
		}, engine.CodeInvalidRequest},
		{"empty ARN", func() error {
			_, err := h.e.UntagResource(ctx, &engine.UntagResourceInput{ResourceARN: "", TagKeys: []string{"a"}})
			return err
		}, engine.CodeInvalidRequest},
		{"unknown configuration", func() error {
			_, err := h.e.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: strings.Replace(configArn, "/cfg", "/nope", 1)})
			return err
		}, engine.CodeNotFound},
		{"other account", func() error {
			_, err := h.e.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: strings.Replace(configArn, "123456789012", "999999999999", 1)})
			return err
		}, engine.CodeNotFound},
		{"a fleet is not the engine's", func() error {
			_, err := h.e.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: "arn:aws:gamelift:us-east-1:123456789012:fleet/fleet-1"})
			return err
		}, engine.CodeNotFound},
		{"more than 200 in the request", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: ruleSetArn, Tags: manyTags(201, "a")})
			return err
		}, engine.CodeInvalidRequest},
		{"more than 200 on the resource", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: manyTags(51, "y")})
			return err
		}, engine.CodeTaggingFailed},
		{"empty key", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: []engine.Tag{{Value: "v"}}})
			return err
		}, engine.CodeInvalidRequest},
		{"key too long", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: []engine.Tag{{Key: strings.Repeat("k", 129)}}})
			return err
		}, engine.CodeInvalidRequest},
		{"value too long", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: []engine.Tag{{Key: "k", Value: strings.Repeat("v", 257)}}})
			return err
		}, engine.CodeInvalidRequest},
		{"reserved prefix", func() error {
			_, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: []engine.Tag{{Key: "AWS:owner", Value: "me"}}})
			return err
		}, engine.CodeTaggingFailed},
		{"untag key too long", func() error {
			_, err := h.e.UntagResource(ctx, &engine.UntagResourceInput{ResourceARN: configArn, TagKeys: []string{strings.Repeat("k", 129)}})
			return err
		}, engine.CodeInvalidRequest},
		{"create with too many", func() error {
			_, err := h.e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: "big", RuleSetBody: oneVsOne, Tags: manyTags(201, "a")})
			return err
		}, engine.CodeInvalidRequest},
	}
	for _, c := range cases {
		if got := engine.ErrorCode(c.op()); got != c.code {
			t.Errorf("%s: error %q, want %s", c.name, got, c.code)
		}
	}
	if got := listTags(t, h.e, configArn); len(got) != 150 {
		t.Errorf("failed calls changed the tags: %d, want 150", len(got))
	}
	if _, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: manyTags(50, "y")}); err != nil {
		t.Errorf("tagging up to exactly 200: %v", err)
	}
}

// TestTagsGoWithTheResource checks that a resource deleted and created
// again under the same name (so the same ARN) has no tags.
func TestTagsGoWithTheResource(t *testing.T) {
	h := newHarness(t, oneVsOne, nil)
	if _, err := h.e.TagResource(ctx, &engine.TagResourceInput{ResourceARN: configArn, Tags: manyTags(2, "a")}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.e.DeleteMatchmakingConfiguration(ctx, &engine.DeleteMatchmakingConfigurationInput{Name: "cfg"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.e.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: configArn}); engine.ErrorCode(err) != engine.CodeNotFound {
		t.Errorf("tags of a deleted configuration: %v", err)
	}
	if _, err := h.e.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{Name: "cfg", RuleSetName: "rules",
		RequestTimeoutSeconds: 60, FlexMatchMode: engine.ModeStandalone}); err != nil {
		t.Fatal(err)
	}
	if got := listTags(t, h.e, configArn); len(got) != 0 {
		t.Errorf("re-created configuration has tags %v", got)
	}
}

// TestParseResourceArn checks the ARN parser the API layer routes by.
func TestParseResourceArn(t *testing.T) {
	a, err := engine.ParseResourceArn("arn:aws:gamelift:eu-west-1:111122223333:fleet/fleet-1234")
	if err != nil || a != (engine.ResourceArn{Partition: "aws", Region: "eu-west-1", Account: "111122223333", Type: "fleet", ID: "fleet-1234"}) {
		t.Errorf("ParseResourceArn = %+v, %v", a, err)
	}
	for _, bad := range []string{"", "fleet-1", "arn:aws:gamelift:us-east-1:123:fleet", "arn:aws:gamelift::123:fleet/x",
		"arn:aws:gamelift:us-east-1::fleet/x", "arn:aws:gamelift:us-east-1:123:/x", "arn:aws:gamelift:us-east-1:123:fleet/",
		"arn:aws:sqs:us-east-1:123:fleet/x", strings.Repeat("a", engine.MaxResourceArnLength+1)} {
		if _, err := engine.ParseResourceArn(bad); engine.ErrorCode(err) != engine.CodeInvalidRequest {
			t.Errorf("ParseResourceArn(%.40q): %v, want InvalidRequestException", bad, err)
		}
	}
}
