package engine_test

// Property tests of the matchmaker over the real rule sets of
// testdata/rulesets/{corpus,spec}: each rule set gets a random but seeded
// population of tickets, submitted to a STANDALONE configuration over a few
// ticks, with and without acceptance, while the clock runs until every ticket
// is terminal. Every event is followed by a model of the ticket lifecycle
// (spec §7) and every match the engine proposes is checked again, outside
// the engine, against the rule set (spec §1, §2, §4, §5).

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

const (
	propRequestTimeout    = 30 // seconds
	propAcceptanceTimeout = 3  // seconds
	propMaxProblems       = 20 // reported per run
)

// propSeeds adds populations per rule set, for bug hunting:
// go test ./engine -run Property -prop.seeds=50
var propSeeds = flag.Int("prop.seeds", 0, "extra random populations per rule set in TestPropertyCorpus")

var propRegions = []string{"us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"}

// propKnownBugs are the rule sets on which the progress property (see
// checkProgress) fails because of an open engine bug, with the reason; their
// progress subtests are skipped. None is open: the three found so far (a
// block-list rule and a compound rule only judged on complete matches, and a
// candidate lost under a narrowed region mask) have regression tests in
// TestPropertyRepro.
var propKnownBugs = map[string]string{}

// propSynthetic are rule sets written for these tests, for what no corpus
// rule set exercises: numeric and string batchDistance and a max − min
// distance rule in a small match, team maxPlayers expansions, a latency
// rule with maxDistance, party aggregations min, max and intersection,
// expansionAgeSelection oldest, and a compound rule over rules that fail
// for good.
var propSynthetic = map[string]string{
	"synthetic-batch-small": `{"name": "batch-small", "ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number"}, {"name": "mode", "type": "string", "default": "alpha"}],
	  "teams": [{"name": "red", "minPlayers": 2, "maxPlayers": 3}, {"name": "blue", "minPlayers": 2, "maxPlayers": 3}],
	  "rules": [
	    {"name": "SkillBatch", "type": "batchDistance", "batchAttribute": "skill", "maxDistance": 5, "partyAggregation": "max"},
	    {"name": "ModeBatch", "type": "batchDistance", "batchAttribute": "mode"},
	    {"name": "Spread", "type": "distance", "measurements": ["max(flatten(teams[*].players.attributes[skill]))"],
	     "referenceValue": "min(flatten(teams[*].players.attributes[skill]))", "maxDistance": 8},
	    {"name": "Equal", "type": "comparison", "measurements": ["count(teams[red].players)"], "referenceValue": "count(teams[blue].players)", "operation": "="}],
	  "expansions": [
	    {"target": "rules[SkillBatch].maxDistance", "steps": [{"waitTimeSeconds": 6, "value": 15}, {"waitTimeSeconds": 12, "value": 40}]},
	    {"target": "rules[Spread].maxDistance", "steps": [{"waitTimeSeconds": 12, "value": 40}]},
	    {"target": "teams[red].maxPlayers", "steps": [{"waitTimeSeconds": 10, "value": 2}]},
	    {"target": "teams[blue].maxPlayers", "steps": [{"waitTimeSeconds": 10, "value": 2}]}]}`,
	"synthetic-latency-oldest": `{"name": "latency-oldest", "ruleLanguageVersion": "1.0",
	  "algorithm": {"expansionAgeSelection": "oldest"},
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}, {"name": "maps", "type": "string_list", "default": ["alpha"]}],
	  "teams": [{"name": "squad", "minPlayers": 2, "maxPlayers": 3, "quantity": 2}],
	  "rules": [
	    {"name": "Ping", "type": "latency", "maxLatency": 60, "maxDistance": 40, "distanceReference": "min", "partyAggregation": "max"},
	    {"name": "Maps", "type": "collection", "operation": "intersection", "measurements": ["flatten(teams[*].players.attributes[maps])"], "minCount": 1, "partyAggregation": "intersection"},
	    {"name": "Fair", "type": "distance", "measurements": ["avg(teams[*].players.attributes[skill])"],
	     "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))", "maxDistance": 6, "partyAggregation": "min"}],
	  "expansions": [
	    {"target": "rules[Ping].maxLatency", "steps": [{"waitTimeSeconds": 8, "value": 150}]},
	    {"target": "rules[Ping].maxDistance", "steps": [{"waitTimeSeconds": 8, "value": 120}]},
	    {"target": "teams[squad].minPlayers", "steps": [{"waitTimeSeconds": 15, "value": 1}]}]}`,
	"synthetic-sorted-compound": `{"name": "sorted-compound", "ruleLanguageVersion": "1.0",
	  "algorithm": {"batchingPreference": "sorted", "sortByAttributes": ["skill", "role"]},
	  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}, {"name": "role", "type": "string", "default": "alpha"},
	    {"name": "pref", "type": "string_number_map", "default": {"alpha": 1}}],
	  "teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 2}, {"name": "b", "minPlayers": 1, "maxPlayers": 2}],
	  "rules": [
	    {"name": "Near", "type": "distanceSort", "sortAttribute": "skill", "sortDirection": "ascending"},
	    {"name": "Pref", "type": "absoluteSort", "sortAttribute": "pref", "sortDirection": "descending", "mapKey": "maxValue"},
	    {"name": "SameRole", "type": "comparison", "measurements": ["flatten(teams[*].players.attributes[role])"], "operation": "="},
	    {"name": "Close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 10},
	    {"name": "Either", "type": "compound", "statement": "or(SameRole, Close)"},
	    {"name": "Distinct", "type": "comparison", "measurements": ["flatten(teams[*].players.attributes[skill])"], "operation": "!="}]}`,
}

// propSource is a rule set under test.
type propSource struct {
	name string // file name without .json, or the synthetic name
	file string // for positions in parse errors
	body string
}

// propRuleSets are the rule sets under test: every corpus and spec file,
// and the synthetic ones.
func propRuleSets(t *testing.T) []propSource {
	t.Helper()
	var out []propSource
	for _, dir := range []string{"../testdata/rulesets/corpus", "../testdata/rulesets/spec"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, propSource{strings.TrimSuffix(filepath.Base(f), ".json"), f, string(body)})
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d rule sets found", len(out))
	}
	for _, name := range propSortedKeys(propSynthetic) {
		out = append(out, propSource{name, name, propSynthetic[name]})
	}
	slices.SortFunc(out, func(a, b propSource) int { return strings.Compare(a.name, b.name) })
	return out
}

func (src propSource) parse(t *testing.T) *ruleset.RuleSet {
	t.Helper()
	rs, errs := ruleset.Parse(src.file, []byte(src.body))
	if rs == nil {
		t.Fatalf("rule set does not parse: %v", errs.Err())
	}
	return rs
}

func TestPropertyCorpus(t *testing.T) {
	// Each rule set runs without acceptance in one batch per partition, and
	// with acceptance in small random or sorted batches; without -short,
	// with acceptance in one batch too; -prop.seeds adds more.
	type variant struct {
		seed     uint64
		accept   bool
		maxBatch int
	}
	variants := []variant{{1, false, 0}, {2, true, 12}}
	if !testing.Short() {
		variants = append(variants, variant{3, true, 0})
	}
	for i := range *propSeeds {
		seed := uint64(100 + i)
		variants = append(variants, variant{seed, i%2 == 1, []int{0, 6, 12}[i%3]})
	}
	for _, src := range propRuleSets(t) {
		t.Run(src.name, func(t *testing.T) {
			t.Parallel()
			rs := src.parse(t)
			for _, v := range variants {
				sc := propScenario{body: src.body, rs: rs, seed: v.seed, engineSeed: 7, acceptance: v.accept, maxBatch: v.maxBatch}
				t.Run(fmt.Sprintf("seed=%d/accept=%v/batch=%d", v.seed, v.accept, v.maxBatch), func(t *testing.T) {
					run := sc.run(t)
					run.report(t)
					t.Logf("%d tickets, %d players, %d proposals, %d completed matches, %d ticks, %d events",
						len(run.tickets), run.players, len(run.matches), run.completed, run.ticks, len(run.events))
					t.Run("progress", func(t *testing.T) {
						if run.stalled == "" {
							return
						}
						if why, ok := propKnownBugs[src.name]; ok {
							t.Skip("BUG: " + why + ": " + run.stalled)
						}
						t.Error(run.stalled)
					})
				})
			}
		})
	}
}

