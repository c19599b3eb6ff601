package api

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// Timestamp is a GameLift timestamp on the wire: epoch seconds with
// millisecond fractions, a JSON number in JSON 1.1 and a CBOR tag 1
// (epoch-based date/time) holding a float in RPC v2 CBOR.
type Timestamp struct{ time.Time }

// ts returns t as a wire timestamp, or nil for the zero time, so that
// unset times are left out.
func ts(t time.Time) *Timestamp {
	if t.IsZero() {
		return nil
	}
	return &Timestamp{t}
}

func (t Timestamp) seconds() float64 { return float64(t.UnixMilli()) / 1000 }

func fromSeconds(s float64) (Timestamp, error) {
	if math.IsNaN(s) || math.IsInf(s, 0) || math.Abs(s) > 1e11 {
		return Timestamp{}, fmt.Errorf("timestamp %v out of range", s)
	}
	return Timestamp{time.UnixMilli(int64(math.Round(s * 1000))).UTC()}, nil
}

// MarshalJSON writes epoch seconds, such as 1469498468.057.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, t.seconds(), 'f', -1, 64), nil
}

// UnmarshalJSON reads epoch seconds.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	var s float64
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := fromSeconds(s)
	*t = v
	return err
}

// MarshalCBOR writes tag 1 around a float64 of epoch seconds, as the AWS
// SDK for Go v2 does: 0xc1, then 0xfb and the float's 8 bytes, written
// directly (it is on every ticket an answer carries).
func (t Timestamp) MarshalCBOR() ([]byte, error) {
	b := make([]byte, 2, 10)
	b[0], b[1] = 0xc1, 0xfb // tag 1; major type 7, 8-byte float
	return binary.BigEndian.AppendUint64(b, math.Float64bits(t.seconds())), nil
}

// UnmarshalCBOR reads tag 1 around an integer or a float.
func (t *Timestamp) UnmarshalCBOR(b []byte) error {
	var tag cbor.Tag
	if err := cborDec.Unmarshal(b, &tag); err != nil {
		return err
	}
	if tag.Number != 1 {
		return fmt.Errorf("timestamp: want CBOR tag 1, got tag %d", tag.Number)
	}
	var s float64
	switch c := tag.Content.(type) {
	case uint64:
		s = float64(c)
	case int64:
		s = float64(c)
	case float64:
		s = c
	case float32:
		s = float64(c)
	default:
		return fmt.Errorf("timestamp: tag 1 holds %T, want a number", tag.Content)
	}
	v, err := fromSeconds(s)
	*t = v
	return err
}
