package yamlpos

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a YAML file, at the line and column of the
// offending key or value.
type Error struct {
	File   string
	Line   int
	Column int
	// Path is the field as dotted keys (players.attributes.skill.mean), or
	// "" for the document as a whole.
	Path string
	Msg  string
}

// Error renders the problem as file:line:col: path: message.
func (e *Error) Error() string {
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

// Errors is every problem found in a YAML file. Its Error lists them all,
// one a line.
type Errors []*Error

// Error renders the problems one a line.
func (l Errors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the list by line and column (stable for equal positions).
func (l Errors) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
