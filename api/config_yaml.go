package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The YAML node reader of configuration files. It follows bench's
// workload reader (bench/yaml_reader.go): walk yaml.v3 nodes, collect every
// problem with its position, never stop at the first.

// maxConfigNodes bounds the nodes a file may expand to through aliases.
const maxConfigNodes = 100_000

// yamlReader walks a YAML node tree, collecting positioned errors.
type yamlReader struct {
	file   string
	errs   ConfigErrors
	visits int
}

func (r *yamlReader) failAt(line, col int, path, format string, args ...any) {
	r.errs = append(r.errs, &ConfigError{File: r.file, Line: line, Column: col, Path: path,
		Msg: fmt.Sprintf(format, args...), atLine: line, atCol: col})
}

func (r *yamlReader) fail(n *yaml.Node, path, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	r.failAt(line, col, path, format, args...)
}

var yamlLinePat = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document decodes the single YAML document of data, or records why it
// cannot. It returns nil for an empty file.
func (r *yamlReader) document(data []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			r.syntax(err, data)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		r.fail(&extra, "", "a configuration file holds one YAML document; this is a second one")
		return nil
	} else if !errors.Is(err, io.EOF) {
		r.syntax(err, data)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// syntax records a YAML syntax error. The YAML library gives only its
// line, so the column is that of the line's first non-blank character.
func (r *yamlReader) syntax(err error, data []byte) {
	msg := err.Error()
	line := 1
	if m := yamlLinePat.FindStringSubmatch(msg); m != nil {
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
	r.failAt(line, col, "", "invalid YAML: %s", msg)
}

// resolve follows aliases and counts the visit; it returns nil once the
// file has expanded to too many nodes.
func (r *yamlReader) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	r.visits++
	if r.visits == maxConfigNodes {
		r.fail(n, "", "the file expands to more than %d nodes (through aliases); it is too large to read", maxConfigNodes)
	}
	if r.visits >= maxConfigNodes || n == nil || n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// yamlField is a key a mapping may hold and how to read its value.
type yamlField struct {
	name string
	read func(v *yaml.Node, path string)
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isYAMLNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// mapping reads a mapping whose keys must be among fields and returns the
// resolved node (nil if it is not a mapping). A null node is an empty
// mapping.
func (r *yamlReader) mapping(n *yaml.Node, path, what string, fields ...yamlField) *yaml.Node {
	if n = r.resolve(n); n == nil || isYAMLNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.fail(n, path, "want %s (a mapping), got %s", what, describeNode(n))
		return nil
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	r.entries(n, path, func(k, v *yaml.Node, p string) {
		for _, f := range fields {
			if f.name == k.Value {
				f.read(v, p)
				return
			}
		}
		r.fail(k, p, "unknown field %q in %s%s (want one of %s)", k.Value, what, didYouMean(k.Value, names), strings.Join(names, ", "))
	})
	return n
}

// entries calls f for each key-value pair of a mapping with string keys,
// reporting duplicate keys, non-scalar keys and merge keys.
func (r *yamlReader) entries(n *yaml.Node, path string, f func(k, v *yaml.Node, p string)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := r.resolve(n.Content[i])
		if k == nil {
			return
		}
		if k.Kind != yaml.ScalarNode || isYAMLNull(k) {
			r.fail(k, path, "a key must be a plain value, got %s", describeNode(k))
			continue
		}
		p := joinKey(path, k.Value)
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

// list calls f for each item of a sequence (null is an empty list).
func (r *yamlReader) list(n *yaml.Node, path, what string, f func(item *yaml.Node, p string)) {
	if n = r.resolve(n); n == nil || isYAMLNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		r.fail(n, path, "want a list of %s, got %s", what, describeNode(n))
		return
	}
	for i, item := range n.Content {
		f(item, path+"["+strconv.Itoa(i)+"]")
	}
}

// describeNode names a node's kind and value for messages.
func describeNode(n *yaml.Node) string {
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
