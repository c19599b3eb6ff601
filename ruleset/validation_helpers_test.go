package ruleset_test

import (
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/ruleset"
)

func ageSeconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// findFinding returns the first finding of the given severity whose Path is
// exactly path and whose message contains msg, or nil.
func findFinding(errs ruleset.ErrorList, sev ruleset.Severity, path, msg string) *ruleset.Error {
	for _, e := range errs {
		if e.Severity == sev && e.Path == path && strings.Contains(e.Msg, msg) {
			return e
		}
	}
	return nil
}

// dumpFindings lists findings one a line for failure messages.
func dumpFindings(errs ruleset.ErrorList) string {
	if len(errs) == 0 {
		return "\t(no findings)"
	}
	var b strings.Builder
	for _, e := range errs {
		b.WriteString("\t")
		b.WriteString(e.Severity.String())
		b.WriteString(" ")
		b.WriteString(e.Error())
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// checkSorted fails unless the findings are in position order.
func checkSorted(t *testing.T, errs ruleset.ErrorList) {
	t.Helper()
	for i := 1; i < len(errs); i++ {
		if errs[i].Pos.Offset < errs[i-1].Pos.Offset {
			t.Errorf("findings not sorted by position:\n%s", dumpFindings(errs))
			return
		}
	}
}
