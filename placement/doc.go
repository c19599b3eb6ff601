// Package placement is GameLift's hosting side, simulated: fleets with
// locations and capacity, aliases, game sessions and player sessions, game
// session queues with player latency policies, and game session placements.
//
// A Service holds all of it for one region and account. It runs its own tick
// on the same injectable clock as the engine: every tick it times out
// reserved player sessions, ends the game sessions TerminateGameSession
// left TERMINATING, retries pending placements in the order they started,
// and times them out. It implements engine.Placer, so a WITH_QUEUE
// matchmaking configuration places its matches through it:
//
//	clock := engine.NewVirtualClock(start)
//	hosting := placement.New(placement.WithClock(clock))
//	mm := engine.New(engine.WithClock(clock), engine.WithPlacer(hosting))
//
// A placement is PENDING when it starts and is first tried at the Service's
// next tick; the engine's WITH_QUEUE tickets therefore spend one tick in
// PLACING when capacity is free. Each try orders the queue's (destination,
// location) pairs by the latency policy in force and the priority order
// (PlacementPlan shows the ordering) and takes the first with a free server
// process.
//
// Each GameLift operation is a Service method with the operation's input and
// output fields and errors of the AWS types (*engine.Error). The simulated
// game server's side (PlayerConnected, PlayerLeft, EndGameSession) is plain
// Go.
package placement
