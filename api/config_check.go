package api

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/internal/yamlpos"
	"github.com/flexsim/flexsim/ruleset"
)

// Checks across a configuration file's entries: unique names, references
// that resolve, and rule sets that compile.

// checker runs the checks that need the whole file.
type checker struct {
	r        *yamlReader
	c        *Config
	data     []byte // the configuration file, for positions in inline bodies
	dir      string // rule-set paths are relative to it
	readFile func(string) ([]byte, error)
}

func (k *checker) run() {
	ruleSets := k.names("rule set", resources(k.c.ruleSets, func(s *ruleSetSpec) *resource { return &s.resource }))
	fleets := k.names("fleet", resources(k.c.fleets, func(s *fleetSpec) *resource { return &s.resource }))
	aliases := k.names("alias", resources(k.c.aliases, func(s *aliasSpec) *resource { return &s.resource }))
	queues := k.names("game session queue", resources(k.c.queues, func(s *queueSpec) *resource { return &s.resource }))
	k.names("matchmaking configuration", resources(k.c.configurations, func(s *configurationSpec) *resource { return &s.resource }))
	for name, a := range aliases {
		if f, clash := fleets[name]; clash && f != nil && a != nil {
			k.r.FailAt(a.nameLine, a.nameCol, yamlpos.Join(a.path, "name"),
				"an alias may not have the name of a fleet (line %d): a queue's destinations could not tell them apart", f.nameLine)
		}
	}
	for _, s := range k.c.aliases {
		k.resolve(s.fleet, "fleet", fleets)
	}
	destinations := map[string]*resource{}
	for _, m := range []map[string]*resource{fleets, aliases} {
		for n, r := range m {
			destinations[n] = r
		}
	}
	for _, s := range k.c.queues {
		for _, d := range s.destinations {
			k.resolve(d, "fleet or alias", destinations)
		}
	}
	for _, s := range k.c.configurations {
		k.resolve(s.ruleSet, "rule set", ruleSets)
		for _, q := range s.queues {
			k.resolve(q, "game session queue", queues)
		}
	}
	for _, s := range k.c.ruleSets {
		k.ruleSet(s)
	}
	k.sinkTopics()
}

func resources[S any](list []S, f func(S) *resource) []*resource {
	out := make([]*resource, len(list))
	for i, s := range list {
		out[i] = f(s)
	}
	return out
}

// names maps the names of one kind of resource to their entries, reporting
// duplicates. The map holds a nil entry under "" when some entry has no
// valid name (its error is already reported), which turns off reference
// checks against the kind.
func (k *checker) names(kind string, list []*resource) map[string]*resource {
	m := map[string]*resource{}
	for _, r := range list {
		if r.name == "" {
			m[""] = nil
			continue
		}
		if first, dup := m[r.name]; dup {
			k.r.FailAt(r.nameLine, r.nameCol, yamlpos.Join(r.path, "name"), "duplicate %s name %q (first used at line %d)", kind, r.name, first.nameLine)
			continue
		}
		m[r.name] = r
	}
	return m
}

