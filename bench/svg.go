package bench

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Chart geometry, in SVG user units.
const (
	chartW, plotH               = 760, 210
	marginL, marginR, marginB   = 64, 16, 44
	plotW                       = chartW - marginL - marginR
	legendTop                   = 28 // the first legend row
	legendRowH, legendItemWidth = 16, 180
)

// runColors are the runs' colours, in run order (then repeating).
var runColors = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"}

func runColor(i int) string { return runColors[i%len(runColors)] }

// lineSeries is one line of a line chart.
type lineSeries struct {
	Name  string
	Color string
	Dash  string // stroke-dasharray, "" for solid
	X, Y  []float64
}

// lineChart is a chart of lines over a numeric x axis.
type lineChart struct {
	ID, Title      string
	XLabel, YLabel string
	Series         []lineSeries
}

// barSeries is one series of a bar chart.
type barSeries struct {
	Name    string
	Color   string
	Opacity float64 // 0 means 1
	Values  []float64
}

// barChart is a chart of grouped bars over categories.
type barChart struct {
	ID, Title      string
	XLabel, YLabel string
	Categories     []string
	Series         []barSeries
}

// svgWriter builds an SVG document; every text it writes is escaped. top
// is where the plot starts, below the title and the legend.
type svgWriter struct {
	b   strings.Builder
	top float64
}

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func (w *svgWriter) text(x, y float64, anchor, class, s string) {
	w.printf(`<text x="%s" y="%s" text-anchor="%s" class="%s">%s</text>`, f1(x), f1(y), anchor, class, html.EscapeString(s))
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// open starts the SVG with its title and legend.
func (w *svgWriter) open(id, title string, legend []legendItem) {
	perRow := max(1, plotW/legendItemWidth)
	rows := (len(legend) + perRow - 1) / perRow
	w.top = float64(legendTop + rows*legendRowH + 12)
	height := int(w.top) + plotH + marginB
	w.printf(`<svg id="%s" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		html.EscapeString(id), chartW, height, chartW, height, html.EscapeString(title))
	w.printf(`<title>%s</title>`, html.EscapeString(title))
	w.text(marginL, 18, "start", "chart-title", title)
	for i, it := range legend {
		x := float64(marginL + (i%perRow)*legendItemWidth)
		y := float64(legendTop + (i/perRow)*legendRowH)
		if it.bar {
			w.printf(`<rect x="%s" y="%s" width="12" height="8" fill="%s" fill-opacity="%s"/>`, f1(x), f1(y), it.color, f1(it.opacity))
		} else {
			w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="%s"/>`, f1(x), f1(y+4), f1(x+14), f1(y+4), it.color, it.dash)
		}
		w.text(x+18, y+8, "start", "legend", it.name)
	}
}

type legendItem struct {
	name, color, dash string
	opacity           float64
	bar               bool
}

// axes draws the y grid with its labels and the axis titles.
func (w *svgWriter) axes(yMax float64, xLabel, yLabel string) {
	step := niceWidth(yMax, 5)
	for v := 0.0; v <= yMax+step/1e6; v += step {
		y := w.top + plotH - v/yMax*plotH
		w.printf(`<line class="grid" x1="%d" y1="%s" x2="%d" y2="%s"/>`, marginL, f1(y), marginL+plotW, f1(y))
		w.text(marginL-6, y+4, "end", "tick", tickLabel(v))
	}
	bottom := w.top + plotH
	w.printf(`<line class="axis" x1="%d" y1="%s" x2="%d" y2="%s"/>`, marginL, f1(bottom), marginL+plotW, f1(bottom))
	w.text(marginL+plotW/2, bottom+marginB-6, "middle", "axis-title", xLabel)
	w.printf(`<text class="axis-title" text-anchor="middle" transform="translate(14 %s) rotate(-90)">%s</text>`, f1(w.top+plotH/2), html.EscapeString(yLabel))
}

