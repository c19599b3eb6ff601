package bench

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteText writes the terminal summary: a table with a row per figure and
// a column per run.
func WriteText(w io.Writer, reports ...*Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, row := range summaryRows(reports) {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// summaryRows are the summary table's rows: a figure's name, then its
// value in each run. Rows empty in every run are left out.
func summaryRows(reports []*Report) [][]string {
	var rows [][]string
	row := func(name string, cell func(r *Report) string) {
		cells := make([]string, len(reports))
		empty := true
		for i, r := range reports {
			cells[i] = cell(r)
			empty = empty && cells[i] == ""
		}
		if !empty {
			rows = append(rows, append([]string{name}, cells...))
		}
	}
	row("run", func(r *Report) string { return r.Label })
	row("rule set", func(r *Report) string { return r.RuleSet })
	row("workload", func(r *Report) string { return r.Workload })
	row("simulated", func(r *Report) string {
		return fmt.Sprintf("%v, seed %d", time.Duration(r.DurationSeconds*float64(time.Second)), r.Seed)
	})
	row("tickets", func(r *Report) string {
		return fmt.Sprintf("%s (%s players)", thousands(r.Tickets.Arrived), thousands(r.Tickets.Players))
	})
	row("completed", func(r *Report) string { return countShare(r.Tickets.Completed, r.Tickets.CompletedShare) })
	row("timed out", func(r *Report) string { return countShare(r.Tickets.TimedOut, r.Tickets.TimedOutShare) })
	row("cancelled by players", func(r *Report) string { return thousands(r.Tickets.CancelledByPlayers) })
	row("cancelled at acceptance", func(r *Report) string {
		if r.Acceptance == nil {
			return ""
		}
		return fmt.Sprintf("%s rejected, %s not answered", thousands(r.Tickets.CancelledRejected), thousands(r.Tickets.CancelledAcceptanceTimedOut))
	})
	row("still waiting at the end", func(r *Report) string { return thousands(r.Tickets.ActiveAtEnd) })
	row("matches formed", func(r *Report) string {
		return fmt.Sprintf("%s (%s/min)", thousands(r.Matches.Formed), num(r.Matches.PerMinute))
	})
	row("matches completed", func(r *Report) string { return thousands(r.Matches.Completed) })
	row("acceptance", func(r *Report) string {
		a := r.Acceptance
		if a == nil {
			return ""
		}
		return fmt.Sprintf("%s of %s accepted (%s%%)", thousands(a.Accepted), thousands(a.Proposed), num(100*a.AcceptedShare))
	})
	row("wait p50 / p90 / p99", func(r *Report) string {
		s := r.Wait.Seconds
		return fmt.Sprintf("%s / %s / %s s", num(s.P50), num(s.P90), num(s.P99))
	})
	row("wait mean / max", func(r *Report) string {
		return fmt.Sprintf("%s / %s s", num(r.Wait.Seconds.Mean), num(r.Wait.Seconds.Max))
	})
	row("pool mean / max", func(r *Report) string {
		return fmt.Sprintf("%s / %s", num(r.Pool.Mean), thousands(r.Pool.Max))
	})
	row("spread in team mean / p90", func(r *Report) string {
		if r.Quality == nil {
			return ""
		}
		return fmt.Sprintf("%s / %s %s", num(r.Quality.TeamSpread.Mean), num(r.Quality.TeamSpread.P90), r.Quality.Attribute)
	})
	row("team gap mean / p90", func(r *Report) string {
		if r.Quality == nil {
			return ""
		}
		return fmt.Sprintf("%s / %s %s", num(r.Quality.TeamGap.Mean), num(r.Quality.TeamGap.P90), r.Quality.Attribute)
	})
	row("latency p50 / p90 / p99", func(r *Report) string {
		if r.Latency == nil {
			return ""
		}
		l := r.Latency.Milliseconds
		return fmt.Sprintf("%s / %s / %s ms", num(l.P50), num(l.P90), num(l.P99))
	})
	row("placements fulfilled / timed out", func(r *Report) string {
		if r.Placement == nil {
			return ""
		}
		return fmt.Sprintf("%s / %s", thousands(r.Placement.Fulfilled), thousands(r.Placement.TimedOut))
	})
	row("placing p50 / p90 / p99", func(r *Report) string {
		if r.Placement == nil {
			return ""
		}
		w := r.Placement.WaitSeconds
		return fmt.Sprintf("%s / %s / %s s", num(w.P50), num(w.P90), num(w.P99))
	})
	steps := 0
	for _, r := range reports {
		steps = max(steps, len(r.Expansion))
	}
	for i := range steps {
		row(fmt.Sprintf("matches at step %d", i), func(r *Report) string {
			if i >= len(r.Expansion) {
				return ""
			}
			st := r.Expansion[i]
			when := "base"
			if i > 0 {
				when = fmt.Sprintf("from %gs", st.FromSeconds)
			}
			return fmt.Sprintf("%s%% (%s)", num(100*st.Share), when)
		})
	}
	for _, name := range ruleNames(reports) {
		row("rule "+name+" pass / fail", func(r *Report) string {
			for _, rf := range r.Rules {
				if rf.Name == name {
					return fmt.Sprintf("%s / %s", thousands(rf.Passed), thousands(rf.Failed))
				}
			}
			return ""
		})
	}
	return rows
}

// ruleNames lists the rules of all reports, in order of first appearance.
func ruleNames(reports []*Report) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range reports {
		for _, rf := range r.Rules {
			if !seen[rf.Name] {
				seen[rf.Name] = true
				names = append(names, rf.Name)
			}
		}
	}
	return names
}

func countShare(n int, share float64) string {
	return fmt.Sprintf("%s (%s%%)", thousands(n), num(100*share))
}

// num renders a figure with at most two decimals and no trailing zeros.
func num(f float64) string { return strconv.FormatFloat(round(f, 2), 'f', -1, 64) }

// thousands renders an integer with comma separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
