package bench

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
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
	r := &reader{file: filename}
	if len(data) > MaxWorkloadSize {
		r.fail(&yaml.Node{Line: 1, Column: 1}, "", "the file is %d bytes, more than the %d a workload file may have", len(data), MaxWorkloadSize)
		return nil, r.errs
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		r.syntax(err, data)
		return nil, r.errs
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		r.fail(&extra, "", "a workload file holds one YAML document; this is a second one")
		return nil, r.errs
	} else if !errors.Is(err, io.EOF) {
		r.syntax(err, data)
		return nil, r.errs
	}
	if len(doc.Content) > 0 {
		r.workload(doc.Content[0], w)
	}
	if len(r.errs) > 0 {
		return nil, r.sorted()
	}
	return w, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntax records a YAML syntax error. The YAML library gives only its
// line, so the column is that of the line's first non-blank character.
func (r *reader) syntax(err error, data []byte) {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	col := 1
	if lines := bytes.Split(data, []byte("\n")); line >= 1 && line <= len(lines) {
		text := lines[line-1]
		col = len(text) - len(bytes.TrimLeft(text, " \t")) + 1
	}
	r.fail(&yaml.Node{Line: line, Column: col}, "", "invalid YAML: %s", msg)
}

// workload reads the top-level mapping.
func (r *reader) workload(n *yaml.Node, w *Workload) {
	r.mapping(n, "", "a workload",
		field{"name", func(v *yaml.Node, p string) {
			if s, ok := r.str(v, p, 100); ok {
				w.Name = s
			}
		}},
		field{"ruleSet", func(v *yaml.Node, p string) {
			if s, ok := r.str(v, p, 4096); ok {
				w.RuleSet = s
			}
		}},
		field{"duration", func(v *yaml.Node, p string) {
			if d, ok := r.duration(v, p, time.Second, MaxDuration); ok {
				w.Duration = d
			}
		}},
		field{"arrivals", func(v *yaml.Node, p string) { r.arrivals(v, p, &w.Arrivals) }},
		field{"players", func(v *yaml.Node, p string) { r.players(v, p, &w.Players) }},
		field{"regions", func(v *yaml.Node, p string) { r.regions(v, p, w) }},
		field{"acceptance", func(v *yaml.Node, p string) { r.acceptance(v, p, &w.Acceptance) }},
		field{"cancel", func(v *yaml.Node, p string) { r.cancel(v, p, &w.Cancel) }},
		field{"matchmaking", func(v *yaml.Node, p string) { r.matchmaking(v, p, &w.Matchmaking, w.pos) }},
		field{"placement", func(v *yaml.Node, p string) { r.placement(v, p, w) }},
		field{"engine", func(v *yaml.Node, p string) { r.engineSettings(v, p, &w.Engine) }},
		field{"report", func(v *yaml.Node, p string) { r.report(v, p, w) }},
	)
	r.checkMode(w)
}

// checkMode checks that the placement section comes with WITH_QUEUE.
func (r *reader) checkMode(w *Workload) {
	switch {
	case w.Matchmaking.Mode == engine.ModeWithQueue && w.Placement == nil:
		p := w.pos["matchmaking.mode"]
		r.fail(&yaml.Node{Line: p.line, Column: p.col}, "matchmaking.mode", "WITH_QUEUE places matches on fleets: give the placement section (queue, fleets)")
	case w.Matchmaking.Mode != engine.ModeWithQueue && w.Placement != nil:
		p := w.pos["placement"]
		r.fail(&yaml.Node{Line: p.line, Column: p.col}, "placement", "placement applies to matchmaking.mode WITH_QUEUE only")
	}
}

