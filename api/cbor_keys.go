package api

import "sync/atomic"

// keyCache shares the map keys decoded from requests: the regions of
// LatencyInMs and the names of PlayerAttributes. The same few arrive in
// nearly every StartMatchmaking, and a ticket keeps them for as long as
// it lives; one shared copy of each saves an allocation per key and,
// above all, the garbage collector's work on the many tickets a busy
// server holds. It is a fixed table of slots without locks: a key whose
// slot holds another is simply allocated and takes the slot over.
type keyCache struct {
	slots [keyCacheSlots]atomic.Pointer[string]
}

const (
	keyCacheSlots = 1024
	maxCachedKey  = 64 // longer keys are not worth a slot
)

// decodedKeys is the cache of the CBOR fast path.
var decodedKeys keyCache

// get returns b as a string, shared with earlier calls for the same bytes
// when its slot still holds them.
func (c *keyCache) get(b []byte) string {
	if len(b) > maxCachedKey {
		return string(b)
	}
	h := uint32(2166136261) // FNV-1a
	for _, x := range b {
		h = (h ^ uint32(x)) * 16777619
	}
	slot := &c.slots[h%keyCacheSlots]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}
