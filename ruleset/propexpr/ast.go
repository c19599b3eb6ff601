package propexpr

import (
	"strconv"
	"strings"
)

// Expr is a node of a parsed property expression.
type Expr interface {
	// Pos is the byte offset of the node in the expression text.
	Pos() int
	// String renders the node in canonical form.
	String() string
}

// Call is a function applied to its single argument.
type Call struct {
	At   int
	Func string
	Arg  Expr
}

// Path selects teams, their players, and an attribute or the player IDs.
type Path struct {
	At      int
	Keyword string   // "teams" or "team" as written
	All     bool     // teams[*]
	Teams   []string // the named teams, when not All
	TeamsAt []int    // offset of each name in Teams

	Players     bool   // .players
	Attribute   string // .attributes[name], "" if absent
	AttributeAt int
	MapKey      string // .attributes[name][key]
	HasMapKey   bool
	PlayerID    bool // .players[playerId] or .players.playerId
}

// Number is a number literal.
type Number struct {
	At    int
	Value float64
}

func (c *Call) Pos() int   { return c.At }
func (p *Path) Pos() int   { return p.At }
func (n *Number) Pos() int { return n.At }

func (c *Call) String() string { return c.Func + "(" + c.Arg.String() + ")" }

func (p *Path) String() string {
	var b strings.Builder
	b.WriteString("teams[")
	if p.All {
		b.WriteString("*")
	} else {
		b.WriteString(strings.Join(p.Teams, ","))
	}
	b.WriteString("]")
	if p.Players {
		b.WriteString(".players")
	}
	if p.PlayerID {
		b.WriteString("[playerId]")
	}
	if p.Attribute != "" {
		b.WriteString(".attributes[" + p.Attribute + "]")
		if p.HasMapKey {
			b.WriteString("[" + p.MapKey + "]")
		}
	}
	return b.String()
}

func (n *Number) String() string { return strconv.FormatFloat(n.Value, 'g', -1, 64) }

// Walk calls fn for e and every node below it, parents first.
func Walk(e Expr, fn func(Expr)) {
	fn(e)
	if c, ok := e.(*Call); ok {
		Walk(c.Arg, fn)
	}
}
