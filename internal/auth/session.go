package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
)

// ErrInvalidSession is any token that is malformed, forged, expired or
// revoked; callers need not tell these apart.
var ErrInvalidSession = errors.New("auth: invalid session")

// Session is a verified admin session.
type Session struct {
	ID      string // random, identifies the session for CSRF and logout
	Expires time.Time
}

// SessionStore keeps the record of every live session, so that a logout
// outlives the process (internal/store implements it on the database).
type SessionStore interface {
	CreateSession(ctx context.Context, id string, now, expires time.Time) error
	SessionActive(ctx context.Context, id string, now time.Time) (bool, error)
	RevokeSession(ctx context.Context, id string) error
	RevokeAllSessions(ctx context.Context) error
}

// Sessions issues and verifies session tokens:
// base64url(expiry unix seconds ‖ 16 random bytes) "." base64url(HMAC-SHA256).
// The key is derived from the site's secret and the configured password, so
// changing the password logs every session out. The signature turns forged
// tokens away without a database read; a valid one must also still be
// recorded in the store, so logout and "log out everywhere" are final.
type Sessions struct {
	key   []byte
	ttl   time.Duration
	store SessionStore
}

// NewSessions derives the signing key from secret and password.
func NewSessions(secret []byte, password string, ttl time.Duration, store SessionStore) *Sessions {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("natter admin session\x00"))
	m.Write([]byte(password))
	return &Sessions{key: m.Sum(nil), ttl: ttl, store: store}
}

// TTL is how long a new session lasts.
func (s *Sessions) TTL() time.Duration { return s.ttl }

// Issue creates and records a token valid from now for the TTL.
func (s *Sessions) Issue(ctx context.Context, now time.Time) (string, Session, error) {
	payload := make([]byte, 8+16)
	exp := now.Add(s.ttl).Truncate(time.Second)
	binary.BigEndian.PutUint64(payload, uint64(exp.Unix()))
	if _, err := rand.Read(payload[8:]); err != nil {
		return "", Session{}, err
	}
	enc := base64.RawURLEncoding
	tok := enc.EncodeToString(payload) + "." + enc.EncodeToString(s.mac("session", payload))
	sess := Session{ID: enc.EncodeToString(payload[8:]), Expires: exp}
	if err := s.store.CreateSession(ctx, sess.ID, now, exp); err != nil {
		return "", Session{}, err
	}
	return tok, sess, nil
}

// Verify checks a token's signature, expiry and record. A store failure
// is returned as it is, not as ErrInvalidSession.
func (s *Sessions) Verify(ctx context.Context, token string, now time.Time) (Session, error) {
	enc := base64.RawURLEncoding
	p, m, ok := strings.Cut(token, ".")
	if !ok {
		return Session{}, ErrInvalidSession
	}
	payload, err1 := enc.DecodeString(p)
	sig, err2 := enc.DecodeString(m)
	if err1 != nil || err2 != nil || len(payload) != 24 {
		return Session{}, ErrInvalidSession
	}
	if !hmac.Equal(sig, s.mac("session", payload)) {
		return Session{}, ErrInvalidSession
	}
	exp := time.Unix(int64(binary.BigEndian.Uint64(payload)), 0)
	if !now.Before(exp) {
		return Session{}, ErrInvalidSession
	}
	sess := Session{ID: enc.EncodeToString(payload[8:]), Expires: exp}
	active, err := s.store.SessionActive(ctx, sess.ID, now)
	if err != nil {
		return Session{}, err
	}
	if !active {
		return Session{}, ErrInvalidSession
	}
	return sess, nil
}

// Revoke ends a session before its expiry (logout).
func (s *Sessions) Revoke(ctx context.Context, sess Session) error {
	return s.store.RevokeSession(ctx, sess.ID)
}

// RevokeAll ends every session (log out everywhere).
func (s *Sessions) RevokeAll(ctx context.Context) error {
	return s.store.RevokeAllSessions(ctx)
}

// CSRFToken is the anti-forgery token of a session: an HMAC of its id, so
// it needs no storage and changes with every login.
func (s *Sessions) CSRFToken(sess Session) string {
	return base64.RawURLEncoding.EncodeToString(s.mac("csrf", []byte(sess.ID)))
}

// CheckCSRF compares a submitted token in constant time.
func (s *Sessions) CheckCSRF(sess Session, submitted string) bool {
	want := s.CSRFToken(sess)
	return submitted != "" && hmac.Equal([]byte(submitted), []byte(want))
}

func (s *Sessions) mac(purpose string, data []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write(data)
	return m.Sum(nil)
}