// resolve checks that a reference names an entry of m, or is an ARN.
func (k *checker) resolve(x ref, kind string, m map[string]*resource) {
	if x.name == "" || strings.HasPrefix(x.name, "arn:") {
		return
	}
	if _, ok := m[x.name]; ok {
		return
	}
	if _, incomplete := m[""]; incomplete {
		return
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	k.r.FailAt(x.line, x.col, x.path, "no %s named %q in this file%s (give a name defined here, or an ARN)", kind, x.name, yamlpos.Suggest(x.name, names))
}

// ruleSet reads a rule set's file, or takes its inline body, and compiles
// it, reporting the rule set's errors at their place in its file.
func (k *checker) ruleSet(s *ruleSetSpec) {
	cfg := ruleset.Config{RequestTimeout: k.requestTimeout(s.name)}
	switch {
	case s.fileNode != nil:
		path := s.file
		if !filepath.IsAbs(path) {
			path = filepath.Join(k.dir, path)
		}
		body, err := k.readFile(path)
		if err != nil {
			k.r.Fail(s.fileNode, yamlpos.Join(s.path, "path"), "cannot read the rule set: %v", err)
			return
		}
		s.in.RuleSetBody = string(body)
		cfg.Filename = path
		_, list := cfg.Parse(body)
		for _, e := range list {
			ce := &ConfigError{File: path, Line: e.Pos.Line, Column: e.Pos.Column, Path: e.Path, Msg: e.Msg,
				atLine: s.fileNode.Line, atCol: s.fileNode.Column}
			k.report(ce, e.Severity)
		}
	case s.body != nil:
		s.in.RuleSetBody = s.body.Value
		_, list := cfg.Parse([]byte(s.body.Value))
		for _, e := range list {
			line, col, where := k.bodyPosition(s.body, e.Pos)
			msg := e.Msg
			if e.Path != "" {
				msg = e.Path + ": " + msg
			}
			ce := &ConfigError{File: k.r.file, Line: line, Column: col, Path: yamlpos.Join(s.path, "body"), Msg: where + msg,
				atLine: s.body.Line, atCol: s.body.Column}
			k.report(ce, e.Severity)
		}
	}
}

func (k *checker) report(e *ConfigError, sev ruleset.Severity) {
	if sev == ruleset.SeverityWarning {
		k.c.Warnings = append(k.c.Warnings, e)
		return
	}
	k.r.errs = append(k.r.errs, e)
}

// bodyPosition maps a position inside an inline rule-set body to the
// configuration file. In a literal block (body: |) line L of the body is
// L lines below the indicator, shifted by the block's indentation; in any
// other style the position is the body's, and where tells the position
// inside the rule set.
func (k *checker) bodyPosition(body *yaml.Node, p ruleset.Position) (line, col int, where string) {
	if !p.IsValid() {
		return body.Line, body.Column, ""
	}
	if body.Style&yaml.LiteralStyle == 0 {
		return body.Line, body.Column, fmt.Sprintf("rule set line %d, column %d: ", p.Line, p.Column)
	}
	line = body.Line + p.Line
	bodyLines := strings.Split(body.Value, "\n")
	srcLines := strings.Split(string(k.data), "\n")
	if p.Line > len(bodyLines) || line > len(srcLines) {
		return body.Line, body.Column, fmt.Sprintf("rule set line %d, column %d: ", p.Line, p.Column)
	}
	src := strings.TrimSuffix(srcLines[line-1], "\r")
	indent := 0
	if b := bodyLines[p.Line-1]; strings.HasSuffix(src, b) {
		indent = utf8.RuneCountInString(src) - utf8.RuneCountInString(b)
	}
	return line, indent + p.Column, ""
}

// requestTimeout is the longest request timeout of the configurations
// that use a rule set, for the rule set's lint checks (0: the default).
func (k *checker) requestTimeout(ruleSet string) time.Duration {
	longest := 0
	for _, c := range k.c.configurations {
		if c.ruleSet.name == ruleSet {
			longest = max(longest, c.in.RequestTimeoutSeconds)
		}
	}
	return time.Duration(longest) * time.Second
}

// sinkTopics warns of a sink whose topic no resource of the file notifies.
func (k *checker) sinkTopics() {
	used := map[string]bool{}
	for _, c := range k.c.configurations {
		used[c.in.NotificationTarget] = true
	}
	for _, q := range k.c.queues {
		used[q.in.NotificationTarget] = true
	}
	for i, s := range k.c.Sinks {
		if s.TopicArn != "" && !used[s.TopicArn] {
			k.c.Warnings = append(k.c.Warnings, &ConfigError{File: k.r.file, Line: s.Line, Path: fmt.Sprintf("eventSinks[%d].topicArn", i),
				Msg:    fmt.Sprintf("no configuration or queue of this file has notificationTarget %s; the sink gets only the events of resources created otherwise", s.TopicArn),
				atLine: s.Line})
		}
	}
}
