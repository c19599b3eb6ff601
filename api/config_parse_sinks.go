package api

import (
	"net/url"
	"regexp"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"
)

// Reading a configuration file's event sinks.

// sinkTopicPat is the shape of an SNS topic ARN (as sinks.go checks it).
var sinkTopicPat = regexp.MustCompile(`^arn:aws[a-z0-9-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$`)

// MaxSinkBackoff bounds an event sink's maxBackoff.
const MaxSinkBackoff = 24 * time.Hour

// sink reads an eventSinks entry; it returns the entry's column too.
func (r *yamlReader) sink(item *yaml.Node, path string, index int) (SinkConfig, int, bool) {
	s := SinkConfig{Name: "sink-" + strconv.Itoa(index)}
	before := len(r.errs)
	n := r.mapping(item, path, "an event sink",
		yamlField{"name", func(v *yaml.Node, p string) {
			if name, ok := r.str(v, p, 1, 128); ok {
				s.Name = name
			}
		}},
		yamlField{"url", func(v *yaml.Node, p string) {
			raw, ok := r.str(v, p, 1, 2048)
			if !ok {
				return
			}
			u, err := url.Parse(raw)
			switch {
			case err != nil:
				r.fail(r.resolve(v), p, "not a URL: %v", err)
			case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
				r.fail(r.resolve(v), p, "want an http:// or https:// URL with a host, got %q", raw)
			default:
				s.URL = raw
			}
		}},
		yamlField{"topicArn", func(v *yaml.Node, p string) {
			if arn, ok := r.str(v, p, 1, 1024); ok && r.match(v, p, arn, sinkTopicPat, "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)") {
				s.TopicArn = arn
			}
		}},
		yamlField{"maxBackoff", func(v *yaml.Node, p string) {
			s.MaxBackoff, _ = r.duration(v, p, time.Millisecond, MaxSinkBackoff)
		}},
	)
	if n == nil {
		if it := r.resolve(item); it != nil && isYAMLNull(it) {
			r.fail(it, path, "want an event sink (a mapping), got %s", describeNode(it))
		}
		return s, 0, false
	}
	s.Line = n.Line
	if !hasKey(n, "url") {
		r.fail(n, joinKey(path, "url"), "missing: an event sink needs its url")
	}
	return s, n.Column, len(r.errs) == before
}
