package placement

import (
	"fmt"
	"slices"
	"strings"
)

// The SearchGameSessions filter and sort languages, read here and compiled
// (search.go) into expr-lang programs. The program text is generated from
// the parsed expression alone: operand names come from a fixed table and
// every value the user wrote (strings, numbers, booleans, property keys)
// reaches the program as an element of the environment's constant lists,
// never as program text.

// maxExpression is the most characters a filter or sort expression holds.
const maxExpression = 1024

// valueKind is the type an operand compares as.
type valueKind int

const (
	kindString valueKind = iota
	kindNumber
	kindBool
)

// operandDef is a search operand: its kind and its name in the expr
// environment.
type operandDef struct {
	kind valueKind
	env  string
}

// propertyOperand is the operand prefix of game properties:
// gameSessionProperties.<key>.
const propertyOperand = "gameSessionProperties"

var searchOperands = map[string]operandDef{
	"gameSessionId":              {kindString, "gameSessionId"},
	"gameSessionName":            {kindString, "gameSessionName"},
	"maximumSessions":            {kindNumber, "maximumSessions"},
	"creationTimeMillis":         {kindNumber, "creationTimeMillis"},
	"playerSessionCount":         {kindNumber, "playerSessionCount"},
	"hasAvailablePlayerSessions": {kindBool, "hasAvailablePlayerSessions"},
}

const operandList = "gameSessionId, gameSessionName, gameSessionProperties.<key>, maximumSessions, " +
	"creationTimeMillis, playerSessionCount, hasAvailablePlayerSessions"

// searchConsts are the values of a filter, which its program reads from
// the environment by index.
type searchConsts struct {
	S []string
	N []float64
	B []bool
}

// filterParser turns a filter expression into expr program text.
type filterParser struct {
	toks   []token
	i      int
	consts searchConsts
	props  bool // the filter reads game properties
}

func (p *filterParser) peek() token { return p.toks[p.i] }
func (p *filterParser) next() token { t := p.toks[p.i]; p.i++; return t }

// parseFilter parses a filter expression into expr program text and its
// constants. Precedence, loosest first: OR, AND, NOT, parentheses,
// comparisons.
func parseFilter(src string) (code string, p *filterParser, err error) {
	toks, err := lexSearch("FilterExpression", src)
	if err != nil {
		return "", nil, err
	}
	p = &filterParser{toks: toks}
	code, err = p.or()
	if err != nil {
		return "", nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return "", nil, exprError("FilterExpression", t.pos, "unmatched )")
		}
		return "", nil, exprError("FilterExpression", t.pos, "expected AND, OR or the end, got %s", t)
	}
	return code, p, nil
}

func (p *filterParser) or() (string, error) {
	return p.binary("OR", "||", p.and)
}

func (p *filterParser) and() (string, error) {
	return p.binary("AND", "&&", p.not)
}

func (p *filterParser) binary(kw, op string, operand func() (string, error)) (string, error) {
	left, err := operand()
	if err != nil {
		return "", err
	}
	for isKeyword(p.peek(), kw) {
		p.next()
		right, err := operand()
		if err != nil {
			return "", err
		}
		left = "(" + left + " " + op + " " + right + ")"
	}
	return left, nil
}

func (p *filterParser) not() (string, error) {
	if isKeyword(p.peek(), "NOT") {
		p.next()
		x, err := p.not()
		if err != nil {
			return "", err
		}
		return "(!" + x + ")", nil
	}
	if t := p.peek(); t.kind == tLParen {
		p.next()
		x, err := p.or()
		if err != nil {
			return "", err
		}
		if c := p.next(); c.kind != tRParen {
			return "", exprError("FilterExpression", c.pos, "expected ) to close the ( at position %d, got %s", t.pos, c)
		}
		return x, nil
	}
	return p.condition()
}

