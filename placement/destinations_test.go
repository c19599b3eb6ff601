package placement

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"
)

// orderingFixture: three destinations.
//
//	fA cost 3: us-west-2, eu-west-1
//	fB cost 1: eu-west-1, us-east-1
//	fC cost 2: ap-south-1
//
// and two players whose mean latencies are eu-west-1 30, us-west-2 50,
// us-east-1 50, ap-south-1 100.
func orderingFixture(t *testing.T, pc *PriorityConfiguration, fc *FilterConfiguration) *ptHarness {
	h := newPT(t)
	a := h.fleet("fA", 3, ptLoc{"us-west-2", 1}, ptLoc{"eu-west-1", 1})
	b := h.fleet("fB", 1, ptLoc{"eu-west-1", 1}, ptLoc{"us-east-1", 1})
	c := h.fleet("fC", 2, ptLoc{"ap-south-1", 1})
	h.queue(CreateGameSessionQueueInput{
		Name:                  "q",
		Destinations:          []GameSessionQueueDestination{{a}, {b}, {c}},
		PriorityConfiguration: pc,
		FilterConfiguration:   fc,
	})
	return h
}

var orderingLatencies = slices.Concat(
	pl("p1", "us-west-2", 40, "eu-west-1", 30, "us-east-1", 20, "ap-south-1", 100),
	pl("p2", "us-west-2", 60, "eu-west-1", 30, "us-east-1", 80, "ap-south-1", 100),
)

