// Package auth checks the admin password, limits failed logins and issues
// the signed, expiring session tokens of the admin panel.
package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// Password verifies a submitted admin password against [admin] password,
// which is either plain text (as in Isso), a bcrypt hash ($2a$, $2b$, $2y$)
// or an argon2id hash in the PHC form
// $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>.
type Password struct {
	kind   string // "plain", "bcrypt", "argon2id"
	plain  [32]byte
	bcrypt []byte
	argon  argonParams
}

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
	salt    []byte
	hash    []byte
}

// ParsePassword reads the configured value. An empty value is refused:
// Isso never accepts an empty password either.
func ParsePassword(configured string) (*Password, error) {
	switch {
	case configured == "":
		return nil, errors.New("auth: [admin] password is empty")
	case strings.HasPrefix(configured, "$2a$"), strings.HasPrefix(configured, "$2b$"), strings.HasPrefix(configured, "$2y$"):
		if _, err := bcrypt.Cost([]byte(configured)); err != nil {
			return nil, fmt.Errorf("auth: [admin] password looks like a bcrypt hash but is not one: %w", err)
		}
		return &Password{kind: "bcrypt", bcrypt: []byte(configured)}, nil
	case strings.HasPrefix(configured, "$argon2id$"):
		p, err := parseArgon2id(configured)
		if err != nil {
			return nil, fmt.Errorf("auth: [admin] password looks like an argon2id hash but is not one: %w", err)
		}
		return &Password{kind: "argon2id", argon: p}, nil
	case strings.HasPrefix(configured, "$argon2"):
		return nil, errors.New("auth: only argon2id hashes are supported, not argon2i or argon2d")
	}
	// Plain passwords are compared through their SHA-256, so the
	// comparison is constant-time whatever the lengths are.
	return &Password{kind: "plain", plain: sha256.Sum256([]byte(configured))}, nil
}

// Kind names the configured form: "plain", "bcrypt" or "argon2id".
func (p *Password) Kind() string { return p.kind }

// Check reports whether submitted is the admin password, in time that
// does not depend on how much of it is right.
func (p *Password) Check(submitted string) bool {
	switch p.kind {
	case "bcrypt":
		return bcrypt.CompareHashAndPassword(p.bcrypt, []byte(submitted)) == nil
	case "argon2id":
		a := p.argon
		got := argon2.IDKey([]byte(submitted), a.salt, a.time, a.memory, a.threads, uint32(len(a.hash)))
		return subtle.ConstantTimeCompare(got, a.hash) == 1
	default:
		sum := sha256.Sum256([]byte(submitted))
		return hmac.Equal(sum[:], p.plain[:])
	}
}

// parseArgon2id parses $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash> with
// unpadded standard base64, as the reference implementation prints it.
func parseArgon2id(s string) (argonParams, error) {
	var p argonParams
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errors.New("want $argon2id$v=19$m=…,t=…,p=…$salt$hash")
	}
	if parts[2] != "v=19" {
		return p, fmt.Errorf("unsupported version %q", parts[2])
	}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return p, fmt.Errorf("parameter %q: %w", kv, err)
		}
		switch k {
		case "m":
			p.memory = uint32(n)
		case "t":
			p.time = uint32(n)
		case "p":
			if n == 0 || n > 255 {
				return p, fmt.Errorf("parameter %q out of range", kv)
			}
			p.threads = uint8(n)
		default:
			return p, fmt.Errorf("unknown parameter %q", k)
		}
	}
	if p.memory == 0 || p.time == 0 || p.threads == 0 {
		return p, errors.New("m, t and p are required")
	}
	dec := base64.RawStdEncoding
	var err error
	if p.salt, err = dec.DecodeString(strings.TrimRight(parts[4], "=")); err != nil {
		return p, fmt.Errorf("salt: %w", err)
	}
	if p.hash, err = dec.DecodeString(strings.TrimRight(parts[5], "=")); err != nil {
		return p, fmt.Errorf("hash: %w", err)
	}
	if len(p.hash) < 16 {
		return p, errors.New("hash shorter than 16 bytes")
	}
	return p, nil
}

// HashArgon2id hashes a password for [admin] password (used by docs and
// tests; any standard argon2id tool produces the same format).
func HashArgon2id(password string, salt []byte) string {
	const memory, passes, lanes = 64 * 1024, 3, 2
	h := argon2.IDKey([]byte(password), salt, passes, memory, lanes, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", memory, passes, lanes, enc.EncodeToString(salt), enc.EncodeToString(h))
}
