package ruleset

import (
	"fmt"
	"strings"
)

// Statement is a compound rule's logic: a rule reference or an operator
// (and, or, not, xor) applied to statements.
type Statement struct {
	Op   string // "and", "or", "not", "xor", or "" for a rule reference
	Args []*Statement
	Name string // the referenced rule, when Op is ""
	At   int    // byte offset in the statement text
	Rule *Rule  // resolved reference
}

var statementArity = map[string]int{"and": 2, "or": 2, "xor": 2, "not": 1}

// parseStatement parses "or(and(A, B), not(C))". Rule names may hold any
// character but parentheses, commas and blanks.
func parseStatement(src string) (*Statement, *offsetError) {
	p := &stmtParser{src: src}
	s, err := p.statement()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(src) {
		return nil, &offsetError{p.i, fmt.Sprintf("unexpected %q after the statement", src[p.i:])}
	}
	return s, nil
}

type offsetError struct {
	off int
	msg string
}

type stmtParser struct {
	src string
	i   int
}

func (p *stmtParser) space() {
	for p.i < len(p.src) && strings.ContainsRune(" \t\r\n", rune(p.src[p.i])) {
		p.i++
	}
}

func (p *stmtParser) statement() (*Statement, *offsetError) {
	p.space()
	start := p.i
	for p.i < len(p.src) && !strings.ContainsRune("(), \t\r\n", rune(p.src[p.i])) {
		p.i++
	}
	word := p.src[start:p.i]
	if word == "" {
		if p.i >= len(p.src) {
			return nil, &offsetError{p.i, "expected a rule name or and/or/not/xor, found end of statement"}
		}
		return nil, &offsetError{p.i, fmt.Sprintf("expected a rule name or and/or/not/xor, found %q", p.src[p.i:p.i+1])}
	}
	p.space()
	if p.i >= len(p.src) || p.src[p.i] != '(' {
		return &Statement{Name: word, At: start}, nil
	}
	arity, ok := statementArity[word]
	if !ok {
		return nil, &offsetError{start, fmt.Sprintf("unknown operator %q (want and, or, not or xor)", word)}
	}
	p.i++
	s := &Statement{Op: word, At: start}
	for {
		arg, err := p.statement()
		if err != nil {
			return nil, err
		}
		s.Args = append(s.Args, arg)
		p.space()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] == ')' {
			p.i++
			break
		}
		return nil, &offsetError{p.i, "expected ',' or ')' in " + word + "(...)"}
	}
	if len(s.Args) != arity {
		return nil, &offsetError{start, fmt.Sprintf("%s takes %d argument(s), got %d", word, arity, len(s.Args))}
	}
	return s, nil
}

// refs calls fn for every rule reference in the statement.
func (s *Statement) refs(fn func(*Statement)) {
	if s.Op == "" {
		fn(s)
		return
	}
	for _, a := range s.Args {
		a.refs(fn)
	}
}

// String renders the statement in canonical form.
func (s *Statement) String() string {
	if s.Op == "" {
		return s.Name
	}
	args := make([]string, len(s.Args))
	for i, a := range s.Args {
		args[i] = a.String()
	}
	return s.Op + "(" + strings.Join(args, ", ") + ")"
}

// eval combines the referenced rules' outcomes with three-valued (Kleene)
// logic, so an Unknown operand stays Unknown unless the others decide. With
// the truth order Fail < Unknown < Pass, and is the minimum, or the
// maximum, and not the reverse; and/or stop early once decided.
func (s *Statement) eval(m *Match, l *Limits) Outcome {
	if s.Op == "" {
		return s.Rule.Evaluate(m, l)
	}
	a := truth(s.Args[0].eval(m, l))
	switch s.Op {
	case "not":
		return outcome(2 - a)
	case "and":
		if a == 0 {
			return Fail
		}
		return outcome(min(a, truth(s.Args[1].eval(m, l))))
	case "or":
		if a == 2 {
			return Pass
		}
		return outcome(max(a, truth(s.Args[1].eval(m, l))))
	}
	b := truth(s.Args[1].eval(m, l)) // xor
	if a == 1 || b == 1 {
		return Unknown
	}
	return outcome(2 * ((a + b) / 2 % 2))
}

// truth ranks an outcome: Fail 0, Unknown 1, Pass 2.
func truth(o Outcome) int { return [...]int{Pass: 2, Fail: 0, Unknown: 1}[o] }

// outcome is the inverse of truth.
func outcome(t int) Outcome { return [...]Outcome{Fail, Unknown, Pass}[t] }
