package bench

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// WorkloadError is one problem in a workload file, at the line and column
// of the offending key or value.
type WorkloadError struct {
	File   string
	Line   int
	Column int
	// Path is the field as dotted keys (players.attributes.skill.mean), or
	// "" for the document as a whole.
	Path string
	Msg  string
}

func (e *WorkloadError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	fmt.Fprintf(&b, "%d:%d: ", e.Line, e.Column)
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// WorkloadErrors is every problem found in a workload file, in file order.
type WorkloadErrors []*WorkloadError

func (l WorkloadErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// maxNodeVisits bounds the nodes a workload file may expand to through
// aliases, so that a file of nested aliases cannot make reading it explode.
const maxNodeVisits = 100_000

// reader walks a YAML node tree, collecting positioned errors.
type reader struct {
	file   string
	errs   WorkloadErrors
	visits int
}

func (r *reader) fail(n *yaml.Node, path, format string, args ...any) {
	e := &WorkloadError{File: r.file, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	r.errs = append(r.errs, e)
}

// sorted returns the errors in file order (stable for equal positions).
func (r *reader) sorted() WorkloadErrors {
	sort.SliceStable(r.errs, func(i, j int) bool {
		a, b := r.errs[i], r.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return r.errs
}

// resolve follows aliases and counts the visit; it returns nil once the
// file has expanded to too many nodes.
func (r *reader) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	r.visits++
	if r.visits == maxNodeVisits {
		r.fail(n, "", "the file expands to more than %d nodes (through aliases); it is too large to read", maxNodeVisits)
	}
	if r.visits >= maxNodeVisits || n == nil || n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// field is a key a mapping may hold and how to read its value.
type field struct {
	name string
	read func(v *yaml.Node, path string)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// isNull reports whether a node is an explicit or empty null.
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// mapping reads a mapping node whose keys must be among fields. A null
// node is an empty mapping (every field keeps its default).
func (r *reader) mapping(n *yaml.Node, path, what string, fields ...field) {
	if n = r.resolve(n); n == nil || isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.fail(n, path, "want %s (a mapping), got %s", what, describe(n))
		return
	}
	r.entries(n, path, func(k, v *yaml.Node, p string) {
		for _, f := range fields {
			if f.name == k.Value {
				f.read(v, p)
				return
			}
		}
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.name
		}
		r.fail(k, p, "unknown field %q in %s%s (want one of %s)", k.Value, what, suggest(k.Value, names), strings.Join(names, ", "))
	})
}

// entries calls f for each key-value pair of a mapping with string keys,
// reporting duplicate keys, non-scalar keys and merge keys.
func (r *reader) entries(n *yaml.Node, path string, f func(k, v *yaml.Node, p string)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := r.resolve(n.Content[i])
		if k == nil {
			return
		}
		if k.Kind != yaml.ScalarNode || isNull(k) {
			r.fail(k, path, "a key must be a plain value, got %s", describe(k))
			continue
		}
		p := join(path, k.Value)
		if k.ShortTag() == "!!merge" {
			r.fail(k, p, "merge keys (<<) are not supported; write the fields out")
			continue
		}
		if seen[k.Value] {
			r.fail(k, p, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		f(k, n.Content[i+1], p)
	}
}

// describe names a node's kind and value for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing (null)"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "an unexpected node"
}

func (r *reader) scalar(n *yaml.Node, path, want string) *yaml.Node {
	if n = r.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		r.fail(n, path, "want %s, got %s", want, describe(n))
		return nil
	}
	return n
}

// number reads a finite number.
func (r *reader) number(n *yaml.Node, path string) (float64, bool) {
	if n = r.scalar(n, path, "a number"); n == nil {
		return 0, false
	}
	if t := n.ShortTag(); t != "!!int" && t != "!!float" {
		r.fail(n, path, "want a number, got %s", describe(n))
		return 0, false
	}
	var f float64
	if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.fail(n, path, "want a finite number, got %s", n.Value)
		return 0, false
	}
	return f, true
}

// numberIn reads a number within [lo, hi].
func (r *reader) numberIn(n *yaml.Node, path string, lo, hi float64) (float64, bool) {
	f, ok := r.number(n, path)
	if ok && (f < lo || f > hi) {
		r.fail(r.resolve(n), path, "must be between %g and %g, got %g", lo, hi, f)
		return 0, false
	}
	return f, ok
}

// integer reads a whole number within [lo, hi].
func (r *reader) integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	if n = r.scalar(n, path, "a whole number"); n == nil {
		return 0, false
	}
	var v int64
	if n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		r.fail(n, path, "want a whole number, got %s", describe(n))
		return 0, false
	}
	if v < int64(lo) || v > int64(hi) {
		r.fail(n, path, "must be between %d and %d, got %d", lo, hi, v)
		return 0, false
	}
	return int(v), true
}