// TestPropertyDeterminism: the same engine seed and the same calls give
// byte-identical events; another engine seed gives other IDs. The runs use
// small random batches, so the seed also decides which tickets meet.
func TestPropertyDeterminism(t *testing.T) {
	names := []string{
		"docs-ex1-aliens-vs-cowboys",     // expansions, two teams
		"docs-ex4-multi-map-game",        // sort rules, maps, lists
		"sim-radiant-dire-all",           // compound, sorted batching, oldest age
		"cdk-alpha-three-team-game",      // team quantity, latency
		"docs-ex8-large-monster-hunters", // large, fastestRegion
	}
	if testing.Short() {
		names = names[:3]
	}
	for _, src := range propRuleSets(t) {
		if !slices.Contains(names, src.name) {
			continue
		}
		t.Run(src.name, func(t *testing.T) {
			t.Parallel()
			sc := propScenario{body: src.body, rs: src.parse(t), seed: 5, engineSeed: 11, acceptance: true, maxBatch: 6}
			a, b := sc.run(t), sc.run(t)
			a.report(t)
			ja, jb := a.eventJSON(t), b.eventJSON(t)
			if !bytes.Equal(ja, jb) {
				i := 0
				for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
					i++
				}
				t.Errorf("same seed, different events: first difference at byte %d:\n%s\n%s", i, propSnippet(ja, i), propSnippet(jb, i))
			}
			sc.engineSeed++
			c := sc.run(t)
			if bytes.Equal(ja, c.eventJSON(t)) {
				t.Errorf("engine seeds %d and %d gave byte-identical events (IDs are not drawn from the seed)", sc.engineSeed-1, sc.engineSeed)
			}
		})
	}
}

func propSnippet(b []byte, i int) string {
	lo, hi := max(0, i-120), min(len(b), i+120)
	return string(b[lo:hi])
}

// propScenario is one run: a rule set, a population seed, an engine seed
// and whether the configuration requires acceptance.
type propScenario struct {
	body       string
	rs         *ruleset.RuleSet
	seed       uint64
	engineSeed uint64
	acceptance bool
	maxBatch   int // engine.WithMaxBatchSize, 0 for none
}

// propTicket is the model of one submitted ticket.
type propTicket struct {
	id      string
	players []ticket.Player
	start   time.Time
	// state is the status the events imply.
	state ticket.Status
	// proposal is the open potential match the ticket is in, or "".
	proposal string
	// decided marks a proposal this driver has answered for the ticket.
	decided string
	// dropped is the match that fell through for the ticket, until its
	// next event; back says whether all its players had accepted, so that
	// it must return to SEARCHING rather than be cancelled.
	dropped string
	back    bool
	// terminals counts terminal events (succeeded, timed out, cancelled).
	terminals int
	terminal  ticket.Status
	team      string // team of its completed match
}

// propMatch is one potential match as PotentialMatchCreated reported it.
type propMatch struct {
	id        string
	at        time.Time
	tickets   []string
	teamOf    map[string]string // player → team
	open      bool
	completed bool
	region    string
	// answers are the players' successful AcceptMatch answers.
	answers map[string]bool
}

// propRun records a run and the problems found in it.
type propRun struct {
	sc        *propScenario
	h         *harness
	rng       *rand.Rand
	tickets   map[string]*propTicket
	order     []string
	players   int
	active    map[string]*propTicket // player → non-terminal ticket holding it
	matches   map[string]*propMatch
	matchIDs  []string
	completed int
	events    []engine.Event
	ticks     int
	stalled   string // the first match the engine missed (checkProgress)
	problems  []string
	nproblems int

	// the population generator
	strVocab []string
	numVocab []float64
	wide     float64 // share of numbers drawn from the wide range
	focus    float64 // probability of the favoured string or number
	home     float64 // probability of the favoured home region
	maxParty int
	nextID   int
}

func (r *propRun) fail(format string, args ...any) {
	r.nproblems++
	if len(r.problems) < propMaxProblems {
		r.problems = append(r.problems, fmt.Sprintf(format, args...))
	}
}

func (r *propRun) report(t *testing.T) {
	t.Helper()
	for _, p := range r.problems {
		t.Error(p)
	}
	if r.nproblems > len(r.problems) {
		t.Errorf("... and %d more problems", r.nproblems-len(r.problems))
	}
}

func (r *propRun) eventJSON(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, ev := range r.events {
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "%d %s\n", ev.Seq, b)
	}
	return buf.Bytes()
}

// run drives the scenario to the end and checks every invariant.
func (sc *propScenario) run(t *testing.T) *propRun {
	t.Helper()
	r := &propRun{
		sc:      sc,
		rng:     rand.New(rand.NewPCG(sc.seed, 0x5eed)),
		tickets: map[string]*propTicket{},
		active:  map[string]*propTicket{},
		matches: map[string]*propMatch{},
	}
	r.setupGenerator()
	r.h = newHarness(t, sc.body, func(in *engine.CreateMatchmakingConfigurationInput) {
		in.RequestTimeoutSeconds = propRequestTimeout
		in.AcceptanceRequired = sc.acceptance
		if sc.acceptance {
			in.AcceptanceTimeoutSeconds = propAcceptanceTimeout
		}
	}, engine.WithSeed(sc.engineSeed), engine.WithEventHandler(r.observe), engine.WithMaxBatchSize(sc.maxBatch))

	// Population: a full match and up to 12 more players (at least 16)
	// for a small rule set, half as many again as the largest match for a
	// large one, arriving over the first ticks.
	target := max(sc.rs.MaxPlayers+min(sc.rs.MaxPlayers, 12), 16)
	arrivalTicks := 10
	if sc.rs.Large {
		target = sc.rs.MaxPlayers + sc.rs.MaxPlayers/2
		arrivalTicks = 4
	}
	perTick := (target + arrivalTicks - 1) / arrivalTicks

	limit := arrivalTicks + propRequestTimeout + 10*propAcceptanceTimeout + 20
	for tick := 0; ; tick++ {
		if tick < arrivalTicks {
			for n := 0; n < perTick; {
				n += r.submit(t)
			}
		}
		r.maybeStop(t)
		r.h.advance(1)
		r.ticks++
		r.checkExpired()
		r.checkProgress(r.h.clock.Now())
		if sc.acceptance {
			r.answer(t)
		}
		r.compareStatuses(t)
		if tick >= arrivalTicks && r.allTerminal() {
			break
		}
		if tick > limit {
			var stuck []string
			for _, id := range r.order {
				if tk := r.tickets[id]; !tk.state.Terminal() {
					stuck = append(stuck, fmt.Sprintf("%s(%s)", id, tk.state))
				}
			}
			r.fail("after %d ticks, tickets are still not terminal: %v", tick, stuck)
			break
		}
	}
	r.finalChecks()
	// The event log holds what the handler saw, in the same order.
	if logged := r.h.e.Events(); len(logged) != len(r.events) {
		r.fail("Events() holds %d events, the handler saw %d", len(logged), len(r.events))
	} else {
		for i := range logged {
			a, _ := json.Marshal(logged[i])
			b, _ := json.Marshal(r.events[i])
			if logged[i].Seq != r.events[i].Seq || !bytes.Equal(a, b) {
				r.fail("Events()[%d] differs from the handler's: %s, %s", i, a, b)
				break
			}
		}
	}
	return r
}

