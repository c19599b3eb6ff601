package ticket

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"unicode/utf8"
)

// AttributeType is the type of a player attribute, as a rule set declares it
// and as the API's AttributeValue carries it.
type AttributeType uint8

// The four attribute types of FlexMatch.
const (
	TypeNone            AttributeType = iota // no value
	TypeString                               // "string", wire member S
	TypeNumber                               // "number", wire member N
	TypeStringList                           // "string_list", wire member SL
	TypeStringNumberMap                      // "string_number_map", wire member SDM
)

// Limits of AttributeValue from the GameLift API model.
const (
	MaxStringLength  = 100 // S, each SL item and each SDM key: 1..100 characters
	MaxStringList    = 100 // SL items (10 before February 2022)
	MaxStringMapSize = 10  // SDM pairs
	MaxAttributes    = 10  // PlayerAttributes per player
	MaxAttributeKey  = 1024
	MaxPlayerIDLen   = 1024
	MaxLatencyKeyLen = 1024 // region identifiers in LatencyInMs
)

var typeNames = [...]string{"", "string", "number", "string_list", "string_number_map"}
var wireNames = [...]string{"", "S", "N", "SL", "SDM"}
var dataNames = [...]string{"", "STRING", "DOUBLE", "STRING_LIST", "STRING_DOUBLE_MAP"}

// String returns the rule-set spelling of the type ("string", "number",
// "string_list", "string_number_map").
func (t AttributeType) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("AttributeType(%d)", t)
}

// WireName returns the AttributeValue member that carries the type on the
// wire: S, N, SL or SDM.
func (t AttributeType) WireName() string {
	if int(t) < len(wireNames) {
		return wireNames[t]
	}
	return ""
}

// MatchmakerDataName returns the attributeType spelling used in a game
// session's MatchmakerData: STRING, DOUBLE, STRING_LIST or STRING_DOUBLE_MAP.
func (t AttributeType) MatchmakerDataName() string {
	if int(t) < len(dataNames) {
		return dataNames[t]
	}
	return ""
}

// ParseAttributeType parses a rule-set type name. The second result is false
// for anything but the four documented names.
func ParseAttributeType(name string) (AttributeType, bool) {
	for i, n := range typeNames {
		if i > 0 && n == name {
			return AttributeType(i), true
		}
	}
	return TypeNone, false
}

// AttributeTypeNames lists the rule-set spellings of the four types, in
// declaration order.
func AttributeTypeNames() []string { return slices.Clone(typeNames[1:]) }

// AttributeValue is one player attribute: exactly one of S, N, SL or SDM,
// selected by Type.
type AttributeValue struct {
	Type AttributeType
	S    string
	N    float64
	SL   []string
	SDM  map[string]float64
}

// String makes a string attribute value.
func String(s string) AttributeValue { return AttributeValue{Type: TypeString, S: s} }

// Number makes a number attribute value.
func Number(n float64) AttributeValue { return AttributeValue{Type: TypeNumber, N: n} }

// StringList makes a string-list attribute value. Duplicates are dropped,
// keeping the first occurrence, as FlexMatch ignores them.
func StringList(items ...string) AttributeValue {
	return AttributeValue{Type: TypeStringList, SL: dedupe(items)}
}

// StringNumberMap makes a string-to-number map attribute value.
func StringNumberMap(m map[string]float64) AttributeValue {
	return AttributeValue{Type: TypeStringNumberMap, SDM: m}
}

func dedupe(items []string) []string {
	out := make([]string, 0, len(items))
	for _, s := range items {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Clone returns a copy of v that shares no list or map with it.
func (v AttributeValue) Clone() AttributeValue {
	v.SL = slices.Clone(v.SL)
	if v.SDM != nil {
		v.SDM = maps.Clone(v.SDM)
	}
	return v
}

// Normalize returns v with string-list duplicates removed (first occurrence
// kept), which is how FlexMatch reads a string list.
func (v AttributeValue) Normalize() AttributeValue {
	if v.Type == TypeStringList {
		v.SL = dedupe(v.SL)
	}
	return v
}

// Validate checks v against the limits of the API model.
func (v AttributeValue) Validate() error {
	switch v.Type {
	case TypeString:
		return checkString("S", v.S)
	case TypeNumber:
		if math.IsNaN(v.N) || math.IsInf(v.N, 0) {
			return fmt.Errorf("the number (N) must be finite")
		}
	case TypeStringList:
		if len(v.SL) > MaxStringList {
			return fmt.Errorf("SL has %d items, at most %d are allowed", len(v.SL), MaxStringList)
		}
		for i, s := range v.SL {
			if err := checkString(fmt.Sprintf("SL[%d]", i), s); err != nil {
				return err
			}
		}
	case TypeStringNumberMap:
		if len(v.SDM) > MaxStringMapSize {
			return fmt.Errorf("SDM has %d entries, at most %d are allowed", len(v.SDM), MaxStringMapSize)
		}
		for _, k := range v.keys() {
			if err := checkString("SDM key", k); err != nil {
				return err
			}
			if n := v.SDM[k]; math.IsNaN(n) || math.IsInf(n, 0) {
				return fmt.Errorf("SDM[%q] must be a finite number", k)
			}
		}
	default:
		return fmt.Errorf("attribute value has no member set (want one of S, N, SL, SDM)")
	}
	return nil
}

func (v AttributeValue) keys() []string {
	keys := make([]string, 0, len(v.SDM))
	for k := range v.SDM {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func checkString(what, s string) error {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > MaxStringLength {
		return fmt.Errorf("%s must be 1 to %d characters long, got %d", what, MaxStringLength, n)
	}
	return nil
}

// Equal reports whether two values have the same type and content.
func (v AttributeValue) Equal(w AttributeValue) bool {
	if v.Type != w.Type {
		return false
	}
	switch v.Type {
	case TypeString:
		return v.S == w.S
	case TypeNumber:
		return v.N == w.N
	case TypeStringList:
		return slices.Equal(v.SL, w.SL)
	case TypeStringNumberMap:
		if len(v.SDM) != len(w.SDM) {
			return false
		}
		for k, x := range v.SDM {
			if y, ok := w.SDM[k]; !ok || x != y {
				return false
			}
		}
		return true
	}
	return true
}

// String renders the value for messages and logs.
func (v AttributeValue) String() string {
	switch v.Type {
	case TypeString:
		return fmt.Sprintf("%q", v.S)
	case TypeNumber:
		return fmt.Sprint(v.N)
	case TypeStringList:
		return fmt.Sprintf("%q", v.SL)
	case TypeStringNumberMap:
		return fmt.Sprint(v.SDM)
	}
	return "<none>"
}
