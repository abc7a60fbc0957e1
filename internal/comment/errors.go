package comment

import (
	"errors"
	"fmt"
	"time"
)

// RetryAfter is the wait presenters ask for (Retry-After) when they
// answer ErrUnavailable: long enough for a lock to clear or space to be
// freed, short enough that a reader's retry still feels like one.
const RetryAfter = 30 * time.Second

// Sentinel errors the presenters map to their own responses.
var (
	ErrNotFound  = errors.New("comment: not found")
	ErrForbidden = errors.New("comment: not allowed")
	// ErrEditWindowClosed: the author's token is valid in form but its
	// window has passed.
	ErrEditWindowClosed = errors.New("comment: edit window closed")
	// ErrUnavailable: the storage refuses writes for now (full disk,
	// read-only or locked database); the same request may pass later.
	// Presenters answer 503 with Retry-After.
	ErrUnavailable = errors.New("comment: storage unavailable, try again later")
)

// InvalidError is input the rules refuse. Code is stable for translations;
// Message is Isso's English text, which Isso clients may show.
type InvalidError struct {
	Field   string
	Code    string
	Message string
}

func (e *InvalidError) Error() string { return "comment: invalid input: " + e.Message }

func invalid(field, code, msg string) error {
	return &InvalidError{Field: field, Code: code, Message: msg}
}

// GuardKind names a rule of the spam guard; presenters translate it.
type GuardKind string

// The guard's rules.
const (
	GuardRateLimit      GuardKind = "ratelimit"
	GuardDirectReply    GuardKind = "direct_reply"
	GuardReplyToSelf    GuardKind = "reply_to_self"
	GuardEmailRequired  GuardKind = "email_required"
	GuardAuthorRequired GuardKind = "author_required"
)

// GuardError is a refusal by the spam guard (Isso answers 403).
type GuardError struct {
	Code   GuardKind
	Reason string // Isso's text
}

func (e *GuardError) Error() string { return "comment: refused: " + e.Reason }

func refuse(code GuardKind, format string, args ...any) error {
	return &GuardError{Code: code, Reason: fmt.Sprintf(format, args...)}
}
