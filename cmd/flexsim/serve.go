package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
)

// runServe is `flexsim serve`: the GameLift endpoint until SIGINT or SIGTERM.
func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(api.GCPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr, nil)
}

// serve runs the server until ctx ends. ready, if not nil, receives the
// address it listens on once it accepts connections.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9080", "address to listen on")
	configPath := fs.String("config", "", "YAML configuration file: rule sets, configurations, fleets, queues, event sinks")
	clockKind := fs.String("clock", "real", "real, or virtual: time moves only on POST /_flexsim/clock/advance")
	tick := fs.Duration("tick", time.Second, "tick interval of the matchmaker and the placement queue")
	dataDir := fs.String("data-dir", "", "directory that keeps the state across restarts (default: memory only)")
	region := fs.String("region", engine.DefaultRegion, "region in ARNs (default: the configuration file's, else us-east-1)")
	account := fs.String("account", engine.DefaultAccount, "account ID in ARNs (default: the configuration file's, else "+engine.DefaultAccount+")")
	seed := fs.Uint64("seed", 0, "seed of generated IDs")
	eventLogSize := fs.Int("event-log-size", api.DefaultEventLogSize, "events kept for /_flexsim/events and the sinks")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: flexsim serve [--addr 127.0.0.1:9080] [--config flexsim.yaml] [--clock real|virtual] [--tick 1s] [--data-dir DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *tick <= 0 || *eventLogSize <= 0 || (*clockKind != "real" && *clockKind != "virtual") || (*logFormat != "text" && *logFormat != "json") {
		fs.Usage()
		return 2
	}
	var logger *slog.Logger
	if *logFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(stderr, nil))
	} else {
		logger = slog.New(slog.NewTextHandler(stderr, nil))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var cfg *api.Config
	if *configPath != "" {
		c, err := api.LoadConfig(*configPath)
		if err != nil {
			fmt.Fprintln(stderr, err) // one positioned error a line
			fmt.Fprintln(stderr, "flexsim serve: invalid configuration file; not started")
			return 1
		}
		cfg = c
		for _, w := range cfg.Warnings {
			logger.Warn("configuration file", slog.String("warning", w.Error()))
		}
		if !set["region"] && cfg.Region != "" {
			*region = cfg.Region
		}
		if !set["account"] && cfg.Account != "" {
			*account = cfg.Account
		}
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	opts := api.LocalOptions{
		Region: *region, Account: *account, Virtual: *clockKind == "virtual", Tick: *tick,
		Seed: *seed, DataDir: *dataDir, EventLogSize: *eventLogSize, Logger: logger, Registry: reg,
	}
	if cfg != nil {
		opts.Sinks = cfg.Sinks
	}
	local, err := api.OpenLocal(opts)
	if err != nil {
		fmt.Fprintf(stderr, "flexsim serve: %v\n", err)
		return 1
	}
	defer local.Close()
	if local.Replayed > 0 {
		logger.Info("state restored", slog.String("data_dir", *dataDir), slog.Int("records", local.Replayed))
	}
	if cfg != nil {
		if err := local.Server.ApplyConfig(ctx, cfg); err != nil {
			fmt.Fprintln(stderr, err)
			fmt.Fprintln(stderr, "flexsim serve: the configuration file could not be applied; not started")
			return 1
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "flexsim serve: %v\n", err)
		return 1
	}
	srv := &http.Server{Handler: local.Server, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(func() { local.Events.Close() }) // ends long polls and event streams
	logger.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("clock", *clockKind),
		slog.String("region", *region), slog.Int("operations", len(local.Server.Operations())))
	fmt.Fprintf(stdout, "flexsim: GameLift endpoint at http://%s (clock %s)\n", ln.Addr(), *clockKind)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "flexsim serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(stderr, "flexsim serve: shutdown: %v\n", err)
		return 1
	}
	return 0
}
