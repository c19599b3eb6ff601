package api

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// A codec is one wire protocol's body format. Both codecs serve the same
// operation table and the same wire types.
type codec interface {
	name() string // the protocol label in logs and metrics
	contentType() string
	// decode reads a request body into v; an empty body is an empty input.
	decode(body []byte, v any) error
	encode(v any) ([]byte, error)
	// header sets protocol headers on every answer, errors included.
	header(h headerSetter)
}

type headerSetter interface{ Set(key, value string) }

// codecNamed returns the codec whose name() is name.
func codecNamed(name string) (codec, bool) {
	for _, c := range []codec{jsonCodec{}, cborCodec{}} {
		if c.name() == name {
			return c, true
		}
	}
	return nil, false
}

// jsonCodec is AWS JSON 1.1.
type jsonCodec struct{}

func (jsonCodec) name() string        { return "awsjson1.1" }
func (jsonCodec) contentType() string { return "application/x-amz-json-1.1" }
func (jsonCodec) header(headerSetter) {}

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

func (jsonCodec) encode(v any) ([]byte, error) { return json.Marshal(v) }

// cborCodec is Smithy RPC v2 CBOR.
type cborCodec struct{}

func (cborCodec) name() string        { return "rpcv2cbor" }
func (cborCodec) contentType() string { return "application/cbor" }
func (cborCodec) header(h headerSetter) {
	h.Set("smithy-protocol", "rpc-v2-cbor")
}

func (cborCodec) decode(body []byte, v any) error {
	if len(body) == 0 {
		return nil
	}
	return cborDec.Unmarshal(body, v)
}

func (cborCodec) encode(v any) ([]byte, error) { return cborEnc.Marshal(v) }

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

// cborEnc writes strings as text, not byte strings.
var cborEnc = func() cbor.EncMode {
	m, err := cbor.EncOptions{String: cbor.StringToTextString}.EncMode()
	if err != nil {
		panic(err)
	}
	return m
}()
