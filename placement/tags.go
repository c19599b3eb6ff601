package placement

import (
	"context"

	"github.com/flexsim/flexsim/engine"
)

// Tags of fleets, aliases and game session queues. Each keeps its own,
// from the Tags of its Create operation on, and they go with it when it is
// deleted; the limits and the merging rules are the engine's (engine.CheckTags,
// engine.MergeTags, engine.TagStore), which keeps those of rule sets and configurations the
// same way. The operations take and return the engine's tag types.

// newTags is a new resource's tags, from its checked Create input.
func newTags(in []engine.Tag) []engine.Tag {
	tags, _ := engine.MergeTags(nil, in)
	return tags
}

// tagsOf finds the tags of the fleet, alias or queue whose ARN is arn:
// InvalidRequestException for a malformed ARN, NotFoundException for any
// other resource (a deleted one among them). Call it with s.mu held.
func (s *Service) tagsOf(arn string) (*[]engine.Tag, error) {
	a, err := engine.ParseResourceArn(arn)
	if err != nil {
		return nil, err
	}
	switch a.Type {
	case "fleet":
		if f, ok := s.fleets[a.ID]; ok && f.attrs.FleetArn == arn {
			return &f.tags, nil
		}
	case "alias":
		if al, ok := s.aliases[a.ID]; ok && al.attrs.AliasArn == arn {
			return &al.tags, nil
		}
	case "gamesessionqueue":
		if q, ok := s.queues[a.ID]; ok && q.attrs.GameSessionQueueArn == arn {
			return &q.tags, nil
		}
	}
	return nil, notFoundf("resource %s not found", arn)
}

// tagStore serves the tag operations of fleets, aliases and queues.
func (s *Service) tagStore() engine.TagStore { return engine.TagStore{Mu: &s.mu, Find: s.tagsOf} }

// TagResource adds tags to a fleet, alias or game session queue, given by
// ARN, as engine.TagStore.TagResource does; NotFoundException for an ARN
// of no fleet, alias or queue of the Service.
func (s *Service) TagResource(ctx context.Context, in *engine.TagResourceInput) (*engine.TagResourceOutput, error) {
	return s.tagStore().TagResource(in)
}

// UntagResource removes tags by key from a fleet, alias or game session
// queue, as engine.TagStore.UntagResource does.
func (s *Service) UntagResource(ctx context.Context, in *engine.UntagResourceInput) (*engine.UntagResourceOutput, error) {
	return s.tagStore().UntagResource(in)
}

// ListTagsForResource returns the tags of a fleet, alias or game session
// queue, as engine.TagStore.ListTagsForResource does.
func (s *Service) ListTagsForResource(ctx context.Context, in *engine.ListTagsForResourceInput) (*engine.ListTagsForResourceOutput, error) {
	return s.tagStore().ListTagsForResource(in)
}
