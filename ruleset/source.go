package ruleset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"
)

// source is a rule-set body prepared for reading: comments blanked out with
// spaces so that every byte offset still points at the same line and column.
type source struct {
	name  string
	raw   []byte
	text  []byte // raw with comments replaced by blanks
	lines []int  // byte offset of the start of each line
}

func newSource(name string, raw []byte) *source {
	s := &source{name: name, raw: raw, lines: []int{0}}
	for i, c := range raw {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// pos converts a byte offset into a Position.
func (s *source) pos(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(s.raw) {
		off = len(s.raw)
	}
	line := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off })
	start := s.lines[line-1]
	col := utf8.RuneCount(s.raw[start:off]) + 1
	return Position{Filename: s.name, Offset: off, Line: line, Column: col}
}

// comment is a comment found in the body.
type comment struct{ start, end int }

// stripComments blanks out // and /* */ comments outside strings. It returns
// the comments found and the offset of an unterminated block comment (-1 if
// there is none).
func stripComments(raw []byte) (text []byte, found []comment, unterminated int) {
	text = bytes.Clone(raw)
	unterminated = -1
	inString := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
			continue
		}
		if c != '/' || i+1 >= len(text) {
			continue
		}
		start := i
		switch text[i+1] {
		case '/':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case '*':
			end := bytes.Index(text[i+2:], []byte("*/"))
			if end < 0 {
				return text, found, start
			}
			i += 2 + end + 2
		default:
			continue
		}
		for j := start; j < i; j++ {
			if text[j] != '\n' && text[j] != '\r' {
				text[j] = ' '
			}
		}
		found = append(found, comment{start, i})
		i--
	}
	return text, found, -1
}

// checkWellFormed verifies that text is exactly one well-formed JSON value,
// using encoding/json (gjson does not validate). It returns the problem,
// positioned.
func checkWellFormed(text []byte) (off int, err error) {
	var v json.RawMessage // validates the syntax without converting numbers
	if err := json.Unmarshal(text, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset)
			if off > 0 && off <= len(text) {
				off-- // the offset counts the offending byte itself
			}
			return off, fmt.Errorf("invalid JSON: %s", se.Error())
		}
		return 0, fmt.Errorf("invalid JSON: %v", err)
	}
	return -1, nil
}

// duplicate is a key an object holds more than once.
type duplicate struct {
	off  int
	key  string
	path string // JSON pointer of the repeated member
}

// duplicateKeys walks the token stream of well-formed JSON and returns
// every repeated key (each repetition after the first).
func duplicateKeys(text []byte) []duplicate {
	type frame struct {
		path   string
		object bool
		keys   map[string]bool
		key    string // the member being read (objects)
		index  int    // the next element (arrays)
		inKey  bool   // an object expecting a key
	}
	var dups []duplicate
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(text))
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil { // io.EOF, or nothing more to read in checked JSON
			return dups
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.inKey {
			if key, ok := tok.(string); ok {
				if top.keys[key] {
					dups = append(dups, duplicate{skipSpace(text, before), key, top.path + "/" + escapePointer(key)})
				}
				top.keys[key], top.key, top.inKey = true, key, false
				continue
			}
		}
		// tok is a value (or a closing delimiter): work out its path.
		path := ""
		if top != nil {
			if top.object {
				path = top.path + "/" + escapePointer(top.key)
				top.inKey = true
			} else {
				path = top.path + "/" + strconv.Itoa(top.index)
				top.index++
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{path: path, object: true, keys: map[string]bool{}, inKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{path: path})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

func skipSpace(text []byte, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == ',' || text[i] == ':') {
		i++
	}
	return i
}
