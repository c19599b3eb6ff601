package api_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/flexsim/flexsim/api"
)

// A local GameLift on a virtual clock whose state survives a restart: the
// second OpenLocal on the data directory replays what the first one did.
func ExampleOpenLocal() {
	dir, _ := os.MkdirTemp("", "flexsim")
	defer os.RemoveAll(dir)
	opts := api.LocalOptions{Virtual: true, Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), DataDir: dir}
	call := func(l *api.Local, op, body string) string {
		srv := httptest.NewServer(l.Server)
		defer srv.Close()
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("X-Amz-Target", "GameLift."+op)
		res, err := srv.Client().Do(req)
		if err != nil {
			return err.Error()
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}

	first, err := api.OpenLocal(opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	call(first, "CreateMatchmakingRuleSet", `{"Name":"duel","RuleSetBody":"{\"ruleLanguageVersion\":\"1.0\",\"teams\":[{\"name\":\"a\",\"minPlayers\":1,\"maxPlayers\":1},{\"name\":\"b\",\"minPlayers\":1,\"maxPlayers\":1}]}"}`)
	first.Close()

	again, err := api.OpenLocal(opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer again.Close()
	fmt.Println("replayed:", again.Replayed)
	out := call(again, "DescribeMatchmakingRuleSets", `{"Names":["duel"]}`)
	fmt.Println(strings.Contains(out, `"RuleSetName":"duel"`))
	// Output:
	// replayed: 1
	// true
}
