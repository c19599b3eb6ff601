package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// JournalFile is the name of the journal in a data directory.
const JournalFile = "journal.jsonl"

// journalVersion is the format of journal.jsonl; a journal of another
// version is refused.
const journalVersion = 1

// Kinds of journal records.
const (
	recordHeader     = "header" // first line: what the journal was made with
	recordOperation  = "op"     // a mutating GameLift operation: N name, C codec, B body
	recordTick       = "tick"   // a tick of timer N (in registration order) that had something to do
	recordGameServer = "gs"     // a game-server endpoint: N path, B JSON body
	recordClock      = "clock"  // the virtual clock was moved to T
)

// record is one line of the journal. T is the clock reading (Unix
// nanoseconds) the change was applied at.
type record struct {
	K string `json:"k"`
	T int64  `json:"t"`
	N string `json:"n,omitempty"`
	C string `json:"c,omitempty"`
	B []byte `json:"b,omitempty"`
}

// journalHeader is the journal's first line: the settings that must not
// change between runs on one data directory, because replay reproduces the
// state only with the same ones.
type journalHeader struct {
	K       string `json:"k"`
	Version int    `json:"version"`
	Region  string `json:"region"`
	Account string `json:"account"`
	Clock   string `json:"clock"` // real or virtual
	Tick    string `json:"tick"`
	Seed    uint64 `json:"seed"`
	Start   int64  `json:"start"` // Unix nanoseconds: the virtual clock's first reading
}

// journal is the write-ahead log of a data directory: every change to the
// state (mutating operations, ticks, game-server calls, clock moves) is
// written, in the order it is applied, before it is applied. Replaying it
// into a new engine and placement service with the same settings rebuilds
// the same state, because both are deterministic in their inputs. A tick
// that would change nothing is neither written nor run (journalClock), so
// an idle server writes nothing.
//
// A record is written with one write(2) before the change is applied and
// before the caller is answered, so a process killed with SIGKILL loses
// nothing it acknowledged; the file is synced to disk once a second, so a
// machine that loses power can lose the last second. mu serialises changes:
// the order of the file is the order they were applied in.
type journal struct {
	mu     sync.Mutex
	path   string
	f      *os.File
	header journalHeader
	stop   chan struct{}
	done   chan struct{}
}

// openJournal opens (creating it if needed) the journal in dir and returns
// it with the records it holds after the header. want is the header of
// this run: a fresh journal is started with it; an existing one must match
// it, except for Start, which the existing journal's wins. A torn last
// line (a write cut short by a crash) is cut off; anything else unreadable
// is an error that names the line.
func openJournal(dir string, want journalHeader) (*journal, []record, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, JournalFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	j := &journal{path: path, f: f, stop: make(chan struct{}), done: make(chan struct{})}
	recs, good, err := j.read(want)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	if good == 0 {
		want.K, want.Version = recordHeader, journalVersion
		j.header = want
		if err := j.write(want); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	go j.syncLoop()
	return j, recs, nil
}

// read parses the journal, checks its header against want and returns the
// records and the length of the well-formed prefix.
func (j *journal) read(want journalHeader) ([]record, int64, error) {
	r := bufio.NewReaderSize(j.f, 1<<20)
	var recs []record
	var good int64
	for line := 1; ; line++ {
		b, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			// a last line without its newline is a write cut short
			return recs, good, nil
		}
		if err != nil {
			return nil, 0, err
		}
		if line == 1 {
			if err := json.Unmarshal(b, &j.header); err != nil || j.header.K != recordHeader {
				return nil, 0, fmt.Errorf("%s:1: not a flexsim journal", j.path)
			}
			if err := j.header.matches(want); err != nil {
				return nil, 0, fmt.Errorf("%s: %w", j.path, err)
			}
		} else {
			var rec record
			if err := json.Unmarshal(b, &rec); err != nil || rec.K == "" {
				if _, peekErr := r.Peek(1); errors.Is(peekErr, io.EOF) {
					return recs, good, nil // torn last record
				}
				return nil, 0, fmt.Errorf("%s:%d: unreadable record", j.path, line)
			}
			recs = append(recs, rec)
		}
		good += int64(len(b))
	}
}

// matches reports how h (an existing journal's header) differs from want.
func (h journalHeader) matches(want journalHeader) error {
	if h.Version != journalVersion {
		return fmt.Errorf("journal version %d, this flexsim reads version %d", h.Version, journalVersion)
	}
	var diff []string
	for _, d := range []struct{ name, had, want string }{
		{"--region", h.Region, want.Region},
		{"--account", h.Account, want.Account},
		{"--clock", h.Clock, want.Clock},
		{"--tick", h.Tick, want.Tick},
		{"seed", fmt.Sprint(h.Seed), fmt.Sprint(want.Seed)},
	} {
		if d.had != d.want {
			diff = append(diff, fmt.Sprintf("%s %s (now %s)", d.name, d.had, d.want))
		}
	}
	if len(diff) > 0 {
		return fmt.Errorf("the data directory was made with %s; start with the same settings or another data directory", strings.Join(diff, ", "))
	}
	return nil
}

// write appends one line, the JSON of v, with one write(2). Once the
// journal is open, the caller holds mu.
func (j *journal) write(v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	_, err := j.f.Write(buf.Bytes())
	return err
}

// syncLoop flushes the file to disk once a second until close.
func (j *journal) syncLoop() {
	defer close(j.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			j.f.Sync()
		case <-j.stop:
			return
		}
	}
}

// close syncs and closes the file.
func (j *journal) close() error {
	close(j.stop)
	<-j.done
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.f.Sync(); err != nil {
		j.f.Close()
		return err
	}
	return j.f.Close()
}
