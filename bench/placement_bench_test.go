package bench_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/placement"
)

// The placement benchmarks: a queue over 20 fleets of 10 locations each,
// with the documented latency policies (50 ms for 120 s, 100 ms for 120 s,
// then 200 ms), and requests of 10 players each reporting a latency to
// every location.
//
//   - BenchmarkDestinationChoice times ordering the 200 candidates for one
//     request (PlacementPlan.Rank) at three ages, and without latency data.
//     Target: under 20 µs.
//   - BenchmarkPlacementRetry times one Service.Tick retrying 10,000
//     PENDING placements: "none-free", no fleet location has a free
//     process; "blocked", one location has plenty but no request reports a
//     latency to it, so every placement orders its candidates (on its first
//     tick) and scans them all (on every tick); "blocked-first-tick", that
//     first tick alone; "blocked-policy-change", the tick at 240 s, when
//     every placement moves to the 200 ms policy and orders its candidates
//     again. Target: under 100 ms.

const (
	benchFleets    = 20
	benchPlayers   = 10
	benchPending   = 10_000
	placementSeed  = 5
	benchQueueName = "bench-queue"
)

var benchLocations = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
	"eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2", "sa-east-1",
}

var benchEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// hosting builds the Service, its fleets (instances per location, plus
// extra instances in a location no player reports, if extra > 0) and the
// queue.
func hosting(b *testing.B, instances, extra int) *placement.Service {
	b.Helper()
	s := placement.New(placement.WithClock(engine.NewVirtualClock(benchEpoch)), placement.WithSeed(placementSeed))
	b.Cleanup(func() { s.Close() })
	var dests []placement.GameSessionQueueDestination
	for i := range benchFleets {
		spec := placement.FleetSpec{Name: "fleet-" + strconv.Itoa(i), CostPerHour: 0.1 + float64(i%5)/10}
		for _, l := range benchLocations {
			spec.Locations = append(spec.Locations, placement.LocationSpec{Location: l, Instances: instances})
		}
		if i == benchFleets-1 && extra > 0 {
			spec.Locations = append(spec.Locations, placement.LocationSpec{Location: "af-south-1", Instances: extra})
		}
		f, err := s.AddFleet(spec)
		if err != nil {
			b.Fatal(err)
		}
		dests = append(dests, placement.GameSessionQueueDestination{DestinationArn: f.FleetArn})
	}
	if _, err := s.CreateGameSessionQueue(ctx, &placement.CreateGameSessionQueueInput{
		Name: benchQueueName, TimeoutInSeconds: 600, Destinations: dests,
		PlayerLatencyPolicies: []placement.PlayerLatencyPolicy{
			{MaximumIndividualPlayerLatencyMilliseconds: 50, PolicyDurationSeconds: new(120)},
			{MaximumIndividualPlayerLatencyMilliseconds: 100, PolicyDurationSeconds: new(120)},
			{MaximumIndividualPlayerLatencyMilliseconds: 200},
		},
	}); err != nil {
		b.Fatal(err)
	}
	return s
}

// requestLatencies draws the latencies of one request: 10 players near
// one of the locations (their home), each reporting every location, 20 ms
// plus 25 ms per step away from home (in benchLocations order) plus up to
// 40 ms of noise. Near home the 50 and 100 ms policies let a few locations
// through; the 200 ms policy, about half of them.
func requestLatencies(rng *rand.Rand, id int) []placement.PlayerLatency {
	home := rng.IntN(len(benchLocations))
	out := make([]placement.PlayerLatency, 0, benchPlayers*len(benchLocations))
	for p := range benchPlayers {
		player := fmt.Sprintf("r%d-p%d", id, p)
		for j, l := range benchLocations {
			ms := 20 + 25*max(j-home, home-j) + rng.IntN(40)
			out = append(out, placement.PlayerLatency{PlayerId: player, RegionIdentifier: l, LatencyInMilliseconds: float32(ms)})
		}
	}
	return out
}

func BenchmarkDestinationChoice(b *testing.B) {
	s := hosting(b, 1, 0)
	plan, err := s.PlacementPlan(benchQueueName)
	if err != nil {
		b.Fatal(err)
	}
	if plan.Len() != benchFleets*len(benchLocations) {
		b.Fatalf("%d candidates", plan.Len())
	}
	rng := rand.New(rand.NewPCG(placementSeed, 1))
	reqs := make([][]placement.PlayerLatency, 64)
	for i := range reqs {
		reqs[i] = requestLatencies(rng, i)
	}
	for _, tc := range []struct {
		name    string
		age     time.Duration
		latency bool
	}{
		{"age=0s", 0, true},
		{"age=130s", 130 * time.Second, true},
		{"age=300s", 300 * time.Second, true},
		{"no-latency", 0, false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			dst := make([]placement.Candidate, 0, plan.Len())
			total, i := 0, 0
			for b.Loop() {
				var lats []placement.PlayerLatency
				if tc.latency {
					lats = reqs[i%len(reqs)]
				}
				dst = plan.Rank(lats, tc.age, dst[:0])
				total += len(dst)
				i++
			}
			b.ReportMetric(float64(total)/float64(i), "candidates/op")
		})
	}
}

func BenchmarkPlacementRetry(b *testing.B) {
	for _, tc := range []struct {
		name  string
		extra int
		// once, if set, times only the tick at that age of fresh
		// placements (after an untimed tick a second before).
		once time.Duration
	}{
		{"none-free", 0, 0},
		{"blocked", 1000, 0},
		{"blocked-first-tick", 1000, time.Second},
		{"blocked-policy-change", 1000, 240 * time.Second},
	} {
		b.Run(fmt.Sprintf("%s/N=%d", tc.name, benchPending), func(b *testing.B) {
			var s *placement.Service
			var now time.Time
			setup := func() {
				s = hosting(b, 0, tc.extra)
				rng := rand.New(rand.NewPCG(placementSeed, 2))
				for i := range benchPending {
					if _, err := s.StartGameSessionPlacement(ctx, &placement.StartGameSessionPlacementInput{
						PlacementId: "p-" + strconv.Itoa(i), GameSessionQueueName: benchQueueName,
						MaximumPlayerSessionCount: benchPlayers, PlayerLatencies: requestLatencies(rng, i),
					}); err != nil {
						b.Fatal(err)
					}
				}
				now = benchEpoch
				if tc.once > time.Second {
					now = benchEpoch.Add(tc.once - time.Second)
					s.Tick(now)
				}
			}
			setup()
			for b.Loop() {
				// Stay clear of the 600 s timeout: start over after 500 ticks.
				if now.Sub(benchEpoch) >= 500*time.Second || (tc.once > 0 && now.Sub(benchEpoch) >= tc.once) {
					b.StopTimer()
					setup()
					b.StartTimer()
				}
				now = now.Add(time.Second)
				s.Tick(now)
			}
			out, err := s.DescribeGameSessionPlacement(ctx, &placement.DescribeGameSessionPlacementInput{PlacementId: "p-0"})
			if err != nil || out.GameSessionPlacement.Status != placement.PlacementPending {
				b.Fatalf("p-0: %+v, %v", out, err)
			}
		})
	}
}
