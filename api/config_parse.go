package api

import (
	"math"
	"regexp"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/internal/yamlpos"
)

// Reading the top level of a configuration file, its rule sets and
// matchmaking configurations. Keys are the GameLift API's
// input members in camelCase; references to other resources are by name.

// resource is where a resource of the file is defined, and its name.
type resource struct {
	name              string // "" when missing or invalid (an error is recorded)
	line, col         int    // the entry's mapping
	nameLine, nameCol int    // the name's value
	path              string // configurations[1]
}

// ref is a reference to another resource of the file by name, or an ARN.
type ref struct {
	name      string
	line, col int
	path      string
}

func (r *yamlReader) ref(n *yaml.Node, path string) (ref, bool) {
	s, ok := r.Str(n, path, 1, 2048)
	if !ok {
		return ref{}, false
	}
	n = r.Resolve(n)
	return ref{name: s, line: n.Line, col: n.Column, path: path}, true
}

func (r *yamlReader) refs(n *yaml.Node, path string) []ref {
	var out []ref
	r.List(n, path, "names", func(v *yaml.Node, p string) {
		if x, ok := r.ref(v, p); ok {
			for _, o := range out {
				if o.name == x.name {
					r.Fail(r.Resolve(v), p, "%q is listed twice", x.name)
					return
				}
			}
			out = append(out, x)
		}
	})
	return out
}

// ruleSetSpec is a ruleSets entry. The checker fills in.RuleSetBody.
type ruleSetSpec struct {
	resource
	in       CreateMatchmakingRuleSetInput
	file     string     // path: as written, or ""
	fileNode *yaml.Node // the path: value
	body     *yaml.Node // the body: value
}

// configurationSpec is a configurations entry.
type configurationSpec struct {
	resource
	in      CreateMatchmakingConfigurationInput
	ruleSet ref
	queues  []ref
}

var (
	regionPat             = regexp.MustCompile(`^[a-z]+(-[a-z]+)*-[0-9]+$`)
	accountPat            = regexp.MustCompile(`^[0-9]{12}$`)
	notificationTargetPat = regexp.MustCompile(`^[a-zA-Z0-9:_/-]*(\.fifo)?$`)
)

// config reads the top-level mapping.
func (r *yamlReader) config(n *yaml.Node, c *Config) {
	r.Mapping(n, "", "a configuration file",
		yamlpos.Field{Name: "region", Read: func(v *yaml.Node, p string) {
			if s, ok := r.Str(v, p, 1, 64); ok && r.match(v, p, s, regionPat, "a region code such as us-east-1") {
				c.Region = s
			}
		}},
		yamlpos.Field{Name: "account", Read: func(v *yaml.Node, p string) {
			if s, ok := r.Str(v, p, 1, 64); ok && r.match(v, p, s, accountPat, "an account ID of 12 digits") {
				c.Account = s
			}
		}},
		yamlpos.Field{Name: "ruleSets", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "rule sets", func(item *yaml.Node, p string) { c.ruleSets = append(c.ruleSets, r.ruleSet(item, p)) })
		}},
		yamlpos.Field{Name: "fleets", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "fleets", func(item *yaml.Node, p string) { c.fleets = append(c.fleets, r.fleet(item, p)) })
		}},
		yamlpos.Field{Name: "aliases", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "aliases", func(item *yaml.Node, p string) { c.aliases = append(c.aliases, r.alias(item, p)) })
		}},
		yamlpos.Field{Name: "queues", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "game session queues", func(item *yaml.Node, p string) { c.queues = append(c.queues, r.queue(item, p)) })
		}},
		yamlpos.Field{Name: "configurations", Read: func(v *yaml.Node, p string) {
			r.List(v, p, "matchmaking configurations", func(item *yaml.Node, p string) {
				c.configurations = append(c.configurations, r.configuration(item, p))
			})
		}},
		yamlpos.Field{Name: "eventSinks", Read: func(v *yaml.Node, p string) {
			lines := map[string]int{}
			index := 0
			r.List(v, p, "event sinks", func(item *yaml.Node, p string) {
				s, col, ok := r.sink(item, p, index)
				index++
				if !ok {
					return
				}
				if first, dup := lines[s.Name]; dup {
					r.FailAt(s.Line, col, p, "duplicate event sink name %q (first used at line %d)", s.Name, first)
					return
				}
				lines[s.Name] = s.Line
				c.Sinks = append(c.Sinks, s)
			})
		}},
	)
}

