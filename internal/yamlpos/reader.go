package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// MaxNodeVisits bounds the nodes a file may expand to through aliases, so
// that a file of nested aliases cannot make reading it explode.
const MaxNodeVisits = 100_000

// Options are the details in which readers differ.
type Options struct {
	// NullListIsEmpty reads a null (or empty) value where a list is wanted
	// as an empty list; otherwise it is an error.
	NullListIsEmpty bool
	// TruncateSeconds reads a duration given as a number of seconds by
	// truncating it to whole nanoseconds and refusing 1e9 seconds or more;
	// otherwise it is rounded and up to 1e9 seconds is read.
	TruncateSeconds bool
}

// Reader walks a YAML node tree, passing each problem it finds, with its
// position, to its report function.
type Reader struct {
	file   string
	report func(*Error)
	opts   Options
	visits int
}

// NewReader returns a Reader of the named file that passes each problem
// to report.
func NewReader(file string, report func(*Error), opts Options) *Reader {
	return &Reader{file: file, report: report, opts: opts}
}

// Fail reports a problem at node n (at 0:0 if n is nil).
func (r *Reader) Fail(n *yaml.Node, path, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	r.FailAt(line, col, path, format, args...)
}

// FailAt reports a problem at a line and column.
func (r *Reader) FailAt(line, col int, path, format string, args ...any) {
	r.report(&Error{File: r.file, Line: line, Column: col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// Document decodes the single YAML document of data, or reports why it
// cannot; kind names the file in the message for a second document ("a
// workload file"). It returns nil for an empty file.
func (r *Reader) Document(data []byte, kind string) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			r.Syntax(err, data)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		r.Fail(&extra, "", "%s holds one YAML document; this is a second one", kind)
		return nil
	} else if !errors.Is(err, io.EOF) {
		r.Syntax(err, data)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Syntax reports a YAML syntax error of data. The YAML library gives only
// its line, so the column is that of the line's first non-blank character.
func (r *Reader) Syntax(err error, data []byte) {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	col := 1
	if lines := bytes.Split(data, []byte("\n")); line >= 1 && line <= len(lines) {
		text := lines[line-1]
		col = len(text) - len(bytes.TrimLeft(text, " \t")) + 1
	}
	r.FailAt(line, col, "", "invalid YAML: %s", msg)
}

// Resolve follows aliases and counts the visit; it returns nil once the
// file has expanded to too many nodes.
func (r *Reader) Resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	r.visits++
	if r.visits == MaxNodeVisits {
		r.Fail(n, "", "the file expands to more than %d nodes (through aliases); it is too large to read", MaxNodeVisits)
	}
	if r.visits >= MaxNodeVisits || n == nil || n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// Field is a key a mapping may hold and how to read its value.
type Field struct {
	Name string
	Read func(v *yaml.Node, path string)
}

// Join appends a key to a dotted path.
func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// IsNull reports whether a node is an explicit or empty null.
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// Mapping reads a mapping whose keys must be among fields, what naming it
// in messages, and returns the resolved node (nil if it is not a
// mapping). A null node is an empty mapping (every field keeps its
// default).
func (r *Reader) Mapping(n *yaml.Node, path, what string, fields ...Field) *yaml.Node {
	if n = r.Resolve(n); n == nil || IsNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want %s (a mapping), got %s", what, Describe(n))
		return nil
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		for _, f := range fields {
			if f.Name == k.Value {
				f.Read(v, p)
				return
			}
		}
		r.Fail(k, p, "unknown field %q in %s%s (want one of %s)", k.Value, what, Suggest(k.Value, names), strings.Join(names, ", "))
	})
	return n
}

// Entries calls f for each key-value pair of a mapping with string keys,
// with the key's path, reporting duplicate keys, non-scalar keys and
// merge keys.
func (r *Reader) Entries(n *yaml.Node, path string, f func(k, v *yaml.Node, p string)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := r.Resolve(n.Content[i])
		if k == nil {
			return
		}
		if k.Kind != yaml.ScalarNode || IsNull(k) {
			r.Fail(k, path, "a key must be a plain value, got %s", Describe(k))
			continue
		}
		p := Join(path, k.Value)
		if k.ShortTag() == "!!merge" {
			r.Fail(k, p, "merge keys (<<) are not supported; write the fields out")
			continue
		}
		if seen[k.Value] {
			r.Fail(k, p, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		f(k, n.Content[i+1], p)
	}
}

// List calls f for each item of a sequence with the item's path
// (path[i]); what names the items in messages ("" for just "a list").
// A null node is an empty list if Options.NullListIsEmpty.
func (r *Reader) List(n *yaml.Node, path, what string, f func(item *yaml.Node, p string)) {
	if n = r.Resolve(n); n == nil || (r.opts.NullListIsEmpty && IsNull(n)) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		if what == "" {
			r.Fail(n, path, "want a list, got %s", Describe(n))
		} else {
			r.Fail(n, path, "want a list of %s, got %s", what, Describe(n))
		}
		return
	}
	for i, item := range n.Content {
		f(item, path+"["+strconv.Itoa(i)+"]")
	}
}

// Describe names a node's kind and value for messages.
func Describe(n *yaml.Node) string {
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

// Suggest returns ` (did you mean "x"?)` for a name close to s, or "".
func Suggest(s string, names []string) string {
	if m := propexpr.Suggest(s, names); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}