// setupGenerator derives the attribute vocabulary from the rule set: its
// string literals and defaults (so that equality, contains and intersection
// rules can pass) and its numeric literals.
func (r *propRun) setupGenerator() {
	rs := r.sc.rs
	var strs []string
	nums := []float64{0, 1, 2}
	addS := func(s ...string) {
		for _, x := range s {
			if x != "" && !slices.Contains(strs, x) {
				strs = append(strs, x)
			}
		}
	}
	addN := func(n float64) {
		if !slices.Contains(nums, n) {
			nums = append(nums, n)
		}
	}
	// Strings the rule set mentions come first: the generator favours the
	// first one.
	for _, a := range rs.Attributes {
		if d := a.Default; d != nil {
			addS(d.S)
			addS(d.SL...)
			addS(propSortedKeys(d.SDM)...)
			if d.Type == ticket.TypeNumber {
				addN(d.N)
			}
		}
	}
	for _, ru := range rs.Rules {
		if ref := ru.Reference; ref != nil {
			if ref.IsString {
				addS(ref.String)
			}
			addS(ref.Strings...)
			if ref.IsNumber {
				addN(ref.Number)
			}
		}
	}
	// then two neutral strings and two player IDs that exist, for rules
	// over players[playerId]
	addS("alpha", "beta", "p0000", "p0001")
	r.strVocab, r.numVocab = strs, nums
	// Rule sets with big matches need many alike players to form any.
	switch minPlayers := rs.LimitsAt(0).MinPlayers(); {
	case rs.Large:
		r.wide, r.focus, r.home = 0.03, 0.95, 0.95
	case minPlayers >= 10:
		r.wide, r.focus, r.home = 0.3, 0.8, 0.8
	default:
		r.wide, r.focus, r.home = 0.5, 0.3, 0.7
	}
	maxTeam := 0
	for _, td := range rs.TeamDefs {
		maxTeam = max(maxTeam, td.MaxPlayers)
	}
	r.maxParty = min(3, maxTeam)
}

// str draws a string: often the favoured one, else any of the vocabulary.
func (r *propRun) str() string {
	if r.rng.Float64() < r.focus {
		return r.strVocab[0]
	}
	return r.strVocab[r.rng.IntN(len(r.strVocab))]
}

// num draws a number for an attribute: often its default (or 0), else one
// of the rule set's numbers, else anything from 0 to 40.
func (r *propRun) num(a *ruleset.Attribute) float64 {
	x := r.rng.Float64()
	switch {
	case x < r.focus:
		if a.Default != nil && a.Default.Type == ticket.TypeNumber {
			return a.Default.N
		}
		return 0
	case x < 1-r.wide*(1-r.focus):
		return r.numVocab[r.rng.IntN(len(r.numVocab))]
	}
	return float64(r.rng.IntN(41))
}

// value draws an attribute value of the declared type.
func (r *propRun) value(a *ruleset.Attribute) ticket.AttributeValue {
	switch a.Type {
	case ticket.TypeString:
		return ticket.String(r.str())
	case ticket.TypeNumber:
		return ticket.Number(r.num(a))
	case ticket.TypeStringList:
		items := make([]string, 1+r.rng.IntN(3))
		for i := range items {
			items[i] = r.str()
		}
		return ticket.StringList(items...)
	case ticket.TypeStringNumberMap:
		m := map[string]float64{}
		for range 1 + r.rng.IntN(3) {
			m[r.str()] = float64(r.rng.IntN(101))
		}
		return ticket.StringNumberMap(m)
	}
	panic("unknown attribute type " + a.Type.String())
}

// latency draws a player's LatencyInMs: a home region (usually the first)
// with a low latency and one to three others, higher.
func (r *propRun) latency() map[string]int {
	home := 0
	if r.rng.Float64() >= r.home {
		home = r.rng.IntN(len(propRegions))
	}
	lat := map[string]int{propRegions[home]: 10 + r.rng.IntN(60)}
	for _, i := range r.rng.Perm(len(propRegions)) {
		if len(lat) >= 2+r.rng.IntN(3) {
			break
		}
		if _, ok := lat[propRegions[i]]; !ok {
			lat[propRegions[i]] = 40 + r.rng.IntN(260)
		}
	}
	return lat
}

// submit starts one ticket and returns its number of players. Now and then
// one of its players is taken from an active ticket, which StartMatchmaking
// must then cancel.
func (r *propRun) submit(t *testing.T) int {
	t.Helper()
	size := 1
	if r.maxParty > 1 && r.rng.Float64() < 0.35 {
		size = 2 + r.rng.IntN(r.maxParty-1)
	}
	id := fmt.Sprintf("t%04d", len(r.order))
	players := make([]ticket.Player, size)
	for i := range players {
		pid := fmt.Sprintf("p%04d", r.nextID)
		if len(r.active) > 0 && r.rng.Float64() < 0.03 {
			pid = propSortedKeys(r.active)[r.rng.IntN(len(r.active))]
			if slices.ContainsFunc(players[:i], func(p ticket.Player) bool { return p.PlayerID == pid }) {
				pid = fmt.Sprintf("p%04d", r.nextID)
				r.nextID++
			}
		} else {
			r.nextID++
		}
		p := ticket.Player{PlayerID: pid, Attributes: map[string]ticket.AttributeValue{}, LatencyInMs: r.latency()}
		for _, a := range r.sc.rs.Attributes {
			if x := r.rng.Float64(); a.Default != nil && x < 0.1 || a.Default == nil && x < 0.01 {
				continue // the default applies, or the ticket can never match
			}
			if i > 0 && a.Type == ticket.TypeString && r.rng.Float64() < 0.8 {
				if v, ok := players[0].Attributes[a.Name]; ok {
					p.Attributes[a.Name] = v // parties mostly agree on strings
					continue
				}
			}
			p.Attributes[a.Name] = r.value(a)
		}
		players[i] = p
	}
	tk := &propTicket{id: id, players: players, state: ticket.Queued}
	// The tickets whose players this one takes over are cancelled by the
	// call itself (the handler sees it); they must be active now.
	out, err := r.h.e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{TicketId: id, ConfigurationName: r.h.cfg, Players: players})
	if err != nil {
		t.Fatalf("StartMatchmaking %s: %v", id, err)
	}
	tk.start = out.MatchmakingTicket.StartTime
	if out.MatchmakingTicket.Status != ticket.Queued {
		r.fail("%s: StartMatchmaking returned status %s, want QUEUED", id, out.MatchmakingTicket.Status)
	}
	for _, p := range players {
		if old := r.active[p.PlayerID]; old != nil && !old.state.Terminal() {
			r.fail("%s took player %s over from %s, which is still %s", id, p.PlayerID, old.id, old.state)
		}
		r.active[p.PlayerID] = tk
	}
	r.tickets[id] = tk
	r.order = append(r.order, id)
	r.players += size
	return size
}

// maybeStop cancels an active ticket now and then.
func (r *propRun) maybeStop(t *testing.T) {
	t.Helper()
	if r.rng.Float64() >= 0.15 {
		return
	}
	var live []*propTicket
	for _, id := range r.order {
		if tk := r.tickets[id]; !tk.state.Terminal() {
			live = append(live, tk)
		}
	}
	if len(live) == 0 {
		return
	}
	tk := live[r.rng.IntN(len(live))]
	if _, err := r.h.e.StopMatchmaking(ctx, &engine.StopMatchmakingInput{TicketId: tk.id}); err != nil {
		r.fail("StopMatchmaking %s in %s: %v", tk.id, tk.state, err)
	}
	if tk.state != ticket.Cancelled {
		r.fail("%s is %s after StopMatchmaking", tk.id, tk.state)
	}
}

// answer answers the potential matches awaiting acceptance: most tickets
// accept, some reject, some never answer (the match then times out).
func (r *propRun) answer(t *testing.T) {
	t.Helper()
	for _, mid := range slices.Clone(r.matchIDs) {
		m := r.matches[mid]
		if !m.open {
			continue
		}
		for _, id := range m.tickets {
			tk := r.tickets[id]
			if tk.decided == mid || tk.proposal != mid || !m.open {
				continue
			}
			tk.decided = mid
			x := r.rng.Float64()
			switch {
			case x < 0.08: // no answer
			case x < 0.15: // one player rejects
				p := tk.players[r.rng.IntN(len(tk.players))]
				r.accept(tk, engine.Reject, p.PlayerID)
			case x < 0.22 && len(tk.players) > 1: // one by one, the last never answers
				for _, p := range tk.players[:len(tk.players)-1] {
					r.accept(tk, engine.Accept, p.PlayerID)
				}
			default:
				var ids []string
				for _, p := range tk.players {
					ids = append(ids, p.PlayerID)
				}
				r.accept(tk, engine.Accept, ids...)
			}
		}
	}
}

