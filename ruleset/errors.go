package ruleset

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a finding makes a rule set invalid.
type Severity uint8

const (
	// SeverityError marks a problem FlexMatch would reject.
	SeverityError Severity = iota
	// SeverityWarning marks something FlexMatch accepts but that is almost
	// certainly a mistake.
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// MarshalText spells the severity "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Position is a place in a rule-set body. Line and Column are 1-based;
// Column counts characters, not bytes. Offset is the byte offset.
type Position struct {
	Filename string
	Offset   int
	Line     int
	Column   int
}

// IsValid reports whether the position carries a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String renders the position as file:line:column, leaving out what is
// unknown, like go/token.Position.
func (p Position) String() string {
	s := p.Filename
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Error is one finding about a rule set: where it is, the JSON pointer of
// the element it concerns, and what is wrong.
type Error struct {
	Pos      Position
	Path     string // JSON pointer, such as /rules/2/operation; "" for the whole body
	Msg      string
	Severity Severity
}

// Error renders the finding as "file:line:col: /path: message", with
// "warning: " before the message of a warning.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is a list of findings, in the manner of go/scanner.ErrorList.
// The zero value is an empty list ready to use.
type ErrorList []*Error

// Len, Swap and Less make an ErrorList sortable by position, then path.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.Pos.Filename != b.Pos.Filename {
		return a.Pos.Filename < b.Pos.Filename
	}
	if a.Pos.Offset != b.Pos.Offset {
		return a.Pos.Offset < b.Pos.Offset
	}
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Msg < b.Msg
}

// Sort orders the list by position.
func (l ErrorList) Sort() { sort.Stable(l) }

// Errors returns only the findings of error severity.
func (l ErrorList) Errors() ErrorList { return l.filter(SeverityError) }

// Warnings returns only the warnings.
func (l ErrorList) Warnings() ErrorList { return l.filter(SeverityWarning) }

func (l ErrorList) filter(s Severity) ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == s {
			out = append(out, e)
		}
	}
	return out
}

// Strict returns a copy of the list in which every warning is an error.
func (l ErrorList) Strict() ErrorList {
	out := make(ErrorList, len(l))
	for i, e := range l {
		c := *e
		c.Severity = SeverityError
		out[i] = &c
	}
	return out
}

// Error describes the first error and how many more there are.
func (l ErrorList) Error() string {
	errs := l.Errors()
	switch len(errs) {
	case 0:
		return "no errors"
	case 1:
		return errs[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0], len(errs)-1)
}

// Err returns the list as an error if it holds any finding of error
// severity, and nil otherwise.
func (l ErrorList) Err() error {
	if len(l.Errors()) == 0 {
		return nil
	}
	return l
}
