package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/flexsim/flexsim/api"
)

func TestValidateSinks(t *testing.T) {
	ok := api.SinkConfig{Name: "a", URL: "https://example.com/sns", TopicArn: "arn:aws:sns:us-east-1:123456789012:t"}
	tests := []struct {
		name  string
		sinks []api.SinkConfig
		want  string
	}{
		{"valid", []api.SinkConfig{ok, {Name: "b", URL: "http://127.0.0.1:8080"}}, ""},
		{"no name", []api.SinkConfig{{URL: "http://h"}}, `sinks[0] (name ""): name is empty`},
		{"no url", []api.SinkConfig{{Name: "a"}}, `sinks[0] (name "a"): url is empty`},
		{"scheme", []api.SinkConfig{{Name: "a", URL: "ftp://h/x"}}, `sinks[0] (name "a"): url "ftp://h/x" must be http:// or https://`},
		{"no host", []api.SinkConfig{{Name: "a", URL: "http:///x"}}, `sinks[0] (name "a"): url "http:///x" has no host`},
		{"bad url", []api.SinkConfig{{Name: "a", URL: "http://h/%zz"}}, `sinks[0] (name "a"): url "http://h/%zz": parse "http://h/%zz": invalid URL escape "%zz"`},
		{"topic", []api.SinkConfig{{Name: "a", URL: "http://h", TopicArn: "arn:aws:sqs:us-east-1:123456789012:q"}},
			`sinks[0] (name "a"): topicArn "arn:aws:sqs:us-east-1:123456789012:q" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)`},
		{"backoff", []api.SinkConfig{{Name: "a", URL: "http://h", MaxBackoff: -time.Second}}, `sinks[0] (name "a"): maxBackoff -1s is negative`},
		{"duplicate", []api.SinkConfig{ok, {Name: "b", URL: "http://h"}, ok}, `sinks[2]: name "a" is already the name of sinks[0]`},
		{"several", []api.SinkConfig{{Name: "a"}, {Name: "a", URL: "gopher://h"}},
			"sinks[0] (name \"a\"): url is empty\nsinks[1] (name \"a\"): url \"gopher://h\" must be http:// or https://\nsinks[1]: name \"a\" is already the name of sinks[0]"},
	}
	for _, tt := range tests {
		err := api.ValidateSinks(tt.sinks)
		if got := fmt.Sprint(err); (tt.want == "" && err != nil) || (tt.want != "" && got != tt.want) {
			t.Errorf("%s: ValidateSinks = %v, want %q", tt.name, err, tt.want)
		}
	}
}
