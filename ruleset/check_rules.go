package ruleset

import (
	"strconv"
	"strings"

	"github.com/flexsim/flexsim/ruleset/propexpr"
	"github.com/flexsim/flexsim/ticket"
)

var ruleCommon = []string{"name", "type", "description"}

// ruleProps lists the properties each rule type takes besides ruleCommon.
var ruleProps = map[RuleType][]string{
	BatchDistance: {"batchAttribute", "maxDistance", "partyAggregation"},
	Comparison:    {"measurements", "referenceValue", "operation", "partyAggregation"},
	Distance:      {"measurements", "referenceValue", "minDistance", "maxDistance", "partyAggregation"},
	Collection:    {"measurements", "referenceValue", "operation", "minCount", "maxCount", "partyAggregation"},
	Latency:       {"maxLatency", "maxDistance", "distanceReference", "partyAggregation"},
	AbsoluteSort:  {"sortDirection", "sortAttribute", "mapKey", "partyAggregation"},
	DistanceSort:  {"sortDirection", "sortAttribute", "mapKey", "partyAggregation"},
	Compound:      {"statement"},
}

// largeLatencyProps are the only latency properties a large match allows.
var largeLatencyProps = []string{"maxLatency", "partyAggregation"}

var (
	numericAggregations    = []string{string(AggAvg), string(AggMin), string(AggMax)}
	collectionAggregations = []string{string(AggUnion), string(AggIntersection)}
	comparisonOps          = []string{"<", "<=", "=", "!=", ">", ">="}
	collectionOps          = []string{"intersection", "contains", "reference_intersection_count"}
)

func ruleTypeNames() []string {
	out := make([]string, len(RuleTypes))
	for i, t := range RuleTypes {
		out[i] = string(t)
	}
	return out
}

func (k *checker) rules(n node) {
	if n.r.Raw == "" {
		return
	}
	elems, ok := k.elements(n, "rules")
	if !ok {
		return
	}
	var compounds []*Rule
	var compoundNodes []node
	for _, e := range elems {
		r, statement := k.rule(e)
		if r == nil {
			continue
		}
		r.Index = len(k.rs.Rules)
		k.rs.Rules = append(k.rs.Rules, r)
		k.rs.rules[r.Name] = r
		if r.Type == Compound && statement.r.Raw != "" {
			compounds = append(compounds, r)
			compoundNodes = append(compoundNodes, statement)
		}
	}
	for i, r := range compounds {
		k.resolveStatement(r, compoundNodes[i])
	}
	k.checkCycles(compounds, compoundNodes)
}

// rule reads one rule. It returns nil if the rule cannot be used at all
// (no valid name or type); the statement node is returned for compounds.
func (k *checker) rule(e node) (*Rule, node) {
	if !e.r.IsObject() {
		k.errorf(e, "a rule must be an object, got %s", kindOf(e.r))
		return nil, node{}
	}
	typ := RuleType(lastMember(e.r, "type").Str)
	props, known := ruleProps[typ]
	if !known {
		props = allRuleProps()
	}
	f := k.fields(e, ruleWhat(typ, known), append(append([]string{}, ruleCommon...), props...))
	r := &Rule{Has: map[string]bool{}, base: openRuleLimits(), at: e}
	nameNode, ok := k.required(f, e, "name")
	if ok {
		if r.Name, ok = k.name(nameNode); ok && k.rs.rules[r.Name] != nil {
			k.errorf(nameNode, "duplicate rule name %q", r.Name)
			ok = false
		}
	}
	if d, has := f["description"]; has {
		r.Description, _ = k.str(d)
	}
	typeNode, hasType := k.required(f, e, "type")
	if hasType {
		s, valid := k.enum(typeNode, "rule type", ruleTypeNames())
		r.Type, hasType = RuleType(s), valid
	}
	if !ok || !hasType {
		return nil, node{}
	}
	k.largeRestrictions(r, f, typeNode)
	switch r.Type {
	case BatchDistance:
		k.batchDistance(r, f, e)
	case Comparison:
		k.comparison(r, f, e)
	case Distance:
		k.distance(r, f, e)
	case Collection:
		k.collection(r, f, e)
	case Latency:
		k.latency(r, f, e)
	case AbsoluteSort, DistanceSort:
		k.sortRule(r, f, e)
	case Compound:
		st, _ := k.required(f, e, "statement")
		return r, st
	}
	return r, node{}
}

