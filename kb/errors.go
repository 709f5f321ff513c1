package kb

import (
	"errors"
	"fmt"
	"time"
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

// VersionConflict is the ECONFLICT of a decision on a claim or provision
// ("what") made on version read when the current one is another (current
// 0: none is stored): see Store.Decide and Decision.Expect. The message
// says what the record now is: its version, status, and who recorded it
// when.
func VersionConflict(what, id string, read, current int, status, by string, at time.Time) *Error {
	if current == 0 {
		return Errorf(ECONFLICT, "%s %q: version %d was read, but the store holds no such %s", what, id, read, what)
	}
	if by == "" {
		by = "(unnamed)"
	}
	return Errorf(ECONFLICT, "%s %q changed since version %d was read: version %d is now %s, recorded by %s at %s",
		what, id, read, current, status, by, at.UTC().Format(time.RFC3339))
}
