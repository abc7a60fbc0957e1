package signed

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

var (
	// ErrBadSignature means the token is malformed or was not signed with
	// this secret; treat it as forged.
	ErrBadSignature = errors.New("signed: bad signature")
	// ErrExpired means the signature is valid but older than the allowed
	// age (or dated in the future).
	ErrExpired = errors.New("signed: signature expired")
	// ErrBadPayload means the signature is valid but the payload does not
	// decode into the requested type.
	ErrBadPayload = errors.New("signed: bad payload")
)

// Signer signs and verifies values with one secret (Isso's session-key).
// It is safe for concurrent use.
type Signer struct {
	key []byte // derived key; the secret itself is not retained
}

// New returns a Signer for secret, taken as its UTF-8 bytes (Isso does not
// hex-decode the session-key).
func New(secret string) *Signer {
	// itsdangerous' Serializer salt "itsdangerous" with "django-concat" key
	// derivation; any other choice would reject every Isso-issued token.
	k := sha1.Sum([]byte("itsdangerous" + "signer" + secret))
	return &Signer{key: k[:]}
}

// Sign returns a token for v stamped with the current time.
func (s *Signer) Sign(v any) (string, error) {
	return s.SignAt(v, time.Now())
}

// SignAt returns a token for v stamped with t (for known-answer tests and
// fixtures; production code should call Sign).
func (s *Signer) SignAt(v any, t time.Time) (string, error) {
	payload, err := encodePayload(v)
	if err != nil {
		return "", err
	}
	ts, err := encodeTimestamp(t)
	if err != nil {
		return "", err
	}
	value := payload + "." + ts
	return value + "." + b64.EncodeToString(s.mac(value)), nil
}

// Unsign verifies token, checks that it is at most maxAge old at now
// (maxAge <= 0 skips the age check) and decodes its payload into out.
func (s *Signer) Unsign(token string, maxAge time.Duration, now time.Time, out any) error {
	value, sigText, ok := cutLast(token)
	if !ok {
		return ErrBadSignature
	}
	sig, err := decodeB64(sigText)
	// hmac.Equal runs in constant time so the signature cannot be guessed
	// byte by byte from response timing.
	if err != nil || !hmac.Equal(sig, s.mac(value)) {
		return ErrBadSignature
	}
	payload, tsText, ok := cutLast(value)
	if !ok {
		return ErrBadSignature
	}
	signedAt, err := decodeTimestamp(tsText)
	if err != nil {
		return ErrBadSignature
	}
	if maxAge > 0 {
		// Whole seconds, as itsdangerous compares them.
		age := now.Unix() - signedAt
		if age < 0 || age > int64(maxAge/time.Second) {
			return fmt.Errorf("%w: signed at %d, age %ds, max %s", ErrExpired, signedAt, age, maxAge)
		}
	}
	data, err := decodePayload(payload)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadPayload, err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%w: %v", ErrBadPayload, err)
	}
	return nil
}

func (s *Signer) mac(value string) []byte {
	m := hmac.New(sha1.New, s.key)
	m.Write([]byte(value))
	return m.Sum(nil)
}

// cutLast splits s at its last ".".
func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}
