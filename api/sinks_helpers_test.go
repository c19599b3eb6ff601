package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
)

// notification is one POST a receiver got.
type notification struct {
	header http.Header
	body   map[string]string
}

// receiver is an SNS HTTP subscriber that answers 500 to the first fail
// POSTs and records the others.
type receiver struct {
	*httptest.Server
	mu   sync.Mutex
	fail int
	got  []notification
	each chan struct{} // a value per POST, taken or failed
}

func newReceiver(t *testing.T, fail int) *receiver {
	rc := &receiver{fail: fail, each: make(chan struct{}, 1000)}
	rc.Server = httptest.NewUnstartedServer(http.HandlerFunc(rc.serve))
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	defer func() { rc.each <- struct{}{} }()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.fail > 0 {
		rc.fail--
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	b, _ := io.ReadAll(r.Body)
	n := notification{header: r.Header.Clone()}
	if err := json.Unmarshal(b, &n.body); err != nil {
		n.body = map[string]string{"unreadable": string(b)}
	}
	rc.got = append(rc.got, n)
}

// wait takes n POSTs.
func (rc *receiver) wait(t *testing.T, n int) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for range n {
		select {
		case <-rc.each:
		case <-deadline:
			t.Fatalf("the receiver did not get %d POSTs", n)
		}
	}
}

func (rc *receiver) notifications() []notification {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return slices.Clone(rc.got)
}

// fastRetries are sink options that retry within milliseconds.
func fastRetries(reg prometheus.Registerer, topics api.TopicLookup) api.SinkOptions {
	return api.SinkOptions{BackoffBase: time.Millisecond, Registry: reg, Topics: topics}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// savedCursors is a CursorStore that tells each save.
type savedCursors struct {
	api.MemoryCursors
	saves chan [2]any
	seen  map[[2]any]bool // read by the test's goroutine only
}

func newSavedCursors() *savedCursors {
	return &savedCursors{saves: make(chan [2]any, 10000), seen: map[[2]any]bool{}}
}

func (c *savedCursors) Save(name string, seq uint64) error {
	c.MemoryCursors.Save(name, seq)
	c.saves <- [2]any{name, seq}
	return nil
}

// waitFor returns once sink name has saved seq as its cursor.
func (c *savedCursors) waitFor(t *testing.T, name string, seq uint64) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !c.seen[[2]any{name, seq}] {
		select {
		case s := <-c.saves:
			c.seen[s] = true
		case <-deadline:
			got, _ := c.Load(name)
			t.Fatalf("sink %s did not reach seq %d (at %d)", name, seq, got)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// counterValue returns the value of counter name for sink.
func counterValue(t *testing.T, reg *prometheus.Registry, name, sink string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if m.GetLabel()[0].GetValue() == sink {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}
