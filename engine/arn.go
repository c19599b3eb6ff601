package engine

import (
	"regexp"
	"strings"
)

// ARN resource types.
const (
	arnConfiguration = "matchmakingconfiguration"
	arnRuleSet       = "matchmakingruleset"
)

func (e *Engine) arn(kind, name string) string {
	return "arn:aws:gamelift:" + e.opts.region + ":" + e.opts.account + ":" + kind + "/" + name
}

// resourceName returns the name in a name-or-ARN field: the part after the
// last slash of an ARN, or the value itself.
func resourceName(nameOrArn string) string {
	if strings.HasPrefix(nameOrArn, "arn:") {
		if i := strings.LastIndexByte(nameOrArn, '/'); i >= 0 {
			return nameOrArn[i+1:]
		}
	}
	return nameOrArn
}

var (
	queueArn  = regexp.MustCompile(`^[a-zA-Z0-9:/-]+$`)
	notifyPat = regexp.MustCompile(`^[a-zA-Z0-9:_/-]*(\.fifo)?$`)
)

// isName reports whether s holds only letters, digits, '-' and '.', as
// names and ticket IDs must (the pattern [a-zA-Z0-9-\.]*; a loop, not a
// regular expression, because every StartMatchmaking checks one).
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
