package notify

import (
	"context"
	"errors"
)

// Channel delivers messages to one destination. Send returns the remote's
// answer (kept for the admin panel, never containing secrets) and an error
// when the message was not accepted; wrap it with Permanent when retrying
// cannot help.
type Channel interface {
	Name() string
	Send(ctx context.Context, m Message) (answer string, err error)
}

// permanentError is a refusal retrying cannot change (a rejected
// recipient, a revoked key).
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as not worth retrying.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}
