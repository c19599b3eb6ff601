package engine

import (
	"context"
	"maps"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/flexsim/flexsim/ruleset"
)

// MaxNameLength is the longest rule set or configuration name.
const MaxNameLength = 128

// parseRuleSet validates a body as CreateMatchmakingRuleSet and
// ValidateMatchmakingRuleSet do.
func parseRuleSet(body string) (*ruleset.RuleSet, error) {
	if n := utf8.RuneCountInString(body); n < 1 || n > ruleset.MaxBodyLength {
		return nil, invalid("RuleSetBody must be 1 to %d characters long, got %d", ruleset.MaxBodyLength, n)
	}
	rs, errs := ruleset.Parse("", []byte(body))
	if errs := errs.Errors(); len(errs) > 0 {
		first := errs[0]
		path := first.Path
		if path == "" {
			path = "/"
		}
		return nil, invalid("Rule set is invalid: %s: %s", path, first.Msg)
	}
	return rs, nil
}

func checkName(field, name string) error {
	if n := utf8.RuneCountInString(name); n < 1 || n > MaxNameLength {
		return invalid("%s must be 1 to %d characters long", field, MaxNameLength)
	}
	if !isName(name) {
		return invalid("%s %q may only hold letters, digits, '-' and '.'", field, name)
	}
	return nil
}

// ValidateMatchmakingRuleSet checks a rule-set body. An invalid body is an
// InvalidRequestException naming the first problem by JSON pointer; it never
// answers Valid: false.
func (e *Engine) ValidateMatchmakingRuleSet(ctx context.Context, in *ValidateMatchmakingRuleSetInput) (*ValidateMatchmakingRuleSetOutput, error) {
	if _, err := parseRuleSet(in.RuleSetBody); err != nil {
		return nil, err
	}
	return &ValidateMatchmakingRuleSetOutput{Valid: true}, nil
}

// CreateMatchmakingRuleSet stores a new, immutable rule set.
func (e *Engine) CreateMatchmakingRuleSet(ctx context.Context, in *CreateMatchmakingRuleSetInput) (*CreateMatchmakingRuleSetOutput, error) {
	if err := checkName("Name", in.Name); err != nil {
		return nil, err
	}
	if err := CheckTags(in.Tags); err != nil {
		return nil, err
	}
	rs, err := parseRuleSet(in.RuleSetBody)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.ruleSets[in.Name]; ok {
		return nil, invalid("a rule set named %s already exists", in.Name)
	}
	if len(e.ruleSets) >= e.opts.maxRuleSets {
		return nil, limitExceeded("the account already holds %d rule sets", len(e.ruleSets))
	}
	s := &storedRuleSet{
		MatchmakingRuleSet: MatchmakingRuleSet{
			RuleSetName:  in.Name,
			RuleSetArn:   e.arn(arnRuleSet, in.Name),
			RuleSetBody:  in.RuleSetBody,
			CreationTime: e.now(),
		},
		rs:   rs,
		tags: newTags(in.Tags),
	}
	e.ruleSets[in.Name] = s
	out := s.MatchmakingRuleSet
	return &CreateMatchmakingRuleSetOutput{RuleSet: &out}, nil
}

// DescribeMatchmakingRuleSets lists rule sets by name, or all of them in
// name order, a page at a time. A requested name that does not exist is a
// NotFoundException.
func (e *Engine) DescribeMatchmakingRuleSets(ctx context.Context, in *DescribeMatchmakingRuleSetsInput) (*DescribeMatchmakingRuleSetsOutput, error) {
	if len(in.Names) > 10 {
		return nil, invalid("at most 10 Names are allowed, got %d", len(in.Names))
	}
	limit, err := pageLimit(in.Limit)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var names []string
	if len(in.Names) > 0 {
		for _, n := range in.Names {
			name := resourceName(n)
			if _, ok := e.ruleSets[name]; !ok {
				return nil, notFound("rule set %s not found", n)
			}
			names = append(names, name)
		}
	} else {
		for name := range e.ruleSets {
			names = append(names, name)
		}
		sort.Strings(names)
	}
	page, next, err := paginate(names, limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeMatchmakingRuleSetsOutput{NextToken: next, RuleSets: []MatchmakingRuleSet{}}
	for _, name := range page {
		out.RuleSets = append(out.RuleSets, e.ruleSets[name].MatchmakingRuleSet)
	}
	return out, nil
}

// DeleteMatchmakingRuleSet removes a rule set no configuration uses.
func (e *Engine) DeleteMatchmakingRuleSet(ctx context.Context, in *DeleteMatchmakingRuleSetInput) (*DeleteMatchmakingRuleSetOutput, error) {
	name := resourceName(in.Name)
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.ruleSets[name]; !ok {
		return nil, notFound("rule set %s not found", in.Name)
	}
	for _, cname := range sortedKeys(e.configs) {
		if e.configs[cname].cfg.RuleSetName == name {
			return nil, invalid("rule set %s is used by matchmaking configuration %s", name, cname)
		}
	}
	delete(e.ruleSets, name)
	return &DeleteMatchmakingRuleSetOutput{}, nil
}

func pageLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return 10, nil
	case limit < 1 || limit > 10:
		return 0, invalid("Limit must be 1 to 10, got %d", limit)
	}
	return limit, nil
}

// paginate returns the page of names that starts at the token (an index
// into names) and the token of the next page.
func paginate(names []string, limit int, token string) (page []string, next string, err error) {
	start := 0
	if token != "" {
		start, err = strconv.Atoi(token)
		if err != nil || start < 0 || start > len(names) {
			return nil, "", invalid("NextToken %q is not valid", token)
		}
	}
	end := min(start+limit, len(names))
	if end < len(names) {
		next = strconv.Itoa(end)
	}
	return names[start:end], next, nil
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
