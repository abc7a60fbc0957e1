package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// minimal is the smallest valid file: Isso requires a host.
const minimal = "[general]\nhost = http://example.org\n"

// writeFile writes text into dir/name and returns the path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadText loads text as a configuration file.
func loadText(t *testing.T, text string, env ...string) (*Config, []Warning, error) {
	t.Helper()
	return Load(writeFile(t, t.TempDir(), "isso.cfg", text), env)
}

// mustLoad loads text and fails the test on error.
func mustLoad(t *testing.T, text string, env ...string) (*Config, []Warning) {
	t.Helper()
	c, w, err := loadText(t, text, env...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c, w
}

// problems returns the problems of a Load error.
func problems(t *testing.T, err error) []Problem {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not *Error", err, err)
	}
	return e.Problems
}

// hasWarning reports whether a warning names section and key and contains msg.
func hasWarning(ws []Warning, section, key, msg string) bool {
	for _, w := range ws {
		if w.Section == section && w.Key == key && strings.Contains(w.Message, msg) {
			return true
		}
	}
	return false
}
