package placement

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The tokens of the SearchGameSessions filter and sort expressions.

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tString
	tNumber
	tOp
	tLParen
	tRParen
)

// token is a lexeme of a search expression. pos is its 1-based character
// position.
type token struct {
	kind tokKind
	text string // as written
	str  string // a string's value, unescaped
	num  float64
	pos  int
}

// String describes the token for error messages.
func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "the end of the expression"
	case tString, tNumber:
		return t.text
	}
	return fmt.Sprintf("%q", t.text)
}

// exprError is an InvalidRequestException about an expression.
func exprError(field string, pos int, format string, args ...any) error {
	return invalidf("%s at position %d: %s", field, pos, fmt.Sprintf(format, args...))
}

// lexSearch splits an expression into tokens.
func lexSearch(field, src string) ([]token, error) {
	var toks []token
	pos := 1 // character position of src[i]
	for i := 0; i < len(src); {
		c := src[i]
		start, startPos := i, pos
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')':
			kind := tLParen
			if c == ')' {
				kind = tRParen
			}
			i++
			toks = append(toks, token{kind: kind, text: src[start:i], pos: startPos})
		case c == '=' && i+1 < len(src) && src[i+1] == '=':
			return nil, exprError(field, startPos, "unexpected '==' (write = for equal)")
		case c == '=' || c == '<' || c == '>':
			i++
			if i < len(src) && (src[i] == '=' && c != '=' || src[i] == '>' && c == '<') {
				i++
			}
			toks = append(toks, token{kind: tOp, text: src[start:i], pos: startPos})
		case c == '!':
			return nil, exprError(field, startPos, "unexpected '!' (write <> for not equal, NOT for negation)")
		case c == '\'' || c == '"':
			var b strings.Builder
			i++
			for {
				if i >= len(src) {
					return nil, exprError(field, startPos, "unterminated string")
				}
				if src[i] == c {
					i++
					break
				}
				if src[i] == '\\' && i+1 < len(src) {
					i++
				}
				r, n := utf8.DecodeRuneInString(src[i:])
				b.WriteRune(r)
				i += n
			}
			toks = append(toks, token{kind: tString, text: src[start:i], str: b.String(), pos: startPos})
		case isDigit(c) || c == '-' && i+1 < len(src) && isDigit(src[i+1]):
			i++
			for i < len(src) && (isDigit(src[i]) || src[i] == '.') {
				i++
			}
			n, err := strconv.ParseFloat(src[start:i], 64)
			if err != nil {
				return nil, exprError(field, startPos, "%q is not a number", src[start:i])
			}
			toks = append(toks, token{kind: tNumber, text: src[start:i], num: n, pos: startPos})
		case isLetter(c):
			for i < len(src) && (isLetter(src[i]) || isDigit(src[i]) || src[i] == '.' || src[i] == '-') {
				i++
			}
			toks = append(toks, token{kind: tIdent, text: src[start:i], pos: startPos})
		default:
			r, _ := utf8.DecodeRuneInString(src[i:])
			return nil, exprError(field, startPos, "unexpected character %q", r)
		}
		pos += utf8.RuneCountInString(src[start:i])
	}
	return append(toks, token{kind: tEOF, pos: pos}), nil
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

// keywords are the words of the languages that are not operands.
var keywords = []string{"AND", "OR", "NOT", "true", "false", "ASC", "DESC"}

// isKeyword reports whether t is the keyword kw, in any case.
func isKeyword(t token, kw string) bool { return t.kind == tIdent && strings.EqualFold(t.text, kw) }
