package bench_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
)

// FuzzParseWorkload feeds the workload parser arbitrary bytes: it must
// never panic, and a workload it accepts must give a stream that draws
// tickets without panicking.
func FuzzParseWorkload(f *testing.F) {
	files, _ := filepath.Glob(simData + "*.yaml")
	for _, name := range files {
		if body, err := os.ReadFile(name); err == nil {
			f.Add(body)
		}
	}
	f.Add([]byte(bench.DefaultWorkloadFile))
	f.Add([]byte("arrivals: {daily: {peak: 5}}\nplayers: {partySize: 3}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("players:\n  attributes:\n    m: {type: string_number_map, keys: [a], value: {distribution: cycle, values: [1, 2]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := bench.ParseWorkload("fuzz.yaml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		s := bench.NewStream(w, 1, 10*time.Second)
		for range 20 {
			if _, ok := s.Next(); !ok {
				break
			}
		}
	})
}
