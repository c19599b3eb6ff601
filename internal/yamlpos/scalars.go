package yamlpos

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Scalar returns the resolved node if it is a plain non-null value, and
// otherwise reports that want was wanted and returns nil.
func (r *Reader) Scalar(n *yaml.Node, path, want string) *yaml.Node {
	if n = r.Resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || IsNull(n) {
		r.Fail(n, path, "want %s, got %s", want, Describe(n))
		return nil
	}
	return n
}

// Number reads a finite number.
func (r *Reader) Number(n *yaml.Node, path string) (float64, bool) {
	if n = r.Scalar(n, path, "a number"); n == nil {
		return 0, false
	}
	if t := n.ShortTag(); t != "!!int" && t != "!!float" {
		r.Fail(n, path, "want a number, got %s", Describe(n))
		return 0, false
	}
	var f float64
	if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.Fail(n, path, "want a finite number, got %s", n.Value)
		return 0, false
	}
	return f, true
}

// NumberIn reads a number within [lo, hi].
func (r *Reader) NumberIn(n *yaml.Node, path string, lo, hi float64) (float64, bool) {
	f, ok := r.Number(n, path)
	if ok && (f < lo || f > hi) {
		r.Fail(r.Resolve(n), path, "must be between %g and %g, got %g", lo, hi, f)
		return 0, false
	}
	return f, ok
}

// Integer reads a whole number within [lo, hi].
func (r *Reader) Integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	if n = r.Scalar(n, path, "a whole number"); n == nil {
		return 0, false
	}
	var v int64
	if n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		r.Fail(n, path, "want a whole number, got %s", Describe(n))
		return 0, false
	}
	if v < int64(lo) || v > int64(hi) {
		r.Fail(n, path, "must be between %d and %d, got %d", lo, hi, v)
		return 0, false
	}
	return int(v), true
}

// Boolean reads true or false.
func (r *Reader) Boolean(n *yaml.Node, path string) (bool, bool) {
	if n = r.Scalar(n, path, "true or false"); n == nil {
		return false, false
	}
	var b bool
	if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		r.Fail(n, path, "want true or false, got %s", Describe(n))
		return false, false
	}
	return b, true
}

// Str reads a string of minLen to maxLen characters (any plain value is
// read as its text).
func (r *Reader) Str(n *yaml.Node, path string, minLen, maxLen int) (string, bool) {
	if n = r.Scalar(n, path, "a string"); n == nil {
		return "", false
	}
	if l := utf8.RuneCountInString(n.Value); l < minLen || l > maxLen {
		r.Fail(n, path, "must be %d to %d characters long, got %d", minLen, maxLen, l)
		return "", false
	}
	return n.Value, true
}

// OneOf reads a string that must be one of choices.
func (r *Reader) OneOf(n *yaml.Node, path string, choices ...string) (string, bool) {
	s, ok := r.Str(n, path, 1, 100)
	if !ok {
		return "", false
	}
	for _, c := range choices {
		if s == c {
			return s, true
		}
	}
	r.Fail(r.Resolve(n), path, "unknown value %q%s (want one of %s)", s, Suggest(s, choices), strings.Join(choices, ", "))
	return "", false
}

// Strings reads a list of distinct strings, each one of choices if any are
// given and otherwise of 1 to maxLen characters; what names the list in
// messages (as List).
func (r *Reader) Strings(n *yaml.Node, path, what string, maxLen int, choices ...string) []string {
	var out []string
	r.List(n, path, what, func(v *yaml.Node, p string) {
		var s string
		var ok bool
		if len(choices) > 0 {
			s, ok = r.OneOf(v, p, choices...)
		} else {
			s, ok = r.Str(v, p, 1, maxLen)
		}
		if !ok {
			return
		}
		for _, o := range out {
			if o == s {
				r.Fail(r.Resolve(v), p, "%q is listed twice", s)
				return
			}
		}
		out = append(out, s)
	})
	return out
}

// Duration reads a Go duration (30s, 1m30s, 2h) or a number of seconds,
// within [lo, hi].
func (r *Reader) Duration(n *yaml.Node, path string, lo, hi time.Duration) (time.Duration, bool) {
	if n = r.Scalar(n, path, "a duration"); n == nil {
		return 0, false
	}
	d, ok := r.scalarDuration(n)
	if !ok {
		r.Fail(n, path, "want a duration such as 30s, 5m or 1h30m, or a number of seconds; got %s", Describe(n))
		return 0, false
	}
	if d < lo || d > hi {
		r.Fail(n, path, "must be between %v and %v, got %v", lo, hi, d)
		return 0, false
	}
	return d, true
}

// scalarDuration reads a duration string or a number of seconds.
func (r *Reader) scalarDuration(n *yaml.Node) (time.Duration, bool) {
	switch n.ShortTag() {
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) != nil || math.IsNaN(f) {
			return 0, false
		}
		if r.opts.TruncateSeconds {
			if math.Abs(f) >= 1e9 {
				return 0, false
			}
			return time.Duration(f * float64(time.Second)), true
		}
		if math.Abs(f) > 1e9 {
			return 0, false
		}
		return time.Duration(math.Round(f * float64(time.Second))), true
	case "!!str":
		d, err := time.ParseDuration(n.Value)
		return d, err == nil
	}
	return 0, false
}

// Seconds reads a whole number of seconds (a duration or a number) within
// [lo, hi].
func (r *Reader) Seconds(n *yaml.Node, path string, lo, hi time.Duration) (time.Duration, bool) {
	d, ok := r.Duration(n, path, lo, hi)
	if ok && d%time.Second != 0 {
		r.Fail(r.Resolve(n), path, "must be a whole number of seconds, got %v", d)
		return 0, false
	}
	return d, ok
}
