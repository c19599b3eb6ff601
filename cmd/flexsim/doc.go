// Command flexsim is the FlexMatch matchmaking simulator's command line.
//
//	flexsim validate [--json] [--strict] [--request-timeout D] FILE...
//	flexsim simulate [--ruleset FILE] [--workload FILE] [--duration D] [--seed N]
//	                 [--out FILE] [--html FILE] [--trace FILE] [--compare A,B,...] [--format text|json]
//
// validate checks rule-set files as GameLift's ValidateMatchmakingRuleSet
// would, printing every problem as file:line:column: JSON-pointer: message,
// and lint warnings for what FlexMatch accepts but is likely a mistake. Exit
// status: 0 valid, 1 invalid, 2 usage or I/O error.
//
// simulate runs a rule set against a workload of synthetic players (a YAML
// file; by default the embedded 5v5 skill game) in virtual time and
// reports waits, match quality, timeouts, cancellations, rule and
// expansion statistics as a table, JSON or a self-contained HTML page;
// --compare runs several rule sets or configuration variants on the same
// players. Exit status: 0 done, 1 invalid input, 2 usage or I/O error.
// See the README.
package main
