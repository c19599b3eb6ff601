package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/flexsim/flexsim/engine"
)

// ApplyConfig creates the resources of c on the server, in dependency
// order: rule sets, fleets (then each location's capacity), aliases,
// queues, matchmaking configurations. Each is a GameLift operation run
// through the same path as an HTTP request (JSON 1.1 input), with names
// resolved to the IDs and ARNs of the resources they name.
//
// A resource the server already holds by name (restored from a data
// directory, or from an earlier ApplyConfig) is left as it is; the names
// left alone and created are logged. An operation's error is reported as
// "file:line: configuration "name": Code: message" at the resource's line,
// and resources that depend on a failed one are not attempted; the error
// is a ConfigErrors listing every failure.
func (s *Server) ApplyConfig(ctx context.Context, c *Config) error {
	a := &applier{s: s, c: c, ctx: ctx, ruleSets: map[string]bool{}, ruleSetBodies: map[string]string{}, fleets: map[string]hosted{},
		aliases: map[string]hosted{}, queues: map[string]string{}, configurations: map[string]bool{}}
	if err := a.listExisting(); err != nil {
		return fmt.Errorf("configuration file %s: listing the server's resources: %w", c.Path, err)
	}
	a.applyRuleSets()
	a.applyFleets()
	a.applyAliases()
	a.applyQueues()
	a.applyConfigurations()
	s.log.LogAttrs(ctx, slog.LevelInfo, "configuration file applied", slog.String("file", c.Path),
		slog.Any("created", a.created), slog.Any("existing", a.existing), slog.Any("not_attempted", a.blocked),
		slog.Int("errors", len(a.errs)))
	if len(a.errs) > 0 {
		a.errs.sort()
		return a.errs
	}
	return nil
}

// errNoHosting is the message for hosting resources on a server without a
// placement service.
var errNoHosting = errors.New("this server has no placement service: fleets, aliases and queues cannot be created")

// hosted is the ID and ARN of a fleet or alias.
type hosted struct{ id, arn string }

// applier is one ApplyConfig run. The maps hold the resources available to
// references: those the server held and those created.
type applier struct {
	s   *Server
	c   *Config
	ctx context.Context

	ruleSets       map[string]bool   // name to whether it is there
	ruleSetBodies  map[string]string // bodies of the rule sets the server held
	fleets         map[string]hosted
	aliases        map[string]hosted
	queues         map[string]string // name to ARN
	configurations map[string]bool

	failed                     map[string]bool // "fleet x" of resources not created
	created, existing, blocked []string
	errs                       ConfigErrors
}

// call runs operation op on input in and returns its typed output.
func call[O any](a *applier, op string, in any) (*O, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	out, err := a.s.invoke(a.ctx, jsonCodec{}, op, body)
	if err != nil {
		return nil, err
	}
	o, ok := out.(*O)
	if !ok {
		return nil, fmt.Errorf("%s answered %T", op, out)
	}
	return o, nil
}

// fail records an operation's error against a resource of the file.
func (a *applier) fail(kind string, res resource, line int, detail string, err error) {
	if err == nil {
		err = &engine.Error{Code: engine.CodeInternalService, Message: "the operation answered without the resource"}
	}
	code, msg, _ := wireError(err)
	label := fmt.Sprintf("%s %q", kind, res.name)
	if detail != "" {
		label += " " + detail
	}
	a.errs = append(a.errs, &ConfigError{File: a.c.Path, Line: line, Msg: label + ": " + code + ": " + msg, atLine: line})
}

// skip reports whether a resource exists already or depends on one that
// failed, noting which; kind and name label it in the log.
func (a *applier) skip(kind, name string, exists bool, deps ...string) bool {
	label := kind + " " + name
	if exists {
		a.existing = append(a.existing, label)
		return true
	}
	for _, d := range deps {
		if a.failed[d] {
			a.blocked = append(a.blocked, label)
			a.markFailed(label)
			return true
		}
	}
	return false
}

func (a *applier) markFailed(label string) {
	if a.failed == nil {
		a.failed = map[string]bool{}
	}
	a.failed[label] = true
}

func (a *applier) applyRuleSets() {
	for _, r := range a.c.ruleSets {
		if a.skip("ruleSet", r.name, a.ruleSets[r.name]) {
			if body, held := a.ruleSetBodies[r.name]; held && body != r.in.RuleSetBody {
				a.s.log.LogAttrs(a.ctx, slog.LevelWarn, "configuration file: the server holds this rule set with another body; rule sets cannot change, so it is left as it is (give the new one a new name)",
					slog.String("file", a.c.Path), slog.Int("line", r.line), slog.String("rule_set", r.name))
			}
			continue
		}
		if _, err := call[RuleSetOutput](a, "CreateMatchmakingRuleSet", &r.in); err != nil {
			a.fail("rule set", r.resource, r.line, "", err)
			a.markFailed("ruleSet " + r.name)
			continue
		}
		a.ruleSets[r.name] = true
		a.created = append(a.created, "ruleSet "+r.name)
	}
}