func (r *propRun) accept(tk *propTicket, kind string, ids ...string) {
	if tk.state != ticket.RequiresAcceptance {
		return
	}
	m := r.matches[tk.proposal]
	for _, id := range ids {
		m.answers[id] = kind == engine.Accept
	}
	if _, err := r.h.e.AcceptMatch(ctx, &engine.AcceptMatchInput{TicketId: tk.id, PlayerIds: ids, AcceptanceType: kind}); err != nil {
		r.fail("AcceptMatch %s %s %v: %v", kind, tk.id, ids, err)
	}
}

// compareStatuses checks that DescribeMatchmaking agrees with the status
// the events imply, for every ticket (so a terminal status never changes).
func (r *propRun) compareStatuses(t *testing.T) {
	t.Helper()
	for i := 0; i < len(r.order); i += engine.MaxDescribeTickets {
		ids := r.order[i:min(len(r.order), i+engine.MaxDescribeTickets)]
		out, err := r.h.e.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{TicketIds: ids})
		if err != nil {
			t.Fatalf("DescribeMatchmaking: %v", err)
		}
		if len(out.TicketList) != len(ids) {
			r.fail("DescribeMatchmaking returned %d of %d tickets", len(out.TicketList), len(ids))
			continue
		}
		for _, d := range out.TicketList {
			tk := r.tickets[d.TicketId]
			if d.Status != tk.state {
				r.fail("%s: DescribeMatchmaking says %s, the events say %s (tick %d)", tk.id, d.Status, tk.state, r.ticks)
			}
			if d.Status.Terminal() != !d.EndTime.IsZero() {
				r.fail("%s: status %s with EndTime %v", tk.id, d.Status, d.EndTime)
			}
			if len(d.Players) != len(tk.players) {
				r.fail("%s: described with %d players, submitted with %d", tk.id, len(d.Players), len(tk.players))
				continue
			}
			for j, p := range d.Players {
				want := tk.players[j]
				if p.PlayerID != want.PlayerID || !maps.EqualFunc(p.Attributes, want.Attributes, ticket.AttributeValue.Equal) || !maps.Equal(p.LatencyInMs, want.LatencyInMs) {
					r.fail("%s: described player %+v, submitted %+v", tk.id, p, want)
				}
				// The team is the match's once matched, and none while
				// searching; a cancelled ticket may keep its last match's.
				team := ""
				switch d.Status {
				case ticket.Completed:
					team = tk.team
				case ticket.RequiresAcceptance:
					if m := r.matches[tk.proposal]; m != nil {
						team = m.teamOf[p.PlayerID]
					}
				case ticket.Cancelled:
					team = p.Team
				}
				if p.Team != team {
					r.fail("%s: %s player %s described on team %q, want %q", tk.id, d.Status, p.PlayerID, p.Team, team)
				}
			}
		}
	}
}

// checkExpired: after a tick, no ticket that was in its pool is still
// QUEUED or SEARCHING past its request timeout (spec §5.2 step 1).
func (r *propRun) checkExpired() {
	now := r.h.clock.Now()
	for _, id := range r.order {
		tk := r.tickets[id]
		if (tk.state == ticket.Searching || tk.state == ticket.Queued) && now.Sub(tk.start) >= propRequestTimeout*time.Second {
			r.fail("%s is still %s at age %v after a tick, past its request timeout", id, tk.state, now.Sub(tk.start))
		}
	}
}

