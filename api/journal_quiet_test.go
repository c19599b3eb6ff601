package api_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/flexsim/flexsim/api"
)

// journalTicks counts the tick records in the journal of dir by timer:
// the placement service's (timer 0) and the engine's (timer 1).
func journalTicks(t *testing.T, dir string) (hosting, matchmaking int) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, api.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var rec struct{ K, N string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		switch {
		case rec.K == "tick" && rec.N == "0":
			hosting++
		case rec.K == "tick" && rec.N == "1":
			matchmaking++
		case rec.K == "tick":
			t.Fatalf("a tick record of timer %q", rec.N)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return hosting, matchmaking
}

// TestQuietTicksNotJournaled checks that an idle server with a data
// directory journals no tick, and that a timer's ticks are journaled
// while they have something to do: a ticket searching until it times out
// and the tick that forgets it a retention later; a reserved seat timing
// out and a TERMINATING game session ending. (The tick that forgets a game
// session, 30 days after it ended, is in quietScenario.)
func TestQuietTicksNotJournaled(t *testing.T) {
	dir := t.TempDir()
	r := openRun(t, dir)
	defer r.close()
	var session, seat string
	ticketFound := func() bool {
		d := r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, r.tickets[0]))
		return lookup(d, "TicketList.0") != "<missing>"
	}
	steps := []struct {
		name                 string
		do                   func()
		hosting, matchmaking int // tick records the step writes
		check                func() bool
	}{
		{"set up, then idle an hour", func() {
			r.post("CreateMatchmakingRuleSet", fmt.Sprintf(`{"Name":"1v1","RuleSetBody":%q}`, oneVsOne))
			r.post("CreateMatchmakingConfiguration", `{"Name":"lone","RuleSetName":"1v1","FlexMatchMode":"STANDALONE","RequestTimeoutSeconds":60,"AcceptanceRequired":false}`)
			r.post("CreateFleet", `{"Name":"game","EC2InstanceType":"c5.large","Locations":[{"Location":"us-west-2"}],
				"RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/game","ConcurrentExecutions":2}]}}`)
			r.advance(3600)
		}, 0, 0, nil},
		// the first tick makes it SEARCHING, each searches the pool, the
		// 60th times it out (and drops its party)
		{"a lone ticket searches until it times out", func() {
			r.start("lone", "p1")
			r.advance(3600)
		}, 0, 60, func() bool {
			return lookup(r.post("DescribeMatchmaking", fmt.Sprintf(`{"TicketIds":[%q]}`, r.tickets[0])), "TicketList.0.Status") == "TIMED_OUT"
		}},
		{"idle until a second before its retention ends", func() { r.advance(day + 60 - 3600 - 1) }, 0, 0, ticketFound},
		{"the tick that forgets it", func() { r.advance(1) }, 0, 1, func() bool { return !ticketFound() }},
		{"idle a day", func() { r.advance(day) }, 0, 0, nil},
		{"a reserved seat times out", func() {
			fleet := lookup(r.post("DescribeFleetAttributes", `{}`), "FleetAttributes.0.FleetId")
			session = lookup(r.post("CreateGameSession", fmt.Sprintf(`{"FleetId":%q,"MaximumPlayerSessionCount":2}`, fleet)), "GameSession.GameSessionId")
			seat = lookup(r.post("CreatePlayerSession", fmt.Sprintf(`{"GameSessionId":%q,"PlayerId":"p1"}`, session)), "PlayerSession.PlayerSessionId")
			r.advance(3600)
		}, 1, 0, func() bool {
			return lookup(r.post("DescribePlayerSessions", fmt.Sprintf(`{"PlayerSessionId":%q}`, seat)), "PlayerSessions.0.Status") == "TIMEDOUT"
		}},
		{"a TERMINATING game session ends at the next tick", func() {
			r.post("TerminateGameSession", fmt.Sprintf(`{"GameSessionId":%q,"TerminationMode":"TRIGGER_ON_PROCESS_TERMINATE"}`, session))
			r.advance(3600)
		}, 1, 0, func() bool {
			return lookup(r.post("DescribeGameSessions", fmt.Sprintf(`{"GameSessionId":%q}`, session)), "GameSessions.0.Status") == "TERMINATED"
		}},
		{"idle a day", func() { r.advance(day) }, 0, 0, nil},
	}
	var hosting, matchmaking int
	for _, s := range steps {
		s.do()
		h, m := journalTicks(t, dir)
		if h-hosting != s.hosting || m-matchmaking != s.matchmaking {
			t.Fatalf("%s: %d placement and %d matchmaking tick records written, want %d and %d",
				s.name, h-hosting, m-matchmaking, s.hosting, s.matchmaking)
		}
		hosting, matchmaking = h, m
		if s.check != nil && !s.check() {
			t.Fatalf("%s: not done", s.name)
		}
	}
}

// TestQuietTicksChangeNothing runs quietScenario on three servers with
// the same seed and start: one without a data directory (every tick
// runs), one with a data directory (quiet ticks skipped) and one with a
// data directory restarted after every step (it replays a journal without
// the quiet ticks). After every step a client sees the same on all three:
// every ticket, placement, game and player session, every event with its
// seq, ID and time, the clock. The journals hold only a small part of the
// ticks that fell due, and the same records.
func TestQuietTicksChangeNothing(t *testing.T) {
	dir, restartedDir := t.TempDir(), t.TempDir()
	runs := []*localRun{openRun(t, ""), openRun(t, dir), openRun(t, restartedDir)}
	defer func() {
		for _, r := range runs {
			r.close()
		}
	}()
	memory, journaled := runs[0], runs[1]
	var hosting, matchmaking, due int
	runQuietScenario(t, runs, func(s quietStep) {
		tickets := runs[2].tickets
		runs[2].close()
		runs[2] = openRun(t, restartedDir)
		runs[2].tickets = tickets
		want := memory.everything()
		if got := journaled.everything(); got != want {
			t.Fatalf("after %q, skipping quiet ticks changed what a client sees:\n%s", s.name, firstDifference(got, want))
		}
		if got := runs[2].everything(); got != want {
			t.Fatalf("after %q, the server restarted on its data directory differs from the one never stopped:\n%s", s.name, firstDifference(got, want))
		}
		hosting, matchmaking = journalTicks(t, dir)
		due = int(memory.l.Clock.Now().Sub(start) / time.Second) // ticks of each timer
		if due >= day && hosting+matchmaking > 2*due/100 {
			t.Fatalf("after %q, %d placement and %d matchmaking tick records of %d each that fell due: quiet ticks were journaled",
				s.name, hosting, matchmaking, due)
		}
	})
	t.Logf("%d placement and %d matchmaking tick records of %d each that fell due; the last restart replayed %d records",
		hosting, matchmaking, due, runs[2].l.Replayed)
	never, err := os.ReadFile(filepath.Join(dir, api.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	restarted, err := os.ReadFile(filepath.Join(restartedDir, api.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(never) != string(restarted) {
		t.Errorf("the restarted server's journal differs from the one never stopped:\n%s", firstDifference(string(restarted), string(never)))
	}
}

// firstDifference shows got and want around the first byte where they
// differ.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	around := func(s string) string { return s[max(0, i-300):min(len(s), i+300)] }
	return fmt.Sprintf("at byte %d:\ngot  …%s…\nwant …%s…", i, around(got), around(want))
}
