package api

import "testing"

// TestNewOperationsJournaled checks which of the tag, fleet location and
// termination operations the journal records: those that change the state.
func TestNewOperationsJournaled(t *testing.T) {
	ops := operations(true)
	for name, want := range map[string]bool{
		"TagResource": true, "UntagResource": true, "TerminateGameSession": true, "DeleteFleetLocations": true,
		"ListTagsForResource": false, "ListFleets": false, "DescribeFleetLocationAttributes": false,
	} {
		o, ok := ops[name]
		if !ok {
			t.Errorf("%s is not in the operation table", name)
			continue
		}
		if o.mutates != want {
			t.Errorf("%s: mutates = %v, want %v", name, o.mutates, want)
		}
	}
	noHosting := operations(false)
	for _, name := range []string{"TagResource", "UntagResource", "ListTagsForResource"} {
		if _, ok := noHosting[name]; !ok {
			t.Errorf("%s is missing from the table of a server without hosting", name)
		}
	}
	if _, ok := noHosting["TerminateGameSession"]; ok {
		t.Error("TerminateGameSession is in the table of a server without hosting")
	}
}
