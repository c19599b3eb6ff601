package ruleset

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/flexsim/flexsim/ruleset/propexpr"
)

// Config sets how a rule set is read.
type Config struct {
	// Filename names the body in positions ("" for none).
	Filename string
	// RequestTimeout is the matchmaking request timeout the lint checks
	// assume, for example to flag expansion steps that no ticket lives long
	// enough to reach. Zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
}

// DefaultRequestTimeout is the request timeout lint checks assume when the
// Config does not give one.
const DefaultRequestTimeout = 300 * time.Second

// Parse reads, validates and compiles a rule-set body with the default
// Config. See Config.Parse.
func Parse(filename string, body []byte) (*RuleSet, ErrorList) {
	return Config{Filename: filename}.Parse(body)
}

// MustParse is Parse for bodies known to be valid, such as embedded
// defaults and test fixtures. It panics on an error.
func MustParse(body string) *RuleSet {
	rs, errs := Parse("", []byte(body))
	if err := errs.Err(); err != nil {
		panic("ruleset.MustParse: " + err.Error())
	}
	return rs
}

// Parse reads, validates and compiles a rule-set body. It returns every
// finding, errors and warnings, sorted by position. The rule set is nil
// when there is any error.
func (c Config) Parse(body []byte) (*RuleSet, ErrorList) {
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	k := &checker{src: newSource(c.Filename, body), cfg: c}
	rs := k.run()
	k.errs.Sort()
	if len(k.errs.Errors()) > 0 {
		return nil, k.errs
	}
	return rs, k.errs
}

// checker validates a body and builds the RuleSet as it goes.
type checker struct {
	src  *source
	cfg  Config
	errs ErrorList
	rs   *RuleSet
}

// node is a JSON value with its JSON pointer and byte offset.
type node struct {
	r    gjson.Result
	path string
	off  int
}

func (k *checker) report(sev Severity, off int, path, format string, args ...any) {
	k.errs = append(k.errs, &Error{Pos: k.src.pos(off), Path: path, Msg: fmt.Sprintf(format, args...), Severity: sev})
}

func (k *checker) errorf(n node, format string, args ...any) {
	k.report(SeverityError, n.off, n.path, format, args...)
}

func (k *checker) warnf(n node, format string, args ...any) {
	k.report(SeverityWarning, n.off, n.path, format, args...)
}

