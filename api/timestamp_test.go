package api_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/flexsim/flexsim/api"
)

// TestTimestampCBOR checks the hand-written encoding against the CBOR
// library's encoding of tag 1 around the float64 of epoch seconds, and
// that it reads back.
func TestTimestampCBOR(t *testing.T) {
	for _, tm := range []time.Time{
		start,
		time.Unix(0, 0),
		time.UnixMilli(1),
		time.UnixMilli(-1500),
		time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC),
		time.Date(2286, 11, 20, 17, 46, 39, 999e6, time.UTC),
	} {
		got, err := api.Timestamp{Time: tm}.MarshalCBOR()
		if err != nil {
			t.Fatal(err)
		}
		want, err := cbor.Marshal(cbor.Tag{Number: 1, Content: float64(tm.UnixMilli()) / 1000})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%v: MarshalCBOR = % x, want % x", tm, got, want)
		}
		var back api.Timestamp
		if err := back.UnmarshalCBOR(got); err != nil || !back.Equal(tm) {
			t.Errorf("%v: read back as %v, %v", tm, back.Time, err)
		}
	}
}