func ruleWhat(t RuleType, known bool) string {
	if known {
		return "a " + string(t) + " rule"
	}
	return "a rule"
}

func allRuleProps() []string { return propertyUnion(ruleProps) }

// propertyUnion lists every property of a per-rule-type table once, in
// rule-type order.
func propertyUnion(table map[RuleType][]string) []string {
	var out []string
	for _, t := range RuleTypes {
		for _, p := range table[t] {
			if !contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// largeRestrictions enforces the large-match rule language: only latency
// (with maxLatency and partyAggregation) and batchDistance rules. A small
// rule set with strategy balanced gets the same findings as warnings,
// since AWS's own samples combine balanced with other rules.
func (k *checker) largeRestrictions(r *Rule, f map[string]node, typeNode node) {
	rs := k.rs
	report := k.errorf
	why := "in a large match (" + strconv.Itoa(rs.MaxPlayers) + " players)"
	if !rs.Large {
		if rs.Algorithm.Strategy != Balanced {
			return
		}
		report = k.warnf
		why = "with strategy \"balanced\" (the large-match algorithm)"
	}
	if r.Type != Latency && r.Type != BatchDistance {
		report(typeNode, "rule type %q is not allowed %s; only batchDistance and latency rules are", r.Type, why)
		return
	}
	if r.Type == Latency {
		for _, p := range ruleProps[Latency] {
			if n, has := f[p]; has && !contains(largeLatencyProps, p) {
				report(n, "latency property %q is not allowed %s; only maxLatency and partyAggregation are", p, why)
			}
		}
	}
}

func (k *checker) aggregation(r *Rule, f map[string]node, allowed []string) {
	r.PartyAggregation = Aggregation(allowed[0])
	if n, ok := f["partyAggregation"]; ok {
		if s, ok := k.enumFor(n, "partyAggregation", r.Type, allowed); ok {
			r.PartyAggregation = Aggregation(s)
		}
	}
}

// limit reads an optional non-negative expandable property into the base
// limits.
func (k *checker) limit(r *Rule, f map[string]node, prop string, dst *float64) bool {
	n, ok := f[prop]
	if !ok {
		return false
	}
	if v, ok := k.nonNegative(n); ok {
		*dst = v
		r.Has[prop] = true
	}
	return true
}

// bounds reads a rule's pair of optional bounds (minDistance/maxDistance,
// minCount/maxCount): a distance rule needs at least one, a collection rule
// without either is only flagged, and min may not exceed max.
func (k *checker) bounds(r *Rule, f map[string]node, e node, minProp string, lo *float64, maxProp string, hi *float64) {
	hasMin := k.limit(r, f, minProp, lo)
	hasMax := k.limit(r, f, maxProp, hi)
	switch {
	case hasMin || hasMax:
	case r.Type == Distance:
		k.errorf(e, "a %s rule needs %s, %s or both", r.Type, minProp, maxProp)
	default: // the spec leaves each bound open when missing
		k.warnf(e, "a %s rule with neither %s nor %s never fails", r.Type, minProp, maxProp)
	}
	if r.Has[minProp] && r.Has[maxProp] && *lo > *hi {
		k.errorf(f[minProp], "%s (%v) is greater than %s (%v)", minProp, *lo, maxProp, *hi)
	}
}

func (k *checker) batchDistance(r *Rule, f map[string]node, e node) {
	k.aggregation(r, f, numericAggregations)
	n, ok := k.required(f, e, "batchAttribute")
	if ok {
		r.BatchAttribute = k.attributeRef(n, "batchAttribute")
	}
	a := r.BatchAttribute
	if a == nil {
		return
	}
	switch a.Type {
	case ticket.TypeNumber:
		if _, has := f["maxDistance"]; !has {
			k.errorf(e, "missing required key %q (batchAttribute %q is a number)", "maxDistance", a.Name)
		}
		k.limit(r, f, PropMaxDistance, &r.base.MaxDistance)
	case ticket.TypeString:
		if md, has := f["maxDistance"]; has {
			k.errorf(md, "maxDistance does not apply to string batchAttribute %q (its tickets must all share one value)", a.Name)
		}
	default:
		k.errorf(n, "batchAttribute %q is a %s; it must be a number or string attribute", a.Name, a.Type)
	}
}

func (k *checker) comparison(r *Rule, f map[string]node, e node) {
	k.aggregation(r, f, numericAggregations)
	ms := k.measurements(r, f, e)
	opNode, ok := k.required(f, e, "operation")
	if ok {
		r.Operation, ok = k.enumFor(opNode, "operation", r.Type, comparisonOps)
	}
	refNode, hasRef := f["referenceValue"]
	if hasRef {
		r.Reference = k.reference(refNode)
	}
	if !ok || ms == nil {
		return
	}
	ordering := r.Operation != "=" && r.Operation != "!="
	if !hasRef && ordering {
		k.errorf(opNode, "operation %q needs a referenceValue; without one only = and != are allowed", r.Operation)
	}
	measuresStrings := false
	for i, m := range r.Measurements {
		switch m.Type.Kind {
		case propexpr.KindNumber:
		case propexpr.KindString:
			measuresStrings = true
			if ordering {
				k.errorf(ms[i], "operation %q cannot compare strings (only = and != can)", r.Operation)
			}
		default:
			k.errorf(ms[i], "a comparison measures numbers or strings, this expression gives %s", m.Type)
		}
	}
	ref := r.Reference
	if ref == nil {
		return
	}
	refString := ref.IsString || ref.Expr != nil && ref.Expr.Type.Kind == propexpr.KindString
	switch {
	case ref.IsList:
		k.errorf(refNode, "a comparison referenceValue must be a single number or string, not a list")
	case ref.Expr != nil && (ref.Expr.Type.Depth != 0 || ref.Expr.Type.Kind != propexpr.KindNumber && ref.Expr.Type.Kind != propexpr.KindString):
		k.errorf(refNode, "a comparison referenceValue must give a single number or string, this expression gives %s", ref.Expr.Type)
	case refString && ordering:
		k.errorf(refNode, "operation %q cannot compare strings (only = and != can)", r.Operation)
	case refString != measuresStrings && len(r.Measurements) > 0:
		k.errorf(refNode, "referenceValue is a %s but the measurements are %s", kindWord(refString), kindWord(measuresStrings)+"s")
	}
	if ref.IsNumber {
		r.base.Reference = ref.Number
	}
}

func kindWord(isString bool) string {
	if isString {
		return "string"
	}
	return "number"
}

func (k *checker) distance(r *Rule, f map[string]node, e node) {
	k.aggregation(r, f, numericAggregations)
	ms := k.measurements(r, f, e)
	for i, m := range r.Measurements {
		if m.Type.Kind != propexpr.KindNumber {
			k.errorf(ms[i], "a distance rule measures numbers, this expression gives %s", m.Type)
		}
	}
	k.bounds(r, f, e, PropMinDistance, &r.base.MinDistance, PropMaxDistance, &r.base.MaxDistance)
	refNode, ok := f["referenceValue"]
	if !ok {
		return
	}
	ref := k.reference(refNode)
	r.Reference = ref
	switch {
	case ref == nil:
	case ref.IsString:
		v, err := strconv.ParseFloat(strings.TrimSpace(ref.String), 64)
		if err != nil {
			k.errorf(refNode, "a distance referenceValue must be a number, got the string %q", ref.String)
			return
		}
		*ref = Reference{Number: v, IsNumber: true}
	case ref.IsList:
		k.errorf(refNode, "a distance referenceValue must be a single number, not a list")
	case ref.Expr != nil && (ref.Expr.Type.Kind != propexpr.KindNumber || ref.Expr.Type.Depth != 0):
		k.errorf(refNode, "a distance referenceValue must give a single number, this expression gives %s", ref.Expr.Type)
	}
	if ref != nil && ref.IsNumber {
		r.base.Reference = ref.Number
	}
}

func (k *checker) collection(r *Rule, f map[string]node, e node) {
	k.aggregation(r, f, collectionAggregations)
	ms := k.measurements(r, f, e)
	for i, m := range r.Measurements {
		if m.Type.Kind != propexpr.KindString && m.Type.Kind != propexpr.KindStringList {
			k.errorf(ms[i], "a collection rule measures strings or string lists, this expression gives %s", m.Type)
		}
	}
	opNode, ok := k.required(f, e, "operation")
	if ok {
		r.Operation, ok = k.enumFor(opNode, "operation", r.Type, collectionOps)
	}
	k.bounds(r, f, e, PropMinCount, &r.base.MinCount, PropMaxCount, &r.base.MaxCount)
	refNode, hasRef := f["referenceValue"]
	if hasRef {
		r.Reference = k.reference(refNode)
	}
	if !ok {
		return
	}
	ref := r.Reference
	switch {
	case r.Operation == "intersection" && hasRef:
		k.errorf(refNode, "operation \"intersection\" takes no referenceValue")
	case r.Operation != "intersection" && !hasRef:
		k.errorf(opNode, "operation %q needs a referenceValue", r.Operation)
	case ref == nil:
	case r.Operation == "contains" && !ref.IsString:
		k.errorf(refNode, "operation \"contains\" needs a single string referenceValue")
	case ref.IsNumber:
		k.errorf(refNode, "a collection referenceValue must be strings, got a number")
	case ref.Expr != nil && ref.Expr.Type.Kind != propexpr.KindString && ref.Expr.Type.Kind != propexpr.KindStringList:
		k.errorf(refNode, "a collection referenceValue must give strings, this expression gives %s", ref.Expr.Type)
	}
}

func (k *checker) latency(r *Rule, f map[string]node, e node) {
	k.aggregation(r, f, numericAggregations)
	if _, ok := k.required(f, e, "maxLatency"); ok {
		k.limit(r, f, PropMaxLatency, &r.base.MaxLatency)
	}
	k.limit(r, f, PropMaxDistance, &r.base.MaxDistance)
	r.DistanceReference = "min"
	if n, ok := f["distanceReference"]; ok {
		if s, ok := k.enum(n, "distanceReference", []string{"min", "avg"}); ok {
			r.DistanceReference = s
		}
		if !r.Has[PropMaxDistance] {
			k.warnf(n, "distanceReference has no effect without maxDistance")
		}
	}
}

func (k *checker) sortRule(r *Rule, f map[string]node, e node) {
	k.aggregation(r, f, numericAggregations)
	if n, ok := k.required(f, e, "sortDirection"); ok {
		r.SortDirection, _ = k.enum(n, "sortDirection", []string{"ascending", "descending"})
	}
	n, ok := k.required(f, e, "sortAttribute")
	if ok {
		r.SortAttribute = k.attributeRef(n, "sortAttribute")
	}
	mapKey, hasKey := f["mapKey"]
	if hasKey {
		r.MapKey, _ = k.enum(mapKey, "mapKey", []string{"minValue", "maxValue"})
	}
	a := r.SortAttribute
	if a == nil {
		return
	}
	switch a.Type {
	case ticket.TypeNumber:
		if hasKey {
			k.errorf(mapKey, "mapKey only applies to a string_number_map sortAttribute; %q is a number", a.Name)
		}
	case ticket.TypeStringNumberMap:
		if !hasKey {
			k.errorf(e, "sortAttribute %q is a string_number_map, so mapKey (minValue or maxValue) is required", a.Name)
		}
	default:
		k.errorf(n, "sortAttribute %q is a %s; it must be a number or string_number_map attribute", a.Name, a.Type)
	}
}

// enumFor is enum with the rule type in the message.
func (k *checker) enumFor(n node, what string, t RuleType, allowed []string) (string, bool) {
	s, ok := k.str(n)
	if !ok {
		return "", false
	}
	if contains(allowed, s) {
		return s, true
	}
	k.errorf(n, "unsupported %s %q for rule type %q (want one of %s)%s", what, s, t, strings.Join(allowed, ", "), didYouMean(s, allowed))
	return "", false
}