// checkProgress: after a tick, the tickets left SEARCHING hold no match
// that the build of spec §5.2 finds around one of the three oldest: take
// candidates in order (sort rules, then age), put each on the first team
// (below minPlayers first, then most open slots, then definition order)
// where it fits and no rule fails yet (§2.9), until the teams are full,
// then check the result as complete. Such a match is valid, so the
// engine's search, which backtracks from the same build, should have found
// one. Large rule sets, whose build is different, and small batches, which
// may keep the tickets apart, are left out.
func (r *propRun) checkProgress(now time.Time) {
	rs := r.sc.rs
	if rs.Large || r.sc.maxBatch > 0 || r.stalled != "" {
		return
	}
	var pool []*propTicket
	parties := map[*propTicket]*ruleset.Party{}
	for _, id := range r.order {
		tk := r.tickets[id]
		if tk.state != ticket.Searching {
			continue
		}
		p, err := rs.NewParty(&ticket.Ticket{TicketID: tk.id, StartTime: tk.start, Players: tk.players})
		if err != nil || p.Unmatchable != "" {
			continue
		}
		pool = append(pool, tk)
		parties[tk] = p
	}
	slices.SortStableFunc(pool, func(a, b *propTicket) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	for _, a := range pool[:min(3, len(pool))] {
		if w := propBuild(rs, a, pool, parties, now); w != nil {
			var b strings.Builder
			for _, tk := range w {
				fmt.Fprintf(&b, " %s", tk.id)
			}
			r.stalled = fmt.Sprintf("at %v the engine had formed no match, though the spec §5.2 build around %s finds one:%s; the tickets searching:%s",
				now.Sub(epoch), a.id, b.String(), propDescribe(pool, &propMatch{teamOf: map[string]string{}}))
			return
		}
	}
}

// propBuild is the build of spec §5.2 around an anchor; it returns the
// match's tickets if the result is a valid match.
func propBuild(rs *ruleset.RuleSet, a *propTicket, pool []*propTicket, parties map[*propTicket]*ruleset.Party, now time.Time) []*propTicket {
	m := rs.NewMatch()
	chosen := []*propTicket{a}
	order := func(l *ruleset.Limits) []int {
		var ts []int
		for t := range l.Teams {
			ts = append(ts, t)
		}
		below := func(t int) bool { return m.Players(t) < l.Teams[t].MinPlayers }
		slices.SortStableFunc(ts, func(x, y int) int {
			if bx, by := below(x), below(y); bx != by {
				if bx {
					return -1
				}
				return 1
			}
			return (l.Teams[y].MaxPlayers - m.Players(y)) - (l.Teams[x].MaxPlayers - m.Players(x))
		})
		return ts
	}
	// place puts a party on the first team where it fits and no rule fails.
	place := func(tk *propTicket, l *ruleset.Limits) bool {
		p := parties[tk]
		for _, t := range order(l) {
			if p.Size() > l.Teams[t].MaxPlayers-m.Players(t) {
				continue
			}
			m.Add(t, p)
			if rs.Evaluate(m, l, false) == nil {
				return true
			}
			m.RemoveLast(t)
		}
		return false
	}
	if !place(a, rs.LimitsAt(now.Sub(a.start))) {
		return nil
	}
	var cands []*propTicket
	for _, c := range pool {
		if c != a {
			cands = append(cands, c)
		}
	}
	var sorts []*ruleset.Rule
	for _, ru := range rs.Rules {
		if ru.IsSort() {
			sorts = append(sorts, ru)
		}
	}
	key := func(c *propTicket, ru *ruleset.Rule) float64 {
		k, ok := ru.SortKey(parties[a], parties[c])
		if !ok {
			return math.Inf(1)
		}
		return k
	}
	slices.SortStableFunc(cands, func(x, y *propTicket) int {
		for _, ru := range sorts {
			if c := cmp.Compare(key(x, ru), key(y, ru)); c != 0 {
				return c
			}
		}
		return 0
	})
	for _, c := range cands {
		l := rs.LimitsAt(propAge(rs, chosen, now))
		if m.Size() >= l.MaxPlayers() {
			break
		}
		if place(c, l) {
			chosen = append(chosen, c)
		}
	}
	l := rs.LimitsAt(propSpecAge(rs, chosen, now))
	if !rs.TeamsFilled(m, l) || rs.Evaluate(m, l, true) != nil {
		return nil
	}
	return chosen
}

func (r *propRun) allTerminal() bool {
	for _, tk := range r.tickets {
		if !tk.state.Terminal() {
			return false
		}
	}
	return true
}

// observe follows every event (it runs inside the engine: it only reads
// the event and updates the model).
func (r *propRun) observe(ev engine.Event) {
	r.events = append(r.events, ev)
	d := ev.Detail
	at, err := time.Parse("2006-01-02T15:04:05.000Z", ev.Time)
	if err != nil {
		r.fail("event %d: time %q: %v", ev.Seq, ev.Time, err)
	}
	var tks []*propTicket
	for _, et := range d.Tickets {
		tk := r.tickets[et.TicketID]
		if tk == nil {
			// StartMatchmaking has not returned yet: only the tickets it
			// replaces can show up then, and they are known.
			r.fail("event %s names unknown ticket %s", d.Type, et.TicketID)
			continue
		}
		if tk.state.Terminal() {
			r.fail("event %s (match %s) names %s, which already ended %s", d.Type, d.MatchID, tk.id, tk.state)
		}
		if st, err := time.Parse("2006-01-02T15:04:05.000Z", et.StartTime); err != nil || !st.Equal(tk.start) {
			r.fail("event %s: %s startTime %q, want %v", d.Type, tk.id, et.StartTime, tk.start)
		}
		var want, got []string
		for _, p := range tk.players {
			want = append(want, p.PlayerID)
		}
		for _, p := range et.Players {
			got = append(got, p.PlayerID)
		}
		if !slices.Equal(want, got) {
			r.fail("event %s: %s lists players %v, want %v", d.Type, tk.id, got, want)
		}
		// After a match fell through, a ticket whose players all accepted
		// returns to SEARCHING; the others are cancelled (spec §7.3).
		if tk.dropped != "" {
			switch {
			case d.Type == engine.EventMatchmakingSearching && !tk.back:
				r.fail("%s returned to SEARCHING after match %s fell through, but not all its players accepted", tk.id, tk.dropped)
			case d.Type == engine.EventMatchmakingCancelled && d.Reason != "Cancelled" && tk.back:
				r.fail("%s cancelled (%s) after match %s fell through, though all its players accepted", tk.id, d.Reason, tk.dropped)
			case d.Type != engine.EventMatchmakingSearching && d.Type != engine.EventMatchmakingCancelled:
				r.fail("%s: %s after match %s fell through, before SEARCHING or CANCELLED", tk.id, d.Type, tk.dropped)
			}
			tk.dropped = ""
		}
		tks = append(tks, tk)
	}
	switch d.Type {
	case engine.EventMatchmakingSearching:
		for _, tk := range tks {
			if tk.state != ticket.Queued && tk.state != ticket.RequiresAcceptance {
				r.fail("MatchmakingSearching for %s in %s", tk.id, tk.state)
			}
			if tk.proposal != "" {
				r.fail("MatchmakingSearching for %s while its match %s is open", tk.id, tk.proposal)
			}
			tk.state = ticket.Searching
		}
	case engine.EventPotentialMatchCreated:
		r.potentialMatch(ev, at, tks)
	case engine.EventAcceptMatch:
		for _, tk := range tks {
			if tk.proposal != d.MatchID || tk.state != ticket.RequiresAcceptance {
				r.fail("AcceptMatch of match %s names %s (%s, in match %q)", d.MatchID, tk.id, tk.state, tk.proposal)
			}
		}
	case engine.EventAcceptMatchCompleted:
		m := r.matches[d.MatchID]
		if m == nil || !m.open {
			r.fail("AcceptMatchCompleted for unknown or closed match %s", d.MatchID)
			break
		}
		if !r.sc.acceptance {
			r.fail("AcceptMatchCompleted without acceptance")
		}
		r.sameTickets(d.Type, m, d.Tickets)
		m.open = false
		all := true
		for _, tk := range tks {
			tk.proposal = ""
			tk.back = true
			for _, p := range tk.players {
				tk.back = tk.back && m.answers[p.PlayerID]
			}
			all = all && tk.back
			if d.Acceptance != "Accepted" {
				tk.dropped = m.id
			}
		}
		switch {
		case d.Acceptance == "Accepted" && !all:
			r.fail("match %s accepted, but not every player accepted", m.id)
		case d.Acceptance == "Accepted", d.Acceptance == "Rejected":
		case d.Acceptance == "TimedOut":
			if at.Sub(m.at) < propAcceptanceTimeout*time.Second {
				r.fail("match %s: acceptance timed out after %v", m.id, at.Sub(m.at))
			}
		default:
			r.fail("match %s: AcceptMatchCompleted with acceptance %q", m.id, d.Acceptance)
		}
	case engine.EventMatchmakingSucceeded:
		m := r.matches[d.MatchID]
		if m == nil {
			r.fail("MatchmakingSucceeded for unknown match %s", d.MatchID)
			break
		}
		if m.open && r.sc.acceptance || m.completed {
			r.fail("MatchmakingSucceeded for match %s (open %v, completed %v)", d.MatchID, m.open, m.completed)
		}
		m.open, m.completed, m.region = false, true, d.GameSessionInfo.RecommendedRegion
		r.completed++
		r.sameTickets(d.Type, m, d.Tickets)
		for _, et := range d.Tickets {
			for _, p := range et.Players {
				if p.Team != m.teamOf[p.PlayerID] {
					r.fail("MatchmakingSucceeded %s: player %s on team %q, proposed on %q", d.MatchID, p.PlayerID, p.Team, m.teamOf[p.PlayerID])
				}
			}
		}
		for _, tk := range tks {
			if tk.state != ticket.RequiresAcceptance && tk.state != ticket.Searching {
				r.fail("%s completed from %s", tk.id, tk.state)
			}
			tk.proposal = ""
			tk.team = m.teamOf[tk.players[0].PlayerID]
			r.end(tk, ticket.Completed)
		}
	case engine.EventMatchmakingTimedOut:
		for _, tk := range tks {
			if tk.state != ticket.Searching && tk.state != ticket.Queued {
				r.fail("%s timed out from %s", tk.id, tk.state)
			}
			if age := at.Sub(tk.start); age < propRequestTimeout*time.Second {
				r.fail("%s timed out at age %v, before the request timeout", tk.id, age)
			}
			r.end(tk, ticket.TimedOut)
		}
	case engine.EventMatchmakingCancelled:
		for _, tk := range tks {
			tk.proposal = ""
			r.end(tk, ticket.Cancelled)
		}
	default:
		r.fail("unexpected event %s", d.Type)
	}
}

// end records a terminal event.
func (r *propRun) end(tk *propTicket, st ticket.Status) {
	tk.terminals++
	if tk.terminals == 1 {
		tk.terminal = st
	}
	tk.state = st
	for _, p := range tk.players {
		if r.active[p.PlayerID] == tk {
			delete(r.active, p.PlayerID)
		}
	}
}

func (r *propRun) sameTickets(what string, m *propMatch, ets []engine.EventTicket) {
	var got []string
	for _, et := range ets {
		got = append(got, et.TicketID)
	}
	if !slices.Equal(got, m.tickets) {
		r.fail("%s of match %s lists tickets %v, proposed %v", what, m.id, got, m.tickets)
	}
}

// potentialMatch checks a new potential match: its tickets are free, its
// teams valid and whole, and the rule set accepts it at an age it reached.
func (r *propRun) potentialMatch(ev engine.Event, at time.Time, tks []*propTicket) {
	d := ev.Detail
	rs := r.sc.rs
	if _, dup := r.matches[d.MatchID]; dup || d.MatchID == "" {
		r.fail("PotentialMatchCreated with a reused or empty match ID %q", d.MatchID)
		return
	}
	if d.AcceptanceRequired == nil || *d.AcceptanceRequired != r.sc.acceptance {
		r.fail("PotentialMatchCreated %s: acceptanceRequired %v", d.MatchID, d.AcceptanceRequired)
	}
	m := &propMatch{id: d.MatchID, at: at, teamOf: map[string]string{}, open: r.sc.acceptance, answers: map[string]bool{}}
	r.matches[m.id] = m
	r.matchIDs = append(r.matchIDs, m.id)
	seenPlayer := map[string]bool{}
	for i, tk := range tks {
		m.tickets = append(m.tickets, tk.id)
		// (1) a ticket is in one open match at a time, and only SEARCHING
		// tickets are matched
		if tk.state != ticket.Searching || tk.proposal != "" {
			r.fail("match %s takes %s, which is %s (open match %q)", m.id, tk.id, tk.state, tk.proposal)
		}
		if slices.Contains(m.tickets[:i], tk.id) {
			r.fail("match %s lists %s twice", m.id, tk.id)
		}
		if age := at.Sub(tk.start); age >= propRequestTimeout*time.Second {
			r.fail("match %s takes %s at age %v, past its request timeout", m.id, tk.id, age)
		}
		// (5) a party is never split
		et := d.Tickets[i]
		team := ""
		for j, p := range et.Players {
			if seenPlayer[p.PlayerID] {
				r.fail("match %s holds player %s twice", m.id, p.PlayerID)
			}
			seenPlayer[p.PlayerID] = true
			m.teamOf[p.PlayerID] = p.Team
			if j == 0 {
				team = p.Team
			} else if p.Team != team {
				r.fail("match %s splits %s: player %s on %q, %s on %q", m.id, tk.id, et.Players[0].PlayerID, team, p.PlayerID, p.Team)
			}
			// (2) team names are the generated ones
			if rs.Team(p.Team) == nil {
				r.fail("match %s puts %s on unknown team %q", m.id, p.PlayerID, p.Team)
			}
		}
		tk.proposal = m.id
		tk.state = ticket.RequiresAcceptance
		if !r.sc.acceptance {
			tk.state = ticket.Searching // completed by the next event
			tk.proposal = ""
		}
	}
	for _, p := range d.GameSessionInfo.Players {
		if !seenPlayer[p.PlayerID] || m.teamOf[p.PlayerID] != p.Team {
			r.fail("match %s: gameSessionInfo lists %s on %q, not as in its tickets", m.id, p.PlayerID, p.Team)
		}
	}
	if len(d.GameSessionInfo.Players) != len(seenPlayer) {
		r.fail("match %s: gameSessionInfo lists %d players, tickets %d", m.id, len(d.GameSessionInfo.Players), len(seenPlayer))
	}
	r.checkRules(m, tks)
}

// checkRules rebuilds a match with package ruleset and checks (2) team
// sizes, (3) every enforced rule and (7) batchDistance windows under the
// limits of some expansion stage the match had reached: the engine uses the
// limits at the age of one of the match's tickets, and no ticket is older
// than the oldest.
func (r *propRun) checkRules(m *propMatch, tks []*propTicket) {
	rs := r.sc.rs
	match := rs.NewMatch()
	oldest := m.at
	for _, tk := range tks {
		tt := &ticket.Ticket{TicketID: tk.id, StartTime: tk.start, Players: tk.players}
		p, err := rs.NewParty(tt)
		if err != nil {
			r.fail("match %s: party %s: %v", m.id, tk.id, err)
			return
		}
		if p.Unmatchable != "" {
			r.fail("match %s takes %s, which can never match: %s", m.id, tk.id, p.Unmatchable)
			return
		}
		team := rs.Team(m.teamOf[tk.players[0].PlayerID])
		if team == nil {
			return // reported
		}
		match.Add(team.Index, p)
		if tk.start.Before(oldest) {
			oldest = tk.start
		}
	}
	holds := func(l *ruleset.Limits) string {
		switch {
		case !propTeamSizesOK(match, l) || !rs.TeamsFilled(match, l):
			return fmt.Sprintf("team sizes %v outside %v", propTeamSizes(match), l.Teams)
		case len(propLatencyRegions(rs, tks, l)) == 0:
			return "no region within maxLatency for every ticket"
		case rs.Evaluate(match, l, true) != nil:
			return fmt.Sprintf("rule %s fails", rs.Evaluate(match, l, true).Name)
		case !propBatchDistanceOK(rs, tks, l):
			return "batchDistance window exceeded"
		}
		return ""
	}
	// (3) The match holds under the limits of some expansion stage it
	// reached: no ticket is older than the oldest.
	age := m.at.Sub(oldest)
	var why []string
	for _, st := range rs.Stages() {
		if st.From > age {
			break
		}
		w := holds(st.Limits)
		if w == "" {
			why = nil
			break
		}
		why = append(why, fmt.Sprintf("stage %v: %s", st.From, w))
	}
	if why != nil {
		r.fail("match %s (oldest ticket age %v) holds at no stage it reached: %s; tickets %s",
			m.id, age, strings.Join(why, "; "), propDescribe(tks, m))
		return
	}
	// (3b) More precisely, spec §4: the match holds under the limits at
	// the age of its newest (or oldest, per expansionAgeSelection) ticket,
	// leaving out the last one to join (events list the tickets in the
	// order they joined, anchor first).
	if w := holds(rs.LimitsAt(propSpecAge(rs, tks, m.at))); w != "" {
		r.fail("match %s holds at a stage it reached, but not at the age spec §4 gives it (%v, %s): %s; tickets %s",
			m.id, propSpecAge(rs, tks, m.at), rs.Algorithm.ExpansionAgeSelection, w, propDescribe(tks, m))
	}
}

// propSpecAge is a potential match's age per spec §4: from the tickets
// that were in it before the last one joined, the newest or the oldest.
func propSpecAge(rs *ruleset.RuleSet, tks []*propTicket, now time.Time) time.Duration {
	return propAge(rs, tks[:max(1, len(tks)-1)], now)
}

// propAge is the age of a set of tickets: that of the newest or the oldest,
// per expansionAgeSelection.
func propAge(rs *ruleset.RuleSet, tks []*propTicket, now time.Time) time.Duration {
	ref := tks[0].start
	for _, tk := range tks {
		if rs.Algorithm.ExpansionAgeSelection == ruleset.AgeOldest {
			if tk.start.Before(ref) {
				ref = tk.start
			}
		} else if tk.start.After(ref) {
			ref = tk.start
		}
	}
	return now.Sub(ref)
}

// propBatchDistanceOK checks every batchDistance rule from the players'
// attributes alone (spec §2.1, §2.2): one value for a string attribute
// over all players; for a number, the parties' aggregated values within
// maxDistance of each other.
func propBatchDistanceOK(rs *ruleset.RuleSet, tks []*propTicket, l *ruleset.Limits) bool {
	value := func(p ticket.Player, a *ruleset.Attribute) (ticket.AttributeValue, bool) {
		if v, ok := p.Attributes[a.Name]; ok {
			return v, true
		}
		if a.Default != nil {
			return *a.Default, true
		}
		return ticket.AttributeValue{}, false
	}
	for _, ru := range rs.Rules {
		if ru.Type != ruleset.BatchDistance {
			continue
		}
		a := ru.BatchAttribute
		if a.Type == ticket.TypeString {
			first, _ := value(tks[0].players[0], a)
			for _, tk := range tks {
				for _, p := range tk.players {
					if v, ok := value(p, a); !ok || v.S != first.S {
						return false
					}
				}
			}
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, tk := range tks {
			var vals []float64
			for _, p := range tk.players {
				v, ok := value(p, a)
				if !ok {
					return false
				}
				vals = append(vals, v.N)
			}
			agg := propAggregate(vals, ru.PartyAggregation)
			lo, hi = math.Min(lo, agg), math.Max(hi, agg)
		}
		if hi-lo > l.Rules[ru.Index].MaxDistance {
			return false
		}
	}
	return true
}

// propAggregate is a party aggregation of numbers: avg (the default), min
// or max.
func propAggregate(vals []float64, agg ruleset.Aggregation) float64 {
	switch agg {
	case ruleset.AggMin:
		return slices.Min(vals)
	case ruleset.AggMax:
		return slices.Max(vals)
	}
	sum := 0.0
	for _, v := range vals {
		sum += v
	}
	return sum / float64(len(vals))
}

// propTeamSizesOK checks team sizes against the limits without package
// ruleset's help.
func propTeamSizesOK(m *ruleset.Match, l *ruleset.Limits) bool {
	for t, tl := range l.Teams {
		if n := m.Players(t); n < tl.MinPlayers || n > tl.MaxPlayers {
			return false
		}
	}
	return true
}

// propLatencyRegions computes, from the players' LatencyInMs alone, the
// regions where every ticket is within every enforced latency rule's
// maxLatency (spec §2.1, §2.6): a party's latency to a region is the
// aggregate over its players, and only regions all its players report
// count. Without a latency rule it returns every region.
func propLatencyRegions(rs *ruleset.RuleSet, tks []*propTicket, l *ruleset.Limits) []string {
	ok := slices.Clone(propRegions)
	for _, ru := range rs.Rules {
		if ru.Type != ruleset.Latency || !ru.Enforced() {
			continue
		}
		maxLatency := l.Rules[ru.Index].MaxLatency
		for _, tk := range tks {
			ok = slices.DeleteFunc(ok, func(region string) bool {
				var vals []float64
				for _, p := range tk.players {
					v, has := p.LatencyInMs[region]
					if !has {
						return true
					}
					vals = append(vals, float64(v))
				}
				return propAggregate(vals, ru.PartyAggregation) > maxLatency
			})
		}
	}
	return ok
}

func propTeamSizes(m *ruleset.Match) []int {
	var out []int
	for t := range m.Teams {
		out = append(out, m.Players(t))
	}
	return out
}

// propDescribe renders a match's tickets for a failure message.
func propDescribe(tks []*propTicket, m *propMatch) string {
	var b strings.Builder
	for _, tk := range tks {
		fmt.Fprintf(&b, "\n  %s start=%s team=%s:", tk.id, tk.start.Format("15:04:05"), m.teamOf[tk.players[0].PlayerID])
		for _, p := range tk.players {
			fmt.Fprintf(&b, " %s{", p.PlayerID)
			for _, k := range propSortedKeys(p.Attributes) {
				fmt.Fprintf(&b, "%s=%v ", k, p.Attributes[k])
			}
			fmt.Fprintf(&b, "lat=%v}", p.LatencyInMs)
		}
	}
	return b.String()
}

// finalChecks: (1) no player or ticket in two completed matches, (4) one
// terminal event per ticket, and the recommended region of each completed
// match is one where every party is within the latency rule.
func (r *propRun) finalChecks() {
	matchOfTicket := map[string]string{}
	matchOfPlayer := map[string]string{}
	for _, mid := range r.matchIDs {
		m := r.matches[mid]
		if m.open {
			r.fail("match %s is still open at the end", mid)
		}
		if r.sc.acceptance && m.completed != propAllAccepted(m) {
			r.fail("match %s completed %v, every player accepted %v", mid, m.completed, propAllAccepted(m))
		}
		if !m.completed {
			continue
		}
		for _, id := range m.tickets {
			if prev, ok := matchOfTicket[id]; ok {
				r.fail("ticket %s completed in matches %s and %s", id, prev, mid)
			}
			matchOfTicket[id] = mid
			for _, p := range r.tickets[id].players {
				if prev, ok := matchOfPlayer[p.PlayerID]; ok {
					r.fail("player %s completed in matches %s and %s", p.PlayerID, prev, mid)
				}
				matchOfPlayer[p.PlayerID] = mid
			}
		}
		r.checkRegion(m)
	}
	for _, id := range r.order {
		tk := r.tickets[id]
		if tk.terminals != 1 {
			r.fail("%s has %d terminal events (last %s)", id, tk.terminals, tk.state)
		}
		if _, ok := matchOfTicket[id]; ok != (tk.terminal == ticket.Completed) {
			r.fail("%s ended %s, in a completed match: %v", id, tk.terminal, ok)
		}
	}
}

// checkRegion: a completed match of a rule set with a latency rule names a
// region where every ticket is within the rule at some stage it reached.
func (r *propRun) checkRegion(m *propMatch) {
	rs := r.sc.rs
	hasLatency := slices.ContainsFunc(rs.Rules, func(ru *ruleset.Rule) bool { return ru.Type == ruleset.Latency && ru.Enforced() })
	if !hasLatency {
		return
	}
	if m.region == "" {
		r.fail("match %s: no recommended region despite a latency rule", m.id)
		return
	}
	var tks []*propTicket
	oldest := m.at
	for _, id := range m.tickets {
		tk := r.tickets[id]
		tks = append(tks, tk)
		if tk.start.Before(oldest) {
			oldest = tk.start
		}
	}
	for _, st := range rs.Stages() {
		if st.From > m.at.Sub(oldest) {
			break
		}
		if slices.Contains(propLatencyRegions(rs, tks, st.Limits), m.region) {
			return
		}
	}
	r.fail("match %s: recommended region %s is not within the latency rule for all its tickets", m.id, m.region)
}

func propAllAccepted(m *propMatch) bool {
	for _, ok := range m.answers {
		if !ok {
			return false
		}
	}
	return len(m.answers) == len(m.teamOf)
}

func propSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestPropertyRepro holds the minimal reproductions of the
// engine bugs the properties found. Each subtest skips with "BUG:" while
// the bug is there, and checks the expected outcome once it is fixed.
func TestPropertyRepro(t *testing.T) {
	type lat = map[string]int
	solo := func(id string, attrs map[string]ticket.AttributeValue, l lat) ticket.Player {
		return ticket.Player{PlayerID: "p" + id, Attributes: attrs, LatencyInMs: l}
	}
	corpus := func(t *testing.T, name string) string {
		body, err := os.ReadFile("../testdata/rulesets/corpus/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		return string(body)
	}
	// Found by checkProgress on viz-blocklist (fixed: the rule is now Prunable). Eleven solo tickets started
	// together; t01's block list names t00's player, all others block
	// nobody. t00+t02..t10 is a valid 5v5 (so is t01+t02..t10), yet no
	// match ever forms: the rule (an expression referenceValue) is not
	// Rule.Prunable, so the search only checks it on complete matches; every
	// anchor's search takes t00 and t01, the two oldest, first, and the
	// budget (256) runs out below them. It lasts until t00 and t01 time out.
	t.Run("blocklist", func(t *testing.T) {
		h := newHarness(t, corpus(t, "viz-blocklist"), nil)
		for i := range 11 {
			block := "nobody"
			if i == 1 {
				block = "pt00"
			}
			h.start(fmt.Sprintf("t%02d", i), solo(fmt.Sprintf("t%02d", i), map[string]ticket.AttributeValue{"BlockList": ticket.StringList(block)}, nil))
		}
		h.advance(1)
		if h.status("t02") != ticket.Completed {
			t.Fatalf("head-of-line blocking: t02 is %s", h.status("t02"))
		}
		if h.status("t00") == ticket.Completed && h.status("t01") == ticket.Completed {
			t.Errorf("t00 and t01 both completed")
		}
	})
	// Found by checkProgress on viz-compound (fixed: an and/or of prunable rules is Prunable). 21 solo tickets started
	// together, all with map and mode "alpha" but t01 ("beta", with skill
	// and league far from the rest). The other 20 are a valid 10v10 (same
	// map and mode), yet no match ever forms: the compound rule is not
	// Rule.Prunable, so t01, the second oldest, is in every candidate match
	// and the search budget runs out below it.
	t.Run("compound", func(t *testing.T) {
		h := newHarness(t, corpus(t, "viz-compound"), nil)
		for i := range 21 {
			v, skill := "alpha", float64(i)
			if i == 1 {
				v, skill = "beta", 500
			}
			h.start(fmt.Sprintf("t%02d", i), solo(fmt.Sprintf("t%02d", i), map[string]ticket.AttributeValue{
				"map": ticket.String(v), "mode": ticket.String(v), "skill": ticket.Number(skill), "league": ticket.Number(skill)}, nil))
		}
		h.advance(1)
		if h.status("t00") != ticket.Completed {
			t.Fatalf("head-of-line blocking: t00 is %s", h.status("t00"))
		}
		if h.status("t01") != ticket.Searching {
			t.Errorf("t01 is %s", h.status("t01"))
		}
	})
	// Found by checkProgress (fixed: candidates are filtered by the anchor's regions) on serverless-simplerule-v2 (-prop.seeds=200,
	// seed 178). a (0 s) reaches eu-west-1 in 198 ms, c (5 s) in 130 ms:
	// at 10 s, a's expansion to maxLatency 200 makes a+c a valid match
	// (anchor a; skills 38 and 21 within 10 of their mean). b (3 s, only
	// ap-northeast-1) joins a first and fails FairSkill; while b is in the
	// match the search pulls c and drops it, since c shares no region with
	// a+b, and never considers it again once b is taken out. Without b, a+c
	// forms at 10 s; with b only at 15 s, when c can anchor it itself.
	t.Run("latency-mask", func(t *testing.T) {
		h := newHarness(t, corpus(t, "serverless-simplerule-v2"), nil)
		skill := func(v float64) map[string]ticket.AttributeValue {
			return map[string]ticket.AttributeValue{"skill": ticket.Number(v)}
		}
		h.start("a", solo("a", skill(38), lat{"ap-northeast-1": 45, "eu-west-1": 198}))
		h.advance(3)
		h.start("b", solo("b", skill(10), lat{"ap-northeast-1": 38}))
		h.advance(2)
		h.start("c", solo("c", skill(21), lat{"eu-west-1": 130}))
		h.advance(5)
		if h.status("a") != ticket.Completed {
			t.Fatalf("a candidate dropped under a narrowed region mask was lost: a is %s", h.status("a"))
		}
		if h.status("c") != ticket.Completed || h.status("b") != ticket.Searching {
			t.Errorf("a, b, c: %s, %s, %s", h.status("a"), h.status("b"), h.status("c"))
		}
	})
}

// TestPropertyCheckerCatches feeds the checker made-up events that break
// each invariant, to show that the property tests can fail.
func TestPropertyCheckerCatches(t *testing.T) {
	const body = `{"ruleLanguageVersion": "1.0",
	  "playerAttributes": [{"name": "skill", "type": "number"}],
	  "teams": [{"name": "red", "minPlayers": 2, "maxPlayers": 2}, {"name": "blue", "minPlayers": 2, "maxPlayers": 2}],
	  "rules": [{"name": "close", "type": "distance", "measurements": ["flatten(teams[*].players.attributes[skill])"], "maxDistance": 10},
	            {"name": "fast", "type": "latency", "maxLatency": 100}]}`
	rs := ruleset.MustParse(body)
	iso := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	at := epoch.Add(5 * time.Second)
	type ev = engine.Event
	// tickets a (two players), b, c, d, e; e is far in skill
	newRun := func(acceptance bool) *propRun {
		r := &propRun{sc: &propScenario{rs: rs, acceptance: acceptance}, tickets: map[string]*propTicket{}, active: map[string]*propTicket{}, matches: map[string]*propMatch{}}
		add := func(id string, skill float64, pids ...string) {
			tk := &propTicket{id: id, start: epoch, state: ticket.Searching}
			for _, pid := range pids {
				tk.players = append(tk.players, ticket.Player{PlayerID: pid, Attributes: map[string]ticket.AttributeValue{"skill": ticket.Number(skill)}, LatencyInMs: map[string]int{"us-east-1": 20}})
			}
			r.tickets[id] = tk
			r.order = append(r.order, id)
		}
		add("a", 1, "pa1", "pa2")
		add("b", 2, "pb")
		add("c", 3, "pc")
		add("d", 4, "pd")
		add("e", 50, "pe")
		return r
	}
	// on puts a ticket's players on teams (one team per player, or one for all).
	on := func(r *propRun, id string, teams ...string) engine.EventTicket {
		tk := r.tickets[id]
		et := engine.EventTicket{TicketID: id, StartTime: iso(tk.start)}
		for i, p := range tk.players {
			et.Players = append(et.Players, engine.EventPlayer{PlayerID: p.PlayerID, Team: teams[min(i, len(teams)-1)]})
		}
		return et
	}
	event := func(r *propRun, typ, match string, when time.Time, ets ...engine.EventTicket) ev {
		d := engine.EventDetail{Type: typ, MatchID: match, Tickets: ets}
		for _, et := range ets {
			d.GameSessionInfo.Players = append(d.GameSessionInfo.Players, et.Players...)
		}
		if typ == engine.EventPotentialMatchCreated {
			d.AcceptanceRequired = &r.sc.acceptance
		}
		if typ == engine.EventMatchmakingSucceeded {
			d.GameSessionInfo.RecommendedRegion = "us-east-1"
		}
		return ev{Time: iso(when), Detail: d}
	}
	created := func(r *propRun, match string, ets ...engine.EventTicket) []ev {
		return []ev{event(r, engine.EventPotentialMatchCreated, match, at, ets...), event(r, engine.EventMatchmakingSucceeded, match, at, ets...)}
	}
	cases := []struct {
		name       string
		acceptance bool
		events     func(r *propRun) []ev
		want       string // "" for no problem
	}{
		{"valid", false, func(r *propRun) []ev {
			return created(r, "m1", on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue"))
		}, ""},
		{"split party", false, func(r *propRun) []ev {
			return created(r, "m1", on(r, "a", "red", "blue"), on(r, "b", "red"), on(r, "c", "blue"))
		}, "splits a"},
		{"unknown team", false, func(r *propRun) []ev {
			return created(r, "m1", on(r, "a", "red"), on(r, "b", "green"), on(r, "c", "blue"))
		}, "unknown team"},
		{"team too big", false, func(r *propRun) []ev {
			return created(r, "m1", on(r, "a", "red"), on(r, "b", "red"), on(r, "c", "blue"), on(r, "d", "blue"))
		}, "team sizes [3 2]"},
		{"rule fails", false, func(r *propRun) []ev {
			return created(r, "m1", on(r, "a", "red"), on(r, "b", "blue"), on(r, "e", "blue"))
		}, "rule close fails"},
		{"latency", false, func(r *propRun) []ev {
			r.tickets["c"].players[0].LatencyInMs = map[string]int{"us-east-1": 500, "eu-west-1": 10}
			return created(r, "m1", on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue"))
		}, "no region within maxLatency"},
		{"two open matches", true, func(r *propRun) []ev {
			return []ev{
				event(r, engine.EventPotentialMatchCreated, "m1", at, on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue")),
				event(r, engine.EventPotentialMatchCreated, "m2", at, on(r, "b", "red"), on(r, "d", "red"), on(r, "a", "blue")),
			}
		}, "match m2 takes b, which is REQUIRES_ACCEPTANCE"},
		{"two terminal events", false, func(r *propRun) []ev {
			return append(created(r, "m1", on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue")),
				event(r, engine.EventMatchmakingTimedOut, "", epoch.Add(time.Minute), on(r, "b", "")))
		}, "which already ended COMPLETED"},
		{"early timeout", false, func(r *propRun) []ev {
			return []ev{event(r, engine.EventMatchmakingTimedOut, "", at, on(r, "d", ""))}
		}, "before the request timeout"},
		{"teams change", false, func(r *propRun) []ev {
			return []ev{
				event(r, engine.EventPotentialMatchCreated, "m1", at, on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue")),
				event(r, engine.EventMatchmakingSucceeded, "m1", at, on(r, "a", "blue"), on(r, "b", "red"), on(r, "c", "red")),
			}
		}, "proposed on"},
		{"accepted without answers", true, func(r *propRun) []ev {
			done := event(r, engine.EventAcceptMatchCompleted, "m1", at.Add(time.Second), on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue"))
			done.Detail.Acceptance = "Accepted"
			return []ev{event(r, engine.EventPotentialMatchCreated, "m1", at, on(r, "a", "red"), on(r, "b", "blue"), on(r, "c", "blue")), done}
		}, "match m1 accepted, but not every player accepted"},
		{"no terminal status", false, func(r *propRun) []ev { return nil }, "has 0 terminal events"},
		{"match left in the pool", false, func(r *propRun) []ev {
			r.checkProgress(at) // a, b and c are a valid 2v2
			r.problems = append(r.problems, r.stalled)
			return nil
		}, "the spec §5.2 build around a finds one: a b c"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRun(c.acceptance)
			for _, e := range c.events(r) {
				r.observe(e)
			}
			if c.want != "" {
				r.finalChecks()
			}
			got := strings.Join(r.problems, "\n")
			switch {
			case c.want == "" && got != "":
				t.Errorf("problems in a valid history:\n%s", got)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Errorf("want a problem with %q, got:\n%s", c.want, got)
			}
		})
	}
}
