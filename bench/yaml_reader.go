package bench

import "github.com/flexsim/flexsim/internal/yamlpos"

// WorkloadError is one problem in a workload file, at the line and column
// of the offending key or value.
type WorkloadError = yamlpos.Error

// WorkloadErrors is every problem found in a workload file, in file order.
type WorkloadErrors = yamlpos.Errors

// reader walks a workload file's YAML node tree, collecting positioned
// errors in errs.
type reader struct {
	*yamlpos.Reader
	errs WorkloadErrors
}

// newReader returns a reader of the workload file named file.
func newReader(file string) *reader {
	r := &reader{}
	r.Reader = yamlpos.NewReader(file, func(e *WorkloadError) { r.errs = append(r.errs, e) }, yamlpos.Options{})
	return r
}

// sorted returns the errors in file order (stable for equal positions).
func (r *reader) sorted() WorkloadErrors {
	r.errs.Sort()
	return r.errs
}

// field is a key a mapping may hold and how to read its value.
type field = yamlpos.Field
