package kb

import (
	"errors"
	"fmt"
)

// Error codes, mapped to exit statuses and HTTP statuses in one place each
// (cmd/treatyline and server).
const (
	EINVALID  = "invalid"   // the input is malformed or breaks a rule
	ENOTFOUND = "not_found" // no such source, entity or claim
	ECONFLICT = "conflict"  // the input contradicts what is stored (a changed source under an old id)
	EINTERNAL = "internal"  // anything else
)

// Error is a domain error: a code and a message for people.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf makes a domain error.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode gives the code of an error: the Code of a wrapped *Error, or
// EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}
