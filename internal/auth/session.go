package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
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

// Sessions issues and verifies stateless session tokens:
// base64url(expiry unix seconds ‖ 16 random bytes) "." base64url(HMAC-SHA256).
// The key is derived from the site's secret and the configured password, so
// changing the password logs every session out. Logout revokes a token in
// memory until it would have expired anyway.
type Sessions struct {
	key []byte
	ttl time.Duration

	mu      sync.Mutex
	revoked map[string]time.Time
}

// NewSessions derives the signing key from secret and password.
func NewSessions(secret []byte, password string, ttl time.Duration) *Sessions {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("natter admin session\x00"))
	m.Write([]byte(password))
	return &Sessions{key: m.Sum(nil), ttl: ttl, revoked: map[string]time.Time{}}
}

// TTL is how long a new session lasts.
func (s *Sessions) TTL() time.Duration { return s.ttl }

// Issue creates a token valid from now for the TTL.
func (s *Sessions) Issue(now time.Time) (string, Session, error) {
	payload := make([]byte, 8+16)
	exp := now.Add(s.ttl).Truncate(time.Second)
	binary.BigEndian.PutUint64(payload, uint64(exp.Unix()))
	if _, err := rand.Read(payload[8:]); err != nil {
		return "", Session{}, err
	}
	enc := base64.RawURLEncoding
	tok := enc.EncodeToString(payload) + "." + enc.EncodeToString(s.mac("session", payload))
	return tok, Session{ID: enc.EncodeToString(payload[8:]), Expires: exp}, nil
}

// Verify checks a token's signature, expiry and revocation.
func (s *Sessions) Verify(token string, now time.Time) (Session, error) {
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
	s.mu.Lock()
	_, revoked := s.revoked[sess.ID]
	s.mu.Unlock()
	if revoked {
		return Session{}, ErrInvalidSession
	}
	return sess, nil
}

// Revoke ends a session before its expiry (logout).
func (s *Sessions) Revoke(sess Session, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, exp := range s.revoked {
		if !now.Before(exp) {
			delete(s.revoked, id)
		}
	}
	s.revoked[sess.ID] = sess.Expires
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
