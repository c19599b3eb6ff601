package api

import (
	"bytes"
	"encoding/binary"
	"math"
)

// A fast path for the RPC v2 CBOR outputs of the hottest operations: the
// tickets of StartMatchmaking, StartMatchBackfill and DescribeMatchmaking.
// It writes the bytes cborEnc writes for the same value (structs as maps
// of their non-empty members in declaration order, definite lengths, every
// float a double, a Timestamp as its MarshalCBOR does), without reflection.
// Map entries come in Go's map order, as with cborEnc. A value it does not
// write the same way (a NaN or an infinity, which cborEnc shortens to a
// half-precision float) makes it give up, and cborEnc encodes the value.
// TestCBORFastEncode compares the two.

// fastEncode appends v to buf if v is an output the fast path knows and
// reports whether it did; when it did not, buf is as it was.
func fastEncode(buf *bytes.Buffer, v any) bool {
	// appending to the buffer's free space and writing that back is the
	// cheap way to build a bytes.Buffer piecewise (see AvailableBuffer)
	w := cborWriter{b: buf.AvailableBuffer()}
	switch out := v.(type) {
	case *TicketOutput:
		if out.MatchmakingTicket == nil {
			w.head(5, 0)
		} else {
			w.head(5, 1)
			w.text("MatchmakingTicket")
			w.ticket(out.MatchmakingTicket)
		}
	case *DescribeMatchmakingOutput:
		w.head(5, 1)
		w.text("TicketList")
		if out.TicketList == nil {
			w.b = append(w.b, 0xf6) // null, as cborEnc writes a nil slice
			break
		}
		w.head(4, uint64(len(out.TicketList)))
		for i := range out.TicketList {
			w.ticket(&out.TicketList[i])
		}
	default:
		return false
	}
	if w.failed {
		return false
	}
	buf.Write(w.b)
	return true
}

// cborWriter appends CBOR to b; failed is set by a value it cannot write
// as cborEnc would.
type cborWriter struct {
	b      []byte
	failed bool
}

// head writes an item's head of major type major and argument n, in the
// shortest form.
func (w *cborWriter) head(major byte, n uint64) {
	m := major << 5
	switch {
	case n < 24:
		w.b = append(w.b, m|byte(n))
	case n <= math.MaxUint8:
		w.b = append(w.b, m|24, byte(n))
	case n <= math.MaxUint16:
		w.b = binary.BigEndian.AppendUint16(append(w.b, m|25), uint16(n))
	case n <= math.MaxUint32:
		w.b = binary.BigEndian.AppendUint32(append(w.b, m|26), uint32(n))
	default:
		w.b = binary.BigEndian.AppendUint64(append(w.b, m|27), n)
	}
}

func (w *cborWriter) text(s string) {
	w.head(3, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *cborWriter) integer(n int) {
	if n < 0 {
		w.head(1, uint64(-1-n))
		return
	}
	w.head(0, uint64(n))
}

// float writes a double; cborEnc writes NaN and the infinities otherwise.
func (w *cborWriter) float(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		w.failed = true
		return
	}
	w.b = binary.BigEndian.AppendUint64(append(w.b, 0xfb), math.Float64bits(f))
}

// timestamp writes what Timestamp.MarshalCBOR returns.
func (w *cborWriter) timestamp(t *Timestamp) {
	w.b = binary.BigEndian.AppendUint64(append(w.b, 0xc1, 0xfb), math.Float64bits(t.seconds()))
}

// members counts the members that are not omitted (all are omitempty).
func members(set ...bool) uint64 {
	n := uint64(0)
	for _, s := range set {
		if s {
			n++
		}
	}
	return n
}

// optText writes member name if s is not empty.
func (w *cborWriter) optText(name, s string) {
	if s != "" {
		w.text(name)
		w.text(s)
	}
}

