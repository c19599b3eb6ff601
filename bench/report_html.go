package bench

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
)

//go:embed report.html.tmpl
var reportTemplate string

var reportHTML = template.Must(template.New("report").Parse(reportTemplate))

// chartIDs are the ids of the charts WriteHTML draws, in page order; the
// latency chart is there only when some run measured latencies.
var chartIDs = []string{
	"chart-wait-histogram", "chart-wait-percentiles", "chart-pool", "chart-matches",
	"chart-quality", "chart-ended", "chart-rules", "chart-expansion", "chart-latency",
}

// ChartIDs returns the ids of the SVG charts an HTML report holds, in page
// order. The last, chart-latency, is drawn only when some run measured
// latencies.
func ChartIDs() []string { return slices.Clone(chartIDs) }

// htmlPage is the template's data.
type htmlPage struct {
	Title   string
	Reports []*Report
	Header  []string
	Rows    [][]string
	Charts  []htmlChart
}

type htmlChart struct {
	Note string
	SVG  template.HTML
}

// WriteHTML writes one self-contained HTML page: the summary table and
// inline SVG charts (no scripts, no external files), with a series per run.
func WriteHTML(w io.Writer, reports ...*Report) error {
	page := htmlPage{Title: "flexsim simulate", Reports: reports}
	if len(reports) == 1 {
		page.Title += ": " + reports[0].Label
	} else {
		page.Title += ": comparison"
	}
	rows := summaryRows(reports)
	if len(rows) > 0 {
		page.Header, page.Rows = rows[0], rows[1:]
	}
	page.Charts = charts(reports)
	return reportHTML.Execute(w, page)
}

// charts draws every chart of the page.
func charts(reports []*Report) []htmlChart {
	out := []htmlChart{
		{"Completed tickets by wait from start to match.", waitHistogram(reports).SVG()},
		{"Wait percentiles of the tickets completed in each interval (p50 solid, p90 dashed, p99 dotted).", percentiles(reports).SVG()},
		{"Tickets QUEUED or SEARCHING after each tick, averaged over the interval.", timeChart(reports, "chart-pool", "Pool size over time", "tickets waiting", func(b TimelineBucket) float64 { return b.PoolMean }).SVG()},
		{"Potential matches formed, per minute.", timeChart(reports, "chart-matches", "Matches per minute", "matches / min", func(b TimelineBucket) float64 { return b.MatchesPerMinute }).SVG()},
		{"Mean spread of the quality attribute within a team (solid) and mean gap between team means (dashed).", quality(reports).SVG()},
		{"Tickets that timed out (solid), were cancelled by their players (dashed) or at acceptance (dotted), per interval.", ended(reports).SVG()},
		{"Rule evaluations while building the formed matches: passed (full colour) and failed (light).", rules(reports).SVG()},
		{"Share of formed matches made at each expansion step (by the age of the match's oldest ticket).", expansion(reports).SVG()},
	}
	for _, r := range reports {
		if r.Latency != nil {
			out = append(out, htmlChart{"Completed players by latency to their match's region.", latency(reports).SVG()})
			break
		}
	}
	return out
}

// binCategories labels histogram bins by their lower bounds.
func binCategories(width float64, n int) []string {
	cats := make([]string, n)
	for i := range cats {
		cats[i] = strconv.FormatFloat(round(float64(i)*width, 3), 'f', -1, 64)
	}
	return cats
}

// sameBins re-bins every run's histogram to the widest width, so bars line up.
func histogramChart(reports []*Report, id, title, xLabel string, get func(*Report) *Bins) barChart {
	c := barChart{ID: id, Title: title, XLabel: xLabel, YLabel: "count"}
	width, n := 0.0, 0
	for _, r := range reports {
		if b := get(r); b != nil {
			width = max(width, b.Width)
		}
	}
	for _, r := range reports {
		if b := get(r); b != nil && width > 0 {
			n = max(n, int(float64(len(b.Counts))*b.Width/width+0.999))
		}
	}
	c.Categories = binCategories(width, n)
	for i, r := range reports {
		vals := make([]float64, n)
		if b := get(r); b != nil {
			for j, v := range b.Counts {
				k := min(int(float64(j)*b.Width/width+1e-9), n-1)
				vals[k] += float64(v)
			}
		}
		c.Series = append(c.Series, barSeries{Name: r.Label, Color: runColor(i), Values: vals})
	}
	return c
}

func waitHistogram(reports []*Report) barChart {
	return histogramChart(reports, "chart-wait-histogram", "Wait-time distribution", "wait (s)", func(r *Report) *Bins { return &r.Wait.Histogram })
}

func latency(reports []*Report) barChart {
	return histogramChart(reports, "chart-latency", "Latency of matched players", "latency (ms)", func(r *Report) *Bins {
		if r.Latency == nil {
			return nil
		}
		return &r.Latency.Histogram
	})
}