// boolean reads true or false.
func (r *reader) boolean(n *yaml.Node, path string) (bool, bool) {
	if n = r.scalar(n, path, "true or false"); n == nil {
		return false, false
	}
	var b bool
	if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		r.fail(n, path, "want true or false, got %s", describe(n))
		return false, false
	}
	return b, true
}

// str reads a string of 1 to max characters (any plain value is read as
// its text).
func (r *reader) str(n *yaml.Node, path string, maxLen int) (string, bool) {
	if n = r.scalar(n, path, "a string"); n == nil {
		return "", false
	}
	if l := len([]rune(n.Value)); l < 1 || l > maxLen {
		r.fail(n, path, "must be 1 to %d characters long, got %d", maxLen, l)
		return "", false
	}
	return n.Value, true
}

// oneOf reads a string that must be one of choices.
func (r *reader) oneOf(n *yaml.Node, path string, choices ...string) (string, bool) {
	s, ok := r.str(n, path, 100)
	if !ok {
		return "", false
	}
	for _, c := range choices {
		if s == c {
			return s, true
		}
	}
	r.fail(r.resolve(n), path, "unknown value %q%s (want one of %s)", s, suggest(s, choices), strings.Join(choices, ", "))
	return "", false
}

// duration reads a Go duration (30s, 1m30s, 2h) or a number of seconds,
// within [lo, hi].
func (r *reader) duration(n *yaml.Node, path string, lo, hi time.Duration) (time.Duration, bool) {
	if n = r.scalar(n, path, "a duration"); n == nil {
		return 0, false
	}
	d, ok := scalarDuration(n)
	if !ok {
		r.fail(n, path, "want a duration such as 30s, 5m or 1h30m, or a number of seconds; got %s", describe(n))
		return 0, false
	}
	if d < lo || d > hi {
		r.fail(n, path, "must be between %v and %v, got %v", lo, hi, d)
		return 0, false
	}
	return d, true
}

// scalarDuration reads a duration string or a number of seconds.
func scalarDuration(n *yaml.Node) (time.Duration, bool) {
	switch n.ShortTag() {
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) != nil || math.IsNaN(f) || math.Abs(f) > 1e9 {
			return 0, false
		}
		return time.Duration(math.Round(f * float64(time.Second))), true
	case "!!str":
		d, err := time.ParseDuration(n.Value)
		return d, err == nil
	}
	return 0, false
}

// seconds reads a whole number of seconds (a duration or a number) within
// [lo, hi].
func (r *reader) seconds(n *yaml.Node, path string, lo, hi time.Duration) (time.Duration, bool) {
	d, ok := r.duration(n, path, lo, hi)
	if ok && d%time.Second != 0 {
		r.fail(r.resolve(n), path, "must be a whole number of seconds, got %v", d)
		return 0, false
	}
	return d, ok
}

// suggest returns ` (did you mean "x"?)` for a name close to s, or "".
func suggest(s string, names []string) string {
	if m := propexpr.Suggest(s, names); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}
