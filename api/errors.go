package api

import (
	"errors"
	"net/http"

	"github.com/flexsim/flexsim/engine"
)

// Error codes the API layer itself raises, besides the engine's.
const (
	CodeUnknownOperation = "UnknownOperationException"
	CodeSerialization    = "SerializationException"
)

// errorBody is the error document of both protocols. Both spellings of the
// message are sent: botocore reads "message", the Go SDK "Message".
type errorBody struct {
	Type     string `json:"__type"`
	Message  string `json:"message"`
	Message2 string `json:"Message"`
}

// wireError converts any error to an AWS error code and message. Errors
// that are not *engine.Error are internal faults.
func wireError(err error) (code, msg string, status int) {
	var e *engine.Error
	if !errors.As(err, &e) {
		return engine.CodeInternalService, err.Error(), http.StatusInternalServerError
	}
	code = e.Code
	if code == "" {
		code = engine.CodeInternalService
	}
	return code, e.Message, statusOf(code)
}

// statusOf is the HTTP status of an error code: 500 for the service's
// faults, 400 for every client error.
func statusOf(code string) int {
	if code == engine.CodeInternalService {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

func invalid(msg string) error {
	return &engine.Error{Code: engine.CodeInvalidRequest, Message: msg}
}