// match checks s against a pattern.
func (r *yamlReader) match(n *yaml.Node, path, s string, pat *regexp.Regexp, want string) bool {
	if !pat.MatchString(s) {
		r.Fail(r.Resolve(n), path, "%q is not %s", s, want)
		return false
	}
	return true
}

// entry reads one list item as a mapping of fields plus "name", and
// reports a missing name. what is "a rule set", "a fleet", ….
func (r *yamlReader) entry(item *yaml.Node, path, what string, res *resource, fields ...yamlpos.Field) *yaml.Node {
	fields = append([]yamlpos.Field{{Name: "name", Read: func(v *yaml.Node, p string) {
		if s, ok := r.Str(v, p, 1, 1024); ok {
			v = r.Resolve(v)
			res.name, res.nameLine, res.nameCol = s, v.Line, v.Column
		}
	}}}, fields...)
	res.path = path
	n := r.Mapping(item, path, what, fields...)
	if n == nil {
		if it := r.Resolve(item); it != nil && yamlpos.IsNull(it) {
			r.Fail(it, path, "want %s (a mapping), got %s", what, yamlpos.Describe(it))
		}
		return nil
	}
	res.line, res.col = n.Line, n.Column
	if !hasKey(n, "name") {
		r.Fail(n, yamlpos.Join(path, "name"), "missing: %s needs its name", what)
	}
	return n
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (r *yamlReader) ruleSet(item *yaml.Node, path string) *ruleSetSpec {
	s := &ruleSetSpec{}
	source := func(v *yaml.Node, p string) bool {
		if s.fileNode != nil || s.body != nil {
			r.Fail(r.Resolve(v), p, "give one of path and body")
			return false
		}
		return true
	}
	n := r.entry(item, path, "a rule set", &s.resource,
		yamlpos.Field{Name: "path", Read: func(v *yaml.Node, p string) {
			if f, ok := r.Str(v, p, 1, 4096); ok && source(v, p) {
				s.file, s.fileNode = f, r.Resolve(v)
			}
		}},
		yamlpos.Field{Name: "body", Read: func(v *yaml.Node, p string) {
			if v = r.Resolve(v); v != nil && v.Kind != yaml.ScalarNode {
				r.Fail(v, p, "want the rule set's JSON as a string (a literal block: body: |), got %s", yamlpos.Describe(v))
				return
			}
			if _, ok := r.Str(v, p, 1, MaxConfigSize); ok && source(v, p) {
				s.body = v
			}
		}},
		yamlpos.Field{Name: "tags", Read: func(v *yaml.Node, p string) { s.in.Tags = r.tags(v, p) }},
	)
	if n != nil && s.fileNode == nil && s.body == nil && !hasKey(n, "path") && !hasKey(n, "body") {
		r.Fail(n, path, "missing: a rule set needs path (a rule-set file) or body (the rule set inline)")
	}
	s.in.Name = s.name
	return s
}

// tags reads a list of {key, value}.
func (r *yamlReader) tags(n *yaml.Node, path string) []Tag {
	var out []Tag
	for _, kv := range r.keyValues(n, path, "a tag", 128, 256) {
		out = append(out, Tag(kv))
	}
	return out
}

// gameProperties reads a list of {key, value}.
func (r *yamlReader) gameProperties(n *yaml.Node, path string) []GameProperty {
	var out []GameProperty
	for _, kv := range r.keyValues(n, path, "a game property", 32, 96) {
		out = append(out, GameProperty(kv))
	}
	return out
}

func (r *yamlReader) keyValues(n *yaml.Node, path, what string, maxKey, maxValue int) []Tag {
	var out []Tag
	r.List(n, path, "{key, value} pairs", func(item *yaml.Node, p string) {
		var kv Tag
		m := r.Mapping(item, p, what,
			yamlpos.Field{Name: "key", Read: func(v *yaml.Node, p string) { kv.Key, _ = r.Str(v, p, 1, maxKey) }},
			yamlpos.Field{Name: "value", Read: func(v *yaml.Node, p string) { kv.Value, _ = r.Str(v, p, 0, maxValue) }},
		)
		if m != nil && !hasKey(m, "key") {
			r.Fail(m, yamlpos.Join(p, "key"), "missing: %s needs its key", what)
		}
		out = append(out, kv)
	})
	return out
}

func (r *yamlReader) configuration(item *yaml.Node, path string) *configurationSpec {
	s := &configurationSpec{}
	in := &s.in
	n := r.entry(item, path, "a matchmaking configuration", &s.resource,
		yamlpos.Field{Name: "description", Read: func(v *yaml.Node, p string) { in.Description, _ = r.Str(v, p, 1, 1024) }},
		yamlpos.Field{Name: "ruleSet", Read: func(v *yaml.Node, p string) { s.ruleSet, _ = r.ref(v, p) }},
		yamlpos.Field{Name: "flexMatchMode", Read: func(v *yaml.Node, p string) {
			in.FlexMatchMode, _ = r.OneOf(v, p, engine.ModeStandalone, engine.ModeWithQueue)
		}},
		yamlpos.Field{Name: "queues", Read: func(v *yaml.Node, p string) { s.queues = r.refs(v, p) }},
		yamlpos.Field{Name: "requestTimeoutSeconds", Read: func(v *yaml.Node, p string) {
			in.RequestTimeoutSeconds, _ = r.Integer(v, p, 1, engine.MaxRequestTimeoutSeconds)
		}},
		yamlpos.Field{Name: "acceptanceRequired", Read: func(v *yaml.Node, p string) { in.AcceptanceRequired, _ = r.Boolean(v, p) }},
		yamlpos.Field{Name: "acceptanceTimeoutSeconds", Read: func(v *yaml.Node, p string) {
			in.AcceptanceTimeoutSeconds, _ = r.Integer(v, p, 1, engine.MaxAcceptanceTimeoutSeconds)
		}},
		yamlpos.Field{Name: "additionalPlayerCount", Read: func(v *yaml.Node, p string) {
			in.AdditionalPlayerCount, _ = r.Integer(v, p, 0, math.MaxInt32)
		}},
		yamlpos.Field{Name: "backfillMode", Read: func(v *yaml.Node, p string) {
			in.BackfillMode, _ = r.OneOf(v, p, engine.BackfillAutomatic, engine.BackfillManual)
		}},
		yamlpos.Field{Name: "notificationTarget", Read: func(v *yaml.Node, p string) { in.NotificationTarget = r.topic(v, p) }},
		yamlpos.Field{Name: "customEventData", Read: func(v *yaml.Node, p string) { in.CustomEventData, _ = r.Str(v, p, 0, 256) }},
		yamlpos.Field{Name: "gameProperties", Read: func(v *yaml.Node, p string) { in.GameProperties = r.gameProperties(v, p) }},
		yamlpos.Field{Name: "gameSessionData", Read: func(v *yaml.Node, p string) { in.GameSessionData, _ = r.Str(v, p, 1, 4096) }},
		yamlpos.Field{Name: "tags", Read: func(v *yaml.Node, p string) { in.Tags = r.tags(v, p) }},
	)
	if n != nil {
		for _, key := range []string{"ruleSet", "requestTimeoutSeconds"} {
			if !hasKey(n, key) {
				r.Fail(n, yamlpos.Join(path, key), "missing: a matchmaking configuration needs its %s", key)
			}
		}
	}
	in.Name = s.name
	return s
}

// topic reads an SNS topic ARN in a NotificationTarget (the API's pattern).
func (r *yamlReader) topic(n *yaml.Node, path string) string {
	s, ok := r.Str(n, path, 0, 300)
	if ok && r.match(n, path, s, notificationTargetPat, "an SNS topic ARN") {
		return s
	}
	return ""
}
