package api

// A fast path for the RPC v2 CBOR inputs of the hottest operations,
// StartMatchmaking and DescribeMatchmaking: the reflective decoder spends
// microseconds on a StartMatchmaking body of 150 bytes. The fast path reads
// only the plain form the AWS SDKs send (definite lengths, text keys that
// are exactly the members' names, each once, no tags, no nulls) and gives
// up on anything else, leaving the input to cborDec, which then decides and
// words any error. So it accepts nothing cborDec rejects and decodes what
// it accepts to the same value (FuzzCBORFastDecode checks both). Its
// reader is in cbor_reader.go.

// fastDecodeLimit bounds the lengths the fast path takes; longer arrays
// and maps go to cborDec and its limits.
const fastDecodeLimit = 1024

// fastDecode decodes body into v if v is an input the fast path knows and
// body is in its subset; it reports whether it did. v is untouched when it
// did not.
func fastDecode(body []byte, v any) bool {
	r := cborReader{b: body}
	switch in := v.(type) {
	case *StartMatchmakingInput:
		var dec StartMatchmakingInput
		if r.startMatchmaking(&dec) && r.done() {
			*in = dec
			return true
		}
	case *DescribeMatchmakingInput:
		var dec DescribeMatchmakingInput
		if r.describeMatchmaking(&dec) && r.done() {
			*in = dec
			return true
		}
	}
	return false
}

func (r *cborReader) startMatchmaking(in *StartMatchmakingInput) bool {
	var seen uint8
	for range r.length(5) {
		switch string(r.textBytes()) {
		case "TicketId":
			r.once(&seen, 1)
			in.TicketId = r.text()
		case "ConfigurationName":
			r.once(&seen, 2)
			in.ConfigurationName = r.text()
		case "Players":
			r.once(&seen, 4)
			in.Players = r.players()
		default:
			return r.fail()
		}
		if r.failed {
			return false
		}
	}
	return !r.failed
}

func (r *cborReader) describeMatchmaking(in *DescribeMatchmakingInput) bool {
	for i := range r.length(5) {
		if i > 0 || string(r.textBytes()) != "TicketIds" {
			return r.fail()
		}
		in.TicketIds = r.texts()
	}
	return !r.failed
}

// texts reads an array of text strings.
func (r *cborReader) texts() []string {
	n := r.length(4)
	if r.failed {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.text()
	}
	return out
}

func (r *cborReader) players() []Player {
	n := r.length(4)
	if r.failed {
		return nil
	}
	out := make([]Player, n)
	for i := range out {
		r.player(&out[i])
	}
	return out
}

func (r *cborReader) player(p *Player) {
	var seen uint8
	for range r.length(5) {
		switch string(r.textBytes()) {
		case "PlayerId":
			r.once(&seen, 1)
			p.PlayerId = r.text()
		case "PlayerAttributes":
			r.once(&seen, 2)
			p.PlayerAttributes = r.attributes()
		case "Team":
			r.once(&seen, 4)
			p.Team = r.text()
		case "LatencyInMs":
			r.once(&seen, 8)
			p.LatencyInMs = r.latencies()
		default:
			r.fail()
		}
		if r.failed {
			return
		}
	}
}

func (r *cborReader) latencies() map[string]int { return readMap(r, r.key, r.integer) }

func (r *cborReader) attributes() map[string]AttributeValue {
	return readMap(r, r.key, r.attribute)
}

// attribute reads an AttributeValue. Which members it sets is checked
// later, by toTicket, as for any decoder.
func (r *cborReader) attribute() AttributeValue {
	var a AttributeValue
	var seen uint8
	for range r.length(5) {
		switch string(r.textBytes()) {
		case "S":
			r.once(&seen, 1)
			s := r.text()
			a.S = &s
		case "N":
			r.once(&seen, 2)
			f := r.float()
			a.N = &f
		case "SL":
			r.once(&seen, 4)
			a.SL = r.texts()
		case "SDM":
			r.once(&seen, 8)
			a.SDM = r.numbers()
		default:
			r.fail()
		}
		if r.failed {
			return AttributeValue{}
		}
	}
	return a
}

// numbers reads a map of text to float.
func (r *cborReader) numbers() map[string]float64 { return readMap(r, r.text, r.float) }

// readMap reads a map of text keys (read by key) to values (read by value);
// a repeated key fails, as cborDec rejects it.
func readMap[V any](r *cborReader, key func() string, value func() V) map[string]V {
	n := r.length(5)
	if r.failed {
		return nil
	}
	m := make(map[string]V, n)
	for range n {
		k := key()
		v := value()
		if _, dup := m[k]; dup || r.failed {
			r.fail()
			return nil
		}
		m[k] = v
	}
	return m
}
