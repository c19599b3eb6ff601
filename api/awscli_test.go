package api_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The AWS CLI and boto3 speak AWS JSON 1.1. These tests drive an
// in-process server with them where they are installed (.ci/run installs
// Debian's awscli and python3-boto3 where apt is usable) and skip, saying
// why, where they are not. Every distinct installation found is tried:
// Debian's /usr/bin/aws (AWS CLI v2, which prints timestamps as ISO 8601)
// and /usr/bin/python3, then whatever aws and python3 PATH has (such as an
// AWS CLI v1, which prints them as epoch seconds).

// readmeEndpoint is the endpoint of the README's command lines; the tests
// replace it with the test server's.
const readmeEndpoint = "http://127.0.0.1:9080"

// repoRoot is where the README's command lines run (they name
// bench/defaults/5v5-skill.json relative to it).
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// toolEnv is the environment of the CLI and of Python: the test's, less
// any AWS settings and proxies, with dummy credentials and no config file
// or pager.
func toolEnv(t *testing.T) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "AWS_") || strings.HasSuffix(strings.ToLower(name), "_proxy") {
			continue
		}
		env = append(env, kv)
	}
	dir := t.TempDir()
	return append(env,
		"AWS_ACCESS_KEY_ID=AKID", "AWS_SECRET_ACCESS_KEY=SECRET",
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true")
}

// install is one installation of a tool: how to run it and what it says
// its version is.
type install struct {
	path, version string
}

// findInstalls returns the distinct installations among paths and the
// name looked up in PATH: those whose probe (run with args) succeeds,
// told apart by what the probe prints.
func findInstalls(t *testing.T, name string, paths []string, args ...string) []install {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		paths = append(paths, p)
	}
	var found []install
	seen := map[string]bool{}
	for _, p := range paths {
		cmd := exec.Command(p, args...)
		cmd.Env = toolEnv(t)
		out, err := cmd.CombinedOutput() // older AWS CLI v1 releases print --version on stderr
		v := strings.TrimSpace(string(out))
		if err != nil || v == "" || seen[v] {
			continue
		}
		seen[v] = true
		found = append(found, install{path: p, version: v})
	}
	return found
}

// subtestName makes a version line a readable subtest name.
func subtestName(version string) string {
	f := strings.Fields(version)
	if len(f) == 0 {
		return "unknown"
	}
	return strings.ReplaceAll(f[0], "/", "-")
}

// TestBoto3 runs testdata/serve/boto3_flow.py, a WITH_QUEUE matchmaking
// flow with acceptance that checks every answer, with each Python that has
// boto3.
func TestBoto3(t *testing.T) {
	pythons := findInstalls(t, "python3", []string{"/usr/bin/python3"}, "-c",
		"import sys, boto3, botocore; print('boto3/' + boto3.__version__, 'botocore/' + botocore.__version__, sys.executable)")
	if len(pythons) == 0 {
		t.Skip("no python3 with boto3 (apt-get install python3-boto3; .ci/run installs it where apt is usable)")
	}
	script := filepath.Join(repoRoot(t), "testdata", "serve", "boto3_flow.py")
	rules := filepath.Join(repoRoot(t), "bench", "defaults", "5v5-skill.json")
	for _, py := range pythons {
		t.Run(subtestName(py.version), func(t *testing.T) {
			t.Logf("%s: %s", py.path, py.version)
			e := newEnv(t)
			cmd := exec.Command(py.path, script, e.srv.URL, rules)
			cmd.Env = toolEnv(t)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("boto3_flow.py: %v\n%s", err, stderr.String())
			}
			var summary struct {
				Boto3 string   `json:"boto3"`
				Calls []string `json:"calls"`
			}
			if err := json.Unmarshal(out, &summary); err != nil {
				t.Fatalf("boto3_flow.py printed %q: %v", out, err)
			}
			if len(summary.Calls) != 18 || summary.Boto3 == "" {
				t.Errorf("boto3_flow.py made %d calls with boto3 %q, want 18: %v", len(summary.Calls), summary.Boto3, summary.Calls)
			}
			// The engine saw what boto3 saw.
			if got := ticketStatus(t, e, "red-party"); got != "COMPLETED" {
				t.Errorf("red-party is %s in the engine, want COMPLETED", got)
			}
		})
	}
}