// noHosting reports the hosting resources of a server without placement.
func (a *applier) noHosting(kind string, res resource) bool {
	if a.s.hosting != nil {
		return false
	}
	a.errs = append(a.errs, &ConfigError{File: a.c.Path, Line: res.line, Msg: fmt.Sprintf("%s %q: %v", kind, res.name, errNoHosting), atLine: res.line})
	a.markFailed(kind + " " + res.name)
	return true
}

func (a *applier) applyFleets() {
	for _, f := range a.c.fleets {
		if a.noHosting("fleet", f.resource) {
			continue
		}
		_, exists := a.fleets[f.name]
		if a.skip("fleet", f.name, exists) {
			continue
		}
		out, err := call[CreateFleetOutput](a, "CreateFleet", &f.in)
		if err != nil || out.FleetAttributes == nil {
			a.fail("fleet", f.resource, f.line, "", err)
			a.markFailed("fleet " + f.name)
			continue
		}
		id := out.FleetAttributes.FleetId
		a.fleets[f.name] = hosted{id, out.FleetAttributes.FleetArn}
		a.created = append(a.created, "fleet "+f.name)
		for _, l := range f.capacity {
			if !l.sets() {
				continue
			}
			desired, lo, hi := l.effective()
			in := &UpdateFleetCapacityInput{FleetId: id, Location: l.location, DesiredInstances: &desired, MinSize: &lo, MaxSize: &hi}
			if _, err := call[UpdateFleetCapacityOutput](a, "UpdateFleetCapacity", in); err != nil {
				a.fail("fleet", f.resource, l.line, "location "+l.location, err)
			}
		}
	}
}

func (a *applier) applyAliases() {
	for _, al := range a.c.aliases {
		if a.noHosting("alias", al.resource) {
			continue
		}
		_, exists := a.aliases[al.name]
		if a.skip("alias", al.name, exists, "fleet "+al.fleet.name) {
			continue
		}
		in := al.in
		if in.RoutingStrategy != nil {
			rs := *in.RoutingStrategy
			rs.FleetId = al.fleet.name
			if f, ok := a.fleets[al.fleet.name]; ok {
				rs.FleetId = f.id
			}
			in.RoutingStrategy = &rs
		}
		out, err := call[AliasOutput](a, "CreateAlias", &in)
		if err != nil || out.Alias == nil {
			a.fail("alias", al.resource, al.line, "", err)
			a.markFailed("alias " + al.name)
			continue
		}
		a.aliases[al.name] = hosted{out.Alias.AliasId, out.Alias.AliasArn}
		a.created = append(a.created, "alias "+al.name)
	}
}

func (a *applier) applyQueues() {
	for _, q := range a.c.queues {
		if a.noHosting("queue", q.resource) {
			continue
		}
		var deps []string
		for _, d := range q.destinations {
			deps = append(deps, "fleet "+d.name, "alias "+d.name)
		}
		_, exists := a.queues[q.name]
		if a.skip("queue", q.name, exists, deps...) {
			continue
		}
		in := q.in
		in.Destinations = nil
		for _, d := range q.destinations {
			arn := d.name
			if f, ok := a.fleets[d.name]; ok {
				arn = f.arn
			} else if al, ok := a.aliases[d.name]; ok {
				arn = al.arn
			}
			in.Destinations = append(in.Destinations, GameSessionQueueDestination{DestinationArn: arn})
		}
		out, err := call[QueueOutput](a, "CreateGameSessionQueue", &in)
		if err != nil || out.GameSessionQueue == nil {
			a.fail("queue", q.resource, q.line, "", err)
			a.markFailed("queue " + q.name)
			continue
		}
		a.queues[q.name] = out.GameSessionQueue.GameSessionQueueArn
		a.created = append(a.created, "queue "+q.name)
	}
}

func (a *applier) applyConfigurations() {
	for _, c := range a.c.configurations {
		deps := []string{"ruleSet " + c.ruleSet.name}
		for _, q := range c.queues {
			deps = append(deps, "queue "+q.name)
		}
		if a.skip("configuration", c.name, a.configurations[c.name], deps...) {
			continue
		}
		in := c.in
		in.RuleSetName = c.ruleSet.name
		in.GameSessionQueueArns = nil
		for _, q := range c.queues {
			arn := q.name
			if known, ok := a.queues[q.name]; ok {
				arn = known
			}
			in.GameSessionQueueArns = append(in.GameSessionQueueArns, arn)
		}
		if _, err := call[ConfigurationOutput](a, "CreateMatchmakingConfiguration", &in); err != nil {
			a.fail("configuration", c.resource, c.line, "", err)
			continue
		}
		a.configurations[c.name] = true
		a.created = append(a.created, "configuration "+c.name)
	}
}
