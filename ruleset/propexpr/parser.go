package propexpr

import (
	"fmt"
	"strconv"
	"strings"
)

// Functions lists the documented functions, the only ones that exist.
var Functions = []string{"min", "max", "avg", "median", "sum", "count", "stddev", "flatten", "set_intersection"}

// Error is a problem at a byte offset of the expression text.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

type parser struct {
	src string
	i   int
}

// Parse parses one property expression.
func Parse(src string) (Expr, error) {
	p := &parser{src: src}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.src) {
		return nil, p.errorf(p.i, "unexpected %q after the expression", p.rest())
	}
	return e, nil
}

func (p *parser) errorf(at int, format string, args ...any) *Error {
	return &Error{Offset: at, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) rest() string {
	r := p.src[p.i:]
	if len(r) > 20 {
		r = r[:20] + "…"
	}
	return r
}

func (p *parser) space() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t' || p.src[p.i] == '\n' || p.src[p.i] == '\r') {
		p.i++
	}
}

func (p *parser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

func (p *parser) expect(c byte) error {
	p.space()
	if p.peek() != c {
		if p.i >= len(p.src) {
			return p.errorf(p.i, "expected %q, found end of expression", c)
		}
		return p.errorf(p.i, "expected %q, found %q", c, p.rest())
	}
	p.i++
	return nil
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) ident() string {
	start := p.i
	for p.i < len(p.src) && isIdent(p.src[p.i]) {
		p.i++
	}
	return p.src[start:p.i]
}

func (p *parser) expr() (Expr, error) {
	p.space()
	start := p.i
	if p.i >= len(p.src) {
		return nil, p.errorf(p.i, "expected an expression, found end of expression")
	}
	c := p.peek()
	if c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9' {
		return p.number()
	}
	name := p.ident()
	if name == "" {
		return nil, p.errorf(start, "unexpected %q: want a function call, teams[...] or a number", p.rest())
	}
	p.space()
	if p.peek() == '(' {
		return p.call(name, start)
	}
	if name == "teams" || name == "team" {
		return p.path(name, start)
	}
	return nil, p.errorf(start, "unknown name %q: want a function call or teams[...]%s", name, suggest(name, []string{"teams"}))
}

func (p *parser) number() (Expr, error) {
	start := p.i
	for p.i < len(p.src) && strings.IndexByte("+-.0123456789eE", p.src[p.i]) >= 0 {
		p.i++
	}
	v, err := strconv.ParseFloat(p.src[start:p.i], 64)
	if err != nil {
		return nil, p.errorf(start, "invalid number %q", p.src[start:p.i])
	}
	return &Number{At: start, Value: v}, nil
}

func (p *parser) call(name string, start int) (Expr, error) {
	known := false
	for _, f := range Functions {
		known = known || f == name
	}
	if !known {
		return nil, p.errorf(start, "unknown function %q (want one of %s)%s", name, strings.Join(Functions, ", "), suggest(name, Functions))
	}
	p.i++ // (
	p.space()
	if p.peek() == ')' {
		return nil, p.errorf(p.i, "function %s takes one argument, got none", name)
	}
	arg, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.peek() == ',' {
		return nil, p.errorf(p.i, "function %s takes exactly one argument", name)
	}
	if err := p.expect(')'); err != nil {
		return nil, err
	}
	return &Call{At: start, Func: name, Arg: arg}, nil
}

// bracket reads "[...]" and returns the trimmed comma-separated items with
// their offsets.
func (p *parser) bracket(what string) ([]string, []int, error) {
	if err := p.expect('['); err != nil {
		return nil, nil, err
	}
	end := strings.IndexByte(p.src[p.i:], ']')
	if end < 0 {
		return nil, nil, p.errorf(p.i, "missing ']' after %s", what)
	}
	body := p.src[p.i : p.i+end]
	var items []string
	var offs []int
	off := p.i
	for _, part := range strings.Split(body, ",") {
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		name := strings.TrimSpace(part)
		if name == "" {
			return nil, nil, p.errorf(off, "empty %s in [...]", what)
		}
		items = append(items, name)
		offs = append(offs, off+lead)
		off += len(part) + 1
	}
	p.i += end + 1
	return items, offs, nil
}

func (p *parser) path(keyword string, start int) (Expr, error) {
	path := &Path{At: start, Keyword: keyword}
	names, offs, err := p.bracket("team name")
	if err != nil {
		return nil, err
	}
	if len(names) == 1 && names[0] == "*" {
		path.All = true
	} else {
		for i, n := range names {
			if n == "*" {
				return nil, p.errorf(offs[i], "'*' must stand alone in teams[...]")
			}
		}
		path.Teams, path.TeamsAt = names, offs
	}
	save := p.i
	p.space()
	if p.peek() != '.' {
		p.i = save
		return path, nil
	}
	p.i++
	p.space()
	at := p.i
	if member := p.ident(); member != "players" {
		return nil, p.errorf(at, "teams[...] has no member %q (want players)%s", member, suggest(member, []string{"players"}))
	}
	path.Players = true
	p.space()
	if p.peek() == '[' {
		at := p.i
		items, _, err := p.bracket("player member")
		if err != nil {
			return nil, err
		}
		if len(items) != 1 || items[0] != "playerId" {
			return nil, p.errorf(at, "players[...] only takes playerId")
		}
		path.PlayerID = true
		return path, nil
	}
	save = p.i
	p.space()
	if p.peek() != '.' {
		p.i = save
		return path, nil
	}
	p.i++
	at = p.i
	switch member := p.ident(); member {
	case "playerId":
		path.PlayerID = true
		return path, nil
	case "attributes":
	default:
		return nil, p.errorf(at, "players has no member %q (want attributes or playerId)%s", member, suggest(member, []string{"attributes", "playerId"}))
	}
	names, offs, err = p.bracket("attribute name")
	if err != nil {
		return nil, err
	}
	if len(names) != 1 {
		return nil, p.errorf(offs[1], "attributes[...] takes one attribute name")
	}
	path.Attribute, path.AttributeAt = names[0], offs[0]
	p.space()
	if p.peek() == '[' {
		keys, _, err := p.bracket("map key")
		if err != nil {
			return nil, err
		}
		path.MapKey, path.HasMapKey = strings.Join(keys, ","), true
	}
	return path, nil
}
