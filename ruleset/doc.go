// Package ruleset reads, validates and compiles FlexMatch rule sets.
//
// The pipeline has three stages, each in its own files:
//
//   - Reading (source.go): comments are blanked out (FlexMatch's own samples
//     carry them, so they are accepted with a warning), then encoding/json's
//     tokenizer checks the body is well-formed with no duplicate keys.
//     Values and their byte offsets are then read with gjson.
//   - Validation (check*.go): every key, type, enum, limit and cross
//     reference of the rule-set language is checked, and every problem is
//     reported with its file, line, column and JSON pointer, in an
//     ErrorList, not only the first one. Lint warnings (lint.go) flag what
//     FlexMatch accepts but is almost certainly a mistake.
//   - Compilation (compile*.go, eval*.go): the result is a *RuleSet whose
//     rules are Go closures over a candidate Match, with expansions
//     resolved into Limits per ticket age, so the engine never reads JSON
//     again. Property expressions are parsed by package propexpr.
//
// The engine prepares each ticket once with RuleSet.NewParty (attributes
// resolved by index, defaults applied, party aggregates precomputed), builds
// candidate matches out of parties, and asks each Rule to Evaluate them.
package ruleset
