package propexpr_test

import (
	"fmt"

	"github.com/flexsim/flexsim/ruleset/propexpr"
	"github.com/flexsim/flexsim/ticket"
)

// env is a rule set with teams red and blue and a number attribute skill.
type env struct{}

func (env) TeamCount(name string) int {
	if name == "red" || name == "blue" {
		return 1
	}
	return 0
}
func (env) TeamNames() []string { return []string{"red", "blue"} }
func (env) Attribute(name string) (ticket.AttributeType, bool) {
	return ticket.TypeNumber, name == "skill"
}
func (env) AttributeNames() []string { return []string{"skill"} }

func ExampleCheck() {
	for _, src := range []string{
		"avg(teams[*].players.attributes[skill])",
		"avg(flatten(teams[*].players.attributes[skill]))",
		"count(teams[red].players)",
		"avg(teams[green].players.attributes[skill])",
		"avgg(teams[red].players.attributes[skill])",
	} {
		e, err := propexpr.Parse(src)
		if err != nil {
			fmt.Println(err)
			continue
		}
		t, err := propexpr.Check(e, env{})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(e, "is", t)
	}
	// Output:
	// avg(teams[*].players.attributes[skill]) is List<number>
	// avg(flatten(teams[*].players.attributes[skill])) is number
	// count(teams[red].players) is number
	// offset 10: unknown team "green"
	// offset 0: unknown function "avgg" (want one of min, max, avg, median, sum, count, stddev, flatten, set_intersection) (did you mean "avg"?)
}
