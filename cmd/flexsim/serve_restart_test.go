package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

// TestMain lets the test binary be flexsim itself: with FLEXSIM_TEST_MAIN=1
// it runs the command line, so that a test can start a server process and
// kill it.
func TestMain(m *testing.M) {
	if os.Getenv("FLEXSIM_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// serverProcess is `flexsim serve` in a child process.
type serverProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
}

func startServerProcess(t *testing.T, args ...string) *serverProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "FLEXSIM_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, stderr: new(bytes.Buffer)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("server did not start: %v: %s", err, p.stderr)
	}
	addr, _, _ := strings.Cut(strings.TrimPrefix(line, "flexsim: GameLift endpoint at "), " ")
	p.url = addr
	go io.Copy(io.Discard, stdout)
	return p
}

func (p *serverProcess) client() *gamelift.Client {
	return gamelift.New(gamelift.Options{Region: "us-east-1", BaseEndpoint: aws.String(p.url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
}

// events returns the server's event log as it serves it.
func (p *serverProcess) events(t *testing.T) string {
	t.Helper()
	res, err := http.Get(p.url + "/_flexsim/events?limit=100000")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

const restartRuleSet = `{"ruleLanguageVersion":"1.0","playerAttributes":[{"name":"skill","type":"number","default":10}],
 "teams":[{"name":"red","minPlayers":1,"maxPlayers":1},{"name":"blue","minPlayers":1,"maxPlayers":1}],
 "rules":[{"name":"close","type":"distance","measurements":["avg(teams[*].players.attributes[skill])"],"referenceValue":"avg(flatten(teams[*].players.attributes[skill]))","maxDistance":5}]}`

// TestRestartAfterKill kills a server with SIGKILL while clients are
// starting tickets and ticks are running, restarts it on the same data
// directory and checks that every ticket it acknowledged is still there,
// that tickets it had finished are unchanged, and that its event log
// starts as before.
func TestRestartAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dir := t.TempDir()
	args := []string{"--data-dir", dir, "--clock", "real", "--tick", "20ms", "--log-format", "json"}
	a := startServerProcess(t, args...)
	ctx := context.Background()
	gl := a.client()
	if _, err := gl.CreateMatchmakingRuleSet(ctx, &gamelift.CreateMatchmakingRuleSetInput{Name: aws.String("duel"), RuleSetBody: aws.String(restartRuleSet)}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.CreateMatchmakingConfiguration(ctx, &gamelift.CreateMatchmakingConfigurationInput{Name: aws.String("duel"),
		RuleSetName: aws.String("duel"), RequestTimeoutSeconds: aws.Int32(3600), AcceptanceRequired: aws.Bool(false),
		FlexMatchMode: types.FlexMatchModeStandalone}); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var acked []string
	enough := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := a.client()
			for i := 0; ; i++ {
				out, err := c.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{ConfigurationName: aws.String("duel"),
					Players: []types.Player{{PlayerId: aws.String(fmt.Sprintf("p%d-%d", w, i)),
						PlayerAttributes: map[string]types.AttributeValue{"skill": {N: aws.Float64(float64((w*7 + i*3) % 40))}}}}})
				if err != nil {
					return // the server was killed
				}
				mu.Lock()
				acked = append(acked, aws.ToString(out.MatchmakingTicket.TicketId))
				if len(acked) == 400 {
					close(enough)
				}
				mu.Unlock()
			}
		}()
	}
	select {
	case <-enough:
	case <-time.After(60 * time.Second):
		t.Fatalf("too slow: %d tickets acknowledged: %s", len(acked), a.stderr)
	}
	// a sample of finished tickets and the event log, while it still runs
	mu.Lock()
	sample := append([]string(nil), acked[:100]...)
	mu.Unlock()
	finished := describeAll(t, gl, sample)
	eventsBefore := a.events(t)
	a.cmd.Process.Kill()
	a.cmd.Wait()
	wg.Wait()

	b := startServerProcess(t, args...)
	got := describeAll(t, b.client(), acked)
	for _, id := range acked {
		if _, ok := got[id]; !ok {
			t.Errorf("ticket %s acknowledged before the kill is gone", id)
		}
	}
	completed := 0
	for id, before := range finished {
		if before.Status == types.MatchmakingConfigurationStatusCompleted {
			completed++
			if after := got[id]; after.Status != before.Status || !aws.ToTime(after.EndTime).Equal(aws.ToTime(before.EndTime)) {
				t.Errorf("ticket %s was %s at %v, after restart %s at %v", id, before.Status, aws.ToTime(before.EndTime), after.Status, aws.ToTime(after.EndTime))
			}
		}
	}
	if completed == 0 {
		t.Errorf("no sampled ticket had completed before the kill")
	}
	eventsAfter := b.events(t)
	if n := len(eventsBefore) - 1; len(eventsAfter) < n || eventsAfter[:n] != eventsBefore[:n] {
		t.Errorf("the event log does not start as before the kill (%d and %d bytes)", len(eventsBefore), len(eventsAfter))
	}
	t.Logf("%d tickets acknowledged, all found after the restart; %d of the sampled had completed", len(acked), completed)
}

// describeAll describes tickets ten at a time.
func describeAll(t *testing.T, gl *gamelift.Client, ids []string) map[string]types.MatchmakingTicket {
	t.Helper()
	got := map[string]types.MatchmakingTicket{}
	for i := 0; i < len(ids); i += 10 {
		out, err := gl.DescribeMatchmaking(context.Background(), &gamelift.DescribeMatchmakingInput{TicketIds: ids[i:min(i+10, len(ids))]})
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range out.TicketList {
			got[aws.ToString(tk.TicketId)] = tk
		}
	}
	return got
}
