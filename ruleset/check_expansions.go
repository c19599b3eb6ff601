package ruleset

import (
	"regexp"
	"strings"
	"time"
)

// expandable lists the properties an expansion may target, by rule type.
var expandable = map[RuleType][]string{
	BatchDistance: {PropMaxDistance},
	Comparison:    {PropReferenceValue},
	Distance:      {PropMinDistance, PropMaxDistance, PropReferenceValue},
	Collection:    {PropMinCount, PropMaxCount},
	Latency:       {PropMaxLatency, PropMaxDistance},
}

// largeExpandable is the large-match subset.
var largeExpandable = map[RuleType][]string{
	BatchDistance: {PropMaxDistance},
	Latency:       {PropMaxLatency},
}

var teamExpandable = []string{PropMinPlayers, PropMaxPlayers}

var targetSyntax = regexp.MustCompile(`^(rules|teams)\[([^\]]*)\]\.(.*)$`)

func (k *checker) expansions(n node) {
	if n.r.Raw == "" {
		return
	}
	elems, ok := k.elements(n, "expansions")
	if !ok {
		return
	}
	seen := map[string]string{}
	for _, e := range elems {
		f := k.fields(e, "an expansion", []string{"target", "steps", "description"})
		if f == nil {
			continue
		}
		x := &Expansion{at: e}
		tn, hasTarget := k.required(f, e, "target")
		if hasTarget {
			hasTarget = k.target(x, tn)
		}
		if sn, ok := k.required(f, e, "steps"); ok {
			k.steps(x, sn)
		}
		if !hasTarget {
			continue
		}
		var key string
		if x.Rule != nil {
			key = "rule:" + x.Rule.Name + "." + x.Property
		} else {
			key = "team:" + x.TeamDef.Name + "." + x.Property
		}
		if prev, dup := seen[key]; dup {
			k.errorf(tn, "%s is already expanded by %s", x.Target, prev)
			continue
		}
		seen[key] = e.path
		k.rs.Expansions = append(k.rs.Expansions, x)
	}
	k.checkExpandedTeams()
}

// target parses rules[R].prop or teams[T].prop and binds it.
func (k *checker) target(x *Expansion, n node) bool {
	s, ok := k.str(n)
	if !ok {
		return false
	}
	x.Target = s
	m := targetSyntax.FindStringSubmatchIndex(s)
	if m == nil {
		k.errorf(n, "invalid expansion target %q (want rules[<rule>].<property> or teams[<team>].minPlayers|maxPlayers)", s)
		return false
	}
	kind, name, prop := s[m[2]:m[3]], strings.TrimSpace(s[m[4]:m[5]]), s[m[6]:m[7]]
	nameAt, propAt := inString(n, m[4]), inString(n, m[6])
	x.Property = prop
	if kind == "teams" {
		d := k.rs.teams[name]
		if d == nil {
			k.errorf(nameAt, "expansion target names team %q, which does not exist%s", name, didYouMean(name, envOf(k.rs).TeamNames()))
			return false
		}
		if !contains(teamExpandable, prop) {
			k.errorf(propAt, "team %q has no expandable property %q (want minPlayers or maxPlayers)%s", name, prop, didYouMean(prop, teamExpandable))
			return false
		}
		x.TeamDef = d
		return true
	}
	r := k.rs.rules[name]
	if r == nil {
		var names []string
		for _, x := range k.rs.Rules {
			names = append(names, x.Name)
		}
		k.errorf(nameAt, "expansion target names rule %q, which does not exist%s", name, didYouMean(name, names))
		return false
	}
	x.Rule = r
	table := expandable
	if k.rs.Large {
		table = largeExpandable
	}
	props, ok := table[r.Type]
	switch {
	case r.Type == Compound:
		k.errorf(nameAt, "compound rule %q cannot be an expansion target (expand the rules it refers to)", name)
		return false
	case !ok:
		k.errorf(nameAt, "%s rule %q has no expandable property", r.Type, name)
		return false
	case !contains(props, prop):
		hint := "" // a property another rule type can expand is no typo
		if !contains(allExpandable(), prop) {
			hint = didYouMean(prop, allExpandable())
		}
		k.errorf(propAt, "rule %q has no property %q%s; a %s rule can expand %s", name, prop, hint, r.Type, strings.Join(props, ", "))
		return false
	case prop == PropReferenceValue && (r.Reference == nil || !r.Reference.IsNumber):
		k.errorf(propAt, "only a numeric literal referenceValue can be expanded, and rule %q has none", name)
		return false
	}
	return true
}

func (k *checker) steps(x *Expansion, n node) {
	elems, ok := k.elements(n, "steps")
	if !ok {
		return
	}
	if len(elems) == 0 {
		k.errorf(n, "an expansion needs at least one step")
		return
	}
	last := -1.0
	for _, e := range elems {
		f := k.fields(e, "an expansion step", []string{"waitTimeSeconds", "value"})
		if f == nil {
			continue
		}
		st := Step{at: e}
		wn, okWait := k.required(f, e, "waitTimeSeconds")
		if okWait {
			var w float64
			if w, okWait = k.nonNegative(wn); okWait {
				if w <= last {
					k.errorf(wn, "waitTimeSeconds must increase from step to step (%v follows %v); wait times are absolute, not cumulative", w, last)
				}
				last = w
				st.WaitTime = time.Duration(w * float64(time.Second))
			}
		}
		vn, okValue := k.required(f, e, "value")
		if okValue {
			st.Value, okValue = k.stepValue(x, vn)
		}
		if okWait && okValue {
			x.Steps = append(x.Steps, st)
		}
	}
}

// stepValue reads a step's value and checks it fits the target property.
func (k *checker) stepValue(x *Expansion, n node) (float64, bool) {
	if x.TeamDef != nil {
		lo := 0
		if x.Property == PropMaxPlayers {
			lo = 1
		}
		v, ok := k.integer(n, lo, MaxMatchPlayers)
		return float64(v), ok
	}
	if x.Property == PropReferenceValue {
		return k.number(n)
	}
	return k.nonNegative(n)
}

// checkExpandedTeams verifies that team sizes stay within the match limits
// at every stage of the expansions. A problem is reported at the step value
// that causes it.
func (k *checker) checkExpandedTeams() {
	rs := k.rs
	for _, x := range rs.Expansions {
		if x.TeamDef == nil || x.Property != PropMaxPlayers {
			continue
		}
		for _, st := range x.Steps {
			n := child(st.at, "value", lastMember(st.at.r, "value"), st.at.off-st.at.r.Index)
			total := rs.MaxPlayers + (int(st.Value)-x.TeamDef.MaxPlayers)*x.TeamDef.Quantity
			if total > MaxMatchPlayers {
				k.errorf(n, "expanding %s to %v makes the match hold %d players; a match holds at most %d", x.Target, st.Value, total, MaxMatchPlayers)
			}
			if (total > MaxSmallMatch) != rs.Large {
				k.errorf(n, "expanding %s to %v changes the match between small and large (%d players)", x.Target, st.Value, total)
			}
		}
	}
}

// allExpandable lists every rule property some rule type can expand.
func allExpandable() []string { return propertyUnion(expandable) }
