package engine

import (
	"context"
	"unicode/utf8"
)

// Limits of a matchmaking configuration, from the API model.
const (
	MaxRequestTimeoutSeconds    = 43200
	MaxAcceptanceTimeoutSeconds = 600
	MaxCustomEventData          = 256
	MaxGameSessionData          = 4096
	MaxGameProperties           = 16
	MaxDescription              = 1024
	MaxNotificationTarget       = 300
)

// CreateMatchmakingConfiguration creates a matchmaker with an empty pool.
func (e *Engine) CreateMatchmakingConfiguration(ctx context.Context, in *CreateMatchmakingConfigurationInput) (*CreateMatchmakingConfigurationOutput, error) {
	if err := checkName("Name", in.Name); err != nil {
		return nil, err
	}
	if err := CheckTags(in.Tags); err != nil {
		return nil, err
	}
	if in.RuleSetName == "" {
		return nil, invalid("RuleSetName is required")
	}
	cfg := MatchmakingConfiguration{
		Name:                     in.Name,
		Description:              in.Description,
		GameSessionQueueArns:     append([]string(nil), in.GameSessionQueueArns...),
		RequestTimeoutSeconds:    in.RequestTimeoutSeconds,
		AcceptanceTimeoutSeconds: in.AcceptanceTimeoutSeconds,
		AcceptanceRequired:       in.AcceptanceRequired,
		RuleSetName:              resourceName(in.RuleSetName),
		NotificationTarget:       in.NotificationTarget,
		AdditionalPlayerCount:    in.AdditionalPlayerCount,
		CustomEventData:          in.CustomEventData,
		GameProperties:           append([]GameProperty(nil), in.GameProperties...),
		GameSessionData:          in.GameSessionData,
		BackfillMode:             in.BackfillMode,
		FlexMatchMode:            in.FlexMatchMode,
	}
	if cfg.FlexMatchMode == "" {
		cfg.FlexMatchMode = ModeWithQueue
	}
	if cfg.BackfillMode == "" {
		cfg.BackfillMode = BackfillManual
	}
	if err := checkConfiguration(&cfg); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.configs[cfg.Name]; ok {
		return nil, invalid("a matchmaking configuration named %s already exists", cfg.Name)
	}
	if len(e.configs) >= e.opts.maxConfigs {
		return nil, limitExceeded("the account already holds %d matchmaking configurations", len(e.configs))
	}
	rs, err := e.resolveReferences(&cfg)
	if err != nil {
		return nil, err
	}
	cfg.ConfigurationArn = e.arn(arnConfiguration, cfg.Name)
	cfg.CreationTime = e.now()
	mm := &matchmaker{cfg: cfg, metrics: e.metrics.addConfiguration(cfg.Name), tags: newTags(in.Tags)}
	mm.setRuleSet(rs.rs)
	e.configs[cfg.Name] = mm
	out := copyConfiguration(cfg)
	return &CreateMatchmakingConfigurationOutput{Configuration: &out}, nil
}

// resolveReferences finds the configuration's rule set and checks its
// queues, filling in RuleSetArn.
func (e *Engine) resolveReferences(cfg *MatchmakingConfiguration) (*storedRuleSet, error) {
	rs, ok := e.ruleSets[cfg.RuleSetName]
	if !ok {
		return nil, notFound("rule set %s not found", cfg.RuleSetName)
	}
	cfg.RuleSetArn = rs.RuleSetArn
	for i, q := range cfg.GameSessionQueueArns {
		if e.opts.placer == nil {
			return nil, notFound("game session queue %s not found: this engine has no game session placement", q)
		}
		arn, err := e.opts.placer.ResolveQueue(q)
		if err != nil {
			return nil, err
		}
		cfg.GameSessionQueueArns[i] = arn
	}
	return rs, nil
}

