package bench

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// variantFields are the top-level fields a variant may set: those that do
// not change the player stream.
var variantFields = []string{"name", "ruleSet", "matchmaking", "placement", "engine", "report"}

// ParseVariant reads a workload file that varies base for a comparison: it
// may set only name, ruleSet, matchmaking, placement, engine and report, each field
// given replacing base's; everything about the players (duration,
// arrivals, players, regions, acceptance, cancel) stays base's, so the
// variant sees base's player stream. The name defaults to the file's base
// name and the ruleSet is cleared unless the file sets it.
func ParseVariant(base *Workload, filename string, data []byte) (*Workload, error) {
	r := newReader(filename)
	if len(data) > MaxWorkloadSize {
		r.Fail(&yaml.Node{Line: 1, Column: 1}, "", "the file is %d bytes, more than the %d a workload file may have", len(data), MaxWorkloadSize)
		return nil, r.errs
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		r.Syntax(err, data)
		return nil, r.errs
	}
	w := *base
	w.File = filename
	w.Name = strings.TrimSuffix(filepath.Base(filename), filepath.Ext(filename))
	w.RuleSet = ""
	w.pos = maps.Clone(base.pos)
	if w.pos == nil {
		w.pos = map[string]pos{}
	}
	if len(doc.Content) > 0 {
		if root := r.Resolve(doc.Content[0]); root != nil && root.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(root.Content); i += 2 {
				k := root.Content[i]
				if k.Kind == yaml.ScalarNode && !slices.Contains(variantFields, k.Value) && slices.Contains(workloadFields, k.Value) {
					r.Fail(k, k.Value, "a comparison's workload file may set only %s, so that every run sees the same players", strings.Join(variantFields, ", "))
				}
			}
		}
		if len(r.errs) == 0 {
			r.workload(doc.Content[0], &w)
		}
	}
	if len(r.errs) > 0 {
		return nil, r.sorted()
	}
	return &w, nil
}

// workloadFields are the top-level fields of a workload file.
var workloadFields = []string{"name", "ruleSet", "duration", "arrivals", "players", "regions", "acceptance", "cancel", "matchmaking", "placement", "engine", "report"}
