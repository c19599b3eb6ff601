package api

import (
	"github.com/flexsim/flexsim/internal/yamlpos"
)

// yamlReader walks a configuration file's YAML nodes with a
// yamlpos.Reader, collecting every problem with its position in errs,
// never stopping at the first.
type yamlReader struct {
	*yamlpos.Reader
	file string
	errs ConfigErrors
}

// newYAMLReader returns a reader of the configuration file named file.
func newYAMLReader(file string) *yamlReader {
	r := &yamlReader{file: file}
	r.Reader = yamlpos.NewReader(file, func(e *yamlpos.Error) {
		r.errs = append(r.errs, &ConfigError{File: e.File, Line: e.Line, Column: e.Column, Path: e.Path, Msg: e.Msg,
			atLine: e.Line, atCol: e.Column})
	}, yamlpos.Options{NullListIsEmpty: true, TruncateSeconds: true})
	return r
}