func TestQueueOrdering(t *testing.T) {
	tests := []struct {
		name string
		pc   *PriorityConfiguration
		lats []PlayerLatency
		want []string
	}{
		{
			name: "default with latency: latency, cost, destination, location",
			lats: orderingLatencies,
			want: []string{"fB/eu-west-1", "fA/eu-west-1", "fB/us-east-1", "fA/us-west-2", "fC/ap-south-1"},
		},
		{
			name: "default without latency: destination order, then alphabetical locations",
			want: []string{"fA/eu-west-1", "fA/us-west-2", "fB/eu-west-1", "fB/us-east-1", "fC/ap-south-1"},
		},
		{
			name: "COST first, then latency",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"COST"}},
			lats: orderingLatencies,
			want: []string{"fB/eu-west-1", "fB/us-east-1", "fC/ap-south-1", "fA/eu-west-1", "fA/us-west-2"},
		},
		{
			name: "COST first without latency data still sorts by cost",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"COST"}},
			want: []string{"fB/eu-west-1", "fB/us-east-1", "fC/ap-south-1", "fA/eu-west-1", "fA/us-west-2"},
		},
		{
			name: "DESTINATION first, then latency",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"DESTINATION"}},
			lats: orderingLatencies,
			want: []string{"fA/eu-west-1", "fA/us-west-2", "fB/eu-west-1", "fB/us-east-1", "fC/ap-south-1"},
		},
		{
			name: "LOCATION first: LocationOrder, then the others alphabetically",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"LOCATION"}, LocationOrder: []string{"us-west-2", "ap-south-1"}},
			lats: orderingLatencies,
			want: []string{"fA/us-west-2", "fC/ap-south-1", "fB/eu-west-1", "fA/eu-west-1", "fB/us-east-1"},
		},
		{
			name: "LATENCY then DESTINATION: latency ties broken by list order, not cost",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"LATENCY", "DESTINATION"}},
			lats: orderingLatencies,
			want: []string{"fA/eu-west-1", "fB/eu-west-1", "fA/us-west-2", "fB/us-east-1", "fC/ap-south-1"},
		},
		{
			name: "COST then LOCATION",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"COST", "LOCATION"}, LocationOrder: []string{"us-east-1"}},
			lats: orderingLatencies,
			want: []string{"fB/us-east-1", "fB/eu-west-1", "fC/ap-south-1", "fA/eu-west-1", "fA/us-west-2"},
		},
		{
			name: "all four named, LATENCY last",
			pc:   &PriorityConfiguration{PriorityOrder: []string{"LOCATION", "DESTINATION", "COST", "LATENCY"}, LocationOrder: []string{"eu-west-1"}},
			lats: orderingLatencies,
			want: []string{"fA/eu-west-1", "fB/eu-west-1", "fC/ap-south-1", "fB/us-east-1", "fA/us-west-2"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := orderingFixture(t, tc.pc, nil)
			if got := h.rank("q", tc.lats, 0); !slices.Equal(got, tc.want) {
				t.Errorf("order\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestQueueAllowedLocations(t *testing.T) {
	h := orderingFixture(t, nil, &FilterConfiguration{AllowedLocations: []string{"eu-west-1", "ap-south-1"}})
	want := []string{"fB/eu-west-1", "fA/eu-west-1", "fC/ap-south-1"}
	if got := h.rank("q", orderingLatencies, 0); !slices.Equal(got, want) {
		t.Errorf("with latency: %v, want %v", got, want)
	}
	want = []string{"fA/eu-west-1", "fB/eu-west-1", "fC/ap-south-1"}
	if got := h.rank("q", nil, 0); !slices.Equal(got, want) {
		t.Errorf("without latency: %v, want %v", got, want)
	}
}

func TestQueueMissingLatencyEntry(t *testing.T) {
	h := orderingFixture(t, nil, nil)
	// p2 reports no latency to us-east-1 or ap-south-1: those locations are
	// dropped, even though p1's latency there is the lowest.
	lats := slices.Concat(
		pl("p1", "us-west-2", 40, "eu-west-1", 30, "us-east-1", 5, "ap-south-1", 5),
		pl("p2", "us-west-2", 60, "eu-west-1", 30),
	)
	want := []string{"fB/eu-west-1", "fA/eu-west-1", "fA/us-west-2"}
	if got := h.rank("q", lats, 0); !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	// A latency to a location no destination has changes nothing.
	lats = append(lats, pl("p2", "sa-east-1", 1)...)
	if got := h.rank("q", lats, 0); !slices.Equal(got, want) {
		t.Errorf("with an unknown location: %v, want %v", got, want)
	}
}

// TestQueueLatencyPolicySteps checks the documented example (timeout 600;
// 50 ms for 0-120 s, 100 ms for 120-240 s, 200 ms for 240-600 s) at the
// boundaries. The policies are listed out of order: they apply from the
// lowest cap up.
func TestQueueLatencyPolicySteps(t *testing.T) {
	h := newPT(t)
	f := h.fleet("f", 1, ptLoc{"l050", 1}, ptLoc{"l100", 1}, ptLoc{"l200", 1}, ptLoc{"l300", 1})
	h.queue(CreateGameSessionQueueInput{
		Name: "q", TimeoutInSeconds: 600,
		Destinations: []GameSessionQueueDestination{{f}},
		PlayerLatencyPolicies: []PlayerLatencyPolicy{
			{MaximumIndividualPlayerLatencyMilliseconds: 200},
			{MaximumIndividualPlayerLatencyMilliseconds: 50, PolicyDurationSeconds: new(120)},
			{MaximumIndividualPlayerLatencyMilliseconds: 100, PolicyDurationSeconds: new(120)},
		},
	})
	// The caps apply to the worst player, the order to the mean: l300 has
	// a lower mean than l200 but is never allowed, p2's 250 ms there
	// exceeding every cap; l050 is allowed from the start, p2's 50 ms being
	// at (not over) the first cap.
	lats := slices.Concat(
		pl("p1", "l050", 10, "l100", 20, "l200", 180, "l300", 50),
		pl("p2", "l050", 50, "l100", 100, "l200", 200, "l300", 250),
	)
	tests := []struct {
		age  int
		want []string
	}{
		{0, []string{"f/l050"}},
		{119, []string{"f/l050"}},
		{120, []string{"f/l050", "f/l100"}},
		{239, []string{"f/l050", "f/l100"}},
		{240, []string{"f/l050", "f/l100", "f/l200"}},
		{599, []string{"f/l050", "f/l100", "f/l200"}},
	}
	for _, tc := range tests {
		if got := h.rank("q", lats, time.Duration(tc.age)*time.Second); !slices.Equal(got, tc.want) {
			t.Errorf("at %d s: %v, want %v", tc.age, got, tc.want)
		}
	}
	// Without latency data the policies do not apply.
	if got := h.rank("q", nil, 0); len(got) != 4 {
		t.Errorf("without latency data: %v, want all four", got)
	}
}

func TestQueuePoliciesRunOut(t *testing.T) {
	h := newPT(t)
	f := h.fleet("f", 1, ptLoc{"near", 1}, ptLoc{"far", 1})
	h.queue(CreateGameSessionQueueInput{
		Name: "q", Destinations: []GameSessionQueueDestination{{f}},
		PlayerLatencyPolicies: []PlayerLatencyPolicy{{MaximumIndividualPlayerLatencyMilliseconds: 50, PolicyDurationSeconds: new(60)}},
	})
	lats := pl("p", "near", 40, "far", 400)
	if got, want := h.rank("q", lats, 59*time.Second), []string{"f/near"}; !slices.Equal(got, want) {
		t.Errorf("at 59 s: %v, want %v", got, want)
	}
	if got, want := h.rank("q", lats, 60*time.Second), []string{"f/near", "f/far"}; !slices.Equal(got, want) {
		t.Errorf("at 60 s, no policy left: %v, want %v", got, want)
	}
}

func TestQueueDestinationsResolvedAtPlacementTime(t *testing.T) {
	h := newPT(t)
	a := h.fleet("fA", 1, ptLoc{"us-west-2", 1})
	h.fleet("fB", 1, ptLoc{"eu-west-1", 1})
	al, err := h.s.CreateAlias(ptCtx, &CreateAliasInput{Name: "live", RoutingStrategy: &RoutingStrategy{Type: RoutingSimple, FleetId: "fB"}})
	if err != nil {
		t.Fatal(err)
	}
	h.queue(CreateGameSessionQueueInput{Name: "q", Destinations: []GameSessionQueueDestination{{al.Alias.AliasArn}, {a}}})
	if got, want := h.rank("q", nil, 0), []string{"fB/eu-west-1", "fA/us-west-2"}; !slices.Equal(got, want) {
		t.Errorf("alias on fB: %v, want %v", got, want)
	}
	if _, err := h.s.UpdateAlias(ptCtx, &UpdateAliasInput{AliasId: al.Alias.AliasId, RoutingStrategy: &RoutingStrategy{Type: RoutingTerminal, Message: "down"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := h.rank("q", nil, 0), []string{"fA/us-west-2"}; !slices.Equal(got, want) {
		t.Errorf("alias TERMINAL: %v, want %v", got, want)
	}
}

func TestPolicySteps(t *testing.T) {
	steps := policySteps([]PlayerLatencyPolicy{
		{MaximumIndividualPlayerLatencyMilliseconds: 300},
		{MaximumIndividualPlayerLatencyMilliseconds: 100, PolicyDurationSeconds: new(10)},
		{MaximumIndividualPlayerLatencyMilliseconds: 200},
	})
	// The first null duration lasts forever: 300 is never reached.
	for _, tc := range []struct {
		age  time.Duration
		want float64
	}{{0, 100}, {9 * time.Second, 100}, {10 * time.Second, 200}, {time.Hour, 200}} {
		if got := capAt(steps, tc.age); got != tc.want {
			t.Errorf("cap at %v = %v, want %v", tc.age, got, tc.want)
		}
	}
	if got := capAt(nil, 0); got != -1 {
		t.Errorf("no policies: cap %v, want -1", got)
	}
}

// TestQueueOrderingMatchesReference compares Rank, on plans of up to 300
// candidates (where the counting sort runs), with a plain sort by the
// priority order's keys.
func TestQueueOrderingMatchesReference(t *testing.T) {
	locations := []string{"l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10", "l11"}
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 60 {
		h := newPT(t)
		type fl struct {
			id   string
			cost float64
			locs []string
		}
		var fleets []fl
		var dests []GameSessionQueueDestination
		for i := range 5 + rng.IntN(20) {
			f := fl{id: "f" + strconv.Itoa(i), cost: float64(rng.IntN(3))}
			var locs []ptLoc
			for _, l := range locations {
				if rng.IntN(3) > 0 {
					f.locs = append(f.locs, l)
					locs = append(locs, ptLoc{l, 1})
				}
			}
			fleets = append(fleets, f)
			dests = append(dests, GameSessionQueueDestination{h.fleet(f.id, f.cost, locs...)})
		}
		var pc *PriorityConfiguration
		order := []string{"LATENCY", "COST", "DESTINATION", "LOCATION"}
		var locOrder []string
		if trial%4 != 0 {
			named := slices.Clone(order)
			rng.Shuffle(len(named), func(i, j int) { named[i], named[j] = named[j], named[i] })
			named = named[:1+rng.IntN(4)]
			locOrder = []string{"l7", "l2", "l11"}
			pc = &PriorityConfiguration{PriorityOrder: named, LocationOrder: locOrder}
			order = slices.Clone(named)
			for _, k := range []string{"LATENCY", "COST", "DESTINATION", "LOCATION"} {
				if !slices.Contains(order, k) {
					order = append(order, k)
				}
			}
		}
		h.queue(CreateGameSessionQueueInput{
			Name: "q", Destinations: dests, PriorityConfiguration: pc,
			PlayerLatencyPolicies: []PlayerLatencyPolicy{{MaximumIndividualPlayerLatencyMilliseconds: 150}},
		})
		var lats []PlayerLatency
		players := 1 + rng.IntN(6)
		withLat := trial%3 != 2
		if withLat {
			for p := range players {
				for _, l := range locations {
					if rng.IntN(12) > 0 {
						lats = append(lats, pl("p"+strconv.Itoa(p), l, 10+10*rng.IntN(20))...)
					}
				}
			}
		} else if pc == nil {
			order = []string{"DESTINATION", "LOCATION"}
		}
		// The reference.
		type ref struct {
			name       string
			dest       int
			cost, mean float64
			loc        int
		}
		var want []ref
		for d, f := range fleets {
			for _, l := range f.locs {
				r := ref{name: f.id + "/" + l, dest: d, cost: f.cost}
				if i := slices.Index(locOrder, l); i >= 0 {
					r.loc = i
				} else {
					r.loc = 100 + slices.Index(slices.Sorted(slices.Values(locations)), l)
				}
				if withLat {
					n, sum, worst := 0, 0.0, 0.0
					for _, e := range lats {
						if e.RegionIdentifier == l {
							n++
							sum += float64(e.LatencyInMilliseconds)
							worst = max(worst, float64(e.LatencyInMilliseconds))
						}
					}
					if n < players || worst > 150 {
						continue
					}
					r.mean = sum / float64(n)
				}
				want = append(want, r)
			}
		}
		slices.SortStableFunc(want, func(a, b ref) int {
			for _, k := range order {
				var c int
				switch k {
				case "LATENCY":
					c = cmp.Compare(a.mean, b.mean)
				case "COST":
					c = cmp.Compare(a.cost, b.cost)
				case "DESTINATION":
					c = cmp.Compare(a.dest, b.dest)
				case "LOCATION":
					c = cmp.Compare(a.loc, b.loc)
				}
				if c != 0 {
					return c
				}
			}
			return 0
		})
		var wantNames []string
		for _, r := range want {
			wantNames = append(wantNames, r.name)
		}
		if got := h.rank("q", lats, 0); !slices.Equal(got, wantNames) {
			t.Fatalf("trial %d, order %v:\n got %v\nwant %v", trial, order, got, wantNames)
		}
	}
}
