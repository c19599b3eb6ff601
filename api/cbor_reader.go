package api

import (
	"encoding/binary"
	"math"
	"unicode/utf8"
)

// cborReader reads CBOR items from b at off. Its methods return false (or
// a zero value, with failed set) on anything outside the fast subset;
// once failed, it stays failed.
type cborReader struct {
	b      []byte
	off    int
	failed bool
}

func (r *cborReader) fail() bool { r.failed = true; return false }

// done reports whether the whole body was read without failing: cborDec
// rejects data after the top-level item.
func (r *cborReader) done() bool { return !r.failed && r.off == len(r.b) }

// head reads an item's head: its major type and argument. Indefinite
// lengths and reserved values fail.
func (r *cborReader) head() (major byte, arg uint64) {
	if r.failed || r.off >= len(r.b) {
		r.fail()
		return 0, 0
	}
	ib := r.b[r.off]
	r.off++
	major, info := ib>>5, ib&0x1f
	size := 0
	switch {
	case info < 24:
		return major, uint64(info)
	case info == 24:
		size = 1
	case info == 25:
		size = 2
	case info == 26:
		size = 4
	case info == 27:
		size = 8
	default:
		r.fail()
		return 0, 0
	}
	if len(r.b)-r.off < size {
		r.fail()
		return 0, 0
	}
	p := r.b[r.off : r.off+size]
	r.off += size
	switch size {
	case 1:
		arg = uint64(p[0])
	case 2:
		arg = uint64(binary.BigEndian.Uint16(p))
	case 4:
		arg = uint64(binary.BigEndian.Uint32(p))
	default:
		arg = binary.BigEndian.Uint64(p)
	}
	return major, arg
}

// length reads the head of a map (major 5) or an array (major 4).
func (r *cborReader) length(major byte) int {
	m, n := r.head()
	if m != major || n > fastDecodeLimit {
		r.fail()
		return 0
	}
	return int(n)
}

// textBytes reads a definite-length, valid UTF-8 text string, in place.
func (r *cborReader) textBytes() []byte {
	m, n := r.head()
	if m != 3 || n > uint64(len(r.b)-r.off) {
		r.fail()
		return nil
	}
	p := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	if !utf8.Valid(p) {
		r.fail()
		return nil
	}
	return p
}

func (r *cborReader) text() string { return string(r.textBytes()) }

// key reads a text string that is a map key kept by tickets (a region, an
// attribute name), shared through decodedKeys.
func (r *cborReader) key() string {
	b := r.textBytes()
	if r.failed {
		return ""
	}
	return decodedKeys.get(b)
}

// integer reads an integer of at most 31 bits of magnitude, which fits an
// int anywhere.
func (r *cborReader) integer() int {
	m, n := r.head()
	switch {
	case m == 0 && n <= math.MaxInt32:
		return int(n)
	case m == 1 && n <= math.MaxInt32:
		return -1 - int(n)
	}
	r.fail()
	return 0
}

// float reads a double or a single-precision float that is finite.
func (r *cborReader) float() float64 {
	if r.failed || r.off >= len(r.b) {
		r.fail()
		return 0
	}
	var f float64
	switch ib := r.b[r.off]; {
	case ib == 0xfb && len(r.b)-r.off >= 9:
		f = math.Float64frombits(binary.BigEndian.Uint64(r.b[r.off+1:]))
		r.off += 9
	case ib == 0xfa && len(r.b)-r.off >= 5:
		f = float64(math.Float32frombits(binary.BigEndian.Uint32(r.b[r.off+1:])))
		r.off += 5
	default:
		r.fail()
		return 0
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.fail()
		return 0
	}
	return f
}

// once marks member bit in seen and fails if it was already there:
// cborDec's handling of repeated members is its own.
func (r *cborReader) once(seen *uint8, bit uint8) bool {
	if *seen&bit != 0 {
		return r.fail()
	}
	*seen |= bit
	return true
}
