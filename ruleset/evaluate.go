package ruleset

import (
	"math"
	"slices"
)

// This file holds the evaluators of the filtering rule types. Each returns
// Unknown when a value it needs does not exist yet (see Outcome).

// measure evaluates every measurement and returns the scalar leaves.
func (r *Rule) measure(m *Match) ([]value, bool) {
	var out []value
	if len(r.Measurements) == 1 {
		// a flat list is its own leaves: no copy
		if v := r.Measurements[0].eval(m, r.PartyAggregation); v.k == vList && flat(v.l) {
			out = v.l
		} else {
			out = v.leaves(nil)
		}
	} else {
		for _, e := range r.Measurements {
			out = e.eval(m, r.PartyAggregation).leaves(out)
		}
	}
	for _, v := range out {
		if v.k == vNone {
			return out, false
		}
	}
	return out, true
}

func flat(vs []value) bool {
	for _, v := range vs {
		if v.k == vList {
			return false
		}
	}
	return true
}

// reference returns the scalar reference value; false if it has no value.
func (r *Rule) reference(m *Match, l *Limits) (value, bool) {
	ref := r.Reference
	switch {
	case ref.Expr != nil:
		v := ref.Expr.eval(m, r.PartyAggregation)
		return v, v.k == vNum || v.k == vStr
	case ref.IsNumber:
		if n := l.Rules[r.Index].Reference; !math.IsNaN(n) {
			return num(n), true
		}
		return num(ref.Number), true
	}
	return str(ref.String), true
}

func compare(a value, op string, b value) bool {
	if a.k == vStr || b.k == vStr {
		switch op {
		case "=":
			return a.k == b.k && a.s == b.s
		case "!=":
			return a.k != b.k || a.s != b.s
		}
		return false
	}
	switch op {
	case "<":
		return a.n < b.n
	case "<=":
		return a.n <= b.n
	case "=":
		return a.n == b.n
	case "!=":
		return a.n != b.n
	case ">":
		return a.n > b.n
	case ">=":
		return a.n >= b.n
	}
	return false
}

func sameScalar(a, b value) bool { return a.k == b.k && a.n == b.n && a.s == b.s }

func (r *Rule) evalComparison(m *Match, l *Limits) Outcome {
	vals, ok := r.measure(m)
	if !ok {
		return Unknown
	}
	if r.Reference != nil {
		ref, ok := r.reference(m, l)
		if !ok {
			return Unknown
		}
		for _, v := range vals {
			if !compare(v, r.Operation, ref) {
				return Fail
			}
		}
		return Pass
	}
	for i := range vals {
		for j := i + 1; j < len(vals); j++ {
			if same := sameScalar(vals[i], vals[j]); same != (r.Operation == "=") {
				return Fail
			}
		}
	}
	return Pass
}

func (r *Rule) evalDistance(m *Match, l *Limits) Outcome {
	vals, ok := r.measure(m)
	if !ok {
		return Unknown
	}
	lim := l.Rules[r.Index]
	within := func(d float64) bool { return d >= lim.MinDistance && d <= lim.MaxDistance }
	if r.Reference == nil {
		if len(vals) == 0 {
			return Pass
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range vals {
			lo, hi = min(lo, v.n), max(hi, v.n)
		}
		if within(hi - lo) {
			return Pass
		}
		return Fail
	}
	ref, ok := r.reference(m, l)
	if !ok {
		return Unknown
	}
	for _, v := range vals {
		if !within(math.Abs(v.n - ref.n)) {
			return Fail
		}
	}
	return Pass
}

// collections evaluates the measurements into a list of string collections:
// nested lists are flattened until their elements are strings or string
// lists, and each string counts as a one-element collection.
func (r *Rule) collections(m *Match) [][]string {
	var out [][]string
	for _, e := range r.Measurements {
		for _, v := range e.eval(m, r.PartyAggregation).leaves(nil) {
			switch v.k {
			case vStrs:
				out = append(out, v.ss)
			case vStr:
				out = append(out, []string{v.s})
			}
		}
	}
	return out
}

func (r *Rule) referenceSet(m *Match) []string {
	ref := r.Reference
	switch {
	case ref == nil:
		return nil
	case ref.Expr != nil:
		return stringsOf(ref.Expr.eval(m, r.PartyAggregation))
	case ref.IsList:
		return ref.Strings
	}
	return []string{ref.String}
}

// eachCollection calls fn for every collection the measurements produce,
// with how many of them there are: a party's players share one aggregated
// string list, so the fast path (a rule measuring one string-list
// attribute) visits each party once instead of building per-player lists.
func (r *Rule) eachCollection(m *Match, fn func(c []string, n int)) {
	if a := r.listAttr; a != nil {
		agg := 0
		if r.PartyAggregation == AggIntersection {
			agg = 1
		}
		for _, t := range r.listTeams {
			for _, p := range m.Teams[t] {
				if len(p.Players) > 0 {
					fn(p.aggs[a.Index].lists[agg], len(p.Players))
				}
			}
		}
		return
	}
	for _, c := range r.collections(m) {
		fn(c, 1)
	}
}

func (r *Rule) evalCollection(m *Match, l *Limits) Outcome {
	lim := l.Rules[r.Index]
	count := 0
	switch r.Operation {
	case "intersection":
		var buf [32]string
		acc, first := buf[:0], true
		r.eachCollection(m, func(c []string, _ int) {
			if first {
				acc, first = append(acc, c...), false
				return
			}
			acc = slices.DeleteFunc(acc, func(s string) bool { return !slices.Contains(c, s) })
		})
		if first {
			return Unknown
		}
		count = len(dedupe(acc))
	case "contains":
		ref := r.referenceSet(m)
		r.eachCollection(m, func(c []string, n int) {
			if len(ref) > 0 && slices.Contains(c, ref[0]) {
				count += n
			}
		})
	default: // reference_intersection_count: every collection on its own
		ref := r.referenceSet(m)
		outcome := Pass
		r.eachCollection(m, func(c []string, _ int) {
			n := 0
			for _, s := range c {
				if slices.Contains(ref, s) {
					n++
				}
			}
			if float64(n) < lim.MinCount || float64(n) > lim.MaxCount {
				outcome = Fail
			}
		})
		return outcome
	}
	if float64(count) >= lim.MinCount && float64(count) <= lim.MaxCount {
		return Pass
	}
	return Fail
}

func (r *Rule) evalBatchDistance(m *Match, l *Limits) Outcome {
	a := r.BatchAttribute
	first := true
	var lo, hi float64
	var s string
	outcome := Pass
	m.Parties(func(_ int, p *Party) {
		if outcome == Fail {
			return
		}
		if a.Type == typeString {
			v, ok := p.String(a)
			if !ok || !first && v != s {
				outcome = Fail
			}
			s, first = v, false
			return
		}
		v, ok := p.Number(a, r.PartyAggregation)
		if !ok {
			outcome = Fail
			return
		}
		if first {
			lo, hi, first = v, v, false
		}
		lo, hi = min(lo, v), max(hi, v)
	})
	if outcome == Pass && a.Type != typeString && hi-lo > l.Rules[r.Index].MaxDistance {
		return Fail
	}
	return outcome
}
