package sitesadmin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// tokens are the panel's sessions: "<expiry unix seconds>.<HMAC>", signed
// with a key derived from the registry's random secret and the configured
// password, so a new password (or a new registry) ends every session.
type tokens struct {
	key []byte
	ttl time.Duration
}

func newTokens(secret []byte, password string, ttl time.Duration) *tokens {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("natter sites admin session\x00"))
	m.Write([]byte(password))
	return &tokens{key: m.Sum(nil), ttl: ttl}
}

func (t *tokens) mac(purpose, data string) string {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte(purpose + "\x00" + data))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// issue makes a token valid from now for the TTL.
func (t *tokens) issue(now time.Time) string {
	exp := strconv.FormatInt(now.Add(t.ttl).Unix(), 10)
	return exp + "." + t.mac("session", exp)
}

// valid reports whether token is signed by us and not expired.
func (t *tokens) valid(token string, now time.Time) bool {
	exp, sig, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(t.mac("session", exp))) {
		return false
	}
	n, err := strconv.ParseInt(exp, 10, 64)
	return err == nil && now.Unix() < n
}

// csrf is the form token bound to a session token.
func (t *tokens) csrf(token string) string { return t.mac("csrf", token) }

// checkCSRF reports whether submitted is the form token of token.
func (t *tokens) checkCSRF(token, submitted string) bool {
	return submitted != "" && hmac.Equal([]byte(submitted), []byte(t.csrf(token)))
}
