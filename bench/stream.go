package bench

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/flexsim/flexsim/ticket"
)

// Arrival is one ticket of a workload's player stream.
type Arrival struct {
	// Index counts the stream's tickets from 0.
	Index int
	// At is the arrival time since the start, in whole milliseconds.
	At time.Duration
	// TicketID is StreamTicketID(Index).
	TicketID string
	// Players are the ticket's players, with their attributes and
	// latencies.
	Players []ticket.Player
	// CancelAfter is how long the players wait before they cancel the
	// ticket if it is still searching; 0 means they never do.
	CancelAfter time.Duration
	// Seed seeds the ticket's own later choices: its players' answers to
	// proposed matches.
	Seed uint64
}

// Streams are seeded with the run's seed and these stream numbers.
const (
	streamPlayers   = 0x706c6179657273 // players
	streamBehaviour = 0x6265686176696f // behaviour
	streamTicket    = 0x7469636b6574   // one ticket's answers
)

// Stream is a workload's player stream: its tickets in arrival order. Two
// generators seeded from the seed draw it, one for arrival times and
// players, one for behaviour (cancellations, per-ticket seeds), so that
// the same workload and seed always give the same stream, and changing the
// behaviour does not change the players.
type Stream struct {
	w         *Workload
	rng, beh  *rand.Rand
	end       float64 // seconds
	cur       float64 // seconds: the last arrival or the end of the last step
	step      int64   // the current one-second step of the rate
	budget    float64 // the arrival "work" left until the next arrival
	n         int     // tickets so far
	players   int     // players so far
	partySize chooser
	homes     chooser
	choices   []chooser // per attribute: string values
}

// NewStream returns the stream of workload w for a run of length end,
// seeded with seed.
func NewStream(w *Workload, seed uint64, end time.Duration) *Stream {
	s := &Stream{
		w:         w,
		rng:       rand.New(rand.NewPCG(seed, streamPlayers)),
		beh:       rand.New(rand.NewPCG(seed, streamBehaviour)),
		end:       end.Seconds(),
		partySize: newChooser(w.Players.PartySize),
		choices:   make([]chooser, len(w.Players.Attributes)),
	}
	shares := make([]Weighted[int], len(w.Regions))
	for i, r := range w.Regions {
		shares[i] = Weighted[int]{Value: i, Weight: r.Share}
	}
	s.homes = newChooser(shares)
	for i, a := range w.Players.Attributes {
		if a.Type == ticket.TypeString {
			s.choices[i] = newChooser(a.Values)
		}
	}
	s.budget = s.gap()
	return s
}

// gap draws the arrival work until the next ticket: Exp(1) for a Poisson
// process, 1 for evenly spaced arrivals.
func (s *Stream) gap() float64 {
	if s.w.Arrivals.Process == ProcessConstant {
		return 1
	}
	return s.rng.ExpFloat64()
}

// Next returns the next ticket, or false when the run's end comes first.
// The rate is held constant over each one-second step at its value in the
// middle of the step; within the step the process places the arrivals.
func (s *Stream) Next() (Arrival, bool) {
	for s.cur < s.end {
		stepEnd := min(float64(s.step+1), s.end)
		rate := s.w.Arrivals.RateAt(time.Duration(s.step)*time.Second + time.Second/2)
		avail := rate * (stepEnd - s.cur)
		if rate > 0 && s.budget <= avail {
			s.cur = min(s.cur+s.budget/rate, stepEnd)
			s.budget = s.gap()
			if s.cur >= s.end {
				break
			}
			return s.ticket(), true
		}
		s.budget -= avail
		s.cur = stepEnd
		s.step++
	}
	s.cur = s.end
	return Arrival{}, false
}

