package api_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/flexsim/flexsim/api"
)

// FuzzJournal checks that no journal, however damaged, makes OpenLocal
// panic: it replays it or refuses it with an error.
func FuzzJournal(f *testing.F) {
	header := `{"k":"header","version":1,"region":"us-east-1","account":"123456789012","clock":"virtual","tick":"1s","seed":0,"start":1767323045678000000}` + "\n"
	f.Add([]byte(header))
	f.Add([]byte(header + `{"k":"op","t":1767323045678000000,"n":"CreateMatchmakingRuleSet","c":"awsjson1.1","b":"e30="}` + "\n"))
	f.Add([]byte(header + `{"k":"tick","t":1767323046678000000,"n":"1"}` + "\n" + `{"k":"gs","t":1,"n":"/_flexsim/game-sessions/end","b":"e30="}` + "\n"))
	f.Add([]byte(header + `{"k":"tick","t":5,"n":"99"}` + "\n" + `{"k":"clock","t":-1}` + "\n" + `{"k":"op","t":1,"n":"StartMatchmaking","c":"rpcv2cbor","b":"oA=="}` + "\n"))
	f.Fuzz(func(t *testing.T, journal []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, api.JournalFile), journal, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := api.OpenLocal(api.LocalOptions{Virtual: true, Start: start, DataDir: dir})
		if err == nil {
			l.Close()
		}
	})
}