// checkConfiguration applies the field limits and the mode combinations.
func checkConfiguration(c *MatchmakingConfiguration) error {
	switch {
	case c.Description != "" && utf8.RuneCountInString(c.Description) > MaxDescription:
		return invalid("Description must be at most %d characters long", MaxDescription)
	case c.RequestTimeoutSeconds < 1 || c.RequestTimeoutSeconds > MaxRequestTimeoutSeconds:
		return invalid("RequestTimeoutSeconds must be 1 to %d, got %d", MaxRequestTimeoutSeconds, c.RequestTimeoutSeconds)
	case c.AcceptanceTimeoutSeconds < 0 || c.AcceptanceTimeoutSeconds > MaxAcceptanceTimeoutSeconds:
		return invalid("AcceptanceTimeoutSeconds must be 1 to %d, got %d", MaxAcceptanceTimeoutSeconds, c.AcceptanceTimeoutSeconds)
	case c.AcceptanceRequired && c.AcceptanceTimeoutSeconds == 0:
		return invalid("AcceptanceTimeoutSeconds is required when AcceptanceRequired is true")
	case c.AdditionalPlayerCount < 0:
		return invalid("AdditionalPlayerCount must not be negative, got %d", c.AdditionalPlayerCount)
	case utf8.RuneCountInString(c.CustomEventData) > MaxCustomEventData:
		return invalid("CustomEventData must be at most %d characters long", MaxCustomEventData)
	case utf8.RuneCountInString(c.GameSessionData) > MaxGameSessionData:
		return invalid("GameSessionData must be at most %d characters long", MaxGameSessionData)
	case utf8.RuneCountInString(c.NotificationTarget) > MaxNotificationTarget || !notifyPat.MatchString(c.NotificationTarget):
		return invalid("NotificationTarget %q is not a valid SNS topic ARN", c.NotificationTarget)
	case len(c.GameProperties) > MaxGameProperties:
		return invalid("at most %d GameProperties are allowed, got %d", MaxGameProperties, len(c.GameProperties))
	case c.FlexMatchMode != ModeStandalone && c.FlexMatchMode != ModeWithQueue:
		return invalid("FlexMatchMode must be STANDALONE or WITH_QUEUE, got %q", c.FlexMatchMode)
	case c.BackfillMode != BackfillAutomatic && c.BackfillMode != BackfillManual:
		return invalid("BackfillMode must be AUTOMATIC or MANUAL, got %q", c.BackfillMode)
	case c.FlexMatchMode == ModeStandalone && len(c.GameSessionQueueArns) > 0:
		return invalid("GameSessionQueueArns must not be set when FlexMatchMode is STANDALONE")
	case c.FlexMatchMode == ModeStandalone && c.BackfillMode == BackfillAutomatic:
		return invalid("BackfillMode AUTOMATIC is not available when FlexMatchMode is STANDALONE")
	case c.FlexMatchMode == ModeWithQueue && len(c.GameSessionQueueArns) == 0:
		return invalid("GameSessionQueueArns is required when FlexMatchMode is WITH_QUEUE")
	}
	for _, p := range c.GameProperties {
		if n := utf8.RuneCountInString(p.Key); n > 32 {
			return invalid("GameProperty keys must be at most 32 characters long")
		}
		if n := utf8.RuneCountInString(p.Value); n > 96 {
			return invalid("GameProperty values must be at most 96 characters long")
		}
	}
	for _, q := range c.GameSessionQueueArns {
		if n := len(q); n < 1 || n > 512 || !queueArn.MatchString(q) {
			return invalid("GameSessionQueueArns holds an invalid queue ARN %q", q)
		}
	}
	return nil
}

