package api

import (
	"net/url"
	"strconv"
	"time"

	"github.com/flexsim/flexsim/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// Reading a configuration file's event sinks.

// MaxSinkBackoff bounds an event sink's maxBackoff.
const MaxSinkBackoff = 24 * time.Hour

// sink reads an eventSinks entry; it returns the entry's column too.
func (r *yamlReader) sink(item *yaml.Node, path string, index int) (SinkConfig, int, bool) {
	s := SinkConfig{Name: "sink-" + strconv.Itoa(index)}
	before := len(r.errs)
	n := r.Mapping(item, path, "an event sink",
		yamlpos.Field{Name: "name", Read: func(v *yaml.Node, p string) {
			if name, ok := r.Str(v, p, 1, 128); ok {
				s.Name = name
			}
		}},
		yamlpos.Field{Name: "url", Read: func(v *yaml.Node, p string) {
			raw, ok := r.Str(v, p, 1, 2048)
			if !ok {
				return
			}
			u, err := url.Parse(raw)
			switch {
			case err != nil:
				r.Fail(r.Resolve(v), p, "not a URL: %v", err)
			case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
				r.Fail(r.Resolve(v), p, "want an http:// or https:// URL with a host, got %q", raw)
			default:
				s.URL = raw
			}
		}},
		yamlpos.Field{Name: "topicArn", Read: func(v *yaml.Node, p string) {
			if arn, ok := r.Str(v, p, 1, 1024); ok && r.match(v, p, arn, snsTopicPattern, "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)") {
				s.TopicArn = arn
			}
		}},
		yamlpos.Field{Name: "maxBackoff", Read: func(v *yaml.Node, p string) {
			s.MaxBackoff, _ = r.Duration(v, p, time.Millisecond, MaxSinkBackoff)
		}},
	)
	if n == nil {
		if it := r.Resolve(item); it != nil && yamlpos.IsNull(it) {
			r.Fail(it, path, "want an event sink (a mapping), got %s", yamlpos.Describe(it))
		}
		return s, 0, false
	}
	s.Line = n.Line
	if !hasKey(n, "url") {
		r.Fail(n, yamlpos.Join(path, "url"), "missing: an event sink needs its url")
	}
	return s, n.Column, len(r.errs) == before
}