// ticket draws the next ticket at the current time.
func (s *Stream) ticket() Arrival {
	w := s.w
	a := Arrival{
		Index:    s.n,
		At:       time.Duration(math.Floor(s.cur*1000+1e-6)) * time.Millisecond,
		TicketID: StreamTicketID(s.n),
	}
	s.n++
	size := w.Players.PartySize[s.partySize.pick(s.rng)].Value
	a.Players = make([]ticket.Player, size)
	for i := range a.Players {
		a.Players[i] = s.player()
	}
	a.Seed = s.beh.Uint64()
	if c := w.Cancel; c.Probability > 0 && s.beh.Float64() < c.Probability {
		secs := max(c.After.Sample(s.beh, a.Index), 0.001)
		a.CancelAfter = time.Duration(math.Round(secs*1000)) * time.Millisecond
	}
	return a
}

// player draws one player: home region and latencies, then attributes.
func (s *Stream) player() ticket.Player {
	w := s.w
	i := s.players
	s.players++
	p := ticket.Player{PlayerID: StreamPlayerID(i)}
	if len(w.Regions) > 0 {
		home := &w.Regions[s.homes.pick(s.rng)]
		base := home.Latency.Sample(s.rng, i)
		p.LatencyInMs = make(map[string]int, 1+len(home.To))
		p.LatencyInMs[home.Name] = latencyMs(base)
		for _, to := range home.To {
			p.LatencyInMs[to.Region] = latencyMs(base + to.Extra.Sample(s.rng, i))
		}
	}
	p.Attributes = make(map[string]ticket.AttributeValue, len(w.Players.Attributes))
	for k := range w.Players.Attributes {
		a := &w.Players.Attributes[k]
		if a.Missing > 0 && s.rng.Float64() < a.Missing {
			continue
		}
		switch a.Type {
		case ticket.TypeNumber:
			p.Attributes[a.Name] = ticket.Number(a.Number.Sample(s.rng, i))
		case ticket.TypeString:
			p.Attributes[a.Name] = ticket.String(a.Values[s.choices[k].pick(s.rng)].Value)
		case ticket.TypeStringList:
			var items []string
			for _, v := range a.Values {
				if s.rng.Float64() < v.Weight {
					items = append(items, v.Value)
				}
			}
			p.Attributes[a.Name] = ticket.StringList(items...)
		case ticket.TypeStringNumberMap:
			m := make(map[string]float64, len(a.Keys))
			for j, key := range a.Keys {
				m[key] = a.Value.Sample(s.rng, i*len(a.Keys)+j)
			}
			p.Attributes[a.Name] = ticket.StringNumberMap(m)
		}
	}
	return p
}

// latencyMs rounds a latency to whole milliseconds, at least 1.
func latencyMs(v float64) int { return max(1, int(math.Round(min(v, 1e9)))) }

// RateAt is the arrival rate at time t since the start, in tickets per
// second.
func (a *Arrivals) RateAt(t time.Duration) float64 {
	switch {
	case a.Daily != nil:
		d := a.Daily
		tod := (d.Start + t - d.PeakAt) % d.Period
		phase := 2 * math.Pi * float64(tod) / float64(d.Period)
		return d.Trough + (d.Peak-d.Trough)*(1+math.Cos(phase))/2
	case len(a.Ramp) > 0:
		r := a.Ramp
		if t <= r[0].At {
			return r[0].Rate
		}
		for i := 1; i < len(r); i++ {
			if t <= r[i].At {
				f := float64(t-r[i-1].At) / float64(r[i].At-r[i-1].At)
				return r[i-1].Rate + f*(r[i].Rate-r[i-1].Rate)
			}
		}
		return r[len(r)-1].Rate
	}
	return a.Rate
}

// StreamTicketID is the ID of the i-th ticket of a stream: t- and nine
// digits, so that IDs sort in arrival order.
func StreamTicketID(i int) string { return paddedID("t-", i) }

// StreamPlayerID is the ID of the i-th player of a stream.
func StreamPlayerID(i int) string { return paddedID("p-", i) }

func paddedID(prefix string, i int) string {
	var buf [32]byte
	b := append(buf[:0], prefix...)
	digits := strconv.AppendInt(nil, int64(i), 10)
	for n := len(digits); n < 9; n++ {
		b = append(b, '0')
	}
	return string(append(b, digits...))
}
