package api

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// MaxConfigSize bounds a configuration file, rule-set bodies included.
const MaxConfigSize = 4 << 20

// Config is a parsed configuration file (`flexsim serve --config`): the
// region and account of ARNs, the event sinks, and the resources the
// server creates at start (rule sets, fleets, aliases, game session queues,
// matchmaking configurations). Build one with LoadConfig or ParseConfig;
// apply it with (*Server).ApplyConfig.
type Config struct {
	Path    string // the file, as given to LoadConfig
	Region  string // "" = not set (the --region flag's default applies)
	Account string // "" = not set (the --account flag's default applies)
	Sinks   []SinkConfig
	// Warnings are findings that do not make the file invalid, such as a
	// rule set's likely mistakes (see `flexsim validate`).
	Warnings ConfigErrors

	ruleSets       []*ruleSetSpec
	fleets         []*fleetSpec
	aliases        []*aliasSpec
	queues         []*queueSpec
	configurations []*configurationSpec
}

// SinkConfig is one eventSinks entry: an HTTP endpoint that receives
// matchmaking and queue placement events, SNS-style.
type SinkConfig struct {
	Name string // unique; default "sink-<index>" (0-based)
	URL  string // http or https
	// TopicArn, if set, restricts the sink to the events of configurations
	// and queues whose NotificationTarget is this ARN; empty means every
	// event.
	TopicArn string
	// MaxBackoff caps the wait between delivery retries; 0 means the
	// delivery default.
	MaxBackoff time.Duration
	Line       int // line of the entry in the file
}

// ConfigError is one problem in a configuration file, or in a rule-set
// file it names, at the line and column of the offending key or value.
// Errors of ApplyConfig carry the line of the resource and no column.
type ConfigError struct {
	File   string
	Line   int
	Column int // 0: unknown
	// Path is the field as dotted keys and list indexes
	// (configurations[1].ruleSet), or a rule set's JSON pointer for an
	// error inside a rule-set file; "" for none.
	Path string
	Msg  string

	// at orders errors by where they arise in the configuration file: an
	// error inside a rule-set file sorts at the file's path: key.
	atLine, atCol int
}

// Error renders the problem as file:line:col: path: message.
func (e *ConfigError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, "%d:", e.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ConfigErrors is every problem found in a configuration file, in file
// order, in the manner of go/scanner.ErrorList. Its Error lists them all,
// one a line.
type ConfigErrors []*ConfigError

func (l ConfigErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors, for errors.As.
func (l ConfigErrors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// sort orders the list by position in the configuration file, then inside
// rule-set files.
func (l ConfigErrors) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.atLine != b.atLine {
			return a.atLine < b.atLine
		}
		if a.atCol != b.atCol {
			return a.atCol < b.atCol
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// LoadConfig reads, parses and checks a configuration file. Rule-set files
// it names are read relative to its directory. The error is a ConfigErrors
// listing every problem; the server should refuse to start on one.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, data, os.ReadFile)
}

// ParseConfig parses and checks the configuration file path holding data.
// readFile reads the rule-set files it names (their paths joined to path's
// directory unless absolute); nil means os.ReadFile.
func ParseConfig(path string, data []byte, readFile func(string) ([]byte, error)) (*Config, error) {
	if readFile == nil {
		readFile = os.ReadFile
	}
	c := &Config{Path: path}
	r := newYAMLReader(path)
	if len(data) > MaxConfigSize {
		r.FailAt(1, 1, "", "the file is %d bytes, more than the %d a configuration file may have", len(data), MaxConfigSize)
		return nil, r.errs
	}
	doc := r.Document(data, "a configuration file")
	if doc != nil {
		r.config(doc, c)
	}
	k := &checker{r: r, c: c, data: data, dir: filepath.Dir(path), readFile: readFile}
	k.run()
	r.errs.sort()
	c.Warnings.sort()
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	return c, nil
}
