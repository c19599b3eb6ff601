package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/fxamacker/cbor/v2"
)

// A codec is one wire protocol's body format. Both codecs serve the same
// operation table and the same wire types.
type codec interface {
	name() string // the protocol label in logs and metrics
	id() codecID
	// decode reads a request body into v; an empty body is an empty input.
	decode(body []byte, v any) error
	// encode appends the body of v to buf; on error buf holds a partial
	// body, which the caller drops.
	encode(buf *bytes.Buffer, v any) error
	// header sets the protocol's headers (content type included) on every
	// answer, errors included.
	header(h http.Header)
}

// codecID numbers the codecs, so that per-codec state is an array.
type codecID int

const (
	codecJSON codecID = iota
	codecCBOR
	numCodecs
)

// codecNamed returns the codec whose name() is name.
func codecNamed(name string) (codec, bool) {
	for _, c := range []codec{jsonCodec{}, cborCodec{}} {
		if c.name() == name {
			return c, true
		}
	}
	return nil, false
}

// Header values the codecs set on every answer. They are written into the
// header map as they are, shared by all answers (h.Set would allocate a
// slice per call): nothing may modify them. net/http only reads them, and
// Header.Add and Set replace or reallocate a one-element slice rather than
// writing into it.
var (
	jsonContentType = []string{"application/x-amz-json-1.1"}
	cborContentType = []string{"application/cbor"}
	smithyProtocol  = []string{"rpc-v2-cbor"}
)

// Header keys written straight into the header map, in the canonical form
// h.Set would give them (and net/http writes keys as they are in the map).
const (
	headerContentType    = "Content-Type"
	headerContentLength  = "Content-Length"
	headerRequestID      = "X-Amzn-Requestid" // x-amzn-RequestId
	headerErrorType      = "X-Amzn-Errortype" // x-amzn-ErrorType
	headerSmithyProtocol = "Smithy-Protocol"
)

// jsonCodec is AWS JSON 1.1.
type jsonCodec struct{}

func (jsonCodec) name() string         { return "awsjson1.1" }
func (jsonCodec) id() codecID          { return codecJSON }
func (jsonCodec) header(h http.Header) { h[headerContentType] = jsonContentType }

func (jsonCodec) decode(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(body))
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("unexpected data after the JSON object")
	}
	return nil
}

// encode writes what json.Marshal would, without the copy Marshal returns:
// an Encoder writes straight into buf, and its trailing newline is cut.
func (jsonCodec) encode(buf *bytes.Buffer, v any) error {
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode ends the value with '\n'
	return nil
}

// cborCodec is Smithy RPC v2 CBOR.
type cborCodec struct{}

func (cborCodec) name() string { return "rpcv2cbor" }
func (cborCodec) id() codecID  { return codecCBOR }
func (cborCodec) header(h http.Header) {
	h[headerContentType] = cborContentType
	h[headerSmithyProtocol] = smithyProtocol
}

// decode takes the fast path of the hottest inputs when it can
// (cbor_fast_decode.go).
func (cborCodec) decode(body []byte, v any) error {
	if len(body) == 0 || fastDecode(body, v) {
		return nil
	}
	return cborDec.Unmarshal(body, v)
}

// encode takes the fast path of the hottest outputs when it can
// (cbor_fast_encode.go).
func (cborCodec) encode(buf *bytes.Buffer, v any) error {
	if fastEncode(buf, v) {
		return nil
	}
	return cborEnc.MarshalToBuffer(v, buf)
}

// cborDec bounds what a request may make the decoder allocate; fields the
// wire types do not know are skipped.
var cborDec = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		MaxNestedLevels:  32,
		MaxArrayElements: 65536,
		MaxMapPairs:      65536,
		IndefLength:      cbor.IndefLengthAllowed,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// cborEnc writes strings as text, not byte strings; it encodes into the
// caller's buffer (MarshalToBuffer), not into a copy.
var cborEnc = func() cbor.UserBufferEncMode {
	m, err := cbor.EncOptions{String: cbor.StringToTextString}.UserBufferEncMode()
	if err != nil {
		panic(err)
	}
	return m
}()
