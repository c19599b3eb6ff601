package api

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// SinkCursorsFile is the name, in a data directory, of the file that keeps
// how far each event sink has been delivered.
const SinkCursorsFile = "sinks.json"

// fileCursors is a CursorStore in a JSON file, replaced atomically (write
// then rename) so that a crash leaves the old or the new cursors, never a
// torn file. It writes at most every cursorSaveInterval, and on flush: a
// sink restarted after a crash re-sends what it delivered in the last
// interval. Delivery is at least once.
type fileCursors struct {
	mu      sync.Mutex
	path    string
	cursors map[string]uint64
	saved   time.Time
	dirty   bool
}

// cursorSaveInterval bounds how often the cursors file is rewritten.
const cursorSaveInterval = 100 * time.Millisecond

// openFileCursors reads the cursors file of data directory dir, if any.
func openFileCursors(dir string) *fileCursors {
	c := &fileCursors{path: filepath.Join(dir, SinkCursorsFile), cursors: map[string]uint64{}}
	if b, err := os.ReadFile(c.path); err == nil {
		json.Unmarshal(b, &c.cursors) // unreadable: start over, at least once
	}
	return c
}

// Load returns sink name's last delivered sequence number.
func (c *fileCursors) Load(name string) (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seq, ok := c.cursors[name]
	return seq, ok
}

// Save records that sink name delivered everything up to seq.
func (c *fileCursors) Save(name string, seq uint64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cursors[name] = seq
	c.dirty = true
	if time.Since(c.saved) < cursorSaveInterval {
		return nil
	}
	return c.write()
}

// flush writes the cursors if a save has not been written yet.
func (c *fileCursors) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	return c.write()
}

// write replaces the file. c.mu is held.
func (c *fileCursors) write() error {
	b, err := json.Marshal(c.cursors)
	if err != nil {
		return err
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, c.path); err != nil {
		return err
	}
	c.saved, c.dirty = time.Now(), false
	return nil
}
