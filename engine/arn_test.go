package engine

import (
	"regexp"
	"testing"
)

// TestIsNameMatchesThePattern checks isName against the pattern it stands
// for, on every string of up to two bytes from an alphabet of the allowed
// kinds, their neighbours in ASCII and non-ASCII bytes.
func TestIsNameMatchesThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-zA-Z0-9-\.]*$`)
	alphabet := []byte("aAzZ09-._/:@[`{ \x00\x7f\xc3\xa9")
	check := func(s string) {
		if got, want := isName(s), pattern.MatchString(s); got != want {
			t.Errorf("isName(%q) = %v, want %v", s, got, want)
		}
	}
	check("")
	for _, a := range alphabet {
		check(string(a))
		for _, b := range alphabet {
			check(string([]byte{a, b}))
		}
	}
	check("ticket-1.retry")
	check("é")
}
