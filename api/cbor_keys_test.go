package api

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestKeyCache(t *testing.T) {
	var c keyCache
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	first := c.get([]byte("us-east-1"))
	if again := c.get([]byte("us-east-1")); again != "us-east-1" || !same(first, again) {
		t.Fatalf("the second us-east-1 is %q, shared %v", again, same(first, again))
	}
	long := strings.Repeat("r", maxCachedKey+1)
	if a, b := c.get([]byte(long)), c.get([]byte(long)); a != long || same(a, b) {
		t.Fatalf("a key over %d bytes was cached", maxCachedKey)
	}
	// more distinct keys than slots: every answer is still its own bytes
	for i := range 4 * keyCacheSlots {
		k := fmt.Sprintf("region-%d", i)
		if got := c.get([]byte(k)); got != k {
			t.Fatalf("get(%q) = %q", k, got)
		}
	}
}

// TestKeyCacheConcurrent: callers racing for the same slots always get
// their own bytes back (run under -race).
func TestKeyCacheConcurrent(t *testing.T) {
	var c keyCache
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 2000 {
				k := fmt.Sprintf("k%d", (i*7+g)%(2*keyCacheSlots))
				if got := c.get([]byte(k)); got != k {
					t.Errorf("get(%q) = %q", k, got)
					return
				}
			}
		})
	}
	wg.Wait()
}
