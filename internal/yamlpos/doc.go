// Package yamlpos reads a YAML document into Go values through yaml.v3
// nodes, collecting every problem with its position instead of stopping
// at the first.
//
// It owns what the workload reader (bench) and the configuration reader
// (api) share: the positioned error and its list (file:line:col: path:
// message), the conversion of yaml.v3 syntax errors to positions, the
// Reader that follows aliases (bounding how far a file may expand), walks
// mappings field by field (duplicate, merge and unknown keys, the last
// with a did-you-mean suggestion from ruleset/propexpr.Suggest) and lists,
// and the readers of scalar values: numbers, whole numbers, booleans,
// strings, choices, durations and lists of distinct strings.
//
// What a file means (distributions, resource kinds) stays with its reader;
// a Reader only reports problems, through the function it is given, so
// each caller keeps its own error type.
package yamlpos