// UpdateMatchmakingConfiguration changes a configuration. Tickets in the
// pool use the new values from the next tick on.
func (e *Engine) UpdateMatchmakingConfiguration(ctx context.Context, in *UpdateMatchmakingConfigurationInput) (*UpdateMatchmakingConfigurationOutput, error) {
	e.ticking.Lock() // a new rule set re-prepares the pool's tickets
	defer e.ticking.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	mm, err := e.matchmaker(in.Name)
	if err != nil {
		return nil, err
	}
	cfg := copyConfiguration(mm.cfg)
	setString(&cfg.Description, in.Description)
	setString(&cfg.NotificationTarget, in.NotificationTarget)
	setString(&cfg.CustomEventData, in.CustomEventData)
	setString(&cfg.GameSessionData, in.GameSessionData)
	setString(&cfg.BackfillMode, in.BackfillMode)
	setString(&cfg.FlexMatchMode, in.FlexMatchMode)
	if in.RuleSetName != nil {
		cfg.RuleSetName = resourceName(*in.RuleSetName)
	}
	setInt(&cfg.RequestTimeoutSeconds, in.RequestTimeoutSeconds)
	setInt(&cfg.AcceptanceTimeoutSeconds, in.AcceptanceTimeoutSeconds)
	setInt(&cfg.AdditionalPlayerCount, in.AdditionalPlayerCount)
	if in.AcceptanceRequired != nil {
		cfg.AcceptanceRequired = *in.AcceptanceRequired
	}
	if in.GameSessionQueueArns != nil {
		cfg.GameSessionQueueArns = append([]string{}, in.GameSessionQueueArns...)
	}
	if in.GameProperties != nil {
		cfg.GameProperties = append([]GameProperty{}, in.GameProperties...)
	}
	if err := checkConfiguration(&cfg); err != nil {
		return nil, err
	}
	rs, err := e.resolveReferences(&cfg)
	if err != nil {
		return nil, err
	}
	mm.cfg = cfg
	mm.setRuleSet(rs.rs)
	out := copyConfiguration(cfg)
	return &UpdateMatchmakingConfigurationOutput{Configuration: &out}, nil
}

func setString(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func setInt(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

// DescribeMatchmakingConfigurations lists configurations by name, by rule
// set, or all of them, in name order, a page at a time. Unknown names are
// skipped.
func (e *Engine) DescribeMatchmakingConfigurations(ctx context.Context, in *DescribeMatchmakingConfigurationsInput) (*DescribeMatchmakingConfigurationsOutput, error) {
	limit, err := pageLimit(in.Limit)
	if err != nil {
		return nil, err
	}
	if len(in.Names) > 0 && in.RuleSetName != "" {
		return nil, invalid("give either Names or RuleSetName, not both")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var names []string
	switch {
	case len(in.Names) > 0:
		seen := map[string]bool{}
		for _, n := range in.Names {
			name := resourceName(n)
			if _, ok := e.configs[name]; ok && !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	default:
		rsName := resourceName(in.RuleSetName)
		for _, name := range sortedKeys(e.configs) {
			if rsName == "" || e.configs[name].cfg.RuleSetName == rsName {
				names = append(names, name)
			}
		}
	}
	page, next, err := paginate(names, limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DescribeMatchmakingConfigurationsOutput{NextToken: next, Configurations: []MatchmakingConfiguration{}}
	for _, name := range page {
		out.Configurations = append(out.Configurations, copyConfiguration(e.configs[name].cfg))
	}
	return out, nil
}

// DeleteMatchmakingConfiguration removes a configuration that has no
// active tickets.
func (e *Engine) DeleteMatchmakingConfiguration(ctx context.Context, in *DeleteMatchmakingConfigurationInput) (*DeleteMatchmakingConfigurationOutput, error) {
	e.ticking.Lock() // not while its pool is searched
	defer e.ticking.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	mm, err := e.matchmaker(in.Name)
	if err != nil {
		return nil, err
	}
	if n := mm.active(); n > 0 {
		return nil, invalid("matchmaking configuration %s has %d active tickets", mm.cfg.Name, n)
	}
	delete(e.configs, mm.cfg.Name)
	e.metrics.removeConfiguration(mm.cfg.Name)
	return &DeleteMatchmakingConfigurationOutput{}, nil
}

// matchmaker finds a configuration by name or ARN.
func (e *Engine) matchmaker(nameOrArn string) (*matchmaker, error) {
	if nameOrArn == "" {
		return nil, invalid("a configuration name is required")
	}
	mm, ok := e.configs[resourceName(nameOrArn)]
	if !ok {
		return nil, notFound("matchmaking configuration %s not found", nameOrArn)
	}
	return mm, nil
}

func copyConfiguration(c MatchmakingConfiguration) MatchmakingConfiguration {
	c.GameSessionQueueArns = append([]string(nil), c.GameSessionQueueArns...)
	c.GameProperties = append([]GameProperty(nil), c.GameProperties...)
	return c
}
