package ruleset

import (
	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// lint adds warnings for what FlexMatch accepts but is almost certainly a
// mistake. It runs on a rule set without errors.
func (k *checker) lint() {
	k.lintTeams()
	k.lintExpansionSteps()
	k.lintMissingDefaults()
	k.lintUnfillable()
}

// lintTeams flags teams that can never fill at some stage: minPlayers above
// maxPlayers after expansions, or a comparison rule on the team's count
// that no size between minPlayers and maxPlayers satisfies.
func (k *checker) lintTeams() {
	rs := k.rs
	for _, x := range rs.Expansions {
		if x.TeamDef == nil {
			continue
		}
		for _, st := range rs.stages {
			t := st.limits.Teams[x.TeamDef.Teams[0]]
			if t.MinPlayers > t.MaxPlayers {
				k.warnf(x.at, "team %q can never fill from %v on: minPlayers %d is above maxPlayers %d", x.TeamDef.Name, st.from, t.MinPlayers, t.MaxPlayers)
				break
			}
		}
	}
	loosest := rs.stages[len(rs.stages)-1].limits
	for _, r := range rs.Rules {
		if r.Type != Comparison || r.Reference == nil || !r.Reference.IsNumber {
			continue
		}
		for _, m := range r.Measurements {
			team := countedTeam(rs, m)
			if team == nil {
				continue
			}
			lim := loosest.Teams[team.Teams[0]]
			ref := loosest.Rules[r.Index].Reference
			ok := false
			for n := lim.MinPlayers; n <= lim.MaxPlayers && !ok; n++ {
				ok = compare(num(float64(n)), r.Operation, num(ref))
			}
			if !ok {
				k.warnf(r.at, "team %q can never fill: rule %q needs count %s %v, but the team holds %d to %d players", team.Name, r.Name, r.Operation, ref, lim.MinPlayers, lim.MaxPlayers)
			}
		}
	}
}

// countedTeam recognises count(teams[T].players) for a single team T.
func countedTeam(rs *RuleSet, x *Expression) *TeamDef {
	c, ok := x.AST.(*propexpr.Call)
	if !ok || c.Func != "count" {
		return nil
	}
	p, ok := c.Arg.(*propexpr.Path)
	if !ok || p.All || len(p.Teams) != 1 || !p.Players || p.Attribute != "" || p.PlayerID {
		return nil
	}
	return rs.teams[p.Teams[0]]
}

// loosening tells, for each expandable property, whether a larger value
// loosens it (+1) or tightens it (-1); 0 has no direction.
var loosening = map[string]int{
	PropMaxDistance: +1, PropMaxLatency: +1, PropMaxCount: +1,
	PropMinDistance: -1, PropMinCount: -1, PropMinPlayers: -1,
}

// lintExpansionSteps flags steps no ticket lives to reach and steps that
// tighten instead of loosening.
func (k *checker) lintExpansionSteps() {
	for _, x := range k.rs.Expansions {
		prev, hasPrev := k.baseValue(x)
		for _, st := range x.Steps {
			if st.WaitTime >= k.cfg.RequestTimeout {
				k.warnf(st.at, "step at %v can never be reached: tickets time out after %v (the assumed request timeout)", st.WaitTime, k.cfg.RequestTimeout)
			}
			if dir := loosening[x.Property]; dir != 0 && hasPrev && (st.Value-prev)*float64(dir) < 0 {
				k.warnf(st.at, "expansion of %s tightens from %v to %v: expansions should loosen a rule as tickets wait", x.Target, prev, st.Value)
			}
			prev, hasPrev = st.Value, true
		}
	}
}

func (k *checker) baseValue(x *Expansion) (float64, bool) {
	if x.TeamDef != nil {
		if x.Property == PropMinPlayers {
			return float64(x.TeamDef.MinPlayers), true
		}
		return float64(x.TeamDef.MaxPlayers), true
	}
	if !x.Rule.Has[x.Property] {
		return 0, false
	}
	b := x.Rule.base
	v := map[string]float64{
		PropMinDistance: b.MinDistance, PropMaxDistance: b.MaxDistance, PropMaxLatency: b.MaxLatency,
		PropMinCount: b.MinCount, PropMaxCount: b.MaxCount,
	}[x.Property]
	return v, true
}

// lintMissingDefaults flags rules that read an attribute with no default:
// a player who does not send it can never be matched.
func (k *checker) lintMissingDefaults() {
	for _, r := range k.rs.Rules {
		seen := map[*Attribute]bool{}
		for _, a := range ruleAttributes(k.rs, r) {
			if a.Default == nil && !seen[a] {
				seen[a] = true
				k.warnf(r.at, "rule %q reads attribute %q, which has no default: players who do not send it can never be matched", r.Name, a.Name)
			}
		}
	}
}

// ruleAttributes lists the attributes a rule reads.
func ruleAttributes(rs *RuleSet, r *Rule) []*Attribute {
	var out []*Attribute
	add := func(x *Expression) {
		if x == nil {
			return
		}
		propexpr.Walk(x.AST, func(e propexpr.Expr) {
			if p, ok := e.(*propexpr.Path); ok && p.Attribute != "" {
				out = append(out, rs.attrs[p.Attribute])
			}
		})
	}
	for _, m := range r.Measurements {
		add(m)
	}
	if r.Reference != nil {
		add(r.Reference.Expr)
	}
	for _, a := range []*Attribute{r.BatchAttribute, r.SortAttribute} {
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

// lintUnfillable flags rules no population can ever satisfy, even at the
// loosest expansion stage: player latencies are at least 1 ms.
func (k *checker) lintUnfillable() {
	rs := k.rs
	loosest := rs.stages[len(rs.stages)-1].limits
	for _, r := range rs.Rules {
		if r.Type == Latency && loosest.Rules[r.Index].MaxLatency < 1 {
			what := "no match can form"
			if rs.Large {
				what = "this large match can never fill"
			}
			k.warnf(r.at, "%s: latency rule %q allows less than 1 ms, and player latencies are at least 1 ms", what, r.Name)
		}
	}
}
