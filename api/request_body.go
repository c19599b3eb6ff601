package api

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"sync"
)

// callBuffer is the memory of one operation call, recycled through
// callBuffers: buf holds the request body while the operation runs, then
// the answer's body. Neither outlives the call: the decoders copy what they
// keep, the journal writes its record (body included) before invoke
// returns, and ResponseWriter.Write does not retain its argument.
type callBuffer struct {
	buf bytes.Buffer
	lim io.LimitedReader // reads the body; here so as not to allocate one per call
}

// maxPooledBuffer is the largest buffer put back into callBuffers: the
// rare large body (a rule set, GameSessionData) is left to the collector
// rather than held by the pool.
const maxPooledBuffer = 64 << 10

var callBuffers = sync.Pool{New: func() any { return new(callBuffer) }}

func getCallBuffer() *callBuffer { return callBuffers.Get().(*callBuffer) }

func (cb *callBuffer) release() {
	if cb.buf.Cap() > maxPooledBuffer {
		return
	}
	cb.buf.Reset()
	callBuffers.Put(cb)
}

// readBody reads r's body into cb.buf and returns it. It answers as
// io.ReadAll(http.MaxBytesReader(nil, r.Body, limit)) does: a body of more
// than limit bytes is an *http.MaxBytesError, a failed read is its error.
// A known Content-Length sizes the buffer at once. (A nil Body, which only
// a direct call of ServeHTTP can pass, is an empty body.)
func (cb *callBuffer) readBody(r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	limit = min(max(limit, 0), math.MaxInt64-1) // as MaxBytesReader; limit+1 must not overflow
	if n := r.ContentLength; n > 0 && n <= limit {
		// ReadFrom wants MinRead bytes free before each read, the one that
		// sees the end of the body included
		cb.buf.Grow(int(n) + bytes.MinRead)
	}
	cb.lim = io.LimitedReader{R: r.Body, N: limit + 1}
	_, err := cb.buf.ReadFrom(&cb.lim)
	cb.lim.R = nil // the pool must not keep the request alive
	if err != nil {
		return nil, err
	}
	if int64(cb.buf.Len()) > limit {
		return nil, &http.MaxBytesError{Limit: limit}
	}
	return cb.buf.Bytes(), nil
}
