package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Resource tags. Each resource keeps its own tags, from the Tags of its
// Create operation on, so that they go when it is deleted and a resource
// created again under the same name (and so the same ARN) starts without
// them: the engine keeps those of rule sets and matchmaking
// configurations, the placement package those of fleets, aliases and game
// session queues with the helpers below. A resource's tags keep the order
// their keys were first given in; a key given again takes the new value in
// place.

// Tagging limits, from the GameLift API reference and AWS's tagging rules.
const (
	MaxTags              = 200  // per resource, and per TagResource or Create request
	MaxTagKeyLength      = 128  // characters
	MaxTagValueLength    = 256  // characters
	MaxResourceArnLength = 1011 // characters of TagResource's ResourceARN
)

// Resource types in the ARNs the engine issues.
const (
	ArnTypeRuleSet       = arnRuleSet       // matchmakingruleset
	ArnTypeConfiguration = arnConfiguration // matchmakingconfiguration
)

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	ResourceARN string
	Tags        []Tag // 0 to 200; a key the resource has takes the new value
}

// TagResourceOutput is the (empty) output of TagResource.
type TagResourceOutput struct{}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceARN string
	TagKeys     []string // 0 to 200; keys the resource lacks are ignored
}

// UntagResourceOutput is the (empty) output of UntagResource.
type UntagResourceOutput struct{}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceARN string
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags []Tag // never nil
}

// ResourceArn is a GameLift resource ARN taken apart:
// arn:<Partition>:gamelift:<Region>:<Account>:<Type>/<ID>.
type ResourceArn struct {
	Partition, Region, Account string
	Type                       string // such as fleet, alias, gamesessionqueue, matchmakingruleset
	ID                         string // the fleet or alias ID, or the name
}

// ParseResourceArn takes a GameLift resource ARN apart. Anything else (too
// long, another service, a part missing) is an InvalidRequestException.
func ParseResourceArn(arn string) (ResourceArn, error) {
	if n := utf8.RuneCountInString(arn); n < 1 || n > MaxResourceArnLength {
		return ResourceArn{}, invalid("ResourceARN must be 1 to %d characters long, got %d", MaxResourceArnLength, n)
	}
	p := strings.SplitN(arn, ":", 6)
	if len(p) == 6 && p[0] == "arn" && p[2] == "gamelift" {
		kind, id, ok := strings.Cut(p[5], "/")
		if ok && p[1] != "" && p[3] != "" && p[4] != "" && kind != "" && id != "" {
			return ResourceArn{Partition: p[1], Region: p[3], Account: p[4], Type: kind, ID: id}, nil
		}
	}
	return ResourceArn{}, invalid("ResourceARN %q is not a GameLift resource ARN (arn:aws:gamelift:<region>:<account>:<type>/<id>)", arn)
}

// CheckTags applies the limits on a list of tags given to a Create
// operation or TagResource: at most MaxTags, keys of 1 to MaxTagKeyLength
// characters and values of at most MaxTagValueLength
// (InvalidRequestException), and no key starting with "aws:", which AWS
// reserves (TaggingFailedException).
func CheckTags(tags []Tag) error {
	if len(tags) > MaxTags {
		return invalid("at most %d Tags are allowed, got %d", MaxTags, len(tags))
	}
	for _, t := range tags {
		if n := utf8.RuneCountInString(t.Key); n < 1 || n > MaxTagKeyLength {
			return invalid("Tag keys must be 1 to %d characters long, got %d", MaxTagKeyLength, n)
		}
		if n := utf8.RuneCountInString(t.Value); n > MaxTagValueLength {
			return invalid("Tag values must be at most %d characters long, got %d (key %s)", MaxTagValueLength, n, t.Key)
		}
		if len(t.Key) >= 4 && strings.EqualFold(t.Key[:4], "aws:") {
			return &Error{Code: CodeTaggingFailed, Message: "tag key " + t.Key + " uses the prefix aws:, which is reserved for AWS"}
		}
	}
	return nil
}

// CheckTagKeys applies the limits on UntagResource's TagKeys: at most
// MaxTags keys of 1 to MaxTagKeyLength characters.
func CheckTagKeys(keys []string) error {
	if len(keys) > MaxTags {
		return invalid("at most %d TagKeys are allowed, got %d", MaxTags, len(keys))
	}
	for _, k := range keys {
		if n := utf8.RuneCountInString(k); n < 1 || n > MaxTagKeyLength {
			return invalid("TagKeys must be 1 to %d characters long, got %d", MaxTagKeyLength, n)
		}
	}
	return nil
}

