package api_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flexsim/flexsim/api"
)

// TestSinkDelivery: a receiver that is down (connection refused), then up
// but failing (503), then well, gets every event once, in order, in the SNS
// notification format.
func TestSinkDelivery(t *testing.T) {
	// a free address with no one listening on it yet
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	log := api.NewEventLog(0)
	for i := range 3 {
		log.AddMatchmaking(searching(fmt.Sprint("m", i), rankedArn))
	}
	log.AddPlacement(cancelled("p0", mainArn))

	reg := prometheus.NewRegistry()
	attempts := make(chan error, 10000)
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		attempts <- err
		return resp, err
	})}
	cursors := newSavedCursors()
	opts := fastRetries(reg, nil)
	opts.Client, opts.Cursors = client, cursors
	sinks := api.StartSinks(log, []api.SinkConfig{{Name: "audit", URL: "http://" + addr + "/sns", MaxBackoff: 5 * time.Millisecond}}, opts)
	defer sinks.Close()

	refused := 0
	for range 3 {
		if err := <-attempts; err == nil {
			t.Fatal("an attempt to an address with no listener succeeded")
		}
		refused++
	}
	rc := newReceiver(t, 2)
	rc.Listener.Close()
	if rc.Listener, err = net.Listen("tcp", addr); err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	rc.Start()
	defer rc.Close()
	rc.wait(t, 2+4) // two 503s, then the four events
	log.AddMatchmaking(searching("m3", rankedArn))
	cursors.waitFor(t, "audit", 5)
	for len(attempts) > 0 {
		if <-attempts != nil {
			refused++
		}
	}

	got := rc.notifications()
	evs := log.After(0, 0)
	if len(got) != len(evs) {
		t.Fatalf("%d notifications, want %d", len(got), len(evs))
	}
	for i, n := range got {
		ev := evs[i]
		topic := "arn:aws:sns:us-east-1:123456789012:" + api.DefaultSinkTopicName
		wantHeaders := map[string]string{
			"Content-Type":               "text/plain; charset=UTF-8",
			"X-Amz-Sns-Message-Type":     "Notification",
			"X-Amz-Sns-Message-Id":       ev.ID,
			"X-Amz-Sns-Topic-Arn":        topic,
			"X-Amz-Sns-Subscription-Arn": "",
		}
		for k, v := range wantHeaders {
			if got := n.header.Get(k); (v == "" && !strings.HasPrefix(got, topic+":")) || (v != "" && got != v) {
				t.Errorf("notification %d: %s = %q, want %q", i, k, got, v)
			}
		}
		wantBody := map[string]string{"Type": "Notification", "MessageId": ev.ID, "TopicArn": topic, "Message": string(ev.JSON),
			"Timestamp": ev.Time, "SignatureVersion": "1", "Signature": api.SNSSignature, "SigningCertURL": api.SNSSigningCertURL,
			"UnsubscribeURL": n.body["UnsubscribeURL"]}
		if !mapsEqual(n.body, wantBody) {
			t.Errorf("notification %d = %v, want %v", i, n.body, wantBody)
		}
		if !strings.HasPrefix(n.body["UnsubscribeURL"], "https://flexsim.invalid/") {
			t.Errorf("notification %d: UnsubscribeURL %q", i, n.body["UnsubscribeURL"])
		}
	}
	if d, f := counterValue(t, reg, "flexsim_sink_events_delivered_total", "audit"), counterValue(t, reg, "flexsim_sink_attempts_failed_total", "audit"); d != 5 || f != float64(refused+2) {
		t.Errorf("metrics: delivered %v, failed attempts %v; want 5 and %d", d, f, refused+2)
	}
}

// TestSinkTopicFilter: a sink with a TopicArn gets the events of the
// resources that notify that topic; a sink without one gets every event,
// each with its resource's topic or the default one.
func TestSinkTopicFilter(t *testing.T) {
	const topicA, topicB = "arn:aws:sns:us-east-1:123456789012:a", "arn:aws:sns:us-east-1:123456789012:b"
	targets := map[string]string{rankedArn: topicA, mainArn: topicB} // casual has none
	lookup := func(_ context.Context, resource string) string { return targets[resource] }
	log := api.NewEventLog(0)
	log.AddMatchmaking(searching("r1", rankedArn))
	log.AddMatchmaking(searching("c1", casualArn))
	log.AddPlacement(cancelled("q1", mainArn))
	log.AddMatchmaking(searching("r2", rankedArn))

	receivers := map[string]*receiver{}
	var configs []api.SinkConfig
	for _, c := range []struct{ name, topic string }{{"a", topicA}, {"b", topicB}, {"all", ""}, {"none", "arn:aws:sns:us-east-1:123456789012:nobody"}} {
		rc := newReceiver(t, 0)
		rc.Start()
		defer rc.Close()
		receivers[c.name] = rc
		configs = append(configs, api.SinkConfig{Name: c.name, URL: rc.URL, TopicArn: c.topic})
	}
	cursors := newSavedCursors()
	opts := fastRetries(nil, lookup)
	opts.Cursors = cursors
	sinks := api.StartSinks(log, configs, opts)
	defer sinks.Close()
	for _, c := range configs {
		cursors.waitFor(t, c.Name, 4)
	}

	defaultTopic := "arn:aws:sns:us-east-1:123456789012:" + api.DefaultSinkTopicName
	want := map[string][][2]string{ // message id, topic
		"a":    {{"r1", topicA}, {"r2", topicA}},
		"b":    {{"q1", topicB}},
		"all":  {{"r1", topicA}, {"c1", defaultTopic}, {"q1", topicB}, {"r2", topicA}},
		"none": nil,
	}
	for name, rc := range receivers {
		var got [][2]string
		for _, n := range rc.notifications() {
			if n.body["TopicArn"] != n.header.Get("x-amz-sns-topic-arn") {
				t.Errorf("sink %s: TopicArn %q in the body, %q in the header", name, n.body["TopicArn"], n.header.Get("x-amz-sns-topic-arn"))
			}
			got = append(got, [2]string{n.body["MessageId"], n.body["TopicArn"]})
		}
		if !slices.Equal(got, want[name]) {
			t.Errorf("sink %s got %v, want %v", name, got, want[name])
		}
	}
}

