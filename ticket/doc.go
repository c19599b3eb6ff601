// Package ticket holds the data every other flexsim package shares: players,
// their attribute values (the four FlexMatch types S, N, SL and SDM), the
// statuses a matchmaking ticket moves through, and the ticket itself.
//
// It is the leaf of the import graph: it depends on nothing else in flexsim.
// Values are validated here against the limits of the GameLift API model
// (string lengths, list and map sizes, players per ticket), so that the
// engine and the API adapter enforce them in one place.
package ticket
