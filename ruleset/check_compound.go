package ruleset

// resolveStatement parses a compound rule's statement and binds its rule
// references.
func (k *checker) resolveStatement(r *Rule, n node) {
	s, ok := k.str(n)
	if !ok {
		return
	}
	st, perr := parseStatement(s)
	if perr != nil {
		k.errorf(inString(n, perr.off), "invalid compound statement: %s", perr.msg)
		return
	}
	var names []string
	for _, x := range k.rs.Rules {
		names = append(names, x.Name)
	}
	st.refs(func(ref *Statement) {
		at := inString(n, ref.At)
		target := k.rs.rules[ref.Name]
		switch {
		case target == nil:
			k.errorf(at, "compound statement refers to rule %q, which does not exist%s", ref.Name, didYouMean(ref.Name, names))
		case target == r:
			k.errorf(at, "compound rule %q refers to itself", r.Name)
		case target.Type == BatchDistance:
			k.errorf(at, "compound statements cannot use batchDistance rule %q", target.Name)
		case target.IsSort():
			k.errorf(at, "compound statements cannot use sort rule %q (%s): it orders candidates, it does not pass or fail", target.Name, target.Type)
		default:
			ref.Rule = target
			if target.ReferencedBy == nil {
				target.ReferencedBy = r
			}
		}
	})
	r.Statement = st
}

// checkCycles rejects compound rules that refer to each other in a loop.
func (k *checker) checkCycles(compounds []*Rule, nodes []node) {
	const (
		unvisited = iota
		active
		done
	)
	state := map[*Rule]int{}
	var visit func(r *Rule) bool
	visit = func(r *Rule) bool {
		switch state[r] {
		case active:
			return true
		case done:
			return false
		}
		state[r] = active
		cyclic := false
		if r.Statement != nil {
			r.Statement.refs(func(s *Statement) {
				if s.Rule != nil && s.Rule.Type == Compound && visit(s.Rule) {
					cyclic = true
				}
			})
		}
		state[r] = done
		return cyclic
	}
	for i, r := range compounds {
		clear(state)
		if visit(r) {
			k.errorf(nodes[i], "compound rule %q is part of a cycle of compound rules", r.Name)
		}
	}
}
