// Command flexsim is the FlexMatch matchmaking simulator's command line.
//
//	flexsim validate [--json] [--strict] [--request-timeout D] FILE...
//
// validate checks rule-set files as GameLift's ValidateMatchmakingRuleSet
// would, printing every problem as file:line:column: JSON-pointer: message,
// and lint warnings for what FlexMatch accepts but is likely a mistake. Exit
// status: 0 valid, 1 invalid, 2 usage or I/O error. See the README.
package main
