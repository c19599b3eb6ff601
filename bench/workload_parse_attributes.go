package bench

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/internal/yamlpos"
	"github.com/flexsim/flexsim/ticket"
)

// attributes reads the attributes mapping: name to attribute spec.
func (r *reader) attributes(n *yaml.Node, path string) []AttributeSpec {
	if n = r.Resolve(n); n == nil || yamlpos.IsNull(n) {
		return []AttributeSpec{}
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want a mapping of attribute name to attribute, got %s", yamlpos.Describe(n))
		return nil
	}
	out := []AttributeSpec{}
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		name, ok := r.Str(k, p, 1, ticket.MaxAttributeKey)
		if !ok {
			return
		}
		if len(out) == ticket.MaxAttributes {
			r.Fail(k, p, "a player sends at most %d attributes", ticket.MaxAttributes)
			return
		}
		if a, ok := r.attribute(v, p); ok {
			a.Name, a.at = name, pos{k.Line, k.Column}
			out = append(out, a)
		}
	})
	return out
}

// attributeTypeOf finds the type key of an attribute mapping first, since
// it decides which other fields apply.
func (r *reader) attributeTypeOf(n *yaml.Node, path string) (ticket.AttributeType, bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "type" {
			names := ticket.AttributeTypeNames()
			s, ok := r.OneOf(n.Content[i+1], yamlpos.Join(path, "type"), names...)
			if !ok {
				return 0, false
			}
			t, _ := ticket.ParseAttributeType(s)
			return t, true
		}
	}
	r.Fail(n, yamlpos.Join(path, "type"), "missing (want one of %s)", strings.Join(ticket.AttributeTypeNames(), ", "))
	return 0, false
}

// attribute reads one attribute spec.
func (r *reader) attribute(n *yaml.Node, path string) (AttributeSpec, bool) {
	var a AttributeSpec
	if n = r.Resolve(n); n == nil {
		return a, false
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, path, "want an attribute (a mapping with a type), got %s", yamlpos.Describe(n))
		return a, false
	}
	t, ok := r.attributeTypeOf(n, path)
	if !ok {
		return a, false
	}
	a.Type = t
	before := len(r.errs)
	common := []field{
		{Name: "type", Read: func(*yaml.Node, string) {}},
		{Name: "missing", Read: func(v *yaml.Node, p string) {
			if f, ok := r.NumberIn(v, p, 0, 1); ok {
				a.Missing = f
			}
		}},
	}
	switch t {
	case ticket.TypeNumber:
		d, _ := r.dist(n, path, unitValue, "a number attribute", common...)
		a.Number = d
	case ticket.TypeString:
		r.Mapping(n, path, "a string attribute", append(common, field{Name: "values", Read: func(v *yaml.Node, p string) {
			a.Values = r.choices(v, p, false)
		}})...)
	case ticket.TypeStringList:
		r.Mapping(n, path, "a string_list attribute", append(common, field{Name: "values", Read: func(v *yaml.Node, p string) {
			a.Values = r.choices(v, p, true)
		}})...)
	case ticket.TypeStringNumberMap:
		var valueSet bool
		r.Mapping(n, path, "a string_number_map attribute", append(common,
			field{Name: "keys", Read: func(v *yaml.Node, p string) { a.Keys = r.mapKeys(v, p) }},
			field{Name: "value", Read: func(v *yaml.Node, p string) {
				if d, ok := r.dist(v, p, unitValue, "a distribution"); ok {
					a.Value, valueSet = d, true
				}
			}},
		)...)
		if len(r.errs) == before && (a.Keys == nil || !valueSet) {
			r.Fail(n, path, "a string_number_map attribute needs keys and value")
		}
	}
	if len(r.errs) == before && (t == ticket.TypeString || t == ticket.TypeStringList) && a.Values == nil {
		r.Fail(n, yamlpos.Join(path, "values"), "missing: a %s attribute needs its values", t)
	}
	return a, len(r.errs) == before
}

// choices reads a mapping of string to weight (a string attribute) or to
// probability (a string list's items).
func (r *reader) choices(n *yaml.Node, path string, probabilities bool) []Weighted[string] {
	if n = r.Resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		what := "value to weight"
		if probabilities {
			what = "item to probability (0 to 1)"
		}
		r.Fail(n, path, "want a non-empty mapping of %s, got %s", what, yamlpos.Describe(n))
		return nil
	}
	var out []Weighted[string]
	total := 0.0
	before := len(r.errs)
	r.Entries(n, path, func(k, v *yaml.Node, p string) {
		s, ok := r.Str(k, p, 1, ticket.MaxStringLength)
		hi := 1e12
		if probabilities {
			hi = 1
		}
		w, ok2 := r.NumberIn(v, p, 0, hi)
		if ok && ok2 {
			out = append(out, Weighted[string]{Value: s, Weight: w})
			total += w
		}
	})
	if len(out) > ticket.MaxStringList {
		r.Fail(n, path, "at most %d items, got %d", ticket.MaxStringList, len(out))
	}
	if len(r.errs) == before && !probabilities && total <= 0 {
		r.Fail(n, path, "the weights must not all be 0")
	}
	if len(r.errs) > before {
		return nil
	}
	return out
}

// mapKeys reads a string_number_map's keys.
func (r *reader) mapKeys(n *yaml.Node, path string) []string {
	if n = r.Resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 || len(n.Content) > ticket.MaxStringMapSize {
		r.Fail(n, path, "want a list of 1 to %d keys, got %s", ticket.MaxStringMapSize, yamlpos.Describe(n))
		return nil
	}
	var out []string
	for i, v := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		s, ok := r.Str(v, p, 1, ticket.MaxStringLength)
		if !ok {
			return nil
		}
		for _, o := range out {
			if o == s {
				r.Fail(r.Resolve(v), p, "duplicate key %q", s)
				return nil
			}
		}
		out = append(out, s)
	}
	return out
}