// condition parses `operand comparator value`.
func (p *filterParser) condition() (string, error) {
	t := p.next()
	name, def, key, err := operandOf("FilterExpression", t)
	if err != nil {
		return "", err
	}
	op := p.next()
	if op.kind != tOp {
		return "", exprError("FilterExpression", op.pos, "expected a comparator (=, <>, <, >, <=, >=) after %s, got %s", name, op)
	}
	v := p.next()
	goOp := map[string]string{"=": "==", "<>": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}[op.text]
	if def.kind != kindNumber && op.text != "=" && op.text != "<>" {
		return "", exprError("FilterExpression", op.pos, "%s can only be compared with = or <>", name)
	}
	switch def.kind {
	case kindString:
		if v.kind != tString {
			return "", exprError("FilterExpression", v.pos, "%s compares with a string in quotes, as in %s = 'value', got %s", name, name, v)
		}
		s := p.str(v.str)
		if key != "" {
			p.props = true
			return fmt.Sprintf("(props[%s] %s %s)", p.str(key), goOp, s), nil
		}
		return fmt.Sprintf("(%s %s %s)", def.env, goOp, s), nil
	case kindNumber:
		if v.kind != tNumber {
			return "", exprError("FilterExpression", v.pos, "%s compares with a number, got %s", name, v)
		}
		p.consts.N = append(p.consts.N, v.num)
		return fmt.Sprintf("(%s %s N[%d])", def.env, goOp, len(p.consts.N)-1), nil
	default:
		if !isKeyword(v, "true") && !isKeyword(v, "false") {
			return "", exprError("FilterExpression", v.pos, "%s compares with true or false, got %s", name, v)
		}
		p.consts.B = append(p.consts.B, isKeyword(v, "true"))
		return fmt.Sprintf("(%s %s B[%d])", def.env, goOp, len(p.consts.B)-1), nil
	}
}

// str adds a string constant and returns its reference.
func (p *filterParser) str(s string) string {
	p.consts.S = append(p.consts.S, s)
	return fmt.Sprintf("S[%d]", len(p.consts.S)-1)
}

// operandOf reads an operand token: its name, definition and, for a game
// property, its key.
func operandOf(field string, t token) (name string, def operandDef, key string, err error) {
	if t.kind != tIdent || slices.ContainsFunc(keywords, func(kw string) bool { return isKeyword(t, kw) }) {
		return "", def, "", exprError(field, t.pos, "expected an operand (%s), got %s", operandList, t)
	}
	if d, ok := searchOperands[t.text]; ok {
		return t.text, d, "", nil
	}
	if k, ok := strings.CutPrefix(t.text, propertyOperand+"."); ok && k != "" {
		return t.text, operandDef{kind: kindString}, k, nil
	}
	if t.text == propertyOperand || t.text == propertyOperand+"." {
		return "", def, "", exprError(field, t.pos, "%s needs a key, as in %s.gameMode", propertyOperand, propertyOperand)
	}
	for known := range searchOperands {
		if strings.EqualFold(known, t.text) {
			return "", def, "", exprError(field, t.pos, "unknown operand %q (operand names are case-sensitive: did you mean %s?)", t.text, known)
		}
	}
	if strings.HasPrefix(strings.ToLower(t.text), strings.ToLower(propertyOperand)) {
		return "", def, "", exprError(field, t.pos, "unknown operand %q (did you mean %s.<key>?)", t.text, propertyOperand)
	}
	return "", def, "", exprError(field, t.pos, "unknown operand %q; use one of %s", t.text, operandList)
}

// searchSort is a parsed sort expression.
type searchSort struct {
	def  operandDef
	env  string // the operand's environment name; "" for a property
	key  string // the game property's key
	desc bool
}

// parseSort parses `operand [ASC|DESC]` (ASC when the order is left out).
func parseSort(src string) (*searchSort, error) {
	const field = "SortExpression"
	if err := checkLen(field, src, 1, maxExpression); err != nil {
		return nil, err
	}
	toks, err := lexSearch(field, src)
	if err != nil {
		return nil, err
	}
	_, def, key, err := operandOf(field, toks[0])
	if err != nil {
		return nil, err
	}
	srt := &searchSort{def: def, env: def.env, key: key}
	i := 1
	switch t := toks[i]; {
	case isKeyword(t, "ASC"):
		i++
	case isKeyword(t, "DESC"):
		srt.desc = true
		i++
	case t.kind != tEOF:
		return nil, exprError(field, t.pos, "expected ASC or DESC, got %s", t)
	}
	if t := toks[i]; t.kind != tEOF {
		return nil, exprError(field, t.pos, "expected the end after the sort order, got %s", t)
	}
	return srt, nil
}
