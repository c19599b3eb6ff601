package ruleset

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// value is a run-time value of a property expression.
type value struct {
	k  vkind
	n  float64
	s  string
	ss []string // a string list (vStrs)
	l  []value  // a list (vList)
}

type vkind uint8

const (
	vNone vkind = iota // no value: an aggregate over nothing, a missing attribute
	vNum
	vStr
	vStrs
	vList
)

func num(n float64) value    { return value{k: vNum, n: n} }
func str(s string) value     { return value{k: vStr, s: s} }
func strs(ss []string) value { return value{k: vStrs, ss: ss} }
func list(l []value) value   { return value{k: vList, l: l} }

// String renders the value for tests and explanations.
func (v value) String() string {
	switch v.k {
	case vNum:
		return strconv.FormatFloat(v.n, 'g', -1, 64)
	case vStr:
		return strconv.Quote(v.s)
	case vStrs:
		return "[" + strings.Join(quoteAll(v.ss), " ") + "]"
	case vList:
		parts := make([]string, len(v.l))
		for i, e := range v.l {
			parts[i] = e.String()
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return "none"
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// leaves appends every non-list value inside v to out, depth first.
func (v value) leaves(out []value) []value {
	if v.k != vList {
		return append(out, v)
	}
	for _, e := range v.l {
		out = e.leaves(out)
	}
	return out
}

// atDepth applies f to every list that is depth levels down in v (depth 0:
// v itself), and returns v with those lists replaced by f's results.
func atDepth(v value, depth int, f func(value) value) value {
	if depth == 0 || v.k != vList {
		return f(v)
	}
	out := make([]value, len(v.l))
	for i, e := range v.l {
		out[i] = atDepth(e, depth-1, f)
	}
	return list(out)
}

// numbers appends the numbers of a flat list to buf; false if any is
// missing.
func numbers(v value, buf []float64) ([]float64, bool) {
	for _, e := range v.l {
		if e.k != vNum {
			return nil, false
		}
		buf = append(buf, e.n)
	}
	return buf, true
}

// numOp is a numeric function.
type numOp uint8

const (
	opMin numOp = iota
	opMax
	opSum
	opAvg
	opMedian
	opStddev
)

// numOps are the numeric functions by name.
var numOps = map[string]numOp{
	"min": opMin, "max": opMax, "sum": opSum, "avg": opAvg, "median": opMedian, "stddev": opStddev,
}

// reduce applies a numeric function to one flat list of numbers. It may
// reorder ns. Over no numbers, sum is 0 and the others have no value.
func reduce(op numOp, ns []float64) value {
	if len(ns) == 0 {
		if op == opSum {
			return num(0)
		}
		return value{}
	}
	switch op {
	case opMin:
		return num(slices.Min(ns))
	case opMax:
		return num(slices.Max(ns))
	case opSum:
		s := 0.0
		for _, n := range ns {
			s += n
		}
		return num(s)
	case opAvg:
		return num(mean(ns))
	case opMedian:
		slices.Sort(ns)
		h := len(ns) / 2
		if len(ns)%2 == 1 {
			return num(ns[h])
		}
		return num((ns[h-1] + ns[h]) / 2)
	}
	m, ss := mean(ns), 0.0
	for _, n := range ns {
		ss += (n - m) * (n - m)
	}
	return num(math.Sqrt(ss / float64(len(ns)))) // population stddev
}

func mean(ns []float64) float64 {
	s := 0.0
	for _, n := range ns {
		s += n
	}
	return s / float64(len(ns))
}

// flatten removes one level of nesting from a list of lists, or turns a
// list of string lists into one list of strings.
func flatten(v value) value {
	n := 0
	for _, e := range v.l {
		switch e.k {
		case vList:
			n += len(e.l)
		case vStrs:
			n += len(e.ss)
		default:
			n++
		}
	}
	out := make([]value, 0, n)
	for _, e := range v.l {
		switch e.k {
		case vList:
			out = append(out, e.l...)
		case vStrs:
			for _, s := range e.ss {
				out = append(out, str(s))
			}
		default:
			out = append(out, e)
		}
	}
	return list(out)
}

// intersect returns the strings present in every collection of a flat list
// whose elements are string lists or lists of strings.
func intersect(v value) value {
	var acc []string
	for i, e := range v.l {
		set := stringsOf(e)
		if i == 0 {
			acc = slices.Clone(set)
			continue
		}
		acc = slices.DeleteFunc(acc, func(s string) bool { return !slices.Contains(set, s) })
	}
	return strs(dedupe(acc))
}

// stringsOf reads a collection: a string list, a string, or a list of them.
func stringsOf(v value) []string {
	switch v.k {
	case vStrs:
		return v.ss
	case vStr:
		return []string{v.s}
	case vList:
		var out []string
		for _, e := range v.l {
			out = append(out, stringsOf(e)...)
		}
		return out
	}
	return nil
}

func dedupe(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