func (w *cborWriter) ticket(t *MatchmakingTicket) {
	w.head(5, members(t.TicketId != "", t.ConfigurationName != "", t.ConfigurationArn != "",
		t.Status != "", t.StatusReason != "", t.StatusMessage != "", t.StartTime != nil, t.EndTime != nil,
		len(t.Players) > 0, t.GameSessionConnectionInfo != nil, t.EstimatedWaitTime != nil))
	w.optText("TicketId", t.TicketId)
	w.optText("ConfigurationName", t.ConfigurationName)
	w.optText("ConfigurationArn", t.ConfigurationArn)
	w.optText("Status", t.Status)
	w.optText("StatusReason", t.StatusReason)
	w.optText("StatusMessage", t.StatusMessage)
	if t.StartTime != nil {
		w.text("StartTime")
		w.timestamp(t.StartTime)
	}
	if t.EndTime != nil {
		w.text("EndTime")
		w.timestamp(t.EndTime)
	}
	if len(t.Players) > 0 {
		w.text("Players")
		w.head(4, uint64(len(t.Players)))
		for i := range t.Players {
			w.player(&t.Players[i])
		}
	}
	if c := t.GameSessionConnectionInfo; c != nil {
		w.text("GameSessionConnectionInfo")
		w.connection(c)
	}
	if t.EstimatedWaitTime != nil {
		w.text("EstimatedWaitTime")
		w.integer(*t.EstimatedWaitTime)
	}
}

func (w *cborWriter) player(p *Player) {
	w.head(5, members(p.PlayerId != "", len(p.PlayerAttributes) > 0, p.Team != "", len(p.LatencyInMs) > 0))
	w.optText("PlayerId", p.PlayerId)
	if len(p.PlayerAttributes) > 0 {
		w.text("PlayerAttributes")
		w.head(5, uint64(len(p.PlayerAttributes)))
		for name, a := range p.PlayerAttributes {
			w.text(name)
			w.attribute(&a)
		}
	}
	w.optText("Team", p.Team)
	if len(p.LatencyInMs) > 0 {
		w.text("LatencyInMs")
		w.head(5, uint64(len(p.LatencyInMs)))
		for region, ms := range p.LatencyInMs {
			w.text(region)
			w.integer(ms)
		}
	}
}

func (w *cborWriter) attribute(a *AttributeValue) {
	w.head(5, members(a.S != nil, a.N != nil, len(a.SL) > 0, len(a.SDM) > 0))
	if a.S != nil {
		w.text("S")
		w.text(*a.S)
	}
	if a.N != nil {
		w.text("N")
		w.float(*a.N)
	}
	if len(a.SL) > 0 {
		w.text("SL")
		w.head(4, uint64(len(a.SL)))
		for _, s := range a.SL {
			w.text(s)
		}
	}
	if len(a.SDM) > 0 {
		w.text("SDM")
		w.head(5, uint64(len(a.SDM)))
		for k, f := range a.SDM {
			w.text(k)
			w.float(f)
		}
	}
}

func (w *cborWriter) connection(c *GameSessionConnectionInfo) {
	w.head(5, members(c.GameSessionArn != "", c.IpAddress != "", c.DnsName != "", c.Port != 0, len(c.MatchedPlayerSessions) > 0))
	w.optText("GameSessionArn", c.GameSessionArn)
	w.optText("IpAddress", c.IpAddress)
	w.optText("DnsName", c.DnsName)
	if c.Port != 0 {
		w.text("Port")
		w.integer(c.Port)
	}
	if len(c.MatchedPlayerSessions) > 0 {
		w.text("MatchedPlayerSessions")
		w.head(4, uint64(len(c.MatchedPlayerSessions)))
		for _, m := range c.MatchedPlayerSessions {
			w.head(5, members(m.PlayerId != "", m.PlayerSessionId != ""))
			w.optText("PlayerId", m.PlayerId)
			w.optText("PlayerSessionId", m.PlayerSessionId)
		}
	}
}
