package bench

import (
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flexsim/flexsim/engine"
)

// Limits of a workload file.
const (
	MaxWorkloadSize = 1 << 20            // bytes
	MaxDuration     = 7 * 24 * time.Hour // simulated time
	MaxRate         = 100_000            // tickets per second
)

// ParseWorkload reads a workload from YAML. Fields left out keep their
// defaults (NewWorkload); unknown fields, wrong types and values out of
// range are errors. The error is a WorkloadErrors listing every problem as
// file:line:column: field: message.
func ParseWorkload(filename string, data []byte) (*Workload, error) {
	w := NewWorkload()
	w.File = filename
	w.Name = strings.TrimSuffix(filepath.Base(filename), filepath.Ext(filename))
	w.pos = map[string]pos{}
	r := newReader(filename)
	if len(data) > MaxWorkloadSize {
		r.Fail(&yaml.Node{Line: 1, Column: 1}, "", "the file is %d bytes, more than the %d a workload file may have", len(data), MaxWorkloadSize)
		return nil, r.errs
	}
	if doc := r.Document(data, "a workload file"); doc != nil {
		r.workload(doc, w)
	}
	if len(r.errs) > 0 {
		return nil, r.sorted()
	}
	return w, nil
}

// workload reads the top-level mapping.
func (r *reader) workload(n *yaml.Node, w *Workload) {
	r.Mapping(n, "", "a workload",
		field{Name: "name", Read: func(v *yaml.Node, p string) {
			if s, ok := r.Str(v, p, 1, 100); ok {
				w.Name = s
			}
		}},
		field{Name: "ruleSet", Read: func(v *yaml.Node, p string) {
			if s, ok := r.Str(v, p, 1, 4096); ok {
				w.RuleSet = s
			}
		}},
		field{Name: "duration", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Duration(v, p, time.Second, MaxDuration); ok {
				w.Duration = d
			}
		}},
		field{Name: "arrivals", Read: func(v *yaml.Node, p string) { r.arrivals(v, p, &w.Arrivals) }},
		field{Name: "players", Read: func(v *yaml.Node, p string) { r.players(v, p, &w.Players) }},
		field{Name: "regions", Read: func(v *yaml.Node, p string) { r.regions(v, p, w) }},
		field{Name: "acceptance", Read: func(v *yaml.Node, p string) { r.acceptance(v, p, &w.Acceptance) }},
		field{Name: "cancel", Read: func(v *yaml.Node, p string) { r.cancel(v, p, &w.Cancel) }},
		field{Name: "matchmaking", Read: func(v *yaml.Node, p string) { r.matchmaking(v, p, &w.Matchmaking, w.pos) }},
		field{Name: "placement", Read: func(v *yaml.Node, p string) { r.placement(v, p, w) }},
		field{Name: "engine", Read: func(v *yaml.Node, p string) { r.engineSettings(v, p, &w.Engine) }},
		field{Name: "report", Read: func(v *yaml.Node, p string) { r.report(v, p, w) }},
	)
	r.checkMode(w)
}

// checkMode checks that the placement section comes with WITH_QUEUE.
func (r *reader) checkMode(w *Workload) {
	switch {
	case w.Matchmaking.Mode == engine.ModeWithQueue && w.Placement == nil:
		p := w.pos["matchmaking.mode"]
		r.Fail(&yaml.Node{Line: p.line, Column: p.col}, "matchmaking.mode", "WITH_QUEUE places matches on fleets: give the placement section (queue, fleets)")
	case w.Matchmaking.Mode != engine.ModeWithQueue && w.Placement != nil:
		p := w.pos["placement"]
		r.Fail(&yaml.Node{Line: p.line, Column: p.col}, "placement", "placement applies to matchmaking.mode WITH_QUEUE only")
	}
}

