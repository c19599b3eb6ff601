package ruleset_test

import (
	"fmt"
	"time"

	"github.com/flexsim/flexsim/ruleset"
	"github.com/flexsim/flexsim/ticket"
)

// exampleBody is a two-team rule set with a skill rule that relaxes after
// five seconds.
const exampleBody = `{
  "name": "duel",
  "ruleLanguageVersion": "1.0",
  "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
  "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 2},
            {"name": "blue", "minPlayers": 1, "maxPlayers": 2}],
  "rules": [{
    "name": "FairSkill",
    "type": "distance",
    "measurements": "avg(teams[*].players.attributes[skill])",
    "maxDistance": 10
  }],
  "expansions": [{
    "target": "rules[FairSkill].maxDistance",
    "steps": [{"waitTimeSeconds": 5, "value": 25}]
  }]
}`

func ExampleParse() {
	rs, errs := ruleset.Parse("duel.json", []byte(exampleBody))
	if err := errs.Err(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rs.Name)
	fmt.Println(rs.Summary())
	// Output:
	// duel
	// small match of up to 4 players; teams: red 1-2 blue 1-2; rules: 1 distance; expansions: 1 step (rules[FairSkill].maxDistance)
}

func ExampleRule_Evaluate() {
	rs := ruleset.MustParse(exampleBody)
	player := func(id string, skill float64) *ruleset.Party {
		p, err := rs.NewParty(&ticket.Ticket{TicketID: id, Players: []ticket.Player{{
			PlayerID:   id,
			Attributes: map[string]ticket.AttributeValue{"skill": ticket.Number(skill)},
		}}})
		if err != nil {
			panic(err)
		}
		return p
	}
	fair := rs.Rule("FairSkill")
	limits := rs.LimitsAt(0)

	m := rs.NewMatch()
	m.Add(rs.Team("red").Index, player("ann", 20))
	fmt.Println("blue empty:", fair.Evaluate(m, limits))

	m.Add(rs.Team("blue").Index, player("bob", 35))
	fmt.Println(fair.Measurements[0].Text, "=", fair.Measurements[0].Eval(m, fair.PartyAggregation))
	fmt.Println("at 0s:", fair.Evaluate(m, limits))
	fmt.Println("at 5s:", fair.Evaluate(m, rs.LimitsAt(5*time.Second)))
	// Output:
	// blue empty: unknown
	// avg(teams[*].players.attributes[skill]) = [20 35]
	// at 0s: fail
	// at 5s: pass
}

func ExampleRuleSet_LimitsAt() {
	rs := ruleset.MustParse(exampleBody)
	fair := rs.Rule("FairSkill")
	for _, age := range []time.Duration{0, 4 * time.Second, 5 * time.Second, time.Minute} {
		fmt.Printf("%v: maxDistance %g\n", age, rs.LimitsAt(age).Rules[fair.Index].MaxDistance)
	}
	for _, st := range rs.Stages() {
		fmt.Printf("stage from %v\n", st.From)
	}
	// Output:
	// 0s: maxDistance 10
	// 4s: maxDistance 10
	// 5s: maxDistance 25
	// 1m0s: maxDistance 25
	// stage from 0s
	// stage from 5s
}

func ExampleErrorList() {
	body := `{
  "ruleLanguageVersion": "1.0",
  "teams": [{"name": "red", "minPlayers": 3, "maxPlayers": 2}],
  "rules": [{"name": "R", "type": "comparision"}]
}`
	_, errs := ruleset.Parse("bad.json", []byte(body))
	for _, e := range errs.Errors() {
		fmt.Println(e)
	}
	// Output:
	// bad.json:3:43: /teams/0/minPlayers: minPlayers (3) is greater than maxPlayers (2)
	// bad.json:4:35: /rules/0/type: unsupported rule type "comparision" (want one of batchDistance, comparison, distance, collection, latency, absoluteSort, distanceSort, compound) (did you mean "comparison"?)
}
