package propexpr

import (
	"fmt"
	"strings"

	"github.com/flexsim/flexsim/ticket"
)

// Kind is the element kind of an expression's value.
type Kind uint8

// The element kinds. StringList is a player's string-list attribute (or a
// set_intersection result): one value that is itself a list of strings.
const (
	KindNumber Kind = iota
	KindString
	KindStringList
	KindStringNumberMap
	KindTeam
	KindPlayer
)

var kindNames = [...]string{"number", "string", "string_list", "string_number_map", "team", "player"}

func (k Kind) String() string { return kindNames[k] }

// Type is an expression's static type: Depth levels of list around values
// of one Kind. avg(teams[*].players.attributes[skill]) is {KindNumber, 1}.
type Type struct {
	Kind  Kind
	Depth int
}

func (t Type) String() string {
	s := t.Kind.String()
	for range t.Depth {
		s = "List<" + s + ">"
	}
	return s
}

// Env describes the rule set an expression is checked against.
type Env interface {
	// TeamCount returns how many generated teams a team definition name
	// stands for (its quantity), or 0 if there is no such team.
	TeamCount(name string) int
	// TeamNames lists the team definition names, for suggestions.
	TeamNames() []string
	// Attribute returns the declared type of a player attribute.
	Attribute(name string) (ticket.AttributeType, bool)
	// AttributeNames lists the declared attributes, for suggestions.
	AttributeNames() []string
}

// Check computes the type of e and reports the first problem: an unknown
// team or attribute, or a function applied to a value it cannot take.
func Check(e Expr, env Env) (Type, error) {
	switch e := e.(type) {
	case *Number:
		return Type{Kind: KindNumber}, nil
	case *Path:
		return checkPath(e, env)
	case *Call:
		arg, err := Check(e.Arg, env)
		if err != nil {
			return Type{}, err
		}
		return checkCall(e, arg)
	}
	return Type{}, &Error{Offset: e.Pos(), Msg: "unknown expression"}
}

func checkPath(p *Path, env Env) (Type, error) {
	depth := 1
	if !p.All {
		total := 0
		for i, name := range p.Teams {
			n := env.TeamCount(name)
			if n == 0 {
				return Type{}, &Error{Offset: p.TeamsAt[i], Msg: fmt.Sprintf("unknown team %q%s", name, suggest(name, env.TeamNames()))}
			}
			total += n
		}
		if len(p.Teams) == 1 && total == 1 {
			depth = 0
		}
	}
	t := Type{Kind: KindTeam, Depth: depth}
	if !p.Players {
		return t, nil
	}
	t = Type{Kind: KindPlayer, Depth: depth + 1}
	if p.PlayerID {
		return Type{Kind: KindString, Depth: t.Depth}, nil
	}
	if p.Attribute == "" {
		return t, nil
	}
	at, ok := env.Attribute(p.Attribute)
	if !ok {
		return Type{}, &Error{Offset: p.AttributeAt, Msg: fmt.Sprintf("attribute %q is not declared in playerAttributes%s", p.Attribute, suggest(p.Attribute, env.AttributeNames()))}
	}
	kind := map[ticket.AttributeType]Kind{
		ticket.TypeString: KindString, ticket.TypeNumber: KindNumber,
		ticket.TypeStringList: KindStringList, ticket.TypeStringNumberMap: KindStringNumberMap,
	}[at]
	if p.HasMapKey {
		if kind != KindStringNumberMap {
			return Type{}, &Error{Offset: p.AttributeAt, Msg: fmt.Sprintf("attribute %q is a %s, only a string_number_map takes a [key]", p.Attribute, at)}
		}
		kind = KindNumber
	}
	return Type{Kind: kind, Depth: t.Depth}, nil
}

func checkCall(c *Call, arg Type) (Type, error) {
	bad := func(want string) (Type, error) {
		return Type{}, &Error{Offset: c.At, Msg: fmt.Sprintf("%s needs %s, got %s", c.Func, want, arg)}
	}
	switch c.Func {
	case "min", "max", "avg", "median", "sum", "stddev":
		if arg.Kind != KindNumber || arg.Depth < 1 {
			return bad("a list of numbers")
		}
		return Type{Kind: KindNumber, Depth: arg.Depth - 1}, nil
	case "count":
		if arg.Depth < 1 {
			if arg.Kind == KindStringList {
				return Type{Kind: KindNumber}, nil
			}
			return bad("a list")
		}
		return Type{Kind: KindNumber, Depth: arg.Depth - 1}, nil
	case "flatten":
		switch {
		case arg.Depth >= 2:
			return Type{Kind: arg.Kind, Depth: arg.Depth - 1}, nil
		case arg.Depth == 1 && arg.Kind == KindStringList:
			return Type{Kind: KindString, Depth: 1}, nil
		}
		return bad("a list of lists")
	case "set_intersection":
		switch {
		case arg.Kind == KindStringList && arg.Depth >= 1:
			return Type{Kind: KindStringList, Depth: arg.Depth - 1}, nil
		case arg.Kind == KindString && arg.Depth >= 2:
			return Type{Kind: KindStringList, Depth: arg.Depth - 2}, nil
		}
		return bad("a list of string lists")
	}
	return Type{}, &Error{Offset: c.At, Msg: fmt.Sprintf("unknown function %q (want one of %s)", c.Func, strings.Join(Functions, ", "))}
}
