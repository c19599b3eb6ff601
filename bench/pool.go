package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// Benchmark rule sets. Each declares one number attribute, skill, with a
// default of 1000; the generated players always send it.
const (
	// RuleSet1v1 matches two teams of one player whose skills are at most
	// 50 apart.
	RuleSet1v1 = `{
	"name": "bench-1v1",
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	"teams": [
		{"name": "red", "minPlayers": 1, "maxPlayers": 1},
		{"name": "blue", "minPlayers": 1, "maxPlayers": 1}],
	"rules": [{
		"name": "CloseSkill", "type": "distance",
		"measurements": ["flatten(teams[*].players.attributes[skill])"],
		"maxDistance": 50
	}]
}`

	// RuleSet5v5 matches two teams of five whose average skills are each
	// within 50 of the match average (so within 100 of each other), in a
	// region where every player is under 150 ms. After 10 s of waiting the
	// team-skill limit widens to 100.
	RuleSet5v5 = `{
	"name": "bench-5v5",
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	"teams": [
		{"name": "red", "minPlayers": 5, "maxPlayers": 5},
		{"name": "blue", "minPlayers": 5, "maxPlayers": 5}],
	"rules": [{
		"name": "FairTeamSkill", "type": "distance",
		"measurements": ["avg(teams[*].players.attributes[skill])"],
		"referenceValue": "avg(flatten(teams[*].players.attributes[skill]))",
		"maxDistance": 50
	}, {
		"name": "FastConnection", "type": "latency", "maxLatency": 150
	}],
	"expansions": [{
		"target": "rules[FairTeamSkill].maxDistance",
		"steps": [{"waitTimeSeconds": 10, "value": 100}]
	}]
}`

	// RuleSetLarge100 is a large match: two teams of exactly 50 built by the
	// balanced algorithm on skill, every player within a 100-point skill
	// band and under 150 ms in a common region.
	RuleSetLarge100 = `{
	"name": "bench-large100",
	"ruleLanguageVersion": "1.0",
	"playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
	"algorithm": {
		"strategy": "balanced",
		"balancedAttribute": "skill",
		"batchingPreference": "largestPopulation"
	},
	"teams": [
		{"name": "red", "minPlayers": 50, "maxPlayers": 50},
		{"name": "blue", "minPlayers": 50, "maxPlayers": 50}],
	"rules": [{
		"name": "SkillBand", "type": "batchDistance",
		"batchAttribute": "skill", "maxDistance": 100
	}, {
		"name": "FastConnection", "type": "latency", "maxLatency": 150
	}]
}`
)

// Target is a named rule set to run a pool against.
type Target struct {
	Name    string
	RuleSet string // rule-set body
	// MatchSize is the number of players in a full match.
	MatchSize int
}

// Targets are the benchmark targets, in the order they are reported.
var Targets = []Target{
	{Name: "1v1", RuleSet: RuleSet1v1, MatchSize: 2},
	{Name: "5v5", RuleSet: RuleSet5v5, MatchSize: 10},
	{Name: "large100", RuleSet: RuleSetLarge100, MatchSize: 100},
}

// Regions are the AWS Regions every generated player reports a latency to.
var Regions = []string{"us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"}

// Population model. A player lives near a home region (drawn with
// homeWeights) and has 15–75 ms to it; to any other region the latency is
// that plus the inter-region round trip (regionRTT) plus Normal(0, 15) ms
// noise. Under a 150 ms limit every player thus has its home region, and
// most one or two more: US players reach both US regions and often
// eu-west-1 or ap-northeast-1, European and Asian players mostly only their
// own; about 5% of players (West-coast ones) reach all four.
var (
	homeWeights = []float64{0.35, 0.25, 0.25, 0.15}
	regionRTT   = [4][4]float64{
		{0, 65, 70, 150},
		{65, 0, 125, 100},
		{70, 125, 0, 210},
		{150, 100, 210, 0},
	}
)

// Skill distribution of the generated players.
const (
	SkillMean   = 1000
	SkillStdDev = 200
)

// Population is a set of solo players with a skill and latencies.
type Population struct {
	// Players are the players, one per ticket, in the order to submit them.
	Players []ticket.Player
	// Skills[i] is the skill of Players[i].
	Skills []float64
}