// niceMax rounds a maximum up to a whole number of nice tick steps.
func niceMax(v float64) float64 {
	if v <= 0 || math.IsNaN(v) {
		return 1
	}
	step := niceWidth(v, 5)
	return math.Ceil(v/step) * step
}

func tickLabel(v float64) string {
	if math.Abs(v) >= 10000 {
		return thousands(int(math.Round(v)))
	}
	return strconv.FormatFloat(round(v, 2), 'f', -1, 64)
}

// SVG renders the line chart.
func (c lineChart) SVG() template.HTML {
	var w svgWriter
	legend := make([]legendItem, len(c.Series))
	xMin, xMax, yMax := math.Inf(1), math.Inf(-1), 0.0
	for i, s := range c.Series {
		legend[i] = legendItem{name: s.Name, color: s.Color, dash: s.Dash}
		for j := range s.X {
			xMin, xMax = min(xMin, s.X[j]), max(xMax, s.X[j])
			yMax = max(yMax, s.Y[j])
		}
	}
	if xMin > xMax {
		xMin, xMax = 0, 1
	}
	if xMax == xMin {
		xMax = xMin + 1
	}
	yMax = niceMax(yMax)
	w.open(c.ID, c.Title, legend)
	w.axes(yMax, c.XLabel, c.YLabel)
	step := niceWidth(xMax-xMin, 8)
	for v := math.Ceil(xMin/step) * step; v <= xMax+step/1e6; v += step {
		x := marginL + (v-xMin)/(xMax-xMin)*plotW
		w.text(x, w.top+plotH+16, "middle", "tick", tickLabel(v))
	}
	for _, s := range c.Series {
		pts := make([]string, len(s.X))
		for j := range s.X {
			x := marginL + (s.X[j]-xMin)/(xMax-xMin)*plotW
			y := w.top + plotH - s.Y[j]/yMax*plotH
			pts[j] = f1(x) + "," + f1(y)
		}
		w.printf(`<polyline class="series" data-series="%s" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="%s" points="%s"/>`,
			html.EscapeString(s.Name), s.Color, s.Dash, strings.Join(pts, " "))
	}
	w.printf(`</svg>`)
	return template.HTML(w.b.String())
}

// SVG renders the bar chart.
func (c barChart) SVG() template.HTML {
	var w svgWriter
	legend := make([]legendItem, len(c.Series))
	yMax := 0.0
	for i, s := range c.Series {
		legend[i] = legendItem{name: s.Name, color: s.Color, opacity: opacity(s.Opacity), bar: true}
		for _, v := range s.Values {
			yMax = max(yMax, v)
		}
	}
	yMax = niceMax(yMax)
	w.open(c.ID, c.Title, legend)
	w.axes(yMax, c.XLabel, c.YLabel)
	n := max(1, len(c.Categories))
	group := float64(plotW) / float64(n)
	barW := group * 0.8 / float64(max(1, len(c.Series)))
	every := max(1, int(math.Ceil(float64(n)*40/float64(plotW)))) // a label per 40 units at most
	for i, cat := range c.Categories {
		x0 := marginL + float64(i)*group + group*0.1
		for j, s := range c.Series {
			if i >= len(s.Values) {
				continue
			}
			h := s.Values[i] / yMax * plotH
			w.printf(`<rect class="bar" data-series="%s" x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="%s"><title>%s: %s</title></rect>`,
				html.EscapeString(s.Name), f1(x0+float64(j)*barW), f1(w.top+plotH-h), f1(max(barW-0.5, 0.5)), f1(h), s.Color, f1(opacity(s.Opacity)),
				html.EscapeString(s.Name+" "+cat), tickLabel(s.Values[i]))
		}
		if i%every == 0 {
			w.text(marginL+float64(i)*group+group/2, w.top+plotH+16, "middle", "tick", cat)
		}
	}
	w.printf(`</svg>`)
	return template.HTML(w.b.String())
}

func opacity(o float64) float64 {
	if o <= 0 {
		return 1
	}
	return o
}
