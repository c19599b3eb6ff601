package api_test

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
)

// TestLocalRestart checks that a server restarted on its data directory
// answers exactly as before, and goes on exactly as a server that never
// stopped.
func TestLocalRestart(t *testing.T) {
	dir := t.TempDir()
	a := openRun(t, dir)
	a.stateBefore()
	before := a.snapshot()
	tickets := a.tickets
	a.close()

	b := openRun(t, dir)
	defer b.close()
	if b.l.Replayed == 0 {
		t.Fatal("nothing replayed")
	}
	b.tickets = tickets
	if got := b.snapshot(); got != before {
		t.Fatalf("restarted state differs:\nbefore %s\nafter  %s", before, got)
	}
	b.stateAfter()

	c := openRun(t, "")
	defer c.close()
	c.stateBefore()
	c.stateAfter()
	if got, want := b.snapshot(), c.snapshot(); got != want {
		t.Fatalf("restarted run differs from an uninterrupted one:\nrestarted %s\nnever stopped %s", got, want)
	}
	if !strings.Contains(before, "MatchmakingSucceeded") || !strings.Contains(before, "PlacementFulfilled") {
		t.Errorf("the scenario made no match or placement:\n%s", before)
	}
}

// TestJournalDamage checks a torn last record is cut off and any other
// damage or a change of settings refuses to start with the file named.
func TestJournalDamage(t *testing.T) {
	dir := t.TempDir()
	a := openRun(t, dir)
	a.stateBefore()
	a.close()
	path := filepath.Join(dir, api.JournalFile)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	os.WriteFile(path, append(append([]byte{}, good...), `{"k":"op","t":1,"n":"StartMatchm`...), 0o644)
	b := openRun(t, dir)
	b.close()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, good) {
		t.Errorf("torn record not cut off: %d bytes, want %d", len(after), len(good))
	}

	lines := bytes.SplitAfter(good, []byte("\n"))
	lines[3] = []byte("garbage\n")
	os.WriteFile(path, bytes.Join(lines, nil), 0o644)
	if _, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7}); err == nil || !strings.Contains(err.Error(), api.JournalFile+":4: unreadable record") {
		t.Errorf("damaged journal: %v", err)
	}

	os.WriteFile(path, good, 0o644)
	if _, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7, Region: "eu-west-1"}); err == nil || !strings.Contains(err.Error(), "--region us-east-1 (now eu-west-1)") {
		t.Errorf("other region: %v", err)
	}
}

// TestLocalSinkRestart checks that a sink restarted on a data directory
// goes on where it stopped: every event delivered once across a restart.
func TestLocalSinkRestart(t *testing.T) {
	rc := newReceiver(t, 0)
	rc.Start()
	defer rc.Close()
	dir := t.TempDir()
	var reg *prometheus.Registry
	open := func() *localRun {
		reg = prometheus.NewRegistry()
		l, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir, Seed: 7, Registry: reg,
			Sinks: []api.SinkConfig{{Name: "hook", URL: rc.URL}}})
		if err != nil {
			t.Fatal(err)
		}
		return &localRun{t: t, l: l, srv: httptest.NewServer(l.Server)}
	}
	a := open()
	a.stateBefore()
	first := a.l.Events.Last()
	rc.wait(t, int(first))
	// the receiver has them; wait until the sink has seen its answers too,
	// or the restart sends the last again (at least once)
	waitDelivered(t, reg, first)
	a.close()

	b := open()
	b.tickets = a.tickets
	b.stateAfter()
	last := b.l.Events.Last()
	rc.wait(t, int(last-first))
	waitDelivered(t, reg, last-first)
	b.close()
	seen := map[string]int{}
	for _, n := range rc.notifications() {
		seen[n.body["MessageId"]]++
	}
	if len(seen) != int(last) {
		t.Errorf("%d distinct events delivered, want %d", len(seen), last)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("event %s delivered %d times", id, n)
		}
	}
}

// waitDelivered waits until the sinks' delivered counter reaches n.
func waitDelivered(t *testing.T, reg *prometheus.Registry, n uint64) {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for {
		mfs, _ := reg.Gather()
		got := 0.0
		for _, mf := range mfs {
			if mf.GetName() == "flexsim_sink_events_delivered_total" {
				for _, m := range mf.GetMetric() {
					got += m.GetCounter().GetValue()
				}
			}
		}
		if got >= float64(n) {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("the sink delivered %v events, want %d", got, n)
		}
	}
}