// ticketStatus describes one ticket with a raw JSON 1.1 request.
func ticketStatus(t *testing.T, e *env, id string) string {
	t.Helper()
	_, m := e.postJSON("DescribeMatchmaking", `{"TicketIds": ["`+id+`"]}`)
	list, _ := m["TicketList"].([]any)
	if len(list) != 1 {
		t.Fatalf("DescribeMatchmaking %s: %v", id, m)
	}
	status, _ := list[0].(map[string]any)["Status"].(string)
	return status
}

// cliRun is one run of an AWS CLI command line.
type cliRun struct {
	out    map[string]any // stdout as JSON; nil when it printed nothing
	stderr string
	code   int
}

// runCLI runs line, a README command line starting with "aws", through
// /bin/sh in the repository's root, with the CLI at cli and the endpoint
// of srvURL.
func runCLI(t *testing.T, cli, srvURL, line string) cliRun {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "aws ")
	if !ok {
		t.Fatalf("command line %q does not start with aws", line)
	}
	cmd := exec.Command("/bin/sh", "-c", "'"+cli+"' "+strings.ReplaceAll(rest, readmeEndpoint, srvURL))
	cmd.Dir = repoRoot(t)
	cmd.Env = toolEnv(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r := cliRun{stderr: stderr.String()}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("%s: %v", line, err)
		}
		r.code = exit.ExitCode()
	}
	r.stderr = stderr.String()
	if len(bytes.TrimSpace(stdout.Bytes())) > 0 {
		d := json.NewDecoder(&stdout)
		d.UseNumber()
		if err := d.Decode(&r.out); err != nil {
			t.Fatalf("%s: stdout is not a JSON object (%v): %s", line, err, stdout.String())
		}
	}
	return r
}

// uuidPattern matches the ticket IDs the server makes.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// field returns the member of m at path: names and list indexes joined by
// dots ("TicketList.0.Status").
func field(t *testing.T, m map[string]any, path string) any {
	t.Helper()
	var v any = m
	for _, k := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			v = c[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(c) {
				t.Fatalf("%s: no element %s in a list of %d", path, k, len(c))
			}
			v = c[i]
		default:
			t.Fatalf("%s: %s is not in %v", path, k, v)
		}
	}
	return v
}

// wantFields checks members of m (paths as for field) against values
// (json.Number for numbers).
func wantFields(t *testing.T, m map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := field(t, m, path); got != w {
			t.Errorf("%s = %#v, want %#v", path, got, w)
		}
	}
}

// parseTime reads a timestamp as the CLI prints it: ISO 8601 (AWS CLI v2)
// or epoch seconds (AWS CLI v1).
func parseTime(t *testing.T, v any) time.Time {
	t.Helper()
	switch c := v.(type) {
	case string:
		tm, err := time.Parse(time.RFC3339Nano, c)
		if err != nil {
			t.Fatalf("timestamp %q: %v", c, err)
		}
		return tm
	case json.Number:
		s, err := c.Float64()
		if err != nil {
			t.Fatalf("timestamp %q: %v", c, err)
		}
		return time.UnixMilli(int64(math.Round(s * 1000)))
	}
	t.Fatalf("timestamp %#v is neither a string nor a number", v)
	return time.Time{}
}

// wantTime checks the timestamp at path.
func wantTime(t *testing.T, m map[string]any, path string, want time.Time) {
	t.Helper()
	if got := parseTime(t, field(t, m, path)); !got.Equal(want) {
		t.Errorf("%s = %v, want %v", path, got, want)
	}
}
