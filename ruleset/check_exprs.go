package ruleset

import (
	"regexp"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// measurements reads the required measurements: a string or an array of
// strings, each a property expression. It returns their nodes (nil when
// there is nothing usable).
func (k *checker) measurements(r *Rule, f map[string]node, e node) []node {
	n, ok := k.required(f, e, "measurements")
	if !ok {
		return nil
	}
	nodes := []node{n}
	if n.r.IsArray() {
		nodes, _ = k.elements(n, "measurements")
		if len(nodes) == 0 {
			k.errorf(n, "measurements must hold at least one expression")
			return nil
		}
	}
	var good []node
	for _, m := range nodes {
		if x := k.expression(m); x != nil {
			r.Measurements = append(r.Measurements, x)
			good = append(good, m)
		}
	}
	if len(good) < len(nodes) {
		return nil
	}
	return good
}

// expression parses and checks a property expression held in a string.
func (k *checker) expression(n node) *Expression {
	s, ok := k.str(n)
	if !ok {
		return nil
	}
	ast, err := propexpr.Parse(s)
	if err == nil {
		var t propexpr.Type
		if t, err = propexpr.Check(ast, envOf(k.rs)); err == nil {
			if t.Kind == propexpr.KindTeam || t.Kind == propexpr.KindPlayer {
				k.errorf(n, "expression %q gives %s, not values: use count(...) or .attributes[...]", s, t)
				return nil
			}
			return &Expression{Text: s, AST: ast, Type: t}
		}
	}
	if pe, ok := err.(*propexpr.Error); ok {
		k.errorf(inString(n, pe.Offset), "invalid property expression %q: %s", s, pe.Msg)
	} else {
		k.errorf(n, "invalid property expression %q: %v", s, err)
	}
	return nil
}

// looksLikeExpression is the documented test for a string referenceValue:
// it is an expression when it reads teams or calls a function.
var exprStart = regexp.MustCompile(`^\s*\w+\s*\(`)

func looksLikeExpression(s string) bool {
	return strings.Contains(s, "teams[") || strings.Contains(s, "team[") || exprStart.MatchString(s)
}

// reference reads a referenceValue: a number, a string, a list of strings
// or a string holding a property expression.
func (k *checker) reference(n node) *Reference {
	switch {
	case n.r.Type == gjson.Number:
		return &Reference{Number: n.r.Num, IsNumber: true}
	case n.r.Type == gjson.String && looksLikeExpression(n.r.Str):
		if x := k.expression(n); x != nil {
			return &Reference{Expr: x}
		}
		return nil
	case n.r.Type == gjson.String:
		return &Reference{String: n.r.Str, IsString: true}
	case n.r.IsArray():
		elems, _ := k.elements(n, "referenceValue")
		ref := &Reference{IsList: true}
		for _, e := range elems {
			if s, ok := k.str(e); ok {
				ref.Strings = append(ref.Strings, s)
			}
		}
		return ref
	}
	k.errorf(n, "referenceValue must be a number, a string, a list of strings or a property expression, got %s", kindOf(n.r))
	return nil
}
