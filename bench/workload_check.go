package bench

import (
	"fmt"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// Check checks the workload against the rule set it runs with: each
// attribute it generates that the rule set declares must have the declared
// type, each declared attribute without a default must be generated (or no
// ticket could match), and report.qualityAttribute must be a generated
// number attribute. The error is a WorkloadErrors.
func (w *Workload) Check(rs *ruleset.RuleSet) error {
	r := newReader(w.File)
	at := func(p pos) *WorkloadError {
		return &WorkloadError{File: w.File, Line: max(p.line, 1), Column: max(p.col, 1)}
	}
	fail := func(p pos, path, format string, args ...any) {
		e := at(p)
		e.Path, e.Msg = path, fmt.Sprintf(format, args...)
		r.errs = append(r.errs, e)
	}
	for _, a := range w.Players.Attributes {
		if d := rs.Attribute(a.Name); d != nil && d.Type != a.Type {
			fail(a.at, "players.attributes."+a.Name, "the rule set declares %s as %s, the workload generates %s", a.Name, d.Type, a.Type)
		}
	}
	for _, d := range rs.Attributes {
		if d.Default == nil && w.attribute(d.Name) == nil {
			fail(w.pos["players.attributes"], "players.attributes", "the rule set's attribute %s has no default and the workload does not generate it, so no ticket could match", d.Name)
		}
	}
	if q := w.Report.QualityAttribute; q != "" {
		if a := w.attribute(q); a == nil || a.Type != ticket.TypeNumber {
			fail(w.pos["report.qualityAttribute"], "report.qualityAttribute", "%s is not a number attribute the workload generates", q)
		}
	}
	if len(r.errs) > 0 {
		return r.sorted()
	}
	return nil
}

// attribute returns the generated attribute of that name, or nil.
func (w *Workload) attribute(name string) *AttributeSpec {
	for i := range w.Players.Attributes {
		if w.Players.Attributes[i].Name == name {
			return &w.Players.Attributes[i]
		}
	}
	return nil
}

// QualityAttributeFor returns the attribute match quality is measured on
// with rule set rs: report.qualityAttribute, or else the first number
// attribute the workload generates that rs declares, or else the first it
// generates; "" when it generates none.
func (w *Workload) QualityAttributeFor(rs *ruleset.RuleSet) string {
	if w.Report.QualityAttribute != "" {
		return w.Report.QualityAttribute
	}
	first := ""
	for _, a := range w.Players.Attributes {
		if a.Type != ticket.TypeNumber {
			continue
		}
		if rs != nil {
			if d := rs.Attribute(a.Name); d != nil && d.Type == ticket.TypeNumber {
				return a.Name
			}
		}
		if first == "" {
			first = a.Name
		}
	}
	return first
}
