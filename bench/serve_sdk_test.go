package bench_test

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
)

// signedCredentials are the static credentials the SDK clients sign with;
// flexsim accepts any.
var signedCredentials = credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")

// newSDKClient is an AWS SDK for Go v2 GameLift client of the endpoint at
// url with creds (aws.AnonymousCredentials{}: requests go unsigned), with
// its own HTTP connections and no retries: an error is counted, not
// retried away.
func newSDKClient(url string, creds aws.CredentialsProvider) *gamelift.Client {
	return gamelift.New(gamelift.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  creds,
		Retryer:      aws.NopRetryer{},
	})
}

// sdkCaller calls through the AWS SDK for Go v2. It describes its tickets
// every `every` starts: 1 describes each ticket right after its start,
// engine.MaxDescribeTickets polls the last 10 in one call, as a game
// backend polling its tickets does.
type sdkCaller struct {
	gl      *gamelift.Client
	players []types.Player
	every   int
}

func (s sdkCaller) start(n int, id string) (string, error) {
	p := s.players[n%len(s.players)]
	p.PlayerId = aws.String(id)
	out, err := s.gl.StartMatchmaking(ctx, &gamelift.StartMatchmakingInput{
		ConfigurationName: aws.String(serveConfig), Players: []types.Player{p}})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.MatchmakingTicket.TicketId), nil
}

func (s sdkCaller) describeNow(pending int) bool { return pending >= s.every }

func (s sdkCaller) describe(ids []string) error {
	d, err := s.gl.DescribeMatchmaking(ctx, &gamelift.DescribeMatchmakingInput{TicketIds: ids})
	if err != nil {
		return err
	}
	return checkDescribed(ids, len(d.TicketList), func(i int) string { return aws.ToString(d.TicketList[i].TicketId) })
}

// checkDescribed returns an error unless an answer to DescribeMatchmaking
// of ids (distinct), of n tickets whose i-th has the ID got(i), holds each
// of them once.
func checkDescribed(ids []string, n int, got func(i int) string) error {
	if n != len(ids) {
		return fmt.Errorf("DescribeMatchmaking of %d tickets: %d in the answer", len(ids), n)
	}
	for _, id := range ids {
		found := false
		for i := 0; i < n && !found; i++ {
			found = got(i) == id
		}
		if !found {
			return fmt.Errorf("DescribeMatchmaking of %d tickets: %s not in the answer", len(ids), id)
		}
	}
	return nil
}