// TestSinkCursors: a sink resumes after its saved cursor; a cursor beyond
// the log starts over; events dropped from the log are counted.
func TestSinkCursors(t *testing.T) {
	tests := []struct {
		name    string
		keep    int    // events the log keeps
		saved   uint64 // the sink's cursor at start; 0 for none
		want    []string
		dropped float64
	}{
		{"no cursor", 10, 0, []string{"1", "2", "3", "4", "5", "6"}, 0},
		{"resumes", 10, 3, []string{"4", "5", "6"}, 0},
		{"up to date but one", 10, 5, []string{"6"}, 0},
		{"cursor beyond the log", 10, 9, []string{"1", "2", "3", "4", "5", "6"}, 0},
		{"events dropped", 3, 1, []string{"4", "5", "6"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := api.NewEventLog(tt.keep)
			for i := range 6 {
				log.AddMatchmaking(searching(fmt.Sprint(i+1), rankedArn))
			}
			rc := newReceiver(t, 0)
			rc.Start()
			defer rc.Close()
			cursors := newSavedCursors()
			if tt.saved > 0 {
				cursors.MemoryCursors.Save("audit", tt.saved)
			}
			reg := prometheus.NewRegistry()
			opts := fastRetries(reg, nil)
			opts.Cursors = cursors
			sinks := api.StartSinks(log, []api.SinkConfig{{Name: "audit", URL: rc.URL}}, opts)
			cursors.waitFor(t, "audit", 6)
			sinks.Close()
			var got []string
			for _, n := range rc.notifications() {
				got = append(got, n.body["MessageId"])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("delivered %v, want %v", got, tt.want)
			}
			if d := counterValue(t, reg, "flexsim_sink_events_dropped_total", "audit"); d != tt.dropped {
				t.Errorf("dropped %v, want %v", d, tt.dropped)
			}
		})
	}
}

// TestSinkCloseWhileRetrying: Close returns at once while a sink waits to
// retry, and while an attempt hangs.
func TestSinkCloseWhileRetrying(t *testing.T) {
	for _, hang := range []bool{false, true} {
		t.Run(fmt.Sprintf("hang=%v", hang), func(t *testing.T) {
			arrived := make(chan struct{}, 10)
			rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.ReadAll(r.Body) // else the server does not notice the client going
				arrived <- struct{}{}
				if hang {
					<-r.Context().Done()
					return
				}
				http.Error(w, "down", http.StatusInternalServerError)
			}))
			defer rc.Close()
			log := api.NewEventLog(0)
			log.AddMatchmaking(searching("1", rankedArn))
			sinks := api.StartSinks(log, []api.SinkConfig{{Name: "audit", URL: rc.URL, MaxBackoff: time.Hour}},
				api.SinkOptions{BackoffBase: time.Hour})
			<-arrived
			closed := make(chan struct{})
			go func() {
				sinks.Close()
				close(closed)
			}()
			select {
			case <-closed:
			case <-time.After(5 * time.Second):
				t.Fatal("Close did not return")
			}
		})
	}
}

// TestStartSinksSkipsInvalid: an invalid sink is not started; the valid
// ones are.
func TestStartSinksSkipsInvalid(t *testing.T) {
	rc := newReceiver(t, 0)
	rc.Start()
	defer rc.Close()
	log := api.NewEventLog(0)
	log.AddMatchmaking(searching("1", rankedArn))
	cursors := newSavedCursors()
	opts := fastRetries(nil, nil)
	opts.Cursors = cursors
	sinks := api.StartSinks(log, []api.SinkConfig{{Name: "bad", URL: "ftp://x"}, {Name: "good", URL: rc.URL}, {Name: "good", URL: rc.URL}}, opts)
	cursors.waitFor(t, "good", 1)
	sinks.Close()
	if got := len(rc.notifications()); got != 1 {
		t.Errorf("%d notifications, want 1 (from the first sink named good)", got)
	}
	if _, ok := cursors.Load("bad"); ok {
		t.Error("the invalid sink ran")
	}
}
