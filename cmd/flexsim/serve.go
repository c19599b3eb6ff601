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
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/flexsim/flexsim/api"
	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// runServe is `flexsim serve`: the GameLift endpoint until SIGINT or SIGTERM.
func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
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
	clockKind := fs.String("clock", "real", "real, or virtual: time moves only on POST /_flexsim/clock/advance")
	tick := fs.Duration("tick", time.Second, "tick interval of the matchmaker and the placement queue")
	region := fs.String("region", engine.DefaultRegion, "region in ARNs")
	account := fs.String("account", "123456789012", "account ID in ARNs")
	logFormat := fs.String("log-format", "text", "request log format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: flexsim serve [--addr 127.0.0.1:9080] [--clock real|virtual] [--tick 1s] [--region us-east-1] [--account 123456789012] [--log-format text|json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *tick <= 0 || (*clockKind != "real" && *clockKind != "virtual") || (*logFormat != "text" && *logFormat != "json") {
		fs.Usage()
		return 2
	}
	var logger *slog.Logger
	if *logFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(stderr, nil))
	} else {
		logger = slog.New(slog.NewTextHandler(stderr, nil))
	}

	var clock engine.Clock = engine.RealClock{}
	var apiOpts []api.Option
	if *clockKind == "virtual" {
		vc := engine.NewVirtualClock(time.Now().UTC().Truncate(time.Millisecond))
		clock = vc
		apiOpts = append(apiOpts, api.WithVirtualClock(vc))
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	hosting := placement.New(placement.WithClock(clock), placement.WithTickInterval(*tick),
		placement.WithRegion(*region), placement.WithAccount(*account))
	defer hosting.Close()
	mm := engine.New(engine.WithClock(clock), engine.WithTickInterval(*tick), engine.WithRegion(*region),
		engine.WithAccount(*account), engine.WithPlacer(hosting), engine.WithRegisterer(reg))
	defer mm.Close()
	handler := api.New(mm, hosting, append(apiOpts, api.WithRegistry(reg), api.WithLogger(logger))...)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "flexsim serve: %v\n", err)
		return 1
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	logger.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("clock", *clockKind),
		slog.String("region", *region), slog.Int("operations", len(handler.Operations())))
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
