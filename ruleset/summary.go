package ruleset

import (
	"fmt"
	"strings"
)

// Summary describes the rule set in one line: match size, teams with their
// sizes, rule counts by type and expansion steps.
func (rs *RuleSet) Summary() string {
	var b strings.Builder
	size := "small"
	if rs.Large {
		size = "large"
	}
	fmt.Fprintf(&b, "%s match of up to %d player%s; teams:", size, rs.MaxPlayers, plural(rs.MaxPlayers))
	for _, d := range rs.TeamDefs {
		fmt.Fprintf(&b, " %s %d-%d", d.Name, d.MinPlayers, d.MaxPlayers)
		if d.Quantity > 1 {
			fmt.Fprintf(&b, " ×%d", d.Quantity)
		}
	}
	b.WriteString("; rules:")
	if len(rs.Rules) == 0 {
		b.WriteString(" none")
	}
	count := map[RuleType]int{}
	for _, r := range rs.Rules {
		count[r.Type]++
	}
	sep := " "
	for _, t := range RuleTypes {
		if count[t] > 0 {
			fmt.Fprintf(&b, "%s%d %s", sep, count[t], t)
			sep = ", "
		}
	}
	steps := 0
	for _, x := range rs.Expansions {
		steps += len(x.Steps)
	}
	if steps == 0 {
		b.WriteString("; no expansions")
		return b.String()
	}
	fmt.Fprintf(&b, "; expansions: %d step%s", steps, plural(steps))
	{
		var targets []string
		for _, x := range rs.Expansions {
			targets = append(targets, x.Target)
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(targets, ", "))
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