// playerPrefix starts every generated player ID; the rest is the index.
const playerPrefix = "player-"

// PlayerID is the ID of the i-th generated player.
func PlayerID(i int) string { return fmt.Sprintf("%s%07d", playerPrefix, i) }

// TicketID is the ID FillPool gives the i-th ticket. IDs sort in
// submission order, so tickets that start at the same time keep it as
// their age order.
func TicketID(i int) string { return fmt.Sprintf("ticket-%07d", i) }

// NewPopulation draws n solo players from a generator seeded with seed:
// skill ~ Normal(SkillMean, SkillStdDev) rounded to an integer, latencies to
// the four Regions as the population model above describes. The same n and
// seed give the same players.
func NewPopulation(n int, seed uint64) *Population {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	p := &Population{Players: make([]ticket.Player, n), Skills: make([]float64, n)}
	for i := range n {
		skill := math.Round(SkillMean + SkillStdDev*rng.NormFloat64())
		home := pick(rng, homeWeights)
		base := 15 + 60*rng.Float64()
		lat := make(map[string]int, len(Regions))
		for r, region := range Regions {
			v := base
			if r != home {
				v += regionRTT[home][r] + 15*rng.NormFloat64()
			}
			lat[region] = max(1, int(math.Round(v)))
		}
		p.Skills[i] = skill
		p.Players[i] = ticket.Player{
			PlayerID:    PlayerID(i),
			Attributes:  map[string]ticket.AttributeValue{"skill": ticket.Number(skill)},
			LatencyInMs: lat,
		}
	}
	return p
}

func pick(rng *rand.Rand, weights []float64) int {
	x := rng.Float64()
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// Skill returns the skill of a generated player by ID.
func (p *Population) Skill(playerID string) (float64, bool) {
	i, ok := p.Index(playerID)
	if !ok {
		return 0, false
	}
	return p.Skills[i], true
}

// Index returns the position in Players of a generated player ID.
func (p *Population) Index(playerID string) (int, bool) {
	s, ok := strings.CutPrefix(playerID, playerPrefix)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 || i >= len(p.Players) {
		return 0, false
	}
	return i, true
}

// Names NewEngine gives the rule set and configuration it creates.
const (
	RuleSetName       = "bench"
	ConfigurationName = "bench"
)

// Epoch is where NewEngine's virtual clock starts.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// NewEngine returns an engine on a virtual clock reading Epoch, seeded with
// seed, keeping no event log, with the rule set body stored as RuleSetName
// and a STANDALONE configuration ConfigurationName using it (request
// timeout 600 s, no acceptance). opts come after these defaults and may
// override them (engine.WithEventHandler, engine.WithEventLogSize, ...).
// The clock's tick loop runs only when the caller advances the clock; a
// caller may instead call Tick directly. Close the engine when done.
func NewEngine(ctx context.Context, body string, seed uint64, opts ...engine.Option) (*engine.Engine, *engine.VirtualClock, error) {
	clock := engine.NewVirtualClock(Epoch)
	all := append([]engine.Option{
		engine.WithClock(clock),
		engine.WithSeed(seed),
		engine.WithEventLogSize(0),
	}, opts...)
	e := engine.New(all...)
	if _, err := e.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{Name: RuleSetName, RuleSetBody: body}); err != nil {
		e.Close()
		return nil, nil, err
	}
	if _, err := e.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{
		Name:                  ConfigurationName,
		RuleSetName:           RuleSetName,
		RequestTimeoutSeconds: 600,
		FlexMatchMode:         engine.ModeStandalone,
	}); err != nil {
		e.Close()
		return nil, nil, err
	}
	return e, clock, nil
}

// FillPool starts one single-player ticket per player in configuration
// cfg, in order, the i-th with ID TicketID(i). The tickets are QUEUED until
// the engine's next tick makes them SEARCHING.
func FillPool(ctx context.Context, e *engine.Engine, cfg string, players []ticket.Player) error {
	for i := range players {
		if _, err := e.StartMatchmaking(ctx, &engine.StartMatchmakingInput{
			TicketId:          TicketID(i),
			ConfigurationName: cfg,
			Players:           players[i : i+1],
		}); err != nil {
			return fmt.Errorf("ticket %d: %w", i, err)
		}
	}
	return nil
}
