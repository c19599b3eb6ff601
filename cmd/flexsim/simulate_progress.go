package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progressBar draws the simulations' progress on a terminal's standard
// error; on anything else it draws nothing.
type progressBar struct {
	w     io.Writer
	on    bool
	done  []time.Duration
	total []time.Duration
	last  time.Time
}

// progressEvery is the least time between two redraws.
const progressEvery = 100 * time.Millisecond

func newProgressBar(w io.Writer, runs int) *progressBar {
	f, ok := w.(*os.File)
	return &progressBar{
		w:     w,
		on:    ok && term.IsTerminal(int(f.Fd())),
		done:  make([]time.Duration, runs),
		total: make([]time.Duration, runs),
	}
}

// update records a run's progress (bench.Options.Progress calls it one
// call at a time) and redraws at most every progressEvery.
func (p *progressBar) update(run int, done, total time.Duration) {
	if !p.on {
		return
	}
	p.done[run], p.total[run] = done, total
	if now := time.Now(); now.Sub(p.last) >= progressEvery {
		p.last = now
		p.draw()
	}
}

func (p *progressBar) draw() {
	var done, total time.Duration
	for i := range p.done {
		done += p.done[i]
		total += p.total[i]
	}
	if total <= 0 {
		return
	}
	const width = 30
	frac := min(float64(done)/float64(total), 1)
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r\033[Ksimulating [%s%s] %3.0f%% %v of %v", strings.Repeat("#", n), strings.Repeat("-", width-n), 100*frac,
		(done / time.Duration(len(p.done))).Truncate(time.Second), (total / time.Duration(len(p.done))).Truncate(time.Second))
}

// finish clears the bar and says how long the simulation took.
func (p *progressBar) finish(wall time.Duration) {
	if !p.on {
		return
	}
	var total time.Duration
	for _, t := range p.total {
		total += t
	}
	fmt.Fprintf(p.w, "\r\033[Ksimulated %v in %v\n", total.Truncate(time.Second), wall.Round(time.Millisecond))
}
