package engine

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestEventTimeIsTheLayout checks EventTime against time.Format over
// random instants from year 0 to 10999 (the later ones take Format's own
// path), in several zones.
func TestEventTimeIsTheLayout(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	zones := []*time.Location{time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -8*3600)}
	lo, hi := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro(), time.Date(10999, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()
	for i := range 20000 {
		at := time.UnixMicro(lo + rng.Int64N(hi-lo)).Add(time.Duration(rng.IntN(1000))).In(zones[i%len(zones)])
		if got, want := EventTime(at), at.UTC().Format("2006-01-02T15:04:05.000Z"); got != want {
			t.Fatalf("EventTime(%v) = %s, want %s", at, got, want)
		}
	}
}
