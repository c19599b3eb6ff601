// Package api is flexsim's GameLift endpoint: an http.Handler that serves
// the matchmaking operations of an engine.Engine and the hosting operations
// of a placement.Service to unchanged AWS SDKs and the AWS CLI.
//
// It owns the wire: one operation table (operation name to typed handler)
// and two codecs over it,
//
//   - AWS JSON 1.1: POST / with X-Amz-Target: GameLift.<Operation>,
//     PascalCase JSON bodies, timestamps as epoch seconds, errors as
//     {"__type", "message", "Message"}; boto3 and the AWS CLI speak it;
//   - Smithy RPC v2 CBOR: POST /service/GameLift/operation/<Operation>,
//     CBOR bodies, timestamps as CBOR tag 1 epoch seconds, and the
//     smithy-protocol: rpc-v2-cbor header on every answer; the AWS SDK for
//     Go v2 (service/gamelift v1.53 and later) speaks only it,
//
// the wire types (DTOs named and shaped as in the GameLift API model, kept
// apart from the engine's and placement's Go types, with conversions both
// ways), the mapping of *engine.Error codes to HTTP statuses, and the
// operator endpoints: POST /_flexsim/clock/advance on a virtual clock,
// GET /_flexsim/health, GET /metrics, the game-server endpoints, the event
// log (GET /_flexsim/events, long-polled, and the Server-Sent Events stream
// /_flexsim/events/stream), GET /_flexsim/status and the web page at /.
//
// Around the endpoint it owns what makes a whole local GameLift: the
// configuration file (LoadConfig, ApplyConfig: resources created through
// the same operations), the EventLog that merges matchmaking and placement
// events under one sequence, the Sinks that deliver it in the SNS format,
// and OpenLocal, which builds engine, placement, log, sinks and endpoint on
// one clock and, with a data directory, keeps the state in a journal of
// every change that a restart replays.
//
// It holds no matchmaking or hosting state of its own: every operation is a
// call to the engine or the placement service.
package api
