package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
)

// TestServe starts the server on a free port, makes one SDK call and
// shuts it down through the context.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- serve(ctx, []string{"--addr", "127.0.0.1:0", "--clock", "virtual", "--log-format", "json"}, &stdout, &stderr, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	gl := gamelift.New(gamelift.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	out, err := gl.ValidateMatchmakingRuleSet(ctx, &gamelift.ValidateMatchmakingRuleSetInput{RuleSetBody: aws.String(
		`{"ruleLanguageVersion":"1.0","teams":[{"name":"a","minPlayers":1,"maxPlayers":1}]}`)})
	if err != nil || !aws.ToBool(out.Valid) {
		t.Fatalf("ValidateMatchmakingRuleSet = %+v, %v", out, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !bytes.Contains(stderr.Bytes(), []byte(`"operation":"ValidateMatchmakingRuleSet"`)) {
		t.Errorf("no JSON request log line: %s", stderr.String())
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{{"--clock", "sundial"}, {"--log-format", "xml"}, {"extra"}, {"--tick", "0s"}} {
		var stderr bytes.Buffer
		if code := serve(context.Background(), args, &stderr, &stderr, nil); code != 2 {
			t.Errorf("serve %v = %d, want 2", args, code)
		}
	}
}

// TestServeConfig starts the server on the sample configuration file and
// checks it set the deployment up; an invalid file stops it with every
// error positioned.
func TestServeConfig(t *testing.T) {
	p := startServerProcess(t, "--clock", "virtual", "--config", "../../testdata/serve/flexsim.yaml")
	gl := p.client()
	out, err := gl.DescribeMatchmakingConfigurations(context.Background(), &gamelift.DescribeMatchmakingConfigurationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range out.Configurations {
		names = append(names, aws.ToString(c.Name))
	}
	if strings.Join(names, ",") != "coop-duo,ranked-5v5" && strings.Join(names, ",") != "ranked-5v5,coop-duo" {
		t.Errorf("configurations = %v", names)
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("regoin: us-east-1\nconfigurations:\n  - name: x\n    ruleSet: missing\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := serve(context.Background(), []string{"--addr", "127.0.0.1:0", "--config", bad}, &stdout, &stderr, nil); code != 1 {
		t.Fatalf("serve on an invalid file = %d, want 1: %s", code, stderr.String())
	}
	for _, want := range []string{bad + ":1:1: ", `"region"`, bad + ":4:", "not started"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}