func (r *reader) acceptance(n *yaml.Node, path string, a *Acceptance) {
	r.mapping(n, path, "the acceptance behaviour",
		field{"probability", func(v *yaml.Node, p string) {
			if f, ok := r.numberIn(v, p, 0, 1); ok {
				a.Probability = f
			}
		}},
		field{"delay", func(v *yaml.Node, p string) {
			if d, ok := r.dist(v, p, unitSeconds, "a distribution"); ok {
				a.Delay = d
			}
		}},
		field{"decline", func(v *yaml.Node, p string) {
			if s, ok := r.oneOf(v, p, DeclineReject, DeclineIgnore); ok {
				a.Decline = s
			}
		}},
	)
}

func (r *reader) cancel(n *yaml.Node, path string, c *Cancel) {
	r.mapping(n, path, "the cancellation behaviour",
		field{"probability", func(v *yaml.Node, p string) {
			if f, ok := r.numberIn(v, p, 0, 1); ok {
				c.Probability = f
			}
		}},
		field{"after", func(v *yaml.Node, p string) {
			if d, ok := r.dist(v, p, unitSeconds, "a distribution"); ok {
				c.After = d
			}
		}},
	)
}

func posOf(n *yaml.Node) pos { return pos{n.Line, n.Column} }

func (r *reader) matchmaking(n *yaml.Node, path string, m *Matchmaking, pos map[string]pos) {
	r.mapping(n, path, "the matchmaking configuration",
		field{"requestTimeout", func(v *yaml.Node, p string) {
			if d, ok := r.seconds(v, p, time.Second, 12*time.Hour); ok {
				m.RequestTimeout = d
			}
		}},
		field{"acceptanceRequired", func(v *yaml.Node, p string) {
			if b, ok := r.boolean(v, p); ok {
				m.AcceptanceRequired = b
			}
		}},
		field{"acceptanceTimeout", func(v *yaml.Node, p string) {
			if d, ok := r.seconds(v, p, time.Second, 600*time.Second); ok {
				m.AcceptanceTimeout = d
			}
		}},
		field{"additionalPlayerCount", func(v *yaml.Node, p string) {
			if i, ok := r.integer(v, p, 0, 199); ok {
				m.AdditionalPlayerCount = i
			}
		}},
		field{"mode", func(v *yaml.Node, p string) {
			if s, ok := r.oneOf(v, p, engine.ModeStandalone, engine.ModeWithQueue); ok {
				m.Mode = s
				if v = r.resolve(v); v != nil {
					pos[p] = posOf(v)
				}
			}
		}},
	)
}

func (r *reader) engineSettings(n *yaml.Node, path string, e *EngineSettings) {
	r.mapping(n, path, "the engine settings",
		field{"tickInterval", func(v *yaml.Node, p string) {
			if d, ok := r.duration(v, p, 10*time.Millisecond, time.Minute); ok {
				e.TickInterval = d
			}
		}},
		field{"searchBudget", func(v *yaml.Node, p string) {
			if i, ok := r.integer(v, p, 1, 1_000_000); ok {
				e.SearchBudget = i
			}
		}},
		field{"maxBatchSize", func(v *yaml.Node, p string) {
			if i, ok := r.integer(v, p, 0, 10_000_000); ok {
				e.MaxBatchSize = i
			}
		}},
		field{"partialMatchDelay", func(v *yaml.Node, p string) {
			if d, ok := r.duration(v, p, 0, 12*time.Hour); ok {
				e.PartialMatchDelay = d
			}
		}},
	)
}

func (r *reader) report(n *yaml.Node, path string, w *Workload) {
	r.mapping(n, path, "the report settings",
		field{"qualityAttribute", func(v *yaml.Node, p string) {
			if s, ok := r.str(v, p, 1024); ok {
				w.Report.QualityAttribute = s
				if v = r.resolve(v); v != nil {
					w.pos[p] = pos{v.Line, v.Column}
				}
			}
		}},
		field{"interval", func(v *yaml.Node, p string) {
			if d, ok := r.duration(v, p, time.Second, MaxDuration); ok {
				w.Report.Interval = d
			}
		}},
	)
}
