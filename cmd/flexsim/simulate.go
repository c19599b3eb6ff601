package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/flexsim/flexsim/bench"
)

// simulateFlags are the flags of `flexsim simulate`.
type simulateFlags struct {
	ruleset, workload string
	duration          time.Duration
	seed              uint64
	out, html, trace  string
	compare           string
	format            string
}

// runSimulate implements `flexsim simulate`. Exit status: 0 done, 1 invalid
// rule set or workload, or a failed run, 2 usage or I/O error.
func runSimulate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f simulateFlags
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.ruleset, "ruleset", "", "rule-set `file` (default: the workload's ruleSet, or the embedded 5v5 skill rule set)")
	fs.StringVar(&f.workload, "workload", "", "workload `file` (YAML; default: the embedded 5v5 skill workload)")
	fs.DurationVar(&f.duration, "duration", 0, "simulated time (default: the workload's duration)")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the player stream and the engine")
	fs.StringVar(&f.out, "out", "", "write the JSON report to `file`")
	fs.StringVar(&f.html, "html", "", "write the HTML report to `file`")
	fs.StringVar(&f.trace, "trace", "", "write every ticket's timeline to `file` (.csv: CSV, otherwise JSON lines)")
	fs.StringVar(&f.compare, "compare", "", "comma-separated rule-set files (.json) or workload variants (.yaml) to run side by side on the same players")
	fs.StringVar(&f.format, "format", "text", "what to print: text (a summary table) or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: flexsim simulate [flags]")
		fmt.Fprintln(stderr, "\nRuns a rule set against a workload of synthetic players in virtual time and reports")
		fmt.Fprintln(stderr, "waits, match quality, timeouts and rule statistics. With no flags it runs the embedded")
		fmt.Fprintln(stderr, "5v5 skill rule set and workload. Exit status: 0 done, 1 invalid input, 2 usage or I/O error.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "flexsim simulate: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "flexsim simulate: --format must be text or json, got %q\n", f.format)
		return 2
	}
	if f.duration < 0 || f.duration > bench.MaxDuration {
		fmt.Fprintf(stderr, "flexsim simulate: --duration must be between 1s and %v, got %v\n", bench.MaxDuration, f.duration)
		return 2
	}
	runs, code := simulationRuns(f, stderr)
	if code != 0 {
		return code
	}
	return simulateAndReport(f, runs, stdout, stderr)
}

// simulationRuns reads the inputs into the runs to simulate.
func simulationRuns(f simulateFlags, stderr io.Writer) ([]bench.Run, int) {
	w, code := loadWorkload(f.workload, stderr)
	if code != 0 {
		return nil, code
	}
	base := bench.Run{Workload: w}
	switch {
	case f.ruleset != "":
		base.RuleSetFile = f.ruleset
	case w.RuleSet != "":
		base.RuleSetFile = relativeTo(w.File, w.RuleSet)
	default:
		base.RuleSetFile, base.RuleSet = bench.DefaultRuleSetName, []byte(bench.DefaultRuleSet)
	}
	if base.RuleSet == nil {
		body, err := os.ReadFile(base.RuleSetFile)
		if err != nil {
			fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
			return nil, 2
		}
		base.RuleSet = body
	}
	if f.compare == "" {
		return []bench.Run{base}, 0
	}
	var runs []bench.Run
	for _, name := range strings.Split(f.compare, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		body, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
			return nil, 2
		}
		run := base
		run.Label = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		if ext := strings.ToLower(filepath.Ext(name)); ext == ".yaml" || ext == ".yml" {
			v, err := bench.ParseVariant(w, name, body)
			if err != nil {
				fmt.Fprintln(stderr, err)
				return nil, 1
			}
			run.Workload = v
			if v.RuleSet != "" {
				run.RuleSetFile = relativeTo(name, v.RuleSet)
				if run.RuleSet, err = os.ReadFile(run.RuleSetFile); err != nil {
					fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
					return nil, 2
				}
			}
		} else {
			run.RuleSetFile, run.RuleSet = name, body
		}
		runs = append(runs, run)
	}
	if len(runs) < 2 {
		fmt.Fprintln(stderr, "flexsim simulate: --compare needs at least two files")
		return nil, 2
	}
	uniqueLabels(runs)
	return runs, 0
}

// loadWorkload reads the workload file, or the embedded default.
func loadWorkload(name string, stderr io.Writer) (*bench.Workload, int) {
	file, body := bench.DefaultWorkloadName, []byte(bench.DefaultWorkloadFile)
	if name != "" {
		var err error
		if body, err = os.ReadFile(name); err != nil {
			fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
			return nil, 2
		}
		file = name
	}
	w, err := bench.ParseWorkload(file, body)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, 1
	}
	return w, 0
}

// relativeTo resolves path against the directory of the file naming it.
func relativeTo(file, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(filepath.Dir(file), path)
}

// uniqueLabels numbers runs whose labels repeat.
func uniqueLabels(runs []bench.Run) {
	count := map[string]int{}
	for _, r := range runs {
		count[r.Label]++
	}
	seen := map[string]int{}
	for i := range runs {
		if l := runs[i].Label; count[l] > 1 {
			seen[l]++
			runs[i].Label = fmt.Sprintf("%s-%d", l, seen[l])
		}
	}
}

// simulateAndReport runs the simulations and writes the reports.
func simulateAndReport(f simulateFlags, runs []bench.Run, stdout, stderr io.Writer) int {
	var closers []func() error
	if f.trace != "" {
		for i := range runs {
			name := f.trace
			if len(runs) > 1 {
				ext := filepath.Ext(name)
				name = strings.TrimSuffix(name, ext) + "." + runs[i].Label + ext
			}
			file, err := os.Create(name)
			if err != nil {
				fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
				return 2
			}
			closers = append(closers, file.Close)
			runs[i].Trace, runs[i].TraceFormat = file, bench.TraceFormatFor(name)
		}
	}
	closeAll := func() error {
		var errs []error
		for _, c := range closers {
			errs = append(errs, c())
		}
		return errors.Join(errs...)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(stderr, len(runs))
	started := time.Now()
	opt := bench.Options{Duration: f.duration, Seed: f.seed, Progress: bar.update}
	var reports []*bench.Report
	var err error
	if len(runs) == 1 {
		var r *bench.Report
		if r, err = bench.Simulate(ctx, runs[0], opt); err == nil {
			reports = []*bench.Report{r}
		}
	} else {
		reports, err = bench.Compare(ctx, runs, opt)
	}
	bar.finish(time.Since(started))
	if cerr := closeAll(); err == nil && cerr != nil {
		fmt.Fprintf(stderr, "flexsim simulate: writing the trace: %v\n", cerr)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
		return 1
	}
	if f.format == "json" {
		err = bench.WriteJSON(stdout, reports...)
	} else {
		err = bench.WriteText(stdout, reports...)
	}
	if err == nil && f.out != "" {
		err = writeFile(f.out, func(w io.Writer) error { return bench.WriteJSON(w, reports...) })
	}
	if err == nil && f.html != "" {
		err = writeFile(f.html, func(w io.Writer) error { return bench.WriteHTML(w, reports...) })
	}
	if err != nil {
		fmt.Fprintf(stderr, "flexsim simulate: %v\n", err)
		return 2
	}
	return 0
}

func writeFile(name string, write func(io.Writer) error) error {
	file, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(file); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
