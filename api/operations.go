package api

// operations is the operation table both codecs serve: GameLift operation
// name to handler. The hosting operations are in it only when there is a
// placement service; the tag operations always are (without hosting they
// find only rule sets and configurations).
func operations(hosting bool) map[string]operation {
	t := map[string]operation{}
	matchmakingOps(t)
	tagOps(t)
	if hosting {
		placementOps(t)
		lifecycleOps(t)
	}
	for name, o := range t {
		o.mutates, o.metrics = mutates(name), new(opMetrics)
		t[name] = o
	}
	return t
}
