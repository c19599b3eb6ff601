package propexpr

import (
	"fmt"
	"strings"
)

// Suggest returns the candidate closest to s by edit distance, if it is
// close enough to be a likely typo, and "" otherwise.
func Suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+2
	for _, c := range candidates {
		d := distance(s, c)
		if len(s) >= 4 && c != s && (strings.HasPrefix(c, s) || strings.HasPrefix(s, c)) {
			// A shortened or lengthened name (waitTime for waitTimeSeconds)
			// is closer than its edit distance says.
			d = min(d, max(1, abs(len(c)-len(s))/3))
		}
		if d < bestD && d > 0 {
			best, bestD = c, d
		}
	}
	return best
}

func suggest(s string, candidates []string) string {
	if m := Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// distance is the Levenshtein distance, case-insensitive for letters.
func distance(a, b string) int {
	lower := func(c rune) rune {
		if c >= 'A' && c <= 'Z' {
			return c + 32
		}
		return c
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if lower(ra[i-1]) == lower(rb[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	d := prev[len(rb)]
	if d == 0 && a != b {
		return 1 // differs only in case
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
