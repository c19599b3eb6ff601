package bench_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
	"github.com/flexsim/flexsim/ticket"
)

// moments returns the mean and the (population) standard deviation.
func moments(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)))
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.4g, want %.4g ± %.2g", what, got, want, tol)
	}
}

// TestDistributions draws 100,000 values from each distribution with a
// fixed seed and checks their mean, deviation and bounds.
func TestDistributions(t *testing.T) {
	const n = 100_000
	tests := []struct {
		name       string
		d          bench.Dist
		mean, sd   float64
		lo, hi     float64
		tolM, tolS float64
	}{
		{"constant", bench.Constant(7), 7, 0, 7, 7, 0, 0},
		{"uniform", bench.Dist{Kind: bench.DistUniform, Min: 10, Max: 30}, 20, 20 / math.Sqrt(12), 10, 30, 0.1, 0.1},
		{"normal", bench.Dist{Kind: bench.DistNormal, Mean: 1000, StdDev: 200}, 1000, 200, math.Inf(-1), math.Inf(1), 2, 2},
		{"exponential", bench.Dist{Kind: bench.DistExponential, Mean: 45}, 45, 45, 0, math.Inf(1), 0.5, 0.5},
		// clamped at the mean: half the mass sits on 1000
		{"normal clamped", bench.Dist{Kind: bench.DistNormal, Mean: 1000, StdDev: 200, Min: 1000, HasMin: true}, 1000 + 200/math.Sqrt(2*math.Pi), 200 * math.Sqrt(0.5-1/(2*math.Pi)), 1000, math.Inf(1), 2, 2},
		{"rounded", bench.Dist{Kind: bench.DistUniform, Min: 0, Max: 10, Round: 5}, 5, math.Sqrt(12.5), 0, 10, 0.1, 0.1},
		{"cycle", bench.Dist{Kind: bench.DistCycle, Values: []float64{1, 2, 3, 4}}, 2.5, math.Sqrt(1.25), 1, 4, 0, 1e-9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = tc.d.Sample(rng, i)
				if xs[i] < tc.lo || xs[i] > tc.hi {
					t.Fatalf("draw %d = %g, outside [%g, %g]", i, xs[i], tc.lo, tc.hi)
				}
				if tc.d.Round > 0 && math.Mod(xs[i], tc.d.Round) != 0 {
					t.Fatalf("draw %d = %g, not a multiple of %g", i, xs[i], tc.d.Round)
				}
			}
			m, sd := moments(xs)
			near(t, "mean", m, tc.mean, tc.tolM)
			near(t, "stddev", sd, tc.sd, tc.tolS)
		})
	}
}

// streamOf draws a workload's whole stream.
func streamOf(t *testing.T, text string, seed uint64, d time.Duration) []bench.Arrival {
	t.Helper()
	s := bench.NewStream(mustWorkload(t, text), seed, d)
	var out []bench.Arrival
	for {
		a, ok := s.Next()
		if !ok {
			return out
		}
		out = append(out, a)
	}
}

// TestPoissonArrivals checks a Poisson process at 50 per second: counts
// per second with mean and variance 50, exponential gaps (mean 20 ms,
// coefficient of variation 1), times in order and in whole milliseconds.
func TestPoissonArrivals(t *testing.T) {
	const secs = 2000
	arr := streamOf(t, "arrivals: {rate: 50}\nregions: {}\n", 9, secs*time.Second)
	near(t, "tickets", float64(len(arr)), 50*secs, 4*math.Sqrt(50*secs))
	counts := make([]float64, secs)
	var gaps []float64
	for i, a := range arr {
		counts[a.At/time.Second]++
		if a.At%time.Millisecond != 0 || (i > 0 && a.At < arr[i-1].At) {
			t.Fatalf("arrival %d at %v", i, a.At)
		}
		if i > 0 {
			gaps = append(gaps, (a.At - arr[i-1].At).Seconds())
		}
		if a.TicketID != bench.StreamTicketID(i) || a.Index != i {
			t.Fatalf("arrival %d is %s (%d)", i, a.TicketID, a.Index)
		}
	}
	m, sd := moments(counts)
	near(t, "mean per second", m, 50, 0.5)
	near(t, "variance per second", sd*sd, 50, 5)
	gm, gsd := moments(gaps)
	near(t, "mean gap", gm, 0.02, 0.0005)
	near(t, "gap cv", gsd/gm, 1, 0.03)
}

// TestArrivalShapes checks constant spacing, a ramp and a daily curve.
func TestArrivalShapes(t *testing.T) {
	t.Run("constant", func(t *testing.T) {
		arr := streamOf(t, "arrivals: {process: constant, rate: 4}\nregions: {}\n", 1, 10*time.Second)
		if len(arr) != 39 {
			t.Fatalf("%d arrivals, want 39 (every 250 ms before 10 s)", len(arr))
		}
		for i, a := range arr {
			if want := time.Duration(i+1) * 250 * time.Millisecond; a.At != want {
				t.Fatalf("arrival %d at %v, want %v", i, a.At, want)
			}
		}
	})
	t.Run("ramp", func(t *testing.T) {
		// 0 → 100 per second over 100 s: 5,000 tickets, 5 per second on
		// average over the first 10 s and 95 over the last
		arr := streamOf(t, "arrivals: {ramp: [{at: 0s, rate: 0}, {at: 100s, rate: 100}]}\nregions: {}\n", 3, 100*time.Second)
		near(t, "tickets", float64(len(arr)), 5000, 4*math.Sqrt(5000))
		first, last := 0, 0
		for _, a := range arr {
			if a.At < 10*time.Second {
				first++
			} else if a.At >= 90*time.Second {
				last++
			}
		}
		near(t, "first 10 s", float64(first), 50, 4*math.Sqrt(50))
		near(t, "last 10 s", float64(last), 950, 4*math.Sqrt(950))
	})
	t.Run("daily", func(t *testing.T) {
		w := mustWorkload(t, "arrivals: {daily: {peak: 100, trough: 20, peakAt: 20h, start: 8h}}\n")
		for _, c := range []struct {
			at   time.Duration
			want float64
		}{{12 * time.Hour, 100}, {0, 20}, {6 * time.Hour, 60}, {18 * time.Hour, 60}} {
			near(t, "rate at "+c.at.String(), w.Arrivals.RateAt(c.at), c.want, 1e-9)
		}
	})
}

