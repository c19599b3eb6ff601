package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const examples = "../../testdata/rulesets/examples/"

// TestValidateGolden runs `flexsim validate` and compares its standard
// output and exit status with golden files.
func TestValidateGolden(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"valid", []string{examples + "5v5.json"}, "", 0},
		{"typos", []string{examples + "5v5-typos.json"}, "", 1},
		{"typos-json", []string{"--json", examples + "5v5-typos.json"}, "", 1},
		{"comments", []string{examples + "commented.json"}, "", 0},
		{"comments-strict", []string{"--strict", examples + "commented.json"}, "", 1},
		{"several", []string{examples + "5v5.json", examples + "5v5-typos.json", examples + "commented.json"}, "", 1},
		{"stdin", []string{"-"}, `{"ruleLanguageVersion":"1.0","teams":[{"name":"a","minPlayers":1,"maxPlayers":2}]}`, 0},
		{"stdin-not-json", []string{"-"}, `{"ruleLanguageVersion":"1.0",}`, 1},
		{"timeout", []string{"--request-timeout", "20s", examples + "5v5.json"}, "", 0},
		{"valid-json", []string{"--json", examples + "5v5.json"}, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"validate"}, tc.args...), strings.NewReader(tc.stdin), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d (stderr: %s)", code, tc.code, stderr.String())
			}
			got := strings.ReplaceAll(stdout.String(), examples, "testdata/rulesets/examples/")
			golden := filepath.Join("../../testdata/golden/validate", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/flexsim -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

func TestValidateJSONShape(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"validate", "--json", examples + "5v5-typos.json"}, nil, &stdout, &stderr)
	var findings []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		t.Fatal(err)
	}
	if len(findings) != 2 {
		t.Fatalf("got %d findings, want 2", len(findings))
	}
	for _, key := range []string{"file", "line", "column", "path", "message", "severity"} {
		if _, ok := findings[0][key]; !ok {
			t.Errorf("finding has no %q: %v", key, findings[0])
		}
	}
	if findings[0]["path"] != "/rules/2/operation" || findings[1]["path"] != "/expansions/0/target" {
		t.Errorf("paths = %v, %v", findings[0]["path"], findings[1]["path"])
	}
}

func TestValidateUsageAndIOErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no files", []string{"validate"}, 2, "no files given"},
		{"missing file", []string{"validate", "does-not-exist.json"}, 2, "does-not-exist.json"},
		{"missing and invalid", []string{"validate", "does-not-exist.json", examples + "5v5-typos.json"}, 2, "does-not-exist.json"},
		{"bad flag", []string{"validate", "--nope", "x.json"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"no command", nil, 2, "Usage: flexsim <command>"},
		{"help", []string{"help"}, 0, "validate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d", code, tc.code)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q does not mention %q", stderr.String(), tc.stderr)
			}
		})
	}
}
