package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand: it reads its arguments and streams and returns
// the process exit status.
type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = []command{
	{"validate", "check FlexMatch rule-set files as GameLift would, with positioned errors", runValidate},
	{"serve", "serve the GameLift API (JSON 1.1 and RPC v2 CBOR) for the AWS SDKs and CLI", runServe},
	{"simulate", "run a rule set against synthetic players in virtual time and report waits and match quality", runSimulate},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand. Exit status 2 means a usage error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "flexsim: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "flexsim: a local Amazon GameLift FlexMatch simulator")
	fmt.Fprintln(w, "\nUsage: flexsim <command> [flags] [args]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'flexsim <command> -h' for a command's flags.")
}
