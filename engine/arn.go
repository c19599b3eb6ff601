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
	namePattern = regexp.MustCompile(`^[a-zA-Z0-9-\.]*$`)
	queueArn    = regexp.MustCompile(`^[a-zA-Z0-9:/-]+$`)
	notifyPat   = regexp.MustCompile(`^[a-zA-Z0-9:_/-]*(\.fifo)?$`)
	ticketIDPat = namePattern
)
