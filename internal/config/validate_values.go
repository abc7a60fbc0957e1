package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// checkAlgorithm validates [hash] algorithm: "none", a hashlib name, or
// pbkdf2[:ITERATIONS[:DKLEN[:DIGEST]]].
func (l *loader) checkAlgorithm(a string) error {
	if a == "" {
		return errors.New("must not be empty (use none, pbkdf2[:ITERATIONS[:DKLEN[:DIGEST]]] or a hash name)")
	}
	if a != "pbkdf2" && !strings.HasPrefix(a, "pbkdf2:") {
		if a != "none" && !knownDigest(a) {
			s := l.get("hash", "algorithm")
			l.warn(s.origin, "hash", "algorithm", fmt.Sprintf("unusual hash name %q; Natter may not support it", a))
		}
		return nil
	}
	parts := strings.Split(a, ":")
	if len(parts) > 4 {
		return fmt.Errorf("malformed %q: want pbkdf2[:ITERATIONS[:DKLEN[:DIGEST]]]", a)
	}
	for i, what := range []string{"", "iterations", "key length"} {
		if i == 0 || i >= len(parts) {
			continue
		}
		if n, err := strconv.Atoi(parts[i]); err != nil || n <= 0 {
			return fmt.Errorf("malformed %q: %s must be a positive integer", a, what)
		}
	}
	if len(parts) == 4 && !knownDigest(parts[3]) {
		return fmt.Errorf("malformed %q: unknown digest %q", a, parts[3])
	}
	return nil
}

// knownDigest reports whether name is a common Python hashlib algorithm.
func knownDigest(name string) bool {
	switch name {
	case "md5", "sha1", "sha224", "sha256", "sha384", "sha512",
		"sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s":
		return true
	}
	return false
}

// isURL reports whether a [natter] database value is a URL rather than a
// SQLite file path.
func isURL(s string) bool { return strings.Contains(s, "://") }

// checkDatabase accepts a SQLite path or a PostgreSQL URL: a value with
// "://" must be a postgres:// or postgresql:// URL, anything else is a
// SQLite path ("file:" DSNs included). One rule for [natter] database and
// [general] dbpath.
func checkDatabase(dsn string) error {
	if !isURL(dsn) {
		return nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return fmt.Errorf("unparsable database URL: %w", redact(err))
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return fmt.Errorf("unsupported database URL scheme %q (want postgres:// or a SQLite file path)", u.Scheme)
	}
	return nil
}

// redact drops the URL from a url.Error so a password in it is not logged.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// expandHome expands a leading "~" like Python's os.path.expanduser, using
// HOME from the given environment. "~user" forms are left alone.
func expandHome(path string, env map[string]string) string {
	home, ok := env["HOME"]
	if !ok || home == "" {
		return path
	}
	if path == "~" {
		return home
	}
	if rest, found := strings.CutPrefix(path, "~/"); found {
		return strings.TrimRight(home, "/") + "/" + rest
	}
	return path
}
