package placement

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/engine"
)

// searchFixture is a fleet with five game sessions created a second apart:
//
//	name     max  players  properties              location
//	alpha      4        0  mode=brawl  level=10    us-east-1
//	beta       8        8  mode=ranked level=9     us-east-1 (full)
//	gamma      8        3  mode=brawl              eu-west-1
//	delta     10        1  mode=ranked level=2     us-east-1
//	Matt's     2        0  (none)                  us-east-1
//
// plus an ended session "omega", which no search returns.
func searchFixture(t *testing.T) (*host, FleetAttributes, map[string]GameSession) {
	h := newHost(t)
	f := h.fleet(6, 1, LocationSpec{Location: "eu-west-1", Instances: 1})
	byName := map[string]GameSession{}
	add := func(name string, maxPlayers, players int, loc string, p []engine.GameProperty) {
		gs := h.session(f.FleetId, maxPlayers, func(in *CreateGameSessionInput) { in.Name, in.Location, in.GameProperties = name, loc, p })
		for i := range players {
			h.players(gs.GameSessionId, fmt.Sprint(name, i))
		}
		byName[name] = gs
		h.clock.Advance(time.Second)
	}
	add("alpha", 4, 0, "", props("mode", "brawl", "level", "10"))
	add("beta", 8, 8, "", props("mode", "ranked", "level", "9"))
	add("gamma", 8, 3, "eu-west-1", props("mode", "brawl"))
	add("delta", 10, 1, "", props("mode", "ranked", "level", "2"))
	add("Matt's", 2, 0, "", nil)
	add("omega", 4, 0, "", props("mode", "brawl"))
	if err := h.s.EndGameSession(byName["omega"].GameSessionId); err != nil {
		t.Fatal(err)
	}
	return h, f, byName
}

func names(gs []GameSession) string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Name)
	}
	return strings.Join(out, " ")
}

func TestSearchGameSessionsFilter(t *testing.T) {
	h, f, byName := searchFixture(t)
	created := func(name string) string {
		return fmt.Sprint(byName[name].CreationTime.UnixMilli())
	}
	for _, c := range []struct {
		filter string
		want   string
	}{
		{"", "alpha beta gamma delta Matt's"},
		{"hasAvailablePlayerSessions=true", "alpha gamma delta Matt's"},
		{"maximumSessions>=10 AND hasAvailablePlayerSessions=true", "delta"},
		{"maximumSessions >= 8", "beta gamma delta"},
		{"playerSessionCount > 0 AND playerSessionCount <= 3", "gamma delta"},
		{"playerSessionCount <> 0", "beta gamma delta"},
		{"gameSessionName = 'gamma'", "gamma"},
		{"gameSessionName = 'Gamma'", ""}, // string values are case-sensitive
		{`gameSessionName = 'Matt\'s'`, "Matt's"},
		{`gameSessionName = "beta"`, "beta"},
		{"gameSessionName <> 'beta'", "alpha gamma delta Matt's"},
		{"gameSessionId = '" + byName["delta"].GameSessionId + "'", "delta"},
		{"gameSessionProperties.mode = 'brawl'", "alpha gamma"},
		{"gameSessionProperties.mode <> 'brawl'", "beta delta Matt's"},
		{"gameSessionProperties.level = '10'", "alpha"},
		{"gameSessionProperties.level <> '10'", "beta gamma delta Matt's"},
		{"NOT gameSessionProperties.mode = 'ranked'", "alpha gamma Matt's"},
		{"gameSessionProperties.mode = 'ranked' OR maximumSessions < 4 AND hasAvailablePlayerSessions = true", "beta delta Matt's"},
		{"(gameSessionProperties.mode = 'ranked' OR maximumSessions < 4) AND hasAvailablePlayerSessions = true", "delta Matt's"},
		{"NOT (gameSessionProperties.mode = 'ranked' OR gameSessionName = 'alpha')", "gamma Matt's"},
		{"NOT NOT gameSessionName = 'alpha'", "alpha"},
		{"creationTimeMillis > " + created("beta"), "gamma delta Matt's"},
		{"creationTimeMillis >= " + created("beta") + " and creationTimeMillis < " + created("delta"), "beta gamma"},
		{"hasAvailablePlayerSessions = FALSE", "beta"},
		{"  maximumSessions=4\n", "alpha"},
	} {
		out, err := h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{FleetId: f.FleetId, FilterExpression: c.filter})
		if err != nil {
			t.Errorf("%s: %v", c.filter, err)
			continue
		}
		if got := names(out.GameSessions); got != c.want {
			t.Errorf("%s: got %q, want %q", c.filter, got, c.want)
		}
	}
	out, _ := h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{FleetId: f.FleetId, Location: "eu-west-1"})
	if got := names(out.GameSessions); got != "gamma" {
		t.Errorf("eu-west-1: %q", got)
	}
}

