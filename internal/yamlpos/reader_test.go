package yamlpos_test

import (
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/internal/yamlpos"
)

// read reads data's document with f and returns the problems, one a line.
func read(t *testing.T, data string, opts yamlpos.Options, f func(r *yamlpos.Reader, n *yaml.Node)) string {
	t.Helper()
	var errs yamlpos.Errors
	r := yamlpos.NewReader("f.yaml", func(e *yamlpos.Error) { errs = append(errs, e) }, opts)
	if n := r.Document([]byte(data), "a test file"); n != nil {
		f(r, n)
	}
	errs.Sort()
	return errs.Error()
}

// TestReaderProblems checks the messages and positions of the shared
// readers, including the details Options switches.
func TestReaderProblems(t *testing.T) {
	mapping := func(r *yamlpos.Reader, n *yaml.Node) {
		r.Mapping(n, "", "a test",
			yamlpos.Field{Name: "count", Read: func(v *yaml.Node, p string) { r.Integer(v, p, 1, 10) }},
			yamlpos.Field{Name: "wait", Read: func(v *yaml.Node, p string) { r.Seconds(v, p, 0, time.Hour) }},
			yamlpos.Field{Name: "tags", Read: func(v *yaml.Node, p string) { r.Strings(v, p, "", 5) }},
			yamlpos.Field{Name: "mode", Read: func(v *yaml.Node, p string) { r.OneOf(v, p, "FAST", "SLOW") }},
		)
	}
	for _, tc := range []struct {
		name, in string
		opts     yamlpos.Options
		want     string
	}{
		{"unknown field", "count: 2\ncuont: 3\n", yamlpos.Options{}, `f.yaml:2:1: cuont: unknown field "cuont" in a test (did you mean "count"?) (want one of count, wait, tags, mode)`},
		{"duplicate key", "count: 2\ncount: 3\n", yamlpos.Options{}, `f.yaml:2:1: count: duplicate key "count"`},
		{"out of range", "count: 11\n", yamlpos.Options{}, "f.yaml:1:8: count: must be between 1 and 10, got 11"},
		{"choice", "mode: FST\n", yamlpos.Options{}, `f.yaml:1:7: mode: unknown value "FST" (did you mean "FAST"?) (want one of FAST, SLOW)`},
		{"second document", "count: 1\n---\ncount: 2\n", yamlpos.Options{}, "f.yaml:2:1: a test file holds one YAML document; this is a second one"},
		{"syntax", "count: 1\n  - x: [\n", yamlpos.Options{}, "f.yaml:2:3: invalid YAML: mapping values are not allowed in this context"},
		{"null list is an error", "tags:\n", yamlpos.Options{}, "f.yaml:1:6: tags: want a list, got nothing (null)"},
		{"null list is empty", "tags:\n", yamlpos.Options{NullListIsEmpty: true}, ""},
		{"listed twice, once each", "tags: [a, a, a]\n", yamlpos.Options{}, "f.yaml:1:11: tags[1]: \"a\" is listed twice\nf.yaml:1:14: tags[2]: \"a\" is listed twice"},
		{"rounded seconds", "wait: 0.9999999999\n", yamlpos.Options{}, ""},
		{"truncated seconds", "wait: 0.9999999999\n", yamlpos.Options{TruncateSeconds: true}, "f.yaml:1:7: wait: must be a whole number of seconds, got 999.999999ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := read(t, tc.in, tc.opts, mapping)
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestAliasBomb checks that a file expanding through aliases to too many
// nodes is refused, not read.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, k := range []string{"b", "c", "d", "e", "f"} {
		b.WriteString(k + ": &" + k + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n")
		prev = k
	}
	var visit func(r *yamlpos.Reader, n *yaml.Node)
	visit = func(r *yamlpos.Reader, n *yaml.Node) {
		if n = r.Resolve(n); n != nil {
			for _, c := range n.Content {
				visit(r, c)
			}
		}
	}
	got := read(t, b.String(), yamlpos.Options{}, visit)
	if want := "the file expands to more than 100000 nodes"; !strings.Contains(got, want) {
		t.Errorf("got %q, want it to contain %q", got, want)
	}
}
