package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
)

// The parts of an SNS notification flexsim cannot make real: it holds no
// SNS signing key, and there is no subscription to confirm or cancel.
const (
	// SNSSignature is the Signature of every notification: the base64 of
	// "flexsim: this notification is not signed".
	SNSSignature      = "ZmxleHNpbTogdGhpcyBub3RpZmljYXRpb24gaXMgbm90IHNpZ25lZA=="
	SNSSigningCertURL = "https://flexsim.invalid/SimpleNotificationService-unsigned.pem"
	snsUnsubscribeURL = "https://flexsim.invalid/?Action=Unsubscribe&SubscriptionArn="
	snsUserAgent      = "Amazon Simple Notification Service Agent"
	// DefaultSinkTopicName is the topic in the TopicArn of notifications
	// about resources that have no NotificationTarget.
	DefaultSinkTopicName = "flexsim-events"
)

// snsNotification is the body SNS POSTs to an HTTP/S subscription, fields
// in the order SNS sends them.
type snsNotification struct {
	Type             string
	MessageId        string
	TopicArn         string
	Message          string
	Timestamp        string
	SignatureVersion string
	Signature        string
	SigningCertURL   string
	UnsubscribeURL   string
}

// sink is one SinkConfig's delivery loop.
type sink struct {
	cfg       SinkConfig
	log       *EventLog
	opts      SinkOptions
	rng       *rand.Rand
	namespace uuid.UUID // of the subscription ARNs of this sink

	delivered, failed, dropped prometheus.Counter
}

func newSink(c SinkConfig, log *EventLog, opts SinkOptions, m *sinkMetrics) *sink {
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = DefaultSinkMaxBackoff
	}
	h := fnv.New64a()
	h.Write([]byte(c.Name))
	seed := h.Sum64()
	return &sink{cfg: c, log: log, opts: opts, rng: rand.New(rand.NewPCG(seed, seed>>1)),
		namespace: uuid.NewSHA1(uuid.NameSpaceURL, []byte("flexsim-sink:"+c.Name)),
		delivered: m.delivered.WithLabelValues(c.Name), failed: m.failed.WithLabelValues(c.Name),
		dropped: m.dropped.WithLabelValues(c.Name)}
}

// run delivers the log from the sink's cursor until ctx ends.
func (s *sink) run(ctx context.Context) {
	lg := s.opts.Logger.With(slog.String("sink", s.cfg.Name))
	cursor, _ := s.opts.Cursors.Load(s.cfg.Name)
	if last := s.log.Last(); cursor > last {
		lg.Warn("event sink cursor is beyond the event log: delivering the log from its start",
			slog.Uint64("cursor", cursor), slog.Uint64("last", last))
		cursor = 0
	}
	saved := cursor
	for {
		evs, err := s.log.Wait(ctx, cursor, sinkBatch)
		if err != nil {
			if errors.Is(err, ErrEventLogClosed) {
				<-ctx.Done()
			}
			return
		}
		if lost := evs[0].Seq - cursor - 1; lost > 0 {
			s.dropped.Add(float64(lost))
			lg.Warn("events dropped from the event log before the sink delivered them",
				slog.Uint64("lost", lost), slog.Uint64("from", cursor+1), slog.Uint64("to", evs[0].Seq-1))
		}
		for _, ev := range evs {
			topic, take := s.topic(ctx, ev)
			if take && !s.deliver(ctx, lg, ev, topic) {
				return // cut short: the event is sent again on restart
			}
			cursor = ev.Seq
			if take {
				s.save(lg, cursor)
				saved = cursor
			}
		}
		if saved != cursor {
			s.save(lg, cursor)
			saved = cursor
		}
	}
}

func (s *sink) save(lg *slog.Logger, seq uint64) {
	if err := s.opts.Cursors.Save(s.cfg.Name, seq); err != nil {
		lg.Warn("cannot save the event sink's cursor", slog.Uint64("seq", seq), slog.Any("error", err))
	}
}

// topic returns the TopicArn of ev's notification, and whether the sink
// takes ev at all.
func (s *sink) topic(ctx context.Context, ev LoggedEvent) (string, bool) {
	var target string
	if s.opts.Topics != nil {
		target = s.opts.Topics(ctx, ev.Resource)
	}
	if s.cfg.TopicArn != "" {
		return target, target == s.cfg.TopicArn
	}
	if target == "" {
		target = defaultTopicArn(ev.Resource)
	}
	return target, true
}

// defaultTopicArn is the topic ARN of notifications about a resource with
// no NotificationTarget: in the resource's region and account.
func defaultTopicArn(resource string) string {
	region, account := "us-east-1", "123456789012"
	if parts := splitARN(resource); parts != nil {
		region, account = parts[3], parts[4]
	}
	return "arn:aws:sns:" + region + ":" + account + ":" + DefaultSinkTopicName
}

// deliver POSTs ev until the endpoint takes it or ctx ends (then it
// returns false).
func (s *sink) deliver(ctx context.Context, lg *slog.Logger, ev LoggedEvent, topic string) bool {
	subscription := topic + ":" + uuid.NewSHA1(s.namespace, []byte(topic)).String()
	body := snsBody(ev, topic, subscription)
	wait := s.opts.BackoffBase
	for attempt := 1; ; attempt++ {
		err := s.post(ctx, ev, topic, subscription, body)
		if err == nil {
			s.delivered.Inc()
			if attempt > 1 {
				lg.Info("event delivered after failed attempts", slog.Uint64("seq", ev.Seq), slog.Int("attempts", attempt))
			}
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		s.failed.Inc()
		d := wait/2 + time.Duration(s.rng.Int64N(int64(wait/2)+1))
		level := slog.LevelWarn
		if attempt > 1 {
			level = slog.LevelDebug // one warning per event, not per retry
		}
		lg.Log(ctx, level, "event delivery failed; retrying", slog.Uint64("seq", ev.Seq),
			slog.Int("attempt", attempt), slog.Duration("retry_in", d), slog.Any("error", err))
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return false
		case <-t.C:
		}
		wait = min(wait*2, s.cfg.MaxBackoff)
	}
}

// post makes one delivery attempt.
func (s *sink) post(ctx context.Context, ev LoggedEvent, topic, subscription string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	h := req.Header
	h.Set("Content-Type", "text/plain; charset=UTF-8")
	h.Set("User-Agent", snsUserAgent)
	h.Set("x-amz-sns-message-type", "Notification")
	h.Set("x-amz-sns-message-id", ev.ID)
	h.Set("x-amz-sns-topic-arn", topic)
	h.Set("x-amz-sns-subscription-arn", subscription)
	resp, err := s.opts.Client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("%s answered %s", s.cfg.URL, resp.Status)
	}
	return nil
}

// snsBody is the notification of ev as SNS would POST it: Message is the
// event's JSON, MessageId its id, Timestamp its time.
func snsBody(ev LoggedEvent, topic, subscription string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(snsNotification{
		Type:             "Notification",
		MessageId:        ev.ID,
		TopicArn:         topic,
		Message:          string(ev.JSON),
		Timestamp:        ev.Time,
		SignatureVersion: "1",
		Signature:        SNSSignature,
		SigningCertURL:   SNSSigningCertURL,
		UnsubscribeURL:   snsUnsubscribeURL + url.QueryEscape(subscription),
	})
	return b.Bytes()
}
