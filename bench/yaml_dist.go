package bench

import (
	"slices"
	"strconv"
	"strings"

	"github.com/flexsim/flexsim/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// distUnit is what a distribution measures.
type distUnit int

const (
	unitValue   distUnit = iota // attribute values: any number
	unitMillis                  // latencies in milliseconds: not negative
	unitSeconds                 // delays and waits in seconds (or durations): not negative
)

// distFields lists, per kind, the fields a distribution takes (round
// always applies) and, first, those it requires.
var distFields = map[string]struct{ required, optional []string }{
	DistConstant:    {[]string{"value"}, nil},
	DistUniform:     {[]string{"min", "max"}, nil},
	DistNormal:      {[]string{"mean", "stddev"}, []string{"min", "max"}},
	DistExponential: {[]string{"mean"}, []string{"min", "max"}},
	DistCycle:       {[]string{"values"}, nil},
}

// distNumber reads one number of a distribution in its unit.
func (r *reader) distNumber(n *yaml.Node, path string, unit distUnit) (float64, bool) {
	var f float64
	if unit == unitSeconds {
		d, ok := r.Duration(n, path, -1<<62, 1<<62)
		if !ok {
			return 0, false
		}
		f = d.Seconds()
	} else {
		var ok bool
		if f, ok = r.Number(n, path); !ok {
			return 0, false
		}
	}
	if unit != unitValue && f < 0 {
		r.Fail(r.Resolve(n), path, "must not be negative, got %g", f)
		return 0, false
	}
	return f, true
}

// dist reads a distribution: a single number (a constant; for seconds also
// a duration) or a mapping with a distribution kind and its fields. extra
// are further fields the mapping may hold (an attribute's type and
// missing); what names the mapping in messages.
func (r *reader) dist(n *yaml.Node, path string, unit distUnit, what string, extra ...field) (Dist, bool) {
	if n = r.Resolve(n); n == nil {
		return Dist{}, false
	}
	if n.Kind == yaml.ScalarNode && len(extra) == 0 {
		v, ok := r.distNumber(n, path, unit)
		return Constant(v), ok
	}
	var d Dist
	before := len(r.errs)
	set := map[string]*yaml.Node{}
	num := func(name string, dst *float64) field {
		return field{Name: name, Read: func(v *yaml.Node, p string) {
			if x, ok := r.distNumber(v, p, unit); ok {
				*dst = x
				set[name] = v
			}
		}}
	}
	fields := []field{
		{Name: "distribution", Read: func(v *yaml.Node, p string) {
			if k, ok := r.OneOf(v, p, distKinds...); ok {
				d.Kind = k
			}
		}},
		num("value", &d.Value), num("mean", &d.Mean), num("stddev", &d.StdDev),
		num("min", &d.Min), num("max", &d.Max),
		{Name: "values", Read: func(v *yaml.Node, p string) {
			if vals, ok := r.numbers(v, p, unit); ok {
				d.Values = vals
				set["values"] = v
			}
		}},
		{Name: "round", Read: func(v *yaml.Node, p string) {
			if x, ok := r.distNumber(v, p, unit); ok {
				if x < 0 {
					r.Fail(r.Resolve(v), p, "must not be negative, got %g", x)
				}
				d.Round = max(x, 0)
			}
		}},
	}
	r.Mapping(n, path, what, append(fields, extra...)...)
	if len(r.errs) > before {
		return d, false
	}
	if n.Kind != yaml.MappingNode {
		return d, false
	}
	if d.Kind == "" {
		if set["value"] == nil {
			r.Fail(n, yamlpos.Join(path, "distribution"), "missing (want one of %s)", strings.Join(distKinds, ", "))
			return d, false
		}
		d.Kind = DistConstant
	}
	spec := distFields[d.Kind]
	for _, name := range []string{"value", "mean", "stddev", "min", "max", "values"} {
		v := set[name]
		if v != nil && !slices.Contains(spec.required, name) && !slices.Contains(spec.optional, name) {
			r.Fail(r.Resolve(v), yamlpos.Join(path, name), "does not apply to a %s distribution (it takes %s)", d.Kind, strings.Join(append(append([]string{}, spec.required...), spec.optional...), ", "))
		}
	}
	for _, name := range spec.required {
		if set[name] == nil {
			r.Fail(n, yamlpos.Join(path, name), "missing: a %s distribution needs %s", d.Kind, strings.Join(spec.required, " and "))
		}
	}
	d.HasMin, d.HasMax = set["min"] != nil, set["max"] != nil
	switch {
	case d.HasMin && d.HasMax && d.Min > d.Max:
		r.Fail(r.Resolve(set["max"]), yamlpos.Join(path, "max"), "must not be below min (%g), got %g", d.Min, d.Max)
	case d.Kind == DistNormal && d.StdDev < 0:
		r.Fail(r.Resolve(set["stddev"]), yamlpos.Join(path, "stddev"), "must not be negative, got %g", d.StdDev)
	case d.Kind == DistExponential && d.Mean <= 0:
		r.Fail(r.Resolve(set["mean"]), yamlpos.Join(path, "mean"), "must be positive, got %g", d.Mean)
	}
	if d.Kind == DistUniform {
		d.HasMin, d.HasMax = false, false // bounds, not clamps
	}
	return d, len(r.errs) == before
}

// numbers reads a non-empty list of numbers in a unit.
func (r *reader) numbers(n *yaml.Node, path string, unit distUnit) ([]float64, bool) {
	if n = r.Resolve(n); n == nil {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.Fail(n, path, "want a non-empty list of numbers, got %s", yamlpos.Describe(n))
		return nil, false
	}
	out := make([]float64, 0, len(n.Content))
	ok := true
	for i, v := range n.Content {
		x, good := r.distNumber(v, path+"["+strconv.Itoa(i)+"]", unit)
		ok = ok && good
		out = append(out, x)
	}
	return out, ok
}