// MergeTags returns a new list: old with the values of add set in place
// and add's new keys appended in order (the last of a key given twice
// wins). A result of more than MaxTags tags is a TaggingFailedException,
// and old is left as it was.
func MergeTags(old, add []Tag) ([]Tag, error) {
	out := slices.Clone(old)
	for _, t := range add {
		if i := slices.IndexFunc(out, func(o Tag) bool { return o.Key == t.Key }); i >= 0 {
			out[i].Value = t.Value
		} else {
			out = append(out, t)
		}
	}
	if len(out) > MaxTags {
		return nil, &Error{Code: CodeTaggingFailed, Message: fmt.Sprintf("the resource would have %d tags; at most %d are allowed", len(out), MaxTags)}
	}
	return out, nil
}

// TagStore serves TagResource, UntagResource and ListTagsForResource for an
// owner of tagged resources (the engine, the placement service): Find
// locates a resource's tags by ARN, InvalidRequestException for a
// malformed ARN and NotFoundException for one of no resource of the owner,
// and is called with Mu held.
type TagStore struct {
	Mu   sync.Locker
	Find func(arn string) (*[]Tag, error)
}

// TagResource adds tags to the resource; keys it has already take the new
// values. Errors: those of CheckTags, a TaggingFailedException when the
// resource would have more than MaxTags, and Find's.
func (ts TagStore) TagResource(in *TagResourceInput) (*TagResourceOutput, error) {
	if err := CheckTags(in.Tags); err != nil {
		return nil, err
	}
	ts.Mu.Lock()
	defer ts.Mu.Unlock()
	tags, err := ts.Find(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	merged, err := MergeTags(*tags, in.Tags)
	if err != nil {
		return nil, err
	}
	*tags = merged
	return &TagResourceOutput{}, nil
}

// UntagResource removes tags by key from the resource; keys it lacks are
// ignored. Errors: those of CheckTagKeys, and Find's.
func (ts TagStore) UntagResource(in *UntagResourceInput) (*UntagResourceOutput, error) {
	if err := CheckTagKeys(in.TagKeys); err != nil {
		return nil, err
	}
	ts.Mu.Lock()
	defer ts.Mu.Unlock()
	tags, err := ts.Find(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	*tags = slices.DeleteFunc(slices.Clone(*tags), func(t Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
	return &UntagResourceOutput{}, nil
}

// ListTagsForResource returns a copy of the resource's tags (never nil).
// Errors: Find's.
func (ts TagStore) ListTagsForResource(in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	ts.Mu.Lock()
	defer ts.Mu.Unlock()
	tags, err := ts.Find(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	return &ListTagsForResourceOutput{Tags: append(make([]Tag, 0, len(*tags)), *tags...)}, nil
}

// newTags is a new resource's tags, from its (checked) Create input.
func newTags(in []Tag) []Tag {
	tags, _ := MergeTags(nil, in)
	return tags
}

// tagsOf finds the tags of the rule set or configuration whose ARN is arn:
// InvalidRequestException for a malformed ARN, NotFoundException for any
// other resource. Call it with e.mu held.
func (e *Engine) tagsOf(arn string) (*[]Tag, error) {
	a, err := ParseResourceArn(arn)
	if err != nil {
		return nil, err
	}
	switch a.Type {
	case arnRuleSet:
		if rs, ok := e.ruleSets[a.ID]; ok && rs.RuleSetArn == arn {
			return &rs.tags, nil
		}
	case arnConfiguration:
		if mm, ok := e.configs[a.ID]; ok && mm.cfg.ConfigurationArn == arn {
			return &mm.tags, nil
		}
	}
	return nil, notFound("resource %s not found", arn)
}

// tagStore serves the tag operations of rule sets and configurations.
func (e *Engine) tagStore() TagStore { return TagStore{Mu: &e.mu, Find: e.tagsOf} }

// TagResource adds tags to a rule set or matchmaking configuration, given
// by ARN, as TagStore.TagResource does; NotFoundException for an ARN of no
// rule set or configuration of this engine.
func (e *Engine) TagResource(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	return e.tagStore().TagResource(in)
}

// UntagResource removes tags by key from a rule set or matchmaking
// configuration, as TagStore.UntagResource does.
func (e *Engine) UntagResource(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	return e.tagStore().UntagResource(in)
}

// ListTagsForResource returns the tags of a rule set or matchmaking
// configuration, as TagStore.ListTagsForResource does.
func (e *Engine) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return e.tagStore().ListTagsForResource(in)
}
