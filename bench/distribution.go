package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Distribution kinds a workload file can name.
const (
	DistConstant    = "constant"    // always Value
	DistUniform     = "uniform"     // Min + (Max-Min)·U(0,1)
	DistNormal      = "normal"      // Mean + StdDev·N(0,1), clamped to Min and Max when given
	DistExponential = "exponential" // Mean·Exp(1), clamped to Min and Max when given
	DistCycle       = "cycle"       // Values in turn: the i-th draw is Values[i mod len]
)

// distKinds lists the kinds in the order error messages give them.
var distKinds = []string{DistConstant, DistUniform, DistNormal, DistExponential, DistCycle}

// Dist is a distribution of numbers: an attribute's values, latencies in
// milliseconds, or delays and waits in seconds. A workload file writes it as
// a mapping ({distribution: normal, mean: 1000, stddev: 200, min: 0}) or as
// a single number (or duration), which is a constant.
type Dist struct {
	// Kind is one of constant, uniform, normal, exponential, cycle.
	Kind string
	// Value is the constant's value.
	Value float64
	// Mean is the mean of a normal or exponential distribution.
	Mean float64
	// StdDev is the standard deviation of a normal distribution (≥ 0).
	StdDev float64
	// Min and Max bound a uniform distribution (both required) and clamp
	// a normal or exponential one (each optional: HasMin, HasMax).
	Min, Max       float64
	HasMin, HasMax bool
	// Values are a cycle's values, drawn in turn.
	Values []float64
	// Round rounds every draw to the nearest multiple of Round (0: no
	// rounding), after clamping.
	Round float64
}

// Constant returns the distribution that is always v.
func Constant(v float64) Dist { return Dist{Kind: DistConstant, Value: v} }

// Sample draws one value. i is the index of the draw among those of this
// distribution (a cycle returns Values[i mod len(Values)]; the other kinds
// ignore it).
func (d *Dist) Sample(rng *rand.Rand, i int) float64 {
	var v float64
	switch d.Kind {
	case DistUniform:
		v = d.Min + (d.Max-d.Min)*rng.Float64()
	case DistNormal:
		v = d.Mean + d.StdDev*rng.NormFloat64()
	case DistExponential:
		v = d.Mean * rng.ExpFloat64()
	case DistCycle:
		if len(d.Values) > 0 {
			v = d.Values[i%len(d.Values)]
		}
	default:
		v = d.Value
	}
	if d.HasMin && v < d.Min {
		v = d.Min
	}
	if d.HasMax && v > d.Max {
		v = d.Max
	}
	if d.Round > 0 {
		v = math.Round(v/d.Round) * d.Round
	}
	return v
}

// String renders the distribution as a workload file would write it.
func (d *Dist) String() string {
	var b strings.Builder
	switch d.Kind {
	case DistUniform:
		fmt.Fprintf(&b, "uniform(%g, %g)", d.Min, d.Max)
	case DistNormal:
		fmt.Fprintf(&b, "normal(mean %g, stddev %g)", d.Mean, d.StdDev)
	case DistExponential:
		fmt.Fprintf(&b, "exponential(mean %g)", d.Mean)
	case DistCycle:
		fmt.Fprintf(&b, "cycle%v", d.Values)
	default:
		return fmt.Sprintf("%g", d.Value)
	}
	if d.Kind != DistUniform && d.HasMin {
		fmt.Fprintf(&b, " min %g", d.Min)
	}
	if d.Kind != DistUniform && d.HasMax {
		fmt.Fprintf(&b, " max %g", d.Max)
	}
	if d.Round > 0 {
		fmt.Fprintf(&b, " round %g", d.Round)
	}
	return b.String()
}

// Weighted is one choice of a categorical distribution with its weight.
type Weighted[T any] struct {
	Value  T
	Weight float64
}

// chooser draws from weighted choices by cumulative weight.
type chooser struct{ cum []float64 }

func newChooser[T any](choices []Weighted[T]) chooser {
	c := chooser{cum: make([]float64, len(choices))}
	total := 0.0
	for i, w := range choices {
		total += w.Weight
		c.cum[i] = total
	}
	for i := range c.cum {
		c.cum[i] /= total
	}
	return c
}

// pick returns the index of a weighted choice.
func (c chooser) pick(rng *rand.Rand) int {
	if len(c.cum) <= 1 {
		return 0
	}
	x := rng.Float64()
	for i, v := range c.cum {
		if x < v {
			return i
		}
	}
	return len(c.cum) - 1
}
