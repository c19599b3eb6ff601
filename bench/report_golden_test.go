package bench_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/flexsim/flexsim/bench"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// smallRun is the golden-file run: testdata/simulate/small.yaml on a rule
// set of the same folder.
func smallRun(t *testing.T, rules, label string) bench.Run {
	t.Helper()
	body, err := os.ReadFile(simData + "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, err := bench.ParseWorkload("small.yaml", body)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := os.ReadFile(simData + rules)
	if err != nil {
		t.Fatal(err)
	}
	return bench.Run{Label: label, RuleSetFile: rules, RuleSet: rs, Workload: w}
}

// golden compares got with a golden file of testdata/simulate, rewriting
// it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(simData, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bench -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./bench -run Golden -update rewrites it):\n--- got\n%s", path, got)
	}
}

// TestReportGolden checks the reports of a small workload, a single run
// and a comparison, against golden files.
func TestReportGolden(t *testing.T) {
	single := simulate(t, smallRun(t, "small-1v1.json", ""), bench.Options{Seed: 1})
	var js, text bytes.Buffer
	if err := bench.WriteJSON(&js, single); err != nil {
		t.Fatal(err)
	}
	if err := bench.WriteText(&text, single); err != nil {
		t.Fatal(err)
	}
	golden(t, "small.json.golden", js.Bytes())
	golden(t, "small.txt.golden", text.Bytes())

	reports, err := bench.Compare(context.Background(), []bench.Run{smallRun(t, "small-1v1.json", "small-1v1"), smallRun(t, "small-1v1-wide.json", "small-1v1-wide")}, bench.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	js.Reset()
	text.Reset()
	if err := bench.WriteJSON(&js, reports...); err != nil {
		t.Fatal(err)
	}
	if err := bench.WriteText(&text, reports...); err != nil {
		t.Fatal(err)
	}
	golden(t, "small-compare.json.golden", js.Bytes())
	golden(t, "small-compare.txt.golden", text.Bytes())
}
