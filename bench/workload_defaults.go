package bench

import (
	_ "embed"
	"time"

	"github.com/flexsim/flexsim/engine"
	"github.com/flexsim/flexsim/ticket"
)

// The default simulation of `flexsim simulate`: a 5v5 skill game (team
// averages within a band that widens in two expansion steps, a latency
// rule, a role-composition rule) and a few minutes of its players (parties,
// skill, roles, four regions, acceptance, some players giving up).
var (
	//go:embed defaults/5v5-skill.json
	DefaultRuleSet string
	//go:embed defaults/5v5-skill.yaml
	DefaultWorkloadFile string
)

// Default names of the embedded files, for positions in errors.
const (
	DefaultRuleSetName  = "5v5-skill.json"
	DefaultWorkloadName = "5v5-skill.yaml"
)

// NewWorkload returns a workload with every field at its default: 10
// tickets per second (Poisson) of solo players with a Normal(1000, 200)
// skill, living in DefaultRegions, for 5 minutes, on a STANDALONE
// configuration with a 120 s request timeout and no acceptance.
func NewWorkload() *Workload {
	return &Workload{
		Duration: 5 * time.Minute,
		Arrivals: Arrivals{Process: ProcessPoisson, Rate: 10},
		Players: Players{
			PartySize: []Weighted[int]{{Value: 1, Weight: 1}},
			Attributes: []AttributeSpec{{
				Name: "skill", Type: ticket.TypeNumber,
				Number: Dist{Kind: DistNormal, Mean: SkillMean, StdDev: SkillStdDev, Min: 0, Max: 3000, HasMin: true, HasMax: true, Round: 1},
			}},
		},
		Regions:    DefaultRegions(),
		Acceptance: Acceptance{Probability: 1, Delay: Dist{Kind: DistUniform, Min: 1, Max: 5}, Decline: DeclineReject},
		Cancel:     Cancel{After: Dist{Kind: DistExponential, Mean: 60}},
		Matchmaking: Matchmaking{
			RequestTimeout:    120 * time.Second,
			AcceptanceTimeout: 30 * time.Second,
			Mode:              engine.ModeStandalone,
		},
		Engine: EngineSettings{TickInterval: engine.DefaultTickInterval, SearchBudget: engine.DefaultSearchBudget},
	}
}

// DefaultRegions is the population model of NewPopulation as workload
// regions: the four Regions with 35, 25, 25 and 15 % of the players, a
// latency of uniform(15, 75) ms to their home region and, to each other
// region, that plus the inter-region round trip plus Normal(0, 15) ms.
func DefaultRegions() []Region {
	out := make([]Region, len(Regions))
	for i, name := range Regions {
		r := Region{Name: name, Share: homeWeights[i] * 100, Latency: Dist{Kind: DistUniform, Min: 15, Max: 75}}
		for j, other := range Regions {
			if j != i {
				r.To = append(r.To, RegionRTT{Region: other, Extra: Dist{Kind: DistNormal, Mean: regionRTT[i][j], StdDev: 15}})
			}
		}
		out[i] = r
	}
	return out
}