func TestSearchGameSessionsSort(t *testing.T) {
	h, f, _ := searchFixture(t)
	for _, c := range []struct {
		sort, filter, want string
	}{
		{"creationTimeMillis ASC", "", "alpha beta gamma delta Matt's"},
		{"creationTimeMillis DESC", "", "Matt's delta gamma beta alpha"},
		{"maximumSessions DESC", "", "delta beta gamma alpha Matt's"}, // ties keep creation order
		{"maximumSessions", "", "Matt's alpha beta gamma delta"},
		{"playerSessionCount desc", "", "beta gamma delta alpha Matt's"},
		{"gameSessionName ASC", "", "Matt's alpha beta delta gamma"},
		{"hasAvailablePlayerSessions ASC", "", "beta alpha gamma delta Matt's"},
		{"gameSessionProperties.level ASC", "", "alpha delta beta gamma Matt's"}, // strings; no level last
		{"gameSessionProperties.level DESC", "", "beta delta alpha gamma Matt's"},
		{"maximumSessions DESC", "hasAvailablePlayerSessions = true", "delta gamma alpha Matt's"},
	} {
		out, err := h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{FleetId: f.FleetId, SortExpression: c.sort, FilterExpression: c.filter})
		if err != nil {
			t.Errorf("%s: %v", c.sort, err)
			continue
		}
		if got := names(out.GameSessions); got != c.want {
			t.Errorf("%s: got %q, want %q", c.sort, got, c.want)
		}
	}
}

func TestSearchGameSessionsBadExpressions(t *testing.T) {
	h, f, _ := searchFixture(t)
	for _, c := range []struct {
		filter, sort string
		want         string
	}{
		{"gamesessionname = 'x'", "", "FilterExpression at position 1: unknown operand \"gamesessionname\" (operand names are case-sensitive: did you mean gameSessionName?)"},
		{"playerCount > 1", "", "position 1: unknown operand \"playerCount\"; use one of gameSessionId"},
		{"gameSessionProperties = 'x'", "", "gameSessionProperties needs a key"},
		{"gameSessionName < 'x'", "", "position 17: gameSessionName can only be compared with = or <>"},
		{"gameSessionProperties.level > '5'", "", "gameSessionProperties.level can only be compared with = or <>"},
		{"gameSessionProperties.level = 5", "", "position 31: gameSessionProperties.level compares with a string in quotes"},
		{"maximumSessions > 'ten'", "", "position 19: maximumSessions compares with a number, got 'ten'"},
		{"hasAvailablePlayerSessions = 'true'", "", "compares with true or false"},
		{"hasAvailablePlayerSessions > true", "", "can only be compared with = or <>"},
		{"maximumSessions != 4", "", "position 17: unexpected '!' (write <> for not equal"},
		{"maximumSessions == 4", "", "unexpected '=='"},
		{"maximumSessions 4", "", "position 17: expected a comparator (=, <>, <, >, <=, >=) after maximumSessions, got 4"},
		{"(maximumSessions > 4", "", "position 21: expected ) to close the ( at position 1, got the end of the expression"},
		{"maximumSessions > 4)", "", "position 20: unmatched )"},
		{"maximumSessions > 4 maximumSessions < 9", "", "position 21: expected AND, OR or the end"},
		{"maximumSessions > 4 AND", "", "position 24: expected an operand"},
		{"NOT", "", "expected an operand"},
		{"gameSessionName = 'open", "", "position 19: unterminated string"},
		{"maximumSessions > 1.2.3", "", "\"1.2.3\" is not a number"},
		{"maximumSessions > 4 # x", "", "position 21: unexpected character '#'"},
		{"", "maximumSessions UP", "SortExpression at position 17: expected ASC or DESC, got \"UP\""},
		{"", "maximumSessions ASC DESC", "expected the end after the sort order"},
		{"", "players ASC", "SortExpression at position 1: unknown operand \"players\""},
		{"", "ASC", "expected an operand"},
		{strings.Repeat("x", 1025), "", "FilterExpression must be 1 to 1024 characters long"},
	} {
		_, err := h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{FleetId: f.FleetId, FilterExpression: c.filter, SortExpression: c.sort})
		wantErr(t, err, engine.CodeInvalidRequest, c.want)
	}
	for _, c := range []struct {
		in   SearchGameSessionsInput
		code string
	}{
		{SearchGameSessionsInput{}, engine.CodeInvalidRequest},
		{SearchGameSessionsInput{FleetId: f.FleetId, AliasId: "alias-x"}, engine.CodeInvalidRequest},
		{SearchGameSessionsInput{FleetId: "fleet-x"}, engine.CodeNotFound},
		{SearchGameSessionsInput{FleetId: f.FleetId, Location: "ap-south-1"}, engine.CodeInvalidRequest},
		{SearchGameSessionsInput{FleetId: f.FleetId, Limit: -1}, engine.CodeInvalidRequest},
		{SearchGameSessionsInput{FleetId: f.FleetId, NextToken: "99"}, engine.CodeInvalidRequest},
	} {
		_, err := h.s.SearchGameSessions(hostCtx, &c.in)
		wantErr(t, err, c.code)
	}
}