func (k *checker) run() *RuleSet {
	raw := k.src.raw
	root := node{path: "", off: 0}
	if n := utf8.RuneCount(raw); n > MaxBodyLength {
		k.errorf(root, "rule set body is %d characters long; at most %d are allowed", n, MaxBodyLength)
	}
	if len(strings.TrimSpace(string(raw))) == 0 {
		k.errorf(root, "rule set body is empty")
		return nil
	}
	text, comments, unterminated := stripComments(raw)
	if bytes.HasPrefix(text, utf8BOM) {
		copy(text, "   ") // keep offsets; encoding/json rejects a byte-order mark
		k.report(SeverityWarning, 0, "", "the body starts with a UTF-8 byte-order mark; it is ignored")
	}
	for _, cm := range comments {
		k.report(SeverityWarning, cm.start, "", "comment: the GameLift API reference does not allow comments in rule-set JSON (AWS has deployed bodies with // comments, but remove them to be safe)")
	}
	if unterminated >= 0 {
		k.report(SeverityError, unterminated, "", "unterminated /* comment")
		return nil
	}
	k.src.text = text
	if off, err := checkWellFormed(text); err != nil {
		k.report(SeverityError, off, "", "%s", err.Error())
		return nil
	}
	for _, d := range duplicateKeys(text) {
		k.report(SeverityWarning, d.off, d.path, "duplicate key %q: the last value is used, as AWS's JSON reader does, and the earlier ones are ignored", d.key)
	}
	base := 0
	for base < len(text) && (text[base] == ' ' || text[base] == '\t' || text[base] == '\n' || text[base] == '\r') {
		base++
	}
	root.r = gjson.ParseBytes(text[base:])
	root.off = base
	if !root.r.IsObject() {
		k.errorf(root, "a rule set must be a JSON object, got %s", kindOf(root.r))
		return nil
	}
	return k.ruleSet(root)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

var topLevelKeys = []string{"name", "description", "ruleLanguageVersion", "playerAttributes", "algorithm", "teams", "rules", "expansions"}

func (k *checker) ruleSet(root node) *RuleSet {
	rs := &RuleSet{attrs: map[string]*Attribute{}, rules: map[string]*Rule{}, teams: map[string]*TeamDef{}}
	k.rs = rs
	f := k.fields(root, "the rule set", topLevelKeys)
	if n, ok := f["name"]; ok {
		rs.Name, _ = k.str(n)
	}
	if n, ok := f["description"]; ok {
		k.str(n)
	}
	if n, ok := k.required(f, root, "ruleLanguageVersion"); ok {
		if v, ok := k.str(n); ok && v != LanguageVersion {
			k.errorf(n, "unsupported ruleLanguageVersion %q (want %q)", v, LanguageVersion)
		}
	}
	k.attributes(f["playerAttributes"])
	if n, ok := k.required(f, root, "teams"); ok {
		k.teamDefs(n)
	}
	k.algorithm(f["algorithm"], root)
	k.rules(f["rules"])
	k.expansions(f["expansions"])
	if len(k.errs.Errors()) > 0 {
		return nil
	}
	rs.compile()
	rs.buildStages()
	k.lint()
	return rs
}

// child makes the node for an object member or array element.
func child(parent node, key string, r gjson.Result, base int) node {
	return node{r: r, path: parent.path + "/" + escapePointer(key), off: base + r.Index}
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// escapePointer escapes a key for use in a JSON pointer (RFC 6901).
func escapePointer(s string) string { return pointerEscaper.Replace(s) }

// fields checks that n is an object with only the allowed keys and returns
// its members by key. Of duplicate keys the last one wins (gjson would keep
// the first).
func (k *checker) fields(n node, what string, allowed []string) map[string]node {
	if !n.r.IsObject() {
		k.errorf(n, "%s must be an object, got %s", what, kindOf(n.r))
		return nil
	}
	out := map[string]node{}
	base := n.off - n.r.Index
	n.r.ForEach(func(key, value gjson.Result) bool {
		c := child(n, key.Str, value, base)
		known := false
		for _, a := range allowed {
			known = known || a == key.Str
		}
		_, dup := out[key.Str]
		switch {
		case !known && !dup:
			at := node{path: c.path, off: base + key.Index}
			k.errorf(at, "unknown key %q in %s%s", key.Str, what, didYouMean(key.Str, allowed))
		case known:
			out[key.Str] = c
		}
		return true
	})
	return out
}

// elements checks that n is an array and returns its elements.
func (k *checker) elements(n node, what string) ([]node, bool) {
	if !n.r.IsArray() {
		k.errorf(n, "%s must be an array, got %s", what, kindOf(n.r))
		return nil, false
	}
	var out []node
	base := n.off - n.r.Index
	i := 0
	n.r.ForEach(func(_, value gjson.Result) bool {
		out = append(out, child(n, strconv.Itoa(i), value, base))
		i++
		return true
	})
	return out, true
}

func (k *checker) required(f map[string]node, parent node, key string) (node, bool) {
	if f == nil {
		return node{}, false
	}
	n, ok := f[key]
	if !ok {
		k.errorf(parent, "missing required key %q", key)
	}
	return n, ok
}

func (k *checker) str(n node) (string, bool) {
	if n.r.Type != gjson.String {
		k.errorf(n, "must be a string, got %s", kindOf(n.r))
		return "", false
	}
	return n.r.Str, true
}

// name reads a required non-empty string used as an identifier.
func (k *checker) name(n node) (string, bool) {
	s, ok := k.str(n)
	if ok && strings.TrimSpace(s) == "" {
		k.errorf(n, "must not be empty")
		return "", false
	}
	return s, ok
}

// number reads a JSON number or a string holding one (AWS's own examples
// write "maxDistance": "500").
func (k *checker) number(n node) (float64, bool) {
	var v float64
	switch n.r.Type {
	case gjson.Number:
		v = n.r.Num
	case gjson.String:
		f, err := strconv.ParseFloat(strings.TrimSpace(n.r.Str), 64)
		if err != nil {
			k.errorf(n, "must be a number, got the string %q", n.r.Str)
			return 0, false
		}
		v = f
	default:
		k.errorf(n, "must be a number, got %s", kindOf(n.r))
		return 0, false
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		k.errorf(n, "must be a finite number")
		return 0, false
	}
	return v, true
}

func (k *checker) nonNegative(n node) (float64, bool) {
	v, ok := k.number(n)
	if ok && v < 0 {
		k.errorf(n, "must not be negative, got %v", v)
		return 0, false
	}
	return v, ok
}

func (k *checker) integer(n node, lo, hi int) (int, bool) {
	v, ok := k.number(n)
	if !ok {
		return 0, false
	}
	if v != math.Trunc(v) {
		k.errorf(n, "must be a whole number, got %v", v)
		return 0, false
	}
	if v < float64(lo) || v > float64(hi) {
		k.errorf(n, "must be between %d and %d, got %v", lo, hi, v)
		return 0, false
	}
	return int(v), true
}

// enum reads a string that must be one of the allowed values.
func (k *checker) enum(n node, what string, allowed []string) (string, bool) {
	s, ok := k.str(n)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	k.errorf(n, "unsupported %s %q (want one of %s)%s", what, s, strings.Join(allowed, ", "), didYouMean(s, allowed))
	return "", false
}

func didYouMean(s string, candidates []string) string {
	if m := propexpr.Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

func kindOf(r gjson.Result) string {
	switch {
	case r.IsObject():
		return "an object"
	case r.IsArray():
		return "an array"
	}
	switch r.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	return "nothing"
}

// inString returns the node pointing at byte i of a string node's content,
// when the JSON text has no escapes (so offsets line up), else the string.
func inString(n node, i int) node {
	if n.r.Type == gjson.String && len(n.r.Raw) == len(n.r.Str)+2 {
		n.off += 1 + i
	}
	return n
}

// lastMember returns the last value of an object member, as fields does.
func lastMember(obj gjson.Result, key string) gjson.Result {
	var out gjson.Result
	obj.ForEach(func(k, v gjson.Result) bool {
		if k.Str == key {
			out = v
		}
		return true
	})
	return out
}
