package api

import (
	"context"

	"github.com/flexsim/flexsim/engine"
)

// TagResource, UntagResource and ListTagsForResource. There is no tag
// store here: each resource keeps its own tags where it lives (the engine
// for rule sets and matchmaking configurations, the placement service for
// fleets, aliases and queues), so that they go with it when it is deleted
// and come back with it when the journal is replayed. These handlers only
// route a ResourceARN to its owner by the ARN's resource type.

// TagResourceInput is the wire input of TagResource.
type TagResourceInput struct {
	ResourceARN string `json:"ResourceARN"`
	Tags        []Tag  `json:"Tags"`
}

// UntagResourceInput is the wire input of UntagResource.
type UntagResourceInput struct {
	ResourceARN string   `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

// ListTagsForResourceInput is the wire input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceARN string `json:"ResourceARN"`
}

// ListTagsForResourceOutput is the wire output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags []Tag `json:"Tags"`
}

// tagger is what keeps tags: the engine and the placement service.
type tagger interface {
	TagResource(context.Context, *engine.TagResourceInput) (*engine.TagResourceOutput, error)
	UntagResource(context.Context, *engine.UntagResourceInput) (*engine.UntagResourceOutput, error)
	ListTagsForResource(context.Context, *engine.ListTagsForResourceInput) (*engine.ListTagsForResourceOutput, error)
}

// taggerOf returns the owner of the resource arn names: the engine for rule
// sets and configurations, else the placement service. A malformed ARN is
// an InvalidRequestException; a hosting ARN on a server without hosting a
// NotFoundException.
func (s *Server) taggerOf(arn string) (tagger, error) {
	a, err := engine.ParseResourceArn(arn)
	if err != nil {
		return nil, err
	}
	switch {
	case a.Type == engine.ArnTypeRuleSet || a.Type == engine.ArnTypeConfiguration:
		return s.engine, nil
	case s.hosting != nil:
		return s.hosting, nil
	}
	return nil, &engine.Error{Code: engine.CodeNotFound, Message: "resource " + arn + " not found"}
}

func tagOps(t map[string]operation) {
	t["TagResource"] = op(func(ctx context.Context, s *Server, in *TagResourceInput) (*Empty, error) {
		o, err := s.taggerOf(in.ResourceARN)
		if err == nil {
			_, err = o.TagResource(ctx, &engine.TagResourceInput{ResourceARN: in.ResourceARN, Tags: tagsToEngine(in.Tags)})
		}
		return &Empty{}, err
	})
	t["UntagResource"] = op(func(ctx context.Context, s *Server, in *UntagResourceInput) (*Empty, error) {
		o, err := s.taggerOf(in.ResourceARN)
		if err == nil {
			_, err = o.UntagResource(ctx, &engine.UntagResourceInput{ResourceARN: in.ResourceARN, TagKeys: in.TagKeys})
		}
		return &Empty{}, err
	})
	t["ListTagsForResource"] = op(func(ctx context.Context, s *Server, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
		o, err := s.taggerOf(in.ResourceARN)
		if err != nil {
			return nil, err
		}
		out, err := o.ListTagsForResource(ctx, &engine.ListTagsForResourceInput{ResourceARN: in.ResourceARN})
		if err != nil {
			return nil, err
		}
		w := &ListTagsForResourceOutput{Tags: make([]Tag, len(out.Tags))}
		for i, tg := range out.Tags {
			w.Tags[i] = Tag{Key: tg.Key, Value: tg.Value}
		}
		return w, nil
	})
}
