package engine

import (
	"errors"
	"fmt"
)

// The GameLift error codes the engine returns. Each is the __type of the
// AWS error of that name.
const (
	CodeInvalidRequest    = "InvalidRequestException"
	CodeNotFound          = "NotFoundException"
	CodeLimitExceeded     = "LimitExceededException"
	CodeInternalService   = "InternalServiceException"
	CodeUnsupportedRegion = "UnsupportedRegionException"
	CodeTaggingFailed     = "TaggingFailedException"

	// Codes of the game session and placement operations.
	CodeConflict                    = "ConflictException"
	CodeTerminalRoutingStrategy     = "TerminalRoutingStrategyException"
	CodeGameSessionFull             = "GameSessionFullException"
	CodeInvalidGameSessionStatus    = "InvalidGameSessionStatusException"
	CodeInvalidFleetStatus          = "InvalidFleetStatusException"
	CodeFleetCapacityExceeded       = "FleetCapacityExceededException"
	CodeIdempotentParameterMismatch = "IdempotentParameterMismatchException"
)

// Error is a GameLift service error: Code is the AWS error type, such as
// InvalidRequestException, and Message says what was wrong.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is makes errors.Is match any *Error with the same Code, so callers can
// test errors.Is(err, engine.ErrNotFound).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Message == "" || t.Message == e.Message)
}

// Sentinels for errors.Is: they match every error of their code.
var (
	ErrInvalidRequest    = &Error{Code: CodeInvalidRequest}
	ErrNotFound          = &Error{Code: CodeNotFound}
	ErrLimitExceeded     = &Error{Code: CodeLimitExceeded}
	ErrInternalService   = &Error{Code: CodeInternalService}
	ErrUnsupportedRegion = &Error{Code: CodeUnsupportedRegion}
)

// ErrorCode returns the AWS error type of err, or "" if err is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func invalid(format string, args ...any) error {
	return &Error{Code: CodeInvalidRequest, Message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

func limitExceeded(format string, args ...any) error {
	return &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf(format, args...)}
}
