package api

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// Scalar values and lists of them in a configuration file's YAML nodes.

func (r *yamlReader) scalar(n *yaml.Node, path, want string) *yaml.Node {
	if n = r.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || isYAMLNull(n) {
		r.fail(n, path, "want %s, got %s", want, describeNode(n))
		return nil
	}
	return n
}

// integer reads a whole number within [lo, hi].
func (r *yamlReader) integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	if n = r.scalar(n, path, "a whole number"); n == nil {
		return 0, false
	}
	var v int64
	if n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		r.fail(n, path, "want a whole number, got %s", describeNode(n))
		return 0, false
	}
	if v < int64(lo) || v > int64(hi) {
		r.fail(n, path, "must be between %d and %d, got %d", lo, hi, v)
		return 0, false
	}
	return int(v), true
}

// boolean reads true or false.
func (r *yamlReader) boolean(n *yaml.Node, path string) (bool, bool) {
	if n = r.scalar(n, path, "true or false"); n == nil {
		return false, false
	}
	var b bool
	if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		r.fail(n, path, "want true or false, got %s", describeNode(n))
		return false, false
	}
	return b, true
}

// str reads a string of minLen to maxLen characters (any plain value is
// read as its text).
func (r *yamlReader) str(n *yaml.Node, path string, minLen, maxLen int) (string, bool) {
	if n = r.scalar(n, path, "a string"); n == nil {
		return "", false
	}
	if l := utf8.RuneCountInString(n.Value); l < minLen || l > maxLen {
		r.fail(n, path, "must be %d to %d characters long, got %d", minLen, maxLen, l)
		return "", false
	}
	return n.Value, true
}

// oneOf reads a string that must be one of choices.
func (r *yamlReader) oneOf(n *yaml.Node, path string, choices ...string) (string, bool) {
	s, ok := r.str(n, path, 1, 100)
	if !ok {
		return "", false
	}
	for _, c := range choices {
		if s == c {
			return s, true
		}
	}
	r.fail(r.resolve(n), path, "unknown value %q%s (want one of %s)", s, didYouMean(s, choices), strings.Join(choices, ", "))
	return "", false
}

// strings reads a list of distinct strings, each one of choices if any
// are given.
func (r *yamlReader) strings(n *yaml.Node, path string, choices ...string) []string {
	var out []string
	r.list(n, path, "strings", func(v *yaml.Node, p string) {
		var s string
		var ok bool
		if len(choices) > 0 {
			s, ok = r.oneOf(v, p, choices...)
		} else {
			s, ok = r.str(v, p, 1, 1024)
		}
		if !ok {
			return
		}
		for _, o := range out {
			if o == s {
				r.fail(r.resolve(v), p, "%q is listed twice", s)
				return
			}
		}
		out = append(out, s)
	})
	return out
}

// duration reads a Go duration (30s, 1m30s) or a number of seconds,
// within [lo, hi].
func (r *yamlReader) duration(n *yaml.Node, path string, lo, hi time.Duration) (time.Duration, bool) {
	if n = r.scalar(n, path, "a duration"); n == nil {
		return 0, false
	}
	var d time.Duration
	ok := false
	switch n.ShortTag() {
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsNaN(f) && math.Abs(f) < 1e9 {
			d, ok = time.Duration(f*float64(time.Second)), true
		}
	case "!!str":
		var err error
		d, err = time.ParseDuration(n.Value)
		ok = err == nil
	}
	if !ok {
		r.fail(n, path, "want a duration such as 30s, 5m or 1h30m, or a number of seconds; got %s", describeNode(n))
		return 0, false
	}
	if d < lo || d > hi {
		r.fail(n, path, "must be between %v and %v, got %v", lo, hi, d)
		return 0, false
	}
	return d, true
}

// didYouMean returns ` (did you mean "x"?)` for a name close to s, or "".
func didYouMean(s string, names []string) string {
	if m := propexpr.Suggest(s, names); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}