// minutes are the midpoints of a report's timeline buckets, in minutes.
func minutes(r *Report) []float64 {
	xs := make([]float64, len(r.Timeline.Buckets))
	for i, b := range r.Timeline.Buckets {
		xs[i] = (b.Start + r.Timeline.IntervalSeconds/2) / 60
	}
	return xs
}

func values(r *Report, get func(TimelineBucket) float64) []float64 {
	ys := make([]float64, len(r.Timeline.Buckets))
	for i, b := range r.Timeline.Buckets {
		ys[i] = get(b)
	}
	return ys
}

// timeChart draws one timeline figure per run.
func timeChart(reports []*Report, id, title, yLabel string, get func(TimelineBucket) float64) lineChart {
	c := lineChart{ID: id, Title: title, XLabel: "time (min)", YLabel: yLabel}
	for i, r := range reports {
		c.Series = append(c.Series, lineSeries{Name: r.Label, Color: runColor(i), X: minutes(r), Y: values(r, get)})
	}
	return c
}

// dashes tell a run's several lines apart.
var dashes = []string{"", "6 4", "2 3"}

// multiChart draws several timeline figures per run, told apart by dashes.
func multiChart(reports []*Report, id, title, yLabel string, names []string, gets ...func(TimelineBucket) float64) lineChart {
	c := lineChart{ID: id, Title: title, XLabel: "time (min)", YLabel: yLabel}
	for i, r := range reports {
		for k, get := range gets {
			c.Series = append(c.Series, lineSeries{Name: r.Label + " " + names[k], Color: runColor(i), Dash: dashes[k%len(dashes)], X: minutes(r), Y: values(r, get)})
		}
	}
	return c
}

func percentiles(reports []*Report) lineChart {
	return multiChart(reports, "chart-wait-percentiles", "Wait percentiles over time", "wait (s)", []string{"p50", "p90", "p99"},
		func(b TimelineBucket) float64 { return b.WaitP50 },
		func(b TimelineBucket) float64 { return b.WaitP90 },
		func(b TimelineBucket) float64 { return b.WaitP99 })
}

func quality(reports []*Report) lineChart {
	attr := "quality attribute"
	for _, r := range reports {
		if r.Quality != nil {
			attr = r.Quality.Attribute
			break
		}
	}
	return multiChart(reports, "chart-quality", "Match quality over time ("+attr+")", attr, []string{"spread in team", "gap between teams"},
		func(b TimelineBucket) float64 { return b.TeamSpreadMean },
		func(b TimelineBucket) float64 { return b.TeamGapMean })
}

func ended(reports []*Report) lineChart {
	return multiChart(reports, "chart-ended", "Timeouts and cancellations", "tickets", []string{"timed out", "cancelled", "acceptance failed"},
		func(b TimelineBucket) float64 { return float64(b.TimedOut) },
		func(b TimelineBucket) float64 { return float64(b.Cancelled) },
		func(b TimelineBucket) float64 { return float64(b.AcceptanceFailed) })
}

func rules(reports []*Report) barChart {
	names := ruleNames(reports)
	c := barChart{ID: "chart-rules", Title: "Rule evaluations in formed matches", XLabel: "rule", YLabel: "evaluations", Categories: names}
	for i, r := range reports {
		passed, failed := make([]float64, len(names)), make([]float64, len(names))
		for k, name := range names {
			for _, rf := range r.Rules {
				if rf.Name == name {
					passed[k], failed[k] = float64(rf.Passed), float64(rf.Failed)
				}
			}
		}
		c.Series = append(c.Series,
			barSeries{Name: r.Label + " passed", Color: runColor(i), Values: passed},
			barSeries{Name: r.Label + " failed", Color: runColor(i), Opacity: 0.35, Values: failed})
	}
	return c
}

func expansion(reports []*Report) barChart {
	var froms []float64
	for _, r := range reports {
		for _, st := range r.Expansion {
			if !slices.Contains(froms, st.FromSeconds) {
				froms = append(froms, st.FromSeconds)
			}
		}
	}
	slices.Sort(froms)
	c := barChart{ID: "chart-expansion", Title: "Matches by expansion step", XLabel: "step in force from (s of wait)", YLabel: "share of matches (%)"}
	for _, f := range froms {
		c.Categories = append(c.Categories, fmt.Sprintf("%gs", f))
	}
	for i, r := range reports {
		vals := make([]float64, len(froms))
		for _, st := range r.Expansion {
			vals[slices.Index(froms, st.FromSeconds)] = round(100*st.Share, 2)
		}
		c.Series = append(c.Series, barSeries{Name: r.Label, Color: runColor(i), Values: vals})
	}
	return c
}
