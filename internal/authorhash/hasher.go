// Package authorhash computes Isso's public identity hash (the "hash" field
// of a comment) and Gravatar URLs, byte-compatible with Isso so that hashes
// site owners hard-coded in data-isso-page-author-hashes keep matching.
package authorhash

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// DefaultSalt is Isso's default [hash] salt.
const DefaultSalt = "Eech7co8Ohloopo9Ol6baimi"

// DefaultAlgorithm is Isso's default [hash] algorithm.
const DefaultAlgorithm = "pbkdf2"

// cacheSize bounds the memo cache: a busy thread page has a few hundred
// distinct authors, and each entry costs well under 200 bytes.
const cacheSize = 4096

// Hasher turns an e-mail or anonymised address into Isso's identity hash.
// It is safe for concurrent use.
type Hasher struct {
	kdf   func(input string) []byte
	cache *lru // nil for cheap algorithms, where memoising costs more than it saves
	// fingerprint is the configuration the hashes depend on (IdentityKey).
	fingerprint string
}

// digests maps the hashlib names Isso accepts to Go constructors.
var digests = map[string]func() hash.Hash{
	"md5":      md5.New,
	"sha1":     sha1.New,
	"sha224":   sha256.New224,
	"sha256":   sha256.New,
	"sha384":   sha512.New384,
	"sha512":   sha512.New,
	"sha3_224": func() hash.Hash { return sha3.New224() },
	"sha3_256": func() hash.Hash { return sha3.New256() },
	"sha3_384": func() hash.Hash { return sha3.New384() },
	"sha3_512": func() hash.Hash { return sha3.New512() },
}

// New builds a Hasher from the [hash] salt and algorithm options: "none",
// a plain digest name (unsalted, as in Isso), or
// "pbkdf2[:ITERATIONS[:DKLEN[:DIGEST]]]" (defaults 1000, 6, sha1).
func New(salt, algorithm string) (*Hasher, error) {
	h, err := newHasher(salt, strings.TrimSpace(algorithm))
	if err != nil {
		return nil, err
	}
	h.fingerprint = salt + "\x00" + strings.TrimSpace(algorithm)
	return h, nil
}

func newHasher(salt, algorithm string) (*Hasher, error) {
	switch {
	case algorithm == "none":
		return &Hasher{kdf: func(s string) []byte { return []byte(s) }}, nil
	case algorithm == "pbkdf2" || strings.HasPrefix(algorithm, "pbkdf2:"):
		kdf, err := newPBKDF2(salt, algorithm)
		if err != nil {
			return nil, err
		}
		return &Hasher{kdf: kdf, cache: newLRU(cacheSize)}, nil
	}
	digest, ok := digests[strings.ToLower(algorithm)]
	if !ok {
		return nil, fmt.Errorf("authorhash: unknown algorithm %q", algorithm)
	}
	// Isso ignores the salt for plain digests; doing the same keeps the
	// hashes of existing installations stable.
	return &Hasher{kdf: func(s string) []byte {
		h := digest()
		h.Write([]byte(s))
		return h.Sum(nil)
	}}, nil
}

// newPBKDF2 parses "pbkdf2[:ITERATIONS[:DKLEN[:DIGEST]]]".
func newPBKDF2(salt, algorithm string) (func(string) []byte, error) {
	parts := strings.Split(algorithm, ":")
	if len(parts) > 4 {
		return nil, fmt.Errorf("authorhash: malformed algorithm %q", algorithm)
	}
	iterations, keyLen, digest := 1000, 6, sha1.New
	var err error
	if len(parts) > 1 {
		if iterations, err = strconv.Atoi(parts[1]); err != nil || iterations < 1 {
			return nil, fmt.Errorf("authorhash: bad pbkdf2 iterations in %q", algorithm)
		}
	}
	if len(parts) > 2 {
		if keyLen, err = strconv.Atoi(parts[2]); err != nil || keyLen < 1 {
			return nil, fmt.Errorf("authorhash: bad pbkdf2 key length in %q", algorithm)
		}
	}
	if len(parts) > 3 {
		d, ok := digests[strings.ToLower(parts[3])]
		if !ok {
			return nil, fmt.Errorf("authorhash: unknown pbkdf2 digest in %q", algorithm)
		}
		digest = d
	}
	saltBytes := []byte(salt)
	// Validate the parameters once so Hash never has to report an error.
	if _, err := pbkdf2.Key(digest, "", saltBytes, 1, keyLen); err != nil {
		return nil, fmt.Errorf("authorhash: %w", err)
	}
	return func(s string) []byte {
		key, err := pbkdf2.Key(digest, s, saltBytes, iterations, keyLen)
		if err != nil {
			// Unreachable: parameters were validated above.
			panic(err)
		}
		return key
	}, nil
}

// Hash returns the lower-case hex identity hash of s.
func (h *Hasher) Hash(s string) string {
	if h.cache == nil {
		return hex.EncodeToString(h.kdf(s))
	}
	if v, ok := h.cache.get(s); ok {
		return v
	}
	v := hex.EncodeToString(h.kdf(s))
	h.cache.put(s, v)
	return v
}

// Identity hashes the stored e-mail if non-empty, else the anonymised
// remote address, as Isso does for the public "hash" field.
func (h *Hasher) Identity(email, remoteAddr string) string {
	return h.Hash(identityInput(email, remoteAddr))
}

// IdentityKey names the hash Identity returns for these values under this
// configuration without computing it, for stored hashes: a different
// salt, algorithm, e-mail or address gives a different key. It reveals
// neither the salt nor the values.
func (h *Hasher) IdentityKey(email, remoteAddr string) string {
	sum := sha256.Sum256([]byte(h.fingerprint + "\x00" + identityInput(email, remoteAddr)))
	return hex.EncodeToString(sum[:16])
}

func identityInput(email, remoteAddr string) string {
	if email != "" {
		return email
	}
	return remoteAddr
}
