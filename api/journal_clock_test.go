package api

import (
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"
)

// steppedClock is a base clock the test sets, backwards too, and whose
// timers the test fires.
type steppedClock struct {
	now    time.Time
	timers []func(time.Time)
}

func (c *steppedClock) Now() time.Time { return c.now }

func (c *steppedClock) Every(_ time.Duration, f func(time.Time)) func() {
	c.timers = append(c.timers, f)
	return func() {}
}

// TestJournalClockSkipsQuietTicks checks that a tick its timer's owner
// calls quiet is neither journaled nor run, but still counts as passed: no
// reading after it is earlier, though the base clock steps back; and that
// other ticks and changes are journaled at the time they see.
func TestJournalClockSkipsQuietTicks(t *testing.T) {
	dir := t.TempDir()
	j, _, err := openJournal(dir, journalHeader{Region: "us-east-1", Clock: "real", Tick: "1s"})
	if err != nil {
		t.Fatal(err)
	}
	defer j.close()
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	base := &steppedClock{now: t0}
	c := &journalClock{j: j, log: slog.New(slog.DiscardHandler), at: t0}
	var ran []time.Time
	c.Every(time.Second, func(now time.Time) { ran = append(ran, now) })
	quiet := true
	c.skipQuietTicks(0, func(time.Time) bool { return quiet })
	c.goLive(base)
	tick := func(at time.Time) { base.timers[0](at) }

	tick(t0.Add(time.Second)) // quiet: skipped
	base.now = t0.Add(-time.Minute)
	if got := c.Now(); !got.Equal(t0.Add(time.Second)) {
		t.Errorf("after a skipped tick at +1s and the base clock stepping back, Now = %v", got)
	}
	var seen time.Time
	if err := c.apply(time.Time{}, record{K: recordClock}, func() { seen = c.Now() }); err != nil {
		t.Fatal(err)
	}
	if !seen.Equal(t0.Add(time.Second)) {
		t.Errorf("a change after the skipped tick saw %v", seen)
	}
	quiet = false
	tick(t0.Add(500 * time.Millisecond)) // late: runs at the latest time passed
	if len(ran) != 1 || !ran[0].Equal(t0.Add(time.Second)) {
		t.Errorf("ticks run at %v, want one at +1s", ran)
	}
	b, err := os.ReadFile(j.path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:] // after the header
	at := t0.Add(time.Second).UnixNano()
	want := []record{{K: recordClock, T: at}, {K: recordTick, T: at, N: "0"}}
	if len(lines) != len(want) {
		t.Fatalf("journal: %q, want %d records", lines, len(want))
	}
	for i, w := range want {
		var r record
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil || r.K != w.K || r.T != w.T || r.N != w.N {
			t.Errorf("record %d: %s, want %+v", i+1, lines[i], w)
		}
	}
}
