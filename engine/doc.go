// Package engine is the FlexMatch matchmaker: rule sets and matchmaking
// configurations, a ticket pool per configuration, and the tick loop that
// forms matches on an injectable clock.
//
// Each GameLift matchmaking operation is an Engine method with the
// operation's input and output fields and errors of the AWS types (*Error
// with Code InvalidRequestException, NotFoundException, ...):
//
//	clock := engine.NewVirtualClock(start)
//	mm := engine.New(engine.WithClock(clock), engine.WithSeed(1))
//	mm.CreateMatchmakingRuleSet(ctx, &engine.CreateMatchmakingRuleSetInput{...})
//	mm.CreateMatchmakingConfiguration(ctx, &engine.CreateMatchmakingConfigurationInput{...})
//	mm.StartMatchmaking(ctx, &engine.StartMatchmakingInput{...})
//	clock.Advance(30 * time.Second) // runs every tick that falls due, in order
//	mm.DescribeMatchmaking(ctx, &engine.DescribeMatchmakingInput{...})
//	for _, ev := range mm.Events() { ... }
//
// # The tick
//
// Every tick interval (1 s by default) the engine visits the configurations
// in name order and, for each: times out tickets whose request timeout has
// passed and matches whose acceptance timeout has passed; moves QUEUED
// tickets to SEARCHING; partitions the pool by string batchDistance values
// (and into batches of WithMaxBatchSize, shuffled or sorted per
// batchingPreference); and builds matches in each batch, oldest ticket first.
//
// # Small matches
//
// Around each anchor (the oldest ticket not yet matched) the search takes
// candidates oldest first, or in the order of the rule set's sort rules, and
// tries them on the teams in the documented order (teams below minPlayers,
// then most open slots, then definition order). It backtracks: when a
// placement leads nowhere it tries the ticket on another team, then the next
// candidate, up to a budget of rule evaluations per anchor (WithSearchBudget).
// Rules whose failure no later ticket can repair (ruleset.Rule.Prunable)
// prune the search as tickets join; every rule is checked on the complete
// match. When the rule set has rules of the other kind, the budget is spent
// in three rounds: a strict search that also rejects tickets on which such
// a rule fails mid-build, the search proper, and repairs that leave out one
// ticket of the first complete match the final check rejected. A numeric batchDistance or spread-bounding distance rule indexes
// the batch by value, so only tickets inside the rule's window are ever
// looked at, and a latency rule drops candidates sharing no acceptable region
// with the anchor before any rule runs.
//
// # Large matches
//
// Large rule sets use the balanced algorithm: the batch is sorted by the
// batchDistance attribute (or the balanced attribute), grouped by fastest
// region for fastestRegion; each anchor takes its nearest neighbours by value
// while the spread and a common region allow, the documented fill order sets
// the team sizes and the post-match balancing deals tickets, highest
// balanced value first, to the team with the lowest total.
//
// # Backfill
//
// StartMatchBackfill puts a backfill ticket in the pool: the game's current
// players, each with their team. A backfill ticket is only ever the anchor
// of its match, so a match holds at most one; its players stay on their
// teams, new tickets fill the open slots (full maxPlayers: the slots
// AdditionalPlayerCount kept open are the ones backfill fills), and a match
// needs at least one new ticket. backfillPriority orders the anchors: high
// takes backfill tickets first, low after every other ticket, normal by age
// like the rest; large rule sets always take them first. Only the new
// players are asked to accept. With a game session (WITH_QUEUE) the new
// players join it through the Placer, which also receives the new
// MatchmakerData; the session has one backfill ticket at a time, a new one
// cancelling the one before. With BackfillMode AUTOMATIC, the engine starts
// a backfill ticket (the ID the MatchmakerData names) when a placed session
// has open slots, and again after each backfill while slots remain;
// StopMatchmaking on that ticket ends it.
//
// # Events and metrics
//
// The eight matchmaking events are recorded in the documented envelope, in a
// deterministic order, and kept in a log (Events, EventsAfter, WaitEvents)
// or handed to WithEventHandler. Prometheus metrics are registered on the
// registerer given to WithRegisterer. Explain tells why a ticket has not
// matched.
//
// The rule counts (Status, Explain, and the ruleEvaluationMetrics of a
// ticket that ends unmatched) are the rule evaluations, the small search's
// comparisons of region masks for the latency rule among them, plus one
// failure of a rule, for the anchor, per candidate the rule kept out of a
// search without being evaluated on it: outside a distance rule's window
// or beyond the spread a large match allows, in another partition of a
// string batchDistance rule, with no acceptable region at all, or passed
// over by the large search for sharing no region with the tickets taken.
// A ticket with no acceptable region at all, or whose players do not share
// a string batchDistance value, is never searched from: once a tick, it
// counts every other candidate not yet matched as a failure of that rule.
// Those failures are not in a match's own counts.
package engine
