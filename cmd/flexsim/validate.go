package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/flexsim/flexsim/ruleset"
)

// finding is one line of `validate --json` output.
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Path     string `json:"path"`
	Message  string `json:"message"`
	Severity string `json:"severity"`
}

// runValidate implements `flexsim validate`. Exit status: 0 every file is
// valid, 1 some file is invalid, 2 usage or I/O error.
func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print findings as a JSON list of {file, line, column, path, message, severity}")
	strict := fs.Bool("strict", false, "treat warnings (comments, likely mistakes) as errors")
	timeout := fs.Duration("request-timeout", ruleset.DefaultRequestTimeout, "the configuration's request timeout that lint checks assume")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: flexsim validate [flags] FILE... (- reads standard input)")
		fmt.Fprintln(stderr, "\nChecks rule sets as GameLift's ValidateMatchmakingRuleSet would, listing every problem.")
		fmt.Fprintln(stderr, "Exit status: 0 valid, 1 invalid, 2 usage or I/O error.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "flexsim validate: no files given (use - for standard input)")
		fs.Usage()
		return 2
	}
	cfg := ruleset.Config{RequestTimeout: *timeout}
	v := validation{cfg: cfg, strict: *strict, stdin: stdin, stdout: stdout, stderr: stderr}
	for _, name := range fs.Args() {
		v.file(name, *asJSON)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if v.findings == nil {
			v.findings = []finding{}
		}
		enc.Encode(v.findings)
	} else if line := countLine(v.errors, v.warnings); line != "" {
		fmt.Fprintln(stdout, line)
	}
	switch {
	case v.ioFailed:
		return 2
	case v.errors > 0:
		return 1
	}
	return 0
}

type validation struct {
	cfg              ruleset.Config
	strict           bool
	stdin            io.Reader
	stdout, stderr   io.Writer
	findings         []finding
	errors, warnings int
	ioFailed         bool
}

// file validates one file and prints (or collects) its findings.
func (v *validation) file(name string, asJSON bool) {
	body, err := readInput(name, v.stdin)
	if err != nil {
		fmt.Fprintf(v.stderr, "flexsim validate: %v\n", err)
		v.ioFailed = true
		return
	}
	display := name
	if name == "-" {
		display = "<stdin>"
	}
	cfg := v.cfg
	cfg.Filename = display
	rs, list := cfg.Parse(body)
	if v.strict && len(list) > 0 {
		list, rs = list.Strict(), nil
	}
	for _, e := range list {
		if e.Severity == ruleset.SeverityError {
			v.errors++
		} else {
			v.warnings++
		}
		if asJSON {
			v.findings = append(v.findings, finding{display, e.Pos.Line, e.Pos.Column, e.Path, e.Msg, e.Severity.String()})
		} else {
			fmt.Fprintln(v.stdout, e.Error())
		}
	}
	if rs != nil && !asJSON {
		fmt.Fprintf(v.stdout, "%s: ok: %s\n", display, rs.Summary())
	}
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

// countLine renders "2 errors, 1 warning", or "" when there is nothing.
func countLine(errors, warnings int) string {
	var parts []string
	if errors > 0 {
		parts = append(parts, plural(errors, "error"))
	}
	if warnings > 0 {
		parts = append(parts, plural(warnings, "warning"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