func (r *reader) acceptance(n *yaml.Node, path string, a *Acceptance) {
	r.Mapping(n, path, "the acceptance behaviour",
		field{Name: "probability", Read: func(v *yaml.Node, p string) {
			if f, ok := r.NumberIn(v, p, 0, 1); ok {
				a.Probability = f
			}
		}},
		field{Name: "delay", Read: func(v *yaml.Node, p string) {
			if d, ok := r.dist(v, p, unitSeconds, "a distribution"); ok {
				a.Delay = d
			}
		}},
		field{Name: "decline", Read: func(v *yaml.Node, p string) {
			if s, ok := r.OneOf(v, p, DeclineReject, DeclineIgnore); ok {
				a.Decline = s
			}
		}},
	)
}

func (r *reader) cancel(n *yaml.Node, path string, c *Cancel) {
	r.Mapping(n, path, "the cancellation behaviour",
		field{Name: "probability", Read: func(v *yaml.Node, p string) {
			if f, ok := r.NumberIn(v, p, 0, 1); ok {
				c.Probability = f
			}
		}},
		field{Name: "after", Read: func(v *yaml.Node, p string) {
			if d, ok := r.dist(v, p, unitSeconds, "a distribution"); ok {
				c.After = d
			}
		}},
	)
}

func posOf(n *yaml.Node) pos { return pos{n.Line, n.Column} }

func (r *reader) matchmaking(n *yaml.Node, path string, m *Matchmaking, pos map[string]pos) {
	r.Mapping(n, path, "the matchmaking configuration",
		field{Name: "requestTimeout", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Seconds(v, p, time.Second, 12*time.Hour); ok {
				m.RequestTimeout = d
			}
		}},
		field{Name: "acceptanceRequired", Read: func(v *yaml.Node, p string) {
			if b, ok := r.Boolean(v, p); ok {
				m.AcceptanceRequired = b
			}
		}},
		field{Name: "acceptanceTimeout", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Seconds(v, p, time.Second, 600*time.Second); ok {
				m.AcceptanceTimeout = d
			}
		}},
		field{Name: "additionalPlayerCount", Read: func(v *yaml.Node, p string) {
			if i, ok := r.Integer(v, p, 0, 199); ok {
				m.AdditionalPlayerCount = i
			}
		}},
		field{Name: "mode", Read: func(v *yaml.Node, p string) {
			if s, ok := r.OneOf(v, p, engine.ModeStandalone, engine.ModeWithQueue); ok {
				m.Mode = s
				if v = r.Resolve(v); v != nil {
					pos[p] = posOf(v)
				}
			}
		}},
	)
}

func (r *reader) engineSettings(n *yaml.Node, path string, e *EngineSettings) {
	r.Mapping(n, path, "the engine settings",
		field{Name: "tickInterval", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Duration(v, p, 10*time.Millisecond, time.Minute); ok {
				e.TickInterval = d
			}
		}},
		field{Name: "searchBudget", Read: func(v *yaml.Node, p string) {
			if i, ok := r.Integer(v, p, 1, 1_000_000); ok {
				e.SearchBudget = i
			}
		}},
		field{Name: "maxBatchSize", Read: func(v *yaml.Node, p string) {
			if i, ok := r.Integer(v, p, 0, 10_000_000); ok {
				e.MaxBatchSize = i
			}
		}},
		field{Name: "partialMatchDelay", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Duration(v, p, 0, 12*time.Hour); ok {
				e.PartialMatchDelay = d
			}
		}},
	)
}

func (r *reader) report(n *yaml.Node, path string, w *Workload) {
	r.Mapping(n, path, "the report settings",
		field{Name: "qualityAttribute", Read: func(v *yaml.Node, p string) {
			if s, ok := r.Str(v, p, 1, 1024); ok {
				w.Report.QualityAttribute = s
				if v = r.Resolve(v); v != nil {
					w.pos[p] = pos{v.Line, v.Column}
				}
			}
		}},
		field{Name: "interval", Read: func(v *yaml.Node, p string) {
			if d, ok := r.Duration(v, p, time.Second, MaxDuration); ok {
				w.Report.Interval = d
			}
		}},
	)
}
