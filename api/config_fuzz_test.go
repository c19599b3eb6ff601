package api_test

import (
	"errors"
	"os"
	"testing"

	"github.com/flexsim/flexsim/api"
)

// FuzzParseConfig checks that no configuration file makes the parser
// panic, and that it returns a config or a list of positioned errors.
func FuzzParseConfig(f *testing.F) {
	sample, err := os.ReadFile("../testdata/serve/flexsim.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(base + "configurations:\n  - {name: c, ruleSet: rankd, requestTimeoutSeconds: soon}\n"))
	f.Add([]byte("fleets:\n  - name: f\n    locations: [{location: a, desiredInstances: 3, maxSize: 1}, a]\n"))
	f.Add([]byte("ruleSets:\n  - name: x\n    body: |\n      {\"name\": 1,\n       \"teams\": []}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("eventSinks:\n  - {url: 'http://h/', maxBackoff: 1e300}\n"))
	readFile := files(map[string]string{"rules/duo.json": duo, "5v5-skill.json": duo})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := api.ParseConfig("deploy.yaml", data, readFile)
		if (c == nil) == (err == nil) {
			t.Fatalf("config %v and error %v", c, err)
		}
		if err == nil {
			return
		}
		var list api.ConfigErrors
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %T %v is not a non-empty ConfigErrors", err, err)
		}
		for _, e := range list {
			if e.File == "" || e.Msg == "" {
				t.Fatalf("error without file or message: %+v", e)
			}
		}
	})
}