// TestPlayerGenerators checks party sizes, categorical strings, string
// lists, maps, missing attributes and regions against their settings.
func TestPlayerGenerators(t *testing.T) {
	arr := streamOf(t, `
arrivals: {rate: 100}
players:
  partySize: {1: 6, 2: 3, 5: 1}
  attributes:
    role: {type: string, values: {tank: 1, healer: 1, dps: 2}}
    modes: {type: string_list, values: {ranked: 0.9, casual: 0.3}}
    maps: {type: string_number_map, keys: [a, b], value: {distribution: uniform, min: 0, max: 10}}
    level: {type: number, distribution: uniform, min: 1, max: 60, round: 1, missing: 0.25}
regions:
  eu: {share: 3, latency: {distribution: uniform, min: 10, max: 30}, to: {us: 80}}
  us: {share: 1, latency: 20}
`, 5, 300*time.Second)
	sizes := map[int]float64{}
	roles := map[string]float64{}
	modes := map[string]float64{}
	homes := map[string]float64{}
	var players, missing float64
	var mapValues, euLat, usFromEu []float64
	for _, a := range arr {
		sizes[len(a.Players)]++
		for _, p := range a.Players {
			players++
			roles[p.Attributes["role"].S]++
			for _, m := range p.Attributes["modes"].SL {
				modes[m]++
			}
			sdm := p.Attributes["maps"]
			if sdm.Type != ticket.TypeStringNumberMap || len(sdm.SDM) != 2 {
				t.Fatalf("maps = %v", sdm)
			}
			mapValues = append(mapValues, sdm.SDM["a"], sdm.SDM["b"])
			if _, ok := p.Attributes["level"]; !ok {
				missing++
			}
			if _, ok := p.LatencyInMs["us"]; ok && len(p.LatencyInMs) == 1 {
				homes["us"]++
				if p.LatencyInMs["us"] != 20 {
					t.Fatalf("a us player's latency is %d, want 20", p.LatencyInMs["us"])
				}
			} else {
				homes["eu"]++
				euLat = append(euLat, float64(p.LatencyInMs["eu"]))
				usFromEu = append(usFromEu, float64(p.LatencyInMs["us"]-p.LatencyInMs["eu"]))
			}
		}
	}
	tickets := float64(len(arr))
	share := func(what string, n, of, want float64) {
		t.Helper()
		near(t, what, n/of, want, 4*math.Sqrt(want*(1-want)/of)+0.001)
	}
	share("party size 1", sizes[1], tickets, 0.6)
	share("party size 2", sizes[2], tickets, 0.3)
	share("party size 5", sizes[5], tickets, 0.1)
	share("tank", roles["tank"], players, 0.25)
	share("dps", roles["dps"], players, 0.5)
	share("ranked", modes["ranked"], players, 0.9)
	share("casual", modes["casual"], players, 0.3)
	share("level missing", missing, players, 0.25)
	share("eu residents", homes["eu"], players, 0.75)
	m, sd := moments(mapValues)
	near(t, "map value mean", m, 5, 0.1)
	near(t, "map value stddev", sd, 10/math.Sqrt(12), 0.05)
	em, _ := moments(euLat)
	near(t, "eu latency mean", em, 20, 0.3)
	dm, dsd := moments(usFromEu)
	near(t, "eu→us extra mean", dm, 80, 0.51) // whole milliseconds
	near(t, "eu→us extra stddev", dsd, 0, 0.51)
}

// TestStreamDeterministic checks the stream depends on the seed alone,
// and that behaviour settings leave the players unchanged.
func TestStreamDeterministic(t *testing.T) {
	sig := func(text string, seed uint64) string {
		var b []byte
		for _, a := range streamOf(t, text, seed, 30*time.Second) {
			b = append(b, a.At.String()...)
			for _, p := range a.Players {
				b = append(b, p.PlayerID...)
				b = append(b, p.Attributes["skill"].String()...)
				for _, r := range bench.Regions {
					b = append(b, byte(p.LatencyInMs[r]))
				}
			}
		}
		return string(b)
	}
	base := "arrivals: {rate: 20}\n"
	a, b, c := sig(base, 1), sig(base, 1), sig(base, 2)
	if a != b || a == c {
		t.Errorf("same seed equal: %v; different seeds equal: %v", a == b, a == c)
	}
	if d := sig(base+"cancel: {probability: 0.5}\nacceptance: {probability: 0.1}\n", 1); d != a {
		t.Error("changing the cancel and acceptance behaviour changed the players")
	}
}