// At most 20 results come back, whatever Limit says; NextToken continues.
func TestSearchGameSessionsPages(t *testing.T) {
	h := newHost(t)
	f := h.fleet(25, 1)
	for i := range 25 {
		h.session(f.FleetId, 2, func(in *CreateGameSessionInput) { in.Name = fmt.Sprintf("s%02d", i) })
	}
	for _, c := range []struct{ limit, first, second int }{{0, 20, 5}, {100, 20, 5}, {7, 7, 7}} {
		out, err := h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{FleetId: f.FleetId, Limit: c.limit, SortExpression: "gameSessionName DESC"})
		if err != nil {
			t.Fatal(err)
		}
		next, _ := h.s.SearchGameSessions(hostCtx, &SearchGameSessionsInput{FleetId: f.FleetId, Limit: c.limit, SortExpression: "gameSessionName DESC", NextToken: out.NextToken})
		if len(out.GameSessions) != c.first || len(next.GameSessions) != c.second || out.GameSessions[0].Name != "s24" ||
			next.GameSessions[0].Name != fmt.Sprintf("s%02d", 24-c.first) {
			t.Errorf("Limit %d: pages of %d (%s…) and %d (%s…)", c.limit, len(out.GameSessions), out.GameSessions[0].Name,
				len(next.GameSessions), next.GameSessions[0].Name)
		}
	}
}

// FuzzSearchFilter feeds arbitrary text to the filter compiler: it must
// never panic, must fail only with an InvalidRequestException, and a filter
// it accepts must run on any game session.
func FuzzSearchFilter(f *testing.F) {
	for _, seed := range []string{
		"maximumSessions>=10 AND hasAvailablePlayerSessions=true",
		"NOT (gameSessionProperties.mode = 'brawl' OR gameSessionName <> 'x\\'y')",
		"((playerSessionCount < -1.5))",
		"gameSessionId = \"arn\" or creationTimeMillis > 0",
		"gameSessionProperties.a.b-c = ''",
		"(((", "'", "\\", "NOT NOT NOT", "maximumSessions > 1e9", "gameSessionName = 'é\xff'",
	} {
		f.Add(seed)
	}
	sessions := []*gameSession{
		{attrs: GameSession{Name: "x'y", GameProperties: props("mode", "brawl", "a.b-c", "")}},
		{attrs: GameSession{MaximumPlayerSessionCount: 200, CurrentPlayerSessionCount: 3, CreationTime: hostEpoch}},
	}
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := parseSort(src); err != nil && engine.ErrorCode(err) != engine.CodeInvalidRequest {
			t.Fatalf("sort %q: %v", src, err)
		}
		flt, err := compileFilter(src)
		if err != nil {
			if engine.ErrorCode(err) != engine.CodeInvalidRequest {
				t.Fatalf("%q: %v", src, err)
			}
			return
		}
		for _, gs := range sessions {
			if _, err := flt.match(gs); err != nil {
				t.Fatalf("%q: %v", src, err)
			}
		}
	})
}
